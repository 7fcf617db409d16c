"""The conversation store (chat/store.py) on a real Redis: scripts, refusals, and data of older versions."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from chat import keys, store
from chat.crypto import Vault
from chat.errors import ErrorCode, HelplineError
from chat.store import ConversationStore
from tests.chat.clients import stored_conversation

MASTER = b"s" * 32


@pytest.fixture
async def conversations(redis_url: str) -> AsyncIterator[ConversationStore]:
    client = aioredis.Redis.from_url(redis_url)
    yield ConversationStore(client, Vault(MASTER))
    await client.aclose()


def test_scripts_touch_only_the_keys_they_are_given() -> None:
    """Every key a Lua script touches is in KEYS: no key names built inside a script (issue 11)."""
    for name in ("_APPEND", "_CLAIM", "_CLOSE", "_TRANSFER", "_TRIAGE"):
        script = getattr(store, name)
        calls = re.findall(r"redis\.call\('\w+', ([^,)]+)", script)
        assert calls, name
        assert all(re.fullmatch(r"KEYS\[\d\]", target.strip()) for target in calls), (name, calls)
        assert ".." not in script, name  # no string concatenation of key names


def test_keys_of_one_conversation_share_a_hash_tag() -> None:
    cid = "ab" * 16
    tags = {re.search(r"\{([^}]*)\}", key).group(1) for key in keys.conversation_keys(cid)}  # type: ignore[union-attr]
    assert tags == {cid}


async def test_refusals_are_raised_with_the_protocol_code(conversations: ConversationStore) -> None:
    cid, _ = await stored_conversation(conversations)
    with pytest.raises(HelplineError) as refused:
        await conversations.claim(cid, "anna", 3)
    assert refused.value.code == ErrorCode.NOT_WAITING  # nothing sent yet: not in the queue
    await conversations.append(cid, "visitor", "hoi", "c1")
    await conversations.claim(cid, "anna", 3)
    with pytest.raises(HelplineError) as refused:
        await conversations.claim(cid, "bert", 3)
    assert refused.value.code == ErrorCode.NOT_WAITING
    with pytest.raises(HelplineError) as refused:
        await conversations.transfer(cid, "bert", "carla", "", 3)
    assert refused.value.code == ErrorCode.NOT_FOUND  # not bert's
    record = await conversations.get(cid)
    assert record is not None and record.counsellor == "anna" and record.wait_s is not None


async def test_close_releases_the_counsellor_who_has_it(conversations: ConversationStore) -> None:
    cid, _ = await stored_conversation(conversations)
    await conversations.append(cid, "visitor", "hoi", "c1")
    await conversations.claim(cid, "anna", 3)
    await conversations.transfer(cid, "anna", "bert", "", 3)
    assert await conversations.active_of("anna") == [] and await conversations.active_of("bert") == [cid]
    await conversations.close(cid, "", {"ended_by": "visitor"})  # the visitor leaves
    assert await conversations.active_of("bert") == []
    record = await conversations.get(cid)
    assert record is not None and record.status == "closed" and record.last_counsellor == "bert"
    assert record.closed_at_ms is not None and record.closed_at_ms > 10**12


async def test_data_of_an_older_version_is_upgraded(conversations: ConversationStore) -> None:
    """Before 2026-11-29: conversation keys without a hash tag, times in seconds."""
    redis = conversations.redis
    cid, token = await stored_conversation(conversations)
    await conversations.append(cid, "visitor", "oude tekst", "c1")
    await conversations.close(cid, "", {})
    for kind, new in zip(keys.CONVERSATION_KINDS, keys.conversation_keys(cid), strict=True):
        if await redis.exists(new):
            await redis.rename(new, f"hl:{kind}:{cid}")
    await redis.hset(f"hl:conv:{cid}", mapping={"created": str(time.time()), "closed_at": str(time.time())})
    await redis.zadd(keys.CLOSED, {cid: time.time()})
    assert await conversations.get(cid) is None  # not found under its current name

    await conversations.upgrade()
    await conversations.upgrade()  # idempotent
    record = await conversations.get(cid)
    assert record is not None and record.status == "closed"
    assert record.created_ms > 10**12 and record.closed_at_ms is not None and record.closed_at_ms > 10**12
    assert [m.text for m in await ConversationStore(redis, Vault(MASTER)).history(cid)] == ["oude tekst"]
    assert await conversations.find_by_resume_token(token) == cid
    assert await conversations.closed_before(time.time() * 1000 + 1000) == [cid]


async def test_first_messages_racing_from_several_tabs_stay_readable(redis_url: str) -> None:
    """Regression (an attacker's report, 2026-11-29): two first messages of one conversation at once made
    two data keys; texts sealed with the losing one were unreadable for good."""
    import asyncio

    from chat.tokens import PendingConversations, token_hash

    clients = [aioredis.Redis.from_url(redis_url) for _ in range(3)]
    try:
        stores = [ConversationStore(c, Vault(MASTER)) for c in clients]  # three server processes
        stores += [stores[0], stores[0]]  # and two tabs on the first one
        pending = PendingConversations(b"p" * 32)
        for _ in range(10):
            cid, token = pending.new()

            async def first_message(s: ConversationStore, n: int, cid: str = cid, token: str = token) -> None:
                await s.create(cid, token_hash(token))
                await s.append(cid, "visitor", f"bericht {n}", f"c{n}")

            await asyncio.gather(*(first_message(s, n) for n, s in enumerate(stores)))
            texts = sorted(m.text for m in await ConversationStore(clients[0], Vault(MASTER)).history(cid))
            assert texts == [f"bericht {n}" for n in range(len(stores))]
    finally:
        for c in clients:
            await c.aclose()


async def test_tags_and_referral_are_sealed_at_rest_and_read_as_before(conversations: ConversationStore) -> None:
    from chat.records import encode_list
    from chat.review import Review

    redis = conversations.redis

    async def at_rest(cid: str) -> bytes:
        return b" ".join(k + b"=" + v for k, v in (await redis.hgetall(keys.conversation(cid))).items())

    cid, _ = await stored_conversation(conversations)
    await conversations.append(cid, "visitor", "hallo", "c1")
    await conversations.close(cid, "", {"outcome": "referred", "tags": encode_list(["loverboy Rotterdam"]),
                                        "referral": "Fier Leeuwarden"})
    assert b"outcome=referred" in await at_rest(cid)
    assert b"Rotterdam" not in await at_rest(cid) and b"Fier" not in await at_rest(cid)
    record = await conversations.get(cid)
    assert record is not None and record.tags == ["loverboy Rotterdam"] and record.referral == "Fier Leeuwarden"
    listed = await Review(conversations).list_closed({})  # what /api/supervisor/transcripts answers
    assert [(t["tags"], t["referral"]) for t in listed] == [(["loverboy Rotterdam"], "Fier Leeuwarden")]

    # Written in the clear by a version before 2026-11-30: still read, and sealed by the upgrade.
    old, _ = await stored_conversation(conversations)
    await conversations.append(old, "visitor", "hallo", "c1")
    await conversations.close(old, "", {"outcome": "other"})
    await redis.hset(keys.conversation(old), mapping={"tags": encode_list(["Antwerpen"]), "referral": "Payoke"})
    record = await conversations.get(old)
    assert record is not None and record.tags == ["Antwerpen"] and record.referral == "Payoke"
    await conversations.upgrade()
    assert b"Antwerpen" not in await at_rest(old) and b"Payoke" not in await at_rest(old)
    records = await conversations.get_many([old], ["tags", "referral"])
    assert records[0] is not None and records[0].tags == ["Antwerpen"] and records[0].referral == "Payoke"
