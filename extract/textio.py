"""Open an input as clean text lines: decompression, encodings, binary refusal.

Everything downstream sees `str` lines ending in "\\n", with control characters
other than tab and newline removed (PostgreSQL cannot store NUL, and a stray
form feed breaks offsets for users), so offsets always refer to the cleaned
text. Files are read lazily, in bounded chunks: a reader pulls lines as it
needs them, and no line can grow past `MAX_LINE_BYTES`, so a decompression bomb
or a file with no newline cannot exhaust memory.

Encodings, in order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); bytes
that are not text (NUL-heavy, control-heavy, a known binary signature) are
refused; valid UTF-8 is UTF-8; anything else is handed to charset-normalizer
and decoded with a note when it is confidently text in an ASCII-compatible
encoding. A file that is UTF-8 in its first 64 KiB and turns out not to be
later switches encoding only if everything before was ASCII (then nothing
decoded so far can be wrong); a file mixing UTF-8 with another encoding is
refused rather than passed on as mojibake.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import re
import sys
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator, Optional

import regex

from extract.errors import InputError

HEAD_BYTES = 1 << 16
CHUNK_BYTES = 1 << 16
MAX_LINE_BYTES = 1 << 26
MAX_BLANK_HEAD_BYTES = 1 << 24

# Characters that end a line or a page for some readers but not for us: they
# become a space, so the words either side of them stay apart.
_SEPARATOR = regex.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# Every other C0/C1 control (tab and newline kept) and the zero-width no-break
# space, which is only ever a byte-order mark left inside concatenated files.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
# Tested on every line: stdlib `re` scans a plain class 4x faster than `regex`.
_ANY_UNCLEAN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_LINE_BREAK = regex.compile(r"\r\n?")

# A well-formed multi-byte UTF-8 sequence. In a file decoded as a single-byte
# encoding it is almost always UTF-8 text that would come out as mojibake
# ("â€™" for "’"), so such a line proves the file mixes encodings.
_UTF8_MULTIBYTE = regex.compile(
    rb"""(?x)
      [\xc2-\xdf][\x80-\xbf]                 # two bytes: Latin-1 supplement ... NKo
    | [\xe0-\xef][\x80-\xbf]{2}              # three bytes: the rest of the BMP
    | [\xf0-\xf4][\x80-\xbf]{3}              # four bytes: supplementary planes
    """
)

_HIGH_RUN = regex.compile(rb"[\x80-\xff]{2}")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_COMPRESSED: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)
_OPENERS: dict[str, Callable[..., BinaryIO]] = {
    "gzip": lambda fileobj: gzip.GzipFile(fileobj=fileobj),
    "bzip2": lambda fileobj: bz2.BZ2File(fileobj),
    "xz": lambda fileobj: lzma.LZMAFile(fileobj),
}
# Binary formats people pass by mistake, with what to do instead.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; export its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx); extract the listing from it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed; decompress it first (zstd -d) or recompress with gzip"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; extract the listing from it first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a text listing"),
    (b"\xff\xd8\xff", "a JPEG image, not a text listing"),
    (b"GIF8", "a GIF image, not a text listing"),
    (b"\x7fELF", "an executable, not a text listing"),
    (b"SQLite format 3\x00", "an SQLite database, not a text listing"),
)
_WIDE = {"utf-16": 2, "utf-32": 4}  # bytes per ASCII character: the head holds as much text
_DECOMPRESS_ERRORS = (EOFError, OSError, lzma.LZMAError, zlib.error)


@dataclass
class TextInput:
    """A decoded input: its name, a head sample for detection, and its lines.

    `notes` says what was done that the user should know (a guessed encoding,
    a cut line); notes found while `lines` is consumed are appended to it then.
    """

    path: str
    encoding: str
    head: str
    lines: Iterator[str]
    notes: list[str] = field(default_factory=list)


def clean_line(line: str) -> str:
    """Normalise line ends to "\\n" and drop control characters (tab and newline kept).

    Line and page separators (form feed, NEL, U+2028, U+2029) become a space
    rather than vanishing, so the words they separated stay apart.
    """
    if not _ANY_UNCLEAN.search(line):
        return line
    if "\r" in line:
        line = _LINE_BREAK.sub("\n", line)
    return _CONTROL.sub("", _SEPARATOR.sub(" ", line))


class _Prefixed(io.RawIOBase):
    """A readable stream that first returns `prefix`, then the rest of `stream`.

    Lets the first bytes be inspected (compression magic, binary signatures)
    without `peek`, which on a pipe may return fewer bytes than asked for.
    """

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._prefix:
            data, self._prefix = self._prefix[: len(buffer)], self._prefix[len(buffer) :]
        else:
            read1 = getattr(self._stream, "read1", None)
            data = read1(len(buffer)) if read1 is not None else self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _open_binary(path: str) -> BinaryIO:
    if path == "-":
        if sys.stdin is None:
            raise InputError("-: standard input is closed; pipe a listing in or name a file")
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


def _read_up_to(read: Callable[[int], bytes], size: int) -> bytes:
    """Up to `size` bytes, fewer only at end of input (a pipe may deliver less per read)."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        data = read(wanted)
        if not data:
            break
        parts.append(data)
        wanted -= len(data)
    return b"".join(parts)


