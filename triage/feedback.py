"""`python -m triage export-feedback`: counsellors' feedback as training data.

The feedback lives in the chat server's store (Redis, encrypted transcripts), so the work is done by
chat/feedback_export.py; this is the triage-side name of the same command (docs/triage.md, "Feedback").
"""

from __future__ import annotations

from collections.abc import Sequence


def run_export(argv: Sequence[str]) -> int:
    from chat.__main__ import main

    return main(["export-feedback", *argv])
