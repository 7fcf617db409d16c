"""Triage: suggestions for counsellors (signals with evidence, urgency, role, language, queue) and
redaction of personal data for supervisors.

Design: docs/triage.md and docs/anonymisation.md; contract: ../shared/design/triage.md.
Nothing here decides; a counsellor always does.
"""
