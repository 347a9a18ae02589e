"""One module per input format.

Each module defines `NAME` (the `--format` value), `EXTENSIONS` (file name
endings that hint at it), `detect(head, path) -> bool` (a cheap test on the
first 64 KiB of decoded text) and `read(lines, path) -> Iterator[Entry]`, a
generator that pulls lines lazily and yields every entry it finds, complete or
marked as a reject. `extract.registry` lists them in detection order.
"""
