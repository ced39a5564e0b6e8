"""Title, author and date when the page's signals disagree: small pages written for each case."""

from __future__ import annotations

import json
from datetime import date

from gazette.ingest.extract import extract_article

BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def page(
    head: str = "",
    header: str = "",
    *,
    title: str = "Harbour reopens | The Gull",
    h1: str = "Harbour reopens",
    aside: str = "",
    footer: str = "© The Gull",
    lang: str = "en",
) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title>{head}</head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>{h1}</h1>{header}{BODY}</article>"
        f"<aside>{aside}</aside><footer>{footer}</footer></body></html>"
    )


URL = "https://www.gull.example/harbour-reopens"


# ---------------------------------------------------------------- dates


def test_the_byline_date_wins_over_a_stamp_the_page_does_not_show() -> None:
    # A migrated page: the CMS stamped the import; the byline shows when the story ran.
    html = page(
        '<meta property="article:published_time" content="2024-11-20T10:00:00Z">',
        "<p class='meta'>By Ann Lee</p><div>Published 14 May 2021</div>",
    )
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2021, 5, 14)
    assert article.date_source == "page text"


def test_a_byline_date_in_another_language_is_read() -> None:
    html = page(
        '<meta property="article:published_time" content="2024-11-20T10:00:00Z">',
        "<p>Veröffentlicht am 3. März 2022</p>",
        title="Hafen wieder offen | Die Möwe",
        h1="Hafen wieder offen",
        lang="de",
    )
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2022, 3, 3)


def test_a_byline_date_equal_to_the_update_stamp_gives_way_to_a_stamp_images_back() -> None:
    # The lead image was filed in the stamp's month: the stamp is the original publication.
    html = page(
        '<meta property="article:published_time" content="2023-02-01T09:00:00+00:00">'
        '<meta property="article:modified_time" content="2025-06-09T08:00:00+00:00">',
        '<p>June 9, 2025</p><img src="/uploads/2023/02/quay.jpg" alt="">',
    )
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2023, 2, 1)
    assert article.modified_at is not None
    assert article.modified_at.date() == date(2025, 6, 9)


def test_a_submission_date_above_the_headline_is_not_the_publication_date() -> None:
    html = page(
        '<meta name="citation_publication_date" content="2019-06-25">',
        "",
        title="Calm apps and stress",
        h1="Calm apps and stress",
    ).replace("<article>", "<article><p>Submitted 4 April 2019</p>")
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2019, 6, 25)


def test_a_utc_stamp_a_day_off_the_shown_day_keeps_the_stamp_unless_the_address_agrees() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:41:00+00:00">'
    shown = "<p>Posted on December 18, 2025</p>"
    plain = extract_article(page(head, shown), url=URL)
    assert plain.published_at is not None
    assert plain.published_at.date() == date(2025, 12, 19)
    dated_url = "https://www.gull.example/2025/12/18/harbour-reopens/"
    local = extract_article(page(head, shown), url=dated_url)
    assert local.published_at is not None
    assert local.published_at.date() == date(2025, 12, 18)


def test_a_meta_date_written_for_readers_is_read() -> None:
    html = page('<meta name="date" content="March 27, 2025">')
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2025, 3, 27)


def test_a_graph_date_wins_over_a_date_in_a_related_box() -> None:
    html = page(
        ld(
            {
                "@context": "https://schema.org",
                "@graph": [
                    {"@type": "WebSite", "name": "The Gull"},
                    {
                        "@type": "ReportageNewsArticle",
                        "headline": "Harbour reopens",
                        "datePublished": "2025-03-14T08:00:00+01:00",
                    },
                ],
            }
        ),
        aside="<div class='related'><time datetime='2025-01-02'>2 January 2025</time></div>",
    )
    article = extract_article(html, url=URL)
    assert article.published_at is not None
    assert article.published_at.date() == date(2025, 3, 14)


# ---------------------------------------------------------------- authors


def test_a_labelled_meta_pair_names_the_author() -> None:
    html = page(
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Ann Lee">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="4 minutes">'
    )
    assert extract_article(html, url=URL).authors == ("Ann Lee",)


