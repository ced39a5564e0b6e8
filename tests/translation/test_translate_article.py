"""Translating an article: memory, glossary, budget, review, bad engine output."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

import pytest
from django.contrib.auth.models import User
from django.db import connection

from gazette.articles.models import Article
from gazette.newsroom import flow
from gazette.newsroom.flow import translation_review
from gazette.states import ArticleState, SegmentOrigin, TranslationOrigin, TranslationState
from gazette.translation import services
from gazette.translation.engines import registry
from gazette.translation.engines.base import EngineUnavailable, LanguagePair, TranslationEngine
from gazette.translation.glossary import glossary_for
from gazette.translation.memory import EDITOR, memory_lookup, memory_store_many, source_hash
from gazette.translation.models import (
    ArticleTranslation,
    EngineUsage,
    GlossaryTerm,
    SourceTranslationPolicy,
    TranslationMemory,
)
from gazette.translation.review import ReviewError
from gazette.translation.segments import markup_signature
from tests.factories import make_article, make_source
from tests.translation.fake_engines import fake_translate

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Die Donau steigt. Der Pegel liegt bei sieben Metern.</p>"
    '<p>Mehr auf dem <a href="https://example.org/pegel">Portal</a> des Landes. '
    "Die Stadt Kiew rüstet sich.</p>"
    "<ul><li>Die Feuerwehr ist <em>im Einsatz</em>.</li></ul>"
)


class ScriptedEngine(TranslationEngine):
    """Upper-cases like the fake servers; tests swap `answer` to misbehave."""

    name = "scripted"
    label = "Scripted MT"
    remote = True
    calls: ClassVar[list[list[str]]] = []
    answer: ClassVar[Callable[[list[str]], list[str]] | None] = None

    def model_version(self, pair: LanguagePair) -> str:
        return "v1"

    def translate(
        self, texts: list[str], *, pair: LanguagePair, glossary: Mapping[str, str]
    ) -> list[str]:
        ScriptedEngine.calls.append(list(texts))
        if ScriptedEngine.answer is not None:
            return ScriptedEngine.answer(texts)
        return [fake_translate(t) for t in texts]


class BrokenEngine(ScriptedEngine):
    name = "broken"

    def translate(self, texts, *, pair, glossary):
        raise EngineUnavailable("broken: HTTP 503 after 3 attempts")


@pytest.fixture(autouse=True)
def engines(monkeypatch, settings):
    monkeypatch.setitem(registry.ENGINES, "scripted", ScriptedEngine)
    monkeypatch.setitem(registry.ENGINES, "broken", BrokenEngine)
    ScriptedEngine.calls = []
    ScriptedEngine.answer = None
    settings.TRANSLATION_ENGINES = "de-en=scripted"
    settings.LANGUAGE_CODE = "en"
    settings.SITE_LANGUAGE = "en"


def german_article(**fields) -> Article:
    source = fields.pop("source", None) or make_source(language="de")
    values = {
        "title": "Hochwasser in Kiew",
        "standfirst": "Die Donau steigt weiter.",
        "body_html": BODY,
        "language": "de",
        "state": ArticleState.AWAITING_TRANSLATION,
        **fields,
    }
    return make_article(source=source, **values)


def translate(article: Article) -> ArticleTranslation | None:
    return flow.article_translate(article_id=article.pk)


def test_it_translates_publishes_and_keeps_the_structure():
    article = german_article()
    translation = translate(article)
    article.refresh_from_db()
    assert translation is not None and translation.state == TranslationState.TRANSLATED
    assert article.state == ArticleState.PUBLISHED and article.language == "en"
    assert article.title == "HOCHWASSER IN KIEW"
    assert markup_signature(article.body_html) == markup_signature(BODY)
    assert '<a href="https://example.org/pegel">PORTAL</a>' in article.body_html
    assert translation.original_body_html == BODY
    assert translation.engine_label == "Scripted MT"


def test_every_glossary_term_is_obeyed_and_output_corrected():
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    GlossaryTerm.objects.create(target_language="en", source_term="KIEV", target_term="Kyiv")
    ScriptedEngine.answer = lambda texts: [
        fake_translate(t).replace("DONAU", "KIEV") for t in texts
    ]
    article = german_article()
    translate(article)
    article.refresh_from_db()
    assert "Kyiv" in article.title and "KIEW" not in article.title
    assert "THE" not in article.body_html  # the scripted engine only upper-cases
    assert "KIEV" not in article.body_html and "KIEV" not in article.standfirst
    assert article.body_html.count("Kyiv") == 2  # one correction, one source term
    assert all("Kiew" not in text for call in ScriptedEngine.calls for text in call)


def test_a_glossary_change_applies_to_the_very_next_translation():
    article = german_article()
    translate(article)
    article.refresh_from_db()
    assert "KIEW" in article.title
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Kiew", target_term="Kyiv"
    )
    translate(article)
    article.refresh_from_db()
    assert "Kyiv" in article.title and "KIEW" not in article.title


def test_the_glossary_of_a_pair_holds_its_terms_and_the_target_languages_corrections():
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source_term="Wien", target_term="Vienna"
    )
    GlossaryTerm.objects.create(
        source_language="fr", target_language="en", source_term="Vienne", target_term="Vienna"
    )
    GlossaryTerm.objects.create(
        source_language="de", target_language="fr", source_term="Wien", target_term="Vienne"
    )
    GlossaryTerm.objects.create(target_language="en", source_term="Kiev", target_term="Kyiv")
    GlossaryTerm.objects.create(target_language="fr", source_term="Kiev", target_term="Kyiv")
    glossary = glossary_for(LanguagePair("de", "en"))
    assert glossary.terms == {"Wien": "Vienna"}
    assert glossary.corrections == {"Kiev": "Kyiv"}


def test_a_changed_article_only_sends_the_changed_segments():
    article = german_article()
    translate(article)
    ScriptedEngine.calls = []
    Article.objects.filter(pk=article.pk).update(
        language="de", state=ArticleState.AWAITING_TRANSLATION,
        title="Hochwasser in Kiew", standfirst="Die Donau steigt weiter.",
        body_html=BODY.replace("sieben Metern", "acht Metern"),
    )  # fmt: skip
    translate(article)
    assert ScriptedEngine.calls == [["Der Pegel liegt bei acht Metern."]]


def test_editor_corrections_enter_memory_and_win():
    SourceTranslationPolicy.objects.create(
        source=make_source(language="de", slug="held"), review_machine_translations=True
    )
    article = german_article(source=SourceTranslationPolicy.objects.get().source)
    translation = translate(article)
    assert translation is not None and translation.state == TranslationState.IN_REVIEW
    article.refresh_from_db()
    assert article.state == ArticleState.AWAITING_TRANSLATION  # held for review
    targets = [s["target"] for s in translation.segments]
    number = next(
        i for i, s in enumerate(translation.segments) if s["source"] == "Die Donau steigt."
    )
    targets[number] = "The Danube is rising."
    editor = User.objects.create_user("eva", is_staff=True)
    translation_review(translation=translation, targets=targets, editor=editor)
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED
    assert "The Danube is rising." in article.body_html
    assert TranslationMemory.objects.filter(
        engine=EDITOR, target_text="The Danube is rising."
    ).exists()
    other = german_article(body_html="<p>Die Donau steigt.</p>", title="Neu", standfirst="")
    translate(other)
    other.refresh_from_db()
    assert other.body_html == "<p>The Danube is rising.</p>"


def test_without_an_engine_the_article_waits_for_a_human(settings):
    settings.TRANSLATION_ENGINES = "none"
    article = german_article()
    translation = translate(article)
    article.refresh_from_db()
    assert translation is not None and translation.state == TranslationState.WAITING_FOR_HUMAN
    assert article.state == ArticleState.AWAITING_TRANSLATION
    targets = [f"EN {n}" for n, _ in enumerate(translation.segments)]
    editor = User.objects.create_user("ben", is_staff=True)
    with pytest.raises(ReviewError, match="placeholders"):
        translation_review(translation=translation, targets=targets, editor=editor)
    targets = [fake_translate(s["source"]) for s in translation.segments]
    translation_review(translation=translation, targets=targets, editor=editor)
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED and article.title == "HOCHWASSER IN KIEW"


def test_over_budget_the_work_waits_and_nothing_is_lost(settings):
    settings.TRANSLATION_DAILY_BUDGET = 50
    article = german_article()
    translation = translate(article)
    article.refresh_from_db()
    assert translation is not None and translation.state == TranslationState.WAITING_FOR_BUDGET
    assert "budget" in translation.error and translation.next_attempt_at is not None
    assert article.state == ArticleState.AWAITING_TRANSLATION and ScriptedEngine.calls == []
    settings.TRANSLATION_DAILY_BUDGET = 0
    assert translate(article).state == TranslationState.TRANSLATED  # type: ignore[union-attr]
    assert EngineUsage.objects.get(engine="scripted").characters > 0


def test_the_next_engine_in_the_chain_takes_over(settings):
    settings.TRANSLATION_ENGINES = "de-en=broken,scripted"
    translation = translate(german_article())
    assert translation is not None and translation.state == TranslationState.TRANSLATED
    assert translation.engine == "scripted"


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (lambda texts: [fake_translate(t) for t in texts][:-1], "translations for"),
        (lambda texts: ["\ufffd\x00garbage" for _ in texts], "garbage"),
        (lambda texts: ["<div>" + fake_translate(t) + "</div>" for t in texts], "HTML"),
        (lambda texts: ["" for _ in texts], "empty translation"),
    ],
)
def test_bad_output_is_recorded_and_nothing_is_published(answer, reason):
    ScriptedEngine.answer = answer
    article = german_article()
    translation = translate(article)
    article.refresh_from_db()
    assert translation is not None and translation.state == TranslationState.FAILED
    assert reason in translation.error and translation.attempts == 1
    assert (
        article.state == ArticleState.AWAITING_TRANSLATION and article.title == "Hochwasser in Kiew"
    )
    assert not ArticleTranslation.objects.filter(translated_at__isnull=False).exists()
    ScriptedEngine.answer = None
    flow.translation_retry(translation=translation)
    assert translate(article).state == TranslationState.TRANSLATED  # type: ignore[union-attr]


def test_lost_markup_is_translated_piece_by_piece():
    ScriptedEngine.answer = lambda texts: [
        fake_translate(t).replace("<g1>", "").replace("</g1>", "") for t in texts
    ]
    article = german_article()
    translate(article)
    article.refresh_from_db()
    assert markup_signature(article.body_html) == markup_signature(BODY)
    assert '<a href="https://example.org/pegel">PORTAL</a>' in article.body_html


def test_empty_segments_and_a_huge_paragraph():
    huge = " ".join(["Wasser"] * 8000)
    article = german_article(body_html=f"<p> </p><p>{huge}</p><p><br></p>", standfirst="")
    translate(article)
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED
    assert article.body_html.count("WASSER") == 8000
    assert max(len(t) for call in ScriptedEngine.calls for t in call) <= 2000


def test_mixed_language_keeps_the_site_language_sentences():
    quote = "The mayor said that everyone should move their cars out of the garages by noon today."
    german = "Der Pegel liegt bei sieben Metern. Die Feuerwehr ist seit der Nacht im Einsatz."
    article = german_article(body_html=f"<p>Die Donau steigt. {quote}</p><p>{german}</p>")
    translation = translate(article)
    article.refresh_from_db()
    assert quote in article.body_html and "DIE DONAU STEIGT." in article.body_html
    assert translation is not None
    translation.refresh_from_db()
    origins = {segment["source"]: segment["origin"] for segment in translation.segments}
    assert origins[quote] == SegmentOrigin.KEPT and origins["Die Donau steigt."] == "scripted"


def test_segment_origins_keep_the_values_stored_translations_and_memory_hold():
    # Written into ArticleTranslation.segments, and "editor" as the engine of editors' memory.
    assert list(SegmentOrigin) == ["copy", "kept", "editor"]


def test_an_article_already_in_the_site_language_is_not_translated():
    article = german_article(
        title="Floods reach the city centre as the river keeps rising",
        standfirst="The river has burst its banks in several places overnight.",
        body_html="<p>Residents were told to leave their homes before the water arrived.</p>",
    )
    assert translate(article) is None
    article.refresh_from_db()
    assert article.language == "en" and article.state == ArticleState.PUBLISHED
    assert ScriptedEngine.calls == []


def test_the_address_comes_from_the_translated_title_and_then_stays():
    ScriptedEngine.answer = lambda texts: ["Floods in Kyiv" if "Kiew" in t else t for t in texts]
    fresh = german_article(title="Neue Hochwasser in Kiew", slug="neue-hochwasser-in-kiew")
    translate(fresh)
    fresh.refresh_from_db()
    assert fresh.state == ArticleState.PUBLISHED
    assert fresh.slug == "floods-in-kyiv"
    assert fresh.get_absolute_url().endswith("/floods-in-kyiv/")

    # Once public, a new translation changes the text, never the address readers have.
    ScriptedEngine.answer = lambda texts: [
        "Floods in Kyiv rise" if "Kiew" in t else t for t in texts
    ]
    refetch(fresh, title="Neue Hochwasser in Kiew steigen")
    translate(fresh)
    fresh.refresh_from_db()
    assert fresh.title == "Floods in Kyiv rise" and fresh.slug == "floods-in-kyiv"


def test_a_long_title_gives_an_address_cut_after_a_whole_word():
    ScriptedEngine.answer = lambda texts: [
        "Reconstruction conference in Kyiv: Europe pledges 14 billion euros for the power grid"
        if "Kiew" in t
        else t
        for t in texts
    ]
    article = german_article()
    translate(article)
    article.refresh_from_db()
    slug = "reconstruction-conference-in-kyiv-europe-pledges-14-billion-euros-for-the-power"
    assert article.slug == slug  # 80 characters: "-grid" would pass the limit


def test_a_refetched_translated_article_keeps_its_translation_on_show():
    article = german_article()
    translate(article)
    article.refresh_from_db()
    # What article_store_extraction does on a re-fetch: the source's (German) text returns.
    article.title, article.language = "Hochwasser in Kiew: neue Lage", "de"
    article.save()
    services.translation_source_updated(article=article)
    article.refresh_from_db()
    assert article.title == "HOCHWASSER IN KIEW" and article.language == "en"
    translate(article)
    article.refresh_from_db()
    assert article.title == "HOCHWASSER IN KIEW: NEUE LAGE"


# --- What a re-translation costs: only the changed text --------------------------------

LONG_BODY = "".join(
    f"<p>Im Abschnitt {n} steigt die Donau weiter. Der Pegel in Abschnitt {n} liegt hoch. "
    f'Mehr dazu auf dem <a href="https://example.org/{n}">Portal {n}</a>.</p>'
    for n in range(1, 31)
)


def refetch(article: Article, **fields: str) -> None:
    """What article_store_extraction does on a re-fetch: the source's (German) text returns."""
    article.refresh_from_db()
    german = {"title": "Hochwasser in Kiew", "standfirst": "Die Donau steigt weiter."}
    for name, value in {"language": "de", **german, **fields}.items():
        setattr(article, name, value)
    article.save()
    services.translation_source_updated(article=article)


