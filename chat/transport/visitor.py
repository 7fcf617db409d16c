"""Namespace /visitor: anonymous young people (docs/protocol.md, "Namespace /visitor").

Nothing about the connection (address, user agent, headers) is read or kept here: the conversation
id and the hashed resume token are all the server knows about a visitor.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import socketio

from chat.conversations import ConversationService
from chat.errors import ErrorCode, HelplineError
from chat.transport.common import (
    GuardedNamespace,
    TokenBucket,
    bool_field,
    client_id_field,
    int_field,
    refusal,
    text_field,
)
from chat.wire import MessageAckWire

# Where a connection's count of return codes tried is kept (chat/return_code.py).
CODE_TRIES = "helpline.return_code_tries"


class VisitorNamespace(GuardedNamespace):
    # A person types at most a message or two a second; bursts allow a resend after a reconnect.
    rate = 10.0
    burst = 30.0

    # Messages per conversation, over all its sockets in this process: opening forty sockets on one
    # return code multiplied the per-socket limit (516 messages a second; an attacker's report).
    conversation_rate = 5.0
    conversation_burst = 30.0

    def __init__(self, service: ConversationService) -> None:
        super().__init__("/visitor")
        self.service = service
        self._conversation_buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def _conversation_bucket(self, sid: str) -> TokenBucket | None:
        link = self.service.presence.visitor(sid)
        if link is None:
            return None
        cid = link.conversation_id
        bucket = self._conversation_buckets.get(cid)
        if bucket is None:
            bucket = self._conversation_buckets[cid] = TokenBucket(self.conversation_rate, self.conversation_burst)
            if len(self._conversation_buckets) > 50_000:  # forget the longest unused
                self._conversation_buckets.popitem(last=False)
        self._conversation_buckets.move_to_end(cid)
        return bucket

    async def on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        if auth is None:
            auth = {}
        if not isinstance(auth, dict):
            raise refusal(ErrorCode.BAD_REQUEST, "auth must be a JSON object")
        if auth.get("return_code") is not None:
            self._count_code_try(environ)
        try:
            session, replay_after = await self.service.visitor_connect(sid, auth)
        except HelplineError as exc:
            raise socketio.exceptions.ConnectionRefusedError(str(exc.code), exc.wire()) from None
        # Sent once the connection is acknowledged, so the client is listening.
        self.server.start_background_task(self.service.visitor_welcome, sid, session, replay_after)

    def _count_code_try(self, environ: dict[str, Any]) -> None:
        """Return codes tried on one connection: a client may send many namespace connects over one
        Engine.IO connection, so they are counted on it (its environ lives as long as it does)."""
        limit = self.service.settings.return_code_tries_per_connection
        tries = int(environ.get(CODE_TRIES, 0)) + 1
        environ[CODE_TRIES] = tries
        if limit and tries > limit:
            raise refusal(ErrorCode.RATE_LIMITED, "too many return codes tried on this connection; reconnect later")

    async def on_disconnect(self, sid: str, reason: Any = None) -> None:
        self.forget(sid)
        await self.service.visitor_disconnect(sid)

    async def on_message(self, sid: str, data: dict[str, Any]) -> MessageAckWire:
        bucket = self._conversation_bucket(sid)
        wait = bucket.take() if bucket is not None else 0.0
        if wait:
            raise HelplineError(ErrorCode.RATE_LIMITED, "too many messages in this conversation; slow down",
                                retry_after_s=wait)
        text = text_field(data, "text", self.service.settings.max_text)
        return await self.service.visitor_message(sid, text, client_id_field(data))

    async def on_history(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        return await self.service.visitor_history(sid, int_field(data, "after_seq"))

    async def on_typing(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        await self.service.visitor_typing(sid, bool_field(data, "typing"))
        return {"ok": True}

    async def on_profile(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        about, lang = data.get("about", ""), data.get("lang", "")
        if not isinstance(about, str) or not isinstance(lang, str):
            raise HelplineError(ErrorCode.BAD_REQUEST, "'about' and 'lang' must be strings")
        await self.service.visitor_profile(sid, about, lang)
        return {"ok": True}

    async def on_end(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        await self.service.visitor_end(sid, hurried=False)
        return {"ok": True}

    async def on_quick_exit(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        await self.service.visitor_end(sid, hurried=True)
        return {"ok": True}

    async def on_cant_talk(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        """"I can't talk now": the widget hides the chat (hidden true) or shows it again (false)."""
        await self.service.visitor_cant_talk(sid, bool_field(data, "hidden"))
        return {"ok": True}

    async def on_continuity_consent(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        """The visitor agrees to link this conversation to a next one: the personal code, once."""
        return await self.service.continuity_consent(sid)

    async def on_continuity_revoke(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        await self.service.continuity_revoke(sid)
        return {"ok": True}
