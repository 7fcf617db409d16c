"""The Socket.IO server, hardened at the packet level: what reaches a namespace is a decoded text event.

python-socketio (5.x) would, for every connection, collect binary attachments in memory before any
rate limit applies (one socket sending 4,000 binary frames took the server from 161 to 400 MB), log two
tracebacks for each packet that fails to decode, and leave the sender without an answer. Here:

- binary packets and frames are refused on every namespace (no event of ours takes binary data): an
  event that expects an acknowledgement gets `bad_request`, and nothing is kept;
- a packet that does not decode, or an event whose name is not a string, is answered `bad_request`
  when it asked for an acknowledgement, and logged once per connection, without its content;
- a polling POST larger than the packet cap is answered 413 before its body is read.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from aiohttp import web
from socketio import packet

from chat.errors import ErrorCode, HelplineError, json_response

log = logging.getLogger(__name__)

# Engine.IO packet header: type, optional attachment count, optional namespace, optional ack id.
_HEADER = re.compile(r"^(?P<type>[0-6])(?:\d+-)?(?P<namespace>/[^,]*)?,?(?P<id>\d+)?")
_BINARY_TYPES = {str(packet.BINARY_EVENT), str(packet.BINARY_ACK)}


# A connection whose outgoing backlog passes MAX_BACKLOG_BYTES is dropped. Its size is added up only
# once more than BACKLOG_CHECK_PACKETS packets wait (a reading client has next to none; a long-polling one
# collects a few between polls), so the common path costs one length check.
BACKLOG_CHECK_PACKETS = 32
MAX_BACKLOG_BYTES = 8 * 1024 * 1024


def _queued_bytes(socket: Any) -> int:
    return sum(len(p.data) for p in list(getattr(socket.queue, "_queue", ()))
               if p is not None and isinstance(getattr(p, "data", None), (str, bytes)))


# What this process still reads from a connection's request after the handshake (the cookie for a
# counsellor's namespace, engine.io's upgrade check, the request to cut a stuck connection). The rest —
# user agent, addresses, languages, websocket keys — is dropped at connect: it is not needed, and it cost
# about a kilobyte per idle visitor for the connection's whole life (docs/benchmarks.md, "Idle memory").
_KEPT_ENVIRON = frozenset({"aiohttp.request", "HTTP_COOKIE", "HTTP_CONNECTION", "HTTP_UPGRADE", "HTTP_ORIGIN",
                           "REQUEST_METHOD", "QUERY_STRING"})


class JsonOnlyPacket(packet.Packet):  # type: ignore[misc]  # python-socketio has no type hints
    """Every event of this server is JSON (binary ones are refused on arrival, below), so outgoing
    payloads are not searched for bytes: python-socketio walks every payload recursively for that, 5 %
    of the server's time at 1,000 live conversations (docs/benchmarks.md, profile)."""

    uses_binary_events = False


