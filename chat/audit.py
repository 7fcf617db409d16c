"""The audit log: who did what to which conversation or account, and when (docs/operations.md, "Audit log").

An append-only Redis stream (`hl:audit`); the entry id is the time in milliseconds. Each entry holds
three short fields and nothing else:

    actor   the staff name ("cli" for the command line; "" for a name that does not exist)
    action  a code from `Action`
    target  a conversation id, an account name, a settings list, or a count (see `Action`)

Never message text, notes or whispers, never an IP address or user agent. Entries older than
HELPLINE_AUDIT_RETENTION_DAYS are trimmed on every write and every read (XADD/XTRIM MINID).

Failed logins for names that do not exist are not written one by one: an attacker could otherwise
fill the log with names of their choosing. They are counted, and at most one entry a minute says how
many there were (actor "", target = the count); reading the log writes out the count still pending.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from chat import keys
from chat.errors import ErrorCode, HelplineError
from chat.records import as_text, now_ms

DAY_MS = 86_400_000
FIELD_MAX = 64  # names are at most 64 characters, conversation ids 32
LIMIT_DEFAULT = 100
LIMIT_MAX = 1000
UNKNOWN_NAMES_EVERY_MS = 60_000
CLI_ACTOR = "cli"

_BEFORE = re.compile(r"^\d{1,15}(-\d{1,19})?$")

# KEYS: the pending counter, the "written lately" marker; ARGV: the interval in ms. Counts one failure
# for an unknown name; returns how many to write now (0: wait, the count stays pending).
_UNKNOWN = """
local n = redis.call('INCR', KEYS[1])
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', tonumber(ARGV[1])) then
  redis.call('DEL', KEYS[1])
  return n
