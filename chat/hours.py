"""Opening hours, e.g. HELPLINE_OPENING_HOURS="mon-fri 09:00-22:00; sat,sun 12:00-20:00" or "always".

Outside them (or when no counsellor is online) visitors get what to do now and may leave a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from redis.asyncio import Redis

from chat import keys
from chat.records import as_text

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Window:
    days: frozenset[int]
    start: time
    end: time  # 24:00 is written as time.max


def _parse_time(text: str) -> time:
    if text == "24:00":
        return time.max
    hour, minute = text.split(":")
    if len(minute) != 2 or not hour.isdigit() or not minute.isdigit():
        raise ValueError(f"not a time: {text!r}")
    return time(int(hour), int(minute))


ALWAYS = frozenset({"", "always", "24/7"})


def parse_windows(spec: str) -> list[Window]:
    """The windows of a spec ([] for always open); ValueError when it is not in the documented form."""
    spec = spec.strip().lower()
    if spec in ALWAYS:
        return []
    windows = []
    try:
        for chunk in spec.split(";"):
            chunk = chunk.strip()
            if not chunk:
                continue
            days, span = chunk.split()
            start, end = span.split("-")
            windows.append(Window(frozenset(_parse_days(days)), _parse_time(start), _parse_time(end)))
    except (ValueError, IndexError) as exc:
        raise ValueError(f"{spec!r} is not like 'mon-fri 09:00-22:00; sat,sun 12:00-20:00'") from exc
    if not windows:
        raise ValueError(f"{spec!r} names no opening window")
    return windows


def _parse_days(text: str) -> set[int]:
    days: set[int] = set()
    for part in text.split(","):
        if "-" in part:
            first, last = (DAYS.index(p) for p in part.split("-"))
            days.update(range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)])
        else:
            days.add(DAYS.index(part))
    return days


class OpeningHours:
    def __init__(self, spec: str, timezone: str) -> None:
        self.spec = spec.strip().lower()
        self.zone = ZoneInfo(timezone)
        try:
            self.windows: list[Window] = parse_windows(spec)
        except ValueError as exc:
            raise SystemExit(
                f"HELPLINE_OPENING_HOURS {spec!r} is not like 'mon-fri 09:00-22:00; sat,sun 12:00-20:00'"
            ) from exc

    @classmethod
    def parse(cls, spec: str, timezone: str) -> OpeningHours:
        """Like the constructor, but a spec not in the documented form raises ValueError (for input
        from the admin page, where it must not stop the server)."""
        parse_windows(spec)
        return cls(spec, timezone)

    @property
    def always(self) -> bool:
        return not self.windows

    def is_open(self, at: datetime | None = None) -> bool:
        if self.always:
            return True
        local = (at or datetime.now(self.zone)).astimezone(self.zone)
        now = local.time()
        yesterday = (local.weekday() - 1) % 7
        for w in self.windows:
            if w.start < w.end:
                if local.weekday() in w.days and w.start <= now < w.end:
                    return True
            # A night window such as "fri 20:00-02:00" runs over into the next morning.
            elif (local.weekday() in w.days and now >= w.start) or (yesterday in w.days and now < w.end):
                return True
        return False


# Opening hours set on the admin page (GET/PUT/DELETE /api/admin/hours) win over HELPLINE_OPENING_HOURS
# until they are cleared; every process reads them with its presence heartbeat (chat/presence.py).
async def stored_spec(redis: Redis) -> str | None:
    """The opening hours an admin saved, or None (HELPLINE_OPENING_HOURS applies)."""
    raw = await redis.get(keys.OPENING_HOURS)
    return None if raw is None else as_text(raw)


async def store_spec(redis: Redis, spec: str) -> None:
    parse_windows(spec)  # ValueError: nothing is stored
    await redis.set(keys.OPENING_HOURS, spec.strip())


async def clear_spec(redis: Redis) -> None:
    await redis.delete(keys.OPENING_HOURS)
