"""HTTP endpoints for quality and care: the review queue and reviews (chat/review_queue.py) and counsellor
welfare (chat/welfare.py). docs/protocol.md, "Review queue" and "Counsellor welfare".

Logins, bodies and errors are handled as for every other endpoint (chat/http_api.py's helpers, the one
error shape of chat/errors.py). Who may read what:
- supervisors and admins: the queue, every review, everyone's shift;
- a counsellor: the reviews of their own conversations and their own shift, nothing of anyone else.
"""

from __future__ import annotations

from aiohttp import web

from chat.accounts import SUPERVISING_ROLES
from chat.audit import Action
from chat.http_api import HttpApi, _json
from chat.review_queue import ReviewQueue
from chat.transport.common import conversation_id_field
from chat.welfare import Welfare


def _cid(request: web.Request) -> str:
    # A malformed id gets the same answer as an unknown one, as on the sockets.
    return conversation_id_field({"conversation_id": request.match_info["cid"]})


class QualityApi:
    def __init__(self, http: HttpApi, reviews: ReviewQueue, welfare: Welfare) -> None:
        self.http = http
        self.reviews = reviews
        self.welfare = welfare

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/supervisor/reviews", self.queue),
            web.get("/api/supervisor/reviews/{cid}", self.get_review),
            web.put("/api/supervisor/reviews/{cid}", self.put_review),
            web.get("/api/supervisor/welfare", self.overview),
            web.get("/api/reviews/mine", self.my_reviews),
            web.get("/api/welfare/me", self.my_shift),
            web.post("/api/welfare/break", self.take_break),
        ]

    async def queue(self, request: web.Request) -> web.Response:
        await self.http._staff(request, SUPERVISING_ROLES)
        state = request.query.get("state", "all")
        return _json({"reviews": await self.reviews.queue(state), "sample": self.reviews.sample})

    async def get_review(self, request: web.Request) -> web.Response:
        await self.http._staff(request, SUPERVISING_ROLES)
        return _json(await self.reviews.get(_cid(request)))

    async def put_review(self, request: web.Request) -> web.Response:
        account = await self.http._staff(request, SUPERVISING_ROLES)
        cid = _cid(request)
        body = await self.http._body(request)
        await self.reviews.save(cid, account.username, body)
        await self.http.audit.record(account.username, Action.REVIEW_SAVE, cid)
        return _json({"ok": True, **await self.reviews.get(cid)})

    async def overview(self, request: web.Request) -> web.Response:
        account = await self.http._staff(request, SUPERVISING_ROLES)
        shifts = await self.welfare.overview()
        # Recorded before it is handed out: it is about people, like a transcript.
        await self.http.audit.record(account.username, Action.WELFARE_VIEW)
        return _json({"counsellors": shifts, "thresholds": self.welfare.thresholds()})

    async def my_reviews(self, request: web.Request) -> web.Response:
        account = await self.http._staff(request)
        return _json({"reviews": await self.reviews.of_counsellor(account.username)})

    async def my_shift(self, request: web.Request) -> web.Response:
        account = await self.http._staff(request)
        return _json({"shift": await self.welfare.shift(account.username), "thresholds": self.welfare.thresholds()})

    async def take_break(self, request: web.Request) -> web.Response:
        account = await self.http._staff(request)
        return _json({"ok": True, "shift": await self.welfare.take_break(account.username)})
