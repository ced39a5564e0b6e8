"""Bytes of a listing made readable before any format sniffs them: gzip undone, UTF-16/32 recoded.

Large sitemaps are served as `sitemap.xml.gz`, often as `application/octet-stream` and without
`Content-Encoding`, so the gzip magic bytes (1f 8b) decide, not the header or the file name.
Feeds written in UTF-16 or UTF-32 (a byte order mark, or an XML declaration in those encodings)
are recoded to UTF-8 with the declaration rewritten, so every reader sees one encoding.
"""

from __future__ import annotations

import re
import zlib

from gazette.ingest.formats.base import ListingError

GZIP_MAGIC = b"\x1f\x8b"
# The sitemap protocol caps a sitemap at 50 MB uncompressed; a bigger one is a bomb or a dump.
MAX_INFLATED_BYTES = 52_428_800
MAX_GZIP_LAYERS = 2

# Byte order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# "<" (or "<?") in each wide encoding, for documents without a byte order mark.
_WIDE_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_DECLARED_WIDE = re.compile(
    rb"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])(utf-?(?:16|32)[^"']*)""", re.I
)
_DECLARATION_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])([^"']*)""", re.I)


def gunzip(body: bytes) -> bytes:
    """`body` inflated while it starts with the gzip magic bytes, up to MAX_INFLATED_BYTES."""
    for _ in range(MAX_GZIP_LAYERS):
        if not body.startswith(GZIP_MAGIC):
            return body
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            inflated = inflater.decompress(body, MAX_INFLATED_BYTES + 1)
        except zlib.error as exc:
            raise ListingError(
                f"broken gzip data: {exc}; the file starts like a gzip archive "
                "(sitemap.xml.gz) but cannot be unpacked"
            ) from exc
        if len(inflated) > MAX_INFLATED_BYTES or inflater.unconsumed_tail:
            raise ListingError(
                f"refused: the gzip data unpacks to over {MAX_INFLATED_BYTES:,} bytes, more than "
                "a sitemap may hold (50 MB); split it into a sitemap index"
            )
        if not inflated and not inflater.eof:
            raise ListingError(
                "broken gzip data: it ends before any content; the file starts like a gzip "
                "archive (sitemap.xml.gz) but is cut short or damaged"
            )
        body = inflated
    return body


def wide_encoding(body: bytes) -> str:
    """The UTF-16/32 variant `body` is written in (by BOM or by its first "<"), else ""."""
    for mark, name in _BOMS:
        if body.startswith(mark):
            # "\xff\xfe<\x00" is UTF-16-LE; "\xff\xfe\x00\x00" can only be UTF-32-LE.
            return name
    for start, name in _WIDE_STARTS:
        if body.startswith(start):
            return name
    return ""


def recode_wide(body: bytes) -> bytes:
    """UTF-16/32 bytes as UTF-8 with the XML declaration saying so; other bytes unchanged,
    except a declaration claiming UTF-16/32 for bytes that are not (a common mislabel)."""
    encoding = wide_encoding(body)
    if not encoding:
        return _DECLARED_WIDE.sub(rb"\1utf-8", body, count=1)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ListingError(
            f"unreadable {encoding.upper()} text: {exc.reason} at byte {exc.start}"
        ) from exc
    text = _DECLARATION_ENCODING.sub(r"\1utf-8", text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8")


def readable_bytes(body: bytes) -> bytes:
    """The listing's bytes unpacked and in an ASCII-compatible encoding."""
    return recode_wide(gunzip(body))
