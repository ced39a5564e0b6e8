"""Train the body chooser on the shared development labels (part of `make train-extraction`).

For every labelled page of every set in ../shared/data/extraction, both body candidates are
made as the extractor makes them (Gazette's: trafilatura with links, images and formatting;
plain trafilatura's), tidied the same way, and scored with the ScrapingHub body metric of
../shared/bench/extraction_score.py. A small logistic model ("is the plain body better?",
each page weighted by how much F1 the choice moves) is cross-validated with five folds grouped
by site over all sets pooled, and adopted only when its per-fold body F1 is at least both
single candidates' on every fold. The gate (which pages get the second candidate at all) is
set from the share of pages allowed a second trafilatura run, not from the labels.

    python scripts/train_body.py [--data DIR] [--check] [--cache FILE]

`--check` reports without writing; `--cache` keeps the per-page records between runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "extraction"
SCORER = ROOT.parent / "shared" / "bench" / "extraction_score.py"
WEIGHTS = ROOT / "gazette" / "ingest" / "extraction" / "weights" / "body.json"
# At most this share of pages runs trafilatura a second time (speed goal: >= 0.8x trafilatura).
GATE_SHARE = 0.30
# Pages with fewer words than this always get the second candidate (cheap, and often empty).
GATE_WORDS = 50
REGULARISATION_C = 1.0  # fixed, not tuned on the folds


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    if spec is None or spec.loader is None or not SCORER.is_file():
        sys.exit(f"train-body: the scorer {SCORER} is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_records(data: Path, scorer: ModuleType) -> list[dict[str, Any]]:
    """One record per labelled page: site, both candidates' (precision, recall), features."""
    from gazette.ingest.extract import ExtractionError, _parse
    from gazette.ingest.extraction.body import body_text, tidy_body
    from gazette.ingest.extraction.bodychoice import (
        candidate_pair,
        link_density,
        paragraph_words,
        tokens,
    )
    from gazette.ingest.extraction.dataset import dataset_read_page, script_of
    from gazette.ingest.extraction.learning import site_of
    from gazette.ingest.extraction.metadata import PageSignals, lead_image, page_language
    from gazette.ingest.extraction.titles import page_titles

    records = []
    for folder in sorted(p for p in data.iterdir() if (p / "truth.json").is_file()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        for number, (page_id, label) in enumerate(sorted(truth.items()), start=1):
            if "body" not in label:
                continue
            url = str(label.get("url") or f"https://example.invalid/{page_id}")
            try:
                tree = _parse(dataset_read_page(folder, page_id))
            except (ExtractionError, OSError, ValueError):
                continue
            signals = PageSignals.read(tree)
            title = page_titles(signals, tree, url=url, feed_title="").title
            image = lead_image(signals, tree, url)
            standfirst = signals.first_meta("og:description", "description", "twitter:description")
            start = time.process_time()
            first, second, features, blocks = candidate_pair(tree, url)
            scores = []
            for raw in (first, second):
                text = ""
                if raw:
                    html, shown = tidy_body(
                        raw,
                        title=title,
                        base_url=url,
                        page=tree,
                        standfirst=standfirst,
                        lead_image=image.url,
                    )
                    text = body_text(html, captions=False)
                    text = f"{shown}\n{text}" if shown else text
                tp, fp, fn = scorer.body_counts(label["body"], text)
                scores.append((scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)))
            records.append(
                {
                    "key": f"{folder.name}/{page_id}",
                    "set": folder.name,
                    "site": site_of(url),
                    "language": page_language(signals, tree),
                    "script": script_of(label["body"]),
                    "first": scores[0],
                    "second": scores[1],
                    "features": features,
                    "first_words": len(tokens(body_text(first))) if first else 0,
                    "link_density": link_density(blocks),
                    "paragraph_words": paragraph_words(tree),
                    "cpu": time.process_time() - start,
                }
            )
            if number % 100 == 0:
                print(f"  {folder.name}: {number}/{len(truth)} pages", file=sys.stderr)
    return records


def f1(pairs: list[tuple[float, float]]) -> float:
    if not pairs:
        return math.nan
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def page_f1(pair: tuple[float, float]) -> float:
    precision, recall = pair
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gate_of(records: list[dict[str, Any]]) -> dict[str, float]:
    """Thresholds that send GATE_SHARE of pages to the second candidate, half by the first's
    link density, half by its coverage of the page's paragraph words (labels unused)."""
    densities = sorted(r["link_density"] for r in records)
    cut = densities[min(len(densities) - 1, int(len(densities) * (1 - GATE_SHARE / 2)))]
    coverages = sorted(r["first_words"] / max(r["paragraph_words"], 1) for r in records)
    low = coverages[int(len(coverages) * GATE_SHARE / 2)]
    return {"link_density": round(cut, 4), "words": GATE_WORDS, "coverage": round(low, 4)}


def gated(record: dict[str, Any], gate: dict[str, float]) -> bool:
    return (
        record["first_words"] < gate["words"]
        or record["link_density"] >= gate["link_density"]
        or record["first_words"] < gate["coverage"] * record["paragraph_words"]
    )


