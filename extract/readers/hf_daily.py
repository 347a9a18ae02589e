"""Hugging Face daily-papers JSON: a list of `{"paper": {...}, ...}` items or of paper objects.

A JSON document cannot be streamed line by line, but its items can be
decoded one at a time: the list is walked with `raw_decode`, so each entry
knows the line its object starts on and the start of its source text, and a
document broken as a whole fails with the line and column where it broke.
A single paper object (the `/api/papers/ID` response) is read as one entry,
and a list of other paper objects (a CSL-JSON export) is read the same way.

Each item maps to an entry through `jsonl.entry_from_object`: the paper's
own title and summary first, the item's top-level copies as fallback, never
`ai_summary`; `githubRepo` and `projectPage` become links.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

import regex

from extract.entry import Entry
from extract.errors import InputError
from extract.readers.jsonl import RAW_CHARS, entry_from_object

NAME = "hf-daily"
EXTENSIONS = (".json",)

_DECODER = json.JSONDecoder()
_SPACE = regex.compile(r"\s*")
_LIST_OF_PAPERS = regex.compile(r'^\s*\[\s*\{.*?"(?:paper|title|summary)"\s*:', regex.DOTALL)
_PAPER_OBJECT = regex.compile(r'^\s*\{\s*\n')  # pretty-printed: not one object per line
_PAPER_MARK = regex.compile(r'"(?:paper|summary|abstract)"\s*:')


def detect(head: str, path: str) -> bool:
    """A JSON list of paper objects, or one pretty-printed paper object.

    Any list of objects with a title and a summary or abstract is accepted,
    not only Hugging Face's: a CSL-JSON export from a reference manager has
    the same shape, and no other reader takes JSON documents.
    """
    if not (_LIST_OF_PAPERS.match(head) or _PAPER_OBJECT.match(head)):
        return False
    return bool(_PAPER_MARK.search(head)) and '"title"' in head


def _error(path: str, err: json.JSONDecodeError) -> InputError:
    return InputError(
        f"{path}: not valid JSON at line {err.lineno}, column {err.colno} ({err.msg}); "
        "the document must be whole: re-download or re-save it"
    )


def _too_deep(path: str, text: str, position: int) -> InputError:
    line = 1 + text.count("\n", 0, position)
    return InputError(f"{path}: JSON nested too deeply in the item starting at line {line}; a paper is a flat object")


def _decode_at(text: str, position: int, path: str) -> tuple[Any, int]:
    """The JSON value starting at `position` and where it ends; a clear InputError otherwise."""
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as err:
        raise _error(path, err) from None
    except RecursionError:
        raise _too_deep(path, text, position) from None


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Yield one entry per item of the top-level list (or the one top-level object)."""
    text = "".join(lines)
    position = _SPACE.match(text).end()
    line = 1 + text.count("\n", 0, position)
    if text.startswith("{", position):
        value, end = _decode_at(text, position, path)
        _expect_end(text, end, path)
        yield entry_from_object(value, path, 0, line, text[position : position + RAW_CHARS])
        return
    if not text.startswith("[", position):
        raise InputError(
            f"{path}: expected a JSON list of papers at line {line}; this is not Hugging Face daily-papers JSON"
        )
    position += 1
    index = 0
    counted = 0  # newlines before `counted` are already in `line`
    while True:
        position = _SPACE.match(text, position).end()
        if text.startswith("]", position):
            _expect_end(text, position + 1, path)
            return
        if index and not text.startswith(",", position):
            raise _error(path, json.JSONDecodeError("Expecting ',' delimiter", text, position))
        if index:
            position = _SPACE.match(text, position + 1).end()
        value, end = _decode_at(text, position, path)
        line += text.count("\n", counted, position)
        counted = position
        yield entry_from_object(value, path, index, line, text[position : min(end, position + RAW_CHARS)])
        index += 1
        position = end


def _expect_end(text: str, position: int, path: str) -> None:
    rest = _SPACE.match(text, position).end()
    if rest < len(text):
        raise _error(path, json.JSONDecodeError("Extra data", text, rest))
