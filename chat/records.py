"""Typed records of what Redis holds, and the one place that encodes and decodes them.

Redis stores strings. The conventions (docs/operations.md, "Data in Redis"):
- times are whole milliseconds since the epoch, in hash fields and sorted-set scores alike;
- booleans are "1" / "0"; "unknown" (e.g. whether someone is a minor) is the empty string;
- lists (signals, tags) are JSON arrays.
Data written by versions before these conventions (seconds as floats, "true"/"false") is still read.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

import orjson

from vocabulary import Queue, Role, Status, Urgency, parse

# A time below this is in seconds (written before times were milliseconds): 1e11 ms is 1973.
_SECONDS_BEFORE = 10**11


def now_ms() -> int:
    return int(time.time() * 1000)


def as_text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else value


def encode_bool(value: bool) -> str:
    return "1" if value else "0"


def decode_bool(raw: str) -> bool:
    return raw in {"1", "true"}


def encode_tristate(value: bool | None) -> str:
    return "" if value is None else encode_bool(value)


def decode_tristate(raw: str) -> bool | None:
    if raw in {"1", "true"}:
        return True
    if raw in {"0", "false"}:
        return False
    return None


def decode_ms(raw: str | float | int | None) -> int | None:
    """A stored time in ms; None when absent. Old data in seconds is converted."""
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return int(value * 1000) if value < _SECONDS_BEFORE else int(value)


def encode_list(values: list[str]) -> str:
    return orjson.dumps(values).decode()


def decode_list(raw: str) -> list[str]:
    try:
        value = orjson.loads(raw) if raw else []
    except orjson.JSONDecodeError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


class TriageSignal(TypedDict, total=False):
    code: str
    score: float
    evidence: list[dict[str, Any]]


class TriageResult(TypedDict, total=False):
    """What triage/classifier.py returns (../shared/design/triage.md)."""

    signals: list[TriageSignal]
    urgency: str
    role: str
    minor: bool | None
    language: str
    queue: str


@dataclass(frozen=True)
class ConversationRecord:
    """A conversation's hash (`keys.conversation`), decoded. Fields not read are at their defaults."""

    conversation_id: str
    status: str = Status.NEW
    about: str = ""  # the visitor's own answer (vocabulary.About), "" when not given
    lang: str = ""  # the widget's language: notices to the visitor are in it
    queue: str = Queue.YOUTH
    queue_override: str = ""  # set by a transfer to a queue: triage no longer routes
    suggested_queue: str = ""  # triage's suggestion, shown when the visitor's answer routes
    urgency: str = Urgency.NORMAL
    role: str = Role.UNKNOWN
    language: str = ""  # as triage detected it
    minor: bool | None = None
    signals: list[str] = field(default_factory=list)
    triage_json: str = ""  # the latest triage result as sent to the counsellor
    offline: bool = False  # the first message came while the service was closed
    quick_exit: bool = False
    counsellor: str = ""
    last_counsellor: str = ""
    created_ms: int = 0
    queued_at_ms: int | None = None
    claimed_at_ms: int | None = None
    closed_at_ms: int | None = None
    wait_s: int | None = None  # from entering the queue until claimed
    outcome: str = ""
    ended_by: str = ""  # visitor | gave_up (chat/abandonment.py) | "" (a counsellor closed it)
    tags: list[str] = field(default_factory=list)
    referral: str = ""
    wrapped_key: str = ""  # the data key, wrapped by the master key; "" once retention destroyed it
    # Acute danger (chat/acute.py): what first made it acute (triage | counsellor | safe_word), when, whether
    # a counsellor or a safe word pinned it (triage then never lowers it), and when it was escalated.
    acute_by: str = ""
    acute_at_ms: int | None = None
    acute_counsellor: bool = False
    acute_safe_word: bool = False
    escalated_at_ms: int | None = None
    resume_hash: str = ""
    line: str = ""  # "pro": came in through the professional consult line (chat/consult.py)
    consult_org: str = ""  # the consult line's organisation type and question type (vocabulary codes)
    consult_question: str = ""
    link: str = ""  # the link to earlier conversations, with the visitor's consent (chat/continuity.py)
    flood: bool = False  # taken in past HELPLINE_MAX_NEW_PER_MINUTE during a flood (chat/flood.py)

    @classmethod
    def from_hash(cls, cid: str, raw: Mapping[str, str]) -> ConversationRecord:
        get = raw.get
        wait = get("wait_s", "")
        return cls(
            conversation_id=cid,
            status=parse(Status, get("status"), Status.NEW),
            about=get("about", ""),
            lang=get("lang", ""),
            queue=parse(Queue, get("queue"), Queue.YOUTH),
            queue_override=get("queue_override", ""),
            suggested_queue=get("suggested_queue", ""),
            urgency=parse(Urgency, get("urgency"), Urgency.NORMAL),
            role=parse(Role, get("role"), Role.UNKNOWN),
            language=get("language", ""),
            minor=decode_tristate(get("minor", "")),
            signals=decode_list(get("signals", "")),
            triage_json=get("triage", ""),
            offline=decode_bool(get("offline", "")),
            quick_exit=decode_bool(get("quick_exit", "")),
            counsellor=get("counsellor", ""),
            last_counsellor=get("last_counsellor", ""),
            created_ms=decode_ms(get("created")) or 0,
            queued_at_ms=decode_ms(get("queued_at")),
            claimed_at_ms=decode_ms(get("claimed_at")),
            closed_at_ms=decode_ms(get("closed_at")),
            wait_s=int(wait) if wait.isdigit() else None,
            outcome=get("outcome", ""),
            ended_by=get("ended_by", ""),
            tags=decode_list(get("tags", "")),
            referral=get("referral", ""),
            wrapped_key=get("dek", ""),
            acute_by=get("acute_by", ""),
            acute_at_ms=decode_ms(get("acute_at")),
            acute_counsellor=bool(get("acute_counsellor", "")),
            acute_safe_word=bool(get("acute_safe_word", "")),
            escalated_at_ms=decode_ms(get("escalated_at")),
            resume_hash=get("resume", ""),
            line=get("line", ""),
            consult_org=get("consult_org", ""),
            consult_question=get("consult_question", ""),
            link=get("link", ""),
            flood="flood" in raw,
        )

    @property
    def triage(self) -> TriageResult | None:
        if not self.triage_json:
            return None
        value: TriageResult = orjson.loads(self.triage_json)
        return value

    @property
    def acute_reason(self) -> str:
        """Why it is acute, as staff see it: a safe word says the most, then a counsellor's choice."""
        if self.acute_safe_word:
            return "safe_word"
        if self.acute_counsellor:
            return "counsellor"
        return (self.acute_by or "triage") if self.urgency == Urgency.ACUTE else ""

    @property
    def handled_by(self) -> str:
        """The counsellor who has it, or had it last."""
        return self.counsellor or self.last_counsellor


def triage_fields(result: TriageResult, encoded: str) -> dict[str, str]:
    """The hash fields a triage result sets (the queue fields are decided by the service)."""
    return {
        "urgency": parse(Urgency, result.get("urgency"), Urgency.NORMAL),
        "role": parse(Role, result.get("role"), Role.UNKNOWN),
        "language": str(result.get("language") or ""),
        "minor": encode_tristate(result.get("minor")),
        "signals": encode_list([str(s.get("code")) for s in result.get("signals", []) if isinstance(s, dict)]),
        "triage": encoded,
    }
