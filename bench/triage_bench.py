"""Triage benchmark: incremental classification cost per message, start-up time and memory.

    .venv/bin/python bench/triage_bench.py [DATA.jsonl]

Replays each dev-set conversation as the chat server does: after every new visitor message, classify()
is called with the whole list so far. Reports ms per call p50/p99 (one core, cold message cache per
conversation text, warm pipelines), import + warm_up time, and peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data/triage/dev.jsonl"
    convs = [json.loads(x)["messages"] for x in data.read_text(encoding="utf-8").splitlines() if x.strip()]
    rss0 = rss_mb()
    t0 = time.perf_counter()
    from triage import classifier

    t_import = time.perf_counter() - t0
    classifier.warm_up()
    t_start = time.perf_counter() - t0
    rss_warm = rss_mb()

    # Make every message text unique so the per-message cache cannot hide the real cost of a new message.
    # Side by side in one run: rules + model (what ships) and the rules alone (the peer).
    model = classifier.get_model()
    variants = [("rules + model", model), ("rules only", None)] if model is not None else [("rules only", None)]
    print(f"conversations: {len(convs)}")
    for vi, (name, m) in enumerate(variants):
        times: list[float] = []
        for rnd in range(3):
            for ci, msgs in enumerate(convs):
                so_far: list[str] = []
                for msg in msgs:
                    so_far.append(f"{msg} #{rnd}.{ci}.{vi}")
                    t = time.perf_counter()
                    classifier._classify(so_far, m)
                    times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p50 = statistics.median(times)
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"{name:<14} ms per new message ({len(times)} calls): p50 {p50:.2f}  p99 {p99:.2f}  "
              f"max {times[-1]:.2f}  mean {statistics.mean(times):.2f}")
    print(f"start-up: import {t_import:.2f} s, import + warm_up {t_start:.2f} s")
    print(f"memory (max RSS): before import {rss0:.0f} MB, after warm_up {rss_warm:.0f} MB, end {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
