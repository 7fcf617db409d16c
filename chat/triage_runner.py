"""Runs triage (triage/classifier.py) for conversations, off the event loop (docs/triage.md).

Triage never blocks or delays a message: it runs in a separate worker process, at the lowest CPU
priority, after the message is stored and delivered. When the machine is busy, triage falls behind
rather than the chat slowing down. The first visitor message of a conversation is triaged at once
(it decides the queue order); after that at most once per THROTTLE_S per conversation. The worker
keeps each conversation's visitor messages, so each run sends it only the new ones. A failing or
slow classifier leaves the conversation at its current urgency (`normal` until triage lands).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable
from typing import cast

import orjson

from chat.delivery import Delivery
from chat.records import TriageResult, triage_fields
from chat.store import ConversationStore
from vocabulary import QUEUES, Urgency

log = logging.getLogger(__name__)

THROTTLE_S = 2.0
TIMEOUT_S = 20.0
# Conversations whose messages the worker remembers; older ones are sent in full again when needed.
WORKER_CONVERSATIONS = 5000
EVIDENCE_PER_SIGNAL = 5

_conversations: OrderedDict[str, list[str]] = OrderedDict()


def _init_worker() -> None:
    # Chat delivery comes first: the classifier gets only CPU time nothing else wants.
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux
        os.nice(19)


def _classify(cid: str, start: int, texts: list[str]) -> tuple[str, TriageResult | None]:
    """In the worker. Returns ("resend", None) when it does not hold the messages before `start`."""
    try:
        from triage.classifier import classify
    except ImportError:
        return "unavailable", None
    known = _conversations.get(cid)
    if start == 0:
        known = []
    elif known is None or len(known) != start:
        return "resend", None
    known = known + texts
    _conversations[cid] = known
    _conversations.move_to_end(cid)
    while len(_conversations) > WORKER_CONVERSATIONS:
        _conversations.popitem(last=False)
    result = cast(TriageResult, classify(known))
    for signal in result.get("signals", []):
        # The latest evidence is what a counsellor acts on; the event stays small in long conversations.
        signal["evidence"] = signal.get("evidence", [])[-EVIDENCE_PER_SIGNAL:]
    return "ok", result


def _warm_up() -> bool:
    try:
        from triage.classifier import warm_up
    except ImportError:
        return False
    warm_up()
    return True


class TriageResults:
    """Stores a triage result on its conversation (re-sorting the queue) and tells the counsellor."""

    def __init__(self, store: ConversationStore, delivery: Delivery) -> None:
        self.store = store
        self.delivery = delivery
        self._last: dict[str, str] = {}

    async def apply(self, cid: str, result: TriageResult) -> None:
        encoded = orjson.dumps(result).decode()
        if self._last.get(cid) == encoded:
            return  # nothing new for the queue or the counsellor
        self._last[cid] = encoded
        if len(self._last) > 20000:
            self._last.clear()
        record = (await self.store.get_many([cid], ["queue_override", "about"]))[0]
        if record is None:
            return
        fields = triage_fields(result, encoded)
        suggested_queue = result.get("queue")
        if suggested_queue in QUEUES:
            # The visitor's own answer ("for myself", "for someone else", "I am a professional") routes the
            # conversation; triage only suggests another queue to the counsellor (docs/triage.md, Queues).
            fields["suggested_queue"] = str(suggested_queue)
            if not record.queue_override and not record.about:
                fields["queue"] = str(suggested_queue)
        await self.store.set_triage(cid, fields.get("urgency", Urgency.NORMAL), fields)
        await self.delivery.triage(cid, {"conversation_id": cid, **result})


class TriageRunner:
    def __init__(self, store: ConversationStore, results: TriageResults) -> None:
        self.store = store
        self.results = results
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._last_run: dict[str, float] = {}
        # Per conversation: (last seq read, visitor messages sent to the worker so far).
        self._progress: dict[str, tuple[int, int]] = {}
        self._scheduled: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.available = True

    def start(self) -> None:
        # forkserver: the worker does not inherit the server's event loop, sockets or Redis connections.
        self.pool = concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("forkserver"), initializer=_init_worker
        )
        self._spawn(self._warm())

    def _spawn(self, coro: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _warm(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            self.available = await loop.run_in_executor(self.pool, _warm_up)
            if not self.available:
                log.warning("triage.classifier not available: conversations stay at urgency 'normal'")
        except Exception:
            log.exception("triage warm-up failed")

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self.pool is not None:
            # Do not wait for a classification in flight: stopping the server must be prompt.
            workers = list(getattr(self.pool, "_processes", {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
            self.pool = None

    def schedule(self, cid: str) -> None:
        if self.pool is None or not self.available or cid in self._scheduled:
            return
        self._scheduled.add(cid)
        wait = max(0.0, self._last_run.get(cid, 0.0) + THROTTLE_S - time.monotonic())
        self._spawn(self._run(cid, wait))

    async def _run(self, cid: str, wait: float) -> None:
        try:
            if wait:
                await asyncio.sleep(wait)
            self._scheduled.discard(cid)
            self._last_run[cid] = time.monotonic()
            last_seq, sent = self._progress.get(cid, (0, 0))
            fresh = await self.store.history(cid, last_seq)
            new = [m.text for m in fresh if m.sender == "visitor"]
            if not new:
                return
            status, result = await self._call(cid, sent, new)
            if status == "resend":  # the worker restarted or forgot this conversation
                everything = [m.text for m in await self.store.history(cid) if m.sender == "visitor"]
                sent, new = 0, everything
                status, result = await self._call(cid, 0, everything)
            if status != "ok" or result is None:
                return
            self._progress[cid] = (last_seq + len(fresh), sent + len(new))
            await self.results.apply(cid, result)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("triage failed for a conversation; it stays at its current urgency")
        finally:
            self._scheduled.discard(cid)
            self._trim()

    async def _call(self, cid: str, start: int, texts: list[str]) -> tuple[str, TriageResult | None]:
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(loop.run_in_executor(self.pool, _classify, cid, start, texts), TIMEOUT_S)

    def _trim(self) -> None:
        if len(self._last_run) > 20000:
            cutoff = time.monotonic() - 600
            stale = [k for k, v in self._last_run.items() if v < cutoff]
            for key in stale:
                self._last_run.pop(key, None)
                self._progress.pop(key, None)
