"""`{% comment_area article as area %}` for the article page, and `{% comment_count article %}`
for lists: the first call on a page counts every article the list shows, in one query.

Kept on the request: every teaser is its own include, with its own render context."""

from __future__ import annotations

from typing import Any

from django import template

from gazette.articles.models import Article
from gazette.comments import selectors
from gazette.comments.selectors import CommentArea

register = template.Library()
_COUNTS = "comment_counts"


@register.simple_tag
def comment_area(article: Article) -> CommentArea:
    return selectors.comment_area(article)


def _listed(context: template.Context) -> list[Any]:
    for name in ("articles", "more_in_section", "items"):
        value = context.get(name)
        if value is not None:
            try:
                return list(value)
            except TypeError:
                continue
    return []


@register.simple_tag(takes_context=True)
def comment_count(context: template.Context, article: Article) -> int:
    holder = context.get("request") or context.render_context
    counts: dict[int, int] | None = getattr(holder, _COUNTS, None)
    if counts is None or article.pk not in counts:
        ids = {getattr(item, "pk", None) for item in _listed(context)} | {article.pk}
        counts = {**(counts or {}), **selectors.comment_counts([i for i in ids if i])}
        for missing in ids:
            if missing:
                counts.setdefault(missing, 0)
        setattr(holder, _COUNTS, counts)
    return counts.get(article.pk, 0)
