"""The server as an operator runs it: `python -m chat serve` processes, several on one Redis, stopped
and started again, and what they leave behind on disk and in Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest
import redis
import socketio

from chat.accounts import Accounts
from tests import conftest
from tests.chat.clients import (
    DEFAULT_TIMEOUT,
    Peer,
    claim_when_queued,
    close_all,
    counsellor,
    login,
    say,
    visitor,
)
from tests.conftest import PASSWORD, ROOT, ServerProcess

# -- helpers ------------------------------------------------------------------------------------------


class Embedded:
    """Server processes that each start (or reuse) the embedded Redis in one fresh data folder."""

    def __init__(self, tmp_path: Path, redis_url: str) -> None:
        # A short path: the Redis unix socket lives in it (about 100 characters at most).
        self.data_dir = Path(tempfile.mkdtemp(prefix="hl-p-", dir="/tmp"))
        self.tmp_path = tmp_path
        self.redis_url = redis_url
        self.started: list[ServerProcess] = []

    def env(self, **extra: str) -> dict[str, str]:
        env = conftest.test_env(self.tmp_path, self.redis_url, HELPLINE_DATA_DIR=str(self.data_dir), **extra)
        env.pop("REDIS_URL")
        return env

    @property
    def socket(self) -> Path:
        return self.data_dir / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def log_path(self, n: int) -> Path:
        return self.tmp_path / f"embedded-{n}.log"

    def start(self, **extra: str) -> ServerProcess:
        proc = ServerProcess(self.env(**extra), self.log_path(len(self.started)))
        proc.env.pop("REDIS_URL", None)  # also when the test run itself has one
        self.started.append(proc)
        return proc.start()

    def cli(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **self.env(**extra)}
        env.pop("REDIS_URL", None)
        return subprocess.run([sys.executable, "-m", "chat", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)

    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=10)

    def redis_pid(self) -> int:
        client = self.client()
        try:
            return int(client.info("server")["process_id"])
        finally:
            client.close()

    def close(self) -> None:
        for proc in self.started:
            proc.stop()
        # A Redis left behind by a killed server process: stop it too.
        if self.socket.exists():
            with contextlib.suppress(redis.RedisError, OSError):
                os.kill(self.redis_pid(), signal.SIGTERM)
        shutil.rmtree(self.data_dir, ignore_errors=True)


@pytest.fixture
def embedded(tmp_path: Path, redis_url: str) -> Iterator[Embedded]:
    env = Embedded(tmp_path, redis_url)
    yield env
    env.close()


async def add_account(url: str, name: str, role: str = "counsellor") -> None:
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(url)
    try:
        await Accounts(client, 3600).add(name, PASSWORD, role)
    finally:
        await client.aclose()


async def wait_message(peer: Peer, text: str) -> dict[str, Any]:
    result: dict[str, Any] = await peer.wait_for("message", lambda m: m["text"] == text)
    return result


def files_containing(folder: Path, needles: dict[str, bytes]) -> dict[str, list[str]]:
    """{needle name: [files under folder whose bytes contain it]} for the needles found anywhere."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_socket():
            continue
        data = path.read_bytes()
        for name, needle in needles.items():
            if needle in data:
                found.setdefault(name, []).append(str(path.relative_to(folder)))
    return found


def rewrite_aof(client: redis.Redis) -> None:
    """Have Redis rewrite its append-only file (uncompressed) and wait for it to finish."""
    client.config_set("rdbcompression", "no")
    client.bgrewriteaof()
    for _ in range(400):
        info = client.info("persistence")
        if not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]:
            assert info["aof_last_bgrewrite_status"] == "ok", info
            return
        time.sleep(0.05)
    raise AssertionError("BGREWRITEAOF did not finish")


def every_redis_value(client: redis.Redis) -> bytes:
    """Every key and every value in Redis, as one blob of bytes to search."""
    parts: list[bytes] = []
    for key in client.scan_iter(count=500):
        parts.append(key)
        kind = client.type(key).decode()
        if kind == "string":
            parts.append(client.get(key) or b"")
        elif kind == "hash":
            for field, value in client.hgetall(key).items():
                parts += [field, value]
        elif kind == "list":
            parts += client.lrange(key, 0, -1)
        elif kind == "set":
            parts += list(client.smembers(key))
        elif kind == "zset":
            parts += [member for member, _ in client.zrange(key, 0, -1, withscores=True)]
        dumped = client.dump(key)
        if dumped:
            parts.append(dumped)
    return b"\n".join(parts)


