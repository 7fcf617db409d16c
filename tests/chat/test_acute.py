"""Acute danger (chat/acute.py, chat/safe_words.py): safe words raise a conversation silently, a counsellor
can mark one acute, the supervisors are alerted, an acute conversation that waits is escalated once (also
with two processes), the protocol checklist is recorded, and "I can't talk now" reaches the counsellor."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.acute import AcuteDesk, clean_protocol, default_protocol
from chat.errors import HelplineError
from chat.safe_words import SafeWordMatcher, clean, normalise, save_safe_words
from tests.chat.clients import Peer, claim_when_queued, close_all, counsellor, login, say, visitor
from tests.conftest import PASSWORD, ServerProcess

SAFE_WORDS = {"nl": ["rode ballon", "tante Mién"], "fr": ["crème brûlée"]}


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


def _desk() -> AcuteDesk:
    """The running in-process server's acute desk."""
    desks = [o for o in gc.get_objects() if isinstance(o, AcuteDesk) and o.jobs[0].running]
    assert len(desks) == 1, desks
    return desks[0]


async def _with_safe_words(redis: aioredis.Redis) -> AcuteDesk:
    await save_safe_words(redis, SAFE_WORDS)
    desk = _desk()
    await desk.safe_words.reload()  # a server reloads by itself within 5 s; a test need not wait
    return desk


async def _supervisor(url: str, make_user: Callable[..., Any], name: str = "sam") -> Peer:
    make_user(name, role="supervisor")
    return await counsellor(url, await login(url, name, PASSWORD), namespace="/supervisor")


async def _audit(redis: aioredis.Redis, action: str) -> list[dict[str, str]]:
    rows = await redis.xrange(keys.AUDIT)
    entries = [{k.decode(): v.decode() for k, v in fields.items()} for _, fields in rows]
    return [e for e in entries if e["action"] == action]


# -- safe words: matching (fast) ------------------------------------------------------------------------


def test_safe_words_match_whole_words_without_case_or_accents() -> None:
    m = SafeWordMatcher(SAFE_WORDS)
    assert m.matches("Mag ik een RODE BALLON?")
    assert m.matches("rode-ballon!!")
    assert m.matches("ik ga naar tante mien")  # accents ignored both ways
    assert m.matches("une CREME BRULEE svp")
    assert not m.matches("rodeballon")
    assert not m.matches("rode ballonnen")
    assert not m.matches("tante")
    assert not SafeWordMatcher({}).matches("rode ballon")
    assert normalise("Héllo_wörld") == " hello world "


def test_safe_words_match_what_newcomers_keyboards_type() -> None:
    """Attacker's report: the same phrase typed on another keyboard never matched. Ukrainian keyboards
    type the apostrophe as U+02BC (a letter to a regex, where ' and ’ separate words), Arabic text may be
    stretched with tatweel, Persian keyboards type their own kaf and yeh, Arabic writers swap ة/ه and
    ى/ي, and text pasted from elsewhere carries a soft hyphen or a joiner inside a word."""
    m = SafeWordMatcher(clean({"uk": ["м'ята чашка"], "ar": ["كرة حمراء على الطاولة"], "pl": ["czerwony balon"]}))
    for typed in ["у мене мʼята чашка", "у мене м’ята чашка", "м'ята чашка", "МʼЯТА ЧАШКА",
                  "كــرة حمراء على الطاولة", "کرة حمراء علی الطاولة", "كره حمراء على الطاوله",
                  "كرة حمراء علي الطاولة", "cz\u00aderwony balon", "czer\u200dwony balon", "czerwony\u200bbalon"]:
        assert m.matches(typed), typed
    assert not m.matches("м ятачашка") and not m.matches("czerwonybalon")


def test_safe_words_are_checked_when_saved() -> None:
    # every UI language present, phrases trimmed, duplicates and empty ones dropped
    assert clean({"nl": [" rode ballon ", "rode  ballon", ""], "en": []}) == {"nl": ["rode ballon"], "en": [], "fr": []}
    for bad in ([], {"NL!": ["x"]}, {"nl": "rode ballon"}, {"nl": ["!!!"]}, {"nl": ["x" * 81]}):
        with pytest.raises(ValueError):
            clean(bad)


