"""Lexicons for triage: per-language canonical forms, cue patterns and scope markers.

A cue line is ``code weight: pattern ; pattern ; ...``. A pattern is a sequence of tokens separated
by spaces; a token is ``alt|alt|...`` (each alternative is normalised like visitor text, so writing
"telefoon" also matches "gsm", "fone", ...), ``*`` is a gap of up to 3 tokens and ``**`` up to 6.
Codes are the 13 signal codes plus pseudo-codes used for role, minor and scope:
``@witness``, ``@professional``, ``@perpetrator``, ``@victim``, ``@minor``, ``@adult``, ``@family``
(family member acting), ``@hypo`` (fiction, school project, info question, joke), ``@recovered``
(it is over now), ``@now`` (happening right now), ``@help`` (asks for help; no signal by itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageLexicon:
    code: str
    canon: dict[str, str]
    cues: str
    negations: frozenset[str]
    past: frozenset[str]
    clause_breaks: frozenset[str]
    first_person: frozenset[str] = field(default_factory=frozenset)
    third_person: frozenset[str] = field(default_factory=frozenset)


def parse_canon(spec: str) -> dict[str, str]:
    """``canonical: variant variant ...`` lines -> {variant: canonical}."""
    out: dict[str, str] = {}
    for line in spec.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(":")
        head = head.strip()
        out[head] = head
        for v in rest.split():
            out[v] = head
    return out
