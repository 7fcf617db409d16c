"""Redis key names, in one place so an operator can read the data model (docs/operations.md).

The keys of one conversation share the hash tag `{<cid>}`, so on Redis Cluster they live in one slot
and a script over them stays valid. (The queue and the other global keys do not; a cluster would need
them split per slot. One primary with replicas, or Sentinel, is the supported shape.)
"""

import hashlib

PREFIX = "hl:"
# Key kinds of one conversation, in the order `conversation_keys` returns them.
CONVERSATION_KINDS = ("conv", "msgs", "cids", "notes", "whispers", "feedback", "transcript")


def _conv_key(kind: str, cid: str) -> str:
    return f"{PREFIX}{kind}:{{{cid}}}"


def conversation_keys(cid: str) -> list[str]:
    return [_conv_key(kind, cid) for kind in CONVERSATION_KINDS]


def conversation(cid: str) -> str:
    """Hash: status, queue, urgency, counsellor, wrapped data key, timestamps, triage ..."""
    return _conv_key("conv", cid)


# SCAN pattern for every conversation hash, and the conversation id back from such a key.
CONVERSATIONS = f"{PREFIX}conv:{{*"


def cid_of_conversation(key: str) -> str:
    return key[len(f"{PREFIX}conv:{{"):-1]


def messages(cid: str) -> str:
    """List of sealed messages; position + 1 is the message's seq."""
    return _conv_key("msgs", cid)


def client_ids(cid: str) -> str:
    """Hash sender:client_id -> seq, for idempotent retries."""
    return _conv_key("cids", cid)


def notes(cid: str) -> str:
    """List of sealed internal notes and handover notes (never shown to the visitor)."""
    return _conv_key("notes", cid)


def whispers(cid: str) -> str:
    """List of sealed supervisor whispers (never shown to the visitor, never in a transcript)."""
    return _conv_key("whispers", cid)


def feedback(cid: str) -> str:
    """Hash signal code -> confirm|reject, with the counsellor and time, for evaluating triage."""
    return _conv_key("feedback", cid)


def transcript(cid: str) -> str:
    """The anonymised transcript, made once at close, sealed with the review key."""
    return _conv_key("transcript", cid)


def resume(token_hash: str) -> str:
    return f"{PREFIX}resume:{token_hash}"


def user(name: str) -> str:
    return f"{PREFIX}user:{name}"


def user_active(name: str) -> str:
    """Set of the conversations a counsellor has active."""
    return f"{PREFIX}user:{name}:active"


def login_failures(name: str) -> str:
    """Hash `count`, `until_ms`: failed logins of one user name, for the throttle (no addresses kept).
    The name is hashed: what someone typed as a name (a password, sometimes) is not kept readable."""
    return f"{PREFIX}loginfail:{hashlib.sha256(name.encode()).hexdigest()[:32]}"


def login(token_hash: str) -> str:
    return f"{PREFIX}login:{token_hash}"


USERS = f"{PREFIX}users"
# Stream: the audit log (chat/audit.py), entry id = time in ms; fields actor, action, target.
AUDIT = f"{PREFIX}audit"
# Unknown-name failed logins not yet written to the audit log (a counter, chat/audit.py).
AUDIT_UNKNOWN_LOGINS = f"{PREFIX}audit:unknown"
KEY_CHECK = f"{PREFIX}keycheck"  # identifies the master key the data is sealed with (not the key)
KEY_CHECK_ROTATING = "rotating:"  # KEY_CHECK's value while `keys rotate` runs: rotating:<old>:<new>
# Bumped whenever a login may have ended (logout, password or role change, removal): every process
# then re-checks its staff sockets (chat/revocation.py).
STAFF_VERSION = f"{PREFIX}staff:version"
QUEUE = f"{PREFIX}queue"  # sorted set: urgency band, then waiting time
QUEUE_VERSION = f"{PREFIX}queue:version"  # bumped on every queue change; processes poll it
ACTIVE = f"{PREFIX}active"  # set of active conversations
CLOSED = f"{PREFIX}closed"  # sorted set: conversation -> closed at (s)
VISITORS_SEEN = f"{PREFIX}visitors:seen"  # sorted set: conversation -> its visitor last connected (ms)
VISITORS_LEFT = f"{PREFIX}visitors:left"  # sorted set: conversation -> its visitor's last socket closed (ms)
ONLINE = f"{PREFIX}online"  # sorted set: counsellor -> last heartbeat (ms)
MONITORED = f"{PREFIX}monitored"  # set of conversations a supervisor is watching
CANNED = f"{PREFIX}canned"  # JSON list of canned responses
DIRECTORY = f"{PREFIX}directory"  # JSON list of referral organisations
OPENING_HOURS = f"{PREFIX}hours"  # opening hours saved on the admin page (absent: HELPLINE_OPENING_HOURS)
# Held while an admin changes an account (chat/admin_api.py): such changes run one at a time everywhere.
ACCOUNTS_LOCK = f"{PREFIX}lock:accounts"
SAFE_WORDS = f"{PREFIX}safewords"  # JSON object: language -> coded phrases (chat/safe_words.py)
STARTED = f"{PREFIX}started"  # sorted set: conversation -> entered the queue at (s), for statistics
# Stream of triage jobs ("c": conversation id), one per stored visitor message; read by the consumer
# group TRIAGE_GROUP of the triage workers (chat/triage_worker.py).
TRIAGE_JOBS = f"{PREFIX}triage:jobs"
# Jobs of conversations still waiting for a counsellor: their triage decides the queue order, so workers
# take these first, also when they are behind with the rest.
TRIAGE_JOBS_WAITING = f"{PREFIX}triage:jobs:waiting"
TRIAGE_STREAMS = (TRIAGE_JOBS_WAITING, TRIAGE_JOBS)  # in the order workers read them
TRIAGE_GROUP = "triage"
TRIAGE_LAG = f"{PREFIX}triage:lag"  # list: ms from message stored to its triage result stored, newest first
TRIAGE_LAG_WAITING = f"{PREFIX}triage:lag:waiting"  # the same, for messages of waiting conversations only
def admitted(minute: int) -> str:
    """Counter of new conversations in one minute (since the epoch), for the admission limit; expires."""
    return f"{PREFIX}admitted:{minute}"


