"""The learned model: `python -m triage train` reproduces it, and the shipped one loads from the package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from triage import classifier
from triage.model import MODEL_DIR, TriageModel, conversation_text, get_model, normalise
from triage.pipeline import SIGNALS

ROOT = Path(__file__).resolve().parents[2]


def _slice(tmp_path: Path) -> Path:
    """A small two-writer slice of the corpus (training on all of it takes minutes)."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("W1", "W7"):
        lines = (ROOT / "data" / "triage" / "corpus" / f"{name}.jsonl").read_text().splitlines()[:30]
        (data / f"{name}.jsonl").write_text("\n".join(lines) + "\n")
    return data


def test_train_command_on_a_small_slice_writes_a_loadable_model(tmp_path: Path) -> None:
    out = tmp_path / "model"
    proc = subprocess.run(
        [sys.executable, "-m", "triage", "train", str(_slice(tmp_path)), "--out", str(out), "--epochs", "2",
         "--folds", "2", "--jobs", "1"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    thresholds = json.loads((out / "thresholds.json").read_text())
    assert set(thresholds["signals"]) == set(SIGNALS) and 0 < thresholds["acute"] < 1
    assert thresholds["trained_on"]["writers"] == ["W1", "W7"]
    model = TriageModel.load(out)
    assert model is not None
    scores = model.score_conversation(["hij staat beneden", "ik ben 15"])
    assert set(scores["signals"]) == set(SIGNALS)
    assert abs(sum(scores["role"].values())) > 0
    result = classifier._classify(["hij staat beneden en wil dat ik meega"], model)
    assert result["urgency"] in {"acute", "high", "normal", "low"}


def test_the_shipped_model_loads_from_the_package_and_is_small() -> None:
    assert (MODEL_DIR / "meta.json").exists()
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 20 * 1024 * 1024
    model = get_model()
    assert model is not None
    assert model.thresholds["trained_on"]["conversations"] >= 2000
    assert len(model.thresholds["trained_on"]["writers"]) >= 8


def test_a_model_only_signal_still_carries_evidence() -> None:
    model = get_model()
    assert model is not None
    # No rule cue at all: the evidence is the message the model scores highest for the signal.
    scores = {"signals": {c: 0.0 for c in SIGNALS}, "urgency": {}, "role": {}}
    scores["signals"]["grooming"] = 0.99

    class Fixed(TriageModel):
        def score_conversations(self, conversations):  # type: ignore[no-untyped-def]
            return [{**scores, "urgency": {"acute": 0.0, "high": 0.0, "normal": 1.0, "low": 0.0},
                     "role": {"victim": 1.0, "witness": 0.0, "professional": 0.0, "perpetrator": 0.0,
                              "unknown": 0.0}} for _ in conversations]

    fixed = Fixed(model.nlp, {"signals": {c: 0.5 for c in SIGNALS}, "acute": 0.5})
    out = classifier._classify(["hoi", "  hij geeft me steeds dure dingen en zegt dat ik van hem ben  "], fixed)
    grooming = next(s for s in out["signals"] if s["code"] == "grooming")
    assert grooming["evidence"]
    ev = grooming["evidence"][0]
    text = ["hoi", "  hij geeft me steeds dure dingen en zegt dat ik van hem ben  "][ev["message"]]
    assert text[ev["start"]:ev["end"]] == text.strip()


def test_normalisation_squeezes_and_strips() -> None:
    assert normalise("HEEEELP  mé") == "heelp me"
    assert conversation_text(["a", "b"], ["zzcueacutedanger"]) == "zzcueacutedanger\na\nb"


def test_conversations_scored_together_score_as_alone() -> None:
    """A worker scores several conversations in one pass; each must get what it gets alone."""
    from triage import classifier

    conversations = [["hij staat beneden", "ik ben 15"], ["hoi"], ["he took my passport and i owe him 3000"],
                     ["", "  "], ["mijn vriend wil dat ik met zijn vrienden chill"]]
    together = classifier._classify_many(conversations, get_model())
    alone = [classifier._classify(c, get_model()) for c in conversations]
    assert together == alone
    assert together[0]["urgency"] == "acute"
