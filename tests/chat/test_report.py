"""The funders' report (chat/report.py, GET /api/supervisor/report[.csv]): counts per dimension from the
conversation records in Redis, every count under 5 written "<5", a lone hidden cell protected by a second
one ("x"), no free text; who may read it and what bad ranges get."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import redis.asyncio as aioredis

from chat import keys
from chat.report import SECONDARY, SUPPRESSED, suppress
from tests.chat.clients import claim_when_queued, counsellor, login, say, visitor
from tests.conftest import PASSWORD

ZONE = ZoneInfo("Europe/Amsterdam")
SECRET_TAG = "TAG-geheim-adres-Kerkstraat"


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


def test_suppression_rules() -> None:
    # Every count under 5, zero included, is hidden.
    assert suppress({"a": 0, "b": 4, "c": 5, "d": 12}, partition=False) == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 5, "d": 12}
    # A partition with one hidden cell: the smallest shown one is hidden too, else total - shown gives it away.
    assert suppress({"a": 3, "b": 7, "c": 20}, partition=True) == {"a": SUPPRESSED, "b": SECONDARY, "c": 20}
    # Two hidden cells already protect each other.
    assert suppress({"a": 3, "b": 1, "c": 7, "d": 20}, partition=True) == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 7, "d": 20}
    assert suppress({"a": 3}, partition=True) == {"a": SUPPRESSED}
    assert suppress({"a": 30, "b": 9}, partition=True) == {"a": 30, "b": 9}


async def _record(redis: aioredis.Redis, at: datetime, **fields: str) -> str:
    """A conversation record as the server writes it (field names: chat/records.py)."""
    cid = uuid.uuid4().hex
    queued = int(at.timestamp() * 1000)
    mapping = {"status": "closed", "created": str(queued), "queued_at": str(queued), **fields}
    await redis.hset(keys.conversation(cid), mapping=mapping)
    await redis.zadd(keys.STARTED, {cid: queued})
    return cid


async def _fill(redis: aioredis.Redis, day: date) -> None:
    """28 conversations on `day`, shaped so each rule shows."""
    noon = datetime(day.year, day.month, day.day, 12, 0, tzinfo=ZONE)
    ms = int(noon.timestamp() * 1000)
    # 20 answered victims: minors, Dutch, sexual exploitation, referred to Fier, answered within a minute.
    for _ in range(20):
        await _record(redis, noon, role="victim", minor="1", language="nl", signals='["sexual_exploitation"]',
                      outcome="referred", referral="fier", claimed_at=str(ms + 30_000), wait_s="30",
                      closed_at=str(ms + 900_000), tags=f'["{SECRET_TAG}"]')
    # 3 witnesses, adults, English, answered after 10 minutes, advice given, another referral.
    for _ in range(3):
        await _record(redis, noon, role="witness", minor="0", language="en", signals="[]",
                      outcome="advice_given", referral="my own words", claimed_at=str(ms + 600_000), wait_s="600",
                      closed_at=str(ms + 1_200_000))
    # 5 who gave up after 12 minutes, nothing known about them.
    for _ in range(5):
        await _record(redis, noon, ended_by="gave_up", closed_at=str(ms + 720_000))


async def test_report_counts_and_suppresses(server: str, make_user: Callable[..., Any],
                                            redis: aioredis.Redis) -> None:
    make_user("sam", role="supervisor")
    day = date(2026, 3, 10)
    await _fill(redis, day)
    # Outside the range: not counted.
    await _record(redis, datetime(2026, 3, 11, 0, 30, tzinfo=ZONE), role="victim")
    await _record(redis, datetime(2026, 3, 9, 23, 59, tzinfo=ZONE), role="victim")
    async with aiohttp.ClientSession() as http:
        auth = {"Authorization": f"Bearer {await login(server, 'sam', PASSWORD)}"}
        async with http.get(f"{server}/api/supervisor/report?from=2026-03-10&to=2026-03-10&lang=en",
                            headers=auth) as response:
            assert response.status == 200
            report = await response.json()
        async with http.get(f"{server}/api/supervisor/report.csv?from=2026-03-10&to=2026-03-10",
                            headers=auth) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/csv")
            assert "helpline-report-2026-03-10-2026-03-10.csv" in response.headers["Content-Disposition"]
            text = (await response.read()).decode("utf-8-sig")

    dims = {d: {r["code"]: r["value"] for r in rows} for d, rows in report["dimensions"].items()}
    assert (report["from"], report["to"], report["per"], report["small"]) == ("2026-03-10", "2026-03-10", "day", 5)
    assert dims["total"] == {"all": 28}
    assert dims["period"] == {"2026-03-10": 28}
    # The 3 witnesses are hidden with the two roles nobody had: three hidden cells protect each other.
    assert dims["role"] == {"victim": 20, "witness": SUPPRESSED, "professional": SUPPRESSED,
                            "perpetrator": SUPPRESSED, "unknown": 5}
    # The 3 adults are the only hidden age group: 28 - 20 - 5 would give them away, so the 5 are hidden too.
    assert dims["age_group"] == {"minor": 20, "adult": SUPPRESSED, "unknown": SECONDARY}
    # The UI languages are always listed: the 3 in English hide among French and "other", nobody's.
    assert dims["language"] == {"nl": 20, "en": SUPPRESSED, "fr": SUPPRESSED, "other": SUPPRESSED, "unknown": 5}
    assert dims["signal"]["sexual_exploitation"] == 20 and dims["signal"]["none"] == 8
    assert dims["signal"]["grooming"] == SUPPRESSED
    assert dims["outcome"]["referred"] == 20 and dims["outcome"]["gave_up"] == 5
    assert dims["outcome"]["advice_given"] == SUPPRESSED
    # A referral that is no directory id is "other": free text never reaches the report.
    # Every directory code is listed: the 3 "other" hide among the codes nobody was referred to.
    assert dims["referral"]["fier"] == 20 and dims["referral"]["none"] == 5
    assert dims["referral"]["other"] == SUPPRESSED and len(dims["referral"]) > 4
    assert {v for k, v in dims["referral"].items() if k not in {"fier", "none"}} == {SUPPRESSED}
    assert dims["wait_outcome"] == {"answered": 23, "gave_up": 5, "waiting": SUPPRESSED, "offline": SUPPRESSED}
    assert dims["wait_answered"]["lt_1m"] == 20 and dims["wait_answered"]["5m_15m"] == SUPPRESSED
    assert dims["wait_gave_up"]["5m_15m"] == 5
    assert dims["wait_seconds"] == {"median_answered": 30, "median_gave_up": 720}
    labels = {(d, r["code"]): r["label"] for d, rows in report["dimensions"].items() for r in rows}
    assert labels[("referral", "fier")] == "Fier" and labels[("age_group", "minor")] == "minor"

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["dimension", "code", "label", "value"]
    as_csv = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert as_csv[("total", "all")] == "28" and as_csv[("role", "witness")] == "<5"
    assert as_csv[("age_group", "unknown")] == "x" and as_csv[("referral", "other")] == "<5"
    assert ("age_group", "minor") in as_csv and [r for r in rows if r[:2] == ["age_group", "minor"]][0][2] == "minderjarig"
    # Every value is a count of at least 5, "<5" or "x"; no free text anywhere.
    for r in rows[1:]:
        assert r[3] in {"<5", "x"} or int(r[3]) >= 5, r
    assert SECRET_TAG not in text and "my own words" not in text
    assert not any(len(c) == 32 and c.isalnum() for r in rows for c in r)  # no conversation ids


async def test_a_real_conversation_is_counted(server: str, make_user: Callable[..., Any],
                                              redis: aioredis.Redis) -> None:
    """Through the real flow (visitor, claim, close with outcome and a directory referral): the report reads
    the fields the server writes."""
    make_user("cor")
    make_user("sam", role="supervisor")
    staff = await counsellor(server, await login(server, "cor", PASSWORD))
    kid, session = await visitor(server)
    cid = session["conversation_id"]
    await say(kid, "hallo")
    assert (await claim_when_queued(staff, cid))["ok"]
    assert (await staff.call("close", {"conversation_id": cid, "outcome": "referred", "referral": "fier"}))["ok"]
    # Four more like it, written as records, so that the cells reach 5 and show.
    today = datetime.now(ZONE)
    for _ in range(4):
        await _record(redis, today, outcome="referred", referral="fier", claimed_at=str(int(today.timestamp() * 1000)),
                      wait_s="1")
    day = today.date().isoformat()
    async with aiohttp.ClientSession() as http:
        auth = {"Authorization": f"Bearer {await login(server, 'sam', PASSWORD)}"}
        async with http.get(f"{server}/api/supervisor/report?from={day}&to={day}", headers=auth) as response:
            report = await response.json()
    dims = {d: {r["code"]: r["value"] for r in rows} for d, rows in report["dimensions"].items()}
    assert dims["total"]["all"] == 5
    assert dims["outcome"]["referred"] == 5 and dims["referral"]["fier"] == 5
    assert dims["wait_outcome"]["answered"] == 5
    await kid.close()
    await staff.close()


async def test_report_access_and_bad_ranges(server: str, make_user: Callable[..., Any], redis: aioredis.Redis) -> None:
    make_user("cor")
    make_user("sam", role="supervisor")
    make_user("ada", role="admin")
    ok = "?from=2026-01-01&to=2026-01-31"
    async with aiohttp.ClientSession() as http:
        tokens = {n: await login(server, n, PASSWORD) for n in ("cor", "sam", "ada")}
        for path in ("/api/supervisor/report", "/api/supervisor/report.csv"):
            async with http.get(server + path + ok) as response:
                assert response.status == 401
            async with http.get(server + path + ok, headers={"Authorization": f"Bearer {tokens['cor']}"}) as response:
                assert response.status == 403 and (await response.json())["error"] == "not_allowed"
            for who in ("sam", "ada"):
                async with http.get(server + path + ok, headers={"Authorization": f"Bearer {tokens[who]}"}) as response:
                    assert response.status == 200
            for query in ("", "?from=2026-01-01", "?to=2026-01-01", "?from=2026-02-01&to=2026-01-01",
                          "?from=2026-1-1&to=2026-01-31", "?from=yesterday&to=today", "?from=2024-01-01&to=2026-01-01",
                          ok + "&per=year", "?from=2026-02-30&to=2026-03-01"):
                async with http.get(server + path + query, headers={"Authorization": f"Bearer {tokens['sam']}"}) as response:
                    assert response.status == 400, query
                    assert (await response.json())["error"] == "bad_request"
        # An empty month: every cell hidden, periods per day.
        async with http.get(server + "/api/supervisor/report" + ok, headers={"Authorization": f"Bearer {tokens['sam']}"}) as response:
            report = await response.json()
        assert report["per"] == "day" and len(report["dimensions"]["period"]) == 31
        assert {r["value"] for rows in report["dimensions"].values() for r in rows} == {SUPPRESSED}
        async with http.get(server + "/api/supervisor/report?from=2026-01-01&to=2026-06-30",
                            headers={"Authorization": f"Bearer {tokens['sam']}"}) as response:
            assert (await response.json())["dimensions"]["period"][0]["code"] == "2026-W01"
        async with http.get(server + "/api/supervisor/report?from=2026-01-01&to=2026-12-31",
                            headers={"Authorization": f"Bearer {tokens['sam']}"}) as response:
            assert [r["code"] for r in (await response.json())["dimensions"]["period"]][:2] == ["2026-01", "2026-02"]
    # Downloads are in the audit log (the JSON view for the charts is not).
    entries = [(f[b"actor"], f[b"action"], f[b"target"]) for _, f in await redis.xrange(keys.AUDIT)]
    assert entries.count((b"sam", b"report.export", b"2026-01-01..2026-01-31")) == 1
    assert entries.count((b"ada", b"report.export", b"2026-01-01..2026-01-31")) == 1


def _bounds(cells: dict[str, Any], counts: dict[str, int]) -> dict[str, tuple[int, int]]:
    """What a reader of one published partition can work out about each "<5" cell: the total is published
    (every partition adds up to it), "<5" is 0-4, and "x" is at least 5 and, being the smallest cell shown
    before it was hidden, at most every count still shown. Returns code -> (lowest, highest) possible."""
    total = sum(counts.values())
    shown = [v for v in cells.values() if isinstance(v, int)]
    hidden_sum = total - sum(shown)
    x_high = min(shown) if shown else hidden_sum
    low = {c: 0 if v == SUPPRESSED else 5 for c, v in cells.items() if not isinstance(v, int)}
    high = {c: 4 if v == SUPPRESSED else x_high for c, v in cells.items() if not isinstance(v, int)}
    out = {}
    for code, value in cells.items():
        if value == SUPPRESSED:
            others_high = sum(h for c, h in high.items() if c != code)
            others_low = sum(lo for c, lo in low.items() if c != code)
            out[code] = (max(0, hidden_sum - others_high), min(4, hidden_sum - others_low))
    return out


@pytest.mark.parametrize("counts", [
    {"a": 4, "b": 4, "c": 30},  # two hidden cells adding up to 8 are both 4
    {"a": 4, "b": 10, "c": 10, "d": 30},  # "x" (10) is at most the other 10: a + x = 14 gives a = 4
    {"a": 3, "b": 5, "c": 5, "d": 40},  # "x" is at least and at most 5: a = 3
    {"a": 4, "b": 3, "c": 4, "d": 50},  # three hidden cells adding up to 11: each is at least 3
    {"a": 1, "b": 4, "c": 9, "d": 9},  # 1 + 4 = 5: each is at least 1, so neither category is empty
])
def test_no_hidden_cell_can_be_worked_out(counts: dict[str, int]) -> None:
    """Nothing a reader can compute from one partition tells that a hidden category holds anybody."""
    cells = suppress(counts, partition=True)
    for code, (low, high) in _bounds(cells, counts).items():
        assert low == 0, (counts, cells, code, low, high)


@pytest.mark.parametrize("counts", [
    {"a": 3, "b": 7, "c": 20}, {"a": 3, "b": 1, "c": 7, "d": 20}, {"a": 0, "b": 0, "c": 9},
    {"a": 2, "b": 0, "c": 0, "d": 5, "e": 40}, {"a": 30, "b": 9},
])
def test_suppression_hides_no_more_than_needed(counts: dict[str, int]) -> None:
    cells = suppress(counts, partition=True)
    assert all(low == 0 for low, _ in _bounds(cells, counts).values())
    # The largest count always stays readable.
    biggest = max(counts, key=lambda c: counts[c])
    assert cells[biggest] == counts[biggest] or counts[biggest] < 5


async def test_rare_languages_and_referrals_do_not_show_that_they_occurred(
    server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    """A category that appears only when someone is in it gives that away even as "<5": one Tigrinya
    speaker on a given day, one referral to a small organisation. Rare languages are counted as "other";
    every directory code is listed, used or not."""
    make_user("sam", role="supervisor")
    noon = datetime(2026, 3, 10, 12, 0, tzinfo=ZONE)
    for _ in range(30):
        await _record(redis, noon, language="nl", referral="fier", outcome="referred")
    await _record(redis, noon, language="ti", referral="")
    await _record(redis, noon, language="so", referral="")
    async with aiohttp.ClientSession() as http:
        auth = {"Authorization": f"Bearer {await login(server, 'sam', PASSWORD)}"}
        async with http.get(f"{server}/api/directory",
                            headers=auth) as response:
            directory = [o["id"] for o in (await response.json())["organisations"]]
        async with http.get(f"{server}/api/supervisor/report?from=2026-03-10&to=2026-03-10",
                            headers=auth) as response:
            report = await response.json()
        async with http.get(f"{server}/api/supervisor/report.csv?from=2026-03-10&to=2026-03-10",
                            headers=auth) as response:
            text = (await response.read()).decode("utf-8-sig")
    dims = {d: {r["code"]: r["value"] for r in rows} for d, rows in report["dimensions"].items()}
    assert "ti" not in dims["language"] and "so" not in dims["language"]
    assert dims["language"]["other"] == SUPPRESSED and dims["language"]["nl"] == 30
    assert ",ti," not in text and ",so," not in text
    assert len(directory) > 2 and set(directory) <= set(dims["referral"])
    assert all(dims["referral"][code] == SUPPRESSED for code in directory if code != "fier")


def test_one_quantity_has_one_suppressed_value_in_every_table() -> None:
    """Visitors who gave up are counted in `outcome` and in `wait_outcome`: an "x" in one table must not be
    shown in the other (the shown copy would give the "x", and the total minus the rest a "<5"). A table
    that splits the hidden cell (`wait_gave_up`) is hidden whole, or its sum would show it."""
    import vocabulary
    from chat.report import Tally, build

    done, *rest = [*vocabulary.OUTCOMES, "none", "open"]
    tallied = Tally()
    # Every other outcome holds 4: the "<5" cells must all be 4, so the smallest shown one (gave_up) is "x".
    for code, n in ((done, 30), *((r, 4) for r in rest), ("gave_up", 7)):
        tallied.add("outcome", code, n)
    rare = rest[0]
    tallied.add("total", "all", 37 + 4 * len(rest))
    tallied.add("wait_outcome", "answered", 30 + 4 * len(rest))
    tallied.add("wait_outcome", "gave_up", 7)
    tallied.add("wait_gave_up", "lt_1m", 7)
    report = build(tallied, date(2026, 1, 1), date(2026, 1, 1), "day")
    cells = {d: {row["code"]: row["value"] for row in rows} for d, rows in report["dimensions"].items()}
    assert cells["outcome"][rare] == SUPPRESSED
    assert cells["outcome"]["gave_up"] == cells["wait_outcome"]["gave_up"] == SECONDARY
    assert all(not isinstance(v, int) for v in cells["wait_gave_up"].values()), cells["wait_gave_up"]
    # Complementary suppression still holds in each table.
    for dimension in ("outcome", "wait_outcome", "wait_gave_up"):
        counts = {code: tallied.counts[dimension].get(code, 0) for code in cells[dimension]}
        for code, (low, _) in _bounds(cells[dimension], counts).items():
            assert low == 0, (dimension, code, cells[dimension])


async def test_gave_up_is_the_same_conversations_in_outcome_and_wait_outcome() -> None:
    """Closed before anyone answered (and not left while closed) is `gave_up` in both tables, whatever else
    the record says, so the two cells are one quantity."""
    from chat.records import ConversationRecord
    from chat.report import tally

    now = 1_780_000_000_000
    records = [ConversationRecord.from_hash(uuid.uuid4().hex, {
        "status": "closed", "created": str(now), "queued_at": str(now), "closed_at": str(now + 60_000),
        "outcome": outcome}) for outcome in ("", "other", "")]
    counted = tally(records, ZONE, "day", set())
    assert counted.counts["outcome"].get("gave_up") == counted.counts["wait_outcome"].get("gave_up") == 3


@pytest.fixture
def capped_env(settings_env: dict[str, str]) -> dict[str, str]:
    settings_env["HELPLINE_REPORT_MAX_CONVERSATIONS"] = "3"
    return settings_env


async def test_a_report_counts_at_most_the_configured_conversations(
    capped_env: dict[str, str], server: str, make_user: Callable[..., Any], redis: aioredis.Redis
) -> None:
    """However long the period, one report reads at most HELPLINE_REPORT_MAX_CONVERSATIONS records; a
    period holding more is refused with a clear error (counted in Redis first, nothing read)."""
    make_user("sam", role="supervisor")
    for day in (2, 3, 4):
        await _record(redis, datetime(2026, 1, day, 12, tzinfo=ZONE), outcome="other")
    year = "?from=2026-01-01&to=2026-12-31"
    async with aiohttp.ClientSession() as http:
        auth = {"Authorization": f"Bearer {await login(server, 'sam', PASSWORD)}"}
        async with http.get(server + "/api/supervisor/report" + year, headers=auth) as response:
            assert response.status == 200
        await _record(redis, datetime(2026, 6, 1, 12, tzinfo=ZONE))
        for path in ("/api/supervisor/report", "/api/supervisor/report.csv"):
            async with http.get(server + path + year, headers=auth) as response:
                body = await response.json()
                assert response.status == 400 and body["error"] == "bad_request"
                assert "4 conversations" in body["detail"] and "HELPLINE_REPORT_MAX_CONVERSATIONS" in body["detail"]
        # A shorter period that holds fewer still works.
        async with http.get(server + "/api/supervisor/report?from=2026-01-01&to=2026-01-31", headers=auth) as response:
            assert response.status == 200