class HelplineSocketServer(socketio.AsyncServer):  # type: ignore[misc]  # python-socketio has no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("serializer", JsonOnlyPacket)
        super().__init__(*args, **kwargs)
        self._warned: set[str] = set()  # connections already logged for a refused packet

    async def _handle_eio_connect(self, eio_sid: str, environ: dict[str, Any]) -> Any:
        # In place: engine.io's request handler holds this same dict until the connection ends.
        kept = {key: environ[key] for key in _KEPT_ENVIRON if key in environ}
        environ.clear()
        environ.update(kept)
        return await super()._handle_eio_connect(eio_sid, environ)

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        if not isinstance(data, str):
            self._warn_once(eio_sid, "binary frame")
            return
        header = _HEADER.match(data)
        if header is None:
            self._warn_once(eio_sid, "packet without a header")
            return
        if header["type"] in _BINARY_TYPES:
            await self._refuse(eio_sid, header, "binary events are not accepted")
            return
        try:
            pkt = self.packet_class(encoded_packet=data)
        except Exception:  # noqa: BLE001  # lone surrogates, nesting too deep, broken JSON ...
            await self._refuse(eio_sid, header, "the packet does not decode")
            return
        if pkt.packet_type == packet.EVENT and not (
            isinstance(pkt.data, list) and pkt.data and isinstance(pkt.data[0], str)
        ):
            await self._refuse(eio_sid, header, "an event is a list starting with its name")
            return
        try:
            await super()._handle_eio_message(eio_sid, data)
        except ValueError:  # unknown packet types and the like: python-socketio's own refusals
            self._warn_once(eio_sid, "unexpected packet")

    async def _refuse(self, eio_sid: str, header: re.Match[str], detail: str) -> None:
        self._warn_once(eio_sid, detail)
        if header["id"] is None or header["type"] not in {str(packet.EVENT), str(packet.BINARY_EVENT)}:
            return
        namespace = header["namespace"] or "/"
        if not self.manager.sid_from_eio_sid(eio_sid, namespace):
            return
        answer = self.packet_class(packet.ACK, namespace=namespace, id=int(header["id"]),
                                   data=[HelplineError(ErrorCode.BAD_REQUEST, detail).wire()])
        await self._send_packet(eio_sid, answer)

    def _warn_once(self, eio_sid: str, what: str) -> None:
        if eio_sid in self._warned:
            return
        if len(self._warned) > 100_000:  # a flood of connections must not grow this without bound
            self._warned.clear()
        self._warned.add(eio_sid)
        log.warning("refused a packet (%s); further ones on this connection are not logged", what)

    async def _send_packet(self, eio_sid: str, pkt: Any) -> None:
        socket = self.eio.sockets.get(eio_sid)
        if socket is not None and socket.queue.qsize() > BACKLOG_CHECK_PACKETS and _queued_bytes(socket) > MAX_BACKLOG_BYTES:
            # A client that does not read: everything sent to it would pile up in this process's memory
            # (two such sockets asking for history pages took 570 MB; an attacker's report). It is dropped;
            # a real client reconnects and resumes from its last seq, nothing is lost.
            log.warning("dropped a connection that does not read (%d packets waiting)", socket.queue.qsize())
            self._warned.add(eio_sid)
            request = self.environ.get(eio_sid, {}).get("aiohttp.request")
            await socket.close(wait=False, abort=True)
            if request is not None and request.transport is not None:
                request.transport.abort()  # its writer is stuck waiting for the client: cut the connection
            return
        await super()._send_packet(eio_sid, pkt)

    async def _handle_eio_disconnect(self, eio_sid: str, reason: Any = None) -> None:
        self._warned.discard(eio_sid)
        await super()._handle_eio_disconnect(eio_sid, reason)


class RateLimitedLog(logging.Filter):
    """At most one record per kind of message per minute, so no client can fill the disk with our log
    (engine.io logged two tracebacks, 1.5 KB, per 33-byte polling request: an attacker's report,
    2026-11-29). Records of libraries lose their traceback and arguments, which can quote the request."""

    def __init__(self, library: bool) -> None:
        super().__init__()
        self.library = library
        self._last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        kind = f"{record.name}:{record.msg!s:.120}"
        if now - self._last.get(kind, -1e9) < 60:
            return False
        if len(self._last) > 1000:
            self._last.clear()
        self._last[kind] = now
        if self.library:
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            if record.args:
                record.args = tuple("-" for _ in record.args) if isinstance(record.args, tuple) else ()
        return True


def quiet_logger(name: str, library: bool) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    if not any(isinstance(f, RateLimitedLog) for f in logger.filters):
        logger.addFilter(RateLimitedLog(library))
    return logger


def polling_body_limit(max_bytes: int) -> Callable[..., Awaitable[web.StreamResponse]]:
    """413 for an Engine.IO polling POST over the packet cap, before its body is read."""

    @web.middleware
    async def middleware(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if (
            request.method == "POST"
            and request.path.startswith("/socket.io")
            and request.content_length is not None
            and request.content_length > max_bytes
        ):
            return json_response(HelplineError(ErrorCode.PAYLOAD_TOO_LARGE))
        return await handler(request)

    return middleware
