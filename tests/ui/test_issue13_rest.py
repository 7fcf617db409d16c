"""Browser tests for the rest of issue 13: the visitor's presence in the console, canned responses by
"/", the supervisor's team list and assigning, transcripts with notes and whispers and the key figures,
safe links in the widget, the widget's first screen and the offline screen naming 112 once. Widget on a
phone (390×844), console and supervisor view on a desktop (1440×900); axe-core as in test_issue13.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
import urllib.request
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.ui.test_issue13 import assert_no_serious, desktop
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

REDACTION = importlib.util.find_spec("triage.redaction") is not None


def new_waiting(open_page: Callable[..., Page], server: str, text: str) -> tuple[Page, str]:
    v = visitor(open_page, server)
    start_chat(v)
    send_visitor(v, text)
    return v, conversation_id(v)


# ---------------------------------------------------------------------------------------------
# 1. Presence
# ---------------------------------------------------------------------------------------------
def test_queue_cards_and_tabs_show_whether_the_visitor_is_still_there(open_page, server, user, shot) -> None:
    c = desktop(console(open_page, server, user))
    v1, gone = new_waiting(open_page, server, "Ik wacht hier, is er iemand?")
    v2, stays = new_waiting(open_page, server, "Hallo, ik ben er nog")
    card = c.locator(f'.q-item[data-id="{gone}"]')
    expect(card.locator(".presence")).to_contain_text("verbonden", timeout=15_000)
    v1.context.close()  # the visitor shuts the browser
    expect(card.locator(".presence")).to_contain_text("weg", timeout=20_000)
    expect(card.locator(".presence")).to_have_class(re.compile(r"\bgone\b"))
    expect(c.locator(f'.q-item[data-id="{stays}"] .presence')).to_contain_text("verbonden")
    shot(c, "console-presence-queue")
    # An active conversation: the header and the tab follow the visitor's socket at once.
    claim(c, stays)
    panel = c.locator(f"#panel-{stays}")
    expect(panel.locator(".facts .presence")).to_contain_text("verbonden")
    v2.context.close()
    expect(panel.locator(".facts .presence")).to_contain_text(re.compile(r"weg · (zojuist|\d+ min geleden)"))
    expect(c.locator(f"#tab-{stays} .presence")).to_contain_text("weg")
    shot(c, "console-presence-tab")
    assert_no_serious(c)


# ---------------------------------------------------------------------------------------------
# 2. Canned responses by "/"
# ---------------------------------------------------------------------------------------------
def test_slash_opens_canned_responses_with_search_preview_and_keys(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik weet niet of ik hier veilig ben")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    ta = panel.locator(".composer .text")
    pop = panel.locator(".slash-pop")
    ta.click()
    ta.press_sequentially("/")
    expect(pop).to_be_visible()
    options = pop.locator("[role=option]")
    # The conversation's language first: Dutch titles lead.
    expect(options.first).to_contain_text("Welkom")
    # Search by text, not only the title: "gevaar" is in the text of "Veilig nu?".
    ta.press_sequentially("gevaar")
    expect(options).to_have_count(1)  # only the text of "Veilig nu?" has "gevaar"
    expect(options.first).to_contain_text("Veilig nu?")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(pop.locator(".slash-preview")).to_contain_text("bel dan 112")
    shot(c, "console-slash-canned")
    assert_no_serious(c)
    # Search by title; arrow keys move, Escape closes and leaves the text.
    ta.fill("")
    ta.press_sequentially("/schuld")
    expect(options.first).to_contain_text("Niet jouw schuld")
    ta.press("Escape")
    expect(pop).to_be_hidden()
    expect(ta).to_have_value("/schuld")
    # Enter puts the chosen text in place of "/words", and does not send it yet.
    ta.fill("Fijn dat je schrijft. ")
    ta.press("End")
    ta.press_sequentially("/we")
    expect(pop).to_be_visible()
    ta.press("ArrowDown")
    ta.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    ta.press("Enter")
    expect(pop).to_be_hidden()
    expect(ta).to_have_value(re.compile(r"^Fijn dat je schrijft\. Hoi, fijn dat je ons chat\."))
    expect(panel.locator(".m.counsellor")).to_have_count(0)
    # The next Enter sends, as always.
    ta.press("Enter")
    expect(panel.locator(".m.counsellor")).to_have_count(1)
    expect(v.locator(".msg.counsellor .text").first).to_contain_text("Hoi, fijn dat je ons chat.")


# ---------------------------------------------------------------------------------------------
# 3. Supervisor: the team, reading a waiting conversation and assigning it
# ---------------------------------------------------------------------------------------------
def api_json(server: str, path: str, token: str | None = None, body: dict | None = None) -> dict:
    req = urllib.request.Request(f"{server}{path}", data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=10) as r:
        return dict(json.loads(r.read()))


def test_supervisor_sees_the_team_reads_a_waiting_chat_and_assigns_it(open_page, server, user, shot) -> None:
    name, password = user("counsellor")
    c = desktop(open_page(f"{server}/console"))
    login(c, name, password)
    expect(c.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
    v, cid = new_waiting(open_page, server, "Ik ben 15 en hij houdt me hier vast, ik durf niet weg te gaan")
    s = desktop(open_page(f"{server}/supervisor"))
    sup = user("supervisor")
    login(s, *sup)
    member = s.locator(f'#team .member[data-name="{name}"]')
    expect(member).to_contain_text("online")
    expect(member).to_contain_text("0 van 3")
    row = s.locator("#wait-table tbody tr").filter(has_text=cid[:8])
    # What the visitor wrote can be read before anyone takes it.
    expect(row.locator(".preview")).to_contain_text("hij houdt me hier vast")
    shot(s, "supervisor-board-waiting")
    row.locator("button").click()
    dialog = s.locator("#assign-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".assign-preview")).to_have_text("Ik ben 15 en hij houdt me hier vast, ik durf niet weg te gaan")
    expect(dialog.locator("#assign-to option")).to_have_count(1)
    shot(s, "supervisor-assign-dialog")
    assert_no_serious(s)
    dialog.locator("button[type=submit]").click()
    expect(dialog.locator("#assign-status")).to_contain_text(f"Toegewezen aan {name}")
    # The counsellor has it open, with a notice saying who gave it; the visitor sees someone joined.
    expect(c.locator(f"#panel-{cid}")).to_be_attached(timeout=10_000)
    expect(c.locator(f"#panel-{cid} .m.visitor").first).to_contain_text("hij houdt me hier vast")
    expect(c.locator(".toast").filter(has_text="Supervisor")).to_contain_text(sup[0])
    expect(v.locator("#status")).to_contain_text(re.compile("hulpverlener", re.I))
    expect(member).to_contain_text("1 van 3")
    expect(dialog).to_be_hidden()
    expect(s.locator("#wait-table tbody tr").filter(has_text=cid[:8])).to_have_count(0)
    shot(s, "supervisor-team")
    # Recorded in the audit log: who assigned which conversation.
    admin_name, admin_pw = user("admin")
    token = api_json(server, "/api/login", body={"username": admin_name, "password": admin_pw})["token"]
    entries = api_json(server, "/api/admin/audit", token)["entries"]
    assert {"actor": sup[0], "action": "assign", "target": cid} in [
        {k: e[k] for k in ("actor", "action", "target")} for e in entries]
    # A counsellor who closes the console while holding a conversation shows as away.
    c.context.close()
    expect(member).to_contain_text("afwezig")
    expect(member).to_have_class(re.compile(r"\baway\b"))


def test_assign_refuses_an_offline_counsellor(open_page, server, user) -> None:
    """Only counsellors online can be given a conversation: the socket answers not_found otherwise."""
    v, cid = new_waiting(open_page, server, "Hallo, ik wacht")
    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    expect(s.locator("#wait-table tbody tr").filter(has_text=cid[:8])).to_be_visible()
    offline, _ = user("counsellor")
    s.locator("#wait-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    dialog = s.locator("#assign-dialog")
    expect(dialog).to_contain_text("Niemand online")
    expect(dialog.locator("button[type=submit]")).to_be_disabled()


# ---------------------------------------------------------------------------------------------
# 4. Supervisor: complete anonymised transcripts, public referral links, key figures
# ---------------------------------------------------------------------------------------------
@pytest.mark.skipif(not REDACTION, reason="triage.redaction is not installed")
def test_transcript_has_notes_whispers_referral_and_times_and_stats_have_key_figures(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik ben Sanne de Vries, bel me op 06-12345678")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    panel.locator(".note-text").fill("Sanne de Vries klinkt bang; vraag naar haar veiligheid")
    panel.locator(".note-form button[type=submit]").click()
    expect(panel.locator(".note-list li")).to_have_count(1)
    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    s.locator("#conv-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    s.fill("#whisper-text", "Vraag of Sanne nu alleen is")
    s.click("#whisper-form button[type=submit]")
    expect(c.locator(f"#panel-{cid} .m.whisper")).to_have_count(1)
    # The counsellor inserts a referral (name, phone, web address) and closes with it.
    panel.locator(".referral").select_option("politie-nl")
    panel.locator(".insert-referral").click()
    panel.locator(".composer .send").click()
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    panel.locator("details.close summary").click()
    panel.locator(".outcome").select_option("referred")
    panel.locator(".close-form button[type=submit]").click()
    expect(panel.locator(".banner")).to_contain_text("Vastgelegd")

    s.click('#nav [data-view="transcripts"]')
    row = s.locator("#tr-table tbody tr").filter(has=s.locator("td", has_text="Doorverwezen")).first
    for _ in range(20):
        if row.count():
            break
        time.sleep(0.5)
        s.click("#filters button[type=submit]")
    row.locator("button").click()
    log = s.locator("#transcript-log")
    for _ in range(30):
        if log.locator(".m.visitor").count():
            break
        time.sleep(0.5)
        row.locator("button").click()
    expect(log.locator(".m.visitor")).to_have_count(1)
    text = log.inner_text()
    assert "Sanne" not in text and "06-12345678" not in text, text  # still anonymised, notes and whispers too
    expect(log.locator(".m.note")).to_have_count(1)
    expect(log.locator(".m.note .text")).to_contain_text("[NAAM-1]")
    expect(log.locator(".m.whisper")).to_have_count(1)
    expect(log.locator(".m.whisper .text")).to_contain_text("Vraag of [NAAM-1] nu alleen is")
    # The referral's public address is kept in the counsellor's message and linked in the facts.
    expect(log.locator(".m.counsellor .text")).to_contain_text("https://www.politie.nl")
    expect(log.locator(".m.counsellor .text")).to_contain_text("0900-8844")
    facts = s.locator("#transcript-facts")
    link = facts.locator(".referral a")
    expect(link).to_have_attribute("href", "https://www.politie.nl/")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    expect(facts).to_contain_text("wachttijd:")
    expect(facts).to_contain_text("duur:")
    shot(s, "supervisor-transcript-complete")
    assert_no_serious(s)

    # Key figures beside the charts.
    s.click('#nav [data-view="stats"]')
    figures = s.locator("#key-figures")
    expect(figures).to_contain_text("Gesprekken")
    expect(figures.locator(".stat").filter(has_text="Snel weg").locator(".n")).to_have_text("0")
    expect(figures.locator(".stat").filter(has_text="Afgehaakt").locator(".n")).to_have_text("0")
    expect(figures.locator(".stat").filter(has_text="Mediane").locator(".n")).not_to_have_text("–")
    expect(figures.locator(".outcomes")).to_contain_text("Doorverwezen 1")
    shot(s, "supervisor-key-figures")
    assert_no_serious(s)


# ---------------------------------------------------------------------------------------------
# 5. Widget: tappable, safe links; the first screen; 112 said once when nobody is online
# ---------------------------------------------------------------------------------------------
def test_numbers_and_links_in_answers_are_tappable_and_safe(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Waar kan ik nog meer terecht?")
    answer = ("Bel 112 bij gevaar, of de Kindertelefoon 0800-0432. Kijk op https://www.politie.nl/aangifte. "
              "Of www.veiligthuis.nl (ook +31 20 123 4567). Niet: javascript:alert(1) of "
              "data:text/html,<b>x</b> of <a href=\"javascript:alert(2)\">klik</a>. In 2026 was ik 15.")
    send_counsellor(c, cid, answer)
    msg = v.locator(".msg.counsellor .text").first
    expect(msg).to_have_text(answer)  # every character as text, nothing read as HTML
    links = msg.locator("a")
    hrefs = [a.get_attribute("href") for a in links.all()]
    assert hrefs == ["tel:112", "tel:08000432", "https://www.politie.nl/aangifte", "https://www.veiligthuis.nl/",
                     "tel:+31201234567"], hrefs
    for a in links.all():
        href = a.get_attribute("href") or ""
        assert href.startswith(("tel:", "https:")), href
        if href.startswith("https:"):
            assert a.get_attribute("target") == "_blank"
            assert a.get_attribute("rel") == "noopener noreferrer"
    assert msg.locator("b").count() == 0
    assert v.evaluate("window.__pwned === undefined")
    shot(v, "widget-links")
    assert_no_serious(v)


def test_first_screen_names_organisation_privacy_and_hours(open_page, server) -> None:
    v = visitor(open_page, server)
    intro = v.locator("#intro")
    expect(intro).to_be_visible()
    expect(intro.locator(".intro-org")).to_have_text(re.compile(r"\S"))
    expect(intro.locator(".intro-privacy")).to_contain_text("anoniem")
    expect(intro.locator(".intro-privacy")).to_contain_text("30 dagen")
    expect(intro.locator(".intro-hours")).to_have_text("Open: dag en nacht")
    v.select_option("#lang", "fr")
    expect(intro.locator(".intro-hours")).to_have_text("Ouvert: jour et nuit")
    assert_no_serious(v)


@pytest.fixture
def configured_server(server_process) -> str:
    """A server whose operator named the organisation, worded the promise and set opening hours."""
    return str(server_process(
        HELPLINE_ORGANISATION="Stichting Veilig Verder",
        HELPLINE_PRIVACY_NOTE="Wij weten niet wie je bent.",
        HELPLINE_PRIVACY_NOTE_EN="We do not know who you are.",
        HELPLINE_OPENING_HOURS="mon-fri 09:00-22:00; sat,sun 12:00-20:00",
    ).url)


def test_first_screen_follows_the_operators_settings(open_page, configured_server, shot) -> None:
    v = visitor(open_page, configured_server)
    intro = v.locator("#intro")
    expect(intro.locator(".intro-org")).to_have_text(re.compile("Stichting Veilig Verder"))
    expect(intro.locator(".intro-privacy")).to_contain_text("Wij weten niet wie je bent.")
    expect(intro.locator(".intro-hours")).to_contain_text("ma–vr 09:00–22:00; za, zo 12:00–20:00")
    shot(v, "widget-first-screen")
    v.select_option("#lang", "en")
    expect(intro.locator(".intro-privacy")).to_contain_text("We do not know who you are.")
    expect(intro.locator(".intro-hours")).to_contain_text("Mon–Fri 09:00–22:00; Sat, Sun 12:00–20:00")
    v.select_option("#lang", "fr")
    expect(intro.locator(".intro-privacy")).to_contain_text("Wij weten niet wie je bent.")  # one text for all
    expect(intro.locator(".intro-hours")).to_contain_text("lun–ven 09:00–22:00; sam, dim 12:00–20:00")
    shot(v, "widget-first-screen-fr")


def test_offline_screen_names_112_and_the_helplines_once(open_page, server, shot) -> None:
    v = visitor(open_page, server)  # no counsellor online
    start_chat(v)
    send_visitor(v, "Hallo, is er iemand? Ik weet niet wat ik moet doen")
    box = v.locator("#offline-box")
    expect(box).to_be_visible()
    notice = v.locator("#messages .msg.system.offline-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("hierboven")
    chat = v.locator("#view-chat")
    visible = chat.inner_text()
    assert visible.count("112") == 1, visible
    assert visible.count("Kindertelefoon") == 1, visible
    box.scroll_into_view_if_needed()
    shot(v, "widget-offline-once")
    notice.scroll_into_view_if_needed()
    shot(v, "widget-offline-once-notice")
    assert_no_serious(v)
