"""The body chooser between Gazette's reading of a page and plain trafilatura's."""

from __future__ import annotations

import re

import lxml.html
import pytest

from gazette.ingest.extraction import bodychoice
from gazette.ingest.extraction.body import body_text, plain_trafilatura_body
from gazette.ingest.extraction.bodychoice import (
    Gate,
    choose_body,
    html_blocks,
    link_density,
    pair_features,
    tokens,
)

ALWAYS = Gate(link_density=0.0, words=10**9)
NEVER = Gate(link_density=2.0, words=0)

PROSE = [
    f"Paragraph {n}: the harbour board met on Tuesday and agreed to publish every contract it "
    f"signed during the repairs to quay {n}, after months of questions from the council."
    for n in range(1, 7)
]


def page(body: str, lang: str = "en") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html lang='{lang}'><head><title>Harbour works</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour works</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


def test_letters_of_scripts_without_spaces_are_words_of_their_own() -> None:
    assert tokens("東京都は発表した") == list("東京都は発表した")
    assert tokens("กรุงเทพ") == list("กรุงเทพ")
    assert tokens("The mayor, said: yes") == ["The", "mayor", "said", "yes"]


def test_a_japanese_body_and_its_half_differ_as_much_as_a_spaced_one_and_its_half() -> None:
    japanese = "。".join(
        f"東京都は{n}日、湾岸地域の再開発計画について新たな方針を発表した" for n in range(8)
    )
    english = " ".join(PROSE)
    for text in (japanese, english):
        features = pair_features(text, text[: len(text) // 2])
        assert features["second_in_first"] == pytest.approx(1.0, abs=0.05)
        assert 0.4 < features["first_in_second"] < 0.6
        assert features["log_length_ratio"] < -0.5


def test_text_only_the_first_candidate_holds_is_measured_with_its_links() -> None:
    related = (
        "<ul>"
        + "".join(
            f"<li><a href='/story/{n}'>Another story about the harbour number {n}</a></li>"
            for n in range(6)
        )
        + "</ul>"
    )
    first_html = "".join(f"<p>{text}</p>" for text in PROSE) + related
    blocks = html_blocks(first_html)
    assert len(blocks) == len(PROSE) + 6
    assert 0.1 < link_density(blocks) < 0.5
    features = pair_features(body_text(first_html), "\n".join(PROSE), blocks)
    assert features["extra_link_density"] == pytest.approx(1.0)
    assert 0.1 < features["extra_share"] < 0.5
    # The same extra blocks without links: text the second candidate lost, not boilerplate.
    plain_extra = first_html.replace("<a href", "<span data-href").replace("</a>", "</span>")
    features = pair_features(body_text(plain_extra), "\n".join(PROSE), html_blocks(plain_extra))
    assert features["extra_link_density"] == 0.0


def test_without_adopted_weights_the_body_is_read_without_links_in_one_run(monkeypatch) -> None:
    tree = page("".join(f"<p>{text}</p>" for text in PROSE))
    calls: list[tuple[object, ...]] = []

    def counted(*args: object) -> str:
        calls.append(args)
        return ""

    monkeypatch.setattr("gazette.ingest.extraction.body.trafilatura_body", counted)
    choice = choose_body(tree, "https://news.example/a", weights={}, gate=ALWAYS)
    assert choice.html == plain_trafilatura_body(tree, "https://news.example/a")
    assert all(text in body_text(choice.html) for text in PROSE)
    assert not choice.second_computed and not calls


def test_links_are_put_back_into_a_body_read_without_them() -> None:
    tree = page(
        "".join(f"<p>{text}</p>" for text in PROSE)
        + "<p>See the <a href='/timetable'>timetable</a> for the new <b>ferry</b> times, "
        "and <a href='/map'>the map</a> of the quays that reopen this spring.</p>"
    )
    html = plain_trafilatura_body(tree, "https://news.example/a")
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    links = {" ".join(a.text_content().split()): a.get("href") for a in body.iter("a")}
    assert links == {"timetable": "/timetable", "the map": "/map"}
    assert "See the timetable for the new ferry times" in body_text(html)


def test_the_second_candidate_is_computed_only_for_a_doubtful_first(monkeypatch) -> None:
    tree = page("".join(f"<p>{text}</p>" for text in PROSE))
    choice = choose_body(tree, "https://news.example/a", weights={"bias": 1.0}, gate=NEVER)
    assert not choice.second_computed and not choice.chose_second
    choice = choose_body(tree, "https://news.example/a", weights={"bias": 1.0}, gate=ALWAYS)
    assert choice.second_computed and choice.chose_second
    assert choice.html == plain_trafilatura_body(tree, "https://news.example/a")
    choice = choose_body(tree, "https://news.example/a", weights={"bias": -1.0}, gate=ALWAYS)
    assert choice.second_computed and not choice.chose_second


JAPANESE = [
    f"東京都は{n}日、湾岸地域の再開発計画について新たな方針を発表した。計画では住宅と商業施設を"
    "組み合わせ、防災機能を強化するとしている。"
    for n in range(1, 8)
]
THAI = [
    f"กรุงเทพมหานครประกาศแผนปรับปรุงท่าเรือ ระยะที่ {n} โดยจะเริ่มก่อสร้างในปีหน้าและคาดว่าจะแล้วเสร็จภายในสามปี"
    for n in range(1, 8)
]


@pytest.mark.parametrize(
    ("body", "lang", "paragraphs"),
    [
        ("".join(f"<p>{t}</p>" for t in JAPANESE), "ja", JAPANESE),
        ("<div class='text'>" + "<br><br>".join(JAPANESE) + "</div>", "ja", JAPANESE),
        ("".join(f"<p>{t}</p>" for t in THAI), "th", THAI),
        ("<p>" + "<br>".join(PROSE) + "</p>", "en", PROSE),
    ],
    ids=["japanese", "japanese-br", "thai", "english-br"],
)
@pytest.mark.parametrize("weight", [1.0, -1.0], ids=["plain", "gazette"])
def test_either_candidate_keeps_unspaced_scripts_and_br_paragraphs(
    body: str, lang: str, paragraphs: list[str], weight: float
) -> None:
    tree = page(body, lang)
    choice = choose_body(tree, "https://news.example/a", weights={"bias": weight}, gate=ALWAYS)
    text = re.sub(r"\s+", "", body_text(choice.html))
    assert all(re.sub(r"\s+", "", paragraph) in text for paragraph in paragraphs)


def test_committed_weights_are_read_only_when_adopted(tmp_path, monkeypatch) -> None:
    path = tmp_path / "body.json"
    monkeypatch.setattr(bodychoice, "WEIGHTS_PATH", path)
    bodychoice.load_body_weights.cache_clear()
    bodychoice.load_body_gate.cache_clear()
    try:
        path.write_text('{"adopted": false, "weights": {"bias": 1}}')
        assert bodychoice.load_body_weights() == {}
        bodychoice.load_body_weights.cache_clear()
        path.write_text(
            '{"adopted": true, "weights": {"bias": 1}, "gate": {"link_density": 0.2, "words": 5}}'
        )
        assert bodychoice.load_body_weights() == {"bias": 1.0}
        assert bodychoice.load_body_gate() == Gate(link_density=0.2, words=5)
    finally:
        bodychoice.load_body_weights.cache_clear()
        bodychoice.load_body_gate.cache_clear()


def test_text_only_the_second_candidate_holds_is_looked_up_in_the_pages_links() -> None:
    comments = "".join(
        f"<li><a href='/user/{n}'>Reader number {n} wrote a comment</a></li>" for n in range(4)
    )
    tree = page("".join(f"<p>{text}</p>" for text in PROSE) + f"<ul>{comments}</ul>")
    first = "\n".join(PROSE)
    second = first + "\n" + "\n".join(f"Reader number {n} wrote a comment" for n in range(4))
    features = pair_features(first, second, None, bodychoice.page_links(tree))
    assert features["second_extra_link_density"] == pytest.approx(1.0)
    assert 0.1 < features["second_extra_share"] < 0.4
    # Lost prose (no links on the page) reads as such.
    lost = [
        "Engineers found cracks in four pillars during the winter survey of the old pier.",
        "Fishermen asked whether the northern slipway would stay open while crews worked.",
    ]
    tree = page("".join(f"<p>{text}</p>" for text in [PROSE[0], *lost]))
    features = pair_features(
        PROSE[0], "\n".join([PROSE[0], *lost]), None, bodychoice.page_links(tree)
    )
    assert features["second_extra_link_density"] == 0.0
    assert features["second_extra_share"] > 0.4


def test_figures_between_kept_paragraphs_are_put_back_and_a_header_logo_is_not() -> None:
    figure = (
        "<figure><img src='/img/quay.jpg' alt='The new quay'>"
        "<figcaption>The new quay at dawn.</figcaption></figure>"
    )
    tree = lxml.html.document_fromstring(
        "<html><head><title>Harbour works</title></head><body>"
        "<header><img src='/logo.png' alt='Logo'><a href='/'>Home</a></header>"
        "<article><h1>Harbour works</h1>"
        + "".join(f"<p>{text}</p>" for text in PROSE[:3])
        + figure
        + "".join(f"<p>{text}</p>" for text in PROSE[3:])
        + "</article></body></html>"
    )
    html = plain_trafilatura_body(tree, "https://news.example/a")
    assert "quay.jpg" in html and "logo.png" not in html
    assert html.index("quay.jpg") < html.index("Paragraph 4") and html.index(
        "Paragraph 3"
    ) < html.index("quay.jpg")


def test_links_and_emphasis_come_back_where_the_words_are_the_same() -> None:
    marked = (
        'The council, <em>after a long night</em>, approved the <a href="/plan">harbour plan'
        "</a> by <strong>eleven votes to four</strong>, and the mayor called it a fresh start."
    )
    spaced = "The port's   new <em>quay</em> opens in spring,\n    weeks later than planned."
    tree = page("".join(f"<p>{text}</p>" for text in PROSE) + f"<p>{marked}</p><p>{spaced}</p>")
    body = plain_trafilatura_body(tree, "https://news.example/a")
    assert "<em>after a long night</em>" in body
    assert '<a href="/plan">harbour plan</a>' in body
    assert "<strong>eleven votes to four</strong>" in body
    # The words of the body are the page's, whatever markup came back with them.
    assert all(text in body_text(body) for text in PROSE)
    assert "new quay opens in spring" in " ".join(body_text(body).split())
