"""Markdown for the forum: the only way user text becomes HTML.

markdown-it-py renders CommonMark (plus tables and strikethrough) with raw HTML disabled, so
``<script>`` arrives as text; nh3 (ammonia) then sanitises the result against an allow-list of
tags, attributes and URL schemes, whatever the renderer let through (``javascript:`` and
``data:`` links, event handlers, SVG, iframes). Links get ``rel="nofollow noopener ugc"``.

Mentions are written ``@[Nome Cognome]``: the brackets say where a name with spaces ends
(``@Mario Rossi`` would be ambiguous). ``render`` turns the mentions it is given a link for into
links; any other ``@[...]`` stays text."""

from __future__ import annotations

import re
from collections.abc import Mapping

import nh3
from markdown_it import MarkdownIt

#: ``@[Nome Cognome]``: a name of 2 to 80 characters, no brackets nor line breaks.
MENTION = re.compile(r"@\[([^\[\]\n]{2,80})\]")
MAX_MENTIONS = 20

TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener ugc"

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"])


def mentioned_names(text: str) -> list[str]:
    """The names written as ``@[Nome Cognome]`` in ``text``, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text or ""):
        name = " ".join(match.group(1).split())
        if name:
            seen.setdefault(name, None)
    return list(seen)[:MAX_MENTIONS]


def unmention(text: str, name: str, replacement: str) -> str:
    """``text`` with every mention of ``name`` written as ``@[replacement]``: matched as the links
    are (case and runs of spaces do not count), so that no mention the site links is left."""
    wanted = " ".join(name.split()).casefold()

    def replace(match: re.Match[str]) -> str:
        return f"@[{replacement}]" if " ".join(match.group(1).split()).casefold() == wanted else match.group(0)

    return MENTION.sub(replace, text or "")


def _escape_link_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#!|~])", r"\\\1", text)


def _link_mentions(text: str, links: Mapping[str, str]) -> str:
    """``@[Name]`` → a Markdown link for the names in ``links`` (keys compared case-insensitively)."""
    lowered = {name.casefold(): url for name, url in links.items()}

    def replace(match: re.Match[str]) -> str:
        name = " ".join(match.group(1).split())
        url = lowered.get(name.casefold())
        if not url:
            return match.group(0)
        return f"[@{_escape_link_text(name)}](<{url}>)"

    return MENTION.sub(replace, text)


def render(text: str, mentions: Mapping[str, str] | None = None) -> str:
    """Safe HTML for ``text`` (Markdown). ``mentions``: name → site path of the people that may
    be linked (the community's members)."""
    source = text or ""
    if mentions:
        source = _link_mentions(source, mentions)
    html = _md.render(source)
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=LINK_REL,
                     clean_content_tags={"script", "style"}, strip_comments=True,
                     filter_style_properties={"text-align"})


def quote(author: str, text: str) -> str:
    """A Markdown blockquote of ``text`` introduced by its author, to pre-fill a reply."""
    lines = (text or "").strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return f"> **{_escape_link_text(author)}** ha scritto:\n>\n{quoted}\n\n"


def excerpt(text: str, limit: int = 200) -> str:
    """Plain text of the first ``limit`` characters, for notifications and search results."""
    plain = re.sub(r"[`*_>#\[\]()!~|]", "", text or "")
    plain = " ".join(plain.split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
