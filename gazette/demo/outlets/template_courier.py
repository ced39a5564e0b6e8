"""Page template of The Harbour Courier: div soup, no <article>, no JSON-LD."""

from __future__ import annotations

from collections.abc import Sequence

from .images import image_paths
from .markup import english_date, esc, in_section, iso, related_articles, share_links, slugify
from .model import Outlet, OutletArticle

NAV = ("Local", "Politics", "Economy", "World", "Sport", "Culture", "Science", "Technology")
PUBLISHER = "The Harbour Courier"


def _dateline(article: OutletArticle) -> str:
    if article.published is None:
        return ""
    stamp = f"{english_date(article.published)}, {article.published:%H:%M} GMT"
    return f'<span class="dateline">{stamp}</span>'


class CourierTemplate:
    home_heading = "Latest news"
    not_found = (
        "Sorry, we couldn't find that page",
        "The page you were looking for may have been moved or deleted. "
        "Try the homepage for our latest stories.",
    )
    static_pages = {
        "/about/imprint": (
            "Imprint",
            "The Harbour Courier is published by Harbour Courier Media Ltd, 3 Quay Street, "
            "Kingsharbour. Editor: Rosalind Achterberg. Registered in England and Wales.",
        ),
        "/about/privacy": (
            "Privacy notice",
            "We process personal data in line with UK data protection law. Contact our data "
            "protection officer at privacy@courier.example.",
        ),
    }

    def __init__(self, outlet: Outlet) -> None:
        self.outlet = outlet

    def section_path(self, section: str) -> str:
        return f"/news/{slugify(section)}/"

    def listings(self) -> dict[str, tuple[str, list[OutletArticle]]]:
        pages = {"/": (self.home_heading, self.outlet.newest_first())}
        for section in NAV:
            pages[self.section_path(section)] = (section, in_section(self.outlet, section))
        return pages

    def _document(self, base: str, title: str, head: str, main: str) -> str:
        feed = esc(base + self.outlet.feed_path)
        nav = " |\n".join(
            f'    <a href="{self.section_path(name)}">{esc(name)}</a>' for name in NAV
        )
        return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8" />
<title>{esc(title)}</title>
<meta name="viewport" content="width=device-width" />
<link rel="alternate" type="application/atom+xml" title="{PUBLISHER}" href="{feed}" />
{head}
</head>
<body class="courier">
<div id="cookieNotice" class="cookie-notice">
 <div class="cookie-text">We and our 143 partners store and access information on your device
 to show personalised ads and content, measure audiences and develop our services. You can
 change your choices at any time via Privacy settings at the bottom of every page.</div>
 <div class="cookie-btns">
  <a class="btn btn-accept" href="#" role="button">Accept all</a>
  <a class="btn btn-reject" href="#" role="button">Reject all</a>
  <a class="btn btn-manage" href="/about/privacy">Manage preferences</a>
 </div>
</div>
<div class="topbar">
 <div class="wrap">
  <div class="logo"><a href="/">{PUBLISHER}</a></div>
  <div class="tagline">Kingsharbour's paper since 1868</div>
  <div class="nav">
{nav}
  </div>
 </div>
</div>
<div class="ad">Advertisement</div>
<div class="container">
{main}
</div>
<div class="footer">
 <div class="f-links">
  <a href="/about/imprint">Imprint</a> | <a href="/about/privacy">Privacy</a> |
  <a href="/about/privacy#cookies">Cookie settings</a> | <a href="{feed}">Atom feed</a>
 </div>
 <div class="f-copy">© 2026 Harbour Courier Media Ltd. All rights reserved.</div>
