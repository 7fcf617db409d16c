"""Ending staff sessions everywhere (chat/revocation.py): logout, password or role change and removal
close that person's sockets on every namespace and every process within seconds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp
import redis.asyncio as aioredis

from chat.accounts import Accounts
from tests.chat.clients import Peer, counsellor, login
from tests.conftest import PASSWORD, ServerProcess

WITHIN_S = 5.0


async def _closed(peer: Peer) -> bool:
    deadline = asyncio.get_running_loop().time() + WITHIN_S
    while asyncio.get_running_loop().time() < deadline:
        if peer.namespace not in peer.client.namespaces:
            return True
        await asyncio.sleep(0.05)
    return False


async def test_logout_on_one_process_ends_every_socket_on_every_process(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any]
) -> None:
    a, b = server_process(), server_process()
    make_user("sophie", role="supervisor")
    make_user("tom")
    token = await login(a.url, "sophie", PASSWORD)
    boards = [await counsellor(url, token, namespace="/supervisor") for url in (a.url, b.url)]
    consoles = [await counsellor(url, token) for url in (a.url, b.url)]
    other = await counsellor(b.url, await login(b.url, "tom", PASSWORD))

    async with aiohttp.ClientSession() as http, http.post(
        b.url + "/api/logout", headers={"Authorization": f"Bearer {token}"}
    ) as response:
        assert response.status == 200
    for peer in boards + consoles:
        assert await _closed(peer), peer.namespace
    assert await other.call("mine") == {"conversations": []}  # someone else's login holds


async def test_password_role_change_and_removal_end_the_logins(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any], redis_url: str
) -> None:
    proc = server_process()
    for name in ("uma", "vera", "wim"):
        make_user(name, role="supervisor")
    tokens = {name: await login(proc.url, name, PASSWORD) for name in ("uma", "vera", "wim")}
    boards = {name: await counsellor(proc.url, token, namespace="/supervisor") for name, token in tokens.items()}
    client = aioredis.Redis.from_url(redis_url)
    try:
        accounts = Accounts(client, 3600)
        await accounts.add("uma", "a new password!", "supervisor")  # password changed
        await accounts.add("vera", PASSWORD, "counsellor")  # no longer a supervisor
        await accounts.remove("wim")
    finally:
        await client.aclose()
    for name, peer in boards.items():
        assert await _closed(peer), name
    async with aiohttp.ClientSession() as http:
        for token in tokens.values():
            async with http.get(proc.url + "/api/me", headers={"Authorization": f"Bearer {token}"}) as response:
                assert response.status == 401
