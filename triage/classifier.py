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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypedDict

from triage import language as lang_id
from triage.model import TriageModel, get_model
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
from vocabulary import QUEUES as QUEUES  # the names a queue suggestion may take (vocabulary.Queue)

THRESHOLD = 0.5
MAX_MESSAGES = 200  # only the most recent ones are read
# Messages whose analysis is kept. A triage worker re-reads every message of a conversation at each
# classification, so this must cover the messages of all the live conversations a worker serves: with
# 20,000, a worker serving 1,000 conversations of 22 messages found none of them in the cache any more
# (each conversation's were the oldest when it came round again) and a classification cost 20 times as
# much (docs/benchmarks.md, session 7). 50,000 short messages take about 90 MB.
TEXT_CACHE = 50_000
EXPLOITATION = ("sexual_exploitation", "labour_exploitation", "criminal_exploitation", "debt_bondage")


class Evidence(TypedDict):
    """A span of one visitor message that shows a signal (character offsets in that message)."""

    start: int
    end: int
    message: int  # index in the conversation's messages


class SignalResult(TypedDict):
    code: str
    score: float
    evidence: list[Evidence]

_JOKE_ONLY = re.compile(r"^\W*(haha+|hihi+|lol+|grapje( hoor)?|geintje|jk|just kidding|was (maar )?een grap(je)?|"
                        r"kidding|je rigole|c'?est une blague|xd+)\W*$", re.I)
_warm_lock = threading.Lock()
_warm = False


def _clean(text: object) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    # lone surrogates and NULs from binary junk would upset the native libraries
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    # A clean text stays the same object: the caches below then share it with the worker's copy.
    return text.replace("\x00", " ") if "\x00" in text else text


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
        scoped=a.scoped | b.scoped,
    )


@lru_cache(maxsize=TEXT_CACHE)
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
        return _classify(messages, get_model())
    except Exception:  # a suggestion engine must never take the chat down
        return _empty()


@dataclass
class RuleView:
    """What the rules found in a conversation, before the learned model has its say."""

    scores: dict[str, float]  # noisy-OR of the live cues per signal code
    evidence: dict[str, list[Evidence]]
    scoped: set[str]  # codes whose only cues were negated, past, benign or hypothetical
    minor: bool | None
    votes: dict[str, float]
    violence_now: bool
    language: str
    hypothetical: bool = False  # a school project, film, joke, or "it is over now" somewhere in it
    past: bool = False  # told in the past ("toen", "vorig jaar", "years ago") and nothing says "now"
    chars: int = 0  # characters the visitor wrote


# A story, school project or debate named in one message halves the cues of the others: on B8-B12 (session 7)
# one cue such as "cadeautjes" after "ik schrijf een verhaal over een loverboy" fired grooming on its own.
FRAMED_CUE_DAMP = 0.5


def _prod(values: Iterable[float]) -> float:
    p = 1.0
    for v in values:
        p *= v
    return p


@lru_cache(maxsize=TEXT_CACHE)
def _message_facts(text: str) -> tuple[MessageAnalysis, tuple[Cue, ...], bool, bool]:
    """What rule_view needs of one message, worked out once per text (a triage worker re-reads a
    conversation at every new message): its analysis, its cues with two lexicon patterns that normalise
    alike ("m'emmène", "m'emmene"; "loverboy", "tienerpooier") counted once at the strongest weight, and
    whether it has a strong past or present marker."""
    a = analyse_message(text)
    strongest: dict[tuple[str, int, int], Cue] = {}
    for c in a.cues:
        span = (c.code, c.start, c.end)
        if span not in strongest or c.weight > strongest[span].weight:
            strongest[span] = c
    return a, tuple(strongest.values()), bool(_PAST.search(text)), bool(_NOW.search(text))


