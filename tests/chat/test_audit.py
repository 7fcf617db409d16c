"""The audit log (chat/audit.py): each staff action leaves exactly its entry (who, what, which, when),
never message text; only admins read it; it pages, prints on the command line and is trimmed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.accounts import Accounts
from chat.audit import Action, Audit
from chat.errors import ErrorCode, HelplineError
from tests import conftest
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD, ROOT

MARKER = "MARKER-7f3a-zoete-appel"
WHISPER_MARKER = "WHISPER-91c2-kijk-uit"


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


class Log:
    """The stream as written, read straight from Redis; `new()` gives the entries since the last call."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self.last = "0-0"

    async def new(self) -> list[tuple[str, str, str]]:
        rows = await self.redis.xrange(keys.AUDIT, min="(" + self.last, max="+")
        if rows:
            self.last = rows[-1][0].decode()
        out = []
        for _, fields in rows:
            assert set(fields) == {b"actor", b"action", b"target"}, fields  # nothing else, ever
            out.append((fields[b"actor"].decode(), fields[b"action"].decode(), fields[b"target"].decode()))
        return out


async def _login_status(http: aiohttp.ClientSession, server: str, name: str, password: str) -> int:
    async with http.post(server + "/api/login", json={"username": name, "password": password}) as response:
        return response.status