# -- (a) two processes on one Redis -------------------------------------------------------------------


async def test_two_processes_on_one_redis_chat_both_ways_and_share_one_queue(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any]
) -> None:
    a = server_process()
    b = server_process()
    for name in ("bob", "carla", "dave"):
        make_user(name)
    bob = await counsellor(b.url, await login(b.url, "bob", PASSWORD))

    kid, session = await visitor(a.url)
    cid = session["conversation_id"]
    assert (await say(kid, "hallo vanaf proces A"))["seq"] == 1
    claimed = await claim_when_queued(bob, cid)  # the queue shows up on B
    assert claimed["ok"] and [m["text"] for m in claimed["conversation"]["messages"]][0] == "hallo vanaf proces A"
    await kid.wait_for("status", lambda s: s["status"] == "active")

    reply = await say(bob, "antwoord vanaf proces B", cid)
    got = await wait_message(kid, "antwoord vanaf proces B")
    assert got["seq"] == reply["seq"] and got["sender"] == "counsellor"
    sent = await say(kid, "en weer terug naar B")
    seen = await wait_message(bob, "en weer terug naar B")
    assert seen["seq"] == sent["seq"] and seen["conversation_id"] == cid
    assert await bob.call("typing", {"conversation_id": cid, "typing": True}) == {"ok": True}
    assert await kid.wait_for("typing") == {"sender": "counsellor", "typing": True}

    # A claim race between a counsellor on A and one on B: exactly one winner, every time.
    carla = await counsellor(a.url, await login(a.url, "carla", PASSWORD))
    dave = await counsellor(b.url, await login(b.url, "dave", PASSWORD))
    kids = [await visitor((a if n % 2 else b).url) for n in range(3)]
    for peer, _ in kids:
        await say(peer, "help")
    for peer, other in kids:
        other_cid = other["conversation_id"]
        for staff in (carla, dave):
            await staff.wait_for("queue", lambda q, c=other_cid: any(w["conversation_id"] == c for w in q["waiting"]))
        results = await asyncio.gather(
            carla.call("claim", {"conversation_id": other_cid}), dave.call("claim", {"conversation_id": other_cid})
        )
        winners = [r for r in results if r["ok"]]
        assert len(winners) == 1, results
        assert [r["error"] for r in results if not r["ok"]] == ["not_found"], results
        winner = carla if results[0]["ok"] else dave
        assert other_cid in [c["conversation_id"] for c in (await winner.call("mine"))["conversations"]]
        # The winner's words reach the visitor, whichever process each of them is on.
        await say(winner, "ik help je", other_cid)
        await wait_message(peer, "ik help je")
    mine = [(await s.call("mine"))["conversations"] for s in (carla, dave)]
    assert sorted(c["conversation_id"] for m in mine for c in m) == sorted(s["conversation_id"] for _, s in kids)
    await close_all()  # before the processes stop (see test_sigterm_with_clients_connected_stops_promptly)


# -- (b) stopped and started again: nothing lost --------------------------------------------------------


async def _check_everything_is_back(url: str, token: str, resume_token: str, cid: str,
                                    expected: list[tuple[str, str]], note: str) -> tuple[Peer, Peer]:
    kid, session = await visitor(url, {"resume_token": resume_token})
    assert session["conversation_id"] == cid and session["status"] == "active"
    # Replayed in full (no last_seq), in order.
    await kid.wait_for("message", lambda m: m["seq"] == len(expected))
    replay = kid.received("message")
    assert [m["seq"] for m in replay] == list(range(1, len(expected) + 1))
    assert [(m["sender"], m["text"]) for m in replay] == expected
    history = await kid.call("history", {"after_seq": 0})
    assert [(m["sender"], m["text"]) for m in history["messages"]] == expected

    staff = await counsellor(url, token)  # the login token survived the restart too
    mine = await staff.call("mine")
    assert [c["conversation_id"] for c in mine["conversations"]] == [cid]
    opened = await staff.call("open", {"conversation_id": cid})
    assert opened["ok"] and opened["conversation"]["status"] == "active"
    assert [(m["sender"], m["text"]) for m in opened["conversation"]["messages"]] == expected
    assert [n["text"] for n in opened["conversation"]["notes"]] == [note]
    return kid, staff


