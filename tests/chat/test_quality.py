"""Quality and care (issue 12): the review queue with sampling and the reviews (chat/review_queue.py),
counsellor welfare (chat/welfare.py) and their endpoints (chat/http_quality.py), on a real Redis."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.config import Settings
from chat.crypto import Vault
from chat.errors import ErrorCode, HelplineError
from chat.hours import OpeningHours
from chat.presence import Presence
from chat.retention import Retention
from chat.review import Review
from chat.review_queue import COMMENT_FIELD, ReviewQueue
from chat.rotation import rotate
from chat.store import ConversationStore
from chat.welfare import STEP_MAX_MS, Welfare
from tests.chat.clients import Peer, claim_when_queued, counsellor, login, say, stored_conversation, visitor
from tests.chat.test_conversations import RecordingSocketServer
from tests.conftest import PASSWORD

MASTER = b"q" * 32
COMMENT = "Goed doorgevraagd naar veiligheid; verwijzing naar CoMensha kwam laat."


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[ConversationStore]:
    client = aioredis.Redis.from_url(redis_url)
    yield ConversationStore(client, Vault(MASTER))
    await client.aclose()


async def closed_conversation(store: ConversationStore, counsellor_name: str = "anna", acute: bool = False,
                              signals: str = "[]") -> str:
    """A conversation as a counsellor leaves it: claimed, answered, closed."""
    cid, _ = await stored_conversation(store)
    await store.append(cid, "visitor", "hallo", "c1")
    if acute or signals != "[]":
        await store.set_triage(cid, "acute" if acute else "normal",
                               {"urgency": "acute" if acute else "normal", "signals": signals})
    await store.claim(cid, counsellor_name, 0)
    await store.close(cid, counsellor_name, {"outcome": "other"})
    return cid


# -- sampling -------------------------------------------------------------------------------------

async def test_every_acute_conversation_is_queued_and_no_other_at_sample_zero(store: ConversationStore) -> None:
    queue = ReviewQueue(store, sample=0.0)
    acute = [await closed_conversation(store, acute=True) for _ in range(12)]
    calm = [await closed_conversation(store) for _ in range(12)]
    for cid in acute + calm:
        assert await queue.decide(cid) == ("acute" if cid in acute else "none")
    listed = await queue.queue()
    assert {item["conversation_id"] for item in listed} == set(acute)
    assert {item["pick"] for item in listed} == {"acute"} and all(item["review"] is None for item in listed)


async def test_the_sample_is_drawn_once_at_close_at_the_configured_rate(store: ConversationStore) -> None:
    queue = ReviewQueue(store, sample=0.3, rng=random.Random(12))
    cids = [await closed_conversation(store) for _ in range(200)]
    picks = [await queue.decide(cid) for cid in cids]
    sampled = picks.count("sample")
    assert 30 <= sampled <= 90, sampled  # 60 expected; the seed makes it the same every run
    assert set(picks) == {"sample", "none"}
    # Decided once: asking again, even with another rate, changes nothing.
    again = ReviewQueue(store, sample=1.0)
    assert [await again.decide(cid) for cid in cids] == picks
    none = ReviewQueue(store, sample=0.0)
    assert [await none.decide(cid) for cid in cids] == picks
    assert await store.redis.zcard(keys.REVIEW_QUEUE) == sampled
    # An open conversation is not decided at all.
    open_cid, _ = await stored_conversation(store)
    await store.append(open_cid, "visitor", "hallo", "c1")
    assert await queue.decide(open_cid) == ""
    assert await store.redis.exists(keys.review(open_cid)) == 0


async def test_a_conversation_that_becomes_acute_after_closing_is_queued_by_the_sweep(store: ConversationStore) -> None:
    queue = ReviewQueue(store, sample=0.0)
    late = await closed_conversation(store)
    undecided = await closed_conversation(store, acute=True)  # e.g. the process stopped before deciding
    assert await queue.decide(late) == "none"
    # The last message's triage result lands after the close.
    await store.set_triage(late, "acute", {"urgency": "acute"}, seq=1)
    listed = {item["conversation_id"]: item["pick"] for item in await queue.queue()}
    assert listed == {late: "acute", undecided: "acute"}
    assert await queue.sweep() == 0  # nothing left to do


async def test_close_hooks_decide_for_every_way_a_conversation_closes(store: ConversationStore) -> None:
    review = Review(store)
    queue = ReviewQueue(store, sample=1.0)
    review.on_close.append(queue.decide)
    cid = await closed_conversation(store)
    review.schedule(cid)
    await asyncio.wait(list(review._tasks), timeout=30)
    assert await store.redis.hget(keys.review(cid), "pick") == b"sample"
    await review.stop()


# -- reviews ---------------------------------------------------------------------------------------

async def test_a_review_is_stored_sealed_and_bad_forms_are_refused(store: ConversationStore) -> None:
    queue = ReviewQueue(store, sample=0.0)
    cid = await closed_conversation(store, acute=True)
    await queue.decide(cid)
    await queue.save(cid, "sara", {"safety": 4, "rapport": 5, "referral": 2, "comment": f"  {COMMENT}  "})
    got = await queue.get(cid)
    assert got["review"] is not None
    assert {k: got["review"][k] for k in ("safety", "rapport", "referral", "comment", "reviewer")} == {
        "safety": 4, "rapport": 5, "referral": 2, "comment": COMMENT, "reviewer": "sara"}
    raw = await store.redis.hgetall(keys.review(cid))
    assert COMMENT.encode() not in b"".join(raw.values())  # sealed at rest
    assert Vault(MASTER).open_field(cid, COMMENT_FIELD, raw[b"comment_sealed"].decode()) == COMMENT
    # Reviewed ones come after the open ones; the filters split them.
    other = await closed_conversation(store, acute=True)
    await queue.decide(other)
    assert [i["conversation_id"] for i in await queue.queue()] == [other, cid]
    assert [i["conversation_id"] for i in await queue.queue("open")] == [other]
    assert [i["conversation_id"] for i in await queue.queue("reviewed")] == [cid]
    # Replacing it without a comment removes the old comment.
    await queue.save(cid, "sara", {"safety": 3, "rapport": 3, "referral": 3})
    assert (await queue.get(cid))["review"]["comment"] == ""

    bad: list[Any] = [
        {"safety": 0, "rapport": 3, "referral": 3}, {"safety": 6, "rapport": 3, "referral": 3},
        {"safety": "4", "rapport": 3, "referral": 3}, {"safety": True, "rapport": 3, "referral": 3},
        {"safety": 4.5, "rapport": 3, "referral": 3}, {"rapport": 3, "referral": 3},
        {"safety": 3, "rapport": 3, "referral": 3, "comment": 7},
        {"safety": 3, "rapport": 3, "referral": 3, "note": "x"},
    ]
    for body in bad:
        with pytest.raises(HelplineError) as caught:
            await queue.save(other, "sara", body)
        assert caught.value.code == ErrorCode.BAD_REQUEST, body
    with pytest.raises(HelplineError) as caught:
        await queue.save(other, "sara", {"safety": 3, "rapport": 3, "referral": 3, "comment": "x" * 2001})
    assert caught.value.code == ErrorCode.TEXT_TOO_LONG
    with pytest.raises(HelplineError) as caught:
        await queue.queue("everything")
    assert caught.value.code == ErrorCode.BAD_REQUEST
    # Not closed, or no such conversation: the same not_found.
    open_cid, _ = await stored_conversation(store)
    await store.append(open_cid, "visitor", "hallo", "c1")
    for target in (open_cid, "0" * 32):
        with pytest.raises(HelplineError) as caught:
            await queue.save(target, "sara", {"safety": 3, "rapport": 3, "referral": 3})
        assert caught.value.code == ErrorCode.NOT_FOUND
    assert (await queue.get(other))["review"] is None  # nothing was stored by the refusals


async def test_reviews_go_with_the_conversation_at_review_retention(store: ConversationStore, tmp_path: Path) -> None:
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_RETENTION_DAYS": "30",
                                  "HELPLINE_REVIEW_RETENTION_DAYS": "365"})
    queue = ReviewQueue(store, sample=0.0)
    cid = await closed_conversation(store, acute=True)
    await queue.decide(cid)
    await queue.save(cid, "sara", {"safety": 4, "rapport": 4, "referral": 4, "comment": COMMENT})
    retention = Retention(store, Review(store), settings)
    await retention.apply(now=time.time() + 31 * 86400)  # the texts go; the review stays
    assert (await queue.get(cid))["review"]["comment"] == COMMENT
    assert len(await queue.of_counsellor("anna")) == 1
    await retention.apply(now=time.time() + 366 * 86400)
    assert await store.redis.exists(keys.review(cid)) == 0
    assert await store.redis.zscore(keys.REVIEW_QUEUE, cid) is None
    assert await store.redis.exists(keys.reviews_of("anna")) == 0
    assert await queue.queue() == [] and await queue.of_counsellor("anna") == []


async def test_key_rotation_moves_review_comments(store: ConversationStore) -> None:
    queue = ReviewQueue(store, sample=0.0)
    cid = await closed_conversation(store, acute=True)
    await queue.save(cid, "sara", {"safety": 4, "rapport": 4, "referral": 4, "comment": COMMENT})
    await store.check_master_key()
    new = Vault(b"n" * 32)
    await rotate(store.redis, store.vault, new)
    moved = ReviewQueue(ConversationStore(store.redis, new), sample=0.0)
    assert (await moved.get(cid))["review"]["comment"] == COMMENT


# -- welfare ---------------------------------------------------------------------------------------

@pytest.fixture
async def welfare(store: ConversationStore, tmp_path: Path) -> AsyncIterator[tuple[Welfare, RecordingSocketServer]]:
    from chat.delivery import Delivery

    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_WELFARE_SEXUAL": "2",
                                  "HELPLINE_WELFARE_SHIFT_GAP_MIN": "60"})
    sio = RecordingSocketServer()
    presence = Presence(store.redis, OpeningHours("always", "Europe/Amsterdam"))
    yield Welfare(store.redis, store, presence, Delivery(sio, presence.is_monitored), settings), sio  # type: ignore[arg-type]


async def test_a_shift_counts_time_online_and_starts_anew_after_a_long_gap(welfare: Any) -> None:
    care, _ = welfare
    t0 = int(time.time() * 1000) - 3 * 3_600_000
    for step in range(0, 5):  # the console open for two minutes, touched every 30 s
        await care.touch("anna", t0 + step * 30_000)
    await care.touch("anna", t0 + 120_000 + STEP_MAX_MS + 60_000)  # a short time away: not counted
    raw = await care.redis.hgetall(keys.welfare("anna"))
    assert int(raw[b"online_ms"]) == 120_000 and int(raw[b"start"]) == t0
    await care.redis.hset(keys.welfare("anna"), mapping={"acute": 3})
    # More than the shift gap (60 min here) without the console: a new shift, the counts at zero.
    await care.touch("anna", t0 + 2 * 3_600_000)
    raw = await care.redis.hgetall(keys.welfare("anna"))
    assert int(raw[b"start"]) == t0 + 2 * 3_600_000 and raw[b"acute"] == b"0" and raw[b"online_ms"] == b"0"
    assert await care.redis.pttl(keys.welfare("anna")) > 0  # kept a day at most, never a history


async def test_exposure_is_counted_once_and_an_acute_close_suggests_a_break_to_that_counsellor_only(
    welfare: Any, store: ConversationStore
) -> None:
    care, sio = welfare
    acute = await closed_conversation(store, "anna", acute=True)
    await care.conversation_closed(acute)
    await care.conversation_closed(acute)  # the visitor left, then anna recorded the outcome: once
    sent = sio.emitted("welfare")
    assert len(sent) == 1
    event, where = sent[0]
    assert where == {"room": "u:anna", "namespace": "/counsellor"}
    assert event["suggest_break"] is True and event["reason"] == "acute" and event["conversation_id"] == acute
    assert event["shift"]["acute"] == 1 and event["shift"]["handled"] == 1
    # A calm conversation suggests nothing; sexual exploitation does once it reaches its threshold (2).
    await care.conversation_closed(await closed_conversation(store, "anna"))
    await care.conversation_closed(await closed_conversation(store, "anna", signals='["sextortion"]'))
    assert len(sio.emitted("welfare")) == 1
    # Rejected by the counsellor: not counted; added by the counsellor: counted.
    rejected = await closed_conversation(store, "anna", signals='["sexual_exploitation"]')
    await store.set_feedback(rejected, "sexual_exploitation", {"verdict": "reject"})
    await care.conversation_closed(rejected)
    added = await closed_conversation(store, "anna")
    await store.set_feedback(added, "grooming", {"verdict": "add"})
    await care.conversation_closed(added)
    shift = await care.shift("anna")
    assert (shift["handled"], shift["acute"], shift["sexual"]) == (5, 1, 2)
    assert [e["reason"] for e, _ in sio.emitted("welfare")] == ["acute", "sexual"]
    assert shift["reasons"] == ["recent_acute", "sexual"] and shift["may_need_break"]
    # Taking a break clears "recent acute"; nobody else has a shift.
    assert "recent_acute" not in (await care.take_break("anna"))["reasons"]
    assert [s["counsellor"] for s in await care.overview()] == ["anna"]
    assert (await care.shift("bob"))["handled"] == 0
    # A conversation that closed while waiting exposed nobody.
    gave_up, _ = await stored_conversation(store)
    await store.append(gave_up, "visitor", "hallo", "c1")
    await store.close(gave_up, "", {"ended_by": "gave_up"})
    await care.conversation_closed(gave_up)
    assert (await care.shift("anna"))["handled"] == 5


# -- over HTTP and sockets, through a real server ------------------------------------------------

@pytest.fixture
def settings_env(tmp_path: Path, redis_url: str) -> dict[str, str]:
    from tests.conftest import test_env

    return test_env(tmp_path, redis_url, HELPLINE_REVIEW_SAMPLE="0")


async def _handled(server: str, staff: Peer, redis: aioredis.Redis, acute: bool) -> str:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hallo, ik heb hulp nodig")
    assert (await claim_when_queued(staff, cid))["ok"]
    if acute:  # as triage would set it (triage is off in these tests)
        await redis.hset(keys.conversation(cid), mapping={"urgency": "acute", "signals": '["acute_danger"]'})
    assert await staff.call("close", {"conversation_id": cid, "outcome": "other"}) == {"ok": True}
    await kid.close()
    return cid


async def test_review_and_welfare_endpoints_keep_each_counsellor_to_their_own(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    for name in ("anna", "bob"):
        make_user(name)
    make_user("sara", role="supervisor")
    tokens = {name: await login(server, name, PASSWORD) for name in ("anna", "bob", "sara")}
    auth = {name: {"Authorization": f"Bearer {token}"} for name, token in tokens.items()}
    redis = aioredis.Redis.from_url(redis_url)
    anna, bob = await counsellor(server, tokens["anna"]), await counsellor(server, tokens["bob"])
    try:
        mine = await _handled(server, anna, redis, acute=True)
        theirs = await _handled(server, bob, redis, acute=True)
        calm = await _handled(server, bob, redis, acute=False)
        # The break suggestion reaches anna's console, and only hers.
        event = await anna.wait_for("welfare", lambda e: e["conversation_id"] == mine)
        assert event["reason"] == "acute" and event["shift"]["acute"] == 1
        await bob.wait_for("welfare", lambda e: e["conversation_id"] == theirs)
        assert all(e["conversation_id"] != theirs for e in anna.received("welfare"))

        async with aiohttp.ClientSession() as http:
            async def call(method: str, path: str, who: str, **kw: Any) -> tuple[int, Any]:
                async with http.request(method, server + path, headers=auth[who], **kw) as response:
                    return response.status, await response.json()

            # Every acute one is queued (sample 0: no other).
            for _ in range(40):
                status, body = await call("GET", "/api/supervisor/reviews", "sara")
                if {r["conversation_id"] for r in body["reviews"]} == {mine, theirs}:
                    break
                await asyncio.sleep(0.25)
            assert status == 200 and {r["conversation_id"] for r in body["reviews"]} == {mine, theirs}
            assert body["sample"] == 0 and calm not in str(body)

            form = {"safety": 4, "rapport": 5, "referral": 3, "comment": COMMENT}
            for cid, comment in ((mine, COMMENT), (theirs, "voor bob")):
                status, body = await call("PUT", f"/api/supervisor/reviews/{cid}", "sara", json={**form, "comment": comment})
                assert status == 200 and body["ok"] and body["review"]["comment"] == comment
            status, body = await call("GET", "/api/reviews/mine", "anna")
            assert status == 200 and [r["conversation_id"] for r in body["reviews"]] == [mine]
            assert body["reviews"][0]["review"]["comment"] == COMMENT
            status, body = await call("GET", "/api/reviews/mine", "bob")
            assert [r["conversation_id"] for r in body["reviews"]] == [theirs] and COMMENT not in str(body)

            # A counsellor reads nobody else's: the supervisor endpoints refuse them.
            for method, path in (("GET", "/api/supervisor/reviews"), ("GET", f"/api/supervisor/reviews/{theirs}"),
                                 ("PUT", f"/api/supervisor/reviews/{theirs}"), ("GET", "/api/supervisor/welfare")):
                status, body = await call(method, path, "anna", json=form if method == "PUT" else None)
                assert (status, body["error"]) == (403, "not_allowed"), path
            async with http.get(server + "/api/reviews/mine") as response:
                assert response.status == 401

            # Bad input: one error shape, nothing stored.
            for body_sent, code in (({**form, "safety": 9}, "bad_request"), ({**form, "comment": "x" * 2001}, "text_too_long"),
                                    ([1, 2], "bad_request")):
                status, body = await call("PUT", f"/api/supervisor/reviews/{calm}", "sara", json=body_sent)
                assert status == 400 and body["ok"] is False and body["error"] == code
            async with http.put(f"{server}/api/supervisor/reviews/{calm}", headers={**auth["sara"], "Content-Type": "application/json"},
                                data=b"{not json") as response:
                assert response.status == 400 and (await response.json())["error"] == "bad_request"
            for target in ("0" * 32, "not-an-id", mine.upper()):
                status, body = await call("PUT", f"/api/supervisor/reviews/{target}", "sara", json=form)
                assert (status, body["error"]) == (404, "not_found"), target
            status, body = await call("GET", "/api/supervisor/reviews?state=nonsense", "sara")
            assert (status, body["error"]) == (400, "bad_request")
            status, body = await call("GET", f"/api/supervisor/reviews/{calm}", "sara")
            assert status == 200 and body["pick"] == "none" and body["review"] is None

            # Welfare: the supervisor sees both shifts, each counsellor only their own.
            status, body = await call("GET", "/api/supervisor/welfare", "sara")
            assert status == 200
            shifts = {s["counsellor"]: s for s in body["counsellors"]}
            assert shifts["anna"]["acute"] == 1 and shifts["anna"]["may_need_break"]
            assert "recent_acute" in shifts["anna"]["reasons"] and shifts["bob"]["handled"] == 2
            status, body = await call("GET", "/api/welfare/me", "anna")
            assert status == 200 and body["shift"]["handled"] == 1 and "bob" not in str(body)
            status, body = await call("POST", "/api/welfare/break", "anna", json={})
            assert status == 200 and body["shift"]["break_at"] and "recent_acute" not in body["shift"]["reasons"]

        # Audited: the reviews stored and the welfare list read; never the comment.
        entries = [(e[b"actor"], e[b"action"], e[b"target"]) for _, e in await redis.xrange(keys.AUDIT)]
        assert (b"sara", b"review.save", mine.encode()) in entries
        assert (b"sara", b"review.save", theirs.encode()) in entries
        assert (b"sara", b"welfare.view", b"") in entries
        assert COMMENT not in str(await redis.xrange(keys.AUDIT))
    finally:
        await anna.close()
        await bob.close()
        await redis.aclose()


def test_settings_refuse_a_sample_outside_zero_to_one(tmp_path: Path) -> None:
    assert Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path)}).review_sample == 0.1
    assert Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_REVIEW_SAMPLE": "0.25"}).review_sample == 0.25
    for bad in ("1.5", "-0.1", "ten percent"):
        with pytest.raises(SystemExit):
            Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_REVIEW_SAMPLE": bad})



async def test_welfare_and_team_read_the_same_presence(server: str, make_user: Callable[..., Any]) -> None:
    """A counsellor the team list shows online is in the welfare overview at once (not only after the next
    periodic touch, up to 30 s later: "Niemand heeft nu dienst" beside an online counsellor), and one whose
    console closed reads "not online" in both."""
    make_user("anna")
    make_user("sara", role="supervisor")
    token = await login(server, "sara", PASSWORD)
    board = await counsellor(server, token, "/supervisor")
    anna = await counsellor(server, await login(server, "anna", PASSWORD))

    def team(b: dict[str, Any]) -> dict[str, str]:
        return {c["username"]: c["state"] for c in b["counsellors"]}

    async def welfare() -> dict[str, bool]:
        async with aiohttp.ClientSession() as http, http.get(
            server + "/api/supervisor/welfare", headers={"Authorization": f"Bearer {token}"}
        ) as response:
            assert response.status == 200
            return {s["counsellor"]: s["online"] for s in (await response.json())["counsellors"]}

    await board.wait_for("board", lambda b: team(b) == {"anna": "online"})
    assert await welfare() == {"anna": True}
    await anna.close()
    await board.wait_for("board", lambda b: "anna" not in team(b))
    assert await welfare() == {"anna": False}
