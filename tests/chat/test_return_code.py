"""The return code (chat/return_code.py): a short code in `session` that brings a visitor back to their
conversation, kept only hashed (and sealed), and rate limited against guessing per connection and
helpline-wide. Real sockets, real Redis."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import engineio
import pytest
import redis

from chat import keys
from chat.continuity import ALPHABET
from chat.errors import HelplineError
from chat.return_code import grouped, normalise
from chat.tokens import token_hash
from chat.wire import SessionWire
from tests.chat.clients import Peer, assert_wire, claim_when_queued, counsellor, login, refused, say, visitor
from tests.conftest import PASSWORD


@pytest.fixture
async def staff(server: str, make_user: Callable[..., Any]) -> Peer:
    make_user("anna")
    return await counsellor(server, await login(server, "anna", PASSWORD))



def sloppy(code: str) -> str:
    """How a person might type it back: lower case, in groups, O for 0 and l for 1."""
    return grouped(code).lower().replace("0", "O").replace("1", "l")


async def test_session_carries_a_short_code_that_stays_the_same(server: str, redis_url: str) -> None:
    kid, session = await visitor(server, {"lang": "nl"})
    assert_wire(session, SessionWire)
    code = session["return_code"]
    assert len(code) <= 16 and len(code) == 15 and all(c in ALPHABET for c in code)
    # Before the first message nothing is stored, yet a reconnect shows the same code.
    again, resumed = await visitor(server, {"resume_token": session["resume_token"]})
    assert resumed["return_code"] == code
    await again.close()
    await say(kid, "hallo")
    await kid.close()
    back, after = await visitor(server, {"resume_token": session["resume_token"]})
    assert after["return_code"] == code and after["conversation_id"] == session["conversation_id"]
    # Stored only as its SHA-256 (and sealed): the code itself is nowhere in Redis.
    r = redis.Redis.from_url(redis_url)
    assert r.get(keys.return_code(token_hash(code))) == session["conversation_id"].encode()
    for key in r.scan_iter("hl:*"):
        kind = r.type(key)
        values = [r.get(key)] if kind == b"string" else list(r.hgetall(key).values()) if kind == b"hash" else []
        assert not any(code.encode() in (v or b"") for v in values), key
    await back.close()


async def test_coming_back_with_the_code_resumes_the_conversation(server: str, staff: Peer) -> None:
    kid, session = await visitor(server, {"lang": "nl"})
    cid, code = session["conversation_id"], session["return_code"]
    await say(kid, "ik weet niet wat ik moet doen")
    assert (await claim_when_queued(staff, cid))["ok"]
    await say(staff, "Fijn dat je schrijft.", cid)
    await kid.close()

    # A new browser, the code typed by hand.
    back, resumed = await visitor(server, {"return_code": sloppy(code), "last_seq": 0})
    assert_wire(resumed, SessionWire)
    assert resumed["conversation_id"] == cid and resumed["status"] == "active"
    assert resumed["return_code"] == code
    assert resumed["resume_token"] != session["resume_token"]
    await back.wait_for("message", lambda m: m["seq"] == 2)
    texts = [m["text"] for m in sorted(back.received("message"), key=lambda m: m["seq"])]
    assert texts == ["ik weet niet wat ik moet doen", "Fijn dat je schrijft."]
    # The code moved the conversation to this browser: the old token no longer opens it, the new one does.
    assert (await refused(server, {"resume_token": session["resume_token"]}))["error"] == "bad_resume_token"
    await back.close()
    again, latest = await visitor(server, {"resume_token": resumed["resume_token"]})
    assert latest["conversation_id"] == cid and latest["return_code"] == code
    # And the code still works, as often as needed.
    third, third_session = await visitor(server, {"return_code": code})
    assert third_session["conversation_id"] == cid
    await again.close()
    await third.close()


async def test_wrong_codes_are_refused(server: str) -> None:
    kid, session = await visitor(server, {"lang": "nl"})
    unused = session["return_code"]  # nothing sent: nothing to come back to
    for bad in ["", "nope", 42, "X" * 70, "U" * 15, "0" * 15, unused]:
        assert (await refused(server, {"return_code": bad}))["error"] == "bad_return_code", bad
    await kid.close()
    assert normalise("k7m2q 9xrtb-4hwnp") == "K7M2Q9XRTB4HWNP" and normalise("K7M2Q9XRTB4HWN") is None


async def test_a_guesser_at_the_helpline_wide_limit_does_not_lock_visitors_out(
    server: str, redis_url: str, settings_env: dict[str, str]
) -> None:
    """Attacker's report: two connects a second with made-up codes kept the helpline-wide limit (100 a
    minute) exhausted, and every visitor who typed their own, right code was refused `rate_limited`."""
    kid, session = await visitor(server, {"lang": "nl"})
    await say(kid, "hoi")
    await kid.close()
    code = session["return_code"]
    r = redis.Redis.from_url(redis_url)
    window = int(time.time() // 60)

    def tried() -> int:
        return sum(int(r.get(keys.return_code_tries(w)) or 0) for w in (window, window + 1))

    # Only wrong codes count.
    back, moved = await visitor(server, {"return_code": code})
    await back.close()
    assert tried() == 0
    assert (await refused(server, {"return_code": "0" * 15}))["error"] == "bad_return_code"
    assert tried() == 1
    # The limit reached in this window and the next: a wrong code waits, the right one still opens.
    for w in (window, window + 1):
        r.set(keys.return_code_tries(w), 100, ex=120)
    error = await refused(server, {"return_code": "1" * 15})
    assert error["error"] == "rate_limited" and 0 < error["retry_after_s"] <= 61
    again, resumed = await visitor(server, {"return_code": sloppy(code)})
    assert resumed["conversation_id"] == session["conversation_id"]
    await again.close()
    # A resume token is not a guess: it works too.
    third, latest = await visitor(server, {"resume_token": resumed["resume_token"]})
    assert latest["conversation_id"] == session["conversation_id"]
    await third.close()


async def test_one_connection_gets_a_few_tries_only(server: str) -> None:
    """Socket.IO lets a client send namespace connects over one Engine.IO connection again and again;
    a guesser doing so is stopped after HELPLINE_RETURN_CODE_TRIES_PER_CONNECTION (5)."""
    eio = engineio.AsyncClient()
    answers: asyncio.Queue[str] = asyncio.Queue()

    @eio.on("message")  # type: ignore[misc]
    async def on_message(data: str) -> None:
        await answers.put(data)

    await eio.connect(server, transports=["websocket"], engineio_path="socket.io")
    errors = []
    # Socket.IO packets inside Engine.IO messages: "0/visitor,{auth}" connects, "4/visitor,{...}" refuses.
    for n in range(7):
        await eio.send("0/visitor," + json.dumps({"return_code": f"{n:015d}"}))
        answer = await asyncio.wait_for(answers.get(), 10)
        assert answer.startswith("4/visitor,"), answer
        errors.append(json.loads(answer.split(",", 1)[1])["data"]["error"])
    await eio.disconnect()
    assert errors == ["bad_return_code"] * 5 + ["rate_limited"] * 2


async def test_retention_deletes_the_way_in(redis_url: str, tmp_path: Any) -> None:
    import redis.asyncio as aioredis

    from chat.config import Settings
    from chat.crypto import Vault
    from chat.retention import Retention
    from chat.return_code import ReturnCodes
    from chat.review import Review
    from chat.store import ConversationStore
    from tests.chat.clients import stored_conversation

    client = aioredis.Redis.from_url(redis_url)
    store = ConversationStore(client, Vault(b"m" * 32))
    codes = ReturnCodes(client, store, b"k" * 32, 100)
    cid, token = await stored_conversation(store)
    code = await codes.register(cid, token_hash(token))
    assert await codes.code_of(cid, True, "") == code
    await store.append(cid, "visitor", "hallo", "c1")
    await store.close(cid, "", {"outcome": "other"})
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_RETENTION_DAYS": "30"})
    assert await Retention(store, Review(store), settings).apply(now=time.time() + 31 * 86400) == 1
    assert await client.exists(keys.return_code(token_hash(code))) == 0
    with pytest.raises(HelplineError, match="bad_return_code"):
        await codes.resume(code)
    await client.aclose()


async def _gone(peer: Peer) -> None:
    """Until the server has closed this peer's socket."""
    for _ in range(200):
        if "/visitor" not in peer.client.namespaces:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the old device's socket is still open")


