"""Safe words: coded phrases, per language, that a visitor types when they cannot say they are in danger
(someone looks over their shoulder). A visitor message containing one raises the conversation to acute
silently (chat/acute.py; docs/operations.md, "Acute danger").

Stored in Redis as one JSON object, language -> phrases (`keys.SAFE_WORDS`); set with `python -m chat
safe-words set nl "..."` (or the admin pages). Matching ignores case and accents and looks for whole
words: "Rode Ballon!" matches the phrase "rode ballon", "rodeballon" and "ballonnen" do not. Every
language's phrases are checked in every conversation: a visitor may write in another language than
the widget's.

The message path never goes to Redis for this: each process keeps the compiled list in memory and
reloads it every RELOAD_S (`SafeWords`).
"""

from __future__ import annotations

import re
import unicodedata

import orjson
from redis.asyncio import Redis

from chat import keys
from chat.errors import ErrorCode, HelplineError
from chat.periodic import Periodic
from chat.records import as_text

PHRASE_MAX = 100
PHRASES_MAX = 50  # per language
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# How often each process reloads the list: a change reaches every process within this.
RELOAD_S = 5.0
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by one space, padded with a space on both sides."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return f" {_NOT_WORD.sub(' ', plain).strip()} "


def clean(words: object) -> dict[str, list[str]]:
    """The stored shape, checked: {language: [phrase, ...]}; a bad one is `bad_request`."""
    if not isinstance(words, dict):
        raise HelplineError(ErrorCode.BAD_REQUEST, "safe words: an object of language -> list of phrases")
    out: dict[str, list[str]] = {}
    for lang, phrases in words.items():
        if not isinstance(lang, str) or not LANGUAGE.match(lang):
            raise HelplineError(ErrorCode.BAD_REQUEST, f"safe words: {lang!r} is not a language code (nl, en, fr, ...)")
        if not isinstance(phrases, list) or len(phrases) > PHRASES_MAX:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"safe words: at most {PHRASES_MAX} phrases per language")
        kept: list[str] = []
        for phrase in phrases:
            if not isinstance(phrase, str) or not 0 < len(phrase.strip()) <= PHRASE_MAX:
                raise HelplineError(ErrorCode.BAD_REQUEST, f"safe words: each phrase 1-{PHRASE_MAX} characters")
            if not normalise(phrase).strip():
                raise HelplineError(ErrorCode.BAD_REQUEST, f"safe words: {phrase!r} has no letters or digits")
            if phrase.strip() not in kept:
                kept.append(phrase.strip())
        if kept:
            out[lang] = kept
    return out


async def load_safe_words(redis: Redis) -> dict[str, list[str]]:
    raw = await redis.get(keys.SAFE_WORDS)
    if not raw:
        return {}
    try:
        return clean(orjson.loads(as_text(raw)))
    except (orjson.JSONDecodeError, HelplineError):
        return {}


async def save_safe_words(redis: Redis, words: dict[str, list[str]]) -> None:
    await redis.set(keys.SAFE_WORDS, orjson.dumps(clean(words)))


class SafeWordMatcher:
    def __init__(self, words: dict[str, list[str]]) -> None:
        self.phrases = sorted({normalise(p) for phrases in words.values() for p in phrases if normalise(p).strip()})

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def matches(self, text: str) -> bool:
        if not self.phrases:
            return False
        plain = normalise(text)
        return any(phrase in plain for phrase in self.phrases)


class SafeWords:
    """This process's copy of the safe words, reloaded every RELOAD_S (a failed reload keeps the last)."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.matcher = SafeWordMatcher({})
        self.job = Periodic("safe words", self.reload, RELOAD_S)

    async def reload(self) -> None:
        self.matcher = SafeWordMatcher(await load_safe_words(self.redis))

    def matches(self, text: str) -> bool:
        return self.matcher.matches(text)
