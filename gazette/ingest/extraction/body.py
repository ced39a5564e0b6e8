"""The article body: trafilatura finds it, then its HTML is tidied into the structure Gazette keeps.

Tidying turns a caption paragraph after an image into <figure>/<figcaption>, restores ordered
lists (trafilatura writes every list as <ul>), drops the repeated headline, makes links absolute,
and leaves the rest to the nh3 sanitiser.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

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


def trafilatura_body(tree: lxml.html.HtmlElement, url: str) -> str:
    """trafilatura's body as HTML (it works on a copy of `tree`), or "" when it finds none."""
    found = trafilatura.extract(
        tree,
        url=url or None,
        output_format="html",
        include_links=True,
        include_images=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
    )
    return found or ""


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
