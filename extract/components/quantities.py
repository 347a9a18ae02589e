"""Quantities the text reports a change in: free-form metrics found by how a result is told.

ANNOTATION.md counts as a metric any quantity "the text names as what is
measured", its own example being "reducing token usage by 63%". Papers far
from machine learning measure things no gazetteer lists ("expert labelling
effort", "cycle time", "GPU time"), but they report them the same few ways:

- a change verb, the quantity, then by / from / to and an amount:
  "reduces total GPU time per edge by 37%", "raises the KV cache hit rate from 41% to 78%";
- the quantity, a change verb, then the amount: "the cycle time decreases by 22%";
- a relative amount, fewer / less / more, then a counted quantity:
  "requires 40% fewer training epochs", "contain 31% fewer unsupported claims".

These are pure functions over a tokenized doc, called by the shape rules on
the few tokens that can start such a report (see `ShapeRules._kind`). The
vocabularies (`change_verbs`, `not_quantities`) live in `patterns/heads.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
import regex
from spacy.tokens import Doc, Token

# Prepositions that introduce the amount of a change, and "of" before a reported value.
AMOUNT_PREPOSITIONS = frozenset({"by", "from", "to"})
# Words that compare a counted amount: "40% fewer training epochs".
COMPARATIVES = frozenset({"fewer", "less", "more"})
# Words between the preposition and its number: "by only 1.9%", "by more than 70%", "to within 1.5 points".
_AMOUNT_ADVERBS = frozenset(
    "only about around approximately roughly nearly almost over up just some more than as much within an average "
    "of on a further another factor $".split()
)
# A relative amount in one token ("1.9x", "3×", "40%").
# LaTeX writes them "84\\%", "$11.4\\times$", "$3\\times$".
_RELATIVE = regex.compile(r"^\$?[+\-−]?\d[\d.,]*(?:x|×|\\?%|\\times)\$?$")
# Words a phrase told before its change verb may follow: "the cycle time
# decreases", ", and cycle-closure errors fall"; not "its quality | score
# degrades", where a word the rules do not take in was cut off.
_CLAUSE_WORDS = frozenset(
    "the a an its their our this these those and or but while whereas with of for in on at as that which than "
    "both total overall".split()
)
# Nouns a quantity may be "<noun> of ..." of: "the average number of human corrections".
_COUNT_NOUNS = frozenset("number numbers rate fraction proportion share amount percentage count".split())
# Words that open the noun phrase and are not the quantity's name:
# "reduces total GPU time" names "GPU time" (the shortest phrase that still names it).
# So do participles saying how a value was obtained ("a measured conductivity
# of 2.1 mS/cm", "simulated insertion loss"): the quantity is what follows.
_OPENERS = frozenset(
    "the a an its their our his her this these those total overall measured estimated observed predicted simulated "
    "reported computed obtained achieved".split()
)
_KEEP_OPENING = frozenset({"average", "mean", "median"})
_MAX_WORDS = 4
_PHRASE_WORD = regex.compile(r"^\p{L}[\p{L}\p{N}'\-]*$")
# Before a change verb's gerund, words that make the change a manipulation, not a result.
_SETTING_CUES = frozenset("by when after before upon on through via with without from if".split())
_BARE_HEADS = frozenset("score scores value values number numbers metric metrics measure measures".split())


@dataclass(frozen=True)
class QuantityVocab:
    """What the rules need to know of words, from `patterns/heads.json`."""

    change_verbs: frozenset[str]
    result_verbs: frozenset[str]  # "achieves", "reaches", "has": a value is reported as the system's
    not_quantities: frozenset[str]
    metric_modifiers: frozenset[str]  # words of known metric names ("training", "wall-clock")
    # Function words and judgements (heads.json `modifier_stop`). Not the verb
    # list the head rules also stop at: between a change verb and its amount,
    # "edits", "calls" and "runs" are nouns ("halves the manual edits").
    stop: frozenset[str]


def reads_plural(lower: str) -> bool:
    """A lower-case word ending like a plural noun: "probes", "pages"; not "loss", "corpus", "analysis"."""
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _is_amount(token: Token) -> bool:
    return token.like_num or _RELATIVE.match(token.text) is not None


def amount_follows(doc: Doc, i: int) -> bool:
    """Whether a number (perhaps after "only", "more than") follows position `i`."""
    k = i
    while k < len(doc) and k - i < 3 and doc[k].lower_ in _AMOUNT_ADVERBS:
        k += 1
    return k < len(doc) and _is_amount(doc[k])


def _word_of_phrase(token: Token, vocab: QuantityVocab) -> bool:
    """A lower-case content word, or a short acronym ("GPU time", "KV cache hit rate").

    Gerunds are nouns here ("queueing delay", "training epochs"): the phrase
    is closed by the change verb on one side and the amount on the other."""
    if not (token.is_lower or (token.is_upper and 2 <= len(token.text) <= 5)):
        return False
    lower = token.lower_
    if lower in _OPENERS:
        return False
    if lower in vocab.metric_modifiers:
        return True
    return (
        _PHRASE_WORD.match(token.text) is not None
        and lower not in vocab.stop
        and lower not in vocab.change_verbs
        and not (lower.endswith("ly") and len(lower) > 4)
    )


def _phrase_start(doc: Doc, last: int, vocab: QuantityVocab) -> int | None:
    """First token of the noun phrase ending at `last`, or None when `last` ends no quantity.

    A bare "score" or "value" ("raises the score to 36.9") refers back to a
    quantity named before; it names none itself."""
    if last < 0 or not _word_of_phrase(doc[last], vocab) or doc[last].lower_ in vocab.not_quantities:
        return None
    first, words = last, 1
    while first > 0 and words < _MAX_WORDS:
        prev = doc[first - 1]
        if prev.lower_ == "of" and first >= 2 and doc[first - 2].lower_ in _COUNT_NOUNS:
            first -= 2  # "number of human corrections"
        elif _word_of_phrase(prev, vocab):
            first -= 1
        elif prev.lower_ in _KEEP_OPENING and doc[first].lower_ in _COUNT_NOUNS:
            first -= 1  # "the average number of ..."
        else:
            break
        words += 1
    if first == last and doc[last].lower_ in _BARE_HEADS:
        return None
    return first


def _opening_skipped(doc: Doc, first: int) -> int:
    """Index of the word before the phrase at `first`, past "the", "its", "total"."""
    k = first - 1
    while k >= 0 and first - k <= 2 and doc[k].lower_ in _OPENERS:
        k -= 1
    return k


def changed_quantity(doc: Doc, prep: int, vocab: QuantityVocab) -> tuple[int, int] | None:
    """Token span [first, last] of the quantity whose change `doc[prep]` ("by", "from", "to") reports.

    The caller has checked that an amount follows `prep`.
    """
    end = prep
    if end >= 2 and doc[end - 2].lower_ == "per":
        end -= 2  # "GPU time per edge by 37%": the unit is not the name
    if end >= 1 and doc[end - 1].lower_ in vocab.change_verbs:
        last = end - 2  # "the cycle time decreases by 22%"
        first = _phrase_start(doc, last, vocab)
        before = doc[first - 1] if first is not None and first > 0 else None
        if first is None or (before is not None and (_has_digit(before.text) or before.is_alpha and before.lower_ not in _CLAUSE_WORDS)):
            return None  # "FID at 400K iterations improves": a number makes the words the setting
        return first, last
    last = end - 1  # "reduces total GPU time by 37%"
    first = _phrase_start(doc, last, vocab)
    if first is None:
        return None
    verb = _opening_skipped(doc, first)
    if verb < 0 or doc[verb].lower_ not in vocab.change_verbs:
        return None
    if verb > 0 and doc[verb].lower_.endswith("ing") and doc[verb - 1].lower_ in _SETTING_CUES:
        return None  # "by doubling the batch size from 256 to 512": what the authors vary
    return first, last


def compared_count(doc: Doc, comparative: int, vocab: QuantityVocab) -> tuple[int, int] | None:
    """Token span of the counted quantity after "40% fewer", "3x less", or None.

    The amount must be relative (a percentage or a factor, "3x"): "3 more
    layers" is the setting, and "five times fewer demonstrations" in words
    reads as a remark more often than as a reported figure.
    """
    if comparative < 1 or not (
        _RELATIVE.match(doc[comparative - 1].text)
        or (doc[comparative - 1].text in ("%", "×", "x") and comparative >= 2 and doc[comparative - 2].like_num)
    ):
        return None
    last = comparative
    while last + 1 < len(doc) and last - comparative < 3 and _word_of_phrase(doc[last + 1], vocab):
        last += 1
    if last == comparative:
        return None
    head = doc[last].lower_
    if not reads_plural(head) or head in vocab.not_quantities:
        return None  # "40% less data": an amount of input, not a count the paper reports
    return comparative + 1, last


def reported_value(doc: Doc, of: int, vocab: QuantityVocab) -> tuple[int, int] | None:
    """Token span of the quantity in "<result verb> a/the <quantity> of <amount>", or None.

    "gates have a median process fidelity of 99.21%", "NameForge achieves a
    B-cubed F1 of 0.957", "devices show an average insertion loss of 1.9 dB".
    The verb is what makes the value a result: "a cohort of 300 patients" or
    "with a budget of 10^5 evaluations" is the setting. The caller has checked
    that an amount follows `of`.
    """
    first = _phrase_start(doc, of - 1, vocab)
    if first is None:
        return None
    verb = _opening_skipped(doc, first)
    if verb < 0 or verb == first - 1 or doc[verb].lower_ not in vocab.result_verbs:
        return None  # a determiner stands between the verb and the quantity
    return first, of - 1
