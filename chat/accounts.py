"""Staff accounts and login tokens.

Passwords are hashed with argon2id (memory-hard, argon2-cffi's defaults: 64 MiB, 3 passes), login
tokens are 256 random bits stored only as SHA-256 with an expiry, so Redis's files let nobody log in.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from redis.asyncio import Redis

from chat import keys
from chat.errors import ErrorCode, HelplineError
from chat.records import as_text, now_ms
from chat.tokens import new_token, token_hash
from vocabulary import QUEUES

# Login throttle, per user name (never per address: not even staff addresses are kept). After
# FREE_FAILURES wrong passwords every further attempt waits, doubling from FIRST_LOCK_S up to MAX_LOCK_S;
# attempts while locked are refused unchecked. A right password resets it; a quiet day forgets it.
FREE_FAILURES = 5
FIRST_LOCK_S = 30
MAX_LOCK_S = 15 * 60
FAILURES_KEPT_S = 86400

# KEYS: the name's throttle hash; ARGV: now_ms, FREE_FAILURES, FIRST_LOCK_S, MAX_LOCK_S, FAILURES_KEPT_S.
# Counts the attempt before its password is checked, and from the FREE_FAILURES-th attempt on locks the
# name while it is checked: a burst of parallel guesses gets one check, not one each. Returns the time
# until which the name is locked, or 0 (go ahead).
_ATTEMPT = """
local locked_until = tonumber(redis.call('HGET', KEYS[1], 'until_ms') or '0')
if locked_until > tonumber(ARGV[1]) then return locked_until end
local n = redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if n >= tonumber(ARGV[2]) then
  local lock = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ (n - tonumber(ARGV[2])))
  redis.call('HSET', KEYS[1], 'until_ms', tonumber(ARGV[1]) + lock * 1000)
end
return 0
"""

ROLES = ("counsellor", "supervisor", "admin")
SKILLS = QUEUES  # a skill is a queue the account takes
USERNAME_MAX = 64

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    skills: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    @property
    def is_supervisor(self) -> bool:
        return self.role in {"supervisor", "admin"}

    def public(self) -> dict[str, object]:
        return {"username": self.username, "role": self.role, "skills": self.skills, "languages": self.languages}


def valid_username(name: str) -> bool:
    return 0 < len(name) <= USERNAME_MAX and all(c.isalnum() or c in "._-" for c in name)


class Accounts:
    def __init__(self, redis: Redis, login_ttl_s: int) -> None:
        self.redis = redis
        self.login_ttl_s = login_ttl_s
        self._attempt = redis.register_script(_ATTEMPT)

    async def add(
        self, username: str, password: str, role: str, skills: list[str] | None = None,
        languages: list[str] | None = None,
    ) -> Account:
        if not valid_username(username):
            raise ValueError("username: 1-64 letters, digits, '.', '_' or '-'")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < 8:
            raise ValueError("password: at least 8 characters")
        unknown = set(skills or []) - set(SKILLS)
        if unknown:
            raise ValueError(f"unknown skills {sorted(unknown)}; known: {', '.join(SKILLS)}")
        account = Account(username, role, list(skills or []), [lang.lower() for lang in languages or []])
        await self.redis.hset(
            keys.user(username),
            mapping={
                "role": role,
                "password": await asyncio.to_thread(_hasher.hash, password),
                "skills": ",".join(account.skills),
                "languages": ",".join(account.languages),
                "created": str(time.time()),
                # Logins carry this stamp; a new one (password, role or skills changed) ends them all.
                "stamp": secrets.token_hex(8),
            },
        )
        await self.redis.sadd(keys.USERS, username)
        await self.redis.incr(keys.STAFF_VERSION)
        return account

    async def remove(self, username: str) -> bool:
        removed = await self.redis.delete(keys.user(username))
        await self.redis.srem(keys.USERS, username)
        await self.redis.incr(keys.STAFF_VERSION)
        return bool(removed)

    async def get(self, username: str) -> Account | None:
        raw = await self.redis.hgetall(keys.user(username))
        if not raw:
            return None
        row = {as_text(k): as_text(v) for k, v in raw.items()}
        return Account(
            username,
            row.get("role", "counsellor"),
            [s for s in row.get("skills", "").split(",") if s],
            [s for s in row.get("languages", "").split(",") if s],
        )

    async def list(self) -> list[Account]:
        names = sorted(as_text(n) for n in await self.redis.smembers(keys.USERS))
        accounts = [await self.get(n) for n in names]
        return [a for a in accounts if a is not None]

    async def login(self, username: str, password: str) -> tuple[str, Account] | None:
        """A new login token, or None for a wrong name or password (the same answer for both).
        Raises `rate_limited` while the name is throttled, for existing and unknown names alike."""
        name = username if valid_username(username) else ""
        throttle = keys.login_failures(name or "-")
        until_ms = int(await self._attempt(
            keys=[throttle], args=[now_ms(), FREE_FAILURES, FIRST_LOCK_S, MAX_LOCK_S, FAILURES_KEPT_S]))
        if until_ms:
            raise HelplineError(ErrorCode.RATE_LIMITED, "too many failed logins; wait before trying again",
                                retry_after_s=max(1.0, (until_ms - now_ms()) / 1000))
        stored = as_text(await self.redis.hget(keys.user(name), "password")) if name else ""
        try:
            # argon2 takes tens of ms of CPU by design: keep it off the event loop.
            await asyncio.to_thread(_hasher.verify, stored or _DUMMY_HASH, password)
            verified = bool(stored)
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified:
            return None  # counted (and locked from the FREE_FAILURES-th) before the check
        await self.redis.delete(throttle)
        account = await self.get(username)
        if account is None:
            return None
        token = new_token()
        stamp = as_text(await self.redis.hget(keys.user(username), "stamp"))
        await self.redis.set(keys.login(token_hash(token)), f"{username}:{stamp}", ex=self.login_ttl_s)
        return token, account

    async def authenticate(self, token: object) -> Account | None:
        if not isinstance(token, str) or not 16 <= len(token) <= 128:
            return None
        bound = as_text(await self.redis.get(keys.login(token_hash(token))))
        username, _, stamp = bound.partition(":")
        if not username:
            return None
        current = as_text(await self.redis.hget(keys.user(username), "stamp"))
        if stamp != current:
            return None  # the password, role or skills changed since this login (or the account is gone)
        return await self.get(username)

    async def logout(self, token: str) -> None:
        await self.redis.delete(keys.login(token_hash(token)))
        await self.redis.incr(keys.STAFF_VERSION)

    async def staff_version(self) -> int:
        return int(as_text(await self.redis.get(keys.STAFF_VERSION)) or 0)
