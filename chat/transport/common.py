"""What every namespace shares: payload validation, per-connection rate limits, and a base class that
answers every event (unknown ones and failures included) with an acknowledgement instead of silence.
This is where a `HelplineError` becomes the wire's one error shape (chat/errors.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import socketio

from chat.errors import ErrorCode, ErrorWire, HelplineError
from chat.transport.socket_server import RateLimitedLog

log = logging.getLogger(__name__)
# A handler failing for every event while Redis is away must not flood the log.
log.addFilter(RateLimitedLog(library=False))

CLIENT_ID_MAX = 64
NOTE_MAX = 4000
TAG_MAX = 40
TAGS_MAX = 12


def refusal(code: ErrorCode, detail: str = "") -> socketio.exceptions.ConnectionRefusedError:
    """A refused connection; the client's `connect_error` carries the error in `data`."""
    return socketio.exceptions.ConnectionRefusedError(str(code), HelplineError(code, detail).wire())


def payload(args: tuple[Any, ...]) -> dict[str, Any]:
    if len(args) != 1 or not isinstance(args[0], dict):
        raise HelplineError(ErrorCode.BAD_REQUEST, "the event needs exactly one JSON object")
    return args[0]


def text_field(data: dict[str, Any], name: str, max_len: int, required: bool = True) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' must be a string")
    if len(value) > max_len:
        raise HelplineError(ErrorCode.TEXT_TOO_LONG, f"'{name}' is longer than {max_len} characters")
    if required and not value.strip():
        raise HelplineError(ErrorCode.EMPTY_TEXT, f"'{name}' is empty")
    return value


def client_id_field(data: dict[str, Any]) -> str:
    value = data.get("client_id")
    if not isinstance(value, str) or not 0 < len(value) <= CLIENT_ID_MAX:
        raise HelplineError(ErrorCode.BAD_CLIENT_ID, f"'client_id' must be a string of 1-{CLIENT_ID_MAX} characters")
    return value


def conversation_id_field(data: dict[str, Any]) -> str:
    value = data.get("conversation_id")
    # Malformed ids get the same answer as unknown ones: existence is never revealed.
    if not isinstance(value, str) or len(value) != 32 or any(c not in "0123456789abcdef" for c in value):
        raise HelplineError(ErrorCode.NOT_FOUND, "no such conversation")
    return value


# Larger numbers are not counts of anything here, and Redis refuses indexes beyond 2**63 (with a
# traceback per event before this limit; an attacker's report, 2026-11-29).
INT_MAX = 2**53


def int_field(data: dict[str, Any], name: str, default: int = 0) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= INT_MAX:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' must be a whole number from 0 to {INT_MAX}")
    return value


def bool_field(data: dict[str, Any], name: str) -> bool:
    value = data.get(name)
    if not isinstance(value, bool):
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' must be true or false")
    return value


def tags_field(data: dict[str, Any]) -> list[str]:
    value = data.get("tags", [])
    if not isinstance(value, list) or len(value) > TAGS_MAX:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'tags' must be a list of at most {TAGS_MAX} strings")
    tags = []
    for tag in value:
        if not isinstance(tag, str) or not 0 < len(tag.strip()) <= TAG_MAX:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"each tag must be a string of 1-{TAG_MAX} characters")
        tags.append(tag.strip())
    return tags


class TokenBucket:
    """Per-connection flood guard: `rate` events per second on average, bursts up to `burst`."""

    __slots__ = ("rate", "burst", "tokens", "stamp")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> float:
        """0 when allowed, else the seconds to wait before the next event would be."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1 - 1e-9:  # float rounding must not refuse a client that waited as told
            self.tokens = max(0.0, self.tokens - 1)
            return 0.0
        return (1 - self.tokens) / self.rate


Handler = Callable[..., Awaitable[Any]]


class GuardedNamespace(socketio.AsyncNamespace):  # type: ignore[misc]  # python-socketio has no type hints
    """Every event is rate limited, validated and answered. Handlers are `on_<event>(sid, data)`."""

    # Events per second and burst per connection; set by subclasses.
    rate: float = 20.0
    burst: float = 40.0
    # Lifecycle events python-socketio calls itself; never answered as events.
    _lifecycle = frozenset({"connect", "disconnect"})

    def __init__(self, namespace: str) -> None:
        super().__init__(namespace)
        self._buckets: dict[str, TokenBucket] = {}
        self._connected: set[str] = set()

    def bucket(self, sid: str) -> TokenBucket:
        b = self._buckets.get(sid)
        if b is None:
            b = self._buckets[sid] = TokenBucket(self.rate, self.burst)
        return b

    def forget(self, sid: str) -> None:
        self._buckets.pop(sid, None)

    async def trigger_event(self, event: str, *args: Any) -> Any:
        if event in self._lifecycle:
            sid = args[0] if args else ""
            # A client may send an event named "connect" or "disconnect"; only python-socketio's own
            # calls reach the lifecycle handlers: connect once per socket, disconnect while leaving.
            if event == "connect":
                if sid in self._connected:
                    return HelplineError(ErrorCode.UNKNOWN_EVENT).wire()
                self._connected.add(sid)
            elif self.server.manager.is_connected(sid, self.namespace):
                return HelplineError(ErrorCode.UNKNOWN_EVENT).wire()
            else:
                self._connected.discard(sid)
            try:
                return await super().trigger_event(event, *args)
            except socketio.exceptions.ConnectionRefusedError:
                self._connected.discard(sid)
                raise
            except Exception:
                log.exception("%s %s failed", self.namespace, event)
                if event == "connect":
                    self._connected.discard(sid)
                    raise refusal(ErrorCode.UNAVAILABLE) from None
                return None
        sid = args[0] if args else ""
        wait = self.bucket(sid).take()
        if wait:
            return HelplineError(ErrorCode.RATE_LIMITED, retry_after_s=wait).wire()
        handler: Handler | None = getattr(self, "on_" + event, None) if event.isidentifier() else None
        if handler is None:
            return HelplineError(ErrorCode.UNKNOWN_EVENT).wire()
        try:
            answer: dict[str, Any] | ErrorWire = await handler(sid, payload(args[1:]))
        except HelplineError as exc:
            return exc.wire()
        except Exception:
            log.exception("%s %s failed", self.namespace, event)
            return HelplineError(ErrorCode.UNAVAILABLE).wire()
        return answer
