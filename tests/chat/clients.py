"""Test clients that speak the protocol the way the widget and the console do."""

from __future__ import annotations

import asyncio
import contextlib
import types
import typing
import uuid
from typing import Any

import aiohttp
import pytest
import socketio

DEFAULT_TIMEOUT = 10.0


OPEN_PEERS: list[Peer] = []


async def close_all() -> None:
    """Disconnect every peer a test left open, so the server can stop at once."""
    while OPEN_PEERS:
        peer = OPEN_PEERS.pop()
        # python-socketio's disconnect can end with the CancelledError of its own reader task (seen
        # when the server closed that socket first): the peer is gone either way.
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await peer.client.disconnect()


class Peer:
    """A Socket.IO client on one namespace that records every event it receives."""

    def __init__(self, namespace: str, transports: list[str] | None = None) -> None:
        OPEN_PEERS.append(self)
        self.namespace = namespace
        self.client = socketio.AsyncClient(reconnection=False)
        self.transports = transports or ["websocket"]
        self.events: dict[str, list[Any]] = {}
        self._arrived = asyncio.Event()
        self.client.on("*", self._record, namespace=namespace)
        self.client.on("connect_error", self._refused, namespace=namespace)

    async def _refused(self, data: Any = None) -> None:
        await self._record("connect_error", data)

    async def _record(self, event: str, *args: Any) -> None:
        self.events.setdefault(event, []).append(args[0] if len(args) == 1 else list(args))
        self._arrived.set()

    async def connect(self, url: str, auth: dict[str, Any] | None = None) -> Peer:
        await self.client.connect(
            url, namespaces=[self.namespace], auth=auth if auth is not None else {},
            transports=self.transports, wait_timeout=DEFAULT_TIMEOUT,
        )
        return self

    async def call(self, event: str, data: Any = None, wait_s: float = DEFAULT_TIMEOUT) -> Any:
        return await self.client.call(event, data if data is not None else {}, namespace=self.namespace,
                                      timeout=wait_s)

    async def wait_for(self, event: str, predicate: Any = None, wait_s: float = DEFAULT_TIMEOUT) -> Any:
        """The first recorded `event` payload matching `predicate` (waits for it to arrive)."""
        deadline = asyncio.get_running_loop().time() + wait_s
        while True:
            for item in self.events.get(event, []):
                if predicate is None or predicate(item):
                    return item
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError(f"no {event!r} on {self.namespace}; got {sorted(self.events)}")
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), remaining)

    def received(self, event: str) -> list[Any]:
        return list(self.events.get(event, []))

    async def close(self) -> None:
        await self.client.disconnect()


async def visitor(url: str, auth: dict[str, Any] | None = None, transports: list[str] | None = None) -> tuple[Peer, dict[str, Any]]:
    peer = await Peer("/visitor", transports).connect(url, auth)
    session = await peer.wait_for("session")
    return peer, session


async def refused(url: str, auth: dict[str, Any]) -> dict[str, Any]:
    """The error of a visitor connect the server refuses (the `connect_error` data)."""
    peer = Peer("/visitor")
    with pytest.raises(socketio.exceptions.ConnectionError):
        await peer.connect(url, auth)
    error: dict[str, Any] = peer.received("connect_error")[0]["data"]
    return error


async def login(url: str, username: str, password: str) -> str:
    async with aiohttp.ClientSession() as http, http.post(
        url + "/api/login", json={"username": username, "password": password}
    ) as response:
        assert response.status == 200, await response.text()
        return str((await response.json())["token"])


async def counsellor(url: str, token: str, namespace: str = "/counsellor") -> Peer:
    return await Peer(namespace).connect(url, {"token": token})


async def say(peer: Peer, text: str, conversation_id: str | None = None) -> Any:
    data: dict[str, Any] = {"text": text, "client_id": uuid.uuid4().hex}
    if conversation_id:
        data["conversation_id"] = conversation_id
    return await peer.call("message", data)


async def claim_when_queued(staff: Peer, conversation_id: str) -> dict[str, Any]:
    await staff.wait_for("queue", lambda q: any(w["conversation_id"] == conversation_id for w in q["waiting"]))
    result: dict[str, Any] = await staff.call("claim", {"conversation_id": conversation_id})
    return result


def assert_wire(payload: Any, shape: Any) -> None:
    """`payload` has the shape of a chat/wire.py (or chat/errors.py) TypedDict: every required key, and
    every known key's value of the declared type. Extra keys are allowed (the protocol may grow)."""
    assert isinstance(payload, dict), payload
    missing = shape.__required_keys__ - payload.keys()
    assert not missing, f"{shape.__name__} lacks {sorted(missing)}: {payload}"
    for key, expected in typing.get_type_hints(shape).items():
        if key in payload:
            assert _matches(payload[key], expected), f"{shape.__name__}.{key} = {payload[key]!r} is not {expected}"


def _matches(value: Any, expected: Any) -> bool:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if expected is Any:
        return True
    if expected is type(None):
        return value is None
    if origin in (types.UnionType, typing.Union):
        return any(_matches(value, a) for a in args)
    if origin is typing.NotRequired:
        return _matches(value, args[0])
    if origin is list:
        return isinstance(value, list) and all(_matches(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if typing.is_typeddict(expected):
        if not isinstance(value, dict):  # e.g. None for `Shape | None`: the union tries the next
            return False
        assert_wire(value, expected)
        return True
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


async def stored_conversation(store: Any, about: str = "", lang: str = "") -> tuple[str, str]:
    """A conversation as the first message stores it: (conversation id, resume token)."""
    from chat.tokens import PendingConversations, token_hash

    cid, token = PendingConversations(b"t" * 32).new()
    await store.create(cid, token_hash(token), about, lang)
    return cid, token
