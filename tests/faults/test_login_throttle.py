"""Guessing staff passwords (chat/accounts.py): throttled per user name, never per address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp
import redis.asyncio as aioredis

from chat import keys
from tests.conftest import PASSWORD


async def _login(http: aiohttp.ClientSession, server: str, name: str, password: str) -> tuple[int, dict[str, Any], str]:
    async with http.post(server + "/api/login", json={"username": name, "password": password}) as response:
        return response.status, await response.json(), response.headers.get("Retry-After", "")


async def test_after_five_wrong_passwords_even_the_right_one_waits(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    make_user("gijs")
    async with aiohttp.ClientSession() as http:
        for _ in range(5):
            assert (await _login(http, server, "gijs", "wrong password!"))[0] == 401
        status, body, retry_after = await _login(http, server, "gijs", PASSWORD)
        assert status == 429 and body["error"] == "rate_limited" and 1 <= int(retry_after) <= 30
        # A name that does not exist is throttled the same way: 429 tells nothing about existence.
        for _ in range(5):
            assert (await _login(http, server, "niemand", "wrong password!"))[0] == 401
        assert (await _login(http, server, "niemand", PASSWORD))[0] == 429

        # When the wait is over the right password works and the count starts again;
        # the next lock after five more failures is longer.
        client = aioredis.Redis.from_url(redis_url)
        try:
            await client.hset(keys.login_failures("gijs"), "until_ms", 0)
            assert (await _login(http, server, "gijs", PASSWORD))[0] == 200
            assert await client.exists(keys.login_failures("gijs")) == 0
            for _ in range(6):
                await _login(http, server, "gijs", "wrong password!")
            await client.hset(keys.login_failures("gijs"), "until_ms", 0)
            await _login(http, server, "gijs", "wrong password!")
            status, _, retry_after = await _login(http, server, "gijs", PASSWORD)
            assert status == 429 and int(retry_after) > 30
            stored = {k.decode() for k in await client.hkeys(keys.login_failures("gijs"))}
            assert stored == {"count", "until_ms"}  # no address, no user agent
        finally:
            await client.aclose()


async def test_a_burst_of_parallel_guesses_gets_no_more_checks_than_one_by_one(
    server: str, make_user: Callable[..., Any]
) -> None:
    """Regression (an attacker's report, 2026-11-29): 60 parallel guesses were all checked, and the right
    one, sent last, got in."""
    import asyncio

    make_user("henk")
    async with aiohttp.ClientSession() as http:
        answers = await asyncio.gather(*(_login(http, server, "henk", "wrong password!") for _ in range(40)),
                                       _login(http, server, "henk", PASSWORD))
    statuses = [status for status, _, _ in answers]
    # At most five passwords were checked, whichever arrived first (the right one may be among them).
    assert statuses.count(401) + statuses.count(200) <= 5, statuses
    assert statuses.count(429) >= 36
