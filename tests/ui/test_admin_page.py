"""The admin page (/admin) and the supervisors' report, in real Chromium: an admin creates an account,
deactivates it and links an authenticator app, edits canned responses, the directory, the opening hours
and the safe words; what the page saved is checked over HTTP. Only admins get in. The supervisor page's
"Rapportage" draws the suppressed report and downloads it as CSV. Screenshots at 1440x900."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from chat import keys

DESK = {"width": 1440, "height": 900}


def _login(page: Page, name: str, password: str) -> None:
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("#login-form button[type=submit]")


def _http(server: str, path: str, token: str = "", body: Any = None, method: str = "GET") -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def _token(server: str, name: str, password: str) -> str:
    status, answer = _http(server, "/api/login", body={"username": name, "password": password}, method="POST")
    assert status == 200, answer
    return str(answer["token"])


def _admin_page(open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]]) -> tuple[Page, str, str]:
    name, password = user("admin")
    page = open_page(f"{server}/admin")
    page.set_viewport_size(DESK)
    _login(page, name, password)
    expect(page.locator("#view-accounts")).to_be_visible()
    return page, name, password


def test_admin_creates_an_account_and_manages_it(open_page: Callable[..., Page], server: str,
                                                 user: Callable[..., tuple[str, str]],
                                                 shot: Callable[[Page, str], None]) -> None:
    page, admin, password = _admin_page(open_page, server, user)
    expect(page.locator("#acc-table tbody tr", has_text=admin)).to_contain_text("beheerder")
    new = f"nina{uuid.uuid4().hex[:6]}"

    # Client-side checks first, in Dutch.
    form = page.locator("#acc-new")
    form.locator(".f-name").fill("geen spaties")
    form.locator(".f-password").fill("lang genoeg wachtwoord")
    form.locator("button[type=submit]").click()
    expect(page.locator("#new-error")).to_have_text("Gebruikersnaam: 1–64 letters, cijfers, punt, liggend streepje of koppelteken.")

    form.locator(".f-name").fill(new)
    form.locator(".f-role").select_option("counsellor")
    form.locator(".ad-skills label", has_text="Jongeren").locator("input").check()
    form.locator(".f-languages").fill("nl, en")
    form.locator("button[type=submit]").click()
    expect(page.locator("#notice")).to_have_text(f"Account {new} is aangemaakt.")
    row = page.locator("#acc-table tbody tr", has_text=new)
    expect(row).to_contain_text("hulpverlener")
    expect(row).to_contain_text("jongeren")
    expect(row).to_contain_text("nl, en")
    expect(row).to_contain_text("actief")
    assert _token(server, new, "lang genoeg wachtwoord")  # the account really logs in
    shot(page, "admin-accounts")

    # The same name again: the server's refusal, in words.
    form.locator(".f-name").fill(new)
    form.locator(".f-password").fill("nog een wachtwoord")
    form.locator("button[type=submit]").click()
    expect(page.locator("#new-error")).to_have_text("Er bestaat al een account met deze naam.")

    # Edit: deactivate, then link an authenticator app.
    row.get_by_role("button", name="Bewerken").click()
    expect(page.locator("#edit-title")).to_have_text(f"Account: {new}")
    page.locator("#edit-active").click()
    expect(page.locator("#notice")).to_have_text(f"{new} is gedeactiveerd en uitgelogd.")
    expect(row).to_contain_text("gedeactiveerd")
    status, _ = _http(server, "/api/login", body={"username": new, "password": "lang genoeg wachtwoord"}, method="POST")
    assert status == 401
    page.locator("#edit-2fa").click()
    expect(page.locator("#edit-2fa-code")).to_contain_text(f"otpauth://totp/Helpline:{new}?secret=")
    expect(row).to_contain_text("gekoppeld")
    shot(page, "admin-account-edit")

    # Their own account: role and status cannot be changed here.
    page.locator("#acc-table tbody tr", has_text=admin).get_by_role("button", name="Bewerken").click()
    expect(page.locator("#edit-self")).to_be_visible()
    expect(page.locator("#acc-edit .f-role")).to_be_disabled()
    expect(page.locator("#edit-active")).to_be_disabled()


def test_admin_edits_content_hours_and_safe_words(open_page: Callable[..., Page], server: str,
                                                  user: Callable[..., tuple[str, str]],
                                                  shot: Callable[[Page, str], None]) -> None:
    page, admin, password = _admin_page(open_page, server, user)
    token = _token(server, admin, password)

    # Canned responses: change the first title, add one, save.
    page.click("#nav [data-view=canned]")
    first = page.locator("#canned-rows .ad-canned").first
    expect(first.locator(".c-title")).to_have_value("Welkom")
    first.locator(".c-title").fill("Welkom terug")
    page.click("#canned-add")
    added = page.locator("#canned-rows .ad-canned").last
    added.locator(".c-title").fill("Slaapplek")
    added.locator(".c-text").fill("Heb je vannacht een veilige plek om te slapen?")
    page.click("#canned-save")
    expect(page.locator("#notice")).to_have_text("Opgeslagen.")
    _, canned = _http(server, "/api/canned", token)
    titles = [r["title"] for r in canned["responses"]]
    assert titles[0] == "Welkom terug" and titles[-1] == "Slaapplek"
    assert canned["responses"][-1]["language"] == "nl" and canned["responses"][-1]["id"]
    shot(page, "admin-canned")

    # Directory: a new organisation; a bad website is refused on the page.
    page.click("#nav [data-view=directory]")
    # Rows are added once the directory has loaded (a row added before would be drawn over).
    expect(page.locator("#dir-rows .ad-dir .d-id[readonly]").first).to_be_visible()
    page.click("#dir-add")
    row = page.locator("#dir-rows .ad-dir").last
    row.locator(".d-id").fill("kompas")
    row.locator(".d-name").fill("Jeugdhulp Kompas")
    row.locator(".d-url").fill("javascript:alert(1)")
    page.click("#dir-save")
    expect(page.locator("#dir-error")).to_have_text("Elke regel heeft een unieke code en een naam; een website begint met https://.")
    row.locator(".d-url").fill("https://kompas.example")
    # The canned responses' "Opgeslagen." may still show: wait for the save itself, not for the notice.
    with page.expect_response(lambda r: r.url.endswith("/api/directory") and r.request.method == "PUT"):
        page.click("#dir-save")
    expect(page.locator("#notice")).to_have_text("Opgeslagen.")
    _, directory = _http(server, "/api/directory", token)
    assert directory["organisations"][-1] == {"id": "kompas", "name": "Jeugdhulp Kompas", "country": "", "phone": "",
                                              "url": "https://kompas.example", "description": ""}
    expect(page.locator("#dir-rows .ad-dir").last.locator(".d-id")).to_have_attribute("readonly", "")

    # Opening hours: from "always" to weekdays 09:00-17:00 and Saturday until midnight.
    page.click("#nav [data-view=hours]")
    expect(page.locator("#hours-always")).to_be_checked()
    expect(page.locator("#hours-state")).to_contain_text("de serverinstelling (HELPLINE_OPENING_HOURS)")
    page.locator("#hours-always").uncheck()
    for day in ("mon", "tue", "wed", "thu", "fri"):
        r = page.locator(f"#hours-table tr[data-day={day}]")
        r.locator(".h-open").check()
        r.locator(".h-from").fill("09:00")
        r.locator(".h-until").fill("17:00")
    sat = page.locator("#hours-table tr[data-day=sat]")
    sat.locator(".h-open").check()
    sat.locator(".h-from").fill("12:00")
    sat.locator(".h-until").fill("00:00")
    expect(page.locator("#hours-spec")).to_have_value("mon,tue,wed,thu,fri 09:00-17:00; sat 12:00-24:00")
    with page.expect_response(lambda r: r.url.endswith("/api/admin/hours") and r.request.method == "PUT"):
        page.click("#hours-form button[type=submit]")
    expect(page.locator("#notice")).to_have_text("Opgeslagen.")
    expect(page.locator("#hours-state")).to_contain_text("ingesteld op deze pagina")
    expect(page.locator("#hours-reset")).to_be_visible()
    _, hours = _http(server, "/api/admin/hours", token)
    assert (hours["source"], hours["spec"]) == ("admin", "mon,tue,wed,thu,fri 09:00-17:00; sat 12:00-24:00")
    shot(page, "admin-hours")
    # A spec the server cannot read: its refusal, in Dutch.
    page.fill("#hours-spec", "maandag 9 tot 5")
    page.click("#hours-form button[type=submit]")
    expect(page.locator("#hours-error")).to_contain_text("Deze openingstijden kloppen niet.")

    # Safe words.
    page.click("#nav [data-view=safewords]")
    page.fill("#sw-nl", "blauwe vogel\nik wil pizza met ananas\n")
    page.fill("#sw-en", "blue bird")
    with page.expect_response(lambda r: r.url.endswith("/api/admin/safe-words") and r.request.method == "PUT"):
        page.click("#sw-save")
    expect(page.locator("#notice")).to_have_text("Opgeslagen.")
    _, words = _http(server, "/api/admin/safe-words", token)
    assert words == {"nl": ["blauwe vogel", "ik wil pizza met ananas"], "en": ["blue bird"], "fr": []}
    shot(page, "admin-safe-words")

    # The same page in English.
    page.select_option("#lang", "en")
    expect(page.locator("#nav [data-view=hours]")).to_have_text("Opening hours")
    page.click("#nav [data-view=accounts]")
    expect(page.locator("#new-title")).to_have_text("New account")


def test_only_admins_get_in(open_page: Callable[..., Page], server: str, user: Callable[..., tuple[str, str]]) -> None:
    for role in ("counsellor", "supervisor"):
        page = open_page(f"{server}/admin")
        _login(page, *user(role))
        expect(page.locator("#login-error")).to_have_text("Dit account is geen beheerder.")
        expect(page.locator("#view-accounts")).to_be_hidden()
        expect(page.locator("#nav")).to_be_hidden()


def _records(redis_url: str) -> None:
    """Conversation records of today as the server writes them (tests/chat/test_report.py checks the counts):
    9 answered minors, 3 adult witnesses, 5 who gave up."""
    import redis as sync_redis

    client = sync_redis.Redis.from_url(redis_url)
    now = int(time.time() * 1000) - 60_000
    rows = [{"role": "victim", "minor": "1", "language": "nl", "signals": '["sexual_exploitation"]', "outcome": "referred",
             "referral": "fier", "claimed_at": str(now + 40_000), "wait_s": "40", "closed_at": str(now + 50_000)}] * 9
    rows += [{"role": "witness", "minor": "0", "language": "en", "signals": "[]", "outcome": "advice_given",
              "claimed_at": str(now + 200_000), "wait_s": "200", "closed_at": str(now + 300_000)}] * 3
    rows += [{"ended_by": "gave_up", "closed_at": str(now + 700_000)}] * 5
    for fields in rows:
        cid = uuid.uuid4().hex
        client.hset(keys.conversation(cid), mapping={"status": "closed", "created": str(now), "queued_at": str(now), **fields})
        client.zadd(keys.STARTED, {cid: now})
    client.close()


def test_supervisor_report_charts_and_csv(open_page: Callable[..., Page], server: str, redis_url: str,
                                          user: Callable[..., tuple[str, str]], tmp_path: Any,
                                          shot: Callable[[Page, str], None]) -> None:
    page = open_page(f"{server}/supervisor")
    page.set_viewport_size(DESK)
    _login(page, *user("supervisor"))
    expect(page.locator("#view-board")).to_be_visible()
    page.click("#nav [data-view=report]")
    expect(page.locator("#report-charts .report-chart")).to_have_count(10)
    expect(page.locator("#report-cards .stat").first).to_contain_text("Contacten")
    # Nothing happened yet: every count is "<5", written, never drawn as a bar.
    expect(page.locator("#report-cards .stat").first.locator(".n")).to_have_text("<5")
    assert page.locator("#report-charts rect.bar").count() == 0
    expect(page.locator(".report-chart[data-dimension=role] figcaption")).to_have_text("Wie schrijft")
    expect(page.locator(".report-chart[data-dimension=role] .sr-only")).to_contain_text("slachtoffer: minder dan 5")

    _records(redis_url)
    page.click("#report-form button[type=submit]")
    # A report reads every record of the period; on a loaded CI machine that can take more than 5 s.
    expect(page.locator("#report-cards .stat").first.locator(".n")).to_have_text("17", timeout=30_000)
    role = page.locator(".report-chart[data-dimension=role]")
    expect(role.locator(".sr-only")).to_contain_text("slachtoffer: 9; getuige: minder dan 5")
    expect(role.locator("rect.bar")).to_have_count(2)  # victims and the 5 unknown; the witnesses are written
    expect(page.locator(".report-chart[data-dimension=age_group] .sr-only")).to_contain_text("onbekend: verborgen")
    expect(page.locator(".report-chart[data-dimension=referral] .sr-only")).to_contain_text("Fier: 9")
    href = page.locator("#report-csv").get_attribute("href") or ""
    assert href.startswith("/api/supervisor/report.csv?from=") and "&lang=nl" in href
    shot(page, "supervisor-report")
    with page.expect_download() as info:
        page.click("#report-csv")
    path = tmp_path / "report.csv"
    info.value.save_as(path)
    lines = path.read_text("utf-8-sig").splitlines()
    assert lines[0] == "dimension,code,label,value"
    assert "total,all,alle contacten,17" in lines and "role,witness,getuige,<5" in lines
