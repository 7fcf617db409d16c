"""The command-line contract: JSON lines in, one line out per line, bad lines answered with an error."""

from __future__ import annotations

import io
import json
from pathlib import Path

from triage.classify_cli import run_classify, run_evaluate


def test_classify_lines_and_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "messages": ["ik moet voor hem pakketjes rondbrengen", "ik ben 15"]}),
        "this is not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "messages": "not a list"}),
        json.dumps({"id": 7, "messages": [""]}),
        json.dumps([1, 2]),
        json.dumps({"id": "d", "messages": ["ik zit opgesloten"]}),
    ]
    out = io.StringIO()
    assert run_classify(io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(rows) == 7
    assert rows[0]["id"] == "a" and rows[0]["urgency"] == "high"
    assert rows[1] == {"id": None, "error": rows[1]["error"]}
    assert rows[2]["id"] == "b" and "error" in rows[2]
    assert rows[3]["id"] == "c" and "error" in rows[3]
    assert rows[4]["id"] == 7 and rows[4]["signals"] == [] and rows[4]["urgency"] == "low"
    assert rows[5]["id"] is None and "error" in rows[5]
    assert rows[6]["id"] == "d" and rows[6]["queue"] == "crisis"
    for r in rows:
        if "error" not in r:
            assert set(r) == {"id", "signals", "urgency", "role", "minor", "language", "queue"}


def test_evaluate_prints_table(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    rows = [
        {"id": 1, "messages": ["hij slaat me", "ik ben 15"], "signals": ["violence_threats"], "urgency": "high",
         "role": "victim", "minor": True, "language": "nl"},
        {"id": 2, "messages": ["hoi"], "signals": [], "urgency": "low", "role": "unknown", "minor": None,
         "language": "nl"},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = io.StringIO()
    assert run_evaluate(str(data), out) == 0
    text = out.getvalue()
    assert "macro-F1" in text and "violence_threats" in text and "acute_danger recall" in text
    assert "urgency accuracy: " in text and "language" in text  # the per-language table
    out = io.StringIO()
    assert run_evaluate(str(data), out, as_json=True) == 0
    rep = json.loads(out.getvalue())
    assert rep["conversations"] == 2 and rep["per_signal"]["violence_threats"]["support"] == 1
    assert rep["language_accuracy"] == 1.0 and set(rep["per_language"]) == {"nl"}


def test_evaluate_unreadable_file(tmp_path: Path) -> None:
    assert run_evaluate(str(tmp_path / "missing.jsonl"), io.StringIO()) == 1
