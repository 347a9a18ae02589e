"""Load rule data: JSON Lines pattern files, built-in and user-supplied.

Rules are data so users extend paperlist for their own field with
`--patterns FILE` in the same format as the built-in files, without touching
code. Each line is a spaCy SpanRuler-style object: `label`, `pattern` (a phrase
string or a token-pattern list) and `id` (the canonical name), plus paperlist's
own optional keys `attr` ("LOWER" for case-insensitive phrases) and `optional`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson
import regex

from extract.errors import InputError
from extract.spelling import plural_variant, spelling_variants

BUILTIN_FILES = ("methods", "datasets", "metrics", "tasks", "optional", "stoplist")


def _parse(path: str, data: bytes) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith(b"//"):
            continue
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError as err:
            raise InputError(f"{path}: line {number}: not JSON ({err}); fix the pattern file") from None
        if not isinstance(item, dict) or "label" not in item or not ({"pattern", "entity"} & item.keys()):
            raise InputError(f"{path}: line {number}: a pattern needs 'label' and 'pattern'")
        yield item


@lru_cache(maxsize=None)
def builtin_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """One built-in pattern file (empty when the file is absent)."""
    resource = resources.files("extract") / "patterns" / f"{name}.jsonl"
    if not resource.is_file():
        return ()
    return tuple(_parse(f"patterns/{name}.jsonl", resource.read_bytes()))


def user_patterns(paths: Iterable[str]) -> list[dict[str, Any]]:
    """Patterns from `--patterns FILE` options."""
    items: list[dict[str, Any]] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            raise InputError(f"{path}: cannot read pattern file ({err.strerror})") from None
        items.extend(_parse(path, data))
    return items


# A hyphen between two capitalised words: the dash of an eponym pair (Mann-Whitney).
_EPONYM_HYPHEN = regex.compile(r"(?<=\p{Lu}\p{Ll}+)-(?=\p{Lu}\p{Ll})")


def with_spelling_variants(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`items` plus, for each phrase, its other spelling ("normalisation" for
    "normalization") and, for a metric of several words, its plural ("F1
    scores"), with the same label, id and options, unless already listed."""
    listed = {(item["label"], item["pattern"]) for item in items if isinstance(item.get("pattern"), str)}
    extra: list[dict[str, Any]] = []
    for item in items:
        pattern = item.get("pattern")
        if not isinstance(pattern, str):
            continue
        variants = spelling_variants(pattern)
        if _EPONYM_HYPHEN.search(pattern):  # "Kaplan-Meier" as LaTeX sets it: "Kaplan--Meier", "Kaplan–Meier"
            variants += [_EPONYM_HYPHEN.sub(dash, pattern) for dash in ("--", "–")]
        if item["label"] == "METRIC":
            variants += [p for p in map(plural_variant, [pattern, *variants]) if p is not None]
        for variant in variants:
            if (item["label"], variant) not in listed:
                listed.add((item["label"], variant))
                extra.append({**item, "pattern": variant, "id": item.get("id") or pattern})
    return items + extra


def all_patterns(extra: Iterable[str] = ()) -> tuple[dict[str, Any], ...]:
    """Built-in and user patterns, each phrase also in its other spelling.

    Built once per set of `--patterns` files: the gazetteer and the extractor
    both read them while the pipeline is built, and the variants of ~8,000
    phrases cost ~60 ms of start-up each time.
    """
    return _all_patterns(tuple(extra))


@lru_cache(maxsize=8)
def _all_patterns(extra: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    items: list[dict[str, Any]] = []
    for name in BUILTIN_FILES:
        items.extend(builtin_patterns(name))
    items.extend(user_patterns(extra))
    return tuple(with_spelling_variants(items))
