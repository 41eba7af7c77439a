"""Markdown of the forum: real XSS payloads come out inert; mentions; quoting."""

import re
from html.parser import HTMLParser

import pytest

from mentore.services import markdown

PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(1)><circle r=10></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(document.cookie))",
    "[clic](  javascript:alert(1))",
    "[clic](vbscript:msgbox(1))",
    "[dati](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](https://tracker.example/pixel.png)",
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "[a](&#106;avascript:alert(1))",
    '<details open ontoggle=alert(1)>',
    "<<script>script>alert(1)<</script>/script>",
]

SAFE_TAGS = {"p", "a", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "br", "table",
             "thead", "tbody", "tr", "th", "td", "del"}


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def assert_inert(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in SAFE_TAGS, html
        assert not any(name.startswith("on") or name in ("style", "src") for name in attrs), html
        href = (attrs.get("href") or "").strip().lower()
        assert not href or re.match(r"(https?:|mailto:|/|#)", href), html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_are_inert(payload):
    html = markdown.render(f"Testo prima.\n\n{payload}\n\nTesto dopo.")
    # no active markup survives: tags are escaped text, bad links are not links
    assert_inert(html)
    assert "Testo prima." in html and "Testo dopo." in html


def test_markdown_renders_the_usual_formatting():
    html = markdown.render("# Titolo\n\n**grassetto** _corsivo_ `codice`\n\n- uno\n- due\n\n> citazione")
    for fragment in ("<h1>Titolo</h1>", "<strong>grassetto</strong>", "<em>corsivo</em>", "<code>codice</code>",
                     "<li>uno</li>", "<blockquote>"):
        assert fragment in html


def test_links_are_kept_with_a_nofollow_rel():
    html = markdown.render("[Cantiere Terzo Settore](https://www.cantiereterzosettore.it/)")
    assert html == ('<p><a href="https://www.cantiereterzosettore.it/" rel="nofollow noopener ugc">'
                    "Cantiere Terzo Settore</a></p>\n")


def test_mentions_are_parsed_once_each_with_spaces_normalised():
    text = "Grazie @[Maria  Rossi] e @[Luca Bianchi]! Ancora @[Maria Rossi]. Non @Mario Rossi, né @[x] né @[]"
    assert markdown.mentioned_names(text) == ["Maria Rossi", "Luca Bianchi"]


def test_only_the_mentions_given_a_link_become_links():
    html = markdown.render("Ciao @[Maria Rossi] e @[Olga Esterna]", {"maria rossi": "/comunita/x/membri#membro-1"})
    assert '<a href="/comunita/x/membri#membro-1" rel="nofollow noopener ugc">@Maria Rossi</a>' in html
    assert "@[Olga Esterna]" in html


def test_unmention_rewrites_every_mention_the_links_would_match_and_nothing_else():
    text = "Grazie @[Maria  Rossi] e @[maria rossi]! Non @[Maria Rossini], né Maria Rossi, né @Maria Rossi."
    assert markdown.unmention(text, "Maria Rossi", "utente rimosso") == (
        "Grazie @[utente rimosso] e @[utente rimosso]! Non @[Maria Rossini], né Maria Rossi, né @Maria Rossi.")
    # the same matching as the links: whatever render() links for a name, unmention removes
    links = {"maria rossi": "/m"}
    assert "/m" in markdown.render("@[MARIA   ROSSI]", links)
    assert "/m" not in markdown.render(markdown.unmention("@[MARIA   ROSSI]", "Maria Rossi", "x y"), links)


def test_a_name_with_markup_in_a_mention_stays_text():
    html = markdown.render("@[<b>Maria</b>]", {"<b>Maria</b>": "/comunita/x/membri#membro-1"})
    assert "<b>" not in html and "&lt;b&gt;Maria&lt;/b&gt;" in html


def test_a_quote_is_a_blockquote_introduced_by_the_author():
    quoted = markdown.quote("Maria Rossi", "Prima riga\n\nSeconda riga")
    assert quoted == "> **Maria Rossi** ha scritto:\n>\n> Prima riga\n>\n> Seconda riga\n\n"
    assert "<blockquote>" in markdown.render(quoted)


def test_excerpt_is_plain_and_short():
    assert markdown.excerpt("**Ciao** [link](https://x.it) " + "a" * 300, 20).endswith("…")
    assert markdown.excerpt("**Ciao** _mondo_") == "Ciao mondo"