def rule_view(texts: list[str], offset: int = 0) -> RuleView:
    facts = [_message_facts(t) for t in texts]
    analyses = [f[0] for f in facts]
    per_code: dict[str, list[tuple[float, int, Cue]]] = {c: [] for c in SIGNALS}
    votes: dict[str, float] = {}
    ages: list[int] = []
    scoped: set[str] = set()
    minor_cue = adult_cue = violence_now = False
    family_elsewhere: list[tuple[float, int, Cue]] = []
    # A story, school project or debate named anywhere colours the whole conversation ("ik schrijf een verhaal
    # over een loverboy" ... "klopt het dat ze eerst cadeautjes krijgen?"): cues elsewhere need a second one.
    # Acute danger keeps its weight (recall first).
    framed_conversation = any(a.hypo for a in analyses)
    for i, a in enumerate(analyses):
        damp = 0.15 if i + 1 < len(analyses) and analyses[i + 1].joke_only else 1.0
        msg_idx = i + offset
        msg_score: dict[str, float] = {}
        scoped |= a.scoped
        for c in facts[i][1]:
            w = c.weight * damp
            if framed_conversation and not a.hypo and c.code != "acute_danger":
                w *= FRAMED_CUE_DAMP
            per_code[c.code].append((w, msg_idx, c))
            msg_score[c.code] = 1 - (1 - msg_score.get(c.code, 0.0)) * (1 - w)
        # a relative who arranges or profits from the exploitation (same message: strong)
        if a.family and any(msg_score.get(e, 0.0) >= THRESHOLD for e in EXPLOITATION):
            for f in a.family:
                per_code["family_perpetrator"].append((f.weight * damp, msg_idx, f))
        elif a.family:
            family_elsewhere += [(f.weight * damp * 0.7, msg_idx, f) for f in a.family]
        if msg_score.get("violence_threats", 0.0) >= THRESHOLD and a.now and not a.recovered:
            violence_now = True
        for k, v in a.role_votes.items():
            votes[k] = votes.get(k, 0.0) + v
        ages += a.ages
        minor_cue |= a.minor_cue
        adult_cue |= a.adult_cue

    # a relative acting in one message, the exploitation told in another: weaker, but still a signal
    if family_elsewhere and not per_code["family_perpetrator"] and any(
            1 - _prod(1 - w for w, _, _ in per_code[e]) >= THRESHOLD for e in EXPLOITATION):
        per_code["family_perpetrator"] += family_elsewhere
    scores: dict[str, float] = {}
    evidence: dict[str, list[Evidence]] = {}
    for code in SIGNALS:
        hits = per_code[code]
        if not hits:
            continue
        p = 1.0
        for w, _, _ in hits:
            p *= 1 - w
        scores[code] = 1 - p
        ev: list[Evidence] = []
        seen: set[tuple[int, int, int]] = set()
        for w, mi, c in sorted(hits, key=lambda h: -h[0]):
            key = (mi, c.start, c.end)
            if w < 0.2 or key in seen or len(ev) >= 5:
                continue
            seen.add(key)
            ev.append({"start": c.start, "end": c.end, "message": mi})
        ev.sort(key=lambda e: (e["message"], e["start"]))
        evidence[code] = ev

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
    hypothetical = any(a.hypo or a.recovered or a.joke_only for a in analyses)
    past = any(f[2] for f in facts) and not any(f[3] for f in facts)
    return RuleView(scores, evidence, scoped - {c for c, v in scores.items() if v >= THRESHOLD}, minor, votes,
                    violence_now, lang_id.detect_conversation(texts), hypothetical, past, sum(len(t) for t in texts))


def rule_features(rv: RuleView) -> list[str]:
    """The rules' findings as words the learned model reads beside the text (triage/model.py)."""
    out = []
    for code, v in sorted(rv.scores.items()):
        name = code.replace("_", "")
        out.append(f"zzcue{name}" if v >= THRESHOLD else f"zzweak{name}")
    out += [f"zzscoped{c.replace('_', '')}" for c in sorted(rv.scoped)]
    out += [f"zzvote{k.replace('_', '')}" for k, v in sorted(rv.votes.items()) if v > 0]
    if rv.minor is not None:
        out.append("zzminor" if rv.minor else "zzadult")
    if rv.violence_now:
        out.append("zzviolencenow")
    return out


# Strong past and present markers for the acute frame (nl, en, fr; teen spelling). Tense words like "was" are
# too common in present-tense chat to count here.
_PAST = re.compile(r"\b(?:toen|vroeger|geleden|destijds|vorig(?:e)? (?:jaar|maand|week|zomer)|last (?:year|month|"
                   r"week|summer)|years? ago|months? ago|used to|back then|l'ann[ée]e derni[èe]re|l'an dernier|"
                   r"autrefois|il y a \d+ (?:ans|mois))\b", re.I)
