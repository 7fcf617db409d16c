"""Compare triage.redaction with deduce (Dutch de-identification) on the project's labelled sets.

    python bench/redact_compare.py            # skips tools that are not installed

deduce is not a dependency of the project; install it in a separate environment to run this
(e.g. ``python -m venv /tmp/cmp && /tmp/cmp/bin/pip install deduce spacy python-stdnum`` and run
``PYTHONPATH=. /tmp/cmp/bin/python bench/redact_compare.py``). presidio-analyzer needs a downloaded
spaCy model (en_core_web_lg), which this project's machines cannot fetch, so it is not compared here.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage.redact_cli import score  # noqa: E402
from triage.redaction import redact  # noqa: E402

DEDUCE_TYPES = {
    "persoon": "PERSON", "patient": "PERSON", "telefoonnummer": "PHONE", "emailadres": "EMAIL", "url": "URL",
    "bsn": "ID_NUMBER", "id": "ID_NUMBER", "datum": "DATE_OF_BIRTH", "instelling": "LOCATION",
    "ziekenhuis": "LOCATION", "locatie": "LOCATION",
}


def deduce_predictor() -> Callable[[str], list[dict[str, Any]]] | None:
    try:
        import deduce  # type: ignore[import-not-found]
    except ImportError:
        return None
    model = deduce.Deduce()

    def predict(text: str) -> list[dict[str, Any]]:
        out = []
        for a in model.deidentify(text).annotations:
            typ = DEDUCE_TYPES.get(a.tag)
            if typ is None:  # e.g. leeftijd (age): not personal data in this project
                continue
            if typ == "LOCATION" and any(c.isdigit() for c in a.text):
                typ = "ADDRESS"
            out.append({"start": a.start_char, "end": a.end_char, "type": typ})
        return out

    return predict


def main() -> int:
    tools: dict[str, Callable[[str], list[dict[str, Any]]]] = {"triage.redaction": lambda t: redact(t)["spans"]}
    t0 = time.perf_counter()
    d = deduce_predictor()
    if d is None:
        print("deduce not installed: skipped")
    else:
        tools["deduce"] = d
        print(f"deduce loaded in {time.perf_counter() - t0:.1f} s")
    for name in ("dev.jsonl", "heldout.jsonl"):
        rows = [json.loads(x) for x in (ROOT / "data" / "redact" / name).read_text(encoding="utf-8").splitlines()]
        print(f"\n== {name} ({len(rows)} lines)")
        for tool, fn in tools.items():
            a = time.perf_counter()
            res = score(rows, fn)
            ms = (time.perf_counter() - a) * 1000 / len(rows)
            ch = res["chars"]
            per = "  ".join(
                f"{t}:{(c['recall'] or 0):.2f}/{(c['precision'] or 0):.2f}" for t, c in res["types"].items() if c["gold"]
            )
            print(f"{tool:<17} chars R {ch['recall']:.3f} P {ch['precision']:.3f} F2 {ch['f2']:.3f}  "
                  f"clean lost {res['clean_chars_lost'] * 100:.2f}%  {ms:.2f} ms/line")
            print(f"{'':<17} recall/precision per type: {per}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
