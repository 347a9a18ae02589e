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
        ("Traffic comes from TON_IoT. Next, we", "TON_IoT"),
        ("We train on LibriTTS-R. Then", "LibriTTS-R"),
        ("Born in the U.S. they moved", "U.S."),
    ],
)
def test_names_are_single_tokens(extractor: Any, text: str, token: str) -> None:
    assert token in [t.text for t in extractor.nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("with RMSD<2Å in", ["RMSD", "<", "2Å"]), ("at IoU>0.5 and", ["IoU", ">", "0.5"]), ("with k=10 neighbours", ["k", "=", "10"])],
)
def test_a_metric_splits_from_its_threshold(extractor: Any, text: str, tokens: list[str]) -> None:
    words = [t.text for t in extractor.nlp.make_doc(text)]
    assert words[1:-1] == tokens


def test_percent_and_sentence_end_still_split(extractor: Any) -> None:
    tokens = [t.text for t in extractor.nlp.make_doc("It reaches 45% on GSM8K.")]
    assert tokens[-4:] == ["%", "on", "GSM8K", "."]


@pytest.mark.parametrize("junk", [")" * 50_000, '"' * 50_000, "[{(" * 20_000, "((" * 5_000 + "x" + "))" * 5_000])
def test_long_punctuation_runs_are_tokenized_in_linear_time(extractor: Any, junk: str) -> None:
    import time

    from extract.entry import Entry

    began = time.perf_counter()
    record = extractor.process(Entry("junk.txt", 0, 1, "A title", junk))
    # spaCy alone needs minutes for these (quadratic affix stripping).
    assert time.perf_counter() - began < 3.0
    assert isinstance(record, dict) and record["abstract"] == junk


def test_breaking_punctuation_runs_keeps_length_and_short_runs() -> None:
    from extract.pipeline import break_punctuation_runs

    text = "a (b) c -- d " + ")" * 100
    broken = break_punctuation_runs(text)
    assert len(broken) == len(text)
    assert broken.startswith("a (b) c -- d ")
    assert " " in broken[13:]


def test_gazetteer_phrases_match_without_filling_the_documents_vocab() -> None:
    """The phrases are tokenized on a vocab of their own (extract.tokenizer):
    the pipeline's vocab holds no lexeme for a word only the gazetteer knows,
    and the phrase is still found, in either case for a case-free entry."""
    from extract.pipeline import build_nlp

    nlp = build_nlp()
    assert "Hungarian" not in nlp.vocab  # "Hungarian algorithm", a known method
    assert "LibriSpeech" not in nlp.vocab and "librispeech" not in nlp.vocab
    doc = nlp("Speech\n\nWe train on Librispeech and match with the hungarian algorithm.")
    found = {(doc.text[c.start : c.end], c.label) for c in doc._.paperlist_candidates if c.source == "gazetteer"}
    assert ("Librispeech", "DATASET") in found
    assert ("hungarian algorithm", "METHOD") in found


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(Eurocode 8)", ["(", "Eurocode", "8", ")"]),
        ("8D", ["8D"]),
        ("rated :) by", ["rated", ":", ")", "by"]),
    ],
)
def test_emoticons_are_not_special_cases(extractor: Any, text: str, tokens: list[str]) -> None:
    """spaCy's emoticon "8)" swallowed the bracket after a name's edition."""
    assert [t.text for t in extractor.nlp.make_doc(text)] == tokens


def test_abbreviations_stay_special_cases(extractor: Any) -> None:
    assert [t.text for t in extractor.nlp.make_doc("e.g. U.S. at 5 p.m.")] == ["e.g.", "U.S.", "at", "5", "p.m."]
