"""The websocket transport without permessage-deflate.

Chat frames are a few hundred bytes: compressing them costs more CPU than it saves bytes (about an
eighth of the server's time under load), and compressing secrets together with attacker-chosen text
in one stream is what CRIME/BREACH-style attacks feed on.
"""

from __future__ import annotations

from typing import Any

from aiohttp.web import WebSocketResponse
from engineio.async_drivers.aiohttp import WebSocket


class UncompressedWebSocket(WebSocket):  # type: ignore[misc]
    async def __call__(self, environ: dict[str, Any]) -> WebSocketResponse:
        request = environ["aiohttp.request"]
        self._sock = WebSocketResponse(max_msg_size=self.server.max_http_buffer_size, compress=False)
        await self._sock.prepare(request)
        self.environ = environ
        await self.handler(self)
        return self._sock


def install(eio_server: Any) -> None:
    eio_server._async = dict(eio_server._async, websocket=UncompressedWebSocket)
