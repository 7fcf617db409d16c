"""Coming back without an account (docs/operations.md, "Coming back with a personal code").

Only with the visitor's explicit consent (a button in the widget, `continuity_consent`) does a
conversation get a link and the visitor a personal code: 80 random bits, shown once, stored only as
its SHA-256. A later conversation opened with that code (`auth.continuity_code`) joins the link, and
its counsellor gets a short, anonymised summary of the earlier ones (`continuity` event): date,
signals, urgency, outcome, referral, and the previous counsellors' handover and closing notes,
redacted as review transcripts are (triage/redaction.py). Without a link there is no summary: the
device token (chat/blocking.py) never links anything.

`continuity_revoke` deletes the link, its code and the conversations' pointers to it. A link expires
HELPLINE_RETENTION_DAYS after a conversation last joined it: "coming back" lasts as long as what it
would show is kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from typing import Any

from redis.asyncio import Redis

from chat import keys
from chat.crypto import KeyDestroyed
from chat.errors import ErrorCode, HelplineError
from chat.records import as_text, now_ms
from chat.store import ConversationStore
from chat.tokens import token_hash

log = logging.getLogger(__name__)

# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 16  # 16 x 5 = 80 random bits
EARLIER_MAX = 5  # earlier conversations summarised, newest first
NOTE_KINDS = ("handover",)  # plus the note written when closing (marked `at: close`)
DAY_MS = 86_400_000
LINK_FIELD = "link"


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_CHARS, 4))


def normalise(code: Any, length: int = CODE_CHARS) -> str | None:
    """The code as stored (`length` characters), forgiving case, spaces, dashes and O/I/L typed for 0/1/1.
    The return code (chat/return_code.py) is read the same way."""
    if not isinstance(code, str) or len(code) > 64:
        return None
    text = "".join(code.split()).replace("-", "").upper().translate(str.maketrans("OIL", "011"))
    if len(text) != length or any(c not in ALPHABET for c in text):
        return None
    return text


def _redact(texts: list[str]) -> list[str] | None:
    try:
        from triage.redaction import redact_transcript
    except ImportError:
        return None
    return [str(r.get("text", "")) for r in redact_transcript(texts)]


def _members(rows: Any) -> list[str]:
    """Members of a sorted-set range (redis-py types them loosely)."""
    return [as_text(r) for r in rows]


class Continuity:
    def __init__(self, redis: Redis, store: ConversationStore, retention_days: int) -> None:
        self.redis = redis
        self.store = store
        self.ttl_ms = max(1, retention_days) * DAY_MS
        self._tasks: set[asyncio.Task[None]] = set()

    async def link_of_code(self, code: Any) -> str:
        """The link a personal code opens; `bad_continuity_code` for any other string."""
        normal = normalise(code)
        link_id = as_text(await self.redis.get(keys.link_code(token_hash(normal)))) if normal else ""
        if not link_id:
            raise HelplineError(ErrorCode.BAD_CONTINUITY_CODE)
        return link_id

    async def create(self) -> tuple[str, str]:
        """A new link and its code (link id, code). The code is returned once and never stored."""
        code = new_code()
        code_hash = token_hash(normalise(code) or "")
        link_id = secrets.token_hex(16)
        pipe = self.redis.pipeline(transaction=True)
        pipe.set(keys.link_code(code_hash), link_id, px=self.ttl_ms)
        pipe.hset(keys.link(link_id), mapping={"code": code_hash, "created": now_ms()})
        pipe.pexpire(keys.link(link_id), self.ttl_ms)
        await pipe.execute()
        return link_id, code

    async def attach(self, link_id: str, cid: str) -> bool:
        """Add a conversation to a link (and keep the link another retention period). False when the link
        is gone (revoked or expired since the code was checked)."""
        code_hash = as_text(await self.redis.hget(keys.link(link_id), "code"))
        if not code_hash:
            return False
        pipe = self.redis.pipeline(transaction=True)
        pipe.zadd(keys.link_conversations(link_id), {cid: now_ms()})
        for key in (keys.link(link_id), keys.link_conversations(link_id), keys.link_code(code_hash)):
            pipe.pexpire(key, self.ttl_ms)
        await pipe.execute()
        await self.store.set_fields(cid, {LINK_FIELD: link_id})
        return True

    async def revoke(self, link_id: str) -> list[str]:
        """Delete the link, its code and every pointer to it; returns the conversations it held."""
        code_hash = as_text(await self.redis.hget(keys.link(link_id), "code"))
        cids = _members(await self.redis.zrange(keys.link_conversations(link_id), 0, -1))
        doomed = [keys.link(link_id), keys.link_conversations(link_id)]
        if code_hash:
            doomed.append(keys.link_code(code_hash))
        await self.redis.delete(*doomed)
        if cids:
            await self.store.delete_fields(cids, LINK_FIELD)
        return cids

    async def linked(self, link_id: str) -> bool:
        return bool(link_id) and bool(await self.redis.exists(keys.link(link_id)))

    async def earlier(self, cid: str, link_id: str) -> list[dict[str, Any]]:
        """The anonymised summary of the link's other conversations, newest first."""
        if not link_id:
            return []
        rows = _members(await self.redis.zrevrange(keys.link_conversations(link_id), 0, EARLIER_MAX))
        others = [c for c in rows if c != cid][:EARLIER_MAX]
        out = []
        for other in others:
            record = await self.store.get(other)
            if record is None or record.link != link_id:
                continue
            notes: list[dict[str, Any]] = []
            with contextlib.suppress(KeyDestroyed):  # past retention: the notes are gone
                notes = [n for n in await self.store.notes(other)
                         if n.get("kind") in NOTE_KINDS or n.get("at") == "close"]
            texts = await asyncio.to_thread(_redact, [str(n.get("text", "")) for n in notes]) if notes else []
            out.append({
                "date": record.created_ms / 1000,
                "closed_at": record.closed_at_ms / 1000 if record.closed_at_ms else None,
                "status": record.status,
                "signals": record.signals,
                "urgency": record.urgency,
                "outcome": record.outcome or None,
                "referral": record.referral or None,
                "counsellor": record.handled_by or None,
                # Notes redacted like review transcripts; withheld altogether when redaction is unavailable.
                "notes": [{"kind": "close" if n.get("at") == "close" else str(n.get("kind", "")), "text": text}
                          for n, text in zip(notes, texts or [], strict=False)],
                "redacted": texts is not None,
            })
        return out

    def spawn(self, work: Any) -> None:
        """Run `work` (a coroutine) off the command's path; redaction may take a moment the first time."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("continuity summary failed", exc_info=task.exception())

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=2)
