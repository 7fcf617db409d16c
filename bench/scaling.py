"""The scaling curve: live conversations against throughput, one-way latency and triage lag, this server
(everything on, triage included) beside the bare python-socketio relay, in one sitting.

For each size N: N visitors each write about one message a second (`loadgen.js --think=1000`), N/10
counsellors answer; the relay and this server run alternately. Triage lag is read from Redis after the
run (`hl:triage:lag`: ms from a visitor message stored to the triage result covering it stored; the
`triage` event leaves for the counsellor right after). Prints a table and draws docs/img/scaling.png.

    .venv/bin/python bench/scaling.py [--sizes 10,100,300,1000,3000] [--messages 20]

Needs matplotlib for the chart (`pip install -e .[bench]`); without it, only the table.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_load import PASSWORD, ROOT, children, cpu_seconds, prepare_bench, wait_up  # noqa: E402

THINK_MS = 1000  # --think: ms between a visitor's reply and their next message


def loadgen(bench: Path, url: str, n: int, messages: int, login: str | None) -> dict[str, Any]:
    cmd = ["node", "loadgen.js", f"--url={url}", f"--visitors={n}", f"--counsellors={max(1, n // 10)}",
           f"--messages={messages}", f"--think={THINK_MS}", f"--deadline={max(240, messages * THINK_MS // 500)}"]
    if login:
        cmd.append(f"--login={login}")
    out = subprocess.run(cmd, cwd=bench, capture_output=True, text=True, timeout=600).stdout.strip()
    result: dict[str, Any] = json.loads(out.splitlines()[-1])
    return result


def run_relay(bench: Path, n: int, messages: int) -> dict[str, Any]:
    port = 8112
    proc = subprocess.Popen([str(bench / ".venv" / "bin" / "python"), "psio_relay.py", str(port)],
                            cwd=bench / "peers", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        return loadgen(bench, f"http://127.0.0.1:{port}", n, messages, None)
    finally:
        proc.terminate()
        proc.wait()


def _percentile(values: list[int], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))])


def run_helpline(bench: Path, n: int, messages: int, work: Path, root: Path = ROOT) -> dict[str, Any]:
    import redis

    port = 8113
    data = work / f"scaling-{n}"
    shutil.rmtree(data, ignore_errors=True)  # a fresh Redis: left-over jobs of an earlier run would count
    env = {**os.environ, "HELPLINE_DATA_DIR": str(data), "HELPLINE_PASSWORD": PASSWORD,
           "HELPLINE_MAX_CONVERSATIONS": "0", "HELPLINE_MAX_NEW_PER_MINUTE": "0", "HELPLINE_TRIAGE": "on", "HELPLINE_LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    python = str(root / ".venv" / "bin" / "python")
    log_path = work / f"scaling-{n}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([python, "-m", "chat", "serve", "--port", str(port)], cwd=root, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_up(f"http://127.0.0.1:{port}/healthz")
        subprocess.run([python, "-m", "chat", "user", "add", "bench", "--role", "counsellor"], cwd=root, env=env,
                       check=True, capture_output=True)
        client = redis.Redis(unix_socket_path=str(data / "redis.sock"))
        deadline = time.monotonic() + 60  # the worker loads its language tables first (~8 s)
        while time.monotonic() < deadline and not client.exists("hl:triage:lag"):
            client.xadd("hl:triage:jobs", {"c": "warm-up"})  # a job for a conversation that does not exist
            time.sleep(1)
        client.delete("hl:triage:lag", "hl:triage:lag:waiting")
        pids = {"chat": proc.pid, **children(proc.pid)}
        before = {role: cpu_seconds(pid) for role, pid in pids.items()}
        result = loadgen(bench, f"http://127.0.0.1:{port}", n, messages, f"bench:{PASSWORD}")
        for role, pid in pids.items():
            result[f"cpu_{role}_s"] = round(cpu_seconds(pid) - before[role], 1)
        time.sleep(3)  # triage still landing for the last messages
        lags = [int(v) for v in client.lrange("hl:triage:lag", 0, -1)]
        result["triage_lag_p50_ms"] = _percentile(lags, 50)
        result["triage_lag_p99_ms"] = _percentile(lags, 99)
        result["triage_jobs_measured"] = len(lags)
        waiting = [int(v) for v in client.lrange("hl:triage:lag:waiting", 0, -1)]
        result["waiting_lag_p99_ms"] = _percentile(waiting, 99)
        client.close()
    finally:
        proc.terminate()
        proc.wait()
    text = log_path.read_text(errors="replace")
    result["server_log_errors"] = sum(1 for line in text.splitlines() if " ERROR " in line or "Traceback" in line)
    return result


FIELDS = ["visitors_connected", "sent", "lost", "relayed_per_s", "one_way_p50_ms", "one_way_p99_ms",
          "rtt_p99_ms", "claim_failed", "triage_lag_p50_ms", "triage_lag_p99_ms", "waiting_lag_p99_ms",
          "server_log_errors", "cpu_chat_s", "cpu_worker_s"]


def draw(rows: list[dict[str, Any]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no chart")
        return
    sizes = sorted({r["n"] for r in rows})

    def series(peer: str, field: str) -> list[float | None]:
        return [next((r.get(field) for r in rows if r["n"] == n and r["peer"] == peer), None) for n in sizes]

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    for peer, style in (("psio_relay", "o--"), ("helpline", "s-")):
        axes[0].plot(sizes, series(peer, "relayed_per_s"), style, label=peer)
        axes[1].plot(sizes, series(peer, "one_way_p50_ms"), style, label=f"{peer} p50")
        axes[1].plot(sizes, series(peer, "one_way_p99_ms"), style, alpha=0.5, label=f"{peer} p99")
    axes[2].plot(sizes, series("helpline", "triage_lag_p50_ms"), "s-", label="p50")
    axes[2].plot(sizes, series("helpline", "triage_lag_p99_ms"), "s-", alpha=0.5, label="p99")
    axes[2].plot(sizes, series("helpline", "waiting_lag_p99_ms"), "^:", label="p99, waiting conversations")
    titles = ("relayed messages/s", "one-way latency (ms)", "triage lag (ms), helpline")
    for axis, title in zip(axes, titles, strict=True):
        axis.set_xscale("log")
        axis.set_xlabel("live conversations (1 visitor msg/s each)")
        axis.set_title(title)
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=8)
    axes[1].set_yscale("log")
    axes[2].set_yscale("log")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    print(f"chart: {path}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,300,1000,3000")
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--think", type=int, default=1000, help="ms between a reply and the next message")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "helpline-bench"))
    parser.add_argument("--chart", default=str(ROOT / "docs" / "img" / "scaling.png"))
    parser.add_argument("--also", type=Path, default=None,
                        help="another checkout (with .venv) to run as a third peer at each size, e.g. a base commit's")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each peer at each size, alternating")
    args = parser.parse_args()
    global THINK_MS
    THINK_MS = args.think
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    bench = prepare_bench(work)
    rows: list[dict[str, Any]] = []
    print(f"{'peer':<11} {'N':>5} " + " ".join(f"{f:>18}" for f in FIELDS))
    for n, round_no in [(int(s), r) for s in args.sizes.split(",") for r in range(args.rounds)]:
        peers: list[tuple[str, Path | None]] = [("helpline", ROOT)]
        if args.also is not None:
            peers.append(("also", args.also.resolve()))
            if round_no % 2:  # alternate which checkout goes first
                peers.reverse()
        for peer, root in [("psio_relay", None), *peers]:
            result = (run_relay(bench, n, args.messages) if root is None
                      else run_helpline(bench, n, args.messages, work, root))
            rows.append({"peer": peer, "n": n, "round": round_no, **result})
            print(f"{peer:<11} {n:>5} " + " ".join(f"{result.get(f)!s:>18}" for f in FIELDS), flush=True)
            if result.get("errors"):
                print(f"            errors: {result['errors'][:3]}")
    (work / f"scaling-think{args.think}.json").write_text(json.dumps(rows, indent=1))
    ratios = [h["relayed_per_s"] / r["relayed_per_s"] for h in rows for r in rows
              if h["peer"] == "helpline" and r["peer"] == "psio_relay" and (h["n"], h["round"]) == (r["n"], r["round"])
              and r["relayed_per_s"]]
    if ratios:
        print(f"helpline / relay msgs/s per size: {', '.join(f'{x:.2f}' for x in ratios)} "
              f"(median {statistics.median(ratios):.2f})")
    draw(rows, Path(args.chart))
    return 0


if __name__ == "__main__":
    sys.exit(main())