async def _exchange(kid: Peer, staff: Peer, cid: str, expected: list[tuple[str, str]], tag: str) -> None:
    for sender, text in (("visitor", f"bezoeker {tag}"), ("counsellor", f"hulpverlener {tag}")):
        peer = kid if sender == "visitor" else staff
        ack = await say(peer, text, cid if sender == "counsellor" else None)
        expected.append((sender, text))
        assert ack["seq"] == len(expected), (ack, expected)
        await wait_message(staff if sender == "visitor" else kid, text)


async def test_stopped_and_started_again_nothing_is_lost(embedded: Embedded) -> None:
    added = embedded.cli("user", "add", "nina", "--role", "counsellor", HELPLINE_PASSWORD=PASSWORD)
    assert added.returncode == 0, added.stderr
    first = embedded.start()
    token = await login(first.url, "nina", PASSWORD)
    nina = await counsellor(first.url, token)
    kid, session = await visitor(first.url)
    cid, resume_token = session["conversation_id"], session["resume_token"]
    expected: list[tuple[str, str]] = []
    assert (await say(kid, "help, ik weet niet wat ik moet doen"))["seq"] == 1
    expected.append(("visitor", "help, ik weet niet wat ik moet doen"))
    assert (await claim_when_queued(nina, cid))["ok"]
    await _exchange(kid, nina, cid, expected, "voor de herstart")
    note = (await nina.call("note", {"conversation_id": cid, "text": "let op: loverboy"}))["note"]["text"]
    await kid.close()
    await nina.close()

    # SIGTERM: a clean stop, which also stops the embedded Redis.
    first.stop()
    assert not embedded.socket.exists() or not _alive(embedded)
    second = embedded.start()
    kid, nina = await _check_everything_is_back(second.url, token, resume_token, cid, expected, note)
    await _exchange(kid, nina, cid, expected, "na SIGTERM")

    # SIGKILL of the server: its Redis stops with it (no orphan) and the next process starts it again ...
    second.stop(kill=True)
    await kid.close()
    await nina.close()
    third = embedded.start()
    kid, nina = await _check_everything_is_back(third.url, token, resume_token, cid, expected, note)
    await _exchange(kid, nina, cid, expected, "na SIGKILL")
    await kid.close()
    await nina.close()

    # ... and SIGKILL of both the server and Redis (a crash): the append-only file has it all.
    redis_pid = embedded.redis_pid()
    third.stop(kill=True)
    with contextlib.suppress(ProcessLookupError):  # it may have stopped with its server already
        os.kill(redis_pid, signal.SIGKILL)
    fourth = embedded.start()
    kid, nina = await _check_everything_is_back(fourth.url, token, resume_token, cid, expected, note)
    await _exchange(kid, nina, cid, expected, "na de crash")
    await kid.close()
    await nina.close()


def _alive(embedded: Embedded) -> bool:
    try:
        client = embedded.client()
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


async def test_sigterm_with_clients_connected_stops_promptly(embedded: Embedded) -> None:
    proc = embedded.start()
    await add_account(embedded.url, "olga")
    staff = await counsellor(proc.url, await login(proc.url, "olga", PASSWORD))
    kid, session = await visitor(proc.url)
    await say(kid, "hoi")
    assert (await claim_when_queued(staff, session["conversation_id"]))["ok"]
    assert proc.proc is not None
    proc.proc.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.to_thread(_wait_exit, proc, 10.0)
        assert code == 0, f"still running 10 s after SIGTERM (code {code})"
    finally:
        proc.stop(kill=True)
        await close_all()


def _wait_exit(proc: ServerProcess, seconds: float) -> int | None:
    assert proc.proc is not None
    try:
        return proc.proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


# -- (c) no plaintext on disk -----------------------------------------------------------------------


