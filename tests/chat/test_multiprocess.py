"""Several server processes on one Redis, restarts, and what lands on disk."""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis

from tests.chat.clients import Peer, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD, ServerProcess
from tests.conftest import test_env as make_env


async def test_visitor_on_one_process_and_counsellor_on_another(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any]
) -> None:
    a, b = server_process(), server_process()
    make_user("anna")
    make_user("bob")
    anna = await counsellor(b.url, await login(b.url, "anna", PASSWORD))
    bob = await counsellor(a.url, await login(a.url, "bob", PASSWORD))
    kid, session = await visitor(a.url)
    cid = session["conversation_id"]
    await say(kid, "hoi via proces A")
    await anna.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    results = await asyncio.gather(anna.call("claim", {"conversation_id": cid}), bob.call("claim", {"conversation_id": cid}))
    assert sorted(r["ok"] for r in results) == [False, True]
    winner = anna if results[0]["ok"] else bob
    await say(winner, "antwoord van de andere kant", cid)
    got = await kid.wait_for("message", lambda m: m["sender"] == "counsellor")
    assert got["text"] == "antwoord van de andere kant"
    await say(kid, "en terug")
    assert (await winner.wait_for("message", lambda m: m["text"] == "en terug"))["seq"] == 3
    for peer in (kid, anna, bob):
        await peer.close()


def _add_user(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "chat", "user", "add", "anna"],
                   env={**os.environ, **env, "HELPLINE_PASSWORD": PASSWORD}, check=True, capture_output=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _own_redis_env(tmp_path: Path, redis_url: str, data: Path) -> dict[str, str]:
    env = make_env(tmp_path, redis_url, HELPLINE_DATA_DIR=str(data))
    env.pop("REDIS_URL")
    return env


async def test_restart_loses_nothing_and_leaves_no_plaintext_on_disk(
    tmp_path: Path, redis_url: str
) -> None:
    data = Path(f"/tmp/hl-restart-{os.getpid()}")
    env = _own_redis_env(tmp_path, redis_url, data)
    env.pop("HELPLINE_MASTER_KEY")  # the key file is made on first start, mode 0600
    await asyncio.to_thread(_add_user, env)
    marker = "GEHEIM-" + base64.b32encode(os.urandom(10)).decode()
    first = ServerProcess(env, tmp_path / "first.log").start()
    try:
        token = await login(first.url, "anna", PASSWORD)
        staff = await counsellor(first.url, token)
        kid, session = await visitor(first.url)
        cid = session["conversation_id"]
        await say(kid, f"mijn geheim is {marker}")
        await claim_when_queued(staff, cid)
        await say(staff, f"antwoord {marker}", cid)
        await say(kid, "laatste bericht voor de herstart")
        await kid.close()
        await staff.close()
    finally:
        first.stop(kill=True)  # no clean shutdown: the append-only file must be enough

    assert (data / "master.key").stat().st_mode & 0o777 == 0o600
    second = ServerProcess(env, tmp_path / "second.log").start()
    try:
        again, resumed = await visitor(second.url, {"resume_token": session["resume_token"]})
        assert resumed["conversation_id"] == cid and resumed["status"] == "active"
        await again.wait_for("message", lambda m: m["seq"] == 3)
        assert [m["text"] for m in again.received("message")] == [
            f"mijn geheim is {marker}", f"antwoord {marker}", "laatste bericht voor de herstart"
        ]
        staff = await counsellor(second.url, token)
        opened = await staff.call("open", {"conversation_id": cid})
        assert opened["ok"] and len(opened["conversation"]["messages"]) == 3
        await again.close()
        await staff.close()
    finally:
        second.stop()

    files = await asyncio.to_thread(_files, data)
    assert any(".aof" in name for name in files)
    for name, blob in files.items():
        assert marker.encode() not in blob, name
        assert session["resume_token"].encode() not in blob, name
        assert token.encode() not in blob, name


async def test_no_client_address_or_user_agent_in_logs_or_redis(
    server_process: Callable[..., ServerProcess], redis_url: str, make_user: Callable[..., Any], tmp_path: Path
) -> None:
    proc = server_process(HELPLINE_LOG_LEVEL="DEBUG")
    agent = "Mozilla/5.0 (HelplineTest; Zebra-7731)"
    headers = {"User-Agent": agent, "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.77"}
    make_user("anna")
    kid = Peer("/visitor")
    kid.client = type(kid.client)(reconnection=False)
    kid.client.on("*", kid._record, namespace="/visitor")
    await kid.client.connect(proc.url, namespaces=["/visitor"], auth={}, transports=["websocket"], headers=headers)
    session = await kid.wait_for("session")
    await say(kid, "hallo")
    staff = await counsellor(proc.url, await login(proc.url, "anna", PASSWORD))
    await claim_when_queued(staff, session["conversation_id"])
    await kid.call("message", {"text": "x" * 5000, "client_id": "too-long"})  # an error path too
    await kid.close()
    await staff.close()
    client = redis.Redis.from_url(redis_url)
    client.bgrewriteaof()
    dump = b""
    for key in client.scan_iter(count=1000):
        kind = client.type(key)
        if kind == b"string":
            dump += client.get(key) or b""
        elif kind == b"hash":
            dump += repr(client.hgetall(key)).encode()
        elif kind == b"list":
            dump += b"".join(client.lrange(key, 0, -1))
        elif kind in (b"set", b"zset"):
            dump += repr(client.zrange(key, 0, -1) if kind == b"zset" else client.smembers(key)).encode()
        dump += key
    # the server's own start-up line names its own address; everything else must not
    log = b"\n".join(line for line in proc.log_path.read_bytes().splitlines() if b"serving on" not in line)
    for needle in (b"203.0.113.77", b"127.0.0.1", b"Zebra-7731", b"HelplineTest"):
        assert needle not in dump, needle
        assert needle not in log, needle
