"""Browser tests of the visitor widget, the counsellor console and the supervisor view (docs/ui.md).

Each test runs real pages in Debian's chromium against a real server; requests to any other host are
blocked and must not even be attempted (checked by the `open_page` fixture), and there must be no CSP
violations or page errors.
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

from tests.ui.conftest import TRIAGE_WAIT_MS

XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>vet</b>'


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def login(page: Page, name: str, password: str) -> None:
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("#login-form button[type=submit]")


def console(open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]]) -> Page:
    page = open_page(f"{server}/console")
    login(page, *user("counsellor"))
    expect(page.locator("#view-app")).to_be_visible()
    expect(page.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
    return page


def visitor(open_page: Callable[..., Page], server: str, exit_url: str | None = None) -> Page:
    return open_page(f"{server}/", phone=True, exit_url=exit_url)


def start_chat(v: Page, about: str = "self") -> None:
    v.click(f".choice[data-about={about}]")
    expect(v.locator("#view-chat")).to_be_visible()


def send_visitor(v: Page, text: str) -> None:
    v.fill("#composer-text", text)
    v.click("#send")
    sent = v.locator(".msg.visitor").filter(has_text=text.splitlines()[0][:20]).last
    expect(sent).to_have_attribute("data-state", re.compile("sent|delivered|failed"), timeout=15_000)
    # Why it failed, if it did (the widget shows the reason under the composer).
    assert sent.get_attribute("data-state") != "failed", v.locator("#send-error").inner_text()


def conversation_id(v: Page) -> str:
    # (wait_for_function would need eval, which the page's CSP rightly forbids)
    expect(v.locator("#view-chat")).to_have_attribute("data-conversation-id", re.compile(r"^[0-9a-f]{8,}$"))
    return str(v.eval_on_selector("#view-chat", "n => n.dataset.conversationId"))


def vocabulary(server: str) -> dict:
    with urllib.request.urlopen(f"{server}/api/config", timeout=10) as r:
        return json.loads(r.read())["vocabulary"]


def claim(c: Page, cid: str) -> None:
    item = c.locator(f'.q-item[data-id="{cid}"]')
    expect(item).to_be_visible(timeout=15_000)
    item.locator("button").click()
    expect(c.locator(f"#panel-{cid}")).to_be_visible()


def send_counsellor(c: Page, cid: str, text: str) -> None:
    panel = c.locator(f"#panel-{cid}")
    panel.locator(".composer .text").fill(text)
    panel.locator(".composer .send").click()
    expect(panel.locator(".m.counsellor .text").filter(has_text=text[:20]).first).to_be_visible()


def chat_pair(open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]],
              first: str = "Hoi, ik wil iets vragen", exit_url: str | None = None) -> tuple[Page, Page, str]:
    c = console(open_page, server, user)
    v = visitor(open_page, server, exit_url)
    start_chat(v)
    send_visitor(v, first)
    cid = conversation_id(v)
    claim(c, cid)
    return v, c, cid


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------
def test_visitor_and_counsellor_chat_end_to_end(open_page, server, user, shot) -> None:
    c = console(open_page, server, user)
    v = visitor(open_page, server)
    expect(v.locator("#quick-exit")).to_be_visible()
    shot(v, "widget-start")
    start_chat(v, "self")
    send_visitor(v, "Mijn vriend neemt mijn telefoon af en ik mag niet naar buiten")
    cid = conversation_id(v)
    expect(v.locator("#status")).not_to_be_empty()

    claim(c, cid)
    panel = c.locator(f"#panel-{cid}")
    expect(panel.locator(".m.visitor .text").first).to_have_text("Mijn vriend neemt mijn telefoon af en ik mag niet naar buiten")
    # The console has received it: the visitor sees 'delivered'.
    expect(v.locator(".msg.visitor").first).to_have_attribute("data-state", "delivered")
    # Visitor sees that a counsellor joined.
    expect(v.locator("#status")).to_contain_text(re.compile("hulpverlener", re.I))

    # Typing, counsellor -> visitor.
    panel.locator(".composer .text").press_sequentially("Ik ", delay=20)
    expect(v.locator("#typing")).to_be_visible()
    panel.locator(".composer .text").fill("")
    send_counsellor(c, cid, "Goed dat je schrijft. Ben je nu veilig?")
    expect(v.locator(".msg.counsellor .text")).to_have_text(["Goed dat je schrijft. Ben je nu veilig?"])
    expect(v.locator("#typing")).to_be_hidden()

    # Typing, visitor -> counsellor.
    v.locator("#composer-text").press_sequentially("Ja", delay=20)
    expect(panel.locator(".typing")).to_be_visible()
    v.click("#send")
    expect(panel.locator(".m.visitor .text")).to_have_count(2)
    expect(panel.locator(".m.visitor .text").nth(1)).to_have_text("Ja")
    shot(v, "widget-chat")
    shot(c, "console")

    # The visitor ends the conversation; the console is told.
    v.click("#end")
    v.click("#end")
    expect(v.locator("#view-ended")).to_be_visible()
    expect(panel.locator(".banner")).to_be_visible()
    assert v.evaluate("sessionStorage.length") == 0


def test_quick_exit_leaves_nothing_behind(open_page, server, user, shot) -> None:
    neutral = f"{server}/healthz?neutral"
    v, c, cid = chat_pair(open_page, server, user, first="Ik moet misschien snel weg", exit_url=neutral)
    # The page before the widget, to check where 'back' goes.
    v.goto(f"{server}/healthz?before")
    v.goto(f"{server}/")
    expect(v.locator("#view-chat")).to_be_visible()        # resumed in the same tab
    expect(v.locator(".msg.visitor")).to_have_count(1)
    assert v.evaluate("sessionStorage.length") > 0
    length_before = v.evaluate("history.length")

    v.click("#quick-exit")
    v.wait_for_url(re.compile(r"/healthz\?neutral$"))
    assert v.evaluate("sessionStorage.length") == 0
    assert v.evaluate("localStorage.length") == 0
    # replace(): no new history entry, and 'back' does not return to the chat.
    assert v.evaluate("history.length") == length_before
    v.go_back()
    assert "neutral" not in v.url
    assert re.search(r"/healthz\?before$", v.url), v.url
    # The counsellor is told the visitor left in a hurry.
    expect(c.locator(f"#panel-{cid} .banner.hurry")).to_be_visible()
    shot(c, "console-visitor-left-in-hurry")


def test_quick_exit_with_escape_twice(open_page, server, shot) -> None:
    neutral = f"{server}/healthz?esc"
    v = visitor(open_page, server, exit_url=neutral)
    start_chat(v, "other")
    send_visitor(v, "Een vriendin van mij wordt uitgebuit")
    v.keyboard.press("Escape")
    v.keyboard.press("Escape")
    v.wait_for_url(re.compile(r"/healthz\?esc$"))
    assert v.evaluate("sessionStorage.length + localStorage.length") == 0


def test_quick_exit_default_target_is_neutral(open_page, server, shot) -> None:
    v = visitor(open_page, server)
    url = v.eval_on_selector('meta[name="helpline-exit-url"]', "m => m.content")
    assert url.startswith("https://www.google.com/")


def test_html_in_messages_shows_as_text_everywhere(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first=XSS)
    panel = c.locator(f"#panel-{cid}")
    expect(v.locator(".msg.visitor .text").first).to_have_text(XSS)
    expect(panel.locator(".m.visitor .text").first).to_have_text(XSS)
    send_counsellor(c, cid, XSS)
    expect(v.locator(".msg.counsellor .text").first).to_have_text(XSS)

    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    row = s.locator("#conv-table tbody tr").filter(has_text=cid[:8])
    row.locator("button").click()
    expect(s.locator("#monitor-log .m.visitor .text").first).to_have_text(XSS)
    expect(s.locator("#monitor-log .m.counsellor .text").first).to_have_text(XSS)

    for page in (v, c, s):
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#messages img, .log img, .log script, .messages script, .log b, .messages b").count() == 0


def test_whisper_reaches_console_never_visitor(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik weet niet of ik dit mag vertellen")
    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    expect(s.locator("#cards .stat")).to_have_count(5)
    s.locator("#conv-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    expect(s.locator("#monitor-body")).to_be_visible()
    s.fill("#whisper-text", "FLUISTER-geheim-123: vraag naar haar veiligheid")
    s.click("#whisper-form button[type=submit]")
    expect(c.locator(f"#panel-{cid} .m.whisper")).to_contain_text("FLUISTER-geheim-123")
    expect(s.locator("#monitor-log .m.whisper")).to_contain_text("FLUISTER-geheim-123")
    shot(s, "supervisor-board")
    shot(c, "console-whisper")
    # Give any stray event time to arrive, then check the visitor never saw it.
    send_counsellor(c, cid, "Ben je nu veilig?")
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    time.sleep(0.5)
    assert "FLUISTER" not in v.content()
    assert "FLUISTER" not in v.evaluate("document.body.innerText")
    # After a reload the counsellor still sees it, once.
    c.reload()
    c.locator(f"#tab-{cid}").click()
    expect(c.locator(f"#panel-{cid} .m.whisper")).to_have_count(1)


@pytest.mark.skipif(importlib.util.find_spec("triage.redaction") is None,
                    reason="triage.redaction does not exist yet: transcripts are withheld until it lands")
def test_supervisor_sees_anonymised_transcript(open_page, server, user, shot) -> None:
    secret_phone = "06-12345678"
    v, c, cid = chat_pair(open_page, server, user,
                          first=f"Ik ben Sanne de Vries, bel me op {secret_phone} of mail sanne.devries@example.nl")
    send_counsellor(c, cid, "Dank je. Ik verwijs je door.")
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    panel.locator(".outcome").select_option("referred")
    panel.locator(".tags").fill("test, ui")
    panel.locator(".close-form button[type=submit]").click()
    expect(panel.locator(".banner")).to_be_visible()

    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    s.click('#nav [data-view="transcripts"]')
    row = s.locator("#tr-table tbody tr").filter(has=s.locator("td", has_text="Doorverwezen")).first
    for _ in range(20):  # the list is read when the view opens; search again until the close is in
        if row.count():
            break
        time.sleep(0.5)
        s.click("#filters button[type=submit]")
    expect(row).to_be_visible()
    row.locator("button").click()
    log = s.locator("#transcript-log")
    for _ in range(20):
        if log.locator(".m").count():
            break
        time.sleep(0.5)
        row.locator("button").click()
    expect(log.locator(".m.visitor").first).to_be_visible()
    text = log.inner_text()
    assert secret_phone not in text
    assert "sanne.devries@example.nl" not in text
    shot(s, "supervisor-transcript")
    s.click('#nav [data-view="stats"]')
    expect(s.locator("#chart-hour svg")).to_be_visible()
    shot(s, "supervisor-stats")


def test_resume_after_reload(open_page, server, user, shot) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Eerste bericht")
    send_counsellor(c, cid, "Antwoord een")
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    v.reload()
    expect(v.locator("#view-chat")).to_be_visible()
    assert conversation_id(v) == cid
    # Everything once (dedupe by seq), in order.
    expect(v.locator(".msg.visitor .text")).to_have_text(["Eerste bericht"])
    expect(v.locator(".msg.counsellor .text")).to_have_text(["Antwoord een"])
    send_counsellor(c, cid, "Antwoord twee")
    expect(v.locator(".msg.counsellor .text")).to_have_text(["Antwoord een", "Antwoord twee"])
    send_visitor(v, "Na het herladen")
    expect(c.locator(f"#panel-{cid} .m.visitor .text")).to_have_text(["Eerste bericht", "Na het herladen"])
    # Reload again with nothing new: still no duplicates.
    v.reload()
    expect(v.locator(".msg")).to_have_count(4)


def test_pages_load_in_three_languages(open_page, server, shot) -> None:
    v = visitor(open_page, server)
    expect(v.locator("legend")).to_have_text("Over wie schrijf je?")
    v.select_option("#lang", "en")
    expect(v.locator("legend")).to_have_text("Who are you writing about?")
    assert v.evaluate("document.documentElement.lang") == "en"
    v.select_option("#lang", "fr")
    expect(v.locator("#quick-exit")).to_contain_text("Sortie rapide")
    c = open_page(f"{server}/console")
    expect(c.locator("#login-title")).to_have_text("Inloggen")
    shot(c, "console-login")


def test_acute_conversation_is_unmistakable_with_evidence(open_page, server, user, shot) -> None:
    if importlib.util.find_spec("triage.classifier") is None:
        pytest.skip("triage.classifier does not exist yet")
    c = console(open_page, server, user)
    v = visitor(open_page, server)
    start_chat(v, "self")
    text = "Ik ben 15 en ik zit opgesloten in een kamer, hij komt zo terug. Hij heeft mijn telefoon afgepakt."
    send_visitor(v, text)
    cid = conversation_id(v)
    item = c.locator(f'.q-item[data-id="{cid}"]')
    expect(item).to_have_class(re.compile(r"\burg-acute\b"), timeout=TRIAGE_WAIT_MS)
    expect(item).to_contain_text("ACUUT")
    shot(c, "console-queue-acute")
    claim(c, cid)
    panel = c.locator(f"#panel-{cid}")
    # Evidence highlighted in the visitor's message, which still reads exactly as typed.
    expect(panel.locator(".m.visitor mark.evidence").first).to_be_visible()
    expect(panel.locator(".m.visitor .text").first).to_have_text(text)
    sig = panel.locator(".signal").filter(has_text="acuut gevaar")
    expect(sig).to_be_visible()
    sig.get_by_role("button", name="Klopt", exact=True).click()
    expect(sig).to_have_class(re.compile(r"\bconfirmed\b"))
    # A signal triage missed: the counsellor adds it; it shows as theirs and is no longer offered.
    panel.locator(".add-signal-code").select_option("sextortion")
    panel.locator(".add-signal").get_by_role("button", name="Toevoegen").click()
    added = panel.locator(".signal").filter(has_text="door jou toegevoegd")
    expect(added).to_contain_text("sextortion")
    expect(panel.locator(".add-signal-code option[value=sextortion]")).to_have_count(0)
    shot(c, "console-triage")


def test_outside_hours_message_and_return_code(open_page, server, user, shot) -> None:
    # Nobody online: the widget says what to do now and gives a return code.
    v = visitor(open_page, server)
    start_chat(v, "self")
    send_visitor(v, "Ik durf het niet te zeggen, maar mijn vriend wil dat ik met andere mannen meega")
    expect(v.locator("#offline-box")).to_be_visible()
    expect(v.locator("#offline-box")).to_contain_text("112")
    # 112 is said once, in the box; the system message (the same notice) points there (docs/ui.md).
    expect(v.locator(".msg.system").first).to_contain_text("hierboven")
    # The short return code (docs/ui.md, "Return code"): three groups of five.
    expect(v.locator("#rc-box")).to_be_visible()
    code = v.locator("#rc-value [aria-hidden]").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5} [0-9A-Z]{5} [0-9A-Z]{5}", code), code
    shot(v, "widget-offline-return-code")
    v.close()

    # Later a counsellor answers it.
    c = console(open_page, server, user)
    item = c.locator(".q-item").first
    expect(item).to_be_visible(timeout=15_000)
    cid = item.get_attribute("data-id")
    claim(c, cid)
    send_counsellor(c, cid, "Dank je dat je dit schreef. Je bent niet alleen.")

    # The visitor comes back in a fresh browser and types the return code.
    v2 = visitor(open_page, server)
    v2.click("#return-box summary")
    v2.fill("#return-code", code)
    v2.click("#return-form button[type=submit]")
    expect(v2.locator(".msg.counsellor .text")).to_have_text(["Dank je dat je dit schreef. Je bent niet alleen."])
    expect(v2.locator(".msg.visitor .text").first).to_contain_text("mijn vriend wil dat ik")
    # A wrong code is refused with a clear message.
    v3 = visitor(open_page, server)
    v3.click("#return-box summary")
    v3.fill("#return-code", "dit-is-geen-code")
    v3.click("#return-form button[type=submit]")
    expect(v3.locator("#return-error")).to_be_visible()
    expect(v3.locator("#view-start")).to_be_visible()


def test_staff_login_keeps_no_token_in_web_storage(open_page, server, user, shot) -> None:
    """The login is the HttpOnly cookie: no token in sessionStorage/localStorage, none in any request the page
    makes (the sockets connect without `auth`), a reload stays logged in, logout ends it and the socket."""
    for path, role in (("/console", "counsellor"), ("/supervisor", "supervisor")):
        page = open_page(f"{server}{path}")
        sent: list[str] = []
        page.on("request", lambda r, sent=sent: sent.append(f"{r.url} {r.post_data or ''}"))
        page.on("websocket", lambda ws, sent=sent: ws.on("framesent", lambda f, sent=sent: sent.append(str(f))))
        expect(page.locator("#view-login")).to_be_visible()
        login(page, *user(role))
        expect(page.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
        cookie = [c for c in page.context.cookies() if c["name"] == "hl_session"]
        assert len(cookie) == 1 and cookie[0]["httpOnly"], cookie
        token = cookie[0]["value"]
        stored = page.evaluate("JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)])")
        assert token not in stored, stored
        assert "token" not in stored.lower(), stored
        assert "hl_session" not in page.evaluate("document.cookie")
        assert not [line for line in sent if token in line], "the token was sent by the page itself"

        page.reload()  # the cookie keeps the login: straight back in, socket connected
        expect(page.locator("#conn")).to_have_class(re.compile(r"\bok\b"))
        expect(page.locator("#view-login")).to_be_hidden()
        page.click("#logout")
        expect(page.locator("#view-login")).to_be_visible()
        expect(page.locator("#conn")).to_have_text("")
        assert not [c for c in page.context.cookies() if c["name"] == "hl_session"]
        page.reload()
        expect(page.locator("#view-login")).to_be_visible()


def test_supervisor_shows_labels_not_codes(open_page, server, user, shot) -> None:
    vocab = vocabulary(server)
    label = {kind: {e["code"]: e["label"] for e in vocab[kind]} for kind in ("signals", "urgencies", "outcomes", "queues")}
    # Codes that differ from their Dutch label; none of them may show as a word on the supervisor page.
    codes = sorted(code for kind in label.values() for code, text in kind.items() if text["nl"].lower() != code)
    raw = re.compile(r"\b(" + "|".join(map(re.escape, codes)) + r")\b")
    triage = importlib.util.find_spec("triage.classifier") is not None

    v, c, cid = chat_pair(open_page, server, user,
                          first="Ik ben 15 en ik zit opgesloten in een kamer, hij komt zo terug. Hij heeft mijn telefoon afgepakt.")
    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    row = s.locator("#conv-table tbody tr").filter(has_text=cid[:8])
    expect(row).to_be_visible()
    if triage:
        expect(row).to_contain_text(label["signals"]["acute_danger"]["nl"], timeout=TRIAGE_WAIT_MS)
    row.locator("button").click()
    expect(s.locator("#monitor-body")).to_be_visible()
    assert not raw.search(s.locator("#view-board").inner_text()), raw.findall(s.locator("#view-board").inner_text())
    shot(s, "supervisor-board-labels")

    # The counsellor closes it; the transcript list and its filters speak in labels, in the page's language.
    panel = c.locator(f"#panel-{cid}")
    panel.locator("details.close summary").click()
    expect(panel.locator(".outcome option[value=referred]")).to_have_text(label["outcomes"]["referred"]["nl"])
    panel.locator(".outcome").select_option("referred")
    panel.locator(".close-form button[type=submit]").click()
    expect(panel.locator(".banner")).to_be_visible()
    s.click('#nav [data-view="transcripts"]')
    expect(s.locator("#f-signal option[value=acute_danger]")).to_have_text(label["signals"]["acute_danger"]["nl"])
    expect(s.locator("#f-outcome option[value=referred]")).to_have_text(label["outcomes"]["referred"]["nl"])
    s.locator("#filters select[name=outcome]").select_option("referred")
    closed = s.locator("#tr-table tbody tr").filter(has_text=label["outcomes"]["referred"]["nl"]).first
    for _ in range(20):  # the close may land just after the list was read
        if closed.count():
            break
        time.sleep(0.5)
        s.click("#filters button[type=submit]")
    expect(closed).to_be_visible()
    text = s.locator("#view-transcripts").inner_text()
    assert not raw.search(text), raw.findall(text)
    s.select_option("#lang", "en")
    expect(s.locator("#tr-table tbody tr").first).to_contain_text(label["outcomes"]["referred"]["en"])
    expect(s.locator("#f-outcome option[value=referred]")).to_have_text(label["outcomes"]["referred"]["en"])
    s.select_option("#lang", "nl")

    s.click('#nav [data-view="stats"]')
    expect(s.locator("#chart-hour svg")).to_be_visible()
    if triage:
        expect(s.locator("#chart-signals .legend")).to_contain_text(label["signals"]["acute_danger"]["nl"])
    text = s.locator("#view-stats").inner_text()
    assert not raw.search(text), raw.findall(text)
    shot(s, "supervisor-stats-labels")


def test_french_widget_offline_box_names_french_lines(open_page, server, shot) -> None:
    """The help lines come from /api/config in the visitor's language: French speakers get French-language
    lines (Écoute-Enfants 103), never Awel (Dutch only)."""
    v = visitor(open_page, server)
    v.select_option("#lang", "fr")
    start_chat(v)
    send_visitor(v, "Bonjour, j'ai peur et je ne sais pas quoi faire")
    box = v.locator("#offline-box")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Appelle le 112")
    expect(box).to_contain_text("Écoute-Enfants 103")
    expect(box).not_to_contain_text("Awel")
    expect(box.locator('a[href="tel:103"]')).to_have_count(1)
    box.scroll_into_view_if_needed()
    shot(v, "widget-offline-fr")
    v.select_option("#lang", "nl")
    expect(box).to_contain_text("Bel 112")
    expect(box).to_contain_text("Awel 102")
    expect(box).not_to_contain_text("Écoute-Enfants")


def test_long_conversations_load_page_by_page(open_page, server, user, shot) -> None:
    """`history` answers at most a page (chat/conversations.py, HISTORY_PAGE): the console, the widget and
    the supervisor view ask page after page until they have every message (issue 9)."""
    import asyncio
    import threading

    from tests.chat.clients import close_all, counsellor, say
    from tests.chat.clients import login as api_login
    from tests.chat.clients import visitor as visitor_peer

    name, password = user("counsellor")
    total = 450
    made: dict[str, str] = {}

    async def fill() -> None:
        kid, session = await visitor_peer(server)
        await say(kid, "bericht nul")
        staff = await counsellor(server, await api_login(server, name, password))
        cid = session["conversation_id"]
        await staff.wait_for("queue", lambda q: any(w["conversation_id"] == cid for w in q["waiting"]))
        assert (await staff.call("claim", {"conversation_id": cid}))["ok"]
        for start in range(1, total, 50):
            await asyncio.gather(*(say(staff, f"regel {n}", cid) for n in range(start, min(total, start + 50))))
        made.update(cid=cid, code=session["resume_token"])
        await close_all()

    thread = threading.Thread(target=lambda: asyncio.run(fill()))  # Playwright's sync API owns this thread's loop
    thread.start()
    thread.join()
    cid = made["cid"]

    # The console opens its active conversation at login: every message, the last one included.
    c = open_page(f"{server}/console")
    login(c, name, password)
    panel = c.locator(f"#panel-{cid}")
    expect(panel.locator(".m.counsellor")).to_have_count(total - 1, timeout=20_000)
    expect(panel.locator(".m.counsellor .text").last).to_have_text(f"regel {total - 1}")
    # The widget, back with the return code.
    v = visitor(open_page, server)
    v.click("#return-box summary")
    v.fill("#return-code", made["code"])
    v.click("#return-form button[type=submit]")
    expect(v.locator(".msg.counsellor")).to_have_count(total - 1, timeout=20_000)
    expect(v.locator(".msg.visitor .text").first).to_have_text("bericht nul")
    # The supervisor monitoring it.
    s = open_page(f"{server}/supervisor")
    login(s, *user("supervisor"))
    s.locator("#conv-table tbody tr").filter(has_text=cid[:8]).locator("button").click()
    expect(s.locator("#monitor-log .m.counsellor")).to_have_count(total - 1, timeout=20_000)
    expect(s.locator("#monitor-log .m.counsellor .text").last).to_have_text(f"regel {total - 1}")