async def _old_device_is_cut_off(old: Peer, new: Peer, staff: Peer, cid: str) -> None:
    await _gone(old)
    assert (await claim_when_queued(staff, cid))["ok"]
    await say(staff, "Waar ben je nu?", cid)
    await new.wait_for("message", lambda m: m["text"] == "Waar ben je nu?")
    assert not any(m["text"] == "Waar ben je nu?" for m in old.received("message"))


async def test_the_code_moves_the_conversation_away_from_a_socket_still_open_elsewhere(
    server: str, staff: Peer
) -> None:
    """Attacker's report: after a visitor came back with their code on another device, the first device's
    widget, still open (on a phone somebody else holds), kept receiving the counsellor's messages live and
    could write and end the conversation as the visitor, although its resume token no longer worked."""
    phone, session = await visitor(server, {"lang": "nl"})
    cid = session["conversation_id"]
    await say(phone, "ik kan hier niet praten")
    library, moved = await visitor(server, {"return_code": session["return_code"]})
    assert moved["conversation_id"] == cid
    await _old_device_is_cut_off(phone, library, staff, cid)
    # The new device stays: another visitor connect with the same (new) resume token is not a move.
    tab, _ = await visitor(server, {"resume_token": moved["resume_token"]})
    await say(staff, "Ben je er nog?", cid)
    for peer in (library, tab):
        await peer.wait_for("message", lambda m: m["text"] == "Ben je er nog?")
    await library.close()
    await tab.close()


async def test_the_move_reaches_a_socket_on_another_process(
    server_process: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    a, b = server_process(), server_process()
    make_user("anna")
    staff = await counsellor(b.url, await login(b.url, "anna", PASSWORD))
    phone, session = await visitor(a.url, {"lang": "nl"})
    await say(phone, "hallo")
    library, _ = await visitor(b.url, {"return_code": session["return_code"]})
    await _old_device_is_cut_off(phone, library, staff, session["conversation_id"])
    await library.close()
    await staff.close()
