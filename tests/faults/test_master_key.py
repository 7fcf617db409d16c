"""A missing or changed master key (chat/store.py, check_master_key): the server refuses to start with a
clear message instead of serving data it cannot read."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from tests.chat.clients import say, visitor
from tests.conftest import ServerProcess


async def test_a_server_with_another_master_key_refuses_to_start(
    server_process: Callable[..., ServerProcess],
) -> None:
    first = server_process()
    kid, _ = await visitor(first.url)
    await say(kid, "bewaar dit")
    await kid.close()
    first.stop()

    other_key = base64.urlsafe_b64encode(b"o" * 32).decode()
    with pytest.raises(RuntimeError) as refused:
        server_process(HELPLINE_MASTER_KEY=other_key)
    assert "refusing to start" in str(refused.value) and "different master key" in str(refused.value)
    assert "Traceback" not in str(refused.value)

    again = server_process()  # the right key still works, and the data is intact
    kid, _ = await visitor(again.url)
    assert (await say(kid, "nog steeds hier"))["seq"] == 1
