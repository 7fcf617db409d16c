"""The learned name/place finder beside the redaction rules (triage/redact_model.py)."""

from __future__ import annotations

import pytest

from triage import redact_model, redaction
from triage.redact_model import MODEL_DIR, RedactModel, merge

pytestmark = pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="redact model not shipped")

# Fresh messages, written for these tests (not in any corpus).
CLEAN = [
    "ik weet niet meer wat ik moet doen, alles gaat mis op school",
    "Gisteren was het heel erg, ik durfde niet naar huis",
    "Niemand gelooft me als ik zeg dat hij me slaat",
    "Bonjour, j'ai besoin d'aide, je ne sais pas à qui parler",
    "Hoe lang duurt het voordat iemand reageert?",
    "Mijn moeder werkt de hele dag en ik moet op mijn zusjes passen",
]
NAMES = [  # (message, what the rules alone miss)
    ("onze coach Wubbe van FC Drachtster Boys zegt dat ik moet zwijgen", "Wubbe"),
    ("I work at the Golden Lotus spa in Ferwoude and the boss keeps my passport", "Golden Lotus"),
]


def _rules_only(text: str) -> list[redaction.Span]:
    saved = redaction.USE_MODEL
    redaction.USE_MODEL = False
    try:
        return redaction.detect(text)
    finally:
        redaction.USE_MODEL = saved


def test_model_is_small_and_loads() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 10 * 1024 * 1024
    model = RedactModel.load()
    assert model is not None
    assert model.nlp.pipe_names == ["ner"]
    assert set(model.nlp.get_pipe("ner").labels) == {"PERSON", "LOCATION"}


def test_model_only_adds_spans_to_the_rules() -> None:
    for text in CLEAN + [t for t, _ in NAMES] + ["bel me op 06-12345678, ik ben Lisa uit Zwolle"]:
        rules = _rules_only(text)
        both = redaction.detect(text)
        assert set(rules) <= set(both)
        ordered = sorted(both, key=lambda s: s.start)
        assert both == ordered
        for a, b in zip(ordered, ordered[1:], strict=False):
            assert a.end <= b.start  # never overlapping


def test_model_finds_what_the_rules_miss() -> None:
    found = 0
    for text, name in NAMES:
        assert not any(text[s.start : s.end] == name for s in _rules_only(text))
        found += any(text[s.start : s.end] == name for s in redaction.detect(text))
    assert found >= 1


def test_clean_messages_stay_clean() -> None:
    for text in CLEAN:
        assert redaction.detect(text) == _rules_only(text)


def test_missing_model_means_rules_alone(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(redact_model, "MODEL_DIR", tmp_path / "absent")
    monkeypatch.setattr(redact_model, "_TRIED", False)
    monkeypatch.setattr(redact_model, "_LOADED", None)
    assert redact_model.get_model() is None
    for text, _ in NAMES:
        assert redaction.detect(text) == _rules_only(text)


def test_broken_model_means_rules_alone(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "meta.json").write_text("{not json")
    monkeypatch.setattr(redact_model, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(redact_model, "_TRIED", False)
    monkeypatch.setattr(redact_model, "_LOADED", None)
    assert redact_model.get_model() is None
    text = NAMES[0][0]
    assert redaction.redact(text)["spans"] == [s.as_dict() for s in _rules_only(text)]


def test_merge_rules_win_and_filters() -> None:
    text = "Benim adım yok, Karel woont in Puttershoek bij de molen"

    def at(word: str) -> tuple[int, int]:
        i = text.index(word)
        return i, i + len(word)

    rule = [{"start": at("Karel")[0], "end": at("Karel")[1], "type": "PERSON"}]
    model = [
        (*at("Benim"), "PERSON"),  # an unlisted capitalised first word: dropped
        (*at("Karel woont"), "PERSON"),  # overlaps a rule span: the rule wins
        (*at("Puttershoek"), "LOCATION"),  # new: added
        (*at("bij de"), "LOCATION"),  # common words only: dropped
    ]
    out = merge(rule, model, text)
    assert out == rule + [{"start": at("Puttershoek")[0], "end": at("Puttershoek")[1], "type": "LOCATION"}]
    assert merge(rule, model, text, skip_initial=False)[0] == {"start": 0, "end": 5, "type": "PERSON"}


def test_redact_uses_model_spans_for_tokens() -> None:
    text, name = NAMES[1]
    res = redaction.redact(text)
    if any(text[s["start"] : s["end"]] == name for s in res["spans"]):
        assert "[PLAATS]" in res["text"] and name not in res["text"]
    transcript = redaction.redact_transcript([text, "de baas van " + name + " belt me elke dag"])
    assert len(transcript) == 2
