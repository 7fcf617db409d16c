"""System messages to visitors, Dutch first, with English and French. The helplines they name come from
the one list in vocabulary/ (the widget shows the same list, from `GET /api/config`)."""

from __future__ import annotations

from vocabulary import DEFAULT_LANGUAGE, EMERGENCY_NUMBER, helplines_for

_OFFLINE = {
    "nl": (
        "Er is nu geen hulpverlener online. Ben je in gevaar? Bel {emergency}. "
        "Je kunt hier een bericht achterlaten: een hulpverlener antwoordt zo snel mogelijk. "
        "Bewaar je terugkomcode, dan kun je het antwoord later lezen. Andere hulp: {lines}."
    ),
    "en": (
        "No counsellor is online right now. Are you in danger? Call {emergency}. "
        "You can leave a message here and a counsellor will answer as soon as possible. "
        "Keep your return code so you can read the answer later. Other help: {lines}."
    ),
    "fr": (
        "Aucun conseiller n'est en ligne pour le moment. Tu es en danger ? Appelle le {emergency}. "
        "Tu peux laisser un message ici : un conseiller te répondra dès que possible. "
        "Garde ton code de retour pour lire la réponse plus tard. Autre aide : {lines}."
    ),
}


def offline_notice(lang: str) -> str:
    """Sent as a system message when a visitor's first message arrives while nobody is online."""
    template = _OFFLINE.get(lang, _OFFLINE[DEFAULT_LANGUAGE])
    lines = ", ".join(f"{h.name} {h.number} ({h.country})" for h in helplines_for(lang))
    return template.format(emergency=EMERGENCY_NUMBER, lines=lines)


OFFLINE = {lang: offline_notice(lang) for lang in _OFFLINE}
