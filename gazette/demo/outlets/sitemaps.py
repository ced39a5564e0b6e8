"""XML sitemaps: plain URL sets, a sitemap index and a Google News sitemap."""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from .markup import iso
from .model import Outlet

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_SITEMAP_PATH = "/sitemap-news.xml"
INDEX_PATH = "/sitemap.xml"

SitemapRenderer = Callable[[Outlet, str], str]


def render_urlset(outlet: Outlet, base: str) -> str:
    urls = []
    for article in outlet.newest_first():
        lastmod = article.last_changed
        lastmod_line = f"\n  <lastmod>{iso(lastmod)}</lastmod>" if lastmod else ""
        loc = escape(base + article.path)
        urls.append(f" <url>\n  <loc>{loc}</loc>{lastmod_line}\n </url>")
    body = "\n".join(urls)
    header = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f'{header}<urlset xmlns="{SITEMAP_NS}">\n{body}\n</urlset>\n'


def render_news_sitemap(outlet: Outlet, base: str) -> str:
    urls = []
    for article in outlet.newest_first():
        if article.published is None or article.last_changed is None:
            continue  # Google News sitemaps cannot carry an undated article.
        urls.append(
            f""" <url>
  <loc>{escape(base + article.path)}</loc>
  <lastmod>{iso(article.last_changed)}</lastmod>
  <news:news>
   <news:publication>
    <news:name>{escape(outlet.name)}</news:name>
    <news:language>{outlet.language}</news:language>
   </news:publication>
   <news:publication_date>{iso(article.published)}</news:publication_date>
   <news:title>{escape(article.title)}</news:title>
  </news:news>
 </url>"""
        )
    body = "\n".join(urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n{body}\n</urlset>\n'
    )


def render_news_index(outlet: Outlet, base: str) -> str:
    changed = outlet.last_changed
    lastmod = f"\n  <lastmod>{iso(changed)}</lastmod>" if changed else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
        f" <sitemap>\n  <loc>{escape(base + NEWS_SITEMAP_PATH)}</loc>{lastmod}\n </sitemap>\n"
        "</sitemapindex>\n"
    )


def sitemaps_of(outlet: Outlet) -> dict[str, SitemapRenderer]:
    """Every sitemap document the outlet serves, by URL path."""
    if outlet.sitemap_path == NEWS_SITEMAP_PATH:
        return {INDEX_PATH: render_news_index, NEWS_SITEMAP_PATH: render_news_sitemap}
    return {outlet.sitemap_path: render_urlset}
