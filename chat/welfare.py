"""Counsellor welfare: exposure in a shift, break suggestions, and who may need a break
(docs/operations.md, "Counsellor welfare"; endpoints in chat/http_quality.py).

Per counsellor, for the current shift only: when it started, the time with the console open, and how
many conversations they closed, of which acute and of which about sexual exploitation. A shift starts
when a counsellor opens the console after more than HELPLINE_WELFARE_SHIFT_GAP_MIN minutes without it;
its record expires a day after they were last seen, so nothing of this becomes a history of a person.

- After a conversation they handled closes acute (or about sexual exploitation once that count reaches
  its threshold), their console gets a `welfare` event and suggests a short break: dismissable, never
  blocking, and only on their own sockets.
- Supervisors see who may need a break (thresholds in chat/config.py). Counsellors see only their own
  shift; no counsellor sees anyone else's.

Time online is counted from this process's console sockets every TICK_S (`touch`); several processes
holding sockets of one counsellor add only the time since the last touch by any of them.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from redis.asyncio import Redis

from chat import keys
from chat.config import Settings
from chat.delivery import Delivery
from chat.periodic import Periodic
from chat.presence import Presence
from chat.records import as_text, now_ms
from chat.store import ConversationStore
from vocabulary import Signal, Status, Urgency

log = logging.getLogger(__name__)

TICK_S = 30.0
# A gap between two touches longer than this is time without the console open: not counted.
STEP_MAX_MS = int(3 * TICK_S * 1000)
KEEP_MS = 86_400_000  # a shift record is kept a day after its counsellor was last seen
# The signals that count as a sexual-exploitation conversation: the ones whose conversations carry
# sexual abuse of young people, the exposure a counsellor's supervisor should know of.
SEXUAL_SIGNALS = frozenset({Signal.SEXUAL_EXPLOITATION, Signal.SEXTORTION, Signal.GROOMING})
REASONS = ("recent_acute", "acute", "sexual", "hours")

# KEYS: shift hash, counted set, index; ARGV: now ms, shift gap ms, longest counted step ms, keep ms,
# name, then for a closed conversation: cid, acute (1/0), sexual (1/0) ('' cid: only a touch).
# Returns 1 when the conversation was counted now, 0 otherwise (a touch, or counted before).
_TOUCH = """
local now = tonumber(ARGV[1])
local seen = tonumber(redis.call('HGET', KEYS[1], 'seen') or '0')
if now - seen > tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[1], 'start', now, 'seen', now, 'online_ms', 0, 'handled', 0, 'acute', 0, 'sexual', 0)
elseif now > seen then
  if now - seen <= tonumber(ARGV[3]) then redis.call('HINCRBY', KEYS[1], 'online_ms', now - seen) end
  redis.call('HSET', KEYS[1], 'seen', now)
