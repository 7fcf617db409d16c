"""The acute threshold rule of `python -m triage train` (triage/training.py, choose_thresholds)."""

from __future__ import annotations

from typing import Any

from triage.training import choose_thresholds


def _row(i: int, acute: bool) -> dict[str, Any]:
    # Plain Dutch with no cue (longer than a short opening), so only the out-of-fold model score decides.
    return {"id": f"t{i}", "messages": ["hoi, ik heb een vraag over school en over mijn vriendinnen, wat vinden jullie daarvan eigenlijk"],
            "signals": ["acute_danger"] if acute else [], "urgency": "acute" if acute else "low"}


def _scores(s: float) -> dict[str, dict[str, float]]:
    return {"signals": {"acute_danger": s}, "urgency": {"acute": s}, "role": {}}


def test_recall_target_at_the_bottom_of_the_ladder_gives_way_to_the_precision_floor() -> None:
    # 40 acute: 38 scored 0.9, 2 scored 0.015; 60 not acute: 30 scored 0.012, 30 scored 0.
    # Recall 0.97 is reached only at 0.01, where precision is 40/70 = 0.57: the floor (0.70) picks 0.02.
    rows = [_row(i, True) for i in range(40)] + [_row(100 + i, False) for i in range(60)]
    oof = [_scores(0.9)] * 38 + [_scores(0.015)] * 2 + [_scores(0.012)] * 30 + [_scores(0.0)] * 30
    th = choose_thresholds(rows, oof)
    assert th["acute_nl"] == 0.02


def test_recall_target_is_kept_when_its_precision_is_above_the_floor() -> None:
    # Without the low-scored negatives, recall 0.97 at 0.01 has precision 1.0: the highest threshold that
    # keeps it (0.01, since two positives score 0.015) is chosen.
    rows = [_row(i, True) for i in range(40)] + [_row(100 + i, False) for i in range(60)]
    oof = [_scores(0.9)] * 38 + [_scores(0.015)] * 2 + [_scores(0.0)] * 60
    th = choose_thresholds(rows, oof)
    assert th["acute_nl"] == 0.01
