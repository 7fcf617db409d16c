"""Encryption at rest (docs/operations.md, "Keys and retention").

Each conversation has its own 256-bit data key; message texts, notes and whispers are sealed with
AES-256-GCM under it (random 96-bit nonce per text, the conversation id as associated data so a
ciphertext cannot be moved to another conversation). The data key is stored only wrapped by the
master key. Destroying the wrapped key makes the conversation unreadable for good. Transcripts and a
closed conversation's tags and referral are sealed with a review key derived from the master key.
`python -m chat keys rotate` (chat/rotation.py) moves all of it to a new master key.
"""

from __future__ import annotations

import base64
import os
from collections import OrderedDict
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
# Unwrapped keys of recently used conversations; a busy helpline has far fewer live conversations.
KEY_CACHE_SIZE = 4096


class KeyDestroyed(Exception):
    """The conversation's data key is gone (retention): its texts can no longer be read."""


def load_master_key(env_value: str, key_file: Path) -> bytes:
    """The master key from HELPLINE_MASTER_KEY (base64, 32 bytes), else from the key file, which is
    created with mode 0600 on first start."""
    if env_value:
        key = base64.urlsafe_b64decode(env_value + "=" * (-len(env_value) % 4))
        if len(key) != 32:
            raise SystemExit("HELPLINE_MASTER_KEY must be 32 bytes, base64-encoded")
        return key
    if key_file.exists():
        key = base64.urlsafe_b64decode(key_file.read_text().strip())
        if len(key) != 32:
            raise SystemExit(f"{key_file} does not hold a 32-byte key")
        return key
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = AESGCM.generate_key(bit_length=256)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(base64.urlsafe_b64encode(key).decode() + "\n")
        handle.flush()
        os.fsync(handle.fileno())  # a key lost to a power cut would take every conversation with it
    return key


class Vault:
    """Wraps data keys with the master key and seals texts with data keys."""

    def __init__(self, master_key: bytes) -> None:
        self._master = AESGCM(master_key)
        self._master_raw = master_key
        self._review = AESGCM(
            HKDF(algorithm=SHA256(), length=32, salt=None, info=b"helpline review transcripts").derive(master_key)
        )
        self._cache: OrderedDict[str, AESGCM] = OrderedDict()

    def key_check(self) -> str:
        """A value that identifies the master key without revealing it (stored in Redis at first start)."""
        return self.derive(b"key check")[:16].hex()

    def derive(self, purpose: bytes) -> bytes:
        """A 256-bit key for one purpose, derived from the master key (HKDF)."""
        return HKDF(algorithm=SHA256(), length=32, salt=None, info=b"helpline " + purpose).derive(self._master_raw)

    def new_wrapped_key(self, conversation_id: str) -> tuple[str, AESGCM]:
        """A new data key, wrapped for storing, and its cipher. Not cached: only the caller knows whether
        this key or a concurrently made one is the conversation's (`remember` it once stored)."""
        data_key = AESGCM.generate_key(bit_length=256)
        return self.wrap(conversation_id, data_key), AESGCM(data_key)

    def unwrap(self, conversation_id: str, wrapped_key: str) -> bytes:
        """The raw data key (key rotation only; everything else goes through `cipher`)."""
        raw = base64.b64decode(wrapped_key)
        return self._master.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], b"dek:" + conversation_id.encode())

    def wrap(self, conversation_id: str, data_key: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        return base64.b64encode(nonce + self._master.encrypt(nonce, data_key, b"dek:" + conversation_id.encode())).decode()

    def remember(self, conversation_id: str, aead: AESGCM) -> None:
        self._remember(conversation_id, aead)

    def _remember(self, conversation_id: str, aead: AESGCM) -> None:
        self._cache[conversation_id] = aead
        self._cache.move_to_end(conversation_id)
        if len(self._cache) > KEY_CACHE_SIZE:
            self._cache.popitem(last=False)

    def forget(self, conversation_id: str) -> None:
        self._cache.pop(conversation_id, None)

    def cipher(self, conversation_id: str, wrapped_key: str | None) -> AESGCM:
        aead = self._cache.get(conversation_id)
        if aead is not None:
            return aead
        if not wrapped_key:
            raise KeyDestroyed(conversation_id)
        aead = AESGCM(self.unwrap(conversation_id, wrapped_key))
        self._remember(conversation_id, aead)
        return aead

    @staticmethod
    def seal(aead: AESGCM, conversation_id: str, text: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        return base64.b64encode(nonce + aead.encrypt(nonce, text.encode(), conversation_id.encode())).decode()

    @staticmethod
    def open(aead: AESGCM, conversation_id: str, sealed: str) -> str:
        raw = base64.b64decode(sealed)
        return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], conversation_id.encode()).decode()

    def seal_review(self, conversation_id: str, text: str) -> str:
        return self.seal(self._review, conversation_id, text)

    def open_review(self, conversation_id: str, sealed: str) -> str:
        return self.open(self._review, conversation_id, sealed)

    # Record fields that can name a person, place or organisation (tags, referral) are sealed with the
    # review key: like the transcript, they outlive the data key (retention) as long as the record
    # does. The field name is bound in, so a value cannot be moved to another field.

    def seal_field(self, conversation_id: str, name: str, text: str) -> str:
        return self.seal(self._review, f"{conversation_id}/{name}", text)

    def open_field(self, conversation_id: str, name: str, sealed: str) -> str:
        return self.open(self._review, f"{conversation_id}/{name}", sealed)
