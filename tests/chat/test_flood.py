"""A flood of new conversations (chat/flood.py): past HELPLINE_MAX_NEW_PER_MINUTE a first message is stored
and queued as a flood conversation instead of refused, sorts behind those admitted under the cap within its
urgency (for HELPLINE_FLOOD_DEFER_S at most), and `busy` is answered only past HELPLINE_MAX_FLOOD_PER_MINUTE.
Attacker report (2026-11-29): 62 connects at each minute's start kept every real visitor at `busy`."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable
from typing import Any

import pytest
import redis as sync_redis
import redis.asyncio as aioredis

from chat import keys
from chat.accounts import Account
from chat.errors import ErrorCode, HelplineError
from chat.flood import COUNTER_TTL_S, FLOOD_WINDOW_MIN, admit, summary
from chat.safe_words import save_safe_words
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.chat.test_conversations import wired  # noqa: F401 - the service on a real Redis
from tests.conftest import PASSWORD


async def away_from_minute_end(margin_s: float = 15.0) -> None:
    """The cap counts per clock minute: start a test that needs one minute early enough in it."""
    left = 60 - time.time() % 60
    if left < margin_s:
        await asyncio.sleep(left + 0.05)


def fill_minutes(redis_url: str, count: int, minutes: int = 4) -> None:
    """Count at least `count` first messages in this minute and the next few, so that what a test sends
    next is past them whenever the minute turns (on a slow machine a test must not depend on the clock)."""
    client = sync_redis.Redis.from_url(redis_url)
    try:
        minute = int(time.time() // 60)
        for key in (keys.admitted(minute + n) for n in range(minutes)):
            client.set(key, max(int(client.get(key) or 0), count), ex=COUNTER_TTL_S + minutes * 60)
    finally:
        client.close()


# -- the arithmetic (fast) ------------------------------------------------------------------------------


def test_the_nth_first_message_of_a_minute_is_normal_then_flood_then_busy() -> None:
    assert [admit(n, 120.0, cap=2, ceiling=3).flood for n in range(1, 6)] == [False, False, True, True, True]
    assert not any(admit(n, 120.0, cap=2, ceiling=3).refused for n in range(1, 6))
    busy = admit(6, 130.0, cap=2, ceiling=3)
    assert busy.refused and not busy.flood and busy.retry_after_s == 50.5  # until the next minute
    assert admit(3, 120.0, cap=2, ceiling=0).refused  # flood admission off: busy past the cap, as before
    assert admit(10**6, 120.0, cap=0, ceiling=0) == admit(1, 120.0, cap=0, ceiling=0)  # no cap: always normal


def test_the_banner_counts_flood_and_refused_conversations_of_the_last_minutes() -> None:
    assert summary([2, 1, 0, 0, 0], cap=2, ceiling=3) is None  # nobody past the cap: no banner
    assert summary([9, 4, 0, 0, 0], cap=2, ceiling=3) == {"admitted": 3 + 2, "refused": 4, "window_s": 300}
    assert summary([50, 50], cap=0, ceiling=3) is None


# -- in the service, on a real Redis --------------------------------------------------------------------


def _limits(service: Any, monkeypatch: pytest.MonkeyPatch, **changes: int) -> None:
    settings = dataclasses.replace(service.settings, **changes)
    monkeypatch.setattr(service, "settings", settings)
    monkeypatch.setattr(service.queue_view, "settings", settings)


async def _first_messages(service: Any, count: int, start: int = 0) -> list[str]:
    cids = []
    for n in range(start, start + count):
        session, _ = await service.visitor_connect(f"v{n}", {"lang": "nl"})
        await service.visitor_message(f"v{n}", f"bericht {n}", "m1")
        cids.append(session["conversation_id"])
    return cids


async def test_past_the_cap_a_real_visitors_first_message_is_stored_and_reaches_a_counsellor(
    wired: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    service, sio, redis, _ = wired
    await away_from_minute_end()
    _limits(service, monkeypatch, max_new_per_minute=2, max_flood_per_minute=3)
    await service.counsellor_connect("c1", Account("anna", "counsellor"), "token")
    fakes = await _first_messages(service, 2)  # the script fills the cap at the minute's start
    session, _ = await service.visitor_connect("real", {"lang": "nl"})
    cid = session["conversation_id"]
    ack = await service.visitor_message("real", "Ik word vastgehouden en mag niet naar huis", "m1")
    assert ack == {"id": f"{cid}:1", "seq": 1}  # acknowledged as any first message: nothing refused
    record = await service.store.get(cid)
    assert record is not None and record.flood and record.status == "queued"
    assert [r is not None and r.flood for r in await service.store.get_many(fakes, ["flood"])] == [False, False]
    assert [c for c, _ in await service.store.waiting()] == [*fakes, cid]
    assert [w["text"] for w, r in sio.emitted("message") if r.get("room") == f"c:{cid}"] == [
        "Ik word vastgehouden en mag niet naar huis"]
    claimed = await service.claim("c1", cid)
    assert claimed["conversation"]["flood"] is True
    assert [m["text"] for m in claimed["conversation"]["messages"]] == ["Ik word vastgehouden en mag niet naar huis"]

    # Two more flood conversations fit under the ceiling; the next first message is `busy`, nothing stored.
    await _first_messages(service, 2, start=10)
    await service.visitor_connect("late", {"lang": "nl"})
    with pytest.raises(HelplineError) as refused:
        await service.visitor_message("late", "hoi", "m1")
    assert refused.value.code == ErrorCode.BUSY and 0 < (refused.value.retry_after_s or 0) <= 61
    late = service.presence.visitor("late")
    assert late is not None and not late.stored and await service.store.get(late.conversation_id) is None
    # The console's banner: 3 taken in past the cap, 1 refused, in the last minutes.
    await service.queue_view.refresh()
    assert service.queue_view.flood == {"admitted": 3, "refused": 1, "window_s": FLOOD_WINDOW_MIN * 60}
    assert (await service.queue_view.board())["flood"] == service.queue_view.flood  # the supervisors' too


async def test_the_queue_orders_by_urgency_then_under_the_cap_before_flood_then_age(
    wired: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    service, _, _, _ = wired
    store = service.store
    await away_from_minute_end()
    _limits(service, monkeypatch, max_new_per_minute=3, max_flood_per_minute=10)
    a, b, c = await _first_messages(service, 3)  # under the cap
    d, e, f, g = await _first_messages(service, 4, start=3)  # flood
    h, i = await _first_messages(service, 2, start=7)  # flood too: this minute's cap is full
    # Triage and the acute path work on flood conversations as on any other.
    await store.set_triage(e, "high", {"urgency": "high"}, seq=1)
    await store.set_triage(c, "low", {"urgency": "low"}, seq=1)
    assert await store.raise_acute(f, "safe_word") == 1
    await store.set_triage(g, "acute", {"urgency": "acute"}, seq=1)
    await store.set_triage(b, "acute", {"urgency": "acute"}, seq=1)
    order = [cid for cid, _ in await store.waiting()]
    # acute: b (under the cap) before f and g (flood, by age); high: e; normal: a, then d, h, i; low: c.
    assert order == [b, f, g, e, a, d, h, i, c]
    await service.queue_view.refresh()
    assert [w.flood for w in service.queue_view.waiting] == [False, True, True, True, False, True, True, True, False]

    # Back in the queue after a transfer, a flood conversation keeps its place behind the others.
    await service.counsellor_connect("c1", Account("anna", "counsellor"), "token")
    await service.claim("c1", d)
    await service.transfer("c1", d, "", "youth", "")
    assert [cid for cid, _ in await store.waiting()] == [b, f, g, e, a, d, h, i, c]


async def test_a_flood_conversation_is_deferred_for_a_while_not_for_ever(
    wired: Any, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """A script that fills the cap with its own conversations each minute makes real visitors the flood
    ones: the defer is bounded, so newer conversations under the cap do not pass them for ever."""
    service, _, _, _ = wired
    await away_from_minute_end()
    _limits(service, monkeypatch, max_new_per_minute=1, max_flood_per_minute=5, flood_defer_s=1)
    [first] = await _first_messages(service, 1)
    [flood] = await _first_messages(service, 1, start=1)
    await service.store.redis.delete(keys.admitted(int(time.time() // 60)))  # as at the next minute
    [soon] = await _first_messages(service, 1, start=2)  # within the defer: ahead of the flood one
    await asyncio.sleep(1.1)
    await service.store.redis.delete(keys.admitted(int(time.time() // 60)))
    [later] = await _first_messages(service, 1, start=3)  # after it: behind
    assert [c for c, _ in await service.store.waiting()] == [first, soon, flood, later]


# -- end to end, over the sockets -------------------------------------------------------------------------


@pytest.fixture
def flood_limits(settings_env: dict[str, str]) -> None:
    settings_env.update(HELPLINE_MAX_NEW_PER_MINUTE="2", HELPLINE_MAX_FLOOD_PER_MINUTE="3")


@pytest.mark.usefixtures("flood_limits")
async def test_a_flood_over_the_sockets_does_not_lock_a_real_visitor_out(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    from tests.chat.test_acute import SAFE_WORDS, _desk
    from tests.chat.test_conversation_flow import _triage_results

    client = aioredis.Redis.from_url(redis_url)
    try:
        await save_safe_words(client, SAFE_WORDS)
    finally:
        await client.aclose()
    await _desk().safe_words.reload()
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    await away_from_minute_end()
    fakes = []
    for n in range(3):  # two under the cap, one past it
        peer, session = await visitor(server)
        await say(peer, f"spam {n}")
        fakes.append((peer, session["conversation_id"]))
        if n == 1:
            fill_minutes(redis_url, 2)
    real, real_session = await visitor(server)
    real_cid = real_session["conversation_id"]
    ack = await say(real, "Ik ben 15 en ik word vastgehouden")
    assert set(ack) == {"id", "seq"} and ack["seq"] == 1
    last, last_session = await visitor(server)
    await say(last, "spam 4")  # the ceiling's last place
    ids = [cid for _, cid in fakes] + [real_cid, last_session["conversation_id"]]
    queue = await staff.wait_for("queue", lambda q: [w["conversation_id"] for w in q["waiting"]] == ids)
    assert [w["flood"] for w in queue["waiting"]] == [False, False, True, True, True]
    fill_minutes(redis_url, 2 + 3)  # the ceiling's places taken, whenever the minute turned
    refused_peer, _ = await visitor(server)
    busy = await say(refused_peer, "spam 5")
    assert busy["ok"] is False and busy["error"] == "busy" and busy["retry_after_s"] > 0
    await staff.wait_for("queue", lambda q: q["flood"] and q["flood"]["admitted"] >= 3
                         and q["flood"]["refused"] >= 1 and q["flood"]["window_s"] == 300)

    # What the real visitor received is what an under-the-cap visitor received: no flood anywhere.
    under = fakes[0][0]
    assert set(real.events) == set(under.events)
    for status in real.received("queue_status"):
        assert set(status) == set(under.received("queue_status")[0]) and "flood" not in status

    # Triage sorts a flood conversation up like any other; a safe word makes it first.
    await _triage_results()[0].apply(ids[4], {"signals": [], "urgency": "high", "role": "victim", "minor": None,
                                              "language": "nl", "queue": "youth"}, seq=1)
    await staff.wait_for("queue", lambda q: q["waiting"] and q["waiting"][0]["conversation_id"] == ids[4])
    await say(real, "rode ballon")
    queue = await staff.wait_for("queue", lambda q: q["waiting"] and q["waiting"][0]["conversation_id"] == real_cid)
    assert queue["waiting"][0]["urgency"] == "acute" and queue["waiting"][0]["acute_reason"] == "safe_word"
    claimed = await claim_when_queued(staff, real_cid)
    assert claimed["conversation"]["flood"] is True
    assert [m["text"] for m in claimed["conversation"]["messages"]] == ["Ik ben 15 en ik word vastgehouden",
                                                                        "rode ballon"]