_NOW = re.compile(r"\b(?:nu|net|nou|zometeen|vanavond|vannacht|straks|now|right now|tonight|just now|maintenant|"
                  r"ce soir|cette nuit|tout de suite|mtn)\b", re.I)

# In a conversation that says it is a school project, a film, a joke or over now, the model alone must be
# this sure: it reads words, not that frame.
FRAMED_MODEL_MIN = 0.9
SELF_HARM_ONLY_ACUTE_MIN = 0.5
SHORT_OPENING_CHARS = 60
SHORT_OPENING_ACUTE_MIN = 0.5


def model_threshold(rv: RuleView, code: str, base: float) -> float | None:
    """The model's threshold for `code` here, or None when the rules' scope vetoes it: the rules found the
    cue and scope dropped it ("hij pakt mijn telefoon niet af", "toen zat ik opgesloten").

    A frame raises it to FRAMED_MODEL_MIN: a school project, film, joke or "it is over now"; cues found
    but all of them negated or benign ("hij is gewoon lief"); and, for acute danger only, a conversation
    told in the past with nothing that says now (past exploitation keeps its signal, but is not acute)."""
    if code in rv.scoped:
        # Scope is read per clause and can be wrong about acute danger ("they put me in the car after school
        # ... because i lost their money last week"): a model that is sure still calls it.
        return max(base, FRAMED_MODEL_MIN) if code == "acute_danger" else None
    framed = rv.hypothetical or (bool(rv.scoped) and not rv.scores) or (
        code == "acute_danger" and rv.past and not rv.scores.get("acute_danger"))
    if framed:
        return max(base, FRAMED_MODEL_MIN)
    if code == "acute_danger" and not rv.scores and rv.chars <= SHORT_OPENING_CHARS:
        # "wie zit er aan de andere kant?": a short opening with no cue at all is not a child in danger yet;
        # on the corpus this bar cost no acute recall and removed false alarms.
        return max(base, SHORT_OPENING_ACUTE_MIN)
    if code == "acute_danger" and {c for c, v in rv.scores.items() if v >= THRESHOLD} == {"self_harm"}:
        # Self-harm is acute only with a plan or means now; the rules know those words ("pillen liggen klaar",
        # "op de brug"). Without them the model must be surer than its recall-first floor.
        return max(base, SELF_HARM_ONLY_ACUTE_MIN)
    return base


def decide_signals(rv: RuleView, ms: dict[str, dict[str, float]] | None,
                   thresholds: dict[str, Any]) -> dict[str, float]:
    """Signal code -> score, for the codes that hold. Rules or model, whichever is sure enough."""
    out = {c: v for c, v in rv.scores.items() if v >= THRESHOLD}
    if ms is None:
        return out
    th_sig = thresholds.get("signals", {})
    for code, score in ms["signals"].items():
        if code == "acute_danger":
            continue
        th = model_threshold(rv, code, float(th_sig.get(code, 0.5)))
        if th is not None and score >= th:
            out[code] = max(out.get(code, 0.0), score)
    # Acute is recall-first: either head (signal or urgency) above a threshold chosen on writers the model
    # had not seen, for recall >= 0.97 (triage/training.py).
    acute = max(ms["signals"].get("acute_danger", 0.0), ms["urgency"].get("acute", 0.0))
    key = f"acute_{rv.language}" if rv.language in CORE_LANGS else "acute_other"
    if key not in thresholds:  # a model trained before per-language thresholds
        key = "acute" if rv.language in CORE_LANGS else "acute_other"
    th_acute = model_threshold(rv, "acute_danger", float(thresholds.get(key, thresholds.get("acute", 0.5))))
    if th_acute is not None and acute >= th_acute:
        out["acute_danger"] = max(out.get("acute_danger", 0.0), acute)
    return out


def decide_role(rv: RuleView, codes: set[str], ms: dict[str, dict[str, float]] | None) -> str:
    """Explicit words win ("ik ben leerkracht", "ben ik een loverboy"); otherwise the model; else rules."""
    votes = rv.votes
    pro, perp = votes.get("professional", 0.0), votes.get("perpetrator", 0.0)
    wit, wit_sig, vic_sig = votes.get("witness", 0.0), votes.get("witness_signal", 0.0), votes.get("victim_signal", 0.0)
    if pro > 0 and pro >= perp:
        return "professional"
    if perp > 0:
        return "perpetrator"
    if ms is not None:
        roles = ms["role"]
        best = max(roles, key=lambda r: roles[r])
        if not codes:
            # Without a signal nobody is a victim yet; a witness, professional or perpetrator may show.
            return "unknown" if best == "victim" else best
        if best != "unknown":
            return best
    if codes:
        return "witness" if wit_sig > vic_sig or (wit > 0 and vic_sig == 0) else "victim"
    return "witness" if wit > 0 else "unknown"