def _refuse_known_binary(start: bytes, path: str) -> None:
    for signature, what in _BINARY_SIGNATURES:
        if start.startswith(signature):
            raise InputError(f"{path}: {what}")


def _compression(start: bytes) -> Optional[str]:
    for magic, kind in _COMPRESSED:
        if start.startswith(magic):
            return kind
    return None


def _looks_binary(sample: bytes) -> bool:
    """NUL-heavy or control-heavy bytes: not text in any ASCII-compatible encoding.

    A stray NUL in a text file is not enough (it is removed while reading);
    more than one byte in a hundred is.
    """
    if not sample:
        return False
    nuls = sample.count(b"\x00")
    if nuls > 2 and nuls * 100 > len(sample):
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32) - nuls
    return controls > 2 and controls * 20 > len(sample)


def _binary_message(sample: bytes, path: str) -> str:
    odd = sample[1::2]
    even = sample[0::2]
    for zeros, text, kind in ((odd, even, "UTF-16-LE"), (even, odd, "UTF-16-BE")):
        if zeros.count(0) * 10 >= len(zeros) * 9 and text.count(0) * 10 < len(text):
            return (
                f"{path}: looks like {kind} text without a byte-order mark; "
                "convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"
            )
    return f"{path}: binary data, not a text listing; give a text, JSON, XML, CSV or BibTeX file"


def _is_ascii_compatible(encoding: str) -> bool:
    """Bytes 0-127 mean ASCII: lines can be split on b"\\n" and markup read as bytes."""
    try:
        return bytes(range(128)).decode(encoding) == bytes(range(128)).decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def _is_single_byte(encoding: str) -> bool:
    """Every byte is one character: no multi-byte sequence can hide a UTF-8 look-alike."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return all(decoder.decode(bytes([b])) != "" for b in range(0x80, 0x100))


def _detect_legacy(sample: bytes) -> Optional[str]:
    """The encoding charset-normalizer is confident of, preferring cp1252 on a tie.

    For English text in a Western encoding charset-normalizer often ranks
    cp1250 or iso8859-10 first on equal scores, and those turn "naïve" into
    "naďve"; cp1252 is by far the likeliest, so it wins every tie, and always
    when the non-ASCII bytes stand alone (accented letters in Latin-script
    text, or a damaged byte), which no multi-byte encoding would produce.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    top = [m for m in matches if m.chaos <= best.chaos + 0.005 and m.coherence >= best.coherence - 0.05]
    if _decodes(sample, "cp1252") and (
        any("cp1252" in m.could_be_from_charset for m in top)
        or sample.decode("cp1252") == str(best)
        or not _HIGH_RUN.search(sample)
    ):
        return "cp1252"
    encoding = codecs.lookup(best.encoding).name
    if encoding in {"utf-8", "utf-16", "utf-32"} or not _is_ascii_compatible(encoding):
        return None
    return encoding


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _mixed_message(path: str, number: int) -> str:
    return (
        f"{path}: line {number} is in a different encoding from the lines before it "
        "(the file mixes UTF-8 with another encoding, or is damaged); convert the whole file to UTF-8"
    )


