"""Browser tests for issue 13 ("the three pages as counsellors and young visitors expect them"): each
broken item found by using the pages, kept fixed. Widget on a phone (390×844), console and supervisor
view on a desktop (1440×900). axe-core (npm dev dependency, loaded from node_modules into the page by
the test, never from a CDN) must find no serious or critical violation in the chat views.
"""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.ui.conftest import TRIAGE_WAIT_MS
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
    vocabulary,
)

DESKTOP = {"width": 1440, "height": 900}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ACUTE_TEXT = "Ik ben 15 en ik zit opgesloten in een kamer, hij komt zo terug. Hij heeft mijn telefoon afgepakt."
TRIAGE = importlib.util.find_spec("triage.classifier") is not None


def desktop(page: Page) -> Page:
    page.set_viewport_size(DESKTOP)
    return page


def box(loc: Locator) -> dict[str, float]:
    b = loc.bounding_box()
    assert b is not None, f"{loc} has no box (hidden?)"
    return b


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def on_top(page: Page, loc: Locator) -> bool:
    """Whether the element itself (not something over it) is what a click at its centre reaches."""
    loc.scroll_into_view_if_needed()
    b = box(loc)
    return bool(loc.evaluate("(n, p) => { const hit = document.elementFromPoint(p.x, p.y); return n === hit || n.contains(hit); }",
                             {"x": b["x"] + b["width"] / 2, "y": b["y"] + b["height"] / 2}))


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci installs it from package.json)")
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, like every page.evaluate: no <script> is added to
        # the page, so its Content-Security-Policy stays as it is.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return list(page.evaluate("""async () => {
        const r = await window.axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' '))}));
    }"""))


def assert_no_serious(page: Page) -> None:
    found = axe_violations(page)
    assert found == [], found


# ---------------------------------------------------------------------------------------------
# Console
# ---------------------------------------------------------------------------------------------
def test_toasts_never_cover_controls_and_can_be_dismissed(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Hallo, ik heb een vraag")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    s.locator("#conv-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    expect(s.locator("#monitor-body")).to_be_visible()
    for n in range(3):  # several at once, as on a busy evening
        s.fill("#whisper-text", f"Let op punt {n}: vraag of ze nu veilig is")
        s.click("#whisper-form button[type=submit]")
        expect(c.locator(".toast.whisper")).to_have_count(n + 1)
    toast = c.locator(".toast.whisper").first
    # The whisper toast says which conversation it is about.
    expect(toast).to_contain_text(f"#{cid[:6]}")
    shot(c, "console-toasts")
    send = panel.locator(".composer .send")
    close = panel.locator(".close-form button[type=submit]")
    for t in c.locator(".toast").all():
        for control in (send, close):
            assert not overlaps(box(t), box(control)), "a toast covers a control"
    assert on_top(c, send) and on_top(c, close)
    # Dismissable, one by one.
    toast.locator(".toast-close").click()
    expect(c.locator(".toast.whisper")).to_have_count(2)
    # Clicking a whisper toast shows its conversation.
    c.locator(".toast.whisper .toast-text").first.click()
    expect(c.locator(f"#tab-{cid}")).to_have_attribute("aria-selected", "true")


def test_transfer_banner_says_transferred_not_closed(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik wil met iemand anders praten")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.transfer summary").click()
    panel.locator(".to-queue").select_option("adult")
    panel.locator(".handover").fill("Zij wil liever een volwassenenhulpverlener.")
    panel.locator(".transfer-form button[type=submit]").click()
    banner = panel.locator(".banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("overgedragen")
    expect(banner).not_to_contain_text("gesloten")
    shot(c, "console-transferred")


def test_header_follows_the_visitors_own_answer(open_page, server, user, shot) -> None:
    """A visitor who writes about someone else is not called a victim in the header, whatever triage
    thinks; triage's other idea is shown as a suggestion in the triage box."""
    c = desktop(console(open_page, server, user))
    v = visitor(open_page, server)
    start_chat(v, "other")
    send_visitor(v, "Ik ben 16 en hij houdt mijn paspoort, ik moet elke dag voor hem werken zonder geld")
    cid = conversation_id(v)
    claim(c, cid)
    panel = c.locator(f"#panel-{cid}")
    facts = panel.locator(".facts")
    other = [e for e in vocabulary(server)["abouts"] if e["code"] == "other"][0]["label"]["nl"]
    expect(facts).to_contain_text(f"over: {other}")
    if TRIAGE:
        expect(panel.locator(".triage-summary")).not_to_be_empty(timeout=TRIAGE_WAIT_MS)
        time.sleep(0.5)
    assert "slachtoffer" not in facts.inner_text().lower(), facts.inner_text()
    shot(c, "console-about-other")


