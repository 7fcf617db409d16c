"""Browser tests of issue 12's continuity parts (docs/ui.md): blocking a browser (widget notice, console,
supervisor list), coming back with a personal code (consent in the widget, summary in the console) and
the professional consult line at /pro. The widget runs on a 390x844 phone, the console at 1440x900."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.ui.test_pages import (
    chat_pair,
    claim,
    console,
    conversation_id,
    login,
    send_visitor,
    start_chat,
    visitor,
)

DESKTOP = {"width": 1440, "height": 900}
SUMMARY_WAIT_MS = 60_000  # the server's first redaction loads its models


def test_blocking_a_browser_shows_a_neutral_notice_and_supervisors_lift_it(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik ga jullie uitschelden")
    c.set_viewport_size(DESKTOP)
    # The widget made a random device token and keeps it in localStorage.
    token = v.evaluate("localStorage.getItem('hl.d')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)

    panel = c.locator(f"#panel-{cid}")
    block = panel.locator(".box.context details.block")
    block.locator("summary").click()
    block.locator(".block-duration").select_option("1h")
    block.locator(".block-reason").select_option("abusive_language")
    block.locator("button[type=submit]").click()
    expect(block.locator("button[type=submit]")).to_have_text("Zeker weten? Klik nogmaals")
    block.locator("button[type=submit]").click()
    expect(panel.locator(".blocked-note")).to_contain_text("geblokkeerd tot")
    expect(panel.locator(".banner")).to_contain_text("Misbruik van de chat")
    shot(c, "console-blocked")

    # The visitor sees a neutral notice with other ways to get help, in Dutch first.
    expect(v.locator("#view-blocked")).to_be_visible()
    expect(v.locator("#blocked-title")).to_have_text("Chatten lukt nu niet")
    expect(v.locator("#blocked-help li").first).to_contain_text("112")
    expect(v.locator("#blocked-help")).to_contain_text("Kindertelefoon")
    assert "misbruik" not in v.locator("#view-blocked").inner_text().lower()
    shot(v, "widget-blocked-nl")
    v.select_option("#lang", "fr")
    expect(v.locator("#blocked-title")).to_have_text("Le chat n’est pas disponible pour le moment")
    expect(v.locator("#blocked-help")).to_contain_text("Écoute-Enfants")
    shot(v, "widget-blocked-fr")
    v.select_option("#lang", "nl")

    # A new conversation from the same browser is refused with the same notice.
    v.reload()
    start_chat(v, "self")
    expect(v.locator("#view-blocked")).to_be_visible()

    # A supervisor sees the block and lifts it.
    s = open_page(f"{server}/supervisor")
    s.set_viewport_size(DESKTOP)
    login(s, *user("supervisor"))
    s.click('#nav [data-view="blocks"]')
    row = s.locator("#blocks-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Schelden of intimideren")
    expect(row).to_contain_text("1 uur")
    expect(row).to_contain_text(cid[:8])
    expect(s.locator("#view-board")).to_be_hidden()
    shot(s, "supervisor-blocks")
    row.locator("button").click()
    row.locator("button").click()
    expect(s.locator("#blocks-table tbody tr")).to_have_count(0)
    expect(s.locator("#blocks-empty")).to_be_visible()
    s.click('#nav [data-view="board"]')
    expect(s.locator("#view-blocks")).to_be_hidden()

    # Welcome again.
    v.reload()
    start_chat(v, "self")
    send_visitor(v, "Sorry, ik heb echt een vraag")
    expect(v.locator("#view-blocked")).to_be_hidden()


def test_quick_exit_also_wipes_the_device_token(open_page, server) -> None:
    v = visitor(open_page, server, exit_url=f"{server}/healthz?gone")
    start_chat(v, "self")
    send_visitor(v, "hoi")
    assert v.evaluate("localStorage.getItem('hl.d')")
    v.click("#quick-exit")
    v.wait_for_url(re.compile(r"/healthz\?gone$"))
    assert v.evaluate("localStorage.length + sessionStorage.length") == 0


def close_with_note(c: Page, cid: str, note: str) -> None:
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    panel.locator(".outcome").select_option("follow_up_planned")
    panel.locator(".close-note").fill(note)
    panel.locator(".close-form button[type=submit]").click()
    expect(panel.locator(".banner")).to_contain_text("Vervolg afgesproken")


def test_coming_back_with_a_personal_code(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Mijn vriend wil dat ik pakketjes rondbreng")
    c.set_viewport_size(DESKTOP)
    # Consent is asked, explained, and the code shown once.
    box = v.locator("#continuity-box")
    expect(box).to_be_visible()
    box.locator("summary").click()
    expect(v.locator("#pc-explain")).to_contain_text("30 dagen")
    shot(v, "widget-continuity-offer")
    v.click("#pc-yes")
    expect(v.locator("#pc-code")).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"))
    code = v.locator("#pc-code").inner_text()
    expect(v.locator("#pc-linked")).to_be_visible()
    v.locator("#pc-code-box").scroll_into_view_if_needed()
    shot(v, "widget-continuity-code")
    assert code.replace("-", "") not in v.evaluate("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)")
    expect(c.locator(f"#panel-{cid} .box.context .earlier")).to_contain_text("nog geen eerdere gesprekken")
    close_with_note(c, cid, "Noor uit Almere, 16. Afspraak: ze belt na de zomervakantie terug.")

    # Later: a new conversation opened with the code.
    v.click("#new-chat-2")
    v.locator("#pc-box summary").click()
    shot(v, "widget-continuity-enter-code")
    v.fill("#pc-input", code.lower().replace("-", " "))
    v.click("#pc-form button[type=submit]")
    send_visitor(v, "Ik ben het weer, van de pakketjes")
    second = conversation_id(v)
    assert second != cid
    claim(c, second)
    earlier = c.locator(f"#panel-{second} .box.context .earlier")
    expect(earlier.locator(".earlier-list li")).to_have_count(1, timeout=SUMMARY_WAIT_MS)
    expect(earlier).to_contain_text("Vervolg afgesproken")
    expect(earlier.locator(".note")).to_contain_text("zomervakantie")
    assert "Noor" not in earlier.inner_text() and "Almere" not in earlier.inner_text()
    shot(c, "console-earlier-contacts")

    # The visitor sees the conversation is linked and revokes it; the counsellor sees that at once.
    v.locator("#continuity-box summary").click()
    expect(v.locator("#pc-linked")).to_be_visible()
    v.click("#pc-revoke")
    expect(v.locator("#pc-revoked")).to_be_visible()
    shot(v, "widget-continuity-revoked")
    expect(earlier).to_contain_text("ingetrokken")
    expect(earlier.locator(".earlier-list")).to_have_count(0)


def test_a_wrong_personal_code_is_explained(open_page, server) -> None:
    v = visitor(open_page, server)
    v.locator("#pc-box summary").click()
    v.fill("#pc-input", "ABCD-EFGH-JKMN-PQRS")
    v.click("#pc-form button[type=submit]")
    expect(v.locator("#pc-bad")).to_be_visible()
    expect(v.locator("#view-start")).to_be_visible()


def test_professional_consult_line(open_page, server, user, shot) -> None:
    c = console(open_page, server, user)
    c.set_viewport_size(DESKTOP)
    p = open_page(f"{server}/pro", phone=True)
    expect(p.locator("#start-title")).to_have_text("Overleg over een jongere, anoniem")
    expect(p.locator(".brand")).to_have_text("Consultatielijn professionals")
    expect(p.locator(".about")).to_be_hidden()
    expect(p.locator("#pc-box")).to_be_hidden()
    expect(p.locator("#pro-form")).to_contain_text("Noem geen naam")
    expect(p.locator("#pro-org option")).to_have_count(9)
    shot(p, "widget-pro-start")
    p.select_option("#pro-org", "school")
    p.select_option("#pro-question", "signals")
    p.click("#pro-form button[type=submit]")
    expect(p.locator("#view-chat")).to_be_visible()
    send_visitor(p, "Een leerling heeft opeens dure kleren en een veel oudere vriend.")
    cid = conversation_id(p)
    claim(c, cid)
    panel = c.locator(f"#panel-{cid}")
    expect(panel.locator(".facts")).to_contain_text("professionals")
    consult = panel.locator(".box.context .consult")
    expect(consult).to_contain_text("School of onderwijs")
    expect(consult).to_contain_text("Signalen duiden")
    shot(c, "console-pro-consult")
    p.select_option("#lang", "en")
    expect(p.locator(".brand")).to_have_text("Consult line for professionals")
    shot(p, "widget-pro-chat-en")


def test_young_peoples_widget_is_unchanged_by_the_consult_line(open_page: Callable[..., Page], server: str) -> None:
    v = visitor(open_page, server)
    expect(v.locator(".about")).to_be_visible()
    expect(v.locator("#pro-form")).to_be_hidden()
    expect(v.locator("#start-title")).to_have_text("Je kunt hier anoniem chatten")
