"""Namespace /visitor: anonymous young people (docs/protocol.md, "Namespace /visitor").

Nothing about the connection (address, user agent, headers) is read or kept here: the conversation
id and the hashed resume token are all the server knows about a visitor.
"""

from __future__ import annotations

from typing import Any

import socketio

from chat.conversations import ConversationService
from chat.store import StoreError
from chat.transport.common import (
    BadRequest,
    GuardedNamespace,
    bool_field,
    client_id_field,
    int_field,
    text_field,
)


class VisitorNamespace(GuardedNamespace):
    # A person types at most a message or two a second; bursts allow a resend after a reconnect.
    rate = 10.0
    burst = 30.0

    def __init__(self, service: ConversationService) -> None:
        super().__init__("/visitor")
        self.service = service

    async def on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        if auth is None:
            auth = {}
        if not isinstance(auth, dict):
            raise socketio.exceptions.ConnectionRefusedError("bad_request", {"error": "bad_request"})
        try:
            session, replay_after = await self.service.visitor_connect(sid, auth)
        except StoreError as exc:
            raise socketio.exceptions.ConnectionRefusedError(exc.code, {"error": exc.code}) from None
        # Sent once the connection is acknowledged, so the client is listening.
        self.server.start_background_task(self._welcome, sid, session, replay_after)

    async def _welcome(self, sid: str, session: dict[str, Any], replay_after: int) -> None:
        await self.emit("session", session, to=sid)
        if replay_after >= 0:
            await self.service.visitor_replay(sid, replay_after)

    async def on_disconnect(self, sid: str, reason: Any = None) -> None:
        self.forget(sid)
        self.service.visitor_disconnect(sid)

    def _require(self, sid: str) -> None:
        if sid not in self.service.visitors:
            raise BadRequest("not_found", "no conversation on this connection")

    async def on_message(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        text = text_field(data, "text", self.service.settings.max_text)
        return await self.service.visitor_message(sid, text, client_id_field(data))

    async def on_history(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        return await self.service.visitor_history(sid, int_field(data, "after_seq"))

    async def on_typing(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        await self.service.visitor_typing(sid, bool_field(data, "typing"))
        return {"ok": True}

    async def on_profile(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        about, lang = data.get("about", ""), data.get("lang", "")
        if not isinstance(about, str) or not isinstance(lang, str):
            raise BadRequest("bad_request", "'about' and 'lang' must be strings")
        await self.service.visitor_profile(sid, about, lang)
        return {"ok": True}

    async def on_end(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        await self.service.visitor_end(sid, hurried=False)
        return {"ok": True}

    async def on_quick_exit(self, sid: str, data: dict[str, Any]) -> dict[str, Any]:
        self._require(sid)
        await self.service.visitor_end(sid, hurried=True)
        return {"ok": True}