def test_an_author_box_with_a_biography_gives_the_name() -> None:
    bio = "Ann Lee covers the harbour, the ferries and the fishing fleet for the paper. " * 3
    html = page(header=f"<div class='post-author'><strong>Ann Lee</strong><p>{bio}</p></div>")
    assert extract_article(html, url=URL).authors == ("Ann Lee",)


def test_a_byline_label_ending_in_from_or_by_is_not_a_name() -> None:
    html = page(header="<div class='author'><h4>Insights from</h4><div>Liza Burke</div></div>")
    assert extract_article(html, url=URL).authors == ("Liza Burke",)


def test_a_byline_stops_before_the_role_that_follows_the_name() -> None:
    html = page(
        header="<div class='byline'>Guide by <a href='/a/wj'>Will Judd</a>"
        "<span>Former Deputy Editor</span></div>"
    )
    assert extract_article(html, url=URL).authors == ("Will Judd",)


def test_co_authors_marked_up_alike_are_all_taken() -> None:
    spans = "".join(
        f"<span class='info-authors'>{name}</span>"
        for name in ("Jennifer Huber", "Jeni Green", "Linda Larkey")
    )
    html = page('<meta name="dc.creator" content="Jennifer Huber">', f"<p>{spans}</p>")
    assert extract_article(html, url=URL).authors == (
        "Jennifer Huber",
        "Jeni Green",
        "Linda Larkey",
    )


def test_a_credit_after_the_byline_is_not_a_co_author() -> None:
    html = page(
        header="<p class='authors'>By Emily Way</p>"
        "<p class='authors'>Fact-checked by Paul Rankin</p>"
    )
    assert extract_article(html, url=URL).authors == ("Emily Way",)


def test_a_json_ld_person_named_like_the_site_gives_way_to_the_byline() -> None:
    html = page(
        ld(
            {
                "@type": "Article",
                "headline": "Harbour reopens",
                "author": {"@type": "Person", "name": "The Gull"},
            }
        )
        + '<meta property="og:site_name" content="The Gull">',
        "<address class='author-info'>by Tracy Parker</address>",
    )
    assert extract_article(html, url=URL).authors == ("Tracy Parker",)


def test_a_personal_site_is_its_owners_when_nothing_else_names_an_author() -> None:
    html = page(
        '<meta property="og:site_name" content="Polly Barks">',
        title="Zero waste living — Polly Barks",
        h1="Zero waste living",
    )
    article = extract_article(html, url="https://pollybarks.com/blog/zero-waste")
    assert article.authors == ("Polly Barks",)
    # The same name on a site at another address is a publication's name, not an author.
    other = extract_article(html, url="https://www.gull.example/blog/zero-waste")
    assert other.authors == ()


def test_a_possessive_blog_name_gives_its_owner() -> None:
    html = page('<meta property="og:site_name" content="Colin Watson\'s blog">', footer="")
    article = extract_article(html, url="https://www.example.org/~cjw/blog/transitions.html")
    assert article.authors == ("Colin Watson",)


# ---------------------------------------------------------------- titles


def test_a_heading_with_a_date_run_into_it_gives_way_to_the_stated_title() -> None:
    html = page(
        '<meta property="og:title" content="Preparing a transition">',
        title="Preparing a transition | Colin's blog",
        h1="Dec 18 2025 Preparing a transition",
    )
    assert extract_article(html, url=URL).title == "Preparing a transition"


def test_a_heading_that_mentions_the_site_name_is_still_the_headline() -> None:
    html = page(
        '<meta property="og:site_name" content="Austin Hardware">',
        title="Austin Catalog Index",
        h1="Austin Hardware Catalog",
    )
    assert extract_article(html, url=URL).title == "Austin Hardware Catalog"


def test_the_spelling_most_sources_agree_on_wins() -> None:
    # One source stores the headline in quotes; the others do not.
    html = page(
        ld({"@type": "BlogPosting", "headline": '"What is Git?"'})
        + '<meta property="og:title" content="What is Git?">',
        title="What is Git? | Terabyte",
        h1="What is Git?",
    )
    assert extract_article(html, url=URL).title == "What is Git?"
