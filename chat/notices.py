"""System messages to visitors, Dutch first, with English and French, then the extra visitor languages
(vocabulary.EXTRA_VISITOR_LANGUAGES: ar, ti, uk, ro, pl; to be reviewed by the helpline's interpreters,
docs/ui.md "Visitor languages"). The helplines they name come from the one list in vocabulary/ (the
widget shows the same list, from `GET /api/config`)."""

from __future__ import annotations

from vocabulary import DEFAULT_LANGUAGE, EMERGENCY_NUMBER, VISITOR_LANGUAGES, helplines_for

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
    "ar": (
        "لا يوجد مرشد متصل الآن. هل أنت في خطر؟ اتصل بالرقم {emergency}. "
        "يمكنك أن تترك رسالة هنا، وسيرد عليك مرشد في أقرب وقت. "
        "احتفظ برمز العودة، لكي تقرأ الرد لاحقًا. مساعدة أخرى: {lines}."
    ),
    "ti": (
        "ሕጂ ኣብ መስመር ዘሎ ኣማኻሪ የለን። ኣብ ሓደጋ ዲኻ ዘለኻ? ናብ {emergency} ደውል። "
        "ኣብዚ መልእኽቲ ክትገድፍ ትኽእል ኢኻ፡ ኣማኻሪ ብዝተኻእለ መጠን ቀልጢፉ ክምልሰልካ እዩ። "
        "ነቲ መልሲ ደሓር ከተንብቦ ምእንቲ፡ ኮድ ምምላስካ ዓቕብ። ካልእ ሓገዝ፦ {lines}።"
    ),
    "uk": (
        "Зараз жоден консультант не на зв’язку. Ти в небезпеці? Телефонуй {emergency}. "
        "Ти можеш залишити тут повідомлення: консультант відповість якнайшвидше. "
        "Збережи свій код повернення, щоб пізніше прочитати відповідь. Інша допомога: {lines}."
    ),
    "ro": (
        "Acum niciun consilier nu este online. Ești în pericol? Sună la {emergency}. "
        "Poți lăsa un mesaj aici: un consilier îți răspunde cât mai repede. "
        "Păstrează codul de revenire, ca să citești răspunsul mai târziu. Alt ajutor: {lines}."
    ),
    "pl": (
        "Teraz żaden doradca nie jest online. Jesteś w niebezpieczeństwie? Zadzwoń pod {emergency}. "
        "Możesz zostawić tu wiadomość: doradca odpowie tak szybko, jak się da. "
        "Zachowaj swój kod powrotu, żeby później przeczytać odpowiedź. Inna pomoc: {lines}."
    ),
}


def offline_notice(lang: str) -> str:
    """Sent as a system message when a visitor's first message arrives while nobody is online."""
    # A visitor language without its own text falls back to English (more likely read than Dutch), any
    # other code to Dutch: the widget's rule too (docs/ui.md, "Visitor languages").
    fallback = "en" if lang in VISITOR_LANGUAGES else DEFAULT_LANGUAGE
    template = _OFFLINE.get(lang) or _OFFLINE[fallback]
    lines = ", ".join(f"{h.name} {h.number} ({h.country})" for h in helplines_for(lang))
    return template.format(emergency=EMERGENCY_NUMBER, lines=lines)


OFFLINE = {lang: offline_notice(lang) for lang in _OFFLINE}
