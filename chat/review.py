"""Supervisor review: anonymised transcripts and statistics (docs/operations.md, "Review").

A transcript is redacted once, when its conversation closes (triage/redaction.py, in a worker thread),
and stored sealed with the review key. Supervisors only ever get this redacted text. Internal notes,
handovers and whispers are part of it, redacted the same way (one pseudonym per name across all of
them); public referral addresses and numbers are kept. How long what is kept: chat/retention.py.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import orjson

import vocabulary
from chat.content import DIRECTORY, ContentStore
from chat.crypto import KeyDestroyed
from chat.records import ConversationRecord
from chat.store import ConversationStore
from vocabulary import Urgency

log = logging.getLogger(__name__)

# Waiting-time histogram buckets for the supervisor's chart, in seconds.
WAIT_BUCKETS = (30, 60, 120, 300, 600, 1800, 3600)


def _redact_transcript(texts: list[str], public: list[str] | None = None) -> list[dict[str, Any]] | None:
    """Redacted texts; the `public` strings (the referral directory's web addresses and phone numbers, the
    help lines) are kept as written: a counsellor's referral link is no personal data."""
    try:
        from triage.redaction import redact_transcript
    except ImportError:
        return None
    marks: dict[str, str] = {}
    shielded = []
    for text in texts:
        for n, value in enumerate(sorted(set(public or []), key=len, reverse=True)):
            if value and value in text:
                # Private-use characters: no word, digit or address for the redactor to find.
                mark = marks.setdefault(value, f"\ue000{chr(0xE100 + n)}\ue001")
                text = text.replace(value, mark)
        shielded.append(text)
    result: list[dict[str, Any]] = redact_transcript(shielded)
    for entry in result:
        for value, mark in marks.items():
            entry["text"] = str(entry.get("text", "")).replace(mark, value)
    return result


def _warm_redaction() -> None:
    try:
        from triage.redaction import warm_up
    except ImportError:
        return
    try:
        warm_up()
    except Exception:  # a failed warm-up only means the first transcript loads them itself
        log.exception("warming up the redaction failed")


def _public_strings(directory: list[Any]) -> list[str]:
    """Web addresses and phone numbers of the referral directory and the help lines, as counsellors paste
    them ("Name · phone · url"); also without the scheme, as people write them."""
    out: list[str] = []
    for org in directory:
        if not isinstance(org, dict):
            continue
        for key in ("url", "phone"):
            value = str(org.get(key) or "").strip()
            if len(value) >= 3:
                out.append(value)
                if key == "url" and "://" in value:
                    out.append(value.split("://", 1)[1])
    out += [h.number for h in vocabulary.HELPLINES] + [vocabulary.EMERGENCY_NUMBER]
    return [v for v in out if v]


# Work for a conversation that has just closed, besides its transcript: the review queue's decision
# (chat/review_queue.py) and the counsellor's exposure (chat/welfare.py). Each must be idempotent: a
# conversation the visitor left is scheduled again when its counsellor records the outcome.
CloseHook = Callable[[str], Awaitable[object]]


