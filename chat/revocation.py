"""Ending staff sessions everywhere: a logout, a password or role change, or a removed account closes
that person's sockets on every namespace and every process within REVOCATION_POLL_S (docs/operations.md,
"Staff accounts").

Logins are bound to the account's current credentials (a stamp, chat/accounts.py). Whatever may end a
login bumps a version in Redis; each process polls it and re-checks the staff sockets it holds.
"""

from __future__ import annotations

from chat.accounts import Accounts
from chat.delivery import Delivery
from chat.periodic import Periodic
from chat.presence import Presence

REVOCATION_POLL_S = 0.5


class Revocation:
    def __init__(self, accounts: Accounts, presence: Presence, delivery: Delivery) -> None:
        self.accounts = accounts
        self.presence = presence
        self.delivery = delivery
        self._version = -1
        self.job = Periodic("revocation check", self._poll, REVOCATION_POLL_S)

    async def check(self) -> int:
        """Close this process's staff sockets whose login no longer holds; returns how many."""
        closed = 0
        for sid, link in list(self.presence.counsellors.items()):
            account = await self.accounts.authenticate(link.token)
            if account is None:
                await self.delivery.disconnect_counsellor(sid)  # its disconnect handler forgets it
                closed += 1
            else:
                link.account = account  # skills and languages may have changed
        for sid, slink in list(self.presence.supervisors.items()):
            account = await self.accounts.authenticate(slink.token)
            if account is None or not account.is_supervisor:
                await self.delivery.disconnect_supervisor(sid)
                closed += 1
        return closed

    async def _poll(self) -> None:
        version = await self.accounts.staff_version()
        if version != self._version:
            self._version = version
            await self.check()
