"""`python -m triage redact` and `evaluate-redact`: JSON lines contract, bad lines, scores."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from triage.redact_cli import run_evaluate_redact, run_redact, score

ROOT = Path(__file__).resolve().parents[2]


def test_redact_lines_in_order_with_bad_lines() -> None:
    src = io.StringIO(
        '{"id": 1, "text": "ik heet Lisa, bel 06-12345678"}\n'
        "not json\n"
        '{"id": "b"}\n'
        '{"id": 3, "text": 42}\n'
        "[1, 2]\n"
        "\n"
        '{"id": 4, "text": "Mag ik iets vragen over een hotel?"}\n'
    )
    out = io.StringIO()
    assert run_redact(src, out) == 0
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x.get("id") for x in lines] == [1, None, "b", 3, None, 4]
    assert lines[0]["text"] == "ik heet [NAAM], bel [TELEFOON]"
    assert lines[0]["spans"] == [{"start": 8, "end": 12, "type": "PERSON"}, {"start": 18, "end": 29, "type": "PHONE"}]
    assert all("error" in x for x in lines[1:5])
    assert lines[5] == {"id": 4, "text": "Mag ik iets vragen over een hotel?", "spans": []}


def test_module_entry_point(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from triage.__main__ import main

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "x", "text": "mail lisa@example.nl"}\n'))
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["redact"]) == 0
    assert json.loads(out.getvalue()) == {
        "id": "x",
        "text": "mail [E-MAIL]",
        "spans": [{"start": 5, "end": 20, "type": "EMAIL"}],
    }


def test_score_counts_overlap_exact_and_clean_loss() -> None:
    rows = [
        {"id": 1, "text": "ik heet Lisa de Vries", "spans": [{"start": 8, "end": 21, "type": "PERSON"}]},
        {"id": 2, "text": "geen data hier", "spans": []},
    ]

    def predict(text: str) -> list[dict[str, object]]:
        if text.startswith("ik"):
            return [{"start": 8, "end": 12, "type": "PERSON"}]  # overlaps, not exact
        return [{"start": 0, "end": 4, "type": "PERSON"}]  # 4 of 14 clean characters lost

    res = score(rows, predict)
    p = res["types"]["PERSON"]
    assert p["recall"] == 1.0 and p["recall_exact"] == 0.0
    assert p["precision"] == 0.5
    assert res["chars"]["recall"] == round(4 / 13, 4)
    assert res["clean_chars_lost"] == round(4 / 14, 4)


def test_evaluate_prints_table(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(
        json.dumps({"id": 1, "text": "bel 06-12345678", "spans": [{"start": 4, "end": 15, "type": "PHONE"}]})
        + "\n"
        + json.dumps({"id": 2, "text": "ik ga naar school", "spans": []})
        + "\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_evaluate_redact(str(data), out) == 0
    text = out.getvalue()
    assert "PHONE" in text and "1.000" in text
    assert "characters: recall 1.000  precision 1.000  F2 1.000" in text
    assert "0.00% of characters redacted" in text


def test_evaluate_missing_file() -> None:
    out = io.StringIO()
    assert run_evaluate_redact("/nonexistent/file.jsonl", out) == 2
    assert "error" in out.getvalue()


def test_badly_encoded_line_does_not_stop_the_stream() -> None:
    raw = io.BytesIO(b'{"id": 1, "text": "bel 06-12345678 \xff"}\n{"id": 2, "text": "ik heet Lisa"}\n')
    out = io.StringIO()
    assert run_redact(io.TextIOWrapper(raw, encoding="utf-8"), out) == 0
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["id"] for x in lines] == [1, 2]
    assert lines[0]["text"].startswith("bel [TELEFOON]")
    assert lines[1]["text"] == "ik heet [NAAM]"
