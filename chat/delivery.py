"""Delivery: the only code that knows Socket.IO rooms and namespaces (docs/protocol.md lists the events).

Rooms, which python-socketio's Redis manager spreads across server processes:
- `v:<cid>` on /visitor: the visitor's sockets of a conversation;
- `c:<cid>` on /counsellor: the sockets of the counsellor who has the conversation;
- `u:<username>` on /counsellor: all sockets of one counsellor;
- `m:<cid>` on /supervisor: supervisors watching a conversation; `board` on /supervisor: all supervisors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import socketio

from chat.store import Appended
from chat.wire import MessageWire, QueueStatusWire, QueueWire, SessionWire

VISITOR = "/visitor"
COUNSELLOR = "/counsellor"
SUPERVISOR = "/supervisor"
BOARD_ROOM = "board"


def _visitor_room(cid: str) -> str:
    return f"v:{cid}"


def _conversation_room(cid: str) -> str:
    return f"c:{cid}"


def _user_room(username: str) -> str:
    return f"u:{username}"


def _monitor_room(cid: str) -> str:
    return f"m:{cid}"


class Delivery:
    def __init__(self, sio: socketio.AsyncServer, is_monitored: Callable[[str], bool]) -> None:
        self.sio = sio
        # Emitting to an empty room still costs a publish to every process: only watched ones get events.
        self.is_monitored = is_monitored

    # -- rooms ----------------------------------------------------------------------------------------

    async def visitor_joined(self, sid: str, cid: str) -> None:
        await self.sio.enter_room(sid, _visitor_room(cid), namespace=VISITOR)

    async def visitor_left(self, sid: str, cid: str) -> None:
        await self.sio.leave_room(sid, _visitor_room(cid), namespace=VISITOR)

    async def counsellor_joined(self, sid: str, username: str, conversations: list[str]) -> None:
        await self.sio.enter_room(sid, _user_room(username), namespace=COUNSELLOR)
        for cid in conversations:
            await self.sio.enter_room(sid, _conversation_room(cid), namespace=COUNSELLOR)

    async def counsellor_took(self, sid: str, cid: str) -> None:
        await self.sio.enter_room(sid, _conversation_room(cid), namespace=COUNSELLOR)

    async def counsellor_released(self, cid: str) -> None:
        """Closed or transferred: no socket of the former counsellor gets its events any more."""
        await self.sio.close_room(_conversation_room(cid), namespace=COUNSELLOR)

    async def supervisor_joined(self, sid: str) -> None:
        await self.sio.enter_room(sid, BOARD_ROOM, namespace=SUPERVISOR)

    async def supervisor_watches(self, sid: str, cid: str) -> None:
        await self.sio.enter_room(sid, _monitor_room(cid), namespace=SUPERVISOR)

    async def supervisor_stops_watching(self, sid: str, cid: str) -> None:
        await self.sio.leave_room(sid, _monitor_room(cid), namespace=SUPERVISOR)

    async def visitor_moved(self, cid: str) -> None:
        """A return code moved the conversation to another browser: every visitor socket still open on it
        (another device, on any process) is closed; their resume token no longer works either."""
        room = _visitor_room(cid)
        manager = self.sio.manager
        if hasattr(manager, "disconnect_room"):
            await manager.disconnect_room(room, VISITOR)
            return
        for sid, _ in list(manager.get_participants(VISITOR, room)):
            await self.sio.disconnect(sid, namespace=VISITOR)

    async def disconnect_counsellor(self, sid: str) -> None:
        await self.sio.disconnect(sid, namespace=COUNSELLOR)

    async def disconnect_supervisor(self, sid: str) -> None:
        await self.sio.disconnect(sid, namespace=SUPERVISOR)

    # -- conversation events -------------------------------------------------------------------------

    async def message(self, appended: Appended) -> None:
        """A stored message to the other side (and watching supervisors); called in commit order."""
        message = appended.message
        cid = message.conversation_id
        wire = message.wire()
        if message.sender != "visitor":
            await self.sio.emit("message", wire, room=_visitor_room(cid), namespace=VISITOR)
        if message.sender != "counsellor":
            await self.sio.emit("message", wire, room=_conversation_room(cid), namespace=COUNSELLOR)
        if self.is_monitored(cid):
            await self.sio.emit("message", wire, room=_monitor_room(cid), namespace=SUPERVISOR)

    async def message_to_socket(self, sid: str, wire: MessageWire) -> None:
        """Replay to one visitor socket after a resume."""
        await self.sio.emit("message", wire, to=sid, namespace=VISITOR)

    async def visitor_typing(self, cid: str, typing: bool) -> None:
        await self.sio.emit("typing", {"conversation_id": cid, "typing": typing}, room=_conversation_room(cid),
                            namespace=COUNSELLOR)

    async def counsellor_typing(self, cid: str, typing: bool) -> None:
        await self.sio.emit("typing", {"sender": "counsellor", "typing": typing}, room=_visitor_room(cid),
                            namespace=VISITOR)

    async def delivered(self, cid: str, seq: int) -> None:
        await self.sio.emit("delivered", {"seq": seq}, room=_visitor_room(cid), namespace=VISITOR)

    async def status_to_visitor(self, cid: str, status: str, reason: str = "") -> None:
        event: dict[str, Any] = {"conversation_id": cid, "status": status}
        if reason:
            event["reason"] = reason
        await self.sio.emit("status", event, room=_visitor_room(cid), namespace=VISITOR)

    async def status_to_supervisors(self, cid: str, status: str, reason: str = "") -> None:
        event: dict[str, Any] = {"conversation_id": cid, "status": status}
        if reason:
            event["reason"] = reason
        await self.sio.emit("status", event, room=_monitor_room(cid), namespace=SUPERVISOR)

    async def visitor_gone(self, cid: str, hurried: bool, counsellor: str) -> None:
        event = {"conversation_id": cid, "hurried": hurried, "counsellor": counsellor}
        await self.sio.emit("visitor_left", event, room=_conversation_room(cid), namespace=COUNSELLOR)

    async def visitor_presence(self, cid: str, connected: bool, at_ms: int) -> None:
        """The visitor's socket opened or closed: their counsellor (and a watching supervisor) see it."""
        event = {"conversation_id": cid, "connected": connected, "at": at_ms / 1000}
        await self.sio.emit("visitor_presence", event, room=_conversation_room(cid), namespace=COUNSELLOR)
        if self.is_monitored(cid):
            await self.sio.emit("visitor_presence", event, room=_monitor_room(cid), namespace=SUPERVISOR)

    async def assigned(self, to_user: str, cid: str, from_user: str, by_supervisor: bool = False) -> None:
        event: dict[str, Any] = {"conversation_id": cid, "from": from_user}
        if by_supervisor:
            event["supervisor"] = True
        await self.sio.emit("assigned", event, room=_user_room(to_user), namespace=COUNSELLOR)

    async def welfare(self, username: str, event: dict[str, Any]) -> None:
        """A break suggestion (chat/welfare.py): only to that counsellor's own sockets."""
        await self.sio.emit("welfare", event, room=_user_room(username), namespace=COUNSELLOR)

    async def triage(self, cid: str, event: dict[str, Any]) -> None:
        await self.sio.emit("triage", event, room=_conversation_room(cid), namespace=COUNSELLOR)
        if self.is_monitored(cid):
            await self.sio.emit("triage", event, room=_monitor_room(cid), namespace=SUPERVISOR)

    async def whisper(self, cid: str, event: dict[str, Any]) -> None:
        await self.sio.emit("whisper", event, room=_conversation_room(cid), namespace=COUNSELLOR)
        await self.sio.emit("whisper", event, room=_monitor_room(cid), namespace=SUPERVISOR)

    # -- acute danger (chat/acute.py) ---------------------------------------------------------------

    async def acute_alert(self, event: dict[str, Any]) -> None:
        """To every supervisor online, on every process."""
        await self.sio.emit("acute_alert", event, room=BOARD_ROOM, namespace=SUPERVISOR)

    async def acute_to_counsellor(self, cid: str, event: dict[str, Any]) -> None:
        """The conversation's counsellor: it is acute now, and why."""
        await self.sio.emit("acute", event, room=_conversation_room(cid), namespace=COUNSELLOR)
        if self.is_monitored(cid):
            await self.sio.emit("acute", event, room=_monitor_room(cid), namespace=SUPERVISOR)

    async def visitor_cant_talk(self, cid: str, hidden: bool) -> None:
        event = {"conversation_id": cid, "hidden": hidden}
        await self.sio.emit("visitor_cant_talk", event, room=_conversation_room(cid), namespace=COUNSELLOR)
        if self.is_monitored(cid):
            await self.sio.emit("visitor_cant_talk", event, room=_monitor_room(cid), namespace=SUPERVISOR)
    async def blocked(self, cid: str) -> None:
        """The visitor's browser was blocked: the widget shows its neutral notice (chat/blocking.py)."""
        await self.sio.emit("blocked", {"conversation_id": cid}, room=_visitor_room(cid), namespace=VISITOR)

    async def continuity(self, cid: str, event: dict[str, Any]) -> None:
        """Linked to earlier conversations or not any more, with their summary (chat/continuity.py)."""
        await self.sio.emit("continuity", event, room=_conversation_room(cid), namespace=COUNSELLOR)

    # -- views ----------------------------------------------------------------------------------------

    async def session(self, sid: str, session: SessionWire) -> None:
        await self.sio.emit("session", session, to=sid, namespace=VISITOR)

    async def queue_status(self, sid: str, status: QueueStatusWire) -> None:
        await self.sio.emit("queue_status", status, to=sid, namespace=VISITOR)

    async def queue(self, sid: str, view: QueueWire) -> None:
        await self.sio.emit("queue", view, to=sid, namespace=COUNSELLOR)

    async def board(self, board: dict[str, Any], sid: str | None = None) -> None:
        if sid is None:
            await self.sio.emit("board", board, room=BOARD_ROOM, namespace=SUPERVISOR)
        else:
            await self.sio.emit("board", board, to=sid, namespace=SUPERVISOR)
