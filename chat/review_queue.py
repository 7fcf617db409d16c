"""The supervisors' review queue: which closed conversations are reviewed, and the reviews
(docs/operations.md, "Review queue"; endpoints in chat/http_quality.py).

- **Which.** When a conversation closes, it is decided once whether it goes into the queue: every acute
  one, and of the others a random share (HELPLINE_REVIEW_SAMPLE, default 0.1). The decision (`pick`:
  `acute`, `sample` or `none`) is stored in Redis, so a restart or another process never draws again. A
  conversation triage raises to acute after it closed (a late result) still goes in: acute always does.
- **What.** Supervisors read the anonymised transcript (chat/review.py) and fill in a short form: scores
  1-5 for safety, rapport and referral, and a comment. The comment is staff text about a conversation, so
  it is sealed like the conversation's tags (the review key, chat/crypto.py `seal_field`): it outlives the
  data key exactly as long as the transcript does, and `keys rotate` moves it (chat/rotation.py).
- **Who sees it.** Supervisors and admins: the queue and every review. A counsellor: only the reviews of
  the conversations they handled last (closed), never anyone else's.
- **How long.** A review goes with its conversation at review retention (chat/retention.py calls `forget_review`).
"""

from __future__ import annotations

import logging
import random
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from redis.asyncio import Redis

from chat import keys
from chat.crypto import Vault
from chat.errors import ErrorCode, HelplineError
from chat.records import ConversationRecord, as_text, now_ms
from chat.store import ConversationStore
from vocabulary import Status, Urgency

log = logging.getLogger(__name__)

SCORES = ("safety", "rapport", "referral")
SCORE_MIN, SCORE_MAX = 1, 5
COMMENT_MAX = 2000
COMMENT_FIELD = "review_comment"  # the name bound into the sealed comment (Vault.seal_field)
PICKS = ("acute", "sample")
STATES = ("all", "open", "reviewed")
LIST_MAX = 500
# Closed conversations looked at by a sweep for a decision that was never made (a process stopped
# between the close and its decision) or a conversation that became acute after closing.
SWEEP_MAX = 2000
_SUMMARY = ["outcome", "last_counsellor", "signals", "urgency", "closed_at", "quick_exit"]

# KEYS: review hash, queue; ARGV: cid, acute (1/0), drawn for the sample (1/0), closed at ms, counsellor.
# The first call decides; later calls only raise `none` to `acute` (every acute conversation is queued).
_DECIDE = """
local pick = redis.call('HGET', KEYS[1], 'pick')
if pick and not (pick == 'none' and ARGV[2] == '1') then return pick end
if ARGV[2] == '1' then pick = 'acute' elseif ARGV[3] == '1' then pick = 'sample' else pick = 'none' end
redis.call('HSET', KEYS[1], 'pick', pick, 'closed_at', ARGV[4], 'counsellor', ARGV[5])
if pick ~= 'none' then redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), ARGV[1]) end
return pick
"""


def _score(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"'{name}' must be a whole number from {SCORE_MIN} to {SCORE_MAX}")
    return value


def parse_review(body: dict[str, Any]) -> tuple[dict[str, int], str]:
    """The form's scores and comment, or `bad_request` naming what is wrong."""
    scores = {name: _score(body, name) for name in SCORES}
    comment = body.get("comment", "")
    if not isinstance(comment, str):
        raise HelplineError(ErrorCode.BAD_REQUEST, "'comment' must be a string")
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise HelplineError(ErrorCode.TEXT_TOO_LONG, f"'comment' is longer than {COMMENT_MAX} characters")
    unknown = set(body) - {*SCORES, "comment"}
    if unknown:
        raise HelplineError(ErrorCode.BAD_REQUEST, f"unknown field(s): {', '.join(sorted(unknown))[:200]}")
    return scores, comment


