"""Names with hyphens, versions and sizes stay one token, whatever follows them."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Experiments on DeepSeek-R1-Distill-Qwen-7B, and more.", "DeepSeek-R1-Distill-Qwen-7B"),
        ("We fine-tune Llama-3.1-8B.", "Llama-3.1-8B"),
        ("Qwen2.5-7B-Instruct (ours) wins.", "Qwen2.5-7B-Instruct"),
        ("Results on ImageNet-1K, CIFAR-10 and SWE-bench.", "ImageNet-1K"),
        ("Results on ImageNet-1K, CIFAR-10 and SWE-bench.", "SWE-bench"),
        ("The resulting method is termed LASER-D (Dynamic).", "LASER-D"),
    ],
)
def test_names_are_single_tokens(extractor: Any, text: str, token: str) -> None:
    assert token in [t.text for t in extractor.nlp.make_doc(text)]


def test_percent_and_sentence_end_still_split(extractor: Any) -> None:
    tokens = [t.text for t in extractor.nlp.make_doc("It reaches 45% on GSM8K.")]
    assert tokens[-4:] == ["%", "on", "GSM8K", "."]
