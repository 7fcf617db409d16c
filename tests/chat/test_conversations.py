"""The conversation service (chat/conversations.py) without sockets: the commands on a real Redis, with a
Socket.IO stand-in that records what delivery would send (wired by constructor, as chat/app.py does)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.accounts import Account, Accounts
from chat.config import Settings
from chat.conversations import ConversationService
from chat.crypto import Vault
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.hours import OpeningHours
from chat.presence import Presence
from chat.queue_view import QueueView
from chat.store import ConversationStore
from chat.tokens import PendingConversations


class RecordingSocketServer:
    """What python-socketio would be asked to do, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, dict[str, Any]]] = []

    async def emit(self, event: str, data: Any, **where: Any) -> None:
        self.calls.append(("emit:" + event, data, where))

    async def enter_room(self, sid: str, room: str, namespace: str) -> None:
        self.calls.append(("enter", room, {"sid": sid, "namespace": namespace}))

    async def leave_room(self, sid: str, room: str, namespace: str) -> None:
        self.calls.append(("leave", room, {"sid": sid, "namespace": namespace}))

    async def close_room(self, room: str, namespace: str) -> None:
        self.calls.append(("close_room", room, {"namespace": namespace}))

    def emitted(self, event: str) -> list[tuple[Any, dict[str, Any]]]:
        return [(data, where) for name, data, where in self.calls if name == "emit:" + event]


class Scheduled:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def schedule(self, cid: str) -> None:
        self.ids.append(cid)


@pytest.fixture
async def wired(redis_url: str, tmp_path: Path) -> AsyncIterator[tuple[ConversationService, RecordingSocketServer,
                                                                       Scheduled, Scheduled]]:
    client = aioredis.Redis.from_url(redis_url)
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path)})
    sio = RecordingSocketServer()
    vault = Vault(os.urandom(32))
    presence = Presence(client, OpeningHours(settings.opening_hours, settings.timezone))
    delivery = Delivery(sio, presence.is_monitored)  # type: ignore[arg-type]  # the stand-in
    store = ConversationStore(client, vault, on_commit=delivery.message, triage_jobs=True)
    transcripts = Scheduled()
    service = ConversationService(store, presence, delivery, QueueView(store, presence, delivery, settings),
                                  Accounts(client, 3600), settings, transcripts,
                                  PendingConversations(vault.derive(b"pending conversations")))
    yield service, sio, client, transcripts
    await client.aclose()


async def test_a_message_travels_from_visitor_to_counsellor_and_back(wired: Any) -> None:
    service, sio, redis, transcripts = wired
    await service.counsellor_connect("c1", Account("anna", "counsellor"), "token")  # online: not left offline
    session, _ = await service.visitor_connect("v1", {"lang": "nl"})
    cid = session["conversation_id"]
    assert await service.visitor_message("v1", "hoi", "c1") == {"id": f"{cid}:1", "seq": 1}
    jobs = await redis.xrange(keys.TRIAGE_JOBS_WAITING)  # waiting for a counsellor: the first lane
    assert [fields[b"c"].decode() for _, fields in jobs] == [cid]  # stored with the message, for the workers
    [(wire, where)] = sio.emitted("message")
    assert wire["text"] == "hoi" and where == {"room": f"c:{cid}", "namespace": "/counsellor"}

    claimed = await service.claim("c1", cid)
    assert claimed["ok"] and [m["text"] for m in claimed["conversation"]["messages"]] == ["hoi"]
    await service.counsellor_message("c1", cid, "hallo, ik ben er", "k1")
    to_visitor = [(w, r) for w, r in sio.emitted("message") if r.get("room") == f"v:{cid}"]
    assert [w["text"] for w, _ in to_visitor] == ["hallo, ik ben er"]

    await service.close("c1", cid, "advice_given", [], "", "")
    assert transcripts.ids == [cid]
    statuses = [d["status"] for d, r in sio.emitted("status") if r.get("room") == f"v:{cid}"]
    assert statuses == ["active", "closed"]


