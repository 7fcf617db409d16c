"""`python -m chat serve | user add|list|remove|totp|unlock | audit | redis | retention | keys rotate | export-feedback
| safe-words list|set`
(docs/operations.md)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
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


def _redis_url(settings: Settings, exclusive: bool = False) -> tuple[str, EmbeddedRedis | None]:
    if settings.redis_url:
        return settings.redis_url, None
    embedded = EmbeddedRedis(settings.data_dir, settings.redis_fsync)
    return embedded.start(exclusive=exclusive), embedded


def _redis_label(settings: Settings, embedded: EmbeddedRedis | None) -> str:
    if embedded is not None:
        return f"embedded in {settings.data_dir}"
    return "through REDIS_SENTINELS" if settings.redis_url.startswith("redis+sentinel://") else "REDIS_URL"


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
        print(f"helpline: serving on http://{host}:{port} (redis: {_redis_label(settings, embedded)})",
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


def _with_redis(settings: Settings, work: Callable[[Any], Awaitable[int]], exclusive: bool = False) -> int:
    from chat.redis_client import redis_client

    url, embedded = _redis_url(settings, exclusive)

    async def run() -> int:
        client = redis_client(settings, url)
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
    from chat import keys
    from chat.accounts import Accounts
    from chat.audit import Audit

    def split(value: str | None) -> list[str]:
        return [v.strip() for v in (value or "").split(",") if v.strip()]

    async def work(client: Any) -> int:
        audit = Audit(client, settings.audit_retention_days)
        if args.action == "totp":
            return await totp_action(settings, client, audit, args)
        accounts = Accounts(client, settings.login_ttl_s, audit=audit)
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
        elif args.action == "unlock":
            await client.delete(keys.login_failures(args.name))
            print(f"failed logins of {args.name} forgotten: the next login is checked at once")
        else:
            for account in await accounts.list():
                skills = ",".join(account.skills) or "all queues"
                languages = ",".join(account.languages) or "all languages"
                second = "2fa" if await accounts.has_totp(account.username) else (
                    "no 2fa (cannot log in)" if account.role in settings.require_2fa else "no 2fa")
                print(f"{account.username}\t{account.role}\t{skills}\t{languages}\t{second}")
        return 0

    return _with_redis(settings, work)


async def totp_action(settings: Settings, client: Any, audit: Any, args: argparse.Namespace) -> int:
    """`user totp NAME [--remove]`: enrol (or re-enrol) an account's authenticator app and print its URI."""
    from chat.accounts import Accounts
    from chat.crypto import Vault, load_master_key
    from chat.store import ConversationStore, MasterKeyMismatch

    vault = Vault(load_master_key(settings.master_key, settings.data_dir / "master.key"))
    try:
        # The secret is sealed with the master key: the server's key, or nobody could log in.
        await ConversationStore(client, vault).check_master_key()
    except MasterKeyMismatch as exc:
        print(f"user totp: refusing to run: {exc}", file=sys.stderr)
        return 2
    accounts = Accounts(client, settings.login_ttl_s, vault=vault, audit=audit)
    if args.remove:
        if not await accounts.remove_totp(args.name):
            print(f"{args.name}: no second factor enrolled (or no such account)")
            return 0
        account = await accounts.get(args.name)
        print(f"{args.name}: second factor removed; their logins have ended")
        if account is not None and account.role in settings.require_2fa:
            print(f"note: role {account.role} needs a second factor (HELPLINE_REQUIRE_2FA): "
                  "they cannot log in until enrolled again")
        return 0
    try:
        uri = await accounts.enrol_totp(args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # Printed once, for the person's authenticator app; stored only sealed, never logged.
    print(uri)
    print(f"{args.name}: scan this (e.g. `qrencode -t ansiutf8 'URI'`) or type it into the authenticator app; "
          "it is not shown again. Earlier codes and logins of this account have ended.", file=sys.stderr)
    return 0


def audit_command(settings: Settings, limit: int, before: str) -> int:
    from chat.audit import Audit
    from chat.errors import HelplineError

    async def work(client: Any) -> int:
        try:
            entries = await Audit(client, settings.audit_retention_days).entries(limit, before)
        except HelplineError as exc:
            print(f"audit: {exc.detail}", file=sys.stderr)
            return 2
        for entry in entries:
            at = datetime.fromtimestamp(entry["at"] / 1000, tz=UTC).isoformat(timespec="milliseconds")
            print(f"{at}\t{entry['actor'] or '-'}\t{entry['action']}\t{entry['target'] or '-'}\t{entry['id']}")
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
    from chat.audit import CLI_ACTOR, Action, Audit
    from chat.crypto import Vault, load_master_key
    from chat.feedback_export import export_feedback
    from chat.review import Review
    from chat.store import ConversationStore

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115

    async def work(client: Any) -> int:
        vault = Vault(load_master_key(settings.master_key, settings.data_dir / "master.key"))
        n = await export_feedback(Review(ConversationStore(client, vault)), out)
        await Audit(client, settings.audit_retention_days).record(CLI_ACTOR, Action.EXPORT_FEEDBACK, str(n))
        print(f"export-feedback: {n} conversations", file=sys.stderr)
        return 0

    try:
        return _with_redis(settings, work)
    finally:
        if out is not sys.stdout:
            out.close()


def keys_rotate_command(settings: Settings) -> int:
    """Re-wrap every data key under a new master key (chat/rotation.py); the server must be stopped."""
    from chat.crypto import Vault, load_master_key
    from chat.rotation import rotate, servers_running
    from chat.store import MasterKeyMismatch

    key_file = settings.data_dir / "master.key"
    next_file = settings.data_dir / "master.key.next"
    if settings.master_key:
        new_value = os.environ.get("HELPLINE_NEW_MASTER_KEY", "").strip()
        if not new_value:
            print("keys rotate: the master key comes from HELPLINE_MASTER_KEY, so the new one must too: set "
                  "HELPLINE_NEW_MASTER_KEY (docs/operations.md, \"Rotating the master key\")", file=sys.stderr)
            return 2
        old_key = load_master_key(settings.master_key, key_file)
        new_key = load_master_key(new_value, key_file)
    else:
        if not key_file.exists() and next_file.exists():
            os.replace(next_file, key_file)  # an earlier run stopped between renaming the two files
            print(f"keys rotate: finished an interrupted rotation; the master key is {key_file}")
            return 0
        if not key_file.exists():
            print(f"keys rotate: no master key at {key_file} (and HELPLINE_MASTER_KEY is not set)", file=sys.stderr)
            return 2
        old_key = load_master_key("", key_file)
        new_key = load_master_key("", next_file)  # made now, or kept from an interrupted run
    if new_key == old_key:
        print("keys rotate: the new master key is the old one", file=sys.stderr)
        return 2

    async def work(client: Any) -> int:
        running = await servers_running(client)
        if running:
            print(f"keys rotate: {running} server process(es) are running on this Redis; stop them first "
                  "(a running server keeps using the old key and would seal new data with it)", file=sys.stderr)
            return 2
        try:
            done = await rotate(client, Vault(old_key), Vault(new_key))
        except MasterKeyMismatch as exc:
            print(f"keys rotate: refusing: {exc}", file=sys.stderr)
            return 2
        print(f"keys rotate: {done.data_keys} data keys re-wrapped, {done.sealed_values} transcripts, tags and "
              f"referrals sealed again" + (f", {done.unreadable} left unreadable" if done.unreadable else ""))
        if not done.aof_rewritten:
            print("keys rotate: Redis's append-only file was not rewritten: the old wrappings stay in it until "
                  "Redis rewrites it (BGREWRITEAOF)", file=sys.stderr)
        return 0

    try:
        code = _with_redis(settings, work, exclusive=True)
    except SystemExit as exc:
        print(f"keys rotate: refusing: {exc}", file=sys.stderr)
        return 2
    if code:
        return code
    if settings.master_key:
        print("keys rotate: done. Now set HELPLINE_MASTER_KEY to the value of HELPLINE_NEW_MASTER_KEY, remove "
              "HELPLINE_NEW_MASTER_KEY and the old key from where you keep them, then start the server.")
        return 0
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    retired = key_file.with_name(f"master.key.retired-{stamp}")
    os.replace(key_file, retired)
    os.replace(next_file, key_file)
    directory = os.open(settings.data_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    print(f"keys rotate: done; the new master key is {key_file}. The old one is now {retired}: it opens only "
          "backups made before now. Destroy it (shred -u) once the server runs with the new key and those "
          "backups have expired.")
    return 0


def safe_words_command(settings: Settings, args: argparse.Namespace) -> int:
    """`safe-words list` / `safe-words set LANG PHRASE...` (no phrases: none for that language)."""
    from chat.audit import CLI_ACTOR, Action, Audit
    from chat.safe_words import load_safe_words, save_safe_words

    async def work(client: Any) -> int:
        words = await load_safe_words(client)
        if args.action == "set":
            words[args.lang] = list(args.phrases)
            try:
                await save_safe_words(client, words)
            except ValueError as exc:
                print(f"safe-words: {exc}", file=sys.stderr)
                return 2
            await Audit(client, settings.audit_retention_days).record(CLI_ACTOR, Action.SAFE_WORDS_UPDATE, args.lang)
            words = await load_safe_words(client)
            print(f"safe-words: {len(words.get(args.lang, []))} for {args.lang}; every server uses them within 5 s")
            return 0
        for lang, phrases in sorted(words.items()):
            for phrase in phrases:
                print(f"{lang}\t{phrase}")
        return 0

    return _with_redis(settings, work)


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
    p_unlock = user_sub.add_parser("unlock", help="forget a name's failed logins (the login throttle)")
    p_unlock.add_argument("name")
    p_totp = user_sub.add_parser("totp", help="enrol the account's authenticator app (prints the otpauth:// URI)")
    p_totp.add_argument("name")
    p_totp.add_argument("--remove", action="store_true", help="remove the second factor instead")
    p_audit = sub.add_parser("audit", help="print the audit log, newest first")
    p_audit.add_argument("--limit", type=int, default=100, help="entries to print (at most 1000; default 100)")
    p_audit.add_argument("--before", default="", help="only entries older than this entry id or time in ms")
    sub.add_parser("redis", help="run only the embedded Redis (for several server processes on one machine)")
    sub.add_parser("retention", help="destroy the keys of conversations past HELPLINE_RETENTION_DAYS now")
    p_keys = sub.add_parser("keys", help="master key maintenance (with every server stopped)")
    keys_sub = p_keys.add_subparsers(dest="action", required=True)
    keys_sub.add_parser("rotate", help="re-wrap every conversation's data key under a new master key")
    p_export = sub.add_parser("export-feedback", help="counsellors' triage feedback as redacted, labelled JSONL")
    p_export.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    p_safe = sub.add_parser("safe-words", help="coded phrases that raise a conversation to acute, per language")
    safe_sub = p_safe.add_subparsers(dest="action", required=True)
    safe_sub.add_parser("list", help="print every safe word: language, tab, phrase")
    p_safe_set = safe_sub.add_parser("set", help="replace one language's safe words (none given: remove them)")
    p_safe_set.add_argument("lang", help="language code, e.g. nl, en, fr")
    p_safe_set.add_argument("phrases", nargs="*", help="each phrase as one argument (quote phrases with spaces)")
    args = parser.parse_args(argv)

    settings = Settings.from_env()
    from chat.logs import setup_logging

    setup_logging(settings.log_level, settings.log_format)
    install_anonymous_logging()
    if args.command == "serve":
        return serve(settings, args.host, args.port)
    if args.command == "user":
        return user_command(settings, args)
    if args.command == "audit":
        return audit_command(settings, args.limit, args.before)
    if args.command == "retention":
        return retention_command(settings)
    if args.command == "keys":
        return keys_rotate_command(settings)
    if args.command == "export-feedback":
        return export_feedback_command(settings, args.output)
    if args.command == "safe-words":
        return safe_words_command(settings, args)
    return redis_command(settings)


if __name__ == "__main__":
    sys.exit(main())
