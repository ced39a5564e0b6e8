"""A hostile outlet on loopback: article pages, an RSS feed, an Atom feed, a sitemap and an
OPML file full of payloads, and the helper that takes it in through the real pipeline.

Every script payload calls `window.__pwned = 1` and sets `document.title = 'PWNED'`, so a
browser test can tell whether any of it ran. The payloads: `javascript:`, `data:` and
`vbscript:` URLs (plain, upper-case, with a leading space, split by a tab, entity-encoded),
`<script>`, event-handler attributes, `<svg onload>`, `</title><script>`, `"><script>`,
entities, `]]>` breaking out of CDATA, over-long URLs, control characters, relative and
protocol-relative links, and credentials in URLs.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from gazette.articles.models import Article
from gazette.ingest.models import Entry
from gazette.newsroom import flow
from gazette.sources.models import Source
from gazette.sources.services import source_register, sources_import_opml
from gazette.states import ArticleState, LicencePolicy, SourceKind
from tests.fault_server import FaultServer, Route, fault_server

PWN = "window.__pwned=1;document.title='PWNED'"
SCRIPT = f"<script>{PWN}</script>"
IMG_ONERROR = f'<img src="x" onerror="{PWN}">'
SVG_ONLOAD = f'<svg onload="{PWN}"></svg>'
TITLE_BREAK = f"</title><script>{PWN}</script>"
ATTRIBUTE_BREAK = f'"><script>{PWN}</script>'
CDATA_BREAK = f"]]><script>{PWN}</script><![CDATA["
JS_URL = f"javascript:{PWN}"
DATA_URL = "data:text/html;base64," + base64.b64encode(SCRIPT.encode()).decode()
SVG_DATA_URL = f"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload=\"{PWN}\"/>"
VB_URL = "vbscript:msgbox(1)"
# Every form of a URL that must never become a link, an image or an action.
BAD_URLS = [
    JS_URL,
    "JAVASCRIPT:" + PWN,
    " javascript:" + PWN,
    "java\tscript:" + PWN,
    "&#106;avascript:" + PWN,  # an entity, written into markup as is
    DATA_URL,
    SVG_DATA_URL,
    VB_URL,
]
TEXT_PAYLOADS = [SCRIPT, IMG_ONERROR, SVG_ONLOAD, TITLE_BREAK, ATTRIBUTE_BREAK]
UNSAFE_PREFIXES = ("javascript:", "data:", "vbscript:")


def x(text: str) -> str:
    """Text escaped for XML/HTML element content and attributes."""
    return html.escape(text, quote=True)


def _paragraphs(n: int) -> str:
    return "".join(
        f"<p>Report {n}, paragraph {k}: the harbour authority says the storm surge damaged "
        f"{k + 3} moorings, and repairs at berth {n * 10 + k} will take until the spring.</p>"
        for k in range(6)
    )


def article_page(base: str, n: int) -> bytes:
    """Article `n`: a real story (so extraction keeps it) wrapped in payloads."""
    images = [
        JS_URL,
        SVG_DATA_URL,
        f"{base}/img/{'a' * 2100}.jpg",  # over-long
        "https://user:secret@127.0.0.1/img.jpg",  # credentials
        f"//127.0.0.1:{base.rsplit(':', 1)[1]}/img/ok-{n}.png",  # protocol-relative: fine
        f"/img/ok-{n}.png",  # relative: fine
    ]
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": f"Harbour report {n} {SCRIPT}",
        "url": JS_URL,
        "image": {"@type": "ImageObject", "url": images[(n + 1) % len(images)]},
        "author": {"@type": "Person", "name": f"Mallory {n} {ATTRIBUTE_BREAK}"},
        "datePublished": f"2024-03-0{n + 1}T08:00:00Z",
        "mainEntityOfPage": DATA_URL,
    }
    # On odd pages the JSON-LD block closes its own <script> and opens one of its own; on even
    # pages it is well-formed, so its hostile `url` and `image` reach extraction.
    ld_text = json.dumps(json_ld).replace("</", "<\\/")  # "<\/" is "</" to JSON
    if n % 2:
        ld_text = ld_text.replace("Harbour report", "</script><script>" + PWN + "//")
    body = "".join(
        [
            f"<h1>Harbour report {n}: storm damage {x(SCRIPT)}</h1>",
            _paragraphs(n),
            f"<p>{SCRIPT}Read <a href={quoteattr(JS_URL)}>the details</a>, "
            f"<a href={quoteattr(DATA_URL)}>the data</a>, "
            f"<a href={quoteattr(VB_URL)}>the VB</a>, "
            f"<a href='java&#09;script:{x(PWN)}'>the tab</a>, "
            f"<a href='&#106;avascript:{x(PWN)}'>the entity</a>, "
            f"<a href='https://user:pw@127.0.0.1/'>the login</a> and "
            f"<a href='/articles/{n}.html#more' onclick={quoteattr(PWN)}>more</a>.</p>",
            f"<p>{IMG_ONERROR}{SVG_ONLOAD}<img src={quoteattr(SVG_DATA_URL)} alt='svg'>"
            f"<iframe src={quoteattr(JS_URL)}></iframe>"
            f"<form action={quoteattr(JS_URL)}><button>Go</button></form>"
            f"<object data={quoteattr(DATA_URL)}></object>"
            f"<math><mtext><table><mglyph><style><img src=x onerror={quoteattr(PWN)}>"
            "</style></mglyph></table></mtext></math></p>",
            f"<p style='background:url(javascript:{x(PWN)})' onmouseover={quoteattr(PWN)}>"
            f"The harbour master, {x(ATTRIBUTE_BREAK)}, said the berth would reopen.</p>",
        ]
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour report {n} &lt;/title&gt;&lt;script&gt;{x(PWN)}&lt;/script&gt;</title>
<meta property="og:title" content={quoteattr(f"Harbour report {n} {TITLE_BREAK}")}>
<meta property="og:description" content={quoteattr(f"Storm damage {ATTRIBUTE_BREAK}")}>
<meta property="og:image" content={quoteattr(images[n % len(images)])}>
<meta property="og:image:alt" content={quoteattr(IMG_ONERROR)}>
<meta name="author" content={quoteattr(f"Mallory {n} {SCRIPT}")}>
<link rel="canonical" href={quoteattr(BAD_URLS[n % len(BAD_URLS)])}>
<link rel="alternate" type="application/rss+xml" href={quoteattr(JS_URL)}>
<script type="application/ld+json">{ld_text}</script>
<script>{PWN}</script>
</head><body onload={quoteattr(PWN)}><article>{body}</article></body></html>"""
    return page.encode()


