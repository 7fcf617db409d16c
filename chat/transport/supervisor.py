"""Namespace /supervisor: the live board, read-only monitoring and whispers (docs/protocol.md)."""

from __future__ import annotations

from typing import Any

from chat.accounts import Accounts
from chat.audit import Action
from chat.conversations import ConversationService
from chat.errors import ErrorCode
from chat.transport.auth import token_from
from chat.transport.common import (
    NOTE_MAX,
    GuardedNamespace,
    conversation_id_field,
    int_field,
    refusal,
    text_field,
)


class SupervisorNamespace(GuardedNamespace):
    rate = 20.0
    burst = 40.0

    def __init__(self, service: ConversationService, accounts: Accounts) -> None:
        super().__init__("/supervisor")
        self.service = service
        self.accounts = accounts

    async def on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = token_from(environ, auth)
        account = await self.accounts.authenticate(token)
        if account is None or not account.is_supervisor:
            raise refusal(ErrorCode.UNAUTHORIZED)
        await self.service.supervisor_connect(sid, account, token)
        self.server.start_background_task(self.service.supervisor_welcome, sid)

    async def on_disconnect(self, sid: str, reason: Any = None) -> None:
        self.forget(sid)
        self.service.supervisor_disconnect(sid)

    def _name(self, sid: str) -> str:
        link = self.service.presence.supervisor(sid)
        return link.account.username if link is not None else ""

    async def on_monitor(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        cid = conversation_id_field(data)
        answer = await self.service.monitor(sid, cid)
        try:
            await self.accounts.audit.record(self._name(sid), Action.MONITOR, cid)
        except Exception:
            # Unrecorded watching is no watching: stop it, and the client gets `unavailable`.
            await self.service.unmonitor(sid, cid)
            raise
        return answer

    async def on_history(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        return await self.service.supervisor_history(sid, conversation_id_field(data), int_field(data, "after_seq"))

    async def on_unmonitor(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        cid = conversation_id_field(data)
        await self.service.unmonitor(sid, cid)
        await self.accounts.audit.record(self._name(sid), Action.UNMONITOR, cid)
        return {"ok": True}

    async def on_assign(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        cid = conversation_id_field(data)
        answer = await self.service.assign(sid, cid, text_field(data, "to_user", 64))
        # Who assigned which conversation; the counsellor it went to is in the conversation itself.
        await self.accounts.audit.record(self._name(sid), Action.ASSIGN, cid)
        return answer

    async def on_whisper(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        cid = conversation_id_field(data)
        answer = await self.service.whisper(sid, cid, text_field(data, "text", NOTE_MAX))
        await self.accounts.audit.record(self._name(sid), Action.WHISPER, cid)  # who and where, never the text
        return answer
