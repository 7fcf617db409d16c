"""`GET /metrics` for Prometheus (docs/operations.md, "Metrics"): queue lengths and waiting times, live
conversations, counsellors online, triage lag and backlog, Redis health, and this process's sockets.

Numbers only: never message content, conversation ids, names or addresses. The endpoint is off unless
HELPLINE_METRICS_TOKEN is set, and then answers only to `Authorization: Bearer <that token>`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import statistics
import time
from collections.abc import Iterator

from aiohttp import web
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.process_collector import ProcessCollector
from redis.asyncio import Redis

from chat import keys
from chat.presence import Presence
from chat.queue_view import QueueView
from chat.records import as_text, now_ms
from chat.store import ConversationStore
from vocabulary import QUEUES, URGENCIES

log = logging.getLogger(__name__)

LAG_SAMPLE = 1000  # the newest triage lags a scrape summarises
RECENT_S = 3600  # "recently answered": conversations that entered the queue in the last hour
QUANTILES = (0.5, 0.9, 0.99)

Sample = tuple[str, dict[str, str], float]  # metric name, labels, value


class _Snapshot:
    """A collector that yields what the last `gather` read (prometheus_client collectors are synchronous;
    Redis is read asynchronously before each scrape)."""

    def __init__(self) -> None:
        self.families: list[Metric] = []

    def collect(self) -> Iterator[Metric]:
        yield from self.families


def _gauge(name: str, doc: str, samples: list[tuple[dict[str, str], float]], labels: tuple[str, ...] = ()) -> Metric:
    family = GaugeMetricFamily(name, doc, labels=list(labels))
    for label_values, value in samples:
        family.add_metric([label_values[k] for k in labels], value)
    return family


def _quantiles(values: list[float]) -> list[tuple[dict[str, str], float]]:
    if not values:
        return []
    ordered = sorted(values)
    out = []
    for q in QUANTILES:
        index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
        out.append(({"quantile": str(q)}, ordered[index]))
    return out


class Metrics:
    def __init__(self, token: str, redis: Redis, store: ConversationStore, presence: Presence,
                 queue_view: QueueView) -> None:
        self.token = token.encode()
        self.redis = redis
        self.store = store
        self.presence = presence
        self.queue_view = queue_view
        self.registry = CollectorRegistry(auto_describe=False)
        self.snapshot = _Snapshot()
        self.registry.register(self.snapshot)
        ProcessCollector(registry=self.registry)
        self._lock = asyncio.Lock()

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/metrics", self.handle)]

    def _authorised(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        given = header[7:].strip().encode() if header.startswith("Bearer ") else b""
        return bool(self.token) and hmac.compare_digest(given, self.token)

    async def handle(self, request: web.Request) -> web.Response:
        if not self.token:
            raise web.HTTPNotFound()  # off unless HELPLINE_METRICS_TOKEN is set
        if not self._authorised(request):
            return web.Response(status=401, text="a bearer token is required\n",
                                headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        async with self._lock:
            self.snapshot.families = await self.gather()
            body = generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def gather(self) -> list[Metric]:
        families = self._queue()
        families += self._process()
        started = time.perf_counter()
        try:
            await self.redis.ping()
            up = 1.0
        except Exception:  # noqa: BLE001 - a metric, not an error: Redis is down
            up = 0.0
        families.append(_gauge("helpline_redis_up", "1 when this process can reach Redis, else 0", [({}, up)]))
        if not up:
            return families
        families.append(_gauge("helpline_redis_ping_seconds", "round trip of a Redis PING from this process",
                               [({}, time.perf_counter() - started)]))
        try:
            families += await self._from_redis()
        except Exception:  # noqa: BLE001 - a scrape during a Redis hiccup still answers
            log.warning("metrics: reading from Redis failed", exc_info=True)
        return families

    def _queue(self) -> list[Metric]:
        now = now_ms()
        waiting = self.queue_view.waiting  # refreshed from Redis by the queue loop (at most 10 s old)
        per_queue = {q: 0 for q in QUEUES}
        longest = {q: 0.0 for q in QUEUES}
        per_urgency = {u: 0 for u in URGENCIES}
        offline = 0
        for w in waiting:
            per_queue[w.queue] = per_queue.get(w.queue, 0) + 1
            per_urgency[w.urgency] = per_urgency.get(w.urgency, 0) + 1
            if w.offline:
                offline += 1
            else:
                longest[w.queue] = max(longest.get(w.queue, 0.0), max(0, now - w.queued_at_ms) / 1000)
        return [
            _gauge("helpline_queue_waiting", "conversations waiting for a counsellor, per queue",
                   [({"queue": q}, float(n)) for q, n in per_queue.items()], ("queue",)),
            _gauge("helpline_queue_waiting_by_urgency", "conversations waiting, per urgency",
                   [({"urgency": u}, float(n)) for u, n in per_urgency.items()], ("urgency",)),
            _gauge("helpline_queue_waiting_offline", "waiting conversations left while the helpline was closed",
                   [({}, float(offline))]),
            _gauge("helpline_queue_longest_wait_seconds",
                   "how long the longest-waiting conversation of each queue has waited (offline ones not counted)",
                   [({"queue": q}, s) for q, s in longest.items()], ("queue",)),
            _gauge("helpline_counsellors_online", "counsellors with the console open (all processes)",
                   [({}, float(self.presence.online_count))]),
            _gauge("helpline_open", "1 when visitors are served now (opening hours and a counsellor online)",
                   [({}, 1.0 if self.presence.is_open() else 0.0)]),
        ]

    def _process(self) -> list[Metric]:
        sockets = {"visitor": len(self.presence.visitors), "counsellor": len(self.presence.counsellors),
                   "supervisor": len(self.presence.supervisors)}
        return [_gauge("helpline_process_sockets", "Socket.IO connections held by this process",
                       [({"kind": k}, float(n)) for k, n in sockets.items()], ("kind",))]

    async def _from_redis(self) -> list[Metric]:
        pipe = self.redis.pipeline(transaction=False)
        pipe.scard(keys.ACTIVE)
        pipe.lrange(keys.TRIAGE_LAG, 0, LAG_SAMPLE - 1)
        pipe.lrange(keys.TRIAGE_LAG_WAITING, 0, LAG_SAMPLE - 1)
        pipe.xlen(keys.TRIAGE_JOBS_WAITING)
        pipe.xlen(keys.TRIAGE_JOBS)
        active, lags, lags_waiting, jobs_waiting, jobs = await pipe.execute()
        backlog = [({"stream": "waiting"}, float(jobs_waiting)), ({"stream": "all"}, float(jobs))]
        families = [
            _gauge("helpline_conversations_active", "conversations a counsellor is in now", [({}, float(active))]),
            _gauge("helpline_triage_lag_seconds",
                   f"message stored to triage result stored, over the newest {LAG_SAMPLE} results",
                   _quantiles([int(as_text(v)) / 1000 for v in lags]), ("quantile",)),
            _gauge("helpline_triage_lag_waiting_seconds", "the same, for messages of waiting conversations only",
                   _quantiles([int(as_text(v)) / 1000 for v in lags_waiting]), ("quantile",)),
            _gauge("helpline_triage_backlog", "triage jobs not yet done (acknowledged jobs are deleted)",
                   backlog, ("stream",)),
        ]
        families += await self._recent()
        return families

    async def _recent(self) -> list[Metric]:
        cids = await self.store.started_since(now_ms() - RECENT_S * 1000)
        records = [r for r in await self.store.get_many(cids, ["wait_s", "claimed_at", "ended_by", "offline"])
                   if r is not None]
        waits = [float(r.wait_s) for r in records if r.wait_s is not None and not r.offline]
        gave_up = sum(1 for r in records if r.ended_by == "gave_up")
        return [
            _gauge("helpline_conversations_started_last_hour", "conversations that entered the queue in the last hour",
                   [({}, float(len(records)))]),
            _gauge("helpline_conversations_gave_up_last_hour",
                   "of those, closed because the visitor had gone before anyone answered", [({}, float(gave_up))]),
            _gauge("helpline_answered_wait_seconds",
                   "waiting time until a counsellor answered, conversations of the last hour",
                   _quantiles(waits), ("quantile",)),
            _gauge("helpline_answered_wait_seconds_mean", "the mean of the same",
                   [({}, statistics.fmean(waits))] if waits else []),
        ]
