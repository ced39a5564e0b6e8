"""Page template of the Donauländer Tagblatt: semantic HTML5, JSON-LD and OpenGraph."""

from __future__ import annotations

from collections.abc import Sequence

from .markup import (
    esc,
    german_date,
    in_section,
    iso,
    json_ld,
    related_articles,
    share_links,
    slugify,
)
from .model import Outlet, OutletArticle

NAV = ("Politik", "Wirtschaft", "Lokales", "Welt", "Sport", "Kultur", "Wissenschaft")
PUBLISHER = "Donauländer Tagblatt"


class TagblattTemplate:
    home_heading = "Nachrichten aus dem Donauland"
    not_found = (
        "Seite nicht gefunden",
        "Die angeforderte Seite existiert nicht oder wurde verschoben. "
        "Vielleicht finden Sie auf unserer Startseite, was Sie suchen.",
    )
    static_pages = {
        "/impressum.html": (
            "Impressum",
            "Medieninhaber und Herausgeber: Donauländer Tagblatt Verlags-GmbH, Hafenstraße 12, "
            "4020 Linz. Chefredaktion: Ingrid Wallnöfer. Offenlegung gemäß § 25 Mediengesetz: "
            "Die Gesellschaft steht zu 100 Prozent im Eigentum der Donauland Medienstiftung.",
        ),
        "/datenschutz.html": (
            "Datenschutzerklärung",
            "Wir verarbeiten personenbezogene Daten ausschließlich im Rahmen der DSGVO. "
            "Auskunft erteilt unsere Datenschutzbeauftragte unter datenschutz@tagblatt.example.",
        ),
    }

    def __init__(self, outlet: Outlet) -> None:
        self.outlet = outlet

    def section_path(self, section: str) -> str:
        return f"/{slugify(section)}/"

    def listings(self) -> dict[str, tuple[str, list[OutletArticle]]]:
        pages = {"/": (self.home_heading, self.outlet.newest_first())}
        for section in NAV:
            pages[self.section_path(section)] = (section, in_section(self.outlet, section))
        return pages

    def _document(self, base: str, title: str, head: str, main: str) -> str:
        feed = esc(base + self.outlet.feed_path)
        nav = "\n".join(
            f'    <li><a href="{self.section_path(name)}">{esc(name)}</a></li>' for name in NAV
        )
        return f"""<!DOCTYPE html>
<html lang="de">
<head>
 <meta charset="utf-8" />
 <meta name="viewport" content="width=device-width, initial-scale=1" />
 <title>{esc(title)}</title>
 <link rel="alternate" type="application/rss+xml" title="{PUBLISHER} – RSS" href="{feed}" />
{head}
</head>
<body>
 <div id="cookie-consent" class="consent-banner" role="dialog" aria-label="Cookie-Einstellungen">
  <p>Wir und unsere Partner verwenden Cookies und ähnliche Technologien, um Inhalte zu
  personalisieren, Werbung auszuspielen und die Nutzung unserer Website zu analysieren. Mit
  „Alle akzeptieren“ willigen Sie ein; Ihre Einwilligung können Sie jederzeit in den
  <a href="/datenschutz.html">Datenschutzeinstellungen</a> widerrufen.</p>
  <button type="button" class="consent-accept">Alle akzeptieren</button>
  <button type="button" class="consent-reject">Nur notwendige Cookies</button>
  <button type="button" class="consent-settings">Einstellungen</button>
 </div>
 <header class="masthead">
  <p class="masthead-date">Unabhängige Tageszeitung für das Donauland</p>
  <a class="logo" href="/">{PUBLISHER}</a>
  <nav class="ressorts" aria-label="Ressorts">
   <ul>
{nav}
   </ul>
  </nav>
 </header>
 <div class="ad ad-billboard" aria-label="Advertisement">Anzeige</div>
 <main id="inhalt">
{main}
 </main>
 <footer class="site-footer">
  <nav aria-label="Service">
   <a href="/impressum.html">Impressum</a> ·
   <a href="/datenschutz.html">Datenschutz</a> ·
   <a href="/impressum.html#agb">AGB</a> ·
   <a href="/impressum.html#kontakt">Kontakt</a> ·
   <a href="{feed}">RSS</a>
  </nav>
  <p>© 2026 Donauländer Tagblatt Verlags-GmbH, Linz. Alle Rechte vorbehalten.</p>
 </footer>
</body>
</html>
"""

    def _head(self, article: OutletArticle, url: str) -> str:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": article.standfirst,
            "articleSection": article.section,
            "inLanguage": "de-AT",
            "mainEntityOfPage": url,
            "publisher": {"@type": "NewsMediaOrganization", "name": PUBLISHER},
        }
        if article.published:
            data["datePublished"] = iso(article.published)
        if article.modified:
            data["dateModified"] = iso(article.modified)
        if article.author:
            data["author"] = {"@type": "Person", "name": article.author}
        lines = [
            f' <meta name="description" content="{esc(article.standfirst)}" />',
            f' <link rel="canonical" href="{esc(url)}" />',
            f' <meta property="og:site_name" content="{PUBLISHER}" />',
            ' <meta property="og:type" content="article" />',
            ' <meta property="og:locale" content="de_AT" />',
            f' <meta property="og:title" content="{esc(article.title)}" />',
            f' <meta property="og:description" content="{esc(article.standfirst)}" />',
            f' <meta property="og:url" content="{esc(url)}" />',
            f' <script type="application/ld+json">{json_ld(data)}</script>',
        ]
        return "\n".join(lines)

    def article_page(self, article: OutletArticle, base: str) -> str:
        url = base + article.path
        byline = []
        if article.author:
            byline.append(f'Von <span class="author">{esc(article.author)}</span>')
        if article.published:
            stamp = german_date(article.published)
            byline.append(f'<time datetime="{iso(article.published)}">{stamp}</time>')
        if article.modified:
            stamp = german_date(article.modified)
            byline.append(
                f'aktualisiert: <time class="updated" datetime="{iso(article.modified)}">'
                f"{stamp}</time>"
            )
        shares = "\n".join(
            f'    <li><a class="share-{key}" href="{esc(href)}" rel="noopener">{label}</a></li>'
            for key, label, href in share_links(url, article.title, "E-Mail")
        )
        related = "\n".join(
            f'    <li><a href="{esc(other.path)}">{esc(other.title)}</a></li>'
            for other in related_articles(self.outlet, article)
        )
        main = f"""  <article class="story">
   <header class="story-header">
    <p class="kicker"><a href="{self.section_path(article.section)}">{esc(article.section)}</a></p>
    <h1>{esc(article.title)}</h1>
    <p class="lead">{esc(article.standfirst)}</p>
    <p class="byline">{" · ".join(byline)}</p>
   </header>
   <div class="story-body">
{article.body_html}
   </div>
  </article>
  <aside class="share" aria-label="Artikel teilen">
   <p>Artikel teilen:</p>
   <ul>
{shares}
   </ul>
  </aside>
  <div class="ad ad-rectangle" aria-label="Advertisement">Anzeige</div>
  <aside class="mehr-zum-thema">
   <h2>Mehr zum Thema</h2>
   <ul>
{related}
   </ul>
  </aside>
  <section class="newsletter-box">
   <h2>Der Tagblatt-Morgenbrief</h2>
   <p>Die wichtigsten Nachrichten aus dem Donauland – jeden Morgen um 6 Uhr kostenlos in Ihrem
   Postfach.</p>
   <form action="/newsletter/" method="post">
    <label for="nl-email">E-Mail-Adresse</label>
    <input id="nl-email" type="email" name="email" required="required" />
    <button type="submit">Jetzt kostenlos anmelden</button>
   </form>
  </section>
  <section id="kommentare" class="comments">
   <h2>Kommentar schreiben</h2>
   <p>Bitte beachten Sie unsere Netiquette. Ihre E-Mail-Adresse wird nicht veröffentlicht.</p>
   <form class="comment-form" action="/kommentare/" method="post">
    <label for="c-name">Name</label>
    <input id="c-name" type="text" name="name" required="required" />
    <label for="c-email">E-Mail</label>
    <input id="c-email" type="email" name="email" required="required" />
    <label for="c-text">Ihr Kommentar</label>
    <textarea id="c-text" name="comment" rows="6" cols="60"></textarea>
    <button type="submit">Kommentar absenden</button>
   </form>
  </section>"""
        title = f"{article.title} | {PUBLISHER}"
        return self._document(base, title, self._head(article, url), main)

    def listing_page(self, base: str, heading: str, articles: Sequence[OutletArticle]) -> str:
        teasers = []
        for article in articles:
            when = ""
            if article.published:
                stamp = german_date(article.published)
                when = f'\n    <time datetime="{iso(article.published)}">{stamp}</time>'
            teasers.append(
                f"""   <article class="teaser">
    <p class="kicker">{esc(article.section)}</p>
    <h2><a href="{esc(article.path)}">{esc(article.title)}</a></h2>
    <p>{esc(article.standfirst)}</p>{when}
   </article>"""
            )
        main = f"""  <h1 class="page-title">{esc(heading)}</h1>
  <section class="teaser-list">
{chr(10).join(teasers)}
  </section>"""
        head = ' <meta property="og:site_name" content="Donauländer Tagblatt" />'
        return self._document(base, f"{heading} | {PUBLISHER}", head, main)

    def notice_page(self, base: str, heading: str, text: str) -> str:
        main = f'  <h1 class="page-title">{esc(heading)}</h1>\n  <p>{esc(text)}</p>'
        return self._document(base, f"{heading} | {PUBLISHER}", "", main)
