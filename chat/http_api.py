"""HTTP endpoints: health, staff login, configuration data, supervisor review (docs/protocol.md, "HTTP")."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import orjson
from aiohttp import web

from chat import keys, notices
from chat.accounts import Account, Accounts
from chat.conversations import OUTCOME_LABELS, OUTCOMES, ConversationService
from chat.review import Review
from chat.transport.auth import SESSION_COOKIE

MAX_JSON_BODY = 256 * 1024


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(data), status=status, content_type="application/json")


def _error(code: str, status: int) -> web.Response:
    return _json({"error": code}, status)


def _default(name: str) -> list[Any]:
    data: list[Any] = json.loads(resources.files("chat.defaults").joinpath(name).read_text("utf-8"))
    return data


class HttpApi:
    def __init__(self, service: ConversationService, accounts: Accounts, review: Review) -> None:
        self.service = service
        self.accounts = accounts
        self.review = review
        self.redis = service.redis

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
        ]

    async def _body(self, request: web.Request) -> Any:
        if request.content_length is not None and request.content_length > MAX_JSON_BODY:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_JSON_BODY, actual_size=request.content_length)
        try:
            return orjson.loads(await request.read())
        except orjson.JSONDecodeError:
            raise web.HTTPBadRequest(text='{"error":"bad_request"}', content_type="application/json") from None

    @staticmethod
    def _token(request: web.Request) -> str:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header[7:].strip()
        return request.cookies.get(SESSION_COOKIE, "")

    async def _staff(self, request: web.Request, roles: set[str] | None = None) -> Account:
        account = await self.accounts.authenticate(self._token(request))
        if account is None:
            raise web.HTTPUnauthorized(text='{"error":"unauthorized"}', content_type="application/json")
        if roles and account.role not in roles:
            raise web.HTTPForbidden(text='{"error":"not_allowed"}', content_type="application/json")
        return account

    async def healthz(self, request: web.Request) -> web.Response:
        try:
            await self.redis.ping()
        except Exception:
            return _json({"ok": False, "redis": "down"}, 503)
        return _json({"ok": True, "redis": "ok"})

    async def login(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        if not isinstance(body, dict):
            return _error("bad_request", 400)
        username, password = body.get("username"), body.get("password")
        if not isinstance(username, str) or not isinstance(password, str) or len(password) > 1024:
            return _error("unauthorized", 401)
        result = await self.accounts.login(username, password)
        if result is None:
            return _error("unauthorized", 401)
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
            for sid, link in list(self.service.counsellors.items()):
                if link.token == token:
                    await self.service.sio.disconnect(sid, namespace="/counsellor")
        response = _json({"ok": True})
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    async def me(self, request: web.Request) -> web.Response:
        return _json((await self._staff(request)).public())

    async def config(self, request: web.Request) -> web.Response:
        settings = self.service.settings
        return _json({**self.service.service_state(), "languages": list(notices.LANGUAGES),
                      "max_text": settings.max_text, "exit_url": settings.exit_url, "notice": notices.OFFLINE})

    async def _get_list(self, key: str, default_file: str) -> list[Any]:
        raw = await self.redis.get(key)
        if raw:
            value: list[Any] = orjson.loads(raw)
            return value
        return _default(default_file)

    async def get_canned(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"responses": await self._get_list(keys.CANNED, "canned.json")})

    async def put_canned(self, request: web.Request) -> web.Response:
        await self._staff(request, {"admin"})
        body = await self._body(request)
        items = body.get("responses") if isinstance(body, dict) else None
        required = {"id", "language", "title", "text"}
        if not isinstance(items, list) or not all(
            isinstance(i, dict) and required <= set(i) and all(isinstance(i[k], str) for k in required) for i in items
        ):
            return _error("bad_request", 400)
        await self.redis.set(keys.CANNED, orjson.dumps(items))
        return _json({"ok": True})

    async def get_directory(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"organisations": await self._get_list(keys.DIRECTORY, "directory.json")})

    async def put_directory(self, request: web.Request) -> web.Response:
        await self._staff(request, {"admin"})
        body = await self._body(request)
        items = body.get("organisations") if isinstance(body, dict) else None
        if not isinstance(items, list) or not all(
            isinstance(i, dict) and isinstance(i.get("id"), str) and isinstance(i.get("name"), str) for i in items
        ):
            return _error("bad_request", 400)
        await self.redis.set(keys.DIRECTORY, orjson.dumps(items))
        return _json({"ok": True})

    async def outcomes(self, request: web.Request) -> web.Response:
        await self._staff(request)
        return _json({"outcomes": [{"code": c, "label": OUTCOME_LABELS[c]} for c in OUTCOMES]})

    async def transcripts(self, request: web.Request) -> web.Response:
        await self._staff(request, {"supervisor", "admin"})
        filters = {k: request.query.get(k, "") for k in ("from", "to", "signal", "outcome", "counsellor")}
        return _json({"transcripts": await self.review.list_closed(filters)})

    async def transcript(self, request: web.Request) -> web.Response:
        await self._staff(request, {"supervisor", "admin"})
        result = await self.review.transcript(request.match_info["cid"])
        if result is None:
            return _error("not_found", 404)
        return _json(result)

    async def stats(self, request: web.Request) -> web.Response:
        await self._staff(request, {"supervisor", "admin"})
        try:
            days = max(1, min(90, int(request.query.get("days", "7"))))
        except ValueError:
            days = 7
        return _json(await self.review.stats(days))
