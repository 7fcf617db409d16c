"""Safe words: coded phrases, per language, that a visitor types when they cannot say they are in danger
(someone looks over their shoulder). A visitor message containing one raises the conversation to acute
silently (chat/acute.py; docs/operations.md, "Acute danger" and "Admin page").

Stored in Redis as one JSON object, language -> phrases (`keys.SAFE_WORDS`); set on /admin (GET/PUT
/api/admin/safe-words) or with `python -m chat safe-words set nl "..."`. The phrases are the helpline's own
settings, not visitor data; they are never written to a log or the audit log. Matching ignores case,
accents and keyboard variants (apostrophes, Arabic and Persian letter forms) and looks for whole words: "Rode Ballon!" matches the phrase "rode ballon", "rodeballon" and
"ballonnen" do not. Every language's phrases are checked in every conversation: a visitor may write in
another language than the widget's.

The message path never goes to Redis for this: each process keeps the compiled list in memory and
reloads it every RELOAD_S (`SafeWords`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import orjson
from redis.asyncio import Redis

from chat import keys
from chat.periodic import Periodic
from chat.records import as_text
from vocabulary import UI_LANGUAGES

LANGUAGES_MAX = 20
PHRASES_MAX = 50  # per language
PHRASE_MAX = 80  # characters
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# How often each process reloads the list: a change reaches every process within this.
RELOAD_S = 5.0
_NOT_WORD = re.compile(r"[\W_]+")
# Characters a phrase may not hold: controls (other than the white space collapsed below), format
# characters (bidi overrides and isolates U+202A-202E and U+2066-2069, the marks U+200E/F, zero-width
# U+200B-200D, U+2060, U+FEFF, the soft hyphen) and line/paragraph separators. They are invisible on the
# admin page, so a phrase could look like another, show reversed, or never match what a visitor types.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_ALLOWED_SPACE = frozenset(" \t\n\r")


def _invisible(text: str) -> str | None:
    """The first forbidden character of `text`, if any."""
    return next((c for c in text if unicodedata.category(c) in _INVISIBLE_CATEGORIES and c not in _ALLOWED_SPACE),
                None)


# What one keyboard types differently from another, folded before matching (both the admin's phrase and
# the visitor's text): modifier-letter apostrophes (Ukrainian keyboards type U+02BC, which a regex takes
# for a letter) separate words as ' and ’ do; Arabic tatweel only stretches a word; Persian keyboards' kaf
# and yeh are Arabic's; ى/ي and ة/ه are swapped in everyday writing. A zero-width space separates words.
_FOLD = str.maketrans({"\u02bc": " ", "\u02bb": " ", "\u02bd": " ", "\u200b": " ", "\u0640": None,
                       "\u06a9": "\u0643", "\u06cc": "\u064a", "\u0649": "\u064a", "\u0629": "\u0647"})


def normalise(text: str) -> str:
    """Lower case, no accents, keyboard variants folded (`_FOLD`), words separated by one space, padded
    with a space on both sides. Invisible format characters (a soft hyphen, a joiner, a direction mark
    pasted along) are dropped: inside a word they would split it."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return f" {_NOT_WORD.sub(' ', plain).strip()} "


def clean(data: Any) -> dict[str, list[str]]:
    """The stored shape of an admin's input: every UI language present, phrases trimmed, inner white space
    collapsed, duplicates (ignoring case) dropped. ValueError names what is wrong."""
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
            bad = _invisible(phrase)
            if bad is not None:
                raise ValueError(f"{lang}: a phrase holds an invisible or control character (U+{ord(bad):04X}); "
                                 "type it again without it")
            text = " ".join(phrase.split())
            if not text or text.casefold() in seen:
                continue
            if len(text) > PHRASE_MAX:
                raise ValueError(f"{lang}: a phrase has at most {PHRASE_MAX} characters")
            if not normalise(text).strip():
                raise ValueError(f"{lang}: {text[:20]!r} has no letters or digits")
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
        return clean(orjson.loads(as_text(raw)))
    except (orjson.JSONDecodeError, ValueError):
        return {lang: [] for lang in UI_LANGUAGES}  # never fail a message over a damaged setting


async def save_safe_words(redis: Redis, data: Any) -> dict[str, list[str]]:
    """Validate (ValueError) and store; returns what was stored."""
    words = clean(data)
    await redis.set(keys.SAFE_WORDS, orjson.dumps(words))
    return words


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