def decide_urgency(rv: RuleView, codes: set[str], ms: dict[str, dict[str, float]] | None) -> str:
    """By the contract's rule; when age is unknown, the model's reading of it decides high vs normal."""
    if "acute_danger" in codes:
        return "acute"
    if not codes:
        return "low"
    if (rv.minor is True and codes != {"self_harm"}) or ("violence_threats" in codes and rv.violence_now):
        return "high"
    if rv.minor is None and ms is not None and codes != {"self_harm"}:
        u = ms["urgency"]
        if u.get("high", 0.0) > max(u.get("normal", 0.0), u.get("low", 0.0)):
            return "high"
    return "normal"


def classify_many(conversations: Sequence[list[str]]) -> list[dict[str, Any]]:
    """classify() for several conversations at once: the model scores them in one pass, which costs a
    fraction of one pass each (a triage worker that is behind has many to do)."""
    try:
        return _classify_many(conversations, get_model())
    except Exception:  # one conversation that breaks the batch must not cost the others their triage
        return [classify(messages) for messages in conversations]


def _classify(messages: object, model: TriageModel | None = None) -> dict[str, Any]:
    return _classify_many([messages], model)[0]


def _classify_many(conversations: Sequence[object], model: TriageModel | None = None) -> list[dict[str, Any]]:
    prepared: list[tuple[list[str], int, RuleView] | None] = []
    for messages in conversations:
        if isinstance(messages, str):
            messages = [messages]
        if not isinstance(messages, (list, tuple)):
            prepared.append(None)
            continue
        offset = max(0, len(messages) - MAX_MESSAGES)
        texts = [_clean(m) for m in messages[offset:]]
        prepared.append((texts, offset, rule_view(texts, offset)) if any(t.strip() for t in texts) else None)
    live = [p for p in prepared if p is not None]
    scores = (model.score_conversations([(texts, rule_features(rv)) for texts, _, rv in live])
              if model is not None and live else [None] * len(live))
    by_item = iter(scores)
    return [_decide(*p, next(by_item), model) if p is not None else _empty() for p in prepared]


def _decide(texts: list[str], offset: int, rv: RuleView, ms: dict[str, dict[str, float]] | None,
            model: TriageModel | None) -> dict[str, Any]:
    decided = decide_signals(rv, ms, model.thresholds if model is not None else {})
    codes = set(decided)

    signals: list[SignalResult] = []
    for code in SIGNALS:
        if code not in decided:
            continue
        evidence = rv.evidence.get(code) or []
        if not evidence and model is not None:
            evidence = _model_evidence(model, texts, offset, code)
        signals.append({"code": code, "score": round(decided[code], 3), "evidence": evidence})
    signals.sort(key=lambda s: -s["score"])

    role = decide_role(rv, codes, ms)
    urgency = decide_urgency(rv, codes, ms)
    return {"signals": signals, "urgency": urgency, "role": role, "minor": rv.minor, "language": rv.language,
            "queue": suggest_queue(urgency, role, rv.minor)}


def _model_evidence(model: TriageModel, texts: list[str], offset: int, code: str) -> list[Evidence]:
    """When only the model saw a signal: the message it scores highest for that code, as one span."""
    best, best_i = -1.0, -1
    for i, score in enumerate(model.score_messages(texts)):
        v = score.get(code, 0.0)
        if texts[i].strip() and v >= best:
            best, best_i = v, i
    if best_i < 0:
        return []
    text = texts[best_i]
    start = len(text) - len(text.lstrip())
    return [{"start": start, "end": len(text.rstrip()), "message": best_i + offset}]


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
        get_model()
        for t in ("hoi ik ben 15 en hij pakt mijn telefoon af", "he took my passport", "il me frappe",
                  "ajutor", "помогнете", "ساعدوني", "tôi bị nhốt", "ሰላም", "pomocy", "ayuda"):
            lang_id.detect_scores(t)
            classify([t])
        _warm = True
