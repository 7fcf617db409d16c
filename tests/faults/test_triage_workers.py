"""Triage workers under faults (chat/triage_worker.py): a killed worker is replaced and its jobs are not
lost; a killed server leaves no worker behind."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.chat.clients import counsellor, login, say, visitor
from tests.conftest import PASSWORD, ServerProcess


def _workers_of(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"triage" in cmdline and b"worker" in cmdline:
            found.append(int(entry.name))
    return found


def _wait_for(check: Callable[[], Any], seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return check()


async def test_a_killed_worker_is_replaced_and_the_waiting_job_is_triaged(
    server_process: Callable[..., ServerProcess], make_user: Callable[..., Any]
) -> None:
    make_user("anna")
    server = server_process(HELPLINE_TRIAGE="on")
    assert server.proc is not None
    [first] = _wait_for(lambda: _workers_of(server.proc.pid), 10)  # type: ignore[union-attr]
    os.kill(first, signal.SIGKILL)

    # Written while no worker runs: the job waits in Redis for the next one.
    scared, session = await visitor(server.url)
    await say(scared, "hij staat nu beneden en hij heeft een mes")
    staff = await counsellor(server.url, await login(server.url, "anna", PASSWORD))
    queue = await staff.wait_for(
        "queue", lambda q: q["waiting"] and q["waiting"][0]["urgency"] == "acute", wait_s=60
    )
    assert queue["waiting"][0]["conversation_id"] == session["conversation_id"]
    [second] = _workers_of(server.proc.pid)
    assert second != first


async def test_a_killed_server_leaves_no_worker_behind(server_process: Callable[..., ServerProcess]) -> None:
    server = server_process(HELPLINE_TRIAGE="on")
    assert server.proc is not None
    [worker] = _wait_for(lambda: _workers_of(server.proc.pid), 10)  # type: ignore[union-attr]
    server.stop(kill=True)
    assert _wait_for(lambda: not Path(f"/proc/{worker}").exists() or _zombie(worker), 10)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
