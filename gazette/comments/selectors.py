"""Reads for the pages: an article's comment thread in one query, counts for a list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q

from gazette.articles.models import Article
from gazette.comments import services, tokens
from gazette.comments.models import Comment, CommentState
from gazette.lib.stamp import per_change


@dataclass
class ThreadNode:
    comment: Comment
    replies: list[ThreadNode] = field(default_factory=list)
    can_reply: bool = True


@dataclass
class CommentArea:
    article: Article
    thread: list[ThreadNode]
    count: int
    is_open: bool
    closes_at: datetime | None
    moderation: str
    stamp: str
    max_length: int


def _visible(node: ThreadNode) -> bool:
    """A removed comment stays (as a tombstone) only while a reply under it is shown."""
    node.replies = [reply for reply in node.replies if _visible(reply)]
    return node.comment.state == CommentState.PUBLISHED or bool(node.replies)


def comment_area(article: Article) -> CommentArea:
    """The thread (one query for every comment, one for the section's policy)."""
    # Both read once per change of anything public: what the thread shows and the policy
    # move the change stamp (services, site.signals), as the page cache already relies on.
    policy = per_change(
        f"comment-policy:{article.section_id}", lambda: services.policy_for(article)
    )
    rows = per_change(f"comment-rows:{article.pk}", lambda: list(
        Comment.objects.filter(
            article=article, state__in=(CommentState.PUBLISHED, CommentState.REMOVED)
        )
        .only(
            "pk", "parent_id", "depth", "name", "website", "body_html", "state",
            "published_at", "created_at", "edited_at",
        )
        .order_by("created_at", "pk")
    ))  # fmt: skip
    nodes = {row.pk: ThreadNode(row) for row in rows}
    roots: list[ThreadNode] = []
    for node in nodes.values():
        node.can_reply = node.comment.state == CommentState.PUBLISHED
        parent = nodes.get(node.comment.parent_id) if node.comment.parent_id else None
        (parent.replies if parent else roots).append(node)
    thread = [node for node in roots if _visible(node)]
    return CommentArea(
        article=article,
        thread=thread,
        count=sum(1 for row in rows if row.state == CommentState.PUBLISHED),
        is_open=services.is_open(article, policy),
        closes_at=services.closes_at(article, policy),
        moderation=policy.moderation,
        stamp=tokens.form_stamp(article.pk),
        max_length=settings.COMMENTS_MAX_LENGTH,
    )


def comment_counts(article_ids: list[int]) -> dict[int, int]:
    """Published comments per article, for a list of articles, in one query."""
    if not article_ids:
        return {}
    rows = (
        Comment.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(n=Count("pk", filter=Q(state=CommentState.PUBLISHED)))
    )
    return {row["article_id"]: row["n"] for row in rows}
