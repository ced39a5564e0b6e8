"""Template helpers for the public pages: teasers, summaries, share links, structured data."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gazette.articles.models import Article
from gazette.site import pictures, presentation
from gazette.site.caching import per_generation

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def teaser(article: Article, limit: int = presentation.TEASER_CHARS) -> str:
    return presentation.article_teaser(article, int(limit))


@register.filter
def summary(article: Article, limit: int = presentation.SUMMARY_CHARS) -> str:
    return presentation.article_summary(article, int(limit))


@register.simple_tag
def share_links(article: Article) -> list[presentation.ShareLink]:
    url = presentation.absolute(article.get_absolute_url())
    return presentation.share_links(url, article.title)


@register.simple_tag
def open_graph(article: Article) -> list[tuple[str, str, str]]:
    return presentation.open_graph(article)


@register.simple_tag
def article_jsonld(article: Article) -> SafeString:
    """A JSON-LD script element; `<`, `>` and `&` are escaped so text cannot close it."""
    data = json.dumps(presentation.article_jsonld(article), ensure_ascii=False)
    return mark_safe(  # noqa: S308  (escaped above: the JSON cannot leave the script element)
        f'<script type="application/ld+json">{data.translate(_JSON_ESCAPES)}</script>'
    )


@register.filter
def absolute(path: str) -> str:
    return presentation.absolute(path)


@register.simple_tag
def timestamp(moment: datetime) -> SafeString:
    """`<time>` in the site's time zone (named: readers are not all in it) and its one date
    format (DATETIME_FORMAT). `static/js/localtime.js` rewrites the text in the reader's own
    zone, in the same format, when that zone differs; without JavaScript the page is complete."""
    local = timezone.localtime(moment)
    return format_html(
        '<time class="dt" datetime="{}">{} {}</time>',
        dateformat.format(local, "c"),
        formats.date_format(local, "DATETIME_FORMAT"),
        dateformat.format(local, "T"),
    )


@register.simple_tag
def dateline(article: Article) -> SafeString:
    """`<time>` with the publication time in the site's time zone (named) and language, and the
    "first seen" note when the source gave no date. A tag rather than an included template:
    teaser lists show one per item."""
    html = timestamp(article.published_at)
    if article.published_at_estimated:
        html += format_html(
            ' <span class="estimated">({})</span>', gettext("first seen; the source gives no date")
        )
    return html


@register.simple_tag
def picture(
    article: Article,
    sizes: str = "100vw",
    eager: bool = False,
    css: str = "",
    ratio: str = "",
    width: int = 640,
) -> SafeString:
    """The article's stored lead image as a `<picture>` ('' without one); `ratio` "16:9"."""
    shape = tuple(int(part) for part in ratio.split(":")) if ratio else None
    return pictures.picture_html(
        article,
        sizes=sizes,
        eager=eager,
        css=css,
        ratio=(shape[0], shape[1]) if len(shape or ()) == 2 and shape else None,
        default_width=width,
    )


class PageFragmentNode(template.Node):
    def __init__(
        self, name: str, vary_on: list[template.base.FilterExpression], nodelist: template.NodeList
    ) -> None:
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        generation = context.get("generation")
        if not generation:  # a page that names no generation (the desk's preview): never kept
            return self.nodelist.render(context)
        # The page's own template is part of the key: a block inside the part may be one that
        # page overrides (the search page has no search box in the masthead).
        page = getattr(getattr(context, "template", None), "name", "")
        vary = "|".join([str(page), *(str(value.resolve(context)) for value in self.vary_on)])
        key = f"fragment:{self.name}:{hashlib.sha256(vary.encode()).hexdigest()[:20]}"
        return per_generation(str(generation), key, lambda: self.nodelist.render(context))


@register.tag
def pagefragment(parser: template.base.Parser, token: template.base.Token) -> PageFragmentNode:
    """`{% pagefragment "name" value … %}…{% endpagefragment %}`: the enclosed part rendered once
    per generation of the site's content (the context's `generation`, see
    `site.caching.generation`) and values, and kept in the configured cache, shared by every
    server process. The part must depend on nothing else: not on the request, a form's token
    or a count that changes without a write (views); nor may a block inside it, in any page
    that overrides it. Without a `generation` in the context it is rendered every time."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then values")
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(
        bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
