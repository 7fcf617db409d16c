"""The admin endpoints (chat/admin_api.py): accounts, opening hours and safe words, over real HTTP on a real
server and Redis: who may call them, what bad input gets, what each change does to logins, and the audit
log entry each change leaves (never a password or a phrase)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.hours import DAYS
from tests.chat.clients import login
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


class Client:
    """JSON over HTTP with a bearer token (or none)."""

    def __init__(self, http: aiohttp.ClientSession, base: str, token: str = "") -> None:
        self.http, self.base, self.token = http, base, token

    async def call(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        hdrs = dict(headers)
        if self.token:
            hdrs["Authorization"] = f"Bearer {self.token}"
        kwargs: dict[str, Any] = {"headers": hdrs}
        if body is not None:
            kwargs["json"] = body
        async with self.http.request(method, self.base + path, **kwargs) as response:
            text = await response.text()
            try:
                return response.status, await response.json(content_type=None)
            except ValueError:
                return response.status, text


async def _audit(redis: aioredis.Redis) -> list[tuple[str, str, str]]:
    rows = await redis.xrange(keys.AUDIT)
    return [(f[b"actor"].decode(), f[b"action"].decode(), f[b"target"].decode()) for _, f in rows]


async def _login_status(http: aiohttp.ClientSession, base: str, name: str, password: str) -> int:
    async with http.post(base + "/api/login", json={"username": name, "password": password}) as response:
        return response.status


ADMIN_ENDPOINTS = [
    ("GET", "/api/admin/accounts", None),
    ("POST", "/api/admin/accounts", {"username": "x1", "password": "long enough", "role": "counsellor"}),
    ("PATCH", "/api/admin/accounts/cor", {"skills": ["youth"]}),
    ("POST", "/api/admin/accounts/cor/password", {"password": NEW_PASSWORD}),
    ("POST", "/api/admin/accounts/cor/totp", None),
    ("DELETE", "/api/admin/accounts/cor/totp", None),
    ("GET", "/api/admin/hours", None),
    ("PUT", "/api/admin/hours", {"spec": "always"}),
    ("DELETE", "/api/admin/hours", None),
    ("GET", "/api/admin/safe-words", None),
    ("PUT", "/api/admin/safe-words", {"nl": ["blauwe vogel"]}),
]


async def test_only_admins_reach_the_admin_endpoints(server: str, make_user: Callable[..., Any],
                                                      redis: aioredis.Redis) -> None:
    make_user("cor")
    make_user("sam", role="supervisor")
    async with aiohttp.ClientSession() as http:
        anonymous = Client(http, server)
        cor = Client(http, server, await login(server, "cor", PASSWORD))
        sam = Client(http, server, await login(server, "sam", PASSWORD))
        for method, path, body in ADMIN_ENDPOINTS:
            status, answer = await anonymous.call(method, path, body)
            assert (status, answer["error"]) == (401, "unauthorized"), (method, path)
            for who in (cor, sam):
                status, answer = await who.call(method, path, body)
                assert (status, answer["error"]) == (403, "not_allowed"), (method, path)
    # Nothing was changed by any of them.
    assert not await redis.exists(keys.user("x1"), keys.OPENING_HOURS, keys.SAFE_WORDS)


async def test_create_list_and_log_in(server: str, make_user: Callable[..., Any], redis: aioredis.Redis) -> None:
    make_user("ada", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, created = await ada.call("POST", "/api/admin/accounts", {
            "username": "nina", "password": "nina's passphrase", "role": "counsellor",
            "skills": ["youth", "crisis"], "languages": ["NL", "en"]})
        assert status == 201
        assert created == {"username": "nina", "role": "counsellor", "skills": ["youth", "crisis"],
                           "languages": ["nl", "en"], "active": True, "totp": False, "needs_totp": False}
        status, listing = await ada.call("GET", "/api/admin/accounts")
        assert status == 200
        assert [a["username"] for a in listing["accounts"]] == ["ada", "nina"]
        assert "password" not in str(listing) and listing["roles"] == ["counsellor", "supervisor", "admin"]
        assert "professional" in listing["skills"]
        assert await _login_status(http, server, "nina", "nina's passphrase") == 200

        status, answer = await ada.call("POST", "/api/admin/accounts",
                                        {"username": "nina", "password": "another passphrase"})
        assert (status, answer["error"]) == (409, "already_exists")
        assert await _login_status(http, server, "nina", "nina's passphrase") == 200  # untouched
    assert await _audit(redis) == [("cli", "account.add", "ada"), ("ada", "login", ""),
                                   ("ada", "account.add", "nina"), ("nina", "login", ""), ("nina", "login", "")]


@pytest.mark.parametrize(("body", "detail_part"), [
    ({"username": "bad name!", "password": "long enough"}, "username"),
    ({"username": "", "password": "long enough"}, "username"),
    ({"username": "x" * 65, "password": "long enough"}, "username"),
    ({"username": "ok", "password": "short"}, "password"),
    ({"username": "ok", "password": 12345678}, "password"),
    ({"username": "ok", "password": "long enough", "role": "boss"}, "role"),
    ({"username": "ok", "password": "long enough", "skills": ["cooking"]}, "skills"),
    ({"username": "ok", "password": "long enough", "skills": "youth"}, "skills"),
    ({"username": "ok", "password": "long enough", "languages": ["<script>"]}, "languages"),
    ({"password": "long enough"}, "username"),
])
async def test_bad_accounts_are_refused(server: str, make_user: Callable[..., Any], redis: aioredis.Redis,
                                        body: dict[str, Any], detail_part: str) -> None:
    make_user("ada", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, answer = await ada.call("POST", "/api/admin/accounts", body)
        assert (status, answer["error"]) == (400, "bad_request")
        assert detail_part in answer["detail"]
    assert await redis.smembers(keys.USERS) == {b"ada"}


async def test_bodies_and_origins_are_checked(server: str, make_user: Callable[..., Any],
                                              redis: aioredis.Redis) -> None:
    make_user("ada", role="admin")
    good = {"username": "nina", "password": "long enough"}
    async with aiohttp.ClientSession() as http:
        token = await login(server, "ada", PASSWORD)
        headers = {"Authorization": f"Bearer {token}"}
        async with http.post(server + "/api/admin/accounts", data="not json", headers={
                **headers, "Content-Type": "application/json"}) as response:
            assert response.status == 400 and (await response.json())["error"] == "bad_request"
        async with http.post(server + "/api/admin/accounts", data="username=nina", headers={
                **headers, "Content-Type": "application/x-www-form-urlencoded"}) as response:
            assert response.status == 400
        async with http.put(server + "/api/admin/safe-words", json=["a list"], headers=headers) as response:
            assert response.status == 400
        # A page on another site cannot write, even with a valid login.
        async with http.post(server + "/api/admin/accounts", json=good,
                             headers={**headers, "Origin": "https://evil.example"}) as response:
            assert response.status == 403 and (await response.json())["error"] == "not_allowed"
        async with http.put(server + "/api/admin/hours", json={"spec": "mon 09:00-10:00"},
                            headers={**headers, "Origin": "https://evil.example"}) as response:
            assert response.status == 403
        # The same with our own origin works.
        async with http.post(server + "/api/admin/accounts", json=good,
                             headers={**headers, "Origin": server}) as response:
            assert response.status == 201
    assert not await redis.exists(keys.OPENING_HOURS)


async def test_role_deactivation_and_password_end_logins_skills_do_not(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    make_user("ada", role="admin")
    make_user("cor")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        cor = Client(http, server, await login(server, "cor", PASSWORD))

        status, row = await ada.call("PATCH", "/api/admin/accounts/cor", {"skills": ["witness"], "languages": ["fr"]})
        assert status == 200 and row["skills"] == ["witness"] and row["languages"] == ["fr"]
        status, me = await cor.call("GET", "/api/me")
        assert status == 200 and me["skills"] == ["witness"]  # still logged in, with the new skills

        status, row = await ada.call("PATCH", "/api/admin/accounts/cor", {"role": "supervisor"})
        assert status == 200 and row["role"] == "supervisor"
        assert (await cor.call("GET", "/api/me"))[0] == 401  # a new role: log in again
        cor.token = await login(server, "cor", PASSWORD)

        status, row = await ada.call("PATCH", "/api/admin/accounts/cor", {"active": False})
        assert status == 200 and row["active"] is False
        assert (await cor.call("GET", "/api/me"))[0] == 401
        assert await _login_status(http, server, "cor", PASSWORD) == 401  # the same answer as a wrong password
        status, row = await ada.call("PATCH", "/api/admin/accounts/cor", {"active": True})
        assert status == 200 and row["active"] is True
        cor.token = await login(server, "cor", PASSWORD)

        status, _ = await ada.call("POST", "/api/admin/accounts/cor/password", {"password": NEW_PASSWORD})
        assert status == 200
        assert (await cor.call("GET", "/api/me"))[0] == 401
        assert await _login_status(http, server, "cor", PASSWORD) == 401
        assert await _login_status(http, server, "cor", NEW_PASSWORD) == 200

        # Bad input and unknown accounts.
        for body in ({"role": "boss"}, {"skills": ["cooking"]}, {"active": "no"}, {"password": "x"},
                     {"role": 3}, {"languages": "nl"}):
            status, answer = await ada.call("PATCH", "/api/admin/accounts/cor", body)
            assert (status, answer["error"]) == (400, "bad_request"), body
        for body in ({"password": "short"}, {"password": None}, {}):
            status, answer = await ada.call("POST", "/api/admin/accounts/cor/password", body)
            assert (status, answer["error"]) == (400, "bad_request"), body
        for method, path, body in (("PATCH", "/api/admin/accounts/nobody", {"active": False}),
                                   ("POST", "/api/admin/accounts/nobody/password", {"password": NEW_PASSWORD}),
                                   ("POST", "/api/admin/accounts/nobody/totp", None)):
            status, answer = await ada.call(method, path, body)
            assert (status, answer["error"]) == (404, "not_found"), path

        # An admin cannot lock themselves out.
        for body in ({"active": False}, {"role": "counsellor"}):
            status, answer = await ada.call("PATCH", "/api/admin/accounts/ada", body)
            assert (status, answer["error"]) == (403, "not_allowed")
        assert (await ada.call("GET", "/api/me"))[0] == 200

    entries = [e for e in await _audit(redis) if e[0] == "ada" and e[1] != "login"]
    assert entries == [
        ("ada", "account.update", "cor"), ("ada", "account.update", "cor"), ("ada", "account.deactivate", "cor"),
        ("ada", "account.activate", "cor"), ("ada", "account.password", "cor"),
    ]
    assert ("cor", "login.deactivated", "") in await _audit(redis)
    assert NEW_PASSWORD not in str(await redis.xrange(keys.AUDIT))


async def test_second_factor_enrol_and_remove(server: str, make_user: Callable[..., Any],
                                              redis: aioredis.Redis) -> None:
    make_user("ada", role="admin")
    make_user("cor")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, answer = await ada.call("POST", "/api/admin/accounts/cor/totp")
        assert status == 200 and answer["uri"].startswith("otpauth://totp/Helpline:cor?secret=")
        secret = answer["uri"].split("secret=")[1].split("&")[0]
        assert secret.encode() not in b"".join(v for v in (await redis.hgetall(keys.user("cor"))).values())
        status, listing = await ada.call("GET", "/api/admin/accounts")
        assert {a["username"]: a["totp"] for a in listing["accounts"]} == {"ada": False, "cor": True}
        async with http.post(server + "/api/login", json={"username": "cor", "password": PASSWORD}) as response:
            assert response.status == 401 and (await response.json())["error"] == "otp_required"
        status, answer = await ada.call("DELETE", "/api/admin/accounts/cor/totp")
        assert status == 200 and answer == {"ok": True}
        assert await _login_status(http, server, "cor", PASSWORD) == 200
        status, answer = await ada.call("DELETE", "/api/admin/accounts/cor/totp")
        assert answer == {"ok": False}  # nothing to remove
    actions = [e[1] for e in await _audit(redis) if e[0] == "ada"]
    assert actions.count("account.totp_enrol") == 1 and actions.count("account.totp_remove") == 1
    assert "secret" not in str(await redis.xrange(keys.AUDIT))


async def test_opening_hours_are_saved_shown_and_cleared(server: str, make_user: Callable[..., Any],
                                                         redis: aioredis.Redis) -> None:
    make_user("ada", role="admin")
    tomorrow = DAYS[(datetime.now(ZoneInfo("Europe/Amsterdam")) + timedelta(days=1)).weekday()]
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, hours = await ada.call("GET", "/api/admin/hours")
        assert status == 200
        assert (hours["source"], hours["spec"], hours["always"], hours["hours_open"]) == ("environment", "always", True, True)

        # Open tomorrow only: closed now, for visitors too.
        status, hours = await ada.call("PUT", "/api/admin/hours", {"spec": f"{tomorrow} 09:00-24:00"})
        assert status == 200 and (hours["source"], hours["open_now"], hours["hours_open"]) == ("admin", False, False)
        _, config = await Client(http, server).call("GET", "/api/config")
        assert config["hours_open"] is False and config["open"] is False

        status, hours = await ada.call("PUT", "/api/admin/hours", {"spec": f"{tomorrow} 09:00-24:00; SAT,sun 12:00-20:00"})
        assert status == 200
        assert hours["windows"] == [{"days": [tomorrow], "start": "09:00", "end": "24:00"},
                                    {"days": ["sat", "sun"], "start": "12:00", "end": "20:00"}]

        for spec in ("mon 9-17", "sometimes", "mon-fri 09:00-25:00", "mon 09:00-17:00;;tue", ";", 42, "x" * 600):
            status, answer = await ada.call("PUT", "/api/admin/hours", {"spec": spec})
            assert (status, answer["error"]) == (400, "bad_request"), spec
        assert (await redis.get(keys.OPENING_HOURS)).decode().startswith(tomorrow)  # the bad ones changed nothing

        status, hours = await ada.call("DELETE", "/api/admin/hours")
        assert status == 200 and hours["source"] == "environment" and hours["always"] is True
        _, config = await Client(http, server).call("GET", "/api/config")
        assert config["hours_open"] is True
    assert [e[1] for e in await _audit(redis) if e[0] == "ada"].count("settings.hours") == 3


async def test_safe_words_round_trip(server: str, make_user: Callable[..., Any], redis: aioredis.Redis) -> None:
    from chat.safe_words import load_safe_words

    make_user("ada", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, words = await ada.call("GET", "/api/admin/safe-words")
        assert status == 200 and words == {"nl": [], "en": [], "fr": []}
        status, words = await ada.call("PUT", "/api/admin/safe-words", {
            "nl": ["  blauwe   vogel ", "Blauwe vogel", "", "pizza met ananas"], "en": ["blue bird"], "pl": ["niebieski ptak"]})
        assert status == 200
        assert words == {"nl": ["blauwe vogel", "pizza met ananas"], "en": ["blue bird"], "fr": [],
                         "pl": ["niebieski ptak"]}
        assert (await ada.call("GET", "/api/admin/safe-words"))[1] == words
        assert await load_safe_words(redis) == words  # what the message path reads

        for body in ({"nl": "blauwe vogel"}, {"nl": [1]}, {"NL!": ["x"]}, {"nl": ["x" * 81]},
                     {"nl": [f"w{i}" for i in range(51)]}, {f"l{chr(97 + i // 26)}{chr(97 + i % 26)}": [] for i in range(21)}):
            status, answer = await ada.call("PUT", "/api/admin/safe-words", body)
            assert (status, answer["error"]) == (400, "bad_request"), body
        assert await load_safe_words(redis) == words
    assert ("ada", "settings.safe_words", "safe_words") in await _audit(redis)
    assert "vogel" not in str(await redis.xrange(keys.AUDIT))
