"""The staff second factor (chat/accounts.py): TOTP codes, asked only once the password was right, each
code used once, wrong codes throttled like wrong passwords; supervisors and admins cannot log in
before they are enrolled (HELPLINE_REQUIRE_2FA)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import aiohttp
import pyotp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.accounts import Accounts, matching_step, reseal_totp_secrets
from chat.config import Settings
from chat.crypto import Vault
from tests import conftest
from tests.conftest import PASSWORD, ROOT, TEST_MASTER_KEY

VAULT = Vault(base64.urlsafe_b64decode(TEST_MASTER_KEY))


@pytest.fixture
def settings_env(tmp_path: Path, redis_url: str) -> dict[str, str]:
    """As a real deployment: supervisors and admins need a second factor."""
    return conftest.test_env(tmp_path, redis_url, HELPLINE_REQUIRE_2FA="supervisor,admin")


@pytest.fixture
async def accounts(redis_url: str) -> AsyncIterator[Accounts]:
    client = aioredis.Redis.from_url(redis_url)
    yield Accounts(client, 3600, vault=VAULT, require_2fa=("supervisor", "admin"))
    await client.aclose()


def _secret(uri: str) -> str:
    return parse_qs(urlparse(uri).query)["secret"][0]


async def _login(http: aiohttp.ClientSession, server: str, name: str, password: str,
                 otp: str | None = None) -> tuple[int, dict[str, Any]]:
    body = {"username": name, "password": password, **({"otp": otp} if otp is not None else {})}
    async with http.post(server + "/api/login", json=body) as response:
        return response.status, await response.json()


async def test_an_enrolled_account_needs_its_code_once_the_password_is_right(
    server: str, make_user: Callable[..., Any], accounts: Accounts, redis_url: str
) -> None:
    make_user("sara")
    uri = await accounts.enrol_totp("sara")
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp" and unquote(parsed.path) == "/Helpline:sara"
    assert parse_qs(parsed.query)["issuer"] == ["Helpline"]
    totp = pyotp.TOTP(_secret(uri))
    # The secret is stored sealed, not in the clear.
    stored = await accounts.redis.hgetall(keys.user("sara"))
    assert not any(_secret(uri).encode() in value for value in stored.values())

    async with aiohttp.ClientSession() as http:
        status, body = await _login(http, server, "sara", PASSWORD)
        assert (status, body["error"]) == (401, "otp_required")
        # A wrong password never hears of the code: the same answer as for any wrong password.
        assert await _login(http, server, "sara", "wrong password!") == await _login(http, server, "nobody", "wrong password!")
        wrong_password = await _login(http, server, "sara", "wrong password!", totp.now())
        wrong_code = await _login(http, server, "sara", PASSWORD, "000000" if totp.now() != "000000" else "111111")
        assert wrong_password == wrong_code and wrong_code[0] == 401 and wrong_code[1]["error"] == "unauthorized"

        now = time.time()
        status, body = await _login(http, server, "sara", PASSWORD, totp.at(now))
        assert status == 200 and body["username"] == "sara"
        assert (await _login(http, server, "sara", PASSWORD, totp.at(now)))[0] == 401  # replayed
        assert (await _login(http, server, "sara", PASSWORD, totp.at(now + 30)))[0] == 200  # the next one
        assert (await _login(http, server, "sara", PASSWORD, totp.at(now)))[0] == 401  # an older one
        assert (await _login(http, server, "sara", PASSWORD, totp.at(now + 90)))[0] == 401  # too far ahead


async def test_supervisors_and_admins_cannot_log_in_before_enrolment(
    server: str, make_user: Callable[..., Any], accounts: Accounts
) -> None:
    make_user("boss", role="supervisor")
    make_user("root", role="admin")
    make_user("cor")
    async with aiohttp.ClientSession() as http:
        for name in ("boss", "root"):
            status, body = await _login(http, server, name, PASSWORD)
            assert (status, body["error"]) == (403, "otp_enrolment_required") and "user totp" in body["detail"]
            # A wrong password still gets the plain answer: enrolment tells nothing before the password.
            assert (await _login(http, server, name, "wrong password!"))[1]["error"] == "unauthorized"
        assert (await _login(http, server, "cor", PASSWORD))[0] == 200  # counsellors: not required
        totp = pyotp.TOTP(_secret(await accounts.enrol_totp("boss")))
        assert (await _login(http, server, "boss", PASSWORD, totp.now()))[0] == 200


async def test_logins_made_before_the_requirement_end_and_codes_may_have_spaces(
    server: str, make_user: Callable[..., Any], accounts: Accounts, redis_url: str
) -> None:
    """Upgrading to a server that requires 2FA ends the open logins of supervisors without it."""
    make_user("yara", role="supervisor")
    client = aioredis.Redis.from_url(redis_url)
    try:
        lax = Accounts(client, 3600)  # an older server, or HELPLINE_REQUIRE_2FA=none
        result = await lax.login("yara", PASSWORD)
        assert result is not None
        token = result[0]
    finally:
        await client.aclose()
    async with aiohttp.ClientSession() as http:
        async with http.get(server + "/api/me", headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 401
        totp = pyotp.TOTP(_secret(await accounts.enrol_totp("yara")))
        code = totp.now()
        assert (await _login(http, server, "yara", PASSWORD, f" {code[:3]} {code[3:]} "))[0] == 200


async def test_wrong_codes_count_in_the_login_throttle(
    server: str, make_user: Callable[..., Any], accounts: Accounts
) -> None:
    make_user("tess")
    totp = pyotp.TOTP(_secret(await accounts.enrol_totp("tess")))
    wrong = "123456" if totp.now() != "123456" else "654321"
    async with aiohttp.ClientSession() as http:
        for _ in range(5):
            assert (await _login(http, server, "tess", PASSWORD, wrong))[0] == 401
        status, body = await _login(http, server, "tess", PASSWORD, totp.now())
        assert (status, body["error"]) == (429, "rate_limited")


async def test_enrolling_and_removing_the_factor_end_the_account_s_logins(
    server: str, make_user: Callable[..., Any], accounts: Accounts
) -> None:
    make_user("uri")
    async with aiohttp.ClientSession() as http:
        token = (await _login(http, server, "uri", PASSWORD))[1]["token"]
        totp = pyotp.TOTP(_secret(await accounts.enrol_totp("uri")))
        async with http.get(server + "/api/me", headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 401
        token = (await _login(http, server, "uri", PASSWORD, totp.now()))[1]["token"]
        assert await accounts.remove_totp("uri")
        async with http.get(server + "/api/me", headers={"Authorization": f"Bearer {token}"}) as response:
            assert response.status == 401
        assert (await _login(http, server, "uri", PASSWORD))[0] == 200  # a counsellor without a factor again


async def test_secrets_survive_a_master_key_change_only_when_resealed(make_user: Callable[..., Any], redis_url: str) -> None:
    make_user("vic")
    client = aioredis.Redis.from_url(redis_url)
    try:
        totp = pyotp.TOTP(_secret(await Accounts(client, 3600, vault=VAULT).enrol_totp("vic")))
        new_vault = Vault(os.urandom(32))
        with pytest.raises(RuntimeError, match="cannot be opened"):
            await Accounts(client, 3600, vault=new_vault).login("vic", PASSWORD, totp.now())
        await client.delete(keys.login_failures("vic"))
        assert await reseal_totp_secrets(client, VAULT, new_vault) == 1
        assert await Accounts(client, 3600, vault=new_vault).login("vic", PASSWORD, totp.now()) is not None
    finally:
        await client.aclose()


def test_codes_match_their_step_and_one_either_side_only() -> None:
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    at = 1_800_000_015.0
    step = int(at // 30)
    assert matching_step(secret, totp.at(at), at) == step
    assert matching_step(secret, totp.at(at - 30), at) == step - 1
    assert matching_step(secret, totp.at(at + 30), at) == step + 1
    assert matching_step(secret, totp.at(at + 60), at) is None
    for bad in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):  # the last: Arabic-Indic digits
        assert matching_step(secret, bad, at) is None


def test_require_2fa_setting() -> None:
    assert Settings.from_env({}).require_2fa == ("supervisor", "admin")  # strict by default
    assert Settings.from_env({"HELPLINE_REQUIRE_2FA": "none"}).require_2fa == ()
    assert Settings.from_env({"HELPLINE_REQUIRE_2FA": "Counsellor, admin"}).require_2fa == ("counsellor", "admin")
    with pytest.raises(SystemExit, match="unknown role"):
        Settings.from_env({"HELPLINE_REQUIRE_2FA": "boss"})


def test_cli_enrols_prints_the_uri_and_lists_the_factor(
    tmp_path: Path, redis_url: str, make_user: Callable[..., Any]
) -> None:
    make_user("wim", role="supervisor")
    make_user("xan", role="admin")
    env = {**os.environ, **conftest.test_env(tmp_path, redis_url)}
    env.pop("HELPLINE_REQUIRE_2FA")  # the default, as deployed

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "chat", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)

    enrolled = cli("user", "totp", "wim")
    assert enrolled.returncode == 0, enrolled.stderr
    uri = enrolled.stdout.strip()
    assert uri.startswith("otpauth://totp/Helpline:wim?") and "issuer=Helpline" in uri
    assert _secret(uri) not in enrolled.stderr
    listing = dict(line.split("\t")[0::4] for line in cli("user", "list").stdout.splitlines())
    assert listing == {"wim": "2fa", "xan": "no 2fa (cannot log in)"}
    assert cli("user", "totp", "nobody").returncode == 2
    removed = cli("user", "totp", "wim", "--remove")
    assert removed.returncode == 0 and "cannot log in until enrolled" in removed.stdout
