"""A background job of a chat process: a tick run every `every_s` until stopped; a failing tick (Redis
away) is logged and the job goes on. The queue views, presence, retention, revocation and the closing
of abandoned conversations all run this way."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class Periodic:
    def __init__(self, name: str, tick: Callable[[], Awaitable[object]], every_s: float,
                 first_after_s: float = 0.0) -> None:
        self.name = name
        self.tick = tick
        self.every_s = every_s
        self.first_after_s = first_after_s
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            # A task cancelled inside a Redis call can swallow the cancellation: never wait forever.
            await asyncio.wait([self._task], timeout=2)
            self._task = None

    async def _run(self) -> None:
        if self.first_after_s:
            await asyncio.sleep(self.first_after_s)
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception(self.name)
            await asyncio.sleep(self.every_s)
