"""Reading inputs as clean text: encodings, line ends, binary refusal, compression, limits."""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from extract import textio
from extract.errors import InputError
from extract.textio import clean_line, open_text
from tests import hostile
from tests.hostile import SAMPLE_TEXT


def write(tmp_path: Path, data: bytes, name: str = "input.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def read_all(path: str) -> tuple[str, list[str], textio.TextInput]:
    source = open_text(path)
    lines = list(source.lines)
    return "".join(lines), lines, source


@pytest.mark.parametrize(
    ("codec", "bom", "newline", "encoding"),
    [
        ("utf-8", False, "\n", "utf-8"),
        ("utf-8", True, "\n", "utf-8-sig"),
        ("utf-8", False, "\r\n", "utf-8"),
        ("utf-8", True, "\r\n", "utf-8-sig"),
        ("utf-8", False, "\r", "utf-8"),
        ("utf-16-le", True, "\n", "utf-16"),
        ("utf-16-be", True, "\r\n", "utf-16"),
        ("utf-32-le", True, "\n", "utf-32"),
        ("utf-32-be", True, "\r\n", "utf-32"),
    ],
)
def test_unicode_encodings_and_line_ends_read_as_the_same_text(
    tmp_path: Path, codec: str, bom: bool, newline: str, encoding: str
) -> None:
    text, lines, source = read_all(write(tmp_path, hostile.encoded(SAMPLE_TEXT, codec, bom, newline)))
    assert text == SAMPLE_TEXT
    assert source.encoding == encoding and source.notes == []
    assert all(line.endswith("\n") and "\r" not in line for line in lines)
    assert source.head == SAMPLE_TEXT[: len(source.head)] and len(source.head) > 60_000


def test_every_line_ends_in_newline_even_the_last(tmp_path: Path) -> None:
    _, lines, _ = read_all(write(tmp_path, b"first\r\nsecond\rthird"))
    assert lines == ["first\n", "second\n", "third\n"]


@pytest.mark.parametrize(
    ("codec", "phrase"),
    [("cp1252", hostile.ACCENTED_CP1252), ("latin-1", hostile.ACCENTED_LATIN1)],
)
def test_legacy_encoding_is_decoded_with_a_note(tmp_path: Path, codec: str, phrase: str) -> None:
    expected = hostile.with_phrase(SAMPLE_TEXT, phrase)
    path = write(tmp_path, expected.encode(codec))
    text, _, source = read_all(path)
    assert text == expected
    assert source.encoding == "cp1252"
    assert source.notes == [f"{path}: decoded as cp1252 (not UTF-8)"]


def test_western_text_prefers_cp1252_where_detection_ties_with_cp1250(tmp_path: Path) -> None:
    # charset-normalizer ranks cp1250 first here, which would read "naïve" as "naďve".
    text, _, _ = read_all(write(tmp_path, "Café “naïve” — résumé\n".encode("cp1252")))
    assert text == "Café “naïve” — résumé\n"


def test_non_western_legacy_text_keeps_its_own_encoding(tmp_path: Path) -> None:
    russian = "Это русский текст, достаточно длинный, чтобы определить кодировку.\n" * 5
    text, _, source = read_all(write(tmp_path, russian.encode("cp1251")))
    assert text == russian and source.encoding == "cp1251"


def test_legacy_bytes_after_an_ascii_head_switch_encoding_with_a_note(tmp_path: Path) -> None:
    expected = hostile.with_phrase(SAMPLE_TEXT, hostile.ACCENTED_CP1252, late=True)
    path = write(tmp_path, expected.encode("cp1252"))
    source = open_text(path)
    assert source.encoding == "utf-8" and source.notes == []
    assert "".join(source.lines) == expected
    assert len(source.notes) == 1 and "decoded as cp1252 from line" in source.notes[0]


@pytest.mark.parametrize(
    "data",
    [
        hostile.mixed_encodings(SAMPLE_TEXT),
        "it’s\n".encode() + "Café\n".encode("cp1252"),
        "Café\n".encode("cp1252") + "it’s\n".encode(),
    ],
    ids=["utf8-then-cp1252-late", "utf8-then-cp1252-in-head", "cp1252-then-utf8"],
)
def test_mixed_encodings_are_refused_not_turned_into_mojibake(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=r"line \d+ is in a different encoding.*convert the whole file to UTF-8"):
        read_all(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (hostile.binary_blob(), "binary data"),
        (b"\x00" * 4096, "binary data"),
        (b"\x01\x02\x03\x04\x05\x06" * 1000, "binary data"),
        (SAMPLE_TEXT[:5000].encode("utf-16-le"), "UTF-16-LE text without a byte-order mark"),
        (SAMPLE_TEXT[:5000].encode("utf-16-be"), "UTF-16-BE text without a byte-order mark"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "a zip archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\x28\xb5\x2f\xfd\x00\x58", "zstd-compressed"),
        (hostile.compressed(b"%PDF-1.4\nbody", "gz"), "a PDF document"),
    ],
    ids=["random", "nuls", "controls", "utf16le-no-bom", "utf16be-no-bom", "pdf", "zip", "png", "zstd", "gzipped-pdf"],
)
def test_binary_input_is_refused_with_what_it_is(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=message) as err:
        read_all(path)
    assert str(err.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    "data",
    [b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\xff\xfe\n\x00", b"\x00\n"],
    ids=["empty", "blank", "bom-only", "bom-blank", "utf16-bom-blank", "lone-nul"],
)
def test_empty_input_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match="empty input"):
        open_text(write(tmp_path, data))


