"""Queue views (chat/queue_view.py): what counsellors and supervisors are sent, and how much."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import redis.asyncio as aioredis

from chat.crypto import Vault
from chat.queue_view import VIEW_MAX
from chat.store import ConversationStore
from tests.chat.clients import counsellor, login, stored_conversation
from tests.conftest import PASSWORD


async def test_queue_and_board_list_at_most_view_max_plus_the_totals(
    server: str, make_user: Callable[..., Any], redis_url: str
) -> None:
    make_user("xander")
    make_user("yara", role="supervisor")
    client = aioredis.Redis.from_url(redis_url)
    try:
        store = ConversationStore(client, Vault(os.urandom(32)))
        for n in range(VIEW_MAX + 15):
            cid, _ = await stored_conversation(store)
            await store.append(cid, "visitor", f"bericht {n}", "c1")
    finally:
        await client.aclose()
    total = VIEW_MAX + 15
    staff = await counsellor(server, await login(server, "xander", PASSWORD))
    queue = await staff.wait_for("queue", lambda q: q["total"] == total)
    assert len(queue["waiting"]) == VIEW_MAX
    boss = await counsellor(server, await login(server, "yara", PASSWORD), namespace="/supervisor")
    board = await boss.wait_for("board", lambda b: b["waiting"] == total)
    assert len(board["queue"]) == VIEW_MAX
