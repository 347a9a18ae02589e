"""paperlist's tokenizer: spaCy's English one, with hyphenated names and sizes kept whole.

Two tokenizers are built from the same rules. Documents go through one on
the pipeline's vocab. The gazetteer's ~8,000 phrases go through another on a
vocab of their own (`phrase_tokenizer`): a PhraseMatcher keeps only the
hashes of its phrases' words, which are the same in every vocab, and a word
new to a vocab costs its ~20 lexical attributes (shape, is_alpha, like_num,
...), ~60 us each for 13,000 words, a third of start-up spent on words most
papers never use. The phrase vocab computes only the lower-case form, the one
attribute besides the form itself that the gazetteer matches on. A separate
tokenizer also keeps the phrases out of the documents' tokenizer cache: one
whose cache was filled with them first tokenized every later abstract ~60%
slower (measured: 240 vs 150 us per abstract).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

import regex
import spacy
from spacy.attrs import LOWER
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.lang.en import English
from spacy.lang.tokenizer_exceptions import emoticons
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab


def make_tokenizer(vocab: Vocab) -> Tokenizer:
    """spaCy's English tokenizer on `vocab`, except that hyphenated names and names with sizes stay whole."""
    defaults = English.Defaults
    hyphen_infix = r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS)
    # Keep hyphenated names whole (SWE-bench, LASER-D), also between digits
    # (Qwen2.5-7B, Llama-3.1-8B); only +, * and ^ still split numbers.
    infixes = [
        r"(?<=[0-9])[+\*^](?=[0-9-])" if p == r"(?<=[0-9])[+\-\*^](?=[0-9-])" else p
        for p in defaults.infixes
        if p != hyphen_infix
    ] + [r"(?<=[{a}0-9])[<>=≤≥](?=[0-9])".format(a=ALPHA)]  # "RMSD<2Å", "IoU>0.5": a metric and its threshold
    # The unit-suffix rule splits "ImageNet-1K" into "ImageNet-1" + "K" and
    # "Llama-3.1-8B" apart; names with sizes must stay whole. Keep "%" and a
    # sentence-final full stop after a name ending in a capital that is not
    # an abbreviation: "ResNet-50B.", "TON_IoT.", "LibriTTS-R." ("U.S." stays).
    suffixes = [p for p in defaults.suffixes if "km" not in p] + [
        r"(?<=[0-9])%",
        r"(?<=[0-9][A-Za-z])\.",
        r"(?<=[a-z0-9_\-][A-Z])\.",
    ]
    # Emoticons are not special cases here: "(Eurocode 8)" ended in the
    # emoticon "8)" and hid the name's edition; abstracts carry no smileys.
    rules = {text: pieces for text, pieces in defaults.tokenizer_exceptions.items() if text not in emoticons}
    return Tokenizer(
        vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@spacy.registry.tokenizers("paperlist.tokenizer.v1")
def _tokenizer() -> Callable[[Language], Tokenizer]:
    """The documents' tokenizer, named in the pipeline's config."""

    def make(nlp: Language) -> Tokenizer:
        return make_tokenizer(nlp.vocab)

    return make


def phrase_tokenizer(vocab: Vocab) -> Tokenizer:
    """The same rules on a vocab of its own that computes only LOWER (see the module docstring).

    `vocab` is the pipeline's: its lower-case getter is reused, so a phrase's
    LOWER hash is the one its words get in documents.
    """
    return make_tokenizer(Vocab(lex_attr_getters={LOWER: vocab.lex_attr_getters[LOWER]}))


_PUNCT_RUN = regex.compile(r"[^\w\s]{32,}")
_LONG_WORD = regex.compile(r"(?<!\S)\S{256,}")


def _spaced(run: str, every: int) -> str:
    return "".join(" " if i % every == every - 1 else c for i, c in enumerate(run))


def break_punctuation_runs(text: str) -> str:
    """The same text with spaces inside long punctuation runs and very long words.

    spaCy strips prefix and suffix punctuation one character at a time,
    rescanning the rest each time, so 20,000 ")" took 48 s; it also splits
    infixes one at a time in a whitespace-free run ("a:a:a:..."), which is
    quadratic too. A space every 16 characters of a punctuation run and every
    128 of a 256+ character word makes every piece short. No name is that
    long, and URLs are found in the original text; the length is unchanged,
    so offsets still refer to the original text, which the components read
    (`doc_text`).
    """
    # Both runs hold no space or newline, so the longest space-free piece
    # bounds them: a C-level split rules out nearly every text, where the
    # regex scans (a `\S{256,}` attempt at every character) cost as much as
    # tokenizing.
    longest = max(map(len, text.replace("\n", " ").split(" ")))
    if longest >= 32 and _PUNCT_RUN.search(text) is not None:
        text = _PUNCT_RUN.sub(lambda m: _spaced(m.group(), 16), text)
    if longest >= 256 and _LONG_WORD.search(text) is not None:
        text = _LONG_WORD.sub(lambda m: _spaced(m.group(), 128), text)
    return text


class TextKeepingTokenizer:
    """Keeps the input string on the Doc: `doc.text` is rebuilt from tokens on every access."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(break_punctuation_runs(text))
        doc.user_data["paperlist_text"] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
