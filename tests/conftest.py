"""Shared fixtures: the real sample listing, its gold answers, and its records.

The extraction of the sample is computed once per session: building the
pipeline and running it takes a few seconds, and many tests read its output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "hf-papers-listing.txt"
GOLD = FIXTURES / "seed-gold.jsonl"


@pytest.fixture(scope="session")
def gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines()]


@pytest.fixture(scope="session")
def extractor() -> Any:
    from extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_entries() -> list[Any]:
    from extract.readers import hf_page
    from extract.textio import open_text

    source = open_text(str(SAMPLE))
    return list(hf_page.read(source.lines, str(SAMPLE)))


@pytest.fixture(scope="session")
def sample_records(extractor: Any, sample_entries: list[Any]) -> list[dict[str, Any]]:
    return list(extractor.process_many(sample_entries))
