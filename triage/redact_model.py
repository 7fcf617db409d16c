"""A learned name/place finder beside the redaction rules of triage/redaction.py.

A spaCy ``ner`` component on ``spacy.blank("xx")`` with a small tok2vec trained from scratch (hashed
NORM/PREFIX/SUFFIX/SHAPE embeddings and a CNN window encoder). Nothing pretrained is loaded. It only
predicts PERSON and LOCATION; triage/redaction.py adds its spans where they do not overlap a rule span
(and drops common words and an unlisted capitalised first word of a message, see ``merge``).
Trained on data/redact/corpus_dev.jsonl (writers W1–W8), corpus_dev_r.jsonl (R1, R2), corpus_dev_w20.jsonl
(W20–W26), blind.jsonl (B1–B4, W9–W12) and blind2.jsonl (B5–B7): 1,862 lines by 29 independent writers, all
development data now, the same format as data/redact/dev.jsonl. Never on data/redact/blind3.jsonl (the blind set).


    .venv/bin/python -m triage.redact_model train     # reproduces triage/models/redact_ner/ (15 epochs, seed 0)
    .venv/bin/python -m triage.redact_model lwo       # leave-writers-out figures, rules vs rules + model

The model is optional: when ``triage/models/redact_ner/`` is missing or unreadable, or with
TRIAGE_REDACT_MODEL=0 in the environment, redaction is the rules alone, exactly as before.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRecognizer  # Cython, no stub: mypy sees Any
    from spacy.tokens import Span
    from spacy.training import Example

MODEL_DIR = Path(__file__).parent / "models" / "redact_ner"
_DATA = Path(__file__).resolve().parent.parent / "data" / "redact"
# Every development file written by independent writers (29 writers, 1,862 lines). Never data/redact/blind3.jsonl:
# it is the blind set that measures the shipped redaction.
DEFAULT_DATA = [_DATA / "corpus_dev_r.jsonl", _DATA / "corpus_dev.jsonl", _DATA / "corpus_dev_w20.jsonl",
                _DATA / "blind.jsonl", _DATA / "blind2.jsonl"]
LABELS = ("PERSON", "LOCATION")
# A model span must have at least this many letters: single letters and digits are the rules' business.
MIN_LETTERS = 2
SKIP_INITIAL = True


def build_pipeline(width: int = 64, rows: int = 4000, depth: int = 3) -> Language:
    import spacy

    nlp = spacy.blank("xx")
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [rows, rows // 2, rows // 2, 500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width, "window_size": 1, "maxout_pieces": 3, "depth": depth,
            },
        },
    }
    ner = cast("EntityRecognizer", nlp.add_pipe("ner", config={"model": model}))
    for label in LABELS:
        ner.add_label(label)
    return nlp


def _example(nlp: Language, row: dict[str, Any]) -> Example:
    from spacy.training import Example

    doc = nlp.make_doc(row["text"])
    ents: list[Span] = []
    for s in row.get("spans", []):
        if s["type"] not in LABELS:
            continue
        sp = doc.char_span(int(s["start"]), int(s["end"]), label=s["type"], alignment_mode="expand")
        if sp is not None:
            ents.append(sp)
    ents.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
    kept: list[Span] = []
    for sp in ents:
        if kept and sp.start < kept[-1].end:
            continue
        kept.append(sp)
    return Example.from_dict(doc, {"entities": [(sp.start_char, sp.end_char, sp.label_) for sp in kept]})


def train(rows: Sequence[dict[str, Any]], epochs: int = 15, seed: int = 0, width: int = 64, drop: float = 0.2,
          log: Callable[[str], None] | None = None) -> Language:
    from spacy.util import minibatch
    from thinc.api import compounding, fix_random_seed  # what spacy.util re-exports (not in its __all__)

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build_pipeline(width)
    examples = [_example(nlp, r) for r in rows]
    optimizer = nlp.initialize(get_examples=lambda: examples)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        sizes = compounding(4.0, 16.0, 1.05)
        for batch in minibatch(examples, size=sizes):  # type: ignore[no-untyped-call]  # unannotated in spaCy
            nlp.update(batch, sgd=optimizer, drop=drop, losses=losses)
        if log is not None:
            log(f"epoch {epoch + 1}/{epochs} loss {losses.get('ner', 0.0):.1f}")
    return nlp


class RedactModel:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._lock = threading.Lock()
        self._vocab_limit = len(nlp.vocab) + 200_000
        self.path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> RedactModel | None:
        path = MODEL_DIR if path is None else path
        if not (path / "meta.json").exists():
            return None
        import spacy

        m = cls(spacy.load(path))
        m.path = path
        return m

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        with self._lock:  # spaCy pipelines are not guaranteed thread-safe
            if len(self.nlp.vocab) > self._vocab_limit and self.path is not None:
                import spacy

                self.nlp = spacy.load(self.path)
                self._vocab_limit = len(self.nlp.vocab) + 200_000
            doc = self.nlp(text)
        out = []
        for ent in doc.ents:
            if ent.label_ in LABELS and sum(c.isalpha() for c in ent.text) >= MIN_LETTERS:
                out.append((ent.start_char, ent.end_char, ent.label_))
        return out


_LOADED: RedactModel | None = None
_TRIED = False
_LOAD_LOCK = threading.Lock()


def get_model() -> RedactModel | None:
    """The shipped model, loaded once; None when it is not shipped or cannot be read (rules only)."""
    global _LOADED, _TRIED
    if not _TRIED:
        with _LOAD_LOCK:
            if not _TRIED:
                try:
                    _LOADED = RedactModel.load()
                except Exception:  # a broken model must not take redaction down
                    _LOADED = None
                _TRIED = True
    return _LOADED


def _facility(word: str) -> bool:
    """A bare kind of place ("Politiestation", "school", "azc"): it carries meaning, it identifies no one."""
    import re

    from triage.redaction import BUSINESS_COMPOUND_I, BUSINESS_CUES

    w = word.strip(".,;:!?()'\"")
    return bool(re.fullmatch(BUSINESS_COMPOUND_I, w) or re.fullmatch(r"(?i:" + BUSINESS_CUES + r")", w))


def merge(rule_spans: list[dict[str, Any]], model_spans: list[tuple[int, int, str]], text: str = "",
          skip_initial: bool = SKIP_INITIAL) -> list[dict[str, Any]]:
    """Rule spans, plus model spans that overlap no rule span (and are not common words). With
    ``skip_initial``, a lone capitalised first word of the message is only taken when it is a listed first
    name: the model reads "Benim", "Мене", "Youth" at the start of a message as names."""
    import re

    from triage.redaction import fold, lookups


    lk = lookups()
    out = list(rule_spans)
    for s, e, t in model_spans:
        if any(r["start"] < e and s < r["end"] for r in rule_spans):
            continue
        # "selon l'Office", "d'Anvers": the elision is not part of the word
        words = [re.sub(r"^(?:[ldjmnst]|qu)['’]", "", w, flags=re.I) for w in text[s:e].split()]
        if text and (any(c.isdigit() for c in text[s:e]) or all(lk.is_common(w) or _facility(w) for w in words)):
            continue  # "fifa23" is the rules' business (handles); "het Politiestation" names no one
        if t == "PERSON" and len(words) == 1 and re.match(r"ال[\u0621-\u064A]{2,}$", words[0]):
            continue  # "أختي الكبيرة": a word with the Arabic article is an adjective or a noun, not a first name
        if skip_initial and text and not text[:s].strip() and len(words) == 1 and words[0][:1].isupper() \
                and fold(words[0]) not in lk.first:
            continue
        out.append({"start": s, "end": e, "type": t})
    return sorted(out, key=lambda d: d["start"])


# ------------------------------------------------------------------------------------------------ evaluation


def _load_rows(paths: Path | Sequence[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in [paths] if isinstance(paths, Path) else paths:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def _report(name: str, rows: list[dict[str, Any]], predict: Callable[[str], list[dict[str, Any]]]) -> dict[str, Any]:
    from triage.redact_cli import score

    res = score(rows, predict)
    clean = [r for r in rows if not r.get("spans")]
    touched = sum(1 for r in clean if predict(r["text"]))
    t = res["types"]
    fig = {
        "char_recall": res["chars"]["recall"], "char_precision": res["chars"]["precision"],
        "PERSON_recall": t.get("PERSON", {}).get("recall"), "PERSON_precision": t.get("PERSON", {}).get("precision"),
        "LOCATION_recall": t.get("LOCATION", {}).get("recall"),
        "LOCATION_precision": t.get("LOCATION", {}).get("precision"),
        "clean_chars_lost": res["clean_chars_lost"], "clean_lines_touched": round(touched / max(1, len(clean)), 4),
    }
    print(f"  {name:<14} " + "  ".join(f"{k} {v}" for k, v in fig.items()), flush=True)
    return {"figures": fig, "res": res}


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class _unlisted:
    """Simulate writers whose names and places are not in the word lists: every word of a test writer's
    PERSON/LOCATION/ADDRESS span that no training writer used is taken out of triage/redaction/*.txt
    (and the hard-coded station/hotel lists) while the block runs."""

    def __init__(self, train_rows: Sequence[dict[str, Any]], test_rows: Sequence[dict[str, Any]]) -> None:
        from triage import redaction as R

        def words(rows: Sequence[dict[str, Any]]) -> set[str]:
            out: set[str] = set()
            for r in rows:
                for s in r.get("spans", []):
                    if s["type"] in ("PERSON", "LOCATION", "ADDRESS"):
                        out.update(R.fold(r["text"][s["start"]:s["end"]]).replace("-", " ").split())
            return out

        self.hidden = words(test_rows) - words(train_rows)

    def __enter__(self) -> None:
        from triage import redaction as R

        self.saved = (R._words, R._lines, R.STATIONS, R.HOTEL_CHAINS, R._LOOKUPS)
        hidden = self.hidden

        def keep(line: str) -> bool:
            return not any(w in hidden for w in R.fold(line).replace("-", " ").replace("_", " ").split())

        orig_words, orig_lines = R._words, R._lines
        R._words = lambda name: [w for w in orig_words(name) if name == "common_words.txt" or keep(w)]
        R._lines = lambda name: [w for w in orig_lines(name) if keep(w)]
        R.STATIONS = [w for w in R.STATIONS if keep(w)]
        R.HOTEL_CHAINS = [w for w in R.HOTEL_CHAINS if keep(w)]
        R._LOOKUPS = None

    def __exit__(self, *exc: object) -> None:
        from triage import redaction as R

        R._words, R._lines, R.STATIONS, R.HOTEL_CHAINS, R._LOOKUPS = self.saved


def _model_alone(cache: dict[str, list[tuple[int, int, str]]]) -> Callable[[str], list[dict[str, Any]]]:
    """Predictions from the model's spans cached per text."""
    return lambda t: [{"start": s, "end": e, "type": y} for s, e, y in cache[t]]


def _rules_and_model(rules: Callable[[str], list[dict[str, Any]]], cache: dict[str, list[tuple[int, int, str]]],
                     skip_initial: bool) -> Callable[[str], list[dict[str, Any]]]:
    """Predictions from the rules merged with the model's spans cached per text (see ``merge``)."""
    return lambda t: merge(rules(t), cache[t], t, skip_initial)


SPLITS = {
    "W1-W8 -> R1+R2": ({"W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"}, {"R1", "R2"}),
    "R+W1-W4 -> W5-W8": ({"R1", "R2", "W1", "W2", "W3", "W4"}, {"W5", "W6", "W7", "W8"}),
    "W+R+W20-W26 -> B1-B7+W9-W12": (
        {f"W{i}" for i in (*range(1, 9), *range(20, 27))} | {"R1", "R2"},
        {f"B{i}" for i in range(1, 8)} | {f"W{i}" for i in range(9, 13)},
    ),
}



def run_lwo(argv: Sequence[str]) -> int:
    from triage import redaction
    from triage.redaction import redact

    redaction.USE_MODEL = False  # "rules" must be the rules alone

    ap = argparse.ArgumentParser(prog="python -m triage.redact_model lwo")
    ap.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--show", type=int, default=0, help="print this many model-only additions per split")
    args = ap.parse_args(argv)
    rows = _load_rows(args.data)
    rules_cache: dict[str, list[dict[str, Any]]] = {}

    def rules(t: str) -> list[dict[str, Any]]:
        if t not in rules_cache:
            rules_cache[t] = redact(t)["spans"]
        return rules_cache[t]

    for name, (tr, te) in SPLITS.items():
        train_rows = [r for r in rows if r["writer"] in tr]
        test_rows = [r for r in rows if r["writer"] in te]
        print(f"{name}: train {len(train_rows)} lines, test {len(test_rows)} lines", flush=True)
        nlp = train(train_rows, epochs=args.epochs)
        model = RedactModel(nlp)
        cache: dict[str, list[tuple[int, int, str]]] = {t["text"]: model.spans(t["text"]) for t in test_rows}
        _report("model alone", test_rows, _model_alone(cache))
        for cond in ("lists as shipped", "test names unlisted"):
            rules_cache.clear()
            with _unlisted(train_rows, test_rows) if cond != "lists as shipped" else _nothing():
                print(f" {cond}:")
                _report("rules", test_rows, rules)
                out = _report("rules+model", test_rows, _rules_and_model(rules, cache, False))
                out = _report("rules+model-i", test_rows, _rules_and_model(rules, cache, True))
        if args.show:
            added = 0
            for r in test_rows:
                for d in merge(rules(r["text"]), cache[r["text"]], r["text"]):
                    if d in rules(r["text"]):
                        continue
                    gold = any(g["start"] < d["end"] and d["start"] < g["end"] and g["type"] == d["type"]
                               for g in r["spans"])
                    print(f"    {'OK ' if gold else 'FP '} {d['type']:<9} {r['text'][d['start']:d['end']]!r}"
                          f"  in {r['text'][:100]!r}")
                    added += 1
                    if added >= args.show:
                        break
        del out
    return 0


def run_train(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m triage.redact_model train")
    ap.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rows = _load_rows(args.data)
    nlp = train(rows, epochs=args.epochs, seed=args.seed, log=lambda m: print(m, flush=True))
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"saved to {args.out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "lwo":
        return run_lwo(argv[1:])
    if argv and argv[0] == "train":
        return run_train(argv[1:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