def fit(records: list[dict[str, Any]], names: list[str]) -> dict[str, float]:
    """Logistic weights for "the second candidate is better", each page weighted by |F1 gap|."""
    from sklearn.linear_model import LogisticRegression

    rows = [r for r in records if abs(page_f1(r["second"]) - page_f1(r["first"])) > 1e-6]
    labels = [page_f1(r["second"]) > page_f1(r["first"]) for r in rows]
    if len(set(labels)) < 2:
        return {}
    model = LogisticRegression(C=REGULARISATION_C, max_iter=2000, fit_intercept=False)
    model.fit(
        [[r["features"][n] for n in names] for r in rows],
        labels,
        sample_weight=[abs(page_f1(r["second"]) - page_f1(r["first"])) for r in rows],
    )
    return {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}


def chosen(record: dict[str, Any], weights: dict[str, float], gate: dict[str, float]) -> tuple:
    from gazette.ingest.extraction.bodychoice import prefer_second

    if gated(record, gate) and prefer_second(record["features"], weights):
        return tuple(record["second"])
    return tuple(record["first"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="report without writing")
    parser.add_argument("--cache", type=Path, help="keep per-page records in this JSON file")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"train-body: no data at {args.data}", file=sys.stderr)
        return 2
    from gazette.ingest.extraction.dataset import language_group
    from gazette.ingest.extraction.learning import site_folds

    if args.cache and args.cache.is_file():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        records = page_records(args.data, load_scorer())
        if args.cache:
            args.cache.write_text(json.dumps(records), encoding="utf-8")
    names = sorted(records[0]["features"])
    gate = gate_of(records)
    folds = site_folds([r["site"] for r in records])
    cv: list[tuple] = [()] * len(records)
    lines, wins, fold_figures = [], True, []
    for fold in sorted(set(folds)):
        train = [r for r, f in zip(records, folds, strict=True) if f != fold and gated(r, gate)]
        weights = fit(train, names)
        test = [i for i, f in enumerate(folds) if f == fold]
        for i in test:
            cv[i] = chosen(records[i], weights, gate)
        ours = f1([cv[i] for i in test])
        first = f1([tuple(records[i]["first"]) for i in test])
        second = f1([tuple(records[i]["second"]) for i in test])
        wins = wins and ours >= first and ours >= second
        fold_figures.append(
            {
                "pages": len(test),
                "chooser": round(ours, 4),
                "first": round(first, 4),
                "second": round(second, 4),
            }
        )
        lines.append(
            f"  fold {fold + 1}: {len(test)} pages, chooser {ours:.4f}, "
            f"gazette's body {first:.4f}, plain trafilatura {second:.4f}"
        )
    total = {
        "chooser": f1(cv),
        "first": f1([tuple(r["first"]) for r in records]),
        "second": f1([tuple(r["second"]) for r in records]),
    }
    share = sum(gated(r, gate) for r in records) / len(records)
    print(f"body chooser, cross-validated over {len(records)} pages (5 folds grouped by site)")
    print("\n".join(lines))
    print(
        f"  all: chooser {total['chooser']:.4f}, gazette's body {total['first']:.4f}, "
        f"plain trafilatura {total['second']:.4f}; second candidate computed on {share:.3f} "
        f"of pages (gate: {gate})"
    )
    per_set = {}
    for name in sorted({r["set"] for r in records}):
        idx = [i for i, r in enumerate(records) if r["set"] == name]
        per_set[name] = {
            "chooser": round(f1([cv[i] for i in idx]), 4),
            "first": round(f1([tuple(records[i]["first"]) for i in idx]), 4),
            "second": round(f1([tuple(records[i]["second"]) for i in idx]), 4),
        }
        print(f"  {name}: {per_set[name]}")
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        groups.setdefault(f"language: {language_group(r.get('language', ''))}", []).append(i)
        groups.setdefault(f"script: {r.get('script', 'none')}", []).append(i)
    per_group = {}
    for group, idx in sorted(groups.items()):
        per_group[group] = {
            "pages": len(idx),
            "chooser": round(f1([cv[i] for i in idx]), 4),
            "first": round(f1([tuple(records[i]["first"]) for i in idx]), 4),
            "second": round(f1([tuple(records[i]["second"]) for i in idx]), 4),
        }
        print(f"  {group}: {per_group[group]}")
    weights = fit([r for r in records if gated(r, gate)], names)
    print("adopted: wins on every fold" if wins else "not adopted: loses a fold to a single body")
    print("weights: " + json.dumps(weights))
    if args.check:
        return 0
    WEIGHTS.write_text(
        json.dumps(
            {
                "chooser": "body",
                "model": "logistic regression, L2, C=1, no intercept (a `bias` feature); "
                "positive score: plain trafilatura's body",
                "trained_on": sorted({r["set"] for r in records}),
                "pages": len(records),
                "adopted": wins,
                "gate": gate,
                "candidates": {
                    "first": "Gazette's body: trafilatura with links, images, formatting",
                    "second": "plain trafilatura (its defaults), computed only past the gate",
                },
                "cross_validated": {
                    "body_f1": {k: round(v, 4) for k, v in total.items()},
                    "per_fold": fold_figures,
                    "per_set": per_set,
                    "per_group": per_group,
                    "second_candidate_share": round(share, 3),
                },
                "weights": weights,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
