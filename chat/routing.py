"""Queue and routing: who may take which waiting conversation (docs/protocol.md, "Queue and routing").

A counsellor sees a waiting conversation when its queue is among their skills and its language among
their languages (no skills or no languages configured: everything). Acute conversations, and any
conversation that has waited HELPLINE_OVERFLOW_S, overflow to every counsellor: a child in danger
must not wait for a specialist to come online.
"""

from __future__ import annotations

from dataclasses import dataclass

from chat.accounts import Account
from chat.wire import QueueItemWire
from vocabulary import Role, Urgency

# Fields of the conversation hash the queue view needs.
QUEUE_FIELDS = ["queue", "urgency", "language", "role", "minor", "signals", "queued_at", "offline", "about",
                "acute_by", "acute_at", "acute_counsellor", "acute_safe_word", "escalated_at", "flood"]


@dataclass(frozen=True)
class Waiting:
    conversation_id: str
    score: int
    queue: str
    urgency: str
    language: str
    role: str
    minor: bool | None
    signals: list[str]
    queued_at_ms: int
    offline: bool
    # Acute danger (chat/acute.py): why ("" when not acute), since when (ms), and whether it was escalated.
    acute_reason: str = ""
    acute_since_ms: int | None = None
    escalated: bool = False
    # Taken in past the per-minute cap during a flood (chat/flood.py); its queue score is deferred.
    flood: bool = False

    def waited_s(self, now_ms: int) -> int:
        return max(0, (now_ms - self.queued_at_ms) // 1000)

    def overflowing(self, now_ms: int, overflow_s: int) -> bool:
        return self.urgency == Urgency.ACUTE or self.escalated or self.waited_s(now_ms) >= overflow_s

    def wire(self, now_ms: int, overflow_s: int) -> QueueItemWire:
        return {
            "conversation_id": self.conversation_id,
            "waited_s": self.waited_s(now_ms),
            "urgency": self.urgency,
            "signals": self.signals,
            "role": self.role or Role.UNKNOWN,
            "language": self.language or None,
            "minor": self.minor,
            "queue": self.queue,
            "offline": self.offline,
            "overflow": self.overflowing(now_ms, overflow_s),
            "escalated": self.escalated,
            "acute_reason": self.acute_reason or None,
            "flood": self.flood,
        }


def may_take(account: Account, item: Waiting, now_ms: int, overflow_s: int) -> bool:
    if item.overflowing(now_ms, overflow_s):
        return True
    if account.skills and item.queue not in account.skills:
        return False
    return not (account.languages and item.language and item.language not in account.languages)


def view_for(account: Account, waiting: list[Waiting], now_ms: int, overflow_s: int) -> list[QueueItemWire]:
    return [w.wire(now_ms, overflow_s) for w in waiting if may_take(account, w, now_ms, overflow_s)]
