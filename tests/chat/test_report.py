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
    assert dims["language"] == {"nl": 20, "unknown": SECONDARY, "en": SUPPRESSED}
    assert dims["signal"]["sexual_exploitation"] == 20 and dims["signal"]["none"] == 8
    assert dims["signal"]["grooming"] == SUPPRESSED
    assert dims["outcome"]["referred"] == 20 and dims["outcome"]["gave_up"] == 5
    assert dims["outcome"]["advice_given"] == SUPPRESSED
    # A referral that is no directory id is "other": free text never reaches the report.
    assert dims["referral"] == {"fier": 20, "none": SECONDARY, "other": SUPPRESSED}
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
