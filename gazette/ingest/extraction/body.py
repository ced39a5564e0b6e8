"""The article body: trafilatura finds it, then its HTML is tidied into the structure Gazette keeps.

trafilatura reads the page with its default choices (`plain_trafilatura_body`: asking it for
links, images or formatting changes what it keeps, and its defaults won on every site-grouped
fold); the page's links, emphasis and figures are then put back. Tidying turns a caption
paragraph after an image into <figure>/<figcaption>, restores ordered lists (trafilatura writes
every list as <ul>), drops the repeated headline, makes links absolute, and leaves the rest to
the nh3 sanitiser.
"""

from __future__ import annotations

import copy
import re
from configparser import ConfigParser
from functools import cache
from itertools import islice
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import DEFAULT_CONFIG, use_config

from gazette.lib.html_clean import sanitize_article_html
from gazette.lib.urls import clean_web_url

BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
        "figure", "figcaption", "table", "thead", "tbody", "tr", "pre", "section", "article",
        "header", "footer", "dl", "dt", "dd", "hr",
    }
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})
_CAPTION_CLASS = re.compile(r"caption|credit|wp-caption-text", re.I)


# Letters of scripts that say in one character what Latin script says in two or three (kana,
# CJK ideographs, Hangul syllables).
_DENSE_LETTER = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# trafilatura's MIN_EXTRACTED_SIZE (250 characters), divided by that ratio for such pages.
DENSE_MIN_EXTRACTED_SIZE = 80


def _dense_script(tree: lxml.html.HtmlElement) -> bool:
    """Most of the letters in the page's first paragraphs are kana, ideographs or Hangul."""
    sample = "".join(p.text_content() for p in islice(tree.iter("p"), 80))[:4000]
    letters = sum(1 for char in sample if char.isalpha())
    return bool(letters) and len(_DENSE_LETTER.findall(sample)) >= 0.5 * letters


@cache
def _dense_config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(DENSE_MIN_EXTRACTED_SIZE))
    return config


def _config(tree: lxml.html.HtmlElement) -> ConfigParser:
    """trafilatura's settings for the page: a short Japanese, Chinese or Korean article is not
    "too short" by a threshold counted in Latin characters (below it, trafilatura falls back to
    a reading that runs every paragraph, the headline and links into one block)."""
    return _dense_config() if _dense_script(tree) else DEFAULT_CONFIG


def trafilatura_body(tree: lxml.html.HtmlElement, url: str) -> str:
    """trafilatura's body as HTML (it works on a copy of `tree`), or "" when it finds none."""
    found = trafilatura.extract(
        tree,
        config=_config(tree),
        url=url or None,
        output_format="html",
        include_links=True,
        include_images=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
    )
    return found or ""


def plain_trafilatura_body(tree: lxml.html.HtmlElement, url: str) -> str:
    """trafilatura's body read with its default choices (no links, images or formatting), as
    HTML, with the page's links and emphasis put back into the paragraphs it kept
    (`restore_inline`).

    Asking trafilatura for links, images or formatting changes what it keeps (its link-density
    pruning then drops paragraphs with several short links and keeps some link lists); with
    its defaults it keeps the text plain `trafilatura.extract()` keeps. Measured in
    docs/extraction.md: the default reading wins on every site-grouped fold.

    On a Japanese, Chinese or Korean page the links inside paragraphs that are mostly prose are
    unwrapped before trafilatura reads it: its link-density test deletes a paragraph under 30
    characters (60 for the last) holding two short links, a whole sentence in those scripts.
    """
    dense = _dense_script(tree)
    source = tree
    if dense:
        source = copy.deepcopy(tree)
        for paragraph in source.iter("p"):
            anchors = list(paragraph.iter("a"))
            linked = sum(len(anchor.text_content().strip()) for anchor in anchors)
            # Mostly prose: its links are names in a sentence. Mostly links (a byline, a list
            # of stories) stays as it is, for trafilatura to judge.
            if anchors and 2 * linked <= len(paragraph.text_content().strip()):
                for anchor in anchors:
                    anchor.drop_tag()
    found = trafilatura.extract(
        source,
        config=_dense_config() if dense else DEFAULT_CONFIG,
        url=url or None,
        output_format="html",
        include_links=False,
        include_images=False,
        include_formatting=False,
        include_comments=False,
        include_tables=True,
    )
    return restore_images(restore_inline(found, tree), tree) if found else ""


_OUTSIDE_ARTICLE = ("header", "nav", "footer", "aside")
_LINKED_BLOCKS = ("p", "li", "td", "th", "dd", "dt", "blockquote", "h2", "h3", "h4", "h5", "h6")


