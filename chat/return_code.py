"""The return code: a short code a person can copy by hand to come back to their conversation
(docs/protocol.md, "Return code"; docs/operations.md, "Return codes").

Why this shape: 15 characters of Crockford's base 32 (75 bits, above the required 64), sent as one
string of at most 16 characters and shown by the widget in three groups of five ("K7M2Q 9XRTB 4HWNP").
Letters and digits rather than words: the widget is used in seven languages, and a word list would be
Dutch or English to most of them; characters are the same for everyone, and the forgiving reading of
chat/continuity.py (case, spaces, dashes, O for 0, I and L for 1) makes a copying slip harmless.

Before the first message nothing is stored (chat/tokens.py, PendingConversations): the code is then
derived from the resume token's hash with a key derived from the master key, so the same widget gets
the same code on every reconnect. When the conversation is stored, the code's SHA-256 becomes the way
in (`keys.return_code`), and the code itself is sealed with the conversation's data key (so `session`
can show it again; it survives a master-key rotation as the messages do). Retention deletes both with
the resume token.

Coming back with the code gives the conversation a fresh resume token: the old one stops working (the
code "moves" the conversation to this browser). Guessing is slowed per connection and helpline-wide
(`HELPLINE_RETURN_CODE_TRIES_PER_MINUTE` wrong codes), but a right code always opens: at 75 bits and a
few thousand live conversations, a guesser with a thousand tries a second for a year hits one with a
chance of about one in a hundred million, while a limit that refused right codes too let anyone keep
every visitor out.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Any, NoReturn

from redis.asyncio import Redis

from chat import keys
from chat.continuity import ALPHABET
from chat.continuity import normalise as normalise_code
from chat.errors import ErrorCode, HelplineError
from chat.records import as_text
from chat.store import ConversationStore
from chat.tokens import new_token, token_hash

log = logging.getLogger(__name__)

CODE_CHARS = 15  # 15 x 5 = 75 bits
GROUP = 5
SEALED_FIELD = "return_code"  # the code, sealed with the conversation's data key
HASH_FIELD = "rc"  # its SHA-256, plain, so retention can delete the way in
TRIES_WINDOW_S = 60

# KEYS: conversation, old resume key, new resume key; ARGV: old resume hash, new resume hash, cid.
# Moves the conversation's one way in to the new token, unless another resume moved it first (0: retry).
_MOVE_TOKEN = """
if redis.call('HGET', KEYS[1], 'resume') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[1], 'resume', ARGV[2])
return 1
"""


def normalise(code: Any) -> str | None:
    """The code as stored (15 characters), read as forgivingly as a personal code is."""
    return normalise_code(code, CODE_CHARS)


def grouped(code: str) -> str:
    """For people: three groups of five."""
    return " ".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(code: str) -> str:
    return token_hash(code)


class ReturnCodes:
    def __init__(self, redis: Redis, store: ConversationStore, secret: bytes, tries_per_minute: int) -> None:
        self.redis = redis
        self.store = store
        self._secret = secret
        self.tries_per_minute = tries_per_minute
        self._move = redis.register_script(_MOVE_TOKEN)

    def derive(self, resume_hash: str) -> str:
        """The code of a conversation opened with this resume token (by its hash)."""
        digest = hmac.new(self._secret, b"return code:" + resume_hash.encode(), hashlib.sha256).digest()
        bits = int.from_bytes(digest[:10], "big") >> (80 - 5 * CODE_CHARS)
        return "".join(ALPHABET[(bits >> (5 * (CODE_CHARS - 1 - i))) & 31] for i in range(CODE_CHARS))

    async def register(self, cid: str, resume_hash: str) -> str:
        """At the first message: the code becomes a way in (by its hash) and is sealed in the record."""
        code = self.derive(resume_hash)
        digest = code_hash(code)
        pipe = self.redis.pipeline(transaction=True)
        pipe.set(keys.return_code(digest), cid)
        pipe.hset(keys.conversation(cid), HASH_FIELD, digest)
        await pipe.execute()
        await self.store.set_private(cid, SEALED_FIELD, code)
        return code

    async def code_of(self, cid: str, stored: bool, resume_hash: str) -> str:
        """The code `session` shows: sealed in the record once stored, else derived from the token."""
        if not stored:
            return self.derive(resume_hash)
        sealed = await self.store.private(cid, SEALED_FIELD)
        if sealed:
            return sealed
        # Stored before return codes existed (or the first message's step failed half-way): make it now,
        # unless retention has already destroyed the conversation's key.
        record = await self.store.get(cid)
        if record is None or not record.wrapped_key or not record.resume_hash:
            return ""
        return await self.register(cid, record.resume_hash)

    async def _refuse_wrong(self) -> NoReturn:
        """A wrong code: `bad_return_code`, or `rate_limited` once more than `tries_per_minute` wrong codes
        were tried in this minute window, helpline-wide (over all processes and connections).

        Only wrong codes count, and a right code is never refused here: a guesser who keeps the limit
        exhausted (two connects a second did it) would otherwise keep every visitor from typing their own
        code (an attacker's report). What bounds guessing is the code's 75 bits, five tries per connection
        and what the server can answer (docs/operations.md, "Return codes")."""
        if self.tries_per_minute > 0:
            now = time.time()
            key = keys.return_code_tries(int(now // TRIES_WINDOW_S))
            pipe = self.redis.pipeline(transaction=False)
            pipe.incr(key)
            pipe.expire(key, 2 * TRIES_WINDOW_S)
            count, _ = await pipe.execute()
            if int(count) == self.tries_per_minute + 1:
                log.warning("more than %d wrong return codes tried this minute: someone may be guessing",
                            self.tries_per_minute)
            if int(count) > self.tries_per_minute:
                raise HelplineError(ErrorCode.RATE_LIMITED, "too many return codes tried; try again in a minute",
                                    retry_after_s=round(TRIES_WINDOW_S - now % TRIES_WINDOW_S + 0.5, 1))
        raise HelplineError(ErrorCode.BAD_RETURN_CODE)

    async def resume(self, code: Any) -> tuple[str, str]:
        """A fresh resume token for the conversation this code opens, and that conversation's id. `bad_return_code` for any other
        string, `rate_limited` for one past the helpline-wide limit of wrong codes."""
        normal = normalise(code)
        cid = as_text(await self.redis.get(keys.return_code(code_hash(normal)))) if normal else ""
        if not cid:
            await self._refuse_wrong()
        token = new_token()
        new_hash = token_hash(token)
        for _ in range(3):  # another resume of the same conversation may move the token in between
            old_hash = as_text(await self.redis.hget(keys.conversation(cid), "resume"))
            if not old_hash:
                raise HelplineError(ErrorCode.BAD_RETURN_CODE)  # gone since the lookup
            moved = await self._move(keys=[keys.conversation(cid), keys.resume(old_hash), keys.resume(new_hash)],
                                     args=[old_hash, new_hash, cid])
            if int(moved):
                return token, cid
        raise HelplineError(ErrorCode.UNAVAILABLE)
