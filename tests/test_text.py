"""Text normalisation shared by the readers: unwrapping, TeX accents, ids, authors, dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.text import (
    arxiv_id,
    clean_text,
    decode_tex_accents,
    html_unescape,
    parse_mail_date,
    split_authors,
    unwrap,
)
from tests.formatgen_feeds import sample_pairs, wrap


@pytest.mark.parametrize(
    ("wrapped", "expected"),
    [
        ("Learn-by-interact: A Data-Centric Framework for Self-Adaptive Agents in\n  Realistic Environments",
         "Learn-by-interact: A Data-Centric Framework for Self-Adaptive Agents in Realistic Environments"),
        ("  We study arrays of weakly coupled Hubbard chains as the\ninterchain hopping grows.\n",
         "We study arrays of weakly coupled Hubbard chains as the interchain hopping grows."),
        ("first paragraph ends here.\n\n  Second paragraph \n  starts", "first paragraph ends here. Second paragraph starts"),
        ("kept  double space inside a line", "kept  double space inside a line"),
        ("windows\r\n  line end", "windows line end"),
        ("", ""),
    ],
)
def test_unwrap_joins_wraps_and_their_indentation_only(wrapped: str, expected: str) -> None:
    assert unwrap(wrapped) == expected


def test_unwrap_undoes_every_feed_wrapping_of_the_sample_exactly() -> None:
    for title, abstract in sample_pairs():
        for first, rest in (("", ""), ("  ", ""), ("", "  "), ("Title: ", "  ")):
            assert unwrap("\n".join(wrap(abstract, first=first, rest=rest))).removeprefix("Title: ") == abstract
            assert unwrap("\n".join(wrap(title, first=first, rest=rest))).removeprefix("Title: ") == title


_WORDS = st.lists(st.text(st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=15), min_size=1, max_size=40)


@given(_WORDS, st.integers(min_value=10, max_value=90))
def test_unwrap_inverts_wrapping_at_single_spaces(words: list[str], width: int) -> None:
    text = " ".join(words)
    assert unwrap("\n".join(wrap(text, width=width, first="  "))) == text


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        ("Nicolas Long\\'ep\\'e", "Nicolas Longépé"),
        ('{\\"u}ber', "über"),
        ('M\\"uller and Sch\\"{o}nhammer', "Müller and Schönhammer"),
        ("Fran\\c{c}ois", "François"),
        ("Fran\\c cois", "François"),
        ("Espa\\~na", "España"),
        ("Jo\\~ao Sacramento", "João Sacramento"),
        ("Stra\\ss e and Gau\\ss{} law", "Straße and Gauß law"),
        ('an apparently na\\"{\\i}ve ensembling', "an apparently naïve ensembling"),
        ("Ar{\\i}k", "Arık"),
        ("Erd\\H{o}s, \\v{S}ediv\\'y, Ku\\v{c}era", "Erdős, Šedivý, Kučera"),
        ("\\AA ngstr\\\"om and {\\o}rsted, \\L{}ukasz", "Ångström and ørsted, Łukasz"),
        ("\\`a la carte, \\^etre, \\=o, \\.Z", "à la carte, être, ō, Ż"),
        ("\\'{\\i}ndice", "índice"),
        ("first line\\\\ \\'etait", "first line\\\\ était"),
    ],
)
def test_tex_accents_become_unicode(tex: str, expected: str) -> None:
    assert decode_tex_accents(tex) == expected


@pytest.mark.parametrize(
    "tex",
    [
        "ratio $t_\\perp/t$ and $\\'a + \\\"x$",
        "display $$\\hat{x} = \\.y$$ math",
        "inline \\(\\'e\\) math",
        "improved by up to 12.2\\% for ICL",
        "abbreviated as \\method{}.",
        "see \\url{https://x.org} and \\cite{a} and \\textbf{bold} and \\url {x}",
        "a tilde \\~{} and a caret \\^{} alone",
        "price \\$5 and \\'{}",
        "a TeX line break \\\\.i is not an accent",
    ],
)
def test_math_and_other_latex_stay_as_written(tex: str) -> None:
    assert decode_tex_accents(tex) == tex


def test_accents_decoded_outside_math_on_both_sides() -> None:
    assert decode_tex_accents("M\\\"uller's $\\'x$ and L\\'eon") == "Müller's $\\'x$ and Léon"


@given(st.text(alphabet="ab \\'\"{}$~cuv.=^`io", max_size=40))
def test_decoding_is_idempotent(text: str) -> None:
    once = decode_tex_accents(text)
    assert decode_tex_accents(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1D-&gt;2D", "1D->2D"),
        ("R&amp;D &#233;t&#xE9;", "R&D été"),
        ("R&D and &copy 2024 and & alone", "R&D and &copy 2024 and & alone"),
        ("&notanentity;", "&notanentity;"),
    ],
)
def test_html_unescape_only_complete_references(text: str, expected: str) -> None:
    assert html_unescape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2501.00001", "2501.00001"),
        ("arXiv:2501.10893", "2501.10893"),
        ("http://arxiv.org/abs/2103.00020v1", "2103.00020"),
        ("https://arxiv.org/pdf/2501.10893v2.pdf", "2501.10893"),
        ("cond-mat/0011267v1", "cond-mat/0011267"),
        ("http://arxiv.org/abs/cond-mat/0011267v1", "cond-mat/0011267"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("0704.0001", "0704.0001"),
        ("http://arxiv.org/api/errors#incorrect_id_format_for_1234", None),
        ("10.1103/PhysRevB.63.245102", None),
        ("Learning to Navigate the Web", None),
    ],
)
def test_arxiv_ids_lose_their_version(text: str, expected: str | None) -> None:
    assert arxiv_id(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Pan Lu, Swaroop Mishra, Tony Xia", ["Pan Lu", "Swaroop Mishra", "Tony Xia"]),
        ("Jianyu Zhang and L\\'eon Bottou", ["Jianyu Zhang", "Léon Bottou"]),
        ("A. One, B. Two, and C.\n  Three", ["A. One", "B. Two", "C. Three"]),
        ("A. One (1), B. Two (1 and 2) ((1) MIT, (2) CMU)", ["A. One", "B. Two"]),
        ("Sercan \\\"O.\n  Ar{\\i}k", ["Sercan Ö. Arık"]),
        ("The ATLAS Collaboration", ["The ATLAS Collaboration"]),
    ],
)
def test_author_lines_split_into_names(line: str, expected: list[str]) -> None:
    assert split_authors(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sat, 18 Jan 2025 22:35:05 GMT   (1024kb)", "2025-01-18"),
        ("Fri, 17 Jan 2025 21:01:30 GMT   (2310kb,D)", "2025-01-17"),
        ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02"),
        ("Tue, 7 Jan 25 01:00:03 -0500", "2025-01-07"),
        ("Wed, 15 Nov 2000 23:59:59 -0800", "2000-11-15"),
        ("15 November 2000", "2000-11-15"),
        ("sometime last week", None),
    ],
)
def test_mail_dates_become_iso_as_written(value: str, expected: str | None) -> None:
    assert parse_mail_date(value) == expected


def test_clean_text_gives_none_for_missing_or_blank() -> None:
    assert clean_text(None) is None
    assert clean_text("  \n  ") is None
    assert clean_text("  Long\\'ep\\'e\n  et al.") == "Longépé et al."
