"""Per-language spaCy pipelines that turn one message into scoped cues.

Pipeline (on ``spacy.blank(lang)``; nothing is downloaded):
  tokenizer (+ special cases for glued teen Dutch: "kheb" -> "k" "heb")
  -> ``triage_normaliser``: token.norm_ = canonical form (lower case, accents off, stretched letters
     "heeelp" squeezed, abbreviations and slang mapped: mn->mijn, osso->huis, doekoe->geld, gsm->telefoon,
     one-edit typos of lexicon words corrected)
  -> ``triage_cues``: a Matcher over NORM compiled from the lexicon (triage/lexicon), then scoping:
     negation near the cue in the same clause drops it, past-tense or "it is over now" drops acute cues,
     fiction / school-project / joke markers damp the whole message.
The result for a message is a ``MessageAnalysis`` (cached per text by the classifier).
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from triage.lexicon import LanguageLexicon
from triage.lexicon.other import OTHER, UNIVERSAL
from vocabulary import SIGNALS as SIGNALS  # re-exported: triage.model, triage.evaluation and tests use it

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer  # Cython, no stub: mypy sees Any

PSEUDO = ("@witness", "@professional", "@perpetrator", "@victim", "@minor", "@adult", "@family", "@hypo",
          "@recovered", "@now", "@help", "@benign")
CORE_LANGS = ("nl", "en", "fr")
MAX_CHARS = 2000  # longer messages are cut: triage needs the gist, not a novel

_TEEN_GLUED = ("heb", "zie", "moet", "wil", "ben", "ga", "zit", "mag", "weet", "denk", "vind", "kan", "had", "was",
               "zou", "zal", "zen", "krijg", "hoop", "durf", "snap", "word", "woon", "werk", "slaap")


@dataclass
class Cue:
    code: str
    weight: float
    start: int  # character offsets in the message
    end: int
    text: str = ""
    source: str = ""  # the lexicon pattern that matched ("lang code weight: pattern"), for cue statistics


@dataclass
class MessageAnalysis:
    language: str | None
    cues: list[Cue] = field(default_factory=list)  # signal cues after scoping (weight already adjusted)
    role_votes: dict[str, float] = field(default_factory=dict)
    ages: list[int] = field(default_factory=list)  # ages of the person at risk
    minor_cue: bool = False
    adult_cue: bool = False
    hypo: bool = False
    recovered: bool = False
    now: bool = False
    family: list[Cue] = field(default_factory=list)
    joke_only: bool = False
    # Signal codes whose cues were found but dropped by scope (negated, past, benign, hypothetical): the
    # learned model may not report them on its own (triage/classifier.py, model_threshold).
    scoped: set[str] = field(default_factory=set)


def strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_RUN3 = re.compile(r"(.)\1{2,}")


class Normaliser:
    """String-level normalisation shared by visitor text and lexicon patterns."""

    def __init__(self, lex: LanguageLexicon, extra_vocab: set[str]) -> None:
        self.canon = {strip_accents(k): v for k, v in lex.canon.items()}
        self.vocab: set[str] = set(self.canon) | set(self.canon.values()) | extra_vocab
        self.deletes: dict[str, str | None] = {}
        self._cache: dict[str, str] = {}

    def finish(self, lexicon_words: set[str]) -> None:
        """Index one-deletion variants of lexicon words for typo correction (SymSpell, distance 1)."""
        self.vocab |= lexicon_words
        for w in lexicon_words:
            if len(w) < 6 or not w.isalpha():
                continue
            for v in {w} | {w[:i] + w[i + 1:] for i in range(len(w))}:
                prev = self.deletes.get(v, w)
                self.deletes[v] = w if prev == w else None  # ambiguous -> no correction

    def __call__(self, lower: str) -> str:
        hit = self._cache.get(lower)
        if hit is not None:
            return hit
        s = strip_accents(lower).replace("\u2019", "'")
        if s.endswith("'s") and len(s) > 4 and s[:-2] not in ("da", "wa"):
            s = s[:-2]  # Dutch plural "foto's", "naaktfoto's"
        if _RUN3.search(s):
            two = _RUN3.sub(r"\1\1", s)
            one = _RUN3.sub(r"\1", s)
            s = two if two in self.vocab or two in self.canon else one
        out = self.canon.get(s)
        if out is None:
            out = s
            if s not in self.vocab and len(s) >= 6 and s.isalpha():
                fix = self._typo(s)
                if fix is not None:
                    out = self.canon.get(fix, fix)
        if len(self._cache) < 50000:
            self._cache[lower] = out
        return out

    def _typo(self, s: str) -> str | None:
        cands = {self.deletes.get(s)}
        for i in range(len(s)):
            cands.add(self.deletes.get(s[:i] + s[i + 1:]))
        cands.discard(None)
        cands = {c for c in cands if c and c[0] == s[0]}  # first letters are rarely mistyped
        return cands.pop() if len(cands) == 1 else None


@dataclass
class CueSpec:
    code: str
    weight: float
    has_neg: bool
    source: str = ""


class LangPipeline:
    """A spaCy pipeline for one language plus compiled cue metadata."""

    def __init__(self, lex: LanguageLexicon) -> None:
        self.lex = lex
        self.nlp = spacy.blank(lex.code)
        if lex.code == "nl":
            # spacy.blank builds spaCy's own Tokenizer; Language types it as any Callable[[str], Doc]
            tokenizer = cast("Tokenizer", self.nlp.tokenizer)
            for v in _TEEN_GLUED:
                for k in ("k", "K"):
                    tokenizer.add_special_case(k + v, [{"ORTH": k}, {"ORTH": v}])
            for a, b in (("tis", ("t", "is")), ("da's", ("da", "'s")), ("kzen", ("k", "zen"))):
                tokenizer.add_special_case(a, [{"ORTH": b[0]}, {"ORTH": b[1]}])
        stop = {strip_accents(w) for w in getattr(self.nlp.Defaults, "stop_words", set())}
        self.norm = Normaliser(lex, stop | set(lex.negations) | set(lex.past))
        self.specs: list[CueSpec] = []
        # Contiguous patterns go to spaCy's PhraseMatcher (hash lookups on NORM); patterns with gaps to a
        # small matcher indexed by first word: spaCy's Matcher with {0,3} wildcards costs ~1 ms a message.
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.gapped: dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]] = {}
        self._compile()
        self.nlp.add_pipe("triage_normaliser", config={"lang": lex.code})
        self.nlp.add_pipe("triage_cues", config={"lang": lex.code})

    def _norms(self, phrase: str) -> list[str]:
        return [self.norm(t.lower_) for t in self.nlp.make_doc(phrase)]

    def _compile(self) -> None:
        negs = {strip_accents(n) for n in self.lex.negations}
        raw: list[tuple[str, float, list[str], str]] = []
        words: set[str] = set()
        for line in self.lex.cues.strip().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, _, body = line.partition(":")
            code, weight_text = head.split()
            for pat in body.split(";"):
                toks = pat.split()
                if toks:
                    raw.append((code, float(weight_text), toks, f"{self.lex.code} {head.strip()}: {pat.strip()}"))
                    for t in toks:
                        for alt in t.split("|"):
                            words.update(strip_accents(w.lower_) for w in self.nlp.make_doc(alt) if w.is_alpha)
        self.norm.finish({self.norm(w) for w in words} | {w for w in words if w not in self.norm.canon})
        for code, weight, toks, source in raw:
            positions: list[list[list[dict[str, Any]]]] = []
            for t in toks:
                if t == "*":
                    positions.append([[{"OP": "{0,3}"}]])
                elif t == "**":
                    positions.append([[{"OP": "{0,6}"}]])
                else:
                    alts = []
                    for alt in t.split("|"):
                        alts.append([{"NORM": n} for n in self._norms(alt)])
                    positions.append(alts)
            patterns = []
            has_neg = False
            for combo in itertools.islice(itertools.product(*positions), 400):
                seq = [tok for part in combo for tok in part]
                while seq and "OP" in seq[0]:
                    seq.pop(0)
                while seq and "OP" in seq[-1]:
                    seq.pop()
                if seq:
                    patterns.append(seq)
                    has_neg = has_neg or any(d.get("NORM") in negs for d in seq)
            if patterns:
                self.specs.append(CueSpec(code, weight, has_neg, source))
                idx = len(self.specs) - 1
                docs = []
                for seq in patterns:
                    if any("OP" in d for d in seq):
                        elems = tuple(("", int(d["OP"][3:-1])) if "OP" in d else (d["NORM"], 0) for d in seq)
                        self.gapped.setdefault(elems[0][0], []).append((idx, elems[1:]))
                    else:
                        norms: list[str] = [d["NORM"] for d in seq]
                        pd = Doc(self.nlp.vocab, words=norms)
                        for tok, w in zip(pd, norms, strict=True):
                            tok.norm_ = w
                        docs.append(pd)
                if docs:
                    self.phrases.add(str(idx), docs)

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(cue index, start token, end token) for every cue pattern found in the doc."""
        out = [(int(self.nlp.vocab.strings[k]), s, e) for k, s, e in self.phrases(doc)]
        norms = [t.norm_ for t in doc]
        n = len(norms)
        for i, first in enumerate(norms):
            for idx, rest in self.gapped.get(first, ()):
                end = _match_rest(norms, i + 1, rest, n)
                if end is not None:
                    out.append((idx, i, end))
        return out


