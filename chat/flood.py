"""A flood of new conversations (docs/operations.md, "A flood of fake conversations").

The helpline takes in `HELPLINE_MAX_NEW_PER_MINUTE` new conversations a minute (first messages, over all
processes) normally. Past that cap a first message is still stored, acknowledged and queued as usual,
but the conversation is marked a *flood* conversation: the counsellors' console shows a marker on it and
a banner while a flood goes on, and within its urgency it sorts as if it had come
`HELPLINE_FLOOD_DEFER_S` later (chat/store.py adds that to its queue score). Triage, safe words and the
acute path treat it like any other, so real danger still sorts it up. The visitor sees nothing different.
Past `HELPLINE_MAX_FLOOD_PER_MINUTE` more in the same minute, `busy` is answered again: the hard ceiling
that keeps a flood from filling Redis.

Why not refuse everything past the cap (as before 2026-12): one script opening ~62 conversations at the
start of every minute then kept every real new visitor at `busy` for as long as it ran. Why only defer
for a while rather than always sort flood conversations last: the same script fills the cap with its
own conversations first, so real visitors arriving later in the minute are the flood ones; sorted last
for ever they would never be reached while it runs.

Counting: every first message increments its minute's counter (keys.admitted). The n-th of a minute is
normal for n <= cap, a flood conversation for n <= cap + ceiling, and `busy` beyond. The same counters,
read back for the last few minutes, tell the banner how many came in as flood and how many were refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from chat.wire import FloodWire

# The console's banner counts the flood conversations of this many minutes (the current one included).
FLOOD_WINDOW_MIN = 5
# A minute's counter outlives the window (the banner reads it) and then expires.
COUNTER_TTL_S = (FLOOD_WINDOW_MIN + 1) * 60


@dataclass(frozen=True)
class Admission:
    """What a first message is: admitted normally, admitted as a flood conversation, or refused (`busy`)."""

    flood: bool = False
    retry_after_s: float = 0.0  # > 0: refused; the seconds until the next minute

    @property
    def refused(self) -> bool:
        return self.retry_after_s > 0


def admit(count: int, now_s: float, cap: int, ceiling: int) -> Admission:
    """The `count`-th first message of the minute that holds `now_s` (seconds since the epoch)."""
    if cap <= 0 or count <= cap:
        return Admission()
    if count <= cap + ceiling:
        return Admission(flood=True)
    return Admission(retry_after_s=round(60 - now_s % 60 + 0.5, 1))


def summary(counts: list[int], cap: int, ceiling: int) -> FloodWire | None:
    """The banner's figures from the last minutes' counters; None when no minute went past the cap."""
    if cap <= 0:
        return None
    over = [max(0, n - cap) for n in counts]
    if not any(over):
        return None
    admitted = sum(min(n, ceiling) for n in over)
    return {"admitted": admitted, "refused": sum(over) - admitted, "window_s": FLOOD_WINDOW_MIN * 60}
