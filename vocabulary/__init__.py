"""The helpline's one vocabulary: codes, their labels, and the rules that follow from them.

chat/ and triage/ import their codes from here, and the pages get the same list from `GET /api/config`
(chat/http_api.py), so there is one copy of every code, label, limit and helpline number. This module
imports nothing heavy (no spaCy, no Redis): anything may depend on it. Design: docs/protocol.md,
"Vocabulary"; the label definitions are in docs/triage.md.

Labels are Dutch first, then English and French, like every text the users see.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypedDict, TypeVar

# Languages of the pages and of system notices to visitors. Triage recognises more (docs/triage.md).
UI_LANGUAGES: Final = ("nl", "en", "fr")
DEFAULT_LANGUAGE: Final = "nl"
# The visitor widget and its system notices speak these too (docs/ui.md, "Visitor languages"): languages
# of young newcomers in NL/BE. The staff pages, the vocabulary's labels and the reports stay nl/en/fr.
EXTRA_VISITOR_LANGUAGES: Final = ("ar", "ti", "uk", "ro", "pl")
VISITOR_LANGUAGES: Final = (*UI_LANGUAGES, *EXTRA_VISITOR_LANGUAGES)
RTL_LANGUAGES: Final = ("ar",)

Labels = dict[str, str]  # language -> text


class Signal(StrEnum):
    """Triage signals, in the order of the contract (../shared/design/triage.md)."""

    ACUTE_DANGER = "acute_danger"
    SELF_HARM = "self_harm"
    GROOMING = "grooming"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    SEXTORTION = "sextortion"
    CRIMINAL_EXPLOITATION = "criminal_exploitation"
    LABOUR_EXPLOITATION = "labour_exploitation"
    DEBT_BONDAGE = "debt_bondage"
    CONTROL_RESTRICTION = "control_restriction"
    VIOLENCE_THREATS = "violence_threats"
    MISSING_RUNAWAY = "missing_runaway"
    UNACCOMPANIED_MIGRANT = "unaccompanied_migrant"
    FAMILY_PERPETRATOR = "family_perpetrator"


class Urgency(StrEnum):
    """Most urgent first: the queue serves acute before high before normal before low."""

    ACUTE = "acute"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class Role(StrEnum):
    """Who is writing (not who is at risk)."""

    VICTIM = "victim"
    WITNESS = "witness"
    PROFESSIONAL = "professional"
    PERPETRATOR = "perpetrator"
    UNKNOWN = "unknown"


class Queue(StrEnum):
    """Counsellors' queues; an account's skills name the queues it takes."""

    CRISIS = "crisis"
    YOUTH = "youth"
    ADULT = "adult"
    WITNESS = "witness"
    PROFESSIONAL = "professional"
    PERPETRATOR = "perpetrator"


class About(StrEnum):
    """The visitor's own answer to "who is this about?" in the widget."""

    SELF = "self"
    OTHER = "other"
    PROFESSIONAL = "professional"


class Status(StrEnum):
    NEW = "new"  # widget opened, nothing sent yet
    QUEUED = "queued"
    ACTIVE = "active"
    CLOSED = "closed"


class Outcome(StrEnum):
    """What a counsellor records when closing a conversation."""

    ADVICE_GIVEN = "advice_given"
    REFERRED = "referred"
    EMERGENCY_SERVICES = "emergency_services"
    FOLLOW_UP_PLANNED = "follow_up_planned"
    VISITOR_LEFT = "visitor_left"
    NO_CONTACT = "no_contact"
    NOT_HELPLINE_TOPIC = "not_helpline_topic"
    ABUSIVE = "abusive"
    OTHER = "other"


class BlockReason(StrEnum):
    """Why a counsellor blocks a visitor's browser for a while (chat/blocking.py)."""

    ABUSIVE_LANGUAGE = "abusive_language"
    SEXUAL = "sexual"
    THREATS = "threats"
    FAKE = "fake"
    OTHER = "other"


class BlockDuration(StrEnum):
    """How long a block lasts; the code names the time (BLOCK_SECONDS)."""

    HOUR = "1h"
    DAY = "24h"
    WEEK = "7d"


BLOCK_SECONDS: Final[dict[BlockDuration, int]] = {
    BlockDuration.HOUR: 3600, BlockDuration.DAY: 86400, BlockDuration.WEEK: 7 * 86400,
}