</div>
</body>
</html>
"""

    def _sidebar(self) -> str:
        return """ <div class="col-side">
  <div class="ad">Advertisement</div>
  <div class="newsletter-signup">
   <div class="nl-title">The Morning Tide</div>
   <div class="nl-text">Our free briefing, in your inbox before the first ferry leaves.</div>
   <form action="/newsletter/subscribe" method="post">
    <input type="email" name="email" placeholder="Your email address" />
    <input type="submit" value="Sign up" />
   </form>
   <div class="nl-small">You can unsubscribe at any time.</div>
  </div>
 </div>"""

    def article_page(self, article: OutletArticle, base: str) -> str:
        url = base + article.path
        head = [
            f'<meta name="description" content="{esc(article.standfirst)}" />',
            f'<meta property="og:title" content="{esc(article.title)}" />',
            f'<meta property="og:url" content="{esc(url)}" />',
            '<meta property="og:type" content="article" />',
            f'<meta property="article:section" content="{esc(article.section)}" />',
        ]
        if article.published:
            head.append(
                f'<meta property="article:published_time" content="{iso(article.published)}" />'
            )
        if article.modified:
            head.append(
                f'<meta property="article:modified_time" content="{iso(article.modified)}" />'
            )
        if article.author:
            head.append(f'<meta name="author" content="{esc(article.author)}" />')
        for picture in image_paths(article.body_html)[:1]:
            head.append(f'<meta property="og:image" content="{esc(base + picture)}" />')
        updated = ""
        if article.modified:
            stamp = f"{english_date(article.modified)}, {article.modified:%H:%M} GMT"
            updated = f' <span class="upd">Updated {stamp}</span>'
        by = f'<span class="by">By {esc(article.author)}</span> ' if article.author else ""
        shares = "\n".join(
            f'   <a class="sh-{key}" href="{esc(href)}">{label}</a>'
            for key, label, href in share_links(url, article.title)
        )
        read_more = "\n".join(
            f'   <div class="rm-item"><a href="{esc(other.path)}">{esc(other.title)}</a></div>'
            for other in related_articles(self.outlet, article, count=3)
        )
        section_link = f'<a href="{self.section_path(article.section)}">{esc(article.section)}</a>'
        main = f""" <div class="col-main">
  <div class="story-wrap">
   <div class="hdr">
    <div class="section-label">{section_link}</div>
    <h1 class="story-title">{esc(article.title)}</h1>
    <div class="standfirst">{esc(article.standfirst)}</div>
    <div class="meta">{by}{_dateline(article)}{updated}</div>
   </div>
   <div class="share-bar">
   <span>Share this story:</span>
{shares}
   </div>
   <div class="story-body">
{article.body_html}
   </div>
  </div>
  <div class="ad">Advertisement</div>
  <div class="read-more">
   <div class="rm-title">Read more</div>
{read_more}
  </div>
  <div class="comments-wrap" id="respond">
   <div class="c-title">Leave a reply</div>
   <div class="c-note">Comments are moderated. Your email address will not be published.</div>
   <form action="/comments/post" method="post">
    <div class="f-row"><label for="c-name">Name</label>
     <input id="c-name" type="text" name="name" /></div>
    <div class="f-row"><label for="c-mail">Email</label>
     <input id="c-mail" type="email" name="email" /></div>
    <div class="f-row"><label for="c-body">Comment</label>
     <textarea id="c-body" name="comment" rows="5" cols="50"></textarea></div>
    <div class="f-row"><input type="submit" value="Post comment" /></div>
   </form>
  </div>
 </div>
{self._sidebar()}"""
        return self._document(base, f"{article.title} - {PUBLISHER}", "\n".join(head), main)

    def listing_page(self, base: str, heading: str, articles: Sequence[OutletArticle]) -> str:
        items = []
        for article in articles:
            items.append(
                f"""  <div class="list-item">
   <div class="li-section">{esc(article.section)}</div>
   <div class="li-title"><a href="{esc(article.path)}">{esc(article.title)}</a></div>
   <div class="li-teaser">{esc(article.standfirst)}</div>
   <div class="li-date">{_dateline(article)}</div>
  </div>"""
            )
        main = f""" <div class="col-main">
  <h1 class="page-title">{esc(heading)}</h1>
{chr(10).join(items)}
 </div>
{self._sidebar()}"""
        return self._document(base, f"{heading} - {PUBLISHER}", "", main)

    def notice_page(self, base: str, heading: str, text: str) -> str:
        main = f' <div class="col-main">\n  <h1>{esc(heading)}</h1>\n  <p>{esc(text)}</p>\n </div>'
        return self._document(base, f"{heading} - {PUBLISHER}", "", main)
