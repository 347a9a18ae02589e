"""Stable record ids: the same paper from two listings gets the same id."""

from __future__ import annotations

import hashlib
import unicodedata

import regex

_MARKUP = regex.compile(
    r"""(?x)
      \\[a-zA-Z]+\*?      # TeX commands such as \emph or \textbf
    | </?[a-zA-Z][^<>]{0,200}>  # HTML tags
    | [{}$*_`]            # TeX groups and math, Markdown emphasis
    """
)
_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


def normalise_title(title: str) -> str:
    """NFKC, case-folded, markup removed, non-alphanumeric runs made one space."""
    text = unicodedata.normalize("NFKC", title)
    text = _MARKUP.sub(" ", text).casefold()
    return _NON_ALNUM.sub(" ", text).strip()


def paper_id(title: str) -> str:
    """First 16 hex digits of SHA-256 over the normalised title."""
    return hashlib.sha256(normalise_title(title).encode("utf-8")).hexdigest()[:16]
