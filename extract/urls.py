"""URLs in paper text: find, clean, decode proxy-rewritten hosts, classify.

Pure functions, so every case (artefacts, punctuation, proxies, markup) is a
row in a table-driven test. Classification follows ANNOTATION.md: links to
the paper itself are `paper`, source and model repositories are `code`,
everything else is `project`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

# A URL with a scheme, or www., or a bare host on a known TLD. Linear: the
# character classes do not overlap in ways that backtrack, and the length is
# bounded.
_URL = regex.compile(
    r"""(?xi)
    (?<![\w@/.-])
    (?:
        https?://[^\s<>"'`{}|\\^\[\]]{1,2000}
      | www\.[^\s<>"'`{}|\\^\[\]]{1,2000}
      | (?-i:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}
        (?:com|org|net|io|ai|edu|gov|dev|app|page|site|tech|info|me|cc|co|uk|de|fr|cn|jp|kr|ca|au|ch|nl|eu|us|in|it|es|se|be|at|dk|fi|no|pl|ru|br|sg|hk|tw|il))
        (?![\w-])(?:/[^\s<>"'`{}|\\^\[\]]{0,2000})?
    )
    """
)
_ARTEFACT = regex.compile(r"\{?\s*this\s+https?\s+URL\s*\}?", regex.IGNORECASE)
_TRAILING = ".,;:!?'\"`*"
_PROXY_HOST = regex.compile(r"^i((?:[0-9a-f]{2})+)((?:o(?:[0-9a-f]{2})+)*)z\.(.+)$", regex.IGNORECASE)
_LABEL = regex.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", regex.IGNORECASE)
_ARXIV_ID = regex.compile(r"(?:abs|pdf|html)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?(?:\.pdf)?", regex.IGNORECASE)

PAPER_HOSTS: dict[str, tuple[str, ...]] = {
    "arxiv.org": ("/abs", "/pdf", "/html"),
    "export.arxiv.org": ("/abs", "/pdf"),
    "doi.org": ("",),
    "dx.doi.org": ("",),
    "openreview.net": ("/forum", "/pdf"),
    "aclanthology.org": ("",),
    "www.aclweb.org": ("/anthology",),
    "huggingface.co": ("/papers",),
    "openaccess.thecvf.com": ("",),
    "ieeexplore.ieee.org": ("",),
    "dl.acm.org": ("",),
    "proceedings.neurips.cc": ("",),
    "papers.nips.cc": ("",),
    "proceedings.mlr.press": ("",),
}
CODE_HOSTS = frozenset(
    {
        "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "sourceforge.net",
        "huggingface.co", "anonymous.4open.science",
    }
)
_REPO_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"})
_HF_KINDS = frozenset({"datasets", "spaces"})


@dataclass(frozen=True, slots=True)
class FoundUrl:
    """A URL written in a text: where it is, as written, and what it is."""

    start: int
    end: int
    raw: str
    url: str
    kind: str
    host: str
    repo: Optional[str]


def decode_proxy_host(host: str) -> str:
    """`i676974687562o636f6dz.oszar.com` -> `github.com`; anything else unchanged.

    The proxy writes each label of the real host as hex, the first prefixed
    `i`, the others `o`, then `z` and its own domain. A host whose hex does not
    decode to valid host labels is left as it is.
    """
    match = _PROXY_HOST.match(host)
    if match is None:
        return host
    hexes = [match.group(1)] + [part for part in match.group(2).split("o") if part]
    labels = []
    for part in hexes:
        try:
            label = bytes.fromhex(part).decode("ascii")
        except (ValueError, UnicodeDecodeError):
            return host
        if not _LABEL.match(label):
            return host
        labels.append(label.lower())
    if len(labels) < 2:
        return host
    return ".".join(labels)


def _strip_trailing(url: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets at the end."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last in ")]}" and url.count({")": "(", "]": "[", "}": "{"}[last]) < url.count(last):
            url = url[:-1]
        else:
            break
    return url


def clean_url(raw: str) -> Optional[str]:
    """The real address behind a URL as written, or None if it is not a URL."""
    text = _ARTEFACT.split(raw, maxsplit=1)[0]
    text = _strip_trailing(text.strip())
    if not text:
        return None
    scheme_match = regex.match(r"(?i)^(https?)://", text)
    if scheme_match:
        scheme, rest = scheme_match.group(1).lower(), text[scheme_match.end() :]
    else:
        scheme, rest = "https", text
    host_end = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if pos != -1:
            host_end = min(host_end, pos)
    host, path = rest[:host_end], rest[host_end:]
    port = ""
    if ":" in host:
        host, port = host.split(":", 1)
        port = ":" + port
    if not host or "." not in host:
        return None
    decoded = decode_proxy_host(host)
    if decoded != host:
        host = decoded
    return f"{scheme}://{host}{port}{path}"


def classify_url(url: str) -> tuple[str, str, Optional[str]]:
    """(kind, host, repo) per ANNOTATION.md."""
    match = regex.match(r"(?i)^[a-z][a-z0-9+.-]*://([^/?#:]+)(?::\d+)?([^?#]*)", url)
    host = match.group(1).lower() if match else ""
    path = match.group(2) if match else ""
    bare = host[4:] if host.startswith("www.") else host
    for paper_host, prefixes in PAPER_HOSTS.items():
        if bare == paper_host or host == paper_host:
            if any(path.startswith(p) for p in prefixes):
                return "paper", host, None
    if bare in CODE_HOSTS or bare.split(".")[0] == "git":
        return "code", host, _repo(bare, path)
    return "project", host, None


def _repo(host: str, path: str) -> Optional[str]:
    parts = [p for p in path.split("/") if p]
    if host in _REPO_HOSTS and len(parts) >= 2:
        name = parts[1][:-4] if parts[1].endswith(".git") else parts[1]
        return f"{parts[0]}/{name}"
    if host == "huggingface.co" and parts:
        if parts[0] in _HF_KINDS and len(parts) >= 3:
            return f"{parts[1]}/{parts[2]}"
        if parts[0] not in _HF_KINDS and parts[0] != "papers" and len(parts) >= 2:
            return f"{parts[0]}/{parts[1]}"
    return None


def find_urls(text: str) -> list[FoundUrl]:
    """Every URL written in `text`, in order, with offsets of the text as written."""
    found: list[FoundUrl] = []
    for match in _URL.finditer(text, timeout=5.0):
        raw = match.group()
        # A URL glued to an artefact keeps the artefact in `raw`: "...ChronoDepth/{this http URL}."
        tail = _ARTEFACT.match(text, match.end())
        end = match.end()
        if tail is not None:
            end = tail.end()
            while end < len(text) and text[end] in ".,;:":
                end += 1
        raw = text[match.start() : end]
        if tail is None:
            # "(see https://x.org/y)." : the closing bracket belongs to the sentence.
            own = _strip_trailing(raw)
            bracket = min((i for i, c in enumerate(raw[len(own) :]) if c in ")]}"), default=None)
            if bracket is not None:
                end = match.start() + len(own) + bracket
                raw = text[match.start() : end]
        url = clean_url(raw)
        if url is None:
            continue
        kind, host, repo = classify_url(url)
        found.append(FoundUrl(match.start(), end, raw, url, kind, host, repo))
    return found


def link_to_url(url: str, hint: Optional[str]) -> Optional[tuple[str, str, str, Optional[str]]]:
    """A metadata link as (url, kind, host, repo); the host decides the kind, not the hint."""
    cleaned = clean_url(url)
    if cleaned is None:
        return None
    kind, host, repo = classify_url(cleaned)
    return cleaned, kind, host, repo


def paper_ids_from_url(url: str) -> dict[str, str]:
    """Identifiers a paper link carries: arXiv id (no version), DOI, Hugging Face paper id."""
    kind, host, _ = classify_url(url)
    bare = host[4:] if host.startswith("www.") else host
    if bare in ("arxiv.org", "export.arxiv.org"):
        match = _ARXIV_ID.search(url)
        return {"arxiv": match.group(1)} if match else {}
    if bare in ("doi.org", "dx.doi.org"):
        doi = url.split(host, 1)[1].lstrip("/")
        return {"doi": doi} if doi.startswith("10.") else {}
    if bare == "huggingface.co" and kind == "paper":
        paper = url.split("/papers/", 1)[1].split("/")[0].split("?")[0] if "/papers/" in url else ""
        return {"hf": paper} if paper else {}
    return {}
