"""The authors: candidates from every place a page names them, the learned choice among them,
and the scorer's way of comparing sets of names."""

from __future__ import annotations

import json
import re

import lxml.html

from gazette.ingest.extract import extract_article
from gazette.ingest.extraction.authors import author_candidates, rule_authors
from gazette.ingest.extraction.chooser import WEIGHTS_DIR, load_weights
from gazette.ingest.extraction.learning import same_authors
from gazette.ingest.extraction.metadata import PageSignals

BODY = "".join(
    f"<p>Paragraph {n} of the report on the harbour, which reopened to ferries this week after "
    f"months of repairs to the breakwater and the quays, with more detail number {n}.</p>"
    for n in range(1, 6)
)
URL = "https://www.gull.example/harbour-reopens"


def page(head: str = "", header: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Harbour reopens | The Gull</title>"
        f"<meta property='og:site_name' content='The Gull'>{head}</head><body><article>"
        f"<h1>Harbour reopens</h1>{header}{BODY}</article></body></html>"
    )


def candidates(html: str) -> dict[str, set[str]]:
    tree = lxml.html.document_fromstring(html)
    found = author_candidates(PageSignals.read(tree), tree, url=URL)
    return {
        candidate.text: {name[4:] for name in candidate.features if name.startswith("has_")}
        for candidate in found
    }


def test_the_committed_author_weights_are_small_and_name_only_candidate_features() -> None:
    path = WEIGHTS_DIR / "authors.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    assert path.stat().st_size < 4_000
    assert record["cross_validated"]["grouped_by"].startswith("site")
    # Written only because it won on every fold over the rules.
    assert all(
        ours >= theirs
        for ours, theirs in zip(
            record["cross_validated"]["per_fold"],
            record["cross_validated"]["without_per_fold"],
            strict=True,
        )
    )
    weights = load_weights("authors")
    assert weights == {k: float(v) for k, v in record["weights"].items()}
    assert all(re.fullmatch(r"[a-z_]+", name) for name in weights)
    assert not any(part in name for name in weights for part in ("http", "www", ".com"))


def test_a_name_set_in_the_element_after_a_label_is_a_candidate() -> None:
    found = candidates(page(header="<div><p>Written by</p><p>Tracy Parker</p></div>"))
    assert "labelled_element" in found["Tracy Parker"]


def test_each_source_votes_once_for_the_same_set_of_names() -> None:
    html = page(
        '<meta name="author" content="Tracy Parker">',
        "<p class='byline'>By Tracy Parker</p>",
    )
    found = candidates(html)
    assert {"meta_author", "byline_class", "rule"} <= found["Tracy Parker"]


def test_the_sites_name_is_never_the_only_candidate() -> None:
    # Nothing names an author: the site's name is not offered, and nobody is the author.
    assert candidates(page()) == {}
    assert extract_article(page(), url=URL).authors == ()


def test_the_byline_the_metadata_agrees_with_is_the_choice() -> None:
    html = page(
        '<script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"}})
        + "</script>",
        "<p class='byline'>By Ann Lee</p>",
    )
    assert extract_article(html, url=URL).authors == ("Ann Lee",)


def test_several_authors_in_a_byline_are_all_kept() -> None:
    html = page(header="<p class='byline'>By Ann Lee and Bo Chan</p>")
    tree = lxml.html.document_fromstring(html)
    assert rule_authors(PageSignals.read(tree), tree, url=URL) == ("Ann Lee", "Bo Chan")
    assert extract_article(html, url=URL).authors == ("Ann Lee", "Bo Chan")


def test_a_byline_split_across_elements_without_spaces_is_read() -> None:
    # lxml joins "<span>By</span><span>Ann Lee</span>" as "ByAnn Lee": still a byline.
    html = page(header="<div><span>By</span><span>Ann Lee</span></div>")
    assert extract_article(html, url=URL).authors == ("Ann Lee",)


def test_author_sets_match_as_the_scorer_compares_them() -> None:
    assert same_authors("Ann Lee, Bo Chan", "bo chan and Ann  Lee")
    assert same_authors("By Ann Lee & Bo Chan", "Ann Lee; Bo Chan")
    assert not same_authors("Ann Lee", "Ann Lee, Bo Chan")
    assert not same_authors("", "")
