"""python-socketio's Redis manager, with publishes batched.

Each emit is also published for the other server processes. Stock, that is one awaited Redis round
trip per emit; here all the publishes of one event-loop turn go out in one pipeline, in order, by a
single flusher, so cross-process order is kept and the hot path does not wait on Redis to publish.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import socketio

log = logging.getLogger(__name__)

# The channel every chat process listens on; triage workers publish their events there, and `keys
# rotate` counts its subscribers to see whether a server runs (docs/operations.md).
SOCKETIO_CHANNEL = "helpline:socketio"


class BatchingRedisManager(socketio.AsyncRedisManager):  # type: ignore[misc]  # no type hints upstream
    connected: bool  # set by python-socketio's AsyncRedisManager

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._outbox: list[str] = []
        self._flusher: asyncio.Task[None] | None = None

    async def _publish(self, data: Any) -> None:
        self._outbox.append(self.json.dumps(data))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.ensure_future(self._flush())

    async def _flush(self) -> None:
        while self._outbox:
            batch, self._outbox = self._outbox, []
            for attempt in range(2):
                try:
                    if not self.connected:
                        self._redis_connect()
                    pipe = self.redis.pipeline(transaction=False)
                    for message in batch:
                        pipe.publish(self.channel, message)
                    await pipe.execute()
                    break
                except Exception as exc:
                    self.connected = False
                    if attempt:
                        # Other processes miss these live events; the messages themselves are in Redis
                        # and reach their clients through history on the next resume.
                        log.error("cannot publish %d events to redis: %s", len(batch), exc)


# How often each process counts the other processes on the channel, and how long a new process waits
# before it serves, so that every peer has counted it by then.
PEER_COUNT_EVERY_S = 0.5
PEER_SETTLE_S = 1.5


class PeerAwareRedisManager(BatchingRedisManager):
    """Publishes only while another server process listens on the channel.

    A single process (the common case for a helpline) then pays nothing for the pub/sub layer; as
    soon as a second process subscribes, the first sees it within PEER_COUNT_EVERY_S, and the second
    waits PEER_SETTLE_S before serving (see `settle`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.peers = 1  # assume company until counted
        self._counter: asyncio.Task[None] | None = None

    def initialize(self) -> None:
        super().initialize()
        self._counter = asyncio.ensure_future(self._count_peers())

    async def _count_peers(self) -> None:
        while True:
            try:
                if not self.connected:
                    self._redis_connect()
                counts = await self.redis.pubsub_numsub(self.channel)
                subscribers = int(counts[0][1]) if counts else 0
                self.peers = max(0, subscribers - 1)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.peers = 1  # unknown: publish, to be safe
            await asyncio.sleep(PEER_COUNT_EVERY_S)

    async def settle(self, seconds: float = PEER_SETTLE_S) -> None:
        await asyncio.sleep(seconds)

    async def emit(self, event: str, data: Any, namespace: str | None = None, room: str | None = None,
                   skip_sid: Any = None, callback: Any = None, to: str | None = None, **kwargs: Any) -> Any:
        if self.peers == 0 and callback is None:
            # Alone on the channel: deliver straight to our own sockets, without the pub/sub envelope.
            return await socketio.AsyncManager.emit(
                self, event, data, namespace or "/", room=to or room, skip_sid=skip_sid
            )
        return await super().emit(event, data, namespace=namespace, room=room, skip_sid=skip_sid,
                                  callback=callback, to=to, **kwargs)

    async def disconnect_room(self, room: str, namespace: str) -> None:
        """Close every socket in `room`, on every process (python-socketio has no such call): here at once,
        on the others through a `close_room` message marked `disconnect` (a process without this code only
        closes the room, so its sockets stop receiving)."""
        message = {"method": "close_room", "room": room, "namespace": namespace, "disconnect": True,
                   "host_id": self.host_id}
        await self._handle_close_room(message)
        await self._publish(message)

    async def _handle_close_room(self, message: dict[str, Any]) -> None:
        if message.get("disconnect"):
            namespace = message.get("namespace") or "/"
            for sid, _ in list(self.get_participants(namespace, message.get("room"))):
                await self.server.disconnect(sid, namespace=namespace, ignore_queue=True)
        await super()._handle_close_room(message)

    async def _publish(self, data: Any) -> None:
        if self.peers > 0 or data.get("method") == "callback":
            await super()._publish(data)

    async def close(self) -> None:
        for task in (self._counter, getattr(self, "thread", None), self._flusher):
            if task is not None:
                task.cancel()
        if self.redis is not None:
            await self.redis.aclose()
