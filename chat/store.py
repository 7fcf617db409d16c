"""The conversation store: the only code that reads or writes a conversation's data in Redis
(docs/operations.md, "Data in Redis"; key names in chat/keys.py, encodings in chat/records.py).

Every state change that must be atomic across server processes (append a message and enqueue on the
first one, claim, transfer, close, a triage result) is one Lua script, and every script names all the
keys it touches in KEYS. Message appends are group-committed: all the appends that arrive while one
Redis round trip is in flight go out together in the next pipeline, in arrival order, so the hot path
costs a fraction of a round trip per message, and messages are acknowledged only after Redis has them.

Refusals are raised as `HelplineError` with the protocol's code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

import orjson
from cryptography.exceptions import InvalidTag
from redis.asyncio import Redis
from redis.exceptions import NoScriptError, ResponseError

from chat import keys
from chat.crypto import KeyDestroyed, Vault
from chat.errors import ErrorCode, HelplineError
from chat.records import ConversationRecord, as_text, encode_bool, now_ms
from chat.tokens import token_hash
from chat.wire import MessageWire
from vocabulary import Status, Urgency, queue_for_about

log = logging.getLogger(__name__)

URGENCY_BAND: dict[str, int] = {Urgency.ACUTE: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2, Urgency.LOW: 3}
# Triage jobs kept at most (about) this many: a stopped worker for a day at a busy helpline. Older
# jobs are dropped; their conversations are triaged again at their next visitor message.
TRIAGE_JOBS_CAP = 100_000
# Queue score = band * BAND_WIDTH + queued-at in ms: lower is served first (urgency, then waiting time).
# A flood conversation (chat/flood.py) adds its `flood` field, the ms it sorts later, in every script that
# scores it (append, transfer, triage, raise acute).
BAND_WIDTH = 10**13

# KEYS: conv, resume key; ARGV: cid, created ms, wrapped key, resume hash, about, lang, queue, urgency,
# flood defer ms ('' for a conversation admitted under the cap)
# Creating twice (two tabs sending their first message at once) keeps the first.
_CREATE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'status', 'new', 'created', ARGV[2], 'dek', ARGV[3], 'resume', ARGV[4],
           'about', ARGV[5], 'lang', ARGV[6], 'queue', ARGV[7], 'urgency', ARGV[8])
if ARGV[9] ~= '' then redis.call('HSET', KEYS[1], 'flood', ARGV[9]) end
redis.call('SET', KEYS[2], ARGV[1])
return 1
"""

# KEYS: conv, msgs, client ids, queue, queue_version, triage jobs stream, triage jobs of waiting conversations
# ARGV: cid, sender:client_id, sealed entry, sender, now_ms, normal band base, required counsellor ('' none),
#       most messages a visitor may add to (0: no cap), triage job stream cap (0: triage off)
# A visitor message's triage job is added in the same script, so a stored message always has its job,
# exactly once: a retried duplicate returns before it (chat/triage_worker.py reads the stream).
_APPEND = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return {'err', 'not_found'} end
if ARGV[7] ~= '' and redis.call('HGET', KEYS[1], 'counsellor') ~= ARGV[7] then return {'err', 'not_found'} end
local seen = redis.call('HGET', KEYS[3], ARGV[2])
if seen then return {'dup', tonumber(seen), 0} end
if st == 'closed' then return {'err', 'conversation_closed'} end
local cap = tonumber(ARGV[8])
if ARGV[4] == 'visitor' and cap > 0 and redis.call('LLEN', KEYS[2]) >= cap then return {'err', 'conversation_full'} end
local seq = redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[2], seq)
local queued = 0
if st == 'new' and ARGV[4] == 'visitor' then
  redis.call('HSET', KEYS[1], 'status', 'queued', 'queued_at', ARGV[5])
  local defer = tonumber(redis.call('HGET', KEYS[1], 'flood')) or 0
  redis.call('ZADD', KEYS[4], tonumber(ARGV[6]) + tonumber(ARGV[5]) + defer, ARGV[1])
  redis.call('INCR', KEYS[5])
  queued = 1
end
if ARGV[4] == 'visitor' and tonumber(ARGV[9]) > 0 then
  if st == 'new' or st == 'queued' then
    redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[9], '*', 'c', ARGV[1], 's', seq)
  else
    redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[9], '*', 'c', ARGV[1], 's', seq)
  end
