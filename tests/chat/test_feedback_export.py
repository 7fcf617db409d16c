"""Counsellors' triage feedback becomes redacted, labelled training data (chat/feedback_export.py)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chat.feedback_export import labels_from_feedback
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD


def test_labels_are_suggestions_minus_rejected_plus_confirmed_and_added() -> None:
    suggested = ["grooming", "control_restriction"]
    feedback = {"grooming": "reject", "control_restriction": "confirm", "sextortion": "add", "nonsense": "add"}
    assert labels_from_feedback(suggested, feedback) == ["control_restriction", "sextortion"]


async def test_export_feedback_writes_redacted_labelled_lines(
    server: str, make_user: Callable[..., Any], settings_env: dict[str, str], tmp_path: Path
) -> None:
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi ik ben Sanne Jansen en ik woon in de Kerkstraat 12 in Zwolle")
    await say(kid, "hij heeft fotos van me en zegt dat hij ze doorstuurt als ik niet betaal")
    await claim_when_queued(staff, cid)
    for code, verdict in (("sextortion", "add"), ("grooming", "reject")):
        ack = await staff.call("triage_feedback", {"conversation_id": cid, "code": code, "verdict": verdict})
        assert ack == {"ok": True}
    # a second, open conversation with feedback is not exported: its feedback may still change
    other, other_session = await visitor(server)
    await say(other, "hoi")
    await claim_when_queued(staff, other_session["conversation_id"])
    await staff.call("triage_feedback", {"conversation_id": other_session["conversation_id"], "code": "self_harm",
                                         "verdict": "add"})
    closed = await staff.call("close", {"conversation_id": cid, "outcome": "referred"})
    assert closed["ok"]

    out = tmp_path / "feedback.jsonl"
    env = {**os.environ, **settings_env}
    proc = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "triage", "export-feedback", "-o", str(out)], env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["signals"] == ["sextortion"] and row["feedback"] == {"grooming": "reject", "sextortion": "add"}
    assert cid not in row["id"] and row["writer"] == "feedback"
    text = "\n".join(row["messages"])
    assert len(row["messages"]) == 2 and "fotos" in text
    for secret in ("Sanne", "Jansen", "Kerkstraat 12", "Zwolle"):
        assert secret not in text

    # the export is a corpus file: triage evaluate and train read it
    from triage.evaluation import load_jsonl
    from triage.training import load_rows

    assert load_jsonl(str(out))[0]["signals"] == ["sextortion"]
    assert load_rows([out])[0]["writer"] == "feedback"
    await staff.close()
