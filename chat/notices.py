"""System messages to visitors, Dutch first, with English and French."""

from __future__ import annotations

OFFLINE = {
    "nl": (
        "Er is nu geen hulpverlener online. Ben je in gevaar? Bel 112. "
        "Je kunt hier een bericht achterlaten: een hulpverlener antwoordt zo snel mogelijk. "
        "Bewaar je terugkomcode, dan kun je het antwoord later lezen. "
        "Andere hulp: Kindertelefoon 0800-0432 (NL), Awel 102 (BE), Child Focus 116 000 (BE), "
        "Veilig Thuis 0800-2000 (NL), 113 Zelfmoordpreventie 113 of 0800-0113."
    ),
    "en": (
        "No counsellor is online right now. Are you in danger? Call 112. "
        "You can leave a message here and a counsellor will answer as soon as possible. "
        "Keep your return code so you can read the answer later. "
        "Other help: Kindertelefoon 0800-0432 (NL), Awel 102 (BE), Child Focus 116 000 (BE), "
        "Veilig Thuis 0800-2000 (NL), 113 suicide prevention 113 or 0800-0113."
    ),
    "fr": (
        "Aucun conseiller n'est en ligne pour le moment. Tu es en danger ? Appelle le 112. "
        "Tu peux laisser un message ici : un conseiller te répondra dès que possible. "
        "Garde ton code de retour pour lire la réponse plus tard. "
        "Autre aide : Child Focus 116 000 (BE), Écoute-Enfants 103 (BE), Kindertelefoon 0800-0432 (NL)."
    ),
}

LANGUAGES = ("nl", "en", "fr")


def pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang, texts["nl"])
