"""The page's own statements about itself: JSON-LD, <meta> (OpenGraph, Dublin Core, …), microdata.

`PageSignals.read(tree)` collects them once; the title, author and date rules then weigh them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import lxml.html

from gazette.lib.urls import clean_web_url

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "report", "reportagenewsarticle",
        "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
        "techarticle", "scholarlyarticle", "liveblogposting", "socialmediaposting", "posting",
        "medicalscholarlyarticle", "satiricalarticle", "advertisertcontentarticle", "review",
        "howto", "recipe",
    }
)  # fmt: skip
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "medicalwebpage", "collectionpage"})
_TRAILING_COMMA = re.compile(r",\s*([\]}])")


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(kind).rsplit("/", 1)[-1].lower() for kind in kinds}


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:
        # Hand-written JSON-LD often has trailing commas; nothing else is worth repairing.
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
    except ValueError:
        return None


def text_of(value: Any) -> str:
    """A JSON-LD value as one clean string (first of a list, @value or name of an object)."""
    if isinstance(value, list):
        return next((t for t in (text_of(v) for v in value) if t), "")
    if isinstance(value, dict):
        return text_of(value.get("@value") or value.get("name") or "")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        # JSON-LD strings are often HTML-escaped twice ("&amp;#8217;") by the CMS.
        return " ".join(unescape(unescape(str(value))).split())
    return ""


@dataclass
class PageSignals:
    """Structured statements found on one page."""

    json_ld: list[dict[str, Any]] = field(default_factory=list)
    ld_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, list[str]] = field(default_factory=dict)
    itemprops: dict[str, list[lxml.html.HtmlElement]] = field(default_factory=dict)

    @classmethod
    def read(cls, tree: lxml.html.HtmlElement) -> PageSignals:
        signals = cls()
        for script in tree.iter("script"):
            kind = (script.get("type") or "").lower()
            if "ld+json" in kind and script.text:
                signals._add_json_ld(_load_json(script.text))
        for element in tree.iter("meta"):
            content = element.get("content")
            if content is None or not content.strip():
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = element.get(attr)
                if key:
                    signals.meta.setdefault(key.strip().lower(), []).append(
                        " ".join(unescape(content).split())
                    )
        for element in tree.xpath("//*[@itemprop]"):
            for prop in str(element.get("itemprop")).split():
                signals.itemprops.setdefault(prop.lower(), []).append(element)
        return signals

    def _add_json_ld(self, data: Any) -> None:
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(
                        reversed(
                            item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]
                        )
                    )
                if "@type" in item:
                    self.json_ld.append(item)
                    if isinstance(item.get("@id"), str) and len(item) > 1:
                        self.ld_by_id.setdefault(item["@id"], item)
                for key in ("mainEntity", "itemListElement", "hasPart"):
                    if isinstance(item.get(key), dict | list):
                        stack.append(item[key])

    def resolve(self, value: Any) -> Any:
        """Follow a JSON-LD {"@id": …} reference to the node it names, when the page has it."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.ld_by_id.get(str(value["@id"]), value)
        return value

    def articles(self) -> list[dict[str, Any]]:
        """Article-like JSON-LD nodes, those with a headline first, then plain web pages."""
        articles = [node for node in self.json_ld if _types(node) & ARTICLE_TYPES]
        articles.sort(key=lambda node: not node.get("headline"))
        pages = [node for node in self.json_ld if _types(node) & PAGE_TYPES]
        return articles + pages

    def ld_values(self, key: str, *, pages: bool = True) -> list[Any]:
        """`key` of the article nodes, best first (and of web pages unless `pages` is false)."""
        nodes = self.articles()
        if not pages:
            nodes = [node for node in nodes if not _types(node) & PAGE_TYPES]
        return [self.resolve(node[key]) for node in nodes if node.get(key)]

    def first_meta(self, *names: str) -> str:
        for name in names:
            for value in self.meta.get(name, []):
                if value:
                    return value
        return ""

    def site_names(self, url: str) -> list[str]:
        """Names the site goes by: og:site_name, the publisher, the application, the domain."""
        names = [*self.meta.get("og:site_name", []), *self.meta.get("application-name", [])]
        names += [text_of(self.resolve(v)) for v in self.ld_values("publisher")]
        names += [
            text_of(node.get("name"))
            for node in self.json_ld
            if _types(node) & {"website", "organization", "newsmediaorganization"}
        ]
        host = re.sub(r"^www\d?\.", "", (re.findall(r"//([^/:]+)", url) or [""])[0].lower())
        if host:
            names += [host, host.split(".")[0]]
        return [name for name in dict.fromkeys(n.strip() for n in names) if name]


