"""Small unit tests: routing, opening hours, encryption at rest, the per-connection flood guard."""

from __future__ import annotations

import base64
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.exceptions import InvalidTag

from chat import keys
from chat.accounts import Account
from chat.crypto import KeyDestroyed, Vault, load_master_key
from chat.hours import OpeningHours
from chat.routing import Waiting, may_take, view_for
from chat.transport import common
from chat.transport.common import TokenBucket

# -- routing ---------------------------------------------------------------------------------------

NOW_MS = 1_700_000_000_000
OVERFLOW_S = 120


def waiting(queue: str = "youth", language: str = "nl", urgency: str = "normal", waited_s: int = 5,
            cid: str = "a" * 32) -> Waiting:
    return Waiting(cid, 0, queue, urgency, language, "victim", True, [], NOW_MS - waited_s * 1000, False)


def take(account: Account, item: Waiting) -> bool:
    return may_take(account, item, NOW_MS, OVERFLOW_S)


def test_a_counsellor_without_skills_or_languages_takes_everything() -> None:
    anyone = Account("a", "counsellor")
    for queue in ("crisis", "youth", "adult", "witness", "professional", "perpetrator"):
        assert take(anyone, waiting(queue=queue, language="fr"))


def test_skills_limit_the_queues() -> None:
    youth = Account("y", "counsellor", skills=["youth", "crisis"])
    assert take(youth, waiting(queue="youth"))
    assert take(youth, waiting(queue="crisis"))
    assert not take(youth, waiting(queue="professional"))
    assert not take(youth, waiting(queue="perpetrator"))


def test_languages_limit_the_languages_but_unknown_language_is_for_everyone() -> None:
    dutch = Account("d", "counsellor", languages=["nl"])
    assert take(dutch, waiting(language="nl"))
    assert not take(dutch, waiting(language="fr"))
    assert take(dutch, waiting(language=""))  # triage has not said yet
    both = Account("b", "counsellor", skills=["adult"], languages=["en"])
    assert not take(both, waiting(queue="adult", language="nl"))
    assert not take(both, waiting(queue="youth", language="en"))
    assert take(both, waiting(queue="adult", language="en"))


def test_overflow_after_waiting_and_acute_at_once() -> None:
    specialist = Account("s", "counsellor", skills=["professional"], languages=["fr"])
    assert not take(specialist, waiting(waited_s=OVERFLOW_S - 1))
    assert take(specialist, waiting(waited_s=OVERFLOW_S))
    assert take(specialist, waiting(waited_s=OVERFLOW_S * 10))
    assert take(specialist, waiting(urgency="acute", waited_s=0))
    assert not take(specialist, waiting(urgency="high", waited_s=0))


def test_view_for_keeps_order_and_marks_overflow() -> None:
    specialist = Account("s", "counsellor", skills=["crisis"])
    items = [waiting(queue="youth", urgency="acute", cid="1" * 32), waiting(queue="youth", cid="2" * 32),
             waiting(queue="crisis", cid="3" * 32), waiting(queue="adult", waited_s=500, cid="4" * 32)]
    view = view_for(specialist, items, NOW_MS, OVERFLOW_S)
    assert [v["conversation_id"] for v in view] == ["1" * 32, "3" * 32, "4" * 32]
    assert [v["overflow"] for v in view] == [True, False, True]
    assert view[2]["waited_s"] == 500 and view[0]["minor"] is True
    # A clock that went backwards never gives a negative waiting time.
    assert waiting(waited_s=-30).waited_s(NOW_MS) == 0


