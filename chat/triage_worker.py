"""Triage workers: conversations are classified off the chat process, through Redis (docs/triage.md,
"Triage workers"; docs/operations.md, "Running triage workers").

The path of a job: a visitor message is stored together with a job in the stream `hl:triage:jobs`
(one Lua script, chat/store.py) -> a worker of the consumer group reads it (XREADGROUP) -> reads the
conversation's new visitor messages and classifies them (triage/classifier.py) -> stores the result
(`ConversationStore.set_triage`, which re-sorts the queue) and tells the counsellor through
python-socketio's Redis channel -> acknowledges the job only then (XACK). A worker that dies leaves its
jobs pending; another worker claims them after CLAIM_IDLE_MS (XAUTOCLAIM). So a restart of anything
loses no job, and workers scale on any machine that reaches Redis.

Jobs are coalesced: all jobs of one conversation in a batch make one classification of the messages
stored by then. A busy worker therefore reads bigger batches and classifies each conversation less
often, instead of falling further behind. Workers run at a lower CPU priority (nice 10): on a shared
machine the chat comes first and triage falls behind, never the other way round, but it is not starved;
on a contended machine they can also yield after work on conversations already taken (HELPLINE_TRIAGE_YIELD).

`python -m chat serve` starts HELPLINE_TRIAGE_WORKERS workers itself (`TriageWorkers`, below); with 0,
run `python -m triage worker` yourself (the Procfile's `triage:` line).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, cast

import orjson
import socketio
from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError

from chat import keys
from chat.acute import triage_found_acute
from chat.config import Settings
from chat.crypto import KeyDestroyed
from chat.delivery import Delivery
from chat.pubsub import SOCKETIO_CHANNEL
from chat.records import TriageResult, as_text, triage_fields
from chat.store import ConversationStore, Message
from vocabulary import QUEUES, Urgency

log = logging.getLogger(__name__)

# Jobs read at once. Bigger batches coalesce more when the worker is behind; 200 keeps one batch's
# classifications to well under a second at ~2 ms each.
BATCH = 200
BLOCK_MS = 1000
# A job pending this long with a worker that stopped acknowledging is taken over by another worker.
# Longer than the slowest classification of a batch, short enough that an acute first message is
# seen soon after its worker died.
CLAIM_IDLE_MS = 15_000
CLAIM_EVERY_S = 5.0
# Consumers with nothing pending and silent this long are removed from the group (restarted workers
# leave their names behind).
FORGET_CONSUMER_MS = 3_600_000
# Conversations whose visitor messages a worker keeps, so each run reads only the new ones; at most
# KEPT_TEXTS messages of KEPT_CHARS each (what the classifier reads): at most ~400 MB in the worst case.
KNOWN_CONVERSATIONS = 1000
KEPT_TEXTS = 200
KEPT_CHARS = 2000
EVIDENCE_PER_SIGNAL = 5
HISTORY_PAGE = 500
# A conversation is classified at most twice a second: a visitor typing fast gets one
# classification for a burst of messages, not one each. Its first message is never held back.
MIN_INTERVAL_S = 0.5
TRIAGE_NICE = 10
# Recent triage lags kept (ms from a message stored to its triage result stored), for operators and the
# scaling bench: enough for a p99.
TRIAGE_LAG_KEPT = 10_000

# On a contended machine (the worker waited for a CPU more than CONTENDED of a pass's time), triage of
# conversations already taken yields to the chat: after such a pass the worker waits `yield_ratio`
# (HELPLINE_TRIAGE_YIELD) times the CPU it used, at most MAX_YIELD_S, listening only for jobs of waiting
# conversations, which start at once. A counsellor already reads those conversations; their triage comes
# later, on their latest messages (docs/benchmarks.md, session 7: behind, a nice-10 worker still took a
# quarter of a core from the chat, whatever a classification cost).
CONTENDED = 0.25
MAX_YIELD_S = 2.0
REPORT_EVERY_S = 60.0  # a log line with the classifications and the time yielded since the last one

# Conversations classified in one pass of the model: a pass has a fixed cost, so 16 together cost about
# a third of 16 alone when texts are short, and still less when they are long (docs/benchmarks.md).
CLASSIFY_TOGETHER = 16

Classify = Callable[[list[str]], TriageResult]
ClassifyMany = Callable[[list[list[str]]], list[TriageResult]]


class TriageResults:
    """Stores a triage result on its conversation (re-sorting the queue) and tells the counsellor."""

    def __init__(self, store: ConversationStore, delivery: Delivery) -> None:
        self.store = store
        self.delivery = delivery
        self._last: OrderedDict[str, str] = OrderedDict()

    async def apply(self, cid: str, result: TriageResult, seq: int) -> None:
        encoded = orjson.dumps(result).decode()
        if self._last.get(cid) == encoded:
            return  # nothing new for the queue or the counsellor
        record = (await self.store.get_many([cid], ["queue_override", "about", "acute_counsellor", "acute_safe_word"]))[0]
        if record is None:
            return
        fields = triage_fields(result, encoded)
        suggested_queue = result.get("queue")
        if suggested_queue in QUEUES:
            # The visitor's own answer ("for myself", "for someone else", "I am a professional") routes the
            # conversation; triage only suggests another queue to the counsellor (docs/triage.md, Queues).
            fields["suggested_queue"] = str(suggested_queue)
            if not record.queue_override and not record.about:
                fields["queue"] = str(suggested_queue)
        if not await self.store.set_triage(cid, fields.get("urgency", Urgency.NORMAL), fields, seq):
            return  # another worker stored a result on more messages
        self._last[cid] = encoded
        self._last.move_to_end(cid)
        while len(self._last) > KNOWN_CONVERSATIONS:
            self._last.popitem(last=False)
        # Pinned acute by a counsellor or a safe word (chat/acute.py): the conversation stays acute, and
        # the console is told so, whatever this result says.
        pinned = record.acute_counsellor or record.acute_safe_word
        await self.delivery.triage(cid, {"conversation_id": cid, **result, **({"urgency": Urgency.ACUTE} if pinned else {})})
        if fields.get("urgency") == Urgency.ACUTE:
            await triage_found_acute(self.store, self.delivery, cid)  # supervisors alerted, once


class ChannelEmitter:
    """Emits Socket.IO events to rooms as a process without sockets: python-socketio's write-only Redis
    manager publishes them on the chat processes' channel, and each process delivers to its sockets."""

    def __init__(self, redis_url: str) -> None:
        self.manager = socketio.AsyncRedisManager(redis_url, channel=SOCKETIO_CHANNEL, write_only=True)

    async def emit(self, event: str, data: Any, room: str | None = None, namespace: str | None = None,
                   to: str | None = None) -> None:
        await self.manager.emit(event, data, namespace=namespace, room=to or room)

    async def close(self) -> None:
        redis = getattr(self.manager, "redis", None)
        if redis is not None:
            await redis.aclose()


