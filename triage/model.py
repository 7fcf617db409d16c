"""The learned half of triage: spaCy text classifiers trained from scratch on the project's corpus.

One pipeline on ``spacy.blank("xx")`` (every language through one tokenizer) with one multilabel
classifier over three label groups: the 13 signal codes, the 4 urgencies and the 5 roles. It is an
ensemble of a bag-of-words model over word uni- and bigrams of the *normalised*
text and a small CNN over hashed NORM/PREFIX/SUFFIX/SHAPE features, so spellings never seen in training
still share prefixes and suffixes with ones that were. Nothing pretrained is loaded; the trained pipeline
ships in ``triage/models/`` and ``python -m triage train`` reproduces it from ``data/triage/``.

The rules (triage/pipeline.py) still give evidence spans and scope; triage/classifier.py combines both.
See docs/triage.md, "The learned model".
"""

from __future__ import annotations

import json
import random
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from triage.pipeline import SIGNALS

# The order of each group is the trained model's label order: acute, high, normal, low; victim, witness,
# professional, perpetrator, unknown (vocabulary keeps it).
from vocabulary import ROLES as ROLES
from vocabulary import URGENCIES as URGENCIES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer
    from spacy.tokens import Doc

LABELS = SIGNALS + URGENCIES + ROLES  # disjoint names: one classifier carries all three groups
MODEL_DIR = Path(__file__).parent / "models" / "triage_model"
THRESHOLDS_FILE = "thresholds.json"
# A conversation is read from its end: the newest messages matter most, and the cost stays bounded.
MAX_MODEL_CHARS = 2000
# Hash table rows of the bag-of-words layer: 2**16 keeps collisions rare for the corpus's ~100,000
# n-grams and the model small (rows x 22 labels x 4 bytes = 5.8 MB).
BOW_LENGTH = 2**16

_RUN3 = re.compile(r"(\w)\1{2,}")
# Words, emoji and punctuation marks: the text is normalised already, so a regex does what spaCy's
# multi-language tokenizer did here at a tenth of the cost (it was a third of the time per message).
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# Every new word becomes a lexeme in the vocab for good; a long-running worker reloads the model after this
# many new ones, so memory stays bounded (one lexeme is a few hundred bytes).
VOCAB_GROWTH_LIMIT = 200_000
MESSAGE_CACHE = 50_000  # per-message scores and normalised texts kept (oldest dropped first): TEXT_CACHE in classifier.py
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, accents off, stretched letters squeezed ("heeeelp" -> "heelp"), one space."""
    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'")
    s = _RUN3.sub(r"\1\1", s)
    return _SPACE.sub(" ", s).strip()


# A triage worker re-reads a conversation's messages at every new one: each is normalised once.
_normalised = lru_cache(maxsize=MESSAGE_CACHE)(normalise)


def make_doc(nlp: Language, text: str) -> Doc:
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=_TOKEN.findall(text) or [" "])


def conversation_text(messages: Sequence[str], features: Sequence[str] = ()) -> str:
    """What the model reads for a conversation: the rules' findings as feature words, then the messages
    joined by a line break, newest kept. Feature words let the model learn when a rule cue is reliable
    and what it means together with the words around it (stacking)."""
    # Only the newest messages that fill the window are read: the rest would be cut off anyway.
    parts: list[str] = []
    size = -1  # the joined length of parts (a line break between two)
    for m in reversed(messages):
        if not m:
            continue
        parts.append(_normalised(m))
        size += len(parts[-1]) + 1
        if size >= MAX_MODEL_CHARS:
            break
    text = "\n".join(reversed(parts))[-MAX_MODEL_CHARS:]
    return (" ".join(features) + "\n" + text) if features else text


def build_pipeline(width: int = 32, rows: int = 5000, bow_length: int = BOW_LENGTH, embed: str = "hash",
                   arch: str = "ensemble") -> Language:
    """One multilabel classifier over all labels: signals, and urgency and role as one-of-N groups.

    One shared model is a third of the size and time of three; urgency and role are read by argmax
    within their group (independent sigmoids do the job of a softmax here).
    """
    import spacy

    nlp = spacy.blank("xx")
    if embed == "char":
        # Characters of each word (first and last 4) beside the hashed word: spellings never seen share
        # their letters with ones that were.
        embed_cfg: dict[str, Any] = {
            "@architectures": "spacy.CharacterEmbed.v2", "width": width, "rows": rows, "nM": 32, "nC": 8,
            "include_static_vectors": False,
        }
    else:
        embed_cfg = {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": width,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [rows, rows // 2, rows // 2, 500],
            "include_static_vectors": False,
        }
    model: dict[str, Any] = {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": embed_cfg,
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width, "window_size": 1, "maxout_pieces": 3, "depth": 2,
            },
        },
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": False, "ngram_size": 2, "no_output_layer": False, "length": bow_length,
        },
    }
    if arch == "bow":
        model = model["linear_model"]
    pipe = cast("MultiLabel_TextCategorizer",
                nlp.add_pipe("textcat_multilabel", name="triage", config={"model": model, "threshold": 0.5}))
    for label in LABELS:
        pipe.add_label(label)
    return nlp


def _cats(row: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Labels per group; a group the row does not label (feedback has no role) is left out: missing,
    not negative, so the classifier learns nothing from it."""
    gold = set(row.get("signals") or [])
    urgency = row.get("urgency")
    role = row.get("role")
    return {
        "signals": {c: float(c in gold) for c in SIGNALS},
        "urgency": {u: float(u == urgency) for u in URGENCIES} if urgency in URGENCIES else {},
        "role": {r: float(r == role) for r in ROLES} if role in ROLES else {},
    }


