"""Server parts of issue 13's rest: visitor presence across processes, the team view, assigning by a
supervisor, the first screen's texts and public referral strings kept in transcripts (fast tier: a real
Redis, no server or browser)."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
import redis.asyncio as aioredis

from chat.accounts import Account, Accounts
from chat.config import Settings
from chat.errors import ErrorCode, HelplineError
from chat.hours import OpeningHours
from chat.intro import hours_text, intro
from chat.presence import Presence, VisitorLink
from chat.review import _public_strings, _redact_transcript
from chat.team import team
from tests.chat.test_conversations import wired  # noqa: F401  (fixture)
from vocabulary import Status


def test_opening_hours_are_written_out_in_each_language() -> None:
    hours = OpeningHours("mon-fri 09:00-22:00; sat,sun 12:00-20:00", "Europe/Amsterdam")
    assert hours_text(hours, "nl") == "ma–vr 09:00–22:00; za, zo 12:00–20:00"
    assert hours_text(hours, "en") == "Mon–Fri 09:00–22:00; Sat, Sun 12:00–20:00"
    assert hours_text(OpeningHours("always", "UTC"), "fr") == "jour et nuit"
    assert hours_text(OpeningHours("fri 20:00-24:00", "UTC"), "nl") == "vr 20:00–24:00"


def test_first_screen_texts_default_and_from_the_operator() -> None:
    hours = OpeningHours("always", "UTC")
    plain = intro(Settings.from_env({}), hours)
    assert plain["organisation"]["nl"] == "Anonieme hulpchat"
    assert "30 dagen" in plain["privacy"]["nl"] and "30 days" in plain["privacy"]["en"]
    own = intro(Settings.from_env({"HELPLINE_ORGANISATION": "Stichting X", "HELPLINE_PRIVACY_NOTE": "Anoniem.",
                                   "HELPLINE_PRIVACY_NOTE_EN": "Anonymous.", "HELPLINE_HOURS_NOTE_FR": "Fermé à Noël",
                                   "HELPLINE_RETENTION_DAYS": "14"}), hours)
    def three(texts: dict[str, str]) -> dict[str, str]:  # the extra visitor languages: test_visitor_languages.py
        return {lang: texts[lang] for lang in ("nl", "en", "fr")}

    assert three(own["organisation"]) == {"nl": "Stichting X", "en": "Stichting X", "fr": "Stichting X"}
    assert three(own["privacy"]) == {"nl": "Anoniem.", "en": "Anonymous.", "fr": "Anoniem."}
    assert three(own["hours"]) == {"nl": "dag en nacht", "en": "day and night", "fr": "Fermé à Noël"}


def test_team_lists_online_counsellors_and_away_ones_with_their_load() -> None:
    rows = team(["bram", "anna"], ["anna", "anna", "cees", ""], 3)
    assert rows == [
        {"username": "anna", "state": "online", "active": 2, "limit": 3},
        {"username": "bram", "state": "online", "active": 0, "limit": 3},
        {"username": "cees", "state": "away", "active": 1, "limit": 3},
    ]


async def test_a_visitor_who_leaves_shows_as_gone_in_another_process(redis_url: str) -> None:
    client = aioredis.Redis.from_url(redis_url)
    hours = OpeningHours("always", "UTC")
    here, there = Presence(client, hours), Presence(client, hours)  # two processes
    here.visitors["s1"] = VisitorLink("c" * 32, "nl")
    await here.visitor_socket_opened("c" * 32)
    assert await there.visitors_presence(["c" * 32, "d" * 32]) == [(True, pytest.approx(await _now(client), abs=5000)),
                                                                   (False, None)]
    here.visitors.pop("s1")
    await here.visitor_socket_closed("c" * 32)
    [(connected, last)] = await there.visitors_presence(["c" * 32])
    assert connected is False and last is not None
    # Coming back (a reconnect in any process) counts again.
    await there.visitor_socket_opened("c" * 32)
    assert (await here.visitors_presence(["c" * 32]))[0][0] is True
    await client.aclose()


async def _now(client: Any) -> int:
    secs, micros = await client.time()
    return int(secs) * 1000 + int(micros) // 1000


async def test_a_supervisor_assigns_a_waiting_conversation_to_an_online_counsellor(wired: Any) -> None:  # noqa: F811
    service, sio, redis, _ = wired
    await Accounts(redis, 3600).add("anna", "password-1", "counsellor", ["adult"], ["fr"])
    await service.counsellor_connect("c1", Account("anna", "counsellor", ["adult"], ["fr"]), "token")
    await service.supervisor_connect("s1", Account("sam", "supervisor"), "token2")
    session, _ = await service.visitor_connect("v1", {"lang": "nl", "about": "self"})
    cid = session["conversation_id"]
    await service.visitor_message("v1", "Help, ik ben bang", "m1")
    with pytest.raises(HelplineError) as refused:
        await service.assign("s1", cid, "bram")  # no such counsellor online
    assert refused.value.code == ErrorCode.NOT_FOUND
    # Anna's skills and languages do not cover a Dutch youth conversation: the supervisor decides.
    assert await service.assign("s1", cid, "anna") == {"ok": True}
    record = await service.store.get(cid)
    assert record is not None and record.status == Status.ACTIVE and record.counsellor == "anna"
    assert [data for data, _ in sio.emitted("assigned")] == [{"conversation_id": cid, "from": "sam", "supervisor": True}]
    with pytest.raises(HelplineError) as again:
        await service.assign("s1", cid, "anna")  # no longer waiting
    assert again.value.code == ErrorCode.NOT_FOUND


@pytest.mark.skipif(importlib.util.find_spec("triage.redaction") is None, reason="triage.redaction missing")
def test_public_referral_addresses_and_numbers_are_kept_in_transcripts() -> None:
    directory = [{"id": "p", "name": "Politie", "phone": "0900-8844", "url": "https://www.politie.nl"}]
    texts = ["Ik ben Sanne, bel me op 06-12345678 of kijk op https://sanne-prive.nl",
             "Politie · 0900-8844 · https://www.politie.nl (ook www.politie.nl)"]
    out = _redact_transcript(texts, _public_strings(directory))
    assert out is not None
    assert "Sanne" not in out[0]["text"] and "06-12345678" not in out[0]["text"]
    assert "sanne-prive" not in out[0]["text"]
    assert out[1]["text"] == "Politie · 0900-8844 · https://www.politie.nl (ook www.politie.nl)"
