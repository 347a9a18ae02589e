"""British and American spellings, and plurals, of the same name.

Papers from Europe, India and Australia write "instance normalisation",
"speaker diarisation", "image denoising" next to American "normalization";
a gazetteer written in one spelling misses half of them. Rather than every
data file listing both, each phrase gets the other spelling at load time
(`spelling_variants`), with the same canonical id.

Only suffixes that are reliably morphological are rewritten: -ize/-ise
forms of long verbs (not "size", "seize", "prize"), -yze/-yse, and
modelling/labelling. The other direction ("-ise" -> "-ize") is taken only for
"-isation(s)" and "-iser(s)": "noise", "precise", "raising" and "denoising"
are not "-ize" words.
"""

from __future__ import annotations

import regex

# A dash between the parts of a name as papers write it: a hyphen, LaTeX's
# "--" (an en dash in the source) or the en dash itself ("Dawid--Skene", "Fay–Herriot").
DASH = r"(?:--|-|–)"

# American -> British, for one lower-case word; a group keeps the ending.
_US_IZE = regex.compile(r"^(?P<stem>\p{Ll}{3,}?)iz(?P<end>e|es|ed|ing|er|ers|ation|ations|ational)$")
_US_YZE = regex.compile(r"^(?P<stem>\p{Ll}{2,}?)yz(?P<end>e|es|ed|ing|er|ers)$")
_UK_ISE = regex.compile(r"^(?P<stem>\p{Ll}{3,}?)is(?P<end>ation|ations|ational|er|ers)$")
_DOUBLE_L = {
    "modeling": "modelling", "modeled": "modelled", "labeling": "labelling", "labeled": "labelled",
    # -or / -our and -er / -re words whose two spellings name the same thing.
    "neighborhood": "neighbourhood", "neighborhoods": "neighbourhoods", "behavior": "behaviour",
    "behaviors": "behaviours", "behavioral": "behavioural", "color": "colour", "colors": "colours",
    "center": "centre", "centers": "centres", "fiber": "fibre", "fibers": "fibres",
}
_SINGLE_L = {uk: us for us, uk in _DOUBLE_L.items()}
# -ize words whose "iz" belongs to the stem: "size", "resized", "seize", "prize".
_NOT_A_SUFFIX = regex.compile(r"(?:^|s|se|pr|ma|ba)iz")
# -iser words that are not -izer words: "adviser", "supervisers", "wiser".
_UK_NOT_A_SUFFIX = ("advis", "supervis", "revis", "devis", "wis", "rais", "pois", "cruis")


def _word_variant(word: str) -> str | None:
    """The other spelling of one word, or None when it has one spelling."""
    lower = word.lower()
    if lower in _DOUBLE_L or lower in _SINGLE_L:
        other = _DOUBLE_L.get(lower) or _SINGLE_L[lower]
        return _same_case(word, other)
    match = _US_IZE.match(lower)
    if match and not _NOT_A_SUFFIX.search(match["stem"] + "iz"):
        return _same_case(word, f"{match['stem']}is{match['end']}")
    match = _US_YZE.match(lower)
    if match:
        return _same_case(word, f"{match['stem']}ys{match['end']}")
    match = _UK_ISE.match(lower)
    if match and not (match["stem"] + "is").endswith(_UK_NOT_A_SUFFIX):
        return _same_case(word, f"{match['stem']}iz{match['end']}")
    return None


def _same_case(original: str, other: str) -> str:
    """`other` capitalised as `original` is (the rewrite never changes a word's length much)."""
    if original.isupper():
        return other.upper()
    if original[:1].isupper():
        return other[:1].upper() + other[1:]
    return other


_WORD_SEPARATORS = regex.compile(r"([\s-]+)")


def spelling_variants(phrase: str) -> list[str]:
    """The phrase in its other spelling (every rewritable word rewritten), or [].

    Words are the phrase's space- and hyphen-separated parts: "re-parameterization"
    and "speaker diarization" are rewritten, "ResNet-50" is left alone (capitalised
    names inside words are not touched, only lower-case or Title-case words).
    """
    parts = _WORD_SEPARATORS.split(phrase)
    changed = False
    for i in range(0, len(parts), 2):
        word = parts[i]
        if not word or not (word.islower() or word.istitle()):
            continue
        other = _word_variant(word)
        if other is not None:
            parts[i] = other
            changed = True
    return ["".join(parts)] if changed else []


# Last words whose plural is not "+s": mass nouns and words already plural.
_NO_PLURAL_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural_variant(phrase: str) -> str | None:
    """The phrase with its last word in the plural ("Jensen-Shannon divergences"),
    or None when the last word is not a plain lower-case noun.

    Papers report "success rates" and "F1 scores" as often as the singular
    (ANNOTATION.md keeps plurals as written); a metric gazetteer lists one.
    """
    head, sep, last = phrase.rpartition(" ")
    if not sep or not last.isalpha() or not last.islower() or len(last) < 3 or last.endswith(_NO_PLURAL_ENDINGS):
        return None
    if last.endswith("y") and last[-2] not in "aeiou":
        return f"{head} {last[:-1]}ies"
    return f"{head} {last}s"
