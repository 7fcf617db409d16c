"""Side-by-side load: this server (everything on) against the bare python-socketio relay.

Runs ../shared/bench/loadgen.js (official socket.io-client) against each peer, alternating, ROUNDS
times, in one sitting, and prints each run and the median ratio. The machine is shared and noisy:
compare the ratio from one run, never absolute numbers across runs (docs/benchmarks.md).

    .venv/bin/python bench/chat_load.py [--rounds 3] [--visitors 300 --counsellors 30 --messages 60]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
PASSWORD = "bench-password-1"


def wait_up(url: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP error answer means it is up
                return
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def prepare_bench(work: Path) -> Path:
    """A copy of the shared bench with node_modules and a venv for the relay peer."""
    bench = work / "bench"
    if not (bench / "node_modules").exists():
        shutil.copytree(SHARED_BENCH, bench, dirs_exist_ok=True)
        subprocess.run(["npm", "ci", "--silent"], cwd=bench, check=True)
    venv = bench / ".venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "python-socketio", "aiohttp"], check=True)
    return bench


def loadgen(bench: Path, url: str, args: argparse.Namespace, login: str | None) -> dict[str, object]:
    cmd = ["node", "loadgen.js", f"--url={url}", f"--visitors={args.visitors}",
           f"--counsellors={args.counsellors}", f"--messages={args.messages}", "--deadline=180"]
    if login:
        cmd.append(f"--login={login}")
    out = subprocess.run(cmd, cwd=bench, capture_output=True, text=True, timeout=300).stdout.strip()
    result: dict[str, object] = json.loads(out.splitlines()[-1])
    return result


def run_relay(bench: Path, args: argparse.Namespace) -> dict[str, object]:
    port = 8102
    proc = subprocess.Popen([str(bench / ".venv" / "bin" / "python"), "psio_relay.py", str(port)],
                            cwd=bench / "peers", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        return loadgen(bench, f"http://127.0.0.1:{port}", args, None)
    finally:
        proc.terminate()
        proc.wait()


def run_helpline(bench: Path, args: argparse.Namespace, work: Path, round_no: int) -> dict[str, object]:
    port = 8103
    data = work / f"data-{round_no}"
    env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_PASSWORD": PASSWORD,
           # One login serves all the load generator's counsellor sockets: lift the per-counsellor cap.
           "HELPLINE_MAX_CONVERSATIONS": "0", "HELPLINE_MAX_NEW_PER_MINUTE": "0", "HELPLINE_TRIAGE": "on" if args.triage else "off"}
    env.pop("REDIS_URL", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    proc = subprocess.Popen([python, "-m", "chat", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(f"http://127.0.0.1:{port}/healthz")
        subprocess.run([python, "-m", "chat", "user", "add", "bench", "--role", "counsellor"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        return loadgen(bench, f"http://127.0.0.1:{port}", args, f"bench:{PASSWORD}")
    finally:
        proc.terminate()
        proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--visitors", type=int, default=300)
    parser.add_argument("--counsellors", type=int, default=30)
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--no-triage", dest="triage", action="store_false")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "helpline-bench"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    bench = prepare_bench(work)
    fields = ["relayed_per_s", "lost", "order_violations", "rtt_p50_ms", "rtt_p99_ms", "one_way_p50_ms",
              "one_way_p99_ms"]
    print("peer        round " + " ".join(f"{f:>16}" for f in fields))
    ratios = []
    for round_no in range(args.rounds):
        relay = run_relay(bench, args)
        ours = run_helpline(bench, args, work, round_no)
        for name, res in (("psio_relay", relay), ("helpline", ours)):
            print(f"{name:<11} {round_no:>5} " + " ".join(f"{res.get(f)!s:>16}" for f in fields), flush=True)
        if relay.get("relayed_per_s"):
            ratios.append(float(ours["relayed_per_s"]) / float(relay["relayed_per_s"]))  # type: ignore[arg-type]
    if ratios:
        print(f"helpline / psio_relay relayed msgs/s: median ratio {statistics.median(ratios):.2f} "
              f"(runs: {', '.join(f'{r:.2f}' for r in ratios)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
