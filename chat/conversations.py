"""The conversation service: what happens to a conversation, between the transports (chat/transport/)
and the store (chat/store.py). Design: docs/protocol.md and docs/operations.md.

Live delivery goes through python-socketio rooms, which the Redis manager spreads across server
processes: `v:<cid>` on /visitor, `c:<cid>` on /counsellor (the sockets of the counsellor who has the
conversation), `u:<username>` on /counsellor (all of a counsellor's sockets), `m:<cid>` on /supervisor.
Everything that must survive a restart is in Redis; the dictionaries here only know which sockets
this process holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
import socketio

from chat import keys, notices
from chat.accounts import Account, Accounts
from chat.config import Settings
from chat.hours import OpeningHours
from chat.routing import QUEUE_FIELDS, QUEUES, Waiting, may_take, view_for
from chat.store import Appended, ConversationStore, Message, StoreError, now_ms

log = logging.getLogger(__name__)

# How often each process looks at the queue version; queue and position updates reach people within it.
QUEUE_POLL_S = 0.2
# Even without changes, resend queue views this often (waiting times, overflow).
QUEUE_REFRESH_S = 10.0
# Presence heartbeat; a counsellor counts as online while seen within PRESENCE_TTL_S.
PRESENCE_EVERY_S = 10.0
PRESENCE_TTL_S = 30.0
BOARD_EVERY_S = 2.0
SIGNAL_CODES = (
    "acute_danger", "self_harm", "grooming", "sexual_exploitation", "sextortion", "criminal_exploitation",
    "labour_exploitation", "debt_bondage", "control_restriction", "violence_threats", "missing_runaway",
    "unaccompanied_migrant", "family_perpetrator",
)
# Close outcome categories with their labels (Dutch, English, French).
OUTCOME_LABELS: dict[str, dict[str, str]] = {
    "advice_given": {"nl": "Advies gegeven", "en": "Advice given", "fr": "Conseil donné"},
    "referred": {"nl": "Doorverwezen", "en": "Referred", "fr": "Orienté"},
    "emergency_services": {"nl": "Hulpdiensten ingeschakeld", "en": "Emergency services called",
                           "fr": "Services d'urgence appelés"},
    "follow_up_planned": {"nl": "Vervolg afgesproken", "en": "Follow-up planned", "fr": "Suivi prévu"},
    "visitor_left": {"nl": "Bezoeker vertrokken", "en": "Visitor left", "fr": "Visiteur parti"},
    "no_contact": {"nl": "Geen contact", "en": "No contact", "fr": "Pas de contact"},
    "not_helpline_topic": {"nl": "Ander onderwerp", "en": "Not a helpline topic", "fr": "Autre sujet"},
    "abusive": {"nl": "Misbruik van de chat", "en": "Abusive", "fr": "Abusif"},
    "other": {"nl": "Anders", "en": "Other", "fr": "Autre"},
}
OUTCOMES = tuple(OUTCOME_LABELS)


@dataclass
class VisitorLink:
    conversation_id: str
    lang: str
    last_queue_status: dict[str, Any] | None = None


@dataclass
class CounsellorLink:
    account: Account
    token: str
    last_queue: list[dict[str, Any]] | None = None
    last_queue_at: float = 0.0


@dataclass
class SupervisorLink:
    account: Account
    monitoring: set[str] = field(default_factory=set)


def _json_list(raw: str) -> list[Any]:
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return value if isinstance(value, list) else []


class ConversationService:
    def __init__(
        self, sio: socketio.AsyncServer, store: ConversationStore, accounts: Accounts, settings: Settings
    ) -> None:
        self.sio = sio
        self.store = store
        self.accounts = accounts
        self.settings = settings
        self.hours = OpeningHours(settings.opening_hours, settings.timezone)
        self.redis = store.redis
        self.visitors: dict[str, VisitorLink] = {}
        self.counsellors: dict[str, CounsellorLink] = {}
        self.supervisors: dict[str, SupervisorLink] = {}
        self.monitored: set[str] = set()
        self.online_count = 0
        self.triage: Any = None  # chat.triage_runner.TriageRunner, set by the app
        self.review: Any = None  # chat.review.Review, set by the app
        self._tasks: list[asyncio.Task[None]] = []
        self._queue_version = -1
        self._waiting: list[Waiting] = []
        self._last_triage: dict[str, str] = {}
        store.on_commit = self._deliver

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        for loop in (self._queue_loop, self._presence_loop, self._board_loop):
            self._tasks.append(asyncio.ensure_future(loop()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            # A loop cancelled inside a Redis call can swallow the cancellation: never wait forever.
            await asyncio.wait(self._tasks, timeout=2)
        self._tasks.clear()

    # -- service state ------------------------------------------------------------------------

    def is_open(self) -> bool:
        return self.hours.is_open() and self.online_count > 0

    def service_state(self) -> dict[str, Any]:
        return {"open": self.is_open(), "counsellors_online": self.online_count, "hours_open": self.hours.is_open()}

    # -- live delivery ---------------------------------------------------------------------------

    async def _deliver(self, appended: Appended) -> None:
        """Called by the store in commit order, before the sender's acknowledgement."""
        message = appended.message
        cid = message.conversation_id
        wire = message.wire()
        if message.sender != "visitor":
            await self.sio.emit("message", wire, room=f"v:{cid}", namespace="/visitor")
        if message.sender != "counsellor":
            await self.sio.emit("message", wire, room=f"c:{cid}", namespace="/counsellor")
        if cid in self.monitored:
            await self.sio.emit("message", wire, room=f"m:{cid}", namespace="/supervisor")

    # -- visitors ------------------------------------------------------------------------------

    async def visitor_connect(self, sid: str, auth: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """Returns the `session` payload and the seq after which to replay messages (-1: none)."""
        lang = auth.get("lang") if auth.get("lang") in notices.LANGUAGES else "nl"
        resume_token = auth.get("resume_token")
        if resume_token is not None:
            if not isinstance(resume_token, str) or len(resume_token) > 128:
                raise StoreError("bad_resume_token")
            cid = await self.store.find_by_resume_token(resume_token)
            conv = await self.store.get(cid) if cid else None
            if not cid or conv is None:
                raise StoreError("bad_resume_token")
            last_seq = auth.get("last_seq", 0)
            if isinstance(last_seq, bool) or not isinstance(last_seq, int) or last_seq < 0:
                last_seq = 0
            status = conv.get("status", "new")
            lang = conv.get("lang") or lang
        else:
            about = auth.get("about") if auth.get("about") in {"self", "other", "professional"} else ""
            cid, resume_token = await self.store.create(about=str(about), lang=str(lang))
            status, last_seq = "new", -1
        self.visitors[sid] = VisitorLink(cid, str(lang))
        await self.sio.enter_room(sid, f"v:{cid}", namespace="/visitor")
        session = {
            "conversation_id": cid,
            "resume_token": resume_token,
            "status": status,
            "service": self.service_state(),
        }
        return session, last_seq

    async def visitor_replay(self, sid: str, after_seq: int) -> None:
        link = self.visitors.get(sid)
        if link is None:
            return
        for message in await self.store.history(link.conversation_id, after_seq):
            await self.sio.emit("message", message.wire(), to=sid, namespace="/visitor")
        await self._send_queue_status(sid, link, force=True)

    def visitor_disconnect(self, sid: str) -> None:
        self.visitors.pop(sid, None)

    async def visitor_message(self, sid: str, text: str, client_id: str) -> dict[str, Any]:
        link = self.visitors[sid]
        cid = link.conversation_id
        appended = await self.store.append(cid, "visitor", text, client_id)
        if appended.became_queued:
            offline = not self.is_open()
            await self.store.update_fields(cid, {"offline": "1" if offline else "0"})
            await self.redis.zadd(keys.STARTED, {cid: time.time()})
            await self.redis.zrem(keys.FRESH, cid)
            if offline:
                await self.store.append(cid, "system", notices.pick(notices.OFFLINE, link.lang), "offline-notice")
        if not appended.duplicate and self.triage is not None:
            self.triage.schedule(cid)
        return {"id": appended.message.id, "seq": appended.message.seq}

    async def visitor_history(self, sid: str, after_seq: int) -> dict[str, Any]:
        link = self.visitors[sid]
        messages = await self.store.history(link.conversation_id, after_seq)
        return {"messages": [m.wire() for m in messages]}

    async def visitor_typing(self, sid: str, typing: bool) -> None:
        cid = self.visitors[sid].conversation_id
        await self.sio.emit(
            "typing", {"conversation_id": cid, "typing": typing}, room=f"c:{cid}", namespace="/counsellor"
        )

    async def visitor_profile(self, sid: str, about: str, lang: str) -> None:
        link = self.visitors[sid]
        fields = {}
        if about in {"self", "other", "professional"}:
            fields["about"] = about
            conv = await self.store.get(link.conversation_id) or {}
            if not conv.get("triage") and not conv.get("queue_override"):
                fields["queue"] = {"other": "witness", "professional": "professional"}.get(about, "youth")
        if lang in notices.LANGUAGES:
            fields["lang"] = link.lang = lang
        if fields:
            await self.store.update_fields(link.conversation_id, fields)
            await self.redis.incr(keys.QUEUE_VERSION)

    async def visitor_end(self, sid: str, hurried: bool) -> None:
        link = self.visitors[sid]
        cid = link.conversation_id
        conv = await self.store.get(cid) or {}
        counsellor = conv.get("counsellor", "")
        result = await self.store.close(
            cid, "", {"ended_by": "visitor", "quick_exit": "1" if hurried else "0"}
        )
        if result not in {"ok", "conversation_closed"}:
            raise StoreError(result)
        if result == "ok":
            if hurried:
                await self._add_note(cid, "", "system", "De bezoeker heeft de chat met de snelle-uitgangknop verlaten.")
            event = {"conversation_id": cid, "hurried": hurried, "counsellor": counsellor}
            await self.sio.emit("visitor_left", event, room=f"c:{cid}", namespace="/counsellor")
            await self.sio.emit("status", {"conversation_id": cid, "status": "closed", "reason": "visitor_left"},
                                room=f"m:{cid}", namespace="/supervisor")
            if self.review is not None:
                self.review.schedule(cid)
        await self.sio.leave_room(sid, f"v:{cid}", namespace="/visitor")

    async def _send_queue_status(self, sid: str, link: VisitorLink, force: bool = False) -> None:
        ids = [w.conversation_id for w in self._waiting]
        if link.conversation_id not in ids:
            if link.last_queue_status is not None and not force:
                link.last_queue_status = None
            return
        position = ids.index(link.conversation_id) + 1
        capacity = self.online_count * max(1, self.settings.max_conversations)
        eta = round(position * self.settings.mean_handle_s / capacity) if capacity else None
        status = {
            "position": position,
            "waiting": len(ids),
            "estimated_wait_s": eta,
            "open": self.is_open(),
            "counsellors_online": self.online_count,
        }
        if force or status != link.last_queue_status:
            link.last_queue_status = status
            await self.sio.emit("queue_status", status, to=sid, namespace="/visitor")

    # -- counsellors -------------------------------------------------------------------------

    async def counsellor_connect(self, sid: str, account: Account, token: str) -> None:
        self.counsellors[sid] = CounsellorLink(account, token)
        await self.sio.enter_room(sid, f"u:{account.username}", namespace="/counsellor")
        for cid in await self.store.active_of(account.username):
            await self.sio.enter_room(sid, f"c:{cid}", namespace="/counsellor")
        await self.redis.zadd(keys.ONLINE, {account.username: now_ms()})
        await self._refresh_online()

    async def counsellor_after_connect(self, sid: str) -> None:
        link = self.counsellors.get(sid)
        if link is not None:
            await self._send_queue(sid, link, force=True)

    async def counsellor_disconnect(self, sid: str) -> None:
        link = self.counsellors.pop(sid, None)
        if link is None:
            return
        name = link.account.username
        if not any(other.account.username == name for other in self.counsellors.values()):
            # Another process may still hold a socket of theirs; its heartbeat re-adds them.
            await self.redis.zrem(keys.ONLINE, name)
            await self._refresh_online()

    def account_of(self, sid: str) -> Account:
        return self.counsellors[sid].account

    async def _owned(self, sid: str, cid: str) -> dict[str, str]:
        """The conversation if this counsellor has it; otherwise not_found (existence stays hidden)."""
        conv = await self.store.get(cid)
        if conv is None or conv.get("counsellor") != self.account_of(sid).username:
            raise StoreError("not_found")
        return conv

    async def conversation_detail(self, cid: str, conv: dict[str, str], with_whispers: bool = False) -> dict[str, Any]:
        messages = await self.store.history(cid)
        notes = await self.store.read_sealed(keys.notes(cid), cid)
        feedback = feedback_verdicts(await self.redis.hgetall(keys.feedback(cid)))
        detail = {
            "conversation_id": cid,
            "status": conv.get("status"),
            "counsellor": conv.get("counsellor") or conv.get("last_counsellor") or None,
            "queue": conv.get("queue"),
            "language": conv.get("language") or None,
            "urgency": conv.get("urgency", "normal"),
            "role": conv.get("role") or "unknown",
            "minor": {"true": True, "false": False}.get(conv.get("minor", "")),
            "signals": _json_list(conv.get("signals", "")),
            "triage": orjson.loads(conv["triage"]) if conv.get("triage") else None,
            "offline": conv.get("offline") == "1",
            "about": conv.get("about") or None,
            "quick_exit": conv.get("quick_exit") == "1",
            "created": float(conv.get("created") or 0),
            "queued_at": int(conv.get("queued_at") or 0) / 1000 or None,
            "messages": [m.wire() for m in messages],
            "notes": notes,
            "feedback": feedback,
        }
        if with_whispers:
            detail["whispers"] = await self.store.read_sealed(keys.whispers(cid), cid)
        return detail

    async def claim(self, sid: str, cid: str) -> dict[str, Any]:
        account = self.account_of(sid)
        rows = await self.store.get_many([cid], QUEUE_FIELDS + ["status"])
        row = rows[0]
        if row is None:
            return {"ok": False, "error": "not_found"}
        if row.get("status") == "queued":
            item = self._waiting_item(cid, 0, row)
            if not may_take(account, item, now_ms(), self.settings.overflow_s):
                return {"ok": False, "error": "not_allowed"}
        result = await self.store.claim(cid, account.username, self.settings.max_conversations)
        if result != "ok":
            return {"ok": False, "error": result}
        await self.sio.enter_room(sid, f"c:{cid}", namespace="/counsellor")
        conv = await self.store.get(cid) or {}
        queued_at = int(conv.get("queued_at") or now_ms())
        await self.store.update_fields(cid, {"wait_s": str(max(0, now_ms() - queued_at) // 1000)})
        await self.sio.emit("status", {"conversation_id": cid, "status": "active"}, room=f"v:{cid}",
                            namespace="/visitor")
        return {"ok": True, "conversation": await self.conversation_detail(cid, conv, with_whispers=True)}

    async def open(self, sid: str, cid: str) -> dict[str, Any]:
        conv = await self._owned(sid, cid)
        await self.sio.enter_room(sid, f"c:{cid}", namespace="/counsellor")
        return {"ok": True, "conversation": await self.conversation_detail(cid, conv, with_whispers=True)}

    async def mine(self, sid: str) -> dict[str, Any]:
        account = self.account_of(sid)
        cids = await self.store.active_of(account.username)
        rows = await self.store.get_many(cids, ["status", "urgency", "language", "queue", "claimed_at"])
        out = []
        for cid, row in zip(cids, rows, strict=True):
            if row is not None:
                out.append({"conversation_id": cid, **row})
        return {"conversations": out}

    async def counsellor_history(self, sid: str, cid: str, after_seq: int) -> dict[str, Any]:
        await self._owned(sid, cid)
        return {"messages": [m.wire() for m in await self.store.history(cid, after_seq)]}

    async def counsellor_message(self, sid: str, cid: str, text: str, client_id: str) -> dict[str, Any]:
        name = self.account_of(sid).username
        appended = await self.store.append(cid, "counsellor", text, client_id, author=name, require_counsellor=name)
        return {"id": appended.message.id, "seq": appended.message.seq}

    async def counsellor_typing(self, sid: str, cid: str, typing: bool) -> None:
        await self._owned(sid, cid)
        await self.sio.emit("typing", {"sender": "counsellor", "typing": typing}, room=f"v:{cid}",
                            namespace="/visitor")

    async def seen(self, sid: str, cid: str, seq: int) -> None:
        await self._owned(sid, cid)
        await self.sio.emit("delivered", {"seq": seq}, room=f"v:{cid}", namespace="/visitor")

    async def note(self, sid: str, cid: str, text: str, kind: str = "note") -> dict[str, Any]:
        conv = await self.store.get(cid)
        name = self.account_of(sid).username
        if conv is None or name not in {conv.get("counsellor"), conv.get("last_counsellor")}:
            raise StoreError("not_found")
        return await self._add_note(cid, name, kind, text)

    async def _add_note(self, cid: str, author: str, kind: str, text: str, **extra: str) -> dict[str, Any]:
        """An internal note (kinds: note, handover, system): sealed, never shown to the visitor."""
        record = {"id": f"n{now_ms()}", "author": author, "kind": kind, "ts": time.time(), "text": text, **extra}
        return await self.store.add_sealed(keys.notes(cid), cid, record)

    async def transfer(self, sid: str, cid: str, to_user: str, to_queue: str, note_text: str) -> dict[str, Any]:
        account = self.account_of(sid)
        conv = await self._owned(sid, cid)
        if to_user:
            target = await self.accounts.get(to_user)
            if target is None or to_user == account.username:
                return {"ok": False, "error": "not_found"}
        elif to_queue not in QUEUES:
            return {"ok": False, "error": "bad_request"}
        result = await self.store.transfer(
            cid, account.username, to_user, to_queue, self.settings.max_conversations, conv.get("urgency", "normal")
        )
        if result != "ok":
            return {"ok": False, "error": result}
        if note_text:
            await self._add_note(cid, account.username, "handover", note_text, to=to_user or f"queue:{to_queue}")
        await self.sio.close_room(f"c:{cid}", namespace="/counsellor")
        if to_user:
            await self.sio.emit("assigned", {"conversation_id": cid, "from": account.username},
                                room=f"u:{to_user}", namespace="/counsellor")
        else:
            await self.sio.emit("status", {"conversation_id": cid, "status": "queued", "reason": "transferred"},
                                room=f"v:{cid}", namespace="/visitor")
        return {"ok": True}

    async def close(
        self, sid: str, cid: str, outcome: str, tags: list[str], note_text: str, referral: str
    ) -> dict[str, Any]:
        name = self.account_of(sid).username
        if outcome not in OUTCOMES:
            return {"ok": False, "error": "bad_outcome"}
        fields = {"outcome": outcome, "tags": json.dumps(tags), "referral": referral, "closed_by": name}
        result = await self.store.close(cid, name, fields)
        if result != "ok":
            return {"ok": False, "error": result}
        if note_text:
            await self._add_note(cid, name, "note", note_text)
        await self.sio.emit("status", {"conversation_id": cid, "status": "closed", "reason": "counsellor"},
                            room=f"v:{cid}", namespace="/visitor")
        await self.sio.emit("status", {"conversation_id": cid, "status": "closed"}, room=f"m:{cid}",
                            namespace="/supervisor")
        await self.sio.close_room(f"c:{cid}", namespace="/counsellor")
        if self.review is not None:
            self.review.schedule(cid)
        return {"ok": True}

    async def triage_feedback(self, sid: str, cid: str, code: str, verdict: str) -> dict[str, Any]:
        conv = await self.store.get(cid)
        name = self.account_of(sid).username
        if conv is None or name not in {conv.get("counsellor"), conv.get("last_counsellor")}:
            raise StoreError("not_found")
        # "add": a signal triage missed; with confirm/reject it becomes training data (triage export-feedback).
        if code not in SIGNAL_CODES or verdict not in {"confirm", "reject", "add"}:
            return {"error": "bad_request", "detail": "unknown signal code or verdict"}
        record = {"verdict": verdict, "by": name, "ts": time.time(), "suggested": conv.get("signals", "")}
        await self.redis.hset(keys.feedback(cid), code, orjson.dumps(record))
        return {"ok": True}

    # -- triage results ----------------------------------------------------------------------

    async def apply_triage(self, cid: str, result: dict[str, Any]) -> None:
        encoded = orjson.dumps(result).decode()
        if self._last_triage.get(cid) == encoded:
            return  # nothing new for the queue or the counsellor
        self._last_triage[cid] = encoded
        if len(self._last_triage) > 20000:
            self._last_triage.clear()
        queue_override, exists, about = await self.redis.hmget(
            keys.conversation(cid), ["queue_override", "status", "about"]
        )
        if exists is None:
            return
        urgency = result.get("urgency") if result.get("urgency") in {"acute", "high", "normal", "low"} else "normal"
        signals = [s.get("code") for s in result.get("signals", []) if isinstance(s, dict)]
        fields = {
            "urgency": urgency,
            "role": str(result.get("role") or "unknown"),
            "language": str(result.get("language") or ""),
            "minor": {True: "true", False: "false"}.get(result.get("minor"), ""),  # type: ignore[arg-type]
            "signals": json.dumps(signals),
            "triage": encoded,
        }
        suggested_queue = result.get("queue")
        if suggested_queue in QUEUES:
            # The visitor's own answer ("for myself", "for someone else", "I am a professional") routes the
            # conversation; triage only suggests another queue to the counsellor (docs/triage.md, Queues).
            fields["suggested_queue"] = str(suggested_queue)
            if not queue_override and not about:
                fields["queue"] = str(suggested_queue)
        await self.store.set_triage(cid, urgency, fields)
        event = {"conversation_id": cid, **result}
        await self.sio.emit("triage", event, room=f"c:{cid}", namespace="/counsellor")
        if cid in self.monitored:
            await self.sio.emit("triage", event, room=f"m:{cid}", namespace="/supervisor")

    # -- queue views -------------------------------------------------------------------------

    @staticmethod
    def _waiting_item(cid: str, score: int, row: dict[str, str]) -> Waiting:
        return Waiting(
            conversation_id=cid,
            score=score,
            queue=row.get("queue") or "youth",
            urgency=row.get("urgency") or "normal",
            language=row.get("language") or "",
            role=row.get("role") or "",
            minor=row.get("minor") or "",
            signals=_json_list(row.get("signals", "")),
            queued_at_ms=int(row.get("queued_at") or now_ms()),
            offline=row.get("offline") == "1",
        )

    async def load_waiting(self) -> list[Waiting]:
        pairs = await self.store.waiting()
        rows = await self.store.get_many([cid for cid, _ in pairs], QUEUE_FIELDS)
        return [self._waiting_item(cid, score, row) for (cid, score), row in zip(pairs, rows, strict=True) if row]

    async def _send_queue(self, sid: str, link: CounsellorLink, force: bool = False) -> None:
        now = now_ms()
        view = view_for(link.account, self._waiting, now, self.settings.overflow_s)
        # Waiting times tick on the console itself; only a change of who or what waits is news.
        shape = [{k: v for k, v in item.items() if k != "waited_s"} for item in view]
        stale = time.monotonic() - link.last_queue_at > QUEUE_REFRESH_S
        if force or stale or shape != link.last_queue:
            link.last_queue = shape
            link.last_queue_at = time.monotonic()
            await self.sio.emit("queue", {"waiting": view, "online": self.online_count}, to=sid,
                                namespace="/counsellor")

    async def _queue_loop(self) -> None:
        last_full = 0.0
        while True:
            try:
                version = await self.store.queue_version()
                if version != self._queue_version or time.monotonic() - last_full > QUEUE_REFRESH_S / 2:
                    self._queue_version = version
                    last_full = time.monotonic()
                    self._waiting = await self.load_waiting()
                    await self._refresh_monitored()
                    for sid, link in list(self.counsellors.items()):
                        await self._send_queue(sid, link)
                    for sid, vlink in list(self.visitors.items()):
                        await self._send_queue_status(sid, vlink)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("queue loop")
            await asyncio.sleep(QUEUE_POLL_S)

    async def _refresh_online(self) -> None:
        cutoff = now_ms() - int(PRESENCE_TTL_S * 1000)
        self.online_count = int(await self.redis.zcount(keys.ONLINE, cutoff, "+inf"))

    async def _refresh_monitored(self) -> None:
        cutoff = time.time() - PRESENCE_TTL_S
        rows = await self.redis.zrangebyscore(keys.MONITORED, cutoff, "+inf")
        local = {cid for link in self.supervisors.values() for cid in link.monitoring}
        self.monitored = {r.decode() for r in rows} | local

    async def _presence_loop(self) -> None:
        while True:
            try:
                names = {link.account.username for link in self.counsellors.values()}
                if names:
                    await self.redis.zadd(keys.ONLINE, dict.fromkeys(names, now_ms()))
                watched = {cid for link in self.supervisors.values() for cid in link.monitoring}
                if watched:
                    await self.redis.zadd(keys.MONITORED, dict.fromkeys(watched, time.time()))
                await self.redis.zremrangebyscore(keys.ONLINE, "-inf", now_ms() - int(PRESENCE_TTL_S * 1000))
                before = self.online_count
                await self._refresh_online()
                if before != self.online_count:
                    await self.redis.incr(keys.QUEUE_VERSION)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("presence loop")
            await asyncio.sleep(PRESENCE_EVERY_S)

    # -- supervisors ---------------------------------------------------------------------------

    async def board(self) -> dict[str, Any]:
        now = now_ms()
        waiting = self._waiting
        active = sorted(r.decode() for r in await self.redis.smembers(keys.ACTIVE))
        rows = await self.store.get_many(active, ["counsellor", "urgency", "queued_at", "claimed_at", "language",
                                                  "queue", "signals"])
        conversations = []
        for cid, row in zip(active, rows, strict=True):
            if row is None:
                continue
            conversations.append({
                "conversation_id": cid, "status": "active", "counsellor": row["counsellor"],
                "urgency": row["urgency"] or "normal", "language": row["language"] or None, "queue": row["queue"],
                "signals": _json_list(row["signals"]),
                "active_s": max(0, (now - int(row["claimed_at"] or now)) // 1000),
            })
        acute = [
            {"conversation_id": w.conversation_id, "status": "queued", "waited_s": w.waited_s(now), "counsellor": None}
            for w in waiting if w.urgency == "acute"
        ] + [
            {"conversation_id": c["conversation_id"], "status": "active", "waited_s": None,
             "counsellor": c["counsellor"]}
            for c in conversations if c["urgency"] == "acute"
        ]
        return {
            "waiting": len(waiting),
            "active": len(conversations),
            "longest_wait_s": max((w.waited_s(now) for w in waiting), default=0),
            "counsellors_online": self.online_count,
            "acute": acute,
            "queue": [w.wire(now, self.settings.overflow_s) for w in waiting],
            "conversations": conversations,
        }

    async def _board_loop(self) -> None:
        while True:
            try:
                if self.supervisors:
                    await self.sio.emit("board", await self.board(), room="board", namespace="/supervisor")
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("board loop")
            await asyncio.sleep(BOARD_EVERY_S)

    async def monitor(self, sid: str, cid: str) -> dict[str, Any]:
        conv = await self.store.get(cid)
        if conv is None or conv.get("status") == "closed" or conv.get("status") == "new":
            # Closed conversations are reviewed only as anonymised transcripts.
            raise StoreError("not_found")
        self.supervisors[sid].monitoring.add(cid)
        self.monitored.add(cid)
        await self.redis.zadd(keys.MONITORED, {cid: time.time()})
        await self.sio.enter_room(sid, f"m:{cid}", namespace="/supervisor")
        return {"ok": True, "conversation": await self.conversation_detail(cid, conv, with_whispers=True)}

    async def unmonitor(self, sid: str, cid: str) -> None:
        self.supervisors[sid].monitoring.discard(cid)
        await self.sio.leave_room(sid, f"m:{cid}", namespace="/supervisor")

    async def whisper(self, sid: str, cid: str, text: str) -> dict[str, Any]:
        conv = await self.store.get(cid)
        if conv is None or conv.get("status") != "active":
            raise StoreError("not_found")
        name = self.supervisors[sid].account.username
        record = await self.store.add_sealed(
            keys.whispers(cid), cid, {"from": name, "ts": time.time(), "text": text}
        )
        await self.sio.emit("whisper", {"conversation_id": cid, **record}, room=f"c:{cid}", namespace="/counsellor")
        await self.sio.emit("whisper", {"conversation_id": cid, **record}, room=f"m:{cid}", namespace="/supervisor")
        return {"ok": True}


def feedback_verdicts(raw: dict[Any, Any]) -> dict[str, str]:
    """A conversation's feedback hash (written by `triage_feedback`) as signal code -> verdict."""
    out: dict[str, str] = {}
    for code, value in raw.items():
        with contextlib.suppress(ValueError):
            verdict = orjson.loads(value).get("verdict")
            if isinstance(verdict, str):
                out[code.decode()] = verdict
    return out


__all__ = ["ConversationService", "Message", "OUTCOMES", "SIGNAL_CODES", "feedback_verdicts"]
