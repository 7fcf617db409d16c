"""Random tokens and their hashes. Tokens (resume, login) are 256 random bits; only SHA-256 hashes
are stored, so a copy of Redis's files lets nobody resume a conversation or log in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_id() -> str:
    """A conversation id: 128 random bits as hex."""
    return secrets.token_hex(16)


def token_hash(token: str) -> str:
    # A fast hash is right here: the input is 256 random bits, not a guessable password.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class PendingConversations:
    """Resume tokens that carry their conversation id, so nothing is stored until the first message.

    A visitor who opens the widget gets a conversation id and a resume token at once, but Redis holds
    nothing of it until they send something (5,000 connect/disconnect cycles used to leave 10,000 keys).
    The token is 128 random bits plus a 128-bit MAC under a key derived from the master key; the id is
    derived from the same random bits. A token with a valid MAC whose conversation is not stored is a
    conversation that was opened and never used: resuming it gives it back, still empty.
    """

    RANDOM_BYTES = 16

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, label: bytes, raw: bytes) -> bytes:
        return hmac.new(self._secret, label + raw, hashlib.sha256).digest()[:16]

    def new(self) -> tuple[str, str]:
        """(conversation id, resume token)."""
        raw = secrets.token_bytes(self.RANDOM_BYTES)
        token = base64.urlsafe_b64encode(raw + self._mac(b"token:", raw)).rstrip(b"=").decode()
        return self._mac(b"cid:", raw).hex(), token

    def conversation_of(self, token: str) -> str | None:
        """The conversation id a token of ours was made for; None for any other string."""
        if len(token) != 43:
            return None
        try:
            blob = base64.urlsafe_b64decode(token + "=")
        except ValueError:
            return None
        if base64.urlsafe_b64encode(blob).rstrip(b"=").decode() != token:
            return None  # the same bytes spelt differently (unused low bits of the last character)
        raw, mac = blob[: self.RANDOM_BYTES], blob[self.RANDOM_BYTES:]
        if len(blob) != 32 or not hmac.compare_digest(mac, self._mac(b"token:", raw)):
            return None
        return self._mac(b"cid:", raw).hex()
