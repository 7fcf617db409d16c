"""The conversation store: Redis is the system of record (docs/operations.md, "Data in Redis").

Every state change that must be atomic across server processes (append a message and enqueue on the
first one, claim, transfer, close) is one Lua script. Message appends are group-committed: all the
appends that arrive while one Redis round trip is in flight go out together in the next pipeline, in
arrival order, so the hot path costs a fraction of a round trip per message, and messages are
acknowledged only after Redis has them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from redis.asyncio import Redis
from redis.exceptions import NoScriptError

from chat import keys
from chat.crypto import KeyDestroyed, Vault
from chat.tokens import new_id, new_token, token_hash

log = logging.getLogger(__name__)

URGENCY_BAND = {"acute": 0, "high": 1, "normal": 2, "low": 3}
# Queue score = band * BAND_WIDTH + queued-at in ms: lower is served first (urgency, then waiting time).
BAND_WIDTH = 10**13

_APPEND = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return {'err', 'not_found'} end
if ARGV[7] ~= '' and redis.call('HGET', KEYS[1], 'counsellor') ~= ARGV[7] then return {'err', 'not_found'} end
local seen = redis.call('HGET', KEYS[3], ARGV[2])
if seen then return {'dup', tonumber(seen), 0} end
if st == 'closed' then return {'err', 'conversation_closed'} end
local seq = redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[2], seq)
local queued = 0
if st == 'new' and ARGV[4] == 'visitor' then
  redis.call('HSET', KEYS[1], 'status', 'queued', 'queued_at', ARGV[5])
  redis.call('ZADD', KEYS[4], tonumber(ARGV[6]) + tonumber(ARGV[5]), ARGV[1])
  redis.call('INCR', KEYS[5])
  queued = 1
end
return {'ok', seq, queued}
"""

_CLAIM = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if st ~= 'queued' then return 'not_waiting' end
if tonumber(ARGV[3]) > 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[3]) then return 'limit_reached' end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'active', 'counsellor', ARGV[2], 'claimed_at', ARGV[4])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('INCR', KEYS[5])
return 'ok'
"""

# KEYS: conv, queue, active, closed, queue_version; ARGV: cid, now_s, required counsellor,
# user key prefix, field, value, ...
_CLOSE = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
local c = redis.call('HGET', KEYS[1], 'counsellor')
if ARGV[3] ~= '' and c ~= ARGV[3] and redis.call('HGET', KEYS[1], 'last_counsellor') ~= ARGV[3] then
  return 'not_found'
end
if st == 'closed' then
  -- the visitor left first: the counsellor still records outcome, tags and notes, once
  if ARGV[3] == '' or redis.call('HEXISTS', KEYS[1], 'outcome') == 1 then return 'conversation_closed' end
  for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
  return 'ok'
end
if c then
  redis.call('SREM', ARGV[4] .. c .. ':active', ARGV[1])
  redis.call('HSET', KEYS[1], 'last_counsellor', c)
  redis.call('HDEL', KEYS[1], 'counsellor')
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], tonumber(ARGV[2]), ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'closed', 'closed_at', ARGV[2], 'previous_status', st)
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('INCR', KEYS[5])
return 'ok'
"""

# KEYS: conv, queue, active, queue_version; ARGV: cid, from user, user key prefix, to_user ('' for
# a queue), to_queue, limit, now_ms, band base
_TRANSFER = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st or redis.call('HGET', KEYS[1], 'counsellor') ~= ARGV[2] then return 'not_found' end
if st ~= 'active' then return 'conversation_closed' end
if ARGV[4] ~= '' then
  local target = ARGV[3] .. ARGV[4] .. ':active'
  if tonumber(ARGV[6]) > 0 and redis.call('SCARD', target) >= tonumber(ARGV[6]) then return 'limit_reached' end
  redis.call('SREM', ARGV[3] .. ARGV[2] .. ':active', ARGV[1])
  redis.call('SADD', target, ARGV[1])
  redis.call('HSET', KEYS[1], 'counsellor', ARGV[4], 'claimed_at', ARGV[7])
