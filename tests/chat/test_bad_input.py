"""Hardening: every bad input gets a clear error code (in the ack, or as a refused connection), the
server keeps running, and nothing already acknowledged is lost. Real server, real Redis."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import uuid
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest
from socketio.exceptions import BadNamespaceError, ConnectionError

from tests.chat.clients import Peer, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD

REFUSED = {"message": "unauthorized", "data": {"ok": False, "error": "unauthorized", "detail": "log in (again)"}}


def wire_error(code: str, detail: str) -> dict[str, Any]:
    """The one error shape (chat/errors.py)."""
    return {"ok": False, "error": code, "detail": detail}


async def _call_raw(peer: Peer, event: str, *data: Any) -> Any:
    """Emit exactly the given arguments (Peer.call turns None into {}); when rate limited, wait as
    told and retry, as a well-behaved client does."""
    args: Any = data[0] if len(data) == 1 else (tuple(data) if data else None)
    for _ in range(50):
        ack = await peer.client.call(event, args, namespace=peer.namespace, timeout=10)
        if not (isinstance(ack, dict) and ack.get("error") == "rate_limited"):
            return ack
        await asyncio.sleep(ack["retry_after_s"])
    raise AssertionError(f"{event} stayed rate limited")


async def _ask(peer: Peer, event: str, data: Any) -> Any:
    return await _call_raw(peer, event, data)


async def _healthy(url: str) -> None:
    async with aiohttp.ClientSession() as http, http.get(url + "/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"ok": True, "redis": "ok"}


async def _visitor_texts(peer: Peer) -> list[str]:
    """What the visitor wrote, in seq order (system notices, e.g. 'no one online', left out)."""
    history = await _ask(peer, "history", {"after_seq": 0})
    seqs = [m["seq"] for m in history["messages"]]
    assert seqs == list(range(1, len(seqs) + 1)), seqs
    return [m["text"] for m in history["messages"] if m["sender"] == "visitor"]


async def _still_chats(url: str) -> None:
    """A fresh visitor can still start a conversation and have its message stored."""
    kid, session = await visitor(url)
    ack = await say(kid, "gaat het nog?")
    assert ack == {"id": f"{session['conversation_id']}:1", "seq": 1}
    await kid.close()


# -- visitor payloads --------------------------------------------------------------------------------


async def test_visitor_bad_payloads_get_clear_codes_and_store_nothing(server: str) -> None:
    kid, session = await visitor(server)
    first = await say(kid, "eerste echte bericht")
    assert first["seq"] == 1

    cases: list[tuple[tuple[Any, ...], str]] = [
        (({"text": "x" * 4001, "client_id": "a1"},), "text_too_long"),
        (({"text": "", "client_id": "a2"},), "empty_text"),
        (({"text": "   \n\t ", "client_id": "a3"},), "empty_text"),
        (({"text": 12345, "client_id": "a4"},), "bad_request"),
        (({"text": None, "client_id": "a5"},), "bad_request"),
        (({"text": ["lijst"], "client_id": "a6"},), "bad_request"),
        (({"client_id": "a7"},), "bad_request"),
        (({"text": "hoi"},), "bad_client_id"),
        (({"text": "hoi", "client_id": ""},), "bad_client_id"),
        (({"text": "hoi", "client_id": "c" * 65},), "bad_client_id"),
        (({"text": "hoi", "client_id": 7},), "bad_client_id"),
        (([{"text": "hoi", "client_id": "a8"}],), "bad_request"),
        (("hoi",), "bad_request"),
        ((42,), "bad_request"),
        ((), "bad_request"),
        (({"text": "hoi", "client_id": "a9"}, {"text": "twee"}), "bad_request"),
    ]
    for args, code in cases:
        ack = await _call_raw(kid, "message", *args)
        assert isinstance(ack, dict) and ack.get("error") == code, (args, ack)
        assert isinstance(ack.get("detail"), str) and ack["detail"], ack

    # The limit itself is allowed, and one past it is not.
    at_limit = await _ask(kid, "message", {"text": "y" * 4000, "client_id": "max"})
    assert at_limit["seq"] > first["seq"]
    assert (await _ask(kid, "message", {"text": "é" * 4001, "client_id": "over"}))["error"] == "text_too_long"
    longest_id = await _ask(kid, "message", {"text": "ok", "client_id": "k" * 64})
    assert longest_id["seq"] == at_limit["seq"] + 1

    for event, data, code in [
        ("history", {"after_seq": -1}, "bad_request"),
        ("history", {"after_seq": "1"}, "bad_request"),
        ("history", {"after_seq": True}, "bad_request"),
        ("history", [], "bad_request"),
        ("typing", {"typing": "yes"}, "bad_request"),
        ("typing", {}, "bad_request"),
        ("profile", {"about": 1, "lang": "nl"}, "bad_request"),
        ("end", "nu", "bad_request"),
        ("quick_exit", None, "bad_request"),
    ]:
        ack = await _call_raw(kid, event, data) if data is not None else await _call_raw(kid, event)
        assert isinstance(ack, dict) and ack.get("error") == code, (event, data, ack)

    for event in ("nonsense", "Message", "on_message", "__init__", "trigger_event", "emit", "bucket", "x" * 300):
        ack = await _ask(kid, event, {"text": "hoi", "client_id": "u1"})
        assert isinstance(ack, dict) and ack.get("error") == "unknown_event", (event, ack)

    # Nothing of the above was stored; the conversation is intact and still usable.
    assert await _visitor_texts(kid) == ["eerste echte bericht", "y" * 4000, "ok"]
    assert (await _ask(kid, "message", {"text": "nog steeds hier", "client_id": "n1"}))["seq"] == longest_id["seq"] + 1
    assert session["status"] == "new"
    await _healthy(server)


async def test_flood_from_one_visitor_is_rate_limited_and_acked_messages_are_kept(server: str) -> None:
    kid, _ = await visitor(server)
    # The first message may bring a system notice (nobody online); the flood comes after it.
    await say(kid, "start")
    base = len((await _ask(kid, "history", {"after_seq": 0}))["messages"])
    texts = [f"flood {i:03d}" for i in range(90)]
    acks = await asyncio.gather(*[kid.call("message", {"text": t, "client_id": f"f{i}"}) for i, t in enumerate(texts)])

    accepted = [(t, a) for t, a in zip(texts, acks, strict=True) if "seq" in a]
    limited = [a for a in acks if a.get("error") == "rate_limited"]
    assert accepted and limited, acks
    assert len(accepted) + len(limited) == len(texts), [a for a in acks if "seq" not in a and a not in limited]
    for ack in limited:
        assert isinstance(ack["retry_after_s"], int | float) and ack["retry_after_s"] > 0, ack
        assert ack["detail"]
    # Acknowledged messages have consecutive seqs in the order they were sent ...
    assert [a["seq"] for _, a in accepted] == list(range(base + 1, base + len(accepted) + 1))
    # ... and all of them, and only them, are in the history in that order.
    assert await _visitor_texts(kid) == ["start"] + [t for t, _ in accepted]

    # Waiting as told, the visitor gets through again.
    again = await _ask(kid, "message", {"text": "na het wachten", "client_id": "after"})
    assert again.get("seq") == base + len(accepted) + 1, again
    await _healthy(server)


# -- counsellors: existence is never revealed ---------------------------------------------------


@pytest.fixture
async def two_counsellors(server: str, make_user: Callable[..., Any]) -> tuple[Peer, Peer]:
    make_user("anna")
    make_user("bert")
    anna = await counsellor(server, await login(server, "anna", PASSWORD))
    bert = await counsellor(server, await login(server, "bert", PASSWORD))
    return anna, bert


def _owned_events(cid: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("open", {"conversation_id": cid}),
        ("history", {"conversation_id": cid, "after_seq": 0}),
        ("typing", {"conversation_id": cid, "typing": True}),
        ("seen", {"conversation_id": cid, "seq": 1}),
        ("note", {"conversation_id": cid, "text": "notitie"}),
        ("transfer", {"conversation_id": cid, "to_queue": "adult", "note": ""}),
        ("close", {"conversation_id": cid, "outcome": "other"}),
        ("triage_feedback", {"conversation_id": cid, "code": "grooming", "verdict": "confirm"}),
    ]


async def test_someone_elses_conversation_looks_exactly_like_a_missing_one(
    server: str, two_counsellors: tuple[Peer, Peer]
) -> None:
    anna, bert = two_counsellors
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    assert (await claim_when_queued(anna, cid))["ok"]
    missing = uuid.uuid4().hex

    for (event, theirs), (_, nothing) in zip(_owned_events(cid), _owned_events(missing), strict=True):
        got_theirs = await bert.call(event, theirs)
        got_missing = await bert.call(event, nothing)
        assert got_theirs == got_missing, (event, got_theirs, got_missing)
        assert got_theirs.get("error") == "not_found", (event, got_theirs)
    # Malformed ids answer not_found too.
    for bad in ("", "xyz", cid.upper(), cid + "0", 12, None):
        ack = await bert.call("open", {"conversation_id": bad})
        assert ack["error"] == "not_found", (bad, ack)
    # Anna's conversation is untouched by all of this.
    opened = await anna.call("open", {"conversation_id": cid})
    assert opened["ok"] and opened["conversation"]["status"] == "active"
    assert opened["conversation"]["notes"] == []
    await _healthy(server)


# Regression (fixed in e136299): a missing conversation answered `unavailable` here, revealing existence.
async def test_counsellor_message_to_missing_and_foreign_conversation_answer_the_same(
    server: str, two_counsellors: tuple[Peer, Peer]
) -> None:
    anna, bert = two_counsellors
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    assert (await claim_when_queued(anna, cid))["ok"]
    theirs = await bert.call("message", {"conversation_id": cid, "text": "hallo", "client_id": "b1"})
    missing = await bert.call("message", {"conversation_id": uuid.uuid4().hex, "text": "hallo", "client_id": "b2"})
    assert theirs == wire_error("not_found", "no such conversation")
    assert missing == theirs


async def test_counsellor_bad_payloads(server: str, two_counsellors: tuple[Peer, Peer]) -> None:
    anna, _ = two_counsellors
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    assert (await claim_when_queued(anna, cid))["ok"]
    cases = [
        ("message", {"conversation_id": cid, "text": "x" * 4001, "client_id": "c1"}, "text_too_long"),
        ("message", {"conversation_id": cid, "text": " ", "client_id": "c2"}, "empty_text"),
        ("message", {"conversation_id": cid, "text": 5, "client_id": "c3"}, "bad_request"),
        ("message", {"conversation_id": cid, "text": "hoi"}, "bad_client_id"),
        ("message", {"text": "hoi", "client_id": "c4"}, "not_found"),
        ("note", {"conversation_id": cid, "text": "n" * 4001}, "text_too_long"),
        ("close", {"conversation_id": cid, "outcome": "vergeten"}, "bad_outcome"),
        ("close", {"conversation_id": cid, "outcome": "other", "tags": "los"}, "bad_request"),
        ("close", {"conversation_id": cid, "outcome": "other", "tags": [1]}, "bad_request"),
        ("transfer", {"conversation_id": cid, "note": ""}, "bad_request"),
        ("transfer", {"conversation_id": cid, "to_queue": "mars", "note": ""}, "bad_request"),
        ("seen", {"conversation_id": cid, "seq": -3}, "bad_request"),
        ("nonsense", {}, "unknown_event"),
    ]
    for event, data, code in cases:
        ack = await anna.call(event, data)
        assert ack.get("error") == code, (event, data, ack)
    assert (await _call_raw(anna, "mine", ["x"]))["error"] == "bad_request"
    # Still theirs, still active, nothing stored by the refused calls.
    opened = await anna.call("open", {"conversation_id": cid})
    assert opened["conversation"]["status"] == "active"
    assert [m["text"] for m in opened["conversation"]["messages"]] == ["hoi"]
    assert (await say(anna, "alles goed", cid))["seq"] == 2


# -- credentials ----------------------------------------------------------------------------------


async def _refused(url: str, namespace: str, auth: Any) -> list[Any]:
    peer = Peer(namespace)
    with pytest.raises(ConnectionError):
        await peer.connect(url, auth)
    return peer.received("connect_error")


async def test_counsellor_namespace_refuses_missing_bad_and_logged_out_tokens(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("carla")
    for auth in ({}, {"token": ""}, {"token": "x" * 43}, {"token": 12345}, {"token": None}, {"token": "y" * 5000}):
        assert await _refused(server, "/counsellor", auth) == [REFUSED], auth

    token = await login(server, "carla", PASSWORD)
    connected = await counsellor(server, token)
    assert await connected.call("mine") == {"conversations": []}
    async with aiohttp.ClientSession() as http, http.post(
        server + "/api/logout", headers={"Authorization": f"Bearer {token}"}
    ) as response:
        assert response.status == 200 and await response.json() == {"ok": True}
    # The open socket is closed by the logout, and the token no longer opens a new one.
    for _ in range(200):
        if "/counsellor" not in connected.client.namespaces:
            break
        await asyncio.sleep(0.05)
    try:
        after = await connected.call("mine", wait_s=2)
    except (BadNamespaceError, TimeoutError):
        after = {"error": "unauthorized"}
    assert after.get("error") == "unauthorized", after
    assert await _refused(server, "/counsellor", {"token": token}) == [REFUSED]
    async with aiohttp.ClientSession() as http, http.get(
        server + "/api/me", headers={"Authorization": f"Bearer {token}"}
    ) as response:
        assert response.status == 401
    await _still_chats(server)


async def test_supervisor_namespace_refuses_counsellors_and_visitors(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("dana")
    make_user("sven", role="supervisor")
    counsellor_token = await login(server, "dana", PASSWORD)
    _, session = await visitor(server)
    for auth in ({}, {"token": counsellor_token}, {"token": session["resume_token"]}, {"token": "z" * 43}):
        assert await _refused(server, "/supervisor", auth) == [REFUSED], auth
    # A supervisor is let in and gets the board; the counsellor token still works where it belongs.
    boss = await counsellor(server, await login(server, "sven", PASSWORD), namespace="/supervisor")
    board = await boss.wait_for("board")
    assert {"waiting", "active", "counsellors_online", "acute"} <= set(board)
    dana = await counsellor(server, counsellor_token)
    assert await dana.call("mine") == {"conversations": []}


async def test_rest_supervisor_endpoints_need_a_supervisor(server: str, make_user: Callable[..., Any]) -> None:
    make_user("eddy")
    make_user("sara", role="supervisor")
    counsellor_token = await login(server, "eddy", PASSWORD)
    supervisor_token = await login(server, "sara", PASSWORD)
    paths = ["/api/supervisor/transcripts", f"/api/supervisor/transcripts/{uuid.uuid4().hex}",
             "/api/supervisor/stats", "/api/supervisor/transcripts?from=garbage&to=%00"]
    async with aiohttp.ClientSession() as http:
        for path in paths:
            for headers in ({}, {"Authorization": "Bearer " + "q" * 43}, {"Authorization": "Basic abc"},
                            {"Cookie": "hl_session=nonsense"}):
                async with http.get(server + path, headers=headers) as response:
                    assert response.status == 401, (path, headers)
                    assert await response.json() == wire_error("unauthorized", "log in (again)")
            for headers in ({"Authorization": f"Bearer {counsellor_token}"}, {"Cookie": f"hl_session={counsellor_token}"}):
                async with http.get(server + path, headers=headers) as response:
                    assert response.status == 403, (path, headers)
                    assert await response.json() == wire_error("not_allowed", "this account may not do this")
            async with http.get(server + path, headers={"Authorization": f"Bearer {supervisor_token}"}) as response:
                assert response.status in {200, 404}, (path, response.status)
                if "/transcripts/" in path:
                    assert response.status == 404 and await response.json() == wire_error("not_found", "no such conversation")
                else:
                    assert response.status == 200
    await _still_chats(server)


async def test_login_failures_look_identical_and_bad_json_is_400(server: str, make_user: Callable[..., Any]) -> None:
    make_user("femke")
    answers = []
    async with aiohttp.ClientSession() as http:
        for body in (
            {"username": "femke", "password": "wrong password!"},
            {"username": "niemand", "password": "wrong password!"},
            {"username": "niemand", "password": PASSWORD},
            {"username": "femke"},
            {"username": 5, "password": PASSWORD},
            {"username": "femke", "password": None},
            {"username": "../../etc", "password": PASSWORD},
            {"username": "a" * 10_000, "password": PASSWORD},
            {"username": "femke", "password": "p" * 5000},
        ):
            async with http.post(server + "/api/login", json=body) as response:
                answers.append((response.status, response.content_type, await response.read(),
                                "Set-Cookie" in response.headers))
        assert answers[0] == (401, "application/json",
                              b'{"ok":false,"error":"unauthorized","detail":"wrong username or password"}', False)
        assert all(a == answers[0] for a in answers), answers

        for raw in (b"{not json", b"", b"\xff\xfe\x00", b'{"username": "femke", ', b"[1, 2", b"nul"):
            async with http.post(server + "/api/login", data=raw,
                                 headers={"Content-Type": "application/json"}) as response:
                assert response.status == 400, raw
                assert (await response.json())["error"] == "bad_request"
        for valid_but_not_an_object in (b"[]", b'"femke"', b"null", b"42"):
            async with http.post(server + "/api/login", data=valid_but_not_an_object,
                                 headers={"Content-Type": "application/json"}) as response:
                assert response.status == 400, valid_but_not_an_object
        async with http.post(server + "/api/login", data=b"{" + b" " * (300 * 1024) + b"}",
                             headers={"Content-Type": "application/json"}) as response:
            assert response.status == 413
        # The right password still works after all that.
        async with http.post(server + "/api/login", json={"username": "femke", "password": PASSWORD}) as response:
            assert response.status == 200 and (await response.json())["role"] == "counsellor"
    await _still_chats(server)


# -- raw garbage on the websocket -------------------------------------------------------------------


RAW_SOCKETS: list[RawSocket] = []


@pytest.fixture(autouse=True)
async def _close_raw_sockets(server: str) -> Any:
    """Closed before the server stops: an open websocket would hold up its shutdown when a test fails
    half-way."""
    yield
    while RAW_SOCKETS:
        await RAW_SOCKETS.pop().close()


class RawSocket:
    """An Engine.IO v4 websocket spoken by hand, to send what no well-behaved client would."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.http = http
        self.ws = ws
        RAW_SOCKETS.append(self)

    @classmethod
    async def open(cls, url: str) -> RawSocket:
        http = aiohttp.ClientSession()
        ws = await http.ws_connect(url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket")
        first = await ws.receive(timeout=10)
        assert first.type == aiohttp.WSMsgType.TEXT and first.data.startswith("0{"), first
        return cls(http, ws)

    async def frames(self, wait_s: float = 1.0) -> list[Any]:
        """Frames that arrive within wait_s of each other; a close frame ends the list."""
        out: list[Any] = []
        while True:
            try:
                msg = await self.ws.receive(timeout=wait_s)
            except TimeoutError:
                return out
            if msg.type == aiohttp.WSMsgType.TEXT and msg.data == "2":
                await self.ws.send_str("3")
                continue
            out.append(msg.data if msg.type == aiohttp.WSMsgType.TEXT else (msg.type, msg.data))
            if msg.type in {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR}:
                return out

    async def until(self, predicate: Callable[[str], bool], wait_s: float = 10.0) -> str:
        deadline = asyncio.get_running_loop().time() + wait_s
        while True:
            msg = await self.ws.receive(timeout=max(0.01, deadline - asyncio.get_running_loop().time()))
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionResetError(f"connection ended: {msg}")
            if msg.data == "2":
                await self.ws.send_str("3")
            elif predicate(msg.data):
                return str(msg.data)

    async def join_visitor(self, auth: str = "") -> dict[str, Any]:
        await self.ws.send_str("40/visitor," + auth)
        await self.until(lambda d: d.startswith("40/visitor,"))
        session = await self.until(lambda d: d.startswith('42/visitor,["session"'))
        return dict(json.loads(session[len("42/visitor,"):])[1])

    async def call(self, ack_id: int, event: str, data: Any) -> Any:
        await self.ws.send_str(f"42/visitor,{ack_id}" + json.dumps([event, data]))
        reply = await self.until(lambda d: d.startswith(f"43/visitor,{ack_id}["))
        args = json.loads(reply[len(f"43/visitor,{ack_id}"):])
        return args[0] if args else None

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close()
        await self.http.close()


JUNK_TEXT = [
    '42/visitor,["message",{bad json',
    '42/visitor,["message",{"text":"hoi","client_id":',
    "42/visitor,",
    '42/visitor,"only a string"',
    "42/visitor,[]",
    "42/visitor,[123]",
    "42/visitor,[null]",
    '42/visitor,[["nested"]]',
    '42/visitor,[{"an":"object"}]',
    '42/visitor,["message",' + "[" * 5000 + "]" * 5000 + "]",
    '42/visitor,-5["history",{}]',
    '42/visitor,["message",{"text":"\\ud800","client_id":"surrogate"}]',
    "43/visitor,99[]",
    '42/nowhere,["message",{}]',
    "40/nowhere,",
    "49",
    "4",
    "6",
    "9x",
    "\x00\x01\x02",
    "🙂" * 100,
]


async def test_raw_garbage_on_the_websocket_does_not_hurt_the_server(server: str) -> None:
    raw = await RawSocket.open(server)
    session = await raw.join_visitor()
    cid = session["conversation_id"]
    acked = await raw.call(1, "message", {"text": "voor de rommel", "client_id": "r1"})
    assert acked == {"id": f"{cid}:1", "seq": 1}

    for n, junk in enumerate(JUNK_TEXT, start=2):
        await raw.ws.send_str(junk)
        # The connection either carries on (and still answers) or is closed; the server lives on.
        try:
            reply = await raw.call(100 + n, "history", {"after_seq": 0})
        except ConnectionResetError:
            reply = None
        if reply is not None:
            texts = [m["text"] for m in reply["messages"] if m["sender"] == "visitor"]
            assert texts == ["voor de rommel"], (junk, reply)
        else:
            await raw.close()
            raw = await RawSocket.open(server)
            await raw.join_visitor(json.dumps({"resume_token": session["resume_token"], "last_seq": 0}))
    await raw.close()

    for binary in (b"\x00\xff" * 40, os.urandom(2048), b"\x04" + b"{}" * 10):
        raw = await RawSocket.open(server)
        await raw.join_visitor()
        await raw.ws.send_bytes(binary)
        await raw.frames(0.3)
        await raw.close()

    # Frames far beyond the packet cap (64 KB) end that connection with 1009 (message too big).
    for huge in ("42/visitor,[\"message\",{\"text\":\"" + "a" * 1_000_000 + "\",\"client_id\":\"big\"}]",
                 b"\x00" * 1_000_000):
        raw = await RawSocket.open(server)
        await raw.join_visitor()
        if isinstance(huge, bytes):
            await raw.ws.send_bytes(huge)
        else:
            await raw.ws.send_str(huge)
        frames = await raw.frames(5.0)
        assert frames and frames[-1] == (aiohttp.WSMsgType.CLOSE, 1009), frames[-3:]
        await raw.close()

    # A namespace connect whose auth is not an object is refused with bad_request.
    raw = await RawSocket.open(server)
    await raw.ws.send_str('40/visitor,"x"')
    refusal = await raw.until(lambda d: d.startswith("44/visitor,"))
    assert refusal == ('44/visitor,{"message":"bad_request","data":{"ok":false,"error":"bad_request",'
                       '"detail":"auth must be a JSON object"}}')
    await raw.close()

    await _healthy(server)
    # What was acknowledged before the garbage is still there, and only that.
    again, resumed = await visitor(server, {"resume_token": session["resume_token"]})
    assert resumed["conversation_id"] == cid
    assert await _visitor_texts(again) == ["voor de rommel"]
    assert "seq" in await say(again, "na de rommel")
    assert await _visitor_texts(again) == ["voor de rommel", "na de rommel"]
    await _still_chats(server)


# Regression (fixed in e136299): a client event named "connect" made a new conversation and rebound the
# socket; "disconnect" dropped the conversation and reset the rate limit.
async def test_client_sent_lifecycle_event_names_are_unknown_events(server: str) -> None:
    raw = await RawSocket.open(server)
    session = await raw.join_visitor()
    assert (await raw.call(1, "message", {"text": "hoi", "client_id": "l1"}))["seq"] == 1
    for n, event in enumerate(("connect", "disconnect"), start=2):
        ack = await raw.call(n, event, {})
        assert isinstance(ack, dict) and ack.get("error") == "unknown_event", (event, ack)
    # Still the same conversation on this socket, and no second one was made for it.
    history = await raw.call(9, "history", {"after_seq": 0})
    assert [m["text"] for m in history.get("messages", []) if m["sender"] == "visitor"] == ["hoi"], history
    assert [f for f in await raw.frames(0.5) if '"session"' in str(f)] == []
    again = await raw.call(10, "message", {"text": "nog", "client_id": "l2"})
    assert str(again.get("id", "")).startswith(session["conversation_id"] + ":"), again
    await raw.close()
    await _healthy(server)


async def test_visitor_auth_with_lists_and_objects_for_codes_is_not_a_server_failure(server: str) -> None:
    """Attacker's report: `about: []` (or an object, or a list as consult answer) in the connect `auth` hit
    an unhashable lookup: the visitor was told `unavailable` (retry) and the log got a traceback."""
    for auth in ({"about": []}, {"about": {"x": 1}}, {"about": ["self"], "lang": ["nl"]}):
        kid, session = await visitor(server, auth)
        assert session["status"] == "new", auth
        await kid.close()
    for consult in ({"organisation": []}, {"question": {"a": 1}}):
        errors = await _refused(server, "/visitor", {"line": "pro", "consult": consult})
        assert errors[0]["data"]["error"] == "bad_request", consult
    await _still_chats(server)