end
local counted = 0
if ARGV[6] and ARGV[6] ~= '' and redis.call('SADD', KEYS[2], ARGV[6]) == 1 then
  counted = 1
  redis.call('HINCRBY', KEYS[1], 'handled', 1)
  if ARGV[7] == '1' then
    redis.call('HINCRBY', KEYS[1], 'acute', 1)
    redis.call('HSET', KEYS[1], 'last_acute', now)
  end
  if ARGV[8] == '1' then redis.call('HINCRBY', KEYS[1], 'sexual', 1) end
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
redis.call('ZADD', KEYS[3], now, ARGV[5])
return counted
"""


class Welfare:
    def __init__(self, redis: Redis, store: ConversationStore, presence: Presence, delivery: Delivery,
                 settings: Settings) -> None:
        self.redis = redis
        self.store = store
        self.presence = presence
        self.delivery = delivery
        self.acute_max = settings.welfare_acute
        self.sexual_max = settings.welfare_sexual
        self.hours_max = settings.welfare_hours
        self.recent_ms = settings.welfare_recent_min * 60_000
        self.gap_ms = settings.welfare_shift_gap_min * 60_000
        self._touch = redis.register_script(_TOUCH)
        self.job = Periodic("counsellor welfare", self.tick, TICK_S)

    def thresholds(self) -> dict[str, Any]:
        return {"acute": self.acute_max, "sexual": self.sexual_max, "hours": self.hours_max,
                "recent_acute_min": self.recent_ms // 60_000, "shift_gap_min": self.gap_ms // 60_000}

    async def _run(self, name: str, now: int, cid: str = "", acute: bool = False, sexual: bool = False) -> bool:
        counted = await self._touch(
            keys=[keys.welfare(name), keys.welfare_counted(name), keys.WELFARE],
            args=[now, self.gap_ms, STEP_MAX_MS, max(KEEP_MS, self.gap_ms), name, cid,
                  "1" if acute else "0", "1" if sexual else "0"],
        )
        return bool(int(counted))

    async def touch(self, name: str, now: int | None = None) -> None:
        """The counsellor has the console open now (starts a shift after a long enough gap)."""
        await self._run(name, now or now_ms())

    async def tick(self) -> None:
        now = now_ms()
        for name in sorted({link.account.username for link in self.presence.counsellors.values()}):
            await self._run(name, now)

    async def conversation_closed(self, cid: str) -> None:
        """Count a closed conversation for the counsellor who handled it last (once), and suggest a break
        on their console after an acute one (chat/review.py's close hooks call this)."""
        record = (await self.store.get_many([cid], ["urgency", "signals", "last_counsellor"]))[0]
        if record is None or record.status != Status.CLOSED or not record.last_counsellor:
            return  # closed while waiting (gave up): nobody was exposed
        name = record.last_counsellor
        # What the counsellor saw: triage's signals, less those they rejected, plus those they added.
        feedback = await self.store.feedback(cid)
        signals = {s for s in record.signals if feedback.get(s) != "reject"}
        signals |= {code for code, verdict in feedback.items() if verdict == "add"}
        acute = record.urgency == Urgency.ACUTE
        sexual = bool(signals & SEXUAL_SIGNALS)
        if not await self._run(name, now_ms(), cid, acute, sexual):
            return
        shift = await self.shift(name)
        reason = "acute" if acute else "sexual" if sexual and shift["sexual"] >= self.sexual_max else ""
        if reason:
            await self.delivery.welfare(name, {"suggest_break": True, "reason": reason, "conversation_id": cid,
                                               "shift": shift})

    async def take_break(self, name: str) -> dict[str, Any]:
        """The counsellor says they take a break now: the supervisor's "recent acute" flag clears."""
        now = now_ms()
        await self._run(name, now)
        await self.redis.hset(keys.welfare(name), "break_at", now)
        return await self.shift(name)

    # -- reading -------------------------------------------------------------------------------

    def _decode(self, raw: dict[str, str], now: int) -> dict[str, Any]:
        def ms(field: str) -> int:
            value = raw.get(field, "")
            return int(value) if value.isdigit() else 0

        last_acute, break_at = ms("last_acute"), ms("break_at")
        shift: dict[str, Any] = {
            "started": ms("start") / 1000,
            "last_seen": ms("seen") / 1000,
            "online": now - ms("seen") <= STEP_MAX_MS,
            "hours": round(ms("online_ms") / 3_600_000, 2),
            "handled": ms("handled"),
            "acute": ms("acute"),
            "sexual": ms("sexual"),
            "last_acute": last_acute / 1000 or None,
            "break_at": break_at / 1000 or None,
        }
        reasons = []
        if last_acute and now - last_acute <= self.recent_ms and break_at < last_acute:
            reasons.append("recent_acute")
        if shift["acute"] >= self.acute_max:
            reasons.append("acute")
        if shift["sexual"] >= self.sexual_max:
            reasons.append("sexual")
        if shift["hours"] >= self.hours_max:
            reasons.append("hours")
        shift["reasons"] = reasons
        shift["may_need_break"] = bool(reasons)
        return shift

    async def shift(self, name: str) -> dict[str, Any]:
        """A counsellor's own current shift (an empty one if none is running)."""
        now = now_ms()
        raw = {as_text(k): as_text(v) for k, v in (await self.redis.hgetall(keys.welfare(name))).items()}
        if not raw or now - int(raw.get("seen") or 0) > self.gap_ms:
            raw = {}
        return self._decode(raw, now)

    async def overview(self) -> list[dict[str, Any]]:
        """Every counsellor in a shift now: who may need a break first, then by name. Who is online comes
        from the same presence as the supervisor's team list (`Presence.online_names`), so the two agree: a
        counsellor who opened the console since the last tick starts their shift now, and one whose console
        closed reads "not online" at once."""
        now = now_ms()
        online = set(await self.presence.online_names())
        await self.redis.zremrangebyscore(keys.WELFARE, "-inf", now - max(KEEP_MS, self.gap_ms))
        names = [as_text(n) for n in cast("list[bytes]", await self.redis.zrangebyscore(keys.WELFARE, now - self.gap_ms, "+inf"))]
        for name in sorted(online - set(names)):
            await self._run(name, now)
            names.append(name)
        pipe = self.redis.pipeline(transaction=False)
        for name in names:
            pipe.hgetall(keys.welfare(name))
        out = []
        for name, row in zip(names, await pipe.execute(), strict=True):
            raw = {as_text(k): as_text(v) for k, v in row.items()}
            if raw:
                out.append({"counsellor": name, **self._decode(raw, now), "online": name in online})
        out.sort(key=lambda s: (not s["may_need_break"], s["counsellor"]))
        return out
