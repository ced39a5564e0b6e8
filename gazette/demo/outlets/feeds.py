"""RSS 2.0 and Atom feeds of an outlet, with absolute links built from the request's base URL."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape

from .markup import iso
from .model import Outlet, OutletArticle

FEED_TITLES = {
    "tagblatt": ("Donauländer Tagblatt – Nachrichten", "Aktuelle Nachrichten aus dem Donauland"),
    "courier": ("The Harbour Courier", "News from Kingsharbour and the world"),
    "wirereview": ("Continental Wire Review", "Agency news from across Europe, as it lands"),
}


def render_feed(outlet: Outlet, base: str) -> str:
    if outlet.feed_format == "atom":
        return render_atom(outlet, base)
    return render_rss(outlet, base)


def _cdata(html: str) -> str:
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss_item(article: OutletArticle, base: str, *, full_content: bool) -> str:
    link = escape(base + article.path)
    lines = [
        "  <item>",
        f"   <title>{escape(article.title)}</title>",
        f"   <link>{link}</link>",
        f'   <guid isPermaLink="true">{link}</guid>',
    ]
    if article.published is not None:
        lines.append(f"   <pubDate>{format_datetime(article.published)}</pubDate>")
    if article.author:
        lines.append(f"   <dc:creator>{escape(article.author)}</dc:creator>")
    lines.append(f"   <category>{escape(article.section)}</category>")
    lines.append(f"   <description>{escape(article.standfirst)}</description>")
    if full_content:
        lines.append(f"   <content:encoded>{_cdata(article.body_html)}</content:encoded>")
    lines.append("  </item>")
    return "\n".join(lines)


def render_rss(outlet: Outlet, base: str) -> str:
    title, subtitle = FEED_TITLES[outlet.slug]
    full_content = outlet.slug == "wirereview"
    changed = outlet.last_changed
    build_date = f"  <lastBuildDate>{format_datetime(changed)}</lastBuildDate>" if changed else ""
    items = "\n".join(
        _rss_item(article, base, full_content=full_content) for article in outlet.newest_first()
    )
    language = "de-AT" if outlet.language == "de" else "en-GB"
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <title>{escape(title)}</title>
  <link>{escape(base)}/</link>
  <atom:link href="{_attr(base + outlet.feed_path)}" rel="self" type="application/rss+xml"/>
  <description>{escape(subtitle)}</description>
  <language>{language}</language>
{build_date}
  <ttl>15</ttl>
{items}
 </channel>
</rss>
"""


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _atom_entry(article: OutletArticle, base: str) -> str:
    link = _attr(base + article.path)
    lines = [
        "  <entry>",
        f"   <title>{escape(article.title)}</title>",
        f'   <link rel="alternate" type="text/html" href="{link}"/>',
        f"   <id>{link}</id>",
    ]
    if article.published is not None:
        lines.append(f"   <published>{iso(article.published)}</published>")
    if article.last_changed is not None:
        lines.append(f"   <updated>{iso(article.last_changed)}</updated>")
    if article.author:
        lines.append(f"   <author><name>{escape(article.author)}</name></author>")
    lines.append(f'   <category term="{_attr(article.section)}"/>')
    lines.append(f"   <summary>{escape(article.standfirst)}</summary>")
    lines.append("  </entry>")
    return "\n".join(lines)


def render_atom(outlet: Outlet, base: str) -> str:
    title, subtitle = FEED_TITLES[outlet.slug]
    changed = outlet.last_changed
    updated = f" <updated>{iso(changed)}</updated>" if changed else ""
    entries = "\n".join(_atom_entry(article, base) for article in outlet.newest_first())
    self_link = _attr(base + outlet.feed_path)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet.language}">
 <title>{escape(title)}</title>
 <subtitle>{escape(subtitle)}</subtitle>
 <link rel="self" type="application/atom+xml" href="{self_link}"/>
 <link rel="alternate" type="text/html" href="{_attr(base)}/"/>
 <id>{escape(base)}/</id>
{updated}
{entries}
</feed>
"""
