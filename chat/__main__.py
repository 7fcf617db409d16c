"""`python -m chat serve | user add|list|remove | redis | retention` (docs/operations.md)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from chat.config import Settings
from chat.embedded_redis import EmbeddedRedis


class _HideClientDetails(logging.Filter):
    """aiohttp's own messages can carry the client's address ("Error handling request from ...");
    their arguments are blanked, so no visitor's IP address reaches a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple("-" for _ in record.args) if isinstance(record.args, tuple) else ()
        return True


def install_anonymous_logging() -> None:
    # An access log records IP addresses and user agents: off.
    logging.getLogger("aiohttp.access").disabled = True
    for name in ("aiohttp.server", "aiohttp.web", "aiohttp.websocket", "aiohttp.internal"):
        logging.getLogger(name).addFilter(_HideClientDetails())
    from chat.httpsec import install_parser_error_log

    install_parser_error_log()


def _redis_url(settings: Settings) -> tuple[str, EmbeddedRedis | None]:
    if settings.redis_url:
        return settings.redis_url, None
    embedded = EmbeddedRedis(settings.data_dir, settings.redis_fsync)
    return embedded.start(), embedded


def serve(settings: Settings, host: str, port: int) -> int:
    from aiohttp import web

    from chat.app import create_app
    from chat.store import MasterKeyMismatch

    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:  # pragma: no cover - uvloop is a dependency; Windows lacks it
        pass
    url, embedded = _redis_url(settings)
    if embedded is not None:
        embedded.supervise()
    try:
        app = create_app(settings, url)
        print(f"helpline: serving on http://{host}:{port} (redis: {'embedded in ' + str(settings.data_dir) if embedded else 'REDIS_URL'})",
              flush=True)
        # access_log=None: an access log would record visitors' IP addresses and user agents.
        web.run_app(app, host=host, port=port, access_log=None, print=None, handle_signals=True,
                    shutdown_timeout=2)
    except MasterKeyMismatch as exc:
        print(f"helpline: refusing to start: {exc}", file=sys.stderr, flush=True)
        return 2
    finally:
        if embedded is not None:
            embedded.stop()
    return 0


def _with_redis(settings: Settings, work: Callable[[Any], Awaitable[int]]) -> int:
    import redis.asyncio as aioredis

    url, embedded = _redis_url(settings)

    async def run() -> int:
        client = aioredis.Redis.from_url(url)
        try:
            return await work(client)
        finally:
            await client.aclose()

    try:
        return asyncio.run(run())
    finally:
        if embedded is not None:
            embedded.stop()


def user_command(settings: Settings, args: argparse.Namespace) -> int:
    from chat.accounts import Accounts

    def split(value: str | None) -> list[str]:
        return [v.strip() for v in (value or "").split(",") if v.strip()]

    async def work(client: Any) -> int:
        accounts = Accounts(client, settings.login_ttl_s)
        if args.action == "add":
            password = os.environ.get("HELPLINE_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
            try:
                account = await accounts.add(args.name, password, args.role, split(args.skills), split(args.languages))
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(f"account {account.username} ({account.role}) saved")
        elif args.action == "remove":
            print("removed" if await accounts.remove(args.name) else "no such account")
        else:
            for account in await accounts.list():
                skills = ",".join(account.skills) or "all queues"
                languages = ",".join(account.languages) or "all languages"
                print(f"{account.username}\t{account.role}\t{skills}\t{languages}")
        return 0

    return _with_redis(settings, work)


def retention_command(settings: Settings) -> int:
    from chat.crypto import Vault, load_master_key
    from chat.retention import Retention
    from chat.review import Review
    from chat.store import ConversationStore, MasterKeyMismatch

    async def work(client: Any) -> int:
        vault = Vault(load_master_key(settings.master_key, settings.data_dir / "master.key"))
        store = ConversationStore(client, vault)
        try:
            await store.check_master_key()
        except MasterKeyMismatch as exc:
            print(f"retention: refusing to run: {exc}", file=sys.stderr)
            return 2
        await store.upgrade()
        destroyed = await Retention(store, Review(store), settings).apply()
        print(f"retention: destroyed the keys of {destroyed} conversations")
        return 0

    return _with_redis(settings, work)


def export_feedback_command(settings: Settings, output: str) -> int:
    from chat.crypto import Vault, load_master_key
    from chat.feedback_export import export_feedback
    from chat.review import Review
    from chat.store import ConversationStore

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115

    async def work(client: Any) -> int:
        vault = Vault(load_master_key(settings.master_key, settings.data_dir / "master.key"))
        n = await export_feedback(Review(ConversationStore(client, vault)), out)
        print(f"export-feedback: {n} conversations", file=sys.stderr)
        return 0

    try:
        return _with_redis(settings, work)
    finally:
        if out is not sys.stdout:
            out.close()


def redis_command(settings: Settings) -> int:
    embedded = EmbeddedRedis(settings.data_dir, settings.redis_fsync)
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)  # delivered to sigwait, not as exceptions
    print(f"redis: {embedded.start()}  (Ctrl-C stops it)", flush=True)
    try:
        signal.sigwait(stop_signals)
    finally:
        embedded.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chat", description="Anonymous helpline chat server")
    sub = parser.add_subparsers(dest="command", required=True)
    p_serve = sub.add_parser("serve", help="run the server")
    p_serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p_serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    p_user = sub.add_parser("user", help="manage staff accounts")
    user_sub = p_user.add_subparsers(dest="action", required=True)
    p_add = user_sub.add_parser("add", help="create or update an account (password: $HELPLINE_PASSWORD or prompt)")
    p_add.add_argument("name")
    p_add.add_argument("--role", choices=["counsellor", "supervisor", "admin"], default="counsellor")
    p_add.add_argument("--skills", help="comma-separated: crisis,youth,adult,witness,professional,perpetrator")
    p_add.add_argument("--languages", help="comma-separated ISO 639-1 codes, e.g. nl,en,fr")
    p_remove = user_sub.add_parser("remove", help="delete an account")
    p_remove.add_argument("name")
    user_sub.add_parser("list", help="list accounts")
    sub.add_parser("redis", help="run only the embedded Redis (for several server processes on one machine)")
    sub.add_parser("retention", help="destroy the keys of conversations past HELPLINE_RETENTION_DAYS now")
    p_export = sub.add_parser("export-feedback", help="counsellors' triage feedback as redacted, labelled JSONL")
    p_export.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_anonymous_logging()
    if args.command == "serve":
        return serve(settings, args.host, args.port)
    if args.command == "user":
        return user_command(settings, args)
    if args.command == "retention":
        return retention_command(settings)
    if args.command == "export-feedback":
        return export_feedback_command(settings, args.output)
    return redis_command(settings)


if __name__ == "__main__":
    sys.exit(main())
