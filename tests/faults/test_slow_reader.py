"""A client that asks and never reads is dropped before its backlog fills the server's memory
(chat/transport/socket_server.py; an attacker's report: two such sockets took 570 MB)."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import struct
import time
from urllib.parse import urlparse

import pytest

from chat.transport import socket_server


def _frame(text: str) -> bytes:
    payload = text.encode()
    mask = os.urandom(4)
    head = bytes([0x81])
    if len(payload) < 126:
        head += bytes([0x80 | len(payload)])
    else:
        head += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def _open(url: str) -> socket.socket:
    parsed = urlparse(url)
    sock = socket.create_connection((parsed.hostname, parsed.port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a reader that takes almost nothing
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
                  "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    return sock


def _read_some(sock: socket.socket, seconds: float) -> bytes:
    sock.settimeout(seconds)
    try:
        return sock.recv(65536)
    except TimeoutError:
        return b"?"


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Drain what the server sent; True once it closed the connection."""
    deadline = time.monotonic() + seconds
    sock.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            if sock.recv(1 << 20) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:  # reset
            return True
    return False


@pytest.fixture
def small_backlog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket_server, "MAX_BACKLOG_BYTES", 256 * 1024)


async def test_a_socket_that_never_reads_is_dropped(small_backlog: None, server: str) -> None:
    def attack() -> bool:
        sock = _open(server)
        try:
            time.sleep(0.3)
            _read_some(sock, 2)  # the handshake and engine.io's open packet
            sock.sendall(_frame("40/visitor,{}"))
            time.sleep(0.3)
            _read_some(sock, 2)  # the namespace's connect answer and the session
            for i in range(25):  # a conversation with long messages, within the message rate limit
                sock.sendall(_frame(f'42/visitor,{i}["message",{{"text":"{"x" * 3900}","client_id":"m{i}"}}]'))
                time.sleep(0.05)
            # Now ask for its history again and again, and read nothing.
            for i in range(400):
                try:
                    sock.sendall(_frame(f'42/visitor,{100 + i}["history",{{"after_seq":0}}]'))
                except OSError:
                    return True  # already dropped
                time.sleep(0.03)
            return _closed_within(sock, 20)
        finally:
            sock.close()

    assert await asyncio.get_running_loop().run_in_executor(None, attack)
