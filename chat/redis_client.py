"""The one way this server opens Redis: a bounded pool that waits for a free connection, reaching the
master either at REDIS_URL (or the embedded Redis) or through Redis Sentinel (docs/operations.md,
"High availability").
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool
from socketio.redis_manager import parse_redis_sentinel_url

from chat.config import Settings

SENTINEL_SCHEME = "redis+sentinel://"
# Sentinels answer at once or not at all: a dead one must not hold up the search for the master.
SENTINEL_SOCKET_TIMEOUT_S = 1.0


class BlockingSentinelConnectionPool(SentinelConnectionPool, aioredis.BlockingConnectionPool):
    """Sentinel's pool (asks the sentinels for the master before each new connection, and drops the
    connections to a demoted one) with BlockingConnectionPool's bounded wait for a free connection.
    The two only meet in ConnectionPool: Sentinel overrides connecting, Blocking overrides get/release."""


def redis_client(settings: Settings, redis_url: str) -> aioredis.Redis:
    """A bounded pool that waits for a free connection rather than failing under a burst."""
    pool_options: dict[str, Any] = {
        "max_connections": settings.redis_pool_size,
        "timeout": settings.redis_pool_timeout_s,
        "health_check_interval": 30,
    }
    if redis_url.startswith(SENTINEL_SCHEME):
        sentinels, master, connection_options = parse_redis_sentinel_url(redis_url)
        sentinel = Sentinel(  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
            sentinels,
            sentinel_kwargs={"socket_timeout": SENTINEL_SOCKET_TIMEOUT_S,
                             "socket_connect_timeout": SENTINEL_SOCKET_TIMEOUT_S},
            **connection_options,
        )
        client: aioredis.Redis = sentinel.master_for(
            master or "helpline", connection_pool_class=BlockingSentinelConnectionPool, **pool_options
        )
        return client
    pool = aioredis.BlockingConnectionPool.from_url(redis_url, **pool_options)
    return aioredis.Redis.from_pool(pool)
