"""Triage workers on the Redis job stream (chat/triage_worker.py), on a real Redis.

The classifier is replaced by a small counting function here: these tests are about the jobs (one per
stored visitor message, coalesced, acknowledged only after the result is stored, taken over from a
dead worker), not about what triage finds (tests/triage/ and tests/chat/test_triage_integration.py).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio as aioredis

from chat import keys, triage_worker
from chat.crypto import Vault
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.records import TriageResult
from chat.store import ConversationStore
from chat.triage_worker import TriageResults, TriageWorker
from tests.chat.test_conversations import RecordingSocketServer


class CountingClassifier:
    """Acute when a message says "nu", and remembers what it was asked."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> TriageResult:
        self.calls.append(list(texts))
        acute = any("nu" in t.split() for t in texts)
        return {
            "signals": [{"code": "acute_danger", "score": 0.9, "evidence": []}] if acute else [],
            "urgency": "acute" if acute else "low",
            "role": "victim",
            "minor": None,
            "language": "nl",
            "queue": "crisis" if acute else "general",
        }


@pytest.fixture(autouse=True)
def no_min_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most tests here are about the jobs, not the pacing (tested on its own below)."""
    monkeypatch.setattr(triage_worker, "MIN_INTERVAL_S", 0.0)
    # ... nor about yielding to the chat on a busy machine (tested on its own below): a busy test machine
    # must not change what a pass does.
    monkeypatch.setattr(triage_worker, "CONTENDED", float("inf"))


@pytest.fixture
async def parts(redis_url: str) -> AsyncIterator[tuple[aioredis.Redis, ConversationStore, RecordingSocketServer]]:
    client = aioredis.Redis.from_url(redis_url)
    store = ConversationStore(client, Vault(os.urandom(32)), triage_jobs=True)
    yield client, store, RecordingSocketServer()
    await client.aclose()


def make_worker(parts: Any, name: str, classify: CountingClassifier) -> TriageWorker:
    client, store, sio = parts
    delivery = Delivery(sio, lambda cid: False)
    return TriageWorker(client, store, TriageResults(store, delivery), classify, name)


async def new_conversation(store: ConversationStore, cid: str, *texts: str) -> None:
    await store.create(cid, f"resume-{cid}")
    for i, text in enumerate(texts):
        await store.append(cid, "visitor", text, f"m{i}")


async def pending(client: aioredis.Redis) -> int:
    return sum([int((await client.xpending(s, keys.TRIAGE_GROUP))["pending"]) for s in keys.TRIAGE_STREAMS])


async def jobs(client: aioredis.Redis) -> int:
    return sum([int(await client.xlen(s)) for s in keys.TRIAGE_STREAMS])


async def test_each_visitor_message_is_a_job_and_a_worker_stores_the_result(parts: Any) -> None:
    client, store, sio = parts
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    await worker.ensure_group()
    await new_conversation(store, "c1", "hoi", "hij staat nu beneden")
    await store.append("c1", "counsellor", "ben je veilig?", "k1")  # no job: triage reads the visitor only
    await store.append("c1", "visitor", "hij staat nu beneden", "m1")  # a retry of the same message: no job
    assert await jobs(client) == 2

    assert await worker.run_once(block_ms=10) == 2
    assert classify.calls == [["hoi", "hij staat nu beneden"]]  # two jobs, one classification
    record = await store.get("c1")
    assert record is not None and record.urgency == "acute" and record.signals == ["acute_danger"]
    assert await pending(client) == 0 and await jobs(client) == 0  # acknowledged and gone
    [(event, where)] = sio.emitted("triage")
    assert event["conversation_id"] == "c1" and where == {"room": "c:c1", "namespace": "/counsellor"}

    await store.append("c1", "visitor", "ok", "m2")
    await worker.run_once(block_ms=10)
    assert classify.calls[-1] == ["hoi", "hij staat nu beneden", "ok"]  # only the new message was read


async def test_jobs_of_a_worker_that_died_are_taken_over(parts: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, store, _ = parts
    dead = make_worker(parts, "dead", CountingClassifier())
    await dead.ensure_group()
    await new_conversation(store, "c2", "ik zit nu in de auto met hem")
    # The dead worker read the job and never acknowledged it (killed mid-classification).
    await client.xreadgroup(keys.TRIAGE_GROUP, "dead", {s: ">" for s in keys.TRIAGE_STREAMS}, count=10)
    assert await pending(client) == 1

    classify = CountingClassifier()
    alive = make_worker(parts, "alive", classify)
    assert await alive.run_once(block_ms=10) == 0  # not yet: the job is not idle long enough
    monkeypatch.setattr(triage_worker, "CLAIM_IDLE_MS", 1)
    alive._next_claim = 0.0
    await asyncio.sleep(0.01)
    assert await alive.run_once(block_ms=10) == 1
    assert classify.calls == [["ik zit nu in de auto met hem"]]
    record = await store.get("c2")
    assert record is not None and record.urgency == "acute"
    assert await pending(client) == 0


async def test_a_result_on_fewer_messages_never_overwrites_a_newer_one(parts: Any) -> None:
    _, store, _ = parts
    await new_conversation(store, "c3", "hoi", "hij is er nu")
    newer = {"urgency": "acute", "signals": "acute_danger", "triage": "{}"}
    older = {"urgency": "low", "signals": "", "triage": "{}"}
    assert await store.set_triage("c3", "acute", newer, seq=2)
    assert not await store.set_triage("c3", "low", older, seq=1)  # a slower worker, on message 1 only
    record = await store.get("c3")
    assert record is not None and record.urgency == "acute"


async def test_a_worker_behind_coalesces_instead_of_queueing_work(parts: Any) -> None:
    client, store, _ = parts
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    await worker.ensure_group()
    await new_conversation(store, "c4", *[f"bericht {i}" for i in range(120)])
    await new_conversation(store, "c5", "hallo")
    assert await worker.run_once(block_ms=10) == 121
    assert len(classify.calls) == 2 and len(classify.calls[0]) == 120  # one run per conversation
    assert await pending(client) == 0


async def test_waiting_conversations_are_triaged_first(parts: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that is behind still triages a new child waiting in the queue at once."""
    client, store, _ = parts
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    await worker.ensure_group()
    await new_conversation(store, "busy", "hoi")
    await store.claim("busy", "anna", 0)  # active: its next messages are ordinary jobs
    for i in range(5):
        await store.append("busy", "visitor", f"bericht {i}", f"b{i}")
    await new_conversation(store, "new", "hij komt nu")  # arrives after the backlog
    monkeypatch.setattr(triage_worker, "BATCH", 2)
    assert await worker.run_once(block_ms=10) == 2  # the two first messages, before the backlog
    assert ["hij komt nu"] in classify.calls
    assert await client.xlen(keys.TRIAGE_JOBS) == 5 and await client.llen(keys.TRIAGE_LAG_WAITING) == 2
    assert await worker.run_once(block_ms=10) == 2 and await worker.run_once(block_ms=10) == 2
    assert await worker.run_once(block_ms=10) == 1 and await jobs(client) == 0


