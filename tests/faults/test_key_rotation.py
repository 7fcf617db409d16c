"""`python -m chat keys rotate` (chat/rotation.py): every data key re-wrapped under a new master key,
the messages themselves untouched; refused while a server runs."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from cryptography.exceptions import InvalidTag

from chat import keys
from chat.crypto import Vault
from chat.embedded_redis import EmbeddedRedis
from chat.store import ConversationStore
from tests.chat.clients import claim_when_queued, close_all, counsellor, login, say, visitor
from tests.chat.test_processes import Embedded, add_account
from tests.conftest import PASSWORD

# HELPLINE_MASTER_KEY empty: the key lives in HELPLINE_DATA_DIR/master.key, as on a default install.
KEY_FILE_MODE = {"HELPLINE_MASTER_KEY": ""}


@pytest.fixture
def embedded(tmp_path: Path, redis_url: str) -> Iterator[Embedded]:
    env = Embedded(tmp_path, redis_url)
    yield env
    env.close()


def _key(path: Path) -> bytes:
    return base64.urlsafe_b64decode(path.read_text().strip())


async def _read(data_dir: Path, key: bytes, cid: str) -> tuple[list[str], list[str], str]:
    """(message texts, tags, referral) of a conversation, read straight from the data folder's Redis."""
    redis = EmbeddedRedis(data_dir)
    client = aioredis.Redis.from_url(redis.start())
    try:
        store = ConversationStore(client, Vault(key))
        record = await store.get(cid)
        assert record is not None
        return [m.text for m in await store.history(cid)], record.tags, record.referral
    finally:
        await client.aclose()
        redis.stop()


async def test_rotation_rewraps_every_key_and_retires_the_old_one(embedded: Embedded) -> None:
    proc = embedded.start(**KEY_FILE_MODE)
    old_key = _key(embedded.data_dir / "master.key")
    await add_account(embedded.url, "rik")
    staff = await counsellor(proc.url, await login(proc.url, "rik", PASSWORD))
    kid, session = await visitor(proc.url)
    cid = session["conversation_id"]
    await say(kid, "voor de rotatie")
    await claim_when_queued(staff, cid)
    await say(staff, "ik ben er", cid)
    other, other_session = await visitor(proc.url)
    await say(other, "nog open")
    closed = await staff.call("close", {"conversation_id": cid, "outcome": "referred", "tags": ["Rotterdam"],
                                        "referral": "Fier"})
    assert closed == {"ok": True}
    wrapped_before = embedded.client().hget(keys.conversation(cid), "dek")
    sealed_messages_before = embedded.client().lrange(keys.messages(cid), 0, -1)

    refused = embedded.cli("keys", "rotate", **KEY_FILE_MODE)  # the server still runs
    assert refused.returncode == 2 and "stop it first" in refused.stderr, refused.stderr
    assert _key(embedded.data_dir / "master.key") == old_key

    await close_all()
    proc.stop()
    rotated = embedded.cli("keys", "rotate", **KEY_FILE_MODE)
    assert rotated.returncode == 0, rotated.stderr
    assert "2 data keys re-wrapped" in rotated.stdout

    new_key = _key(embedded.data_dir / "master.key")
    retired = list(embedded.data_dir.glob("master.key.retired-*"))
    assert new_key != old_key and len(retired) == 1 and _key(retired[0]) == old_key
    assert not (embedded.data_dir / "master.key.next").exists()
    assert await _read(embedded.data_dir, new_key, cid) == (["voor de rotatie", "ik ben er"], ["Rotterdam"], "Fier")
    with pytest.raises(InvalidTag):
        await _read(embedded.data_dir, old_key, cid)

    again = embedded.start(**KEY_FILE_MODE)  # the server starts on the new key and serves the old data
    client = embedded.client()
    try:
        assert client.hget(keys.conversation(cid), "dek") != wrapped_before
        assert client.lrange(keys.messages(cid), 0, -1) == sealed_messages_before  # not re-encrypted
    finally:
        client.close()
    resumed, _ = await visitor(again.url, {"resume_token": other_session["resume_token"]})
    assert [m["text"] for m in (await resumed.call("history", {"after_seq": 0}))["messages"]][0] == "nog open"
    assert (await say(resumed, "na de rotatie"))["seq"] >= 2
    await close_all()
    again.stop()

    # The retired key is refused by a server, with a clear message, rather than serving unreadable data.
    (embedded.data_dir / "master.key").write_text(base64.urlsafe_b64encode(old_key).decode())
    with pytest.raises(RuntimeError) as refused_start:
        embedded.start(**KEY_FILE_MODE)
    assert "different master key" in str(refused_start.value)


async def test_with_the_key_in_the_environment_the_new_one_comes_from_there_too(
    tmp_path: Path, redis_url: str
) -> None:
    import os
    import subprocess
    import sys

    from chat.store import MasterKeyMismatch
    from tests import conftest
    from tests.chat.clients import stored_conversation

    old_key = base64.urlsafe_b64decode(conftest.TEST_MASTER_KEY)
    new_key = b"n" * 32
    client = aioredis.Redis.from_url(redis_url)
    try:
        store = ConversationStore(client, Vault(old_key))
        await store.check_master_key()
        cid, _ = await stored_conversation(store)
        await store.append(cid, "visitor", "in de omgeving", "c1")

        def rotate(**extra: str) -> subprocess.CompletedProcess[str]:
            env = {**os.environ, **conftest.test_env(tmp_path, redis_url, **extra)}
            return subprocess.run([sys.executable, "-m", "chat", "keys", "rotate"], cwd=conftest.ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)

        refused = rotate()
        assert refused.returncode == 2 and "HELPLINE_NEW_MASTER_KEY" in refused.stderr
        done = rotate(HELPLINE_NEW_MASTER_KEY=base64.urlsafe_b64encode(new_key).decode())
        assert done.returncode == 0, done.stderr
        assert "set HELPLINE_MASTER_KEY to the value of HELPLINE_NEW_MASTER_KEY" in done.stdout
        assert [m.text for m in await ConversationStore(client, Vault(new_key)).history(cid)] == ["in de omgeving"]
        with pytest.raises(MasterKeyMismatch):
            await ConversationStore(client, Vault(old_key)).check_master_key()
    finally:
        await client.aclose()


async def test_staff_second_factors_survive_a_rotation(redis_url: str) -> None:
    """A rotation that left TOTP secrets under the old key would lock every enrolled supervisor out."""
    import pyotp

    from chat.accounts import Accounts, reseal_totp_secrets, totp_secret_of

    old, new = Vault(b"o" * 32), Vault(b"n" * 32)
    client = aioredis.Redis.from_url(redis_url)
    try:
        accounts = Accounts(client, 3600, vault=old)
        await accounts.add("sara", "een-lang-wachtwoord-1", "supervisor")
        uri = await accounts.enrol_totp("sara")
        secret = pyotp.parse_uri(uri).secret
        assert await reseal_totp_secrets(client, old, new) == 1
        assert await reseal_totp_secrets(client, old, new) == 0  # a resumed rotation skips what moved
        assert await totp_secret_of(client, new, "sara") == secret
    finally:
        await client.aclose()
