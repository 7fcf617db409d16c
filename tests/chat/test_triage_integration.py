"""Triage in the chat: suggestions reach the counsellor and reorder the queue, and never hold up a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chat import keys
from chat.wire import TriageEventWire
from tests.chat.clients import assert_wire, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    return {**settings_env, "HELPLINE_TRIAGE": "on"}


async def test_acute_message_jumps_the_queue_and_the_counsellor_sees_why(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    calm, calm_session = await visitor(server)
    await say(calm, "hoi ik heb een vraag over school")
    scared, scared_session = await visitor(server)
    ack = await say(scared, "help hij staat nu voor de deur en hij heeft mijn telefoon afgepakt, ik ben 15")
    assert ack["seq"] == 1  # acknowledged without waiting for triage

    queue = await staff.wait_for(
        "queue",
        lambda q: q["waiting"] and q["waiting"][0]["conversation_id"] == scared_session["conversation_id"]
        and q["waiting"][0]["urgency"] == "acute",
        wait_s=60,  # the classifier's worker loads its pipelines on first use
    )
    first = queue["waiting"][0]
    assert "acute_danger" in first["signals"] and first["language"] == "nl" and first["minor"] is True
    assert first["queue"] == "crisis"
    assert queue["waiting"][1]["conversation_id"] == calm_session["conversation_id"]

    claimed = await claim_when_queued(staff, scared_session["conversation_id"])
    suggestion = claimed["conversation"]["triage"]
    acute = next(s for s in suggestion["signals"] if s["code"] == "acute_danger")
    evidence = acute["evidence"][0]
    text = claimed["conversation"]["messages"][evidence["message"]]["text"]
    assert text[evidence["start"]:evidence["end"]].strip()  # points at words in the message

    await say(scared, "hij wil dat ik vanavond weer met klanten meega naar een hotel")
    update = await staff.wait_for(
        "triage", lambda t: any(s["code"] == "sexual_exploitation" for s in t["signals"]), wait_s=30
    )
    assert update["conversation_id"] == scared_session["conversation_id"] and update["urgency"] == "acute"
    assert_wire(update, TriageEventWire)


async def test_the_visitors_own_answer_routes_and_triage_only_suggests(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    import redis

    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    friend, friend_session = await visitor(server, {"about": "other"})
    await say(friend, "mijn vriendin zit opgesloten in zijn huis en hij komt zo terug, ze is 15")
    cid = friend_session["conversation_id"]
    queue = await staff.wait_for(
        "queue", lambda q: any(w["conversation_id"] == cid and w["urgency"] == "acute" for w in q["waiting"]),
        wait_s=60,
    )
    item = next(w for w in queue["waiting"] if w["conversation_id"] == cid)
    assert item["queue"] == "witness"  # what the visitor said, although triage suggests crisis
    stored = redis.Redis.from_url(redis_url).hmget(keys.conversation(cid), ["queue", "suggested_queue"])
    assert stored == [b"witness", b"crisis"]

    # without an answer, triage's queue routes
    kid, kid_session = await visitor(server)
    await say(kid, "help hij staat nu voor de deur en hij heeft mijn telefoon afgepakt, ik ben 15")
    queue = await staff.wait_for(
        "queue", lambda q: any(w["conversation_id"] == kid_session["conversation_id"] and w["queue"] == "crisis"
                               for w in q["waiting"]), wait_s=60,
    )
    await staff.close()
