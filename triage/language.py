"""Offline language identification for short chat messages.

lingua (restricted to the languages the helpline meets, low-accuracy mode: short texts, fast) gives
confidences; small marker lists tilt them, because teen Dutch ("mn osso", "kheb ff") and greetings
are too short or too slangy for character n-grams alone. Scripts lingua does not know are detected
from Unicode blocks: Ethiopic (Tigrinya/Amharic) here.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

_LOCK = threading.Lock()
_DETECTOR: LanguageDetector | None = None

# ISO 639-1 codes lingua is restricted to. Order does not matter.
LINGUA_CODES = ("nl", "en", "fr", "de", "ro", "bg", "pl", "ar", "vi", "es", "pt", "it", "tr", "so", "fa", "uk",
                "ru", "sq", "hu", "cs", "sk", "lt", "sr", "zh", "th")

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

# Words that are (almost) only Dutch, incl. straattaal, teen spelling and Flemish.
NL_MARKERS = frozenset(["ik", "je", "jij", "jou", "niet", "nie", "ni", "mn", "m'n", "zn", "z'n", "ff", "wnt", "gwn", "egt", "mijn", "het", "een", "van", "dat", "da", "wat", "wa", "hij", "zij", "ze", "jullie", "moet", "moeten", "ben", "heb", "heeft", "zegt", "maar", "ook", "nog", "hoe", "waarom", "wrm", "osso", "mattie", "doekoe", "waggie", "pattas", "fittie", "drerrie", "tanga", "kheb", "kzie", "kmoet", "kwil", "kben", "kweet", "kga", "kzit", "khad", "hoi", "hallo", "doei", "ofzo", "gij", "ge", "zijt", "efkes", "amai", "allee", "wollah", "niks", "echt", "heel", "wel", "geen", "nu", "hem", "haar", "weet", "wil", "mag", "kan", "toch", "even", "effe", "oke", "oké", "af", "pakt", "gek", "wtf", "dus", "zo", "bent", "wordt", "worden", "gaat", "gaan", "kom", "komt", "zit", "zitten", "mee", "naar", "bij", "voor", "uit", "omdat", "want", "alsjeblieft", "aub", "help", "weggelopen", "thuis", "school", "klas", "vriendin", "vriendje", "jongen", "meisje", "mannen", "geld", "werken", "werk", "pakketjes", "telefoon", "paspoort", "slaat", "dreigt", "bang", "helpen", "iemand", "niemand", "altijd", "nooit", "zeggen", "vragen", "vertellen", "ouders", "moeder", "vader", "zus", "broer", "ook", "nee", "ja", "jawel", "hé", "hey", "hee", "heey"])
EN_MARKERS = frozenset(["i", "you", "my", "the", "and", "to", "he", "she", "they", "them", "not", "what", "please", "don't", "dont", "im", "i'm", "it's", "that", "this", "with", "for", "have", "has", "was", "help", "hi", "hello", "hey", "scared", "know", "want", "boyfriend", "friend", "they're", "their", "your", "can't", "cant", "would", "should", "because"]) - {"hey"}
FR_MARKERS = frozenset(["je", "tu", "il", "elle", "pas", "mon", "ma", "mes", "est", "suis", "et", "les", "des", "pour", "avec", "moi", "ça", "ca", "c'est", "bonjour", "salut", "bonsoir", "j'ai", "jai", "aidez", "aide", "peur", "copain", "oui", "non", "mais", "qui", "quoi", "comment", "veux", "dois", "ans", "très", "trop"])

# Newcomers who write their language in Latin letters, which lingua reads as anything Latin. Only words
# that are distinctive for the language (no "salam", "man", "ez" alone).
AR_LATIN_MARKERS = frozenset(["wach", "wash", "dyal", "dial", "daba", "bzaf", "bzzaf", "bzerba", "khouya", "khoya", "hadchi", "ghadi", "rah", "kay", "walo", "mzyan", "mezyan", "chno", "chnou", "chkoun", "nta", "nti", "howa", "hiya", "drari", "wakha", "bghit", "bghina", "3afak", "safi", "lmoghrib", "lmaghrib", "w7di", "b7al", "kifach", "3lach", "ndir", "kandir", "katdir", "kaydir", "n9der", "ma3reftch", "wlad", "lflous", "flous", "zwin", "hna", "dak", "dik", "khoti", "khti"])
FA_LATIN_MARKERS = frozenset(["hastam", "hasti", "mikonam", "mikonan", "mikone", "mishe", "mitunam", "mitonam", "benevisam", "nemidunam", "nemidonam", "mikhad", "mikham", "mikhastam", "lotfan", "kheili", "kheyli", "khaili", "daram", "nadaram", "madaram", "pedaram", "baradaram", "khaharam", "afghanestan", "farsi", "dari", "baladam", "chikar", "chera", "kojast", "khodam", "khoone", "khune", "ast", "nist", "hast", "mizane", "mitarsam", "tarsidam", "bache", "salame", "saale", "raftam", "umadam", "amadam"])
KU_LATIN_MARKERS = frozenset(["dikim", "nizanim", "heye", "tune", "xwe", "niha", "gelek", "alîkarî", "alikari", "dixwazim", "jî", "hatim", "bavê", "diya", "kurdî", "kurdi", "wî", "wê", "hûn", "çi", "çawa", "bêje", "salî", "malê", "ji", "ez", "dike", "dikin", "kirin", "bûm", "tirsim", "ditirsim", "zarok", "keç", "kuro", "birayê", "xwişka", "mêr", "pere", "dibe", "nabe", "erê", "spas", "silav", "bibore", "meriv"])
# Letters of Pashto and of Sorani Kurdish that Persian and Arabic do not write.
_PASHTO = re.compile(r"[ټډړږښځڅۍ]")
_PASHTO_WEAK = re.compile(r"[ګڼې]")
_SORANI = re.compile(r"[ڕڵۆێە]")
# Arabizi writes the letters Latin lacks with digits: 3 (ain), 7 (ha), 9 (qaf), 2 (hamza), 5 (kha).
_ARABIZI = re.compile(r"\b[a-z]*[a-z][23579][a-z]+\b|\b[23579][a-z]{2,}\b", re.IGNORECASE)

# A Latin text this short with no marker word is not enough to name a language lingua was not sure of
# ("test", "bored", "testttt"): only nl, en or fr may then win (the conversation's other messages decide).
SHORT_LATIN_LETTERS = 16


def _detector() -> LanguageDetector:
    global _DETECTOR
    if _DETECTOR is None:
        with _LOCK:
            if _DETECTOR is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                isos = [getattr(IsoCode639_1, c.upper()) for c in dict.fromkeys(LINGUA_CODES)]
                _DETECTOR = (LanguageDetectorBuilder.from_iso_codes_639_1(*isos)
                             .with_low_accuracy_mode().with_preloaded_language_models().build())
    return _DETECTOR


def warm_up() -> None:
    _detector()
    detect_scores("ik ben bang")


def _script_counts(text: str) -> dict[str, int]:
    c = {"ethiopic": 0, "arabic": 0, "cyrillic": 0, "latin": 0, "other": 0}
    for ch in text:
        o = ord(ch)
        if ch.isalpha():
            if 0x1200 <= o <= 0x139F or 0x2D80 <= o <= 0x2DDF:
                c["ethiopic"] += 1
            elif 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
                c["arabic"] += 1
            elif 0x0400 <= o <= 0x04FF:
                c["cyrillic"] += 1
            elif o < 0x0250 or 0x1E00 <= o <= 0x1EFF:
                c["latin"] += 1
            else:
                c["other"] += 1
    return c


def _ethiopic(text: str) -> str:
    # Tigrinya writes the glottal a with ኣ (U+12A3) where Amharic uses አ (U+12A0); Tigrinya also has
    # frequent copulas እዩ/እየ/እዮም and the question particle ዶ.
    ti = text.count("ኣ") + 2 * len(re.findall(r"እዩ|እየ|እዮም|ኣሎ|ዶ[?፧ ]|ትግርኛ", text))
    am = text.count("አ") + 2 * len(re.findall(r"ነው|ናቸው|አማርኛ|እኔ", text))
    return "am" if am > ti else "ti"


# As many as triage/classifier.py keeps analyses of (TEXT_CACHE there): a worker re-reads each message's scores
# at every classification of its conversation.
@lru_cache(maxsize=50_000)
def detect_scores(text: str) -> tuple[tuple[str, float], ...]:
    """Scores per ISO 639-1 code for one message, best first; empty when there is nothing to tell."""
    text = text[:1000]
    sc = _script_counts(text)
    letters = sum(sc.values())
    if letters == 0:
        return ()
    if sc["ethiopic"] > letters / 2:
        return ((_ethiopic(text), 1.0),)
    if sc["arabic"] > letters / 2:
        pashto = len(_PASHTO.findall(text)) + 0.5 * len(_PASHTO_WEAK.findall(text))
        if pashto >= 1:
            return (("ps", 1.0),)
        if len(_SORANI.findall(text)) >= 2:
            return (("ku", 1.0),)
    words = [w.lower() for w in _WORD.findall(text)]
    scores: dict[str, float] = {}
    try:
        for cv in _detector().compute_language_confidence_values(text):
            if cv.value > 0.01:
                scores[cv.language.iso_code_639_1.name.lower()] = cv.value
    except Exception:  # lingua should not fail; triage must not either
        scores = {}
    if sc["latin"] > letters / 2 and words:
        n = len(words)
        any_marker = False
        for code, markers in (("nl", NL_MARKERS), ("en", EN_MARKERS), ("fr", FR_MARKERS),
                              ("ar", AR_LATIN_MARKERS), ("fa", FA_LATIN_MARKERS), ("ku", KU_LATIN_MARKERS)):
            hits = sum(1 for w in words if w in markers)
            if code == "ar":
                hits += len(_ARABIZI.findall(text))
            if hits:
                any_marker = True
                # Markers dominate for short texts, where lingua is least reliable.
                scores[code] = scores.get(code, 0.0) + 1.5 * hits / n + 0.25 * min(hits, 4)
        if not any_marker and sc["latin"] < SHORT_LATIN_LETTERS:
            scores = {k: v for k, v in scores.items() if k in ("nl", "en", "fr")}
    if not scores:
        return ()
    return tuple(sorted(scores.items(), key=lambda kv: -kv[1])[:4])


def detect(text: str) -> str | None:
    s = detect_scores(text)
    return s[0][0] if s else None


def detect_conversation(messages: list[str], default: str = "nl") -> str:
    """Language of the visitor over all messages, longer messages weigh more."""
    total: dict[str, float] = {}
    for m in messages:
        s = detect_scores(m[:1000])
        if not s:
            continue
        weight = min(len(m), 200) ** 0.5
        best = s[0][1] or 1.0
        for code, v in s:
            total[code] = total.get(code, 0.0) + weight * v / best
    if not total:
        return default
    return max(total.items(), key=lambda kv: kv[1])[0]
