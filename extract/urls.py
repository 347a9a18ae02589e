"""Find, clean, decode and classify the URLs written in a paper's text.

Listings carry URLs in every state of disrepair: glued to sentence punctuation,
followed by arXiv's `{this http URL}` placeholder, written without a scheme,
wrapped in LaTeX or Markdown, or rewritten by a link proxy that hex-encodes
the real host (`i676974687562o636f6dz.oszar.com` is `github.com`). A database
of papers wants the real link, so everything here turns what was *written*
into what was *meant*, and says what kind of link it is (ANNOTATION.md,
"code URL and project URL").

Every pattern is linear in its input: the scanner never rescans a token it
has accepted, host labels are matched possessively, and parenthesis balance
is counted once per URL, so hostile text (100k-character hosts, deep
nesting, megabyte lines) costs a single pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import parse_qs, unquote

import regex

# ---------------------------------------------------------------------------
# Host tables (ANNOTATION.md). Hosts are compared lower-cased, without "www.".

# Links that identify the paper itself: host -> path prefixes that make a link
# a paper link; an empty tuple means every path on the host does.
PAPER_HOSTS: dict[str, tuple[str, ...]] = {
    "arxiv.org": ("/abs/", "/pdf/", "/html/"),
    "export.arxiv.org": ("/abs/", "/pdf/", "/html/"),
    "doi.org": (),
    "dx.doi.org": (),
    "openreview.net": ("/forum", "/pdf"),
    "aclanthology.org": (),
    "aclweb.org": ("/anthology/",),
    "huggingface.co": ("/papers/",),
    "hf.co": ("/papers/",),
    "openaccess.thecvf.com": (),
    "ieeexplore.ieee.org": (),
    "dl.acm.org": (),
    "proceedings.neurips.cc": (),
    "papers.nips.cc": (),
    "papers.neurips.cc": (),
    "proceedings.mlr.press": (),
}

# Source and model repositories; any path on them is code, whatever the text
# calls it. Hosts whose first label is "git" are code as well (see `_is_code`).
CODE_HOSTS: frozenset[str] = frozenset(
    {
        "github.com",
        "gist.github.com",
        "raw.githubusercontent.com",
        "gitlab.com",
        "bitbucket.org",
        "codeberg.org",
        "gitee.com",
        "sourceforge.net",
        "huggingface.co",
        "hf.co",
        "anonymous.4open.science",
    }
)

# Code hosts whose URLs are /owner/name/...; the first path segments that are
# site pages rather than owners.
REPO_HOSTS: dict[str, frozenset[str]] = {
    "github.com": frozenset(
        {"about", "apps", "collections", "contact", "enterprise", "events", "explore", "features", "issues",
         "login", "marketplace", "new", "notifications", "orgs", "organizations", "pricing", "pulls",
         "search", "security", "settings", "site", "sponsors", "topics", "trending", "join"}
    ),
    "gitlab.com": frozenset({"explore", "help", "users", "groups", "dashboard", "search"}),
    "bitbucket.org": frozenset({"product", "account", "dashboard"}),
    "codeberg.org": frozenset({"explore", "user", "org"}),
    "gitee.com": frozenset({"explore", "login", "signup", "organizations"}),
}

# Hugging Face: /owner/name is a model, /datasets/owner/name and
# /spaces/owner/name are datasets and spaces; these first segments are site pages.
HF_HOSTS: frozenset[str] = frozenset({"huggingface.co", "hf.co"})
HF_KIND_PREFIXES: frozenset[str] = frozenset({"datasets", "spaces"})
HF_RESERVED: frozenset[str] = frozenset(
    {"api", "blog", "chat", "collections", "docs", "join", "learn", "login", "models", "organizations",
     "papers", "posts", "pricing", "settings", "tasks"}
)

# Last labels that make a schemeless token a host. Lower case only, so that
# product names such as `ASP.NET` stay prose. Country codes that are also
# common English words (in, is, it, at, to, be, no, me, us, so) or frequent
# file extensions in ML papers (py, pt, pl, sh, md, rs, ml, cc, tf, ps, zip,
# mov) are left out: `results.in`, `model.pt` and `run.sh` are not links.
# Such hosts are still found when written with a scheme or `www.`.
SCHEMELESS_TLDS: frozenset[str] = frozenset(
    {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "ai", "co", "dev", "app",
        "page", "site", "tech", "science", "xyz", "cloud", "online", "blog", "news", "ly", "gl", "tv", "fm",
        "eu", "uk", "de", "fr", "cn", "jp", "kr", "ca", "au", "ch", "nl", "se", "es", "ru", "br", "il",
        "sg", "hk", "tw", "fi", "dk", "cz", "gr", "hu", "ie", "nz", "za", "mx", "ar", "cl", "tr", "ir",
        "vn", "th", "my", "pk", "sa", "ae", "lu", "ee", "lt", "lv", "si", "sk", "ro", "bg", "hr", "ua",
    }
)

# ---------------------------------------------------------------------------
# Patterns.

# Characters that may end a written URL but are sentence punctuation or
# quoting, not part of it (closing brackets are handled by balance).
_TRAILING = frozenset(".,;:!?'*…\"“”‘’«»。，；：！？、")
_CLOSERS = {")": "(", "]": "["}
_OPENERS = "([<\"'“‘«"

_TLD_ALTERNATION = "|".join(sorted(SCHEMELESS_TLDS, key=lambda tld: (-len(tld), tld)))

# URL starts: with a scheme, `www.`, or a bare host on a known top-level
# domain. Three patterns searched side by side (see `find_urls`) rather than
# one alternation: each alone keeps the regex engine's fast scan. Host labels
# are matched possessively (no backtracking at all); the top-level domain is
# then checked by a look-behind, so dotted tokens that are not hosts (`v1.2.3`,
# `e.g.`) fail inside the engine at the cost of one pass.
_SCHEME_URL = regex.compile(
    r"""(?x)
    (?P<scheme>(?i:https?|ftp)://)               # as written; no look-behind, so a lost
                                                # space (`athttps://...`) is still found
    (?P<host>
        \[[0-9A-Fa-f:.]++\]                      # IPv6 literal
      | [\w-]++(?:\.[\w-]++)*+                   # labels
    )
    """
)
_TOKEN_START = r"(?<![\w.@/%+~-])"  # not inside a word, path, e-mail address or longer host
_BARE_URL = regex.compile(
    r"""(?x)"""
    + _TOKEN_START
    + r"""
    (?P<host>[\p{L}\p{N}][\w-]*+(?:\.[\w-]++)++)  # two or more labels
    (?:
        (?<=\.(?:"""
    + _TLD_ALTERNATION
    + r"""))                                     # ends in a known top-level domain
      | (?<=\.(?:"""
    + _TLD_ALTERNATION
    + r""")\.\p{Lu}[\w-]*)                       # or is followed by a sentence that
    )                                            # lost its space: `site.io.Next`
    """
)
_BARE_HINT = regex.compile(r"\.(?<=[\w-]\.)(?:" + _TLD_ALTERNATION + r")(?![\w-])")
_WWW_URL = regex.compile(_TOKEN_START + r"(?P<host>(?i:www)\.[\w-]++(?:\.[\w-]++)++)")
# In order of preference when two start at the same offset.
_STARTS: dict[str, regex.Pattern[str]] = {"scheme": _SCHEME_URL, "bare": _BARE_URL, "www": _WWW_URL}
_PORT = regex.compile(r":\d{1,5}+(?!\w)")
_PATH = regex.compile(r"""[/?#][^\s\p{C}\p{Z}<>"{}|\\^`“”‘’«»。，；：！？、]*+""")

# What may follow a URL glued to it: punctuation, closing brackets, and the
# scraping artefact arXiv leaves where it hid a link.
_TAIL = regex.compile(
    r"""(?x)
    (?: \{this\ https?\ URL\}                  # arXiv placeholder glued to the URL
      | [.,;:!?'*…"“”‘’«»。，；：！？、)\]>]
    )*+
    """
)

# Markup whose delimiters bound the URL: then `raw` is the URL alone.
_MARKUP_BEFORE = regex.compile(r"""(?:\]\(|\\(?:url|href)\{|<|\bhref=["'])$""")

_PROXY_HOST = regex.compile(
    r"""(?xi)
    ^ i (?P<first>(?:[0-9a-f]{2})++)           # first real label as hex, prefixed `i`
      (?P<rest>(?:o(?:[0-9a-f]{2})++)++)       # further labels, each prefixed `o`
      z \. [a-z0-9-]++(?:\.[a-z0-9-]++)++ \.?$ # then `z` and the proxy's own domain
    """
)
_LDH_LABEL = regex.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")

_QUERY_START = regex.compile(r"[?#]")
_SPLIT = regex.compile(r"(?s)^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>.*)$")

_ARXIV_PATH = regex.compile(
    r"""(?x)
    ^/(?:abs|pdf|html)/
    (?P<id>
        \d{4}\.\d{4,5}                         # 2501.00001
      | [a-z-]++(?:\.[A-Za-z-]++)?/\d{7}       # cond-mat/0011267, math.GT/0309136
    )
    (?:v\d++)?(?:\.pdf)?/?$
    """
)
_DOI_PATH = regex.compile(r"^/(?P<doi>10\.\d{4,9}/\S+)$")
_HF_PAPER_PATH = regex.compile(r"^/papers/(?P<id>[^/]+)/?$")

MAX_HOST_CHARS = 253

# Redirectors that carry the real address in a query parameter: a link copied
# from a mail client (Outlook Safe Links), a search result or a shared document
# (Google), Google Scholar, social sites. Host pattern (lower-cased, `www.`
# optional), path, the parameters that may hold the target, in order.
REDIRECTS: tuple[tuple[regex.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (regex.compile(host), path, params)
    for host, path, params in (
        (r"^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$", "/url", ("q", "url")),
        (r"^scholar\.google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$", "/scholar_url", ("url",)),
        (r"^[a-z0-9-]+\.safelinks\.protection\.outlook\.com$", "/", ("url",)),
        (r"^l[m]?\.facebook\.com$", "/l.php", ("u",)),
        (r"^(?:www\.)?youtube\.com$", "/redirect", ("q",)),
        (r"^(?:www\.)?linkedin\.com$", "/redir/redirect", ("url",)),
        (r"^slack-redir\.net$", "/link", ("url",)),
        (r"^out\.reddit\.com$", "", ("url",)),
        (r"^urldefense\.proofpoint\.com$", "/v2/url", ("u",)),
    )
)
# Proofpoint's own encodings: v2 writes "%" as "-" and "/" as "_" in `u`;
# v3 writes the address between "__" marks in the path.
_PROOFPOINT_V2_HEX = regex.compile(r"-([0-9A-Fa-f]{2})")
_PROOFPOINT_V3 = regex.compile(r"^https?://urldefense\.com/v3/__(?P<target>https?://.+?)__;")


# ---------------------------------------------------------------------------
# Public API.


@dataclass(frozen=True, slots=True)
class FoundUrl:
    """A URL in the text: where it was written, and what it means.

    `raw` is the text exactly as written, trailing punctuation and glued
    artefacts included, so the mention stays grounded; `url` is the cleaned,
    decoded link (`clean_url(raw) == url`). Inside markup (`\\url{}`,
    `[text](url)`, `<url>`) `raw` is the URL alone.
    """

    start: int
    end: int
    raw: str
    url: str
    kind: str
    host: str
    repo: Optional[str]


def _search_bare(text: str, pos: int) -> Optional[regex.Match[str]]:
    """`_BARE_URL.search(text, pos)`, begun where the first match can start.

    The bare pattern tries every word of the text, and URLs sit late in an
    abstract. Every bare URL holds a `_BARE_HINT` match (the dot before its
    top-level domain) and no space or newline, so none starts before the
    line-or-space run that holds the first hint at or after `pos`; the
    look-behinds still see the text before the new start.
    """
    hint = _BARE_HINT.search(text, pos)
    if hint is None:
        return None
    at = hint.start()
    start = max(text.rfind(" ", pos, at), text.rfind("\n", pos, at)) + 1
    return _BARE_URL.search(text, max(start, pos))


_SEARCHES: dict[str, Callable[[str, int], Optional[regex.Match[str]]]] = {
    "scheme": _SCHEME_URL.search,
    "bare": _search_bare,
    "www": _WWW_URL.search,
}


def find_urls(text: str) -> list[FoundUrl]:
    """Every URL written in `text`, in order and non-overlapping.

    The three start patterns are searched independently and their next
    matches kept; the earliest wins, and a pattern is searched again only
    from where the text was consumed, so each character is scanned a bounded
    number of times.
    """
    found: list[FoundUrl] = []
    # Cheap tests first: most abstracts hold no URL, and the literal searches
    # below cost a fraction of a full start-pattern scan.
    # The bare form checks its own hint (`_search_bare`).
    hinted = {
        "scheme": "://" in text,
        "bare": True,
        "www": "www." in text or "WWW." in text or "Www." in text,
    }
    pending = {form: search(text, 0) if hinted[form] else None for form, search in _SEARCHES.items()}
    while True:
        live = [(m.start(), order, form, m) for order, (form, m) in enumerate(pending.items()) if m is not None]
        if not live:
            return found
        start, _, form, match = min(live, key=lambda item: item[:2])
        built = _build(text, match, form)
        if built is None:
            pending[form] = _SEARCHES[form](text, match.end())
            continue
        url, url_end = built
        if _MARKUP_BEFORE.search(text, max(0, start - 7), start):
            end = url_end
        else:
            end = _TAIL.match(text, url_end).end()
        kind, host, repo = classify_url(url)
        found.append(FoundUrl(start, end, text[start:end], url, kind, host, repo))
        for other, waiting in pending.items():
            if waiting is not None and waiting.start() < end:
                pending[other] = _SEARCHES[other](text, end)


def clean_url(raw: str) -> Optional[str]:
    """The URL `raw` stands for, or None when it is not a URL.

    Trailing sentence punctuation, unbalanced closing brackets, quotes and
    glued `{this http URL}` placeholders are dropped; a schemeless URL gets
    `https://`; a proxy-rewritten host is decoded. Nothing else changes: a
    normal URL comes back as written.
    """
    text = raw.strip().lstrip(_OPENERS)
    for form, pattern in _STARTS.items():
        match = pattern.match(text)
        if match is None:
            continue
        built = _build(text, match, form)
        if built is None:
            continue
        url, url_end = built
        return url if _TAIL.fullmatch(text, url_end) is not None else None
    return None


def decode_proxy_host(host: str) -> str:
    """The real host behind a proxy-rewritten one; any other host unchanged.

    The proxy writes each real label as hex (`i` before the first, `o` before
    the others), then `z` and its own domain. Only hex that decodes to valid
    ASCII host labels (letters, digits, inner hyphens, 1-63 characters) is
    trusted, and at least two labels are required: a real host has a
    top-level domain, while a one-label decode is more likely a coincidence.
    """
    match = _PROXY_HOST.match(host)
    if match is None:
        return host
    labels = [match.group("first"), *match.group("rest").lower().split("o")[1:]]
    decoded: list[str] = []
    for label in labels:
        try:
            text = bytes.fromhex(label).decode("ascii")
        except (ValueError, UnicodeDecodeError):
            return host
        if not _LDH_LABEL.match(text):
            return host
        decoded.append(text)
    real = ".".join(decoded)
    return real if len(real) <= MAX_HOST_CHARS else host


def classify_url(url: str) -> tuple[str, str, Optional[str]]:
    """(kind, lower-cased decoded host, "owner/name" or None) for a clean URL.

    Raises ValueError when `url` has no `scheme://host` shape.
    """
    parts = _split(url)
    if parts is None:
        raise ValueError(f"not a URL: {url!r}")
    host, path = parts
    key = _host_key(host)
    if _is_paper(key, path):
        return "paper", host, None
    if _is_code(key):
        return "code", host, _repo(key, path)
    return "project", host, None


def link_to_url(url: str, hint: Optional[str]) -> Optional[tuple[str, str, str, Optional[str]]]:
    """(url, kind, host, repo) for a URL from metadata, or None if it is not one.

    The host decides the kind, as for URLs in the text: a `githubRepo` field
    pointing at a project page is a project page, and a paper link is always
    `paper`. One exception: a field whose format defines it as the work's own
    address (BibTeX `url`, a CSV `url` column, a list item's title link) is
    the paper on any host that is not a code host or a site host
    (`_SITE_HOST_SUFFIXES`). A publisher's article page
    (sciencedirect.com, link.springer.com, ...) is not in ANNOTATION.md's
    list of paper hosts, yet it is that paper, not a project page.
    """
    cleaned = clean_url(url)
    if cleaned is None:
        return None
    kind, host, repo = classify_url(cleaned)
    if hint == "paper" and kind == "project" and not _is_site_host(host):
        kind = "paper"
    return cleaned, kind, host, repo


# Hosts of project and personal sites: a title link or BibTeX `url` there is
# the project page (ANNOTATION.md: `*.github.io` is a project page).
_SITE_HOST_SUFFIXES = (
    ".github.io", ".gitlab.io", ".netlify.app", ".vercel.app", ".pages.dev", ".web.app",
    ".readthedocs.io", ".notion.site", "sites.google.com",
)


def _is_site_host(host: str) -> bool:
    return _host_key(host).endswith(_SITE_HOST_SUFFIXES)


def paper_ids_from_url(url: str) -> dict[str, str]:
    """Paper identifiers a link carries: arXiv id (no version), DOI, HF paper id."""
    parts = _split(url)
    if parts is None:
        return {}
    host, rest = parts
    key = _host_key(host)
    path = _path_only(rest)
    if key in ("arxiv.org", "export.arxiv.org"):
        match = _ARXIV_PATH.match(path)
        return {"arxiv": match.group("id")} if match else {}
    if key in ("doi.org", "dx.doi.org"):
        match = _DOI_PATH.match(unquote(path))
        return {"doi": match.group("doi")} if match else {}
    if key in HF_HOSTS:
        match = _HF_PAPER_PATH.match(path)
        return {"hf": match.group("id")} if match else {}
    return {}


# ---------------------------------------------------------------------------
# Internals.


def _build(text: str, match: regex.Match[str], form: str) -> Optional[tuple[str, int]]:
    """(clean URL, end offset of its written form) for a URL start, or None."""
    host = match.group("host")
    if form == "scheme":
        scheme = match.group("scheme")
        # A proxy label may exceed 63 characters; the host it stands for is what must be sane.
        if not _plausible_host(decode_proxy_host(host)):
            return None
        end = match.end()
    else:
        scheme = "https://"
        host_end = _bare_host_end(text, match, www=form == "www")
        if host_end is None:
            return None
        host = text[match.start() : host_end]
        end = host_end
        if end < match.end():
            return scheme + decode_proxy_host(host), end
    port = _PORT.match(text, end)
    if port is not None:
        end = port.end()
    path = _PATH.match(text, end)
    written = path.group() if path is not None else ""
    link_end = written.find("](")  # "[github.com/a/b](https://github.com/a/b)": the link text ends here
    trimmed = _trim_path(written if link_end < 0 else written[:link_end])
    url = scheme + decode_proxy_host(host) + text[match.end() : end] + trimmed
    return unwrap_redirect(url), end + len(trimmed)


def unwrap_redirect(url: str) -> str:
    """The address a redirector's link leads to (see `REDIRECTS`); any other URL unchanged.

    "https://www.google.com/url?q=https%3A%2F%2Fgithub.com%2Fa%2Fb&sa=D" is
    github.com/a/b. The target must itself clean to a URL (`clean_url`, which
    unwraps again, so a Safe Link around a Google link comes out whole);
    otherwise the redirector's own link is kept as written.
    """
    v3 = _PROOFPOINT_V3.match(url)
    if v3 is not None:
        return clean_url(v3.group("target")) or url
    parts = _split(url)
    if parts is None:
        return url
    host, rest = parts
    path, _, query = rest.partition("#")[0].partition("?")
    if not query:
        return url
    for pattern, redirect_path, params in REDIRECTS:
        if pattern.match(host) is None or (redirect_path and path.rstrip("/") != redirect_path.rstrip("/")):
            continue
        values = parse_qs(query, max_num_fields=64) if len(query) <= 8192 else {}
        for param in params:
            for target in values.get(param, ()):
                if host == "urldefense.proofpoint.com":
                    target = _PROOFPOINT_V2_HEX.sub(lambda m: chr(int(m.group(1), 16)), target).replace("_", "/")
                cleaned = clean_url(target.strip()) if target.lower().startswith(("http://", "https://")) else None
                if cleaned is not None:
                    return cleaned
        return url
    return url


def _bare_host_end(text: str, match: regex.Match[str], www: bool) -> Optional[int]:
    """Where a schemeless host ends, or None when the token is not a host.

    A `www.` host may have any alphabetic top-level domain; any other ends in
    a known lower-case one, or is `site.io` in `site.io.Next` (a sentence that
    lost its space). An `@` after the host makes it an e-mail domain.
    """
    host = match.group("host")
    if text.startswith("@", match.end()) or len(host) > MAX_HOST_CHARS:
        return None
    last = host.rpartition(".")[2]
    if www:
        return match.end() if last.isalpha() and len(last) >= 2 else None
    if last in SCHEMELESS_TLDS:
        return match.end()
    return match.end() - len(last) - 1


def _plausible_host(host: str) -> bool:
    """A host with a scheme still needs a dot (or to be localhost) and sane lengths."""
    if host.startswith("["):
        return True
    if len(host) > MAX_HOST_CHARS:
        return False
    labels = host.split(".")
    if len(labels) < 2:
        return host.lower() == "localhost"
    return all(0 < len(label) <= 63 for label in labels)


def _trim_path(path: str) -> str:
    """Drop trailing punctuation and closing brackets with no opener in the path.

    Balance is counted once and updated while trimming, so a path of 100k
    brackets is trimmed in one pass; balanced brackets (Wikipedia titles) stay.
    """
    surplus = {close: path.count(close) - path.count(open_) for close, open_ in _CLOSERS.items()}
    end = len(path)
    while end > 0:
        char = path[end - 1]
        if char in _TRAILING:
            end -= 1
        elif char in surplus and surplus[char] > 0:
            surplus[char] -= 1
            end -= 1
        else:
            break
    return path[:end]


def _split(url: str) -> Optional[tuple[str, str]]:
    """(lower-cased decoded host, path with query and fragment) of a URL."""
    match = _SPLIT.match(url.strip())
    if match is None:
        return None
    authority = match.group("authority").rpartition("@")[2]
    if authority.startswith("["):
        host = authority.partition("]")[0] + "]"
    else:
        host = authority.partition(":")[0]
    if not host:
        return None
    return decode_proxy_host(host).lower().rstrip("."), match.group("rest")


def _path_only(rest: str) -> str:
    """The path of "path?query#fragment"."""
    return _QUERY_START.split(rest, maxsplit=1)[0]


def _host_key(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _is_paper(key: str, path: str) -> bool:
    prefixes = PAPER_HOSTS.get(key)
    if prefixes is None:
        return False
    return not prefixes or path.startswith(prefixes)


def _is_code(key: str) -> bool:
    return key in CODE_HOSTS or key.split(".", 1)[0] == "git"


def _repo(key: str, rest: str) -> Optional[str]:
    """"owner/name" for repository-shaped paths on hosts that have them."""
    segments = [s for s in _path_only(rest).split("/") if s]
    if key in HF_HOSTS:
        if segments and segments[0] in HF_KIND_PREFIXES:
            segments = segments[1:]
        elif segments and segments[0] in HF_RESERVED:
            return None
    elif key in REPO_HOSTS:
        if segments and segments[0].lower() in REPO_HOSTS[key]:
            return None
        if key == "gitlab.com" and "-" in segments:
            segments = segments[: segments.index("-")]
            if len(segments) >= 2:
                return "/".join(segments[:-1]) + "/" + _strip_git(segments[-1])
    else:
        return None
    if len(segments) < 2:
        return None
    owner, name = segments[0], _strip_git(segments[1])
    return f"{owner}/{name}" if owner and name else None


def _strip_git(name: str) -> str:
    return name[:-4] if name.endswith(".git") else name
