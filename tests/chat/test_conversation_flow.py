"""The chat from visitor to counsellor and back, through a real server on a real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import redis
from socketio.exceptions import ConnectionError

from chat import keys, wire
from chat.errors import ErrorWire
from tests.chat.clients import Peer, assert_wire, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD


@pytest.fixture
async def staff(server: str, make_user: Callable[..., Any]) -> Peer:
    make_user("anna")
    peer = await counsellor(server, await login(server, "anna", PASSWORD))
    yield peer
    await peer.close()


async def test_visitor_and_counsellor_chat_both_ways(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    assert session["status"] == "new"
    assert len(session["conversation_id"]) == 32 and len(session["resume_token"]) >= 43
    ack = await say(kid, "mn vriend wil dat ik met zn vrienden chill")
    assert ack == {"id": f"{session['conversation_id']}:1", "seq": 1}

    claimed = await claim_when_queued(staff, session["conversation_id"])
    assert claimed["ok"] is True
    texts = [m["text"] for m in claimed["conversation"]["messages"]]
    assert texts == ["mn vriend wil dat ik met zn vrienden chill"]
    await kid.wait_for("status", lambda s: s["status"] == "active")

    reply = await say(staff, "Hoi, ik ben er. Ben je nu veilig?", session["conversation_id"])
    assert reply["seq"] == 2
    got = await kid.wait_for("message", lambda m: m["sender"] == "counsellor")
    assert got["text"] == "Hoi, ik ben er. Ben je nu veilig?" and got["seq"] == 2
    assert set(got) == {"conversation_id", "id", "seq", "sender", "text", "ts"}

    await say(kid, "ja ik ben thuis")
    seen = await staff.wait_for("message", lambda m: m["text"] == "ja ik ben thuis")
    assert seen["sender"] == "visitor" and seen["seq"] == 3
    await kid.close()


async def test_payloads_have_the_documented_shapes(server: str, staff: Peer) -> None:
    """The shapes in chat/wire.py are what clients really get (docs/protocol.md)."""
    kid, session = await visitor(server)
    assert_wire(session, wire.SessionWire)
    cid = session["conversation_id"]
    assert_wire(await say(kid, "hoi, is dit anoniem?"), wire.MessageAckWire)
    assert_wire(await kid.wait_for("queue_status"), wire.QueueStatusWire)
    queue = await staff.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    assert_wire(queue, wire.QueueWire)
    claimed = await claim_when_queued(staff, cid)
    assert_wire(claimed, wire.ConversationAckWire)
    assert_wire(await staff.call("claim", {"conversation_id": cid}), ErrorWire)
    assert_wire(await staff.call("claim", {"conversation_id": "not an id"}), ErrorWire)
    assert_wire(await kid.call("no_such_event", {}), ErrorWire)
    await say(staff, "ja, helemaal", cid)
    assert_wire(await kid.wait_for("message", lambda m: m["sender"] == "counsellor"), wire.MessageWire)
    await kid.close()


async def test_polling_transport_works_too(server: str, staff: Peer) -> None:
    kid, session = await visitor(server, transports=["polling"])
    assert (await say(kid, "hallo via polling"))["seq"] == 1
    claimed = await claim_when_queued(staff, session["conversation_id"])
    assert claimed["ok"]
    await say(staff, "antwoord", session["conversation_id"])
    assert (await kid.wait_for("message", lambda m: m["sender"] == "counsellor"))["text"] == "antwoord"
    await kid.close()


async def test_resume_receives_what_was_missed(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "eerste bericht")
    assert (await claim_when_queued(staff, cid))["ok"]
    await kid.close()  # the page reloads / the connection drops

    await say(staff, "ben je er nog?", cid)
    await say(staff, "ik wacht op je", cid)

    again, resumed = await visitor(server, {"resume_token": session["resume_token"], "last_seq": 1})
    assert resumed["conversation_id"] == cid and resumed["status"] == "active"
    first = await again.wait_for("message", lambda m: m["seq"] == 3)
    replayed = [m["seq"] for m in again.received("message")]
    assert replayed == [2, 3] and first["text"] == "ik wacht op je"
    history = await again.call("history", {"after_seq": 0})
    assert [m["text"] for m in history["messages"]] == ["eerste bericht", "ben je er nog?", "ik wacht op je"]
    await again.close()


async def test_wrong_resume_token_is_refused(server: str) -> None:
    peer = Peer("/visitor")
    with pytest.raises(ConnectionError):
        await peer.connect(server, {"resume_token": "x" * 43})
    assert peer.received("connect_error") == [{"message": "bad_resume_token", "data": {
        "ok": False, "error": "bad_resume_token", "detail": "this resume token is not valid (any more)"}}]


async def test_messages_keep_order_and_retries_are_idempotent(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "start")
    assert (await claim_when_queued(staff, cid))["ok"]
    acks = await asyncio.gather(*[
        kid.call("message", {"text": f"bericht {i}", "client_id": f"c{i}"}) for i in range(25)
    ])
    assert [a["seq"] for a in acks] == list(range(2, 27))
    retry = await kid.call("message", {"text": "bericht 5", "client_id": "c5"})
    assert retry == acks[5]
    await staff.wait_for("message", lambda m: m["text"] == "bericht 24")
    seqs = [m["seq"] for m in staff.received("message") if m["conversation_id"] == cid]
    assert seqs == list(range(2, 27))
    history = await staff.call("history", {"conversation_id": cid, "after_seq": 0})
    assert [m["text"] for m in history["messages"]][1:] == [f"bericht {i}" for i in range(25)]
    await kid.close()


async def test_claim_race_has_exactly_one_winner(server: str, make_user: Callable[..., Any]) -> None:
    make_user("bob")
    make_user("carla")
    bob = await counsellor(server, await login(server, "bob", PASSWORD))
    carla = await counsellor(server, await login(server, "carla", PASSWORD))
    kids = [await visitor(server) for _ in range(5)]
    for peer, _ in kids:
        await say(peer, "help")
    for _, session in kids:
        cid = session["conversation_id"]
        await bob.wait_for("queue", lambda q, c=cid: any(w["conversation_id"] == c for w in q["waiting"]))
        results = await asyncio.gather(
            bob.call("claim", {"conversation_id": cid}), carla.call("claim", {"conversation_id": cid})
        )
        winners = [r for r in results if r["ok"]]
        losers = [r for r in results if not r["ok"]]
        assert len(winners) == 1, results
        assert losers[0]["error"] in {"not_found", "limit_reached"}  # someone else was first: not_found
    for peer, _ in kids:
        await peer.close()
    await bob.close()
    await carla.close()


async def test_concurrent_conversation_limit(server: str, staff: Peer) -> None:
    kids = [await visitor(server) for _ in range(4)]
    results = []
    for peer, session in kids:
        await say(peer, "hoi")
        results.append(await claim_when_queued(staff, session["conversation_id"]))
    assert [r["ok"] for r in results] == [True, True, True, False]
    assert results[3]["error"] == "limit_reached"


async def test_queue_is_ordered_by_urgency_then_waiting_time(server: str, staff: Peer) -> None:
    from chat.store import ConversationStore  # noqa: F401 - the store decides the order

    kids = [await visitor(server) for _ in range(3)]
    for peer, _ in kids:
        await say(peer, "hallo")
        await asyncio.sleep(0.01)
    ids = [s["conversation_id"] for _, s in kids]
    queue = await staff.wait_for("queue", lambda q: len(q["waiting"]) == 3)
    assert [w["conversation_id"] for w in queue["waiting"]] == ids
    assert all(w["urgency"] == "normal" for w in queue["waiting"])  # before triage lands
    results = next(iter(_triage_results()))
    await results.apply(ids[2], {"signals": [{"code": "acute_danger", "score": 0.9, "evidence": []}],
                                        "urgency": "acute", "role": "victim", "minor": True, "language": "nl",
                                        "queue": "crisis"}, seq=1)
    queue = await staff.wait_for("queue", lambda q: q["waiting"] and q["waiting"][0]["conversation_id"] == ids[2])
    assert queue["waiting"][0]["urgency"] == "acute" and queue["waiting"][0]["signals"] == ["acute_danger"]
    assert [w["conversation_id"] for w in queue["waiting"][1:]] == ids[:2]


def _triage_results() -> list[Any]:
    """How the running in-process server applies a triage result (without running the classifier)."""
    import gc

    from chat.queue_view import QueueView
    from chat.triage_worker import TriageResults

    views = [o for o in gc.get_objects() if isinstance(o, QueueView) and o.running]
    return [TriageResults(view.store, view.delivery) for view in views]


async def test_visitor_sees_queue_position_and_estimate(server: str, staff: Peer) -> None:
    first, _ = await visitor(server)
    second, _ = await visitor(server)
    await say(first, "een")
    await say(second, "twee")
    status = await second.wait_for("queue_status", lambda s: s["position"] == 2)
    assert status["waiting"] == 2 and status["counsellors_online"] == 1
    assert isinstance(status["estimated_wait_s"], int) and status["estimated_wait_s"] > 0
    assert status["urgent"] is False  # "twee" is nothing acute: no danger box in the widget
    queue = await staff.wait_for("queue", lambda q: len(q["waiting"]) == 2)
    assert sorted(item["preview"] for item in queue["waiting"]) == ["een", "twee"]  # read before taking
    assert (await staff.call("claim", {"conversation_id": queue["waiting"][0]["conversation_id"]}))["ok"]
    await second.wait_for("queue_status", lambda s: s["position"] == 1)


async def test_typing_both_ways(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(staff, cid)
    assert await kid.call("typing", {"typing": True}) == {"ok": True}
    assert (await staff.wait_for("typing"))["conversation_id"] == cid
    await staff.call("typing", {"conversation_id": cid, "typing": True})
    assert (await kid.wait_for("typing")) == {"sender": "counsellor", "typing": True}


async def test_notes_transfer_and_close_never_reach_the_visitor(
    server: str, staff: Peer, make_user: Callable[..., Any], redis_url: str
) -> None:
    make_user("dirk", skills=["crisis"])
    dirk = await counsellor(server, await login(server, "dirk", PASSWORD))
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(staff, cid)
    note = await staff.call("note", {"conversation_id": cid, "text": "GEHEIME NOTITIE"})
    assert note["ok"] and note["note"]["text"] == "GEHEIME NOTITIE"
    moved = await staff.call("transfer", {"conversation_id": cid, "to_user": "dirk", "note": "OVERDRACHT X"})
    assert moved == {"ok": True}
    assert (await dirk.wait_for("assigned"))["conversation_id"] == cid
    # the first counsellor no longer has it
    assert (await say(staff, "nog iets", cid))["error"] == "not_found"
    opened = await dirk.call("open", {"conversation_id": cid})
    assert [n["text"] for n in opened["conversation"]["notes"]] == ["GEHEIME NOTITIE", "OVERDRACHT X"]
    await say(dirk, "ik neem het over", cid)
    await kid.wait_for("message", lambda m: m["text"] == "ik neem het over")
    closed = await dirk.call("close", {"conversation_id": cid, "outcome": "referred", "tags": ["loverboy"],
                                       "note": "SLOTNOTITIE", "referral": "fier"})
    assert closed == {"ok": True}
    await kid.wait_for("status", lambda s: s["status"] == "closed")
    assert (await say(kid, "hallo?"))["error"] == "conversation_closed"
    everything = repr(kid.events)
    for secret in ("GEHEIME NOTITIE", "OVERDRACHT X", "SLOTNOTITIE", "loverboy", "dirk", "anna"):
        assert secret not in everything
    bad = await dirk.call("close", {"conversation_id": cid, "outcome": "referred"})
    assert bad["ok"] is False and bad["error"] == "conversation_closed"
    # Tags and referral can name a place or an organisation: sealed at rest like the texts.
    client = redis.Redis.from_url(redis_url)
    try:
        stored = b" ".join(k + b"=" + v for k, v in client.hgetall(keys.conversation(cid)).items())
    finally:
        client.close()
    assert b"outcome=referred" in stored and b"loverboy" not in stored and b"fier" not in stored


async def test_transfer_to_a_queue_and_a_specialist_sees_it(
    server: str, staff: Peer, make_user: Callable[..., Any]
) -> None:
    make_user("eva", skills=["professional"], languages=["nl"])
    eva = await counsellor(server, await login(server, "eva", PASSWORD))
    kid, session = await visitor(server, {"about": "self"})
    cid = session["conversation_id"]
    await say(kid, "hoi")
    # a youth conversation is not for a counsellor who only takes professionals (until overflow)
    await staff.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    await asyncio.sleep(0.5)
    assert all(cid not in [w["conversation_id"] for w in q["waiting"]] for q in eva.received("queue"))
    assert (await eva.call("claim", {"conversation_id": cid}))["error"] == "not_found"  # not yours to claim: as if it did not exist
    await staff.call("claim", {"conversation_id": cid})
    assert await staff.call("transfer", {"conversation_id": cid, "to_queue": "professional", "note": "graag"}) == {"ok": True}
    queue = await eva.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    assert next(w for w in queue["waiting"] if w["conversation_id"] == cid)["queue"] == "professional"
    assert (await eva.call("claim", {"conversation_id": cid}))["ok"]


async def test_visitor_can_end_and_quick_exit_tells_the_counsellor(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(staff, cid)
    assert await kid.call("quick_exit") == {"ok": True}
    left = await staff.wait_for("visitor_left")
    assert left["conversation_id"] == cid and left["hurried"] is True
    # the counsellor still records the outcome after the visitor left
    assert (await staff.call("close", {"conversation_id": cid, "outcome": "visitor_left"}))["ok"]

    other, s2 = await visitor(server)
    await say(other, "hoi")
    await claim_when_queued(staff, s2["conversation_id"])
    assert await other.call("end") == {"ok": True}
    assert (await staff.wait_for("visitor_left", lambda e: e["conversation_id"] == s2["conversation_id"]))["hurried"] is False


async def test_delivered_receipts_reach_the_visitor(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(staff, cid)
    assert await staff.call("seen", {"conversation_id": cid, "seq": 1}) == {"ok": True}
    assert await kid.wait_for("delivered") == {"seq": 1}


async def test_triage_feedback_is_stored(server: str, staff: Peer, redis_url: str) -> None:
    import redis

    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(staff, cid)
    ok = await staff.call("triage_feedback", {"conversation_id": cid, "code": "grooming", "verdict": "reject"})
    assert ok == {"ok": True}
    bad = await staff.call("triage_feedback", {"conversation_id": cid, "code": "nonsense", "verdict": "reject"})
    assert bad["error"] == "bad_request"
    stored = redis.Redis.from_url(redis_url).hget(keys.feedback(cid), "grooming")
    assert stored is not None and b"reject" in stored


async def test_nothing_is_stored_until_the_first_message(server: str, redis_url: str) -> None:
    """Opening the widget leaves no trace in Redis; a reconnect before writing gets the same, empty
    conversation back; the first message stores it (issue 9: 5,000 connects used to add 10,000 keys)."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url)
    try:
        before = await client.dbsize()
        peers = [await visitor(server) for _ in range(20)]
        for peer, _ in peers:
            await peer.close()
        assert await client.dbsize() == before

        kid, session = await visitor(server)
        await kid.close()
        again, resumed = await visitor(server, {"resume_token": session["resume_token"]})
        assert resumed["conversation_id"] == session["conversation_id"] and resumed["status"] == "new"
        assert await client.exists(keys.conversation(session["conversation_id"])) == 0
        assert (await say(again, "nu schrijf ik wel"))["seq"] == 1
        assert await client.exists(keys.conversation(session["conversation_id"])) == 1
        await again.close()
        back, third = await visitor(server, {"resume_token": session["resume_token"]})
        assert third["conversation_id"] == session["conversation_id"] and third["status"] == "queued"
        assert (await back.call("history", {"after_seq": 0}))["messages"][0]["text"] == "nu schrijf ik wel"
        await back.close()
    finally:
        await client.aclose()
