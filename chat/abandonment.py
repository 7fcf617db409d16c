"""Waiting conversations whose visitor is gone: closed as "gave up" (docs/operations.md, "Queues").

A visitor who closes the browser while waiting leaves a conversation that looks like any other in the
queue; counsellors then answer someone long gone while others wait. A conversation that has waited
longer than HELPLINE_ABANDONED_AFTER_S and whose visitor has had no connection for that long is closed,
recorded as `ended_by: gave_up` for the statistics. Messages left while the service was closed
(`offline`) are kept waiting: their visitors come back later with their return code, by design.
"""

from __future__ import annotations

from chat.conversations import Scheduler
from chat.delivery import Delivery
from chat.errors import HelplineError
from chat.periodic import Periodic
from chat.presence import Presence
from chat.queue_view import QueueView
from chat.records import now_ms
from chat.store import ConversationStore
from vocabulary import Status

CHECK_EVERY_S = 30.0
GAVE_UP = "gave_up"


class Abandonment:
    def __init__(self, store: ConversationStore, presence: Presence, delivery: Delivery, queue_view: QueueView,
                 transcripts: Scheduler | None, after_s: int) -> None:
        self.store = store
        self.presence = presence
        self.delivery = delivery
        self.queue_view = queue_view
        self.transcripts = transcripts
        self.after_ms = after_s * 1000
        self.job = Periodic("closing abandoned conversations", self.close_abandoned, CHECK_EVERY_S,
                            first_after_s=CHECK_EVERY_S)

    async def close_abandoned(self) -> list[str]:
        """Close the waiting conversations whose visitors gave up; returns their ids."""
        cutoff = now_ms() - self.after_ms
        here = {link.conversation_id for link in self.presence.visitors.values()}  # once, not per conversation
        candidates = [w for w in self.queue_view.waiting
                      if not w.offline and w.queued_at_ms < cutoff and w.conversation_id not in here]
        seen = await self.presence.visitors_last_seen([w.conversation_id for w in candidates])
        closed = []
        for item, last_seen in zip(candidates, seen, strict=True):
            if (last_seen or 0) >= cutoff:
                continue
            try:
                await self.store.close(item.conversation_id, "", {"ended_by": GAVE_UP})
            except HelplineError:
                continue  # claimed or closed meanwhile, or by another process
            closed.append(item.conversation_id)
            await self.delivery.status_to_visitor(item.conversation_id, Status.CLOSED, GAVE_UP)
            await self.delivery.status_to_supervisors(item.conversation_id, Status.CLOSED, GAVE_UP)
            if self.transcripts is not None:
                self.transcripts.schedule(item.conversation_id)
        return closed
