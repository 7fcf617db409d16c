"""Queue views: who waits, in which order, as each person sees it — the counsellors' `queue`, the
visitors' `queue_status` and the supervisors' `board` (docs/protocol.md). Who may take what is decided in
chat/routing.py; this module keeps the views fresh.

Each process polls the queue version in Redis (bumped by every change of the queue) and sends each of
its own sockets its view when that view changed. The loops here are the only periodic work of a chat
process besides retention (chat/retention.py).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from chat.config import Settings
from chat.crypto import KeyDestroyed
from chat.delivery import Delivery
from chat.flood import FLOOD_WINDOW_MIN, summary
from chat.periodic import Periodic
from chat.presence import PRESENCE_EVERY_S, CounsellorLink, Presence, VisitorLink, presence_wire
from chat.records import ConversationRecord, now_ms
from chat.routing import QUEUE_FIELDS, Waiting, view_for
from chat.store import ConversationStore
from chat.team import team
from chat.wire import FloodWire, QueueStatusWire, QueueWire
from vocabulary import Status, Urgency

log = logging.getLogger(__name__)

# How often each process looks at the queue version; queue and position updates reach people within it.
QUEUE_POLL_S = 0.2
# Even without changes, resend queue views this often (waiting times, overflow).
QUEUE_REFRESH_S = 10.0
BOARD_EVERY_S = 2.0
# A queue or board event lists at most this many waiting conversations, most urgent first, plus the
# total: with thousands waiting (a flood of fake chats) every event was 1.2 MB (issue 9). Nobody
# takes the 51st conversation before the first fifty.
VIEW_MAX = 50
# Waiting conversations whose visitor's presence is looked up at each refresh (most urgent first): far
# more than any counsellor's view shows, without reading thousands in a flood of fake chats.
PRESENCE_MAX = 1000
# A queue card shows the start of the visitor's first message (a counsellor may read before taking).
PREVIEW_CHARS = 160


def waiting_item(record: ConversationRecord, score: int) -> Waiting:
    return Waiting(
        conversation_id=record.conversation_id,
        score=score,
        queue=record.queue,
        urgency=record.urgency,
        language=record.language,
        role=record.role,
        minor=record.minor,
        signals=record.signals,
        queued_at_ms=record.queued_at_ms or now_ms(),
        offline=record.offline,
        acute_reason=record.acute_reason,
        acute_since_ms=max(record.acute_at_ms or 0, record.queued_at_ms or 0) or None,
        escalated=record.escalated_at_ms is not None,
        flood=record.flood,
    )


class QueueView:
    def __init__(self, store: ConversationStore, presence: Presence, delivery: Delivery, settings: Settings) -> None:
        self.store = store
        self.presence = presence
        self.delivery = delivery
        self.settings = settings
        self.waiting: list[Waiting] = []
        self._positions: dict[str, int] = {}  # conversation -> place in the queue (1 = next)
        self._urgent: set[str] = set()  # waiting conversations triaged acute
        # conversation -> start of its first visitor message, for queue cards. Memory only (never stored or
        # logged), read once per waiting conversation that a counsellor's view shows, dropped when it leaves.
        self._previews: dict[str, str] = {}
        # conversation -> (visitor connected, last seen ms) for the waiting ones, refreshed with the queue.
        self._presence: dict[str, tuple[bool, int | None]] = {}
        # A flood of new conversations in the last minutes (chat/flood.py): the console's banner.
        self.flood: FloodWire | None = None
        self._version = -1
        self._last_full = 0.0
        self.jobs = [
            Periodic("queue loop", self._queue_tick, QUEUE_POLL_S),
            Periodic("presence loop", self._presence_tick, PRESENCE_EVERY_S),
            Periodic("board loop", self._board_tick, BOARD_EVERY_S),
        ]

    def start(self) -> None:
        for job in self.jobs:
            job.start()

    async def stop(self) -> None:
        for job in self.jobs:
            await job.stop()

    @property
    def running(self) -> bool:
        return any(job.running for job in self.jobs)

    async def load_waiting(self) -> list[Waiting]:
        pairs = await self.store.waiting()
        records = await self.store.get_many([cid for cid, _ in pairs], QUEUE_FIELDS)
        return [waiting_item(r, score) for (_, score), r in zip(pairs, records, strict=True) if r is not None]

    # -- per person ---------------------------------------------------------------------------------

    async def send_queue(self, sid: str, link: CounsellorLink, force: bool = False) -> None:
        now = now_ms()
        view = view_for(link.account, self.waiting, now, self.settings.overflow_s)
        # Waiting times tick on the console itself; only a change of who or what waits is news.
        shown = view[:VIEW_MAX]
        await self._load_previews([item["conversation_id"] for item in shown])
        for item in shown:
            item["preview"] = self._previews.get(item["conversation_id"], "")
            item["visitor"] = presence_wire(*self._presence.get(item["conversation_id"], (False, None)))
        # Times tick on the console; only who waits, what they wrote and whether they are there is news.
        shape = [{**{k: v for k, v in item.items() if k not in {"waited_s", "visitor"}},
                  "connected": item["visitor"]["connected"]} for item in shown]
        shape.append({"total": len(view), "flood": self.flood})
        stale = time.monotonic() - link.last_queue_at > QUEUE_REFRESH_S
        if force or stale or shape != link.last_queue:
            link.last_queue = shape
            link.last_queue_at = time.monotonic()
            queue: QueueWire = {"waiting": shown, "total": len(view), "online": self.presence.online_count,
                                "flood": self.flood}
            await self.delivery.queue(sid, queue)

    async def _load_previews(self, cids: list[str]) -> None:
        for cid in cids:
            if cid in self._previews:
                continue
            try:
                messages = await self.store.history(cid, 0, 3)
            except KeyDestroyed:
                continue
            except Exception:  # noqa: BLE001 - a text that cannot be read must never cost the queue itself
                log.warning("queue preview of a conversation could not be read")
                self._previews[cid] = ""
                continue
            first = next((m.text for m in messages if m.sender == "visitor"), "")
            if first:
                self._previews[cid] = first[:PREVIEW_CHARS]

    async def send_queue_status(self, sid: str, link: VisitorLink, force: bool = False) -> None:
        # A lookup, not a scan: this runs for every waiting visitor's socket at every change.
        position = self._positions.get(link.conversation_id)
        if position is None:
            if link.last_queue_status is not None and not force:
                link.last_queue_status = None
            return
        capacity = self.presence.online_count * max(1, self.settings.max_conversations)
        eta = round(position * self.settings.mean_handle_s / capacity) if capacity else None
        status: QueueStatusWire = {
            "position": position,
            "waiting": len(self.waiting),
            "estimated_wait_s": eta,
            "open": self.presence.is_open(),
            "counsellors_online": self.presence.online_count,
            "urgent": link.conversation_id in self._urgent,
        }
        if force or status != link.last_queue_status:
            link.last_queue_status = status
            await self.delivery.queue_status(sid, status)

    async def board(self) -> dict[str, Any]:
        now = now_ms()
        waiting = self.waiting
        active = await self.store.active()
        records = await self.store.get_many(active, ["counsellor", "urgency", "queued_at", "claimed_at", "language",
                                                     "queue", "signals", "acute_by", "acute_counsellor",
                                                     "acute_safe_word"])
        conversations = []
        for record in records:
            if record is None or record.status != Status.ACTIVE:
                continue
            conversations.append({
                "conversation_id": record.conversation_id, "status": Status.ACTIVE, "counsellor": record.counsellor,
                "urgency": record.urgency, "language": record.language or None, "queue": record.queue,
                "signals": record.signals,
                "active_s": max(0, (now - (record.claimed_at_ms or now)) // 1000),
                "acute_reason": record.acute_reason or None,
            })
        acute = [
            {"conversation_id": w.conversation_id, "status": Status.QUEUED, "waited_s": w.waited_s(now),
             "counsellor": None, "reason": w.acute_reason or "triage", "escalated": w.escalated}
            for w in waiting if w.urgency == Urgency.ACUTE
        ] + [
            {"conversation_id": c["conversation_id"], "status": Status.ACTIVE, "waited_s": None,
             "counsellor": c["counsellor"], "reason": c["acute_reason"] or "triage", "escalated": False}
            for c in conversations if c["urgency"] == Urgency.ACUTE
        ]
        shown = waiting[:VIEW_MAX]
        await self._load_previews([w.conversation_id for w in shown])
        queue = []
        for w in shown:
            item: dict[str, Any] = dict(w.wire(now, self.settings.overflow_s))
            item["preview"] = self._previews.get(w.conversation_id, "")
            item["visitor"] = presence_wire(*self._presence.get(w.conversation_id, (False, None)))
            queue.append(item)
        return {
            "waiting": len(waiting),
            "active": len(conversations),
            "longest_wait_s": max((w.waited_s(now) for w in waiting), default=0),
            "counsellors_online": self.presence.online_count,
            "acute": acute[:VIEW_MAX],
            "acute_total": len(acute),
            "queue": queue,
            "conversations": conversations,
            "flood": self.flood,
            "counsellors": team(await self.presence.online_names(),
                                [str(c["counsellor"]) for c in conversations], self.settings.max_conversations),
        }

    # -- loops ----------------------------------------------------------------------------------------

    async def refresh(self) -> None:
        self.waiting = await self.load_waiting()
        counts = await self.store.new_counts(time.time(), FLOOD_WINDOW_MIN)
        self.flood = summary(counts, self.settings.max_new_per_minute, self.settings.max_flood_per_minute)
        self._positions = {w.conversation_id: n for n, w in enumerate(self.waiting, start=1)}
        # A visitor who typed a safe word sees nothing change (chat/acute.py): no "in danger now" box.
        self._urgent = {w.conversation_id for w in self.waiting
                        if w.urgency == Urgency.ACUTE and w.acute_reason != "safe_word"}
        self._previews = {cid: text for cid, text in self._previews.items() if cid in self._positions}
        shown = [w.conversation_id for w in self.waiting[:PRESENCE_MAX]]
        self._presence = dict(zip(shown, await self.presence.visitors_presence(shown), strict=True))
        await self.presence.refresh_monitored()
        for sid, link in list(self.presence.counsellors.items()):
            await self.send_queue(sid, link)
        for sid, vlink in list(self.presence.visitors.items()):
            await self.send_queue_status(sid, vlink)

    async def _queue_tick(self) -> None:
        version = await self.store.queue_version()
        if version != self._version or time.monotonic() - self._last_full > QUEUE_REFRESH_S / 2:
            self._version = version
            self._last_full = time.monotonic()
            await self.refresh()

    async def _presence_tick(self) -> None:
        if await self.presence.heartbeat():
            await self.store.bump_queue_version()

    async def _board_tick(self) -> None:
        if self.presence.supervisors:
            await self.delivery.board(await self.board())
