"""The counsellor console at 1440x900: in an acute conversation the acute protocol comes first in the side
column, above "Browser blokkeren" and the other context (a counsellor in an acute chat needs it at the top)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.ui.test_pages import chat_pair

DESKTOP = {"width": 1440, "height": 900}


def _side_order(c: Page, cid: str) -> list[str]:
    return c.locator(f"#panel-{cid} .side > section.box").evaluate_all(
        "els => els.map((e) => e.classList.contains('acute-protocol') ? 'acute' : e.classList.contains('context') ? 'context' : 'other')")


def test_acute_protocol_is_above_blocking(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik durf het bijna niet te zeggen")
    c.set_viewport_size(DESKTOP)
    panel = c.locator(f"#panel-{cid}")
    box = panel.locator(".acute-protocol")
    box.get_by_role("button", name=re.compile("Markeer als acuut")).click()
    expect(box).to_have_class(re.compile(r"\bon\b"))
    expect(panel.locator(".box.context details.block")).to_have_count(1)
    order = _side_order(c, cid)
    assert order.index("acute") < order.index("context"), order
    top_acute = box.bounding_box()
    top_block = panel.locator(".box.context details.block").bounding_box()
    assert top_acute is not None and top_block is not None and top_acute["y"] < top_block["y"]
    shot(c, "console-acute-above-blocking")
    # The same after a reload (the panel is built again from the server's CONVERSATION).
    c.reload()
    expect(c.locator(f"#panel-{cid} .acute-protocol")).to_have_class(re.compile(r"\bon\b"))
    expect(c.locator(f"#panel-{cid} .box.context details.block")).to_have_count(1)
    order = _side_order(c, cid)
    assert order.index("acute") < order.index("context"), order