class ConsultOrganisation(StrEnum):
    """The professional consult line (`/pro`): where the person asking works. A category, never a name."""

    SCHOOL = "school"
    YOUTH_WORK = "youth_work"
    YOUTH_CARE = "youth_care"
    POLICE = "police"
    GUARDIAN = "guardian"
    HEALTH = "health"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class ConsultQuestion(StrEnum):
    """The professional consult line: what kind of question they bring."""

    SIGNALS = "signals"
    CONVERSATION = "conversation"
    REPORTING = "reporting"
    SAFETY = "safety"
    LEGAL = "legal"
    OTHER = "other"


SIGNAL_LABELS: Final[dict[Signal, Labels]] = {
    Signal.ACUTE_DANGER: {"nl": "acuut gevaar", "en": "acute danger", "fr": "danger aigu"},
    Signal.SELF_HARM: {"nl": "zelfbeschadiging/suïcide", "en": "self-harm/suicide", "fr": "automutilation/suicide"},
    Signal.GROOMING: {"nl": "loverboy-methode", "en": "grooming (loverboy)", "fr": "méthode loverboy"},
    Signal.SEXUAL_EXPLOITATION: {"nl": "seksuele uitbuiting", "en": "sexual exploitation", "fr": "exploitation sexuelle"},
    Signal.SEXTORTION: {"nl": "sextortion", "en": "sextortion", "fr": "sextorsion"},
    Signal.CRIMINAL_EXPLOITATION: {"nl": "criminele uitbuiting", "en": "criminal exploitation",
                                   "fr": "exploitation criminelle"},
    Signal.LABOUR_EXPLOITATION: {"nl": "arbeidsuitbuiting", "en": "labour exploitation",
                                 "fr": "exploitation par le travail"},
    Signal.DEBT_BONDAGE: {"nl": "schuldslavernij", "en": "debt bondage", "fr": "servitude pour dettes"},
    Signal.CONTROL_RESTRICTION: {"nl": "controle/vrijheidsbeperking", "en": "control/restriction",
                                 "fr": "contrôle/restriction"},
    Signal.VIOLENCE_THREATS: {"nl": "geweld/bedreiging", "en": "violence/threats", "fr": "violence/menaces"},
    Signal.MISSING_RUNAWAY: {"nl": "vermist/weggelopen", "en": "missing/runaway", "fr": "disparu/fugue"},
    Signal.UNACCOMPANIED_MIGRANT: {"nl": "alleenstaande minderjarige", "en": "unaccompanied minor",
                                   "fr": "mineur non accompagné"},
    Signal.FAMILY_PERPETRATOR: {"nl": "familie als dader", "en": "family perpetrator", "fr": "famille auteure"},
}

URGENCY_LABELS: Final[dict[Urgency, Labels]] = {
    Urgency.ACUTE: {"nl": "acuut", "en": "acute", "fr": "aigu"},
    Urgency.HIGH: {"nl": "hoog", "en": "high", "fr": "élevée"},
    Urgency.NORMAL: {"nl": "normaal", "en": "normal", "fr": "normale"},
    Urgency.LOW: {"nl": "laag", "en": "low", "fr": "basse"},
}

ROLE_LABELS: Final[dict[Role, Labels]] = {
    Role.VICTIM: {"nl": "slachtoffer", "en": "victim", "fr": "victime"},
    Role.WITNESS: {"nl": "getuige", "en": "witness", "fr": "témoin"},
    Role.PROFESSIONAL: {"nl": "professional", "en": "professional", "fr": "professionnel"},
    Role.PERPETRATOR: {"nl": "pleger", "en": "perpetrator", "fr": "auteur"},
    Role.UNKNOWN: {"nl": "onbekend", "en": "unknown", "fr": "inconnu"},
}

QUEUE_LABELS: Final[dict[Queue, Labels]] = {
    Queue.CRISIS: {"nl": "crisis", "en": "crisis", "fr": "crise"},
    Queue.YOUTH: {"nl": "jongeren", "en": "youth", "fr": "jeunes"},
    Queue.ADULT: {"nl": "volwassenen", "en": "adults", "fr": "adultes"},
    Queue.WITNESS: {"nl": "getuigen", "en": "witnesses", "fr": "témoins"},
    Queue.PROFESSIONAL: {"nl": "professionals", "en": "professionals", "fr": "professionnels"},
    Queue.PERPETRATOR: {"nl": "plegers", "en": "perpetrators", "fr": "auteurs"},
}