end
return 0
"""


class Action(StrEnum):
    LOGIN = "login"  # target ""
    LOGIN_FAILED = "login.failed"  # wrong password for an existing account
    LOGIN_FAILED_OTP = "login.failed_otp"  # right password, wrong or reused authenticator code
    LOGIN_FAILED_UNKNOWN = "login.failed_unknown"  # actor "", target: how many failures for unknown names
    LOGIN_NEEDS_ENROLMENT = "login.needs_enrolment"  # right password, but the role needs 2FA first
    LOGIN_DEACTIVATED = "login.deactivated"  # right password, but an admin deactivated the account
    LOGOUT = "logout"
    TRANSCRIPT_VIEW = "transcript.view"  # target: conversation id
    MONITOR = "monitor"  # a supervisor watches a live conversation; target: conversation id
    UNMONITOR = "unmonitor"
    WHISPER = "whisper"  # target: conversation id (the text is not logged)
    CLAIM = "claim"  # a counsellor takes a waiting conversation
    TRANSFER = "transfer"  # target: conversation id
    ASSIGN = "assign"  # a supervisor gave a waiting conversation to a counsellor; target: conversation id
    EXPORT_FEEDBACK = "export.feedback"  # target: number of conversations exported
    ACCOUNT_ADD = "account.add"  # target: account name
    ACCOUNT_UPDATE = "account.update"  # `user add` for an existing name (password, role, skills ...)
    ACCOUNT_REMOVE = "account.remove"
    ACCOUNT_PASSWORD = "account.password"  # an admin set a new password
    ACCOUNT_DEACTIVATE = "account.deactivate"
    ACCOUNT_ACTIVATE = "account.activate"
    ACCOUNT_TOTP_ENROL = "account.totp_enrol"
    ACCOUNT_TOTP_REMOVE = "account.totp_remove"
    CANNED_UPDATE = "settings.canned"  # target "canned"
    DIRECTORY_UPDATE = "settings.directory"  # target "directory"
    HOURS_UPDATE = "settings.hours"  # target "hours"
    SAFE_WORDS_UPDATE = "settings.safe_words"  # target "safe_words" (admin page) or the language (CLI); never the phrases
    REPORT_EXPORT = "report.export"  # a supervisor downloaded the statistics; target: "FROM..TO"
    AUDIT_VIEW = "audit.view"  # an admin read this log over HTTP
    # Acute danger (chat/acute.py); target: conversation id. Actor "" when the server did it.
    ACUTE_MARK = "acute.mark"  # a counsellor marked the conversation acute
    ACUTE_SAFE_WORD = "acute.safe_word"  # a visitor message held a safe word (actor "")
    ACUTE_ESCALATE = "acute.escalate"  # waited too long unclaimed: offered to everyone (actor "")
    ACUTE_PROTOCOL_STEP = "acute.protocol_step"  # a counsellor ticked a step of the acute protocol
    ACUTE_PROTOCOL_UPDATE = "settings.acute_protocol"  # target "acute_protocol"
    BLOCK = "visitor.block"  # a counsellor blocked the browser of a conversation; target: conversation id
    BLOCK_LIFT = "visitor.unblock"  # a supervisor lifted a block; target: the block's id
    REVIEW_SAVE = "review.save"  # a supervisor stored a review of a closed conversation; target: its id
    WELFARE_VIEW = "welfare.view"  # a supervisor read the counsellors' exposure in their shifts


class Audit:
    def __init__(self, redis: Redis, retention_days: int = 365) -> None:
        self.redis = redis
        self.retention_days = retention_days
        self._unknown = redis.register_script(_UNKNOWN)

    def _min_id(self) -> str | None:
        return None if self.retention_days <= 0 else str(now_ms() - self.retention_days * DAY_MS)

    async def record(self, actor: str, action: Action, target: str = "") -> None:
        """Append one entry (and drop those past retention). Callers record after the action succeeded
        and before they hand out what it read, so a failed write withholds the data."""
        fields = {"actor": actor[:FIELD_MAX], "action": str(action), "target": target[:FIELD_MAX]}
        await self.redis.xadd(keys.AUDIT, fields, minid=self._min_id(), approximate=False)  # type: ignore[arg-type]

    async def unknown_name_failed(self) -> None:
        """A failed login for a name that is no account: counted, written at most once a minute."""
        n = int(await self._unknown(keys=[keys.AUDIT_UNKNOWN_LOGINS, keys.AUDIT_UNKNOWN_LOGINS + ":written"],
                                    args=[UNKNOWN_NAMES_EVERY_MS]))
        if n:
            await self.record("", Action.LOGIN_FAILED_UNKNOWN, str(n))

    async def _flush_unknown(self) -> None:
        pending = int(as_text(await self.redis.getdel(keys.AUDIT_UNKNOWN_LOGINS)) or 0)
        if pending:
            await self.record("", Action.LOGIN_FAILED_UNKNOWN, str(pending))

    async def trim(self) -> None:
        min_id = self._min_id()
        if min_id is not None:
            await self.redis.xtrim(keys.AUDIT, minid=min_id, approximate=False)

    async def entries(self, limit: int = LIMIT_DEFAULT, before: str = "") -> list[dict[str, Any]]:
        """Newest first: at most `limit` entries older than `before` (an entry id, or a time in ms)."""
        if before and not _BEFORE.match(before):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'before' must be an entry id or a time in milliseconds")
        limit = max(1, min(LIMIT_MAX, limit))
        await self._flush_unknown()
        await self.trim()
        if not before:
            high = "+"
        elif "-" in before:
            if before.strip("0-") == "":
                return []  # nothing is older than the first possible id
            high = "(" + before
        elif int(before) == 0:
            return []
        else:
            high = str(int(before) - 1)  # an incomplete id: every entry of that millisecond
        try:
            rows = await self.redis.xrevrange(keys.AUDIT, max=high, min="-", count=limit)
        except ResponseError:  # "(0-0" and ids beyond 64 bits: nothing can be older
            raise HelplineError(ErrorCode.BAD_REQUEST, "'before' is not a stream id Redis can read") from None
        out = []
        for raw_id, raw in rows or []:
            entry_id = as_text(raw_id)
            fields = {as_text(k): as_text(v) for k, v in (raw or {}).items()}
            out.append({"id": entry_id, "at": int(entry_id.partition("-")[0]), "actor": fields.get("actor", ""),
                        "action": fields.get("action", ""), "target": fields.get("target", "")})
        return out