def test_an_update_sends_only_its_changed_sentence_and_meters_only_that():
    article = german_article(body_html=LONG_BODY)
    translate(article)
    sent_first = EngineUsage.objects.get(engine="scripted").characters
    ScriptedEngine.calls = []
    refetch(article, body_html=LONG_BODY.replace("Abschnitt 17 liegt hoch", "Abschnitt 17 sinkt"))
    translation = translate(article)
    assert ScriptedEngine.calls == [["Der Pegel in Abschnitt 17 sinkt."]]
    usage = EngineUsage.objects.get(engine="scripted")
    assert usage.characters - sent_first == len("Der Pegel in Abschnitt 17 sinkt.")
    assert translation is not None and translation.state == TranslationState.TRANSLATED
    article.refresh_from_db()
    assert "DER PEGEL IN ABSCHNITT 17 SINKT." in article.body_html
    assert markup_signature(article.body_html) == markup_signature(LONG_BODY)


def test_queries_do_not_grow_with_the_article(django_assert_max_num_queries):
    # Memory read in one query, written in one per engine batch (with its metering, in one
    # savepoint): not one or two per segment, as 92 segments would take.
    article = german_article(body_html=LONG_BODY)  # 92 segments, 3 engine batches
    with django_assert_max_num_queries(26):
        translate(article)
    assert TranslationMemory.objects.count() == 92
    refetch(article, body_html=LONG_BODY.replace("Portal 3<", "Portal drei<"))
    with django_assert_max_num_queries(12):
        translate(article)


