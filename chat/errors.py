"""The one error type of the chat server and its one wire shape (docs/protocol.md, "Errors").

Code below the transports only raises `HelplineError`; the Socket.IO namespaces
(chat/transport/common.py) and the HTTP middleware (`json_errors`, below) are the only places that turn
it into what a client sees:

    {"ok": false, "error": "<code>", "detail": "<a sentence for a developer>"}

(`rate_limited` adds `retry_after_s`). The codes are the contract; the details may change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TypedDict

import orjson
from aiohttp import web

log = logging.getLogger(__name__)


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"  # malformed payload or body
    TEXT_TOO_LONG = "text_too_long"
    EMPTY_TEXT = "empty_text"
    BAD_CLIENT_ID = "bad_client_id"
    BAD_OUTCOME = "bad_outcome"
    BAD_RESUME_TOKEN = "bad_resume_token"
    # Unknown, malformed, or someone else's conversation: one answer, so existence is never revealed.
    NOT_FOUND = "not_found"
    NOT_WAITING = "not_waiting"  # claim: someone else was first
    LIMIT_REACHED = "limit_reached"  # claim/transfer: the counsellor has the maximum of conversations
    CONVERSATION_CLOSED = "conversation_closed"
    CONVERSATION_FULL = "conversation_full"  # the visitor's message: the conversation holds the maximum
    NOT_ALLOWED = "not_allowed"  # authenticated, but not for this
    UNAUTHORIZED = "unauthorized"  # not logged in, or the login ended
    OTP_REQUIRED = "otp_required"  # login: the password was right; now the authenticator code
    OTP_ENROLMENT_REQUIRED = "otp_enrolment_required"  # login: this role needs a second factor first
    RATE_LIMITED = "rate_limited"
    # Too many new conversations across the helpline this minute (a flood of fake chats): try again later.
    BUSY = "busy"
    UNKNOWN_EVENT = "unknown_event"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNAVAILABLE = "unavailable"  # Redis or another part is down for a moment: retry
    ALREADY_EXISTS = "already_exists"  # admin: an account with this name exists
    # Connect (new conversation): this browser is blocked for a while (chat/blocking.py).
    BLOCKED = "blocked"
    # Connect: the personal code for coming back is unknown, revoked or expired (chat/continuity.py).
    BAD_CONTINUITY_CODE = "bad_continuity_code"
    # Connect: the return code is unknown, or its conversation is gone (chat/return_code.py).
    BAD_RETURN_CODE = "bad_return_code"


DETAILS: dict[ErrorCode, str] = {
    ErrorCode.BAD_REQUEST: "the request is not in the documented shape",
    ErrorCode.TEXT_TOO_LONG: "the text is too long",
    ErrorCode.EMPTY_TEXT: "the text is empty",
    ErrorCode.BAD_CLIENT_ID: "client_id must be a string of 1-64 characters",
    ErrorCode.BAD_OUTCOME: "unknown outcome code",
    ErrorCode.BAD_RESUME_TOKEN: "this resume token is not valid (any more)",
    ErrorCode.NOT_FOUND: "no such conversation",
    ErrorCode.NOT_WAITING: "the conversation is not waiting (any more)",
    ErrorCode.LIMIT_REACHED: "the maximum number of conversations is reached",
    ErrorCode.CONVERSATION_CLOSED: "the conversation is closed",
    ErrorCode.CONVERSATION_FULL: "this conversation holds the maximum number of messages; start a new one",
    ErrorCode.NOT_ALLOWED: "this account may not do this",
    ErrorCode.UNAUTHORIZED: "log in (again)",
    ErrorCode.OTP_REQUIRED: "send the code from the authenticator app as 'otp' with the username and password",
    ErrorCode.OTP_ENROLMENT_REQUIRED: (
        "this account needs a second factor before it can log in; an administrator enrols it with "
        "`python -m chat user totp NAME`"
    ),
    ErrorCode.RATE_LIMITED: "too many events; slow down",
    ErrorCode.BUSY: "very many new conversations right now; your message was not sent, try again in a moment",
    ErrorCode.UNKNOWN_EVENT: "the server has no such event",
    ErrorCode.PAYLOAD_TOO_LARGE: "the request body is too large",
    ErrorCode.METHOD_NOT_ALLOWED: "this method is not allowed here",
    ErrorCode.UNAVAILABLE: "a temporary server problem; please retry",
    ErrorCode.ALREADY_EXISTS: "an account with this name exists",
    ErrorCode.BLOCKED: "this browser cannot start a conversation at the moment",
    ErrorCode.BAD_CONTINUITY_CODE: "this personal code is not valid (any more)",
    ErrorCode.BAD_RETURN_CODE: "this return code is not valid (any more)",
}

HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.OTP_REQUIRED: 401,
    ErrorCode.OTP_ENROLMENT_REQUIRED: 403,
    ErrorCode.NOT_ALLOWED: 403,
    ErrorCode.BLOCKED: 403,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.BUSY: 503,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.NOT_WAITING: 409,
    ErrorCode.CONVERSATION_CLOSED: 409,
    ErrorCode.CONVERSATION_FULL: 409,
    ErrorCode.LIMIT_REACHED: 409,
    ErrorCode.ALREADY_EXISTS: 409,
}


class _ErrorWireBase(TypedDict):
    ok: bool
    error: str
    detail: str


class ErrorWire(_ErrorWireBase, total=False):
    retry_after_s: float  # rate_limited only


class HelplineError(Exception):
    """A refused request. `code` is the protocol's error code; `detail` a sentence for developers."""

    def __init__(self, code: ErrorCode | str, detail: str = "", retry_after_s: float | None = None) -> None:
        self.code = ErrorCode(code)
        self.detail = detail or DETAILS[self.code]
        self.retry_after_s = retry_after_s
        super().__init__(f"{self.code}: {self.detail}")

    def wire(self) -> ErrorWire:
        out: ErrorWire = {"ok": False, "error": str(self.code), "detail": self.detail}
        if self.retry_after_s is not None:
            # Never 0: a client told to wait 0 s would retry at once and be refused again.
            out["retry_after_s"] = max(0.01, round(self.retry_after_s, 2))
        return out

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.code, 400)


def error_wire(code: ErrorCode, detail: str = "") -> ErrorWire:
    return HelplineError(code, detail).wire()


def json_response(error: HelplineError) -> web.Response:
    headers = {"Retry-After": str(max(1, round(error.retry_after_s)))} if error.retry_after_s else None
    return web.Response(body=orjson.dumps(error.wire()), status=error.http_status,
                        content_type="application/json", headers=headers)


# aiohttp's own refusals on /api/ paths, in the same shape as ours.
_HTTP_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.BAD_REQUEST, 401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.NOT_ALLOWED, 404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED, 413: ErrorCode.PAYLOAD_TOO_LARGE,
}


@web.middleware
async def json_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every error of the JSON API leaves here, in the one shape; pages keep aiohttp's plain answers."""
    try:
        return await handler(request)
    except HelplineError as exc:
        return json_response(exc)
    except web.HTTPException as exc:
        code = _HTTP_CODES.get(exc.status)
        if code is None or not request.path.startswith("/api/"):
            raise
        return json_response(HelplineError(code))
    except Exception:
        if not request.path.startswith("/api/"):
            raise
        log.exception("%s %s failed", request.method, request.path)
        return json_response(HelplineError(ErrorCode.UNAVAILABLE))
