"""The professional consult line (docs/operations.md, "Professional consult line").

Teachers, youth workers, police officers and guardians open the widget at `/pro` (the same page in
its professional mode). Their conversations start with `auth.line = "pro"`, go to the `professional`
queue, keep their own opening hours (HELPLINE_PRO_OPENING_HOURS), and carry two case-consult fields
the counsellor sees: the organisation type and the question type, codes from closed lists
(vocabulary: ConsultOrganisation, ConsultQuestion). Never a name, a school or a free text: the young
person they ask about keeps every protection a young person writing themselves has (messages sealed,
transcripts redacted, nothing of the connection kept).
"""

from __future__ import annotations

from typing import Any

from chat.errors import ErrorCode, HelplineError
from chat.hours import OpeningHours
from vocabulary import DEFAULT_LANGUAGE, EMERGENCY_NUMBER, ConsultOrganisation, ConsultQuestion

PRO = "pro"

_OFFLINE = {
    "nl": (
        "Het consultatieteam voor professionals is nu niet bereikbaar. Laat hier je vraag achter: we antwoorden "
        "zo snel mogelijk; bewaar je terugkomcode om het antwoord te lezen. Is een jongere nu in direct gevaar? "
        "Bel {emergency}."
    ),
    "en": (
        "The consult team for professionals is not available right now. Leave your question here: we will answer "
        "as soon as possible; keep your return code to read the answer. Is a young person in immediate danger? "
        "Call {emergency}."
    ),
    "fr": (
        "L'équipe de consultation pour professionnels n'est pas joignable pour le moment. Laisse ta question ici : "
        "nous répondrons dès que possible ; garde ton code de retour pour lire la réponse. Un jeune est en danger "
        "immédiat ? Appelle le {emergency}."
    ),
}


def offline_notice(lang: str) -> str:
    return _OFFLINE.get(lang, _OFFLINE[DEFAULT_LANGUAGE]).format(emergency=EMERGENCY_NUMBER)


def parse_line(auth: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The line (`""` or `"pro"`) and, for `pro`, the consult fields from a new conversation's `auth`."""
    line = auth.get("line", "")
    if line in ("", None):
        return "", {}
    if line != PRO:
        raise HelplineError(ErrorCode.BAD_REQUEST, "'line' must be \"pro\" or absent")
    consult = auth.get("consult") or {}
    if not isinstance(consult, dict):
        raise HelplineError(ErrorCode.BAD_REQUEST, "'consult' must be an object")
    fields: dict[str, str] = {}
    for name, enum in (("organisation", ConsultOrganisation), ("question", ConsultQuestion)):
        value = consult.get(name, "")
        if value in ("", None):
            continue
        if not isinstance(value, str) or value not in enum._value2member_map_:
            raise HelplineError(ErrorCode.BAD_REQUEST, f"'consult.{name}' must be one of {', '.join(enum)}")
        fields[name] = str(value)
    return PRO, fields


def record_fields(line: str, consult: dict[str, str]) -> dict[str, str]:
    """What a conversation's record keeps of it (chat/records.py: line, consult_org, consult_question)."""
    if line != PRO:
        return {}
    return {"line": PRO, "consult_org": consult.get("organisation", ""),
            "consult_question": consult.get("question", "")}


class ProLine:
    """The consult line's opening hours; open also needs a counsellor online, as the main line."""

    def __init__(self, spec: str, fallback: str, timezone: str) -> None:
        self.hours = OpeningHours(spec or fallback, timezone)

    def service_state(self, counsellors_online: int) -> dict[str, Any]:
        hours_open = self.hours.is_open()
        return {"open": hours_open and counsellors_online > 0, "counsellors_online": counsellors_online,
                "hours_open": hours_open}
