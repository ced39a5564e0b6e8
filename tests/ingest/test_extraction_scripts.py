"""Bodies that length and density rules written for spaced Latin text used to cut: scripts
without spaces between words, paragraphs separated by <br>, text split by framework comments."""

from __future__ import annotations

import re

import pytest

from gazette.ingest.extract import extract_article
from gazette.ingest.extraction.body import body_text

JAPANESE = [
    f"東京都は{n}日、湾岸地域の再開発計画について新たな方針を発表した。計画では住宅と商業施設を"
    "組み合わせ、防災機能を強化するとしている。関係者によると、工事は来年春に始まる予定だ。"
    for n in range(1, 8)
]
THAI = [
    f"กรุงเทพมหานครประกาศแผนปรับปรุงท่าเรือ ระยะที่ {n} โดยจะเริ่มก่อสร้างในปีหน้า"
    "และคาดว่าจะแล้วเสร็จภายในสามปี เจ้าหน้าที่กล่าวว่าโครงการนี้จะช่วยลดปัญหาน้ำท่วม"
    for n in range(1, 8)
]
CHINESE = [
    f"上海市政府{n}日宣布了港口改造计划，新的码头将在明年春季开工建设。官员表示，"
    "该项目将改善交通并减少洪水风险，预计三年内完成。"
    for n in range(1, 8)
]


def page(paragraphs: list[str], lang: str, headline: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<html lang='{lang}'><head><title>{headline} | 新聞</title></head><body>"
        "<nav><a href='/'>ホーム</a> <a href='/a'>政治</a> <a href='/b'>経済</a></nav>"
        f"<article><h1>{headline}</h1>{body}</article><footer>著作権 2026</footer></body></html>"
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("paragraphs", "lang"), [(JAPANESE, "ja"), (CHINESE, "zh"), (THAI, "th")])
def test_text_without_spaces_between_words_keeps_all_its_paragraphs(paragraphs, lang) -> None:
    article = extract_article(page(paragraphs, lang, "再開発計画"), url="https://news.example/a")
    text = squash(article.text)
    assert all(squash(paragraph) in text for paragraph in paragraphs)


def test_paragraphs_separated_by_br_keep_their_text_and_their_breaks() -> None:
    lines = [
        f"Paragraph {n}: the council met on Tuesday to discuss the harbour, and the mayor said "
        f"repairs to quay {n} would finish by spring."
        for n in range(1, 9)
    ]
    html = (
        "<html><head><title>Harbour works</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<div class='content'><h1>Harbour works</h1><div>{'<br><br>'.join(lines)}</div></div>"
        "</body></html>"
    )
    article = extract_article(html, url="https://news.example/b")
    for text in (article.text, body_text(article.body_html)):
        kept = [line.strip() for line in text.splitlines() if line.strip()]
        assert all(line in kept for line in lines), kept


def test_framework_comment_markers_do_not_cut_the_text_they_wrap() -> None:
    items = "".join(
        f"<li><strong><!--[-->Point {n}:<!--]--></strong> the harbour board will publish its "
        f"accounts for quarter {n} with every contract it signed during the repairs.</li>"
        for n in range(1, 7)
    )
    intro = (
        "<p>The harbour board met on Tuesday and agreed to publish every contract it signed "
        "during the repairs to the breakwater, after months of questions from the council.</p>"
    )
    html = (
        "<html><head><title>Board opens its books</title></head><body><article>"
        f"<h1>Board opens its books</h1><!--[-->{intro}<!--]--><ul>{items}</ul></article>"
        "</body></html>"
    )
    text = extract_article(html, url="https://news.example/c").text
    assert "agreed to publish every contract" in text
    assert all(f"Point {n}:" in text for n in range(1, 7))


def test_short_paragraphs_with_keyword_links_keep_their_text_and_their_links() -> None:
    """Japanese news links names and places inside short paragraphs; with links asked for,
    trafilatura's link-density pruning can drop such a paragraph. The body is read without
    links and the links are put back, so text and links both stay."""
    places = ["東京都", "大阪府", "横浜市", "神戸市", "福岡市", "札幌市", "仙台市"]
    sentences = [
        "の湾岸地域で、新たな再開発計画の方針が発表された。住宅と商業施設を組み合わせるという。",
        "では、防災機能を強化した岸壁の工事が来年春に始まる予定で、住民説明会も開かれる。",
        "の担当者によると、旧倉庫群は保存され、地域の歴史を伝える展示施設に生まれ変わる。",
        "でも、港を結ぶ新しい航路が検討されており、観光客の増加が見込まれている。",
        "の市長は記者会見で、財源の確保と環境への配慮を両立させる考えを示した。",
        "では、漁業関係者が工事期間中の操業への影響を心配する声を上げている。",
        "の大学の研究者は、海面上昇を見込んだ設計が欠かせないと指摘している。",
    ]
    paragraphs = [
        f"<a href='/tag/{n}'>{place}</a>{sentence[:4]}<a href='/topic/port'>港湾</a>{sentence[4:]}"
        for n, (place, sentence) in enumerate(zip(places, sentences, strict=True), start=1)
    ]
    html = (
        "<html lang='ja'><head><title>再開発計画 | 新聞</title></head><body>"
        "<nav><a href='/'>ホーム</a> <a href='/a'>政治</a></nav><article><h1>再開発計画</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    article = extract_article(html, url="https://news.example.jp/a/1")
    text = squash(article.text)
    for n, (place, sentence) in enumerate(zip(places, sentences, strict=True), start=1):
        assert squash(f"{place}{sentence[:4]}港湾{sentence[4:]}") in text
        assert f'href="https://news.example.jp/tag/{n}"' in article.body_html
    assert article.body_html.count('href="https://news.example.jp/topic/port"') == len(places)
