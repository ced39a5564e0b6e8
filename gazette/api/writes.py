"""The newsroom's writes through the API: add a source, submit an article's URL.

Each checks what it is given as the desk would (a model form of the source's fields, built
as the admin builds its form, then `sources.services.source_register`), and hands work on
through the flow (`newsroom.flow.url_submit`), never enqueueing a task itself.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from gazette.api.problems import ApiProblem
from gazette.api.schemas import EntryIn, SourceIn
from gazette.ingest.models import Entry
from gazette.lib.urls import UnsafeURL, canonicalize_url, web_url
from gazette.newsroom.flow import url_submit
from gazette.sources.models import Source
from gazette.sources.services import source_register

SOURCE_FIELDS = ["name", "feed_url", "homepage", "kind", "language", "licence"]
# The desk's form for these fields, as the admin makes it: the same cleaning (whitespace,
# NUL characters), choices and validators (the model's, `lib.urls.validate_web_url`).
SourceForm = modelform_factory(Source, fields=SOURCE_FIELDS)


def _errors(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {"where": field, "why": " ".join(str(message) for message in messages)}
        for field, messages in exc.message_dict.items()
    ]


def _invalid(errors: list[dict[str, str]]) -> ApiProblem:
    why = "; ".join(f"{error['where']}: {error['why']}" for error in errors)
    return ApiProblem(400, f"The source was not added: {why}", errors=errors)


def _followed(feed_url: str) -> ApiProblem | None:
    slug = Source.objects.filter(feed_url=feed_url).values_list("slug", flat=True).first()
    if slug is None:
        return None
    return ApiProblem(409, f"This feed is followed already, as the source {slug!r}.", slug=slug)


def source_add(data: SourceIn) -> Source:
    """A new source, checked like the desk's form; 409 when its feed is followed already."""
    followed = _followed(data.feed_url.strip())
    if followed is not None:
        raise followed
    form = SourceForm(data={field: getattr(data, field) for field in SOURCE_FIELDS})
    if not form.is_valid():
        problems = form.errors.as_data()
        if any(error.code == "unique" for errors in problems.values() for error in errors):
            raise _followed(form.data["feed_url"].strip()) or ApiProblem(409, "Followed already.")
        raise _invalid(
            [
                {"where": field, "why": " ".join(" ".join(error.messages) for error in errors)}
                for field, errors in problems.items()
            ]
        )
    try:
        return source_register(**form.cleaned_data)
    except ValidationError as exc:
        raise _invalid(_errors(exc)) from exc


def entry_submit(data: EntryIn) -> tuple[Entry, bool]:
    """The entry for the URL, and whether it is new (queued for fetching now)."""
    source = Source.objects.filter(slug=data.source).first()
    if source is None:
        raise ApiProblem(
            400, f"No source has the slug {data.source!r}: add it first (POST /sources/)."
        )
    try:
        url = web_url(data.url.strip())
    except UnsafeURL as exc:
        raise ApiProblem(400, f"{data.url[:120]!r} is not a usable web address: {exc}") from exc
    if len(url) > 2000:
        raise ApiProblem(400, "The URL is longer than 2,000 characters.")
    entry = url_submit(source=source, url=url)
    if entry is not None:
        return entry, True
    canonical = canonicalize_url(url)[:2000]
    existing = Entry.objects.select_related("source").filter(canonical_url=canonical).first()
    if existing is None:  # refused by ingestion after all
        raise ApiProblem(400, f"{data.url[:120]!r} cannot be fetched.")
    return existing, False
