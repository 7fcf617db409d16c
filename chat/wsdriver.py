"""engine.io's websocket transport, tuned: no permessage-deflate, and a lean send queue per socket.

Chat frames are a few hundred bytes: compressing them costs more CPU than it saves bytes (about an
eighth of the server's time under load), and compressing secrets together with attacker-chosen text
in one stream is what CRIME/BREACH-style attacks feed on.

Every connection holds a send queue for its whole life, idle or not. asyncio.Queue keeps three deques
and an Event (a fourth deque): about 3.2 KiB per connection, a tenth of what an idle visitor costs
(docs/benchmarks.md, "Idle memory"). `LeanQueue` does the same job for engine.io in a list and a few
slots.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import Any

from aiohttp.web import WebSocketResponse
from engineio.async_drivers.aiohttp import WebSocket


class UncompressedWebSocket(WebSocket):  # type: ignore[misc]
    async def __call__(self, environ: dict[str, Any]) -> WebSocketResponse:
        request = environ["aiohttp.request"]
        self._sock = WebSocketResponse(max_msg_size=self.server.max_http_buffer_size, compress=False)
        await self._sock.prepare(request)
        self.environ = environ
        await self.handler(self)
        return self._sock


_LIST_ITEMS = 16  # past this many waiting packets, a deque's O(1) pops beat a list's O(n) ones


class LeanQueue:
    """The part of asyncio.Queue that engine.io uses (unbounded put, get with cancellation, task_done,
    join), with asyncio.Queue's wake-up rules, so a get cancelled by engine.io's ping timeout loses
    nothing. Waiter lists exist only once someone has waited; items live in a list, because a send
    queue is nearly always empty or a few packets long, and move to a deque if it grows (a client that
    stops reading can pile up megabytes before it is dropped, see transport/socket_server.py)."""

    __slots__ = ("_queue", "_getters", "_unfinished", "_joiners")

    def __init__(self) -> None:
        self._queue: list[Any] | deque[Any] = []
        self._getters: list[asyncio.Future[None]] | None = None
        self._joiners: list[asyncio.Future[None]] | None = None
        self._unfinished = 0

    def qsize(self) -> int:
        return len(self._queue)

    def empty(self) -> bool:
        return not self._queue

    def put_nowait(self, item: Any) -> None:
        if len(self._queue) >= _LIST_ITEMS and isinstance(self._queue, list):
            self._queue = deque(self._queue)
        self._queue.append(item)
        self._unfinished += 1
        self._wake_one_getter()

    async def put(self, item: Any) -> None:
        self.put_nowait(item)

    def get_nowait(self) -> Any:
        if not self._queue:
            raise asyncio.QueueEmpty
        return self._pop()

    async def get(self) -> Any:
        while not self._queue:
            getter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            if self._getters is None:
                self._getters = []
            self._getters.append(getter)
            try:
                await getter
            except BaseException:
                getter.cancel()
                with contextlib.suppress(ValueError):
                    self._getters.remove(getter)
                if self._queue and not getter.cancelled():
                    self._wake_one_getter()  # woken, then cancelled: the wake-up goes to the next one
                raise
        return self._pop()

    def _pop(self) -> Any:
        queue = self._queue
        return queue.popleft() if isinstance(queue, deque) else queue.pop(0)

    def task_done(self) -> None:
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1
        if self._unfinished == 0 and self._joiners:
            joiners, self._joiners = self._joiners, None
            for joiner in joiners:
                if not joiner.done():
                    joiner.set_result(None)

    async def join(self) -> None:
        if self._unfinished:
            joiner: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            if self._joiners is None:
                self._joiners = []
            self._joiners.append(joiner)
            await joiner

    def _wake_one_getter(self) -> None:
        while self._getters:
            getter = self._getters.pop(0)
            if not getter.done():
                getter.set_result(None)
                return


def install(eio_server: Any) -> None:
    eio_server._async = dict(eio_server._async, websocket=UncompressedWebSocket)
    eio_server.create_queue = lambda *args, **kwargs: LeanQueue()