FRESH = f"{PREFIX}fresh"  # sorted set: conversation opened but no message yet -> created at (s)
# JSON object: language -> coded phrases ("safe words") that raise a conversation to acute (chat/safe_words.py).
SAFE_WORDS = f"{PREFIX}safewords"
# JSON object {"steps": [...]}: the acute protocol checklist as the helpline edited it (chat/acute.py);
# absent: chat/defaults/acute_protocol.json.
ACUTE_PROTOCOL = f"{PREFIX}acute:protocol"

# Blocked browsers (chat/blocking.py). A block's record, the device it blocks (SHA-256 of the widget's
# random device token) -> the block's id, and every block by its end; all expire with the block.
BLOCKS = f"{PREFIX}blocks"  # sorted set: block id -> until (ms)


def block(block_id: str) -> str:
    """Hash: `device` (token hash), `reason`, `by`, `created`, `until`, `conversation`."""
    return f"{PREFIX}block:{block_id}"


def blocked_device(device_hash: str) -> str:
    return f"{PREFIX}blockdev:{device_hash}"


# Conversations linked with the visitor's consent (chat/continuity.py); all expire with retention.
def link(link_id: str) -> str:
    """Hash: `code` (SHA-256 of the personal code), `created`."""
    return f"{PREFIX}link:{link_id}"


def link_conversations(link_id: str) -> str:
    """Sorted set: the linked conversations -> when they were linked (ms)."""
    return f"{PREFIX}link:{link_id}:convs"


def link_code(code_hash: str) -> str:
    return f"{PREFIX}linkcode:{code_hash}"


# Return codes (chat/return_code.py).
def return_code(code_hash: str) -> str:
    """String: the conversation id a return code (by its SHA-256) opens; deleted by retention."""
    return f"{PREFIX}returncode:{code_hash}"


def return_code_tries(window: int) -> str:
    """Counter of return codes tried helpline-wide in one minute (since the epoch); expires."""
    return f"{PREFIX}returncode:tries:{window}"


# -- quality and care (chat/review_queue.py, chat/welfare.py) ---------------------------------------

def review(cid: str) -> str:
    """Hash: the review-queue decision (`pick`) made at close and the supervisor's review of a closed
    conversation (scores, sealed comment, reviewer). Goes with the conversation at review retention."""
    return _conv_key("review", cid)


# Sorted set: conversations picked for review (every acute one, plus the random sample) -> closed at (ms).
REVIEW_QUEUE = f"{PREFIX}review:queue"


def reviews_of(name: str) -> str:
    """Sorted set: the reviewed conversations a counsellor handled -> reviewed at (ms)."""
    return f"{PREFIX}reviews:of:{name}"


def welfare(name: str) -> str:
    """Hash, with expiry: a counsellor's current shift (start, last seen, time online, exposure counts)."""
    return f"{PREFIX}welfare:{name}"


def welfare_counted(name: str) -> str:
    """Set, with expiry: the conversations already counted in a counsellor's current shift."""
    return f"{PREFIX}welfare:{name}:counted"


# Sorted set: counsellors with a shift record -> last seen (ms), for the supervisors' welfare list.
WELFARE = f"{PREFIX}welfare"
