"""One story from a demo outlet to the page, stage by stage, in the order of
`gazette/newsroom/flow.py`.

The Donauländer Tagblatt reports the reconstruction conference in Kiew. Gazette polls its feed,
fetches and extracts the page, stores the article, translates it (from the editors' memory, with
the house's "Kyiv"), publishes it, indexes it and finds its story; a reader then finds it on the
front page, in search and on its own page. The queue here keeps what each stage enqueues, so the
test runs the next task itself and checks that it is the one the flow promises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from django_tasks.base import Task, TaskResult

from gazette.articles.models import Article
from gazette.demo.services import demo_translations_load
from gazette.discovery.models import ArticleEmbedding
from gazette.ingest.models import Document
from gazette.newsroom import flow
from gazette.states import ArticleState, EntryState, TranslationState
from gazette.translation.models import ArticleTranslation
from tests.newsroom import Newsroom

KYIV_PAGE = "kiew-wiederaufbaukonferenz.html"


class Queue:
    """The tasks enqueued so far (django-tasks' dummy backend), run one by one on demand."""

    def __init__(self, capture: Any) -> None:
        backend = task_backends["default"]
        assert isinstance(backend, DummyBackend)
        self.backend = backend
        self.capture = capture  # django_capture_on_commit_callbacks: commits run their hooks

    def take(self, task: Task[Any, Any]) -> list[TaskResult[Any]]:
        """The queued runs of `task`, taken off the queue."""
        mine = [r for r in self.backend.results if r.task.func is task.func]
        self.backend.results[:] = [r for r in self.backend.results if r.task.func is not task.func]
        return mine

    def names(self) -> set[str]:
        return {result.task.name for result in self.backend.results}

    def run(self, result: TaskResult[Any]) -> Any:
        with self.capture(execute=True):
            return result.task.call(*result.args, **result.kwargs)


def entry_ids(run: TaskResult[Any]) -> list[int]:
    """The entries a fetch task was queued for (one, or a batch)."""
    [ids] = run.args
    return ids if isinstance(ids, list) else [ids]


@pytest.fixture
def queue(settings: Any, django_capture_on_commit_callbacks: Any) -> Iterator[Queue]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield Queue(django_capture_on_commit_callbacks)


def test_a_german_report_reaches_readers_in_english(served_newsroom: Newsroom, queue: Queue):
    tagblatt = served_newsroom.tagblatt
    demo_translations_load()  # the editors' translations of the Tagblatt, and Kiew -> Kyiv

    # 1. Poll: every item of the feed becomes an entry, and fetching them is queued.
    with queue.capture(execute=True):
        entries = flow.source_poll(source_id=tagblatt.pk)
    kyiv_entry = next(entry for entry in entries if entry.url.endswith(KYIV_PAGE))
    assert kyiv_entry.state == EntryState.DISCOVERED
    fetches = queue.take(flow.fetch_entries) + queue.take(flow.fetch_entry)
    assert sorted(pk for run in fetches for pk in entry_ids(run)) == sorted(e.pk for e in entries)
    assert queue.names() == set(), "polling queues fetching and nothing else"

    # 2. Fetch and extract: the raw page is kept, the article stored, translation queued.
    queue.run(next(run for run in fetches if kyiv_entry.pk in entry_ids(run)))
    kyiv_entry.refresh_from_db()
    assert kyiv_entry.state == EntryState.EXTRACTED
    assert Document.objects.filter(entry=kyiv_entry).exists(), "the raw bytes are kept"
    article = Article.objects.get(entry=kyiv_entry)
    assert article.state == ArticleState.AWAITING_TRANSLATION
    assert article.language == article.original_language == "de"
    assert "Kiew" in article.title
    translations = queue.take(flow.translate_article)
    assert article.pk in {run.args[0] for run in translations}
    assert not queue.take(flow.discover_article), "nothing unpublished is indexed"

    # 3. Translate: the article shows English, with the house's name for the city, and goes
    #    public; discovery is queued for it.
    queue.run(next(run for run in translations if run.args[0] == article.pk))
    article.refresh_from_db()
    translation = ArticleTranslation.objects.get(article=article)
    assert translation.state == TranslationState.TRANSLATED
    assert article.state == ArticleState.PUBLISHED and article.made_public_at is not None
    assert article.language == "en" and article.original_language == "de"
    assert "Kyiv" in article.title and "Kiew" not in article.title + article.body_html
    assert translation.original_title.startswith("Wiederaufbaukonferenz in Kiew")
    [discovery] = queue.take(flow.discover_article)
    assert discovery.args == [article.pk]

    # 4. Discover: indexed for search, embedded, and the first report of its story.
    queue.run(discovery)
    embedding = ArticleEmbedding.objects.get(article=article)
    assert embedding.story is not None

    # 5. Readers: the front page, search and the article page, with source and translation.
    reader = Client()
    assert article.title in reader.get("/").content.decode()
    assert article.get_absolute_url() in reader.get("/search/", {"q": "Kyiv"}).content.decode()
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Translated from German" in page
    assert f'href="{article.original_url}"' in page and tagblatt.name in page
    story_page = reader.get(embedding.story.get_absolute_url())
    assert story_page.status_code == 200 and article.title in story_page.content.decode()


def test_an_english_report_is_published_at_once_and_its_agency_copy_goes_no_further(
    served_newsroom: Newsroom, queue: Queue
):
    for outlet in (served_newsroom.wire, served_newsroom.courier):  # the agency first
        with queue.capture(execute=True):
            flow.source_poll(source_id=outlet.pk)
        for run in queue.take(flow.fetch_entries) + queue.take(flow.fetch_entry):
            queue.run(run)
    assert not queue.take(flow.translate_article), "English needs no translation"
    discovered = {pk for run in queue.take(flow.discover_article) for pk in run.args}
    published = set(Article.objects.published().values_list("pk", flat=True))
    copies = Article.objects.filter(state=ArticleState.DUPLICATE)
    assert copies.exists(), "the Courier runs agency copies of Wire Review stories"
    assert {copy.duplicate_of.source_id for copy in copies if copy.duplicate_of} == {
        served_newsroom.wire.pk
    }
    assert discovered == published, "every published article, and only those, is discovered"
    assert not set(copies.values_list("pk", flat=True)) & discovered
