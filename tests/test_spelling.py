"""British / American spellings (extract/spelling.py) and their use by the rules."""

from __future__ import annotations

from typing import Any

import pytest

from extract.entry import Entry
from extract.spelling import plural_variant, spelling_variants


@pytest.mark.parametrize(
    ("phrase", "other"),
    [
        ("speaker diarization", "speaker diarisation"),
        ("Proximal Policy Optimization", "Proximal Policy Optimisation"),
        ("re-parameterization", "re-parameterisation"),
        ("language modeling", "language modelling"),
        ("large neighborhood search", "large neighbourhood search"),
        ("Behavioral Cloning", "Behavioural Cloning"),
        ("sequence labelling", "sequence labeling"),
        ("matrix factorisation", "matrix factorization"),
        ("Adam optimizer", "Adam optimiser"),
        ("analyze", "analyse"),
    ],
)
def test_a_phrase_gets_its_other_spelling(phrase: str, other: str) -> None:
    assert spelling_variants(phrase) == [other]


@pytest.mark.parametrize(
    "phrase",
    ["image size", "resized images", "noise", "image denoising", "adviser", "prize", "seize", "ResNet-50", "precise"],
)
def test_words_whose_s_or_z_is_not_a_suffix_are_left_alone(phrase: str) -> None:
    assert spelling_variants(phrase) == []


@pytest.mark.parametrize(
    ("abstract", "field", "name"),
    [
        ("We train the agent with Proximal Policy Optimisation on four games.", "methods", "PPO"),
        ("Our system improves speaker diarisation on meeting recordings.", "tasks", "speaker diarization"),
        ("Results on image colorisation improve over the baseline.", "tasks", "image colorization"),
    ],
)
def test_the_gazetteer_knows_british_spellings(extractor: Any, abstract: str, field: str, name: str) -> None:
    record = extractor.process(Entry("spelling", 0, 1, "A Study of Things", abstract))
    assert isinstance(record, dict)
    names = {entity["name"] for entity in record[field]}
    assert name in names, names


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [("success rate", "success rates"), ("Jensen-Shannon divergence", "Jensen-Shannon divergences"), ("top-1 accuracy", "top-1 accuracies")],
)
def test_a_metric_phrase_gets_its_plural(phrase: str, plural: str) -> None:
    assert plural_variant(phrase) == plural


@pytest.mark.parametrize("phrase", ["BLEU", "exact match", "Spearman ρ", "success rates"])
def test_a_word_without_a_plain_plural_gets_none(phrase: str) -> None:
    assert plural_variant(phrase) is None


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Posteriors agree with the reference, with Jensen-Shannon divergences below 0.002 nats.", "JS divergence"),
        ("Recall drops from 0.81 to 0.64 on noisy maps.", "recall"),
        ("Classification reaches a macro-averaged F1 score of 0.71.", "F1"),
    ],
)
def test_plural_and_sentence_initial_metrics_are_found(extractor: Any, abstract: str, name: str) -> None:
    record = extractor.process(Entry("spelling", 0, 1, "A Study of Things", abstract))
    assert isinstance(record, dict)
    assert name in {entity["name"] for entity in record["metrics"]}, record["metrics"]
