"""The visitor widget's languages and its traces (docs/ui.md, "Visitor languages" and "Quick exit and
traces"), in real Chromium: every Dutch text exists in every language, the browser's language picks one
(Arabic right to left, the quick exit still at hand), the picker changes it, the tab's title never names
the helpline, the quick exit leaves no way back to the chat, and the private-browsing tip shows before the
first message. Screenshots at 390x844 in test-output/screenshots/visitor-lang-*.png.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.ui.test_pages import (
    chat_pair,
    claim,
    console,
    conversation_id,
    send_counsellor,
    send_visitor,
    start_chat,
)

EXTRA = ("ar", "ti", "uk", "ro", "pl")
# What a title must never say: the helpline, help, what it is about (any of the widget's languages).
REVEALING = re.compile(r"help|hulp|aide|loverboy|anonie?m|anonym|uitbuit|exploit|misbruik|مساعدة|допомог|ajutor|pomoc|ሓገዝ",
                       re.IGNORECASE)
# Records every title the page ever has, from before the first script runs.
TITLE_RECORDER = """
window.__titles = [];
new MutationObserver(() => {
  const t = document.title;
  if (window.__titles[window.__titles.length - 1] !== t) window.__titles.push(t);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_every_dutch_text_exists_in_every_language(open_page: Callable[..., Page], server: str) -> None:
    v = open_page(f"{server}/", phone=True)
    found = v.evaluate("""async () => {
        const { TEXTS } = await import('/static/visitor.js');
        const holes = (s) => (String(s).match(/\\{\\w+\\}/g) || []).sort().join();
        const out = {};
        for (const [lang, texts] of Object.entries(TEXTS)) {
          out[lang] = Object.keys(TEXTS.nl)
            .filter((k) => !(k.startsWith('pro_') && !['nl', 'en', 'fr'].includes(lang)))  // /pro: nl, en, fr
            .filter((k) => !(k in texts) || !texts[k] || holes(texts[k]) !== holes(TEXTS.nl[k]));
        }
        return out;
    }""")
    assert set(found) == {"nl", "en", "fr", *EXTRA}
    assert {lang: keys for lang, keys in found.items() if keys} == {}, "missing or with other {placeholders}"


def test_a_missing_text_falls_back_to_english_then_dutch(open_page: Callable[..., Page], server: str) -> None:
    v = open_page(f"{server}/", phone=True)
    got = v.evaluate("""async () => {
        const { makeI18n } = await import('/static/common.js');
        const { FALLBACK } = await import('/static/visitor_languages.js');
        const dict = { nl: { a: 'nl a', b: 'nl b' }, en: { a: 'en a' }, pl: { c: 'pl c' } };
        const i = makeI18n(dict, 'unused', null, { prefer: ['pl'], fallback: FALLBACK });
        return [i.lang, i.t('c'), i.t('a'), i.t('b')];
    }""")
    assert got == ["pl", "pl c", "en a", "nl b"]


def test_arabic_from_the_browser_is_right_to_left_with_the_quick_exit_at_hand(
        open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]],
        shot: Callable[[Page, str], None]) -> None:
    c = console(open_page, server, user)
    neutral = f"{server}/healthz?neutral-ar"
    v = open_page(f"{server}/healthz?before", phone=True, exit_url=neutral, locale="ar-SA")
    v.goto(f"{server}/")
    assert v.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    expect(v.locator("legend")).to_have_text("عمّن تكتب؟")
    expect(v.locator("#lang")).to_have_value("ar")
    exit_button = v.locator("#quick-exit")
    expect(exit_button).to_have_text("خروج سريع")
    expect(exit_button).to_be_in_viewport(ratio=1)
    box = exit_button.bounding_box()
    assert box is not None and box["x"] < 195 and box["width"] >= 44 and box["height"] >= 44  # mirrored: on the left
    # The first screen mirrors: the choices start on the right.
    choice = v.locator(".choice[data-about=self]").bounding_box()
    text = v.locator(".choice[data-about=self]").evaluate("b => getComputedStyle(b).textAlign")
    assert choice is not None and text == "start"
    shot(v, "visitor-lang-ar-start")

    start_chat(v)
    send_visitor(v, "مرحبا، أحتاج إلى مساعدة")
    cid = conversation_id(v)
    claim(c, cid)
    send_counsellor(c, cid, "مرحبا، أنا هنا. ماذا حدث؟")
    theirs = v.locator(".msg.counsellor").last
    expect(theirs).to_contain_text("أنا هنا")
    mine = v.locator(".msg.visitor").first.bounding_box()
    theirs_box = theirs.bounding_box()
    assert mine is not None and theirs_box is not None
    assert mine["x"] < theirs_box["x"], "own messages sit on the left in right-to-left"
    expect(v.locator("#status")).to_contain_text("مرشد معك الآن")
    expect(exit_button).to_be_in_viewport(ratio=1)
    shot(v, "visitor-lang-ar-chat")

    exit_button.click()
    v.wait_for_url(re.compile(r"/healthz\?neutral-ar$"))
    v.go_back()
    assert re.search(r"/healthz\?before$", v.url), v.url  # not the chat
    assert v.locator("#composer").count() == 0