class TriageWorker:
    """One consumer of the triage job stream."""

    def __init__(self, redis: Redis, store: ConversationStore, results: TriageResults, classify: Classify,
                 consumer: str, classify_many: ClassifyMany | None = None, yield_ratio: float = 0.0) -> None:
        self.redis = redis
        self.store = store
        self.results = results
        self.classify = classify
        self.classify_many: ClassifyMany = classify_many or (lambda many: [classify(texts) for texts in many])
        self.consumer = consumer
        # Per conversation: (messages read up to this seq, visitor texts no longer kept, the last ones kept).
        self._known: OrderedDict[str, tuple[int, int, list[str]]] = OrderedDict()
        self._next_claim = 0.0
        self._last_run: dict[str, float] = {}  # conversation -> when it was last classified (monotonic)
        # Jobs held back because their conversation was classified less than MIN_INTERVAL_S ago: the
        # jobs (acknowledged with the later run) and when that run is due.
        self._deferred: dict[str, tuple[list[tuple[str, Any]], float]] = {}
        self.classified = 0  # conversations classified, for the log and tests
        self.yield_ratio = yield_ratio
        self._hold_until = 0.0  # yielding to the chat until then: only waiting conversations' jobs
        self.yielded_s = 0.0  # time spent yielding, for the log and tests
        self.yielded_last = False  # the last pass on taken conversations ended in a yield

    async def ensure_group(self) -> None:
        for stream in keys.TRIAGE_STREAMS:
            try:
                # From the start of the stream: jobs added before the first worker ever ran are not skipped.
                await self.redis.xgroup_create(stream, keys.TRIAGE_GROUP, id="0", mkstream=True)
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise

    async def run(self, stop: asyncio.Event) -> None:
        await self.ensure_group()
        next_report, reported = time.monotonic() + REPORT_EVERY_S, (0, 0.0)
        while not stop.is_set():
            if time.monotonic() >= next_report:
                next_report = time.monotonic() + REPORT_EVERY_S
                if (self.classified, self.yielded_s) != reported:
                    log.info("triage worker %s: %d classifications, yielded %.1f s to the chat on a busy machine",
                             self.consumer, self.classified - reported[0], self.yielded_s - reported[1])
                    reported = (self.classified, self.yielded_s)
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except RedisError as exc:
                # Redis restarting or failing over: the unacknowledged jobs stay in the stream.
                log.warning("triage worker: redis unavailable (%s); retrying", type(exc).__name__)
                await asyncio.sleep(1.0)

    async def run_once(self, block_ms: int = BLOCK_MS) -> int:
        """Read and handle one batch: jobs taken over from dead workers first, then those of waiting
        conversations, then the rest, plus deferred jobs now due. Returns the number of jobs handled."""
        now = time.monotonic()
        holding = now < self._hold_until
        due = set() if holding else {cid for cid, (_, at) in self._deferred.items() if at <= now}
        try:
            if holding:  # yielding to the chat, but a waiting conversation's job starts at once
                hold_ms = min(block_ms, int((self._hold_until - now) * 1000) + 1)
                jobs = await self._read({keys.TRIAGE_JOBS_WAITING: ">"}, max(1, hold_ms))
            else:
                jobs = await self._claim_stale()
            if not jobs and not holding:  # waiting conversations first, even when the other stream is full
                jobs = await self._read({keys.TRIAGE_JOBS_WAITING: ">"}, None)
            if not jobs and not due and not holding:
                next_due = min((at for _, at in self._deferred.values()), default=None)
                wait_ms = block_ms if next_due is None else min(block_ms, int((next_due - now) * 1000) + 1)
                # While yielding, small passes: the wait after each stays YIELD times its CPU (a pass of 200
                # conversations would outlast MAX_YIELD_S), and acknowledgements keep coming.
                jobs = await self._read({stream: ">" for stream in keys.TRIAGE_STREAMS}, max(1, wait_ms),
                                        CLASSIFY_TOGETHER if self.yielded_last else BATCH)
        except ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            await self.ensure_group()  # a stream or the group was deleted (a flushed Redis)
            return 0
        started = (time.perf_counter(), time.process_time(), _run_delay())
        by_conversation: OrderedDict[str, list[tuple[str, Any]]] = OrderedDict()
        for cid in due:
            by_conversation[cid] = self._deferred.pop(cid)[0]
        newest: dict[str, int] = {}  # conversation -> the highest message seq among its jobs here
        for stream, job_id, fields in jobs:
            # A claimed job whose entry was trimmed away has no fields: acknowledged, nothing to do.
            cid = as_text((fields or {}).get(b"c") or (fields or {}).get("c") or b"")
            by_conversation.setdefault(cid, []).append((stream, job_id))
            seq = as_text((fields or {}).get(b"s") or (fields or {}).get("s") or b"0")
            newest[cid] = max(newest.get(cid, 0), int(seq) if seq.isdigit() else 1 << 62)
        handled: list[tuple[str, Any]] = []
        to_classify: list[str] = []
        now = time.monotonic()
        for cid, cid_jobs in by_conversation.items():
            known = self._known.get(cid)
            if known is not None and cid in newest and newest[cid] <= known[0] and cid not in due \
                    and cid not in self._deferred:
                handled += cid_jobs  # an earlier run already read these messages: nothing to do
                continue
            if cid in self._deferred:  # more jobs of a conversation that already waits its turn
                self._deferred[cid][0].extend(cid_jobs)
                continue
            last = self._last_run.get(cid)
            if cid and cid not in due and last is not None and now - last < MIN_INTERVAL_S:
                # Classified a moment ago: once more after MIN_INTERVAL_S covers all that came meanwhile.
                self._deferred[cid] = (cid_jobs, last + MIN_INTERVAL_S)
                continue
            if cid:
                to_classify.append(cid)
                self._last_run[cid] = now
            handled += cid_jobs
        for start in range(0, len(to_classify), CLASSIFY_TOGETHER):
            await self._triage(to_classify[start:start + CLASSIFY_TOGETHER])
        self._forget_old_runs()
        if handled:
            await self._acknowledge(handled)
        waiting = {cid for cid, cid_jobs in by_conversation.items()
                   if any(stream == keys.TRIAGE_JOBS_WAITING for stream, _ in cid_jobs)}
        if to_classify and not waiting.intersection(to_classify):
            self._yield_if_contended(*started)
        return len(handled)

    def _yield_if_contended(self, wall0: float, cpu0: float, delay0: float | None) -> None:
        delay1 = _run_delay()
        self.yielded_last = False
        if delay0 is None or delay1 is None or self.yield_ratio <= 0:
            return  # no scheduler statistics here (not Linux): nice alone keeps the chat first
        wall = time.perf_counter() - wall0
        if wall > 0 and delay1 - delay0 > CONTENDED * wall:
            hold = min(MAX_YIELD_S, self.yield_ratio * (time.process_time() - cpu0))
            self._hold_until = time.monotonic() + hold
            self.yielded_s += hold
            self.yielded_last = True

    async def _acknowledge(self, handled: list[tuple[str, Any]]) -> None:
        now = int(time.time() * 1000)
        pipe = self.redis.pipeline(transaction=False)
        for stream in keys.TRIAGE_STREAMS:
            done = [job_id for s, job_id in handled if s == stream]
            if not done:
                continue
            pipe.xack(stream, keys.TRIAGE_GROUP, *done)
            pipe.xdel(stream, *done)  # acknowledged jobs are of no further use
            # A job's id starts with the ms it was added, i.e. when its message was stored.
            lags = [max(0, now - int(as_text(job_id).split("-")[0])) for job_id in done]
            for lag_key in (keys.TRIAGE_LAG, keys.TRIAGE_LAG_WAITING) if stream == keys.TRIAGE_JOBS_WAITING \
                    else (keys.TRIAGE_LAG,):
                pipe.lpush(lag_key, *lags)
                pipe.ltrim(lag_key, 0, TRIAGE_LAG_KEPT - 1)
        await pipe.execute()

    def _forget_old_runs(self) -> None:
        if len(self._last_run) > KNOWN_CONVERSATIONS * 2:
            cutoff = time.monotonic() - MIN_INTERVAL_S
            for cid in [c for c, at in self._last_run.items() if at < cutoff]:
                del self._last_run[cid]

    async def _read(self, streams: dict[str, str], block_ms: int | None, count: int = BATCH
                    ) -> list[tuple[str, Any, Any]]:
        reply = await self.redis.xreadgroup(keys.TRIAGE_GROUP, self.consumer, cast(Any, streams), count=count,
                                            block=block_ms)
        return [(as_text(stream), job_id, fields) for stream, entries in cast(Any, reply or [])
                for job_id, fields in entries]

    async def _claim_stale(self) -> list[tuple[str, Any, Any]]:
        now = time.monotonic()
        if now < self._next_claim:
            return []
        self._next_claim = now + CLAIM_EVERY_S
        claimed: list[tuple[str, Any, Any]] = []
        for stream in keys.TRIAGE_STREAMS:
            reply = await self.redis.xautoclaim(
                stream, keys.TRIAGE_GROUP, self.consumer, CLAIM_IDLE_MS, start_id="0-0", count=BATCH
            )
            claimed += [(stream, job_id, fields) for job_id, fields in cast("list[Any]", reply[1] if reply else [])]
            await self._forget_idle_consumers(stream)
        if claimed:
            log.warning("triage worker %s took over %d jobs of a stopped worker", self.consumer, len(claimed))
        return claimed

    async def _forget_idle_consumers(self, stream: str) -> None:
        for consumer in await self.redis.xinfo_consumers(stream, keys.TRIAGE_GROUP):
            name = as_text(consumer["name"])
            if name != self.consumer and int(consumer["pending"]) == 0 and int(consumer["idle"]) > FORGET_CONSUMER_MS:
                await self.redis.xgroup_delconsumer(stream, keys.TRIAGE_GROUP, name)

    async def _triage(self, cids: list[str]) -> None:
        """Classify these conversations' visitor messages stored by now (together, in one model pass) and
        store the results."""
        batch: list[tuple[str, int, int, list[str]]] = []
        for cid in cids:
            fresh = await self._new_visitor_texts(cid)
            if fresh is not None:
                batch.append((cid, *fresh))
        if not batch:
            return
        results = self.classify_many([texts for _, _, _, texts in batch])
        for (cid, read, dropped, _), result in zip(batch, results, strict=True):
            self.classified += 1
            for found in result.get("signals", []):
                # The latest evidence is what a counsellor acts on; the event stays small in long conversations.
                evidence = found.get("evidence", [])[-EVIDENCE_PER_SIGNAL:]
                for span in evidence:
                    span["message"] = span["message"] + dropped  # positions in the whole conversation
                found["evidence"] = evidence
            await self.results.apply(cid, result, read)

    async def _new_visitor_texts(self, cid: str) -> tuple[int, int, list[str]] | None:
        """(messages read, visitor texts no longer kept, the texts to classify), or None when no visitor
        message arrived since the last run or the conversation is gone."""
        read, dropped, texts = self._known.get(cid, (0, 0, []))
        try:
            fresh: list[Message] = []
            while True:  # history comes in pages; a short page is the last
                page = await self.store.history(cid, read + len(fresh), HISTORY_PAGE)
                fresh += page
                if len(page) < HISTORY_PAGE:
                    break
        except KeyDestroyed:
            self._known.pop(cid, None)
            return None  # the conversation is gone (retention): nothing to triage
        # The classifier reads only the last KEPT_TEXTS messages, each cut at KEPT_CHARS: keeping more
        # let a few endless fake conversations grow a worker to half a gigabyte (issue 9, attacker report).
        new = [m.text[:KEPT_CHARS] for m in fresh if m.sender == "visitor"]
        read += len(fresh)
        texts = texts + new
        if len(texts) > KEPT_TEXTS:
            dropped += len(texts) - KEPT_TEXTS
            texts = texts[-KEPT_TEXTS:]
        self._known[cid] = (read, dropped, texts)
        self._known.move_to_end(cid)
        while len(self._known) > KNOWN_CONVERSATIONS:
            self._known.popitem(last=False)
        return (read, dropped, texts) if new else None