def _block_key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


# Inline markup a reader sees inside a paragraph; a page block holding any of it lends its
# markup to the body block with the same text.
_INLINE_MARKUP = ("a", "em", "strong", "i", "b", "code", "sub", "sup", "mark", "q", "cite", "abbr")
# Elements without text that must not come back with it (figures come back by restore_images).
_NOT_INLINE = ("img", "picture", "svg", "figure", "iframe", "video", "audio", "source", "button")


def restore_inline(body_html: str, page: lxml.html.HtmlElement) -> str:
    """Put the page's inline markup (links, emphasis, code) back into a body extracted without
    it: a body block whose text is the text of a page block takes that block's content. Same
    text means nothing but text-less elements can come along; those that are not inline markup
    are dropped here, the rest is left to the sanitiser."""
    marked: dict[str, lxml.html.HtmlElement] = {}
    # Menus and footers hold most of a page's links and none of its article.
    outside = {
        block for region in page.iter(*_OUTSIDE_ARTICLE) for block in region.iter(*_LINKED_BLOCKS)
    }
    for block in page.iter(*_LINKED_BLOCKS):
        if block in outside or next(block.iter(*_INLINE_MARKUP), None) is None:
            continue
        key = _block_key(block.text_content())
        if key and key not in marked:
            marked[key] = block
    if not marked:
        return body_html
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    changed = False
    for block in fragment.iter(*_LINKED_BLOCKS):
        if any(child.tag != "br" for child in block):
            continue  # it has markup of its own (or holds blocks): leave it
        source = marked.get(_block_key(block.text_content()))
        if source is None:
            continue
        content = copy.deepcopy(source)
        for element in list(content.iter(*_NOT_INLINE)):
            element.drop_tree()
        if content.text_content().split() != block.text_content().split():
            continue  # the same words, not only the same letters: the text must not change
        for child in list(block):
            block.remove(child)
        block.text = content.text
        for child in content:
            block.append(child)
        changed = True
    if not changed:
        return body_html
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return (fragment.text or "") + inner


def restore_images(body_html: str, page: lxml.html.HtmlElement) -> str:
    """Put the page's figures back into a body extracted without images: a figure (or an image
    outside one) that the page shows right before a block the body kept goes before that block
    (a block the body did not keep, or a headline, in between: the image is not the article's)."""
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    kept: dict[str, lxml.html.HtmlElement] = {}
    for block in fragment.iter(*_LINKED_BLOCKS):
        kept.setdefault(_block_key(block.text_content()), block)
    pending: list[lxml.html.HtmlElement] = []
    changed = False
    for element in page.iter(*_LINKED_BLOCKS, "h1", "figure", "img"):
        if element.tag in ("figure", "img"):
            ancestors = {a.tag for a in element.iterancestors()}
            if (element.tag == "img" and ("figure" in ancestors or not element.get("src"))) or (
                ancestors.intersection(_OUTSIDE_ARTICLE)
            ):
                continue
            if element.tag == "figure" and not element.xpath(".//img[@src]"):
                continue
            pending.append(element)
            continue
        if not pending:
            continue  # only a block right after an image needs its text read
        key = _block_key(element.text_content())
        if not key:
            continue
        target = kept.get(key) if element.tag != "h1" else None
        if target is not None and pending:
            for image in pending:
                copied = copy.deepcopy(image)
                copied.tail = None
                target.addprevious(copied)
            changed = True
        pending = []
    if not changed:
        return body_html
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return (fragment.text or "") + inner


def _ordered_list_keys(tree: lxml.html.HtmlElement) -> set[str]:
    """First-item texts of the page's ordered lists."""
    keys = set()
    for ordered in tree.iter("ol"):
        items = ordered.xpath("./li")
        if items:
            keys.add(" ".join(items[0].text_content().split()))
    return keys