class _LineDecoder:
    """Bytes of one line -> text, switching away from UTF-8 only where that is safe."""

    def __init__(self, path: str, encoding: str, notes: list[str]) -> None:
        self.path = path
        self.encoding = encoding
        self.notes = notes
        self.seen_non_ascii = False
        self._single_byte = encoding != "utf-8" and _is_single_byte(encoding)

    def decode(self, raw: bytes, number: int, last: bool) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        if self.encoding == "utf-8":
            return self._decode_utf8(raw, number, last)
        if self._single_byte and _UTF8_MULTIBYTE.search(raw):
            raise InputError(_mixed_message(self.path, number))
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError as err:
            raise InputError(
                f"{self.path}: line {number}: byte 0x{raw[err.start]:02x} is not valid {self.encoding} "
                "(the file mixes encodings or is damaged); convert the file to UTF-8"
            ) from None

    def _decode_utf8(self, raw: bytes, number: int, last: bool) -> str:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            if last and err.reason == "unexpected end of data" and err.end == len(raw):
                self.notes.append(
                    f"{self.path}: ends in the middle of a character (truncated?); "
                    "its last incomplete bytes were dropped"
                )
                return raw[: err.start].decode("utf-8")
            if self.seen_non_ascii:
                raise InputError(_mixed_message(self.path, number)) from None
            legacy = _detect_legacy(raw[max(0, err.start - HEAD_BYTES // 2) : err.start + HEAD_BYTES // 2])
            if legacy is None:
                raise InputError(
                    f"{self.path}: line {number} is not valid UTF-8 and not recognisably text "
                    "in another encoding; convert the file to UTF-8"
                ) from None
            self.encoding = legacy
            self._single_byte = _is_single_byte(legacy)
            self.notes.append(f"{self.path}: decoded as {legacy} from line {number} on (not UTF-8)")
            return self.decode(raw, number, last)
        self.seen_non_ascii = True
        return text


def _byte_lines(chunks: Iterator[bytes], limit: int) -> Iterator[tuple[bytes, bool, bool]]:
    """(line without its end, is last, was cut) for universal line ends: \\r\\n, \\r, \\n.

    A line longer than `limit` bytes keeps its first `limit` bytes; the rest,
    up to the next line end, is skipped, so memory stays bounded.
    """
    parts: list[bytes] = []
    size = 0
    cut = False
    after_cr = False
    for chunk in chunks:
        if after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        after_cr = chunk.endswith(b"\r")
        if b"\r" in chunk:
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        pieces = chunk.split(b"\n")
        for piece in pieces[:-1]:
            if not cut:
                if size + len(piece) > limit:
                    piece = piece[: limit - size]
                    cut = True
                parts.append(piece)
            yield b"".join(parts), False, cut
            parts, size, cut = [], 0, False
        tail = pieces[-1]
        if not cut and tail:
            if size + len(tail) > limit:
                tail = tail[: limit - size]
                cut = True
            parts.append(tail)
            size += len(tail)
    if parts or cut:
        yield b"".join(parts), True, cut


def _trim_partial_utf8(raw: bytes) -> bytes:
    """Drop a UTF-8 sequence cut short at the end (a line cut at the byte limit)."""
    back = 0
    while back < 3 and back < len(raw) and 0x80 <= raw[-1 - back] < 0xC0:
        back += 1
    if back == len(raw) or raw[-1 - back] < 0xC0:
        return raw
    lead = raw[-1 - back]
    needed = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    return raw[: len(raw) - back - 1] if back + 1 < needed else raw


class _Source:
    """The (decompressed) byte stream: head bytes first, then bounded chunks."""

    def __init__(self, path: str, raw: BinaryIO, stream: BinaryIO, compressed: Optional[str], head: bytes) -> None:
        self.path = path
        self.raw = raw
        self.stream = stream
        self.compressed = compressed
        self.head = head

    def chunks(self) -> Iterator[bytes]:
        if self.head:
            yield self.head
        while True:
            data = self.read(CHUNK_BYTES)
            if not data:
                return
            yield data

    def read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except _DECOMPRESS_ERRORS as err:
            raise InputError(self.read_error(err)) from None

    def read_error(self, err: BaseException) -> str:
        if self.compressed is not None:
            return f"{self.path}: truncated or corrupt {self.compressed} data ({err}); check the download"
        reason = getattr(err, "strerror", None) or str(err)
        return f"{self.path}: read failed ({reason})"

    def close(self) -> None:
        if self.raw is not getattr(sys.stdin, "buffer", None):
            try:
                self.raw.close()
            except OSError:
                pass


def _transcoded(chunks: Iterator[bytes], encoding: str, path: str, notes: list[str]) -> Iterator[bytes]:
    """UTF-16/32 (with BOM) re-encoded as UTF-8, so one line splitter serves every encoding."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    for chunk in chunks:
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as err:
            raise InputError(
                f"{path}: invalid {encoding.upper()} data near byte {offset + err.start}; "
                "the file is damaged or not in that encoding"
            ) from None
        offset += len(chunk)
        yield text.encode("utf-8")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        notes.append(f"{path}: ends in the middle of a character (truncated?); its last incomplete bytes were dropped")


def _lines(source: _Source, encoding: str, notes: list[str]) -> Iterator[str]:
    path = source.path
    chunks = source.chunks()
    if encoding in {"utf-16", "utf-32"}:
        chunks = _transcoded(chunks, encoding, path, notes)
    decoder = _LineDecoder(path, "utf-8" if encoding in {"utf-16", "utf-32", "utf-8-sig"} else encoding, notes)
    decoder.seen_non_ascii = encoding != decoder.encoding
    limit = MAX_LINE_BYTES
    try:
        for number, (raw, last, cut) in enumerate(_byte_lines(chunks, limit), start=1):
            if cut:
                notes.append(f"{path}: line {number} is longer than {limit} bytes; only its first {limit} bytes were read")
                if decoder.encoding == "utf-8":
                    raw = _trim_partial_utf8(raw)
            yield clean_line(decoder.decode(raw, number, last)) + "\n"
    finally:
        source.close()


def _open_source(raw: BinaryIO, path: str) -> _Source:
    try:
        start = _read_up_to(raw.read, 16)
    except OSError as err:
        raise InputError(f"{path}: read failed ({err.strerror})") from None
    _refuse_known_binary(start, path)
    compressed = _compression(start)
    stream: BinaryIO = io.BufferedReader(_Prefixed(start, raw), CHUNK_BYTES)  # type: ignore[arg-type]
    if compressed is not None:
        try:
            stream = _OPENERS[compressed](stream)
        except _DECOMPRESS_ERRORS as err:
            raise InputError(f"{path}: corrupt {compressed} data ({err}); check the download") from None
    source = _Source(path, raw, stream, compressed, b"")
    head = _read_head(source)
    if compressed is not None:
        _refuse_known_binary(head, path)
    source.head = head
    return source


def _read_head(source: _Source) -> bytes:
    """At least `HEAD_BYTES`, and past any leading run of blank lines (bounded)."""
    parts = [_read_up_to(source.read, HEAD_BYTES)]
    total = len(parts[0])
    while total < MAX_BLANK_HEAD_BYTES and not parts[-1].strip(b" \t\r\n") and len(parts[-1]) == HEAD_BYTES:
        parts.append(_read_up_to(source.read, HEAD_BYTES))
        total += len(parts[-1])
    return b"".join(parts)


def _reads_as_utf32(sample: bytes) -> bool:
    """FF FE 00 00 opens UTF-32-LE, and also UTF-16-LE text whose first character is NUL.

    UTF-32 it is when the rest decodes as UTF-32-LE and, read as UTF-16 code
    units, is mostly the zero or near-zero high halves UTF-32 puts after every
    character; UTF-16 text has those only in its leading NUL.
    """
    body = sample[4 : len(sample) - (len(sample) - 4) % 4]
    try:
        body.decode("utf-32-le")
    except UnicodeDecodeError:
        return False
    units = [int.from_bytes(sample[i : i + 2], "little") for i in range(2, len(sample) - 1, 2)]
    return 2 * sum(unit <= 0x10 for unit in units) > len(units)


def _sniff_encoding(sample: bytes, path: str) -> tuple[str, list[str]]:
    if sample.startswith(codecs.BOM_UTF32_LE) and not _reads_as_utf32(sample):
        return "utf-16", []
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding, []
    if _looks_binary(sample[:HEAD_BYTES]):
        raise InputError(_binary_message(sample[:HEAD_BYTES], path))
    try:
        sample.decode("utf-8")
        return "utf-8", []
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 3 and err.reason == "unexpected end of data":
            return "utf-8", []
        valid_prefix = sample[: err.start]
    if not valid_prefix.isascii() and _UTF8_MULTIBYTE.search(valid_prefix):
        line = valid_prefix.count(b"\n") + 1
        raise InputError(_mixed_message(path, line))
    encoding = _detect_legacy(sample)
    if encoding is None:
        raise InputError(f"{path}: not valid UTF-8 and not recognisably text in another encoding; convert it to UTF-8")
    return encoding, [f"{path}: decoded as {encoding} (not UTF-8)"]


def _decode_head(sample: bytes, encoding: str) -> str:
    if encoding in {"utf-16", "utf-32"}:
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample)
    elif encoding in {"utf-8", "utf-8-sig"}:
        text = sample.decode("utf-8", errors="ignore")
    else:
        text = sample.decode(encoding, errors="replace")
    return clean_line(text)


def open_text(path: str) -> TextInput:
    """Open `path` (or "-" for stdin) and return its decoded, cleaned lines.

    Raises `InputError` for a missing, empty, binary or undecodable input, at
    once when the first 64 KiB show it, otherwise when the bad line is read.
    """
    raw = _open_binary(path)
    try:
        source = _open_source(raw, path)
        sample = source.head
        if not sample.strip(b" \t\r\n"):
            raise InputError(f"{path}: empty input; nothing to read")
        encoding, notes = _sniff_encoding(sample, path)
        if encoding in _WIDE and len(sample) == HEAD_BYTES:
            sample += _read_up_to(source.read, HEAD_BYTES * (_WIDE[encoding] - 1))
            source.head = sample
        head = _decode_head(sample, encoding)
        if not head.strip():
            raise InputError(f"{path}: empty input; nothing to read")
    except BaseException:
        if path != "-":
            raw.close()
        raise
    return TextInput(path=path, encoding=encoding, head=head, lines=_lines(source, encoding, notes), notes=notes)
