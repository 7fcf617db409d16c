"""Idle memory per visitor connection: this server (everything on) beside the bare relays, in one sitting.

Opens N idle visitor connections with ../shared/bench/idle.js (official socket.io-client), waits until
all have their session, and reads the server process's resident memory before and after. The triage
worker is a separate process and is not counted (it does not grow with connections).

    .venv/bin/python bench/idle_memory.py [--n 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_load import ROOT, prepare_bench, wait_up  # noqa: E402


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(bench: Path, pid: int, url: str, n: int) -> dict[str, float]:
    time.sleep(2)
    before = rss_kib(pid)
    out = tempfile.NamedTemporaryFile("w+", delete=False)  # noqa: SIM115 - read while the child writes
    proc = subprocess.Popen(["node", "idle.js", url, str(n), "300"], cwd=bench, stdout=out, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 280
        while time.monotonic() < deadline and "connected" not in Path(out.name).read_text():
            time.sleep(1)
        time.sleep(3)
        after = rss_kib(pid)
        status = Path(out.name).read_text().strip()
    finally:
        proc.terminate()
        proc.wait()
        os.unlink(out.name)
    try:  # per connection that really opened: on a loaded machine a few may time out
        connected = int(json.loads(status.splitlines()[-1])["connected"]) or n
    except (ValueError, KeyError, IndexError):
        connected = n
    return {"before_mib": before / 1024, "after_mib": after / 1024, "kib_per_connection": (after - before) / connected,
            "clients": status}  # type: ignore[dict-item]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "helpline-bench"))
    args = parser.parse_args()
    work = Path(args.work)
    bench = prepare_bench(work)
    peers: list[tuple[str, list[str], Path, dict[str, str]]] = [
        ("node_relay", ["node", "peers/node_relay.js", "8131"], bench, {}),
        ("psio_relay", [str(bench / ".venv" / "bin" / "python"), "psio_relay.py", "8132"], bench / "peers", {}),
        ("helpline", [str(ROOT / ".venv" / "bin" / "python"), "-m", "chat", "serve", "--port", "8133"], ROOT,
         {"HELPLINE_DATA_DIR": str(work / "idle-data"), "HELPLINE_LOG_LEVEL": "WARNING"}),
    ]
    for name, cmd, cwd, extra in peers:
        env = {**os.environ, **extra}
        env.pop("REDIS_URL", None)
        port = cmd[-1]
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_up(url + ("/healthz" if name == "helpline" else "/socket.io/?EIO=4&transport=polling"))
            result = measure(bench, proc.pid, url, args.n)
            print(f"{name:<11} n={args.n} RSS {result['before_mib']:.0f} -> {result['after_mib']:.0f} MiB: "
                  f"{result['kib_per_connection']:.1f} KiB per idle visitor  {result['clients']}", flush=True)
        finally:
            proc.terminate()
            proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