def _run_delay() -> float | None:
    """Seconds this thread has waited for a CPU while runnable, or None where the kernel does not say."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat", "rb") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _classifiers() -> tuple[Classify, ClassifyMany]:
    from triage.classifier import classify, classify_many, warm_up

    warm_up()
    return cast(Classify, classify), cast(ClassifyMany, classify_many)


def _lower_priority() -> None:
    # The chat comes first, but triage must not starve: at SCHED_IDLE (the first design) a busy machine
    # gave the worker no CPU at all, and even a waiting child's first message waited seconds to minutes
    # for its urgency. Nice 10 gets a tenth of a contended core's time and all of an idle one.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(TRIAGE_NICE)


def _exit_with_parent(parent: int) -> None:
    """A worker started by `chat serve` must not outlive it (kill -9 of the server included)."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        sys.exit(0)


async def _work(settings: Settings, redis_url: str, parent: int | None) -> int:
    from chat.crypto import Vault, load_master_key
    from chat.redis_client import redis_client
    from chat.store import MasterKeyMismatch

    key_file = settings.data_dir / "master.key"
    if not settings.master_key and not key_file.exists():
        print(f"triage worker: no master key (HELPLINE_MASTER_KEY or {key_file}); the server creates it on its "
              "first start", file=sys.stderr)
        return 2
    redis = redis_client(settings, redis_url)
    store = ConversationStore(redis, Vault(load_master_key(settings.master_key, key_file)))
    try:
        await store.check_master_key()
    except MasterKeyMismatch as exc:
        print(f"triage worker: refusing to start: {exc}", file=sys.stderr)
        return 2
    emitter = ChannelEmitter(redis_url)
    # No sockets here: every event goes out on the channel, including to watching supervisors.
    delivery = Delivery(cast(socketio.AsyncServer, emitter), lambda cid: True)
    consumer = f"{socket.gethostname()}:{os.getpid()}"
    classify, classify_many = _classifiers()
    worker = TriageWorker(redis, store, TriageResults(store, delivery), classify, consumer, classify_many,
                          yield_ratio=settings.triage_yield)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("triage worker %s ready", consumer)
    task = asyncio.ensure_future(worker.run(stop))
    while not stop.is_set() and not task.done():
        await asyncio.wait([task], timeout=1.0)
        if parent is not None and os.getppid() != parent:
            stop.set()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await emitter.close()
    await redis.aclose()
    return 0


