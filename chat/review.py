"""Supervisor review: anonymised transcripts, statistics and retention (docs/operations.md).

A transcript is redacted once, when its conversation closes (triage/redaction.py, in a worker thread),
and stored sealed with the review key. Supervisors only ever get this redacted text; whispers and
internal notes are not part of it. Retention: HELPLINE_RETENTION_DAYS after closing, the conversation's
data key and its sealed texts are destroyed; the anonymised transcript lives on for
HELPLINE_REVIEW_RETENTION_DAYS.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import orjson

from chat import keys
from chat.config import Settings
from chat.crypto import KeyDestroyed
from chat.store import ConversationStore

log = logging.getLogger(__name__)

RETENTION_EVERY_S = 3600.0
# A widget opened without a single message sent leaves an empty conversation; gone after a day.
ABANDONED_S = 86400
# Waiting-time histogram buckets for the supervisor's chart, in seconds.
WAIT_BUCKETS = (30, 60, 120, 300, 600, 1800, 3600)


def _redact_transcript(texts: list[str]) -> list[dict[str, Any]] | None:
    try:
        from triage.redaction import redact_transcript
    except ImportError:
        return None
    result: list[dict[str, Any]] = redact_transcript(texts)
    return result


class Review:
    def __init__(self, store: ConversationStore, settings: Settings) -> None:
        self.store = store
        self.redis = store.redis
        self.settings = settings
        self._tasks: set[asyncio.Task[None]] = set()
        self._retention: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._retention = asyncio.ensure_future(self._retention_loop())

    async def stop(self) -> None:
        tasks = list(self._tasks) + ([self._retention] if self._retention else [])
        for task in tasks:
            task.cancel()
        if tasks:
            # A task cancelled inside a Redis call can swallow the cancellation: never wait forever.
            await asyncio.wait(tasks, timeout=2)

    def schedule(self, cid: str) -> None:
        task = asyncio.ensure_future(self.make_transcript(cid))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def make_transcript(self, cid: str) -> bool:
        """Redact and store the transcript; False when redaction is unavailable (retried later)."""
        try:
            messages = await self.store.history(cid)
        except KeyDestroyed:
            return False
        texts = [m.text for m in messages]
        redacted = await asyncio.to_thread(_redact_transcript, texts)
        if redacted is None:
            log.warning("triage.redaction not available: transcript of a conversation withheld")
            return False
        entries = [
            {"seq": m.seq, "sender": m.sender, "ts": m.ts, "text": r.get("text", ""),
             "types": sorted({s.get("type", "") for s in r.get("spans", [])})}
            for m, r in zip(messages, redacted, strict=True)
        ]
        sealed = self.store.vault.seal_review(cid, orjson.dumps(entries).decode())
        await self.redis.set(keys.transcript(cid), sealed)
        return True

    # -- reading -----------------------------------------------------------------------------

    async def list_closed(self, filters: dict[str, str], limit: int = 200) -> list[dict[str, Any]]:
        start = _day(filters.get("from"), 0)
        end = _day(filters.get("to"), 86400) if filters.get("to") else "+inf"
        cids = [c.decode() for c in await self.redis.zrevrangebyscore(keys.CLOSED, end, start, start=0, num=2000)]
        fields = ["closed_at", "created", "outcome", "tags", "last_counsellor", "signals", "urgency", "language",
                  "role", "quick_exit", "wait_s", "referral"]
        rows = await self.store.get_many(cids, fields)
        out = []
        for cid, row in zip(cids, rows, strict=True):
            if row is None:
                continue
            signals = json.loads(row["signals"]) if row["signals"] else []
            if filters.get("signal") and filters["signal"] not in signals:
                continue
            if filters.get("outcome") and row["outcome"] != filters["outcome"]:
                continue
            if filters.get("counsellor") and row["last_counsellor"] != filters["counsellor"]:
                continue
            out.append({
                "conversation_id": cid,
                "closed_at": float(row["closed_at"] or 0),
                "created": float(row["created"] or 0),
                "outcome": row["outcome"] or None,
                "tags": json.loads(row["tags"]) if row["tags"] else [],
                "counsellor": row["last_counsellor"] or None,
                "signals": signals,
                "urgency": row["urgency"] or "normal",
                "language": row["language"] or None,
                "role": row["role"] or None,
                "quick_exit": row["quick_exit"] == "1",
                "wait_s": int(row["wait_s"]) if row["wait_s"] else None,
                "referral": row["referral"] or None,
            })
            if len(out) >= limit:
                break
        return out

    async def transcript(self, cid: str) -> dict[str, Any] | None:
        """The anonymised transcript; None if there is no closed conversation with this id."""
        if await self.redis.zscore(keys.CLOSED, cid) is None:
            return None
        sealed = await self.redis.get(keys.transcript(cid))
        if sealed is None and await self.make_transcript(cid):
            sealed = await self.redis.get(keys.transcript(cid))
        summary = next(iter(await self._summary(cid)), {})
        if sealed is None:
            return {**summary, "conversation_id": cid, "status": "pending", "messages": []}
        messages = orjson.loads(self.store.vault.open_review(cid, sealed.decode()))
        return {**summary, "conversation_id": cid, "status": "ready", "redacted": True, "messages": messages}

    async def _summary(self, cid: str) -> list[dict[str, Any]]:
        rows = await self.store.get_many([cid], ["outcome", "tags", "last_counsellor", "signals", "urgency",
                                                 "closed_at", "quick_exit"])
        row = rows[0]
        if row is None:
            return []
        return [{
            "outcome": row["outcome"] or None,
            "tags": json.loads(row["tags"]) if row["tags"] else [],
            "counsellor": row["last_counsellor"] or None,
            "signals": json.loads(row["signals"]) if row["signals"] else [],
            "urgency": row["urgency"] or "normal",
            "closed_at": float(row["closed_at"] or 0),
            "quick_exit": row["quick_exit"] == "1",
        }]

    async def stats(self, days: int = 7) -> dict[str, Any]:
        now = time.time()
        since = now - days * 86400
        cids = [c.decode() for c in await self.redis.zrangebyscore(keys.STARTED, since, "+inf")]
        rows = await self.store.get_many(cids, ["queued_at", "wait_s", "signals"])
        per_hour: dict[str, int] = {}
        per_day_signals: dict[str, dict[str, int]] = {}
        waits = [0] * (len(WAIT_BUCKETS) + 1)
        for row in rows:
            if row is None:
                continue
            started = int(row["queued_at"] or 0) / 1000
            if not started:
                continue
            moment = datetime.fromtimestamp(started, UTC)
            hour = moment.strftime("%Y-%m-%dT%H:00Z")
            per_hour[hour] = per_hour.get(hour, 0) + 1
            if row["wait_s"]:
                wait = int(row["wait_s"])
                waits[next((i for i, b in enumerate(WAIT_BUCKETS) if wait < b), len(WAIT_BUCKETS))] += 1
            day = moment.strftime("%Y-%m-%d")
            for code in json.loads(row["signals"]) if row["signals"] else []:
                per_day_signals.setdefault(day, {})
                per_day_signals[day][code] = per_day_signals[day].get(code, 0) + 1
        labels = [f"<{b}s" for b in WAIT_BUCKETS] + [f">={WAIT_BUCKETS[-1]}s"]
        return {
            "days": days,
            "conversations_per_hour": [{"hour": h, "count": n} for h, n in sorted(per_hour.items())],
            "waiting_time_histogram": [{"bucket": lab, "count": n} for lab, n in zip(labels, waits, strict=True)],
            "signals_per_day": [{"day": d, "signals": s} for d, s in sorted(per_day_signals.items())],
        }

    # -- retention -----------------------------------------------------------------------------

    async def apply_retention(self, now: float | None = None) -> int:
        """Destroy data keys and texts of conversations closed longer ago than the retention period."""
        now = now or time.time()
        cutoff = now - self.settings.retention_days * 86400
        destroyed = 0
        for raw in await self.redis.zrangebyscore(keys.CLOSED, "-inf", cutoff):
            cid = raw.decode()
            conv = await self.store.get(cid) or {}
            if conv.get("dek"):
                if not await self.redis.exists(keys.transcript(cid)):
                    await self.make_transcript(cid)
                await self.store.destroy_key(cid)
                pipe = self.redis.pipeline(transaction=False)
                for key in (keys.messages(cid), keys.notes(cid), keys.whispers(cid), keys.client_ids(cid)):
                    pipe.delete(key)
                if conv.get("resume"):
                    pipe.delete(keys.resume(conv["resume"]))
                await pipe.execute()
                destroyed += 1
        for raw in await self.redis.zrangebyscore(keys.FRESH, "-inf", now - ABANDONED_S):
            cid = raw.decode()
            conv = await self.store.get(cid) or {}
            if conv.get("status", "new") == "new":
                await self.redis.delete(keys.conversation(cid), *([keys.resume(conv["resume"])] if conv.get("resume") else []))
            await self.redis.zrem(keys.FRESH, cid)
        review_cutoff = now - max(self.settings.review_retention_days, self.settings.retention_days) * 86400
        for raw in await self.redis.zrangebyscore(keys.CLOSED, "-inf", review_cutoff):
            cid = raw.decode()
            await self.redis.delete(keys.transcript(cid), keys.conversation(cid), keys.feedback(cid))
            await self.redis.zrem(keys.CLOSED, cid)
            await self.redis.zrem(keys.STARTED, cid)
        return destroyed

    async def _retention_loop(self) -> None:
        while True:
            try:
                await self.apply_retention()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("retention")
            await asyncio.sleep(RETENTION_EVERY_S)


def _day(value: str | None, offset: int) -> float | str:
    if not value:
        return "-inf"
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC).timestamp() + offset
    except ValueError:
        return "-inf"
