"""What the discovery app finds, as boxes the article and home pages include with one line
each, in a fixed number of queries: related reports, most read, the link to the story, and the
view beacon that feeds "most read"."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import template

from gazette.articles.models import Article
from gazette.discovery.popular import most_read
from gazette.discovery.related import related_articles
from gazette.discovery.selectors import story_other_report_count
from gazette.lib.stamp import per_change

register = template.Library()


@register.inclusion_tag("site/_related.html")
def related_box(article: Article) -> dict[str, Any]:
    # Chosen once per article until something public changes, not on every page view.
    items = per_change(f"related:{article.pk}", lambda: related_articles(article))
    return {"items": items}


@register.inclusion_tag("site/_popular.html")
def popular_box(window: str = "today", exclude: Collection[int] = ()) -> dict[str, Any]:
    """Most read in the window, without the articles `exclude` names (shown elsewhere on the
    page: each article appears once)."""
    shown = set(exclude)
    found = [
        article for article in most_read(window, limit=5 + len(shown)) if article.pk not in shown
    ]
    return {"articles": found[:5], "window": window}


@register.inclusion_tag("site/_story_link.html")
def story_link(article: Article) -> dict[str, Any]:
    story, others = story_other_report_count(article)
    return {"story": story, "others": others}


@register.inclusion_tag("site/_beacon.html")
def view_beacon(article: Article) -> dict[str, Any]:
    return {"article": article}