ARTICLES = 5  # /articles/0.html … /articles/4.html


def rss_feed(base: str) -> bytes:
    good = [
        "/articles/0.html",  # relative
        f"//{base.split('//', 1)[1]}/articles/1.html",  # protocol-relative
    ]
    bad = [
        *BAD_URLS,
        f"https://user:pw@{base.split('//', 1)[1]}/articles/2.html",
        f"{base}/articles/{'a' * 2100}.html",
        f"{base}/articles/\x7f.html",
        f"{base}/articles/\u0085.html",
    ]
    items = [
        f"""<item>
  <title><![CDATA[Harbour report {k} {CDATA_BREAK} {TITLE_BREAK}]]></title>
  <link>{x(link)}</link>
  <guid isPermaLink="false">rss-{k}</guid>
  <description>{x(IMG_ONERROR + SVG_ONLOAD + SCRIPT)}</description>
  <author>{x(ATTRIBUTE_BREAK)}</author>
  <category>{x(SCRIPT)}</category>
  <category>{x(ATTRIBUTE_BREAK)}</category>
  <enclosure url={quoteattr(JS_URL)} type="image/jpeg" length="1"/>
  <media:thumbnail url={quoteattr(SVG_DATA_URL)}/>
  <pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
</item>"""
        for k, link in enumerate(good + bad)
    ]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>{x(TITLE_BREAK)}</title><link>{x(JS_URL)}</link>
<description>{x(SCRIPT)}</description>
<image><url>{x(DATA_URL)}</url><title>x</title><link>{x(JS_URL)}</link></image>
{"".join(items)}
</channel></rss>""".encode()


def atom_feed(base: str) -> bytes:
    entries = [
        f"""<entry>
  <title type="html">{x(f"Harbour report 2 {SCRIPT}")}</title>
  <link rel="alternate" href="{base}/articles/2.html"/>
  <id>atom-good</id><updated>2024-03-04T08:00:00Z</updated>
  <author><name>{x(SCRIPT)}</name><uri>{x(JS_URL)}</uri></author>
  <category term={quoteattr(SVG_ONLOAD)}/>
  <link rel="enclosure" href={quoteattr(DATA_URL)}/>
  <summary type="html">{x(IMG_ONERROR)}</summary>