end
return {'ok', seq, queued}
"""

# KEYS: conv, queue, counsellor's active set, active, queue_version; ARGV: cid, user, limit, now_ms
_CLAIM = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if st ~= 'queued' then return 'not_waiting' end
if tonumber(ARGV[3]) > 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[3]) then return 'limit_reached' end
redis.call('ZREM', KEYS[2], ARGV[1])
local queued_at = tonumber(redis.call('HGET', KEYS[1], 'queued_at') or ARGV[4])
local wait_s = math.max(0, math.floor((tonumber(ARGV[4]) - queued_at) / 1000))
redis.call('HSET', KEYS[1], 'status', 'active', 'counsellor', ARGV[2], 'claimed_at', ARGV[4], 'wait_s', wait_s)
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('INCR', KEYS[5])
return 'ok'
"""

# KEYS: conv, queue, active, closed, queue_version, active set of the counsellor who has it (read before)
# ARGV: cid, now_ms, required counsellor ('' for the visitor), counsellor who has it ('' none), field, value...
# 'retry': the conversation changed hands between the read and the script; the caller reads again.
_CLOSE = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
local c = redis.call('HGET', KEYS[1], 'counsellor') or ''
if ARGV[3] ~= '' and c ~= ARGV[3] and redis.call('HGET', KEYS[1], 'last_counsellor') ~= ARGV[3] then
  return 'not_found'
end
if st == 'closed' then
  -- the visitor left first: the counsellor still records outcome, tags and notes, once
  if ARGV[3] == '' or redis.call('HEXISTS', KEYS[1], 'outcome') == 1 then return 'conversation_closed' end
  for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
  return 'ok'
end
if c ~= ARGV[4] then return 'retry' end
if c ~= '' then
  redis.call('SREM', KEYS[6], ARGV[1])
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

# KEYS: conv, queue, active, queue_version, from user's active set, to user's active set (to a queue:
# the from user's again, untouched); ARGV: cid, from user, to_user ('' for a queue), to_queue, limit,
# now_ms, band base
_TRANSFER = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st or redis.call('HGET', KEYS[1], 'counsellor') ~= ARGV[2] then return 'not_found' end
if st ~= 'active' then return 'conversation_closed' end
redis.call('SREM', KEYS[5], ARGV[1])
if ARGV[3] ~= '' then
  if tonumber(ARGV[5]) > 0 and redis.call('SCARD', KEYS[6]) >= tonumber(ARGV[5]) then
    redis.call('SADD', KEYS[5], ARGV[1])
    return 'limit_reached'
  end
  redis.call('SADD', KEYS[6], ARGV[1])
  redis.call('HSET', KEYS[1], 'counsellor', ARGV[3], 'claimed_at', ARGV[6])
else
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('HDEL', KEYS[1], 'counsellor')
  redis.call('HSET', KEYS[1], 'status', 'queued', 'queue', ARGV[4], 'queue_override', ARGV[4])
  local queued_at = tonumber(redis.call('HGET', KEYS[1], 'queued_at') or ARGV[6])
  redis.call('ZADD', KEYS[2], tonumber(ARGV[7]) + queued_at + (tonumber(redis.call('HGET', KEYS[1], 'flood')) or 0), ARGV[1])
end
redis.call('INCR', KEYS[4])
return 'ok'
"""

# KEYS: conv, queue, queue_version; ARGV: cid, normal band base, seq read, field, value, ...
# The queue score follows the new urgency, from the stored queued-at (or now, if not queued yet).
# A result computed on fewer messages than the stored one is dropped: with several triage workers, an
# older result can arrive after a newer one.
_TRIAGE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if tonumber(ARGV[3]) < tonumber(redis.call('HGET', KEYS[1], 'triage_seq') or '0') then return 0 end
redis.call('HSET', KEYS[1], 'triage_seq', ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
-- Raised to acute by a counsellor or a safe word (chat/acute.py): triage never lowers it.
local band = tonumber(ARGV[2])
if redis.call('HEXISTS', KEYS[1], 'acute_counsellor') == 1 or redis.call('HEXISTS', KEYS[1], 'acute_safe_word') == 1 then
  redis.call('HSET', KEYS[1], 'urgency', 'acute')
  band = 0
end
-- Only a waiting conversation's result changes what the queue views show; bumping the version for
-- every result of an active one made every process rebuild every queue view (docs/benchmarks.md).
if redis.call('HGET', KEYS[1], 'status') == 'queued' then
  local queued_at = tonumber(redis.call('HGET', KEYS[1], 'queued_at') or '0')
  redis.call('ZADD', KEYS[2], 'XX', band + queued_at + (tonumber(redis.call('HGET', KEYS[1], 'flood')) or 0), ARGV[1])
  redis.call('INCR', KEYS[3])
end
return 1
"""

