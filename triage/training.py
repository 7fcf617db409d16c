"""`python -m triage train`: train the learned model from the corpus and choose its thresholds.

1. Read labelled conversations (data/triage/corpus/*.jsonl by default; one file per writer, and any
   feedback export). The writer of a row is its ``writer`` field, else its file name.
2. Leave-writers-out cross-validation: for each fold, train on the other writers and score the held-out
   writers' conversations. These out-of-fold scores never saw their writer, so thresholds chosen on
   them are chosen on writing the model had not seen.
3. Thresholds: per signal the one with the best F1 (rules OR model); for acute danger the highest
   threshold that keeps recall >= ACUTE_RECALL_TARGET (recall first: a missed acute child is the
   costly error) if its precision is still >= ACUTE_PRECISION_FLOOR, or else the lowest threshold whose
   precision is >= ACUTE_PRECISION_FLOOR (as much recall as the floor allows), else three points below
   the best reachable recall. The other languages skip the floor.
4. Train on everything and save the model with its thresholds into triage/models/triage_model.
See docs/triage.md, "The learned model".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from triage.model import MODEL_DIR, TriageModel, train

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "triage" / "corpus"
ACUTE_RECALL_TARGET = 0.97
ACUTE_RECALL_SLACK = 0.03
# Issue 8's bar: acute recall >= 0.95 at precision >= 0.70. When the recall target is out of reach, the
# threshold goes as low as this precision allows instead of three points of recall below the best: with the
# slack alone, a flat recall curve let the English threshold climb to 0.39 for 2.6 points of out-of-fold
# recall, and the blind set lost 2 of 18 English acute conversations (docs/triage.md).
ACUTE_PRECISION_FLOOR = 0.70
GRID = [round(0.05 * i, 2) for i in range(1, 20)]


def load_rows(paths: Sequence[Path]) -> list[dict[str, Any]]:
    from triage.evaluation import jsonl_files

    rows: list[dict[str, Any]] = []
    for f in jsonl_files(paths):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                if not isinstance(row.get("messages"), list):
                    continue
                row.setdefault("writer", f.stem)
                rows.append(row)
    return rows


def writer_folds(rows: Sequence[dict[str, Any]], folds: int) -> list[list[int]]:
    """Row indices per fold; all rows of one writer are in the same fold."""
    writers = sorted({str(r["writer"]) for r in rows})
    groups: list[list[int]] = [[] for _ in range(min(folds, len(writers)))]
    for i, r in enumerate(rows):
        groups[writers.index(str(r["writer"])) % len(groups)].append(i)
    return groups


def rule_features_of(rows: Sequence[dict[str, Any]]) -> list[list[str]]:
    from triage.classifier import _clean, rule_features, rule_view

    return [rule_features(rule_view([_clean(m) for m in r["messages"]])) for r in rows]


def _fold(job: tuple[list[dict[str, Any]], list[list[str]], list[tuple[list[str], list[str]]], int]
          ) -> list[dict[str, dict[str, float]]]:
    train_rows, train_feats, held, epochs = job
    model = TriageModel(train(train_rows, epochs=epochs, features=train_feats))
    return [model.score_conversation(messages, feats) for messages, feats in held]


def out_of_fold_scores(rows: Sequence[dict[str, Any]], folds: int, epochs: int,
                       log: Callable[[str], None], jobs: int = 2) -> list[dict[str, dict[str, float]]]:
    """Each row scored by a model that never saw its writer. Folds train in parallel processes."""
    import concurrent.futures
    import multiprocessing

    feats = rule_features_of(rows)
    groups = writer_folds(rows, folds)
    work = []
    for k, held in enumerate(groups):
        held_set = set(held)
        keep = [i for i in range(len(rows)) if i not in held_set]
        writers = sorted({str(rows[i]["writer"]) for i in held})
        log(f"fold {k + 1}: training on {len(keep)}, scoring {len(held)} of {', '.join(writers)}")
        work.append(([rows[i] for i in keep], [feats[i] for i in keep],
                     [(list(rows[i]["messages"]), feats[i]) for i in held], epochs))
    oof: list[dict[str, dict[str, float]]] = [{} for _ in rows]
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max(1, jobs), mp_context=ctx) as pool:
        for held, scores in zip(groups, pool.map(_fold, work), strict=True):
            for i, score in zip(held, scores, strict=True):
                oof[i] = score
    return oof


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_thresholds(rows: Sequence[dict[str, Any]], oof: Sequence[dict[str, dict[str, float]]]) -> dict[str, Any]:
    """Thresholds for the combination rules-OR-model, chosen on out-of-fold scores."""
    from triage.classifier import THRESHOLD, _clean, model_threshold, rule_view
    from triage.pipeline import SIGNALS

    views = [rule_view([_clean(m) for m in r["messages"]]) for r in rows]
    out: dict[str, Any] = {"signals": {}}
    for code in SIGNALS:
        gold = [code in (r.get("signals") or []) for r in rows]
        rule = [v.scores.get(code, 0.0) >= THRESHOLD for v in views]
        best_t, best_f = 0.5, -1.0
        for t in GRID:
            tp = fp = fn = 0
            for g, ru, v, ms in zip(gold, rule, views, oof, strict=True):
                th = model_threshold(v, code, t)
                pred = ru or (th is not None and ms["signals"].get(code, 0.0) >= th)
                tp += g and pred
                fp += pred and not g
                fn += g and not pred
            f = _f1(tp, fp, fn)
            if f > best_f:
                best_t, best_f = t, f
        out["signals"][code] = best_t
    # Acute: the highest threshold on max(signal head, urgency head) that keeps recall on target, apart for
    # nl/en/fr and for the other languages (the model has seen few of those; its scores there differ).
    from triage.pipeline import CORE_LANGS

    gold = [("acute_danger" in (r.get("signals") or [])) or r.get("urgency") == "acute" for r in rows]
    rule = [v.scores.get("acute_danger", 0.0) >= THRESHOLD for v in views]
    acute = [max(ms["signals"].get("acute_danger", 0.0), ms["urgency"].get("acute", 0.0)) for ms in oof]
    core = [v.language in CORE_LANGS for v in views]
    # One threshold per core language besides the pooled one (kept for older readers): the model's acute scores
    # run higher in French and English than in Dutch, so a pooled threshold gave Dutch too little recall and
    # French and English too little precision.
    groups: list[tuple[str, list[int]]] = [
        ("acute", [i for i in range(len(rows)) if core[i]]),
        ("acute_other", [i for i in range(len(rows)) if not core[i]]),
    ]
    groups += [(f"acute_{lang}", [i for i in range(len(rows)) if views[i].language == lang]) for lang in CORE_LANGS]
    for key, idx in groups:
        positives = sum(1 for i in idx if gold[i])

        def counts(t: float, idx: list[int] = idx) -> tuple[int, int]:
            tp = fp = 0
            for i in idx:
                th = model_threshold(views[i], "acute_danger", t)
                pred = rule[i] or (th is not None and acute[i] >= th)
                tp += gold[i] and pred
                fp += pred and not gold[i]
            return tp, fp

        def recall(t: float, positives: int = positives) -> float:
            return counts(t)[0] / positives if positives else 1.0

        def precision(t: float) -> float:
            tp, fp = counts(t)
            return tp / (tp + fp) if tp + fp else 1.0

        ladder = sorted({round(0.01 * i, 2) for i in range(1, 100)})
        chosen = 0.01
        on_target = [t for t in ladder if recall(t) >= ACUTE_RECALL_TARGET]
        if on_target and (key == "acute_other" or precision(max(on_target)) >= ACUTE_PRECISION_FLOOR):
            chosen = max(on_target)
        elif key != "acute_other" and (floor_ok := [t for t in ladder if precision(t) >= ACUTE_PRECISION_FLOOR]):
            # Also when the recall target is reached only at the bottom of the ladder with precision under the
            # floor (session 7, Dutch: 0.01 gave out-of-fold recall 0.973 at precision 0.58; 0.03 gives 0.965 at
            # 0.71): a threshold at which nearly every conversation is acute tells a counsellor nothing.
            chosen = min(floor_ok)
        else:
            # The other languages (few conversations, and the model's scores there are less sure: the floor
            # would cost them recall), or no threshold reaches the floor: three points below the best
            # reachable recall, rather than the bottom of the ladder where precision collapses for no gain.
            target = recall(0.01) - ACUTE_RECALL_SLACK
            chosen = max(t for t in ladder if recall(t) >= target)
        out[key] = chosen
    return out


def cv_report(rows: Sequence[dict[str, Any]], oof: Sequence[dict[str, dict[str, float]]],
              thresholds: dict[str, Any]) -> str:
    """Leave-writers-out figures: rules alone, and rules + the out-of-fold model (thresholds as given)."""
    from triage import classifier
    from triage.evaluation import evaluate, format_report

    by_text = {json.dumps(r["messages"], ensure_ascii=False): ms for r, ms in zip(rows, oof, strict=True)}

    class _OOF(TriageModel):
        def score_conversations(self, conversations: Sequence[tuple[Sequence[str], Sequence[str]]]
                                ) -> list[dict[str, dict[str, float]]]:
            return [by_text[json.dumps(list(messages), ensure_ascii=False)] for messages, _ in conversations]

        def score_messages(self, texts: Any) -> list[dict[str, float]]:
            return [{} for _ in texts]

    oof_model = _OOF(None, thresholds)
    rules = evaluate(rows, lambda m: classifier._classify(m, None))
    combined = evaluate(rows, lambda m: classifier._classify(m, oof_model))
    return ("== rules only ==\n" + format_report(rules) + "\n== rules + model (leave-writers-out) ==\n"
            + format_report(combined))


def run_train(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m triage train")
    ap.add_argument("data", nargs="*", type=Path, help=f"JSONL files or folders (default: {DEFAULT_DATA})")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--folds", type=int, default=4, help="leave-writers-out folds for the thresholds (0: none)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N conversations (a quick check)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2, help="folds trained in parallel")
    ap.add_argument("--save-oof", type=Path, help="write the out-of-fold scores (JSONL) for analysis")
    ap.add_argument("--cv-report", action="store_true", help="print leave-writers-out figures and stop")
    ap.add_argument("--rethreshold", type=Path, metavar="OOF.jsonl",
                    help="choose the thresholds again from saved out-of-fold scores (--save-oof of the run that "
                         "trained the model in --out) and rewrite only its thresholds.json; no training")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    rows = load_rows(args.data or [DEFAULT_DATA])
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        log("no labelled conversations found")
        return 1
    started = time.monotonic()
    if args.rethreshold:
        by_id = {}
        for line in args.rethreshold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                saved = json.loads(line)
                by_id[saved["id"]] = saved["scores"]
        th_file = args.out / "thresholds.json"
        old = json.loads(th_file.read_text()) if th_file.exists() else {}
        fresh = choose_thresholds(rows, [by_id[r.get("id")] for r in rows])
        th_file.write_text(json.dumps({**fresh, "trained_on": old.get("trained_on", {})}, indent=1, sort_keys=True)
                           + "\n")
        log(f"thresholds chosen again into {th_file}")
        return 0
    writers = sorted({str(r["writer"]) for r in rows})
    log(f"{len(rows)} conversations from {len(writers)} writers")
    thresholds: dict[str, Any] = {}
    if args.folds > 1 and len(writers) > 1:
        oof = out_of_fold_scores(rows, args.folds, args.epochs, log, args.jobs)
        thresholds = choose_thresholds(rows, oof)
        if args.save_oof:
            with args.save_oof.open("w", encoding="utf-8") as out:
                for r, ms in zip(rows, oof, strict=True):
                    out.write(json.dumps({"id": r.get("id"), "scores": ms}) + "\n")
        if args.cv_report:
            print(cv_report(rows, oof, thresholds))
            print(json.dumps(thresholds, indent=1))
            return 0
    thresholds["trained_on"] = {"conversations": len(rows), "writers": writers, "epochs": args.epochs,
                                "seed": args.seed}
    nlp = train(rows, epochs=args.epochs, seed=args.seed, log=log, features=rule_features_of(rows))
    model = TriageModel(nlp, thresholds)
    model.save(args.out)
    log(f"saved to {args.out} in {time.monotonic() - started:.0f} s")
    return 0
