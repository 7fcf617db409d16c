"""The conversation service: the commands of visitors, counsellors and supervisors and the rules they
follow. Design: docs/protocol.md (what each command answers) and docs/operations.md.

Where a visitor's message goes: chat/transport/visitor.py validates it -> `visitor_message` here ->
chat/store.py stores it (Redis, encrypted) and, in commit order, chat/delivery.py sends it to the
counsellor -> chat/queue_view.py shows the conversation in the queue -> triage (chat/triage_worker.py)
sets its urgency and signals.

This module raises `HelplineError` for every refusal and never builds a wire error itself; it talks to
Redis only through the store, and to sockets only through delivery.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Protocol

from chat.accounts import Account, Accounts
from chat.config import Settings
from chat.delivery import Delivery
from chat.errors import ErrorCode, HelplineError
from chat.flood import COUNTER_TTL_S, admit
from chat.notices import offline_notice
from chat.presence import CounsellorLink, Presence, SupervisorLink, VisitorLink, presence_wire
from chat.queue_view import QueueView, waiting_item
from chat.records import ConversationRecord, encode_bool, encode_list, now_ms
from chat.routing import QUEUE_FIELDS, may_take
from chat.store import ConversationStore, Message
from chat.tokens import PendingConversations, token_hash
from chat.wire import MessageAckWire, SessionWire
from vocabulary import QUEUES, SIGNALS, VISITOR_LANGUAGES, About, Outcome, Status, Urgency, queue_for_about

FEEDBACK_VERDICTS = ("confirm", "reject", "add")
# Messages in one `history` answer (and in a CONVERSATION's `messages`); `more` says there are further
# ones. A page is at most 200 x 4,000 characters (a few MB in the worst case, usually a few KB): one event
# never has to decrypt and send a whole conversation of thousands of messages at once.
HISTORY_PAGE = 200
# Larger sequence numbers do not exist (chat/transport/common.py, INT_MAX; Redis refuses > 2**63).
SEQ_MAX = 2**53
if TYPE_CHECKING:
    from chat.acute import AcuteDesk
    from chat.return_code import ReturnCodes
    from chat.visitor_context import VisitorContext

QUICK_EXIT_NOTE = "De bezoeker heeft de chat met de snelle-uitgangknop verlaten."


class Scheduler(Protocol):
    """Work done for a conversation off the command's path (the anonymised transcript). Triage needs no
    scheduling: its job is stored with the message (chat/triage_worker.py)."""

    def schedule(self, cid: str) -> None: ...


class ConversationService:
    def __init__(
        self,
        store: ConversationStore,
        presence: Presence,
        delivery: Delivery,
        queue_view: QueueView,
        accounts: Accounts,
        settings: Settings,
        transcripts: Scheduler | None,
        pending: PendingConversations,
    ) -> None:
        self.pending = pending
        self.store = store
        self.presence = presence
        self.delivery = delivery
        self.queue_view = queue_view
        self.accounts = accounts
        self.settings = settings
        self.transcripts = transcripts
        # Acute danger: safe words, marking, the protocol, "I can't talk now" (chat/acute.py; set by app.py).
        self.acute: AcuteDesk | None = None
        # Device tokens (blocking), personal codes (coming back), the consult line: chat/visitor_context.py.
        self.context: VisitorContext | None = None
        # The short return code in `session` and coming back with it (chat/return_code.py; set by app.py).
        self.return_codes: ReturnCodes | None = None

    # -- visitors ------------------------------------------------------------------------------

    def _visitor(self, sid: str) -> VisitorLink:
        link = self.presence.visitor(sid)
        if link is None:
            raise HelplineError(ErrorCode.NOT_FOUND, "no conversation on this connection")
        return link

    async def visitor_connect(self, sid: str, auth: dict[str, Any]) -> tuple[SessionWire, int]:
        """Returns the `session` payload and the seq after which to replay messages (-1: none)."""
        lang = auth.get("lang") if auth.get("lang") in VISITOR_LANGUAGES else "nl"
        resume_token = auth.get("resume_token")
        if auth.get("return_code") is not None and resume_token is None and self.return_codes is not None:
            # Coming back with the short code: the conversation gets a fresh resume token, then resumes.
            resume_token, moved = await self.return_codes.resume(auth["return_code"])
            # The old token stopped working; a widget still open with it (another device, perhaps in
            # someone else's hands) must stop reading and writing too.
            await self.delivery.visitor_moved(moved)
        if resume_token is not None:
            if not isinstance(resume_token, str) or len(resume_token) > 128:
                raise HelplineError(ErrorCode.BAD_RESUME_TOKEN)
            last_seq = auth.get("last_seq", 0)
            if isinstance(last_seq, bool) or not isinstance(last_seq, int) or not 0 <= last_seq <= SEQ_MAX:
                last_seq = 0
            cid = await self.store.find_by_resume_token(resume_token)
            record = await self.store.get(cid) if cid else None
            if cid is not None and record is not None:
                status, lang = record.status, record.lang or lang
                link = VisitorLink(cid, str(lang))
            else:
                # Opened earlier but never used: nothing was stored, and it is given back still empty.
                cid = self.pending.conversation_of(resume_token)
                # A stored conversation this token no longer opens (a return code moved it to a new token,
                # or retention deleted the way in) is not given back as an empty one.
                if cid is None or await self.store.get(cid) is not None:
                    raise HelplineError(ErrorCode.BAD_RESUME_TOKEN)
                status, last_seq = Status.NEW, -1
                link = VisitorLink(cid, str(lang), stored=False, resume_hash=token_hash(resume_token))
        else:
            about = auth.get("about")
            # A list or object is no answer either (and not hashable: it failed the lookup with a traceback).
            about = about if isinstance(about, str) and about in About._value2member_map_ else ""
            cid, resume_token = self.pending.new()
            status, last_seq = Status.NEW, -1
            link = VisitorLink(cid, str(lang), stored=False, about=str(about), resume_hash=token_hash(resume_token))
            if self.context is not None:
                await self.context.new_conversation(link, auth)
        self.presence.visitors[sid] = link
        await self.delivery.visitor_joined(sid, cid)
        if link.stored:
            await self.presence.visitor_socket_opened(cid)
            await self.delivery.visitor_presence(cid, True, now_ms())
        session: SessionWire = {
            "conversation_id": cid,
            "resume_token": resume_token,
            "return_code": await self.return_codes.code_of(cid, link.stored, link.resume_hash)
            if self.return_codes is not None else "",
            "status": status,
            "service": self.context.service_state(link) if self.context else self.presence.service_state(),
        }
        return session, last_seq

    async def visitor_welcome(self, sid: str, session: SessionWire, replay_after: int) -> None:
        """After the connection is acknowledged (so the client listens): session, then what it missed."""
        await self.delivery.session(sid, session)
        link = self.presence.visitor(sid)
        if replay_after < 0 or link is None:
            return
        # One page; the widget asks `history` for the rest.
        for message in await self.store.history(link.conversation_id, replay_after, HISTORY_PAGE):
            await self.delivery.message_to_socket(sid, message.wire())
        await self.queue_view.send_queue_status(sid, link, force=True)

    async def visitor_disconnect(self, sid: str) -> None:
        link = self.presence.visitors.pop(sid, None)
        if link is not None and link.stored:
            # The counsellor sees at once that nobody is there any more (docs/ui.md, "Presence").
            await self.presence.visitor_socket_closed(link.conversation_id)
            await self.delivery.visitor_presence(link.conversation_id, False, now_ms())

    async def visitor_message(self, sid: str, text: str, client_id: str) -> MessageAckWire:
        link = self._visitor(sid)
        cid = link.conversation_id
        if not link.stored:
            flood_defer_ms = await self._admit()
            if self.context is not None:
                await self.context.before_create(link)
            await self.store.create(cid, link.resume_hash, link.about, link.lang, flood_defer_ms)
            if self.return_codes is not None:
                await self.return_codes.register(cid, link.resume_hash)
            if self.context is not None:
                await self.context.after_create(cid, link)
            link.stored = True
            await self.presence.visitor_socket_opened(cid)
        appended = await self.store.append(cid, "visitor", text, client_id)
        # A retry of the first message after an error may find it stored but the steps below not done:
        # they are idempotent, so they run again (issue 9: the steps after the append ran only once, or never).
        if appended.became_queued or (appended.duplicate and appended.message.seq == 1):
            offline = not (self.context.is_open(link) if self.context else self.presence.is_open())
            await self.store.mark_started(cid, offline)
            if offline:
                notice = self.context.offline_notice(link) if self.context else offline_notice(link.lang)
                await self.store.append(cid, "system", notice, "offline-notice")
        if self.acute is not None and not appended.duplicate:
            await self.acute.visitor_text(cid, text)  # a safe word raises it, silently
        return {"id": appended.message.id, "seq": appended.message.seq}

    async def _admit(self) -> int | None:
        """Count a first message against the per-minute cap (chat/flood.py): None when admitted normally,
        the queue defer in ms for a flood conversation; `busy` past the ceiling (nothing is stored)."""
        cap = self.settings.max_new_per_minute
        if cap <= 0:
            return None
        now = time.time()
        admission = admit(await self.store.count_new(now, COUNTER_TTL_S), now, cap, self.settings.max_flood_per_minute)
        if admission.refused:
            raise HelplineError(ErrorCode.BUSY, retry_after_s=admission.retry_after_s)
        return self.settings.flood_defer_s * 1000 if admission.flood else None

    async def _page(self, cid: str, after_seq: int) -> tuple[list[Message], bool]:
        """Up to HISTORY_PAGE messages after `after_seq`, and whether more follow."""
        messages = await self.store.history(cid, after_seq, HISTORY_PAGE + 1)
        return messages[:HISTORY_PAGE], len(messages) > HISTORY_PAGE

    async def _history(self, cid: str, after_seq: int) -> dict[str, Any]:
        messages, more = await self._page(cid, after_seq)
        return {"messages": [m.wire() for m in messages], "more": more}

    async def visitor_history(self, sid: str, after_seq: int) -> dict[str, Any]:
        return await self._history(self._visitor(sid).conversation_id, after_seq)

    async def visitor_typing(self, sid: str, typing: bool) -> None:
        await self.delivery.visitor_typing(self._visitor(sid).conversation_id, typing)

    async def visitor_profile(self, sid: str, about: str, lang: str) -> None:
        link = self._visitor(sid)
        if not link.stored:  # kept with the link until the first message stores the conversation
            link.about = about if about in About._value2member_map_ else link.about
            link.lang = lang if lang in VISITOR_LANGUAGES else link.lang
            return
        record = await self.store.get(link.conversation_id)
        if record is None:
            return
        fields: dict[str, str] = {}
        if about in About._value2member_map_ and about != record.about:
            fields["about"] = about
            if not record.triage_json and not record.queue_override:
                fields["queue"] = queue_for_about(about)
        if lang in VISITOR_LANGUAGES and lang != record.lang:
            fields["lang"] = link.lang = lang
        if fields:  # only a real change re-sorts every process's queue
            await self.store.set_profile(link.conversation_id, fields)

    async def visitor_end(self, sid: str, hurried: bool) -> None:
        link = self._visitor(sid)
        cid = link.conversation_id
        if not link.stored:  # nothing was ever sent, so nothing to close or keep
            await self.delivery.visitor_left(sid, cid)
            return
        record = await self.store.get(cid)
        counsellor = record.counsellor if record else ""
        try:
            await self.store.close(cid, "", {"ended_by": "visitor", "quick_exit": encode_bool(hurried)})
        except HelplineError as exc:
            if exc.code != ErrorCode.CONVERSATION_CLOSED:
                raise
        else:
            if hurried:
                await self._add_note(cid, "", "system", QUICK_EXIT_NOTE)
            await self.delivery.visitor_gone(cid, hurried, counsellor)
            await self.delivery.status_to_supervisors(cid, Status.CLOSED, "visitor_left")
            if self.transcripts is not None:
                self.transcripts.schedule(cid)
        await self.delivery.visitor_left(sid, cid)

    # -- counsellors -------------------------------------------------------------------------

    def account_of(self, sid: str) -> Account:
        """The counsellor on this socket; `unauthorized` once logged out or expired while connected."""
        link = self.presence.counsellor(sid)
        if link is None:
            raise HelplineError(ErrorCode.UNAUTHORIZED, "log in again")
        return link.account

    async def counsellor_connect(self, sid: str, account: Account, token: str) -> None:
        await self.delivery.counsellor_joined(sid, account.username, await self.store.active_of(account.username))
        await self.presence.counsellor_arrived(sid, CounsellorLink(account, token))

    async def counsellor_welcome(self, sid: str) -> None:
        link = self.presence.counsellor(sid)
        if link is not None:
            await self.queue_view.send_queue(sid, link, force=True)

    async def counsellor_disconnect(self, sid: str) -> None:
        await self.presence.counsellor_left(sid)

    async def _owned(self, sid: str, cid: str) -> ConversationRecord:
        """The conversation if this counsellor has it; otherwise not_found (existence stays hidden)."""
        record = await self.store.get(cid)
        if record is None or record.counsellor != self.account_of(sid).username:
            raise HelplineError(ErrorCode.NOT_FOUND)
        return record

    async def _handled(self, sid: str, cid: str) -> tuple[ConversationRecord, str]:
        """The conversation if this counsellor has it or had it last (notes and feedback after closing)."""
        record = await self.store.get(cid)
        name = self.account_of(sid).username
        if record is None or name != record.handled_by:
            raise HelplineError(ErrorCode.NOT_FOUND)
        return record, name

    async def conversation_detail(self, record: ConversationRecord, with_whispers: bool = False) -> dict[str, Any]:
        cid = record.conversation_id
        messages, more = await self._page(cid, 0)
        detail: dict[str, Any] = {
            "conversation_id": cid,
            "status": record.status,
            "counsellor": record.handled_by or None,
            "queue": record.queue,
            "suggested_queue": record.suggested_queue or None,
            "language": record.language or None,
            "urgency": record.urgency,
            "role": record.role,
            "minor": record.minor,
            "signals": record.signals,
            # Pinned acute (a counsellor, a safe word): triage's own urgency is not the conversation's.
            "triage": ({**record.triage, "urgency": Urgency.ACUTE}
                       if record.triage and (record.acute_counsellor or record.acute_safe_word) else record.triage),
            "offline": record.offline,
            "about": record.about or None,
            "quick_exit": record.quick_exit,
            "acute_reason": record.acute_reason or None,
            "escalated": record.escalated_at_ms is not None,
            "flood": record.flood,
            "created": record.created_ms / 1000,
            "queued_at": record.queued_at_ms / 1000 if record.queued_at_ms else None,
            "messages": [m.wire() for m in messages],
            "more_messages": more,  # the rest: `history` after the last seq
            "notes": await self.store.notes(cid),
            "feedback": await self.store.feedback(cid),
        }
        if with_whispers:
            detail["whispers"] = await self.store.whispers(cid)
        if self.context is not None:
            detail.update(await self.context.detail(record))
        [(connected, last_ms)] = await self.presence.visitors_presence([cid])
        detail["visitor"] = presence_wire(connected, last_ms)
        return detail

    async def claim(self, sid: str, cid: str) -> dict[str, Any]:
        """Only a waiting conversation this counsellor may take can be claimed. Every other one (unknown,
        taken by someone else, closed, not yet queued, for another queue or language) answers the same
        `not_found`, so a claim never tells whether a conversation exists or what became of it.
        `limit_reached` is about the counsellor, and only answered for a conversation they may take."""
        account = self.account_of(sid)
        record = (await self.store.get_many([cid], QUEUE_FIELDS))[0]
        if record is None or record.status != Status.QUEUED or not may_take(
            account, waiting_item(record, 0), now_ms(), self.settings.overflow_s
        ):
            raise HelplineError(ErrorCode.NOT_FOUND)
        limit = self.settings.max_conversations
        if record.escalated_at_ms is not None and limit > 0:
            limit += 1  # an escalated acute conversation is offered to everyone, also to one at the limit
        try:
            await self.store.claim(cid, account.username, limit)
        except HelplineError as exc:
            if exc.code == ErrorCode.NOT_WAITING:  # someone else was first, between the read and the claim
                raise HelplineError(ErrorCode.NOT_FOUND) from None
            raise
        await self.delivery.counsellor_took(sid, cid)
        await self.delivery.status_to_visitor(cid, Status.ACTIVE)
        record = await self.store.get(cid) or record
        if self.context is not None:
            self.context.taken(record)
        return {"ok": True, "conversation": await self.conversation_detail(record, with_whispers=True)}

    async def open(self, sid: str, cid: str) -> dict[str, Any]:
        record = await self._owned(sid, cid)
        await self.delivery.counsellor_took(sid, cid)
        if self.context is not None:
            self.context.taken(record)
        return {"ok": True, "conversation": await self.conversation_detail(record, with_whispers=True)}

    async def mine(self, sid: str) -> dict[str, Any]:
        account = self.account_of(sid)
        cids = await self.store.active_of(account.username)
        records = await self.store.get_many(cids, ["urgency", "language", "queue", "claimed_at"])
        out = [
            {"conversation_id": r.conversation_id, "status": r.status, "urgency": r.urgency,
             "language": r.language or None, "queue": r.queue,
             "claimed_at": r.claimed_at_ms / 1000 if r.claimed_at_ms else None}
            for r in records if r is not None
        ]
        return {"conversations": out}

    async def counsellor_history(self, sid: str, cid: str, after_seq: int) -> dict[str, Any]:
        await self._owned(sid, cid)
        return await self._history(cid, after_seq)

    async def counsellor_message(self, sid: str, cid: str, text: str, client_id: str) -> MessageAckWire:
        name = self.account_of(sid).username
        appended = await self.store.append(cid, "counsellor", text, client_id, author=name, require_counsellor=name)
        return {"id": appended.message.id, "seq": appended.message.seq}

    async def counsellor_typing(self, sid: str, cid: str, typing: bool) -> None:
        await self._owned(sid, cid)
        await self.delivery.counsellor_typing(cid, typing)

    async def seen(self, sid: str, cid: str, seq: int) -> None:
        await self._owned(sid, cid)
        await self.delivery.delivered(cid, seq)

    async def note(self, sid: str, cid: str, text: str) -> dict[str, Any]:
        _, name = await self._handled(sid, cid)
        return {"ok": True, "note": await self._add_note(cid, name, "note", text)}

    async def _add_note(self, cid: str, author: str, kind: str, text: str, **extra: str) -> dict[str, Any]:
        """An internal note (kinds: note, handover, system): sealed, never shown to the visitor."""
        record = {"id": f"n{now_ms()}", "author": author, "kind": kind, "ts": time.time(), "text": text, **extra}
        return await self.store.add_note(cid, record)

    async def transfer(self, sid: str, cid: str, to_user: str, to_queue: str, note_text: str) -> dict[str, Any]:
        account = self.account_of(sid)
        record = await self._owned(sid, cid)
        if to_user:
            if to_user == account.username or await self.accounts.get(to_user) is None:
                raise HelplineError(ErrorCode.NOT_FOUND, "no such colleague")
        elif to_queue not in QUEUES:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'to_queue' must be one of {', '.join(QUEUES)}")
        await self.store.transfer(
            cid, account.username, to_user, to_queue, self.settings.max_conversations, record.urgency
        )
        if note_text:
            await self._add_note(cid, account.username, "handover", note_text, to=to_user or f"queue:{to_queue}")
        await self.delivery.counsellor_released(cid)
        if to_user:
            await self.delivery.assigned(to_user, cid, account.username)
        else:
            await self.delivery.status_to_visitor(cid, Status.QUEUED, "transferred")
        return {"ok": True}

    async def close(
        self, sid: str, cid: str, outcome: str, tags: list[str], note_text: str, referral: str
    ) -> dict[str, Any]:
        name = self.account_of(sid).username
        if outcome not in Outcome._value2member_map_:
            raise HelplineError(ErrorCode.BAD_OUTCOME)
        fields = {"outcome": outcome, "tags": encode_list(tags), "referral": referral, "closed_by": name}
        await self.store.close(cid, name, fields)
        if note_text:  # marked: the summary for a visitor who comes back shows it (chat/continuity.py)
            await self._add_note(cid, name, "note", note_text, at="close")
        await self.delivery.status_to_visitor(cid, Status.CLOSED, "counsellor")
        await self.delivery.status_to_supervisors(cid, Status.CLOSED)
        await self.delivery.counsellor_released(cid)
        if self.transcripts is not None:
            self.transcripts.schedule(cid)
        return {"ok": True}

    async def triage_feedback(self, sid: str, cid: str, code: str, verdict: str) -> dict[str, Any]:
        record, name = await self._handled(sid, cid)
        # "add": a signal triage missed; with confirm/reject it becomes training data (triage export-feedback).
        if code not in SIGNALS or verdict not in FEEDBACK_VERDICTS:
            raise HelplineError(ErrorCode.BAD_REQUEST, "unknown signal code or verdict")
        entry = {"verdict": verdict, "by": name, "ts": time.time(), "suggested": encode_list(record.signals)}
        await self.store.set_feedback(cid, code, entry)
        return {"ok": True}

    # -- acute danger (chat/acute.py) ---------------------------------------------------------------

    def _acute(self) -> AcuteDesk:
        if self.acute is None:
            raise HelplineError(ErrorCode.UNAVAILABLE, "acute handling is not running")
        return self.acute

    async def mark_acute(self, sid: str, cid: str) -> dict[str, Any]:
        await self._owned(sid, cid)
        await self._acute().raise_acute(cid, "counsellor", self.account_of(sid).username)
        return {"ok": True}

    async def protocol_step(self, sid: str, cid: str, step: str, remark: str, lang: str) -> dict[str, Any]:
        _, name = await self._handled(sid, cid)
        return {"ok": True, "note": await self._acute().protocol_step(cid, name, step, remark, lang)}

    async def visitor_cant_talk(self, sid: str, hidden: bool) -> None:
        link = self._visitor(sid)
        if link.stored:  # before the first message there is nobody to tell
            await self._acute().cant_talk(link.conversation_id, hidden)

    # -- blocking and coming back (chat/visitor_context.py) ---------------------------------------

    def _context(self) -> VisitorContext:
        if self.context is None:
            raise HelplineError(ErrorCode.UNAVAILABLE, "blocking and personal codes are not running")
        return self.context

    async def continuity_consent(self, sid: str) -> dict[str, Any]:
        return await self._context().consent(self._visitor(sid))

    async def continuity_revoke(self, sid: str) -> None:
        await self._context().revoke(self._visitor(sid))

    async def block(self, sid: str, cid: str, duration: str, reason: str) -> dict[str, Any]:
        """Block the browser of a conversation this counsellor has or had, tell the visitor's widget, and
        close the conversation as abusive if it is still open."""
        record, _ = await self._handled(sid, cid)
        result = await self._context().blocks.block(cid, self.account_of(sid).username, duration, reason)
        await self.delivery.blocked(cid)
        if record.status != Status.CLOSED or not record.outcome:
            try:
                await self.close(sid, cid, Outcome.ABUSIVE, [], "", "")
            except HelplineError as exc:
                if exc.code != ErrorCode.CONVERSATION_CLOSED:
                    raise
        return {"ok": True, "block": result}

    # -- supervisors ---------------------------------------------------------------------------

    def _supervisor(self, sid: str) -> SupervisorLink:
        link = self.presence.supervisor(sid)
        if link is None:
            raise HelplineError(ErrorCode.UNAUTHORIZED, "log in again")
        return link

    async def supervisor_connect(self, sid: str, account: Account, token: str) -> None:
        self.presence.supervisors[sid] = SupervisorLink(account, token)
        await self.delivery.supervisor_joined(sid)

    async def supervisor_welcome(self, sid: str) -> None:
        await self.delivery.board(await self.queue_view.board(), sid)

    def supervisor_disconnect(self, sid: str) -> None:
        self.presence.supervisors.pop(sid, None)

    async def _monitorable(self, sid: str, cid: str) -> ConversationRecord:
        self._supervisor(sid)
        record = await self.store.get(cid)
        if record is None or record.status in {Status.CLOSED, Status.NEW}:
            # Closed conversations are reviewed only as anonymised transcripts.
            raise HelplineError(ErrorCode.NOT_FOUND)
        return record

    async def monitor(self, sid: str, cid: str) -> dict[str, Any]:
        record = await self._monitorable(sid, cid)
        await self.presence.watch(sid, cid)
        await self.delivery.supervisor_watches(sid, cid)
        return {"ok": True, "conversation": await self.conversation_detail(record, with_whispers=True)}

    async def supervisor_history(self, sid: str, cid: str, after_seq: int) -> dict[str, Any]:
        """The rest of a long conversation being monitored (what `monitor` may see, page by page)."""
        await self._monitorable(sid, cid)
        return await self._history(cid, after_seq)

    async def unmonitor(self, sid: str, cid: str) -> None:
        self.presence.unwatch(sid, cid)
        await self.delivery.supervisor_stops_watching(sid, cid)

    async def assign(self, sid: str, cid: str, to_user: str) -> dict[str, Any]:
        """A supervisor gives a waiting conversation (an acute one, say) to a counsellor who is online now.
        The supervisor decides, so the counsellor's skills and languages do not limit it; their maximum of
        concurrent conversations does (`limit_reached`). Anything else that cannot be assigned (unknown or
        offline counsellor, a conversation not waiting) is `not_found`."""
        name = self._supervisor(sid).account.username
        if to_user not in await self.presence.online_names() or await self.accounts.get(to_user) is None:
            raise HelplineError(ErrorCode.NOT_FOUND, "no such counsellor online")
        record = (await self.store.get_many([cid], ["status"]))[0]
        if record is None or record.status != Status.QUEUED:
            raise HelplineError(ErrorCode.NOT_FOUND)
        try:
            await self.store.claim(cid, to_user, self.settings.max_conversations)
        except HelplineError as exc:
            if exc.code == ErrorCode.NOT_WAITING:  # claimed meanwhile
                raise HelplineError(ErrorCode.NOT_FOUND) from None
            raise
        await self.delivery.assigned(to_user, cid, name, by_supervisor=True)
        await self.delivery.status_to_visitor(cid, Status.ACTIVE)
        await self.delivery.status_to_supervisors(cid, Status.ACTIVE)
        return {"ok": True}

    async def whisper(self, sid: str, cid: str, text: str) -> dict[str, Any]:
        name = self._supervisor(sid).account.username
        record = await self.store.get(cid)
        if record is None or record.status != Status.ACTIVE:
            raise HelplineError(ErrorCode.NOT_FOUND)
        entry = await self.store.add_whisper(cid, {"from": name, "ts": time.time(), "text": text})
        await self.delivery.whisper(cid, {"conversation_id": cid, **entry})
        return {"ok": True}


__all__ = ["ConversationService", "Message", "Scheduler"]
