"""The return code in the widget (docs/ui.md, "Return code"), on a 390x844 phone: shown large and in
groups once the conversation exists, copied with one tap, typed back sloppily in a fresh browser; a
wrong code and the guessing limit get a clear, neutral message."""

from __future__ import annotations

import re
import time

import redis
from playwright.sync_api import expect

from chat import keys
from tests.ui.test_issue13 import assert_no_serious
from tests.ui.test_pages import send_visitor, start_chat, visitor

GROUPED = re.compile(r"[0-9A-Z]{5} [0-9A-Z]{5} [0-9A-Z]{5}")


def test_the_return_code_is_shown_copied_and_brings_the_visitor_back(open_page, server, redis_url, shot) -> None:
    v = visitor(open_page, server)
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    start_chat(v, "self")
    # Nothing to come back to before the first message: no code yet.
    expect(v.locator("#rc-box")).to_be_hidden()
    send_visitor(v, "Ik wil niet dat iemand dit ziet")
    box = v.locator("#rc-box")
    expect(box).to_be_visible()
    code = v.locator("#rc-value [aria-hidden]").inner_text().strip()
    assert GROUPED.fullmatch(code), code
    assert_no_serious(v)
    expect(box).to_contain_text("enige manier om later terug te komen")
    # Large enough to copy by hand on a phone, and fully on screen.
    size = v.locator("#rc-value").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 24, size
    rect = v.locator("#rc-value").bounding_box()
    assert rect is not None and rect["x"] >= 0 and rect["x"] + rect["width"] <= 390
    v.locator("#rc-copy").click()
    expect(v.locator("#rc-copied")).to_have_text("Gekopieerd.")
    assert v.evaluate("navigator.clipboard.readText()") == code
    shot(v, "widget-return-code-phone")
    v.close()

    # A fresh browser; the code typed back in lower case, with dashes, O for 0.
    v2 = visitor(open_page, server)
    v2.click("#return-box summary")
    v2.fill("#return-code", code.lower().replace(" ", "-").replace("0", "o"))
    v2.click("#return-form button[type=submit]")
    expect(v2.locator(".msg.visitor .text").first).to_have_text("Ik wil niet dat iemand dit ziet")
    expect(v2.locator("#rc-value [aria-hidden]")).to_have_text(code)
    # A reload resumes with the fresh resume token the code brought (the code is not sent again).
    v2.reload()
    expect(v2.locator(".msg.visitor .text").first).to_have_text("Ik wil niet dat iemand dit ziet")

    # A wrong code: a clear message on the start page.
    v3 = visitor(open_page, server)
    v3.click("#return-box summary")
    v3.fill("#return-code", "AAAAA BBBBB CCCCC")
    v3.click("#return-form button[type=submit]")
    expect(v3.locator("#return-error")).to_have_text("Deze code kennen we niet. Controleer of je hem goed hebt overgenomen.")
    expect(v3.locator("#view-start")).to_be_visible()

    # The helpline-wide limit of wrong codes reached (this minute and the next): a wrong code gets a
    # neutral "try again in a minute"; the right one still opens (a guesser cannot keep visitors out).
    r = redis.Redis.from_url(redis_url)
    window = int(time.time() // 60)
    for w in (window, window + 1):
        r.set(keys.return_code_tries(w), 10_000, ex=120)
    v3.fill("#return-code", "AAAAA BBBBB CCCCD")
    v3.click("#return-form button[type=submit]")
    expect(v3.locator("#return-error")).to_have_text(
        "Het lukt nu even niet om codes te controleren. Probeer het over een minuut opnieuw.")
    shot(v3, "widget-return-code-wait-phone")
    # The code moves the conversation to this page: the page still open with it (v2, another device
    # perhaps in someone else's hands) is cut off and cleared, back to the start.
    v3.fill("#return-code", code)
    v3.click("#return-form button[type=submit]")
    expect(v3.locator(".msg.visitor .text").first).to_have_text("Ik wil niet dat iemand dit ziet")
    expect(v2.locator("#view-start")).to_be_visible()
    expect(v2.locator(".msg.visitor")).to_have_count(0)
    shot(v2, "widget-return-code-moved-away-phone")
    for w in (window, window + 1):
        r.delete(keys.return_code_tries(w))