def _match_rest(norms: list[str], pos: int, rest: tuple[tuple[str, int], ...], n: int) -> int | None:
    """End of the shortest match of ``rest`` (words and gaps) starting at ``pos``, or None."""
    if not rest:
        return pos
    word, gap = rest[0]
    if gap:
        for j in range(pos, min(pos + gap, n) + 1):
            end = _match_rest(norms, j, rest[1:], n)
            if end is not None:
                return end
        return None
    if pos < n and norms[pos] == word:
        return _match_rest(norms, pos + 1, rest[1:], n)
    return None


_PIPES: dict[str, LangPipeline] = {}
_PIPES_LOCK = threading.Lock()


def get_pipeline(lang: str) -> LangPipeline:
    p = _PIPES.get(lang)
    if p is None:
        with _PIPES_LOCK:
            p = _PIPES.get(lang)
            if p is None:
                if lang == "nl":
                    from triage.lexicon.nl import LEXICON
                elif lang == "en":
                    from triage.lexicon.en import LEXICON
                else:
                    from triage.lexicon.fr import LEXICON
                p = LangPipeline(LEXICON)
                _PIPES[lang] = p
    return p


@Language.factory("triage_normaliser", default_config={"lang": "nl"})
def _make_normaliser(nlp: Language, name: str, lang: str) -> Callable[[Doc], Doc]:
    def normalise(doc: Doc) -> Doc:
        n = get_pipeline(lang).norm
        for t in doc:
            t.norm_ = n(t.lower_)
        return doc

    return normalise


