"""`python -m chat keys rotate`: move everything the master key protects to a new master key
(docs/operations.md, "Rotating the master key").

Messages, notes and whispers are not re-encrypted: they are sealed with each conversation's data key,
and only the data key's wrapping changes. What is sealed with the review key, which is derived from
the master key (transcripts, tags, referral, review comments), is opened and sealed again; it is
small. The key-check value then names the new key.

Safe to interrupt: while it runs, `hl:keycheck` says "rotating" (a server refuses to start on it), and
every value is tried with the new key before the old, so running it again with the same two keys
finishes the work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from redis.asyncio import Redis

from chat import keys
from chat.accounts import reseal_totp_secrets
from chat.crypto import Vault
from chat.pubsub import SOCKETIO_CHANNEL
from chat.records import as_text
from chat.review_queue import reseal_comments
from chat.store import SEALED_FIELDS, ConversationStore, MasterKeyMismatch, sealed_name

log = logging.getLogger(__name__)



@dataclass
class Rotated:
    data_keys: int = 0
    sealed_values: int = 0
    unreadable: int = 0  # sealed with neither key: left as they are
    totp_resealed: int = 0
    aof_rewritten: bool = False


def rotating_marker(old: Vault, new: Vault) -> str:
    return f"{keys.KEY_CHECK_ROTATING}{old.key_check()}:{new.key_check()}"


async def servers_running(redis: Redis) -> int:
    counts = await redis.pubsub_numsub(SOCKETIO_CHANNEL)  # a subscriber is a running server
    return int(counts[0][1]) if counts else 0


def _moved(old: Vault, new: Vault, value: str, open_with: Callable[[Vault, str], Any],
           seal_with: Callable[[Vault, Any], str]) -> str | None:
    """The value sealed under the new key; None if it already is."""
    try:
        open_with(new, value)
        return None
    except (InvalidTag, ValueError):
        pass
    return seal_with(new, open_with(old, value))


def _field_codec(cid: str, field: str) -> tuple[Callable[[Vault, str], str], Callable[[Vault, str], str]]:
    return (lambda v, s: v.open_field(cid, field, s)), (lambda v, t: v.seal_field(cid, field, t))


async def rotate(redis: Redis, old: Vault, new: Vault) -> Rotated:
    stored = as_text(await redis.get(keys.KEY_CHECK))
    marker = rotating_marker(old, new)
    if stored == new.key_check():
        done = Rotated()
        done.aof_rewritten = await ConversationStore(redis, new).rewrite_append_only_file()
        return done  # an earlier run finished here; only the key files were left to swap
    if stored not in (old.key_check(), marker, ""):
        raise MasterKeyMismatch("this Redis holds data sealed with neither the current nor the new master key; "
                                "nothing was changed")
    await redis.set(keys.KEY_CHECK, marker)
    result = Rotated()
    async for raw in redis.scan_iter(match=keys.CONVERSATIONS, count=1000):
        await _rotate_conversation(redis, old, new, keys.cid_of_conversation(as_text(raw)), result)
    # Staff second factors are sealed with a key derived from the master key too (chat/accounts.py).
    result.totp_resealed = await reseal_totp_secrets(redis, old, new)
    await redis.set(keys.KEY_CHECK, new.key_check())
    # The old wrappings are still in the append-only file until it is rewritten.
    result.aof_rewritten = await ConversationStore(redis, new).rewrite_append_only_file()
    return result


async def _rotate_conversation(redis: Redis, old: Vault, new: Vault, cid: str, result: Rotated) -> None:
    conv = keys.conversation(cid)
    names = ["dek", *(sealed_name(f) for f in SEALED_FIELDS)]
    row = dict(zip(names, [as_text(v) for v in await redis.hmget(conv, names)], strict=True))
    changes: dict[str, str] = {}
    try:
        if row["dek"]:
            moved = _moved(old, new, row["dek"], lambda v, w: v.unwrap(cid, w), lambda v, k: v.wrap(cid, k))
            if moved is not None:
                changes["dek"] = moved
                result.data_keys += 1
        for field in SEALED_FIELDS:
            sealed = row[sealed_name(field)]
            if sealed:
                moved = _moved(old, new, sealed, *_field_codec(cid, field))
                if moved is not None:
                    changes[sealed_name(field)] = moved
                    result.sealed_values += 1
        transcript = as_text(await redis.get(keys.transcript(cid)))
        if transcript:
            moved = _moved(old, new, transcript, lambda v, s: v.open_review(cid, s), lambda v, t: v.seal_review(cid, t))
            if moved is not None:
                await redis.set(keys.transcript(cid), moved)
                result.sealed_values += 1
        result.sealed_values += await reseal_comments(redis, cid, old, new)  # supervisors' review comments
    except (InvalidTag, ValueError):
        log.error("a conversation's keys open with neither master key; left as they are")
        result.unreadable += 1
    if changes:
        await redis.hset(conv, mapping=changes)  # type: ignore[arg-type]  # redis-py types mappings loosely
