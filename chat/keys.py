"""Redis key names, in one place so an operator can read the data model (docs/operations.md)."""

PREFIX = "hl:"


def conversation(cid: str) -> str:
    """Hash: status, queue, urgency, counsellor, wrapped data key, timestamps, triage ..."""
    return f"{PREFIX}conv:{cid}"


def messages(cid: str) -> str:
    """List of sealed messages; position + 1 is the message's seq."""
    return f"{PREFIX}msgs:{cid}"


def client_ids(cid: str) -> str:
    """Hash sender:client_id -> seq, for idempotent retries."""
    return f"{PREFIX}cids:{cid}"


def notes(cid: str) -> str:
    """List of sealed internal notes and handover notes (never shown to the visitor)."""
    return f"{PREFIX}notes:{cid}"


def whispers(cid: str) -> str:
    """List of sealed supervisor whispers (never shown to the visitor, never in a transcript)."""
    return f"{PREFIX}whispers:{cid}"


def feedback(cid: str) -> str:
    """Hash signal code -> confirm|reject, with the counsellor and time, for evaluating triage."""
    return f"{PREFIX}feedback:{cid}"


def transcript(cid: str) -> str:
    """The anonymised transcript, made once at close, sealed with the review key."""
    return f"{PREFIX}transcript:{cid}"


def resume(token_hash: str) -> str:
    return f"{PREFIX}resume:{token_hash}"


def user(name: str) -> str:
    return f"{PREFIX}user:{name}"


def user_active(name: str) -> str:
    """Set of the conversations a counsellor has active."""
    return f"{PREFIX}user:{name}:active"


def login(token_hash: str) -> str:
    return f"{PREFIX}login:{token_hash}"


USERS = f"{PREFIX}users"
QUEUE = f"{PREFIX}queue"  # sorted set: urgency band, then waiting time
QUEUE_VERSION = f"{PREFIX}queue:version"  # bumped on every queue change; processes poll it
ACTIVE = f"{PREFIX}active"  # set of active conversations
CLOSED = f"{PREFIX}closed"  # sorted set: conversation -> closed at (s)
ONLINE = f"{PREFIX}online"  # sorted set: counsellor -> last heartbeat (ms)
MONITORED = f"{PREFIX}monitored"  # set of conversations a supervisor is watching
CANNED = f"{PREFIX}canned"  # JSON list of canned responses
DIRECTORY = f"{PREFIX}directory"  # JSON list of referral organisations
STARTED = f"{PREFIX}started"  # sorted set: conversation -> entered the queue at (s), for statistics
FRESH = f"{PREFIX}fresh"  # sorted set: conversation opened but no message yet -> created at (s)
