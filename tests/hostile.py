"""Hostile inputs, generated at test time from the real sample listing.

Nothing here is a committed blob: every hostile file is a named transformation
of the sample page dump (or of a format sample written by the fixture
generators), so a failing case says which edge it covers. All randomness is
seeded, so every run builds the same bytes.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import importlib
import lzma
import random
from pathlib import Path
from typing import Callable, Sequence

from tests.conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text("utf-8").rstrip("\n") + "\n"  # every line ends in a newline
FIRST_ABSTRACT_WORDS = "Large Reasoning Models (LRMs) have shown remarkable capabilities"
ACCENTED_CP1252 = "naïve, déjà vu, “quoted” — Zürich"
ACCENTED_LATIN1 = "naïve, déjà vu, Zürich"
# Characters removed while reading (tab, newline and separators excepted).
REMOVABLE_CONTROLS = "\x00\x01\x07\x1b\x7f\x9f\ufeff"

# Format generator modules: each has GENERATORS = {format: (file name, render(pairs) -> str)}.
FORMAT_GENERATOR_MODULES = ("tests.formatgen_feeds", "tests.formatgen_files")


def encoded(text: str, codec: str, bom: bool = False, newline: str = "\n") -> bytes:
    """`text` with its line ends replaced and encoded, optionally behind its byte-order mark."""
    data = text.replace("\n", newline).encode(codec)
    marks = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
             "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    return (marks[codec] if bom else b"") + data


def with_phrase(text: str, phrase: str, late: bool = False) -> str:
    """The sample with `phrase` written into the first abstract, or into one past the first 64 KiB."""
    if not late:
        return text.replace(FIRST_ABSTRACT_WORDS, f"{FIRST_ABSTRACT_WORDS} ({phrase})", 1)
    cut = text.index("\n\n", 70_000)
    start = text.index(". ", cut) + 2
    return text[:start] + phrase + " " + text[start:]


def with_controls(text: str, every: int = 997) -> str:
    """Removable control characters sprinkled through the text, inside words too."""
    pieces = [text[index : index + every] for index in range(0, len(text), every)]
    out = [pieces[0]]
    for number, piece in enumerate(pieces[1:]):
        out.append(REMOVABLE_CONTROLS[number % len(REMOVABLE_CONTROLS)])
        out.append(piece)
    return "".join(out)


def mixed_encodings(text: str) -> bytes:
    """UTF-8 (with a curly quote) followed by a cp1252 paragraph: no single decoding is right."""
    return with_phrase(text, "it’s").encode("utf-8") + "\n\nCafé crème\n".encode("cp1252")


def binary_blob(size: int = 50_000, seed: int = 7) -> bytes:
    """Bytes shaped like a binary file: random, with runs of NULs."""
    rng = random.Random(seed)
    data = bytearray(rng.randbytes(size))
    for start in range(0, size, 512):
        data[start : start + 16] = bytes(16)
    return bytes(data)


def listing(pairs: Sequence[tuple[str, str]]) -> str:
    """A page dump of (title, abstract) paragraphs, as the hf-page reader expects."""
    return "".join(f"{title}\n\n{abstract}\n\n" for title, abstract in pairs)


def one_paper(abstract: str, title: str = "A Paper Title Made For Hostile Input") -> str:
    return listing([(title, abstract)])


def long_line(size: int) -> str:
    """A title, then a single abstract line of `size` characters of prose."""
    sentence = "We study how reasoning models behave on very long inputs without line breaks. "
    return one_paper((sentence * (size // len(sentence) + 1))[:size])


def url_dots(count: int) -> str:
    """`http://a.a.a.a...`: the classic catastrophic-backtracking URL."""
    return "See http://a" + ".a" * count + " for details."


def nested_parentheses(depth: int) -> str:
    return "(" * depth + "x" + ")" * depth


def json_deep(depth: int) -> bytes:
    """A JSON list of papers whose first paper nests `depth` lists deep."""
    return ('[{"title": "Deep", "summary": ' + "[" * depth + "]" * depth + "}]\n").encode()


def jsonl_deep(depth: int, good_line: str) -> bytes:
    """A JSONL file: one good record, then a record nesting `depth` lists deep."""
    return (good_line.rstrip("\n") + "\n" + '{"title": "Deep", "abstract": ' + "[" * depth + "]" * depth + "}\n").encode()


ATOM_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
ATOM_FEED = '<feed xmlns="http://www.w3.org/2005/Atom">\n'


def xml_entity_bomb(levels: int = 10) -> bytes:
    """"Billion laughs": each entity expands to ten of the one before."""
    lines = [ATOM_HEAD, '<!DOCTYPE feed [\n', '<!ENTITY lol0 "lol">\n']
    for level in range(1, levels):
        lines.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">\n')
    lines += ["]>\n", ATOM_FEED, f"<entry><title>&lol{levels - 1};</title><summary>x</summary></entry>\n", "</feed>\n"]
    return "".join(lines).encode()


def xml_external_entity(target: Path) -> bytes:
    """An external entity pointing at a local file the feed must never read."""
    return (
        ATOM_HEAD
        + f'<!DOCTYPE feed [<!ENTITY secret SYSTEM "file://{target}">]>\n'
        + ATOM_FEED
        + "<entry><id>http://arxiv.org/abs/2506.00001v1</id><title>&secret;</title>"
        + "<summary>An abstract long enough to be one.</summary></entry>\n</feed>\n"
    ).encode()


def compressed(data: bytes, kind: str) -> bytes:
    return {"gz": lambda d: gzip.compress(d, mtime=0), "bz2": bz2.compress, "xz": lzma.compress}[kind](data)


def truncated(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def byte_flipped(data: bytes, seed: int, flips: int = 3) -> bytes:
    """`flips` bytes replaced by a different random byte, at seeded positions."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        position = rng.randrange(len(out))
        out[position] ^= rng.randrange(1, 256)
    return bytes(out)


def sample_pairs(count: int) -> list[tuple[str, str]]:
    """The first `count` (title, abstract) pairs of the sample, read by the real reader."""
    from tests.formatgen_feeds import sample_pairs as read_pairs

    return read_pairs()[:count]


def _generators() -> dict[str, tuple[str, Callable[[Sequence[tuple[str, str]]], str]]]:
    generators: dict[str, tuple[str, Callable[[Sequence[tuple[str, str]]], str]]] = {}
    for module_name in FORMAT_GENERATOR_MODULES:
        generators.update(importlib.import_module(module_name).GENERATORS)
    return generators


def format_names() -> list[str]:
    """Every format a sample can be written in: the page dump and each generator's formats."""
    return sorted(["hf-page", *_generators()])


def format_samples(directory: Path, count: int = 8) -> dict[str, Path]:
    """A small sample file per supported format: the page dump and every format generator's output."""
    pairs = sample_pairs(count)
    written = {"hf-page": directory / "sample-page.txt"}
    written["hf-page"].write_text(listing(pairs), "utf-8")
    for name, (filename, render) in _generators().items():
        target = directory / filename
        target.write_bytes(render(pairs).encode("utf-8"))
        written[name] = target
    return written
