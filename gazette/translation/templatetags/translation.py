"""Template tags for the article page: the translation note and the original text."""

from __future__ import annotations

from django import template

from gazette.articles.models import Article
from gazette.translation.selectors import TranslationDisplay, translation_for_display

register = template.Library()


@register.simple_tag
def article_translation(article: Article) -> TranslationDisplay | None:
    """What the page says about the article's translation (None when it is not one)."""
    return translation_for_display(article)
