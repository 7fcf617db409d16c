"""Presence: the sockets this process holds, and who is online across all processes.

The dictionaries here know only this process's sockets; everything that must survive a restart is in
Redis. Across processes, counsellors online are a sorted set of heartbeats (`keys.ONLINE`), and
conversations a supervisor watches another (`keys.MONITORED`): a process sends a conversation's events
to the supervisors' room only while someone watches it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from chat import keys
from chat.accounts import Account
from chat.hours import OpeningHours, stored_spec
from chat.records import as_text, now_ms
from chat.wire import QueueStatusWire, ServiceStateWire, VisitorPresenceWire

# Presence heartbeat; a counsellor counts as online while seen within PRESENCE_TTL_S.
PRESENCE_EVERY_S = 10.0
PRESENCE_TTL_S = 30.0
VISITORS_SEEN_KEPT_MS = 2 * 86400 * 1000


def presence_wire(connected: bool, last_seen_ms: int | None) -> VisitorPresenceWire:
    """A visitor's presence as queue items and conversations carry it: `away_s` is how long ago they
    were last connected (null while connected, or when never known)."""
    away = None if connected or last_seen_ms is None else max(0, (now_ms() - last_seen_ms) // 1000)
    return {"connected": connected, "away_s": away}


@dataclass
class VisitorLink:
    conversation_id: str
    lang: str
    # False until the first message: until then Redis holds nothing of the conversation.
    stored: bool = True
    about: str = ""
    resume_hash: str = ""
    # Kept until the first message stores the conversation (chat/blocking.py, chat/continuity.py,
    # chat/consult.py): the device token's hash, the consented link, the line and consult fields.
    device_hash: str = ""
    link_id: str = ""
    line: str = ""
    consult: dict[str, str] = field(default_factory=dict)
    last_queue_status: QueueStatusWire | None = None


@dataclass
class CounsellorLink:
    account: Account
    token: str
    last_queue: list[dict[str, Any]] | None = None
    last_queue_at: float = 0.0


@dataclass
class SupervisorLink:
    account: Account
    token: str
    monitoring: set[str] = field(default_factory=set)


class Presence:
    def __init__(self, redis: Redis, hours: OpeningHours) -> None:
        self.redis = redis
        self.hours = hours
        self.configured_hours = hours  # HELPLINE_OPENING_HOURS, when no admin has saved others
        self.visitors: dict[str, VisitorLink] = {}
        self.counsellors: dict[str, CounsellorLink] = {}
        self.supervisors: dict[str, SupervisorLink] = {}
        # Conversations watched by a supervisor on any process (refreshed by the queue loop).
        self.monitored: set[str] = set()
        self.online_count = 0

    # -- the service as a visitor sees it ---------------------------------------------------------

    def is_open(self) -> bool:
        return self.hours.is_open() and self.online_count > 0

    def service_state(self) -> ServiceStateWire:
        return {"open": self.is_open(), "counsellors_online": self.online_count, "hours_open": self.hours.is_open()}

    # -- this process's sockets ---------------------------------------------------------------------

    def visitor(self, sid: str) -> VisitorLink | None:
        return self.visitors.get(sid)

    def counsellor(self, sid: str) -> CounsellorLink | None:
        return self.counsellors.get(sid)

    def supervisor(self, sid: str) -> SupervisorLink | None:
        return self.supervisors.get(sid)

    def sockets_of_token(self, token: str) -> list[str]:
        """Counsellor sockets opened with a login token (to close them at logout)."""
        return [sid for sid, link in self.counsellors.items() if link.token == token]

    def is_monitored(self, cid: str) -> bool:
        return cid in self.monitored

    async def counsellor_arrived(self, sid: str, link: CounsellorLink) -> None:
        self.counsellors[sid] = link
        await self.redis.zadd(keys.ONLINE, {link.account.username: now_ms()})
        await self.refresh_online()

    async def counsellor_left(self, sid: str) -> None:
        link = self.counsellors.pop(sid, None)
        if link is None:
            return
        name = link.account.username
        if not any(other.account.username == name for other in self.counsellors.values()):
            # Another process may still hold a socket of theirs; its heartbeat re-adds them.
            await self.redis.zrem(keys.ONLINE, name)
            await self.refresh_online()

    async def watch(self, sid: str, cid: str) -> None:
        link = self.supervisors.get(sid)
        if link is not None:
            link.monitoring.add(cid)
        self.monitored.add(cid)
        await self.redis.zadd(keys.MONITORED, {cid: now_ms()})

    def unwatch(self, sid: str, cid: str) -> None:
        link = self.supervisors.get(sid)
        if link is not None:
            link.monitoring.discard(cid)

    # -- across processes ---------------------------------------------------------------------------

    async def visitors_last_seen(self, cids: list[str]) -> list[int | None]:
        """When each conversation's visitor was last connected to any process (ms; heartbeat precision,
        or the moment the last socket closed)."""
        return [last for _, last in await self.visitors_presence(cids)]

    async def visitors_presence(self, cids: list[str]) -> list[tuple[bool, int | None]]:
        """(connected now, last seen in ms) for each conversation's visitor, across processes.

        Connected: a socket here, or a heartbeat within PRESENCE_TTL_S that came after the last socket
        closed. A closed socket is written at once (`visitor_socket_closed`), so a visitor who shuts the
        browser shows as gone within the queue refresh, not after the heartbeat's time to live."""
        if not cids:
            return []
        seen = await self.redis.zmscore(keys.VISITORS_SEEN, cids)
        left = await self.redis.zmscore(keys.VISITORS_LEFT, cids)
        here = {link.conversation_id for link in self.visitors.values() if link.stored}
        cutoff = now_ms() - int(PRESENCE_TTL_S * 1000)
        out: list[tuple[bool, int | None]] = []
        for cid, s, gone in zip(cids, seen, left, strict=True):
            connected = cid in here or (s is not None and s >= cutoff and (gone is None or gone < s))
            known = [int(v) for v in (s, gone) if v is not None]
            out.append((connected, max(known) if known else None))
        return out

    async def visitor_socket_opened(self, cid: str) -> None:
        """A socket of the visitor opened (here): connected again, whatever an earlier close wrote."""
        await self.redis.zadd(keys.VISITORS_SEEN, {cid: now_ms()})
        await self.redis.zrem(keys.VISITORS_LEFT, cid)

    async def visitor_socket_closed(self, cid: str) -> None:
        """Written when a visitor's socket closes; a later heartbeat or connect of theirs wins."""
        if any(link.conversation_id == cid for link in self.visitors.values()):
            return  # another tab of the same conversation is still here
        await self.redis.zadd(keys.VISITORS_LEFT, {cid: now_ms()})

    async def online_names(self) -> list[str]:
        """Counsellors with a console open on any process (heartbeat within PRESENCE_TTL_S)."""
        cutoff = now_ms() - int(PRESENCE_TTL_S * 1000)
        rows = await self.redis.zrangebyscore(keys.ONLINE, cutoff, "+inf")
        return [as_text(r) for r in rows if isinstance(r, bytes | str)]

    async def refresh_online(self) -> None:
        cutoff = now_ms() - int(PRESENCE_TTL_S * 1000)
        self.online_count = int(await self.redis.zcount(keys.ONLINE, cutoff, "+inf"))

    async def refresh_monitored(self) -> None:
        cutoff = now_ms() - int(PRESENCE_TTL_S * 1000)
        rows = await self.redis.zrangebyscore(keys.MONITORED, cutoff, "+inf")
        local = {cid for link in self.supervisors.values() for cid in link.monitoring}
        self.monitored = {as_text(r) for r in rows if isinstance(r, bytes | str)} | local

    async def refresh_hours(self) -> None:
        """Take up opening hours an admin saved (or cleared) on any process."""
        spec = await stored_spec(self.redis)
        if spec is None:
            self.hours = self.configured_hours
        elif spec.strip().lower() != self.hours.spec or self.hours is self.configured_hours:
            try:
                self.hours = OpeningHours.parse(spec, self.configured_hours.zone.key)
            except ValueError:
                self.hours = self.configured_hours  # only valid specs are stored; never stop serving

    async def heartbeat(self) -> bool:
        """Renew this process's counsellors and watched conversations; True if the online count changed."""
        await self.refresh_hours()
        now = now_ms()
        names = {link.account.username for link in self.counsellors.values()}
        if names:
            await self.redis.zadd(keys.ONLINE, dict.fromkeys(names, now))
        present = {link.conversation_id for link in self.visitors.values() if link.stored}
        if present:
            await self.redis.zadd(keys.VISITORS_SEEN, dict.fromkeys(present, now))
        await self.redis.zremrangebyscore(keys.VISITORS_SEEN, "-inf", now - VISITORS_SEEN_KEPT_MS)
        await self.redis.zremrangebyscore(keys.VISITORS_LEFT, "-inf", now - VISITORS_SEEN_KEPT_MS)
        watched = {cid for link in self.supervisors.values() for cid in link.monitoring}
        if watched:
            await self.redis.zadd(keys.MONITORED, dict.fromkeys(watched, now))
        await self.redis.zremrangebyscore(keys.ONLINE, "-inf", now - int(PRESENCE_TTL_S * 1000))
        await self.redis.zremrangebyscore(keys.MONITORED, "-inf", now - int(PRESENCE_TTL_S * 1000))
        before = self.online_count
        await self.refresh_online()
        return before != self.online_count
