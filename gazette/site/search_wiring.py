"""Tells search where an article's original text is: the translation app keeps it, and
discovery, its sibling in the stage layer, may not import it. Connected once, at start-up
(`SiteConfig.ready`), in every process that indexes or searches (web and workers)."""

from __future__ import annotations

from gazette.articles.models import Article
from gazette.discovery import search
from gazette.translation.selectors import translation_for_display


def original_text(article: Article) -> search.OriginalText | None:
    shown = translation_for_display(article)
    if shown is None or not shown.original_title:
        return None
    return search.OriginalText(
        language=shown.source_language,
        title=shown.original_title,
        standfirst=shown.original_standfirst,
        body_html=shown.original_body_html,
    )


def connect() -> None:
    search.original_text_for = original_text
