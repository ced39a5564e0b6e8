"""Reads of translations shared by the article page, the admin and the status page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import get_language_info

from gazette.articles.models import Article
from gazette.states import TranslationState
from gazette.translation.engines.registry import parse_rules
from gazette.translation.models import ArticleTranslation, EngineUsage

COMPLETE = (TranslationState.TRANSLATED, TranslationState.REVIEWED)
_CACHE = "_translation_for_display"


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


@dataclass(frozen=True)
class TranslationDisplay:
    """What the article page says about a translation, and the original text it links to."""

    source_language: str
    source_language_name: str
    engine_label: str
    reviewed: bool
    original_title: str
    original_standfirst: str
    original_body_html: str


def translation_for_display(article: Article) -> TranslationDisplay | None:
    """The translation note of an article showing a translation, or None; one query, cached."""
    if hasattr(article, _CACHE):
        return getattr(article, _CACHE)
    fields = ["source_language", "engine_label", "state"] + [
        f"original_{name}" for name in ("title", "standfirst", "body_html")
    ]
    row = (
        ArticleTranslation.objects.filter(
            article=article, translated_at__isnull=False, language=article.language
        )
        .values(*fields)
        .first()
    )
    display = (
        TranslationDisplay(
            source_language=row["source_language"],
            source_language_name=language_name(row["source_language"]),
            engine_label=row["engine_label"],
            reviewed=row["state"] == TranslationState.REVIEWED,
            original_title=row["original_title"],
            original_standfirst=row["original_standfirst"],
            original_body_html=row["original_body_html"],
        )
        if row is not None
        else None
    )
    setattr(article, _CACHE, display)
    return display


def translations_for_display(articles: list[Article]) -> dict[int, TranslationDisplay]:
    """`translation_for_display` of many articles in one query (the API's lists), by id;
    an article that shows no translation is left out."""
    if not articles:
        return {}
    fields = ["article_id", "language", "source_language", "engine_label", "state"] + [
        f"original_{name}" for name in ("title", "standfirst", "body_html")
    ]
    showing = {article.pk: article.language for article in articles}
    rows = ArticleTranslation.objects.filter(
        article_id__in=list(showing), translated_at__isnull=False
    ).values(*fields)
    return {
        row["article_id"]: TranslationDisplay(
            source_language=row["source_language"],
            source_language_name=language_name(row["source_language"]),
            engine_label=row["engine_label"],
            reviewed=row["state"] == TranslationState.REVIEWED,
            original_title=row["original_title"],
            original_standfirst=row["original_standfirst"],
            original_body_html=row["original_body_html"],
        )
        for row in rows
        if showing.get(row["article_id"]) == row["language"]
    }


def engines_configured(spec: str) -> bool:
    try:
        return any(names for _pattern, names in parse_rules(spec))
    except ValueError:
        return False


def translation_status() -> dict[str, object]:
    """Queue by state and today's characters per engine (for the admin and status page)."""
    by_state = dict(
        ArticleTranslation.objects.values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    usage = dict(
        EngineUsage.objects.filter(day=timezone.localdate())
        .values_list("engine")
        .annotate(n=Sum("characters"))
        .values_list("engine", "n")
    )
    return {"by_state": by_state, "characters_today": usage}