@Language.factory("triage_cues", default_config={"lang": "nl"})
def _make_cues(nlp: Language, name: str, lang: str) -> Callable[[Doc], Doc]:
    def find(doc: Doc) -> Doc:
        pipe = get_pipeline(lang)
        doc.user_data["triage"] = analyse_doc(pipe, doc)
        return doc

    return find


if not Doc.has_extension("triage"):
    Doc.set_extension("triage", getter=lambda d: d.user_data.get("triage"))

_PUNCT_BREAK = {",", ".", "!", "?", ";", ":", "...", "\n", "(", ")", "–", "—"}
# A negation right after these is part of a condition ("als ik niet betaal, ..."), not a denial.
_CONDITIONAL = {"als", "if", "si", "tenzij", "unless", "anders", "otherwise", "sinon", "indien"}
# "ik denk / ik zag / ik hoorde": the writer observes; the person at risk is someone else.
_EPISTEMIC = {"denk", "dacht", "hoorde", "hoor", "zie", "zag", "weet", "vermoed", "maak", "think", "heard", "see",
              "saw", "know", "suspect", "pense", "vois", "sais", "crois", "worried", "bang"}
# "mijn zus", "my sister": possessives name someone else, they do not make the writer the victim.
_POSSESSIVE = {"mijn", "my", "mon", "ma", "mes"}
_THREAT_ONLY = re.compile(r"^(be)?(dreig|threat|menac)", re.I)


