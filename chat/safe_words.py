"""Safe words: coded phrases per language that a visitor can type when someone may be reading along
(docs/operations.md, "Admin page"). Admins edit them on /admin (GET/PUT /api/admin/safe-words); the
message path reads them with `load_safe_words` to raise such a conversation to acute silently.

Stored as one JSON object in Redis (`keys.SAFE_WORDS`): language code -> list of phrases. The phrases are
the helpline's own settings, not visitor data; they are never written to a log or the audit log.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from redis.asyncio import Redis

from chat import keys
from chat.records import as_text
from vocabulary import UI_LANGUAGES

LANGUAGES_MAX = 20
PHRASES_MAX = 50  # per language
PHRASE_MAX = 80  # characters
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def normalise(data: Any) -> dict[str, list[str]]:
    """The stored shape of an admin's input: every UI language present, phrases trimmed, inner white
    space collapsed, duplicates (ignoring case) dropped. ValueError names what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("an object: language code -> list of phrases")
    if len(data) > LANGUAGES_MAX:
        raise ValueError(f"at most {LANGUAGES_MAX} languages")
    out: dict[str, list[str]] = {lang: [] for lang in UI_LANGUAGES}
    for lang, phrases in data.items():
        if not isinstance(lang, str) or not _LANGUAGE.match(lang):
            raise ValueError(f"{str(lang)[:10]!r} is not a language code such as nl, en or fr")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ValueError(f"{lang}: a list of phrases (strings)")
        seen: set[str] = set()
        kept: list[str] = []
        for phrase in phrases:
            text = " ".join(phrase.split())
            if not text or text.casefold() in seen:
                continue
            if len(text) > PHRASE_MAX:
                raise ValueError(f"{lang}: a phrase has at most {PHRASE_MAX} characters")
            seen.add(text.casefold())
            kept.append(text)
        if len(kept) > PHRASES_MAX:
            raise ValueError(f"{lang}: at most {PHRASES_MAX} phrases")
        out[lang] = kept
    return out


async def load_safe_words(redis: Redis) -> dict[str, list[str]]:
    """language -> phrases; every UI language is present (an empty list when none are set)."""
    raw = await redis.get(keys.SAFE_WORDS)
    if not raw:
        return {lang: [] for lang in UI_LANGUAGES}
    try:
        return normalise(orjson.loads(as_text(raw)))
    except (orjson.JSONDecodeError, ValueError):
        return {lang: [] for lang in UI_LANGUAGES}  # never fail a message over a damaged setting


async def save_safe_words(redis: Redis, data: Any) -> dict[str, list[str]]:
    """Validate (ValueError) and store; returns what was stored."""
    words = normalise(data)
    await redis.set(keys.SAFE_WORDS, orjson.dumps(words))
    return words
