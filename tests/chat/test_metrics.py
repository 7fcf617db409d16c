"""GET /metrics (chat/metrics.py): off without HELPLINE_METRICS_TOKEN, a bearer token when on, queue and
triage figures in the Prometheus text format, and never a message, a conversation id or a name.
Also the optional JSON log format (chat/logs.py)."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import Any

import aiohttp
import orjson
import pytest
import redis.asyncio as aioredis
from prometheus_client.parser import text_string_to_metric_families

from chat import keys
from chat.config import Settings
from chat.logs import JsonFormatter
from tests import conftest
from tests.chat.clients import say, visitor

TOKEN = "metrics-token-0123456789abcdef"
MARKER = "MARKER-metrics-appelboom"


async def test_metrics_off_without_a_token(server: str) -> None:
    async with aiohttp.ClientSession() as http, http.get(server + "/metrics",
                                                         headers={"Authorization": f"Bearer {TOKEN}"}) as response:
        assert response.status == 404


@pytest.fixture
def metrics_env(settings_env: dict[str, str]) -> dict[str, str]:
    settings_env["HELPLINE_METRICS_TOKEN"] = TOKEN
    return settings_env


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


async def test_metrics_with_a_token(metrics_env: dict[str, str], server: str, make_user: Callable[..., Any],
                                    redis_url: str) -> None:
    make_user("cor", languages=["nl"])
    client = aioredis.Redis.from_url(redis_url)
    await client.lpush(keys.TRIAGE_LAG, *[100, 200, 300, 4000])
    await client.aclose()
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    assert await say(kid, f"help {MARKER}")
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": TOKEN},
                        {"Authorization": f"Basic {TOKEN}"}):
            async with http.get(server + "/metrics", headers=headers) as response:
                assert response.status == 401, headers
                assert response.headers["WWW-Authenticate"].startswith("Bearer")
        # The queue view refreshes from Redis within a moment; scrape until the waiting visitor shows.
        for _ in range(50):
            async with http.get(server + "/metrics", headers={"Authorization": f"Bearer {TOKEN}"}) as response:
                assert response.status == 200
                assert response.headers["Content-Type"].startswith("text/plain")
                text = await response.text()
            samples = _samples(text)
            if samples[("helpline_queue_waiting", (("queue", "youth"),))] == 1:
                break
            await asyncio.sleep(0.1)
    assert samples[("helpline_queue_waiting", (("queue", "youth"),))] == 1
    assert samples[("helpline_queue_waiting", (("queue", "crisis"),))] == 0
    assert samples[("helpline_queue_waiting_by_urgency", (("urgency", "normal"),))] == 1
    assert samples[("helpline_queue_longest_wait_seconds", (("queue", "youth"),))] >= 0
    assert samples[("helpline_conversations_active", ())] == 0
    assert samples[("helpline_conversations_started_last_hour", ())] == 1
    assert samples[("helpline_redis_up", ())] == 1
    assert samples[("helpline_redis_ping_seconds", ())] > 0
    assert samples[("helpline_triage_lag_seconds", (("quantile", "0.5"),))] in {0.2, 0.3}
    assert samples[("helpline_triage_lag_seconds", (("quantile", "0.99"),))] == 4.0
    assert samples[("helpline_process_sockets", (("kind", "visitor"),))] == 1
    assert ("helpline_triage_backlog", (("stream", "all"),)) in samples
    assert ("process_resident_memory_bytes", ()) in samples or ("process_cpu_seconds_total", ()) in samples
    # Numbers only: no message, no conversation id, no name.
    assert MARKER not in text and cid not in text and "cor" not in text.replace("counsellor", "")
    await kid.close()


def test_metrics_token_must_be_long_enough(tmp_path: Any, redis_url: str) -> None:
    with pytest.raises(SystemExit):
        Settings.from_env(conftest.test_env(tmp_path, redis_url, HELPLINE_METRICS_TOKEN="short"))
    assert Settings.from_env(conftest.test_env(tmp_path, redis_url, HELPLINE_METRICS_TOKEN=TOKEN)).metrics_token == TOKEN


def test_json_logs(tmp_path: Any, redis_url: str) -> None:
    with pytest.raises(SystemExit):
        Settings.from_env(conftest.test_env(tmp_path, redis_url, HELPLINE_LOG_FORMAT="xml"))
    assert Settings.from_env(conftest.test_env(tmp_path, redis_url, HELPLINE_LOG_FORMAT="JSON")).log_format == "json"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("test.jsonlogs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("queue loop slow: %d ms", 250)
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("tick failed")
    finally:
        logger.removeHandler(handler)
    first, second = (orjson.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{"))
    assert first["level"] == "WARNING" and first["logger"] == "test.jsonlogs"
    assert first["msg"] == "queue loop slow: 250 ms" and first["ts"].endswith("+00:00")
    assert second["msg"] == "tick failed" and "ValueError: boom" in second["exc"]