def _clauses(pipe: LangPipeline, doc: Doc) -> tuple[list[int], dict[int, str]]:
    """Clause id per token (-1 for the break itself) and, per clause, the word that opened it."""
    breaks = pipe.lex.clause_breaks
    ids, cur, opener = [], 0, {0: ""}
    for t in doc:
        if t.text in _PUNCT_BREAK or t.norm_ in breaks or t.lower_ in breaks or "\n" in t.text:
            cur += 1
            opener[cur] = t.lower_
            ids.append(-1)
            continue
        ids.append(cur)
    return ids, opener


def analyse_doc(pipe: LangPipeline, doc: Doc) -> MessageAnalysis:
    lex = pipe.lex
    res = MessageAnalysis(language=lex.code)
    clause, opener = _clauses(pipe, doc)
    negs = lex.negations
    past = lex.past
    # best (shortest) match per (cue spec, start token)
    found: dict[tuple[int, int], int] = {}
    for idx, s, e in pipe.match(doc):
        k = (idx, s)
        if k not in found or e < found[k]:
            found[k] = e
    pseudo: dict[str, list[tuple[int, int]]] = {}
    signal_hits: list[tuple[CueSpec, int, int]] = []
    for (idx, s), e in found.items():
        spec = pipe.specs[idx]
        if spec.code.startswith("@"):
            pseudo.setdefault(spec.code, []).append((s, e))
        else:
            signal_hits.append((spec, s, e))
    res.hypo = "@hypo" in pseudo
    res.recovered = "@recovered" in pseudo
    res.now = "@now" in pseudo
    res.minor_cue = "@minor" in pseudo
    res.adult_cue = "@adult" in pseudo
    for s, e in pseudo.get("@family", []):
        res.family.append(Cue("family_perpetrator", 0.85, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]),
                              doc[s:e].text))
    witness_clauses = {clause[s] for s, _ in pseudo.get("@witness", [])}
    benign_clauses = {clause[s] for s, _ in pseudo.get("@benign", [])}
    for code in ("@witness", "@professional", "@perpetrator"):
        if code in pseudo:
            res.role_votes[code[1:]] = res.role_votes.get(code[1:], 0.0) + len(pseudo[code])
    first_obj = {"me", "mij", "mezelf", "moi", "myself", "m'", "m"}
    laugh = {"haha", "hahaha", "lol", "xd", "lmao", "hihi", "mdr", "ptdr"}
    has_laugh = any(t.norm_ in laugh for t in doc)
    for spec, s, e in signal_hits:
        c = clause[s] if clause[s] >= 0 else (clause[e - 1] if e - 1 < len(clause) else -1)
        lo, hi = s, e
        while lo > 0 and s - lo < 3 and clause[lo - 1] == c:
            lo -= 1
        while hi < len(doc) and hi - e < 2 and clause[hi] == c:
            hi += 1
        weight = spec.weight
        if (not spec.has_neg and opener.get(c, "") not in _CONDITIONAL
                and any(doc[i].norm_ in negs or doc[i].lower_ in negs for i in range(lo, hi))):
            res.scoped.add(spec.code)
            continue  # negated: "hij pakt mijn telefoon niet af"
        if c in benign_clauses:
            res.scoped.add(spec.code)
            continue  # "een schuld bij DUO", "hij is gewoon lief"
        clause_toks = [t for i, t in enumerate(doc) if clause[i] == c]
        if spec.code == "acute_danger":
            is_past = any(t.lower_ in past for t in clause_toks)
            if is_past or res.recovered:
                res.scoped.add(spec.code)
                continue  # "toen zat ik opgesloten", "nu gaat het goed": not acute now
        if res.hypo:
            res.scoped.add(spec.code)
            weight *= 0.15
        if has_laugh:
            weight *= 0.6
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        res.cues.append(Cue(spec.code, weight, start, end, doc[s:e].text, spec.source))
        # who is at risk in this clause?
        first = any((t.norm_ in lex.first_person or t.lower_ in first_obj) and t.norm_ not in _POSSESSIVE
                    and not (t.i + 1 < len(doc) and doc[t.i + 1].norm_ in _EPISTEMIC) for t in clause_toks)
        if c in witness_clauses and not first:
            res.role_votes["witness_signal"] = res.role_votes.get("witness_signal", 0.0) + 1
        elif first:
            res.role_votes["victim_signal"] = res.role_votes.get("victim_signal", 0.0) + 1
    _resolve_overlaps(res)
    res.ages = find_ages(doc.text)
    return res


