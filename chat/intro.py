"""What the widget's first screen says about the helpline: who runs it, the privacy promise and the
opening hours (docs/operations.md, "The widget's first screen"). Served in `GET /api/config` as `intro`.

The operator names the organisation and may word the promise and the hours (chat/config.py); without
that the defaults below apply. The default promise only says what the server really does (no name
asked, no IP address kept, messages encrypted, deleted after HELPLINE_RETENTION_DAYS), and the default
hours are HELPLINE_OPENING_HOURS written out in the visitor's language.
"""

from __future__ import annotations

from typing import TypedDict

from chat.config import Settings
from chat.hours import OpeningHours
from vocabulary import VISITOR_LANGUAGES

LANGUAGES = VISITOR_LANGUAGES

DEFAULT_ORGANISATION = {
    "nl": "Anonieme hulpchat", "en": "Anonymous help chat", "fr": "Chat d’aide anonyme",
    "ar": "دردشة مساعدة بدون اسم", "ti": "ስም ዘየድልዮ ቻት ሓገዝ", "uk": "Анонімний чат допомоги",
    "ro": "Chat de ajutor anonim", "pl": "Anonimowy czat pomocy",
}

_PRIVACY = {
    "nl": "Je blijft anoniem: we vragen niet je naam en bewaren geen IP-adres. Je berichten worden versleuteld "
          "bewaard en na {days} dagen gewist.",
    "en": "You stay anonymous: we do not ask your name and keep no IP address. Your messages are stored "
          "encrypted and deleted after {days} days.",
    "fr": "Tu restes anonyme : nous ne demandons pas ton nom et ne gardons aucune adresse IP. Tes messages sont "
          "chiffrés et effacés après {days} jours.",
    "ar": "لا نسألك عن اسمك ولا نحفظ عنوان IP. تُحفظ رسائلك مشفّرة وتُحذف بعد {days} يومًا.",
    "ti": "ስምካ ኣይንሓትትን፡ ናይ IP ኣድራሻ’ውን ኣይንዕቅብን። መልእኽትታትካ ብምስጢር ተዓጽዮም ይዕቀቡ፡ "
          "ድሕሪ {days} መዓልቲ ድማ ይድምሰሱ።",
    "uk": "Це анонімно: ми не питаємо твого імені й не зберігаємо IP-адресу. Повідомлення зберігаються "
          "зашифрованими й видаляються через {days} днів.",
    "ro": "Nu îți cerem numele și nu păstrăm adresa IP. Mesajele tale sunt păstrate criptat și se șterg "
          "după {days} de zile.",
    "pl": "Nie pytamy o twoje imię i nie zapisujemy adresu IP. Twoje wiadomości są zaszyfrowane i znikają "
          "po {days} dniach.",
}
_ALWAYS = {
    "nl": "dag en nacht", "en": "day and night", "fr": "jour et nuit",
    "ar": "ليلًا ونهارًا", "ti": "ለይትን መዓልትን", "uk": "цілодобово", "ro": "zi și noapte", "pl": "całą dobę",
}
_DAYS = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
    "ar": ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "ti": ("ሰኑይ", "ሰሉስ", "ረቡዕ", "ሓሙስ", "ዓርቢ", "ቀዳም", "ሰንበት"),
    "uk": ("пн", "вт", "ср", "чт", "пт", "сб", "нд"),
    "ro": ("lun", "mar", "mie", "joi", "vin", "sâm", "dum"),
    "pl": ("pon", "wt", "śr", "czw", "pt", "sob", "niedz"),
}


class IntroWire(TypedDict):
    organisation: dict[str, str]
    privacy: dict[str, str]
    hours: dict[str, str]


def _days(days: frozenset[int], lang: str) -> str:
    """{0,1,2,3,4} -> "ma–vr"; {5,6} -> "za, zo" (runs of three or more as a range)."""
    names = _DAYS[lang]
    ordered = sorted(days)
    runs: list[list[int]] = []
    for d in ordered:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[d] for d in run)
    return ", ".join(parts)


def hours_text(hours: OpeningHours, lang: str) -> str:
    if hours.always:
        return _ALWAYS[lang]
    spans = []
    for w in hours.windows:
        end = "24:00" if w.end.hour == 23 and w.end.minute == 59 else w.end.strftime("%H:%M")
        spans.append(f"{_days(w.days, lang)} {w.start.strftime('%H:%M')}–{end}")
    return "; ".join(spans)


def intro(settings: Settings, hours: OpeningHours) -> IntroWire:
    return {
        "organisation": {lang: settings.organisation or DEFAULT_ORGANISATION[lang] for lang in LANGUAGES},
        "privacy": {lang: settings.privacy_note.get(lang) or _PRIVACY[lang].format(days=settings.retention_days)
                    for lang in LANGUAGES},
        "hours": {lang: settings.hours_note.get(lang) or hours_text(hours, lang) for lang in LANGUAGES},
    }
