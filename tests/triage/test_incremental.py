"""A triage worker re-classifies a conversation at every new message, so the classifier keeps per-message
work (normalised text, rule facts, analyses) between calls. Whatever it kept, the result for a
conversation must be exactly the one computed from scratch (docs/benchmarks.md, session 7)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from triage import classifier, language
from triage import model as triage_model
from triage.model import MAX_MODEL_CHARS, conversation_text, get_model, normalise

ROOT = Path(__file__).resolve().parents[2]


def _conversations(n: int) -> list[list[str]]:
    lines = (ROOT / "data" / "triage" / "dev.jsonl").read_text().splitlines()
    return [json.loads(line)["messages"] for line in lines[:n]]


def _from_scratch(messages: list[str]) -> dict[str, Any]:
    """The result with nothing remembered from earlier calls."""
    classifier.analyse_message.cache_clear()
    classifier._message_facts.cache_clear()
    triage_model._normalised.cache_clear()
    language.detect_scores.cache_clear()
    model = get_model()
    if model is not None:
        model._message_cache.clear()
    return classifier._classify(messages, model)


def test_growing_conversations_classified_together_get_what_they_get_from_scratch() -> None:
    conversations = _conversations(24)
    # One long conversation: past the model's 2,000-character window and the classifier's 200 messages.
    long = [m for c in _conversations(120) for m in c][:215]
    conversations.append(long)
    # As a worker does: each conversation grows a message at a time, several classified in one pass.
    warm: dict[tuple[int, int], dict[str, Any]] = {}
    longest = max(len(c) for c in conversations)
    for length in range(1, longest + 1):
        batch = [(i, c[:length]) for i, c in enumerate(conversations) if len(c) >= length]
        for (i, prefix), result in zip(batch, classifier.classify_many([p for _, p in batch]), strict=True):
            warm[(i, len(prefix))] = result
    checked = [(i, len(c)) for i, c in enumerate(conversations)] + [(i, 1) for i in range(len(conversations))]
    checked += [(len(conversations) - 1, n) for n in (60, 199, 200, 201)]
    assert sum(len("\n".join(long[:n])) > MAX_MODEL_CHARS for n in (60, 199, 200, 201)) == 4
    for i, n in checked:
        assert warm[(i, n)] == _from_scratch(conversations[i][:n]), (i, n)


def test_the_model_reads_the_same_window_as_joining_all_messages() -> None:
    rng = random.Random(7)
    pieces = ["hoi", "", "   ", "HEEEELP mé", "ik ben 15", "x" * 900, "é" * 1999, "hij\npakt mijn telefoon", "a b"]
    for _ in range(300):
        messages = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        features = rng.choice([[], ["zzcueacutedanger", "zzminor"]])
        text = "\n".join(normalise(m) for m in messages if m)[-MAX_MODEL_CHARS:]
        expected = (" ".join(features) + "\n" + text) if features else text
        assert conversation_text(messages, features) == expected


def test_a_clean_text_is_kept_as_is_and_junk_is_still_cleaned() -> None:
    text = "ik ben 15 " * 10
    assert classifier._clean(text) is text  # the caches share the worker's copy instead of a second one
    assert classifier._clean("a\x00b") == "a b"
    assert classifier._clean("a\ud800b") == "a?b"  # a lone surrogate
    assert classifier._clean(None) == "" and classifier._clean(12) == "12"


def test_the_caches_cover_the_messages_of_the_conversations_a_worker_keeps() -> None:
    """A worker re-reads each live conversation's messages at every classification; when they outnumber
    the cache, each conversation's come round as the oldest and none is found (a classification then cost
    20 times as much at 1,000 conversations of 22 messages)."""
    from chat.triage_worker import KNOWN_CONVERSATIONS

    for cached in (classifier.analyse_message, classifier._message_facts, language.detect_scores,
                   triage_model._normalised):
        assert (cached.cache_info().maxsize or 0) >= KNOWN_CONVERSATIONS * 40
    assert triage_model.MESSAGE_CACHE >= KNOWN_CONVERSATIONS * 40
