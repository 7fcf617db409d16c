"""Random tokens and their hashes. Tokens (resume, login) are 256 random bits; only SHA-256 hashes
are stored, so a copy of Redis's files lets nobody resume a conversation or log in."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_id() -> str:
    """A conversation id: 128 random bits as hex."""
    return secrets.token_hex(16)


def token_hash(token: str) -> str:
    # A fast hash is right here: the input is 256 random bits, not a guessable password.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
