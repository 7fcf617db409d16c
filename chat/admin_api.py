"""HTTP endpoints of the admin page (/admin) and the supervisors' report (docs/protocol.md, "HTTP").

Accounts, opening hours and safe words (admins only), and the anonymised statistics as JSON and CSV
(supervisors and admins). Writes pass the Origin/JSON checks of chat/httpsec.py like every write under
/api/; every change is recorded in the audit log (chat/audit.py), never with a password or a phrase.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from redis.exceptions import LockError

import vocabulary
from chat import keys, report
from chat.accounts import ROLES, SKILLS, SUPERVISING_ROLES, Account, valid_username
from chat.audit import Action
from chat.content import DIRECTORY
from chat.errors import ErrorCode, HelplineError
from chat.hours import DAYS, OpeningHours, clear_spec, parse_windows, store_spec, stored_spec
from chat.http_api import HttpApi, _json
from chat.presence import Presence
from chat.safe_words import load_safe_words, save_safe_words
from chat.store import ConversationStore

ADMIN = {"admin"}
SPEC_MAX = 500
LOCK_S = 10  # an account change takes milliseconds; the lock expires on its own if a process dies holding it


def _strings(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(value) > 50:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' must be a list of strings")
    return value


def _bad(exc: ValueError) -> HelplineError:
    return HelplineError(ErrorCode.BAD_REQUEST, str(exc))


class AdminApi:
    def __init__(self, api: HttpApi, presence: Presence, store: ConversationStore) -> None:
        self.api = api
        self.accounts = api.accounts
        self.audit = api.audit
        self.redis = api.redis
        self.presence = presence
        self.store = store
        self.zone = ZoneInfo(api.settings.timezone)
        self._report_lock = asyncio.Lock()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/admin/accounts", self.list_accounts),
            web.post("/api/admin/accounts", self.create_account),
            web.patch("/api/admin/accounts/{name}", self.update_account),
            web.post("/api/admin/accounts/{name}/password", self.reset_password),
            web.post("/api/admin/accounts/{name}/totp", self.enrol_totp),
            web.delete("/api/admin/accounts/{name}/totp", self.remove_totp),
            web.get("/api/admin/hours", self.get_hours),
            web.put("/api/admin/hours", self.put_hours),
            web.delete("/api/admin/hours", self.delete_hours),
            web.get("/api/admin/safe-words", self.get_safe_words),
            web.put("/api/admin/safe-words", self.put_safe_words),
            web.get("/api/supervisor/report", self.report_json),
            web.get("/api/supervisor/report.csv", self.report_csv),
        ]

    # -- accounts ---------------------------------------------------------------------------------

    async def _row(self, account: Account) -> dict[str, Any]:
        return {**account.public(), "active": account.active, "totp": await self.accounts.has_totp(account.username),
                "needs_totp": account.role in self.accounts.require_2fa}

    async def _target(self, request: web.Request) -> Account:
        account = await self.accounts.get(request.match_info["name"])
        if account is None:
            raise HelplineError(ErrorCode.NOT_FOUND, "no such account")
        return account

    @asynccontextmanager
    async def _changing(self, request: web.Request) -> AsyncIterator[Account]:
        """One account change at a time (on every process), by an admin checked once the change's turn
        has come: of two admins who deactivate or demote each other at the same moment, the second acts
        on a login the first one ended and is refused, so an admin is always left."""
        lock = self.redis.lock(keys.ACCOUNTS_LOCK, timeout=LOCK_S)
        if not await lock.acquire(blocking_timeout=LOCK_S):
            raise HelplineError(ErrorCode.UNAVAILABLE, "another account change is under way; try again")
        try:
            yield await self.api._staff(request, ADMIN)
        finally:
            with suppress(LockError):  # expired while held: the change is done all the same
                await lock.release()

    async def list_accounts(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        rows = [await self._row(a) for a in await self.accounts.list()]
        return _json({"accounts": rows, "roles": list(ROLES), "skills": list(SKILLS),
                      "require_2fa": sorted(self.accounts.require_2fa)})

    async def create_account(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        body = await self.api._body(request)
        name, password, role = body.get("username"), body.get("password"), body.get("role", "counsellor")
        if not isinstance(name, str) or not valid_username(name) or not name.isascii():
            raise HelplineError(ErrorCode.BAD_REQUEST, "'username': 1-64 ASCII letters, digits, '.', '_' or '-'")
        if not isinstance(password, str) or not isinstance(role, str):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'password' and 'role' must be strings")
        skills = _strings(body.get("skills", []), "skills")
        languages = _strings(body.get("languages", []), "languages")
        async with self._changing(request) as admin:  # two admins creating one name: the second is told
            if await self.accounts.get(name) is not None:
                raise HelplineError(ErrorCode.ALREADY_EXISTS)
            try:
                account = await self.accounts.add(name, password, role, skills, languages, actor=admin.username)
            except ValueError as exc:
                raise _bad(exc) from None
        return _json(await self._row(account), 201)

    async def update_account(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)  # before the lock: others never wait for it
        body = await self.api._body(request)
        unknown = set(body) - {"role", "skills", "languages", "active"}
        if unknown:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"unknown fields: {', '.join(sorted(unknown))}")
        role, active = body.get("role"), body.get("active")
        if role is not None and not isinstance(role, str):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'role' must be a string")
        if active is not None and not isinstance(active, bool):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'active' must be true or false")
        skills = _strings(body["skills"], "skills") if "skills" in body else None
        languages = _strings(body["languages"], "languages") if "languages" in body else None
        async with self._changing(request) as admin:
            target = await self._target(request)
            # An admin cannot lock themselves out: no deactivating or demoting their own account here.
            if target.username == admin.username and (active is False or (role is not None and role != admin.role)):
                raise HelplineError(ErrorCode.NOT_ALLOWED, "you cannot deactivate your own account or change its role")
            try:
                account = await self.accounts.update(target.username, role=role, skills=skills,
                                                     languages=languages, actor=admin.username)
            except ValueError as exc:
                raise _bad(exc) from None
            if active is not None and active != account.active:
                await self.accounts.set_active(target.username, active, actor=admin.username)
            updated = await self.accounts.get(target.username)
        assert updated is not None
        return _json(await self._row(updated))

    async def reset_password(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        password = (await self.api._body(request)).get("password")
        if not isinstance(password, str):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'password' must be a string")
        async with self._changing(request) as admin:
            target = await self._target(request)
            try:
                await self.accounts.set_password(target.username, password, actor=admin.username)
            except ValueError as exc:
                raise _bad(exc) from None
        return _json({"ok": True})

    async def enrol_totp(self, request: web.Request) -> web.Response:
        """A new authenticator secret; the otpauth:// URI is in this answer only (never stored readable
        or logged). The account's logins end."""
        await self.api._staff(request, ADMIN)
        async with self._changing(request) as admin:
            target = await self._target(request)
            uri = await self.accounts.enrol_totp(target.username, actor=admin.username)
        return _json({"uri": uri})

    async def remove_totp(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        async with self._changing(request) as admin:
            target = await self._target(request)
            removed = await self.accounts.remove_totp(target.username, actor=admin.username)
        return _json({"ok": removed})

    # -- opening hours ----------------------------------------------------------------------------

    async def _hours(self) -> dict[str, Any]:
        stored = await stored_spec(self.redis)
        hours = self.presence.hours if stored is None else OpeningHours.parse(stored, self.zone.key)
        windows = [{"days": [DAYS[d] for d in sorted(w.days)], "start": w.start.strftime("%H:%M"),
                    "end": "24:00" if w.end.hour == 23 and w.end.minute == 59 and w.end.second == 59
                    else w.end.strftime("%H:%M")} for w in hours.windows]
        return {"spec": stored if stored is not None else self.presence.configured_hours.spec,
                "source": "admin" if stored is not None else "environment",
                "configured": self.presence.configured_hours.spec, "always": hours.always, "windows": windows,
                "timezone": self.zone.key, "open_now": hours.is_open(), **self.presence.service_state()}

    async def get_hours(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        return _json(await self._hours())

    async def put_hours(self, request: web.Request) -> web.Response:
        admin = await self.api._staff(request, ADMIN)
        spec = (await self.api._body(request)).get("spec")
        if not isinstance(spec, str) or len(spec) > SPEC_MAX:
            raise HelplineError(ErrorCode.BAD_REQUEST, "'spec': opening hours such as 'mon-fri 09:00-22:00'")
        try:
            parse_windows(spec)
            await store_spec(self.redis, spec)
        except ValueError as exc:
            raise _bad(exc) from None
        await self.presence.refresh_hours()  # here at once; other processes within their heartbeat
        await self.audit.record(admin.username, Action.HOURS_UPDATE, "hours")
        return _json(await self._hours())

    async def delete_hours(self, request: web.Request) -> web.Response:
        """Back to HELPLINE_OPENING_HOURS."""
        admin = await self.api._staff(request, ADMIN)
        await clear_spec(self.redis)
        await self.presence.refresh_hours()
        await self.audit.record(admin.username, Action.HOURS_UPDATE, "hours")
        return _json(await self._hours())

    # -- safe words -------------------------------------------------------------------------------

    async def get_safe_words(self, request: web.Request) -> web.Response:
        await self.api._staff(request, ADMIN)
        return _json(await load_safe_words(self.redis))

    async def put_safe_words(self, request: web.Request) -> web.Response:
        admin = await self.api._staff(request, ADMIN)
        body = await self.api._body(request)
        try:
            words = await save_safe_words(self.redis, body)
        except ValueError as exc:
            raise _bad(exc) from None
        await self.audit.record(admin.username, Action.SAFE_WORDS_UPDATE, "safe_words")
        return _json(words)

    # -- report -----------------------------------------------------------------------------------

    async def _report(self, request: web.Request) -> tuple[dict[str, Any], str, dict[str, str], Account]:
        account = await self.api._staff(request, SUPERVISING_ROLES)
        first, last, per = report.period_range(dict(request.query))
        lang = request.query.get("lang", vocabulary.DEFAULT_LANGUAGE)
        lang = lang if lang in vocabulary.UI_LANGUAGES else vocabulary.DEFAULT_LANGUAGE
        organisations = await self.api.content.get(DIRECTORY)
        directory = {str(o["id"]): str(o.get("name", o["id"])) for o in organisations
                     if isinstance(o, dict) and "id" in o}
        # One report at a time in a process: a year's report costs up to HELPLINE_REPORT_MAX_CONVERSATIONS
        # record reads, and many at once (several supervisors, or one script) must not add up.
        async with self._report_lock:
            tallied = await report.collect(self.store, first, last, self.zone, per, set(directory),
                                           self.api.settings.report_max_conversations)
        built = report.build(tallied, first, last, per, list(directory))
        return built, lang, directory, account

    async def report_json(self, request: web.Request) -> web.Response:
        built, lang, directory, _ = await self._report(request)
        for dimension, rows in built["dimensions"].items():
            for row in rows:
                row["label"] = report.label(dimension, str(row["code"]), lang, directory)
        return _json(built)

    async def report_csv(self, request: web.Request) -> web.Response:
        built, lang, directory, account = await self._report(request)
        body = report.to_csv(built, lang, directory)
        await self.audit.record(account.username, Action.REPORT_EXPORT, f"{built['from']}..{built['to']}")
        name = f"helpline-report-{built['from']}-{built['to']}.csv"
        return web.Response(body=("\ufeff" + body).encode(), content_type="text/csv", charset="utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