def _resolve_overlaps(res: MessageAnalysis) -> None:
    """A threat to share pictures is sextortion, and hurting oneself is self-harm, not violence by others."""
    sext = [c for c in res.cues if c.code == "sextortion"]
    harm = [c for c in res.cues if c.code == "self_harm"]

    def near(c: Cue, others: list[Cue], slack: int) -> bool:
        return any(o.start - slack <= c.end and c.start <= o.end + slack for o in others)

    res.cues = [c for c in res.cues if not (
        c.code == "violence_threats"
        and ((sext and _THREAT_ONLY.match(c.text)) or near(c, harm, 15)))]


_AGE_SELF = re.compile(
    r"(?:\b(?:ik ben|ben|k ben|kben|ik word|ik zen|kzen|i'?m|i am|iam|j'?ai|jai|am|sunt|mam|jestem|soy|tengo|"
    r"tôi|toi)\s+(?:pas |net |bijna |only |just |seulement |maar |nog maar )?)(\d{1,2})(?!\s*(?:euro|uur|€|min|dagen|keer|weken|x))\b",
    re.I)
_AGE_THIRD = re.compile(
    r"\b(?:zus|zusje|broer|broertje|dochter|zoon|vriendin|nichtje|neefje|nicht|leerling|leerlinge|client|cliënt|"
    r"pupil|bewoonster|bewoner|meisje|meid|jongen|kind|sister|brother|daughter|son|student|girl|boy|kid|soeur|sœur|"
    r"fille|fils|élève|eleve|amie|jeune)\s*(?:van|of|de|is|,|\()?\s*(\d{1,2})\b", re.I)
_AGE_YEARS = re.compile(r"\b(\d{1,2})\s*(?:jaar|jr|j|years?|yrs?|yo|y/o|ans|tuổi|lat|ani|години|години|років|سنة|anos|años)\b",
                        re.I)
_OFFENDER_BEFORE = re.compile(r"(?:vriend|vriendje|lover|man|hij|he|boyfriend|bf|guy|copain|il|hem|vent|jongen van|"
                              r"mannen|heer|oom|kerel)\W{1,3}(?:van|is|of|de|a|heeft|was)?\W{0,3}$", re.I)
_KLAS = re.compile(r"\b(?:klas|class|groep|jaar|year|grade)\s*([1-8])\b|\b([1-6])\s*(?:e|de|ste|ème|eme)?\s*"
                   r"(?:klas|middelbaar|jaar middelbaar|havo|vwo|vmbo|gymnasium|atheneum|secundair|mavo)\b", re.I)


