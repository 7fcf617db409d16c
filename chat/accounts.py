"""Staff accounts and login tokens.

Passwords are hashed with argon2id (memory-hard, argon2-cffi's defaults: 64 MiB, 3 passes), login
tokens are 256 random bits stored only as SHA-256 with an expiry, so Redis's files let nobody log in.

Second factor: TOTP (RFC 6238, 30-second codes, pyotp). The secret is stored sealed (AES-256-GCM under a
key derived from the master key, the account name as associated data) and each code is accepted once:
the account keeps the last time step used, and a code of that step or an earlier one is refused.
Logins, failures, logouts and account changes go to the audit log (chat/audit.py).
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from redis.asyncio import Redis

from chat import keys
from chat.audit import CLI_ACTOR, Action, Audit
from chat.crypto import Vault
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

# KEYS: the account's hash; ARGV: the time step of a code that matched. Accepts each step once, and
# none older than the last one used, so a code seen over someone's shoulder cannot be replayed.
_USE_STEP = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local last = tonumber(redis.call('HGET', KEYS[1], 'totp_last') or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('HSET', KEYS[1], 'totp_last', ARGV[1])
return 1
"""

TOTP_ISSUER = "Helpline"
TOTP_DIGITS = 6
# Codes of the step before and after now are accepted too: phones' clocks drift.
TOTP_WINDOW = 1

ROLES = ("counsellor", "supervisor", "admin")
# Roles that see the supervisor pages (the board, transcripts, reports, reviews).
SUPERVISING_ROLES = frozenset({"supervisor", "admin"})
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
    # False once an admin deactivated the account: it cannot log in, and its logins have ended.
    active: bool = True

    @property
    def is_supervisor(self) -> bool:
        return self.role in SUPERVISING_ROLES

    def public(self) -> dict[str, object]:
        return {"username": self.username, "role": self.role, "skills": self.skills, "languages": self.languages}


PASSWORD_MIN = 8
PASSWORD_MAX = 1024  # the login refuses longer ones unchecked
LANGUAGE_MAX = 8  # an ISO 639 code, with room for a region


def valid_username(name: str) -> bool:
    return 0 < len(name) <= USERNAME_MAX and all(c.isalnum() or c in "._-" for c in name)


def _check_password(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ValueError(f"password: at least {PASSWORD_MIN} characters")


def _check_skills(skills: list[str]) -> None:
    unknown = set(skills) - set(SKILLS)
    if unknown:
        raise ValueError(f"unknown skills {sorted(unknown)}; known: {', '.join(SKILLS)}")


def _languages(languages: list[str]) -> list[str]:
    out = [lang.strip().lower() for lang in languages if lang.strip()]
    bad = [lang for lang in out if len(lang) > LANGUAGE_MAX or not all(c.isalpha() or c == "-" for c in lang)]
    if bad:
        raise ValueError(f"languages: ISO 639-1 codes such as nl, en, fr (not {', '.join(bad)})")
    return list(dict.fromkeys(out))


def _totp_cipher(vault: Vault) -> AESGCM:
    return AESGCM(vault.derive(b"totp secrets"))


def _seal_secret(cipher: AESGCM, username: str, secret: str) -> str:
    # The same sealing as every text (chat/crypto.py), bound to the account's name.
    return Vault.seal(cipher, "totp:" + username, secret)


def _open_secret(cipher: AESGCM, username: str, sealed: str) -> str:
    return Vault.open(cipher, "totp:" + username, sealed)


def matching_step(secret: str, otp: str, at: float | None = None) -> int | None:
    """The time step whose code `otp` is (now, or one step either side), else None."""
    if len(otp) != TOTP_DIGITS or not otp.isascii() or not otp.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=TOTP_DIGITS)
    now = int((time.time() if at is None else at) // totp.interval)
    found = None
    for step in range(now - TOTP_WINDOW, now + TOTP_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), otp):
            found = step  # no early exit: the same work for every code
    return found


async def totp_secret_of(redis: Redis, vault: Vault, username: str) -> str | None:
    """The enrolled secret of one account (for checks after a key rotation); None if not enrolled."""
    sealed = as_text(await redis.hget(keys.user(username), "totp"))
    return _open_secret(_totp_cipher(vault), username, sealed) if sealed else None


async def reseal_totp_secrets(redis: Redis, old: Vault, new: Vault) -> int:
    """Re-seal every enrolled account's TOTP secret under a new master key (for a key rotation);
    returns how many were re-sealed."""
    old_cipher, new_cipher = _totp_cipher(old), _totp_cipher(new)
    count = 0
    for raw_name in await redis.smembers(keys.USERS):
        name = as_text(raw_name)
        sealed = as_text(await redis.hget(keys.user(name), "totp"))
        if sealed:
            try:
                _open_secret(new_cipher, name, sealed)
                continue  # already moved by an interrupted earlier run of the rotation
            except (InvalidTag, ValueError):
                pass
            secret = _open_secret(old_cipher, name, sealed)
            await redis.hset(keys.user(name), "totp", _seal_secret(new_cipher, name, secret))
            count += 1
    return count


