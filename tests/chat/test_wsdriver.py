"""chat/wsdriver.py: the lean send queue behaves like asyncio.Queue where engine.io relies on it."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest

from chat.wsdriver import LeanQueue


async def test_items_come_out_in_order_across_the_switch_to_a_deque() -> None:
    queue = LeanQueue()
    for i in range(100):
        await queue.put(i)
    assert queue.qsize() == 100
    assert [queue.get_nowait() for _ in range(50)] == list(range(50))
    for i in range(100, 120):
        queue.put_nowait(i)
    assert [await queue.get() for _ in range(70)] == list(range(50, 120))
    assert queue.empty()
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait()


async def test_a_waiting_get_is_woken_by_a_put() -> None:
    queue = LeanQueue()
    getter = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)
    assert not getter.done()
    queue.put_nowait("packet")
    assert await getter == "packet"


async def test_a_get_cancelled_by_a_timeout_loses_nothing() -> None:
    """engine.io waits for the next packet with wait_for(get(), ping timeout): a packet put at the moment
    the timeout cancels the getter must stay in the queue for the next get."""
    queue = LeanQueue()
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(queue.get(), 0.01)
    first = asyncio.ensure_future(queue.get())
    second = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait("a")  # wakes `first` ...
    first.cancel()  # ... which is cancelled before it runs: the wake-up must pass to `second`
    assert await second == "a"
    assert queue.empty()


async def test_join_waits_for_task_done() -> None:
    queue = LeanQueue()
    await queue.join()  # nothing unfinished: returns at once
    queue.put_nowait(1)
    queue.put_nowait(2)
    joiner = asyncio.ensure_future(queue.join())
    queue.get_nowait()
    queue.task_done()
    await asyncio.sleep(0)
    assert not joiner.done()
    queue.get_nowait()
    queue.task_done()
    await asyncio.wait_for(joiner, 1)
    with pytest.raises(ValueError):
        queue.task_done()


async def test_same_results_as_asyncio_queue_on_random_operations() -> None:
    rng = random.Random(7)
    lean, reference = LeanQueue(), asyncio.Queue[Any]()
    for step in range(3000):
        op = rng.random()
        if op < 0.5:
            lean.put_nowait(step)
            reference.put_nowait(step)
        elif op < 0.9:
            results = []
            for queue in (lean, reference):
                try:
                    results.append(queue.get_nowait())
                    queue.task_done()
                except asyncio.QueueEmpty:
                    results.append("empty")
            assert results[0] == results[1]
        else:
            assert lean.qsize() == reference.qsize()
    assert list(lean._queue) == list(reference._queue)  # type: ignore[attr-defined]