def test_language_detection_only_reads_text_the_memory_cannot_serve(monkeypatch):
    article = german_article(body_html=LONG_BODY)
    translate(article)
    checked: list[str] = []
    detect, is_language = services.detect_language, services.is_language

    def counting_detect(text: str, **kwargs: object) -> str:
        checked.append("article")
        return detect(text, **kwargs)  # type: ignore[arg-type]

    def counting_is_language(text: str, code: str, **kwargs: object) -> bool:
        checked.append(text)
        return is_language(text, code, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "detect_language", counting_detect)
    monkeypatch.setattr(services, "is_language", counting_is_language)
    refetch(article, body_html=LONG_BODY.replace("Abschnitt 17 liegt hoch", "Abschnitt 17 sinkt"))
    translate(article)
    assert checked == ["Der Pegel in Abschnitt 17 sinkt."]


def test_a_retry_of_the_same_text_does_not_detect_its_language_again(monkeypatch):
    ScriptedEngine.answer = lambda texts: ["" for _ in texts]
    article = german_article()
    failed = translate(article)
    assert failed is not None and failed.state == TranslationState.FAILED
    assert failed.source_language == "de"
    ScriptedEngine.answer = None

    def no_detection(text: str, **kwargs: object) -> str:
        raise AssertionError("the same text was detected again")

    monkeypatch.setattr(services, "detect_language", no_detection)
    assert translate(article).state == TranslationState.TRANSLATED  # type: ignore[union-attr]


