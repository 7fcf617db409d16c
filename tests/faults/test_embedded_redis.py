"""The embedded Redis under faults (chat/embedded_redis.py): killed, orphaned, or outliving its server."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from chat.embedded_redis import redis_server_binary
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.chat.test_processes import Embedded, add_account
from tests.conftest import PASSWORD


@pytest.fixture
def embedded(tmp_path: Path, redis_url: str) -> Iterator[Embedded]:
    env = Embedded(tmp_path, redis_url)
    yield env
    env.close()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too (its parent has not reaped it yet).
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


async def _healthy_within(url: str, seconds: float) -> float:
    started = time.monotonic()
    async with aiohttp.ClientSession() as http:
        while time.monotonic() - started < seconds:
            try:
                async with http.get(url + "/healthz") as response:
                    if response.status == 200:
                        return time.monotonic() - started
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"not healthy within {seconds} s")


async def test_a_killed_redis_is_restarted_and_nothing_acknowledged_is_lost(embedded: Embedded) -> None:
    proc = embedded.start()
    await add_account(embedded.url, "rik")
    staff = await counsellor(proc.url, await login(proc.url, "rik", PASSWORD))
    kid, session = await visitor(proc.url)
    cid = session["conversation_id"]
    await say(kid, "voor de crash")
    await claim_when_queued(staff, cid)
    old_pid = embedded.redis_pid()

    os.kill(old_pid, signal.SIGKILL)
    # While Redis is down, the API answers JSON, never an HTML error page.
    async with aiohttp.ClientSession() as http, http.post(
        proc.url + "/api/login", json={"username": "rik", "password": PASSWORD}
    ) as response:
        assert response.content_type == "application/json"
    await _healthy_within(proc.url, 15)
    assert embedded.redis_pid() != old_pid and not _pid_alive(old_pid)  # restarted, and the dead one reaped

    for _ in range(50):  # the clients' connections survived; sends work again once Redis is back
        ack = await say(kid, "na de crash")
        if "seq" in ack:
            break
        await asyncio.sleep(0.2)
    assert ack["seq"] == 2
    history = await staff.call("history", {"conversation_id": cid, "after_seq": 0})
    assert [m["text"] for m in history["messages"]] == ["voor de crash", "na de crash"]


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs util-linux's setpriv (--pdeathsig)")
async def test_a_killed_server_leaves_no_redis_behind(embedded: Embedded) -> None:
    proc = embedded.start()
    redis_pid = embedded.redis_pid()
    proc.stop(kill=True)
    for _ in range(100):  # the kernel tells it to stop; give it up to 10 s to flush and go
        if not _pid_alive(redis_pid):
            break
        await asyncio.sleep(0.1)
    assert not _pid_alive(redis_pid)


async def test_an_orphaned_redis_from_an_earlier_crash_is_replaced_with_its_data(embedded: Embedded) -> None:
    first = embedded.start()
    kid, session = await visitor(first.url)
    await say(kid, "van voor de wees")
    await kid.close()
    first.stop()
    # A redis-server on the folder's socket with nobody owning it, as an older version could leave.
    orphan = subprocess.Popen(  # noqa: ASYNC220  # a one-off process the test owns
        [redis_server_binary(), "--port", "0", "--unixsocket", str(embedded.socket), "--dir", str(embedded.data_dir),
         "--appendonly", "yes", "--appendfilename", "helpline.aof", "--save", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if embedded.socket.exists():
                break
            await asyncio.sleep(0.05)
        second = embedded.start()
        assert orphan.wait(timeout=10) == 0  # shut down cleanly
        assert embedded.redis_pid() != orphan.pid
        again, resumed = await visitor(second.url, {"resume_token": session["resume_token"]})
        assert (await again.call("history", {"after_seq": 0}))["messages"][0]["text"] == "van voor de wees"
    finally:
        if orphan.poll() is None:
            orphan.kill()