def test_safe_words_refuse_control_and_bidi_characters() -> None:
    """Invisible on the admin page, they would make a phrase look like another, show reversed or never match."""
    for char in ["\x00", "\x1b", "\x7f", "\x85", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                 "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u200b", "\u200c", "\u200d", "\u2060",
                 "\ufeff", "\u2028", "\u2029", "\x1c"]:
        with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
            clean({"nl": [f"rode{char} ballon"]})
    # Ordinary white space is collapsed, letters of any script are fine.
    assert clean({"nl": ["rode\tballon\n"], "en": ["красный шар"], "fr": ["بالون أحمر"]}) == {
        "nl": ["rode ballon"], "en": ["красный шар"], "fr": ["بالون أحمر"]}


def test_protocol_default_and_checks() -> None:
    steps = default_protocol()
    assert [s["id"] for s in steps] == ["safe_now", "emergency_112", "location_consent", "code_word"]
    assert all(set(s["text"]) == {"nl", "en", "fr"} for s in steps)
    # 112 by SMS is not offered; the apps are named.
    assert "112NL" in steps[1]["text"]["nl"] and "niet aan" in steps[1]["text"]["nl"]
    assert clean_protocol([{"id": "a", "text": {"nl": "Een", "en": " "}}]) == [{"id": "a", "text": {"nl": "Een"}}]
    for bad in ([], [{"id": "A B", "text": {"nl": "x"}}], [{"id": "a", "text": {"en": "x"}}],
                [{"id": "a", "text": {"nl": "x"}}, {"id": "a", "text": {"nl": "y"}}]):
        with pytest.raises(HelplineError):
            clean_protocol(bad)


# -- safe words: in a conversation ----------------------------------------------------------------------


