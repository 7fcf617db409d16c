"""`python -m triage redact` and `python -m triage evaluate-redact` (contract: shared/design/triage.md)."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from typing import IO, Any

from triage.redaction import TYPES, redact


def run_redact(stdin: IO[str], stdout: IO[str]) -> int:
    """JSON lines ``{"id", "text"}`` in, ``{"id", "text", "spans"}`` out, one per line, same order."""
    try:
        # read bytes where possible so that one badly encoded line cannot stop the stream
        buffer = getattr(stdin, "buffer", None)
        lines: Iterator[str] = (
            (b.decode("utf-8", errors="replace") for b in buffer) if buffer is not None else iter(stdin)
        )
        for raw in lines:
            if not raw.strip():
                continue
            out: dict[str, Any]
            ident: Any = None
            try:
                obj = json.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError("line is not a JSON object")
                ident = obj.get("id")
                text = obj.get("text")
                if not isinstance(text, str):
                    raise ValueError("missing or non-string field 'text'")
                res = redact(text)
                out = {"id": ident, "text": res["text"], "spans": res["spans"]}
            except Exception as exc:  # a bad line must not stop the stream
                out = {"id": ident, "error": f"{type(exc).__name__}: {exc}"}
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            stdout.flush()
    except BrokenPipeError:  # the reader went away (e.g. piped into `head`): stop quietly
        _silence(stdout)
        return 0
    except OSError as exc:  # input could not be read at all
        stdout.write(json.dumps({"id": None, "error": f"cannot read input: {exc}"}) + "\n")
        return 1
    return 0


def _silence(stdout: IO[str]) -> None:
    """Point a closed pipe at /dev/null so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


# ---------------------------------------------------------------------------------------------- evaluation


def _load(path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            obj = json.loads(raw)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError(f"{path}:{n}: expected an object with a 'text' string")
            obj.setdefault("spans", [])
            rows.append(obj)
    return rows


def score(rows: list[dict[str, Any]], predict: Any = None) -> dict[str, Any]:
    """Span-level (overlap and exact) recall/precision per type, character-level scores, loss on clean lines."""
    predict = predict or (lambda t: redact(t)["spans"])
    per: dict[str, dict[str, int]] = {
        t: {"gold": 0, "pred": 0, "tp_gold_overlap": 0, "tp_pred_overlap": 0, "tp_exact": 0} for t in TYPES
    }
    ch_gold = ch_pred = ch_tp = 0
    clean_chars = clean_lost = 0
    misses: list[dict[str, Any]] = []
    false_pos: list[dict[str, Any]] = []
    for row in rows:
        text: str = row["text"]
        gold = [(int(s["start"]), int(s["end"]), str(s["type"])) for s in row.get("spans", [])]
        pred = [(int(s["start"]), int(s["end"]), str(s["type"])) for s in predict(text)]
        for s, e, t in gold:
            if t not in per:
                per[t] = {"gold": 0, "pred": 0, "tp_gold_overlap": 0, "tp_pred_overlap": 0, "tp_exact": 0}
            per[t]["gold"] += 1
            if any(ps < e and s < pe and pt == t for ps, pe, pt in pred):
                per[t]["tp_gold_overlap"] += 1
            else:
                misses.append({"id": row.get("id"), "type": t, "text": text[s:e], "line": text})
            if (s, e, t) in pred:
                per[t]["tp_exact"] += 1
        for s, e, t in pred:
            per.setdefault(t, {"gold": 0, "pred": 0, "tp_gold_overlap": 0, "tp_pred_overlap": 0, "tp_exact": 0})
            per[t]["pred"] += 1
            if any(gs < e and s < ge and gt == t for gs, ge, gt in gold):
                per[t]["tp_pred_overlap"] += 1
            else:
                false_pos.append({"id": row.get("id"), "type": t, "text": text[s:e], "line": text})
        gmask = [False] * len(text)
        pmask = [False] * len(text)
        for s, e, _ in gold:
            for i in range(max(0, s), min(len(text), e)):
                gmask[i] = True
        for s, e, _ in pred:
            for i in range(max(0, s), min(len(text), e)):
                pmask[i] = True
        g = sum(gmask)
        p = sum(pmask)
        tp = sum(1 for a, b in zip(gmask, pmask, strict=True) if a and b)
        ch_gold += g
        ch_pred += p
        ch_tp += tp
        if not gold:
            clean_chars += len(text)
            clean_lost += p

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    types: dict[str, Any] = {}
    for t, c in per.items():
        if not c["gold"] and not c["pred"]:
            continue
        types[t] = {
            "gold": c["gold"],
            "pred": c["pred"],
            "recall": ratio(c["tp_gold_overlap"], c["gold"]),
            "precision": ratio(c["tp_pred_overlap"], c["pred"]),
            "recall_exact": ratio(c["tp_exact"], c["gold"]),
            "precision_exact": ratio(c["tp_exact"], c["pred"]),
        }
    rec = ch_tp / ch_gold if ch_gold else 1.0
    prec = ch_tp / ch_pred if ch_pred else 1.0
    f2 = 5 * prec * rec / (4 * prec + rec) if (prec + rec) else 0.0
    return {
        "lines": len(rows),
        "types": types,
        "chars": {"recall": round(rec, 4), "precision": round(prec, 4), "f2": round(f2, 4)},
        "clean_lines": sum(1 for row in rows if not row.get("spans")),
        "clean_chars_lost": round(clean_lost / clean_chars, 4) if clean_chars else 0.0,
        "misses": misses,
        "false_positives": false_pos,
    }


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def run_evaluate_redact(path: str, stdout: IO[str]) -> int:
    try:
        rows = _load(path)
    except (OSError, ValueError) as exc:
        stdout.write(f"error: {exc}\n")
        return 2
    res = score(rows)
    try:
        _print_report(res, stdout)
    except BrokenPipeError:
        _silence(stdout)
    return 0


def _print_report(res: dict[str, Any], stdout: IO[str]) -> None:
    w = stdout.write
    w(f"{res['lines']} lines, {res['clean_lines']} without personal data\n")
    w("type            gold  pred  recall  precis  rec_ex  pre_ex   (span level; overlap, then exact)\n")
    for t in TYPES:
        c = res["types"].get(t)
        if not c:
            continue
        w(f"{t:<14} {c['gold']:5d} {c['pred']:5d}  {_fmt(c['recall'])}  {_fmt(c['precision'])}  "
          f"{_fmt(c['recall_exact'])}  {_fmt(c['precision_exact'])}\n")
    ch = res["chars"]
    w(f"characters: recall {ch['recall']:.3f}  precision {ch['precision']:.3f}  F2 {ch['f2']:.3f}\n")
    w(f"lines without personal data: {res['clean_chars_lost'] * 100:.2f}% of characters redacted\n")
    if res["misses"]:
        w(f"\nmissed ({len(res['misses'])}):\n")
        for m in res["misses"][:40]:
            w(f"  {m['type']:<13} {m['text']!r:<30} in {m['line']!r}\n")
    if res["false_positives"]:
        w(f"\nfalse positives ({len(res['false_positives'])}):\n")
        for m in res["false_positives"][:40]:
            w(f"  {m['type']:<13} {m['text']!r:<30} in {m['line']!r}\n")