# KEYS: conv, queue, queue_version; ARGV: cid, reason (counsellor | safe_word), now_ms
# Raises a conversation to acute and pins it there (chat/acute.py): first in the queue, never lowered by
# triage. Returns 1 when this told anyone something new (it became acute, or this reason is new), 0 when
# not, -1 for a closed or unknown conversation.
_RAISE_ACUTE = """
local st = redis.call('HGET', KEYS[1], 'status')
if not st or st == 'closed' then return -1 end
local news = 0
if redis.call('HGET', KEYS[1], 'urgency') ~= 'acute' then news = 1 end
if redis.call('HSETNX', KEYS[1], 'acute_' .. ARGV[2], ARGV[3]) == 1 then news = 1 end
redis.call('HSETNX', KEYS[1], 'acute_by', ARGV[2])
redis.call('HSETNX', KEYS[1], 'acute_at', ARGV[3])
redis.call('HSET', KEYS[1], 'urgency', 'acute')
if st == 'queued' then
  local queued_at = tonumber(redis.call('HGET', KEYS[1], 'queued_at') or ARGV[3])
  redis.call('ZADD', KEYS[2], 'XX', queued_at + (tonumber(redis.call('HGET', KEYS[1], 'flood')) or 0), ARGV[1])
end
if news == 1 then redis.call('INCR', KEYS[3]) end
return news
"""

# KEYS: conv, queue_version; ARGV: now_ms. Marks a waiting acute conversation escalated, once: with
# several processes exactly one wins (1) and tells people; the others get 0.
_ESCALATE = """
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' or redis.call('HGET', KEYS[1], 'urgency') ~= 'acute' then
  return 0
end
if redis.call('HSETNX', KEYS[1], 'escalated_at', ARGV[1]) == 0 then return 0 end
redis.call('INCR', KEYS[2])
return 1
"""


# Record fields that can name a place or an organisation: stored sealed (chat/crypto.py, seal_field) as
# `<name>_sealed`. A plain `<name>` written by an older version is still read, and sealed by `upgrade`.
SEALED_FIELDS = ("tags", "referral")


def sealed_name(name: str) -> str:
    return f"{name}_sealed"


@dataclass(frozen=True)
class Message:
    conversation_id: str
    seq: int
    sender: str  # visitor | counsellor | system
    text: str
    ts: float  # seconds: the wire's `ts` (docs/protocol.md)
    author: str = ""

    @property
    def id(self) -> str:
        return f"{self.conversation_id}:{self.seq}"

    def wire(self) -> MessageWire:
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


def queue_band(urgency: str) -> int:
    return URGENCY_BAND.get(urgency, URGENCY_BAND[Urgency.NORMAL]) * BAND_WIDTH


def _texts(rows: Any) -> list[str]:
    """Members of a sorted-set range (redis-py types them loosely)."""
    return [as_text(r) for r in rows]


def _refusal(result: Any) -> None:
    """Scripts answer 'ok' or an error code."""
    code = as_text(result)
    if code != "ok":
        raise HelplineError(code)


@dataclass
class _PendingAppend:
    keys: list[str]
    args: list[str | int]
    message: Message
    future: asyncio.Future[Appended]


OnCommit = Callable[[Appended], Awaitable[None]]


class MasterKeyMismatch(Exception):
    """This Redis holds data sealed with another master key."""


