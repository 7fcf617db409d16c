"""Speed of triage.redaction: start-up (lookups, spaCy) and ms per message (p50, p99).

    .venv/bin/python bench/redact_bench.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from triage import redaction

    t1 = time.perf_counter()
    redaction.redact("ik heet Lisa")  # loads the lookups once
    getattr(redaction, "warm_up", lambda: None)()  # and the model, which that message no longer needs
    t2 = time.perf_counter()

    texts: list[str] = []
    for name in ("dev.jsonl", "heldout.jsonl"):
        for line in (ROOT / "data" / "redact" / name).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    long_text = " ".join(texts[:40])  # a ~2,000 character message

    times: list[float] = []
    cpu: list[float] = []  # this thread's CPU time: less moved by other processes on a shared machine
    for _ in range(args.rounds):
        for t in texts:
            a = time.perf_counter()
            c = time.thread_time()
            redaction.redact(t)
            cpu.append((time.thread_time() - c) * 1000)
            times.append((time.perf_counter() - a) * 1000)
    times.sort()
    cpu.sort()
    a = time.perf_counter()
    redaction.redact_transcript(texts[:30])
    transcript_ms = (time.perf_counter() - a) * 1000
    a = time.perf_counter()
    redaction.redact(long_text)
    long_ms = (time.perf_counter() - a) * 1000

    print(f"import triage.redaction: {(t1 - t0) * 1000:.0f} ms; first call (lookups + spaCy): {(t2 - t1) * 1000:.0f} ms")
    print(f"{len(times)} messages (mean {statistics.mean(len(t) for t in texts):.0f} chars): "
          f"p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms, "
          f"max {times[-1]:.2f} ms, mean {statistics.mean(times):.2f} ms")
    print(f"CPU time per message (this thread): p50 {cpu[len(cpu) // 2]:.2f} ms, p99 {cpu[int(len(cpu) * 0.99)]:.2f} ms")
    print(f"transcript of 30 messages: {transcript_ms:.1f} ms; one {len(long_text)}-char message: {long_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
