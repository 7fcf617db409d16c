"""Attacks on the admin endpoints and the report over real HTTP, a real server and Redis: two admins who
deactivate or demote each other at the same moment, report dates at the edge of the calendar, and opening
hours that would never open."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.accounts import Accounts
from tests.chat.clients import login
from tests.chat.test_admin_api import Client
from tests.conftest import PASSWORD


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def _active_admins(redis: aioredis.Redis) -> list[str]:
    return [a.username for a in await Accounts(redis, 3600).list() if a.role == "admin" and a.active]


@pytest.mark.parametrize("change", [{"active": False}, {"role": "counsellor"}])
async def test_two_admins_cannot_remove_each_other_at_once(server: str, make_user: Callable[..., Any],
                                                           redis: aioredis.Redis, change: dict[str, Any]) -> None:
    """Each admin may change the other, but not both at once: the second change comes from a login that the
    first one ended, so at least one admin is always left (docs/operations.md, "Admin page")."""
    for round_ in range(3):
        a, b = f"ada{round_}", f"bob{round_}"
        make_user(a, role="admin")
        make_user(b, role="admin")
        async with aiohttp.ClientSession() as http:
            ada = Client(http, server, await login(server, a, PASSWORD))
            bob = Client(http, server, await login(server, b, PASSWORD))
            results = await asyncio.gather(ada.call("PATCH", f"/api/admin/accounts/{b}", change),
                                           bob.call("PATCH", f"/api/admin/accounts/{a}", change))
        statuses = sorted(status for status, _ in results)
        assert statuses == [200, 401], results
        left = [n for n in await _active_admins(redis) if n in {a, b}]
        assert len(left) == 1, (round_, left)


@pytest.mark.parametrize("query", ["from=9999-12-31&to=9999-12-31", "from=9999-12-01&to=9999-12-31&per=week",
                                   "from=0001-01-01&to=0001-01-02"])
async def test_report_dates_at_the_edge_of_the_calendar(server: str, make_user: Callable[..., Any],
                                                        query: str) -> None:
    make_user("sam", role="supervisor")
    async with aiohttp.ClientSession() as http:
        sam = Client(http, server, await login(server, "sam", PASSWORD))
        for path in ("/api/supervisor/report", "/api/supervisor/report.csv"):
            status, answer = await sam.call("GET", f"{path}?{query}")
            assert (status, answer["error"]) == (400, "bad_request"), (path, query, answer)
            assert "date" in answer["detail"]


@pytest.mark.parametrize("spec", ["mon 24:00-00:00", "mon-sun 24:00-02:00", "mon 24:00-24:00"])
async def test_hours_that_start_at_24_are_refused(server: str, make_user: Callable[..., Any],
                                                  redis: aioredis.Redis, spec: str) -> None:
    """24:00 is the end of a day, not a start: 'mon 24:00-00:00' would keep the helpline closed for ever
    while the page shows a window on Monday."""
    make_user("ada", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, answer = await ada.call("PUT", "/api/admin/hours", {"spec": spec})
        assert (status, answer["error"]) == (400, "bad_request"), answer
        status, hours = await ada.call("GET", "/api/admin/hours")
        assert status == 200 and hours["source"] == "environment"


async def test_deactivation_closes_open_sockets_and_reactivation_revives_no_login(
    server: str, make_user: Callable[..., Any]
) -> None:
    """A deactivated counsellor or supervisor cannot go on acting over a socket opened before, and
    re-activating the account does not bring that old login back."""
    from tests.chat.clients import counsellor
    from tests.chat.test_revocation import _closed

    make_user("ada", role="admin")
    make_user("cor")
    make_user("sam", role="supervisor")
    tokens = {n: await login(server, n, PASSWORD) for n in ("cor", "sam")}
    console = await counsellor(server, tokens["cor"])
    board = await counsellor(server, tokens["sam"], namespace="/supervisor")
    assert await console.call("mine") == {"conversations": []}
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        for name in ("cor", "sam"):
            status, _ = await ada.call("PATCH", f"/api/admin/accounts/{name}", {"active": False})
            assert status == 200
        assert await _closed(console) and await _closed(board)
        for name in ("cor", "sam"):
            status, _ = await ada.call("PATCH", f"/api/admin/accounts/{name}", {"active": True})
            assert status == 200
            status, answer = await Client(http, server, tokens[name]).call("GET", "/api/me")
            assert (status, answer["error"]) == (401, "unauthorized")


async def test_two_admins_creating_the_same_name_at_once(server: str, make_user: Callable[..., Any],
                                                         redis: aioredis.Redis) -> None:
    """One creation wins and the other is told the name exists; neither silently overwrites the other's
    password or role."""
    make_user("ada", role="admin")
    make_user("bob", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        bob = Client(http, server, await login(server, "bob", PASSWORD))
        for round_ in range(3):
            name = f"nina{round_}"
            results = await asyncio.gather(
                ada.call("POST", "/api/admin/accounts", {"username": name, "password": "ada's choice", "role": "counsellor"}),
                bob.call("POST", "/api/admin/accounts", {"username": name, "password": "bob's choice", "role": "admin"}))
            assert sorted(status for status, _ in results) == [201, 409], results
            winner = results[0][1] if results[0][0] == 201 else results[1][1]
            assert (await Accounts(redis, 3600).get(name)).role == winner["role"]  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["аda", "ada\u0301", "ａｄａ", "ada\u200b"])
async def test_names_that_look_like_another_are_refused(server: str, make_user: Callable[..., Any],
                                                        redis: aioredis.Redis, name: str) -> None:
    """A Cyrillic "а", a combining accent or full-width letters make a name that reads as "ada" in the
    account list and the audit log; new names are plain ASCII."""
    make_user("ada", role="admin")
    async with aiohttp.ClientSession() as http:
        ada = Client(http, server, await login(server, "ada", PASSWORD))
        status, answer = await ada.call("POST", "/api/admin/accounts",
                                        {"username": name, "password": "long enough", "role": "admin"})
        assert (status, answer["error"]) == (400, "bad_request"), answer
    assert await redis.smembers(keys.USERS) == {b"ada"}