async def test_each_action_leaves_exactly_its_entry_and_no_text(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    log = Log(redis)
    make_user("cor")
    make_user("sam", role="supervisor")
    make_user("ada", role="admin")
    assert await log.new() == [("cli", "account.add", "cor"), ("cli", "account.add", "sam"), ("cli", "account.add", "ada")]

    async with aiohttp.ClientSession() as http:
        assert await _login_status(http, server, "cor", "wrong password!") == 401
        assert await log.new() == [("cor", "login.failed", "")]
        # A name that is no account is never written down: counted, at most one entry a minute.
        assert await _login_status(http, server, "mallory-chosen-name", "wrong password!") == 401
        assert await log.new() == [("", "login.failed_unknown", "1")]
        assert await _login_status(http, server, "mallory-other-name", "wrong password!") == 401
        assert await log.new() == []

        cor_token = await login(server, "cor", PASSWORD)
        sam_token = await login(server, "sam", PASSWORD)
        ada_token = await login(server, "ada", PASSWORD)
        assert await log.new() == [("cor", "login", ""), ("sam", "login", ""), ("ada", "login", "")]

        staff = await counsellor(server, cor_token)
        boss = await counsellor(server, sam_token, namespace="/supervisor")
        kid, session = await visitor(server)
        cid = session["conversation_id"]
        await say(kid, f"hallo {MARKER}")
        assert (await claim_when_queued(staff, cid))["ok"]
        assert await log.new() == [("cor", "claim", cid)]

        assert (await boss.call("monitor", {"conversation_id": cid}))["ok"]
        assert await log.new() == [("sam", "monitor", cid)]
        assert (await boss.call("whisper", {"conversation_id": cid, "text": WHISPER_MARKER}))["ok"]
        assert await log.new() == [("sam", "whisper", cid)]
        assert await boss.call("unmonitor", {"conversation_id": cid}) == {"ok": True}
        assert await log.new() == [("sam", "unmonitor", cid)]
        # A refused action leaves nothing.
        assert (await boss.call("monitor", {"conversation_id": "0" * 32}))["error"] == "not_found"
        assert await log.new() == []

        assert await say(staff, f"antwoord {MARKER}", cid)
        assert await staff.call("transfer", {"conversation_id": cid, "to_queue": "youth", "note": MARKER}) == {"ok": True}
        assert await log.new() == [("cor", "transfer", cid)]
        assert (await claim_when_queued(staff, cid))["ok"]
        assert (await staff.call("close", {"conversation_id": cid, "outcome": "other", "note": MARKER}))["ok"]
        assert await log.new() == [("cor", "claim", cid)]  # closing is ordinary work, not audited

        auth = {"Authorization": f"Bearer {sam_token}"}
        async with http.get(f"{server}/api/supervisor/transcripts/{cid}", headers=auth) as response:
            assert response.status == 200
        assert await log.new() == [("sam", "transcript.view", cid)]
        async with http.get(f"{server}/api/supervisor/transcripts/{'0' * 32}", headers=auth) as response:
            assert response.status == 404
        assert await log.new() == []

        admin = {"Authorization": f"Bearer {ada_token}"}
        canned = {"responses": [{"id": "x", "language": "nl", "title": "t", "text": MARKER}]}
        async with http.put(server + "/api/canned", json=canned, headers=admin) as response:
            assert response.status == 200
        async with http.put(server + "/api/directory", json={"organisations": [{"id": "a", "name": MARKER}]},
                            headers=admin) as response:
            assert response.status == 200
        assert await log.new() == [("ada", "settings.canned", "canned"), ("ada", "settings.directory", "directory")]

        await Accounts(redis, 3600).add("cor", "another password", "counsellor")
        await Accounts(redis, 3600).remove("sam")
        assert await log.new() == [("cli", "account.update", "cor"), ("cli", "account.remove", "sam")]

        async with http.post(server + "/api/logout", headers=admin) as response:
            assert response.status == 200
        assert await log.new() == [("ada", "logout", "")]
        await staff.close()
        await boss.close()
        await kid.close()

    # Every entry, all fields: no message, note, whisper or canned text, no unknown name.
    everything = str(await redis.xrange(keys.AUDIT))
    for secret in (MARKER, WHISPER_MARKER, "mallory"):
        assert secret not in everything


async def test_only_admins_read_the_log_newest_first_in_pages(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    make_user("cor")
    make_user("sam", role="supervisor")
    make_user("ada", role="admin")
    tokens = {name: await login(server, name, PASSWORD) for name in ("cor", "sam", "ada")}
    async with aiohttp.ClientSession() as http:
        async with http.get(server + "/api/admin/audit") as response:
            assert response.status == 401
        for name in ("cor", "sam"):
            async with http.get(server + "/api/admin/audit", headers={"Authorization": f"Bearer {tokens[name]}"}) as r:
                assert r.status == 403 and (await r.json())["error"] == "not_allowed"

        admin = {"Authorization": f"Bearer {tokens['ada']}"}

        async def page(query: str) -> tuple[int, dict[str, Any]]:
            async with http.get(server + "/api/admin/audit" + query, headers=admin) as r:
                return r.status, await r.json()

        # Written so far, oldest first: 3 account.add, 3 logins.
        status, first = await page("?limit=4")
        assert status == 200
        assert [(e["actor"], e["action"], e["target"]) for e in first["entries"]] == [
            ("ada", "login", ""), ("sam", "login", ""), ("cor", "login", ""), ("cli", "account.add", "ada")]
        assert all(set(e) == {"id", "at", "actor", "action", "target"} for e in first["entries"])
        ats = [e["at"] for e in first["entries"]]
        assert ats == sorted(ats, reverse=True) and abs(ats[0] - time.time() * 1000) < 60_000
        status, second = await page(f"?limit=4&before={first['next_before']}")
        assert [(e["actor"], e["action"]) for e in second["entries"]] == [("cli", "account.add")] * 2
        assert second["next_before"] is None
        # The first read is recorded; a time in ms pages too.
        _, latest = await page("?limit=1")
        assert (latest["entries"][0]["actor"], latest["entries"][0]["action"]) == ("ada", "audit.view")
        _, by_time = await page(f"?limit=1000&before={first['entries'][0]['at']}")
        assert "login" not in [e["action"] for e in by_time["entries"] if e["actor"] == "ada"]
        for bad in ("?before=yesterday", "?limit=many", "?before=1-2-3"):
            assert (await page(bad))[0] == 400


async def test_entries_past_retention_are_trimmed(redis: aioredis.Redis) -> None:
    now = int(time.time() * 1000)
    await redis.xadd(keys.AUDIT, {"actor": "old", "action": "login", "target": ""}, id=f"{now - 3 * 86_400_000}-0")
    await redis.xadd(keys.AUDIT, {"actor": "recent", "action": "login", "target": ""}, id=f"{now - 86_400_000}-0")
    audit = Audit(redis, retention_days=2)
    assert [e["actor"] for e in await audit.entries()] == ["recent"]
    await audit.record("new", Action.LOGOUT)
    assert [e["actor"] for e in await audit.entries()] == ["new", "recent"]
    assert await redis.xlen(keys.AUDIT) == 2
    assert [e["actor"] for e in await Audit(redis, retention_days=0).entries()] == ["new", "recent"]  # 0: kept


async def test_odd_before_values_are_answered_not_crashed(redis: aioredis.Redis) -> None:
    """Attacker report: `before=0-0` answered 503 with a traceback in the log."""
    audit = Audit(redis, retention_days=0)
    await audit.record("anna", Action.LOGOUT)
    assert await audit.entries(before="0-0") == []
    with pytest.raises(HelplineError) as refused:
        await audit.entries(before="99999999999999999999999-0")
    assert refused.value.code == ErrorCode.BAD_REQUEST


def test_cli_prints_the_log_and_records_exports(tmp_path: Path, redis_url: str, make_user: Callable[..., Any]) -> None:
    make_user("cor")
    env = {**os.environ, **conftest.test_env(tmp_path, redis_url)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "chat", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)

    assert cli("export-feedback", "-o", str(tmp_path / "feedback.jsonl")).returncode == 0
    printed = cli("audit", "--limit", "5")
    assert printed.returncode == 0, printed.stderr
    lines = [line.split("\t") for line in printed.stdout.splitlines()]
    assert [line[1:4] for line in lines] == [["cli", "export.feedback", "0"], ["cli", "account.add", "cor"]]
    assert lines[0][0].endswith("+00:00")  # ISO time, UTC
    assert cli("audit", "--before", "garbage").returncode == 2
