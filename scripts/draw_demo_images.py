"""Draw the demo outlets' pictures: one illustration per article, made here with Pillow from
the article's section and slug (no photograph, no download), so the demo's front page looks
like a newspaper's. Licence: CC0 1.0 (public domain dedication) by the Gazette project; the
outlet pages credit them as "Illustration: Gazette demo (CC0)".

    .venv/bin/python scripts/draw_demo_images.py        # writes data/<outlet>/images/*.jpg

The output is committed (small JPEGs, 800×450); the script is deterministic, so running it
again changes nothing unless the drawing changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazette.demo.outlets.drawing import draw  # noqa: E402
from gazette.demo.outlets.loader import DATA_DIR, outlets_load  # noqa: E402


def main() -> None:
    folders = sorted(path.name for path in DATA_DIR.iterdir() if (path / "outlet.toml").exists())
    written = 0
    for outlet in outlets_load(folders):
        target = DATA_DIR / outlet.slug / "images"
        target.mkdir(exist_ok=True)
        for article in outlet.articles:
            path = target / f"{article.slug}.jpg"
            draw(f"{outlet.slug}/{article.slug}", article.section).save(
                path, "JPEG", quality=62, optimize=True, progressive=True
            )
            written += 1
    print(f"{written} illustrations written under {DATA_DIR}/<outlet>/images/")


if __name__ == "__main__":
    main()
