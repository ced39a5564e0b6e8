"""Sanitising article HTML: keep the structure a reader needs, drop everything else."""

from __future__ import annotations

import re
from html import unescape

import nh3

ARTICLE_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "em", "strong", "b", "i",
        "figure", "figcaption", "img", "br", "table", "thead", "tbody", "tr", "th", "td",
        "cite", "q", "sub", "sup", "abbr",
    }
)  # fmt: skip
ARTICLE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"scope"},
}


def sanitize_article_html(html: str) -> str:
    """Return `html` with only structural tags and safe attributes; links get rel=noopener."""
    cleaned = nh3.clean(
        html,
        tags=set(ARTICLE_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ARTICLE_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # Empty paragraphs left behind by stripped widgets carry no content.
    return re.sub(r"<p>\s*</p>", "", cleaned).strip()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, block boundaries kept as line breaks."""
    # A <br> separates lines (poems, addresses, paragraphs some sites write as <br><br>).
    text = nh3.clean(
        re.sub(r"<br\s*/?>|</(p|h[1-6]|li|blockquote|figcaption)>", "\n", html, flags=re.I),
        tags=set(),
    )
    return re.sub(r"[ \t]+", " ", unescape(text)).strip()
