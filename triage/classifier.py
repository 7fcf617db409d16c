"""Triage suggestions for a conversation: signals with evidence, urgency, role, minor, language, queue.

Public API (used by the chat server):
    classify(messages: list[str]) -> dict   # never raises
    warm_up() -> None                      # load all pipelines and language models up front

Each message is analysed once (cached by its text), so re-classifying a growing conversation after every
new message costs about one message. Conversation-level rules then combine the messages.
See docs/triage.md.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from triage import language as lang_id
from triage.pipeline import (
    CORE_LANGS,
    MAX_CHARS,
    SIGNALS,
    Cue,
    MessageAnalysis,
    analyse_core,
    analyse_other,
    build_all,
)

THRESHOLD = 0.5
MAX_MESSAGES = 200  # only the most recent ones are read
EXPLOITATION = ("sexual_exploitation", "labour_exploitation", "criminal_exploitation", "debt_bondage")
QUEUES = ("crisis", "youth", "adult", "professional", "perpetrator", "witness")

_JOKE_ONLY = re.compile(r"^\W*(haha+|hihi+|lol+|grapje( hoor)?|geintje|jk|just kidding|was (maar )?een grap(je)?|"
                        r"kidding|je rigole|c'?est une blague|xd+)\W*$", re.I)
_warm_lock = threading.Lock()
_warm = False


def _clean(text: Any) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    # lone surrogates and NULs from binary junk would upset the native libraries
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")


def _merge(a: MessageAnalysis, b: MessageAnalysis) -> MessageAnalysis:
    seen = {(c.code, c.start, c.end) for c in a.cues}
    cues = a.cues + [c for c in b.cues if (c.code, c.start, c.end) not in seen]
    votes = dict(a.role_votes)
    for k, v in b.role_votes.items():
        votes[k] = max(votes.get(k, 0.0), v)
    return MessageAnalysis(
        language=a.language, cues=cues, role_votes=votes, ages=a.ages or b.ages,
        minor_cue=a.minor_cue or b.minor_cue, adult_cue=a.adult_cue or b.adult_cue, hypo=a.hypo or b.hypo,
        recovered=a.recovered or b.recovered, now=a.now or b.now, family=a.family + b.family,
    )


@lru_cache(maxsize=20000)
def analyse_message(text: str) -> MessageAnalysis:
    """All per-message work: language, cues with scope, role votes, ages. Cached by text."""
    scores = lang_id.detect_scores(text)
    primary = scores[0][0] if scores else None
    if primary in CORE_LANGS:
        res = analyse_core(text, primary)
        # mixed writing ("mn bf says he'll hurt me"): also run a close second core language
        if len(scores) > 1 and scores[1][0] in CORE_LANGS and scores[1][1] >= 0.5 * scores[0][1]:
            res = _merge(res, analyse_core(text, scores[1][0]))
    elif primary is None:
        res = analyse_core(text, "nl")  # emoji, numbers: universal cues only
        res.language = None
    else:
        res = analyse_other(text, primary)
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        if latin > len(text) / 3:
            # lingua may misread short slangy Dutch; the Dutch rules are cheap and specific
            res = _merge(res, analyse_core(text, "nl"))
            res.language = primary
    res.joke_only = bool(_JOKE_ONLY.match(text))
    return res


def _empty(language: str = "nl") -> dict[str, Any]:
    return {"signals": [], "urgency": "low", "role": "unknown", "minor": None, "language": language,
            "queue": "youth"}


def classify(messages: list[str]) -> dict[str, Any]:
    """Suggest signals, urgency, role, minor, language and queue for the visitor's messages (in order)."""
    try:
        return _classify(messages)
    except Exception:  # a suggestion engine must never take the chat down
        return _empty()


