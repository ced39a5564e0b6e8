"""Search finds a translated article by the words of its original as well as its translation,
each stemmed by its own language's rules; snippets show only what the licence lets the page
show, one block at a time."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gazette.articles.models import Article
from gazette.demo.outlets.catalogue import OUTLETS
from gazette.discovery.search import html_blocks, search_articles, search_index_article, stem
from gazette.states import LicencePolicy, TranslationState
from gazette.translation.models import ArticleTranslation
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def translated(source, *, original_title, original_body, title, body) -> Article:
    article = make_article(
        source=source, title=title, body_html=body, language="en", original_language="de"
    )
    ArticleTranslation.objects.create(
        article=article,
        source_language="de",
        language="en",
        title=title,
        body_html=body,
        original_title=original_title,
        original_body_html=original_body,
        state=TranslationState.TRANSLATED,
        translated_at=timezone.now(),
    )
    search_index_article(article=article)
    return article


def tagblatt() -> tuple[object, dict[str, Article]]:
    outlet = next(outlet for outlet in OUTLETS if outlet.language == "de")
    source = make_source(name=outlet.name, language="de")
    found = {}
    for n, item in enumerate(outlet.articles):
        found[item.slug] = translated(
            source,
            original_title=item.title,
            original_body=item.body_html,
            title=f"Translated report {n}",
            body=f"<p>English text of report {n} about the news.</p>",
        )
    return source, found


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Kiew", "kiew-wiederaufbaukonferenz"),
        ("Hochwasser", "donau-hochwasser-linz-passau"),
        ("EZB", "ezb-senkt-leitzins"),
        ("Bahnstreik", "bahnstreik-deutschland-oebb"),
        ("Weihnachtsmarkt", "christkindlmarkt-volksgarten"),
    ],
)
def test_german_words_of_the_original_find_the_translated_article(query: str, slug: str):
    _source, articles = tagblatt()
    result = search_articles(query)
    assert articles[slug] in [hit.article for hit in result.hits], result.message
    snippet = next(hit.snippet for hit in result.hits if hit.article == articles[slug])
    assert "<mark>" in snippet, "the snippet shows the original's matching words"


def test_the_translation_is_found_by_its_own_words_stemmed():
    source = make_source(language="de")
    article = translated(
        source,
        original_title="Bahnstreik legt Verkehr lahm",
        original_body="<p>Die Gewerkschaft streikt.</p>",
        title="Rail strike halts traffic",
        body="<p>Trains stopped across the country as drivers walked out.</p>",
    )
    for query in ("strikes", "train", "Bahnstreiks", "Gewerkschaften"):
        assert [hit.article for hit in search_articles(query).hits] == [article], query


def test_per_language_stems():
    assert stem("Weihnachtsmärkte", "de") == stem("Weihnachtsmarkt", "de")
    assert stem("flooding", "en") == stem("floods", "en")
    assert stem("Hochwasser", "xx") == "hochwasser"  # no rules: the word itself


def test_snippets_never_quote_text_an_excerpt_licence_withholds():
    source = make_source(licence=LicencePolicy.EXCERPT)
    make_article(
        source=source,
        standfirst="The council met on Monday.",
        body_html="<p>The council met on Monday.</p><p>Secretly, the mayor resigned.</p>",
        title="Council meeting",
    )
    for article in Article.objects.all():
        search_index_article(article=article)
    result = search_articles("resigned")
    assert len(result.hits) == 1
    assert "resigned" not in result.hits[0].snippet
    assert "Secretly" not in result.hits[0].snippet


def test_a_link_licence_shows_no_snippet():
    source = make_source(licence=LicencePolicy.LINK)
    article = make_article(source=source, title="Harbour", body_html="<p>Cranes arrived.</p>")
    search_index_article(article=article)
    result = search_articles("cranes")
    assert [hit.article for hit in result.hits] == [article]
    assert result.hits[0].snippet == ""


def test_a_snippet_never_runs_a_subheading_into_the_next_sentence():
    article = make_article(
        title="Budget",
        body_html="<p>Opening words.</p><h2>What the budget means</h2><p>Taxes rise next year.</p>",
    )
    search_index_article(article=article)
    snippet = search_articles("budget means").hits[0].snippet
    assert "Taxes" not in snippet and "means" in snippet
    assert html_blocks(article.body_html) == [
        "Opening words.",
        "What the budget means",
        "Taxes rise next year.",
    ]
