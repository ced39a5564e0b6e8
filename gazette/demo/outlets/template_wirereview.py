"""Page template of the Continental Wire Review: a WordPress theme with agency copy."""

from __future__ import annotations

from collections.abc import Sequence

from .markup import esc, in_section, iso, related_articles, share_links, slugify
from .model import Outlet, OutletArticle

NAV = ("World", "Politics", "Economy", "Science", "Technology", "Sport")
PUBLISHER = "Continental Wire Review"


def _post_date(article: OutletArticle) -> str:
    if article.published is None:
        return ""
    stamp = f"{article.published:%B} {article.published.day}, {article.published.year}"
    published = iso(article.published)
    times = f'<time class="entry-date published" datetime="{published}">{stamp}</time>'
    if article.modified:
        changed = f"{article.modified:%B} {article.modified.day}, {article.modified.year}"
        times += f'<time class="updated" datetime="{iso(article.modified)}">{changed}</time>'
    link = f'<a href="{esc(article.path)}" rel="bookmark">{times}</a>'
    return f'<span class="posted-on">Posted on {link}</span>'


class WireReviewTemplate:
    home_heading = "Latest wire copy"
    not_found = (
        "Oops! That page can’t be found.",
        "It looks like nothing was found at this location. Maybe try one of the links below?",
    )
    static_pages = {
        "/imprint/": (
            "Imprint",
            "Continental Wire Review is an independent online publication republishing copy of "
            "the Continental Press Agency under licence. Rue des Tanneurs 41, Brussels.",
        ),
        "/privacy-policy/": (
            "Privacy Policy",
            "This website uses cookies and collects the data you enter in forms. We keep comment "
            "data for 24 months. Write to privacy@wirereview.example to exercise your rights.",
        ),
    }

    def __init__(self, outlet: Outlet) -> None:
        self.outlet = outlet

    def section_path(self, section: str) -> str:
        return f"/category/{slugify(section)}/"

    def author_path(self, author: str) -> str:
        return f"/author/{slugify(author)}/"

    def listings(self) -> dict[str, tuple[str, list[OutletArticle]]]:
        pages = {"/": (self.home_heading, self.outlet.newest_first())}
        for section in NAV:
            pages[self.section_path(section)] = (section, in_section(self.outlet, section))
        for article in self.outlet.articles:
            if article.author:
                mine = [a for a in self.outlet.newest_first() if a.author == article.author]
                pages[self.author_path(article.author)] = (f"Author: {article.author}", mine)
        return pages

    def _document(self, base: str, title: str, head: str, main: str, body_class: str) -> str:
        feed = esc(base + self.outlet.feed_path)
        nav = "\n".join(
            f'    <li class="menu-item"><a href="{self.section_path(name)}">{esc(name)}</a></li>'
            for name in NAV
        )
        recent = "\n".join(
            f'    <li><a href="{esc(article.path)}">{esc(article.title)}</a></li>'
            for article in self.outlet.newest_first()[:5]
        )
        return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{esc(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{PUBLISHER} » Feed" href="{feed}" />
<meta name="generator" content="WordPress 6.6.2" />
{head}
</head>
<body class="{body_class}">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
 <div class="site-branding">
  <p class="site-title"><a href="/" rel="home">{PUBLISHER}</a></p>
  <p class="site-description">Agency news from across Europe, as it lands</p>
 </div>
 <nav id="site-navigation" class="main-navigation">
  <button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
  <ul id="primary-menu" class="menu">
{nav}
  </ul>
 </nav>
</header>
<div id="primary" class="content-area">
<main id="content" class="site-main">
{main}
</main>
</div>
<aside id="secondary" class="widget-area">
 <section class="widget widget_newsletter">
  <h2 class="widget-title">Get the wire briefing</h2>
  <p>Top agency stories, every weekday at noon. Free.</p>
  <form action="/subscribe/" method="post">
   <input type="email" name="email" placeholder="Email address" />
   <button type="submit">Subscribe</button>
  </form>
 </section>
 <section class="widget widget_ad"><div class="ad">Advertisement</div></section>
 <section class="widget widget_recent_entries">
  <h2 class="widget-title">Recent Posts</h2>
  <ul>
{recent}
  </ul>
 </section>
</aside>
<div id="cookie-law-info-bar" class="cli-bar">
 <span>This website uses cookies to improve your experience while you navigate through the
 website. By clicking “Accept all”, you consent to the use of ALL the cookies.</span>
 <a role="button" id="cookie_action_accept" class="cli_action_button">Accept all</a>
 <a role="button" id="cookie_action_reject" class="cli_action_button">Reject</a>
 <a role="button" class="cli_settings_button" href="/privacy-policy/">Cookie settings</a>
</div>
<footer id="colophon" class="site-footer">
 <div class="site-info">
  © 2026 {PUBLISHER} · <a href="/imprint/">Imprint</a> ·
  <a href="/privacy-policy/">Privacy Policy</a> · Agency copy © Continental Press Agency ·
  <a href="{feed}">RSS</a>
 </div>
</footer>
</div>
</body>
</html>
"""

    def article_page(self, article: OutletArticle, base: str) -> str:
        url = base + article.path
        head = "\n".join(
            [
                f'<link rel="canonical" href="{esc(url)}" />',
                f'<meta property="og:title" content="{esc(article.title)}" />',
                f'<meta property="og:description" content="{esc(article.standfirst)}" />',
                f'<meta property="og:url" content="{esc(url)}" />',
                '<meta property="og:type" content="article" />',
                f'<meta property="og:site_name" content="{PUBLISHER}" />',
            ]
        )
        byline = ""
        if article.author:
            byline = (
                ' <span class="byline">by <span class="author vcard">'
                f'<a class="url fn n" rel="author" href="{self.author_path(article.author)}">'
                f"{esc(article.author)}</a></span></span>"
            )
        shares = "\n".join(
            f'    <li class="share-{key}"><a href="{esc(href)}" target="_blank">{label}</a></li>'
            for key, label, href in share_links(url, article.title)
        )
        related = "\n".join(
            f'   <div class="jp-relatedposts-post"><a href="{esc(other.path)}">'
            f"{esc(other.title)}</a><p>{esc(other.section)}</p></div>"
            for other in related_articles(self.outlet, article, count=3)
        )
        category = (
            f'<a href="{self.section_path(article.section)}" rel="category tag">'
            f"{esc(article.section)}</a>"
        )
        main = f""" <div class="post type-post status-publish format-standard">
  <header class="entry-header">
   <span class="cat-links">{category}</span>
   <h1 class="entry-title">{esc(article.title)}</h1>
   <div class="entry-meta">{_post_date(article)}{byline}</div>
  </header>
  <div class="entry-content">
{article.body_html}
  </div>
  <div class="sharedaddy sd-sharing-enabled">
   <h3 class="sd-title">Share this:</h3>
   <ul>
{shares}
   </ul>
  </div>
  <footer class="entry-footer"><span class="cat-links">Posted in {category}</span></footer>
 </div>
 <div id="jp-relatedposts" class="jp-relatedposts">
  <h3 class="jp-relatedposts-headline"><em>Related</em></h3>
{related}
 </div>
 <div id="comments" class="comments-area">
  <div id="respond" class="comment-respond">
   <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
   <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
    <p class="comment-notes">Your email address will not be published.
    Required fields are marked *</p>
    <p class="comment-form-comment"><label for="comment">Comment *</label>
    <textarea id="comment" name="comment" cols="45" rows="8" required="required"></textarea></p>
    <p class="comment-form-author"><label for="author">Name *</label>
    <input id="author" name="author" type="text" size="30" required="required" /></p>
    <p class="comment-form-email"><label for="email">Email *</label>
    <input id="email" name="email" type="email" size="30" required="required" /></p>
    <p class="form-submit">
     <input name="submit" type="submit" id="submit" value="Post Comment" /></p>
   </form>
  </div>
 </div>"""
        title = f"{article.title} – {PUBLISHER}"
        return self._document(base, title, head, main, "single single-post")

    def listing_page(self, base: str, heading: str, articles: Sequence[OutletArticle]) -> str:
        posts = []
        for article in articles:
            posts.append(
                f""" <div class="post type-post excerpt">
  <h2 class="entry-title"><a href="{esc(article.path)}" rel="bookmark">{esc(article.title)}</a></h2>
  <div class="entry-meta">{_post_date(article)}</div>
  <div class="entry-summary"><p>{esc(article.standfirst)}</p></div>
 </div>"""
            )
        main = f' <h1 class="page-title">{esc(heading)}</h1>\n' + "\n".join(posts)
        return self._document(base, f"{heading} – {PUBLISHER}", "", main, "archive")

    def notice_page(self, base: str, heading: str, text: str) -> str:
        main = f' <section class="error-404"><h1 class="page-title">{esc(heading)}</h1>\n'
        main += f" <p>{esc(text)}</p></section>"
        return self._document(base, f"{heading} – {PUBLISHER}", "", main, "error404")