async def test_refusals_are_raised_not_returned(wired: Any) -> None:
    service, _, _, _ = wired
    session, _ = await service.visitor_connect("v1", {})
    await service.counsellor_connect("c1", Account("anna", "counsellor"), "token")
    with pytest.raises(HelplineError) as refused:
        await service.claim("c1", session["conversation_id"])  # nothing sent yet: not stored, not waiting
    assert refused.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(HelplineError) as refused:
        await service.close("c1", session["conversation_id"], "no such outcome", [], "", "")
    assert refused.value.code == ErrorCode.BAD_OUTCOME
    with pytest.raises(HelplineError) as refused:
        service.account_of("someone else's socket")
    assert refused.value.code == ErrorCode.UNAUTHORIZED


async def test_a_profile_that_changes_nothing_does_not_resort_every_queue(wired: Any) -> None:
    """Regression (an attacker's report, 2026-11-29): one socket sending `profile` ten times a second made
    every process rebuild and resend every queue view."""
    service, _, _, _ = wired
    session, _ = await service.visitor_connect("v1", {"about": "other", "lang": "nl"})
    await service.visitor_message("v1", "hoi", "c1")
    before = await service.store.queue_version()
    for _ in range(5):
        await service.visitor_profile("v1", "other", "nl")
    assert await service.store.queue_version() == before
    await service.visitor_profile("v1", "self", "nl")
    assert await service.store.queue_version() == before + 1
    record = await service.store.get(session["conversation_id"])
    assert record is not None and record.about == "self" and record.queue == "youth"


async def test_a_retried_first_message_finishes_what_an_error_interrupted(wired: Any) -> None:
    """The first attempt stored the message and failed before the steps after it (statistics, the
    queue's start time): the client's retry of the same message completes them."""
    service, _, redis, _ = wired
    await service.counsellor_connect("c1", Account("anna", "counsellor"), "token")
    session, _ = await service.visitor_connect("v1", {"lang": "nl"})
    cid = session["conversation_id"]
    link = service.presence.visitor("v1")
    assert link is not None
    await service.store.create(cid, link.resume_hash, link.about, link.lang)
    link.stored = True
    await service.store.append(cid, "visitor", "hoi", "m1")  # ... and then the connection broke
    assert await redis.zscore(keys.STARTED, cid) is None
    assert await service.visitor_message("v1", "hoi", "m1") == {"id": f"{cid}:1", "seq": 1}
    assert await redis.zscore(keys.STARTED, cid) is not None
    assert [m.text for m in await service.store.history(cid)] == ["hoi"]  # stored once


async def test_a_flood_of_new_conversations_is_admitted_at_the_helplines_pace(
    wired: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker report: 300 fake chats in 1.4 s buried a real child at place 205 of the queue. (With flood
    admission off; with it on, past the cap is a flood conversation: tests/chat/test_flood.py.)"""
    import dataclasses

    from tests.chat.test_flood import away_from_minute_end

    service, _, _, _ = wired
    await away_from_minute_end()
    monkeypatch.setattr(service, "settings",
                        dataclasses.replace(service.settings, max_new_per_minute=2, max_flood_per_minute=0))
    for sid in ("v1", "v2", "v3"):
        await service.visitor_connect(sid, {"lang": "nl"})
    await service.visitor_message("v1", "hoi", "a")
    await service.visitor_message("v2", "hoi", "a")
    with pytest.raises(HelplineError) as refused:
        await service.visitor_message("v3", "hoi", "a")
    assert refused.value.code == ErrorCode.BUSY and 0 < (refused.value.retry_after_s or 0) <= 61
    assert await service.store.waiting() and len(await service.store.waiting()) == 2  # nothing stored for v3
    assert (await service.visitor_message("v1", "nog iets", "b"))["seq"] > 1  # admitted ones go on