def test_ukrainian_by_the_picker_and_kept_on_reload(open_page: Callable[..., Page], server: str,
                                                    shot: Callable[[Page, str], None]) -> None:
    v = open_page(f"{server}/", phone=True)  # a Dutch browser
    expect(v.locator("legend")).to_have_text("Over wie schrijf je?")
    names = v.eval_on_selector_all("#lang option", "os => os.map((o) => o.textContent)")
    assert names == ["Nederlands", "English", "Français", "العربية", "ትግርኛ", "Українська", "Română", "Polski"]
    v.select_option("#lang", "uk")
    expect(v.locator("legend")).to_have_text("Про кого ти пишеш?")
    assert v.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["uk", "ltr"]
    expect(v.locator("#quick-exit")).to_have_text("Швидко вийти")
    expect(v.locator("#quick-exit")).to_be_in_viewport(ratio=1)
    expect(v.locator("#privacy-tip")).to_contain_text("приватному вікні")
    expect(v.locator(".intro-privacy")).to_contain_text("не зберігаємо IP-адресу")
    shot(v, "visitor-lang-uk-start")
    v.reload()
    expect(v.locator("legend")).to_have_text("Про кого ти пишеш?")
    start_chat(v)
    send_visitor(v, "Привіт")
    expect(v.locator("#status")).to_contain_text(re.compile("Консультант|повідомлення"))
    shot(v, "visitor-lang-uk-chat")


def test_the_browser_language_counts_only_when_the_widget_speaks_it(open_page: Callable[..., Page], server: str,
                                                                     shot: Callable[[Page, str], None]) -> None:
    v = open_page(f"{server}/", phone=True, locale="de-DE")
    expect(v.locator("legend")).to_have_text("Over wie schrijf je?")  # German: Dutch
    p = open_page(f"{server}/", phone=True, locale="pl-PL")
    expect(p.locator("legend")).to_have_text("O kim piszesz?")
    shot(p, "visitor-lang-pl-start")
    ti = open_page(f"{server}/", phone=True, locale="ti-ER")
    expect(ti.locator("legend")).to_have_text("ብዛዕባ መን ኢኻ ትጽሕፍ ዘለኻ?")
    ti.select_option("#lang", "ro")  # and on to Romanian, by the picker
    expect(ti.locator("legend")).to_have_text("Despre cine scrii?")
    ti.select_option("#lang", "ti")
    shot(ti, "visitor-lang-ti-start")
    pro = open_page(f"{server}/pro", phone=True, locale="ar-SA")  # the consult line stays nl/en/fr
    assert pro.evaluate("document.documentElement.dir") == "ltr"
    assert pro.eval_on_selector_all("#lang option", "os => os.map((o) => o.value)") == ["nl", "en", "fr"]


def test_the_title_never_names_the_helpline(open_page: Callable[..., Page], server: str,
                                            user: Callable[..., tuple[str, str]]) -> None:
    v, c, cid = chat_pair(open_page, server, user, first="Ik word gedwongen om te werken")
    v.context.add_init_script(TITLE_RECORDER)
    v.reload()  # resumes the chat, now with every title recorded
    expect(v.locator(".msg.visitor")).to_have_count(1)
    send_counsellor(c, cid, "Ik ben er. Vertel maar.")
    expect(v.locator(".msg.counsellor")).to_have_count(1)
    for lang in ("en", "fr", "ar", "uk", "nl"):
        v.select_option("#lang", lang)
    v.click("#cant-talk")
    v.click("#neutral .calc-title")
    v.click("#end")
    v.click("#end")  # confirmed: the ended screen
    expect(v.locator("#view-ended")).to_be_visible()
    titles = v.evaluate("window.__titles")
    assert titles and titles[0] == "Chat"
    assert [t for t in titles if REVEALING.search(t)] == [], titles
    assert set(titles) <= {"Chat", "(1) Chat", "Rekenmachine", "Calculator", "Calculatrice", "الآلة الحاسبة",
                           "Калькулятор"}, titles


def test_the_privacy_tip_shows_before_the_first_message(open_page: Callable[..., Page], server: str,
                                                        shot: Callable[[Page, str], None]) -> None:
    v = open_page(f"{server}/", phone=True)
    tip = v.locator("#privacy-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("privévenster")
    shot(v, "visitor-lang-nl-privacy-tip")
    start_chat(v)
    # Once the session (and its resume token) has arrived, the chat is still empty: the tip stays.
    # Polled from here: wait_for_function evaluates its predicate with eval, which the page's CSP forbids.
    for _ in range(100):
        if v.evaluate("sessionStorage.getItem('hl.v.resume')") is not None:
            break
        v.wait_for_timeout(100)
    assert v.evaluate("sessionStorage.getItem('hl.v.resume')") is not None
    expect(tip).to_be_visible()  # still there in the empty chat
    send_visitor(v, "Hoi")
    expect(tip).to_be_hidden()  # the chat has started
    keys = v.evaluate("[Object.keys(sessionStorage), Object.keys(localStorage)]")
    assert set(keys[0]) <= {"hl.v.resume", "hl.v.last_seq", "hl.v.lang"} and "hl.v.resume" in keys[0]
    assert keys[1] == ["hl.d"]  # the device token (blocking); nothing else outlives the tab
    values = v.evaluate("[...Object.values(sessionStorage), ...Object.values(localStorage)].join(' ')")
    assert "Hoi" not in values

    w = open_page(f"{server}/", phone=True)
    w.click("#privacy-tip-ok")
    expect(w.locator("#privacy-tip")).to_be_hidden()
    expect(w.locator("#start-title")).to_be_focused()
    assert w.evaluate("sessionStorage.length + localStorage.length") == 0  # the dismissal is not stored
    start_chat(w)
    expect(w.locator("#privacy-tip")).to_be_hidden()
