"""The HTTP and socket surface, hardened (issue 9; docs/operations.md, "HTTP and socket hardening"):
writes from other sites refused, forwarded headers believed only from a trusted proxy, a Secure
cookie behind TLS, the security headers on errors and polling, one `not_found` for every claim that is
not yours, `history` in pages, a cap on a conversation's messages, and malformed requests logged as
one short line."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat.app import create_app
from chat.config import Settings
from chat.conversations import HISTORY_PAGE
from tests.chat.clients import Peer, counsellor, login, say, visitor
from tests.conftest import PASSWORD, ServerProcess

PARTNER = "https://partner.example"
EVIL = "https://evil.example"
MAX_MESSAGES = 40


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    return {**settings_env, "HELPLINE_ALLOWED_ORIGINS": PARTNER, "HELPLINE_MAX_MESSAGES": str(MAX_MESSAGES)}


async def _serve(aiohttp_server: Any, env: dict[str, str], redis_url: str, **extra: str) -> str:
    """A second server in this test, with other settings."""
    srv = await aiohttp_server(create_app(Settings.from_env({**env, **extra}), redis_url), host="127.0.0.1")
    return f"http://127.0.0.1:{srv.port}"


async def _answer(response: aiohttp.ClientResponse) -> tuple[int, Any]:
    return response.status, await response.json(content_type=None)


# -- 1. writes: same origin (or an allowed one) and JSON only ----------------------------------------

async def test_cookie_writes_from_another_site_are_refused(server: str, make_user: Callable[..., Any]) -> None:
    make_user("ada", role="admin")
    token = await login(server, "ada", PASSWORD)
    cookie = {"Cookie": f"hl_session={token}"}
    canned = {"responses": [{"id": "x", "language": "nl", "title": "t", "text": "door een aanvaller"}]}
    refused = {"ok": False, "error": "not_allowed"}
    async with aiohttp.ClientSession() as http:
        # A page on another site, even with a JSON body (and with what a form can send: text/plain).
        for headers, body in (
            ({**cookie, "Origin": EVIL}, {"json": canned}),
            ({**cookie, "Origin": EVIL, "Content-Type": "text/plain"}, {"data": json.dumps(canned)}),
            ({**cookie, "Origin": "null"}, {"json": canned}),
            # No Origin with the cookie and a body a form could send.
            ({**cookie, "Content-Type": "text/plain"}, {"data": json.dumps(canned)}),
            ({**cookie, "Content-Type": "application/x-www-form-urlencoded"}, {"data": "responses=x"}),
        ):
            async with http.put(server + "/api/canned", headers=headers, **body) as response:
                status, answer = await _answer(response)
                assert status == 403 and {k: answer[k] for k in refused} == refused, (headers, answer)
        async with http.get(server + "/api/canned", headers=cookie) as response:
            assert "door een aanvaller" not in await response.text()
        # Logout from another site does not end the session.
        async with http.post(server + "/api/logout", headers={**cookie, "Origin": EVIL}) as response:
            assert response.status == 403
        async with http.post(server + "/api/logout", headers={**cookie, "Content-Type": "text/plain"},
                             data="x") as response:
            assert response.status == 403
        async with http.get(server + "/api/me", headers=cookie) as response:
            assert response.status == 200

        # Same origin, an allowed origin, and a JSON body without Origin (curl, scripts) keep working.
        for origin in (server, PARTNER, None):
            headers = {**cookie, **({"Origin": origin} if origin else {})}
            async with http.put(server + "/api/canned", headers=headers, json=canned) as response:
                assert response.status == 200, (origin, await response.text())
        # JSON bodies only, whoever writes: 400 bad_request (the one code for a body not in the documented shape).
        for headers in ({**cookie, "Origin": server}, {"Authorization": f"Bearer {token}"}, {}):
            async with http.put(server + "/api/canned", headers={**headers, "Content-Type": "text/plain"},
                                data=json.dumps(canned)) as response:
                status, answer = await _answer(response)
                assert (status, answer["error"]) == (400, "bad_request"), (headers, answer)
        async with http.post(server + "/api/login", data=json.dumps({"username": "ada", "password": PASSWORD}),
                             headers={"Content-Type": "text/plain"}) as response:
            assert response.status == 400 and "Set-Cookie" not in response.headers
        # A bearer token is never sent by a browser on its own: no Origin needed, no body needed.
        async with http.post(server + "/api/logout", headers={**cookie, "Origin": server}) as response:
            assert response.status == 200
        async with http.get(server + "/api/me", headers=cookie) as response:
            assert response.status == 401


# -- 2 and 3. forwarded headers only from a trusted proxy; Secure behind TLS --------------------------

async def _polling_origin_accepted(http: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> bool:
    async with http.get(url + "/socket.io/?EIO=4&transport=polling", headers=headers) as response:
        return response.status == 200


async def _login_cookie(http: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> str:
    async with http.post(url + "/api/login", json={"username": "bo", "password": PASSWORD}, headers=headers) as response:
        assert response.status == 200
        return str(response.headers["Set-Cookie"])


async def test_forwarded_headers_count_only_from_a_trusted_proxy(
    server: str, aiohttp_server: Any, settings_env: dict[str, str], redis_url: str, make_user: Callable[..., Any]
) -> None:
    make_user("bo", role="admin")
    public = "https://chat.example"
    forwarded = {"Origin": public, "X-Forwarded-Host": "chat.example", "X-Forwarded-Proto": "https",
                 "X-Forwarded-For": "203.0.113.77"}
    behind_proxy = await _serve(aiohttp_server, settings_env, redis_url, HELPLINE_TRUSTED_PROXY="127.0.0.1")
    proxy_elsewhere = await _serve(aiohttp_server, settings_env, redis_url, HELPLINE_TRUSTED_PROXY="10.0.0.0/8")
    async with aiohttp.ClientSession() as http:
        # A page on chat.example naming itself the host: believed only from the proxy we were told of.
        assert not await _polling_origin_accepted(http, server, forwarded)
        assert not await _polling_origin_accepted(http, proxy_elsewhere, forwarded)
        assert await _polling_origin_accepted(http, behind_proxy, forwarded)
        # Same-origin pages and allowed origins connect whatever the setting.
        for url in (server, behind_proxy):
            assert await _polling_origin_accepted(http, url, {"Origin": url})
            # A page served over TLS under our own name, by a proxy that passes Host through.
            assert await _polling_origin_accepted(http, url, {"Origin": url.replace("http:", "https:")})
            assert await _polling_origin_accepted(http, url, {"Origin": PARTNER})
            assert not await _polling_origin_accepted(http, url, {"Origin": EVIL})

        # The staff cookie: Secure when the client came over TLS (here: said so by the trusted proxy).
        secure = await _login_cookie(http, behind_proxy, forwarded)
        assert "Secure" in secure and "HttpOnly" in secure and "SameSite=Strict" in secure
        no_origin = {k: v for k, v in forwarded.items() if k != "Origin"}  # there, chat.example is another site
        for url in (server, proxy_elsewhere):
            plain = await _login_cookie(http, url, no_origin)
            assert "Secure" not in plain and "HttpOnly" in plain and "SameSite=Strict" in plain
        assert "Secure" not in await _login_cookie(http, behind_proxy, {})

        # A cookie write from the public origin passes behind the proxy, not without it.
        token = secure.split("hl_session=")[1].split(";")[0]
        canned = {"responses": []}
        headers = {**forwarded, "Cookie": f"hl_session={token}"}
        async with http.put(behind_proxy + "/api/canned", headers=headers, json=canned) as response:
            assert response.status == 200
        async with http.put(server + "/api/canned", headers=headers, json=canned) as response:
            assert response.status == 403


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _everything_in_redis(url: str) -> bytes:
    client = aioredis.Redis.from_url(url)
    out = []
    try:
        async for key in client.scan_iter(count=1000):
            kind = (await client.type(key)).decode()
            out.append(key)
            if kind == "string":
                out.append(await client.get(key) or b"")
            elif kind == "hash":
                out.append(repr(await client.hgetall(key)).encode())
            elif kind == "list":
                out.append(repr(await client.lrange(key, 0, -1)).encode())
            elif kind == "set":
                out.append(repr(await client.smembers(key)).encode())
            elif kind == "zset":
                out.append(repr(await client.zrange(key, 0, -1)).encode())
            elif kind == "stream":
                out.append(repr(await client.xrange(key)).encode())
    finally:
        await client.aclose()
    return b"\n".join(out)


async def _send_raw(port: int, data: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    try:
        answer = await asyncio.wait_for(reader.read(4096), 5)
    finally:
        writer.close()
    return answer


async def test_no_forwarded_address_and_no_request_line_reaches_the_log_or_redis(
    server_process: Callable[..., ServerProcess], redis_url: str, tmp_path: Path, make_user: Callable[..., Any]
) -> None:
    """A trusting proxy setting still never reads X-Forwarded-For; malformed requests (whose request line
    may hold a token) are logged as one short line, without a traceback."""
    make_user("bo")
    address, secret = "203.0.113.77", "SECRETTOKEN" + uuid.uuid4().hex
    proc = server_process(HELPLINE_TRUSTED_PROXY="1", HELPLINE_LOG_LEVEL="INFO")
    headers = {"X-Forwarded-For": address, "X-Forwarded-Host": "chat.example", "X-Forwarded-Proto": "https",
               "Forwarded": f"for={address}", "X-Real-IP": address}
    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.post(proc.url + "/api/login", json={"username": "bo", "password": PASSWORD}) as response:
            token = (await response.json())["token"]
        async with http.post(proc.url + "/api/login", json={"username": "bo", "password": "fout"}) as response:
            assert response.status == 401
    kid = Peer("/visitor")
    await kid.client.connect(proc.url, namespaces=["/visitor"], auth={}, transports=["websocket"], headers=headers)
    await kid.wait_for("session")
    assert "id" in await say(kid, "hallo, ik wil iets vragen")
    staff = Peer("/counsellor")
    await staff.client.connect(proc.url, namespaces=["/counsellor"], auth={"token": token}, transports=["websocket"],
                               headers=headers)
    await staff.wait_for("queue")
    await kid.close()
    await staff.close()

    malformed = [
        f"GET /api/me?token={secret} HTTP/1.1x\r\nHost: a\r\n\r\n",
        f"GET /api/me?token={secret}\x01 HTTP/1.1\r\nHost: a\r\n\r\n",
        f"GET /?t={secret} HTTP/1.1\r\nHost: a\r\nBad Header {secret}\r\n\r\n",
        f"POST /api/login?t={secret} HTTP/1.1\r\nHost: a\r\nContent-Length: x{secret}\r\n\r\n",
    ]
    for _ in range(10):
        for request in malformed:
            answer = await _send_raw(proc.port, request.encode())
            assert answer.split(b"\r\n")[0].endswith(b" 400 Bad Request"), answer[:100]
    async with aiohttp.ClientSession() as http, http.get(proc.url + "/healthz") as response:
        assert response.status == 200
    proc.stop()

    log = proc.log_path.read_text()
    assert address not in log and secret not in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    short = [line for line in log.splitlines() if "malformed HTTP request" in line]
    assert 1 <= len(short) <= len(malformed), log[-3000:]  # one line a minute per kind, not one per request
    assert all(len(line) < 200 for line in short)
    assert address.encode() not in await _everything_in_redis(redis_url)


# -- 4. security headers on errors and polling; connect-src 'self' ------------------------------------

def _assert_headers(response: aiohttp.ClientResponse, what: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "connect-src 'self';" in csp, (what, csp)
    assert "ws:" not in csp and "wss:" not in csp, (what, csp)
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") == "no-referrer", what
    assert headers.get("Cache-Control") == "no-store", what
    assert "aiohttp" not in headers.get("Server", "") and "Python" not in headers.get("Server", ""), what


async def test_errors_and_polling_responses_carry_the_security_headers(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("cas")
    token = await login(server, "cas", PASSWORD)
    bearer = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession() as http:
        for method, path, headers, status in (
            ("GET", "/api/me", {}, 401),
            ("GET", "/api/supervisor/stats", bearer, 403),
            ("PUT", "/api/canned", {"Origin": EVIL}, 403),
            ("GET", "/api/nothing-here", {}, 404),
            ("GET", "/static/nothing-here.js", {}, 404),
            ("GET", "/nothing/here", {}, 404),
            ("DELETE", "/api/config", {}, 405),
            ("DELETE", "/api/config", {"Origin": EVIL, "Content-Type": "text/plain"}, 405),
            ("POST", "/", {}, 405),
            ("GET", "/socket.io/?EIO=4&transport=polling", {"Origin": EVIL}, 400),
            ("GET", "/socket.io/?EIO=4&transport=polling&sid=forged", {}, 400),
        ):
            async with http.request(method, server + path, headers=headers) as response:
                assert response.status == status, (method, path, response.status)
                _assert_headers(response, f"{method} {path}")

        # A polling session: its bodies hold the resume token and message text.
        base = server + "/socket.io/?EIO=4&transport=polling"
        async with http.get(base) as response:
            _assert_headers(response, "handshake")
            sid = json.loads((await response.text())[1:])["sid"]
        url = f"{base}&sid={sid}"
        async with http.post(url, data="40/visitor,{}") as response:
            _assert_headers(response, "polling POST")
        bodies = ""
        for _ in range(5):
            async with http.get(url) as response:
                _assert_headers(response, "polling GET")
                bodies += await response.text()
            if "resume_token" in bodies:
                break
        assert "resume_token" in bodies
        async with http.post(url, data='42/visitor,1["message",{"text":"geheim","client_id":"c1"}]') as response:
            _assert_headers(response, "polling POST")
        async with http.get(url) as response:
            _assert_headers(response, "polling GET")
            assert '"seq":1' in await response.text()


# -- 5. claim: one not_found for everything that is not yours to claim --------------------------------

async def test_claim_answers_one_not_found_for_everything_not_yours_to_claim(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("bob")
    make_user("carla")
    make_user("eva", skills=["professional"], languages=["nl"])
    bob = await counsellor(server, await login(server, "bob", PASSWORD))
    carla = await counsellor(server, await login(server, "carla", PASSWORD))
    eva = await counsellor(server, await login(server, "eva", PASSWORD))

    taken_kid, taken = await visitor(server, {"about": "self"})
    await say(taken_kid, "hoi")
    closed_kid, closed = await visitor(server)
    await say(closed_kid, "hoi")
    youth_kid, youth = await visitor(server, {"about": "self"})
    await say(youth_kid, "hoi")
    _, fresh = await visitor(server)  # connected, nothing sent: not in the queue
    for session in (taken, closed, youth):
        await bob.wait_for("queue", lambda q, c=session["conversation_id"]: any(
            w["conversation_id"] == c for w in q["waiting"]))
    assert (await bob.call("claim", {"conversation_id": taken["conversation_id"]}))["ok"]
    assert await closed_kid.call("end") == {"ok": True}

    answers = {
        "another counsellor's": await carla.call("claim", {"conversation_id": taken["conversation_id"]}),
        "already yours": await bob.call("claim", {"conversation_id": taken["conversation_id"]}),
        "closed": await carla.call("claim", {"conversation_id": closed["conversation_id"]}),
        "not yet queued": await carla.call("claim", {"conversation_id": fresh["conversation_id"]}),
        "another queue": await eva.call("claim", {"conversation_id": youth["conversation_id"]}),
        "nonexistent": await carla.call("claim", {"conversation_id": uuid.uuid4().hex}),
        "malformed": await carla.call("claim", {"conversation_id": "../../etc"}),
    }
    first = answers["nonexistent"]
    assert first["ok"] is False and first["error"] == "not_found"
    assert all(answer == first for answer in answers.values()), answers
    # What may be claimed still can be.
    assert (await carla.call("claim", {"conversation_id": youth["conversation_id"]}))["ok"]


# -- 6. history in pages; huge numbers; a cap on a conversation's messages ----------------------------

async def _counsellor_with_conversation(server: str, name: str) -> tuple[Peer, Peer, str]:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    staff = await counsellor(server, await login(server, name, PASSWORD))
    await staff.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    assert (await staff.call("claim", {"conversation_id": cid}))["ok"]
    return kid, staff, cid


async def _all_pages(peer: Peer, data: dict[str, Any]) -> list[list[int]]:
    pages: list[list[int]] = []
    after = 0
    while True:
        answer = await peer.call("history", {**data, "after_seq": after})
        seqs = [m["seq"] for m in answer["messages"]]
        pages.append(seqs)
        if not answer["more"]:
            return pages
        assert len(seqs) == HISTORY_PAGE
        after = seqs[-1]


async def test_history_comes_in_pages_and_huge_numbers_are_bad_requests(
    server: str, make_user: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    make_user("dora")
    make_user("sam", role="supervisor")
    kid, staff, cid = await _counsellor_with_conversation(server, "dora")
    # Counsellors' messages are not capped (the cap is for the anonymous side).
    total = 0
    for start in range(0, 2 * HISTORY_PAGE + 50, 50):
        acks = await asyncio.gather(*(say(staff, f"bericht {n}", cid) for n in range(start, start + 50)))
        total = max(total, *(ack["seq"] for ack in acks))
    assert total > 2 * HISTORY_PAGE

    boss = await counsellor(server, await login(server, "sam", PASSWORD), "/supervisor")
    for peer, data in ((kid, {}), (staff, {"conversation_id": cid}), (boss, {"conversation_id": cid})):
        pages = await _all_pages(peer, data)
        assert len(pages) == 3 and [len(p) for p in pages[:2]] == [HISTORY_PAGE, HISTORY_PAGE]
        assert [seq for page in pages for seq in page] == list(range(1, total + 1))
    for peer, event in ((staff, "open"), (boss, "monitor")):
        conversation = (await peer.call(event, {"conversation_id": cid}))["conversation"]
        assert len(conversation["messages"]) == HISTORY_PAGE and conversation["more_messages"] is True

    caplog.set_level(logging.INFO)
    for peer, data in ((kid, {}), (staff, {"conversation_id": cid}), (boss, {"conversation_id": cid})):
        # (beyond 2**64 the test client cannot encode; tests/faults/test_packets.py sends those raw)
        for huge in (2**53 + 1, 2**63, 2**64 - 1, -1, -(2**63), 1.5, 1e300, "3", True, None, [1]):
            answer = await peer.call("history", {**data, "after_seq": huge})
            assert answer["ok"] is False and answer["error"] == "bad_request", (huge, answer)
        assert await peer.call("history", {**data, "after_seq": 2**53}) == {"messages": [], "more": False}
    # A resume with an impossible last_seq starts from the beginning instead of failing.
    again, session = await visitor(server, {"resume_token": (kid.received("session")[0])["resume_token"],
                                            "last_seq": 2**63})
    assert session["conversation_id"] == cid
    await again.wait_for("message", lambda m: m["seq"] == 1)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR], caplog.records


async def _everything_of(kid: Peer) -> list[int]:
    seqs: list[int] = []
    after = 0
    while True:
        answer = await kid.call("history", {"after_seq": after})
        seqs += [m["seq"] for m in answer["messages"]]
        if not answer["more"]:
            return seqs
        after = seqs[-1]


async def test_a_conversation_holds_at_most_the_configured_number_of_messages(
    server: str, make_user: Callable[..., Any]
) -> None:
    make_user("fien")
    kid, staff, cid = await _counsellor_with_conversation(server, "fien")
    held = len(await _everything_of(kid))
    kept = {"text": "nog één", "client_id": "last-one"}
    for n in range(MAX_MESSAGES - held - 1):
        assert "seq" in await say(staff if n % 2 else kid, f"bericht {n}", cid if n % 2 else None)
    assert "seq" in await kid.call("message", kept)
    assert len(await _everything_of(kid)) == MAX_MESSAGES
    full = await say(kid, "en nog een")
    assert full["ok"] is False and full["error"] == "conversation_full", full
    # A retry of a stored message still gets its ack; the counsellor can still answer and close.
    assert (await kid.call("message", kept))["seq"] == MAX_MESSAGES
    assert "seq" in await say(staff, "dit gesprek is vol; begin gerust een nieuw gesprek", cid)
    assert (await staff.call("close", {"conversation_id": cid, "outcome": "advice_given"}))["ok"]
