"""Helpline content that admins edit: canned responses and the referral directory. Kept in Redis as
JSON lists; until an admin saves one, the defaults shipped in chat/defaults/ apply."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import orjson
from redis.asyncio import Redis

from chat import keys

CANNED = (keys.CANNED, "canned.json")
DIRECTORY = (keys.DIRECTORY, "directory.json")


def _default(name: str) -> list[Any]:
    data: list[Any] = json.loads(resources.files("chat.defaults").joinpath(name).read_text("utf-8"))
    return data


class ContentStore:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def get(self, which: tuple[str, str]) -> list[Any]:
        key, default_file = which
        raw = await self.redis.get(key)
        if raw:
            value: list[Any] = orjson.loads(raw)
            return value
        return _default(default_file)

    async def put(self, which: tuple[str, str], items: list[Any]) -> None:
        await self.redis.set(which[0], orjson.dumps(items))