class Review:
    def __init__(self, store: ConversationStore) -> None:
        self.store = store
        self.content = ContentStore(store.redis)
        self.on_close: list[CloseHook] = []
        self._tasks: set[asyncio.Task[bool]] = set()
        self.warming: asyncio.Task[None] | None = None

    def warm_up(self) -> None:
        """Load the redaction's word lists, spaCy and its model in a thread now, so the first transcript after a
        start does not wait 2-5 s for them. Not awaited: the server starts serving meanwhile."""
        if self.warming is None:
            self.warming = asyncio.ensure_future(asyncio.to_thread(_warm_redaction))

    async def stop(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            # A task cancelled inside a Redis call can swallow the cancellation: never wait forever.
            await asyncio.wait(tasks, timeout=2)

    def schedule(self, cid: str) -> None:
        """Called at every close (the service's and abandonment's `Scheduler`)."""
        task = asyncio.ensure_future(self._closed(cid))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _closed(self, cid: str) -> bool:
        for hook in self.on_close:
            try:
                await hook(cid)
            except Exception:  # one failing hook must not cost the transcript (the review sweep retries)
                log.exception("work after a conversation closed failed")
        return await self.make_transcript(cid)

    async def make_transcript(self, cid: str) -> bool:
        """Redact and store the transcript; False when redaction is unavailable (retried later)."""
        try:
            messages = await self.store.history(cid)
        except KeyDestroyed:
            return False
        notes = await self.store.notes(cid)
        whispers = await self.store.whispers(cid)
        texts = [m.text for m in messages] + [str(n.get("text", "")) for n in notes + whispers]
        public = _public_strings(await self.content.get(DIRECTORY))
        # One call for all, so a name gets the same placeholder in a message, a note and a whisper.
        redacted = await asyncio.to_thread(_redact_transcript, texts, public)
        if redacted is None:
            log.warning("triage.redaction not available: transcript of a conversation withheld")
            return False

        def types(r: dict[str, Any]) -> list[str]:
            return sorted({s.get("type", "") for s in r.get("spans", [])})

        entries = [
            {"seq": m.seq, "sender": m.sender, "ts": m.ts, "text": r.get("text", ""), "types": types(r)}
            for m, r in zip(messages, redacted, strict=False)
        ]
        rest = redacted[len(messages):]
        # Notes (kinds note, handover, system) and whispers: who wrote them is staff, never the visitor.
        note_entries = [
            {"kind": str(n.get("kind") or "note"), "author": str(n.get("author") or ""), "ts": n.get("ts"),
             "to": str(n.get("to") or ""), "text": r.get("text", ""), "types": types(r)}
            for n, r in zip(notes, rest, strict=False)
        ]
        whisper_entries = [
            {"from": str(w.get("from") or ""), "ts": w.get("ts"), "text": r.get("text", ""), "types": types(r)}
            for w, r in zip(whispers, rest[len(notes):], strict=False)
        ]
        document = {"messages": entries, "notes": note_entries, "whispers": whisper_entries}
        sealed = self.store.vault.seal_review(cid, orjson.dumps(document).decode())
        await self.store.save_transcript(cid, sealed)
        return True

    # -- reading -----------------------------------------------------------------------------

    async def list_closed(self, filters: dict[str, str], limit: int = 200) -> list[dict[str, Any]]:
        start = _day_ms(filters.get("from"), 0)
        end = _day_ms(filters.get("to"), 86400) if filters.get("to") else "+inf"
        cids = await self.store.closed_between(start, end, 2000)
        records = await self.store.get_many(cids, SUMMARY_FIELDS + ["created", "role", "language", "wait_s", "referral"])
        out = []
        for record in records:
            if record is None:
                continue
            if filters.get("signal") and filters["signal"] not in record.signals:
                continue
            if filters.get("outcome") and record.outcome != filters["outcome"]:
                continue
            if filters.get("counsellor") and record.last_counsellor != filters["counsellor"]:
                continue
            out.append({
                **_summary(record),
                "conversation_id": record.conversation_id,
                "created": record.created_ms / 1000,
                "language": record.language or None,
                "role": record.role,
                "wait_s": record.wait_s,
                "referral": record.referral or None,
            })
            if len(out) >= limit:
                break
        return out

    async def transcript(self, cid: str) -> dict[str, Any] | None:
        """The anonymised transcript; None if there is no closed conversation with this id."""
        if not await self.store.is_closed(cid):
            return None
        sealed = await self.store.transcript(cid)
        if sealed is None and await self.make_transcript(cid):
            sealed = await self.store.transcript(cid)
        record = (await self.store.get_many([cid], SUMMARY_FIELDS + DETAIL_FIELDS))[0]
        summary = {**_summary(record), **await self._details(record)} if record is not None else {}
        if sealed is None:
            return {**summary, "conversation_id": cid, "status": "pending", "messages": [], "notes": [],
                    "whispers": []}
        document = orjson.loads(self.store.vault.open_review(cid, sealed))
        if isinstance(document, list):  # made before notes and whispers were part of it
            document = {"messages": document}
        return {**summary, "conversation_id": cid, "status": "ready", "redacted": True,
                "messages": document.get("messages", []), "notes": document.get("notes", []),
                "whispers": document.get("whispers", [])}

    async def _details(self, record: ConversationRecord) -> dict[str, Any]:
        """Waiting time, duration and the referral (the directory's public entry, not redacted)."""
        referral = None
        if record.referral:
            org = next((o for o in await self.content.get(DIRECTORY)
                        if isinstance(o, dict) and str(o.get("id")) == record.referral), None)
            referral = {"id": record.referral, **({k: str(org.get(k) or "") for k in ("name", "phone", "url")}
                                                  if org else {"name": record.referral})}
        return {"wait_s": record.wait_s, "duration_s": _duration_s(record), "referral": referral,
                "ended_by": record.ended_by or None}

    async def stats(self, days: int = 7) -> dict[str, Any]:
        since_ms = (time.time() - days * 86400) * 1000
        cids = await self.store.started_since(since_ms)
        records = await self.store.get_many(cids, ["queued_at", "wait_s", "signals", "ended_by", "quick_exit",
                                                   "outcome", "closed_at"])
        gave_up = sum(1 for r in records if r is not None and r.ended_by == "gave_up")
        durations = sorted(d for d in (_duration_s(r) for r in records if r is not None) if d is not None)
        outcomes: dict[str, int] = {}
        for r in records:
            if r is not None and r.outcome:
                outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
        per_hour: dict[str, int] = {}
        per_day_signals: dict[str, dict[str, int]] = {}
        waits = [0] * (len(WAIT_BUCKETS) + 1)
        for record in records:
            if record is None or not record.queued_at_ms:
                continue
            moment = datetime.fromtimestamp(record.queued_at_ms / 1000, UTC)
            hour = moment.strftime("%Y-%m-%dT%H:00Z")
            per_hour[hour] = per_hour.get(hour, 0) + 1
            if record.wait_s is not None:
                wait = record.wait_s
                waits[next((i for i, b in enumerate(WAIT_BUCKETS) if wait < b), len(WAIT_BUCKETS))] += 1
            day = moment.strftime("%Y-%m-%d")
            for code in record.signals:
                per_day_signals.setdefault(day, {})
                per_day_signals[day][code] = per_day_signals[day].get(code, 0) + 1
        labels = [f"<{b}s" for b in WAIT_BUCKETS] + [f">={WAIT_BUCKETS[-1]}s"]
        return {
            "days": days,
            "conversations_per_hour": [{"hour": h, "count": n} for h, n in sorted(per_hour.items())],
            "waiting_time_histogram": [{"bucket": lab, "count": n} for lab, n in zip(labels, waits, strict=True)],
            "signals_per_day": [{"day": d, "signals": s} for d, s in sorted(per_day_signals.items())],
            "conversations": len([r for r in records if r is not None]),
            "gave_up": gave_up,  # closed while waiting, the visitor gone (chat/abandonment.py)
            # Key figures beside the charts.
            "quick_exits": sum(1 for r in records if r is not None and r.quick_exit),
            "median_handling_s": round(statistics.median(durations)) if durations else None,
            "handled": len(durations),
            "outcomes": [{"outcome": o, "count": outcomes[o]} for o in vocabulary.OUTCOMES if o in outcomes]
                        + [{"outcome": o, "count": n} for o, n in outcomes.items() if o not in vocabulary.OUTCOMES],
        }


SUMMARY_FIELDS = ["outcome", "tags", "last_counsellor", "signals", "urgency", "closed_at", "quick_exit"]
DETAIL_FIELDS = ["queued_at", "wait_s", "referral", "ended_by"]


def _duration_s(record: ConversationRecord) -> int | None:
    """From the first claim (queued + waited) to closing; None for one never answered or still open."""
    if record.closed_at_ms is None or record.queued_at_ms is None or record.wait_s is None:
        return None
    return max(0, (record.closed_at_ms - record.queued_at_ms) // 1000 - record.wait_s)


def _summary(record: ConversationRecord) -> dict[str, Any]:
    return {
        "outcome": record.outcome or None,
        "tags": record.tags,
        "counsellor": record.last_counsellor or None,
        "signals": record.signals,
        "urgency": record.urgency or Urgency.NORMAL,
        "closed_at": (record.closed_at_ms or 0) / 1000,
        "quick_exit": record.quick_exit,
    }


def _day_ms(value: str | None, offset_s: int) -> float | str:
    """The start of an ISO day (plus an offset) in ms, for a range over closing times."""
    if not value:
        return "-inf"
    try:
        return (datetime.fromisoformat(value).replace(tzinfo=UTC).timestamp() + offset_s) * 1000
    except ValueError:
        return "-inf"
