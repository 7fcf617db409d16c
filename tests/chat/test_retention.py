"""Retention (chat/retention.py): after HELPLINE_RETENTION_DAYS a closed conversation can no longer be read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.config import Settings
from chat.crypto import KeyDestroyed, Vault
from chat.retention import Retention
from chat.review import Review
from chat.store import ConversationStore
from tests.chat.clients import stored_conversation

MASTER = b"m" * 32


@pytest.fixture
async def store(redis_url: str) -> ConversationStore:
    client = aioredis.Redis.from_url(redis_url)
    yield ConversationStore(client, Vault(MASTER))
    await client.aclose()


async def test_retention_destroys_the_key_and_keeps_only_the_anonymised_transcript(
    store: ConversationStore, tmp_path: Path, redis_url: str
) -> None:
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_RETENTION_DAYS": "30"})
    cid, token = await stored_conversation(store)
    await store.append(cid, "visitor", "ik ben Sanne en mijn nummer is 06-12345678", "c1")
    await store.close(cid, "", {"outcome": "other"})
    review = Review(store)
    retention = Retention(store, review, settings)

    assert await retention.apply(now=time.time() + 29 * 86400) == 0
    assert [m.text for m in await store.history(cid)][0].startswith("ik ben Sanne")

    assert await retention.apply(now=time.time() + 31 * 86400) == 1
    assert await retention.apply(now=time.time() + 31 * 86400) == 0  # idempotent
    fresh_vault_store = ConversationStore(store.redis, Vault(MASTER))  # no cached key
    record = await fresh_vault_store.get(cid)
    assert record is not None and record.wrapped_key == ""
    with pytest.raises(KeyDestroyed):
        fresh_vault_store.vault.cipher(cid, None)
    assert await store.redis.exists(keys.messages(cid)) == 0
    assert await store.find_by_resume_token(token) is None
    transcript = await review.transcript(cid)
    assert transcript is not None and transcript["status"] == "ready"
    text = transcript["messages"][0]["text"]
    assert "Sanne" not in text and "06-12345678" not in text


async def test_an_opened_but_unused_conversation_of_an_older_version_is_removed_after_a_day(
    store: ConversationStore, tmp_path: Path
) -> None:
    """Before 2026-11-29 a conversation was stored at connect and listed in hl:fresh until used."""
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path)})
    cid, token = await stored_conversation(store)
    used, _ = await stored_conversation(store)
    await store.redis.zadd(keys.FRESH, {cid: time.time() * 1000, used: time.time() * 1000})
    await store.append(used, "visitor", "hallo", "c1")
    await store.mark_started(used, offline=False)  # as the service does on the first message
    await Retention(store, Review(store), settings).apply(now=time.time() + 2 * 86400)
    assert await store.get(cid) is None and await store.find_by_resume_token(token) is None
    record = await store.get(used)
    assert record is not None and record.status == "queued"


async def test_review_retention_removes_everything_and_old_second_scores_are_upgraded(
    store: ConversationStore, tmp_path: Path
) -> None:
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_RETENTION_DAYS": "30",
                                  "HELPLINE_REVIEW_RETENTION_DAYS": "365"})
    cid, _ = await stored_conversation(store)
    await store.append(cid, "visitor", "hallo", "c1")
    await store.close(cid, "", {})
    # As a version before millisecond times wrote it: the closing time in seconds.
    await store.redis.zadd(keys.CLOSED, {cid: time.time()})
    await store.upgrade()
    score = await store.redis.zscore(keys.CLOSED, cid)
    assert score is not None and score > 10**12
    await Retention(store, Review(store), settings).apply(now=time.time() + 366 * 86400)
    assert await store.get(cid) is None and not await store.is_closed(cid)


async def test_a_destroyed_key_leaves_the_append_only_file_too(
    store: ConversationStore, tmp_path: Path, redis_data_dir: Path | None
) -> None:
    if redis_data_dir is None:
        pytest.skip("needs the embedded test Redis, whose files this test reads")
    from tests.chat.test_processes import files_containing

    # Uncompressed, so the search below would find a key in the rewritten file's snapshot part.
    await store.redis.config_set("rdbcompression", "no")
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_RETENTION_DAYS": "30"})
    doomed, _ = await stored_conversation(store)
    kept, _ = await stored_conversation(store)
    for cid in (doomed, kept):
        await store.append(cid, "visitor", "hallo", "c1")
    await store.close(doomed, "", {"outcome": "other"})
    wrapped = {name: (await store.redis.hget(keys.conversation(cid), "dek")) for name, cid in
               (("doomed", doomed), ("kept", kept))}
    assert set(files_containing(redis_data_dir, wrapped)) == {"doomed", "kept"}  # written to the file

    assert await Retention(store, Review(store), settings).apply(now=time.time() + 31 * 86400) == 1
    assert set(files_containing(redis_data_dir, wrapped)) == {"kept"}  # the rewritten file lacks only that key


async def test_review_warms_the_redaction_in_a_thread(store: ConversationStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's start-up loads the redaction's lists and model off the first transcript (chat/app.py)."""
    import triage.redaction as redaction

    monkeypatch.setattr(redaction, "_LOOKUPS", None)
    review = Review(store)
    review.warm_up()
    first = review.warming
    assert first is not None
    review.warm_up()  # once per process
    assert review.warming is first
    await first
    assert redaction._LOOKUPS is not None
