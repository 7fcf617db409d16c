"""HTTP endpoints: health, staff login, configuration and vocabulary, helpline content, supervisor review
(docs/protocol.md, "HTTP"). Errors are raised as `HelplineError`; chat/errors.py's middleware renders
them in the one wire shape."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import orjson
from aiohttp import web
from redis.asyncio import Redis

import vocabulary
from chat.accounts import SUPERVISING_ROLES, Account, Accounts
from chat.acute import load_protocol, save_protocol
from chat.audit import LIMIT_DEFAULT, LIMIT_MAX, Action, Audit
from chat.blocking import Blocks
from chat.config import Settings
from chat.consult import PRO, ProLine
from chat.content import CANNED, DIRECTORY, ContentStore
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.intro import intro
from chat.notices import OFFLINE
from chat.presence import Presence
from chat.review import Review
from chat.transport.auth import SESSION_COOKIE
from chat.transport.common import CLIENT_ID_MAX, NOTE_MAX, TAG_MAX, TAGS_MAX

MAX_JSON_BODY = 256 * 1024


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(data), status=status, content_type="application/json")


class HttpApi:
    def __init__(
        self, redis: Redis, presence: Presence, delivery: Delivery, accounts: Accounts, review: Review,
        settings: Settings,
    ) -> None:
        self.redis = redis
        self.presence = presence
        self.delivery = delivery
        self.accounts = accounts
        self.review = review
        self.settings = settings
        self.content = ContentStore(redis)
        self.audit: Audit = accounts.audit
        self.blocks: Blocks | None = None  # set by app.py (chat/blocking.py)
        self.pro: ProLine | None = None  # the consult line's hours for `GET /api/config?line=pro`

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/healthz", self.healthz),
            web.post("/api/login", self.login),
            web.post("/api/logout", self.logout),
            web.get("/api/me", self.me),
            web.get("/api/config", self.config),
            web.get("/api/canned", self.get_canned),
            web.put("/api/canned", self.put_canned),
            web.get("/api/directory", self.get_directory),
            web.put("/api/directory", self.put_directory),
            web.get("/api/outcomes", self.outcomes),
            web.get("/api/supervisor/transcripts", self.transcripts),
            web.get("/api/supervisor/transcripts/{cid}", self.transcript),
            web.get("/api/supervisor/stats", self.stats),
            web.get("/api/admin/audit", self.audit_log),
            web.get("/api/acute-protocol", self.get_acute_protocol),
            web.put("/api/acute-protocol", self.put_acute_protocol),
            web.get("/api/supervisor/blocks", self.blocks_list),
            web.delete("/api/supervisor/blocks/{block_id}", self.block_lift),
        ]

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_length is not None and request.content_length > MAX_JSON_BODY:
            raise HelplineError(ErrorCode.PAYLOAD_TOO_LARGE)
        try:
            body = orjson.loads(await request.read())
        except orjson.JSONDecodeError:
            raise HelplineError(ErrorCode.BAD_REQUEST, "the body must be JSON") from None
        if not isinstance(body, dict):
            raise HelplineError(ErrorCode.BAD_REQUEST, "the body must be a JSON object")
        return body

    @staticmethod
    def _token(request: web.Request) -> str:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header[7:].strip()
        return request.cookies.get(SESSION_COOKIE, "")

    async def _staff(self, request: web.Request, roles: Collection[str] | None = None) -> Account:
        account = await self.accounts.authenticate(self._token(request))
        if account is None:
            raise HelplineError(ErrorCode.UNAUTHORIZED)
        if roles and account.role not in roles:
            raise HelplineError(ErrorCode.NOT_ALLOWED)
        return account

    async def healthz(self, request: web.Request) -> web.Response:
        try:
            await self.redis.ping()
        except Exception:
            return _json({"ok": False, "redis": "down"}, 503)
        return _json({"ok": True, "redis": "ok"})

    async def login(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        username, password, otp = body.get("username"), body.get("password"), body.get("otp")
        # The detail depends only on what was sent, never on which part was wrong.
        wrong = "wrong username, password or code" if otp else "wrong username or password"
        if not isinstance(username, str) or not isinstance(password, str) or len(password) > 1024:
            raise HelplineError(ErrorCode.UNAUTHORIZED, wrong)
        if otp is not None and not isinstance(otp, str):
            otp = "not a code"  # counted as a wrong code, once the password is checked
        result = await self.accounts.login(username, password, "".join((otp or "").split())[:16] or None)
        if result is None:
            raise HelplineError(ErrorCode.UNAUTHORIZED, wrong)
        token, account = result
        response = _json({"token": token, "username": account.username, "role": account.role,
                          "expires_in": self.accounts.login_ttl_s})
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="Strict", path="/",
                            max_age=self.accounts.login_ttl_s, secure=request.secure)
        return response

    async def logout(self, request: web.Request) -> web.Response:
        token = self._token(request)
        if token:
            await self.accounts.logout(token)
            for sid in self.presence.sockets_of_token(token):
                await self.delivery.disconnect_counsellor(sid)
        response = _json({"ok": True})
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    async def me(self, request: web.Request) -> web.Response:
        return _json((await self._staff(request)).public())

    async def config(self, request: web.Request) -> web.Response:
        """Everything the pages need to know and label; no page keeps its own copy (docs/protocol.md)."""
        state: dict[str, Any] = dict(self.presence.service_state())
        if request.query.get("line") == PRO and self.pro is not None:
            state = self.pro.service_state(self.presence.online_count)
        return _json({
            **state,
            "retention_days": self.settings.retention_days,
            "languages": list(vocabulary.UI_LANGUAGES),
            "max_text": self.settings.max_text,
            "limits": {"max_text": self.settings.max_text, "note_max": NOTE_MAX, "tag_max": TAG_MAX,
                       "tags_max": TAGS_MAX, "client_id_max": CLIENT_ID_MAX},
            "exit_url": self.settings.exit_url,
            "notice": OFFLINE,
            "intro": intro(self.settings, self.presence.hours),
            "vocabulary": vocabulary.wire(),
        })

    async def get_canned(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"responses": await self.content.get(CANNED)})

    async def put_canned(self, request: web.Request) -> web.Response:
        account = await self._staff(request, {"admin"})
        items = (await self._body(request)).get("responses")
        required = {"id", "language", "title", "text"}
        if not isinstance(items, list) or not all(
            isinstance(i, dict) and required <= set(i) and all(isinstance(i[k], str) for k in required) for i in items
        ):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'responses': a list of {id, language, title, text}")
        await self.content.put(CANNED, items)
        await self.audit.record(account.username, Action.CANNED_UPDATE, "canned")
        return _json({"ok": True})

    async def get_directory(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"organisations": await self.content.get(DIRECTORY)})

    async def put_directory(self, request: web.Request) -> web.Response:
        account = await self._staff(request, {"admin"})
        items = (await self._body(request)).get("organisations")
        if not isinstance(items, list) or not all(
            isinstance(i, dict) and isinstance(i.get("id"), str) and isinstance(i.get("name"), str)
            and all(isinstance(v, str) for v in i.values()) for i in items
        ):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'organisations': a list of {id, name, ...}")
        # `url` is passed on to visitors: only web addresses (no javascript: or data: URLs).
        if any(i.get("url") and not i["url"].lower().startswith(("https://", "http://")) for i in items):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'url' must start with https:// (or be empty)")
        await self.content.put(DIRECTORY, items)
        await self.audit.record(account.username, Action.DIRECTORY_UPDATE, "directory")
        return _json({"ok": True})

    async def get_acute_protocol(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"steps": await load_protocol(self.redis)})

    async def put_acute_protocol(self, request: web.Request) -> web.Response:
        account = await self._staff(request, {"admin"})
        steps = await save_protocol(self.redis, (await self._body(request)).get("steps"))
        await self.audit.record(account.username, Action.ACUTE_PROTOCOL_UPDATE, "acute_protocol")
        return _json({"ok": True, "steps": steps})

    async def outcomes(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"outcomes": vocabulary.wire()["outcomes"]})

    async def transcripts(self, request: web.Request) -> web.Response:
        await self._staff(request, SUPERVISING_ROLES)
        filters = {k: request.query.get(k, "") for k in ("from", "to", "signal", "outcome", "counsellor")}
        return _json({"transcripts": await self.review.list_closed(filters)})

    async def transcript(self, request: web.Request) -> web.Response:
        account = await self._staff(request, SUPERVISING_ROLES)
        cid = request.match_info["cid"]
        result = await self.review.transcript(cid)
        if result is None:
            raise HelplineError(ErrorCode.NOT_FOUND)
        # Recorded before it is handed out: if the record cannot be written, nobody reads it.
        await self.audit.record(account.username, Action.TRANSCRIPT_VIEW, cid)
        return _json(result)

    async def stats(self, request: web.Request) -> web.Response:
        await self._staff(request, SUPERVISING_ROLES)
        try:
            days = max(1, min(90, int(request.query.get("days", "7"))))
        except ValueError:
            days = 7
        return _json(await self.review.stats(days))

    def _blocks(self) -> Blocks:
        if self.blocks is None:
            raise HelplineError(ErrorCode.UNAVAILABLE, "blocking is not running")
        return self.blocks

    async def blocks_list(self, request: web.Request) -> web.Response:
        """Blocked browsers in force (supervisors): reason, who, until; never the device's hash."""
        await self._staff(request, SUPERVISING_ROLES)
        return _json({"blocks": await self._blocks().list()})

    async def block_lift(self, request: web.Request) -> web.Response:
        account = await self._staff(request, SUPERVISING_ROLES)
        block_id = request.match_info["block_id"]
        await self._blocks().lift(block_id)
        await self.audit.record(account.username, Action.BLOCK_LIFT, block_id)
        return _json({"ok": True})

    async def audit_log(self, request: web.Request) -> web.Response:
        """The audit log, newest first (admins only): `?limit=` (at most 1000) and `?before=` (an entry id
        or a time in ms) page back through it (docs/operations.md, "Audit log")."""
        account = await self._staff(request, {"admin"})
        try:
            limit = int(request.query.get("limit", str(LIMIT_DEFAULT)))
        except ValueError:
            raise HelplineError(ErrorCode.BAD_REQUEST, "'limit' must be a whole number") from None
        entries = await self.audit.entries(limit, request.query.get("before", ""))
        # Reading the log is itself recorded (after the read, so a page does not list its own reading).
        await self.audit.record(account.username, Action.AUDIT_VIEW)
        next_before = entries[-1]["id"] if entries and len(entries) >= max(1, min(limit, LIMIT_MAX)) else None
        return _json({"entries": entries, "next_before": next_before})