else
  redis.call('SREM', ARGV[3] .. ARGV[2] .. ':active', ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[1], 'counsellor')
  redis.call('HSET', KEYS[1], 'status', 'queued', 'queue', ARGV[5], 'queue_override', ARGV[5])
  local queued_at = tonumber(redis.call('HGET', KEYS[1], 'queued_at') or ARGV[7])
  redis.call('ZADD', KEYS[2], tonumber(ARGV[8]) + queued_at, ARGV[1])
end
redis.call('INCR', KEYS[4])
return 'ok'
"""

# KEYS: conv, queue, queue_version; ARGV: cid, new score, field, value, ...
_TRIAGE = """
if not redis.call('EXISTS', KEYS[1]) then return 0 end
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call('HGET', KEYS[1], 'status') == 'queued' then
  redis.call('ZADD', KEYS[2], 'XX', tonumber(ARGV[2]), ARGV[1])
end
redis.call('INCR', KEYS[3])
return 1
"""


class StoreError(Exception):
    """A refused operation; `code` is the protocol's error code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Message:
    conversation_id: str
    seq: int
    sender: str
    text: str
    ts: float
    author: str = ""

    @property
    def id(self) -> str:
        return f"{self.conversation_id}:{self.seq}"

    def wire(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "id": self.id,
            "seq": self.seq,
            "sender": self.sender,
            "text": self.text,
            "ts": self.ts,
        }


@dataclass(frozen=True)
class Appended:
    message: Message
    duplicate: bool
    became_queued: bool


def now_ms() -> int:
    return int(time.time() * 1000)


def queue_score(urgency: str, queued_at_ms: int) -> int:
    return URGENCY_BAND.get(urgency, URGENCY_BAND["normal"]) * BAND_WIDTH + queued_at_ms


def as_text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else value


@dataclass
class _PendingAppend:
    keys: list[str]
    args: list[str | int]
    message: Message
    future: asyncio.Future[Appended]