ABOUT_LABELS: Final[dict[About, Labels]] = {
    About.SELF: {"nl": "zichzelf", "en": "themselves", "fr": "soi-même"},
    About.OTHER: {"nl": "iemand anders", "en": "someone else", "fr": "quelqu’un d’autre"},
    About.PROFESSIONAL: {"nl": "professional", "en": "professional", "fr": "professionnel"},
}

STATUS_LABELS: Final[dict[Status, Labels]] = {
    Status.NEW: {"nl": "nieuw", "en": "new", "fr": "nouvelle"},
    Status.QUEUED: {"nl": "wacht", "en": "waiting", "fr": "en attente"},
    Status.ACTIVE: {"nl": "lopend", "en": "active", "fr": "en cours"},
    Status.CLOSED: {"nl": "gesloten", "en": "closed", "fr": "clôturée"},
}

OUTCOME_LABELS: Final[dict[Outcome, Labels]] = {
    Outcome.ADVICE_GIVEN: {"nl": "Advies gegeven", "en": "Advice given", "fr": "Conseil donné"},
    Outcome.REFERRED: {"nl": "Doorverwezen", "en": "Referred", "fr": "Orienté"},
    Outcome.EMERGENCY_SERVICES: {"nl": "Hulpdiensten ingeschakeld", "en": "Emergency services called",
                                 "fr": "Services d'urgence appelés"},
    Outcome.FOLLOW_UP_PLANNED: {"nl": "Vervolg afgesproken", "en": "Follow-up planned", "fr": "Suivi prévu"},
    Outcome.VISITOR_LEFT: {"nl": "Bezoeker vertrokken", "en": "Visitor left", "fr": "Visiteur parti"},
    Outcome.NO_CONTACT: {"nl": "Geen contact", "en": "No contact", "fr": "Pas de contact"},
    Outcome.NOT_HELPLINE_TOPIC: {"nl": "Ander onderwerp", "en": "Not a helpline topic", "fr": "Autre sujet"},
    Outcome.ABUSIVE: {"nl": "Misbruik van de chat", "en": "Abusive", "fr": "Abusif"},
    Outcome.OTHER: {"nl": "Anders", "en": "Other", "fr": "Autre"},
}

BLOCK_REASON_LABELS: Final[dict[BlockReason, Labels]] = {
    BlockReason.ABUSIVE_LANGUAGE: {"nl": "Schelden of intimideren", "en": "Abusive or intimidating",
                                   "fr": "Insultes ou intimidation"},
    BlockReason.SEXUAL: {"nl": "Seksueel getinte berichten", "en": "Sexual messages", "fr": "Messages à caractère sexuel"},
    BlockReason.THREATS: {"nl": "Bedreigingen", "en": "Threats", "fr": "Menaces"},
    BlockReason.FAKE: {"nl": "Nepgesprekken of spam", "en": "Fake conversations or spam", "fr": "Fausses conversations ou spam"},
    BlockReason.OTHER: {"nl": "Anders misbruik", "en": "Other abuse", "fr": "Autre abus"},
}

BLOCK_DURATION_LABELS: Final[dict[BlockDuration, Labels]] = {
    BlockDuration.HOUR: {"nl": "1 uur", "en": "1 hour", "fr": "1 heure"},
    BlockDuration.DAY: {"nl": "24 uur", "en": "24 hours", "fr": "24 heures"},
    BlockDuration.WEEK: {"nl": "7 dagen", "en": "7 days", "fr": "7 jours"},
}

CONSULT_ORGANISATION_LABELS: Final[dict[ConsultOrganisation, Labels]] = {
    ConsultOrganisation.SCHOOL: {"nl": "School of onderwijs", "en": "School or education", "fr": "École ou enseignement"},
    ConsultOrganisation.YOUTH_WORK: {"nl": "Jongerenwerk", "en": "Youth work", "fr": "Travail de jeunesse"},
    ConsultOrganisation.YOUTH_CARE: {"nl": "Jeugdhulp of jeugdzorg", "en": "Youth care", "fr": "Aide à la jeunesse"},
    ConsultOrganisation.POLICE: {"nl": "Politie of justitie", "en": "Police or justice", "fr": "Police ou justice"},
    ConsultOrganisation.GUARDIAN: {"nl": "Voogd, pleegouder of ouder", "en": "Guardian, foster parent or parent",
                                   "fr": "Tuteur, famille d’accueil ou parent"},
    ConsultOrganisation.HEALTH: {"nl": "Zorg (huisarts, GGZ, ziekenhuis)", "en": "Health care", "fr": "Soins de santé"},
    ConsultOrganisation.MUNICIPALITY: {"nl": "Gemeente of wijkteam", "en": "Municipality or local team",
                                       "fr": "Commune ou équipe de quartier"},
    ConsultOrganisation.OTHER: {"nl": "Anders", "en": "Other", "fr": "Autre"},
}

