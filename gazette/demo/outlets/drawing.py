"""The demo's illustrations, drawn with Pillow from a seed and a section: sky, sun or stars,
hills, a town and the sea. No photograph, nothing downloaded; the same seed draws the same
picture. Used by scripts/draw_demo_images.py (the committed JPEGs) and by the demo outlets
for the pictures inside article bodies. Licence of the output: CC0 1.0."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 800, 450
PALETTES: dict[str, list[Any]] = {
    "sky": [((32, 64, 112), (230, 170, 120)), ((20, 40, 70), (120, 160, 200)),
            ((70, 110, 160), (210, 225, 235)), ((40, 30, 70), (240, 140, 90))],
    "land": [(46, 74, 58), (88, 96, 64), (60, 70, 80), (110, 100, 80)],
    "sea": [(24, 70, 110), (30, 90, 120), (20, 55, 85)],
}  # fmt: skip


def _gradient(draw: ImageDraw.ImageDraw, top: tuple[int, ...], bottom: tuple[int, ...]) -> None:
    for y in range(HEIGHT):
        t = y / HEIGHT
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def _skyline(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, colour: tuple) -> None:
    x = -10
    while x < WIDTH:
        w, h = rng.randint(30, 90), rng.randint(40, 190)
        draw.rectangle([x, base - h, x + w, HEIGHT], fill=colour)
        if rng.random() < 0.3:  # a spire or a crane
            draw.polygon([(x + w // 2 - 6, base - h), (x + w // 2, base - h - 40),
                          (x + w // 2 + 6, base - h)], fill=colour)  # fmt: skip
        for wy in range(base - h + 10, base - 10, 18):  # lit windows
            for wx in range(x + 6, x + w - 8, 14):
                if rng.random() < 0.35:
                    draw.rectangle([wx, wy, wx + 5, wy + 8], fill=(250, 215, 140))
        x += w + rng.randint(0, 12)


def _hills(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, colour: tuple) -> None:
    points = [(0, HEIGHT), (0, base)]
    for x in range(0, WIDTH + 80, 80):
        points.append((x, base - rng.randint(0, 110)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def _sea(draw: ImageDraw.ImageDraw, rng: random.Random, top: int, colour: tuple) -> None:
    draw.rectangle([0, top, WIDTH, HEIGHT], fill=colour)
    light = tuple(min(255, c + 50) for c in colour)
    for y in range(top + 8, HEIGHT, 14):
        for x in range(rng.randint(0, 40), WIDTH, rng.randint(60, 120)):
            draw.arc([x, y, x + 40, y + 10], 200, 340, fill=light, width=2)


def _sun(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    x, y, r = rng.randint(80, WIDTH - 80), rng.randint(50, 160), rng.randint(26, 48)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 226, 160))


def draw(seed: str, section: str, size: tuple[int, int] = (800, 450)) -> Image.Image:
    rng = random.Random(hashlib.sha256(seed.encode()).digest())  # noqa: S311  (a drawing)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    _gradient(pen, *rng.choice(PALETTES["sky"]))
    _sun(pen, rng)
    kind = section.lower()
    if any(word in kind for word in ("sport", "local", "lokal", "region", "chronik")):
        _hills(pen, rng, int(HEIGHT * 0.62), rng.choice(PALETTES["land"]))
        pen.rectangle([0, int(HEIGHT * 0.8), WIDTH, HEIGHT], fill=(70, 120, 70))
    elif any(word in kind for word in ("science", "wissen", "environment", "umwelt")):
        for _ in range(60):  # stars over a dark horizon
            x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT // 2)
            pen.ellipse([x, y, x + 3, y + 3], fill=(255, 255, 240))
        _hills(pen, rng, int(HEIGHT * 0.7), (30, 40, 50))
    elif any(word in kind for word in ("business", "econom", "wirtschaft", "money")):
        _skyline(pen, rng, int(HEIGHT * 0.78), (40, 44, 60))
        _sea(pen, rng, int(HEIGHT * 0.78), rng.choice(PALETTES["sea"]))
    else:  # news, politics, world: a harbour town
        _hills(pen, rng, int(HEIGHT * 0.55), rng.choice(PALETTES["land"]))
        _skyline(pen, rng, int(HEIGHT * 0.72), (50, 52, 66))
        _sea(pen, rng, int(HEIGHT * 0.72), rng.choice(PALETTES["sea"]))
    image = image.filter(ImageFilter.SMOOTH)
    return image if image.size == size else image.resize(size, Image.Resampling.LANCZOS)
