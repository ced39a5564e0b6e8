"""Placeholder photographs: flat-coloured PNGs for the <img> elements in article bodies."""

from __future__ import annotations

import re
import struct
import zlib
from functools import lru_cache
from hashlib import sha256

IMAGE_SRC = re.compile(r'<img[^>]*\ssrc="(/[^"]+\.png)"')
WIDTH, HEIGHT = 960, 540


def image_paths(body_html: str) -> list[str]:
    return IMAGE_SRC.findall(body_html)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@lru_cache(maxsize=64)
def placeholder_png(path: str) -> bytes:
    """A muted colour derived from the path, so each picture looks different but stable."""
    red, green, blue = (64 + byte // 2 for byte in sha256(path.encode()).digest()[:3])
    row = b"\x00" + bytes((red, green, blue)) * WIDTH
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * HEIGHT, 9))
        + _chunk(b"IEND", b"")
    )
