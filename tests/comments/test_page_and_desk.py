"""The comment area on the article page (no query per comment), counts on lists, and the
moderation queue in the desk."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gazette.articles.models import Article
from gazette.comments import spam
from gazette.comments.models import Comment, Commenter, CommentState
from gazette.desk.roles import MODERATOR
from gazette.lib.stamp import stamp_touch
from tests.comments.conftest import Reader, Sink
from tests.desk.desk_people import desk_person, logged_in


def _published(article: Article, count: int, *, parent: Comment | None = None) -> list[Comment]:
    commenter, _ = Commenter.objects.get_or_create(
        email="many@example.org", defaults={"confirmed_at": timezone.now()}
    )
    created = [
        Comment.objects.create(
            article=article, commenter=commenter, name=f"Reader {n}", text=f"Point {n}",
            body_html=f"<p>Point {n}</p>", state=CommentState.PUBLISHED,
            published_at=timezone.now(), parent=parent, depth=1 if parent else 0,
        )
        for n in range(count)
    ]  # fmt: skip
    stamp_touch()  # as publishing does (comments.services), once the write has committed
    return created


def _queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_comment_area_costs_the_same_queries_for_3_or_60_comments(
    client: Any, article: Article, settings: Any
) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    roots = _published(article, 3)
    _queries(client, article.get_absolute_url())  # warm: the per-change caches fill once
    few = _queries(client, article.get_absolute_url())
    for root in roots:
        _published(article, 20, parent=root)
    _queries(client, article.get_absolute_url())
    many = _queries(client, article.get_absolute_url())
    page = client.get(article.get_absolute_url()).content.decode()
    assert "63 comments" in page and "Reader 19" in page
    assert many == few


def test_lists_show_comment_counts(client: Any, article: Article) -> None:
    _published(article, 2)
    page = client.get(f"/source/{article.source.slug}/").content.decode()
    assert f'href="{article.get_absolute_url()}#comments">2 comments</a>' in page


def test_the_moderator_sees_why_and_the_history_and_acts_in_bulk(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    reader.post(article)
    reader.post(article, text="Bonjour, je pense que le port devrait rester ouvert la nuit aussi.")
    moderator = logged_in(desk_person(MODERATOR))
    queue = moderator.get("/admin/comments/comment/").content.decode()
    assert "first comment from this address" in queue and "consulted the fishermen" in queue
    assert (
        "consulted the fishermen"
        not in moderator.get("/admin/comments/comment/?queue=published").content.decode()
    )
    held = list(Comment.objects.order_by("pk"))
    detail = moderator.get(f"/admin/comments/comment/{held[1].pk}/change/").content.decode()
    assert "no translation engine is configured for fr-en" in detail
    assert "Other comments: 1 held" in detail
    with reader.capture(execute=True):
        moderator.post(
            "/admin/comments/comment/",
            {"action": "approve", "_selected_action": [c.pk for c in held]},
        )
    assert set(Comment.objects.values_list("state", flat=True)) == {CommentState.PUBLISHED}
    assert b"consulted the fishermen" in reader.client.get(article.get_absolute_url()).content
    moderator.post(
        "/admin/comments/comment/?queue=published",
        {"action": "mark_spam", "_selected_action": [held[0].pk]},
    )
    assert Comment.objects.get(pk=held[0].pk).state == CommentState.SPAM
    every = moderator.get("/admin/comments/comment/?queue=all").content.decode()
    assert "consulted the fishermen" in every and "le port devrait" in every
    # The moderator may not publish articles.
    assert moderator.get(f"/admin/articles/article/{article.pk}/change/").status_code in (403, 200)
    assert not desk_person(MODERATOR, "m2").has_perm("articles.change_article")


def test_the_classifier_learns_from_the_moderators_decisions(
    reader: Reader, article: Article, smtp: Sink
) -> None:
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    text = "Visit the harbour gift shop for cheap souvenirs, great deals every day"
    before = spam.current_model().probability(text)
    reader.post(article, text=text)
    moderator = logged_in(desk_person(MODERATOR))
    for _ in range(3):
        comment = Comment.objects.latest("pk")
        moderator.post(
            "/admin/comments/comment/", {"action": "mark_spam", "_selected_action": [comment.pk]}
        )
        Comment.objects.filter(pk=comment.pk).update(state=CommentState.HELD)
    after = spam.current_model().probability(text)
    assert after > before + 0.1


class _Akismet(BaseHTTPRequestHandler):
    answers: list[bytes] = []
    seen: list[bytes] = []

    def do_POST(self) -> None:
        self.seen.append(self.rfile.read(int(self.headers["Content-Length"])))
        body = self.answers.pop(0) if self.answers else b"false"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def akismet(settings: Any) -> Iterator[type[_Akismet]]:
    server = HTTPServer(("127.0.0.1", 0), _Akismet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.AKISMET_URL = f"http://127.0.0.1:{server.server_port}/1.1/comment-check"
    settings.AKISMET_API_KEY = "local-key"
    _Akismet.answers, _Akismet.seen = [], []
    yield _Akismet
    server.shutdown()


def test_an_akismet_compatible_service_can_hold_a_comment(
    reader: Reader, article: Article, smtp: Sink, settings: Any, akismet: type[_Akismet]
) -> None:
    settings.COMMENTS_MODERATION = "none"
    Commenter.objects.create(email="ada@example.org", confirmed_at=timezone.now())
    akismet.answers = [b"true", b"false"]
    reader.post(article)
    assert Comment.objects.latest("pk").hold_reasons == [
        "the spam service (AKISMET_URL) calls it spam"
    ]
    reader.post(article, text="I disagree about the quay, it was built too late.")
    assert Comment.objects.latest("pk").state == CommentState.PUBLISHED
    assert b"api_key=local-key" in akismet.seen[0] and b"comment_content=" in akismet.seen[0]
