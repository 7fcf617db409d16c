"""Under a burst, Redis commands wait for a free connection instead of failing (chat/app.py, issue 9)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError

from chat.config import Settings
from chat.redis_client import redis_client
from tests import conftest


async def _burst(client: aioredis.Redis, n: int) -> list[object]:
    # BLPOP on an empty key holds its connection for 0.1 s: many at once need more connections than the pool has.
    return await asyncio.gather(*(client.blpop([f"hl:test:empty:{i}"], timeout=0.1) for i in range(n)),
                                return_exceptions=True)


async def test_a_burst_larger_than_the_pool_waits_and_succeeds(tmp_path: Path, redis_url: str) -> None:
    settings = Settings.from_env(conftest.test_env(tmp_path, redis_url, HELPLINE_REDIS_POOL="5"))
    client = redis_client(settings, redis_url)
    try:
        results = await _burst(client, 60)
        assert results == [None] * 60  # every command answered (empty list: None), none failed
        assert await client.ping()
    finally:
        await client.aclose()


async def test_the_default_pool_would_have_failed(redis_url: str) -> None:
    client = aioredis.Redis.from_url(redis_url, max_connections=5)
    try:
        results = await _burst(client, 60)
        with pytest.raises(RedisConnectionError):
            raise next(r for r in results if isinstance(r, Exception))
    finally:
        await client.aclose()
