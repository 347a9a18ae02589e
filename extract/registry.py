"""Format name -> reader module, and detection from content.

Order matters: the most specific shapes (XML, JSON, BibTeX, the arXiv mailing)
are tried before the permissive ones (Markdown, CSV, the page dump).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from extract.errors import InputError, UsageError

_MODULES: tuple[tuple[str, str], ...] = (
    ("arxiv-atom", "extract.readers.arxiv_atom"),
    ("hf-daily", "extract.readers.hf_daily"),
    ("jsonl", "extract.readers.jsonl"),
    ("arxiv-mailing", "extract.readers.arxiv_mailing"),
    ("bibtex", "extract.readers.bibtex"),
    ("csv", "extract.readers.csv_reader"),
    ("tsv", "extract.readers.tsv_reader"),
    ("markdown", "extract.readers.markdown"),
    ("hf-page", "extract.readers.hf_page"),
)


def _load(module: str) -> ModuleType:
    return importlib.import_module(module)


def format_names() -> list[str]:
    return [name for name, _ in _MODULES]


def reader_for(name: str) -> ModuleType:
    """The reader module registered under `name` (a `--format` value)."""
    for known, module in _MODULES:
        if known == name:
            return _load(module)
    raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(format_names())}")


def detect_format(head: str, path: str) -> ModuleType:
    """The first reader whose `detect` accepts the head of the input."""
    for _, module in _MODULES:
        reader = _load(module)
        if reader.detect(head, path):
            return reader
    raise InputError(
        f"{path}: not a format paperlist reads ({', '.join(format_names())}); "
        "pass --format NAME if you know what it is"
    )
