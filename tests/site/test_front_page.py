"""The front page edited like a newspaper's: a dated lead, the day's stories with the outlets
that report them, section blocks, most read with a fallback; every article once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.discovery.models import ArticleEmbedding, PopularityBucket, Story
from gazette.ingest.models import ImageFile
from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db

ARTICLE_LINK = re.compile(r'href="(/\d{4}/\d{1,2}/\d{1,2}/[^/"]+/)"')


def in_story(story: Story, article: Article) -> None:
    ArticleEmbedding.objects.create(
        article=article, story=story, vector=b"", backend="test", published_at=article.published_at
    )


def stored_picture(article: Article) -> None:
    ImageFile.objects.create(
        article=article,
        source_url="https://example.org/x.jpg",
        state=ImageFile.State.STORED,
        width=960,
        height=540,
        renditions=[
            {"width": 960, "height": 540, "format": f, "name": f"images/cd/{'c' * 24}-960.{f}"}
            for f in ("webp", "jpeg")
        ],
    )


def front() -> str:
    cache.clear()
    return Client().get("/").content.decode()


def main_part(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_reports_of_one_event_appear_together_with_their_outlets():
    now = timezone.now()
    story = Story.objects.create(title="ECB cuts rates", last_article_at=now)
    names = ["Continental Wire Review", "The Harbour Courier", "Donauländer Tagblatt"]
    reports = [
        make_article(
            source=make_source(name=name),
            title=f"ECB cuts rates ({name})",
            published_at=now - timedelta(hours=n),
        )
        for n, name in enumerate(names)
    ]
    for report in reports:
        in_story(story, report)
    for n in range(5):
        make_article(title=f"Other news {n}", published_at=now - timedelta(hours=5 + n))

    page = main_part(front())

    assert "3 reports" in page
    line = page.split('class="reports"', 1)[1].split("</p>", 1)[0]
    assert all(name in line for name in names)
    assert f'href="/stories/{story.pk}/"' in line
    # One headline for the event: the other reports are named by their outlets only.
    assert sum(f"ECB cuts rates ({name})" in page for name in names) == 1


def test_nothing_appears_twice_on_the_front_page():
    now = timezone.now()
    sections = [Section.objects.create(name=f"S{n}", slug=f"s{n}") for n in range(3)]
    for n in range(30):
        make_article(section=sections[n % 3], published_at=now - timedelta(hours=n))
    views = Article.objects.order_by("-published_at")[:3]
    for article in views:
        PopularityBucket.objects.create(article=article, hour=now.replace(minute=0), views=50)

    links = ARTICLE_LINK.findall(main_part(front()))
    # A headline and its picture may share an address; no article shows in two places.
    blocks = re.split(r"<article |<li>", main_part(front()))
    seen: list[str] = []
    for block in blocks:
        seen.extend(dict.fromkeys(ARTICLE_LINK.findall(block)))
    assert len(seen) == len(set(seen)), [link for link in seen if seen.count(link) > 1]
    assert links


def test_an_undated_article_never_leads():
    now = timezone.now()
    undated = make_article(title="First seen today", published_at=now, published_at_estimated=True)
    dated = make_article(title="Dated older story", published_at=now - timedelta(days=1))
    page = main_part(front())
    lead = page.split('class="lead', 1)[1].split("</section>", 1)[0]
    assert dated.title in lead and undated.title not in lead
    assert undated.title in page


def test_the_lead_prefers_a_story_with_a_picture_and_serves_our_copy():
    now = timezone.now()
    make_article(title="Newest, no picture", published_at=now)
    pictured = make_article(
        title="Pictured story",
        published_at=now - timedelta(hours=1),
        image_url="http://outlet.example/photo.jpg",
    )
    stored_picture(pictured)
    page = main_part(front())
    lead = page.split('class="lead', 1)[1].split("</section>", 1)[0]
    assert "Pictured story" in lead
    assert f"/media/images/cd/{'c' * 24}-960.jpeg" in lead
    assert 'width="960" height="540"' in lead and 'fetchpriority="high"' in lead
    assert "outlet.example" not in page, "never hot-linked"


def test_most_read_falls_back_to_widely_reported_stories_before_views_are_counted():
    now = timezone.now()
    section = Section.objects.create(name="World", slug="world")
    for n in range(40):
        make_article(section=section, published_at=now - timedelta(hours=n))
    page = main_part(front())
    assert "Widely reported" in page and "Most read" not in page
    box = page.split('class="popular"', 1)[1].split("</aside>", 1)[0]
    rest = page.replace(box, "")
    listed = ARTICLE_LINK.findall(box)
    assert listed and not any(link in rest for link in listed), "nothing twice"

    article = Article.objects.order_by("published_at").first()
    assert article is not None
    PopularityBucket.objects.create(article=article, hour=now.replace(minute=0), views=9)
    page = main_part(front())
    assert "Most read" in page
    assert article.title in page.split('class="popular"', 1)[1]
