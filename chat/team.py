"""The team as a supervisor sees it: each counsellor's state and load (docs/ui.md, "Supervisor view").

A counsellor is `online` while a console of theirs sends heartbeats (chat/presence.py), and `away` when
they still hold active conversations but no console is open (a closed laptop, a lost connection): their
visitors then wait for an answer that may not come, which a supervisor should see at a glance.
"""

from __future__ import annotations

from collections import Counter
from typing import TypedDict


class CounsellorStateWire(TypedDict):
    username: str
    state: str  # online | away
    active: int  # conversations they hold now
    limit: int  # HELPLINE_MAX_CONVERSATIONS


def team(online: list[str], holders: list[str], limit: int) -> list[CounsellorStateWire]:
    """Online counsellors and those holding conversations; online first, then by name."""
    load = Counter(name for name in holders if name)
    here = set(online)
    names = sorted(here | set(load), key=lambda n: (n not in here, n.lower()))
    return [{"username": n, "state": "online" if n in here else "away", "active": load[n], "limit": limit}
            for n in names]
