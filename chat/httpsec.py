"""The HTTP surface, hardened (docs/operations.md, "HTTP and socket hardening"):

- forwarded headers (X-Forwarded-Proto, X-Forwarded-Host) are believed only from the proxies named
  in HELPLINE_TRUSTED_PROXY; X-Forwarded-For is never read, so a visitor's address cannot reach a log;
- writes under /api/ are refused when they come from a page on another site (Origin), and carry a
  JSON body or none;
- aiohttp's own refusals of malformed requests are logged as one short line, without the request
  line (it may hold a token) and without a traceback.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import time
from collections.abc import Awaitable, Callable

from aiohttp import http_exceptions, web

from chat.errors import ErrorCode, HelplineError, json_response
from chat.transport.auth import SESSION_COOKIE

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Middleware = Callable[..., Awaitable[web.StreamResponse]]

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A host name or address with an optional port: anything else in X-Forwarded-Host is ignored.
_HOST = re.compile(r"^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$")


class TrustedProxies:
    """Which direct peers may tell us the scheme and host the client used (Settings.trusted_proxy)."""

    def __init__(self, setting: tuple[str, ...]) -> None:
        self.any = "*" in setting
        self.networks = [ipaddress.ip_network(n, strict=False) for n in setting if n != "*"]

    @property
    def enabled(self) -> bool:
        return self.any or bool(self.networks)

    def trusts(self, peer: str | None) -> bool:
        if self.any:
            return True
        if not self.networks or not peer:
            return False
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address in network for network in self.networks)


def _first(value: str | None) -> str:
    """The client-facing proxy's value: the first of a comma-separated chain."""
    return (value or "").split(",")[0].strip()


def forwarded(proxies: TrustedProxies) -> Middleware:
    """From a trusted proxy, the request takes the scheme and host the client used (so `request.secure`
    and same-origin checks see https and the public host); from anyone else these headers are ignored."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if proxies.enabled and proxies.trusts(request.remote):
            proto = _first(request.headers.get("X-Forwarded-Proto")).lower()
            scheme = proto if proto in {"http", "https"} else request.scheme
            host = _first(request.headers.get("X-Forwarded-Host"))
            host = host if _HOST.match(host) else request.host
            if (scheme, host) != (request.scheme, request.host):
                request = request.clone(scheme=scheme, host=host)
        return await handler(request)

    return middleware


def own_origins(request: web.Request) -> set[str]:
    """This server's origin as the client sees it: the request's host with its scheme (both from a trusted
    proxy only), or with https. A browser sends `Origin: https://<our host>` only from a page served
    over TLS under our own name, so a proxy that terminates TLS and passes `Host` through needs no
    trust for the origin check."""
    return {f"{request.scheme}://{request.host}", f"https://{request.host}"}


def origin_allowed(request: web.Request, origin: str, allowed_origins: list[str]) -> bool:
    return origin in own_origins(request) or origin in allowed_origins


def _cookie_authenticated(request: web.Request) -> bool:
    # A bearer token wins over the cookie (chat/http_api.py), and no browser sends one by itself.
    return SESSION_COOKIE in request.cookies and not request.headers.get("Authorization", "").startswith("Bearer ")


def write_refusal(request: web.Request, allowed_origins: list[str]) -> HelplineError | None:
    """Why a write under /api/ is refused, or None. SameSite=Strict protects the cookie in today's
    browsers; this holds on the server for every client: a page on another site cannot write, even
    with a body a form can send (text/plain), and a cookie without an Origin needs a JSON body."""
    origin = request.headers.get("Origin")
    is_json = request.content_type == "application/json"
    if origin is not None and not origin_allowed(request, origin, allowed_origins):
        return HelplineError(ErrorCode.NOT_ALLOWED, "a write from another site is refused")
    if origin is None and not is_json and _cookie_authenticated(request):
        # Browsers send Origin with every POST, PUT and DELETE; only a cross-site form could lack it.
        return HelplineError(ErrorCode.NOT_ALLOWED, "a write with the session cookie needs an Origin or a JSON body")
    if request.body_exists and not is_json:
        return HelplineError(ErrorCode.BAD_REQUEST, "the body must be JSON (Content-Type: application/json)")
    return None


def write_guard(allowed_origins: list[str]) -> Middleware:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        # Unknown paths and wrong methods keep their 404 / 405 (nothing would be written anyway).
        matched = request.match_info.http_exception is None
        if matched and request.method in WRITE_METHODS and request.path.startswith("/api/"):
            refusal = write_refusal(request, allowed_origins)
            if refusal is not None:
                return json_response(refusal)
        return await handler(request)

    return middleware


class ParserErrorLog(logging.Filter):
    """aiohttp logs every malformed request ("Error handling request from ...") with a traceback whose
    message quotes the request line, where a token may be. Those records become one short line, at
    most one a minute per kind of error; other records pass untouched."""

    def __init__(self) -> None:
        super().__init__()
        self._last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if not isinstance(exc, http_exceptions.HttpProcessingError):
            return True
        kind = type(exc).__name__
        now = time.monotonic()
        if now - self._last.get(kind, -1e9) < 60:
            return False
        self._last[kind] = now
        # No arguments: chat/__main__.py blanks every argument of aiohttp's records.
        record.msg = f"refused a malformed HTTP request ({kind}); more of this kind are not logged for a minute"
        record.args = ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def install_parser_error_log() -> None:
    logger = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, ParserErrorLog) for f in logger.filters):
        logger.addFilter(ParserErrorLog())