CONSULT_QUESTION_LABELS: Final[dict[ConsultQuestion, Labels]] = {
    ConsultQuestion.SIGNALS: {"nl": "Signalen duiden", "en": "Making sense of signs", "fr": "Interpréter des signaux"},
    ConsultQuestion.CONVERSATION: {"nl": "Hoe ga ik het gesprek aan?", "en": "How to raise it with the young person",
                                   "fr": "Comment en parler avec le jeune"},
    ConsultQuestion.REPORTING: {"nl": "Melden of doorverwijzen", "en": "Reporting or referring", "fr": "Signaler ou orienter"},
    ConsultQuestion.SAFETY: {"nl": "Veiligheid van de jongere nu", "en": "The young person’s safety now",
                             "fr": "La sécurité du jeune maintenant"},
    ConsultQuestion.LEGAL: {"nl": "Juridische vraag of procedure", "en": "Legal question or procedure",
                            "fr": "Question juridique ou procédure"},
    ConsultQuestion.OTHER: {"nl": "Anders", "en": "Other", "fr": "Autre"},
}

# How the visitor's own answer routes a conversation before triage has spoken, and always when triage
# suggests otherwise: triage may only suggest another queue to the counsellor (docs/triage.md, Queues).
QUEUE_FOR_ABOUT: Final[dict[About, Queue]] = {
    About.SELF: Queue.YOUTH,
    About.OTHER: Queue.WITNESS,
    About.PROFESSIONAL: Queue.PROFESSIONAL,
}


def queue_for_about(about: str) -> Queue:
    """The queue for a visitor's answer; no answer (or an unknown one) goes to the youth queue."""
    try:
        return QUEUE_FOR_ABOUT[About(about)]
    except ValueError:
        return Queue.YOUTH


def parse(enum: type[StrEnum], value: object, default: str) -> str:
    """`value` if it is one of `enum`'s codes, else `default` (stored data from older versions, bad input)."""
    return value if isinstance(value, str) and value in enum._value2member_map_ else default


@dataclass(frozen=True)
class Helpline:
    """A line a visitor can call when the chat cannot help now (offline notice, acute advice)."""

    name: str
    number: str
    country: str  # NL | BE
    languages: tuple[str, ...]  # languages the line answers in
    purpose: Labels


# Emergency number in both countries; always named first.
EMERGENCY_NUMBER: Final = "112"

# What each line is for, in every visitor language (docs/ui.md, "Visitor languages").
_TALK: Final[Labels] = {
    "nl": "praten met iemand", "en": "talk to someone", "fr": "parler à quelqu’un",
    "ar": "التحدث مع شخص", "ti": "ምስ ሰብ ምዝራብ", "uk": "поговорити з кимось", "ro": "să vorbești cu cineva",
    "pl": "porozmawiać z kimś",
}
_MISSING: Final[Labels] = {
    "nl": "vermist of uitgebuit kind", "en": "missing or exploited child", "fr": "enfant disparu ou exploité",
    "ar": "طفل مفقود أو مُستغَل", "ti": "ዝጠፍአ ወይ ዝተበዝበዘ ቈልዓ", "uk": "дитина зникла або її експлуатують",
    "ro": "copil dispărut sau exploatat", "pl": "zaginione lub wykorzystywane dziecko",
}
_VIOLENCE: Final[Labels] = {
    "nl": "geweld thuis", "en": "violence at home", "fr": "violence à la maison",
    "ar": "عنف في البيت", "ti": "ዓመጽ ኣብ ገዛ", "uk": "насильство вдома", "ro": "violență acasă", "pl": "przemoc w domu",
}
_SUICIDE: Final[Labels] = {
    "nl": "gedachten aan zelfdoding", "en": "thoughts of suicide", "fr": "pensées suicidaires",
    "ar": "أفكار عن الانتحار", "ti": "ሓሳብ ምቕታል ርእሲ", "uk": "думки про самогубство", "ro": "gânduri de sinucidere",
    "pl": "myśli samobójcze",
}