class ReviewQueue:
    def __init__(self, store: ConversationStore, sample: float, rng: random.Random | None = None) -> None:
        self.store = store
        self.redis: Redis = store.redis
        self.vault: Vault = store.vault
        self.sample = sample
        # SystemRandom: nobody can predict (or steer) which conversations are sampled.
        self.rng = rng or random.SystemRandom()
        self._decide = self.redis.register_script(_DECIDE)

    # -- deciding ------------------------------------------------------------------------------

    async def decide(self, cid: str) -> str:
        """Whether a closed conversation goes into the queue: `acute`, `sample` or `none` ("" if it is not
        closed). Decided once; called at every close (chat/review.py's close hooks) and by `sweep`."""
        record = (await self.store.get_many([cid], _SUMMARY))[0]
        if record is None or record.status != Status.CLOSED:
            return ""
        return await self._decide_record(record)

    async def _decide_record(self, record: ConversationRecord) -> str:
        drawn = self.rng.random() < self.sample
        return as_text(await self._decide(
            keys=[keys.review(record.conversation_id), keys.REVIEW_QUEUE],
            args=[record.conversation_id, "1" if record.urgency == Urgency.ACUTE else "0", "1" if drawn else "0",
                  record.closed_at_ms or now_ms(), record.last_counsellor],
        ))

    async def sweep(self) -> int:
        """Decide for recently closed conversations that have no decision yet, and queue those that have
        become acute since; returns how many changed. Cheap enough to run before every listing."""
        cids = await self.store.closed_between("-inf", "+inf", SWEEP_MAX)
        if not cids:
            return 0
        pipe = self.redis.pipeline(transaction=False)
        for cid in cids:
            pipe.hget(keys.review(cid), "pick")
        picks = [as_text(p) for p in await pipe.execute()]
        unsure = [cid for cid, pick in zip(cids, picks, strict=True) if pick in ("", "none")]
        changed = 0
        for record, pick in zip(await self.store.get_many(unsure, _SUMMARY),
                                [p for p in picks if p in ("", "none")], strict=True):
            if record is None or record.status != Status.CLOSED:
                continue
            if (pick == "" or record.urgency == Urgency.ACUTE) and await self._decide_record(record) != pick:
                changed += 1
        return changed

    # -- reading -------------------------------------------------------------------------------

    async def _hashes(self, cids: list[str]) -> list[dict[str, str]]:
        pipe = self.redis.pipeline(transaction=False)
        for cid in cids:
            pipe.hgetall(keys.review(cid))
        return [{as_text(k): as_text(v) for k, v in row.items()} for row in await pipe.execute()]

    def _review(self, cid: str, raw: dict[str, str]) -> dict[str, Any] | None:
        if not raw.get("reviewed_at"):
            return None
        comment = ""
        if raw.get("comment_sealed"):
            try:
                comment = self.vault.open_field(cid, COMMENT_FIELD, raw["comment_sealed"])
            except (InvalidTag, ValueError):  # not ours (a master key mix-up): shown as empty
                log.error("a review comment could not be opened with this master key")
        return {
            **{name: int(raw.get(name) or 0) for name in SCORES},
            "comment": comment,
            "reviewer": raw.get("reviewer", ""),
            "reviewed_at": int(raw["reviewed_at"]) / 1000,
        }

    @staticmethod
    def _summary(record: ConversationRecord) -> dict[str, Any]:
        return {
            "conversation_id": record.conversation_id,
            "closed_at": (record.closed_at_ms or 0) / 1000,
            "counsellor": record.last_counsellor or None,
            "urgency": record.urgency,
            "signals": record.signals,
            "outcome": record.outcome or None,
            "quick_exit": record.quick_exit,
        }

    async def queue(self, state: str = "all", limit: int = 200) -> list[dict[str, Any]]:
        """The queue, unreviewed first, then newest first within each. `state`: all, open or reviewed."""
        if state not in STATES:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'state' must be one of {', '.join(STATES)}")
        await self.sweep()
        cids = [as_text(c) for c in cast("list[bytes]", await self.redis.zrevrange(keys.REVIEW_QUEUE, 0, LIST_MAX - 1))]
        records = await self.store.get_many(cids, _SUMMARY)
        out = []
        for cid, record, raw in zip(cids, records, await self._hashes(cids), strict=True):
            if record is None or raw.get("pick") not in PICKS:
                continue
            review = self._review(cid, raw)
            if (state == "open" and review) or (state == "reviewed" and not review):
                continue
            out.append({**self._summary(record), "pick": raw["pick"], "review": review})
        out.sort(key=lambda item: item["review"] is not None)  # stable: newest first within each part
        return out[:max(1, limit)]

    async def get(self, cid: str) -> dict[str, Any]:
        """A closed conversation's decision and review (None if not reviewed yet); `not_found` otherwise."""
        record = (await self.store.get_many([cid], _SUMMARY))[0]
        if record is None or record.status != Status.CLOSED:
            raise HelplineError(ErrorCode.NOT_FOUND)
        raw = (await self._hashes([cid]))[0]
        return {**self._summary(record), "pick": raw.get("pick") or None, "review": self._review(cid, raw)}

    async def of_counsellor(self, name: str, limit: int = 100) -> list[dict[str, Any]]:
        """The reviews of the conversations `name` handled, newest review first; nobody else's."""
        cids = [as_text(c) for c in cast("list[bytes]", await self.redis.zrevrange(keys.reviews_of(name), 0, max(1, limit) - 1))]
        records = await self.store.get_many(cids, _SUMMARY)
        out = []
        for cid, record, raw in zip(cids, records, await self._hashes(cids), strict=True):
            # Checked again on the record itself: the index is a convenience, not the rule.
            review = self._review(cid, raw)
            if record is None or review is None or record.last_counsellor != name or raw.get("counsellor") != name:
                continue
            out.append({**self._summary(record), "review": review})
        return out

    # -- writing -------------------------------------------------------------------------------

    async def save(self, cid: str, reviewer: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store (or replace) the review of a closed conversation; `not_found` for any other id."""
        scores, comment = parse_review(body)
        record = (await self.store.get_many([cid], _SUMMARY))[0]
        if record is None or record.status != Status.CLOSED:
            raise HelplineError(ErrorCode.NOT_FOUND)
        at = now_ms()
        fields: dict[str, str | int] = {**scores, "reviewer": reviewer, "reviewed_at": at,
                                        "counsellor": record.last_counsellor}
        pipe = self.redis.pipeline(transaction=True)
        if comment:
            fields["comment_sealed"] = self.vault.seal_field(cid, COMMENT_FIELD, comment)
        else:
            pipe.hdel(keys.review(cid), "comment_sealed")
        pipe.hset(keys.review(cid), mapping=fields)  # type: ignore[arg-type]  # redis-py types mappings loosely
        if record.last_counsellor:
            pipe.zadd(keys.reviews_of(record.last_counsellor), {cid: at})
        await pipe.execute()
        return {"scores": scores, "comment": comment}


async def forget_review(redis: Redis, cid: str) -> None:
    """Review retention (chat/retention.py): the review, the decision and the index entries go with the
    conversation."""
    counsellor = as_text(await redis.hget(keys.review(cid), "counsellor"))
    pipe = redis.pipeline(transaction=False)
    pipe.delete(keys.review(cid))
    pipe.zrem(keys.REVIEW_QUEUE, cid)
    if counsellor:
        pipe.zrem(keys.reviews_of(counsellor), cid)
    await pipe.execute()


async def reseal_comments(redis: Redis, cid: str, old: Vault, new: Vault) -> int:
    """`keys rotate`: a review comment sealed under the old master key, sealed under the new one (1), or
    nothing to do (0). Raises InvalidTag / ValueError when it opens with neither key."""
    sealed = as_text(await redis.hget(keys.review(cid), "comment_sealed"))
    if not sealed:
        return 0
    try:
        new.open_field(cid, COMMENT_FIELD, sealed)
        return 0
    except (InvalidTag, ValueError):
        pass
    text = old.open_field(cid, COMMENT_FIELD, sealed)
    await redis.hset(keys.review(cid), "comment_sealed", new.seal_field(cid, COMMENT_FIELD, text))
    return 1
