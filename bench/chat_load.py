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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> dict[str, int]:
    """The server's triage worker and embedded Redis, by role."""
    out: dict[str, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
            continue
        if "triage worker" in cmd:
            out["worker"] = int(entry.name)
        elif "redis-server" in cmd:
            out["redis"] = int(entry.name)
    return out


def wait_for_worker(data: Path, timeout_s: float = 90) -> None:
    """Until the server's triage worker answers a job: it loads its language tables first (~8 s), and a
    load that starts before would measure the warm-up."""
    import redis

    client = redis.Redis(unix_socket_path=str(data / "redis.sock"))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not client.exists("hl:triage:lag"):
        client.xadd("hl:triage:jobs", {"c": "warm-up"})  # a job for a conversation that does not exist
        time.sleep(1)
    client.delete("hl:triage:lag", "hl:triage:lag:waiting")
    client.close()


def run_helpline(bench: Path, args: argparse.Namespace, work: Path, round_no: int,
                 root: Path = ROOT) -> dict[str, object]:
    """This server (or, with --also, another checkout's) under the load; also the CPU seconds its
    processes used during the load (chat process, triage worker, embedded Redis)."""
    port = 8103
    data = work / f"data-{round_no}"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_PASSWORD": PASSWORD,
           # One login serves all the load generator's counsellor sockets: lift the per-counsellor cap.
           "HELPLINE_MAX_CONVERSATIONS": "0", "HELPLINE_MAX_NEW_PER_MINUTE": "0", "HELPLINE_TRIAGE": "on" if args.triage else "off"}
    env.pop("REDIS_URL", None)
    python = str(root / ".venv" / "bin" / "python")
    proc = subprocess.Popen([python, "-m", "chat", "serve", "--port", str(port)], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(f"http://127.0.0.1:{port}/healthz")
        subprocess.run([python, "-m", "chat", "user", "add", "bench", "--role", "counsellor"], cwd=root, env=env,
                       check=True, capture_output=True)
        if args.triage:
            wait_for_worker(data)
        pids = {"chat": proc.pid, **children(proc.pid)}
        before = {role: cpu_seconds(pid) for role, pid in pids.items()}
        result = loadgen(bench, f"http://127.0.0.1:{port}", args, f"bench:{PASSWORD}")
        for role, pid in pids.items():
            result[f"cpu_{role}_s"] = round(cpu_seconds(pid) - before[role], 1)
        return result
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
    parser.add_argument("--also", type=Path, default=None,
                        help="another checkout (with .venv) to run as a third peer each round, e.g. a base commit's worktree")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "helpline-bench"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    bench = prepare_bench(work)
    fields = ["relayed_per_s", "lost", "order_violations", "rtt_p50_ms", "rtt_p99_ms", "one_way_p50_ms",
              "one_way_p99_ms", "cpu_chat_s", "cpu_worker_s", "cpu_redis_s"]
    print("peer        round " + " ".join(f"{f:>16}" for f in fields))
    ratios: dict[str, list[float]] = {}
    for round_no in range(args.rounds):
        peers: list[tuple[str, Path]] = [("helpline", ROOT)]
        if args.also is not None:
            peers.append(("also", args.also.resolve()))
            if round_no % 2:  # alternate which checkout goes first
                peers.reverse()
        relay = run_relay(bench, args)
        runs = [("psio_relay", relay)] + [(name, run_helpline(bench, args, work, round_no, root)) for name, root in peers]
        for name, res in runs:
            print(f"{name:<11} {round_no:>5} " + " ".join(f"{res.get(f)!s:>16}" for f in fields), flush=True)
            if name != "psio_relay" and relay.get("relayed_per_s"):
                ratios.setdefault(name, []).append(float(res["relayed_per_s"]) / float(relay["relayed_per_s"]))  # type: ignore[arg-type]
    for name, values in ratios.items():
        print(f"{name} / psio_relay relayed msgs/s: median ratio {statistics.median(values):.2f} "
              f"(runs: {', '.join(f'{r:.2f}' for r in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