def _classify(messages: Any) -> dict[str, Any]:
    if isinstance(messages, str):
        messages = [messages]
    if not isinstance(messages, (list, tuple)):
        return _empty()
    offset = max(0, len(messages) - MAX_MESSAGES)
    texts = [_clean(m) for m in messages[offset:]]
    if not any(t.strip() for t in texts):
        return _empty()
    analyses = [analyse_message(t) for t in texts]

    language = lang_id.detect_conversation(texts)
    per_code: dict[str, list[tuple[float, int, Cue]]] = {c: [] for c in SIGNALS}
    votes: dict[str, float] = {}
    ages: list[int] = []
    minor_cue = adult_cue = violence_now = False
    for i, a in enumerate(analyses):
        damp = 0.15 if i + 1 < len(analyses) and analyses[i + 1].joke_only else 1.0
        msg_idx = i + offset
        msg_score: dict[str, float] = {}
        for c in a.cues:
            w = c.weight * damp
            per_code[c.code].append((w, msg_idx, c))
            msg_score[c.code] = 1 - (1 - msg_score.get(c.code, 0.0)) * (1 - w)
        # a relative who arranges or profits from the exploitation
        if a.family and any(msg_score.get(e, 0.0) >= THRESHOLD for e in EXPLOITATION):
            for f in a.family:
                per_code["family_perpetrator"].append((f.weight * damp, msg_idx, f))
        if msg_score.get("violence_threats", 0.0) >= THRESHOLD and a.now and not a.recovered:
            violence_now = True
        for k, v in a.role_votes.items():
            votes[k] = votes.get(k, 0.0) + v
        ages += a.ages
        minor_cue |= a.minor_cue
        adult_cue |= a.adult_cue

    signals = []
    for code in SIGNALS:
        hits = per_code[code]
        if not hits:
            continue
        p = 1.0
        for w, _, _ in hits:
            p *= 1 - w
        score = 1 - p
        if score < THRESHOLD:
            continue
        ev = sorted(hits, key=lambda h: -h[0])
        evidence, seen = [], set()
        for w, mi, c in ev:
            key = (mi, c.start, c.end)
            if w < 0.2 or key in seen or len(evidence) >= 5:
                continue
            seen.add(key)
            evidence.append({"start": c.start, "end": c.end, "message": mi})
        evidence.sort(key=lambda e: (e["message"], e["start"]))
        signals.append({"code": code, "score": round(score, 3), "evidence": evidence})
    signals.sort(key=lambda s: -s["score"])
    codes = {s["code"] for s in signals}

    if any(a < 18 for a in ages):
        minor: bool | None = True
    elif ages:
        minor = False
    elif minor_cue:
        minor = True
    elif adult_cue:
        minor = False
    else:
        minor = None

    pro, perp = votes.get("professional", 0.0), votes.get("perpetrator", 0.0)
    wit, wit_sig, vic_sig = votes.get("witness", 0.0), votes.get("witness_signal", 0.0), votes.get("victim_signal", 0.0)
    if pro > 0 and pro >= perp:
        role = "professional"
    elif perp > 0:
        role = "perpetrator"
    elif codes:
        role = "witness" if wit_sig > vic_sig or (wit > 0 and vic_sig == 0) else "victim"
    else:
        role = "witness" if wit > 0 else "unknown"

    if "acute_danger" in codes:
        urgency = "acute"
    elif (minor is True and codes and codes != {"self_harm"}) or ("violence_threats" in codes and violence_now):
        urgency = "high"
    elif codes:
        urgency = "normal"
    else:
        urgency = "low"

    return {"signals": signals, "urgency": urgency, "role": role, "minor": minor, "language": language,
            "queue": suggest_queue(urgency, role, minor)}


def suggest_queue(urgency: str, role: str, minor: bool | None) -> str:
    """crisis > professional / perpetrator / witness by role > adult (known adult victim) > youth."""
    if urgency == "acute":
        return "crisis"
    if role in ("professional", "perpetrator", "witness"):
        return role
    if minor is False:
        return "adult"
    return "youth"


def warm_up() -> None:
    """Build the pipelines and load the language models now rather than on the first visitor."""
    global _warm
    with _warm_lock:
        if _warm:
            return
        build_all()
        lang_id.warm_up()
        for t in ("hoi ik ben 15 en hij pakt mijn telefoon af", "he took my passport", "il me frappe",
                  "ajutor", "помогнете", "ساعدوني", "tôi bị nhốt", "ሰላም", "pomocy", "ayuda"):
            lang_id.detect_scores(t)
            classify([t])
        _warm = True
