"""Lead images as pages show them: a <picture> of our own stored copies (WebP with a JPEG
fallback, `srcset`/`sizes`), width and height set so nothing shifts, lazy below the fold.
Never the outlet's address: an article whose image is not stored yet shows none."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from gazette.articles.models import Article
from gazette.ingest.models import ImageFile


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    webp: list[tuple[str, int]]
    jpeg: list[tuple[str, int]]
    alt: str
    credit: str
    caption: str


def media_url(name: str) -> str:
    return settings.MEDIA_URL + name


def stored_image(article: Article) -> ImageFile | None:
    """The article's stored image (read with `select_related("stored_image")` by lists)."""
    try:
        image: ImageFile = article.stored_image
    except ImageFile.DoesNotExist:
        return None
    return image if image.state == ImageFile.State.STORED and image.renditions else None


def picture_of(article: Article) -> Picture | None:
    image = stored_image(article)
    if image is None:
        return None
    webp = [(media_url(str(r["name"])), int(r["width"])) for r in image.widths("webp")]
    jpeg = [(media_url(str(r["name"])), int(r["width"])) for r in image.widths("jpeg")]
    if not jpeg:
        return None
    return Picture(
        width=image.width,
        height=image.height,
        webp=webp,
        jpeg=jpeg,
        alt=article.image_alt,
        credit=article.image_credit,
        caption=article.image_caption,
    )


def _srcset(items: list[tuple[str, int]]) -> SafeString:
    return format_html_join(", ", "{} {}w", items)


def picture_html(
    article: Article,
    *,
    sizes: str,
    eager: bool = False,
    css: str = "",
    ratio: tuple[int, int] | None = None,
    default_width: int = 640,
) -> SafeString:
    """`<picture>` for the article's stored image, or '' without one. `ratio` crops by CSS
    (object-fit) to a fixed shape; width/height carry it so the box is reserved before load."""
    picture = picture_of(article)
    if picture is None:
        return SafeString("")
    width, height = picture.width, picture.height
    if ratio is not None:
        width, height = ratio[0] * 100, ratio[1] * 100
    fallback = min(picture.jpeg, key=lambda item: abs(item[1] - default_width))[0]
    source = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', _srcset(picture.webp), sizes
        )
        if picture.webp
        else ""
    )
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return format_html(
        '<picture class="{}">{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}" decoding="async" {}></picture>',
        css,
        source,
        fallback,
        _srcset(picture.jpeg),
        sizes,
        width,
        height,
        picture.alt,
        SafeString(loading),
    )
