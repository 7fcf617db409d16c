"""Retention: how long what is kept (docs/operations.md, "Retention").

- HELPLINE_RETENTION_DAYS after closing, a conversation's data key is destroyed and its sealed texts
  (messages, notes, whispers) and its resume token are deleted: nobody can read it any more. The
  anonymised transcript is made first, if it was not yet.
- HELPLINE_REVIEW_RETENTION_DAYS after closing, the anonymised transcript and the conversation's record
  (statistics) go too, and with them the supervisors' review (chat/review_queue.py).
- A widget opened without a single message sent leaves an empty conversation; it goes after a day.
- When anything was destroyed, Redis's append-only file is rewritten (BGREWRITEAOF, waited for), so
  the destroyed keys leave the disk too, not only Redis's memory.

Runs hourly in every server process (the steps are idempotent) and on demand: `python -m chat retention`.
"""

from __future__ import annotations

import logging
import time

from chat.config import Settings
from chat.periodic import Periodic
from chat.review import Review
from chat.review_queue import forget_review
from chat.store import ConversationStore

log = logging.getLogger(__name__)

RETENTION_EVERY_S = 3600.0
UNUSED_AFTER_S = 86400
DAY_MS = 86400 * 1000


class Retention:
    def __init__(self, store: ConversationStore, review: Review, settings: Settings) -> None:
        self.store = store
        self.review = review
        self.settings = settings
        self.job = Periodic("retention", self.apply, RETENTION_EVERY_S)

    async def apply(self, now: float | None = None) -> int:
        """Apply every period at time `now` (seconds; default: now). Returns conversations made unreadable."""
        now_ms = (now or time.time()) * 1000
        destroyed = 0
        for cid in await self.store.closed_before(now_ms - self.settings.retention_days * DAY_MS):
            record = await self.store.get(cid)
            if record is None or not record.wrapped_key:
                continue  # done before
            if await self.store.transcript(cid) is None:
                try:
                    await self.review.make_transcript(cid)
                except Exception:  # one unreadable conversation must not keep every later one alive
                    log.exception("retention: no transcript could be made of a conversation; destroying it anyway")
            await self.store.destroy_key(cid)
            await self.store.destroy_texts(cid, record.resume_hash)
            destroyed += 1
        for cid in await self.store.fresh_before(now_ms - UNUSED_AFTER_S * 1000):
            await self.store.forget_unused(cid)
        review_days = max(self.settings.review_retention_days, self.settings.retention_days)
        forgotten = await self.store.closed_before(now_ms - review_days * DAY_MS)
        for cid in forgotten:
            await forget_review(self.store.redis, cid)  # the supervisors' review goes with it
            await self.store.forget_closed(cid)
        if destroyed or forgotten:
            # Deleted in Redis is not yet gone from its disk: the append-only file still holds the
            # original writes (the wrapped keys, the transcripts) until it is rewritten.
            await self.store.rewrite_append_only_file()
        return destroyed
