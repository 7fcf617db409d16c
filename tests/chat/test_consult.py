"""The professional consult line (chat/consult.py): `/pro`, the professional queue, its own opening hours,
the case-consult fields, and the same anonymity as every other conversation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp
import pytest
import redis
from socketio.exceptions import ConnectionError

from chat import keys
from tests.chat.clients import Peer, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD

PRO_AUTH = {"line": "pro", "lang": "nl", "consult": {"organisation": "school", "question": "signals"}}


async def test_consult_conversation_goes_to_the_professional_queue_with_its_fields(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    make_user("petra", skills=["professional"])
    make_user("yusuf", skills=["youth"])
    pro = await counsellor(server, await login(server, "petra", PASSWORD))
    youth = await counsellor(server, await login(server, "yusuf", PASSWORD))
    teacher, session = await visitor(server, PRO_AUTH)
    cid = session["conversation_id"]
    await say(teacher, "Een leerling van 14 heeft ineens dure spullen en een oudere vriend.")
    queued = await pro.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    item = next(w for w in queued["waiting"] if w["conversation_id"] == cid)
    assert item["queue"] == "professional"
    assert all(w["conversation_id"] != cid for q in youth.received("queue") for w in q["waiting"])
    claimed = await claim_when_queued(pro, cid)
    conv = claimed["conversation"]
    assert conv["line"] == "pro" and conv["about"] == "professional" and conv["queue"] == "professional"
    assert conv["consult"] == {"organisation": "school", "question": "signals"}
    # No anonymity downgrade: the message is sealed like any other, nothing of the connection is kept.
    r = redis.Redis.from_url(redis_url)
    assert b"leerling" not in b"".join(r.lrange(keys.messages(cid), 0, -1))
    stored = r.hgetall(keys.conversation(cid))
    assert not {b"ip", b"user_agent", b"name", b"school"} & set(stored)
    r.close()
    await teacher.close()


async def test_an_ordinary_conversation_has_no_consult_fields(server: str, make_user: Callable[..., Any]) -> None:
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    kid, session = await visitor(server, {"about": "self"})
    await say(kid, "hoi")
    conv = (await claim_when_queued(staff, session["conversation_id"]))["conversation"]
    assert conv["line"] is None and conv["consult"] is None and conv["queue"] == "youth"


@pytest.mark.parametrize("auth", [
    {"line": "teachers"},
    {"line": "pro", "consult": "school"},
    {"line": "pro", "consult": {"organisation": "Basisschool De Linde"}},
    {"line": "pro", "consult": {"question": 3}},
])
async def test_bad_consult_input_is_refused_clearly(server: str, auth: dict[str, Any]) -> None:
    peer = Peer("/visitor")
    with pytest.raises(ConnectionError):
        await peer.connect(server, auth)
    assert peer.received("connect_error")[0]["data"]["error"] == "bad_request"


@pytest.fixture
def settings_env(settings_env: dict[str, str]) -> dict[str, str]:
    # The helpline is open around the clock; the consult line never (an impossible window).
    return {**settings_env, "HELPLINE_PRO_OPENING_HOURS": "mon 00:00-00:01; tue 00:00-00:01",
            "HELPLINE_TIMEZONE": "Pacific/Kiritimati"}


async def test_the_consult_line_keeps_its_own_opening_hours(server: str, make_user: Callable[..., Any]) -> None:
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    await staff.wait_for("queue")
    async with aiohttp.ClientSession() as http:
        async with http.get(server + "/api/config?line=pro") as response:
            pro = await response.json()
        async with http.get(server + "/api/config") as response:
            main = await response.json()
    assert main["retention_days"] == 30
    assert main["hours_open"] is True
    # An hour a week (Monday and Tuesday 00:00-00:01 in Kiritimati) is almost never now.
    assert pro["hours_open"] is False and pro["open"] is False
    teacher, session = await visitor(server, PRO_AUTH)
    assert session["service"]["open"] is False
    await say(teacher, "Vraag over een leerling")
    notice = await teacher.wait_for("message", lambda m: m["sender"] == "system")
    assert "consultatieteam" in notice["text"] and "112" in notice["text"]
    await teacher.close()