async def test_no_plaintext_in_redis_files(embedded: Embedded) -> None:
    proc = embedded.start(HELPLINE_MASTER_KEY="")  # the key file in the data folder, as in production
    key_file = embedded.data_dir / "master.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    await add_account(embedded.url, "piet")
    await add_account(embedded.url, "sofie", role="supervisor")
    token = await login(proc.url, "piet", PASSWORD)
    staff = await counsellor(proc.url, token)
    boss = await counsellor(proc.url, await login(proc.url, "sofie", PASSWORD), namespace="/supervisor")
    marker = uuid.uuid4().hex
    secrets = {name: f"{name}-{marker}" for name in ("VISITOR", "COUNSELLOR", "NOTE", "WHISPER", "CLOSING", "LATER")}

    kid, session = await visitor(proc.url, {"about": "self", "lang": "nl"})
    cid = session["conversation_id"]
    await say(kid, f"mijn geheim is {secrets['VISITOR']}")
    assert (await claim_when_queued(staff, cid))["ok"]
    await say(staff, f"dank je, {secrets['COUNSELLOR']}", cid)
    await staff.call("note", {"conversation_id": cid, "text": secrets["NOTE"]})
    assert (await boss.call("monitor", {"conversation_id": cid}))["ok"]
    assert (await boss.call("whisper", {"conversation_id": cid, "text": secrets["WHISPER"]}))["ok"]
    await staff.wait_for("whisper")
    closed = await staff.call("close", {"conversation_id": cid, "outcome": "referred", "note": secrets["CLOSING"]})
    assert closed == {"ok": True}
    other, _ = await visitor(proc.url)
    await say(other, secrets["LATER"])  # stays queued

    needles = {name: text.encode() for name, text in secrets.items()}
    needles["marker"] = marker.encode()
    needles["resume token"] = session["resume_token"].encode()
    needles["login token"] = token.encode()
    needles["password"] = PASSWORD.encode()

    client = embedded.client()
    try:
        rewrite_aof(client)
        assert not {k for k, v in needles.items() if v in every_redis_value(client)}
    finally:
        client.close()
    assert files_containing(embedded.data_dir, needles) == {}
    await close_all()
    proc.stop()  # Redis flushes and closes its files
    assert not _alive(embedded)
    assert files_containing(embedded.data_dir, needles) == {}
    # The search does see the files: the conversation id (not secret) is in the append-only file.
    assert files_containing(embedded.data_dir, {"id": cid.encode()}), sorted(embedded.data_dir.rglob("*"))


# -- (d) no client address or user agent anywhere ----------------------------------------------------