def test_blank_lines_past_the_head_do_not_make_the_input_empty(tmp_path: Path) -> None:
    source = open_text(write(tmp_path, b"\n" * 200_000 + b"Title\n"))
    assert "Title" in source.head
    assert list(source.lines)[-1] == "Title\n"


def test_control_characters_are_removed_and_text_is_otherwise_unchanged(tmp_path: Path) -> None:
    text, _, source = read_all(write(tmp_path, hostile.with_controls(SAMPLE_TEXT).encode("utf-8")))
    assert text == SAMPLE_TEXT and source.notes == []


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("plain text\n", "plain text\n"),
        ("tab\tkept\n", "tab\tkept\n"),
        ("nul\x00 bell\x07 esc\x1b del\x7f\n", "nul bell esc del\n"),
        ("c1\x80\x9f controls\n", "c1 controls\n"),
        ("\ufeffbom inside\n", "bom inside\n"),
        ("page\x0cbreak\n", "page break\n"),
        ("line\u2028sep and para\u2029sep\n", "line sep and para sep\n"),
        ("next\x85line\n", "next line\n"),
        ("vertical\x0btab\n", "vertical tab\n"),
        ("crlf\r\n", "crlf\n"),
        ("cr\r", "cr\n"),
        ("a\rb\r\nc", "a\nb\nc"),
        ("é ü “quotes” 中文 😀\n", "é ü “quotes” 中文 😀\n"),
    ],
)
def test_clean_line(line: str, clean: str) -> None:
    assert clean_line(line) == clean
    assert clean_line(clean) == clean


@pytest.mark.parametrize("kind", ["gz", "bz2", "xz"])
def test_compressed_input_reads_as_the_plain_text(tmp_path: Path, kind: str) -> None:
    text, _, _ = read_all(write(tmp_path, hostile.compressed(SAMPLE_TEXT.encode(), kind)))
    assert text == SAMPLE_TEXT


@pytest.mark.parametrize("kind", ["gz", "bz2", "xz"])
@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_damaged_compressed_input_is_refused(tmp_path: Path, kind: str, damage: str) -> None:
    data = hostile.compressed(SAMPLE_TEXT.encode() * 3, kind)
    if damage == "truncated":
        data = hostile.truncated(data, 0.6)
    else:
        middle = bytearray(data)
        for position in range(len(data) // 3, len(data) // 3 + 40):
            middle[position] ^= 0x5A
        data = bytes(middle)
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=rf"{path}: (truncated or )?corrupt"):
        read_all(path)


def test_a_line_past_the_limit_is_cut_with_a_note_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textio, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(textio, "CHUNK_BYTES", 64)
    path = write(tmp_path, b"first\n" + "é".encode() * 5000 + b"\nlast\n")
    source = open_text(path)
    lines = list(source.lines)
    assert lines[0] == "first\n" and lines[2] == "last\n"
    assert lines[1] == "é" * 500 + "\n"
    assert source.notes == [f"{path}: line 2 is longer than 1000 bytes; only its first 1000 bytes were read"]


def test_a_six_megabyte_line_reads_in_well_under_a_second(tmp_path: Path) -> None:
    path = write(tmp_path, hostile.long_line(6_000_000).encode())
    started = time.perf_counter()
    _, lines, _ = read_all(path)
    assert time.perf_counter() - started < 2.0
    assert len(lines[2]) == 6_000_001


def test_a_file_cut_inside_a_character_drops_the_partial_character_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, "Title\n\nan abstract ending in “".encode()[:-1])
    text, _, source = read_all(path)
    assert text == "Title\n\nan abstract ending in \n"
    assert source.notes and "ends in the middle of a character" in source.notes[0]


def test_utf16_with_an_odd_last_byte_drops_it_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, hostile.encoded("Title\n\nabstract\n", "utf-16-le", bom=True) + b"x")
    text, _, source = read_all(path)
    assert text == "Title\n\nabstract\n"
    assert "ends in the middle of a character" in source.notes[0]


def test_a_stray_nul_in_text_is_removed_not_refused(tmp_path: Path) -> None:
    text, _, _ = read_all(write(tmp_path, SAMPLE_TEXT.replace("Large", "La\x00rge", 1).encode()))
    assert text == SAMPLE_TEXT


def test_invalid_utf8_with_no_confident_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"ok line\n" + bytes(range(0x80, 0x100)) * 3 + b"\n")
    with pytest.raises(InputError, match=rf"{path}: (line 2 )?.*not valid"):
        read_all(path)


def test_missing_path_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_text(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        open_text(str(tmp_path))


class _Stdin:
    """What `sys.stdin` offers: a `.buffer` of bytes."""

    def __init__(self, buffer: io.BufferedIOBase) -> None:
        self.buffer = buffer


def test_stdin_is_read_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile.encoded(SAMPLE_TEXT, "utf-16-le", bom=True)
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]
    source = open_text("-")
    assert "".join(source.lines) == SAMPLE_TEXT


def test_a_pipe_that_trickles_bytes_still_detects_compression(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile.compressed(SAMPLE_TEXT.encode(), "gz")
    read_fd, write_fd = os.pipe()

    def trickle() -> None:
        with os.fdopen(write_fd, "wb", buffering=0) as pipe:
            for byte in data[:20]:
                pipe.write(bytes([byte]))
                time.sleep(0.001)
            pipe.write(data[20:])

    writer = threading.Thread(target=trickle)
    writer.start()
    with os.fdopen(read_fd, "rb") as pipe:
        monkeypatch.setattr(sys, "stdin", _Stdin(pipe))  # type: ignore[arg-type]
        text = "".join(open_text("-").lines)
    writer.join()
    assert text == SAMPLE_TEXT


def test_closed_stdin_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="standard input is closed"):
        open_text("-")
