"""The compiled context rules find exactly what spaCy's Matcher would."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.matcher import Matcher

from extract.components.context import _expand, load_context_rules, token_class
from extract.components.token_regex import TokenRegexCompiler, longest_matches


@pytest.fixture(scope="module")
def nlp_and_docs(extractor: Any, sample_entries: list[Any]) -> tuple[Any, list[Any]]:
    from extract.pipeline import _doc_text

    nlp = extractor.nlp
    docs = [nlp.make_doc(_doc_text(e)) for e in sample_entries]
    return nlp, docs


def test_compiled_rules_equal_spacy_matcher_on_the_sample(nlp_and_docs: tuple[Any, list[Any]]) -> None:
    nlp, docs = nlp_and_docs
    compiler = TokenRegexCompiler()
    compiled = []
    for number, rule in enumerate(load_context_rules()):
        left = [_expand(t) for t in rule.get("left", [])]
        entity = [_expand(t) for t in rule["entity"]]
        right = [_expand(t) for t in rule.get("right", [])]
        matcher = Matcher(nlp.vocab)
        matcher.add(f"r{number}", [left + entity + right], greedy="LONGEST")
        compiled.append((compiler.compile(f"r{number}", left, entity, right), matcher))
    encoder = compiler.encoder(lambda text: {"⟨name⟩": "N", "⟨cap⟩": "C", "⟨word⟩": "W", "⟨sep⟩": "S"}.get(token_class(text) or "", "O"))
    total = 0
    for doc in docs:
        for token in doc:
            tag = token_class(token.text)
            if tag is not None:
                nlp.vocab[token.orth].norm_ = tag
        codes = "".join(encoder.cell(t.orth, t.text, t.is_punct) for t in doc)
        for rule, matcher in compiled:
            ours = [(s, e) for s, e, _a, _b in longest_matches(rule, codes)]
            theirs = sorted((s, e) for _k, s, e in matcher(doc))
            assert ours == theirs, (rule.key, doc.text[:80])
            total += len(ours)
    assert total > 100


@pytest.mark.parametrize(
    ("spec", "message"),
    [({"POS": "NOUN"}, "not supported"), ({"LOWER": "x", "OP": "!"}, "unsupported OP"), ({"LOWER": {"REGEX": "x"}}, "unsupported predicate")],
)
def test_untranslatable_patterns_are_refused(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TokenRegexCompiler().compile("r", [], [spec], [])
