"""Waiting conversations whose visitor is gone are closed as "gave up" (chat/abandonment.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest

from chat.abandonment import Abandonment
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    return {**settings_env, "HELPLINE_ABANDONED_AFTER_S": "1"}


@pytest.fixture
async def staff_url(server: str, make_user: Callable[..., Any]) -> AsyncIterator[str]:
    make_user("zoe", role="supervisor")
    yield server


def _running() -> Abandonment:
    found = [o for o in gc.get_objects() if isinstance(o, Abandonment) and o.job.running]
    assert found
    return found[-1]


async def test_a_visitor_who_left_the_queue_is_recorded_as_gave_up(staff_url: str) -> None:
    server = staff_url
    token = await login(server, "zoe", PASSWORD)
    staff = await counsellor(server, token)  # someone online: these are not messages left offline
    gone, gone_session = await visitor(server)
    await say(gone, "hallo?")
    await gone.close()
    waiting, waiting_session = await visitor(server)
    await say(waiting, "ik wacht nog")
    await staff.wait_for("queue", lambda q: q["total"] == 2)
    await asyncio.sleep(1.5)

    closed = await _running().close_abandoned()
    assert closed == [gone_session["conversation_id"]]
    # The queue once had one item before: the visitor who left, before the second one wrote.
    gone_id = gone_session["conversation_id"]
    queue = await staff.wait_for(
        "queue", lambda q: q["total"] == 1 and all(w["conversation_id"] != gone_id for w in q["waiting"]))
    assert queue["waiting"][0]["conversation_id"] == waiting_session["conversation_id"]
    assert (await claim_when_queued(staff, waiting_session["conversation_id"]))["ok"]
    async with aiohttp.ClientSession() as http, http.get(
        server + "/api/supervisor/stats", headers={"Authorization": f"Bearer {token}"}
    ) as response:
        assert (await response.json())["gave_up"] == 1


async def test_a_message_left_while_closed_keeps_waiting(staff_url: str) -> None:
    kid, _ = await visitor(staff_url)  # nobody online: the first message is left offline
    await say(kid, "lees dit morgen maar")
    await kid.close()
    await asyncio.sleep(1.5)
    assert await _running().close_abandoned() == []
