"""Lighthouse on a running site: home, an article, a translated article, a story, a section
and a search page, phone and desktop profiles; prints each category's score, the cumulative
layout shift and the bytes transferred, and marks what misses the goals (every category
≥ 95, accessibility 100, CLS ≤ 0.02, home ≤ 300 KB; a search page's SEO is not judged: it is
noindex on purpose).

    make audit-web                      # against http://127.0.0.1:8000 (make demo)
    AUDIT_URL=http://127.0.0.1:8105 .venv/bin/python scripts/audit_web.py

Needs npm's lighthouse (package.json: `npm ci`) and Chromium (CHROME_PATH, default
/usr/bin/chromium).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HOME_BUDGET = 300 * 1024


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  (our own site)
        return str(response.read().decode("utf-8", "replace"))


def pages(base: str) -> list[tuple[str, str]]:
    """The pages to audit, found by following the site's own links."""
    home = fetch(base + "/")
    links = re.findall(r'href="(/[^"#?]*)"', home)
    articles = [link for link in links if re.fullmatch(r"/\d{4}/\d{1,2}/\d{1,2}/[^/]+/", link)]
    story = next((link for link in links if re.fullmatch(r"/stories/\d+/", link)), None)
    section = next((link for link in links if link.startswith("/section/")), None)
    translated = None
    for link in dict.fromkeys(articles):
        if "translation-top" in fetch(base + link):
            translated = link
            break
    found = [("home", "/"), ("article", articles[0] if articles else None)]
    found += [("translated", translated), ("story", story), ("section", section)]
    found += [("search", "/search/?q=Hochwasser")]
    return [(name, urljoin(base + "/", path)) for name, path in found if path]


def audit(url: str, profile: str, out: Path) -> dict[str, object]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if profile == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300, capture_output=True)
    report = json.loads(out.read_text())
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = report["audits"]
    return {
        **scores,
        "cls": float(audits["cumulative-layout-shift"]["numericValue"]),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "failed": [
            key
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0
            and (key := ref["id"]) in audits
            and audits[key]["score"] is not None
            and audits[key]["score"] < 0.9
        ],
    }


def main() -> int:
    base = os.environ.get("AUDIT_URL", "http://127.0.0.1:8000").rstrip("/")
    if not LIGHTHOUSE.exists():
        print("lighthouse is missing: run `npm ci` in the project folder first.", file=sys.stderr)
        return 2
    try:
        targets = pages(base)
    except OSError as exc:
        print(f"No site answers at {base} ({exc}): start it with `make demo`.", file=sys.stderr)
        return 2
    header = f"{'page':<11}{'profile':<9}" + "".join(f"{c[:4]:>6}" for c in CATEGORIES)
    print(header + f"{'CLS':>8}{'KB':>7}  misses")
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, url in targets:
            for profile in ("mobile", "desktop"):
                print(f"  auditing {name} ({profile}) {url} …", file=sys.stderr, flush=True)
                result = audit(url, profile, Path(folder) / f"{name}-{profile}.json")
                misses = [
                    f"{c}<95"
                    for c in CATEGORIES
                    if int(result[c]) < 95  # type: ignore[call-overload]
                    and not (name == "search" and c == "seo")
                ]
                if int(result["accessibility"]) < 100:  # type: ignore[call-overload]
                    misses.append("a11y<100")
                if float(result["cls"]) > 0.02:  # type: ignore[arg-type]
                    misses.append("CLS>0.02")
                if name == "home" and int(result["bytes"]) > HOME_BUDGET:  # type: ignore[call-overload]
                    misses.append("home>300KB")
                missed += bool(misses)
                row = f"{name:<11}{profile:<9}" + "".join(f"{result[c]:>6}" for c in CATEGORIES)
                row += f"{float(result['cls']):>8.3f}{int(result['bytes']) / 1024:>7.0f}"  # type: ignore[arg-type,call-overload]
                detail = ", ".join(misses)
                if misses and result["failed"]:
                    detail += f" ({', '.join(result['failed'][:4])})"  # type: ignore[index]
                print(row + ("  " + detail if detail else ""), flush=True)
    print(f"{missed} of {2 * len(targets)} audits miss a goal.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
