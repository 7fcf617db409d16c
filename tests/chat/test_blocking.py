"""Blocking abuse without IP addresses (chat/blocking.py): a counsellor blocks a conversation's browser
by its device token for a while; supervisors list and lift blocks; everything audited."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import redis
import redis.asyncio as aioredis

from chat import keys
from chat.blocking import Blocks
from chat.crypto import Vault, load_master_key
from chat.errors import HelplineError
from chat.store import ConversationStore
from tests.chat.clients import Peer, claim_when_queued, counsellor, login, refused, say, visitor
from tests.conftest import PASSWORD, TEST_MASTER_KEY


def device() -> str:
    """What the widget makes: 32 random bytes, base64url."""
    return secrets.token_urlsafe(32)


@pytest.fixture
async def staff(server: str, make_user: Callable[..., Any]) -> Peer:
    make_user("anna")
    return await counsellor(server, await login(server, "anna", PASSWORD))


async def chat_with(server: str, staff: Peer, token: str) -> tuple[Peer, str]:
    kid, session = await visitor(server, {"device": token, "lang": "nl"})
    cid = session["conversation_id"]
    await say(kid, "hoi")
    assert (await claim_when_queued(staff, cid))["ok"]
    return kid, cid



async def supervisor_http(server: str, make_user: Callable[..., Any]) -> dict[str, str]:
    make_user("sofie", role="supervisor")
    return {"Authorization": f"Bearer {await login(server, 'sofie', PASSWORD)}"}


async def test_block_refuses_new_conversations_from_that_browser_only(
    server: str, staff: Peer, make_user: Callable[..., Any], redis_url: str
) -> None:
    token = device()
    kid, cid = await chat_with(server, staff, token)
    detail = (await staff.call("open", {"conversation_id": cid}))["conversation"]
    assert detail["blockable"] is True
    answer = await staff.call("block", {"conversation_id": cid, "duration": "24h", "reason": "threats"})
    assert answer["ok"] is True and answer["block"]["duration"] == "24h"
    # The widget is told (a neutral notice), and the conversation is closed as abusive.
    assert await kid.wait_for("blocked") == {"conversation_id": cid}
    await kid.wait_for("status", lambda s: s["status"] == "closed")
    error = await refused(server, {"device": token})
    assert error["error"] == "blocked" and error["ok"] is False
    # Another browser is not affected; neither is this browser resuming (nothing new is started).
    other, _ = await visitor(server, {"device": device()})
    await other.close()
    # Nothing in Redis names the conversation's device in the clear except the block itself.
    r = redis.Redis.from_url(redis_url)
    conv = {k.decode(): v.decode() for k, v in r.hgetall(keys.conversation(cid)).items()}
    assert conv["outcome"] == "abusive"
    assert token not in str(conv) and len(conv["device"]) > 64  # sealed, not the hash itself
    from chat.tokens import token_hash

    assert token_hash(token) not in conv["device"]
    assert r.get(keys.blocked_device(token_hash(token))) is not None
    entries = r.xrange(keys.AUDIT)
    assert any(e[1][b"action"] == b"visitor.block" and e[1][b"target"] == cid.encode() for e in entries)
    r.close()


async def test_supervisor_lists_and_lifts_blocks(server: str, staff: Peer, make_user: Callable[..., Any],
                                                 redis_url: str) -> None:
    token = device()
    _, cid = await chat_with(server, staff, token)
    await staff.call("block", {"conversation_id": cid, "duration": "1h", "reason": "sexual"})
    headers = await supervisor_http(server, make_user)
    async with aiohttp.ClientSession() as http:
        async with http.get(server + "/api/supervisor/blocks", headers=headers) as response:
            assert response.status == 200
            blocks = (await response.json())["blocks"]
        assert len(blocks) == 1
        block = blocks[0]
        assert block["reason"] == "sexual" and block["by"] == "anna" and block["conversation_id"] == cid
        assert block["until"] - block["created"] == pytest.approx(3600, abs=1)
        assert "device" not in block and token not in str(block)
        # Counsellors may not see or lift blocks.
        counsellor_headers = {"Authorization": f"Bearer {await login(server, 'anna', PASSWORD)}"}
        async with http.get(server + "/api/supervisor/blocks", headers=counsellor_headers) as response:
            assert response.status == 403
        async with http.delete(server + f"/api/supervisor/blocks/{block['id']}", headers=counsellor_headers) as r:
            assert r.status == 403
        async with http.delete(server + f"/api/supervisor/blocks/{block['id']}", headers=headers) as response:
            assert response.status == 200
        async with http.delete(server + f"/api/supervisor/blocks/{block['id']}", headers=headers) as response:
            assert response.status == 404 and (await response.json())["error"] == "not_found"
        async with http.delete(server + "/api/supervisor/blocks/not-an-id", headers=headers) as response:
            assert response.status == 404
        async with http.get(server + "/api/supervisor/blocks", headers=headers) as response:
            assert (await response.json())["blocks"] == []
    kid, _ = await visitor(server, {"device": token})  # welcome again
    await kid.close()
    r = redis.Redis.from_url(redis_url)
    assert any(e[1][b"action"] == b"visitor.unblock" and e[1][b"actor"] == b"sofie" for e in r.xrange(keys.AUDIT))
    r.close()


async def test_an_expired_block_lets_the_browser_in(server: str, staff: Peer, redis_url: str) -> None:
    token = device()
    _, cid = await chat_with(server, staff, token)
    block = (await staff.call("block", {"conversation_id": cid, "duration": "7d", "reason": "fake"}))["block"]
    assert (await refused(server, {"device": token}))["error"] == "blocked"
    # Its end has passed (the keys' own expiry may lag): the time is what counts.
    r = redis.Redis.from_url(redis_url)
    r.hset(keys.block(block["id"]), "until", str(int(block["until"] * 1000) - 7 * 86400 * 1000))
    r.close()
    kid, _ = await visitor(server, {"device": token})
    await kid.close()


async def test_a_block_made_after_connecting_holds_at_the_first_message(server: str, staff: Peer) -> None:
    token = device()
    _, cid = await chat_with(server, staff, token)
    second_tab, _ = await visitor(server, {"device": token})  # opened before the block
    await staff.call("block", {"conversation_id": cid, "duration": "1h", "reason": "abusive_language"})
    answer = await say(second_tab, "nog een keer")
    assert answer["error"] == "blocked"


@pytest.mark.parametrize("bad", [123, "", "short", "x" * 129, "spaces are not allowed in a token!!", ["list"]])
async def test_bad_device_tokens_are_refused_clearly(server: str, bad: Any) -> None:
    error = await refused(server, {"device": bad})
    assert error["error"] == "bad_request" and "device" in error["detail"]


async def test_bad_block_requests(server: str, staff: Peer, make_user: Callable[..., Any]) -> None:
    _, cid = await chat_with(server, staff, device())
    assert (await staff.call("block", {"conversation_id": cid, "duration": "1y", "reason": "fake"}))["error"] == "bad_request"
    assert (await staff.call("block", {"conversation_id": cid, "duration": "1h", "reason": "rude"}))["error"] == "bad_request"
    assert (await staff.call("block", {"conversation_id": cid, "duration": 1, "reason": "fake"}))["error"] == "bad_request"
    assert (await staff.call("block", {"conversation_id": "0" * 32, "duration": "1h", "reason": "fake"}))["error"] == "not_found"
    # Someone else's conversation: not_found, as everywhere.
    make_user("bram")
    bram = await counsellor(server, await login(server, "bram", PASSWORD))
    assert (await bram.call("block", {"conversation_id": cid, "duration": "1h", "reason": "fake"}))["error"] == "not_found"
    # A conversation from a widget without a device token has nothing to block.
    kid, session = await visitor(server)
    await say(kid, "zonder token")
    assert (await claim_when_queued(staff, session["conversation_id"]))["conversation"]["blockable"] is False
    answer = await staff.call("block", {"conversation_id": session["conversation_id"], "duration": "1h", "reason": "fake"})
    assert answer["error"] == "not_found"


async def test_after_retention_there_is_nothing_to_block(server: str, staff: Peer, redis_url: str) -> None:
    """The device hash is sealed with the conversation's data key: gone when retention destroys it."""
    _, cid = await chat_with(server, staff, device())
    r = redis.Redis.from_url(redis_url)
    r.hdel(keys.conversation(cid), "dek")
    r.close()
    # A fresh store (as another process, without this one's key cache) cannot read it any more.
    client = aioredis.Redis.from_url(redis_url)
    store = ConversationStore(client, Vault(load_master_key(TEST_MASTER_KEY, Path("/nonexistent"))))
    with pytest.raises(HelplineError) as refusal:
        await Blocks(client, store).block(cid, "anna", "1h", "fake")
    assert refusal.value.code == "not_found"
    await client.aclose()
