"""Browser tests for quality and care (issue 12): the supervisor's review queue and form, a counsellor
reading the reviews of their own conversations, the break suggestion after an acute conversation and
the welfare section on the supervisor page. Console and supervisor view at 1440×900 (docs/ui.md)."""

from __future__ import annotations

import importlib.util
import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.ui.test_issue13 import ACUTE_TEXT, desktop, on_top
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

COMMENT = "Goed dat je naar veiligheid vroeg. <b>Noem</b> de verwijzing eerder."


@pytest.fixture
def live_server(server_process: Callable[..., object]) -> str:
    """As the project's, with every closed conversation sampled, so a calm one is queued for review too."""
    return str(server_process(HELPLINE_TRIAGE="on", HELPLINE_REVIEW_SAMPLE="1").url)  # type: ignore[attr-defined]


def close_conversation(c: Page, cid: str, outcome: str = "referred") -> None:
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    panel.locator(".outcome").select_option(outcome)
    panel.locator(".close-form button[type=submit]").click()
    expect(panel.locator(".banner")).to_be_visible()


def supervisor(open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]]) -> Page:
    s = desktop(open_page(f"{server}/supervisor"))
    login(s, *user("supervisor"))
    expect(s.locator("#nav")).to_be_visible()
    return s


def test_supervisor_reviews_a_transcript_and_only_its_counsellor_reads_the_review(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik weet niet of ik mijn baas moet vertrouwen")
    desktop(c)
    send_counsellor(c, cid, "Fijn dat je het vertelt. Ik geef je het nummer van FairWork.")
    close_conversation(c, cid)

    s = supervisor(open_page, server, user)
    s.click('#nav [data-view="reviews"]')
    row = s.locator(f'#rv-table tbody tr[data-id="{cid}"]')
    for _ in range(20):  # decided just after the close; read again until it is in
        if row.count():
            break
        time.sleep(0.5)
        s.click('#nav [data-view="reviews"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("steekproef")
    expect(s.locator("#rv-hint")).to_contain_text("100%")
    row.locator("button").click()
    expect(s.locator("#rv-log .m.visitor").first).to_be_visible(timeout=15_000)
    # The form insists on all three scores, and says so.
    s.click("#rv-form button[type=submit]")
    expect(s.locator("#rv-form-error")).to_have_text("Geef alle drie de scores.")
    for legend, score in (("Veiligheid", "4"), ("Contact", "5"), ("Verwijzing", "3")):
        s.get_by_role("group", name=legend).get_by_role("radio", name=score, exact=True).check()
    s.fill("#rv-comment", COMMENT)
    s.click("#rv-form button[type=submit]")
    expect(s.locator("#rv-saved")).to_contain_text("Opgeslagen")
    expect(s.locator("#rv-form-error")).to_be_hidden()
    expect(row.locator(".rv-state")).to_have_text("4 · 5 · 3")
    s.locator("#rv-title").scroll_into_view_if_needed()
    shot(s, "supervisor-review-form")
    # Only open ones: the reviewed one leaves the list.
    s.select_option("#rv-state", "open")
    expect(s.locator(f'#rv-table tbody tr[data-id="{cid}"]')).to_have_count(0)
    s.select_option("#lang", "en")
    expect(s.locator('#nav [data-view="reviews"]')).to_have_text("Review")

    # The counsellor reads it, as text (the comment's tags are not markup).
    c.click("#my-reviews")
    item = c.locator("#reviews-list .review-item")
    expect(item).to_have_count(1)
    expect(item.locator(".review-comment")).to_have_text(COMMENT)
    expect(item).to_contain_text("Veiligheid: 4 van 5")
    assert c.locator("#reviews-list b").count() == 0
    shot(c, "console-my-reviews")
    c.click("#reviews-close")
    # Another counsellor sees nothing of it.
    other = desktop(console(open_page, server, user))
    other.click("#my-reviews")
    expect(other.locator("#reviews-list")).to_contain_text("Nog geen beoordelingen")
    expect(other.locator("#reviews-list .review-item")).to_have_count(0)


@pytest.mark.skipif(importlib.util.find_spec("triage.classifier") is None, reason="needs triage")
def test_a_break_is_suggested_after_an_acute_conversation_and_the_supervisor_sees_who(open_page, server, user, shot) -> None:
    c = desktop(console(open_page, server, user))
    me = c.locator("#me").inner_text().split(" ")[0]
    colleague = desktop(console(open_page, server, user))
    v = visitor(open_page, server)
    start_chat(v, "self")
    send_visitor(v, ACUTE_TEXT)
    cid = conversation_id(v)
    expect(c.locator(f'.q-item[data-id="{cid}"]')).to_have_class(re.compile(r"\burg-acute\b"), timeout=120_000)
    claim(c, cid)
    send_counsellor(c, cid, "Je bent niet alleen. Ben je nu veilig? Bel 112 als hij terugkomt.")
    close_conversation(c, cid, "emergency_services")

    hint = c.locator("#break-hint")
    expect(hint).to_be_visible(timeout=15_000)
    expect(hint).to_contain_text("Even pauze?")
    expect(hint).to_contain_text("acuut gesprek afgerond")
    expect(hint).to_contain_text("gesprekken 1, acuut 1")
    # Never in the way: the console's controls are still what a click reaches.
    assert on_top(c, c.locator("#take-next")) and on_top(c, c.locator("#logout"))
    shot(c, "console-break-suggestion")
    expect(colleague.locator("#break-hint")).to_be_hidden()  # nobody else's business

    s = supervisor(open_page, server, user)
    row = s.locator(f'#wf-table tbody tr[data-name="{me}"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("net een acuut gesprek")
    expect(row).to_have_class(re.compile(r"\bwf-attention\b"))
    shot(s, "supervisor-welfare")

    c.select_option("#lang", "fr")
    expect(hint).to_contain_text("Une petite pause ?")
    c.select_option("#lang", "nl")
    c.click("#break-take")
    expect(hint).to_contain_text("Fijne pauze")
    s.click("#wf-refresh")
    expect(row).not_to_contain_text("net een acuut gesprek")
    expect(row.locator("td").nth(5)).not_to_be_empty()  # the break's time
    # The acute one is in the review queue too.
    s.click('#nav [data-view="reviews"]')
    expect(s.locator(f'#rv-table tbody tr[data-id="{cid}"]')).to_contain_text("acuut")