</entry>""",
        # Relative to a hostile xml:base: resolved, it would be javascript:.
        f"""<entry xml:base={quoteattr(JS_URL + "//")}>
  <title>Based</title><link href="articles/9.html"/><id>atom-base</id>
  <updated>2024-03-04T08:00:00Z</updated></entry>""",
    ]
    entries += [
        f"""<entry><title>{x(TITLE_BREAK)}</title><link href={quoteattr(link)}/>
  <id>atom-{k}</id><updated>2024-03-04T08:00:00Z</updated></entry>"""
        for k, link in enumerate(BAD_URLS)
    ]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{x(SCRIPT)}</title>
<link href={quoteattr(JS_URL)}/><id>hostile</id><updated>2024-03-04T08:00:00Z</updated>
{"".join(entries)}
</feed>""".encode()


def sitemap(base: str) -> bytes:
    locs = [
        f"{base}/articles/3.html",
        *BAD_URLS,
        f"https://user:pw@{base.split('//', 1)[1]}/articles/3.html",
        f"{base}/{'a' * 2100}",
        f"  {base}/articles/3.html?dup=1  ",
    ]
    urls = "".join(
        f"""<url><loc>{x(loc)}</loc><news:news><news:publication>
<news:name>{x(SCRIPT)}</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-03-04T08:00:00Z</news:publication_date>
<news:title>{x(f"Harbour report 3 {TITLE_BREAK}")}</news:title></news:news></url>"""
        for loc in locs
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>""".encode()


def opml(base: str) -> bytes:
    good = [
        (f"{SCRIPT} Hostile RSS", f"{base}/rss.xml", JS_URL),
        (f"{ATTRIBUTE_BREAK} Hostile Atom", f"{base}/atom.xml", SVG_DATA_URL),
        (f"{TITLE_BREAK} Hostile Sitemap", f"{base}/sitemap.xml", " " + JS_URL),
    ]
    bad = [(f"Bad feed {k}", url, VB_URL) for k, url in enumerate(BAD_URLS)]
    bad.append(("Credentials", f"https://user:pw@{base.split('//', 1)[1]}/rss.xml", JS_URL))
    outlines = "".join(
        f"<outline type='rss' text={quoteattr(text)} title={quoteattr(text)} "
        f"xmlUrl={quoteattr(xml_url)} htmlUrl={quoteattr(html_url)} "
        f"language={quoteattr(SCRIPT)}/>"
        for text, xml_url, html_url in good + bad
    )
    return f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>{x(SCRIPT)}</title></head><body>
<outline text={quoteattr(SVG_ONLOAD)}>{outlines}</outline></body></opml>""".encode()


def routes_for(base: str) -> dict[str, Route]:
    page = {"Content-Type": "text/html; charset=utf-8"}
    routes = {
        f"/articles/{n}.html": Route(body=article_page(base, n), headers=page)
        for n in range(ARTICLES)
    }
    routes["/rss.xml"] = Route(body=rss_feed(base), headers={"Content-Type": "application/rss+xml"})
    routes["/atom.xml"] = Route(
        body=atom_feed(base), headers={"Content-Type": "application/atom+xml"}
    )
    routes["/sitemap.xml"] = Route(body=sitemap(base), headers={"Content-Type": "application/xml"})
    routes["/feeds.opml"] = Route(body=opml(base), headers={"Content-Type": "text/x-opml"})
    return routes


@contextmanager
def hostile_outlet() -> Iterator[FaultServer]:
    """The hostile outlet, served on a free loopback port."""
    with fault_server({}) as server:
        server.routes.update(routes_for(server.base_url))
        yield server


@dataclass
class TakenIn:
    sources: list[Source]
    articles: list[Article]


def take_in(server: FaultServer) -> TakenIn:
    """Everything the outlet offers, through the real pipeline: the OPML file imported
    (`sources_import_opml`), the outlet's last article page as a page source, every source
    polled (`flow.source_poll`), its entries fetched (`flow.entries_fetch`), the published
    articles put in search and stories."""
    from gazette.discovery.services import article_discover

    created, _existing = sources_import_opml(
        data=opml(server.base_url), language="en", licence=LicencePolicy.FULL
    )
    page_source = source_register(
        name=f"Single page {SCRIPT}",
        feed_url=f"{server.base_url}/articles/{ARTICLES - 1}.html",
        homepage=server.base_url + "/",
        kind=SourceKind.PAGE,
        language="en",
        licence=LicencePolicy.FULL,
    )
    sources = [*created, page_source]
    for source in sources:
        flow.source_poll(source_id=source.pk)
    entry_ids = list(Entry.objects.values_list("pk", flat=True))
    flow.entries_fetch(entry_ids=entry_ids)
    articles = list(Article.objects.filter(state=ArticleState.PUBLISHED).order_by("pk"))
    for article in articles:
        article_discover(article_id=article.pk)
    return TakenIn(sources=sources, articles=articles)
