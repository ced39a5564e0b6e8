"""Escaping and formatting shared by the outlet page templates."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from html import escape
from urllib.parse import quote

from .model import Outlet, OutletArticle

GERMAN_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def esc(text: str) -> str:
    return escape(text, quote=True)


def json_ld(data: object) -> str:
    """JSON for a <script> element: '<', '>' and '&' escaped so the page stays well-formed."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def german_date(moment: datetime) -> str:
    return f"{moment.day}. {GERMAN_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M} Uhr"


def english_date(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def slugify(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    ascii_name = unicodedata.normalize("NFKD", name.lower().translate(table))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def share_links(url: str, title: str, email_label: str = "Email") -> list[tuple[str, str, str]]:
    """(css key, network label, share URL) for the usual share buttons."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("x", "X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("email", email_label, f"mailto:?subject={t}&body={u}"),
    ]


def related_articles(outlet: Outlet, article: OutletArticle, count: int = 4) -> list[OutletArticle]:
    """Other articles, same section first, then the nearest in catalogue order."""
    position = outlet.articles.index(article)
    others = [(i, other) for i, other in enumerate(outlet.articles) if other is not article]
    others.sort(key=lambda pair: (pair[1].section != article.section, abs(pair[0] - position)))
    return [other for _, other in others[:count]]


def in_section(outlet: Outlet, section: str) -> list[OutletArticle]:
    return [article for article in outlet.newest_first() if article.section == section]