def test_the_memory_is_written_in_bulk_and_the_newest_translation_wins():
    pair = LanguagePair("de", "en")
    memory_store_many(
        translations=[("Die Donau steigt.", "A"), ("Die  Donau steigt. ", "B"), ("Ja.", "Yes.")],
        pair=pair,
        engine="scripted",
        model_version="v1",
    )
    assert TranslationMemory.objects.count() == 2  # one key per normalised text
    memory_store_many(
        translations=[("Die Donau steigt.", "C")], pair=pair, engine="scripted", model_version="v1"
    )
    found = memory_lookup(
        texts=["Die Donau steigt.", "Ja.", "Nein."],
        pair=pair,
        engine="scripted",
        model_version="v1",
    )
    assert found == {"Die Donau steigt.": "C", "Ja.": "Yes."}


def test_the_memory_is_read_in_chunks_and_keeps_each_language_pair_apart():
    pair = LanguagePair("de", "en")
    texts = [f"Satz Nummer {number}." for number in range(1200)]  # three lookups of 500
    memory_store_many(
        translations=[(text, text.upper()) for text in texts],
        pair=pair,
        engine="scripted",
        model_version="v1",
    )
    memory_store_many(
        translations=[(texts[0], "Phrase.")],
        pair=LanguagePair("de", "fr"),
        engine="scripted",
        model_version="v1",
    )
    found = memory_lookup(texts=texts, pair=pair, engine="scripted", model_version="v1")
    assert found == {text: text.upper() for text in texts}
    assert memory_lookup(texts=texts[:1], pair=pair, engine="scripted") == {}


