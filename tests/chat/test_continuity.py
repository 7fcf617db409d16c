"""Coming back without an account (chat/continuity.py): only with consent, a personal code links a later
conversation to earlier ones and its counsellor gets an anonymised summary; revoking deletes the link."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from typing import Any

import pytest
import redis
from socketio.exceptions import ConnectionError

from chat import keys
from chat.continuity import ALPHABET, new_code, normalise
from tests.chat.clients import Peer, claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD

SUMMARY_WAIT_S = 60.0  # the first redaction in a process loads its models


@pytest.fixture
async def staff(server: str, make_user: Callable[..., Any]) -> Peer:
    make_user("anna")
    return await counsellor(server, await login(server, "anna", PASSWORD))


async def first_contact(server: str, staff: Peer, consent: bool) -> tuple[str, str | None]:
    """A conversation that ends with a handover note; the personal code when the visitor consented."""
    kid, session = await visitor(server, {"device": secrets.token_urlsafe(32), "lang": "nl"})
    cid = session["conversation_id"]
    await say(kid, "mijn vriend Mo neemt mijn telefoon af")
    assert (await claim_when_queued(staff, cid))["ok"]
    code = None
    if consent:
        answer = await kid.call("continuity_consent", {})
        assert answer["ok"] is True and answer["linked"] is True and answer["days"] == 30
        code = answer["code"]
        assert await staff.wait_for("continuity", lambda e: e["conversation_id"] == cid) == {
            "conversation_id": cid, "linked": True, "earlier": []}
    closed = await staff.call("close", {"conversation_id": cid, "outcome": "follow_up_planned",
                                        "note": "Sara uit Tilburg, 15. Afspraak: ze komt terug na het weekend.",
                                        "referral": "fier"})
    assert closed == {"ok": True}
    await kid.close()
    return cid, code


async def test_codes_are_80_random_bits_and_typing_is_forgiven() -> None:
    code = new_code()
    assert len(code) == 19 and code.count("-") == 3
    assert all(c in ALPHABET for c in code.replace("-", ""))
    assert normalise(code.lower().replace("-", " ")) == code.replace("-", "")
    assert normalise("0O1I-L" + code[6:]) == "00111" + code[6:].replace("-", "")
    assert normalise("too short") is None and normalise(None) is None and normalise("U" * 16) is None
    assert len({new_code() for _ in range(200)}) == 200


async def test_with_consent_a_later_conversation_shows_the_earlier_summary(
    server: str, staff: Peer, redis_url: str
) -> None:
    first, code = await first_contact(server, staff, consent=True)
    assert code is not None
    kid, session = await visitor(server, {"continuity_code": code.lower(), "lang": "nl"})
    cid = session["conversation_id"]
    await say(kid, "ik ben het weer")
    claimed = await claim_when_queued(staff, cid)
    assert claimed["conversation"]["linked"] is True
    event = await staff.wait_for("continuity", lambda e: e["conversation_id"] == cid, wait_s=SUMMARY_WAIT_S)
    assert event["linked"] is True and len(event["earlier"]) == 1
    earlier = event["earlier"][0]
    assert earlier["outcome"] == "follow_up_planned" and earlier["referral"] == "fier"
    assert earlier["counsellor"] == "anna" and earlier["status"] == "closed"
    assert earlier["date"] > 0 and "conversation_id" not in earlier and first not in str(event)
    note = earlier["notes"][0]
    assert note["kind"] == "close" and earlier["redacted"] is True
    # Redacted like a review transcript: the name and the place are gone, the agreement stays.
    assert "Sara" not in note["text"] and "Tilburg" not in note["text"] and "weekend" in note["text"]
    # The code is kept only hashed.
    r = redis.Redis.from_url(redis_url)
    dump = b" ".join(k for k in r.keys("hl:link*"))
    assert code.replace("-", "").encode() not in dump
    assert all(code.replace("-", "").encode() not in (r.get(k) or b"") for k in r.keys("hl:linkcode:*"))
    r.close()
    await kid.close()


async def test_no_summary_without_consent(server: str, staff: Peer, redis_url: str) -> None:
    token = secrets.token_urlsafe(32)
    # Two conversations from the same browser (same device token), no consent: nothing links them.
    for _ in range(2):
        kid, session = await visitor(server, {"device": token})
        cid = session["conversation_id"]
        await say(kid, "hallo")
        claimed = await claim_when_queued(staff, cid)
        assert claimed["conversation"]["linked"] is False
        await staff.call("close", {"conversation_id": cid, "outcome": "advice_given", "note": "geheim"})
        await kid.close()
    await asyncio.sleep(0.3)  # let a wrongly scheduled summary arrive, if there were one
    assert staff.received("continuity") == []
    r = redis.Redis.from_url(redis_url)
    assert r.keys("hl:link*") == []
    r.close()


async def test_bad_and_unknown_codes_are_refused(server: str) -> None:
    for bad in ["", "nope", 42, "X" * 70, new_code()]:
        peer = Peer("/visitor")
        with pytest.raises(ConnectionError):
            await peer.connect(server, {"continuity_code": bad})
        assert peer.received("connect_error")[0]["data"]["error"] == "bad_continuity_code"


async def test_revoking_deletes_the_link_and_the_code(server: str, staff: Peer, redis_url: str) -> None:
    first, code = await first_contact(server, staff, consent=True)
    kid, session = await visitor(server, {"continuity_code": code})
    cid = session["conversation_id"]
    await say(kid, "ik wil toch niet dat het gekoppeld is")
    await claim_when_queued(staff, cid)
    await staff.wait_for("continuity", lambda e: e["conversation_id"] == cid and e["earlier"], wait_s=SUMMARY_WAIT_S)
    assert await kid.call("continuity_revoke", {}) == {"ok": True}
    assert await staff.wait_for("continuity", lambda e: e["conversation_id"] == cid and not e["linked"]) == {
        "conversation_id": cid, "linked": False, "earlier": []}
    r = redis.Redis.from_url(redis_url)
    assert r.keys("hl:link*") == []
    assert r.hget(keys.conversation(first), "link") is None and r.hget(keys.conversation(cid), "link") is None
    r.close()
    reopened = await staff.call("open", {"conversation_id": cid})
    assert reopened["conversation"]["linked"] is False
    # The code opens nothing any more.
    peer = Peer("/visitor")
    with pytest.raises(ConnectionError):
        await peer.connect(server, {"continuity_code": code})
    assert peer.received("connect_error")[0]["data"]["error"] == "bad_continuity_code"
    await kid.close()


async def test_consent_once_per_link_and_before_the_first_message(server: str, staff: Peer) -> None:
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    first = await kid.call("continuity_consent", {})
    assert first["code"] and first["linked"]
    again = await kid.call("continuity_consent", {})
    assert again == {"ok": True, "linked": True, "code": None, "days": 30}  # the code is shown once
    await say(kid, "nu pas mijn eerste bericht")
    claimed = await claim_when_queued(staff, cid)
    assert claimed["conversation"]["linked"] is True
    await kid.close()


async def test_the_link_expires_with_retention(server: str, staff: Peer, redis_url: str) -> None:
    _, code = await first_contact(server, staff, consent=True)
    r = redis.Redis.from_url(redis_url)
    ttls = [r.pttl(k) for k in r.keys("hl:link*")]
    r.close()
    assert ttls and all(29 * 86400 * 1000 < ttl <= 30 * 86400 * 1000 for ttl in ttls)
