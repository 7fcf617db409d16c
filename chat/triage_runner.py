"""Runs triage (triage/classifier.py) for conversations, off the event loop (docs/triage.md).

Triage never blocks or delays a message: it runs in a separate worker process after the message is
stored and delivered. The first visitor message of a conversation is triaged at once (it decides the
queue order); after that at most once per THROTTLE_S per conversation, on the latest messages. A
failing or slow classifier leaves the conversation at urgency `normal`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from typing import Any

from chat.store import ConversationStore

log = logging.getLogger(__name__)

THROTTLE_S = 2.0
TIMEOUT_S = 10.0
# The classifier sees at most the last messages of a long conversation.
MAX_MESSAGES = 50


def _classify(messages: list[str]) -> dict[str, Any] | None:
    try:
        from triage.classifier import classify
    except ImportError:
        return None
    result: dict[str, Any] = classify(messages)
    return result


def _warm_up() -> bool:
    try:
        from triage.classifier import warm_up
    except ImportError:
        return False
    warm_up()
    return True


class TriageRunner:
    def __init__(self, store: ConversationStore, on_result: Callable[[str, dict[str, Any]], Awaitable[None]]) -> None:
        self.store = store
        self.on_result = on_result
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._last_run: dict[str, float] = {}
        self._scheduled: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.available = True

    def start(self) -> None:
        # forkserver: the worker does not inherit the server's event loop, sockets or Redis connections.
        self.pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
        task = asyncio.ensure_future(self._warm())
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
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def schedule(self, cid: str) -> None:
        if self.pool is None or not self.available or cid in self._scheduled:
            return
        self._scheduled.add(cid)
        wait = max(0.0, self._last_run.get(cid, 0.0) + THROTTLE_S - time.monotonic())
        task = asyncio.ensure_future(self._run(cid, wait))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, cid: str, wait: float) -> None:
        try:
            if wait:
                await asyncio.sleep(wait)
            self._scheduled.discard(cid)
            self._last_run[cid] = time.monotonic()
            history = await self.store.history(cid)
            texts = [m.text for m in history if m.sender == "visitor"][-MAX_MESSAGES:]
            if not texts:
                return
            loop = asyncio.get_running_loop()
            result = await asyncio.wait_for(loop.run_in_executor(self.pool, _classify, texts), TIMEOUT_S)
            if result is not None:
                await self.on_result(cid, result)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("triage failed for a conversation; it stays at its current urgency")
        finally:
            self._scheduled.discard(cid)
            if len(self._last_run) > 10000:
                cutoff = time.monotonic() - 60
                self._last_run = {k: v for k, v in self._last_run.items() if v > cutoff}
