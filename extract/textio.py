"""Open an input as clean text lines: decompression, encodings, binary refusal.

Everything downstream sees `str` lines ending in "\n", with control characters
other than tab and newline removed (PostgreSQL cannot store NUL, and a stray
form feed breaks offsets for users), so offsets always refer to the cleaned
text. Files are read lazily: a reader pulls lines as it needs them.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

import regex

from extract.errors import InputError

HEAD_BYTES = 1 << 16
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gz"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
)


@dataclass
class TextInput:
    """A decoded input: its name, a head sample for detection, and its lines."""

    path: str
    encoding: str
    head: str
    lines: Iterator[str]
    notes: list[str] = field(default_factory=list)


def clean_line(line: str) -> str:
    """Drop control characters (keeping tab and newline) and normalise line ends."""
    if line.endswith("\r\n"):
        line = line[:-2] + "\n"
    elif line.endswith("\r"):
        line = line[:-1] + "\n"
    return _CONTROL.sub("", line.replace("\r", "")) if _CONTROL.search(line) or "\r" in line else line


def _open_binary(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as err:
        raise InputError(f"{path}: cannot open ({err.strerror})") from None


def _decompressed(raw: BinaryIO, path: str) -> BinaryIO:
    peek = _peek(raw, 8)
    for magic, kind in _MAGIC:
        if peek.startswith(magic):
            opener = {"gz": gzip.GzipFile, "bz2": bz2.BZ2File, "xz": lzma.LZMAFile}[kind]
            return opener(fileobj=raw)  # type: ignore[return-value]
    return raw


def _peek(raw: BinaryIO, n: int) -> bytes:
    if not isinstance(raw, io.BufferedReader):
        raise TypeError("expected a buffered binary stream")
    return raw.peek(n)[:n]


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def _sniff_encoding(sample: bytes, path: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding, []
    if _looks_binary(sample):
        raise InputError(f"{path}: binary data, not a text listing; give a text, JSON, XML, CSV or BibTeX file")
    try:
        sample.decode("utf-8")
        return "utf-8", []
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 4 and err.reason.startswith("unexpected end"):
            return "utf-8", []
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or best.encoding in {"utf_8", "utf-8"}:
        raise InputError(f"{path}: not valid UTF-8 and not recognisably text in another encoding; convert it to UTF-8")
    encoding = best.encoding
    return encoding, [f"{path}: decoded as {encoding} (not UTF-8)"]


def _lines(stream: io.TextIOWrapper, path: str) -> Iterator[str]:
    number = 0
    try:
        for line in stream:
            number += 1
            yield clean_line(line)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: undecodable bytes near line {number + 1} ({err.reason}); convert the file to UTF-8"
        ) from None
    except (EOFError, OSError, lzma.LZMAError) as err:
        raise InputError(f"{path}: truncated or corrupt compressed data near line {number + 1} ({err})") from None


def open_text(path: str) -> TextInput:
    """Open `path` (or "-" for stdin) and return its decoded, cleaned lines.

    Raises `InputError` for a missing, empty, binary or undecodable input.
    """
    raw = _open_binary(path)
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    try:
        binary = _decompressed(buffered, path)
        if not isinstance(binary, io.BufferedReader):
            binary = io.BufferedReader(binary)  # type: ignore[arg-type]
        sample = binary.peek(HEAD_BYTES)[:HEAD_BYTES]
    except (EOFError, OSError, lzma.LZMAError) as err:
        raise InputError(f"{path}: corrupt compressed data ({err})") from None
    if not sample.strip(b" \t\r\n\x00" if not sample.startswith((b"\xff\xfe", b"\xfe\xff")) else b""):
        raise InputError(f"{path}: empty input; nothing to read")
    encoding, notes = _sniff_encoding(sample, path)
    head = sample.decode(encoding if encoding != "utf-8-sig" else "utf-8-sig", errors="ignore")
    if encoding == "utf-8-sig":
        head = head.lstrip("\ufeff")
    stream = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
    head = _CONTROL.sub("", head.replace("\r\n", "\n").replace("\r", "\n"))
    if not head.strip():
        raise InputError(f"{path}: empty input; nothing to read")
    return TextInput(path=path, encoding=encoding, head=head, lines=_lines(stream, path), notes=notes)