@dataclass(frozen=True)
class LeadImage:
    url: str = ""
    caption: str = ""
    credit: str = ""
    alt: str = ""


# A credit written at the end of a caption: "… in February. Photograph: Harbour Courier",
# "Foto: dpa", "© Reuters", "Photo by Ana Ruiz".
_CAPTION_CREDIT = re.compile(
    r"(?:^|(?<=[\s.;,|(\[–—-]))"
    r"(?P<credit>(?:(?:photo(?:graph)?s?|pictures?|images?|fotos?|bild(?:er)?|credits?)"
    r"\s*(?::|by\b)|©|\(c\))\s*(?P<name>[^:©]{1,100}?))[\s.)\]]*$",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:photo(?:graph)?s?|pictures?|images?|fotos?|bild(?:er)?|credits?)\s*(?::|by\b)"
    r"|©|\(c\))\s*",
    re.I,
)


def split_caption_credit(caption: str) -> tuple[str, str]:
    """A caption's text and the credit written at its end ("Photograph: X" gives "X"), if any."""
    found = _CAPTION_CREDIT.search(caption)
    if found is None:
        return caption, ""
    name = found.group("name").strip(" .,;")
    if not name:
        return caption, ""
    return caption[: found.start("credit")].rstrip(" |–—-(["), name


def credit_name(credit: str) -> str:
    """The credit without the label a page writes before it ("Photo: Ana Ruiz" is "Ana Ruiz")."""
    return _CREDIT_LABEL.sub("", " ".join(credit.split())).strip(" .,;") or credit.strip()


def lead_image(signals: PageSignals, tree: lxml.html.HtmlElement, base_url: str) -> LeadImage:
    """The article's lead image: JSON-LD image or og:image, with a caption, credit and alt text
    if stated: the caption without its credit, the credit without its label ("Photo:")."""
    url, caption, credit, alt = "", "", "", ""
    for value in signals.ld_values("image", pages=False):
        node = signals.resolve(value[0] if isinstance(value, list) and value else value)
        if isinstance(node, dict):
            url = text_of(node.get("url") or node.get("contentUrl"))
            caption = text_of(node.get("caption") or node.get("description"))
            credit = text_of(
                node.get("creditText") or node.get("copyrightHolder") or node.get("author")
            )
        elif isinstance(node, str):
            url = node
        if url:
            break
    url = url or signals.first_meta(
        "og:image", "og:image:url", "twitter:image", "twitter:image:src"
    )
    # og:image and JSON-LD are the page's own say: only an absolute http(s) URL is kept.
    url = clean_web_url(url, base=base_url)
    if not url:
        return LeadImage()
    stated_alt = signals.first_meta("og:image:alt", "twitter:image:alt")
    caption = caption or stated_alt
    # The <img> on the page showing the same file has the alt text; its <figure> often carries
    # the caption and credit.
    name = url.rsplit("/", 1)[-1].split("?")[0]
    for image in tree.iter("img"):
        source = image.get("src") or image.get("data-src") or ""
        if not name or name not in source:
            continue
        alt = " ".join((image.get("alt") or "").split())
        figure = next((a for a in image.iterancestors() if a.tag == "figure"), None)
        if figure is None or (caption and credit):
            break
        captions = figure.xpath(".//figcaption")
        if captions:
            text = " ".join(captions[0].text_content().split())
            credits = captions[0].xpath(
                './/*[contains(@class, "credit") or contains(@class, "copyright")]'
            )
            found_credit = " ".join(credits[0].text_content().split()) if credits else ""
            if found_credit:
                text = text.replace(found_credit, "").strip()
            caption = caption or text
            credit = credit or found_credit
        break
    caption, written_credit = split_caption_credit(caption)
    credit = credit_name(credit or written_credit)
    return LeadImage(url=url, caption=caption, credit=credit, alt=alt or stated_alt)


def page_language(signals: PageSignals, tree: lxml.html.HtmlElement) -> str:
    """The page's language as a two- or three-letter code, or "" when it says none."""
    candidates = [
        tree.get("lang") or tree.get("xml:lang") or "",
        text_of(next(iter(signals.ld_values("inLanguage")), "")),
        signals.first_meta("og:locale", "content-language", "language", "dc.language"),
    ]
    for value in candidates:
        code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return ""
