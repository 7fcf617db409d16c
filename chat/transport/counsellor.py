"""Namespace /counsellor: staff answering conversations (docs/protocol.md, "Namespace /counsellor")."""

from __future__ import annotations

from typing import Any

from chat.accounts import Accounts
from chat.acute import REMARK_MAX
from chat.audit import Action
from chat.conversations import ConversationService
from chat.errors import ErrorCode, HelplineError
from chat.transport.auth import token_from
from chat.transport.common import (
    NOTE_MAX,
    GuardedNamespace,
    bool_field,
    client_id_field,
    conversation_id_field,
    int_field,
    refusal,
    tags_field,
    text_field,
)
from chat.wire import MessageAckWire
from vocabulary import QUEUES


class CounsellorNamespace(GuardedNamespace):
    # One console carries several conversations at once (and the load bench ten per socket).
    rate = 200.0
    burst = 400.0

    def __init__(self, service: ConversationService, accounts: Accounts) -> None:
        super().__init__("/counsellor")
        self.service = service
        self.accounts = accounts

    async def on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = token_from(environ, auth)
        account = await self.accounts.authenticate(token)
        if account is None:
            raise refusal(ErrorCode.UNAUTHORIZED)
        await self.service.counsellor_connect(sid, account, token)
        self.server.start_background_task(self.service.counsellor_welcome, sid)

    async def on_disconnect(self, sid: str, reason: Any = None) -> None:
        self.forget(sid)
        await self.service.counsellor_disconnect(sid)

    def _check(self, sid: str) -> None:
        # Logged out or expired while connected: stop serving this socket.
        self.service.account_of(sid)

    async def on_claim(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        answer = await self.service.claim(sid, cid)
        await self.accounts.audit.record(self.service.account_of(sid).username, Action.CLAIM, cid)
        return answer

    async def on_message(self, sid: str, data: dict[str, Any]) -> MessageAckWire:
        self._check(sid)
        cid = conversation_id_field(data)
        text = text_field(data, "text", self.service.settings.max_text)
        return await self.service.counsellor_message(sid, cid, text, client_id_field(data))

    async def on_open(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        return await self.service.open(sid, conversation_id_field(data))

    async def on_mine(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        return await self.service.mine(sid)

    async def on_history(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        return await self.service.counsellor_history(sid, conversation_id_field(data), int_field(data, "after_seq"))

    async def on_typing(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        await self.service.counsellor_typing(sid, conversation_id_field(data), bool_field(data, "typing"))
        return {"ok": True}

    async def on_seen(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        await self.service.seen(sid, conversation_id_field(data), int_field(data, "seq"))
        return {"ok": True}

    async def on_note(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        return await self.service.note(sid, cid, text_field(data, "text", NOTE_MAX))

    async def on_transfer(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        to_user = text_field(data, "to_user", 64, required=False)
        to_queue = text_field(data, "to_queue", 32, required=False)
        if bool(to_user) == bool(to_queue):
            raise HelplineError(ErrorCode.BAD_REQUEST, "give exactly one of 'to_user' and 'to_queue'")
        if to_queue and to_queue not in QUEUES:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'to_queue' must be one of {', '.join(QUEUES)}")
        note = text_field(data, "note", NOTE_MAX, required=False)
        answer = await self.service.transfer(sid, cid, to_user, to_queue, note)
        await self.accounts.audit.record(self.service.account_of(sid).username, Action.TRANSFER, cid)
        return answer

    async def on_close(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        outcome = text_field(data, "outcome", 64)
        note = text_field(data, "note", NOTE_MAX, required=False)
        referral = text_field(data, "referral", 64, required=False)
        return await self.service.close(sid, cid, outcome, tags_field(data), note, referral)

    async def on_triage_feedback(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        code = text_field(data, "code", 64)
        verdict = text_field(data, "verdict", 16)
        return await self.service.triage_feedback(sid, cid, code, verdict)

    async def on_mark_acute(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        return await self.service.mark_acute(sid, conversation_id_field(data))

    async def on_protocol_step(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._check(sid)
        cid = conversation_id_field(data)
        step = text_field(data, "step", 32)
        remark = text_field(data, "remark", REMARK_MAX, required=False)
        lang = text_field(data, "lang", 8, required=False)
        return await self.service.protocol_step(sid, cid, step, remark, lang)
