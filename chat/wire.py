"""The shapes of the main payloads on the wire, as docs/protocol.md describes them.

The code that builds a payload is annotated with its shape here (mypy checks the builder), and the flow
tests check what clients really receive against the same shapes (tests/chat/clients.py, `assert_wire`).
Errors have their own shape in chat/errors.py.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ServiceStateWire(TypedDict):
    open: bool
    counsellors_online: int
    hours_open: bool


class SessionWire(TypedDict):
    """/visitor `session`, sent on every connect."""

    conversation_id: str
    resume_token: str
    # The short code a person can copy by hand (chat/return_code.py): at most 16 characters.
    return_code: str
    status: str
    service: ServiceStateWire


class MessageWire(TypedDict):
    """`message` on /visitor, /counsellor and /supervisor."""

    conversation_id: str
    id: str
    seq: int
    sender: str
    text: str
    ts: float


class MessageAckWire(TypedDict):
    id: str
    seq: int


class VisitorPresenceWire(TypedDict):
    """Whether a conversation's visitor is still there (chat/presence.py)."""

    connected: bool
    away_s: int | None  # seconds since last connected; null while connected or never known


class QueueItemWire(TypedDict):
    conversation_id: str
    waited_s: int
    urgency: str
    signals: list[str]
    role: str
    language: str | None
    minor: bool | None
    queue: str
    offline: bool
    overflow: bool
    # Acute and waiting longer than HELPLINE_ACUTE_ESCALATE_S: offered to every counsellor (chat/acute.py).
    escalated: bool
    # Why it is acute (triage | counsellor | safe_word), None when it is not.
    acute_reason: str | None
    # Taken in past HELPLINE_MAX_NEW_PER_MINUTE during a flood of new conversations (chat/flood.py).
    flood: bool
    # The start of the visitor's first message, so a counsellor may read before taking (chat/queue_view.py).
    preview: NotRequired[str]
    # Whether the visitor is still connected, and since when gone (chat/presence.py).
    visitor: NotRequired[VisitorPresenceWire]


class FloodWire(TypedDict):
    """A flood of new conversations going on (chat/flood.py), helpline-wide, over the last `window_s`."""

    admitted: int  # taken in past HELPLINE_MAX_NEW_PER_MINUTE, marked `flood`
    refused: int  # answered `busy` past HELPLINE_MAX_FLOOD_PER_MINUTE as well
    window_s: int


class QueueWire(TypedDict):
    """/counsellor `queue`: what this counsellor may take, most urgent first."""

    waiting: list[QueueItemWire]  # at most chat.queue_view.VIEW_MAX
    total: int  # how many this counsellor may take in all
    online: int
    flood: FloodWire | None  # None: no flood in the last minutes


class QueueStatusWire(TypedDict):
    """/visitor `queue_status`: the visitor's place in the queue."""

    position: int
    waiting: int
    estimated_wait_s: int | None
    open: bool
    counsellors_online: int
    # Triaged acute while waiting: the widget shows at once, calmly, what to do in danger now (112).
    urgent: bool


class TriageSignalWire(TypedDict):
    code: str
    score: float
    evidence: list[Any]


class TriageEventWire(TypedDict):
    """/counsellor `triage` (../shared/design/triage.md); `minor` is sent too."""

    conversation_id: str
    signals: list[TriageSignalWire]
    urgency: str
    role: str
    language: str
    queue: str


class ConversationAckWire(TypedDict):
    """claim, open (/counsellor) and monitor (/supervisor)."""

    ok: bool
    conversation: dict[str, Any]