async def test_safe_word_raises_silently_jumps_the_queue_and_tells_staff_why(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    desk = await _with_safe_words(redis)
    make_user("anna")
    staff = await counsellor(server, await login(server, "anna", PASSWORD))
    sup = await _supervisor(server, make_user)
    calm, calm_session = await visitor(server)
    coded, coded_session = await visitor(server)
    calm_cid, coded_cid = calm_session["conversation_id"], coded_session["conversation_id"]
    await say(calm, "hallo, ik heb een vraag over werk")
    await say(coded, "hallo, ik heb een vraag over school")
    await staff.wait_for("queue", lambda q: [w["conversation_id"] for w in q["waiting"]] == [calm_cid, coded_cid])
    # Not whole words: nothing happens.
    await say(calm, "mijn rodeballonnen zijn op")

    ack = await say(coded, "Mag ik een RODE ballon, voor m'n tante?")
    assert set(ack) == {"id", "seq"} and ack["seq"] == 2  # the same answer as any message

    queue = await staff.wait_for("queue", lambda q: q["waiting"] and q["waiting"][0]["conversation_id"] == coded_cid)
    first, second = queue["waiting"]
    assert first["urgency"] == "acute" and first["acute_reason"] == "safe_word"
    assert second["conversation_id"] == calm_cid and second["urgency"] == "normal" and second["acute_reason"] is None
    alert = await sup.wait_for("acute_alert", lambda a: a["conversation_id"] == coded_cid)
    assert alert["reason"] == "safe_word" and alert["status"] == "queued" and alert["escalated"] is False
    board = await sup.wait_for("board", lambda b: b["acute"])
    assert board["acute"][0]["conversation_id"] == coded_cid and board["acute"][0]["reason"] == "safe_word"
    notes = await desk.store.notes(coded_cid)
    assert [n.get("event") for n in notes] == ["safe_word"] and "Codewoord" in notes[0]["text"]
    assert [e["target"] for e in await _audit(redis, "acute.safe_word")] == [coded_cid]

    # A second safe word is no news: one alert, one note.
    await say(coded, "rode ballon")
    await asyncio.sleep(0.5)
    assert len([a for a in sup.received("acute_alert") if a["conversation_id"] == coded_cid]) == 1
    assert len(await desk.store.notes(coded_cid)) == 1

    # Triage cannot lower it, and the counsellor is told it stays acute.
    from tests.chat.test_conversation_flow import _triage_results

    await _triage_results()[0].apply(coded_cid, {"signals": [], "urgency": "low", "role": "victim", "minor": None,
                                                 "language": "nl", "queue": "youth"}, seq=3)
    await asyncio.sleep(0.4)
    queue = staff.received("queue")[-1]
    assert queue["waiting"][0]["conversation_id"] == coded_cid and queue["waiting"][0]["urgency"] == "acute"

    # The counsellor sees why when taking it.
    claimed = await claim_when_queued(staff, coded_cid)
    assert claimed["conversation"]["urgency"] == "acute" and claimed["conversation"]["acute_reason"] == "safe_word"
    assert [n["event"] for n in claimed["conversation"]["notes"]] == ["safe_word"]

    # What the visitor received is what the calm visitor received: no danger box, no system message.
    await coded.wait_for("status", lambda s: s["status"] == "active")
    for peer in (coded, calm):
        assert "message" not in peer.events
        assert all(s["urgent"] is False for s in peer.received("queue_status"))
    assert set(coded.events) - {"status"} <= set(calm.events)


async def test_triage_acute_alerts_supervisors_once_and_shows_the_visitor_what_to_do(
    server: str, make_user: Callable[..., Any]
) -> None:
    sup = await _supervisor(server, make_user)
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "help")
    from tests.chat.test_conversation_flow import _triage_results

    results = _triage_results()[0]
    acute = {"signals": [{"code": "acute_danger", "score": 0.9, "evidence": []}], "urgency": "acute",
             "role": "victim", "minor": True, "language": "nl", "queue": "crisis"}
    await results.apply(cid, acute, seq=1)
    await results.apply(cid, {**acute, "minor": None}, seq=2)
    alert = await sup.wait_for("acute_alert", lambda a: a["conversation_id"] == cid)
    assert alert["reason"] == "triage"
    await kid.wait_for("queue_status", lambda s: s["urgent"] is True)  # not a safe word: the widget may show it
    await asyncio.sleep(0.3)
    assert len(sup.received("acute_alert")) == 1


# -- escalation -----------------------------------------------------------------------------------------


@pytest.fixture
def escalating(settings_env: dict[str, str]) -> None:
    """A short escalation time and a limit of one conversation, for the `server` requested after it."""
    settings_env.update(HELPLINE_ACUTE_ESCALATE_S="2", HELPLINE_MAX_CONVERSATIONS="1")


async def test_acute_waiting_too_long_is_escalated_to_everyone_once(
    escalating: None, server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    desk = await _with_safe_words(redis)
    make_user("anna", skills=["professional"], languages=["en"])
    anna = await counsellor(server, await login(server, "anna", PASSWORD))
    sup = await _supervisor(server, make_user)
    busy, busy_session = await visitor(server, {"about": "professional"})
    await say(busy, "a question from a teacher")
    assert (await claim_when_queued(anna, busy_session["conversation_id"]))["ok"]  # anna is at her limit (1)

    kid, session = await visitor(server, {"about": "self"})
    cid = session["conversation_id"]
    await say(kid, "ik wil een rode ballon")
    item = await anna.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
    assert item["waiting"][0]["escalated"] is False and item["waiting"][0]["overflow"] is True
    refused = await anna.call("claim", {"conversation_id": cid})
    assert refused["error"] == "limit_reached"

    queue = await anna.wait_for("queue", lambda q: q["waiting"] and q["waiting"][0]["escalated"], wait_s=15)
    assert queue["waiting"][0]["conversation_id"] == cid
    alerts = [a for a in await _wait_alerts(sup, cid, 2)]
    assert [a["escalated"] for a in alerts] == [False, True]
    assert alerts[1]["status"] == "queued" and alerts[1]["waited_s"] >= 2
    await asyncio.sleep(2.5)  # more ticks: still escalated only once
    assert len(await _audit(redis, "acute.escalate")) == 1
    assert [n.get("event") for n in await desk.store.notes(cid)] == ["safe_word", "escalated"]

    # Offered to everyone: anna, a specialist at her limit, may take it now.
    claimed = await anna.call("claim", {"conversation_id": cid})
    assert claimed["ok"] and claimed["conversation"]["escalated"] is True


async def _wait_alerts(sup: Peer, cid: str, n: int) -> list[dict[str, Any]]:
    for _ in range(100):
        found = [a for a in sup.received("acute_alert") if a["conversation_id"] == cid]
        if len(found) >= n:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"fewer than {n} acute alerts: {sup.received('acute_alert')}")