@pytest.mark.parametrize("path", ["upsert", "bulk_create"])
def test_storing_again_replaces_the_target_and_keeps_the_entrys_creation(path, monkeypatch):
    if path == "bulk_create":  # what databases other than SQLite and PostgreSQL go through
        monkeypatch.setattr(connection, "vendor", "other")
    pair = LanguagePair("de", "en")
    first = memory_store_many(
        translations=[("Die Donau steigt.", "A"), ("Ja.", "Yes.")],
        pair=pair,
        engine="scripted",
        model_version="v1",
    )
    assert {row.pk for row in first} == set(TranslationMemory.objects.values_list("pk", flat=True))
    stored = TranslationMemory.objects.get(source_hash=source_hash("Die Donau steigt."))
    (again,) = memory_store_many(
        translations=[("Die  Donau steigt. ", "B")],
        pair=pair,
        engine="scripted",
        model_version="v1",
        origin=TranslationOrigin.EDITOR,
    )
    assert again.pk == stored.pk and not again._state.adding
    entry = TranslationMemory.objects.get(pk=stored.pk)
    assert (entry.source_text, entry.target_text, entry.origin) == (
        "Die Donau steigt.",
        "B",
        TranslationOrigin.EDITOR,
    )
    assert entry.created_at == stored.created_at and entry.updated_at > stored.updated_at
    assert entry.updated_at == again.updated_at
    assert TranslationMemory.objects.count() == 2
