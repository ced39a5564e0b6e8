"""The lead figure: kept once, outside the body, with its alt text, caption and credit."""

from __future__ import annotations

import urllib.request
from datetime import datetime

import pytest

from gazette.demo.outlets import OUTLETS
from gazette.ingest.extract import extract_article
from tests.ingest.harbour_page import BODY, CET, URL, page

LEAD = "https://news.example.org/images/2026/11/harbour-wall.jpg"
FIGURE = (
    '<figure><img src="/images/2026/11/harbour-wall.jpg" alt="Waves over the harbour wall">'
    "<figcaption>Waves break over the wall in February. Photograph: Harbour Courier"
    "</figcaption></figure>"
)


def _paragraphs(count: int, first: int = 1) -> str:
    return "".join(
        f"<p>Opening paragraph {n}: the council approved repairs to the harbour wall, badly "
        f"damaged in last winter's storms, after a long debate on Tuesday evening.</p>"
        for n in range(first, first + count)
    )


def test_the_lead_figure_is_shown_once_with_alt_caption_and_credit():
    html = page(
        body=_paragraphs(2) + FIGURE + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert article.image_url == LEAD
    assert article.image_alt == "Waves over the harbour wall"
    assert article.image_caption == "Waves break over the wall in February."
    assert article.image_credit == "Harbour Courier"
    assert "harbour-wall.jpg" not in article.body_html
    assert "Photograph" not in article.body_html
    assert article.body_html.count("<p>") == 7


def test_a_later_figure_of_another_image_stays_in_the_body():
    other = FIGURE.replace("harbour-wall.jpg", "quay.jpg")
    html = page(
        body=_paragraphs(2) + other + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert article.image_url == LEAD
    assert "quay.jpg" in article.body_html


def test_the_lead_image_is_dropped_from_the_body_only_when_it_is_the_first_image():
    first = FIGURE.replace("harbour-wall.jpg", "quay.jpg")
    html = page(
        body=_paragraphs(1) + first + _paragraphs(1, first=2) + FIGURE + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert "quay.jpg" in article.body_html
    assert "harbour-wall.jpg" in article.body_html


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("The quay at dawn. Photo: Ana Ruiz", "The quay at dawn.", "Ana Ruiz"),
        ("Der Hafen bei Nacht. Foto: dpa/Max Muster", "Der Hafen bei Nacht.", "dpa/Max Muster"),
        ("Der Hafen im Winter. Bild: Keystone", "Der Hafen im Winter.", "Keystone"),
        ("The quay at dawn © Reuters", "The quay at dawn", "Reuters"),
        ("A family photo of the crew in 1988.", "A family photo of the crew in 1988.", ""),
    ],
)
def test_a_credit_written_at_the_end_of_a_caption_goes_to_the_credit(caption, text, credit):
    html = page(
        body=f'<figure><img src="{LEAD}" alt="The quay"><figcaption>{caption}</figcaption>'
        "</figure>" + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert (article.image_caption, article.image_credit) == (text, credit)


def test_a_credit_element_in_the_figcaption_goes_to_the_credit_without_its_label():
    html = page(
        body=f'<figure><img src="{LEAD}" alt="The quay"><figcaption>The quay at dawn. '
        '<span class="copyright">Foto: Ana Ruiz</span></figcaption></figure>' + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert (article.image_caption, article.image_credit) == ("The quay at dawn.", "Ana Ruiz")


def test_the_harbour_couriers_lead_figures_are_shown_once(outlets):
    index, outlet = next((i, o) for i, o in enumerate(OUTLETS) if o.slug == "courier")
    with_figures = [article for article in outlet.articles if "<figure>" in article.body_html]
    assert with_figures
    for article in with_figures:
        url = outlets[index].base_url + article.path
        with urllib.request.urlopen(url, timeout=10) as response:
            html = response.read().decode("utf-8")

        extracted = extract_article(html, url=url)

        assert extracted.image_url.endswith(".png")
        assert extracted.image_url.rsplit("/", 1)[-1] not in extracted.body_html
        assert extracted.image_alt and extracted.image_alt in article.body_html
        assert extracted.image_caption and extracted.image_caption in article.body_html
        assert "Photograph" not in extracted.image_caption
        assert extracted.image_credit and f"Photograph: {extracted.image_credit}" in (
            article.body_html
        )


def test_a_gallery_holding_the_lead_image_keeps_its_other_images():
    gallery = (
        '<figure><img src="/images/2026/11/harbour-wall.jpg" alt="The wall">'
        '<img src="/images/2026/11/quay.jpg" alt="The quay"><figcaption>The harbour.</figcaption>'
        "</figure>"
    )
    html = page(
        body=_paragraphs(2) + gallery + BODY,
        head=f'<meta property="og:image" content="{LEAD}">',
    )

    article = extract_article(html, url=URL)

    assert "harbour-wall.jpg" not in article.body_html
    assert "quay.jpg" in article.body_html


def test_a_block_classed_as_modified_is_no_update_stamp():
    html = page(
        '<time class="published" datetime="2026-11-17T10:30:00+01:00">17 November 2026</time>',
        body=f'<div class="last-modified-content">{BODY}<p>Meeting on '
        '<time datetime="2026-11-20T18:00:00+01:00">20 November 2026</time>.</p></div>',
    )

    article = extract_article(html, url=URL)

    assert article.published_at == datetime(2026, 11, 17, 10, 30, tzinfo=CET)
    assert article.modified_at is None