# -- opening hours ------------------------------------------------------------------------------------

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A local Amsterdam time in the week of Monday 2024-01-01 (day 0 = Monday)."""
    return datetime(2024, 1, 1 + day, hour, minute, second, tzinfo=AMS)


def test_always_open() -> None:
    for spec in ("always", "", "  ", "24/7", "ALWAYS"):
        hours = OpeningHours(spec, "Europe/Amsterdam")
        assert hours.always and hours.is_open(at(6, 3))


def test_weekday_and_weekend_windows() -> None:
    hours = OpeningHours("mon-fri 09:00-22:00; sat,sun 12:00-20:00", "Europe/Amsterdam")
    assert not hours.always
    assert not hours.is_open(at(0, 8, 59, 59))
    assert hours.is_open(at(0, 9))
    assert hours.is_open(at(2, 21, 59))
    assert not hours.is_open(at(4, 22))  # the end is not included
    assert not hours.is_open(at(5, 11, 59))
    assert hours.is_open(at(5, 12))
    assert hours.is_open(at(6, 19, 30))
    assert not hours.is_open(at(6, 20))


def test_hours_are_read_in_the_helpline_timezone() -> None:
    hours = OpeningHours("mon-fri 09:00-17:00", "Europe/Amsterdam")
    # 08:30 UTC on a January Monday is 09:30 in Amsterdam; 16:30 UTC is 17:30 there.
    assert hours.is_open(datetime(2024, 1, 1, 8, 30, tzinfo=UTC))
    assert not hours.is_open(datetime(2024, 1, 1, 16, 30, tzinfo=UTC))
    # Summer time: 07:30 UTC in July is 09:30 in Amsterdam.
    assert hours.is_open(datetime(2024, 7, 1, 7, 30, tzinfo=UTC))


def test_day_ranges_wrap_and_24_00_means_the_whole_evening() -> None:
    hours = OpeningHours("fri-mon 18:00-24:00", "Europe/Amsterdam")
    assert hours.is_open(at(4, 18)) and hours.is_open(at(6, 23, 59, 59)) and hours.is_open(at(0, 20))
    assert not hours.is_open(at(1, 20)) and not hours.is_open(at(3, 20))
    single = OpeningHours("Wed 10:00-11:00;", "Europe/Amsterdam")
    assert single.is_open(at(2, 10, 30)) and not single.is_open(at(1, 10, 30))


@pytest.mark.parametrize("spec", [
    "monday 09:00-17:00", "mon-fry 09:00-17:00", "mon 09:00", "mon 9-17", "mon 09:00-17:00 extra",
    "mon 25:00-26:00", "mon 09:60-10:00", "09:00-17:00", "mon,,tue 09:00-10:00", "mon 09:00-17:00; zon 10:00-12:00",
])
def test_bad_opening_hours_stop_the_server_with_a_clear_message(spec: str) -> None:
    with pytest.raises(SystemExit) as info:
        OpeningHours(spec, "Europe/Amsterdam")
    assert "HELPLINE_OPENING_HOURS" in str(info.value)


def test_a_window_past_midnight_is_open_at_night_or_refused() -> None:
    try:
        hours = OpeningHours("mon-sun 20:00-02:00", "Europe/Amsterdam")
    except SystemExit:
        return
    assert hours.is_open(at(2, 23)) and hours.is_open(at(3, 1))
    assert not hours.is_open(at(3, 12))


# -- encryption at rest -------------------------------------------------------------------------------

CID = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"


def test_seal_and_open_round_trip_and_every_seal_differs() -> None:
    master = os.urandom(32)
    vault = Vault(master)
    wrapped, _ = vault.new_wrapped_key(CID)
    aead = vault.cipher(CID, wrapped)
    text = "mijn vriend zegt dat ik geld moet verdienen 💸"
    sealed = [Vault.seal(aead, CID, text) for _ in range(3)]
    assert len(set(sealed)) == 3  # a fresh nonce each time
    assert all(text.encode() not in base64.b64decode(s) for s in sealed)
    assert {Vault.open(aead, CID, s) for s in sealed} == {text}
    # Another process with the same master key reads it through the wrapped key alone.
    assert Vault.open(Vault(master).cipher(CID, wrapped), CID, sealed[0]) == text


def test_a_sealed_text_cannot_be_moved_to_another_conversation() -> None:
    master = os.urandom(32)
    vault = Vault(master)
    wrapped, _ = vault.new_wrapped_key(CID)
    sealed = Vault.seal(vault.cipher(CID, wrapped), CID, "geheim")
    with pytest.raises(InvalidTag):
        Vault.open(vault.cipher(CID, wrapped), OTHER, sealed)
    # Nor can a wrapped data key be used for another conversation, or under another master key.
    with pytest.raises(InvalidTag):
        Vault(master).cipher(OTHER, wrapped)
    with pytest.raises(InvalidTag):
        Vault(os.urandom(32)).cipher(CID, wrapped)
    # A tampered ciphertext is refused.
    raw = bytearray(base64.b64decode(sealed))
    raw[-1] ^= 1
    with pytest.raises(InvalidTag):
        Vault.open(vault.cipher(CID, wrapped), CID, base64.b64encode(bytes(raw)).decode())


def test_a_destroyed_key_makes_the_conversation_unreadable() -> None:
    master = os.urandom(32)
    vault = Vault(master)
    wrapped, _ = vault.new_wrapped_key(CID)
    sealed = Vault.seal(vault.cipher(CID, wrapped), CID, "weg ermee")
    vault.forget(CID)
    with pytest.raises(KeyDestroyed):
        vault.cipher(CID, None)
    with pytest.raises(KeyDestroyed):
        Vault(master).cipher(CID, "")
    # With the wrapped key still there it could be read: destroying means removing that.
    assert Vault.open(Vault(master).cipher(CID, wrapped), CID, sealed) == "weg ermee"


async def test_store_destroy_key_makes_history_unreadable(redis_url: str) -> None:
    import redis.asyncio as aioredis

    from chat.store import ConversationStore
    from tests.chat.clients import stored_conversation

    client = aioredis.Redis.from_url(redis_url)
    try:
        master = os.urandom(32)
        store = ConversationStore(client, Vault(master))
        cid, _ = await stored_conversation(store)
        await store.append(cid, "visitor", "iets wat niemand meer mag lezen", "c1")
        assert [m.text for m in await store.history(cid)] == ["iets wat niemand meer mag lezen"]
        await store.destroy_key(cid)
        with pytest.raises(KeyDestroyed):
            await store.history(cid)
        # Another process (a fresh vault with the same master key) cannot read it either.
        with pytest.raises(KeyDestroyed):
            await ConversationStore(client, Vault(master)).history(cid)
        assert await client.llen(keys.messages(cid)) == 1  # only unreadable noise is left
    finally:
        await client.aclose()


def test_review_key_is_separate_from_data_keys() -> None:
    vault = Vault(os.urandom(32))
    sealed = vault.seal_review(CID, "geanonimiseerd transcript")
    assert vault.open_review(CID, sealed) == "geanonimiseerd transcript"
    with pytest.raises(InvalidTag):
        Vault.open(vault.cipher(CID, vault.new_wrapped_key(CID)[0]), CID, sealed)
    with pytest.raises(InvalidTag):
        vault.open_review(OTHER, sealed)


def test_master_key_file_is_created_with_mode_0600_and_reused(tmp_path: Path) -> None:
    key_file = tmp_path / "new" / "folder" / "master.key"
    old_umask = os.umask(0o000)  # even a permissive umask must not widen it
    try:
        key = load_master_key("", key_file)
    finally:
        os.umask(old_umask)
    assert len(key) == 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_master_key("", key_file) == key
    # The environment wins over the file.
    env_key = base64.urlsafe_b64encode(b"e" * 32).decode()
    assert load_master_key(env_key, key_file) == b"e" * 32
    assert load_master_key(env_key.rstrip("="), key_file) == b"e" * 32


@pytest.mark.parametrize("bad", [base64.urlsafe_b64encode(b"short").decode(), base64.urlsafe_b64encode(b"x" * 33).decode()])
def test_a_master_key_of_the_wrong_length_stops_the_server(bad: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        load_master_key(bad, tmp_path / "unused.key")
    key_file = tmp_path / "master.key"
    key_file.write_text(bad + "\n")
    with pytest.raises(SystemExit):
        load_master_key("", key_file)


# -- the flood guard ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(common.time, "monotonic", fake)
    return fake


def test_token_bucket_allows_the_burst_then_says_how_long_to_wait(clock: Clock) -> None:
    bucket = TokenBucket(rate=8.0, burst=30.0)  # 1/8 s per token: exact in binary floating point
    assert [bucket.take() for _ in range(30)] == [0.0] * 30
    assert bucket.take() == 0.125
    assert bucket.take() == 0.125  # refused events cost nothing
    clock.now += 0.0625
    assert bucket.take() == 0.0625
    clock.now += 0.0625  # waited as told: allowed
    assert bucket.take() == 0.0
    assert bucket.take() > 0


def test_token_bucket_refills_at_its_rate_up_to_the_burst(clock: Clock) -> None:
    bucket = TokenBucket(rate=2.0, burst=4.0)
    for _ in range(4):
        assert bucket.take() == 0.0
    clock.now += 1.0  # two tokens back
    assert [bucket.take() == 0.0 for _ in range(3)] == [True, True, False]
    clock.now += 3600  # never more than the burst
    assert [bucket.take() == 0.0 for _ in range(5)] == [True, True, True, True, False]


def test_token_bucket_with_a_clock_going_backwards_does_not_grant_extra(clock: Clock) -> None:
    bucket = TokenBucket(rate=1.0, burst=1.0)
    assert bucket.take() == 0.0
    clock.now -= 100
    assert bucket.take() > 0



def test_a_resume_token_has_one_spelling() -> None:
    """Attacker report: a token with its last character changed was accepted (base64's unused low bits)."""
    import base64

    from chat.tokens import PendingConversations

    pending = PendingConversations(b"k" * 32)
    cid, token = pending.new()
    assert pending.conversation_of(token) == cid
    blob = base64.urlsafe_b64decode(token + "=")
    twins = {c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
             if c != token[-1] and base64.urlsafe_b64decode(token[:-1] + c + "=") == blob}
    assert twins  # the same bytes can be spelt another way ...
    assert all(pending.conversation_of(token[:-1] + c) is None for c in twins)  # ... and is refused
