"""What the API answers, as Pydantic schemas (they make the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str = Field(examples=["about:blank"])
    title: str
    status: int
    detail: str


class SourceOut(Schema):
    """An outlet: only what the site shows of it."""

    name: str
    slug: str
    homepage: str
    language: str
    licence: Literal["full", "excerpt", "link"] = Field(
        description="full: the text is shown; excerpt: the standfirst only; link: no text."
    )


class SectionOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The section's page on the site.")


class TagOut(Schema):
    name: str
    slug: str
    url: str = Field(description="The tag's page on the site.")


class TranslationOut(Schema):
    from_language: str = Field(description="The language the source wrote in.")
    engine_label: str = Field(description="Which engine translated it, as the site says.")
    reviewed: bool = Field(description="An editor reviewed the translation.")


class ArticleOut(Schema):
    id: int
    title: str
    standfirst: str | None = Field(description="Null for sources of licence `link`.")
    body_html: str | None = Field(
        description="Sanitised HTML; only for sources of licence `full`, else null."
    )
    source: SourceOut
    section: SectionOut | None
    tags: list[TagOut]
    published_at: datetime
    published_at_estimated: bool = Field(
        description="No date was found: published_at is when Gazette first saw the story."
    )
    modified_at: datetime | None
    updated_at: datetime = Field(description="Last change in Gazette (what changed_after reads).")
    language: str = Field(description="The language the article shows.")
    original_language: str
    translation: TranslationOut | None = Field(description="Set when it shows a translation.")
    url: str = Field(description="The article's page on the site.")
    original_url: str = Field(description="The article at its source.")


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class SectionPage(Schema):
    items: list[SectionOut]
    next_cursor: str | None


class TagPage(Schema):
    items: list[TagOut]
    next_cursor: str | None


class SourcePage(Schema):
    items: list[SourceOut]
    next_cursor: str | None


class StoryOut(Schema):
    id: int
    title: str
    last_article_at: datetime
    report_count: int
    url: str = Field(description="The story's page on the site.")


class StoryDetail(StoryOut):
    reports: list[ArticleOut] = Field(description="Every published report, oldest first.")


class StoryPage(Schema):
    items: list[StoryOut]
    next_cursor: str | None


class SearchHitOut(Schema):
    article: ArticleOut
    snippet: str | None = Field(
        description="HTML with <mark> around the words found; null unless the licence is full."
    )
    score: float


class SearchPage(Schema):
    items: list[SearchHitOut]
    total: int = Field(description="Matches; a lower bound at 1000 (only the newest are ranked).")
    next_cursor: str | None


class MostReadOut(Schema):
    items: list[ArticleOut]


# --- The newsroom's writes (an API key whose owner holds the permission) --------------------


class SourceIn(Schema):
    """A source to follow, checked as strictly as the desk's form (then 400 with why)."""

    name: str = Field(min_length=1, max_length=200, examples=["The Harbour Courier"])
    feed_url: str = Field(
        min_length=1,
        max_length=1000,
        description="The feed, sitemap or page to poll: an absolute http(s) URL on the web.",
        examples=["https://courier.example.org/feed.xml"],
    )
    homepage: str = Field("", max_length=500, description="The outlet's front page, if any.")
    kind: Literal["feed", "sitemap", "page"] = "feed"
    language: str = Field(
        min_length=2,
        max_length=12,
        description="The language the outlet writes in (ISO 639-1 code, e.g. en, de).",
        examples=["en"],
    )
    licence: Literal["full", "excerpt", "link"] = Field(
        "excerpt",
        description="full: the text is shown; excerpt: the standfirst only; link: no text.",
    )


class SourceCreated(SourceOut):
    id: int
    feed_url: str
    kind: Literal["feed", "sitemap", "page"]


class EntryIn(Schema):
    """An article's address for ingestion: fetched, extracted and stored like one the
    source's feed listed (published at once, held for review, or translated first, as the
    source's policy says)."""

    url: str = Field(
        min_length=1,
        max_length=2000,
        description="The article's absolute http(s) URL.",
        examples=["https://courier.example.org/news/harbour-strike"],
    )
    source: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[-a-zA-Z0-9_]+$",
        description="The slug of the source it belongs to (its licence applies).",
        examples=["courier"],
    )


class EntryOut(Schema):
    id: int
    url: str
    source: str = Field(description="The source's slug.")
    state: str = Field(description="discovered (queued for fetching), fetched, extracted …")
    article_id: int | None = Field(description="Set once the article is stored.")
    queued: bool = Field(description="True: new, queued now; false: known already.")
