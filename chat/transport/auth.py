"""Staff credentials on a socket: the login token from `auth` or from the console's session cookie."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any

SESSION_COOKIE = "hl_session"


def token_from(environ: dict[str, Any], auth: Any) -> str:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return str(auth["token"])
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return ""
    try:
        cookie = SimpleCookie(raw)
    except CookieError:
        return ""
    morsel = cookie.get(SESSION_COOKIE)
    return morsel.value if morsel else ""