class Accounts:
    def __init__(
        self, redis: Redis, login_ttl_s: int, *, vault: Vault | None = None, require_2fa: Iterable[str] = (),
        audit: Audit | None = None,
    ) -> None:
        self.redis = redis
        self.login_ttl_s = login_ttl_s
        # Roles that may not log in before they have a second factor (HELPLINE_REQUIRE_2FA).
        self.require_2fa = frozenset(require_2fa)
        self.audit = audit if audit is not None else Audit(redis)
        self._totp = _totp_cipher(vault) if vault is not None else None
        self._attempt = redis.register_script(_ATTEMPT)
        self._use_step = redis.register_script(_USE_STEP)

    async def add(
        self, username: str, password: str, role: str, skills: list[str] | None = None,
        languages: list[str] | None = None, actor: str = CLI_ACTOR,
    ) -> Account:
        existed = bool(await self.redis.exists(keys.user(username)))
        if not valid_username(username) or not (existed or username.isascii()):
            # New names are ASCII: "аda" with a Cyrillic а would read as "ada" in lists and the audit log.
            raise ValueError("username: 1-64 ASCII letters, digits, '.', '_' or '-'")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        _check_password(password)
        _check_skills(skills or [])
        account = Account(username, role, list(skills or []), _languages(languages or []))
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
        await self.redis.hdel(keys.user(username), "disabled")  # `user add` for a name re-activates it
        await self.redis.sadd(keys.USERS, username)
        await self.redis.incr(keys.STAFF_VERSION)
        await self.audit.record(actor, Action.ACCOUNT_UPDATE if existed else Action.ACCOUNT_ADD, username)
        return account

    async def remove(self, username: str, actor: str = CLI_ACTOR) -> bool:
        removed = await self.redis.delete(keys.user(username))
        await self.redis.srem(keys.USERS, username)
        await self.redis.incr(keys.STAFF_VERSION)
        if removed:
            await self.audit.record(actor, Action.ACCOUNT_REMOVE, username)
        return bool(removed)

    # -- changes from the admin page (chat/admin_api.py) -------------------------------------------

    async def update(
        self, username: str, *, role: str | None = None, skills: list[str] | None = None,
        languages: list[str] | None = None, actor: str = CLI_ACTOR,
    ) -> Account:
        """Change role, skills or languages, keeping the password. A new role ends the account's logins
        (what it may see changes); new skills or languages do not: the sockets pick them up within a
        second (chat/revocation.py), so a counsellor keeps their conversations."""
        current = await self.get(username)
        if current is None:
            raise ValueError(f"no account {username!r}")
        fields: dict[str, str] = {}
        if role is not None and role != current.role:
            if role not in ROLES:
                raise ValueError(f"role must be one of {', '.join(ROLES)}")
            fields["role"] = role
            fields["stamp"] = secrets.token_hex(8)
        if skills is not None:
            _check_skills(skills)
            fields["skills"] = ",".join(dict.fromkeys(skills))
        if languages is not None:
            fields["languages"] = ",".join(_languages(languages))
        if fields:
            await self.redis.hset(keys.user(username), mapping=cast("dict[Any, Any]", fields))
            await self.redis.incr(keys.STAFF_VERSION)
            await self.audit.record(actor, Action.ACCOUNT_UPDATE, username)
        updated = await self.get(username)
        assert updated is not None
        return updated

    async def set_password(self, username: str, password: str, actor: str = CLI_ACTOR) -> None:
        """A new password (an admin's reset); the account's logins end."""
        _check_password(password)
        if not await self.redis.exists(keys.user(username)):
            raise ValueError(f"no account {username!r}")
        digest = await asyncio.to_thread(_hasher.hash, password)
        await self.redis.hset(keys.user(username), mapping={"password": digest, "stamp": secrets.token_hex(8)})
        await self.redis.delete(keys.login_failures(username))  # a reset also lifts the throttle
        await self.redis.incr(keys.STAFF_VERSION)
        await self.audit.record(actor, Action.ACCOUNT_PASSWORD, username)

    async def set_active(self, username: str, active: bool, actor: str = CLI_ACTOR) -> None:
        """Deactivate (logins end, no new ones) or re-activate an account; its data stays as it was."""
        if not await self.redis.exists(keys.user(username)):
            raise ValueError(f"no account {username!r}")
        if active:
            await self.redis.hdel(keys.user(username), "disabled")
        else:
            await self.redis.hset(keys.user(username), mapping={"disabled": "1", "stamp": secrets.token_hex(8)})
        await self.redis.incr(keys.STAFF_VERSION)
        await self.audit.record(actor, Action.ACCOUNT_ACTIVATE if active else Action.ACCOUNT_DEACTIVATE, username)

    # -- second factor ---------------------------------------------------------------------------

    def _cipher(self) -> AESGCM:
        if self._totp is None:
            raise RuntimeError("Accounts was made without the vault: TOTP secrets cannot be sealed or read")
        return self._totp

    async def enrol_totp(self, username: str, actor: str = CLI_ACTOR) -> str:
        """A new TOTP secret for the account (replacing any earlier one); returns the otpauth:// URI for
        the authenticator app. Ends the account's logins, as a password change does."""
        if not await self.redis.exists(keys.user(username)):
            raise ValueError(f"no account {username!r}")
        secret = pyotp.random_base32()  # 160 bits, as RFC 4226 recommends
        await self.redis.hset(keys.user(username), mapping={
            "totp": _seal_secret(self._cipher(), username, secret), "totp_last": "-1",
            "stamp": secrets.token_hex(8)})
        await self.redis.incr(keys.STAFF_VERSION)
        await self.audit.record(actor, Action.ACCOUNT_TOTP_ENROL, username)
        return pyotp.TOTP(secret, digits=TOTP_DIGITS).provisioning_uri(name=username, issuer_name=TOTP_ISSUER)

    async def remove_totp(self, username: str, actor: str = CLI_ACTOR) -> bool:
        if not await self.redis.hdel(keys.user(username), "totp", "totp_last"):
            return False
        await self.redis.hset(keys.user(username), "stamp", secrets.token_hex(8))
        await self.redis.incr(keys.STAFF_VERSION)
        await self.audit.record(actor, Action.ACCOUNT_TOTP_REMOVE, username)
        return True

    async def has_totp(self, username: str) -> bool:
        return bool(await self.redis.hexists(keys.user(username), "totp"))

    async def _otp_ok(self, username: str, sealed: str, otp: str) -> bool:
        try:
            secret = _open_secret(self._cipher(), username, sealed)
        except (InvalidTag, ValueError) as exc:
            # Sealed under another master key (a rotation that skipped reseal_totp_secrets): a clear
            # message for the operator, `unavailable` for the client.
            raise RuntimeError(f"the TOTP secret of account {username!r} cannot be opened with this master key; "
                               "enrol it again (python -m chat user totp NAME)") from exc
        step = matching_step(secret, otp)
        return step is not None and bool(await self._use_step(keys=[keys.user(username)], args=[step]))

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
            active=row.get("disabled", "") != "1",
        )

    async def list(self) -> list[Account]:
        names = sorted(as_text(n) for n in await self.redis.smembers(keys.USERS))
        accounts = [await self.get(n) for n in names]
        return [a for a in accounts if a is not None]

    async def login(self, username: str, password: str, otp: str | None = None) -> tuple[str, Account] | None:
        """A new login token, or None for a wrong name, password or code (the same answer for all).
        Raises `rate_limited` while the name is throttled, for existing and unknown names alike; and, only
        once the password was right, `otp_required` when the account has a second factor and no code
        came, or `otp_enrolment_required` when its role needs one and it has none yet. Every attempt
        counts in the throttle until a login succeeds, so codes are guessed no faster than passwords."""
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
            # Counted (and locked from the FREE_FAILURES-th) before the check. Only names of accounts
            # reach the audit log; others are counted (chat/audit.py).
            if stored:
                await self.audit.record(name, Action.LOGIN_FAILED)
            else:
                await self.audit.unknown_name_failed()
            return None
        account = await self.get(name)
        if account is None:
            return None
        if not account.active:
            # The same answer as a wrong password: a deactivated account is not told apart.
            await self.audit.record(name, Action.LOGIN_DEACTIVATED)
            return None
        sealed = as_text(await self.redis.hget(keys.user(name), "totp"))
        if sealed:
            if not otp:
                raise HelplineError(ErrorCode.OTP_REQUIRED)
            if not await self._otp_ok(name, sealed, otp):
                await self.audit.record(name, Action.LOGIN_FAILED_OTP)
                return None
        elif account.role in self.require_2fa:
            await self.audit.record(name, Action.LOGIN_NEEDS_ENROLMENT)
            raise HelplineError(ErrorCode.OTP_ENROLMENT_REQUIRED)
        await self.redis.delete(throttle)
        token = new_token()
        stamp = as_text(await self.redis.hget(keys.user(name), "stamp"))
        await self.redis.set(keys.login(token_hash(token)), f"{name}:{stamp}", ex=self.login_ttl_s)
        await self.audit.record(name, Action.LOGIN)
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
        account = await self.get(username)
        if account is not None and not account.active:
            return None
        if account is not None and account.role in self.require_2fa and not await self.has_totp(username):
            return None  # made before this role needed a second factor (an upgrade): not good enough now
        return account

    async def logout(self, token: str) -> None:
        bound = as_text(await self.redis.getdel(keys.login(token_hash(token)))) if 16 <= len(token) <= 128 else ""
        await self.redis.incr(keys.STAFF_VERSION)
        if bound:
            await self.audit.record(bound.partition(":")[0], Action.LOGOUT)

    async def staff_version(self) -> int:
        return int(as_text(await self.redis.get(keys.STAFF_VERSION)) or 0)
