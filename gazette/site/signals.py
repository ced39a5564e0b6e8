"""Touch the public-pages change stamp after any write to what the pages show.

A signal rather than a call in each service, because admin edits, other apps' services and
bulk tools all write articles; a missed invalidation would serve a stale page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from gazette.articles.models import Article, Section, Tag
from gazette.comments.models import SectionCommentPolicy
from gazette.discovery.models import ArticleEmbedding, Story
from gazette.ingest.models import ImageFile
from gazette.lib.stamp import stamp_touch
from gazette.site.models import SitePage
from gazette.sources.models import Source


def _changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(stamp_touch)


def connect() -> None:
    # A story's changes ("N other reports", merges and splits) show on its reports' pages;
    # a site page (About, Imprint, Privacy) is its own public page; a stored picture, an
    # article's place in a story (embedding) and a section's comment policy (the comment form
    # open or closed) show on its pages too.
    models = (Article, Section, Tag, Source, Story, SitePage, ImageFile, ArticleEmbedding)
    for model in (*models, SectionCommentPolicy):
        post_save.connect(_changed, sender=model, dispatch_uid=f"site-stamp-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"site-stamp-delete-{model.__name__}"
        )
    m2m_changed.connect(_changed, sender=Article.tags.through, dispatch_uid="site-stamp-tags")