def _wrap_figures(fragment: lxml.html.HtmlElement) -> None:
    """An image followed by a caption-classed paragraph becomes a <figure> with <figcaption>."""
    for image in list(fragment.iter("img")):
        holder = image.getparent()
        if holder is None or holder.tag == "figure":
            continue
        anchor = holder if holder.tag == "p" and not (holder.text or "").strip() else image
        caption = anchor.getnext()
        if (
            caption is None
            or caption.tag != "p"
            or not _CAPTION_CLASS.search(caption.get("class", ""))
        ):
            continue
        parent = anchor.getparent()
        if parent is None:
            continue
        figure = lxml.etree.Element("figure")
        parent.replace(anchor, figure)
        figure.append(image if anchor is image else anchor)
        if anchor is not image:
            anchor.drop_tag()
        figure.tail, image.tail = image.tail, None
        caption.tag = "figcaption"
        figure.append(caption)
        figure.tail = (figure.tail or "") + (caption.tail or "")
        caption.tail = None


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _drop_standfirst(fragment: lxml.html.HtmlElement, standfirst: str) -> str:
    """Drop a leading paragraph that repeats the standfirst (Gazette shows it on its own).

    Returns the paragraph's text, "" when the body did not open with the standfirst.
    """
    wanted = _squash(standfirst)
    if len(wanted) < 40:
        return ""
    for block in list(fragment)[:2]:
        text = _squash(block.text_content())
        if text and (text == wanted or (len(text) >= 40 and text in wanted)):
            shown = " ".join(block.text_content().split())
            block.drop_tree()
            return shown
    return ""


def _image_file(address: str) -> str:
    return urlsplit(address).path.rstrip("/").rsplit("/", 1)[-1]


def _drop_lead_figure(fragment: lxml.html.HtmlElement, lead_image: str, base_url: str) -> None:
    """Drop the body's first image when it is the lead image (Gazette shows that above the body,
    with its caption): with its <figure>, or the paragraph holding nothing else."""
    wanted = _image_file(lead_image)
    image = next(fragment.iter("img"), None)
    if not wanted or image is None:
        return
    if _image_file(urljoin(base_url, image.get("src", ""))) != wanted:
        return
    holder = image
    for ancestor in image.iterancestors():
        if ancestor is fragment or ancestor.tag not in ("figure", "p", "a", "picture", "div"):
            break
        if ancestor.tag == "figure":
            # A gallery's other images stay.
            holder = ancestor if len(ancestor.xpath(".//img")) == 1 else holder
            break
        others = [e for e in ancestor.iter() if e is not ancestor and e.tag not in ("a", "img")]
        if others or ancestor.text_content().strip():
            break
        holder = ancestor
    holder.drop_tree()


def tidy_body(
    body_html: str,
    *,
    title: str,
    base_url: str,
    page: lxml.html.HtmlElement,
    standfirst: str = "",
    lead_image: str = "",
) -> tuple[str, str]:
    """trafilatura's HTML made into Gazette's article HTML (structure kept, then sanitised).

    Also returns the standfirst as the page showed it when the body opened with it (it is
    then dropped from the body), else "". The body's first image is dropped when it is the
    `lead_image`, which is shown once, with its caption, above the body.
    """
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for wrapper in fragment.xpath(".//body | .//html"):
        wrapper.drop_tag()
    ordered_keys = _ordered_list_keys(page)
    for listing in fragment.iter("ul"):
        items = listing.xpath("./li")
        if items and " ".join(items[0].text_content().split()) in ordered_keys:
            listing.tag = "ol"
    for index, heading in enumerate(fragment.xpath(".//h1")):
        if index == 0 and " ".join(heading.text_content().split()) == " ".join(title.split()):
            heading.drop_tree()
        else:
            heading.tag = "h2"
    _wrap_figures(fragment)
    _drop_lead_figure(fragment, lead_image, base_url)
    shown_standfirst = _drop_standfirst(fragment, standfirst)
    for element in fragment.xpath(".//a[@href] | .//img[@src]"):
        attr = "href" if element.tag == "a" else "src"
        value = element.get(attr, "").strip()
        if attr == "href" and value.lower().startswith("mailto:"):
            continue  # the sanitiser keeps mailto links; every other link must be http(s)
        address = clean_web_url(value, base=base_url)
        if address:
            element.set(attr, address)
        elif element.tag == "img":
            element.drop_tree()  # an image without a usable address shows nothing
        else:
            del element.attrib[attr]
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return sanitize_article_html((fragment.text or "") + inner), shown_standfirst


def body_text(body_html: str, *, captions: bool = True) -> str:
    """Plain text of article HTML: a line per block, cells and line breaks kept apart."""
    if not body_html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    pieces: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "figcaption" and not captions:
            pieces.append("\n")
        else:
            block = tag in BLOCK_TAGS
            if block or tag == "br":
                pieces.append("\n")
            elif tag in CELL_TAGS:
                pieces.append(" ")
            if tag:
                pieces.append(element.text or "")
                for child in element:
                    walk(child)
            if block:
                pieces.append("\n")
            elif tag in CELL_TAGS:
                pieces.append(" ")
        pieces.append(element.tail or "")

    pieces.append(fragment.text or "")
    for child in fragment:
        walk(child)
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)