async def test_escalation_with_two_processes_happens_once(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    await save_safe_words(redis, SAFE_WORDS)
    a = server_process(HELPLINE_ACUTE_ESCALATE_S="1")
    b = server_process(HELPLINE_ACUTE_ESCALATE_S="1")
    make_user("bob")
    bob = await counsellor(b.url, await login(b.url, "bob", PASSWORD))
    sup = await _supervisor(b.url, make_user)
    kid, session = await visitor(a.url)
    cid = session["conversation_id"]
    await say(kid, "crème brûlée")  # typed on process A, seen on B
    alerts = await _wait_alerts(sup, cid, 2)
    assert [x["escalated"] for x in alerts[:2]] == [False, True]
    await bob.wait_for("queue", lambda q: any(w["conversation_id"] == cid and w["escalated"] for w in q["waiting"]))
    await asyncio.sleep(2.5)  # both processes ticked several times since
    assert len(await _audit(redis, "acute.escalate")) == 1
    assert len([x for x in sup.received("acute_alert") if x["escalated"]]) == 1
    await close_all()


# -- the counsellor: marking acute, the protocol, "I can't talk now" ----------------------------------


async def test_mark_acute_and_protocol_steps_are_recorded(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    make_user("anna")
    token = await login(server, "anna", PASSWORD)
    anna = await counsellor(server, token)
    sup = await _supervisor(server, make_user)
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "ik weet niet of ik dit moet vertellen")
    assert (await claim_when_queued(anna, cid))["conversation"]["acute_reason"] is None

    assert await anna.call("mark_acute", {"conversation_id": cid}) == {"ok": True}
    event = await anna.wait_for("acute", lambda e: e["conversation_id"] == cid)
    assert event == {"conversation_id": cid, "urgency": "acute", "reason": "counsellor"}
    alert = await sup.wait_for("acute_alert", lambda a: a["conversation_id"] == cid)
    assert alert["status"] == "active" and alert["counsellor"] == "anna" and alert["reason"] == "counsellor"
    assert [e["actor"] for e in await _audit(redis, "acute.mark")] == ["anna"]

    step = await anna.call("protocol_step", {"conversation_id": cid, "step": "code_word", "remark": "pizza", "lang": "nl"})
    assert step["ok"] and step["note"]["kind"] == "protocol" and step["note"]["step"] == "code_word"
    assert step["note"]["text"].startswith("Acuut protocol ✓ Spreek een codewoord af") and step["note"]["text"].endswith("— pizza")
    english = await anna.call("protocol_step", {"conversation_id": cid, "step": "safe_now", "lang": "en"})
    assert english["note"]["text"].startswith("Acuut protocol ✓ Ask whether the visitor is safe")
    assert (await anna.call("protocol_step", {"conversation_id": cid, "step": "nope"}))["error"] == "bad_request"
    opened = await anna.call("open", {"conversation_id": cid})
    assert [(n["kind"], n.get("step", n.get("event"))) for n in opened["conversation"]["notes"]] == [
        ("system", "marked_acute"), ("protocol", "code_word"), ("protocol", "safe_now")]
    assert opened["conversation"]["urgency"] == "acute" and opened["conversation"]["acute_reason"] == "counsellor"
    assert [e["target"] for e in await _audit(redis, "acute.protocol_step")] == [cid, cid]

    # Not hers: the same not_found as anything else.
    make_user("ben")
    ben = await counsellor(server, await login(server, "ben", PASSWORD))
    assert (await ben.call("mark_acute", {"conversation_id": cid}))["error"] == "not_found"
    assert (await ben.call("protocol_step", {"conversation_id": cid, "step": "safe_now"}))["error"] == "not_found"

    # The checklist: staff read it, admins change it.
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as http:
        async with http.get(f"{server}/api/acute-protocol") as r:
            assert r.status == 200 and len((await r.json())["steps"]) == 4
        async with http.put(f"{server}/api/acute-protocol", json={"steps": [{"id": "x", "text": {"nl": "X"}}]}) as r:
            assert r.status == 403
    make_user("adam", role="admin")
    admin = await login(server, "adam", PASSWORD)
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {admin}"}) as http:
        async with http.put(f"{server}/api/acute-protocol", json={"steps": "no"}) as r:
            assert r.status == 400 and (await r.json())["error"] == "bad_request"
        mine = [{"id": "ademhalen", "text": {"nl": "Samen rustig ademhalen", "en": "Breathe calmly together"}}]
        async with http.put(f"{server}/api/acute-protocol", json={"steps": mine}) as r:
            assert r.status == 200
        async with http.get(f"{server}/api/acute-protocol") as r:
            assert (await r.json())["steps"] == mine
    assert (await anna.call("protocol_step", {"conversation_id": cid, "step": "ademhalen"}))["ok"]
    assert [e["actor"] for e in await _audit(redis, "settings.acute_protocol")] == ["adam"]


async def test_cant_talk_tells_the_counsellor_and_coming_back_too(server: str, make_user: Callable[..., Any]) -> None:
    make_user("anna")
    anna = await counsellor(server, await login(server, "anna", PASSWORD))
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hoi")
    await claim_when_queued(anna, cid)
    assert await kid.call("cant_talk", {"hidden": True}) == {"ok": True}
    assert await anna.wait_for("visitor_cant_talk") == {"conversation_id": cid, "hidden": True}
    reply = await say(anna, "Ik wacht op je.", cid)
    assert await kid.call("cant_talk", {"hidden": False}) == {"ok": True}
    await anna.wait_for("visitor_cant_talk", lambda e: e["hidden"] is False)
    # Nothing lost while hidden: the visitor has the counsellor's message.
    assert (await kid.wait_for("message", lambda m: m["seq"] == reply["seq"]))["text"] == "Ik wacht op je."
    notes = (await anna.call("open", {"conversation_id": cid}))["conversation"]["notes"]
    assert [n["event"] for n in notes] == ["cant_talk", "can_talk"]
    assert (await kid.call("cant_talk", {"hidden": "yes"}))["error"] == "bad_request"
    # Before the first message there is nobody to tell, and nothing is stored.
    fresh, _ = await visitor(server)
    assert await fresh.call("cant_talk", {"hidden": True}) == {"ok": True}


def test_safe_words_cli_sets_and_lists(tmp_path: Any, redis_url: str) -> None:
    import json
    import os
    import subprocess
    import sys

    import redis as sync_redis

    from tests.conftest import ROOT, test_env

    env = {**os.environ, **test_env(tmp_path, redis_url)}
    run = [sys.executable, "-m", "chat", "safe-words"]
    done = subprocess.run([*run, "set", "nl", "rode ballon", "Tante Mien"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    client = sync_redis.Redis.from_url(redis_url)
    assert json.loads(client.get(keys.SAFE_WORDS)) == {"nl": ["rode ballon", "Tante Mien"], "en": [], "fr": []}
    listed = subprocess.run([*run, "list"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert listed.stdout.splitlines() == ["nl\trode ballon", "nl\tTante Mien"]
    bad = subprocess.run([*run, "set", "nl", "!!!"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "letters" in bad.stderr
    audit = [{k.decode(): v.decode() for k, v in f.items()} for _, f in client.xrange(keys.AUDIT)]
    assert [e["target"] for e in audit if e["action"] == "settings.safe_words"] == ["nl"]
    client.close()
