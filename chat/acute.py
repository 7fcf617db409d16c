"""Acute danger: raising a conversation to acute, alerting supervisors, escalating one that waits, the acute
protocol checklist and the visitor's "I can't talk now" (docs/operations.md, "Acute danger";
docs/protocol.md for the events).

A conversation is acute when triage says so, when its counsellor marks it (`mark_acute`), or when the
visitor typed one of the helpline's safe words (chat/safe_words.py). The last two pin it: triage never
lowers it again (chat/store.py, `_TRIAGE`). A safe word is silent for the visitor: nothing in what the
widget receives changes (no "in danger now" box, no system message); only staff see why.

Everything that must hold across server processes is in the conversation's hash in Redis (`acute_by`,
`acute_at`, `acute_counsellor`, `acute_safe_word`, `escalated_at`): the escalation job of every process
looks at the same waiting list, and exactly one process wins each escalation (a Lua HSETNX) and tells
people; the queue views of all processes then show it to every counsellor.
"""

from __future__ import annotations

import json
import logging
import re
import time
from importlib import resources
from typing import Any

import orjson
from redis.asyncio import Redis

from chat import keys
from chat.audit import Action, Audit
from chat.config import Settings
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.periodic import Periodic
from chat.queue_view import QueueView
from chat.records import as_text, now_ms
from chat.safe_words import SafeWords
from chat.store import ConversationStore
from vocabulary import Status, Urgency

log = logging.getLogger(__name__)

ESCALATE_EVERY_S = 1.0
STEPS_MAX = 12
STEP_TEXT_MAX = 500
REMARK_MAX = 500
STEP_ID = re.compile(r"^[a-z0-9_-]{1,32}$")
PROTOCOL_LANGUAGES = ("nl", "en", "fr")

# What the internal record says (Dutch, as the other system notes: chat/conversations.py).
NOTE_SAFE_WORD = "Codewoord gebruikt: de bezoeker typte een codewoord van de hulplijn. Het gesprek is acuut gemaakt; de bezoeker ziet daar niets van."
NOTE_MARKED = "Als acuut gemarkeerd door {name}."
NOTE_ESCALATED = ("Geëscaleerd: acuut en langer dan {s} s niet aangenomen. Aangeboden aan alle hulpverleners online; "
                  "supervisors opnieuw gewaarschuwd.")
NOTE_CANT_TALK = "Bezoeker kan nu niet praten: het gesprek is op het scherm van de bezoeker verborgen."
NOTE_CAN_TALK = "Bezoeker is terug in het gesprek."
NOTE_STEP = "Acuut protocol ✓ {text}"


def default_protocol() -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads(resources.files("chat.defaults").joinpath("acute_protocol.json").read_text("utf-8"))
    return list(data["steps"])


def clean_protocol(steps: object) -> list[dict[str, Any]]:
    """The checklist as an admin may set it: 1-12 steps {id, text: {nl, en?, fr?}}; else `bad_request`."""
    if not isinstance(steps, list) or not 0 < len(steps) <= STEPS_MAX:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'steps': a list of 1-{STEPS_MAX} steps")
    out: list[dict[str, Any]] = []
    for step in steps:
        if not isinstance(step, dict) or not isinstance(step.get("id"), str) or not STEP_ID.match(step["id"]):
            raise HelplineError(ErrorCode.BAD_REQUEST, "each step needs an 'id' of 1-32 characters a-z, 0-9, _ or -")
        if any(s["id"] == step["id"] for s in out):
            raise HelplineError(ErrorCode.BAD_REQUEST, f"step id {step['id']!r} is used twice")
        text = step.get("text")
        if not isinstance(text, dict) or not isinstance(text.get("nl"), str) or not text["nl"].strip():
            raise HelplineError(ErrorCode.BAD_REQUEST, "each step needs 'text' with at least 'nl'")
        texts = {}
        for lang in PROTOCOL_LANGUAGES:
            value = text.get(lang)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not isinstance(value, str) or len(value) > STEP_TEXT_MAX:
                raise HelplineError(ErrorCode.BAD_REQUEST, f"a step's text is at most {STEP_TEXT_MAX} characters")
            texts[lang] = value.strip()
        out.append({"id": step["id"], "text": texts})
    return out


async def load_protocol(redis: Redis) -> list[dict[str, Any]]:
    raw = await redis.get(keys.ACUTE_PROTOCOL)
    if raw:
        try:
            return clean_protocol(orjson.loads(as_text(raw)).get("steps"))
        except (orjson.JSONDecodeError, AttributeError, HelplineError):
            log.error("the stored acute protocol is unreadable; using the default")
    return default_protocol()


async def save_protocol(redis: Redis, steps: object) -> list[dict[str, Any]]:
    cleaned = clean_protocol(steps)
    await redis.set(keys.ACUTE_PROTOCOL, orjson.dumps({"steps": cleaned}))
    return cleaned


async def add_note(store: ConversationStore, cid: str, author: str, kind: str, text: str, **extra: str) -> dict[str, Any]:
    record = {"id": f"n{now_ms()}", "author": author, "kind": kind, "ts": time.time(), "text": text, **extra}
    return await store.add_note(cid, record)


