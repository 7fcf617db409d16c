"""Property-based fuzzing of every event's payload (hypothesis), against a real server process on a
real Redis: whatever a client sends, it gets an acknowledgement — a success, or the one error shape —
within the client's timeout, and the server stays healthy. "Never a crash, a hang, or silence."
"""

from __future__ import annotations

import asyncio
import threading
import urllib.request
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.chat.clients import Peer, counsellor, login, say, visitor
from tests.conftest import PASSWORD, ServerProcess
from vocabulary import OUTCOMES, QUEUES, SIGNALS

T = TypeVar("T")

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
CID = "<the current conversation>"  # replaced by the id of the conversation the clients have


def _field(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's value: mostly one that passes validation, so the commands behind it run too; else junk."""
    return st.one_of(valid, valid, JSON)


FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "text": _field(st.text(max_size=200)),
    "client_id": _field(st.text(min_size=1, max_size=64)),
    "conversation_id": _field(st.just(CID)),
    "after_seq": _field(st.integers(0, 5)),
    "seq": _field(st.integers(0, 5)),
    "typing": _field(st.booleans()),
    "about": _field(st.sampled_from(["self", "other", "professional"])),
    "lang": _field(st.sampled_from(["nl", "en", "fr"])),
    "to_user": _field(st.sampled_from(["fuzzy", "boss", "nobody"])),
    "to_queue": _field(st.sampled_from(QUEUES)),
    "note": _field(st.text(max_size=100)),
    "outcome": _field(st.sampled_from(OUTCOMES)),
    "tags": _field(st.lists(st.text(max_size=40), max_size=13)),
    "referral": _field(st.text(max_size=64)),
    "code": _field(st.sampled_from(SIGNALS)),
    "verdict": _field(st.sampled_from(["confirm", "reject", "add"])),
}
# The fields each event reads; they are always present (valid two times in three), the rest optional.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    "message": ("text", "client_id", "conversation_id"), "history": ("conversation_id", "after_seq"),
    "typing": ("conversation_id", "typing"), "profile": ("about", "lang"), "claim": ("conversation_id",),
    "open": ("conversation_id",), "seen": ("conversation_id", "seq"), "note": ("conversation_id", "text"),
    "transfer": ("conversation_id", "to_user", "to_queue", "note"),
    "close": ("conversation_id", "outcome", "tags", "note", "referral"),
    "triage_feedback": ("conversation_id", "code", "verdict"), "monitor": ("conversation_id",),
    "unmonitor": ("conversation_id",), "whisper": ("conversation_id", "text"),
}


def payload_for(event: str) -> st.SearchStrategy[Any]:
    needed = EVENT_FIELDS.get(event, ())
    shaped = st.fixed_dictionaries({f: FIELDS[f] for f in needed},
                                   optional={f: s for f, s in FIELDS.items() if f not in needed})
    return st.one_of(shaped, shaped, shaped, JSON)
VISITOR_EVENTS = ("message", "history", "typing", "profile", "end", "quick_exit", "nonsense", "connect")
COUNSELLOR_EVENTS = ("claim", "message", "open", "mine", "history", "typing", "seen", "note", "transfer", "close",
                     "triage_feedback", "disconnect", "nonsense")
SUPERVISOR_EVENTS = ("monitor", "unmonitor", "whisper", "nonsense")


class LoopThread:
    """An event loop in a thread: hypothesis calls the test synchronously, the clients are asyncio."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout_s: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout_s)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def _well_formed(ack: Any) -> bool:
    if not isinstance(ack, dict):
        return False
    if "error" in ack:
        return ack.get("ok") is False and isinstance(ack["error"], str) and isinstance(ack.get("detail"), str)
    return True


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
        return bool(response.status == 200)


def test_every_event_answers_any_payload_in_the_one_shape(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any]
) -> None:
    proc = server_process(HELPLINE_MAX_CONVERSATIONS="0")
    make_user("fuzzy")
    make_user("boss", role="supervisor")
    runner = LoopThread()
    try:
        staff: Peer = runner.run(counsellor(proc.url, runner.run(login(proc.url, "fuzzy", PASSWORD))))
        boss: Peer = runner.run(counsellor(proc.url, runner.run(login(proc.url, "boss", PASSWORD)),
                                           namespace="/supervisor"))
        peers: dict[str, Peer] = {}
        current: dict[str, str] = {}

        async def fresh_visitor() -> Peer:
            kid, session = await visitor(proc.url)
            await say(kid, "hoi")  # stored: the events have something to act on
            current["cid"] = session["conversation_id"]
            for _ in range(50):  # and the counsellor has it, so their events reach the service too
                if (await staff.call("claim", {"conversation_id": current["cid"]})).get("ok"):
                    break
                await asyncio.sleep(0.1)
            return kid

        async def call(peer: Peer, event: str, payload: Any) -> Any:
            ack = await peer.call(event, payload, wait_s=10)
            if isinstance(ack, dict) and ack.get("error") == "rate_limited":
                await asyncio.sleep(float(ack.get("retry_after_s", 0.5)))
            return ack

        @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(target=st.sampled_from(["visitor", "counsellor", "supervisor"]), data=st.data())
        def check(target: str, data: st.DataObject) -> None:
            if target == "visitor":
                event = data.draw(st.sampled_from(VISITOR_EVENTS))
                if "kid" not in peers or event in {"end", "quick_exit"}:
                    peers["kid"] = runner.run(fresh_visitor())
                peer = peers["kid"]
            elif target == "counsellor":
                event, peer = data.draw(st.sampled_from(COUNSELLOR_EVENTS)), staff
            else:
                event, peer = data.draw(st.sampled_from(SUPERVISOR_EVENTS)), boss
            payload = data.draw(payload_for(event))
            if isinstance(payload, dict) and payload.get("conversation_id") == CID:
                payload["conversation_id"] = current.get("cid", "0" * 32)  # a real one, the counsellor's
            ack = runner.run(call(peer, event, payload))
            assert _well_formed(ack), (target, event, payload, ack)

        check()

        # And every event once with every field valid, from the same strategies' valid branches: the
        # happy paths answer in the shape too (random junk rarely gets that far).
        valid = {"text": "hallo", "client_id": "v1", "after_seq": 0, "seq": 1, "typing": True, "about": "other",
                 "lang": "fr", "to_user": "nobody", "to_queue": "youth", "note": "n", "outcome": "other",
                 "tags": ["t"], "referral": "r", "code": "grooming", "verdict": "confirm"}
        for peer, events in ((staff, COUNSELLOR_EVENTS), (boss, SUPERVISOR_EVENTS), (None, VISITOR_EVENTS)):
            for event in events:
                kid = runner.run(fresh_visitor())
                payload = {f: valid.get(f, current["cid"]) for f in EVENT_FIELDS.get(event, ())}
                ack = runner.run(call(peer or kid, event, payload))
                assert _well_formed(ack), (event, payload, ack)
        assert _healthy(proc.url)
        # The connections still work after everything above.
        assert "conversations" in runner.run(staff.call("mine", {}))
        assert "seq" in runner.run(say(runner.run(fresh_visitor()), "nog steeds hier"))
    finally:
        runner.stop()
