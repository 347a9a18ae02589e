"""Schwartz-Hearst acronym definitions, on sentences from real abstracts."""

from __future__ import annotations

import pytest

from extract.components.acronyms import best_long_form, find_abbreviations


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(text[a.long_start : a.long_end], text[a.short_start : a.short_end]) for a in find_abbreviations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("with Language Model Predictive Control (LMPC), a framework", [("Language Model Predictive Control", "LMPC")]),
        ("we propose a novel Length-bAsed StEp Reward shaping method (LASER), which",
         [("Length-bAsed StEp Reward shaping method", "LASER")]),
        ("reasoning via Mixture-of-Thought (MoT) for", [("Mixture-of-Thought", "MoT")]),
        ("trained with Proximal policy optimization (PPO) on", [("Proximal policy optimization", "PPO")]),
        ("a non-negative tensor factorization (NTF) of", [("non-negative tensor factorization", "NTF")]),
        ("Low-Rank Adaptation (LoRA) modules", [("Low-Rank Adaptation", "LoRA")]),
        ("the Spiking Heidelberg Dataset (SHD) and", [("Spiking Heidelberg Dataset", "SHD")]),
    ],
)
def test_definitions_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "as shown before (see Figure 2)",
        "a balanced classifier (Balance) is",
        "results (e.g. accuracy) improve",
        "by (Olsson et al., 2022) and",
        "a model (ours) wins",
        "Mixture-of-Thought\n\nWe (MoT)",  # the title's words do not define the abstract's acronym
    ],
)
def test_non_definitions_ignored(text: str) -> None:
    assert _pairs(text) == []


def test_best_long_form_requires_word_initial_first_letter() -> None:
    assert best_long_form("LMPC", "Language Model Predictive Control") == 0
    assert best_long_form("XYZ", "nothing here") is None


def test_respectively_definitions_pair_each_long_form() -> None:
    from extract.components.acronyms import find_respective_abbreviations

    text = "it consists of a contact mesh Transformer and a hierarchical mesh Transformer (CMT and HMT, respectively)."
    pairs = [(text[a.long_start : a.long_end], text[a.short_start : a.short_end]) for a in find_respective_abbreviations(text)]
    assert pairs == [("contact mesh Transformer", "CMT"), ("hierarchical mesh Transformer", "HMT")]