def test_after_closing_the_recorded_outcome_and_tags_are_confirmed(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Dank je, ik weet genoeg")
    desktop(c)
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    panel.locator(".outcome").select_option("advice_given")
    panel.locator(".tags").fill("werk, paspoort")
    panel.locator(".close-form button[type=submit]").click()
    banner = panel.locator(".banner")
    out = [e for e in vocabulary(server)["outcomes"] if e["code"] == "advice_given"][0]["label"]["nl"]
    expect(banner).to_contain_text(out)
    expect(banner).to_contain_text("werk")
    expect(banner).to_contain_text("paspoort")
    shot(c, "console-closed-confirmation")


def test_take_next_and_warning_when_acute_waits(open_page, server, user, shot) -> None:
    if not TRIAGE:
        pytest.skip("triage.classifier does not exist yet: no acute conversations")
    c = desktop(console(open_page, server, user))
    calm = visitor(open_page, server)
    start_chat(calm, "self")
    send_visitor(calm, "Hoi, ik heb een vraag over mijn bijbaan")
    calm_id = conversation_id(calm)
    acute = visitor(open_page, server)
    start_chat(acute, "self")
    send_visitor(acute, ACUTE_TEXT)
    acute_id = conversation_id(acute)
    expect(c.locator(f'.q-item[data-id="{acute_id}"]')).to_have_class(re.compile(r"\burg-acute\b"), timeout=TRIAGE_WAIT_MS)
    # The card shows what the visitor wrote first: read before taking.
    expect(c.locator(f'.q-item[data-id="{acute_id}"] .q-preview')).to_have_text(ACUTE_TEXT)
    expect(c.locator(f'.q-item[data-id="{calm_id}"] .q-preview')).to_have_text("Hoi, ik heb een vraag over mijn bijbaan")
    # Claiming the calm one while an acute one waits: a warning first, the claim only on a second click.
    calm_btn = c.locator(f'.q-item[data-id="{calm_id}"] button.claim')
    calm_btn.click()
    expect(c.locator(f'.q-item[data-id="{calm_id}"] .claim-warning')).to_be_visible()
    shot(c, "console-claim-warning")
    expect(c.locator(f"#panel-{calm_id}")).to_have_count(0)
    # "Take next" takes the most urgent one.
    c.locator("#take-next").click()
    expect(c.locator(f"#panel-{acute_id}")).to_be_visible()
    expect(c.locator(f"#tab-{acute_id}")).to_have_attribute("aria-selected", "true")


def test_tabs_show_preview_unread_count_and_waiting_time(open_page, server, user, shot) -> None:
    c = desktop(console(open_page, server, user))
    first = visitor(open_page, server)
    start_chat(first, "self")
    send_visitor(first, "Mijn baas houdt mijn loon in")
    first_id = conversation_id(first)
    claim(c, first_id)
    second = visitor(open_page, server)
    start_chat(second, "other")
    send_visitor(second, "Mijn nichtje mag nooit alleen naar buiten")
    second_id = conversation_id(second)
    claim(c, second_id)  # the second tab is now the active one
    tab = c.locator(f"#tab-{first_id}")
    expect(tab.locator(".preview")).to_have_text("Mijn baas houdt mijn loon…")
    expect(tab.locator(".awaiting")).to_be_visible()  # nobody answered yet
    send_visitor(first, "Hallo?")
    send_visitor(first, "Ben je er nog?")
    expect(tab.locator(".badge")).to_have_text("2")
    shot(c, "console-tabs")
    tab.click()
    expect(tab.locator(".badge")).to_have_count(0)
    send_counsellor(c, first_id, "Ik ben er. Vertel maar.")
    expect(tab.locator(".awaiting")).to_have_count(0)


# ---------------------------------------------------------------------------------------------
# Widget
# ---------------------------------------------------------------------------------------------
def assert_last_message_visible(v: Page) -> None:
    last = v.locator("#messages > li").last
    composer = v.locator("#composer")
    lb, cb = box(last), box(composer)
    assert lb["y"] + lb["height"] <= cb["y"] + 1, f"last message ends at {lb['y'] + lb['height']}, composer starts at {cb['y']}"
    assert lb["y"] >= 0
    assert on_top(v, last.locator(".text"))


def test_widget_newest_message_is_never_behind_the_composer(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Hoi")
    for n in range(6):
        send_counsellor(c, cid, f"Bericht {n}: " + "een wat langere zin om de ruimte te vullen " * 3)
    expect(v.locator(".msg.counsellor")).to_have_count(6)
    assert_last_message_visible(v)
    # A referral line (name · phone · site), as the console inserts it.
    send_counsellor(c, cid, "Fier · 058 - 21 32 00 · https://www.fier.nl")
    expect(v.locator(".msg.counsellor")).to_have_count(7)
    assert_last_message_visible(v)
    shot(v, "widget-last-message")
    send_visitor(v, "Oké, dank je")
    assert_last_message_visible(v)


def test_acute_visitor_who_waits_sees_what_to_do_in_danger_now(open_page, server, user, shot) -> None:
    if not TRIAGE:
        pytest.skip("triage.classifier does not exist yet: no acute conversations")
    c = console(open_page, server, user)  # someone online: the visitor waits in the queue
    calm = visitor(open_page, server)
    start_chat(calm, "self")
    send_visitor(calm, "Hoi, ik heb een vraag over mijn bijbaan")
    v = visitor(open_page, server)
    start_chat(v, "self")
    send_visitor(v, ACUTE_TEXT)
    cid = conversation_id(v)
    box = v.locator("#danger-now")
    expect(box).to_be_visible(timeout=TRIAGE_WAIT_MS)
    expect(box).to_contain_text("Bel dan meteen 112")
    expect(box).to_contain_text("112NL")
    expect(box.locator('a[href="tel:112"]')).to_be_visible()
    shot(v, "widget-acute-waiting")
    v.select_option("#lang", "fr")
    expect(box).to_contain_text("Appelle tout de suite le 112")
    v.select_option("#lang", "nl")
    expect(calm.locator("#danger-now")).to_be_hidden()  # only for those triaged acute
    claim(c, cid)
    expect(v.locator("#status")).to_contain_text("hulpverlener")
    expect(box).to_be_hidden()
    assert_last_message_visible(v)


def test_widget_system_message_is_not_hidden(open_page, server, shot) -> None:
    v = visitor(open_page, server)  # nobody online: the system message with what to do now
    start_chat(v, "self")
    send_visitor(v, "Is er iemand?")
    expect(v.locator(".msg.system").first).to_be_visible()
    assert_last_message_visible(v)
    shot(v, "widget-offline-system-message")


# ---------------------------------------------------------------------------------------------
# Supervisor
# ---------------------------------------------------------------------------------------------
def test_supervisor_transcript_and_quick_exit_row(open_page, server, user, shot) -> None:
    """The transcript header shows the conversation's own urgency; a quick exit reads as such in the outcome
    column (no stray separator); no raw code anywhere."""
    vocab = vocabulary(server)
    codes = sorted(e["code"] for kind in ("signals", "urgencies", "outcomes", "queues", "roles")
                   for e in vocab[kind] if e["label"]["nl"].lower() != e["code"])
    raw = re.compile(r"\b(" + "|".join(map(re.escape, codes)) + r")\b")
    neutral = f"{server}/healthz?neutral"
    v, c, cid = chat_pair(open_page, server, user, first=ACUTE_TEXT, exit_url=neutral)
    if TRIAGE:
        expect(c.locator(f"#panel-{cid} .facts")).to_contain_text("acuut", ignore_case=True, timeout=TRIAGE_WAIT_MS)
    v.click("#quick-exit")
    v.wait_for_url(re.compile(r"neutral$"))
    expect(c.locator(f"#panel-{cid} .banner.hurry")).to_be_visible()

    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    s.click('#nav [data-view="transcripts"]')
    row = s.locator("#tr-table tbody tr").filter(has=s.locator("button")).first
    for _ in range(20):
        if row.count():
            break
        time.sleep(0.5)
        s.click("#filters button[type=submit]")
    outcome_cell = row.locator("td").nth(2)
    expect(outcome_cell).to_contain_text("snel weg", ignore_case=True)
    assert not outcome_cell.inner_text().strip().startswith("·"), outcome_cell.inner_text()
    row.locator("button").click()
    facts = s.locator("#transcript-facts")
    expect(facts).not_to_be_empty()
    if TRIAGE:
        acute = [e for e in vocab["urgencies"] if e["code"] == "acute"][0]["label"]["nl"]
        expect(facts).to_contain_text(acute, ignore_case=True)
    expect(facts).not_to_contain_text("normaal")
    text = s.locator("#view-transcripts").inner_text()
    assert not raw.search(text), raw.findall(text)
    shot(s, "supervisor-transcript-quick-exit")
    assert_no_serious(s)


def test_waiting_time_chart_labels_do_not_overlap(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Hoi")
    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    s.click('#nav [data-view="stats"]')
    labels = s.locator("#chart-wait svg text.x")
    expect(labels.first).to_be_visible()
    boxes = [box(n) for n in labels.all()]
    assert len(boxes) >= 5
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a["x"] + a["width"] <= b["x"], f"labels overlap: {a} {b}"
    shot(s, "supervisor-stats")
    assert_no_serious(s)


# ---------------------------------------------------------------------------------------------
# Accessibility: axe-core in all three chat views
# ---------------------------------------------------------------------------------------------
def test_axe_no_serious_violations_in_the_chat_views(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Hoi, mag ik iets vragen?")
    desktop(c)
    send_counsellor(c, cid, "Natuurlijk. Waar gaat het over?")
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    assert_no_serious(v)
    assert_no_serious(c)
    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    s.locator("#conv-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    expect(s.locator("#monitor-log .m").first).to_be_visible()
    assert_no_serious(s)
    # The start page and the login forms too.
    assert_no_serious(visitor(open_page, server))
    assert_no_serious(open_page(f"{server}/console"))


def test_widget_header_fits_on_one_line_in_every_language(open_page, server, shot) -> None:
    v = visitor(open_page, server)
    heights = {}
    for lang in ("nl", "en", "fr"):
        v.select_option("#lang", lang)
        expect(v.locator("#quick-exit")).to_be_visible()
        heights[lang] = box(v.locator(".bar"))["height"]
        title, exit_button = box(v.locator(".brand")), box(v.locator("#quick-exit"))
        assert title["height"] < exit_button["height"] + 4, f"{lang}: the title wraps ({title})"
        assert v.eval_on_selector(".brand", "n => n.scrollWidth <= n.clientWidth"), f"{lang}: the title is cut off"
    shot(v, "widget-start-fr")
    assert heights["fr"] == heights["nl"] == heights["en"], heights
