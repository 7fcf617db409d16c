"""What a visitor brings to a new conversation besides their words, and what follows from it: the
browser's device token (blocking, chat/blocking.py), a personal code for coming back (chat/continuity.py)
and the professional consult line (chat/consult.py). The conversation service (chat/conversations.py)
calls these steps at connect, at the first message and when a counsellor takes a conversation.
"""

from __future__ import annotations

from typing import Any

from chat.blocking import DEVICE_FIELD, Blocks, device_hash
from chat.consult import PRO, ProLine, parse_line, record_fields
from chat.consult import offline_notice as pro_offline_notice
from chat.continuity import Continuity
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.notices import offline_notice
from chat.presence import Presence, VisitorLink
from chat.records import ConversationRecord
from chat.store import ConversationStore
from chat.wire import ServiceStateWire
from vocabulary import About


class VisitorContext:
    def __init__(self, store: ConversationStore, presence: Presence, delivery: Delivery, blocks: Blocks,
                 continuity: Continuity, pro: ProLine, retention_days: int) -> None:
        self.store = store
        self.presence = presence
        self.delivery = delivery
        self.blocks = blocks
        self.continuity = continuity
        self.pro = pro
        self.retention_days = retention_days

    # -- a new conversation -------------------------------------------------------------------------

    async def new_conversation(self, link: VisitorLink, auth: dict[str, Any]) -> None:
        """Read `line`/`consult`, `device` and `continuity_code` from a new conversation's `auth`.
        Refuses `bad_request` (malformed), `blocked`, `bad_continuity_code`."""
        link.line, link.consult = parse_line(auth)
        if link.line == PRO:
            link.about = About.PROFESSIONAL  # the consult line routes to the professional queue
        if auth.get("device") is not None:
            link.device_hash = device_hash(auth["device"])
            await self.blocks.check(link.device_hash)
        if auth.get("continuity_code") is not None:
            link.link_id = await self.continuity.link_of_code(auth["continuity_code"])

    def service_state(self, link: VisitorLink) -> ServiceStateWire:
        if link.line == PRO:
            state = self.pro.service_state(self.presence.online_count)
            return {"open": state["open"], "counsellors_online": state["counsellors_online"],
                    "hours_open": state["hours_open"]}
        return self.presence.service_state()

    def is_open(self, link: VisitorLink) -> bool:
        return self.service_state(link)["open"]

    def offline_notice(self, link: VisitorLink) -> str:
        return pro_offline_notice(link.lang) if link.line == PRO else offline_notice(link.lang)

    async def before_create(self, link: VisitorLink) -> None:
        """A block made since the widget connected (another tab) holds for its first message too."""
        await self.blocks.check(link.device_hash)

    async def after_create(self, cid: str, link: VisitorLink) -> None:
        """Before the first message is appended (so before anyone can claim it)."""
        await self.store.set_fields(cid, record_fields(link.line, link.consult))
        if link.device_hash:
            await self.blocks.remember_device(cid, link.device_hash)
        if link.link_id and not await self.continuity.attach(link.link_id, cid):
            link.link_id = ""  # revoked or expired in the meantime

    # -- the counsellor's view ----------------------------------------------------------------------

    async def detail(self, record: ConversationRecord) -> dict[str, Any]:
        """Fields added to a CONVERSATION (docs/protocol.md)."""
        consult = None
        if record.line == PRO:
            consult = {"organisation": record.consult_org or None, "question": record.consult_question or None}
        return {
            "line": record.line or None,
            "consult": consult,
            "linked": bool(record.link),
            "blockable": await self.store.private(record.conversation_id, DEVICE_FIELD) is not None,
        }

    def taken(self, record: ConversationRecord) -> None:
        """A counsellor claimed or opened it: the earlier contacts' summary follows as `continuity`."""
        if record.link:
            self.continuity.spawn(self.send_summary(record.conversation_id, record.link))

    async def send_summary(self, cid: str, link_id: str) -> None:
        earlier = await self.continuity.earlier(cid, link_id)
        await self.delivery.continuity(cid, {"conversation_id": cid, "linked": True, "earlier": earlier})

    # -- the visitor's consent ----------------------------------------------------------------------

    async def _current_link(self, link: VisitorLink) -> str:
        if link.link_id or not link.stored:
            return link.link_id
        record = await self.store.get(link.conversation_id)
        if record is None:
            raise HelplineError(ErrorCode.NOT_FOUND)
        return record.link

    async def consent(self, link: VisitorLink) -> dict[str, Any]:
        """Link this conversation and hand out the personal code (once). Already linked: no new code."""
        current = await self._current_link(link)
        if current and await self.continuity.linked(current):
            link.link_id = current
            return {"ok": True, "linked": True, "code": None, "days": self.retention_days}
        link_id, code = await self.continuity.create()
        link.link_id = link_id
        if link.stored:
            await self.continuity.attach(link_id, link.conversation_id)
            await self.delivery.continuity(link.conversation_id, {
                "conversation_id": link.conversation_id, "linked": True, "earlier": []})
        return {"ok": True, "linked": True, "code": code, "days": self.retention_days}

    async def revoke(self, link: VisitorLink) -> None:
        current = await self._current_link(link)
        if current:
            await self.continuity.revoke(current)
        link.link_id = ""
        if link.stored:
            await self.delivery.continuity(link.conversation_id, {
                "conversation_id": link.conversation_id, "linked": False, "earlier": []})
