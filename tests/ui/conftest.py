"""Browser-test fixtures: Debian's chromium driven by Playwright's sync API, every request to a
non-localhost host blocked and recorded (tests assert that none was attempted).

The server comes from the project's `live_server` and `make_user` fixtures (tests/conftest.py). If
those are not available (e.g. running this folder on its own before they land), a server is started
here with `python -m chat serve` on a temporary data folder, and accounts are made with the CLI.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PHONE = {"width": 390, "height": 844}

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError:  # pragma: no cover
    pytest.skip("browser tests need the playwright Python package (pip install playwright)", allow_module_level=True)


# ---------------------------------------------------------------------------------------------
# Server: the project's fixtures when present, else our own.
# ---------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def _own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("ui-data")
    port = _free_port()
    env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_REQUIRE_2FA": "none"}
    log = open(data / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "chat", "serve", "--port", str(port)], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.skip("could not start `python -m chat serve` for the browser tests")
    yield base, data
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> tuple[str, Callable[[str, str, str], None]]:
    """(base URL, make(name, password, role)): the project's fixtures when present, else our own server."""
    try:
        base = str(request.getfixturevalue("live_server")).rstrip("/")
        make_user = request.getfixturevalue("make_user")
        return base, lambda name, password, role: make_user(name, password, role=role)
    except pytest.FixtureLookupError:
        pass
    base, data = request.getfixturevalue("_own_server")

    def cli(name: str, password: str, role: str) -> None:
        env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_PASSWORD": password}
        subprocess.run([sys.executable, "-m", "chat", "user", "add", name, "--role", role], cwd=REPO, env=env,
                       check=True, capture_output=True, timeout=60)

    return base, cli


@pytest.fixture
def server(backend: tuple[str, Any]) -> str:
    """Base URL of a running helpline server."""
    return backend[0]


@pytest.fixture
def user(backend: tuple[str, Callable[[str, str, str], None]]) -> Callable[..., tuple[str, str]]:
    """user(role) -> (username, password): a fresh staff account on `server`."""

    def make(role: str = "counsellor") -> tuple[str, str]:
        name = f"{role[:3]}{uuid.uuid4().hex[:8]}"
        password = f"pw-{uuid.uuid4().hex}"
        backend[1](name, password, role)
        return name, password

    return make


# ---------------------------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Guard:
    """Blocks and records requests to non-local hosts, and CSP / page errors."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []

    def route(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def watch(self, page: Page) -> None:
        def on_ws(ws: Any) -> None:
            if (urlparse(ws.url).hostname or "") not in LOCAL_HOSTS:
                self.external.append(ws.url)

        def on_console(msg: Any) -> None:
            text = msg.text
            if msg.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
                self.errors.append(text)

        page.on("websocket", on_ws)
        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """open_page(url, phone=False, exit_url=None, locale="nl-NL") -> a new page in its own context (own
    storage); `locale` is the browser's language (navigator.languages)."""
    guard = Guard()
    contexts: list[BrowserContext] = []

    def make(url: str, phone: bool = False, exit_url: str | None = None, locale: str = "nl-NL") -> Page:
        kw: dict[str, Any] = {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True} if phone \
            else {"viewport": {"width": 1280, "height": 860}}
        ctx = browser.new_context(locale=locale, **kw)
        contexts.append(ctx)
        ctx.route("**/*", guard.route)
        if exit_url:
            # Where quick exit goes in tests: a local page, so the test never reaches another host.
            ctx.add_init_script(f"window.HELPLINE_CONFIG = {{exitUrl: {exit_url!r}}};")
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        guard.watch(page)
        page.goto(url)
        return page

    make.guard = guard  # type: ignore[attr-defined]
    yield make
    for ctx in contexts:
        ctx.close()
    assert guard.external == [], f"requests to non-local hosts were attempted: {guard.external}"
    assert guard.errors == [], f"CSP violations or page errors: {guard.errors}"


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False, animations="disabled")


@pytest.fixture
def shot() -> Callable[[Page, str], None]:
    """shot(page, name): save test-output/screenshots/<name>.png."""
    return _shot


# Triage runs in a worker process (nice 10) that loads its model at start; on a loaded two-core machine the first
# result can take well over 20 s. Waiting longer costs nothing when it is fast and keeps these tests honest.
TRIAGE_WAIT_MS = 60_000