def train(rows: Sequence[dict[str, Any]], epochs: int = 30, seed: int = 0, width: int = 32, rows_hash: int = 5000,
          log: Callable[[str], None] | None = None, features: Sequence[Sequence[str]] | None = None
          ) -> Language:
    """Train the three classifiers on labelled conversations (format: docs/triage.md)."""
    import os

    from spacy.training import Example
    from spacy.util import minibatch
    from thinc.api import fix_random_seed  # what spacy.util.fix_random_seed is (not exported there)

    fix_random_seed(seed)
    rng = random.Random(seed)
    # Experiment knobs (docs/triage.md, "Retraining"); the defaults are what ships.
    width = int(os.environ.get("TRIAGE_WIDTH", width))
    epochs = int(os.environ.get("TRIAGE_EPOCHS", epochs))
    drop = float(os.environ.get("TRIAGE_DROPOUT", 0.2))
    nlp = build_pipeline(width, rows_hash, embed=os.environ.get("TRIAGE_EMBED", "hash"),
                         arch=os.environ.get("TRIAGE_ARCH", "ensemble"))
    examples = []
    for i, row in enumerate(rows):
        cats = _cats(row)
        flat = {**cats["signals"], **cats["urgency"], **cats["role"]}
        text = conversation_text(row["messages"], features[i] if features is not None else ())
        examples.append(Example.from_dict(make_doc(nlp, text), {"cats": flat}))
    optimizer = nlp.initialize(get_examples=lambda: examples)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=16):  # type: ignore[no-untyped-call]  # unannotated in spaCy
            nlp.update(batch, sgd=optimizer, drop=drop, losses=losses)
        if log is not None:
            log(f"epoch {epoch + 1}/{epochs} " + " ".join(f"{k} {v:.3f}" for k, v in losses.items()))
    return nlp


