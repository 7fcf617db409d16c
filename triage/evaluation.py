"""Scoring the classifier on labelled conversations (format: docs/triage.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from triage.pipeline import SIGNALS


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: Iterable[dict[str, Any]], classify: Callable[[list[str]], dict[str, Any]],
             per_language: bool = True) -> dict[str, Any]:
    """Scores overall and, per_language, for each gold language group (nl, en, fr, other)."""
    rows = list(rows)
    report = _evaluate(rows, classify)
    if per_language:
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            lang = str(row.get("language") or "other")
            groups.setdefault(lang if lang in ("nl", "en", "fr") else "other", []).append(row)
        report["per_language"] = {k: _evaluate(v, classify) for k, v in sorted(groups.items())}
    return report


def _evaluate(rows: list[dict[str, Any]], classify: Callable[[list[str]], dict[str, Any]]) -> dict[str, Any]:
    counts = {c: [0, 0, 0] for c in SIGNALS}  # tp fp fn
    acc = {k: [0, 0] for k in ("urgency", "role", "minor", "language", "queue_sanity")}
    confusion: dict[str, dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    n = 0
    for row in rows:
        n += 1
        out = classify(row["messages"])
        gold = set(row.get("signals", []))
        pred = {s["code"] for s in out["signals"]}
        for c in SIGNALS:
            if c in pred and c in gold:
                counts[c][0] += 1
            elif c in pred:
                counts[c][1] += 1
            elif c in gold:
                counts[c][2] += 1
        for k in ("urgency", "role", "minor", "language"):
            if k in row:
                acc[k][1] += 1
                acc[k][0] += int(out[k] == row[k])
                if k == "role":
                    confusion.setdefault(str(row[k]), {}).setdefault(str(out[k]), 0)
                    confusion[str(row[k])][str(out[k])] += 1
        if pred != gold or any(k in row and out[k] != row[k] for k in ("urgency", "role", "minor", "language")):
            errors.append({"id": row.get("id"), "missed": sorted(gold - pred), "extra": sorted(pred - gold),
                           **{k: [row.get(k), out[k]] for k in ("urgency", "role", "minor", "language")
                              if k in row and out[k] != row[k]}})
    per_signal = {}
    for c, (tp, fp, fn) in counts.items():
        p, r, f = _prf(tp, fp, fn)
        per_signal[c] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn,
                         "tp": tp, "fp": fp, "fn": fn}
    # Over the signals that occur (or were predicted): an absent signal would count as a perfect 1.0.
    present = [v["f1"] for v in per_signal.values() if v["support"] or v["fp"]]
    macro = sum(present) / len(present) if present else 0.0
    return {
        "conversations": n,
        "per_signal": per_signal,
        "macro_f1": round(macro, 3),
        "acute_recall": per_signal["acute_danger"]["recall"],
        "acute_precision": per_signal["acute_danger"]["precision"],
        **{f"{k}_accuracy": round(v[0] / v[1], 3) if v[1] else None for k, v in acc.items() if k != "queue_sanity"},
        "role_confusion": confusion,
        "errors": errors,
    }


def format_report(r: dict[str, Any]) -> str:
    lines = [f"conversations: {r['conversations']}", "",
             f"{'signal':<24}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}{'fp':>5}{'fn':>5}"]
    for c, v in r["per_signal"].items():
        lines.append(f"{c:<24}{v['precision']:>7.3f}{v['recall']:>8.3f}{v['f1']:>7.3f}{v['support']:>9}"
                     f"{v['fp']:>5}{v['fn']:>5}")
    lines += ["", f"macro-F1 (13 signals): {r['macro_f1']:.3f}",
              f"acute_danger recall: {r['acute_recall']:.3f}  precision: {r['acute_precision']:.3f}"]
    for k in ("urgency", "role", "minor", "language"):
        v = r.get(f"{k}_accuracy")
        lines.append(f"{k} accuracy: {v:.3f}" if v is not None else f"{k} accuracy: n/a")
    if r.get("per_language"):
        lines += ["", f"{'language':<10}{'n':>5}{'acute R':>9}{'acute P':>9}{'macroF1':>9}{'minF1':>7}{'urgency':>9}"
                  f"{'role':>7}{'lang':>7}"]
        for lang, v in r["per_language"].items():
            f1s = [x["f1"] for x in v["per_signal"].values() if x["support"]]
            lines.append(f"{lang:<10}{v['conversations']:>5}{v['acute_recall']:>9.3f}{v['acute_precision']:>9.3f}"
                         f"{v['macro_f1']:>9.3f}{min(f1s) if f1s else 0:>7.3f}{_fmt(v.get('urgency_accuracy')):>9}"
                         f"{_fmt(v.get('role_accuracy')):>7}{_fmt(v.get('language_accuracy')):>7}")
    return "\n".join(lines) + "\n"


def _fmt(v: float | None) -> str:
    return f"{v:.3f}" if v is not None else "n/a"


def jsonl_files(paths: Iterable[str | Path]) -> list[Path]:
    """The JSONL files named, a folder standing for the `*.jsonl` files in it (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    return out


def load_jsonl(path: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows
