"""`make bench-feeds`: entries Gazette finds in feed files beside feedparser's, file by file.

A news desk can only follow an entry that points at a page, so both sides count the distinct
http(s) addresses a file's entries link to, resolved against the same base. A file counts as
covered when Gazette finds at least as many as feedparser. Entries without any link are
counted apart (feedparser keeps them; Gazette has no page to fetch for them and says so in
the listing's `skipped`).

The corpus is any folder of feed files (`--feeds DIR`). Without one, the bench reads the test
feeds of feedparser's own source release (about 2,200 files written to exercise every RSS,
Atom and CDF quirk feedparser knows), which `make bench-feeds` downloads once from PyPI with
pip into var/bench/ - the same registry `make venv` installs from.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE = "https://outlet.example/feed.xml"
SUFFIXES = {".xml", ".rdf", ".rss", ".atom", ".gz", ".feed", ""}
FEEDPARSER_SDIST = "feedparser==6.0.12"


def feedparser_corpus(cache: Path) -> Path:
    """feedparser's test feeds, unpacked under `cache` (downloaded once with pip)."""
    tests = next(cache.glob("feedparser-*/tests"), None)
    if tests is not None:
        return tests
    cache.mkdir(parents=True, exist_ok=True)
    print(f"downloading the source release of {FEEDPARSER_SDIST} with pip into {cache} ...")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-binary", ":all:", FEEDPARSER_SDIST, "-d", str(cache)],
        check=True,
    )  # fmt: skip
    archive = next(cache.glob("feedparser-*.tar.gz"))
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():  # regular files inside the folder only
            target = (cache / member.name).resolve()
            if member.isfile() and target.is_relative_to(cache.resolve()):
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                if source is not None:
                    target.write_bytes(source.read())
    return next(cache.glob("feedparser-*/tests"))


def feedparser_links(body: bytes) -> tuple[set[str], int]:
    import feedparser

    parsed = feedparser.parse(body)
    links: set[str] = set()
    unlinked = 0
    for entry in parsed.entries:
        link = urljoin(BASE, str(entry.get("link") or "").strip())
        if entry.get("link") and link.startswith(("http://", "https://")):
            links.add(link)
        else:
            unlinked += 1
    return links, unlinked


def gazette_links(body: bytes) -> tuple[set[str], str]:
    from gazette.ingest.formats import ListingError, parse_listing

    try:
        listing = parse_listing(body, "", BASE)
    except ListingError as exc:
        return set(), str(exc)
    return {item.url for item in listing.items}, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=Path, help="a folder of feed files (default: feedparser's)")
    parser.add_argument("--show", type=int, default=20, help="list this many uncovered files")
    args = parser.parse_args()

    import django

    django.setup()
    corpus = args.feeds or feedparser_corpus(ROOT / "var" / "bench" / "feedparser")
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    print(f"{len(files)} files under {corpus}")
    with_links = covered = more = 0
    ours = theirs = unlinked_total = crashes = 0
    missing: list[tuple[str, int, int, str]] = []
    reasons: Counter[str] = Counter()
    gazette_cpu = feedparser_cpu = 0.0
    for done, path in enumerate(files, 1):
        body = path.read_bytes()
        started = time.process_time()
        expected, unlinked = feedparser_links(body)
        feedparser_cpu += time.process_time() - started
        started = time.process_time()
        try:
            found, why = gazette_links(body)
        except Exception as exc:  # the bench counts a crash instead of stopping
            found, why = set(), f"CRASH {type(exc).__name__}: {exc}"
            crashes += 1
        gazette_cpu += time.process_time() - started
        unlinked_total += unlinked
        if done % 500 == 0:
            print(f"  {done}/{len(files)} files read", flush=True)
        if not expected:
            continue
        with_links += 1
        theirs += len(expected)
        ours += len(found & expected)
        more += len(found) > len(expected)
        if len(found) >= len(expected):
            covered += 1
        else:
            missing.append((str(path.relative_to(corpus)), len(expected), len(found), why))
            reasons[why.split(":")[0] or "fewer links"] += 1

    share = covered / with_links if with_links else 1.0
    print(f"files whose entries link to pages (feedparser): {with_links}")
    print(
        f"covered (Gazette finds at least feedparser's links): {covered} = {share:.3f} (goal 0.99)"
    )
    print(f"links found: Gazette {ours} of feedparser's {theirs}; files with more: {more}")
    print(f"entries without a link (feedparser keeps them, Gazette skips them): {unlinked_total}")
    print(f"crashes: {crashes}")
    ratio = feedparser_cpu / gazette_cpu if gazette_cpu else 0.0
    print(
        f"CPU: Gazette {gazette_cpu:.2f} s, feedparser {feedparser_cpu:.2f} s (ratio {ratio:.2f})"
    )
    for why, count in reasons.most_common():
        print(f"  uncovered because {why!r}: {count}")
    for row in missing[: args.show]:
        print("  ", *row)
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")
    sys.exit(main())