class ConversationStore:
    def __init__(self, redis: Redis, vault: Vault, on_commit: OnCommit | None = None, triage_jobs: bool = False,
                 wait_replicas: int = 0, wait_timeout_ms: int = 500, max_messages: int = 0) -> None:
        self.redis = redis
        # Add a triage job for every new visitor message (chat/triage_worker.py); off when triage is off.
        self._triage_cap = TRIAGE_JOBS_CAP if triage_jobs else 0
        self.vault = vault
        # With replicas (docs/operations.md, "High availability"): each append pipeline ends with
        # WAIT, so a batch is acknowledged only once that many replicas have it and a failover to one
        # of them loses nothing acknowledged.
        self.wait_replicas = wait_replicas
        self.wait_timeout_ms = wait_timeout_ms
        self._short_of_replicas_logged = 0.0
        # A visitor's message is refused (conversation_full) once a conversation holds this many; 0: never.
        self.max_messages = max_messages
        # Called, in commit order, for every newly stored message before its sender is acknowledged
        # (live delivery, chat/delivery.py).
        self.on_commit = on_commit
        self._append_sha: str | None = None
        self._create = redis.register_script(_CREATE)
        self._claim = redis.register_script(_CLAIM)
        self._close = redis.register_script(_CLOSE)
        self._transfer = redis.register_script(_TRANSFER)
        self._triage = redis.register_script(_TRIAGE)
        self._raise_acute = redis.register_script(_RAISE_ACUTE)
        self._escalate = redis.register_script(_ESCALATE)
        self._pending: list[_PendingAppend] = []
        self._flusher: asyncio.Task[None] | None = None

    # -- conversations -------------------------------------------------------------------------

    async def create(
        self, cid: str, resume_hash: str, about: str = "", lang: str = "", flood_defer_ms: int | None = None
    ) -> None:
        """Store a conversation (at its first message: chat/tokens.py, PendingConversations). Idempotent.
        `flood_defer_ms`: admitted during a flood (chat/flood.py), sorted this much later in the queue."""
        wrapped, aead = self.vault.new_wrapped_key(cid)
        created = await self._create(
            keys=[keys.conversation(cid), keys.resume(resume_hash)],
            args=[cid, now_ms(), wrapped, resume_hash, about, lang, queue_for_about(about), Urgency.NORMAL,
                  "" if flood_defer_ms is None else max(0, int(flood_defer_ms))],
        )
        # Two first messages at once (two tabs, or a script): the one stored first made the key, and
        # only that key may ever seal this conversation's texts; the other is dropped unused.
        if int(created):
            self.vault.remember(cid, aead)

    async def count_new(self, now_s: float, ttl_s: int) -> int:
        """Count a new conversation (a first message) in its minute, helpline-wide; returns how many that
        minute has had, this one included (chat/flood.py decides what that means)."""
        key = keys.admitted(int(now_s // 60))
        pipe = self.redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, ttl_s)
        count, _ = await pipe.execute()
        return int(count)

    async def new_counts(self, now_s: float, minutes: int) -> list[int]:
        """The first messages counted in each of the last `minutes` minutes (this one first)."""
        minute = int(now_s // 60)
        raw = await self.redis.mget([keys.admitted(minute - n) for n in range(minutes)])
        return [int(as_text(v) or 0) for v in raw]

    async def find_by_resume_token(self, resume_token: str) -> str | None:
        cid = await self.redis.get(keys.resume(token_hash(resume_token)))
        return as_text(cid) or None

    async def get(self, cid: str) -> ConversationRecord | None:
        raw = await self.redis.hgetall(keys.conversation(cid))
        if not raw:
            return None
        return ConversationRecord.from_hash(cid, self._open_fields(cid, {as_text(k): as_text(v) for k, v in raw.items()}))

    async def get_many(self, cids: list[str], fields: list[str]) -> list[ConversationRecord | None]:
        """Only `fields` of each record are read; the others keep their defaults. None: no such one."""
        if not cids:
            return []
        fields = ["status", *fields, *(sealed_name(f) for f in SEALED_FIELDS if f in fields)]
        pipe = self.redis.pipeline(transaction=False)
        for cid in cids:
            pipe.hmget(keys.conversation(cid), fields)
        out: list[ConversationRecord | None] = []
        for cid, row in zip(cids, await pipe.execute(), strict=True):
            if row[0] is None:
                out.append(None)
            else:
                raw = {f: as_text(v) for f, v in zip(fields, row, strict=True) if v is not None}
                out.append(ConversationRecord.from_hash(cid, self._open_fields(cid, raw)))
        return out

    def _seal_fields(self, cid: str, fields: dict[str, str]) -> dict[str, str]:
        out = dict(fields)
        for name in SEALED_FIELDS:
            value = out.pop(name, None)
            if value not in (None, "", "[]"):
                out[sealed_name(name)] = self.vault.seal_field(cid, name, value)
        return out

    def _open_fields(self, cid: str, raw: dict[str, str]) -> dict[str, str]:
        for name in SEALED_FIELDS:
            sealed = raw.pop(sealed_name(name), "")
            if sealed:
                try:
                    raw[name] = self.vault.open_field(cid, name, sealed)
                except (InvalidTag, ValueError):  # not ours (a master key mix-up): shown as empty
                    log.error("a conversation's %s could not be opened with this master key", name)
                    raw.pop(name, None)
        return raw

    async def set_profile(self, cid: str, fields: dict[str, str]) -> None:
        """The visitor's own answers (about, lang, and the queue that follows from them)."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(keys.conversation(cid), mapping=cast("dict[Any, Any]", fields))
        pipe.incr(keys.QUEUE_VERSION)
        await pipe.execute()

    async def set_fields(self, cid: str, fields: dict[str, str]) -> None:
        """Plain record fields that change nothing in the queue (the consult line's codes, a link id)."""
        if fields:
            await self.redis.hset(keys.conversation(cid), mapping=cast("dict[Any, Any]", fields))

    async def delete_fields(self, cids: list[str], *names: str) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for cid in cids:
            pipe.hdel(keys.conversation(cid), *names)
        await pipe.execute()

    async def set_private(self, cid: str, name: str, value: str) -> None:
        """A record field sealed with the conversation's data key (the device token's hash): readable as
        long as the messages are, unreadable once retention destroys that key."""
        aead = await self._cipher(cid)
        await self.redis.hset(keys.conversation(cid), name, self.vault.seal(aead, f"{cid}/{name}", value))

    async def private(self, cid: str, name: str) -> str | None:
        """A field written by `set_private`; None when absent or no longer readable."""
        sealed = as_text(await self.redis.hget(keys.conversation(cid), name))
        if not sealed:
            return None
        try:
            return self.vault.open(await self._cipher(cid), f"{cid}/{name}", sealed)
        except (KeyDestroyed, InvalidTag, ValueError):
            return None

    async def mark_started(self, cid: str, offline: bool) -> None:
        """After the first visitor message: statistics and whether it came while the service was closed."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(keys.conversation(cid), "offline", encode_bool(offline))
        pipe.zadd(keys.STARTED, {cid: now_ms()}, nx=True)  # a retried first message keeps the first time
        pipe.zrem(keys.FRESH, cid)
        await pipe.execute()

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
            raise HelplineError(ErrorCode.NOT_FOUND) from None
        ts = time.time()
        entry: dict[str, Any] = {"s": sender, "t": self.vault.seal(aead, cid, text), "ts": ts}
        if author:
            entry["a"] = author
        pending = _PendingAppend(
            keys=[keys.conversation(cid), keys.messages(cid), keys.client_ids(cid), keys.QUEUE, keys.QUEUE_VERSION,
                  keys.TRIAGE_JOBS, keys.TRIAGE_JOBS_WAITING],
            args=[
                cid,
                f"{sender}:{client_id}",
                orjson.dumps(entry).decode(),
                sender,
                now_ms(),
                queue_band(Urgency.NORMAL),
                require_counsellor,
                self.max_messages,
                self._triage_cap,
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
                        item.future.set_exception(HelplineError(ErrorCode.UNAVAILABLE))
                continue
            for item, result in zip(batch, results, strict=True):
                await self._settle(item, result)

    async def _execute_appends(self, batch: list[_PendingAppend]) -> list[Any]:
        if self._append_sha is None:
            self._append_sha = await self.redis.script_load(_APPEND)
        pipe = self.redis.pipeline(transaction=False)
        # EVALSHA by hand rather than through redis-py's Script: this is the hottest call we make.
        for item in batch:
            pipe.execute_command("EVALSHA", self._append_sha, len(item.keys), *item.keys, *item.args)
        if self.wait_replicas:
            pipe.execute_command("WAIT", self.wait_replicas, self.wait_timeout_ms)
        results: list[Any] = await pipe.execute(raise_on_error=False)
        if self.wait_replicas:
            self._check_replicated(results.pop())
        return results

    def _check_replicated(self, acked: Any) -> None:
        """Fewer replicas than asked within the timeout: the batch is acknowledged anyway. It is on the
        primary and its append-only file, and with no replica in sync there is nothing to fail over to
        that could lose it; refusing would stop the helpline for as long as a replica is away."""
        if isinstance(acked, Exception):
            raise acked  # nobody is acknowledged; the clients retry (an idempotent duplicate)
        if int(acked) < self.wait_replicas and time.monotonic() - self._short_of_replicas_logged > 60:
            self._short_of_replicas_logged = time.monotonic()
            log.warning("messages acknowledged with %s of %s replicas in sync (HELPLINE_REDIS_WAIT_REPLICAS); "
                        "check the replicas", int(acked), self.wait_replicas)

    async def _settle(self, item: _PendingAppend, result: Any) -> None:
        if isinstance(result, Exception) or not isinstance(result, list):
            item.future.set_exception(HelplineError(ErrorCode.UNAVAILABLE))
            return
        status = as_text(result[0])
        if status == "err":
            item.future.set_exception(HelplineError(as_text(result[1])))
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

    async def add_note(self, cid: str, record: dict[str, Any]) -> dict[str, Any]:
        """An internal note (never shown to the visitor); `record["text"]` is sealed."""
        return await self._add_sealed(keys.notes(cid), cid, record)

    async def notes(self, cid: str) -> list[dict[str, Any]]:
        return await self._read_sealed(keys.notes(cid), cid)

    async def add_whisper(self, cid: str, record: dict[str, Any]) -> dict[str, Any]:
        """A supervisor's whisper to the counsellor; never shown to the visitor, never in a transcript."""
        return await self._add_sealed(keys.whispers(cid), cid, record)

    async def whispers(self, cid: str) -> list[dict[str, Any]]:
        return await self._read_sealed(keys.whispers(cid), cid)

    async def _add_sealed(self, list_key: str, cid: str, record: dict[str, Any]) -> dict[str, Any]:
        aead = await self._cipher(cid)
        text = str(record.pop("text"))
        stored = dict(record, t=self.vault.seal(aead, cid, text))
        await self.redis.rpush(list_key, orjson.dumps(stored))
        return dict(record, text=text)

    async def _read_sealed(self, list_key: str, cid: str) -> list[dict[str, Any]]:
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

    # -- triage feedback -----------------------------------------------------------------------

    async def set_feedback(self, cid: str, code: str, record: dict[str, Any]) -> None:
        await self.redis.hset(keys.feedback(cid), code, orjson.dumps(record))

    async def feedback(self, cid: str) -> dict[str, str]:
        """Signal code -> verdict (confirm, reject, add)."""
        out: dict[str, str] = {}
        for code, value in (await self.redis.hgetall(keys.feedback(cid))).items():
            try:
                verdict = orjson.loads(value).get("verdict")
            except (orjson.JSONDecodeError, AttributeError):
                continue
            if isinstance(verdict, str):
                out[as_text(code)] = verdict
        return out

    async def with_feedback(self) -> list[str]:
        """Conversations that have triage feedback (for export)."""
        found = [as_text(k) async for k in self.redis.scan_iter(match=keys.feedback("*"), count=500)]
        return [k[k.index("{") + 1:-1] for k in found]

    # -- queue and ownership -------------------------------------------------------------------

    async def claim(self, cid: str, user: str, limit: int) -> None:
        _refusal(await self._claim(
            keys=[keys.conversation(cid), keys.QUEUE, keys.user_active(user), keys.ACTIVE, keys.QUEUE_VERSION],
            args=[cid, user, limit, now_ms()],
        ))

    async def close(self, cid: str, required_counsellor: str, fields: dict[str, str]) -> None:
        """Close (visitor: required_counsellor ""), or record a counsellor's outcome after the visitor left."""
        fields = self._seal_fields(cid, fields)
        for _ in range(5):
            holder = as_text(await self.redis.hget(keys.conversation(cid), "counsellor"))
            args: list[str | int] = [cid, now_ms(), required_counsellor, holder]
            for name, value in fields.items():
                args += [name, value]
            result = as_text(await self._close(
                keys=[keys.conversation(cid), keys.QUEUE, keys.ACTIVE, keys.CLOSED, keys.QUEUE_VERSION,
                      keys.user_active(holder)],  # holder "": a key the script does not touch
                args=args,
            ))
            if result != "retry":
                _refusal(result)
                return
        raise HelplineError(ErrorCode.UNAVAILABLE, "the conversation kept changing hands; retry")

    async def transfer(
        self, cid: str, from_user: str, to_user: str, to_queue: str, limit: int, urgency: str = Urgency.NORMAL
    ) -> None:
        _refusal(await self._transfer(
            keys=[keys.conversation(cid), keys.QUEUE, keys.ACTIVE, keys.QUEUE_VERSION, keys.user_active(from_user),
                  keys.user_active(to_user or from_user)],
            args=[cid, from_user, to_user, to_queue, limit, now_ms(), queue_band(urgency)],
        ))

    async def set_triage(self, cid: str, urgency: str, fields: dict[str, str], seq: int = 0) -> bool:
        """Store a triage result computed on the messages up to `seq`; False if a newer one is stored."""
        args: list[str | int] = [cid, queue_band(urgency), seq]
        for name, value in fields.items():
            args += [name, value]
        return bool(await self._triage(keys=[keys.conversation(cid), keys.QUEUE, keys.QUEUE_VERSION], args=args))

    # -- acute danger (chat/acute.py) -----------------------------------------------------------

    async def raise_acute(self, cid: str, reason: str) -> int:
        """Pin a conversation at acute (reason: counsellor | safe_word). 1: news, 0: nothing new, -1: closed."""
        return int(await self._raise_acute(keys=[keys.conversation(cid), keys.QUEUE, keys.QUEUE_VERSION],
                                           args=[cid, reason, now_ms()]))

    async def note_acute(self, cid: str, reason: str) -> bool:
        """Remember when (and why) a conversation first became acute; True only the first time."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hsetnx(keys.conversation(cid), "acute_at", now_ms())
        pipe.hsetnx(keys.conversation(cid), "acute_by", reason)
        first, _ = await pipe.execute()
        return bool(first)

    async def escalate(self, cid: str) -> bool:
        """Mark a waiting acute conversation escalated; True for the one process that did it."""
        return bool(await self._escalate(keys=[keys.conversation(cid), keys.QUEUE_VERSION], args=[now_ms()]))

    async def waiting(self) -> list[tuple[str, int]]:
        rows = cast("list[tuple[bytes, float]]", await self.redis.zrange(keys.QUEUE, 0, -1, withscores=True))
        return [(as_text(cid), int(score)) for cid, score in rows]

    async def active(self) -> list[str]:
        return sorted(as_text(c) for c in await self.redis.smembers(keys.ACTIVE))

    async def active_of(self, user: str) -> list[str]:
        return sorted(as_text(c) for c in await self.redis.smembers(keys.user_active(user)))

    async def check_master_key(self) -> None:
        """Refuse to run on data sealed with another master key: a lost, replaced or mistyped key would
        otherwise leave every earlier conversation unreadable, with only `InvalidTag` in the log."""
        expected = self.vault.key_check()
        await self.redis.set(keys.KEY_CHECK, expected, nx=True)  # the first start records it
        stored = as_text(await self.redis.get(keys.KEY_CHECK))
        if stored.startswith(keys.KEY_CHECK_ROTATING):
            raise MasterKeyMismatch(
                "a master key rotation was started on this Redis and has not finished. Run `python -m chat "
                "keys rotate` again, with the same keys, to finish it. (docs/operations.md, \"Rotating the "
                "master key\")"
            )
        if stored != expected:
            raise MasterKeyMismatch(
                "this Redis holds conversations sealed with a different master key. Restore the key that "
                "belongs to this data (HELPLINE_MASTER_KEY, or master.key in HELPLINE_DATA_DIR), or point "
                "REDIS_URL / HELPLINE_DATA_DIR at the data that belongs to this key. Nothing was changed. "
                "(docs/operations.md, \"Keys and encryption at rest\")"
            )

    async def upgrade(self) -> None:
        """Data written before 2026-11-29, made current; idempotent, and safe with several processes.

        - a conversation's keys without the `{<cid>}` hash tag are renamed to their tagged names;
        - sorted-set scores in seconds become milliseconds;
        - tags and referral stored in the clear are sealed (before 2026-11-30).
        """
        untagged = f"{keys.PREFIX}conv:"
        async for raw in self.redis.scan_iter(match=untagged + "*", count=1000):
            name = as_text(raw)
            cid = name[len(untagged):]
            if "{" in cid:
                continue
            for kind, new in zip(keys.CONVERSATION_KINDS, keys.conversation_keys(cid), strict=True):
                with contextlib.suppress(ResponseError):  # gone, or another process renamed it first
                    await self.redis.renamenx(f"{keys.PREFIX}{kind}:{cid}", new)
        for key in (keys.CLOSED, keys.STARTED, keys.FRESH):
            old = cast("list[tuple[bytes, float]]",
                       await self.redis.zrangebyscore(key, "-inf", 10**11 - 1, withscores=True))
            if old:
                await self.redis.zadd(key, {member: int(score * 1000) for member, score in old})
        await self._seal_plain_fields()

    async def _seal_plain_fields(self) -> None:
        batch: list[str] = []

        async def seal(names: list[str]) -> None:
            pipe = self.redis.pipeline(transaction=False)
            for name in names:
                pipe.hmget(name, list(SEALED_FIELDS))
            changes = self.redis.pipeline(transaction=False)
            for name, row in zip(names, await pipe.execute(), strict=True):
                plain = {field: as_text(v) for field, v in zip(SEALED_FIELDS, row, strict=True) if v is not None}
                if plain:
                    sealed = self._seal_fields(keys.cid_of_conversation(name), plain)
                    if sealed:
                        changes.hset(name, mapping=cast("dict[Any, Any]", sealed))
                    changes.hdel(name, *plain)
            if len(changes):
                await changes.execute()

        async for raw in self.redis.scan_iter(match=keys.CONVERSATIONS, count=1000):
            batch.append(as_text(raw))
            if len(batch) >= 500:
                await seal(batch)
                batch = []
        if batch:
            await seal(batch)

    async def queue_version(self) -> int:
        return int(as_text(await self.redis.get(keys.QUEUE_VERSION)) or 0)

    async def bump_queue_version(self) -> None:
        """Tell every process to reload the queue (e.g. the number of counsellors online changed)."""
        await self.redis.incr(keys.QUEUE_VERSION)

    # -- closed conversations: review and retention ---------------------------------------------

    async def is_closed(self, cid: str) -> bool:
        return await self.redis.zscore(keys.CLOSED, cid) is not None

    async def closed_between(self, start_ms: float | str, end_ms: float | str, limit: int) -> list[str]:
        """Newest first."""
        return _texts(await self.redis.zrevrangebyscore(keys.CLOSED, end_ms, start_ms, start=0, num=limit))

    async def closed_before(self, cutoff_ms: float) -> list[str]:
        return _texts(await self.redis.zrangebyscore(keys.CLOSED, "-inf", cutoff_ms))

    async def started_since(self, since_ms: float) -> list[str]:
        return _texts(await self.redis.zrangebyscore(keys.STARTED, since_ms, "+inf"))

    async def started_between(self, start_ms: float, end_ms: float) -> list[str]:
        """Conversations that entered the queue at or after start_ms and before end_ms (chat/report.py)."""
        return _texts(await self.redis.zrangebyscore(keys.STARTED, start_ms, f"({end_ms}"))

    async def count_started_between(self, start_ms: float, end_ms: float) -> int:
        """How many `started_between` would return, without reading them (ZCOUNT)."""
        return int(await self.redis.zcount(keys.STARTED, start_ms, f"({end_ms}"))

    async def fresh_before(self, cutoff_ms: float) -> list[str]:
        """Conversations opened before the cutoff in which nothing was ever sent."""
        return _texts(await self.redis.zrangebyscore(keys.FRESH, "-inf", cutoff_ms))

    async def save_transcript(self, cid: str, sealed: str) -> None:
        await self.redis.set(keys.transcript(cid), sealed)

    async def transcript(self, cid: str) -> str | None:
        raw = await self.redis.get(keys.transcript(cid))
        return as_text(raw) if raw is not None else None

    async def destroy_key(self, cid: str) -> None:
        """Retention: forget the data key; the sealed texts stay as unreadable noise until deleted."""
        self.vault.forget(cid)
        await self.redis.hdel(keys.conversation(cid), "dek")

    async def destroy_texts(self, cid: str, resume_hash: str) -> None:
        """Retention: the sealed texts, the client ids and the way back in (resume token)."""
        doomed = [keys.messages(cid), keys.notes(cid), keys.whispers(cid), keys.client_ids(cid)]
        if resume_hash:
            doomed.append(keys.resume(resume_hash))
        doomed += await self._return_code_keys(cid)
        await self.redis.delete(*doomed)

    async def _return_code_keys(self, cid: str) -> list[str]:
        """The return code's way in (chat/return_code.py), which goes with the resume token."""
        digest = as_text(await self.redis.hget(keys.conversation(cid), "rc"))
        return [keys.return_code(digest)] if digest else []

    async def rewrite_append_only_file(self, timeout_s: float = 600.0) -> bool:
        """Have Redis rewrite its append-only file and wait until it has: deleted values (a destroyed
        wrapped key) otherwise stay in the file, as the original writes, until Redis rewrites it on
        its own. False when Redis keeps no append-only file or the rewrite failed (logged)."""
        try:
            info = await self.redis.info("persistence")
            if not int(info.get("aof_enabled", 0)):
                return False
            # A rewrite already running copies the data as it was when it began, destroyed keys and
            # all: let it finish, then start one of our own.
            if not await self._aof_rewrite_settled(info, timeout_s):
                return False
            try:
                await self.redis.bgrewriteaof()
            except ResponseError as exc:
                # Another process started one since we looked: it began after our deletes, so it will do.
                if "already in progress" not in str(exc):
                    raise
            if not await self._aof_rewrite_settled(None, timeout_s):
                return False
        except Exception:
            log.exception("could not rewrite Redis's append-only file; destroyed keys stay in it until Redis does")
            return False
        return True

    async def _aof_rewrite_settled(self, info: dict[str, Any] | None, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while True:
            if info is None:
                info = await self.redis.info("persistence")
            if not int(info.get("aof_rewrite_in_progress", 0)) and not int(info.get("aof_rewrite_scheduled", 0)):
                if info.get("aof_last_bgrewrite_status", "ok") != "ok":
                    log.error("Redis's last append-only file rewrite failed (see Redis's log)")
                    return False
                return True
            if time.monotonic() > deadline:
                log.error("Redis's append-only file rewrite did not finish within %.0f s", timeout_s)
                return False
            info = None
            await asyncio.sleep(0.1)

    async def forget_unused(self, cid: str) -> None:
        """A widget opened without a message sent: nothing to keep."""
        record = await self.get(cid)
        if record is not None and record.status == Status.NEW:
            doomed = [keys.conversation(cid)] + ([keys.resume(record.resume_hash)] if record.resume_hash else [])
            doomed += await self._return_code_keys(cid)
            await self.redis.delete(*doomed)
        await self.redis.zrem(keys.FRESH, cid)

    async def forget_closed(self, cid: str) -> None:
        """End of review retention: nothing of the conversation is left."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.delete(keys.transcript(cid), keys.conversation(cid), keys.feedback(cid))
        pipe.zrem(keys.CLOSED, cid)
        pipe.zrem(keys.STARTED, cid)
        await pipe.execute()
