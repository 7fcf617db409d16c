"""A flood of new conversations in a real browser (docs/ui.md, "Flood of new conversations"): past the
per-minute cap a real visitor's first message goes through like any other, the console marks the flood
conversations with a small chip and shows a banner over the queue; the visitor's widget shows a normal queue."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import socketio
from playwright.sync_api import Page, expect

from tests.chat.test_flood import fill_minutes
from tests.conftest import PASSWORD
from tests.ui.test_pages import conversation_id, login, send_visitor, start_chat

DESKTOP = {"width": 1440, "height": 900}


def _fake(url: str, text: str, refused: bool = False) -> str:
    """A script's conversation: one first message over a plain Socket.IO client (`refused`: `busy`)."""
    client = socketio.Client(reconnection=False)
    client.connect(url, namespaces=["/visitor"], auth={}, transports=["polling"], wait_timeout=10)
    try:
        ack = client.call("message", {"text": text, "client_id": "m1"}, namespace="/visitor", timeout=10)
        if refused:
            assert ack["error"] == "busy", ack
            return ""
        assert set(ack) == {"id", "seq"}, ack
        return str(ack["id"]).split(":")[0]
    finally:
        client.disconnect()


def test_flood_conversations_are_marked_and_the_team_sees_a_banner(
    open_page: Callable[..., Page], server_process: Callable[..., Any], make_user: Callable[..., Any], shot: Any,
    redis_url: str,
) -> None:
    url = server_process(HELPLINE_MAX_NEW_PER_MINUTE="2", HELPLINE_MAX_FLOOD_PER_MINUTE="3").url
    make_user("floor", PASSWORD)
    c = open_page(f"{url}/console")
    c.set_viewport_size(DESKTOP)
    login(c, "floor", PASSWORD)
    expect(c.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
    v = open_page(f"{url}/", phone=True)
    start_chat(v, "self")
    fakes = [_fake(url, "test test 123"), _fake(url, "aaaaaaaa")]  # the cap, filled by a script
    fill_minutes(redis_url, 2)  # past the cap from here on, whenever the minute turns
    send_visitor(v, "Ik ben 15 en ik mag niet weg bij mijn baas. Kan iemand me helpen?")
    real = conversation_id(v)
    fakes += [_fake(url, "spam spam"), _fake(url, "hallo??")]

    queue = c.locator("#queue .q-item")
    expect(queue).to_have_count(5, timeout=15_000)
    ids = queue.evaluate_all("els => els.map((e) => e.dataset.id)")
    assert ids == [fakes[0], fakes[1], real, fakes[2], fakes[3]], (ids, fakes, real)  # under the cap first, then by age
    marked = queue.evaluate_all("els => els.map((e) => !!e.querySelector('.chip.flood'))")
    assert marked == [False, False, True, True, True]
    chip = c.locator(f'.q-item[data-id="{real}"] .chip.flood')
    expect(chip).to_have_text(re.compile("stormloop"))
    assert "echte bezoeker" in (chip.get_attribute("title") or "")
    banner = c.locator("#flood-banner")
    expect(banner).to_be_visible()
    # The count sums the last five minutes' counters, which fill_minutes pre-fills: a turning minute adds to it.
    expect(banner).to_contain_text(re.compile(r"Stormloop van nieuwe gesprekken: (?:[3-9]|\d{2,}) boven de limiet"))
    expect(banner).not_to_contain_text("probeer het zo opnieuw")  # nobody refused
    shot(c, "console-flood-banner-nl")
    # Past the ceiling as well (HELPLINE_MAX_FLOOD_PER_MINUTE): `busy`, and the banner says so.
    fill_minutes(redis_url, 2 + 3)
    _fake(url, "nog meer spam", refused=True)
    expect(banner).to_contain_text("nieuwe bezoekers kregen ‘druk, probeer het zo opnieuw’", timeout=15_000)
    expect(queue).to_have_count(5)
    shot(c, "console-flood-banner-refused-nl")

    # The visitor sees an ordinary queue: a place in it, nothing about a flood.
    expect(v.locator("#status")).to_contain_text(re.compile(r"nummer \d+ in de rij"))
    assert not re.search("stormloop|flood|verdacht|suspicious", v.locator("body").inner_text(), re.I)
    shot(v, "widget-queued-during-flood")

    # English and French for the team.
    c.select_option("#lang", "en")
    expect(banner).to_contain_text(re.compile(r"Flood of new conversations: (?:[3-9]|\d{2,}) came in above the limit"))
    expect(chip).to_have_text(re.compile("flood"))
    c.select_option("#lang", "fr")
    expect(banner).to_contain_text(re.compile(r"Afflux de nouvelles conversations : (?:[3-9]|\d{2,}) arrivées"))
    c.select_option("#lang", "nl")

    # Taken like any other: the real visitor's first message is there.
    c.locator(f'.q-item[data-id="{real}"] button.claim').click()
    expect(c.locator(f"#panel-{real} .m.visitor .text").first).to_have_text(
        "Ik ben 15 en ik mag niet weg bij mijn baas. Kan iemand me helpen?")
