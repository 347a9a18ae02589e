"""Segmentation of the Hugging Face page dump: every paper, no chrome, rejects reported."""

from __future__ import annotations

from typing import Any

import pytest

from extract.readers import hf_page


def test_sample_has_all_79_papers_with_exact_titles(sample_entries: list[Any], gold: list[dict[str, Any]]) -> None:
    assert len(sample_entries) == 79
    assert [e.title for e in sample_entries] == [g["title"] for g in gold]
    assert all(e.reject is None and e.abstract and len(e.abstract) > 200 for e in sample_entries)


def test_sample_positions(sample_entries: list[Any]) -> None:
    assert [e.index for e in sample_entries] == list(range(79))
    assert sample_entries[0].line == 11
    assert sample_entries[1].line == 15
    assert sample_entries[-1].line == 323


@pytest.mark.parametrize(
    "line",
    ["new", "Get trending papers in your email inbox!", "Subscribe", "byAK and the research community",
     "Jun 3", "June 3, 2025", "3 Jun", "2025-06-03", "OSZAR »", "Submitted by akhaliq", "· 7 authors", "123",
     "Sign up for our newsletter", "Published on Jun 3"],
)
def test_chrome_lines_are_recognised_by_shape(line: str) -> None:
    assert hf_page.is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["Learning Transformer Programs", "LLMs can implicitly learn from mistakes in-context",
     "Learn or Recall? Revisiting Incremental Learning with Pre-trained Language Models",
     "Learning to Navigate the Web", "Subscription-free Models of Newsletters Are All You Need for Summarization"],
)
def test_titles_are_not_chrome(line: str) -> None:
    assert not hf_page.is_chrome(line)


ABSTRACT = ("We study a problem. " * 20).strip()


def test_broken_structure_becomes_rejects_not_losses() -> None:
    text = f"Jun 3\n\nA Title With No Abstract\n\nAnother Title\n\n{ABSTRACT}\n\n{ABSTRACT}\n\nLast Title\n\nSubscribe\n"
    entries = list(hf_page.read(text.splitlines(keepends=True), "t.txt"))
    assert [(e.title, e.reject) for e in entries] == [
        ("A Title With No Abstract", "title with no abstract after it"),
        ("Another Title", None),
        (None, "abstract with no title before it"),
        ("Last Title", "title with no abstract after it"),
    ]
    assert [e.index for e in entries] == [0, 1, 2, 3]
    assert [e.line for e in entries] == [3, 5, 9, 11]


def test_detects_the_sample_but_not_prose_or_json() -> None:
    from tests.conftest import SAMPLE

    head = SAMPLE.read_text("utf-8")[:65536]
    assert hf_page.detect(head, str(SAMPLE))
    assert not hf_page.detect('[{"title": "x", "summary": "y"}]', "x.json")
    assert not hf_page.detect("# Reading list\n\n- [A paper](https://arxiv.org/abs/2501.00001)\n", "x.md")


# The page as it looks on another day, copied from another browser: upvote
# counts on the line after "Upvote", an author count between title and
# abstract, and a short abstract (one long sentence).
OTHER_DAY = """Daily Papers

by AK and the research community

Submitted by akhaliq

Published on Jun 3, 2025

Upvote
42

Scaling Laws for Sparse Mixture-of-Experts Language Models

· 7 authors

We study scaling laws for sparse Mixture-of-Experts (MoE) models trained on The Pile and evaluate them on MMLU \
and GSM8K. Our method improves accuracy by 3.2% over dense baselines. Code: https://github.com/example/sparsescale.

Upvote
17

Robust Depth Estimation from a Single Image

We propose DepthX, a monocular depth estimation model trained on NYU Depth V2 and KITTI, achieving lower AbsRel.

View all papers
"""


def test_another_days_page_is_detected_and_read_whole() -> None:
    lines = OTHER_DAY.splitlines(keepends=True)
    assert hf_page.detect(OTHER_DAY, "page.txt")
    entries = list(hf_page.read(lines, "page.txt"))
    assert [(e.index, e.line, e.title, e.reject) for e in entries] == [
        (0, 12, "Scaling Laws for Sparse Mixture-of-Experts Language Models", None),
        (1, 21, "Robust Depth Estimation from a Single Image", None),
    ]
    assert entries[1].abstract is not None and entries[1].abstract.startswith("We propose DepthX")


def test_a_short_title_like_paragraph_after_a_title_is_still_a_reject() -> None:
    text = "A Title About Things\n\nAnother Title About Other Things\n\n" + "An abstract sentence goes here. " * 12 + "\n"
    entries = list(hf_page.read(text.splitlines(keepends=True), "page.txt"))
    assert [(e.title, e.reject) for e in entries] == [
        ("A Title About Things", "title with no abstract after it"),
        ("Another Title About Other Things", None),
    ]