async def test_a_visitor_typing_fast_is_classified_once_per_interval(
    parts: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store, _ = parts
    monkeypatch.setattr(triage_worker, "MIN_INTERVAL_S", 0.3)
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    await worker.ensure_group()
    await new_conversation(store, "fast", "hoi")
    assert await worker.run_once(block_ms=10) == 1  # the first message at once
    for i in range(3):
        await store.append("fast", "visitor", f"en nog {i}", f"n{i}")
    assert await worker.run_once(block_ms=10) == 0  # held back: classified a moment ago
    assert await pending(client) == 3  # ... but not lost: still pending in Redis
    handled = 0
    for _ in range(20):
        handled += await worker.run_once(block_ms=100)
        if handled:
            break
    assert handled == 3 and len(classify.calls) == 2  # one classification for the three
    assert classify.calls[-1] == ["hoi", "en nog 0", "en nog 1", "en nog 2"]
    assert await pending(client) == 0


async def test_a_long_conversation_keeps_what_the_classifier_reads_and_points_at_the_right_message(
    parts: Any,
) -> None:
    client, store, sio = parts
    seen: list[int] = []

    def last_message_evidence(texts: list[str]) -> TriageResult:
        seen.append(len(texts))
        return {"signals": [{"code": "acute_danger", "score": 0.9,
                             "evidence": [{"start": 0, "end": 2, "message": len(texts) - 1}]}],
                "urgency": "acute", "role": "victim", "minor": None, "language": "nl", "queue": "crisis"}

    worker = TriageWorker(client, store, TriageResults(store, Delivery(sio, lambda cid: False)),
                          last_message_evidence, "w1")
    await worker.ensure_group()
    await new_conversation(store, "long", *[f"bericht {i} " + "x" * 3000 for i in range(250)])
    await worker.run_once(block_ms=10)
    assert seen == [triage_worker.KEPT_TEXTS]
    [(event, _)] = sio.emitted("triage")
    assert event["signals"][0]["evidence"][0]["message"] == 249  # the 250th visitor message
    kept = worker._known["long"][2]
    assert len(kept) == triage_worker.KEPT_TEXTS and max(map(len, kept)) == triage_worker.KEPT_CHARS


async def test_a_flushed_redis_does_not_stop_a_worker(parts: Any) -> None:
    client, store, _ = parts
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    await worker.ensure_group()
    await client.flushdb()  # the stream and its group are gone
    assert await worker.run_once(block_ms=10) == 0  # recreates the group
    await new_conversation(store, "c6", "hoi")
    assert await worker.run_once(block_ms=10) == 1 and classify.calls == [["hoi"]]


async def test_a_gone_conversation_is_acknowledged_not_retried(parts: Any) -> None:
    client, store, _ = parts
    worker = make_worker(parts, "w1", CountingClassifier())
    await worker.ensure_group()
    await new_conversation(store, "c7", "hoi")
    await store.destroy_key("c7")  # retention destroyed it before the worker got there
    assert await worker.run_once(block_ms=10) == 1
    assert await pending(client) == 0


async def test_a_small_pool_makes_commands_wait_instead_of_failing(redis_url: str) -> None:
    """Backpressure: more concurrent commands than connections wait for one (issue 9: redis-py's default
    pool raised `Too many connections` at once)."""
    from chat.config import Settings
    from chat.redis_client import redis_client

    settings = Settings.from_env({"HELPLINE_REDIS_POOL": "2", "HELPLINE_REDIS_POOL_TIMEOUT_S": "10"})
    client = redis_client(settings, redis_url)
    try:
        results = await asyncio.gather(*(client.execute_command("DEBUG", "SLEEP", "0.01") for _ in range(20)),
                                       return_exceptions=True)
        assert not [r for r in results if isinstance(r, Exception)]
    finally:
        await client.aclose()


async def test_no_job_without_triage(parts: Any) -> None:
    client, _, _ = parts
    store = ConversationStore(client, Vault(os.urandom(32)))  # HELPLINE_TRIAGE=off
    await new_conversation(store, "c8", "hoi")
    assert await jobs(client) == 0
    with pytest.raises(HelplineError) as refused:
        await store.append("nope", "visitor", "hoi", "m0")
    assert refused.value.code == ErrorCode.NOT_FOUND


async def test_conversations_of_one_batch_are_classified_together(parts: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One model pass for several conversations (CLASSIFY_TOGETHER at most), each result on its own
    conversation."""
    client, store, sio = parts
    monkeypatch.setattr(triage_worker, "CLASSIFY_TOGETHER", 2)
    single = CountingClassifier()
    passes: list[list[list[str]]] = []

    def classify_many(many: list[list[str]]) -> list[TriageResult]:
        passes.append(many)
        return [single(texts) for texts in many]

    delivery = Delivery(sio, lambda cid: False)
    worker = TriageWorker(client, store, TriageResults(store, delivery), single, "w-many", classify_many)
    await worker.ensure_group()
    await new_conversation(store, "b1", "hoi")
    await new_conversation(store, "b2", "hij is er nu")
    await new_conversation(store, "b3", "ok", "doei")
    assert await worker.run_once(block_ms=10) == 4
    assert [len(p) for p in passes] == [2, 1]
    assert sorted(texts for p in passes for texts in p) == [["hij is er nu"], ["hoi"], ["ok", "doei"]]
    urgencies = {cid: (await store.get(cid)).urgency for cid in ("b1", "b2", "b3")}  # type: ignore[union-attr]
    assert urgencies == {"b1": "low", "b2": "acute", "b3": "low"}
    assert await pending(client) == 0


async def test_on_a_busy_machine_taken_conversations_wait_and_waiting_ones_do_not(
    parts: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a pass on conversations already taken, a worker that had to wait for a CPU yields to the chat:
    the jobs of taken conversations wait in Redis (none lost), a waiting conversation's job starts at once,
    and the held conversation is then classified on all its messages."""
    client, store, _ = parts
    monkeypatch.setattr(triage_worker, "CONTENDED", -1.0)  # every pass counts as contended
    monkeypatch.setattr(triage_worker, "MAX_YIELD_S", 60.0)
    classify = CountingClassifier()
    worker = make_worker(parts, "w1", classify)
    worker.yield_ratio = 1e6
    await worker.ensure_group()
    await new_conversation(store, "taken", "hoi")
    await store.claim("taken", "anna", 0)
    assert await worker.run_once(block_ms=10) == 1  # the waiting conversation's first message: no yield
    assert worker.yielded_s == 0
    await store.append("taken", "visitor", "bericht 1", "b1")
    assert await worker.run_once(block_ms=10) == 1  # a taken conversation's job: done, then yield
    assert worker.yielded_s > 0
    await store.append("taken", "visitor", "bericht 2", "b2")
    await store.append("taken", "visitor", "bericht 3", "b3")
    assert await worker.run_once(block_ms=10) == 0  # yielding: the taken conversation waits ...
    assert await jobs(client) == 2 and await pending(client) == 0  # ... its jobs unread in Redis
    await new_conversation(store, "child", "hij komt nu")
    assert await worker.run_once(block_ms=10) == 1  # ... but a child in the queue does not
    assert classify.calls[-1] == ["hij komt nu"]
    record = await store.get("child")
    assert record is not None and record.urgency == "acute"
    worker._hold_until = 0.0  # the yield is over
    assert await worker.run_once(block_ms=10) == 2
    assert classify.calls[-1] == ["hoi", "bericht 1", "bericht 2", "bericht 3"]  # one run for both
    assert await jobs(client) == 0 and await pending(client) == 0


async def test_an_idle_machine_gets_no_yield(parts: Any) -> None:
    client, store, _ = parts  # CONTENDED is infinite here: no pass waited for a CPU long enough
    worker = make_worker(parts, "w1", CountingClassifier())
    await worker.ensure_group()
    await new_conversation(store, "taken", "hoi")
    await store.claim("taken", "anna", 0)
    assert await worker.run_once(block_ms=10) == 1
    await store.append("taken", "visitor", "bericht 1", "b1")
    assert await worker.run_once(block_ms=10) == 1
    await store.append("taken", "visitor", "bericht 2", "b2")
    assert await worker.run_once(block_ms=10) == 1 and worker.yielded_s == 0
    assert await jobs(client) == 0


async def test_a_worker_told_not_to_yield_never_does(parts: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client, store, _ = parts
    monkeypatch.setattr(triage_worker, "CONTENDED", -1.0)  # every pass counts as contended
    worker = make_worker(parts, "w1", CountingClassifier())
    worker.yield_ratio = 0.0  # HELPLINE_TRIAGE_YIELD=0
    await worker.ensure_group()
    await new_conversation(store, "taken", "hoi")
    await store.claim("taken", "anna", 0)
    assert await worker.run_once(block_ms=10) == 1
    for i in range(3):
        await store.append("taken", "visitor", f"bericht {i}", f"b{i}")
        assert await worker.run_once(block_ms=10) == 1
    assert worker.yielded_s == 0 and await jobs(client) == 0


def test_the_scheduler_says_how_long_the_worker_waited_for_a_cpu() -> None:
    first = triage_worker._run_delay()
    if first is None:
        pytest.skip("no /proc schedstat on this system: the worker does not yield there")
    assert first >= 0 and (triage_worker._run_delay() or 0) >= first


async def test_after_a_yield_passes_are_small(parts: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """So that the wait after each pass stays proportional to its CPU, and acknowledgements keep coming."""
    client, store, _ = parts
    monkeypatch.setattr(triage_worker, "CONTENDED", -1.0)
    worker = make_worker(parts, "w1", CountingClassifier())
    worker.yield_ratio = 3.0  # HELPLINE_TRIAGE_YIELD=3
    await worker.ensure_group()
    for i in range(40):
        await new_conversation(store, f"t{i}", "hoi")
        await store.claim(f"t{i}", "anna", 0)
    assert await worker.run_once(block_ms=10) == 40  # the waiting conversations' first messages
    for i in range(40):
        await store.append(f"t{i}", "visitor", "en nu?", f"n{i}")
    assert await worker.run_once(block_ms=10) == 40 and worker.yielded_last  # a full pass, then a yield
    for i in range(40):
        await store.append(f"t{i}", "visitor", "hallo?", f"h{i}")
    worker._hold_until = 0.0
    assert await worker.run_once(block_ms=10) == triage_worker.CLASSIFY_TOGETHER
    assert await jobs(client) == 40 - triage_worker.CLASSIFY_TOGETHER  # the rest wait in Redis