async def test_no_client_ip_or_user_agent_in_logs_or_redis(embedded: Embedded) -> None:
    proc = embedded.start(HELPLINE_LOG_LEVEL="DEBUG")
    await add_account(embedded.url, "quinten")
    agent = f"Mozilla/5.0 (HelplineProbe {uuid.uuid4().hex})"
    headers = {"User-Agent": agent, "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.77",
               "Forwarded": "for=203.0.113.77"}

    async with aiohttp.ClientSession(headers=headers) as http:
        async with http.post(proc.url + "/api/login", json={"username": "quinten", "password": PASSWORD}) as response:
            assert response.status == 200
            token = (await response.json())["token"]
        async with http.get(proc.url + "/api/config") as response:
            assert response.status == 200
        async with http.post(proc.url + "/api/login", json={"username": "quinten", "password": "fout!"}) as response:
            assert response.status == 401

    staff = Peer("/counsellor")
    await staff.client.connect(proc.url, namespaces=["/counsellor"], auth={"token": token}, headers=headers,
                               transports=["websocket"], wait_timeout=DEFAULT_TIMEOUT)
    kid = Peer("/visitor")
    await kid.client.connect(proc.url, namespaces=["/visitor"], auth={}, headers=headers,
                             transports=["websocket"], wait_timeout=DEFAULT_TIMEOUT)
    session = await kid.wait_for("session")
    await say(kid, "hallo, ik heb hulp nodig")
    assert (await claim_when_queued(staff, session["conversation_id"]))["ok"]
    await say(staff, "ik ben er", session["conversation_id"])
    await wait_message(kid, "ik ben er")
    assert (await kid.call("nonsense", {}))["error"] == "unknown_event"  # error paths too
    assert await kid.call("end") == {"ok": True}
    bad = Peer("/counsellor")
    with pytest.raises(socketio.exceptions.ConnectionError):
        await bad.client.connect(proc.url, namespaces=["/counsellor"], auth={"token": "x" * 43}, headers=headers,
                                 transports=["websocket"], wait_timeout=DEFAULT_TIMEOUT)
    await close_all()
    # Long-polling carries the headers on every request: a visitor over polling, by hand.
    async with aiohttp.ClientSession(headers=headers) as http:
        base = proc.url + "/socket.io/?EIO=4&transport=polling"
        async with http.get(base) as response:
            opened = await response.text()
        sid = orjson.loads(opened[1:])["sid"]
        async with http.post(f"{base}&sid={sid}", data="40/visitor,") as response:
            assert response.status == 200
        async with http.get(f"{base}&sid={sid}") as response:
            assert '"session"' in await response.text() or response.status == 200
        async with http.post(f"{base}&sid={sid}", data="1") as response:  # engine.io close
            assert response.status == 200

    needles = {"forwarded address": b"203.0.113.77", "loopback address": b"127.0.0.1", "user agent": agent.encode(),
               "agent marker": agent.split()[-1].rstrip(")").encode()}
    client = embedded.client()
    try:
        rewrite_aof(client)
        in_redis = every_redis_value(client)
    finally:
        client.close()
    assert {k for k, v in needles.items() if v in in_redis} == set()
    assert files_containing(embedded.data_dir, needles) == {}
    # The searches do see what is there: the account name is in Redis and in its append-only file.
    assert b"quinten" in in_redis and files_containing(embedded.data_dir, {"name": b"quinten"})
    proc.stop()
    assert files_containing(embedded.data_dir, needles) == {}
    # The server's own output: only its startup line names an address (where it listens, no client's).
    log = [line for line in proc.log_path.read_bytes().splitlines() if not line.startswith(b"helpline: serving on")]
    leaked = {k for k, v in needles.items() if any(v in line for line in log)}
    assert leaked == set(), [line for line in log if any(v in line for v in needles.values())][:5]


# -- (e) the command line and the health check ---------------------------------------------------------


async def test_cli_user_add_then_login_and_healthz(
    server_process: Callable[..., ServerProcess], tmp_path: Path, redis_url: str
) -> None:
    env = {**os.environ, **conftest.test_env(tmp_path, redis_url), "HELPLINE_PASSWORD": PASSWORD}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "chat", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)

    added = cli("user", "add", "rosa", "--role", "counsellor", "--skills", "youth,crisis", "--languages", "nl,en")
    assert added.returncode == 0, added.stderr
    assert "rosa" in added.stdout and PASSWORD not in added.stdout + added.stderr
    listed = cli("user", "list")
    assert listed.returncode == 0 and "rosa\tcounsellor\tyouth,crisis\tnl,en" in listed.stdout
    assert cli("user", "add", "rosa2", "--role", "god").returncode != 0
    env["HELPLINE_PASSWORD"] = "short"
    weak = cli("user", "add", "rosa3")
    assert weak.returncode == 2 and "password" in weak.stderr
    proc = server_process()
    async with aiohttp.ClientSession() as http:
        async with http.get(proc.url + "/healthz") as response:
            assert response.status == 200 and await response.json() == {"ok": True, "redis": "ok"}
        async with http.post(proc.url + "/api/login", json={"username": "rosa", "password": PASSWORD}) as response:
            assert response.status == 200
            body = await response.json()
            assert body["username"] == "rosa" and body["role"] == "counsellor" and len(body["token"]) >= 43
            assert "hl_session" in response.cookies
        async with http.get(proc.url + "/api/me", headers={"Authorization": f"Bearer {body['token']}"}) as response:
            assert await response.json() == {"username": "rosa", "role": "counsellor", "skills": ["youth", "crisis"],
                                             "languages": ["nl", "en"]}
        async with http.post(proc.url + "/api/login", json={"username": "rosa3", "password": "short"}) as response:
            assert response.status == 401
    # The console can use the token.
    staff = await counsellor(proc.url, body["token"])
    assert await staff.call("mine") == {"conversations": []}
    await staff.close()