def _embedded_url(settings: Settings, wait_s: float) -> str | None:
    """The data folder's embedded Redis, once the server has started it (this never starts one)."""
    from chat.embedded_redis import EmbeddedRedis

    embedded = EmbeddedRedis(settings.data_dir, settings.redis_fsync)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if embedded.socket_path.exists():
            return embedded.url
        time.sleep(0.5)
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage worker",
                                     description="classify conversations from the Redis job stream")
    parser.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from chat.logs import setup_logging

    setup_logging(os.environ.get("HELPLINE_LOG_LEVEL", "INFO").upper(),
                  "json" if os.environ.get("HELPLINE_LOG_FORMAT", "").strip().lower() == "json" else "text")
    if args.parent is not None:
        _exit_with_parent(args.parent)
    _lower_priority()
    settings = Settings.from_env()
    redis_url = settings.redis_url or _embedded_url(settings, wait_s=60)
    if not redis_url:
        print("triage worker: set REDIS_URL, or start `python -m chat serve` / `python -m chat redis` with the "
              "same HELPLINE_DATA_DIR first", file=sys.stderr)
        return 2
    return asyncio.run(_work(settings, redis_url, args.parent))


class TriageWorkers:
    """The workers a chat process starts itself (HELPLINE_TRIAGE_WORKERS), restarted when they die."""

    RESTART_BACKOFF_S = (1.0, 2.0, 5.0, 10.0, 30.0)

    def __init__(self, settings: Settings, redis_url: str, count: int) -> None:
        self.count = count
        env = dict(os.environ)
        env.update({"REDIS_URL": redis_url, "HELPLINE_DATA_DIR": str(settings.data_dir),
                    "HELPLINE_LOG_LEVEL": settings.log_level})
        if settings.master_key:
            env["HELPLINE_MASTER_KEY"] = settings.master_key
        self.env = env
        self._procs: dict[int, asyncio.subprocess.Process] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    def start(self) -> None:
        self._tasks = [asyncio.ensure_future(self._keep(i)) for i in range(self.count)]

    async def _keep(self, index: int) -> None:
        failures = 0
        while not self._stopping:
            started = time.monotonic()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "triage", "worker", "--parent", str(os.getpid()), env=self.env
            )
            self._procs[index] = proc
            code = await proc.wait()
            if self._stopping:
                return
            failures = 0 if time.monotonic() - started > 60 else failures + 1
            delay = self.RESTART_BACKOFF_S[min(failures, len(self.RESTART_BACKOFF_S) - 1)]
            log.error("triage worker exited with %s; restarting in %.0f s (its jobs wait in Redis)", code, delay)
            await asyncio.sleep(delay)

    async def stop(self) -> None:
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        for proc in self._procs.values():
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.terminate()
        for proc in self._procs.values():
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        self._procs.clear()