async def alert_event(store: ConversationStore, cid: str, escalated: bool = False) -> dict[str, Any] | None:
    """The supervisors' `acute_alert` for a conversation as it is now (None: gone or closed)."""
    record = await store.get(cid)
    if record is None or record.status == Status.CLOSED:
        return None
    now = now_ms()
    waiting = record.status == Status.QUEUED
    return {
        "conversation_id": cid,
        "reason": record.acute_reason or "triage",
        "escalated": escalated or record.escalated_at_ms is not None,
        "status": record.status,
        "waited_s": max(0, (now - (record.queued_at_ms or now)) // 1000) if waiting else None,
        "counsellor": record.counsellor or None,
        "language": record.language or None,
    }


async def triage_found_acute(store: ConversationStore, delivery: Delivery, cid: str) -> None:
    """Triage made a conversation acute (chat/triage_worker.py): the supervisors are alerted, the first time."""
    if await store.note_acute(cid, "triage"):
        event = await alert_event(store, cid)
        if event is not None:
            await delivery.acute_alert(event)


class AcuteDesk:
    def __init__(self, store: ConversationStore, delivery: Delivery, queue_view: QueueView, audit: Audit,
                 settings: Settings, safe_words: SafeWords) -> None:
        self.store = store
        self.delivery = delivery
        self.queue_view = queue_view
        self.audit = audit
        self.settings = settings
        self.safe_words = safe_words
        self.jobs = [safe_words.job]
        if settings.acute_escalate_s > 0:
            self.jobs.append(Periodic("acute escalation", self.escalate_due, ESCALATE_EVERY_S))
        self._escalated: set[str] = set()  # tried here already (the queue view may be a moment behind)

    def start(self) -> None:
        for job in self.jobs:
            job.start()

    async def stop(self) -> None:
        for job in self.jobs:
            await job.stop()

    # -- raising -----------------------------------------------------------------------------------

    async def visitor_text(self, cid: str, text: str) -> None:
        """A stored visitor message: a safe word in it raises the conversation, silently (no Redis call
        unless one matches)."""
        if self.safe_words.matches(text):
            await self.raise_acute(cid, "safe_word", "")

    async def raise_acute(self, cid: str, reason: str, actor: str) -> None:
        news = await self.store.raise_acute(cid, reason)
        if news < 0:
            raise HelplineError(ErrorCode.CONVERSATION_CLOSED)
        if not news:
            return
        if reason == "safe_word":
            await add_note(self.store, cid, "", "system", NOTE_SAFE_WORD, event="safe_word")
            await self.audit.record("", Action.ACUTE_SAFE_WORD, cid)
        else:
            await add_note(self.store, cid, actor, "system", NOTE_MARKED.format(name=actor), event="marked_acute")
            await self.audit.record(actor, Action.ACUTE_MARK, cid)
        event = await alert_event(self.store, cid)
        if event is None:
            return
        await self.delivery.acute_to_counsellor(cid, {"conversation_id": cid, "urgency": Urgency.ACUTE,
                                                      "reason": event["reason"]})
        await self.delivery.acute_alert(event)

    # -- escalation ----------------------------------------------------------------------------------

    async def escalate_due(self) -> int:
        """Escalate every waiting acute conversation acute for longer than HELPLINE_ACUTE_ESCALATE_S."""
        now = now_ms()
        limit_ms = self.settings.acute_escalate_s * 1000
        due = [w.conversation_id for w in self.queue_view.waiting
               if w.urgency == Urgency.ACUTE and not w.escalated and w.conversation_id not in self._escalated
               and now - (w.acute_since_ms or w.queued_at_ms) >= limit_ms]
        waiting = {w.conversation_id for w in self.queue_view.waiting}
        self._escalated &= waiting
        done = 0
        for cid in due:
            self._escalated.add(cid)
            if not await self.store.escalate(cid):
                continue  # another process was first, or it was claimed meanwhile
            done += 1
            await add_note(self.store, cid, "", "system", NOTE_ESCALATED.format(s=self.settings.acute_escalate_s),
                           event="escalated")
            await self.audit.record("", Action.ACUTE_ESCALATE, cid)
            event = await alert_event(self.store, cid, escalated=True)
            if event is not None:
                await self.delivery.acute_alert(event)
        return done

    # -- the protocol ---------------------------------------------------------------------------------

    async def protocol(self) -> list[dict[str, Any]]:
        return await load_protocol(self.store.redis)

    async def protocol_step(self, cid: str, name: str, step_id: str, remark: str, lang: str) -> dict[str, Any]:
        steps = {s["id"]: s for s in await self.protocol()}
        step = steps.get(step_id)
        if step is None:
            raise HelplineError(ErrorCode.BAD_REQUEST, "no such step in the acute protocol")
        text = step["text"].get(lang) or step["text"]["nl"]
        line = NOTE_STEP.format(text=text) + (f" — {remark.strip()}" if remark.strip() else "")
        note = await add_note(self.store, cid, name, "protocol", line, step=step_id)
        await self.audit.record(name, Action.ACUTE_PROTOCOL_STEP, cid)
        return note

    # -- "I can't talk now" -----------------------------------------------------------------------------

    async def cant_talk(self, cid: str, hidden: bool) -> None:
        await add_note(self.store, cid, "", "system", NOTE_CANT_TALK if hidden else NOTE_CAN_TALK,
                       event="cant_talk" if hidden else "can_talk")
        await self.delivery.visitor_cant_talk(cid, hidden)
