"""Browser tests of acute danger (docs/ui.md, "Acute danger"): the console's acute protocol checklist, the
supervisor's acute alert (visual, with the shipped sound and its honest switch) and its escalation, a
safe word that the visitor does not see, and "Kan nu niet praten" on a 390×844 phone."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable

import pytest
import redis
from playwright.sync_api import Page, expect

from tests.conftest import ServerProcess
from tests.ui.test_issue13 import AXE, assert_no_serious, desktop
from tests.ui.test_pages import (
    chat_pair,
    claim,
    console,
    conversation_id,
    login,
    send_counsellor,
    send_visitor,
    start_chat,
    visitor,
)

SAFE_WORD = "rode ballon"


def no_serious_axe_findings(page: Page) -> None:
    """axe-core finds nothing serious (when installed: without it the rest of the test still runs)."""
    if AXE.exists():
        assert_no_serious(page)


@pytest.fixture
def live_server(server_process: Callable[..., ServerProcess], redis_url: str) -> str:
    """This module's server: safe words set, escalation after 4 s (triage off: not needed here)."""
    client = redis.Redis.from_url(redis_url)
    client.set("hl:safewords", json.dumps({"nl": [SAFE_WORD]}))
    client.close()
    return server_process(HELPLINE_ACUTE_ESCALATE_S="4").url


