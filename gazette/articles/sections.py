"""Sections and tags from what the source said about an item (its feed categories).

The first category is the section; the rest become tags. Outlets name their departments in
their own language, so common German names map onto the site's English sections.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify

from gazette.articles.models import Section, Tag

SECTION_ALIASES: dict[str, str] = {
    "politik": "Politics",
    "wirtschaft": "Economy",
    "business": "Economy",
    "lokales": "Local",
    "lokal": "Local",
    "welt": "World",
    "ausland": "World",
    "international": "World",
    "wissenschaft": "Science",
    "kultur": "Culture",
    "sport": "Sport",
    "technik": "Technology",
    "tech": "Technology",
}


def section_name(category: str) -> str:
    """The site's name for a source's category (`Wirtschaft` → `Economy`)."""
    cleaned = " ".join(category.split())
    return SECTION_ALIASES.get(cleaned.casefold(), cleaned[:100])


def section_for_categories(categories: Iterable[str]) -> Section | None:
    """The section named by the first usable category, created when new."""
    for category in categories:
        name = section_name(category)
        slug = slugify(name)[:100]
        if not slug:
            continue
        section = Section.objects.filter(slug=slug).first()
        return section or Section.objects.create(name=name, slug=slug)
    return None


def tags_for_names(names: Iterable[str]) -> list[Tag]:
    tags: list[Tag] = []
    for raw in names:
        name = " ".join(raw.split())[:100]
        slug = slugify(name)[:100]
        if not slug:
            continue
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(name=name, slug=slug)
        if tag not in tags:
            tags.append(tag)
    return tags


def author_slug(author: str) -> str:
    return slugify(author)[:200]
