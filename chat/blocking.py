"""Blocking abuse without IP addresses (docs/operations.md, "Blocking abuse").

The widget keeps a random device token in the browser (localStorage, 256 bits made there with
crypto.getRandomValues) and sends it when a conversation starts. The server never keeps the token:
a conversation holds its SHA-256, sealed with the conversation's data key (so it is unreadable after
retention, and a copy of Redis without the master key cannot tell which conversations came from the
same browser). When a counsellor blocks a conversation's browser, that hash is written in the clear
as the block's key, for the chosen time only (1 hour, 24 hours, 7 days); new conversations from that
browser are refused with `blocked` until then, and the widget shows a neutral notice with other help.

A block is a speed bump, not a wall: a private window, another browser, clearing the site's data or
the quick exit (which wipes the token, docs/ui.md) give a new token. What it stops is the same browser
starting abusive chat after abusive chat, without ever knowing who or where the visitor is.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from redis.asyncio import Redis

from chat import keys
from chat.errors import ErrorCode, HelplineError
from chat.records import as_text, now_ms
from chat.store import ConversationStore
from chat.tokens import token_hash
from vocabulary import BLOCK_SECONDS, BlockDuration, BlockReason

# The widget sends 32 random bytes in base64url (43 characters); anything from 128 bits up is accepted.
_DEVICE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
DEVICE_FIELD = "device"  # the record field holding the sealed hash (chat/store.py, set_private)
LIST_MAX = 500


def device_hash(token: Any) -> str:
    """The hash of a widget's device token; `bad_request` for anything that is not one."""
    if not isinstance(token, str) or not _DEVICE_TOKEN.match(token):
        raise HelplineError(ErrorCode.BAD_REQUEST, "'device' must be a random token of 22-128 URL-safe characters")
    return token_hash(token)


def _members(rows: Any) -> list[str]:
    """Members of a sorted-set range (redis-py types them loosely)."""
    return [as_text(r) for r in rows]


class Blocks:
    def __init__(self, redis: Redis, store: ConversationStore) -> None:
        self.redis = redis
        self.store = store

    async def remember_device(self, cid: str, hashed: str) -> None:
        """At the first message: the conversation's device, sealed, so it can be blocked later."""
        await self.store.set_private(cid, DEVICE_FIELD, hashed)

    async def is_blocked(self, hashed: str, at_ms: int | None = None) -> bool:
        block_id = as_text(await self.redis.get(keys.blocked_device(hashed)))
        if not block_id:
            return False
        until = as_text(await self.redis.hget(keys.block(block_id), "until"))
        # Keys expire with the block; the time is checked too, so a block ends on time to the millisecond.
        return until.isdigit() and int(until) > (now_ms() if at_ms is None else at_ms)

    async def check(self, hashed: str) -> None:
        if hashed and await self.is_blocked(hashed):
            raise HelplineError(ErrorCode.BLOCKED)

    async def block(self, cid: str, by: str, duration: str, reason: str) -> dict[str, Any]:
        """Block the browser of conversation `cid`; a new block of the same browser replaces the old."""
        if duration not in BlockDuration._value2member_map_:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'duration' must be one of {', '.join(BlockDuration)}")
        if reason not in BlockReason._value2member_map_:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'reason' must be one of {', '.join(BlockReason)}")
        hashed = await self.store.private(cid, DEVICE_FIELD)
        if not hashed:
            # An older widget, a script, or past retention: there is nothing to block.
            raise HelplineError(ErrorCode.NOT_FOUND, "this conversation carries no device token to block")
        ttl_ms = BLOCK_SECONDS[BlockDuration(duration)] * 1000
        created = now_ms()
        until = created + ttl_ms
        block_id = secrets.token_hex(8)
        previous = as_text(await self.redis.get(keys.blocked_device(hashed)))
        pipe = self.redis.pipeline(transaction=True)
        if previous:
            pipe.delete(keys.block(previous))
            pipe.zrem(keys.BLOCKS, previous)
        pipe.set(keys.blocked_device(hashed), block_id, px=ttl_ms)
        pipe.hset(keys.block(block_id), mapping={"device": hashed, "reason": reason, "by": by, "created": created,
                                                  "until": until, "conversation": cid, "duration": duration})
        pipe.pexpire(keys.block(block_id), ttl_ms)
        pipe.zadd(keys.BLOCKS, {block_id: until})
        await pipe.execute()
        return {"id": block_id, "until": until / 1000, "duration": duration, "reason": reason}

    async def list(self) -> list[dict[str, Any]]:
        """The blocks in force, ending soonest first. The device hash is never handed out."""
        now = now_ms()
        await self.redis.zremrangebyscore(keys.BLOCKS, "-inf", now)
        ids = _members(await self.redis.zrange(keys.BLOCKS, 0, LIST_MAX - 1))
        pipe = self.redis.pipeline(transaction=False)
        for block_id in ids:
            pipe.hgetall(keys.block(block_id))
        out = []
        for block_id, raw in zip(ids, await pipe.execute(), strict=True):
            row = {as_text(k): as_text(v) for k, v in (raw or {}).items()}
            if not row.get("until", "").isdigit() or int(row["until"]) <= now:
                continue
            out.append({"id": block_id, "reason": row.get("reason", ""), "duration": row.get("duration", ""),
                        "by": row.get("by", ""), "created": int(row.get("created") or 0) / 1000,
                        "until": int(row["until"]) / 1000, "conversation_id": row.get("conversation", "")})
        return out

    async def lift(self, block_id: str) -> None:
        """End a block now; `not_found` for an unknown or ended one."""
        if not re.fullmatch(r"[0-9a-f]{16}", block_id):
            raise HelplineError(ErrorCode.NOT_FOUND, "no such block")
        hashed = as_text(await self.redis.hget(keys.block(block_id), "device"))
        if not hashed:
            raise HelplineError(ErrorCode.NOT_FOUND, "no such block")
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(keys.block(block_id))
        pipe.zrem(keys.BLOCKS, block_id)
        await pipe.execute()
        # The device key only if it still names this block (a newer block of the same browser stays).
        if as_text(await self.redis.get(keys.blocked_device(hashed))) == block_id:
            await self.redis.delete(keys.blocked_device(hashed))
