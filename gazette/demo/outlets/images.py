"""The demo outlets' pictures: drawn PNGs for the <img> elements in article bodies (drawn
when asked for), and one drawn illustration per article (`scripts/draw_demo_images.py`,
CC0, committed under data/<outlet>/images/), offered as the page's og:image where the page
names none."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from html import escape
from pathlib import Path

from .drawing import draw
from .model import Outlet, OutletArticle

DATA_DIR = Path(__file__).resolve().parent / "data"
DRAWN_PREFIX = "/images/drawn/"
DRAWN_CREDIT = "Illustration: Gazette demo (CC0)"

IMAGE_SRC = re.compile(r'<img[^>]*\ssrc="(/[^"]+\.png)"')
WIDTH, HEIGHT = 960, 540


def image_paths(body_html: str) -> list[str]:
    return IMAGE_SRC.findall(body_html)


@lru_cache(maxsize=64)
def placeholder_png(path: str) -> bytes:
    """The picture at `path` in an article body: an illustration drawn from the path
    (`drawing.draw`), so each looks different but stays the same."""
    out = io.BytesIO()
    draw(path, "news", (WIDTH, HEIGHT)).save(out, "PNG", optimize=True)
    return out.getvalue()


def drawn_image_path(outlet: Outlet, slug: str) -> Path:
    return DATA_DIR / outlet.slug / "images" / f"{slug}.jpg"


def drawn_image_file(outlet: Outlet, path: str) -> bytes | None:
    """The bytes of /images/drawn/<slug>.jpg, or None."""
    if not path.startswith(DRAWN_PREFIX) or not path.endswith(".jpg"):
        return None
    slug = path[len(DRAWN_PREFIX) : -len(".jpg")]
    if not any(article.slug == slug for article in outlet.articles):
        return None
    file = drawn_image_path(outlet, slug)
    return file.read_bytes() if file.is_file() else None


def _scene(section: str) -> str:
    """What scripts/draw_demo_images.py draws for a section, in words (the alt text)."""
    kind = section.lower()
    if any(word in kind for word in ("sport", "local", "lokal", "region", "chronik")):
        return "green hills and a meadow under an open sky"
    if any(word in kind for word in ("science", "wissen", "environment", "umwelt")):
        return "stars over a dark range of hills"
    if any(word in kind for word in ("business", "econom", "wirtschaft", "money")):
        return "an office skyline with lit windows above the water"
    return "a harbour town with lit windows between hills and the sea"


def with_drawn_image(page: str, article: OutletArticle, base: str, language: str = "en") -> str:
    """The article page with its drawn illustration as og:image (alt text and credit stated),
    unless the page already names an image."""
    if 'property="og:image"' in page or "</head>" not in page:
        return page
    url = f"{base}{DRAWN_PREFIX}{article.slug}.jpg"
    alt = f"Drawn illustration: {_scene(article.section)}"
    tags = f'<meta property="og:image" content="{escape(url)}" />\n'
    # The description is English: an outlet in another language states none (its text would
    # be one more sentence for the demo's translation memory to know).
    if language == "en":
        tags += f'<meta property="og:image:alt" content="{escape(alt)}" />\n'
    tags += f'<meta name="image:credit" content="{escape(DRAWN_CREDIT)}" />\n'
    return page.replace("</head>", tags + "</head>", 1)
