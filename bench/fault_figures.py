"""Figures for issue 9 (load, faults, attack), measured against a real server on the embedded Redis.

    .venv/bin/python bench/fault_figures.py [--burst 1000] [--churn 5000] [--frames 4000]

Prints, one line each: a burst of first messages (errors), connect/disconnect churn (keys left in
Redis), binary frames on one socket (server memory), kill -9 of Redis (seconds to healthy, messages
lost). A bench, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import redis

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class RawVisitor:
    """A visitor speaking Engine.IO/Socket.IO by hand over one websocket: cheap enough for thousands."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http, self.url = http, url
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def open(self) -> dict[str, object]:
        self.ws = await self.http.ws_connect(self.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket")
        await self.ws.receive(timeout=30)
        await self.ws.send_str("40/visitor,{}")
        while True:
            msg = await self.ws.receive(timeout=30)
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(str(msg))
            if msg.data == "2":
                await self.ws.send_str("3")
            elif msg.data.startswith('42/visitor,["session"'):
                return dict(json.loads(msg.data[len("42/visitor,"):])[1])

    async def call(self, ack: int, event: str, data: object) -> object:
        assert self.ws is not None
        await self.ws.send_str(f"42/visitor,{ack}" + json.dumps([event, data]))
        prefix = f"43/visitor,{ack}"
        while True:
            msg = await self.ws.receive(timeout=60)
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(str(msg))
            if msg.data == "2":
                await self.ws.send_str("3")
            elif msg.data.startswith(prefix):
                return json.loads(msg.data[len(prefix):])[0]

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def burst(url: str, n: int) -> str:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        visitors = [RawVisitor(http, url) for _ in range(n)]
        sem = asyncio.Semaphore(200)

        async def open_one(v: RawVisitor) -> None:
            async with sem:
                await v.open()

        await asyncio.gather(*(open_one(v) for v in visitors))
        started = time.monotonic()
        acks = await asyncio.gather(*(v.call(1, "message", {"text": "hoi", "client_id": "b1"}) for v in visitors),
                                    return_exceptions=True)
        took = time.monotonic() - started
        errors = sum(1 for a in acks if not (isinstance(a, dict) and "seq" in a))
        await asyncio.gather(*(v.close() for v in visitors))
    return f"burst: {n} visitors send their first message at once: {errors} errors, all acknowledged in {took:.1f} s"


async def churn(url: str, n: int, client: redis.Redis) -> str:
    before = client.dbsize()
    started = time.monotonic()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        sem = asyncio.Semaphore(100)

        async def one() -> None:
            async with sem:
                v = RawVisitor(http, url)
                await v.open()
                await v.close()

        await asyncio.gather(*(one() for _ in range(n)))
    took = time.monotonic() - started
    return f"churn: {n} connect/disconnect in {took:.1f} s: {client.dbsize() - before} keys added to Redis"


async def binary_frames(url: str, n: int, server_pid: int) -> str:
    before = rss_mb(server_pid)
    peak = before
    async with aiohttp.ClientSession() as http:
        v = RawVisitor(http, url)
        await v.open()
        assert v.ws is not None
        chunk = os.urandom(60_000)
        for i in range(n):
            await v.ws.send_str(f'451-/visitor,{i}["message",{{"_placeholder":true,"num":0}}]')
            await v.ws.send_bytes(chunk)
            if i % 500 == 0:
                peak = max(peak, rss_mb(server_pid))
        answer = await v.call(n + 1, "history", {"after_seq": 0})
        peak = max(peak, rss_mb(server_pid))
        await v.close()
    return (f"binary: {n} frames of 60 KB on one socket: server RSS {before:.0f} -> peak {peak:.0f} MB; "
            f"the socket still answers: {isinstance(answer, dict)}")


async def kill_redis(url: str, client: redis.Redis) -> str:
    async with aiohttp.ClientSession() as http:
        v = RawVisitor(http, url)
        await v.open()
        acked = [await v.call(i, "message", {"text": f"m{i}", "client_id": f"k{i}"}) for i in range(1, 21)]
        os.kill(int(client.info("server")["process_id"]), signal.SIGKILL)
        started = time.monotonic()
        while True:
            try:
                async with http.get(url + "/healthz") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
        took = time.monotonic() - started
        history = await v.call(99, "history", {"after_seq": 0})
        await v.close()
    messages = history.get("messages", []) if isinstance(history, dict) else []
    kept = sum(1 for m in messages if m.get("sender") == "visitor")  # not the offline notice
    lost = sum(1 for a in acked if isinstance(a, dict) and "seq" in a) - kept
    return f"kill -9 redis-server: healthy again after {took:.1f} s; acknowledged messages lost: {lost}"


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--burst", type=int, default=1000)
    ap.add_argument("--churn", type=int, default=5000)
    ap.add_argument("--frames", type=int, default=4000)
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="hl-bench-", dir="/tmp"))
    env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_TRIAGE": "off", "HELPLINE_MAX_NEW_PER_MINUTE": "0", "HELPLINE_LOG_LEVEL": "ERROR"}
    env.pop("REDIS_URL", None)
    port = "8093"
    server = subprocess.Popen([sys.executable, "-m", "chat", "serve", "--port", port], cwd=ROOT, env=env,  # noqa: ASYNC220  # started once, before any load
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                async with aiohttp.ClientSession() as http, http.get(url + "/healthz") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
        client = redis.Redis(unix_socket_path=str(data / "redis.sock"))
        print(await churn(url, args.churn, client), flush=True)
        print(await burst(url, args.burst), flush=True)
        print(await binary_frames(url, args.frames, server.pid), flush=True)
        print(await kill_redis(url, client), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    asyncio.run(main())