def test_console_acute_protocol_is_recorded(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik durf het bijna niet te zeggen")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    box = panel.locator(".acute-protocol")
    expect(box.locator(".steps")).to_have_count(0)
    box.get_by_role("button", name=re.compile("Markeer als acuut")).click()
    expect(box).to_have_class(re.compile(r"\bon\b"))
    steps = box.locator(".step")
    expect(steps).to_have_count(4)
    expect(steps.nth(1)).to_contain_text("112NL")
    expect(box.locator(".why")).to_contain_text("door hulpverlener gemarkeerd")
    expect(panel.locator(".facts .chip.acute")).to_contain_text("acuut")
    steps.nth(0).locator("input[type=checkbox]").check()
    code = steps.nth(3)
    code.locator(".remark").fill("pizza")
    code.locator("input[type=checkbox]").check()
    expect(code).to_have_class(re.compile(r"\bdone\b"))
    expect(code).to_contain_text("pizza")
    expect(code.locator("input[type=checkbox]")).to_be_disabled()
    # In the internal record, as notes.
    expect(panel.locator(".note-list li").filter(has_text="Acuut protocol ✓ Spreek een codewoord af")).to_contain_text("pizza")
    shot(c, "acute-console-protocol")
    no_serious_axe_findings(c)
    # After a reload the ticks are still there (they are notes on the server).
    c.reload()
    expect(c.locator(f"#panel-{cid} .acute-protocol .step.done")).to_have_count(2)
    expect(c.locator(f"#panel-{cid} .acute-protocol .step").nth(2).locator("input[type=checkbox]")).to_be_enabled()
    # The visitor sees none of it.
    expect(v.locator(".msg")).to_have_count(1)
    expect(v.locator("#danger-now")).to_be_hidden()


def test_supervisor_is_alerted_and_again_at_escalation(open_page, server, user, shot) -> None:
    s = desktop(open_page(f"{server}/supervisor"))
    # Before any click the page says plainly that the browser will not play sound yet.
    expect(s.locator("#sound-state")).to_contain_text("klik")
    login(s, *user("supervisor"))
    expect(s.locator("#view-board")).to_be_visible()
    expect(s.locator("#sound-state")).to_be_hidden()  # logging in was a click: sound may play now
    with urllib.request.urlopen(f"{server}/static/acute.wav", timeout=10) as r:
        assert r.status == 200 and r.read(4) == b"RIFF"
    c = desktop(console(open_page, server, user))

    v = visitor(open_page, server)
    start_chat(v, "self")
    send_visitor(v, "Hoi, ik wil vragen of jullie een rode ballon hebben")
    cid = conversation_id(v)
    alert = s.locator(f'.acute-alert[data-id="{cid}"]')
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("codewoord gebruikt")
    expect(alert).not_to_contain_text("GEËSCALEERD")
    expect(s.locator(".stat.acute")).to_be_visible()
    shot(s, "acute-supervisor-alert")
    no_serious_axe_findings(s)
    card = c.locator(f'.q-item[data-id="{cid}"]')
    expect(card).to_have_class(re.compile("urg-acute"))
    expect(card).to_contain_text("codewoord gebruikt")
    # The visitor sees nothing different: no danger box, no system message.
    expect(v.locator("#danger-now")).to_be_hidden()
    expect(v.locator(".msg")).to_have_count(1)

    # Nobody takes it for 4 s: escalated, the supervisor is alerted again, every counsellor is told.
    expect(alert).to_contain_text("GEËSCALEERD", timeout=15_000)
    expect(alert).to_have_class(re.compile(r"\bescalated\b"))
    expect(card).to_contain_text("geëscaleerd")
    expect(c.locator(".toast.acute").filter(has_text="wacht al te lang")).to_be_visible()
    shot(s, "acute-supervisor-escalated")
    shot(c, "acute-console-escalated")
    expect(s.locator("#sound-state")).to_be_hidden()  # the sound played (or the page would say it was blocked)

    # Taken: the alert stays (it is still acute) and names the counsellor; the safe word reason follows it.
    claim(c, cid)
    expect(c.locator(f"#panel-{cid} .acute-protocol .why").first).to_contain_text("codewoord gebruikt")
    expect(alert).to_contain_text(re.compile(r"bij \w+"), timeout=10_000)
    # Dismissable.
    alert.get_by_role("button", name="Melding sluiten").click()
    expect(alert).to_have_count(0)


def test_cant_talk_now_on_a_phone(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik zit in de klas, ik kan zo misschien niet verder")
    desktop(c)
    send_counsellor(c, cid, "Ik ben er. Als je niet kunt praten, tik op ‘Kan nu niet praten’.")
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    button = v.get_by_role("button", name="Kan nu niet praten")
    expect(button).to_be_visible()
    shot(v, "acute-widget-cant-talk-button")
    no_serious_axe_findings(v)
    button.click()

    neutral = v.locator("#neutral")
    expect(neutral).to_be_visible()
    expect(v.locator("#view-chat")).to_be_hidden()
    expect(v.locator("header.bar")).to_be_hidden()
    expect(v).to_have_title("Rekenmachine")
    assert "chat" not in v.locator("body").inner_text().lower()
    for key in ("7", "×", "6", "="):
        neutral.get_by_role("button", name=key, exact=True).click()
    expect(neutral.locator(".calc-display")).to_have_text("42")
    shot(v, "acute-widget-neutral-screen")
    no_serious_axe_findings(v)

    # The counsellor is told, and writes on; nothing is lost.
    banner = c.locator(f"#panel-{cid} .cant-talk")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("kan nu niet praten")
    shot(c, "acute-console-cant-talk")
    send_counsellor(c, cid, "Geen haast. Ik wacht hier op je.")
    # A reload while hidden stays hidden.
    v.reload()
    expect(v.locator("#neutral")).to_be_visible()
    expect(v.locator("#view-chat")).to_be_hidden()

    v.get_by_role("button", name=re.compile("Rekenmachine")).click()
    expect(v.locator("#view-chat")).to_be_visible()
    expect(v.locator("#neutral")).to_be_hidden()
    expect(v.locator(".msg.counsellor .text")).to_have_text(
        ["Ik ben er. Als je niet kunt praten, tik op ‘Kan nu niet praten’.", "Geen haast. Ik wacht hier op je."])
    expect(banner).to_be_hidden()
    shot(v, "acute-widget-back")
    # The widget fits the phone: no horizontal scrolling.
    assert v.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