HELPLINES: Final[tuple[Helpline, ...]] = (
    Helpline("Kindertelefoon", "0800-0432", "NL", ("nl",), _TALK),
    Helpline("Awel", "102", "BE", ("nl",), _TALK),
    Helpline("Écoute-Enfants", "103", "BE", ("fr",), _TALK),
    Helpline("Child Focus", "116 000", "BE", ("nl", "fr", "en"), _MISSING),
    Helpline("Veilig Thuis", "0800-2000", "NL", ("nl",), _VIOLENCE),
    Helpline("113 Zelfmoordpreventie", "0800-0113", "NL", ("nl", "en"), _SUICIDE),
    Helpline("Zelfmoordlijn", "1813", "BE", ("nl",), _SUICIDE),
    Helpline("Centre de Prévention du Suicide", "0800 32 123", "BE", ("fr",), _SUICIDE),
)


def helplines_for(lang: str) -> list[Helpline]:
    """Lines that answer in `lang`; English speakers also get the Dutch-language youth lines, which
    answer in English in practice, so nobody is left with only a suicide line. No line answers in the
    extra visitor languages: their speakers get the English list, the lines most likely to manage."""
    if lang in EXTRA_VISITOR_LANGUAGES:
        lang = "en"
    if lang == "en":
        youth = [h for h in HELPLINES if h.name in {"Kindertelefoon", "Awel"}]
        return youth + [h for h in HELPLINES if lang in h.languages and h not in youth]
    own = [h for h in HELPLINES if lang in h.languages]
    return own or [h for h in HELPLINES if DEFAULT_LANGUAGE in h.languages]


_Code = TypeVar("_Code", bound=StrEnum)


class CodeLabel(TypedDict):
    code: str
    label: Labels


class HelplineWire(TypedDict):
    name: str
    number: str
    country: str
    languages: list[str]
    purpose: Labels


class VocabularyWire(TypedDict):
    signals: list[CodeLabel]
    urgencies: list[CodeLabel]
    roles: list[CodeLabel]
    queues: list[CodeLabel]
    abouts: list[CodeLabel]
    statuses: list[CodeLabel]
    outcomes: list[CodeLabel]
    block_reasons: list[CodeLabel]
    block_durations: list[CodeLabel]
    consult_organisations: list[CodeLabel]
    consult_questions: list[CodeLabel]
    queue_for_about: dict[str, str]
    emergency_number: str
    helplines: list[HelplineWire]
    helplines_by_language: dict[str, list[str]]  # visitor language -> names in `helplines`, in the order to show


def _codes(labels: Mapping[_Code, Labels]) -> list[CodeLabel]:
    return [{"code": str(code), "label": dict(text)} for code, text in labels.items()]


@functools.cache
def wire() -> VocabularyWire:
    """The vocabulary as the pages get it in `GET /api/config` (docs/protocol.md, "Vocabulary").
    Made once: it is constant, and every page load asks for it. Callers must not change it."""
    return {
        "signals": _codes(SIGNAL_LABELS),
        "urgencies": _codes(URGENCY_LABELS),
        "roles": _codes(ROLE_LABELS),
        "queues": _codes(QUEUE_LABELS),
        "abouts": _codes(ABOUT_LABELS),
        "statuses": _codes(STATUS_LABELS),
        "outcomes": _codes(OUTCOME_LABELS),
        "block_reasons": _codes(BLOCK_REASON_LABELS),
        "block_durations": _codes(BLOCK_DURATION_LABELS),
        "consult_organisations": _codes(CONSULT_ORGANISATION_LABELS),
        "consult_questions": _codes(CONSULT_QUESTION_LABELS),
        "queue_for_about": {str(a): str(q) for a, q in QUEUE_FOR_ABOUT.items()},
        "emergency_number": EMERGENCY_NUMBER,
        "helplines": [
            {"name": h.name, "number": h.number, "country": h.country, "languages": list(h.languages),
             "purpose": dict(h.purpose)}
            for h in HELPLINES
        ],
        "helplines_by_language": {lang: [h.name for h in helplines_for(lang)] for lang in VISITOR_LANGUAGES},
    }


SIGNALS: Final = tuple(str(s) for s in Signal)
URGENCIES: Final = tuple(str(u) for u in Urgency)
ROLES: Final = tuple(str(r) for r in Role)
QUEUES: Final = tuple(str(q) for q in Queue)
OUTCOMES: Final = tuple(str(o) for o in Outcome)
