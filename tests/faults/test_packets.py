"""Attacks at the packet level (chat/transport/socket_server.py): binary floods, packets that do not
decode, oversized polling bodies. Each answered, nothing kept, logged once per connection."""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from chat.transport.socket_server import HelplineSocketServer
from tests.chat.test_bad_input import RAW_SOCKETS, RawSocket


@pytest.fixture(autouse=True)
async def _close_raw(server: str) -> AsyncIterator[None]:
    yield
    while RAW_SOCKETS:
        await RAW_SOCKETS.pop().close()


def _socket_server() -> Any:
    running = [o for o in gc.get_objects() if isinstance(o, HelplineSocketServer) and o.eio.sockets]
    assert running
    return running[-1]


def _ack(reply: str, ack_id: int) -> Any:
    return json.loads(reply[len(f"43/visitor,{ack_id}"):])[0]


async def test_binary_events_are_refused_and_nothing_is_kept(server: str, caplog: pytest.LogCaptureFixture) -> None:
    raw = await RawSocket.open(server)
    session = await raw.join_visitor()
    caplog.set_level(logging.WARNING, logger="chat.transport.socket_server")
    attachment = os.urandom(60_000)
    for n in range(200):
        await raw.ws.send_str(f'451-/visitor,{n}["message",{{"_placeholder":true,"num":0}}]')
        await raw.ws.send_bytes(attachment)
    answer = _ack(await raw.until(lambda d: d.startswith("43/visitor,199[")), 199)
    assert answer["ok"] is False and answer["error"] == "bad_request"
    assert not _socket_server()._binary_packet  # no attachment waits in memory
    # The connection still works, and the flood was logged once.
    assert (await raw.call(500, "history", {"after_seq": 0})) == {"messages": [], "more": False}
    refusals = [r for r in caplog.records if r.name == "chat.transport.socket_server"]
    assert len(refusals) == 1, [r.getMessage() for r in refusals]
    assert session["conversation_id"] not in refusals[0].getMessage()


async def test_packets_that_do_not_decode_are_answered_bad_request(server: str, caplog: pytest.LogCaptureFixture) -> None:
    raw = await RawSocket.open(server)
    await raw.join_visitor()
    caplog.set_level(logging.WARNING)
    bad = {
        1: '42/visitor,1["message",' + "[" * 2000 + "]" * 2000 + "]",  # nested deeper than JSON allows
        2: '42/visitor,2["message",{"text":"hoi","client_id":',  # broken JSON
        3: "42/visitor,3[123]",  # an event name that is not a string
        4: "42/visitor,4[]",  # no event name
        5: '42/visitor,5{"not":"a list"}',
    }
    for ack_id, text in bad.items():
        await raw.ws.send_str(text)
        reply = await raw.until(lambda d, i=ack_id: d.startswith(f"43/visitor,{i}["))
        assert _ack(reply, ack_id)["error"] == "bad_request", text[:40]
    assert (await raw.call(9, "history", {"after_seq": 0})) == {"messages": [], "more": False}
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert not tracebacks, [r.getMessage() for r in tracebacks]
    assert len([r for r in caplog.records if r.name == "chat.transport.socket_server"]) == 1


async def test_an_oversized_polling_body_is_answered_413(server: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(server + "/socket.io/?EIO=4&transport=polling") as response:
            handshake = json.loads((await response.text())[1:])
        url = f"{server}/socket.io/?EIO=4&transport=polling&sid={handshake['sid']}"
        async with http.post(url, data="4" + "x" * 100_000, timeout=aiohttp.ClientTimeout(total=10)) as response:
            assert response.status == 413
            assert (await response.json())["error"] == "payload_too_large"
        async with http.get(server + "/healthz") as response:
            assert response.status == 200


async def test_what_a_client_makes_the_libraries_log_is_one_short_line_a_minute(
    server: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Regression (an attacker's report, 2026-11-29): a 33-byte polling POST with 17 packets made engine.io
    log two tracebacks (1.5 KB); an `after_seq` beyond 2**63 one traceback per event."""
    caplog.set_level(logging.INFO)
    async with aiohttp.ClientSession() as http:
        for _ in range(20):
            async with http.get(server + "/socket.io/?EIO=4&transport=polling") as response:
                sid = json.loads((await response.text())[1:])["sid"]
            async with http.post(f"{server}/socket.io/?EIO=4&transport=polling&sid={sid}",
                                 data="\x1e".join(["2"] * 17)) as response:
                await response.read()
    raw = await RawSocket.open(server)
    await raw.join_visitor()
    for n in range(20):
        answer = await raw.call(n + 1, "history", {"after_seq": 2**64})
        assert answer["error"] == "bad_request"
    library = [r for r in caplog.records if r.name.startswith(("chat.transport.engineio", "chat.transport.socketio",
                                                                "engineio", "socketio"))]
    assert len(library) <= 2, [r.getMessage() for r in library]
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records if r.exc_info]


async def test_many_sockets_on_one_conversation_share_its_message_limit(server: str) -> None:
    """Regression (an attacker's report, 2026-11-29): forty sockets on one return code each had their own
    limit; together they stored 516 messages a second."""
    import asyncio
    import time

    from tests.chat.clients import visitor

    first, session = await visitor(server)
    peers = [first] + [(await visitor(server, {"resume_token": session["resume_token"]}))[0] for _ in range(4)]
    started = time.monotonic()
    acks = await asyncio.gather(*(
        peer.call("message", {"text": f"{n}-{i}", "client_id": f"{n}-{i}"})
        for n, peer in enumerate(peers) for i in range(25)
    ))
    elapsed = time.monotonic() - started
    stored = [a for a in acks if "seq" in a]
    refused = [a for a in acks if a.get("error") == "rate_limited"]
    assert len(stored) + len(refused) == len(acks)
    assert len(stored) <= 30 + 5 * elapsed + 5, (len(stored), elapsed)  # the conversation's burst and rate
    assert refused and all(a["retry_after_s"] > 0 for a in refused)
