"""Undo a format's own wrapping and markup, and nothing else.

Every reader passes titles and abstracts through these functions so that the
same paper gives the same text, and therefore the same extractions, whatever
format carried it: an arXiv mailing wraps at 80 columns, the Atom API indents,
the metadata snapshot wraps with "\\n  ", and a page dump has one line per
paragraph. What the author wrote (LaTeX math, `\\%`, macros) stays as written;
only TeX accent macros, which are spelling rather than markup, become Unicode.
"""

from __future__ import annotations

import email.utils
import html
from html.entities import html5
import unicodedata
from typing import Optional

import regex

_WRAP = regex.compile(
    r"""(?x)
    [^\S\n]*     # trailing blanks of the wrapped line
    \n           # the hard wrap itself
    \s*          # indentation of the next line, and any blank lines
    """
)

# TeX accent command -> Unicode combining mark. Symbol commands take a base
# letter directly (\'e, \'{e}); letter commands need a brace or a space
# (\c{c}, \c c) so that \url or \cite are never taken for \u or \c.
_SYMBOL_ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308",
    "~": "\u0303", "=": "\u0304", ".": "\u0307",
}
_LETTER_ACCENTS: dict[str, str] = {
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327",
    "k": "\u0328", "r": "\u030a", "b": "\u0331", "d": "\u0323",
}
_LETTERS: dict[str, str] = {
    "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}
# A base letter already carrying a combining mark was decoded before: leave it,
# so decoding twice changes nothing.
_BASE = r"(?:[A-Za-z](?!\p{M})|\\[ij](?![A-Za-z])\s*)"
_ACCENT = regex.compile(
    rf"""(?x)
    (?P<escaped>\\\\)                                  # a `\\` (line break) is consumed whole, so an
    |                                                 # accent after it is seen, one inside it is not
    (?P<group>\{{)?                                   # {{\'e}}: a group around the accent
    \\(?:
        (?P<symbol>['`^"~=.])\s*
            (?:\{{\s*(?P<b1>{_BASE})\s*\}}|(?P<b2>{_BASE}))
      | (?P<letter>[uvHckrbd])
            (?:\s*\{{\s*(?P<b3>{_BASE})\s*\}}|\s+(?P<b4>{_BASE}))
      | (?P<special>ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])
            (?:\{{\}}|\s*)                            # TeX eats the space after a control word
    )
    (?(group)\}})
    """
)
_MATH = regex.compile(
    r"""(?x)
      \$\$.+?\$\$                 # display math
    | (?<!\\)\$(?:[^$\\]|\\.)+\$  # inline math, \$ is a literal dollar
    | \\\(.+?\\\)
    | \\\[.+?\\\]
    """,
    regex.DOTALL,
)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_ARXIV_ID = regex.compile(
    r"""(?x)
    (?:^|(?<=arxiv:)|(?<=/(?:abs|pdf|html)/))
    (?P<id>
        \d{4}\.\d{4,5}                            # 2501.00001 (since 2007)
      | [a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}   # cond-mat/0011267, math.GT/0309136
    )
    (?:v\d+)?(?:\.pdf)?/?$
    """,
    regex.IGNORECASE,
)
_SIZE = regex.compile(r"\s*\(\d+kb(?:,[^)]*)?\)\s*$")  # arXiv's "(1234kb,D)" after a date
_DAY_MONTH_YEAR = regex.compile(
    r"(?i)\b(?P<day>\d{1,2})\s+(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+(?P<year>\d{4}|\d{2})\b"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_AFFILIATIONS = regex.compile(r"\s*\((?=\s*\()(?:[^()]|\([^()]*\))*\)\s*$")  # ((1) MIT, (2) CMU)
_AFFILIATION_MARK = regex.compile(r"\s*\(\d+(?:\s*(?:,|and)\s*\d+)*\)")  # (1), (1, 2), (1 and 2)
# Separators start at the first space of a run ((?<!\s), possessive \s*+):
# a leading `\s*` retried from every space of a long run was quadratic.
_AUTHOR_SPLIT = regex.compile(r"(?<!\s)\s*+,\s*(?:and\s+)?|(?<!\s)\s++and\s+|(?<!\s)\s*+;\s*")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: each wrap and its indentation become one space.

    Runs of spaces inside a line are the author's and are kept; only the
    whitespace a wrap produced is collapsed, so an unwrapped abstract equals
    the single-line form of the same abstract character for character.
    """
    return _WRAP.sub(" ", text).strip()


def _accent(match: regex.Match[str]) -> str:
    if match.group("escaped"):
        return match.group()
    special = match.group("special")
    if special:
        return _LETTERS[special]
    base = next(b for b in match.group("b1", "b2", "b3", "b4") if b is not None).strip()
    if base.startswith("\\"):
        base = base[1:]  # an accent on a dotless \i or \j is written on i or j
    mark = _SYMBOL_ACCENTS[match.group("symbol")] if match.group("symbol") else _LETTER_ACCENTS[match.group("letter")]
    return unicodedata.normalize("NFC", base + mark)


def decode_tex_accents(text: str) -> str:
    """`Long\\'ep\\'e` -> `Longépé`, `{\\"u}` -> `ü`, `\\c{c}` -> `ç`, `\\ss` -> `ß`.

    Only accent and letter macros are decoded, and never inside `$...$` or
    `\\(...\\)` math, where `\\'` or `\\.` mean something else. A table rather
    than pylatexenc: pylatexenc renders every macro and group it meets
    (`\\%` -> `%`, `\\method{}` -> ``), which would change the author's text.
    """
    if "\\" not in text:
        return text
    out: list[str] = []
    position = 0
    for math in _MATH.finditer(text):
        out.append(_ACCENT.sub(_accent, text[position : math.start()]))
        out.append(math.group())
        position = math.end()
    out.append(_ACCENT.sub(_accent, text[position:]))
    return "".join(out)


def html_unescape(text: str) -> str:
    """Decode HTML character references (`&gt;`, `&#233;`), only complete ones.

    A bare `&` or a legacy reference with no `;` (`&copy 2024`) is left alone:
    in a paper's text it is far more likely an ampersand than markup.
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(_reference, text)


def _reference(match: regex.Match[str]) -> str:
    name = match.group()[1:]
    if name.startswith("#") or name in html5:
        return html.unescape(match.group())
    return match.group()  # html.unescape would read `&notanentity;` as `¬anentity;`


def clean_text(text: Optional[str]) -> Optional[str]:
    """A title or abstract as records keep it: unwrapped, TeX accents decoded.

    None or blank text gives None, so "no abstract" has one representation.
    """
    if text is None:
        return None
    cleaned = decode_tex_accents(unwrap(text))
    return cleaned or None


def arxiv_id(text: str) -> Optional[str]:
    """The arXiv id in an id, `arXiv:` reference or abs/pdf URL, without its version.

    `http://arxiv.org/abs/2501.00001v1` -> `2501.00001`,
    `cond-mat/0011267v1` -> `cond-mat/0011267`; None when it is not one.
    """
    match = _ARXIV_ID.search(text.strip())
    return match.group("id") if match else None


def split_authors(text: str) -> list[str]:
    """Names from an arXiv-style author line: `A. One, B. Two and C. Three`.

    Affiliation markers such as `(1)` and the trailing `((1) MIT, (2) CMU)`
    block are dropped; TeX accents are decoded; wraps are undone.
    """
    line = _AFFILIATIONS.sub("", unwrap(text))
    line = _AFFILIATION_MARK.sub("", line)
    names = (decode_tex_accents(name.strip(" ,;")) for name in _AUTHOR_SPLIT.split(line))
    return [name for name in names if name]


def parse_mail_date(value: str) -> Optional[str]:
    """`Fri, 3 Jan 2025 19:05:12 GMT   (1234kb)` -> `2025-01-03`, as dated in the line.

    The date is the one written (no time-zone shift), which is the date
    arXiv lists the submission under.
    """
    text = _SIZE.sub("", value).strip()
    parsed = email.utils.parsedate_tz(text)
    if parsed is not None and parsed[0] and 1 <= parsed[1] <= 12 and 1 <= parsed[2] <= 31:
        return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    match = _DAY_MONTH_YEAR.search(text)
    if match is None:
        return None
    year = int(match.group("year"))
    if year < 100:
        year += 1900 if year >= 91 else 2000  # arXiv began in 1991
    month = _MONTHS.index(match.group("month").lower()[:3]) + 1
    return f"{year:04d}-{month:02d}-{int(match.group('day')):02d}"
