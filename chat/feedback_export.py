"""Counsellors' triage feedback as labelled, redacted training data (docs/triage.md, "Feedback").

`python -m triage export-feedback > feedback.jsonl` (or `python -m chat export-feedback`) writes one
line per closed conversation with feedback, in the corpus format that `triage evaluate` and
`triage train` read:

    {"id", "writer": "feedback", "messages": [visitor messages, REDACTED], "signals": [...],
     "feedback": {code: verdict}, "language", "urgency"?}

Labels: what triage suggested, minus what a counsellor rejected, plus what they confirmed or added.
Texts come from the anonymised review transcript made at closing (triage/redaction.py), never from the
sealed originals, and the id is a one-way hash of the conversation id, so an export file names nobody.
Conversations still open are left out: their feedback may still change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from typing import IO, Any

from chat.review import Review
from vocabulary import SIGNALS, Signal, Urgency


def labels_from_feedback(suggested: list[str], feedback: dict[str, str]) -> list[str]:
    """Suggested minus rejected, plus confirmed and added (a counsellor's word beats triage's)."""
    out = {c for c in suggested if feedback.get(c) != "reject"}
    out |= {c for c, v in feedback.items() if v in ("confirm", "add")}
    return sorted(c for c in out if c in SIGNALS)


async def feedback_rows(review: Review) -> AsyncIterator[dict[str, Any]]:
    store = review.store
    for cid in await store.with_feedback():
        if not await store.is_closed(cid):
            continue
        feedback = await store.feedback(cid)
        if not feedback:
            continue
        transcript = await review.transcript(cid)
        if transcript is None or transcript.get("status") != "ready":
            continue  # key destroyed before a transcript was made, or redaction unavailable
        messages = [str(m.get("text", "")) for m in transcript["messages"] if m.get("sender") == "visitor"]
        if not messages:
            continue
        record = await store.get(cid)
        if record is None:
            continue
        signals = labels_from_feedback(record.signals, feedback)
        row: dict[str, Any] = {
            "id": "fb-" + hashlib.sha256(cid.encode()).hexdigest()[:16],
            "writer": "feedback",
            "messages": messages,
            "signals": signals,
            "feedback": dict(sorted(feedback.items())),
        }
        if record.language:
            row["language"] = record.language
        if Signal.ACUTE_DANGER in signals:
            row["urgency"] = Urgency.ACUTE
        elif not signals:
            row["urgency"] = Urgency.LOW
        yield row


async def export_feedback(review: Review, out: IO[str]) -> int:
    n = 0
    async for row in feedback_rows(review):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    out.flush()
    return n