_AGE_MINOR_ONLY = re.compile(
    r"\b(?:ze|zij|she|shes|she's|she is|elle|hij|he|hes|he's|he is|il)\s+(?:is|a|est|heeft)?\s*(\d{1,2})(?!\s*(?:euro|uur|€|min|"
    r"dagen|keer|weken|x|%|jaar geleden|years ago|ans? plus))\b|"
    r"\((\d{1,2})\)|"
    r"\b(?:allebei|allebeide|beiden|both|tous les deux|toutes les deux|all)\s+(\d{1,2})\b|"
    r"\b(?:3andi|ana|3ndi)\s+(\d{1,2})(?:\s*3am)?\b|(\d{1,2})\s*3am\b|"
    r"(?:عمري|عمرها|عمره|عندي)\s*(\d{1,2})|"
    r"(?:мне|мені|ей|їй|ему|йому)\s+(\d{1,2})\b|"
    r"(\d{1,2})\s*(?:ዓመ|amet)|"
    r"\b(?:em|e|chau|cháu|tôi|toi)\s+(\d{1,2})\s*t(?:uổi|uoi)?\b",
    re.I)


def _to_int(s: str) -> int | None:
    try:
        return int(s)
    except ValueError:
        return None


def find_ages(text: str) -> list[int]:
    """Ages of the person at risk (the writer, or the friend/pupil they write about), not of an offender."""
    out: list[int] = []
    for rx in (_AGE_SELF, _AGE_THIRD):
        for m in rx.finditer(text):
            v = _to_int(m.group(1))
            if v is not None and 10 <= v <= 80:
                out.append(v)
    # Wider forms ("ze is 13", "mijn ex (17)", "we zijn allebei 14", "3andi 15 3am", "мне 16", "em 16t") count only
    # for an age under 18: an adult there is as often the offender, a child is the one at risk.
    for m in _AGE_MINOR_ONLY.finditer(text):
        v = _to_int(next(g for g in m.groups() if g))
        if v is not None and 10 <= v < 18:
            out.append(v)
    if not out:
        for m in _AGE_YEARS.finditer(text):
            before = text[max(0, m.start() - 25):m.start()]
            v = _to_int(m.group(1))
            if v is not None and (10 <= v < 18 or 18 <= v <= 80 and not _OFFENDER_BEFORE.search(before)):
                out.append(v)
    if not out and _KLAS.search(text):
        out.append(15)  # a school year: a minor, whatever the exact age
    return out


# ------------------------------------------------------------------ languages without a pipeline

# (code, weight, pattern, source): the source string is built once here, not per match in the hot path
_OTHER_RX: dict[str, list[tuple[str, float, re.Pattern[str], str]]] = {}


def analyse_other(text: str, lang: str | None) -> MessageAnalysis:
    res = MessageAnalysis(language=lang)
    if not _OTHER_RX:
        for code, entries in OTHER.items():
            _OTHER_RX[code] = [(c, w, re.compile(rx, re.I), f"{code} {c} {w}: {rx}") for c, w, rx in entries]
        _OTHER_RX["*"] = [(c, w, re.compile(rx, re.I), f"* {c} {w}: {rx}") for c, w, rx in UNIVERSAL]
    for c, w, rx, source in _OTHER_RX.get(lang or "", []) + _OTHER_RX["*"]:
        for m in rx.finditer(text):
            if m.end() > m.start():
                res.cues.append(Cue(c, w, m.start(), m.end(), m.group(0), source))
    if any(cu.code != "self_harm" for cu in res.cues):
        res.role_votes["victim_signal"] = 1.0
    res.ages = find_ages(text)
    return res


def analyse_core(text: str, lang: str) -> MessageAnalysis:
    pipe = get_pipeline(lang)
    doc = pipe.nlp(text)
    res: MessageAnalysis = doc.user_data["triage"]
    # universal cues (emoji) apply in every language
    if not _OTHER_RX:
        analyse_other("", None)
    for c, w, rx, source in _OTHER_RX["*"]:
        for m in rx.finditer(text):
            res.cues.append(Cue(c, w, m.start(), m.end(), m.group(0), source))
    return res


def build_all() -> None:
    for lang in CORE_LANGS:
        get_pipeline(lang)
    analyse_other("", None)
