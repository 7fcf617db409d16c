"""Assembles the server: every part is built here, once, and handed what it needs (README, "Layout").

Message path: transport/ (the visitor, counsellor and supervisor namespaces) -> conversations.py (the
commands) -> store.py (Redis, encryption) -> delivery.py (to the other side's sockets) and
queue_view.py + routing.py (who sees it waiting) -> triage_worker.py (urgency and signals). review.py
and retention.py work beside it. docs/operations.md tells how to run it; docs/protocol.md what it speaks.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from aiohttp import web

import moderator_ui
from chat import fastjson, wsdriver
from chat.abandonment import Abandonment
from chat.accounts import Accounts
from chat.acute import AcuteDesk
from chat.admin_api import AdminApi
from chat.audit import Audit
from chat.blocking import Blocks
from chat.config import Settings
from chat.consult import ProLine
from chat.continuity import Continuity
from chat.conversations import ConversationService
from chat.crypto import Vault, load_master_key
from chat.delivery import Delivery
from chat.errors import json_errors
from chat.hours import OpeningHours
from chat.http_api import HttpApi
from chat.http_quality import QualityApi
from chat.httpsec import TrustedProxies, forwarded, origin_allowed, write_guard
from chat.metrics import Metrics
from chat.presence import Presence
from chat.pubsub import SOCKETIO_CHANNEL, PeerAwareRedisManager
from chat.queue_view import QueueView
from chat.redis_client import redis_client
from chat.retention import Retention
from chat.return_code import ReturnCodes
from chat.review import Review
from chat.review_queue import ReviewQueue
from chat.revocation import Revocation
from chat.safe_words import SafeWords
from chat.store import ConversationStore
from chat.tokens import PendingConversations
from chat.transport.counsellor import CounsellorNamespace
from chat.transport.socket_server import HelplineSocketServer, polling_body_limit, quiet_logger
from chat.transport.supervisor import SupervisorNamespace
from chat.transport.visitor import VisitorNamespace
from chat.triage_worker import TriageWorkers
from chat.visitor_context import VisitorContext
from chat.welfare import Welfare

log = logging.getLogger(__name__)

# Socket.IO payload cap: a 4,000-character message is at most 16 KB in UTF-8; anything far beyond
# is refused by the transport before it reaches a handler.
MAX_PACKET_BYTES = 64 * 1024
# Heartbeat 25 s / timeout 20 s (Socket.IO defaults): NAT boxes and phones drop idle connections
# after about a minute, and a closed laptop is noticed within 45 s.
PING_INTERVAL_S = 25
PING_TIMEOUT_S = 20

APP_KEY_SERVICE = web.AppKey("service", ConversationService)
APP_KEY_REDIS = web.AppKey("redis", aioredis.Redis)


def content_security_policy(allowed_origins: list[str]) -> str:
    # connect-src 'self' covers the page's own ws:/wss: origin (CSP 3); a bare `ws: wss:` would let an
    # injected script talk to any host.
    ancestors = " ".join(["'self'", *allowed_origins])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "media-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
        f"base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )


def security_headers(settings: Settings) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    """Headers for every response, errors and Socket.IO polling included (an `on_response_prepare` hook,
    which also sees the responses aiohttp makes itself), and no server software or version."""
    csp = content_security_policy(settings.allowed_origins)

    async def add(request: web.Request, response: web.StreamResponse) -> None:
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Leaving the helpline must not tell the next site where the visitor came from.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        # Nothing of a conversation belongs in a shared computer's browser cache.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Server"] = "helpline"  # aiohttp would name itself and its version

    return add


def _page(path: Path) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handler(request: web.Request) -> web.StreamResponse:
        # FileResponse answers 404 itself if the page has not been built.
        return web.FileResponse(path)

    return handler


def create_app(settings: Settings, redis_url: str) -> web.Application:
    redis = redis_client(settings, redis_url)
    vault = Vault(load_master_key(settings.master_key, settings.data_dir / "master.key"))
    audit = Audit(redis, settings.audit_retention_days)
    accounts = Accounts(redis, settings.login_ttl_s, vault=vault, require_2fa=settings.require_2fa, audit=audit)
    manager = PeerAwareRedisManager(redis_url, channel=SOCKETIO_CHANNEL)
    def cors(origin: str | None, environ: dict[str, Any]) -> bool:
        """Same-origin always; partner sites embedding the widget when configured. The request's scheme
        and host come from forwarded headers only when a trusted proxy sent them (chat/httpsec.py)."""
        if origin is None:
            return True  # not a browser (the load bench, curl)
        request = environ.get("aiohttp.request")
        if not isinstance(request, web.Request):
            return origin in settings.allowed_origins
        return origin_allowed(request, origin, settings.allowed_origins)

    sio = HelplineSocketServer(
        async_mode="aiohttp",
        client_manager=manager,
        json=fastjson,
        # Their own loggers, rate-limited and without tracebacks: not their default stderr handlers.
        logger=quiet_logger("chat.transport.socketio", library=True),
        engineio_logger=quiet_logger("chat.transport.engineio", library=True),
        cors_allowed_origins=cors,
        max_http_buffer_size=MAX_PACKET_BYTES,
        ping_interval=PING_INTERVAL_S,
        ping_timeout=PING_TIMEOUT_S,
        # One connection's events are handled in order: a visitor's messages keep their order.
        async_handlers=False,
    )
    wsdriver.install(sio.eio)
    presence = Presence(redis, OpeningHours(settings.opening_hours, settings.timezone))
    delivery = Delivery(sio, presence.is_monitored)
    store = ConversationStore(redis, vault, on_commit=delivery.message, triage_jobs=settings.triage_enabled,
                              wait_replicas=settings.redis_wait_replicas, wait_timeout_ms=settings.redis_wait_timeout_ms,
                              max_messages=settings.max_messages)
    queue_view = QueueView(store, presence, delivery, settings)
    review = Review(store)
    review_queue = ReviewQueue(store, settings.review_sample)
    welfare = Welfare(redis, store, presence, delivery, settings)
    review.on_close += [review_queue.decide, welfare.conversation_closed]
    retention = Retention(store, review, settings)
    workers = (TriageWorkers(settings, redis_url, settings.triage_workers)
               if settings.triage_enabled and settings.triage_workers > 0 else None)
    revocation = Revocation(accounts, presence, delivery)
    abandonment = Abandonment(store, presence, delivery, queue_view, review, settings.abandoned_after_s)
    pending = PendingConversations(vault.derive(b"pending conversations"))
    service = ConversationService(store, presence, delivery, queue_view, accounts, settings, review, pending)
    service.return_codes = ReturnCodes(redis, store, vault.derive(b"return codes"), settings.return_code_tries_per_minute)
    acute = service.acute = AcuteDesk(store, delivery, queue_view, audit, settings, SafeWords(redis))
    blocks = Blocks(redis, store)
    continuity = Continuity(redis, store, settings.retention_days)
    pro_line = ProLine(settings.pro_opening_hours, settings.opening_hours, settings.timezone)
    service.context = VisitorContext(store, presence, delivery, blocks, continuity, pro_line, settings.retention_days)
    sio.register_namespace(VisitorNamespace(service))
    sio.register_namespace(CounsellorNamespace(service, accounts))
    sio.register_namespace(SupervisorNamespace(service, accounts))

    # Outermost first: forwarded headers are settled before anything looks at the scheme or host.
    app = web.Application(
        middlewares=[forwarded(TrustedProxies(settings.trusted_proxy)), json_errors,
                     write_guard(settings.allowed_origins), polling_body_limit(MAX_PACKET_BYTES)],
        client_max_size=MAX_PACKET_BYTES * 4,
    )
    app[APP_KEY_SERVICE] = service
    app[APP_KEY_REDIS] = redis
    sio.attach(app)
    http_api = HttpApi(redis, presence, delivery, accounts, review, settings)
    http_api.blocks, http_api.pro = blocks, pro_line
    app.add_routes(http_api.routes())
    app.add_routes(AdminApi(http_api, presence, store).routes())
    app.add_routes(Metrics(settings.metrics_token, redis, store, presence, queue_view).routes())
    app.add_routes(QualityApi(http_api, review_queue, welfare).routes())
    for url_path, file_name in moderator_ui.PAGES.items():
        app.router.add_get(url_path, _page(moderator_ui.STATIC_DIR / file_name))
    if moderator_ui.STATIC_DIR.exists():
        app.router.add_static("/static/", moderator_ui.STATIC_DIR, follow_symlinks=False)

    async def on_startup(app: web.Application) -> None:
        await redis.ping()
        await store.check_master_key()
        await store.upgrade()
        await audit.trim()
        # Subscribe to the other processes' events before the first client arrives, not on it.
        if not sio.manager_initialized:
            sio.manager_initialized = True
            sio.manager.initialize()
            await manager.settle(settings.peer_settle_s)
        queue_view.start()
        await acute.safe_words.reload()  # before the first visitor message
        acute.start()
        retention.job.start()
        revocation.job.start()
        welfare.job.start()
        if settings.abandoned_after_s > 0:
            abandonment.job.start()
        if workers is not None:
            workers.start()
        if settings.triage_enabled:
            review.warm_up()  # the redaction's load, off the first transcript (in a thread; start-up does not wait)

    async def on_cleanup(app: web.Application) -> None:
        await queue_view.stop()
        await acute.stop()
        await retention.job.stop()
        await revocation.job.stop()
        await welfare.job.stop()
        await abandonment.job.stop()
        await review.stop()
        await continuity.stop()
        if workers is not None:
            await workers.stop()
        await manager.close()
        await redis.aclose()

    async def on_shutdown(app: web.Application) -> None:
        # Close every socket now, rather than waiting for aiohttp's shutdown timeout; clients reconnect
        # to another process (or this one, restarted) and resume.
        await sio.shutdown()
        for socket in list(sio.eio.sockets.values()):
            with contextlib.suppress(Exception):
                await socket.close(wait=False, abort=True)

    app.on_response_prepare.append(security_headers(settings))
    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    app.on_cleanup.append(on_cleanup)
    return app