class TriageModel:
    """A loaded model: per-conversation and per-message scores, with thresholds chosen on dev."""

    def __init__(self, nlp: Language | None, thresholds: dict[str, Any] | None = None, path: Path | None = None
                 ) -> None:
        self.thresholds: dict[str, Any] = thresholds or {}
        self.path = path
        self._lock = threading.Lock()
        self._message_cache: OrderedDict[str, dict[str, float]] = OrderedDict()
        self._use(nlp)

    def _use(self, nlp: Language | None) -> None:
        # None: a stand-in whose subclass supplies the scores (triage/training.py, cv_report)
        self.nlp = nlp
        self.classifier = (cast("MultiLabel_TextCategorizer", nlp.get_pipe("triage")) if nlp is not None
                           else None)
        self._vocab_limit = (len(nlp.vocab) if nlp is not None else 0) + VOCAB_GROWTH_LIMIT

    def _reload(self) -> None:
        import spacy

        assert self.path is not None
        self._use(spacy.load(self.path))

    @classmethod
    def load(cls, path: Path = MODEL_DIR) -> TriageModel | None:
        if not (path / "meta.json").exists():
            return None
        import spacy

        nlp = spacy.load(path)
        th_path = path / THRESHOLDS_FILE
        thresholds = json.loads(th_path.read_text()) if th_path.exists() else {}
        return cls(nlp, thresholds, path)

    def save(self, path: Path = MODEL_DIR) -> None:
        path.mkdir(parents=True, exist_ok=True)
        assert self.nlp is not None, "a stand-in without a pipeline cannot be saved"
        self.nlp.to_disk(path)
        (path / THRESHOLDS_FILE).write_text(json.dumps(self.thresholds, indent=1, sort_keys=True) + "\n")

    def scores_many(self, texts: Sequence[str]) -> list[dict[str, dict[str, float]]]:
        """Scores of all three label groups for already joined, normalised texts, in one forward pass:
        the per-call overhead of the network is larger than the cost of a short text."""
        with self._lock:  # spaCy models are not guaranteed thread-safe
            assert self.nlp is not None and self.classifier is not None, "a stand-in without a pipeline cannot score"
            if len(self.nlp.vocab) > self._vocab_limit and self.path is not None:
                self._reload()
            docs = [make_doc(self.nlp, t) for t in texts]
            predicted = self.classifier.predict(docs)
        out = []
        labels = self.classifier.labels
        for row in predicted:
            values = dict(zip(labels, row.tolist(), strict=True))  # Python floats, as float() gives them
            out.append({
                "signals": {c: values.get(c, 0.0) for c in SIGNALS},
                "urgency": {u: values.get(u, 0.0) for u in URGENCIES},
                "role": {r: values.get(r, 0.0) for r in ROLES},
            })
        return out

    def scores(self, text: str) -> dict[str, dict[str, float]]:
        return self.scores_many([text])[0]

    def score_conversation(self, messages: Sequence[str], features: Sequence[str] = ()
                           ) -> dict[str, dict[str, float]]:
        return self.score_conversations([(messages, features)])[0]

    def score_conversations(self, conversations: Sequence[tuple[Sequence[str], Sequence[str]]]
                            ) -> list[dict[str, dict[str, float]]]:
        """Each conversation's scores (its messages and rule feature words), all in one forward pass: a
        pass costs a fixed part per call, so a triage worker that has several conversations to classify
        scores them together (docs/benchmarks.md). The visitor messages not yet scored alone ride along,
        so that evidence for a signal only the model saw costs nothing extra later."""
        fresh = [t for t in dict.fromkeys(t for messages, _ in conversations for t in messages)
                 if t and t not in self._message_cache]
        results = self.scores_many([conversation_text(messages, features) for messages, features in conversations]
                                   + [_normalised(t) for t in fresh])
        for text, result in zip(fresh, results[len(conversations):], strict=True):
            self._remember(text, result["signals"])
        return results[:len(conversations)]

    def score_messages(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """Per-message signal scores (for evidence when only the model saw a signal). Cached by text."""
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._message_cache]
        if missing:
            for text, result in zip(missing, self.scores_many([_normalised(t) for t in missing]), strict=True):
                self._remember(text, result["signals"])
        return [self._message_cache.get(t, {}) for t in texts]

    def _remember(self, text: str, signals: dict[str, float]) -> None:
        self._message_cache[text] = signals
        if len(self._message_cache) > MESSAGE_CACHE:
            self._message_cache.popitem(last=False)


_LOADED: TriageModel | None = None
_LOAD_LOCK = threading.Lock()
_TRIED = False


def get_model() -> TriageModel | None:
    """The shipped model, loaded once; None when no model is shipped (rules only)."""
    global _LOADED, _TRIED
    if not _TRIED:
        with _LOAD_LOCK:
            if not _TRIED:
                try:
                    _LOADED = TriageModel.load()
                except Exception:  # a broken model file must not take triage down: rules still work
                    _LOADED = None
                _TRIED = True
    return _LOADED
