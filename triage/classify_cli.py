"""`python -m triage classify` and `python -m triage evaluate` (contract: ../shared/design/triage.md)."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

MAX_LINE = 1_000_000  # characters; a longer line is answered with an error, not processed
MAX_MESSAGES = 500


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _handle(line: str) -> dict[str, Any]:
    from triage.classifier import classify

    if len(line) > MAX_LINE:
        return {"id": None, "error": f"line too long ({len(line)} characters, max {MAX_LINE})"}
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as e:
        return {"id": None, "error": f"not JSON: {e}"}
    if not isinstance(obj, dict):
        return {"id": None, "error": "line is not a JSON object"}
    cid = obj.get("id")
    if isinstance(cid, (dict, list)):
        cid = None
    if "messages" not in obj:
        return {"id": cid, "error": "missing field: messages"}
    msgs = obj["messages"]
    if not isinstance(msgs, list) or not all(isinstance(m, str) for m in msgs):
        return {"id": cid, "error": "messages must be a list of strings"}
    if len(msgs) > MAX_MESSAGES:
        msgs = msgs[-MAX_MESSAGES:]
    out = classify(msgs)
    return {"id": cid, **out}


def run_classify(stdin: IO[str], stdout: IO[str]) -> int:
    from triage.classifier import warm_up

    warm_up()
    try:
        for raw in stdin:
            line = raw.strip()
            if not line:
                continue
            try:
                result = _handle(line)
            except Exception as e:  # one bad line must not stop the rest
                result = {"id": None, "error": f"internal error: {type(e).__name__}"}
            stdout.write(_dump(result) + "\n")
        stdout.flush()
    except (OSError, UnicodeDecodeError) as e:
        print(f"cannot read input: {e}", file=sys.stderr)
        return 1
    return 0


def run_evaluate(paths: str | list[str], stdout: IO[str], as_json: bool = False) -> int:
    from triage.classifier import classify, warm_up
    from triage.evaluation import evaluate, format_report, jsonl_files, load_jsonl

    rows = []
    for f in jsonl_files([paths] if isinstance(paths, str) else paths):
        try:
            rows += load_jsonl(str(f))
        except (OSError, ValueError) as e:
            print(f"cannot read {f}: {e}", file=sys.stderr)
            return 1
    warm_up()
    report = evaluate(rows, classify)
    if as_json:
        stdout.write(json.dumps({k: v for k, v in report.items() if k != "errors"}, ensure_ascii=False, indent=1)
                     + "\n")
    else:
        stdout.write(format_report(report))
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m triage.classify_cli evaluate DATA.jsonl [--json]` (the JSON variant of evaluate)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m triage.classify_cli")
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("classify")
    ev = sub.add_parser("evaluate")
    ev.add_argument("data", nargs="+")
    ev.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.command == "classify":
        return run_classify(sys.stdin, sys.stdout)
    return run_evaluate(args.data, sys.stdout, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
