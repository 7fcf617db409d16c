"""Anonymised statistics for funders and the ministry (docs/operations.md, "Reporting").

Counts of the conversations that entered the queue in a period (`hl:started`, by day in
HELPLINE_TIMEZONE), broken down one way at a time: per period, role, signal, age group, language,
outcome, referral and waiting time, including visitors who left before anyone answered. Only codes from
the vocabulary, the directory's ids and language codes appear: no free text (tags, notes, messages)
and no conversation ids or counsellor names.

Small cells could point at a person, so every count under SMALL (0 to 4) is written "<5". In a list whose
counts add up to a shown total (the periods, roles, age groups ...), the total minus the shown cells could
tell that a hidden cell holds somebody; the smallest shown cells are then hidden as well, written "x",
until it cannot (`suppress`). Signals are not such a list (a conversation can have several). Languages
and referrals list a fixed set of codes, so that no row appears only because somebody is in it. Waiting-time medians are given only over at least SMALL conversations.

One quantity published in two tables has one suppressed value (`SAME`): visitors who gave up are both
`outcome.gave_up` and `wait_outcome.gave_up`, and a cell hidden in one is hidden in the other (else the
shown copy would undo the hiding, and the total minus the rest would then give away a "<5"). A table that
splits a hidden cell (`SPLITS`: `wait_gave_up` adds up to `wait_outcome.gave_up`) is hidden whole, since
its sum would show the hidden cell. Complementary suppression then runs again until nothing changes.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import vocabulary
from chat.errors import ErrorCode, HelplineError
from chat.records import ConversationRecord
from chat.store import ConversationStore
from vocabulary import Outcome, Role

SMALL = 5  # counts below this are suppressed
SUPPRESSED = "<5"
SECONDARY = "x"
MAX_DAYS = 366
# Days a report may name: far from date.min and date.max, whose neighbours do not exist.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)
BATCH = 1000
FIELDS = ["queued_at", "claimed_at", "closed_at", "wait_s", "role", "minor", "language", "lang", "signals",
          "outcome", "referral", "ended_by", "offline", "quick_exit"]

# Waiting-time buckets: upper bounds in seconds, and their codes.
WAIT_BUCKETS: tuple[tuple[int, str], ...] = (
    (60, "lt_1m"), (300, "1m_5m"), (900, "5m_15m"), (1800, "15m_30m"), (3600, "30m_60m"), (10**12, "ge_60m"),
)
WAIT_LABELS: dict[str, dict[str, str]] = {
    "lt_1m": {"nl": "korter dan 1 minuut", "en": "under 1 minute", "fr": "moins d’1 minute"},
    "1m_5m": {"nl": "1–5 minuten", "en": "1–5 minutes", "fr": "1–5 minutes"},
    "5m_15m": {"nl": "5–15 minuten", "en": "5–15 minutes", "fr": "5–15 minutes"},
    "15m_30m": {"nl": "15–30 minuten", "en": "15–30 minutes", "fr": "15–30 minutes"},
    "30m_60m": {"nl": "30–60 minuten", "en": "30–60 minutes", "fr": "30–60 minutes"},
    "ge_60m": {"nl": "een uur of langer", "en": "an hour or more", "fr": "une heure ou plus"},
}
OWN_LABELS: dict[str, dict[str, str]] = {
    "all": {"nl": "alle contacten", "en": "all contacts", "fr": "tous les contacts"},
    "minor": {"nl": "minderjarig", "en": "minor", "fr": "mineur·e"},
    "adult": {"nl": "volwassen", "en": "adult", "fr": "adulte"},
    "unknown": {"nl": "onbekend", "en": "unknown", "fr": "inconnu"},
    "none": {"nl": "geen", "en": "none", "fr": "aucun"},
    "other": {"nl": "andere", "en": "other", "fr": "autre"},
    "open": {"nl": "nog niet afgesloten", "en": "not closed yet", "fr": "pas encore clôturée"},
    "gave_up": {"nl": "bezoeker weg vóór antwoord", "en": "visitor gone before an answer",
                "fr": "visiteur parti avant une réponse"},
    "answered": {"nl": "beantwoord", "en": "answered", "fr": "répondu"},
    "waiting": {"nl": "wacht nog", "en": "still waiting", "fr": "attend encore"},
    "offline": {"nl": "bericht buiten openingstijd", "en": "message left while closed",
                "fr": "message laissé hors des heures d’ouverture"},
    "median_answered": {"nl": "mediaan wachttijd tot antwoord (s)", "en": "median wait until answered (s)",
                        "fr": "attente médiane jusqu’à la réponse (s)"},
    "median_gave_up": {"nl": "mediaan wachttijd tot vertrek (s)", "en": "median wait until the visitor left (s)",
                       "fr": "attente médiane jusqu’au départ (s)"},
}
# Dimensions in the order of the CSV and the charts; True: its counts add up to a shown total.
DIMENSIONS: tuple[tuple[str, bool], ...] = (
    ("total", False), ("period", True), ("role", True), ("age_group", True), ("signal", False),
    ("language", True), ("outcome", True), ("referral", True), ("wait_outcome", True),
    ("wait_answered", True), ("wait_gave_up", True), ("wait_seconds", False),
)

Cell = int | str

# Cells that count the same conversations in two tables: one quantity, one suppressed value.
SAME: tuple[tuple[tuple[str, str], ...], ...] = ((("outcome", "gave_up"), ("wait_outcome", "gave_up")),)
# Tables whose cells add up to a cell of another table: hidden whole when that cell is hidden.
SPLITS: dict[str, tuple[str, str]] = {"wait_gave_up": ("wait_outcome", "gave_up")}


@dataclass
class Tally:
    """Raw counts per dimension (before suppression): dimension -> code -> count."""

    counts: dict[str, dict[str, int]] = field(default_factory=lambda: {d: {} for d, _ in DIMENSIONS})
    answered_waits: list[int] = field(default_factory=list)
    gave_up_waits: list[int] = field(default_factory=list)

    def add(self, dimension: str, code: str, n: int = 1) -> None:
        row = self.counts[dimension]
        row[code] = row.get(code, 0) + n


def parse_day(value: str | None, name: str) -> date:
    if not value:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' is required: a date YYYY-MM-DD")
    try:
        day = date.fromisoformat(value) if len(value) == 10 else _bad(name)
    except ValueError:
        return _bad(name)
    return day if FIRST_DAY <= day <= LAST_DAY else _bad(name)


def _bad(name: str) -> date:
    raise HelplineError(ErrorCode.BAD_REQUEST,
                        f"'{name}' must be a date YYYY-MM-DD between {FIRST_DAY} and {LAST_DAY}")


def period_range(query: dict[str, str]) -> tuple[date, date, str]:
    """`from`, `to` (inclusive) and `per` (day, week, month; chosen by the length when absent)."""
    first, last = parse_day(query.get("from"), "from"), parse_day(query.get("to"), "to")
    if last < first:
        raise HelplineError(ErrorCode.BAD_REQUEST, "'to' is before 'from'")
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"a report covers at most {MAX_DAYS} days")
    per = query.get("per") or ("day" if days <= 31 else "week" if days <= 183 else "month")
    if per not in {"day", "week", "month"}:
        raise HelplineError(ErrorCode.BAD_REQUEST, "'per' must be day, week or month")
    return first, last, per


def _period_of(moment: datetime, per: str) -> str:
    if per == "day":
        return moment.strftime("%Y-%m-%d")
    if per == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return moment.strftime("%Y-%m")


def _periods(first: date, last: date, per: str) -> list[str]:
    out: list[str] = []
    day = first
    while day <= last:
        code = _period_of(datetime.combine(day, time()), per)
        if not out or out[-1] != code:
            out.append(code)
        day += timedelta(days=1)
    return out


def _bucket(seconds: int) -> str:
    return next(code for bound, code in WAIT_BUCKETS if seconds < bound)


def tally(records: list[ConversationRecord], zone: ZoneInfo, per: str, directory_ids: set[str],
          into: Tally | None = None) -> Tally:
    """Count `records` (into `into` when given: a report counts batch by batch)."""
    out = into if into is not None else Tally()
    for r in records:
        out.add("total", "all")
        moment = datetime.fromtimestamp((r.queued_at_ms or r.created_ms) / 1000, zone)
        out.add("period", _period_of(moment, per))
        out.add("role", r.role or Role.UNKNOWN)
        out.add("age_group", "unknown" if r.minor is None else "minor" if r.minor else "adult")
        for code in r.signals or ["none"]:
            out.add("signal", code if code in vocabulary.SIGNALS or code == "none" else "other")
        out.add("language", (r.language or r.lang or "unknown").lower()[:8])
        closed = r.closed_at_ms is not None
        answered = r.claimed_at_ms is not None
        if closed and not answered and not r.offline:
            # Left the queue before anyone answered (gave up, quick exit or ended): exactly the
            # conversations of wait_outcome's gave_up, so the two cells are one quantity (SAME).
            outcome = "gave_up"
        elif r.outcome in vocabulary.OUTCOMES:
            outcome = r.outcome
        elif not closed:
            outcome = "open"
        else:
            outcome = "none"
        out.add("outcome", outcome)
        out.add("referral", "none" if not r.referral else r.referral if r.referral in directory_ids else "other")
        if r.offline and not answered:
            out.add("wait_outcome", "offline")  # left outside opening hours: no waiting time to speak of
        elif answered:
            out.add("wait_outcome", "answered")
            if not r.offline:
                wait = r.wait_s if r.wait_s is not None else max(0, ((r.claimed_at_ms or 0) - (r.queued_at_ms or 0)) // 1000)
                out.add("wait_answered", _bucket(wait))
                out.answered_waits.append(wait)
        elif closed:
            out.add("wait_outcome", "gave_up")
            waited = max(0, ((r.closed_at_ms or 0) - (r.queued_at_ms or r.closed_at_ms or 0)) // 1000)
            out.add("wait_gave_up", _bucket(waited))
            out.gave_up_waits.append(waited)
        else:
            out.add("wait_outcome", "waiting")
    return out


def _exposed(counts: dict[str, int], cells: dict[str, Cell]) -> bool:
    """Whether a reader of this partition (its counts add up to the published total) can tell that a "<5"
    category is not empty: "<5" is 0 to SMALL-1, "x" at least SMALL and at most every count still shown
    (it was the smallest), and the hidden cells add up to the total minus the shown ones."""
    shown = [counts[c] for c, cell in cells.items() if isinstance(cell, int)]
    hidden = [c for c, cell in cells.items() if not isinstance(cell, int)]
    hidden_sum = sum(counts[c] for c in hidden)
    x_high = min(shown) if shown else hidden_sum
    high = {c: SMALL - 1 if cells[c] == SUPPRESSED else x_high for c in hidden}
    all_high = sum(high.values())
    return any(hidden_sum - (all_high - high[c]) >= 1 for c in hidden if cells[c] == SUPPRESSED)


def suppress(counts: dict[str, int], partition: bool, hide: frozenset[str] = frozenset()) -> dict[str, Cell]:
    """Counts under SMALL become "<5", and the codes in `hide` (hidden in another table) "x". In a partition,
    while the total minus the shown counts would still tell that a hidden category holds somebody (one
    hidden cell; hidden cells that must all be 4; an "x" as small as the next shown count), the smallest
    shown count becomes "x" as well."""
    cells: dict[str, Cell] = {code: (SUPPRESSED if n < SMALL else SECONDARY if code in hide else n)
                              for code, n in counts.items()}
    while partition and _exposed(counts, cells):
        shown = sorted((n, code) for code, n in counts.items() if isinstance(cells[code], int))
        if not shown:
            break  # every cell is hidden already; only the total is left
        cells[shown[0][1]] = SECONDARY
    return cells


def suppress_linked(all_counts: dict[str, dict[str, int]]) -> dict[str, dict[str, Cell]]:
    """`suppress` for every table, with the cells of one quantity hidden alike in every table that shows it
    (SAME) and a table that splits a hidden cell hidden whole (SPLITS), until nothing changes."""
    partitions = dict(DIMENSIONS)
    hide: dict[str, set[str]] = {dimension: set() for dimension in all_counts}
    while True:
        cells = {d: suppress(c, partitions[d], frozenset(hide[d])) for d, c in all_counts.items()}
        before = sum(len(h) for h in hide.values())
        for group in SAME:
            if any(not isinstance(cells[d][code], int) for d, code in group if d in cells):
                for d, code in group:
                    if d in hide:
                        hide[d].add(code)
        for split, (d, code) in SPLITS.items():
            if split in hide and d in cells and not isinstance(cells[d][code], int):
                hide[split].update(all_counts[split])
        if sum(len(h) for h in hide.values()) == before:
            return cells


def _median(values: list[int]) -> Cell:
    return int(statistics.median(values)) if len(values) >= SMALL else SUPPRESSED


def _codes(dimension: str, first: date, last: date, per: str) -> list[str]:
    """Every category a dimension always lists (zeros included), in display order."""
    fixed: dict[str, list[str]] = {
        "total": ["all"],
        "period": _periods(first, last, per),
        "role": list(vocabulary.ROLES),
        "age_group": ["minor", "adult", "unknown"],
        "signal": [*vocabulary.SIGNALS, "none"],
        "outcome": [*vocabulary.OUTCOMES, "gave_up", "none", "open"],
        "language": [*vocabulary.UI_LANGUAGES, "other", "unknown"],
        "wait_outcome": ["answered", "gave_up", "waiting", "offline"],
        "wait_answered": [code for _, code in WAIT_BUCKETS],
        "wait_gave_up": [code for _, code in WAIT_BUCKETS],
    }
    return fixed.get(dimension, [])


def _fold_rare(counts: dict[str, int], listed: list[str]) -> dict[str, int]:
    """Categories outside the fixed list with fewer than SMALL counts go to "other": a row that appears
    only when somebody is in it would tell so even as "<5" (one speaker of a rare language that day)."""
    out = {code: n for code, n in counts.items() if code in listed or n >= SMALL}
    rare = sum(n for code, n in counts.items() if code not in out)
    if rare:
        out["other"] = out.get("other", 0) + rare
    return out


def build(tallied: Tally, first: date, last: date, per: str, directory_ids: list[str] | None = None) -> dict[str, Any]:
    """The suppressed report: {"from", "to", "per", "small": 5, "dimensions": {dimension: [{"code", "value"}]}}.
    `directory_ids`: every referral code is listed, used or not."""
    all_counts: dict[str, dict[str, int]] = {}
    for dimension, _ in DIMENSIONS:
        if dimension == "wait_seconds":
            continue
        order = _codes(dimension, first, last, per)
        if dimension == "referral":
            order = [*(directory_ids or []), "other", "none"]
        raw = tallied.counts[dimension]
        if dimension in {"language", "referral"}:
            raw = _fold_rare(raw, order)
        # Categories outside the fixed list (languages, referrals) in order of size, then name.
        extra = sorted((c for c in raw if c not in order), key=lambda c: (-raw[c], c))
        all_counts[dimension] = {code: raw.get(code, 0) for code in [*order, *extra]}
    all_cells = suppress_linked(all_counts)
    dimensions: dict[str, list[dict[str, Cell]]] = {}
    for dimension, _ in DIMENSIONS:
        if dimension == "wait_seconds":
            dimensions[dimension] = [{"code": "median_answered", "value": _median(tallied.answered_waits)},
                                     {"code": "median_gave_up", "value": _median(tallied.gave_up_waits)}]
            continue
        cells = all_cells[dimension]
        dimensions[dimension] = [{"code": code, "value": cells[code]} for code in all_counts[dimension]]
    return {"from": first.isoformat(), "to": last.isoformat(), "per": per, "small": SMALL, "dimensions": dimensions}


def _bounds_ms(first: date, last: date, zone: ZoneInfo) -> tuple[float, float]:
    start = datetime.combine(first, time(), zone).timestamp() * 1000
    end = datetime.combine(last + timedelta(days=1), time(), zone).timestamp() * 1000
    return start, end


async def load_records(store: ConversationStore, first: date, last: date, zone: ZoneInfo) -> list[ConversationRecord]:
    """Every record of the period at once (small periods and tests; reports use `collect`)."""
    cids = await store.started_between(*_bounds_ms(first, last, zone))
    out: list[ConversationRecord] = []
    for i in range(0, len(cids), BATCH):
        out += [r for r in await store.get_many(cids[i:i + BATCH], FIELDS) if r is not None]
    return out


async def collect(store: ConversationStore, first: date, last: date, zone: ZoneInfo, per: str,
                  directory_ids: set[str], max_conversations: int) -> Tally:
    """The tally of a period with bounded cost: refused (`bad_request`) when the period holds more than
    `max_conversations` (counted first, in Redis), else read and counted BATCH records at a time, so a
    year of a busy helpline never sits in memory as records."""
    start, end = _bounds_ms(first, last, zone)
    held = await store.count_started_between(start, end)
    if max_conversations and held > max_conversations:
        raise HelplineError(ErrorCode.BAD_REQUEST,
                            f"this period holds {held} conversations, more than a report counts "
                            f"(HELPLINE_REPORT_MAX_CONVERSATIONS = {max_conversations}); choose a shorter period")
    out = Tally()
    cids = await store.started_between(start, end)
    for i in range(0, len(cids), BATCH):
        tally([r for r in await store.get_many(cids[i:i + BATCH], FIELDS) if r is not None], zone, per,
              directory_ids, into=out)
    return out


def label(dimension: str, code: str, lang: str, directory: dict[str, str]) -> str:
    """A code's label in a UI language, for the CSV; the code itself when there is none."""
    labels: dict[str, str] | None = None
    if dimension == "role" and code in vocabulary.ROLES:
        labels = vocabulary.ROLE_LABELS[Role(code)]
    elif dimension == "signal" and code in vocabulary.SIGNALS:
        labels = vocabulary.SIGNAL_LABELS[vocabulary.Signal(code)]
    elif dimension == "outcome" and code in vocabulary.OUTCOMES:
        labels = vocabulary.OUTCOME_LABELS[Outcome(code)]
    elif dimension in {"wait_answered", "wait_gave_up"}:
        labels = WAIT_LABELS.get(code)
    elif dimension == "referral" and code in directory:
        return directory[code]
    elif dimension in {"total", "age_group", "signal", "outcome", "referral", "wait_outcome", "wait_seconds",
                       "language"}:
        labels = OWN_LABELS.get(code)
    if labels is None:
        return code
    return labels.get(lang) or labels.get(vocabulary.DEFAULT_LANGUAGE, code)


def _csv_safe(text: str) -> str:
    # A spreadsheet runs a cell that starts with one of these as a formula.
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def to_csv(report: dict[str, Any], lang: str, directory: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["dimension", "code", "label", "value"])
    for dimension, rows in report["dimensions"].items():
        for row in rows:
            code = str(row["code"])
            writer.writerow([dimension, _csv_safe(code), _csv_safe(label(dimension, code, lang, directory)),
                             row["value"]])
    return buffer.getvalue()