class ConversationStore:
    def __init__(self, redis: Redis, vault: Vault) -> None:
        self.redis = redis
        self.vault = vault
        self._append_sha: str | None = None
        self._claim = redis.register_script(_CLAIM)
        self._close = redis.register_script(_CLOSE)
        self._transfer = redis.register_script(_TRANSFER)
        self._triage = redis.register_script(_TRIAGE)
        self._pending: list[_PendingAppend] = []
        self._flusher: asyncio.Task[None] | None = None
        # Called, in commit order, for every newly stored message before its sender is acknowledged.
        self.on_commit: Callable[[Appended], Awaitable[None]] | None = None

    # -- conversations -------------------------------------------------------------------------

    async def create(self, about: str = "", lang: str = "") -> tuple[str, str]:
        cid = new_id()
        resume_token = new_token()
        wrapped = self.vault.new_wrapped_key(cid)
        initial_queue = {"other": "witness", "professional": "professional"}.get(about, "youth")
        pipe = self.redis.pipeline(transaction=True)
        pipe.hset(
            keys.conversation(cid),
            mapping={
                "status": "new",
                "created": str(time.time()),
                "dek": wrapped,
                "resume": token_hash(resume_token),
                "about": about,
                "lang": lang,
                "queue": initial_queue,
                "urgency": "normal",
            },
        )
        pipe.set(keys.resume(token_hash(resume_token)), cid)
        pipe.zadd(keys.FRESH, {cid: time.time()})
        await pipe.execute()
        return cid, resume_token

    async def find_by_resume_token(self, resume_token: str) -> str | None:
        cid = await self.redis.get(keys.resume(token_hash(resume_token)))
        return as_text(cid) or None

    async def get(self, cid: str) -> dict[str, str] | None:
        raw = await self.redis.hgetall(keys.conversation(cid))
        if not raw:
            return None
        return {as_text(k): as_text(v) for k, v in raw.items()}

    async def get_many(self, cids: list[str], fields: list[str]) -> list[dict[str, str] | None]:
        if not cids:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for cid in cids:
            pipe.hmget(keys.conversation(cid), fields)
        rows = await pipe.execute()
        out: list[dict[str, str] | None] = []
        for row in rows:
            if row[0] is None:
                out.append(None)
            else:
                out.append({f: as_text(v) for f, v in zip(fields, row, strict=True)})
        return out

    async def update_fields(self, cid: str, fields: dict[str, str]) -> None:
        await self.redis.hset(keys.conversation(cid), mapping=fields)

    async def _cipher(self, cid: str) -> Any:
        try:
            return self.vault.cipher(cid, None)
        except KeyDestroyed:
            wrapped = as_text(await self.redis.hget(keys.conversation(cid), "dek"))
            return self.vault.cipher(cid, wrapped or None)

    # -- messages ------------------------------------------------------------------------------

    async def append(
        self, cid: str, sender: str, text: str, client_id: str, author: str = "", require_counsellor: str = ""
    ) -> Appended:
        try:
            aead = await self._cipher(cid)
        except KeyDestroyed:
            # No such conversation (or its key is gone): the same answer as someone else's.
            raise StoreError("not_found") from None
        ts = time.time()
        entry: dict[str, Any] = {"s": sender, "t": self.vault.seal(aead, cid, text), "ts": ts}
        if author:
            entry["a"] = author
        stamp = now_ms()
        pending = _PendingAppend(
            keys=[
                keys.conversation(cid),
                keys.messages(cid),
                keys.client_ids(cid),
                keys.QUEUE,
                keys.QUEUE_VERSION,
            ],
            args=[
                cid,
                f"{sender}:{client_id}",
                orjson.dumps(entry).decode(),
                sender,
                stamp,
                URGENCY_BAND["normal"] * BAND_WIDTH,
                require_counsellor,
            ],
            message=Message(cid, 0, sender, text, ts, author),
            future=asyncio.get_running_loop().create_future(),
        )
        self._pending.append(pending)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.ensure_future(self._flush())
        return await pending.future

    async def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                results = await self._execute_appends(batch)
                if any(isinstance(r, NoScriptError) for r in results):
                    # Redis restarted or its scripts were flushed: nothing ran; load and run again.
                    self._append_sha = await self.redis.script_load(_APPEND)
                    results = await self._execute_appends(batch)
            except Exception:  # Redis down: nobody is acknowledged, the clients retry
                for item in batch:
                    if not item.future.done():
                        item.future.set_exception(StoreError("unavailable"))
                continue
            for item, result in zip(batch, results, strict=True):
                await self._settle(item, result)

    async def _execute_appends(self, batch: list[_PendingAppend]) -> list[Any]:
        if self._append_sha is None:
            self._append_sha = await self.redis.script_load(_APPEND)
        pipe = self.redis.pipeline(transaction=False)
        # EVALSHA by hand rather than through redis-py's Script: this is the hottest call we make.
        for item in batch:
            pipe.execute_command("EVALSHA", self._append_sha, 5, *item.keys, *item.args)
        results: list[Any] = await pipe.execute(raise_on_error=False)
        return results

    async def _settle(self, item: _PendingAppend, result: Any) -> None:
        if isinstance(result, Exception) or not isinstance(result, list):
            item.future.set_exception(StoreError("unavailable"))
            return
        status = as_text(result[0])
        if status == "err":
            item.future.set_exception(StoreError(as_text(result[1])))
            return
        base = item.message
        appended = Appended(
            message=Message(base.conversation_id, int(result[1]), base.sender, base.text, base.ts, base.author),
            duplicate=status == "dup",
            became_queued=bool(int(result[2])),
        )
        if not appended.duplicate and self.on_commit is not None:
            try:
                await self.on_commit(appended)
            except Exception:  # live delivery is best effort; the message is stored and will be fetched
                log.exception("live delivery failed")
        if not item.future.done():
            item.future.set_result(appended)

    async def history(self, cid: str, after_seq: int = 0, limit: int = 1000) -> list[Message]:
        raw = await self.redis.lrange(keys.messages(cid), max(after_seq, 0), max(after_seq, 0) + limit - 1)
        if not raw:
            return []
        aead = await self._cipher(cid)
        out = []
        for offset, blob in enumerate(raw):
            entry = orjson.loads(blob)
            out.append(
                Message(
                    cid,
                    after_seq + offset + 1,
                    entry["s"],
                    self.vault.open(aead, cid, entry["t"]),
                    entry["ts"],
                    entry.get("a", ""),
                )
            )
        return out

    # -- sealed side lists: notes, whispers ----------------------------------------------------

    async def add_sealed(self, list_key: str, cid: str, record: dict[str, Any]) -> dict[str, Any]:
        aead = await self._cipher(cid)
        text = str(record.pop("text"))
        stored = dict(record, t=self.vault.seal(aead, cid, text))
        await self.redis.rpush(list_key, orjson.dumps(stored))
        return dict(record, text=text)

    async def read_sealed(self, list_key: str, cid: str) -> list[dict[str, Any]]:
        raw = await self.redis.lrange(list_key, 0, -1)
        if not raw:
            return []
        aead = await self._cipher(cid)
        out = []
        for blob in raw:
            entry = orjson.loads(blob)
            sealed = entry.pop("t")
            entry["text"] = self.vault.open(aead, cid, sealed)
            out.append(entry)
        return out

    # -- queue and ownership -------------------------------------------------------------------

    async def claim(self, cid: str, user: str, limit: int) -> str:
        result = await self._claim(
            keys=[
                keys.conversation(cid),
                keys.QUEUE,
                keys.user_active(user),
                keys.ACTIVE,
                keys.QUEUE_VERSION,
            ],
            args=[cid, user, limit, now_ms()],
        )
        return as_text(result)

    async def close(self, cid: str, required_counsellor: str, fields: dict[str, str]) -> str:
        args: list[str | int | float] = [cid, time.time(), required_counsellor, f"{keys.PREFIX}user:"]
        for name, value in fields.items():
            args += [name, value]
        result = await self._close(
            keys=[keys.conversation(cid), keys.QUEUE, keys.ACTIVE, keys.CLOSED, keys.QUEUE_VERSION], args=args
        )
        return as_text(result)

    async def transfer(
        self, cid: str, from_user: str, to_user: str, to_queue: str, limit: int, urgency: str = "normal"
    ) -> str:
        band_base = URGENCY_BAND.get(urgency, URGENCY_BAND["normal"]) * BAND_WIDTH
        result = await self._transfer(
            keys=[keys.conversation(cid), keys.QUEUE, keys.ACTIVE, keys.QUEUE_VERSION],
            args=[cid, from_user, f"{keys.PREFIX}user:", to_user, to_queue, limit, now_ms(), band_base],
        )
        return as_text(result)

    async def set_triage(self, cid: str, urgency: str, fields: dict[str, str]) -> None:
        conv = await self.redis.hget(keys.conversation(cid), "queued_at")
        queued_at = int(as_text(conv) or now_ms())
        args: list[str | int] = [cid, queue_score(urgency, queued_at)]
        for name, value in fields.items():
            args += [name, value]
        await self._triage(keys=[keys.conversation(cid), keys.QUEUE, keys.QUEUE_VERSION], args=args)

    async def waiting(self) -> list[tuple[str, int]]:
        rows = await self.redis.zrange(keys.QUEUE, 0, -1, withscores=True)
        return [(as_text(cid), int(score)) for cid, score in rows]

    async def active_of(self, user: str) -> list[str]:
        return sorted(as_text(c) for c in await self.redis.smembers(keys.user_active(user)))

    async def queue_version(self) -> int:
        return int(as_text(await self.redis.get(keys.QUEUE_VERSION)) or 0)

    async def destroy_key(self, cid: str) -> None:
        """Retention: forget the data key; the sealed texts stay as unreadable noise until deleted."""
        self.vault.forget(cid)
        await self.redis.hdel(keys.conversation(cid), "dek")
