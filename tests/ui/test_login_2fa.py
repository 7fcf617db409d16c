"""The staff login form with a second factor: the code field appears when the server asks for it
(docs/ui.md), a wrong code is refused like a wrong password, and an account that must first be enrolled
is told so."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import pyotp
from playwright.sync_api import Page, expect

from chat.accounts import Accounts
from chat.crypto import Vault
from tests.conftest import TEST_MASTER_KEY, ServerProcess, _run_sync


def _enrol(redis_url: str, name: str) -> pyotp.TOTP:
    async def work() -> str:
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(redis_url)
        try:
            vault = Vault(base64.urlsafe_b64decode(TEST_MASTER_KEY))
            return await Accounts(client, 3600, vault=vault).enrol_totp(name)
        finally:
            await client.aclose()

    uri = _run_sync(work)
    return pyotp.TOTP(parse_qs(urlparse(uri).query)["secret"][0])


def _submit(page: Page, name: str, password: str, otp: str | None = None) -> None:
    page.fill("#username", name)
    page.fill("#password", password)
    if otp is not None:
        page.fill("#otp", otp)
    page.click("#login-form button[type=submit]")


def test_the_code_field_appears_when_asked_and_lets_the_supervisor_in(
    open_page: Callable[..., Page], server_process: Callable[..., ServerProcess], make_user: Callable[..., Any],
    redis_url: str, shot: Callable[[Page, str], None],
) -> None:
    server = server_process(HELPLINE_REQUIRE_2FA="supervisor,admin").url
    name, password = f"sup{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    make_user(name, password, role="supervisor")
    totp = _enrol(redis_url, name)
    page = open_page(f"{server}/supervisor")
    expect(page.locator("#view-login")).to_be_visible()
    expect(page.locator("#otp")).to_be_hidden()

    _submit(page, name, password)
    expect(page.locator("#otp")).to_be_visible()
    expect(page.locator("label[for=otp]")).to_have_text("Code uit je authenticator-app")
    expect(page.locator("#login-error")).to_have_text("Vul ook de code uit je authenticator-app in.")
    shot(page, "login_otp_asked")

    wrong = "000000" if totp.now() != "000000" else "111111"
    page.fill("#otp", wrong)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#login-error")).to_have_text("Inloggen mislukt.")
    expect(page.locator("#otp")).to_be_visible()
    expect(page.locator("#otp")).to_have_value("")

    page.fill("#otp", totp.now())
    page.click("#login-form button[type=submit]")
    expect(page.locator("#view-board")).to_be_visible()
    expect(page.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
    expect(page.locator("#view-login")).to_be_hidden()


def test_an_account_that_must_be_enrolled_is_told_so(
    open_page: Callable[..., Page], server_process: Callable[..., ServerProcess], make_user: Callable[..., Any],
) -> None:
    server = server_process(HELPLINE_REQUIRE_2FA="supervisor,admin").url
    name, password = f"adm{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    make_user(name, password, role="admin")
    page = open_page(f"{server}/console")
    expect(page.locator("#view-login")).to_be_visible()
    page.select_option("#lang", "en")
    expect(page.locator("label[for=username]")).to_have_text("Username")
    _submit(page, name, password)
    expect(page.locator("#login-error")).to_have_text(
        "This account needs a second login step first. Ask the administrator to link your authenticator app.")
    expect(page.locator("#otp")).to_be_hidden()
    page.select_option("#lang", "fr")
    expect(page.locator("label[for=otp]")).to_have_text("Code de ton application d’authentification")
