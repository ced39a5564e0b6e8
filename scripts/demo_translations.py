"""Keep the demo's English translations of its German outlet complete.

The demo publishes the German outlet's stories in English from the translation memory
(`gazette/demo/outlets/translations_tagblatt.json`, loaded by `make demo`). After the German
text changes, run

    .venv/bin/python scripts/demo_translations.py

It takes the outlet through the real pipeline (served on loopback, polled, fetched, extracted)
in a temporary database, cuts each story into the segments Gazette translates, and rewrites
the file with them: translations already there are kept, new segments get an empty "en" to
fill in, segments no longer in the outlet are dropped. `--check` only reports, and exits 1
when a segment has no translation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if incomplete")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="gazette-demo-translations-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "gazette.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
            "FETCH_ALLOW_PRIVATE": "true",
            "FETCH_HOST_DELAY": "0",
            "LOG_LEVEL": "WARNING",
            "TRANSLATION_ENGINES": "none",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from gazette.articles.models import Article
    from gazette.demo.outlets import OUTLETS
    from gazette.demo.outlets.server import OutletServer
    from gazette.demo.services import DEMO_PAIR, DEMO_TRANSLATIONS, demo_glossary_ensure
    from gazette.ingest.models import Entry
    from gazette.newsroom.flow import entry_fetch, source_poll
    from gazette.sources.services import source_register
    from gazette.states import LicencePolicy
    from gazette.translation.services import FIELDS, segments_to_translate

    call_command("migrate", verbosity=0)
    demo_glossary_ensure()
    outlet = next(outlet for outlet in OUTLETS if outlet.language == DEMO_PAIR.source)
    print(f"demo-translations: taking {outlet.name} through the pipeline …", flush=True)
    with OutletServer(outlet) as server:
        source = source_register(
            name=outlet.name, feed_url=server.feed_url, language=outlet.language,
            licence=LicencePolicy.FULL,
        )  # fmt: skip
        source_poll(source_id=source.pk)
        for entry_id in Entry.objects.values_list("pk", flat=True):
            entry_fetch(entry_id=entry_id)
    known: dict[str, str] = {}
    if DEMO_TRANSLATIONS.is_file():
        for article in json.loads(DEMO_TRANSLATIONS.read_text(encoding="utf-8")):
            known.update((s["de"], s["en"]) for s in article["segments"])
    articles: list[dict[str, Any]] = []
    for article in Article.objects.order_by("published_at", "pk"):
        originals = {field: str(getattr(article, field) or "") for field in FIELDS}
        segments = segments_to_translate(originals, DEMO_PAIR)
        articles.append(
            {
                "title": article.title,
                "segments": [{"de": text, "en": known.get(text, "")} for text in segments],
            }
        )
    missing = [s["de"] for article in articles for s in article["segments"] if not s["en"]]
    total = sum(len(article["segments"]) for article in articles)
    print(
        f"demo-translations: {len(articles)} stories, {total} segments, {len(missing)} untranslated"
    )
    for text in missing[:20]:
        print(f"  untranslated: {text[:100]}")
    if args.check:
        return 1 if missing else 0
    DEMO_TRANSLATIONS.write_text(
        json.dumps(articles, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"demo-translations: wrote {DEMO_TRANSLATIONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
