"""Detection and pseudonymisation of personal data in chat messages (issue 4).

Public API (used by the chat server)::

    from triage.redaction import redact, redact_transcript
    redact("ik heet Lisa, bel 06-12345678")
    # {"text": "ik heet [NAAM], bel [TELEFOON]", "spans": [{"start": 8, "end": 12, "type": "PERSON"}, ...]}
    redact_transcript(["ik ben Lisa de Vries", "Lisa hier"])  # [NAAM-1] both times

Spans always index the ORIGINAL text. Detection is rule based: regular expressions with check-digit validation
(python-stdnum) for numbers, and word lists shipped in ``triage/redaction/`` (names from many communities,
Dutch and Belgian municipalities, neighbourhoods, a stoplist of common nl/en/fr words) matched with spaCy's
tokenizer and PhraseMatcher on a blank pipeline. No model is downloaded. See docs/anonymisation.md.
A small learned NER shipped in ``triage/models/redact_ner/`` (triage/redact_model.py, trained from scratch)
adds PERSON/LOCATION spans where no rule span is; without its files the rules work alone.
"""

from __future__ import annotations

import bisect
import datetime
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["TYPES", "TOKENS", "Span", "detect", "redact", "redact_transcript", "warm_up"]

TYPES = (
    "PERSON",
    "PHONE",
    "EMAIL",
    "HANDLE",
    "ADDRESS",
    "LOCATION",
    "ID_NUMBER",
    "URL",
    "DATE_OF_BIRTH",
)

#: Replacement token per type (Dutch, as the counsellors read Dutch).
TOKENS: dict[str, str] = {
    "PERSON": "NAAM",
    "PHONE": "TELEFOON",
    "EMAIL": "E-MAIL",
    "HANDLE": "HANDLE",
    "ADDRESS": "ADRES",
    "LOCATION": "PLAATS",
    "ID_NUMBER": "ID-NUMMER",
    "URL": "URL",
    "DATE_OF_BIRTH": "GEBOORTEDATUM",
}

DATA_DIR = Path(__file__).with_name("redaction")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    priority: int = 5  # lower wins when spans overlap

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "type": self.type}


# ----------------------------------------------------------------------------------------------------------
# Lookups (loaded lazily, once)
# ----------------------------------------------------------------------------------------------------------


def fold(s: str) -> str:
    """Lowercase and strip accents: 'Zoë' -> 'zoe', 'Şahin' -> 'sahin'."""
    s = s.lower().replace("ı", "i").replace("ł", "l").replace("đ", "d").replace("ø", "o").replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _words(name: str) -> list[str]:
    out: list[str] = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.extend(line.split())
    return out


def _lines(name: str) -> list[str]:
    out: list[str] = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _spacy_stop_words(spacy_dir: Path) -> set[str]:
    """spaCy's nl/en/fr stop-word lists, read from their modules without importing the language packages
    (importing spacy.lang.fr compiles its tokenizer exceptions, which takes seconds)."""
    words: set[str] = set()
    for lang in ("nl", "en", "fr"):
        try:
            ns: dict[str, Any] = {}
            exec((spacy_dir / "lang" / lang / "stop_words.py").read_text(encoding="utf-8"), ns)  # noqa: S102
            words |= {fold(w) for w in ns.get("STOP_WORDS", set())}
        except (OSError, SyntaxError):
            continue
    return words


class _Lookups:
    def __init__(self) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.stop: set[str] = {fold(w) for w in _words("common_words.txt")}
        # Function words ("dat", "my", "an", "die"): also Vietnamese and Dutch first names, but in lower case
        # a name only after a naming cue or a relation noun
        spacy_stop = _spacy_stop_words(Path(spacy.__file__).parent)
        self.function_words = {w for w in spacy_stop if len(w) <= 3}  # not "will": "will zegt" is Will
        self.stop |= spacy_stop
        self.first: set[str] = {fold(w) for w in _words("first_names.txt")}
        sur: set[str] = set()
        self.multi_surnames: set[str] = set()
        for w in _words("surnames.txt"):
            parts = fold(w).split("_")
            sur.add(parts[-1])
            if len(parts) > 1:
                self.multi_surnames.add(" ".join(parts))
        self.sur = sur
        places = (
            _lines("places_nl.txt") + _lines("places_be.txt") + _lines("places_other.txt")
            + _lines("asylum_centres.txt")
        )
        hoods = _lines("neighbourhoods.txt")
        self.places: set[str] = {fold(p) for p in places + hoods}
        self.place_words: set[str] = set()
        for p in places + hoods:
            self.place_words.update(fold(p).replace("-", " ").split())
        self.nlp = spacy.blank("nl")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.matcher.add("PLACE", [self.nlp.make_doc(p) for p in places])
        self.matcher.add("HOOD", [self.nlp.make_doc(p) for p in hoods])
        self.matcher.add("HOTEL", [self.nlp.make_doc(p) for p in HOTEL_CHAINS])
        self.matcher.add("STATION", [self.nlp.make_doc(p) for p in STATIONS])

    def is_common(self, word: str) -> bool:
        return fold(word) in self.stop


_LOCK = threading.Lock()
_LOOKUPS: _Lookups | None = None


def lookups() -> _Lookups:
    global _LOOKUPS
    if _LOOKUPS is None:
        with _LOCK:
            if _LOOKUPS is None:
                _LOOKUPS = _Lookups()
    return _LOOKUPS


HOTEL_CHAINS = [
    "Ibis", "Ibis Budget", "Ibis Styles", "Novotel", "Mercure", "Van der Valk", "Holiday Inn", "Holiday Inn Express",
    "Motel One", "Best Western", "Hilton", "Hilton Garden Inn", "Marriott", "Courtyard", "Radisson", "Radisson Blu",
    "NH Hotel", "Fletcher", "Fletcher Hotel", "Bastion", "Bastion Hotel", "Postillion", "Golden Tulip", "Tulip Inn",
    "Campanile", "B&B Hotel", "CitizenM", "citizenM", "Inntel", "easyHotel", "Stayokay", "Ramada", "Crowne Plaza",
    "Sheraton", "Hampton by Hilton", "Leonardo Hotel", "Park Inn", "Pullman", "Sofitel", "Moxy", "Hotel Formule 1",
    "Formule 1", "Première Classe", "Premiere Classe", "Kyriad", "Thon Hotel", "Martin's Hotel", "Zoku",
    "The Student Hotel", "Student Hotel", "Meininger", "Generator", "Ecohotel", "WestCord", "Corendon",
]
STATIONS = [
    "Utrecht Centraal", "Utrecht CS", "Amsterdam Centraal", "Amsterdam CS", "Rotterdam Centraal", "Rotterdam CS",
    "Den Haag Centraal", "Den Haag HS", "Den Haag Hollands Spoor", "Eindhoven Centraal", "Amsterdam Sloterdijk",
    "Amsterdam Amstel", "Amsterdam Zuid", "Amsterdam Bijlmer ArenA", "Bijlmer ArenA", "Amsterdam Lelylaan",
    "Amsterdam Muiderpoort", "Schiphol", "Schiphol Plaza", "Schiphol Airport", "Arnhem Centraal", "Breda Centraal",
    "Tilburg Centraal", "Zwolle Centraal", "Groningen Centraal", "Leiden Centraal", "Antwerpen-Centraal",
    "Antwerpen Centraal", "Antwerpen-Berchem", "Brussel-Zuid", "Brussel Zuid", "Brussel-Noord", "Brussel Noord",
    "Brussel-Centraal", "Brussel Centraal", "Bruxelles-Midi", "Bruxelles-Nord", "Bruxelles-Central", "Gare du Midi",
    "Gare du Nord", "Gare Centrale", "Gent-Sint-Pieters", "Gent Sint-Pieters", "Gent-Dampoort", "Leuven station",
    "Liège-Guillemins", "Liege-Guillemins", "Mechelen-Nekkerspoel", "Brussels Airport", "Zaventem Airport",
    "Hoog Catharijne", "Kalverstraat", "Zuidplein", "Lijnbaan", "Meir", "Grote Markt", "Vondelpark", "Museumplein",
    "Efteling", "Walibi", "Hoog Catharijne",
]

# ----------------------------------------------------------------------------------------------------------
# Regular expressions
# ----------------------------------------------------------------------------------------------------------

_I = re.IGNORECASE
TLDS = (
    "com|nl|be|fr|org|net|io|me|app|eu|info|co|uk|de|tv|ly|gg|xyz|live|link|site|online|shop|store|tk|ru|ro|bg|pl|"
    "ma|tr|biz|club|page|to|cc|ws|im|gl|gd|sh|ai|es|it|ch|at|lu|us|ca|au|onion|dev|vip|top|fun|chat|dating|sex|xxx"
)
RE_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,10}\b", _I)
RE_EMAIL_SPACED = re.compile(
    r"(?<![\w.+-])[\w.+-]+ ?@ ?(?:gmail|hotmail|outlook|live|yahoo|icloud|telenet|skynet|proton(?:mail)?|msn|ziggo|"
    r"kpnmail|planet|home|orange|free|laposte|gmx|web|aol|me|mail|student|kpn)\.[a-z]{2,4}(?:\.[a-z]{2})?\b",
    _I,
)
RE_EMAIL_OBF = re.compile(
    r"(?<![\w.])[\w.+-]{2,}+\s*(?:\[at\]|\(at\)|\{at\}|\s(?:at|apenstaartje)\s)\s*[\w-]+\s*"
    r"(?:\.|\[dot\]|\(dot\)|\s(?:dot|punt)\s)\s*(?:com|nl|be|fr|net|org|hotmail|live)\b",
    _I,
)
RE_URL = re.compile(
    r"(?:\bhttps?://[^\s<>\"']+|\bwww\.[^\s<>\"']+|"
    r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:(?:" + TLDS + r")\b(?:/[^\s<>\"']*)?|"
    r"[a-z]{2,6}/[^\s<>\"']+))",
    _I,
)
RE_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
PLATFORMS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|discord|telegram|tg|twitter|fb|facebook|kik|wickr|"
    r"bereal|twitch|youtube|yt|pinterest|roblox|fortnite|psn|xbox|whatsapp|onlyfans|reddit|"
    r"tinder|grindr|badoo|x(?=\s*[:@])"
)
FILLER = (
    r"(?:naam|name|nom|account|acc|id|user(?:name)?|gebruikersnaam|pseudo|is|=|:|-|heet|ze|zij|hij|hem|haar|me|mij|"
    r"mijn|m'n|mn|zijn|z'n|zn|d'r|der|op|van|c'est|est|it's|its|it|is|le|mon|son|sa|de|his|her|my|@|add|adden|"
    r"toevoegen|volg|follow|page|pagina|staat|onder|as|als|called|genaamd|daar|er|there|nu|now|hier|here|ook|also)"
)
RE_HANDLE_CUE = re.compile(
    # a Turkish possessive may follow the platform word: "instası", "snapim"
    r"\b(?:" + PLATFORMS + r")(?:s[ıi]|[ıi]m|m)?\b((?:\s*" + FILLER + r"\b|\s*[:=@(,-]){0,6})\s*"
    r"(@?\w(?:[\w.]{0,28}\w)?(?:#\d{4})?)(?![\w@])",
    _I,
)
# user names like "jayjay2009", "tessie2010": letters then a (birth) year or a 2-4 digit tag
RE_YEAR_HANDLE = re.compile(r"(?<![\w@./-])[A-Za-z]{3}[A-Za-z_]*+(?:19\d\d|20[0-2]\d|0\d{2}|\d{2})(?![\w@/-])")
NOT_HANDLE_PREFIXES = {
    "covid", "corona", "fifa", "iphone", "galaxy", "windows", "gta", "pes", "groep", "klas", "bus", "tram", "lijn",
    "nr", "km", "ps", "mp", "xbox", "ipad", "pixel", "redmi", "note", "model", "level", "lvl", "season", "seizoen",
    "jaar", "uur", "euro", "eur", "kamer", "room", "page", "pagina", "week", "dag", "minecraft", "roblox", "fortnite",
    "sims", "top", "fase", "stap", "step", "route", "afrit", "exit", "hoofdstuk", "chapter", "versie", "version",
}
RE_DOTTED_HANDLE = re.compile(r"(?<![\w@./])_*[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*\.[A-Za-z0-9_]+(?![\w@/]|\.\w)")
RE_PLATFORM_BEFORE = re.compile(r"\b(?:" + PLATFORMS + r")\b\s*[:=@-]?\s*$", _I)
# "een ander account bankzz.tlb", "haar naam daar is ivyyy.x3": a dotted name after an account word
RE_ACCOUNT_CUE = re.compile(
    r"(?i:\b(?:account|acc|accountje|profiel|profile|compte|konto|profil|naam\s+daar\s+is|onder|under|sous)\s*[:=]?\s*)$"
)
TLD_SET = set(TLDS.split("|"))
# (Chinese or Arabic text may touch a handle: "微信号fangfang_nl88")
RE_UNDERSCORE_HANDLE = re.compile(
    r"(?<![A-Za-z0-9_@.À-ÿ])[A-Za-z0-9]+(?:[_.][A-Za-z0-9]+)*_[A-Za-z0-9_.]*[A-Za-z0-9](?![A-Za-z0-9_])")
# A user name before its platform: "ze chat met jay.vdb op discord", "add lisa.xo on insta"
RE_HANDLE_BEFORE_PLATFORM = re.compile(
    r"(?<![\w@.])(@?[A-Za-z0-9][\w.]{1,28}[A-Za-z0-9_])\s+(?i:op|on|sur|via|in|auf|na|en)\s+(?i:" + PLATFORMS + r")\b"
)


# Phones: candidate runs of digit groups; validity decided in code (digit count, prefix).
RE_PHONE_INTL = re.compile(r"(?<![\w+\-./])(?:\+|00)\s?\(?\d{1,3}\)?(?:[ \t.\-/–—]{0,3}\(?\d{1,6}\)?){1,8}(?!\w)")
RE_PHONE_NAT = re.compile(r"(?<![\w+])\(?0\d{1,4}\)?(?:[ \t.\-/–—]{0,3}\(?\d{1,8}\)?){0,6}(?![\w])")
# "o6-1234-5678": the letter o typed for the zero of a Dutch mobile number
RE_PHONE_LETTER_O = re.compile(r"(?<![\w+])[oO]6(?:[ \t.\-/]{0,2}\d){8}(?![\w])")
RE_PHONE_NO_ZERO = re.compile(r"(?<![\w+\-.])6[ \-]\d{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?\d{2}(?![\w\-])")
# One digit at a time, to get past filters or read aloud: "0 6 1 2 3 4 5 6 7 8", "+ 3 2 4 7 0 ..."
RE_PHONE_SPACED = re.compile(r"(?<![\w+\-./])(?:(?:\+|00)\s?)?\d(?:\s?[.\-]?\s?\d){0,2}(?:\s[.\-]?\s?\d){6,14}(?![\w\-/]|[.,]\d)")
# Digits written as words (nl, en, fr, de): "nul zes twee acht ...", "zero six one ...", "zéro six douze ..."
DIGIT_WORDS = {
    "nul": "0", "een": "1", "één": "1", "eén": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6",
    "zeven": "7", "acht": "8", "negen": "9", "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "zéro": "0",
    "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7", "huit": "8", "neuf": "9",
    "null": "0", "eins": "1", "zwei": "2", "drei": "3", "fünf": "5", "sechs": "6", "sieben": "7", "neun": "9",
}
RE_DIGIT_WORD_RUN = re.compile(
    r"(?<![\w-])(?:(?:" + "|".join(sorted(DIGIT_WORDS, key=len, reverse=True)) + r"|dubbel|double|\d{1,4})"
    r"(?:[\s,.\-]{1,3}|$)){8,20}",
    _I,
)
RE_PHONE_CUE = re.compile(
    r"\b(?:nummer|nr|tel|telefoon|telefoonnummer|gsm|mobiel|06|bel|bellen|app|whatsapp|phone|number|numéro|numero|"
    r"num|portable|tél)\b[^\d\n]{0,15}(\+?\d[\d \t.\-/]{6,18}\d)",
    _I,
)

MONTHS = (
    r"jan(?:uari|uary|vier)?|feb(?:ruari|ruary)?|f[ée]vr(?:ier)?|m(?:aa)?rt|march|mar|mars|apr(?:il)?|avr(?:il)?|"
    r"mei|may|mai|jun[ei]?|juin|jul[iy]?|juil(?:let)?|aug(?:ustus|ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?|"
    r"o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|d[ée]c(?:embre)?|"
    # Polish (genitive), Romanian, Spanish/Portuguese/Tagalog, Turkish: migrant writers give dates of birth in them
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|listopada|grudnia|"
    r"ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    r"ocak|[şs]ubat|nisan|may[ıi]s|haziran|temmuz|a[ğg]ustos|eyl[üu]l|ekim|kas[ıi]m|aral[ıi]k|"
    # Somali, Albanian, Vietnamese ("tháng 3" is handled by the numeric forms)
    r"janaayo|febraayo|maarso|abriil|maajo|juun|luulyo|agoosto|sebtembar|oktoobar|nofembar|desembar|"
    r"janar|shkurt|prill|maj|qershor|korrik|gusht|shtator|tetor|n[eë]ntor|dhjetor|"
    # German, Italian, Czech/Slovak, Croatian/Serbian/Bosnian, Hungarian (genitive forms where dates use them)
    r"januar|februar|m[äa]rz|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"dicembre|ledna|[úu]nora|b[řr]ezna|dubna|kv[ěe]tna|[čc]ervna|[čc]ervence|srpna|z[áa][řr][íi]|[řr][íi]jna|"
    r"listopadu|prosince|janu[áa]ra|febru[áa]ra|apr[íi]la|m[áa]ja|j[úu]na|j[úu]la|augusta|septembra|okt[óo]bra|"
    r"novembra|decembra|sije[čc]nja|velja[čc]e|o[žz]ujka|travnja|svibnja|lipnja|srpnja|kolovoza|rujna|listopada|"
    r"studenoga|studenog|prosinca|avgust|septembar|oktobar|decembar|janu[áa]r|febru[áa]r|m[áa]rcius|[áa]prilis|m[áa]jus|"
    r"j[úu]nius|j[úu]lius|augusztus|szeptember|okt[óo]ber|"
    # Ukrainian, Russian, Bulgarian (genitive and nominative)
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември|"
    # Arabic (Egyptian/Gulf and Levantine names)
    r"يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون\s+الثاني|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين\s+الأول|تشرين\s+الثاني|"
    r"كانون\s+الأول|"
    # Dari and Pashto (English loans)
    r"جنوری|فبروری|مارچ|اپریل|می|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر"
)
RE_DATE = re.compile(
    r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.]['’]?(?:\d{4}|\d{2})|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|"
    r"\d{1,2}(?:e|ste|de|er|st|nd|rd|th|\.(?=\s))?(?:\s*|[-/.])(?:of\s+|de\s+)?(?:" + MONTHS + r")\.?"
    r"(?:(?:,?\s*|[-/.])(?:de\s+)?(?:'|’)?(?:19|20)?\d{2})?|"
    # the lookahead (a word, maybe two, then a number) only lets word starts that can be "May 3" try the months
    r"(?=[^\W\d_]+(?:\s+[^\W\d_]+)?\.?\s+\d)(?:" + MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*(?:19|20)\d{2})?|"
    # Turkish March only with a day and a year: "Mart" is also a Dutch first name
    r"\d{1,2}\s+mart\s+(?:19|20)\d{2})(?![\w])",
    _I,
)
RE_SHORT_DATE = re.compile(r"(?<![\d/.\-])\d{1,2}[/\-.]\d{1,2}(?![\d/.\-]|\.\d)")
RE_DOB_CUE = re.compile(
    r"\b(?:geboren|geb\.?|geboortedatum|geboortedag|verjaardag|verjaar|jarig|born|birthday|bday|b-day|birth|"
    r"dob|d\.o\.b\.?|date of birth|birth\s?date|n[ée]e?|date de naissance|naissance|anniversaire|anniv|gebdat|"
    r"urodzon[aey]|urodzi[łl][ae]?m?|data urodzenia|ur\.|n[ăa]scut[ăa]?|data na[șs]terii|nascid[oa]|nacid[oa]|"
    r"fecha de nacimiento|data de nascimento|ipinanganak|geburtsdatum|geboren am|do[ğg]um(?:\s+tarih(?:i|im|in|imiz))?|"
    r"d[oō]ğdu|народжен[аи]?|роден[аи]?|родился|родилась|дата рождения|مواليد|تاريخ الميلاد|تاریخ تولد|زیږیدنه|"
    r"زېږېدنه|ولدت|تولد\w*|nac[íi]|naci[óo]|nac[íi]\s+el|dhashay|dhalasho|sinh(?:\s+ng[àa]y)?|ng[àa]y\s+sinh|"
    r"lindur|lindi|datlindja|dat[eë]lindj[ae]|urodziny|народженн?я|народив(?:ся|ла(?:ся|сь)?)|рождения|"
    r"ro[đ]en[aoi]?|rođendan|рођен[аои]?|narozen[aáý]?|narodil(?:a)?\s+se|datum\s+narozen[íi]|nat[oa]\s+il|nat[oa]\s+a|"
    r"data\s+di\s+nascita|sz[üu]lett(?:em|ett)?|sz[üu]let[ée]si\s+d[áa]tum|kaarawan|cumplea[ñn]os|anivers[áa]rio|"
    r"ተወሊደ|ዝተወለድኩ|ተወለድኩ|የተወለድኩ|پیدائش|تاريخ\s+الولادة|تاريخ\s+ميلادي|ميلادي|متولد|"
    # "تاريخ ميلادها", "عيد ميلاده": the birth word with a possessive ending
    r"(?:تاريخ\s+|عيد\s+)?(?:ال)?ميلاد(?:ها|ه|ي|ك|هم)?|(?:تاريخ\s+)?(?:ال)?ولاد[تة](?:ها|ه|ي|ك)?|"
    r"(?:word|wordt|turn|turns|become|becomes|deviens|devient)\s+(?:pas\s+|only\s+)?"
    r"\d{1,2}\s+(?:op|on|le|in)|(?:fête|feest)\s+(?:op|le)|(?<![\w.])b\.\s*$)(?!\w)|(?<![\w°])°",
    _I,
)
# "my card says 21.11.2009", "op mijn verblijfspas staat 03-02-2008": a document's full date with a young
# person's birth year is their date of birth
RE_ID_CARD_BEFORE = re.compile(
    r"(?i:\b(?:card|kaart|kaartje|pas|pasje|paspoort|passport|passeport|papier|papieren|papers|papiers|document|documents|"
    r"id|identiteitskaart|verblijfsvergunning|verblijfspas|carte|titre de s[ée]jour|badge|w-document)\b)")
RE_YEAR_IN_DATE = re.compile(r"(?:19|20)\d{2}")
# A date right after a person: "ik ben Tyrese (06-07-2004)", "jongen heet Oleksandr, 2009-07-21": the date a
# young person gives next to their name is their date of birth
RE_NAME_BEFORE_DATE = re.compile(
    r"(?:(?i:\b(?:ik\s+ben|ikben|kben|i'?m|i\s+am|je\s+suis|heet|heette|named|called|name\s+is|m'appelle|"
    r"s'appelle)\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)|(?<![\w'’-])[A-ZÀ-ÝĀ-ŽА-ЯЁІЇЄҐΑ-Ω][a-zà-ÿā-žа-яёіїєґα-ω'’-]+)"
    r"\s*(?:[(,]|,\s*°?)\s*$"
)
# A birth word right after a full date: "04.11.2008 doğumlu", "12.09.2008 р.н." (рік народження), "03.02.2008 г.р.",
# "12-03-2009 urodzona", "3 mai 2008 născută"
RE_BIRTH_AFTER = re.compile(
    r"\W{0,3}\s*(?:doğumlu\w*|dogumlu\w*|р\.\s?н\.?|г\.\s?р\.?|року\s+народження|года\s+рождения|"
    r"urodzon[aey]|n[ăa]scut[ăa]?|geb\.|geboren|born|n[ée]e?)(?!\w)", _I)
# "on 14/02/2009 no wait thats her birthday", "12 maart, dat is haar verjaardag": a remark that the date is a birthday
RE_BIRTH_REMARK_AFTER = re.compile(
    r"[^.!?\n]{0,25}?\b(?:that'?s|thats|this\s+is|it'?s|dat\s+is|da's|c'est|is)\s+(?:her|his|my|their|haar|zijn|z'n|"
    r"mijn|m'n|mn|d'r|sa|son|ma)\s+(?:birthday|b-?day|date\s+of\s+birth|verjaardag|geboortedatum|geboortedag|"
    r"anniversaire|date\s+de\s+naissance)\b", _I)
# "2009 doğumlu", "2008 born", "2010 geboren": a year before a birth word
RE_YEAR_THEN_BIRTH = re.compile(
    r"(?<![\d/.\-])((?:19|20)\d{2})\s*,?\s*(?:(?:ben|werd|is|was|zijn|were)\s+(?:ik|hij|zij|ze|je|i|he|she|we)\s+)?"
    r"(?:doğumlu(?:yum|yuz)?|dogumlu(?:yum)?|doğumludur|born|geboren|geb\.|n[ée]e?\b|"
    r"urodzon[aey]|n[ăa]scut[ăa]?)(?!\w)", _I)



# "my name is X" in scripts without capitals, where the name rules' title case says nothing: Arabic, Farsi/Dari,
# Pashto, Urdu (not Ethiopic: "ስመይ ክነግረኩም ኣይደልን" is "I won't tell you my name"). Up to two words after it are the name ("ذبیح الله").
RE_NAME_INTRO_SCRIPT = re.compile(
    r"(?:اسمي|إسمي|اسمى|اسمی|اسمم|نام من|اسم من|اسم\s+من|نامم|زما نوم|میرا نام)\s*(?:هو|است|ہے)?\s*[:：]?\s*"
    r"((?:[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+)(?:\s+[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]+)?)")
# Copulas and particles that follow the name ("زما نوم احمد دی", "نام من علی است"), not part of it
SCRIPT_NAME_STOP = {"دی", "ده", "است", "هست", "هستم", "یم", "و", "انا", "أنا", "من", "هو", "هي", "ہے", "مش", "ما", "لا",
                    "ليس", "نه", "مهم", "نمی", "نیست", "نشته"}
# Chinese: the name after 叫 ("我叫小梅", "老板叫王姐"), not a pronoun ("他叫我去" is "he told me to go")
RE_NAME_INTRO_HAN = re.compile(r"(?:叫|名字是|名叫)\s*(?![我你他她它们])([\u4e00-\u9fff]{1,3}?)(?=[，,。.、\s的是在住]|$)")


def _is_birth_year_date(date: str) -> bool:
    """A full date whose year makes its owner 8 to 30 years old now: the age of the helpline's visitors."""
    m = RE_YEAR_IN_DATE.search(date)
    today = datetime.date.today().year
    if m:
        year = int(m.group(0))
    else:
        short = re.fullmatch(r"\s*\d{1,2}[-/.]\d{1,2}[-/.](\d{2})\s*", date)  # "2-8-04"
        if not short:
            return False
        year = 2000 + int(short.group(1))
        year = year if year <= today else year - 100
    return 8 <= today - year <= 30



# Persian/Arabic-Indic digits in a date ("۱۳۸۷/۰۵/۱۲"); \d matches them but RE_DATE anchors years on 19/20
RE_DATE_OTHER_DIGITS = re.compile(r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?!\d)")
# Date forms taken only right after a birth word, since alone they read as other numbers: "geboren 03052008" and
# "geb. 030508" (no separators), "geboren 3 5 2008" (spaces), "DOB 3.V.2008" (Roman month), "sinh ngày 3 tháng 5 năm
# 2008" (Vietnamese)
RE_DATE_AFTER_CUE = re.compile(
    r"(?<![\d/.\-])(?:(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:(?:19|20)\d{2}|\d{2})|"
    r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|"
    r"\d{1,2} \d{1,2} (?:19|20)\d{2}|"
    r"\d{1,2}\s?[./\- ]\s?(?-i:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\s?[./\- ]\s?(?:(?:19|20)\d{2}|\d{2})|"
    r"(?:ng[àa]y\s+)?\d{1,2}\s+th[áa]ng\s+\d{1,2}(?:\s*(?:n[ăa]m\s+)?(?:19|20)\d{2})?)(?![\w/.\-]|\.\d)",
    _I,
)
# "Lotte (°2010)", "° 2009": the Belgian birth sign before a year
RE_DEGREE_YEAR = re.compile(r"(?<![\w°])°\s?((?:19|20)\d{2})(?![\w/.\-])")
# "née en février 2008", "born in march 2009": a month and a year only
RE_MONTH_YEAR = re.compile(
    r"\b(?=[^\W\d_]+(?:\s+[^\W\d_]+)?\.?\s+(?:19|20)\d{2})(?:" + MONTHS + r")\.?\s+(?:19|20)\d{2}\b", _I)
RE_BIRTH_YEAR = re.compile(
    r"\b(?:geboren\s+(?:in|op)|born\s+in|n[ée]e?\s+en|ben\s+(?:van|uit)|(?:i'?m|i\s+am)\s+from|"
    r"geboortejaar(?:\s+is)?|bouwjaar|(?:ben|is|zijn)\s+een(?=\s+(?:19|20)\d{2}(?:['’-]?er)?\b(?!\s*\w))|"
    r"(?:ben|werd|is)\s+in(?=\s+(?:19|20)\d{2}\s+geboren)|"
    # "ولدت سنة 2009", "مواليد 2008", "متولد ۱۳۸۷" (a Solar Hijri year)
    r"(?:ولدت|ولد|ولدتُ|مواليد|متولد|تولد\w*|زیږیدلی|زېږېدلی)(?:\s+(?:في|سنة|عام|سال|د))?)\s*[:]?\s*"
    r"((?:19|20)\d{2}|13[6-9]\d|140\d|'\d{2})\b(?!\s*(?:tot|t/m|-|–|until|to|till|jusqu|à|a)\b\s*(?:19|20|'|\d))",
    _I,
)

# IBAN groups may be split by spaces, dashes or a line break ("NL91-ABNA-0417-1643-00")
RE_IBAN = re.compile(r"\b[A-Z]{2}[ \-]?\d{2}(?:(?:[ \-]|\s)?[A-Z0-9]{4}){2,7}(?:(?:[ \-]|\s)?[A-Z0-9]{1,3})?\b", _I)
RE_IBAN_SHAPED = re.compile(
    r"(?<![\w-])[A-Z]{2}[ \-]?\d{2}[ \-]?[A-Z0-9]{4}(?:(?:[ \-]|\s)?[A-Z0-9]{1,4}){2,7}(?![\w-])", _I)
# Romanian plates ("CJ 07 MHD", "B 123 ABC"): county code, 2-3 digits, three letters; capitals only
RE_RO_PLATE = re.compile(
    r"(?<![\w-])(?:B|AB|AR|AG|BC|BH|BN|BT|BV|BR|BZ|CS|CL|CJ|CT|CV|DB|DJ|GL|GR|GJ|HR|HD|IL|IS|IF|MM|MH|MS|NT|OT|PH|SM|"
    r"SJ|SB|SV|TR|TM|TL|VS|VL|VN)[ -]?\d{2,3}[ -]?[A-Z]{3}(?![\w-])"
)
# A letter or two and 7-8 digits ("R0384712", "E58213367"): the shape of most passports; CJK text may touch it
RE_PASSPORT_LOOSE = re.compile(r"(?<![A-Za-z0-9_-])[A-Z]{1,2}\d{7,9}[A-Z]?(?![A-Za-z0-9_-])")
# A lowercase "id" right before a number-like token ("mijn id AL 0129384")
RE_ID_WORD_NUMBER = re.compile(r"(?<![\w-])(?i:id|ID-nr|id-nr|id\s+nr\.?)\s*[:=]?\s*([A-Z]{0,2}\s?\d{6,10})(?![\w-])")
# The Dutch immigration number: "V-nummer 2734981065", "rقم الـ V تبعي 2734981065"
RE_V_NUMBER = re.compile(r"(?<![A-Za-z])V(?:-?nummer|-?nr\.?|-?number)?(?![A-Za-z]).{0,20}?(?<!\d)(\d{10})(?!\d)")
# The V-number as people copy it from a card or letter: "V-2847719", "V-2024-118734", "V 1234567890"
RE_V_NUMBER_SHAPE = re.compile(r"(?<![\w-])V[- ](?:\d{4}[- ])?\d{6,10}(?![\w-]|[.,]\d)")
# National numbers of other EU countries, taken bare only when their check digits (and dates) validate
RE_BARE_LONG_NUMBER = re.compile(r"(?<![\w+/-])(?<!\d[.,])\d{10,18}(?![\w/-]|[.,]\d)")
RE_ES_DNI = re.compile(r"(?<![\w-])(?:\d{8}[- ]?[A-Z]|[XYZ]\d{7}[- ]?[A-Z])(?![\w-])")
RE_IT_CF = re.compile(r"(?<![\w-])[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z](?![\w-])", _I)

# Personal numbers written in their own format, taken without a cue when their check digits validate
RE_FORMATTED_IDS = re.compile(
    r"(?<![\w.,/-])(?:"
    r"\d{3}\.\d{3}\.\d{3}-\d{2}|"  # Brazilian CPF
    r"\d{5}-\d{7}-\d|"  # Pakistani CNIC
    r"756[. ]?\d{4}[. ]?\d{4}[. ]?\d{2}|"  # Swiss AHV
    r"\d{6}[-+A]\d{3}[0-9A-Z]|"  # Swedish personnummer, Finnish henkilötunnus
    r"\d{6}/\d{3,4}|"  # Czech/Slovak birth number
    r"[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}|"  # French social security number (NIR)
    r"\d{3}-\d{7}-\d{2}|"  # Belgian eID card number
    r"\d{8} ?\d ?[A-Z]{2}\d|"  # Portuguese Cartão de Cidadão
    r"\d{17}[\dX]|"  # Chinese resident identity number
    r"\d{7}[A-W][A-IW]?"  # Irish PPS number
    r")(?![\w/-]|[.,]\d)"
)
# British National Insurance number: its letters are distinctive enough without a check digit
RE_GB_NINO = re.compile(r"(?<![\w-])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"
                        r"(?![\w-])")
# Romanian identity card: series and number, "seria XT nr. 482913"
RE_RO_SERIES = re.compile(r"(?i:seri[ae])\s+([A-Z]{2}\s*(?i:nr\.?|num[ăa]r(?:ul)?)?\s*\d{6})(?!\d)")

IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "LU": 20, "GB": 22, "IE": 22, "ES": 24, "IT": 27, "PT": 25, "PL": 28,
    "RO": 24, "BG": 22, "TR": 26, "CH": 21, "AT": 20, "DK": 18, "SE": 24, "NO": 15, "FI": 18, "CZ": 24, "SK": 24,
    "HU": 28, "GR": 27, "HR": 21, "SI": 19, "LT": 20, "LV": 21, "EE": 20, "MA": 28, "TN": 24, "AL": 28, "UA": 29,
}
RE_BE_NN = re.compile(r"(?<![\d.])\d{2}[-./ ]?\d{2}[-./ ]?\d{2}[-./ ]?\d{3}[-./ ]?\d{2}(?![\d])")
RE_BSN = re.compile(
    r"(?<![\d.\-+])(?:\d{4}[. \-]\d{2}[. \-]\d{3}|\d{3}[. \-]\d{3}[. \-]\d{3}|\d{9}|\d{8})(?![\d\-])"
)
RE_ID_CONTEXT = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofi(?:nummer)?|rijksregister(?:nummer)?|rrn|insz|national\s+number|"
    r"num[ée]ro\s+national|iban|rekening(?:nummer)?|bankrekening|account\s+number|paspoort(?:nummer)?|passport|"
    r"passeport|id[- ]?kaart|identiteitskaart|identiteitsbewijs|carte\s+d'identit[ée]|documentnummer|"
    r"document\s+number|verblijfs(?:vergunning|document)|vreemdelingendocument|v-?nummer|kenteken|nummerplaat|"
    r"plaat|licen[cs]e\s+plate|plate|plaque|immatriculation|eid)\b",
    _I,
)
# Documents without check digits: a number right after one of these words is taken on its format alone.
RE_DOC_CONTEXT = re.compile(
    r"\b(?:paspoort(?:nummer|en)?|passports?|passeports?|id[- ]?kaart(?:en)?|identiteitskaart|identiteitsbewijs|"
    r"carte\s+d'identit[ée]|documentnummer|document\s+number|verblijfs(?:vergunning|document)(?:en)?|"
    r"vreemdelingendocument|v-?nummer|kenteken|nummerplaat|licen[cs]e\s+plate|plaque|immatriculation|eid|"
    r"paszport(?:u|em)?|pa[sș]aport(?:ul|ului)?|buletin(?:ul)?|carte\s+de\s+identitate|dow[oó]d(?:\s+osobisty)?|"
    r"h[ộo]\s+chi[ếe]u|паспорт(?:а|ът)?|лична(?:та)?\s+(?:си\s+)?карта|личн(?:ая|ую)\s+карт[аыу]|"
    r"kimlik(?:\s+kart[ıi])?|pasaport(?:u|um)?|pasaporte|passaporte|taz?kira|tazkera|"
    r"truck\s+plate|plate|номер(?:ът)?\s+на\s+колата|numar(?:ul)?\s+de\s+[iî]nmatriculare|tablica|"
    r"rejestracja|номерът|bsn|burgerservicenummer|sofi(?:nummer)?|cartes?\s+d'identit[ée]|id[- ]?nummer|"
    r"(?-i:ID)|id[- ]?(?:number|card|no\.?|nr\.?)|identity\s+(?:card|number|document)|(?:national|ghana|voter'?s?|"
    r"nin)\s+(?:id\s+)?card|card\s+number|verblijfs(?:kaart|pas|titel)|titre\s+de\s+s[ée]jour|"
    r"carte\s+de\s+s[ée]jour|residence\s+(?:permit|card)|(?:num[ée]ro|nummer|nr\.?|n°)\s+(?:SP|DVZ|OV|CGVS|"
    r"CGRS|dossier)|dossiernummer|ov-?nummer|dvz-?nummer|reisdocument|travel\s+document|laissez-passer|"
    r"pasport|reisepass|ausweis(?:nummer)?|personalausweis|carta\s+d'identit[àa]|c[ée]dula|(?-i:DNI|NIE)|"
    r"bilet\s+de\s+identitate|kimlik\s+numaras[ıi]|"
    # residence permits, identity cards and passports in the languages of newcomers
    r"let[eë]rnjoftim\w*|pasaport[eë]\w*|pasaportat|pas[aă]poart\w*|kimli[ğg]\w*|pasaportum\w*|"
    r"посвідк\w*|id-?картк\w*|закордонн\w+\s+паспорт\w*|паспорт\w*|вид\s+на\s+жительство|"
    # "جوازي", "وبطاقتي", "بطاقة هويتها": possessive endings and a proclitic "and"/"with" on the word
    r"[وفب]?(?:ال)?جواز\w*(?:\s+(?:ال)?سفر\w*)?|[وفب]?(?:بطاقة|كرت)\s+(?:ال)?(?:هوي[ةت]\w*|إقامة|اقامة)|"
    r"[وفب]?بطاق[تة](?:ي|ه|ها|ك|نا)|(?:ال)?إقامة|(?:ال)?اقامة|[وفب]?هوي[تة](?:ي|ه|ها|ك)|"
    r"پاسپورت\w*|گذرنامه|تذکره|کارت\s+(?:ملی|اقامت)|ፓስፖርት|baasaboor\w*|c[ăa]n\s+c[ướư][ớoc]c|cccd|cmnd|"
    r"cart[ãa]o\s+de\s+(?:cidad[ãa]o|resid[êe]ncia)|bilhete\s+de\s+identidade|permesso\s+di\s+soggiorno|"
    r"aufenthalts(?:titel|erlaubnis|karte)|rijbewijs(?:nummer)?|driv(?:ing|er'?s)\s+licen[cs]e|permis\s+de\s+conduire|"
    r"f[üu]hrerschein(?:nummer)?|prawo\s+jazdy|prawa\s+jazdy|ehliyet\w*|permis\s+de\s+conducere|dowod\w*|dow[oó]d\w*|"
    r"kennzeichen|targa|matr[íi]cula|plaka\w*|targ[eë])(?!\w)",
    _I,
)
# National numbers of other countries, and the Belgian one in its printed form: named by the writer, so taken on
# their length alone (test data and typos fail the check digits, and a mistyped number still identifies someone).
RE_NATID_CUE = re.compile(
    r"(?<!\w)(?:(?-i:NN|RRN|NISS|INSZ|BSN)|niss|bsn|burgerservicenummer|sofinummer|cnp(?:-?ul)?|pesel|egn|егн|rijksregister(?:nummer)?|registre\s+national|"
    r"num[ée]ro\s+(?:de\s+registre\s+)?national|national\s+(?:id|number|insurance\s+number)|insz|nrn|"
    r"personal\s+(?:id|number)|personnummer|tc\s+kimlik(?:\s+no)?|kimlik\s+no|личен\s+номер|"
    r"cod\s+numeric\s+personal|"
    r"(?-i:NIR|NIN|AHV|AVS|CNIC|CPF|CPR|PPS|NINO|SSN|OIB|JMBG|EMŠO|EMSO|IDNP|AMKA|DNI|NIE|NIF|TC|ІПН|ИНН|СНИЛС|CCCD|CMND)|"
    r"num[ée]ro\s+de\s+s[ée]cu(?:rit[ée]\s+sociale)?|s[ée]cu(?:rit[ée]\s+sociale)?|carte\s+vitale|steuer-?id|"
    r"steuer-?identifikationsnummer|idnr|sozialversicherungsnummer|ahv-?nr\.?|bis-?(?:nummer|nr\.?)|"
    r"rijksregister(?:nr\.?|nummer)|kaartnummer|social\s+security(?:\s+number)?|national\s+insurance(?:\s+number)?|"
    r"pps\s+(?:number|no\.?)|henkil[öo]tunnus|hetu|cpr-?nummer|personas\s+kods|asmens\s+kodas|isikukood|"
    r"rodn[ée]\s+[čc][íi]slo|codice\s+fiscale|numri\s+personal|nr\.?\s+personal|kimli[ğg]\w*|"
    r"рнокпп|ідентифікаційн\w+\s+код\w*|податков\w+\s+номер\w*|снилс|инн|"
    r"رقم\s+(?:ال)?هوي[ةت]\w*|(?:ال)?رقم\s+(?:ال)?وطني|(?:ال)?رقم\s+(?:ال)?قومي|شماره\s+ملی|کد\s+ملی|"
    r"c[ăa]n\s+c[ướư][ớoc]c|s[ốo]\s+(?:cccd|cmnd)|tazkira\s+(?:number|nr\.?|no\.?))(?!\w)",
    _I,
)
# The number after a national-number cue: 7-18 digits in groups ("2 95 10 99 126 111 93", "095312/0003",
# "1400-0101-12345", a line break inside), with a letter or two before or after ("131052-308T", "JG 10 37 59 A")
RE_NATID_NUMBER = re.compile(
    r"(?<![\w.+-])(?:[A-Z]{1,3}[ -]?)?\d(?:[.\-/ \n]?\d){5,17}(?:-?[A-Z]{1,2}\d?|\s[A-Z]\d?(?=\s*(?:[,.;:)!?]|$)))?(?![\w-])")
RE_BE_NN_PRINTED = re.compile(r"(?<![\w.])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\w])")
_L = r"[A-Z]"
_SIDECODES = [
    rf"{_L}{{2}}-\d{{2}}-\d{{2}}", rf"\d{{2}}-\d{{2}}-{_L}{{2}}", rf"\d{{2}}-{_L}{{2}}-\d{{2}}",
    rf"{_L}{{2}}-\d{{2}}-{_L}{{2}}", rf"{_L}{{2}}-{_L}{{2}}-\d{{2}}", rf"\d{{2}}-{_L}{{2}}-{_L}{{2}}",
    rf"\d{{2}}-{_L}{{3}}-\d", rf"\d-{_L}{{3}}-\d{{2}}", rf"{_L}{{2}}-\d{{3}}-{_L}", rf"{_L}-\d{{3}}-{_L}{{2}}",
    rf"{_L}{{3}}-\d{{2}}-{_L}", rf"{_L}-\d{{2}}-{_L}{{3}}", rf"\d-{_L}{{2}}-\d{{3}}", rf"\d{{3}}-{_L}{{2}}-\d",
    rf"[1-9]-{_L}{{3}}-\d{{3}}",  # Belgian 1-ABC-123
    rf"{_L}{{2}}-\d{{3}}-{_L}{{2}}",  # French, Italian, Albanian AB-123-CD
]
RE_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(_SIDECODES) + r")(?![\w-])", _I)
RE_PLATE_LOOSE = re.compile(r"(?<![\w-])[A-Z0-9]{1,3}[- ]?[A-Z0-9]{2,3}[- ]?[A-Z0-9]{1,3}(?![\w-])", _I)
RE_BE_PLATE = re.compile(r"(?<![\w-])[1-9][ ]?[A-Z]{3}[ ]?\d{3}(?![\w-])")
RE_PASSPORT = re.compile(r"(?<![\w-])(?:[A-NP-Z]{2}[A-NP-Z0-9]{6}\d|[A-Z]{2}\d{6,7})(?![\w-])")
RE_DOC_NUMBER = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,4}-\d{5,12}(?:-\d{1,2})?|[A-Z]{1,3}[ -]?\d{5,9}(?:[ -]\d{2}(?![\w-]|\s*(?:jaar|years?|yo|ans|anos|años|lat|uur|euro)\b))?|"
    r"(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,10}|\d{10,13}|"
    r"\d{3}[- ]?\d{7}[- ]?\d{2}|\d{2}[ ]\d{2}[ ]\d{6}|\d{2,4}[ ]\d{6,8}|\d{6,9}|"

    # grouped digits, with an optional letter in front: "2093 41 876", "8.274.113", "B 0473 8812 64"
    r"(?:[A-Z]{1,2}[ -]?)?\d{1,4}(?:[ .\-/]\d{2,6}){1,4})(?![\w-]|[.,]\d)",
    _I,
)
# a partial plate after a plate word: "plate starts with K-77", "kenteken begint met 12-"
RE_PLATE_PART = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)[A-Z0-9]{1,3}(?:-[A-Z0-9]{1,3}){1,2}(?![\w])", _I)
RE_DOC_PLATE_CUE = re.compile(r"(?i:kenteken|nummerplaat|plaat|plate|plaque|immatriculation|tablica|rejestracja|"
                              r"kennzeichen|targa|targ[eë]|matr[íi]cula|placa|plaka\w*|rendsz[áa]m|номер\w*)\s*$")
# Words that announce a phone number, not a document number
RE_PHONE_WORD = re.compile(r"(?i:\b(?:bel|bellen|call|tel|telefoon|gsm|mobiel|whatsapp|app|appel(?:le)?z?|contact|"
                           r"phone|sms|text)\b)")
# Foreign licence plates with a space ("WPR 4821C" PL, "B 123 XYZ" RO, "CB 1234 AB" BG, "D-KR 4471" DE): only
# near a vehicle word, since such letter-digit groups are common in other text.
# Also "AB 123CD" (IT), "1234 BCD" (ES), "34 ABC 123" (TR), "AA 1234 BB" (UA).
RE_FOREIGN_PLATE = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,3}[- ][A-Z]{1,2} \d{1,4}[A-Z]?|[A-Z]{1,3} \d{2,5}[A-Z]{0,2}(?: [A-Z]{1,3})?|"
    r"\d{4}[ -]?[B-DF-HJ-NP-TV-Z]{3}|\d{2}[ -][A-Z]{1,3}[ -]\d{2,4}|"
    # Polish district code and a mixed group: "PO 7GK21", "WX 1AB23", "KR 3N456"
    r"[A-Z]{2,3}[ -]\d[A-Z]{1,3}\d{1,3}[A-Z]?(?!\s[A-Z0-9]))(?![\w-])"
)
# Brands and model names that look like a plate next to a car word ("een BMW 320 D")
NOT_PLATE_HEADS = {"BMW", "VW", "GTI", "TDI", "AMG", "KIA", "MG", "DS", "BYD", "GT", "RS", "CLA", "GLA", "GLC", "SUV",
                   "ID", "EV", "CX", "HR", "CR", "RAV"}
RE_ROAD_NUMBER = re.compile(r"[ANE] \d{1,3}")  # "de N 201", "op de A 270": roads, not plates
RE_VEHICLE_CUE = re.compile(
    r"(?<!\w)(?:kenteken|nummerplaat|plaat|plate|plaque|auto|car|truck|bus|busje|bestelbus|golf|bmw|audi|"
    r"mercedes|opel|volkswagen|vw|masina|ma[șs]ina|samoch[oó]d|колата|кола|бус|araba\w*|minibus|voiture|wagen|"
    r"kennzeichen|nummernschild|targa|targ[eë]|makin[aeë]\w*|veturë?\w*|matr[íi]cula|placa|coche|carro|plaka\w*|"
    r"машин\w*|автомобіл\w*|автомобил\w*|авто|سيارة|سيارته|لوحة|پلاک|ماشین|rendsz[áa]m|SPZ|"
    r"camion|camionnette|lorry|rejestracyjn\w*)(?!\w)",
    _I,
)

STREET_SUFFIXES = (
    "straat|straatje|laan|weg|plein|pleintje|gracht|kade|dijk|singel|dreef|steenweg|lei|plantsoen|hof|pad|park|"
    "markt|ring|baan|boulevard|allee|steeg|wal|burgwal|erf|veld|kanaal|kaai|vest|berg|haven|dam|weide|akker|"
    "linie|polder|wetering|hoek|straete|dries|kouter|heide|beemd|gaarde|driesch|ven|oord|zoom|meer|horst|rade|diep|"
    "rui"
)
STRONG_STREET = ("straat", "laan", "gracht", "kade", "singel", "dreef", "steenweg", "lei", "plantsoen", "dijk", "weg",
                 "plein", "straatje", "burgwal", "boulevard", "allee", "steeg", "kaai")
STREET_STOP = {
    "straat", "zijstraat", "hoofdstraat", "winkelstraat", "dwarsstraat", "woonstraat", "schoolplein", "plein", "markt",
    "supermarkt", "vrijmarkt", "weg", "snelweg", "onderweg", "halfweg", "zijweg", "fietsweg", "wegweg", "laan", "pad",
    "fietspad", "voetpad", "park", "pretpark", "parkeerplaats", "baan", "ijsbaan", "loopbaan", "snelwegbaan",
    "kermisbaan", "hof", "kerkhof", "gerechtshof", "binnenhof", "ring", "berg", "haven", "dam", "dijk", "kade", "wal",
    "veld", "voetbalveld", "sportveld", "grasveld", "kanaal", "polder", "hoek", "weide", "heide", "meer", "zoom",
    "horst", "rade", "ven", "oord", "akker", "erf", "vest", "linie", "gracht", "singel", "dreef", "steeg",
    "allee", "boulevard", "lei", "treinbaan", "spoorbaan", "speeltuin", "weekend", "tweeweg", "autoweg", "terugweg",
    "heenweg", "zeeweg", "binnenweg", "buitenweg", "jaarmarkt", "woensdagmarkt", "zaterdagmarkt", "vluchtweg",
    "thuishaven", "rotterdamhaven", "zeehaven", "jachthaven", "parkeerhaven", "stopplaats", "omweg", "uitweg",
    "doorweg", "wegenweg", "straatweg", "overweg", "zebrapad", "tuinpad", "bospad", "stoep", "steenweg", "spoordijk",
    "zeedijk", "tussenweg", "ringweg", "rondweg", "parkweg", "sportpark", "stadspark", "waterkant", "slaapkamerraam",
    "vakantiepark", "bungalowpark", "industriepark", "dierenpark", "attractiepark", "natuurpark", "winkelcentrum",
    "achterweg", "moeder", "baanvak", "toekomstweg", "kruispunt", "middelpunt", "jaarring", "oorbel",
    "veldweg", "zandweg", "graspad", "paadje", "straatjes", "straten", "wegen", "lanen", "pleinen", "rotonde",
    "achterom", "horizon", "brandweg", "vuilnisbelt", "politiebureau", "skatepark", "trampolinepark",
    "sportveldje", "ijsberg", "zandberg", "hooiberg", "schuldberg", "schuldenberg", "wasberg", "wasstraat",
    "autowasstraat", "fabrieksstraat", "bruggen", "gerui",

}
STREET_PREFIX_OK = {
    "van", "de", "der", "den", "het", "sint", "ter", "ten", "lange", "korte", "oude", "nieuwe", "grote", "kleine",
    "hoge", "lage", "prins", "prinses", "koning", "koningin", "burgemeester", "dokter", "generaal", "kapitein",
    "graaf", "gravin", "hertog", "heer", "vrouwe", "onze", "lieve", "noord", "zuid", "oost", "west", "binnen",
    "buiten", "achter", "voor", "boven", "beneden", "groot", "klein", "oud", "nieuw", "eerste", "tweede", "derde",
    "keizer", "keizerin", "pater", "pastoor", "kardinaal", "bisschop", "president", "professor", "majoor", "kolonel",
    "admiraal", "luitenant", "ridder", "baron", "jonkheer", "meester", "kanunnik", "abt", "paus",
}
# "Laan van Meerdervoort 401", "Oude Gracht 19-bis": a bare street word with a name or an adjective and a number
RE_STREET_WORD_FIRST = re.compile(
    r"(?<![\w-])(?:(?:Laan|Weg|Plein|Kade|Singel|Dreef|Straat|Dijk|Hof|Park|Markt|Gracht|Wal|Vest|Steenweg|"
    r"Chaussée|Chaussee|Kiezel|Heirbaan|Baan)\s+"
    r"(?:van|der|de|den|ten|ter|op|aan|achter|naar|tot)(?:\s+(?:de|der|den|het|'t))?(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3}"
    r"|(?:Oude|Nieuwe|Lange|Korte|Hoge|Lage|Grote|Kleine|Achter|Voor|Binnen|Buiten)\s+(?i:" + STREET_SUFFIXES + r"))"
    r"(?=\s*\d)"
)
# Streets in other languages, with a number: "ul. Vasil Levski 17", "вул. Шевченка 5", "strada Mihai Eminescu 3"
RE_FOREIGN_STREET = re.compile(
    r"(?<![\w-])(?i:ul\.|ulica|ulicy|al\.|aleja|ул\.|улица|вул\.|вулиця|бул\.|str\.|strada|calea|bd\.|"
    r"bulevardul|sokak|sok\.|caddesi|cad\.|mahallesi|mah\.|rua|calle|c/|avenida|av\.|via|viale|piazza|"
    r"rruga|ulitsa|utca|ulice|đường|phố)\s*"
    r"[\w'’.-]*[^\W\d_][\w'’.-]*(?:\s+[\w'’.-]*[^\W\d_][\w'’.-]*){0,3}\s+\d{1,4}[a-zA-Z]?(?:\s?[-/]\s?\d{1,4})?(?![\w])"
)
RE_STREET_PREFIX = re.compile(
    r"([A-ZÀ-Ý][\w'’.-]*|" + "|".join(sorted(STREET_PREFIX_OK, key=len, reverse=True)) + r"|'t)\s+$"
)
RE_STREET_WORD = re.compile(r"(?<![\w-])[\w'’]+(?:-[\w'’]+)*(?:" + STREET_SUFFIXES + r")\b", _I)
RE_HOUSE_NUMBER = re.compile(
    r"^(\s*,?\s*(?:nr\.?\s*|nummer\s+|no\.?\s*|n°\s*)?\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?"
    r"(?:\s*(?:bus|bte|boîte|box|hs|huis|I{1,3}|hoog)\s*\d{0,4}(?![\w]))?)"
)
RE_FR_STREET = re.compile(
    r"(?<![\w])(?:(\d{1,4}(?:\s?(?:bis|ter|[a-z]))?,?\s+))?(?i:rue|avenue|av\.|boulevard|bd|chauss[ée]e|place|"
    r"chemin|quai|impasse|all[ée]e|square|dr[èe]ve|clos|route|passage|galerie|rempart)\s+"
    r"(?:(?:de\s+la|de\s+l'|de|du|des|d'|la|le|les|l'|aux?)\s*)?"
    r"([A-ZÀ-Ýa-zà-ÿ][\w'’-]*(?:\s+(?:de\s+la|de|du|des|la|le|les|[A-ZÀ-Ý][\w'’-]*)){0,4})"
    r"(,?\s+\d{1,4}(?:\s?(?:bis|ter|[a-z])(?![\w]))?(?:\s*(?:bte|bo[îi]te|bus)\s*\d+)?)?",
)
RE_EN_STREET = re.compile(
    r"(?<![\w])\d{1,4}[a-zA-Z]?,?\s+(?:[A-Za-z][\w'’-]*\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|"
    r"close|way|court|ct|place|pl|square|gardens|terrace|crescent|grove|row|mews|walk|parade|hill)\b\.?",
    _I,
)
# "ik woon op de Vlaszak 14", "il habite Singel 109a": a capitalised name and a number after an address verb
RE_ADDR_CUE_STREET = re.compile(
    r"(?i:\b(?:woon|woont|wonen|woonde|woonden|verblijf|verblijft|adres(?:\s+is)?|address(?:\s+is)?|live|lives|"
    r"lived|habite|habites|habitons|habitent)\s*[:]?\s+(?:(?:op|aan|in|at|on|au|à|in\s+de)\s+)?"
    r"(?:(?:de|het|'t|the|la|le)\s+)?)"
    r"([A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+){0,2}\s\d{1,4}[a-zA-Z]?(?:\s?[-/]\s?\d{1,4})?(?![\w:.,]\d))"
)
# "aan de Schrans 71", "at the Weena 723": a capitalised name and a house number after a place word and article,
# or a name and number right before a town ("Weena 723 Rotterdam")
RE_ARTICLE_STREET = re.compile(
    r"(?i:\b(?:aan|op|in|bij|naar|vanaf|near|at|on|sur|à|dans)\s+(?:de|het|'t|the|la|le)\s+)"
    r"([A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+){0,2}\s\d{1,4}[a-zA-Z]?(?:\s?[-/]\s?\d{1,4})?)"
    r"(?!\s*(?:uur|u\b|euro|eur|jaar|keer|x\b|%|min|km|kg|dagen|weken|mensen|man\b|jongens|meisjes)|[\w:.,]\d)"
)
RE_NAME_NUMBER_TOWN = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w'’-]{2,}(?:\s[A-ZÀ-Ý][\w'’-]+){0,2}\s\d{1,4}[a-zA-Z]?)(?=,?\s+([A-ZÀ-Ý][\w'’-]+))"
)
RE_POSTCODE_NL = re.compile(r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
RE_POSTCODE_NL_LOWER = re.compile(r"(?<![\w-])[1-9]\d{3}(?!sa|sd|ss)[a-z]{2}(?![\w])")
RE_POSTCODE_NL_LOWER_SP = re.compile(r"(?<![\w-])[1-9]\d{3}\s(?!sa|sd|ss)[a-z]{2}(?![\w])")
RE_POSTCODE_4 = re.compile(r"(?<![\w-])[1-9]\d{3}(?![\w])")
RE_POSTCODE_CUE = re.compile(
    r"\b(?:postcode|postal\s+code|code\s+postal|zip|postnummer)\b\s*(?:[:=]|is|est|c'est|was)?\s*$", _I)
# A shop of a chain as a landmark where someone lives or is kept: "boven de Kruidvat", "achter de lidl",
# "the flat above the Kruidvat", "ik zie een Lidl": a spatial word before it
RE_CHAIN_LANDMARK = re.compile(
    # not "bij": "ik werk bij de jumbo", "stelen bij de action" name an employer or a shop, not where one is kept
    r"(?i:\b(?:boven|achter|naast|tegenover|above|behind|next\s+to|opposite|across\s+from|derri[èe]re|"
    r"[àa]\s+c[ôo]t[ée]\s+de|en\s+face\s+de|au-dessus\s+de|ziet?|zie\s+ik|see)\s+"

    r"(?:de|het|'t|een|the|a|la|le|l'|du)\s*)"
    r"((?i:lidl|aldi|jumbo|albert\s+heijn|ah|plus|coop|spar|dirk|delhaize|colruyt|carrefour|kruidvat|hema|"
    r"action|primark|etos|blokker|zeeman|wibra|big\s+bazar|mcdonald'?s|mcdo|burger\s+king|kfc|febo|"
    r"shell|esso|total|texaco|ikea|gamma|praxis|intratuin))(?![\w-])"
)


# Person cues, tested against the text just before a candidate (anchored at the end).
RE_STRONG_CUE = re.compile(
    r"(?:\b(?:heet|heette|heten|noemt|noem|genaamd|naam\s+is|naam\s*:|name\s+is|name\s*:|named|called|call\s+me|"
    r"m'appelle|t'appelle|s'appelle|appelle|nom\s+est|pr[ée]nom\s+est|je\s+suis|ik\s+ben|i'?m|i\s+am|this\s+is|"
    r"dit\s+is|hier\s+is|c'est|meneer|mevrouw|mevr\.?|dhr\.?|mr\.?|mrs\.?|ms\.?|miss|juf|juffrouw|meester|"
    r"monsieur|madame|mme\.?|mademoiselle|mlle|tante|oom|opa|oma|ome|tata|khalti|khali|3ami|ammi|"
    r"vriend|vriendin|vriendje|vriendinnetje|ex|exvriend|neef|nicht|broer|broertje|zus|zusje|zuster|stiefvader|"
    r"stiefmoeder|stiefbroer|stiefzus|collega|baas|pooier|loverboy|begeleider|begeleidster|mentor|voogd|buurman|"
    r"buurvrouw|lief|liefje|schat|schatje|friend|boyfriend|girlfriend|bf|gf|brother|sister|cousin|uncle|aunt|pimp|boss|copain|copine|"
    r"fr[èe]re|s[œo]eur|cousine|oncle|ami|amie|mec|patron|mate|bro|wife|husband|vrouw|man|dochter|zoon|daughter|"
    r"son|fils|fille|klasgenoot|klasgenote|chauffeur|stiefpa|stiefma|pleegvader|pleegmoeder|pleegouders|"
    r"cliënt|client|klant|ene|een\s+zekere|zekere|ze\s+noemen\s+(?:hem|haar|me|mij)|they\s+call\s+(?:him|her|me)|"
    + r"(?-i:don|doña|dona)|" + r"(?:" + r"|".join(
        # Turkish, Polish, Romanian and Spanish relation words ("kuzenim Sevgi", "oğlum Emre", "fiul meu Ionuț")
        ("kuzenim", "kuzen", "ablam", "abim", "abisi", "ablası", "kardeşim", "kardesim", "annem", "babam", "teyzem",
         "amcam", "dayım", "dayim", "halam", "arkadaşım", "arkadasim", "sevgilim", "kızım", "kizim", "oğlum",
         "oglum", "eşim", "esim", "patronum", "yengem", "eniştem", "brat", "siostra", "kolega", "koleżanka", "szef",
         "fiul\\s+meu", "fiica\\s+mea", "fratele\\s+meu", "sora\\s+mea", "prietenul\\s+meu", "prietena\\s+mea",
         "[șs]eful", "v[ăa]rul\\s+meu", "veri[șs]oara\\s+mea", "mi\\s+hermano", "mi\\s+hermana", "mi\\s+primo",
         "mi\\s+prima", "mi\\s+jefe", "meu\\s+irm[ãa]o", "minha\\s+irm[ãa]", "meu\\s+primo", "o\\s+patr[ãa]o"))
    # "le patron c Kamel", "the boss is Mehmet": a copula between the relation and the name
    + r"))(?:\s+(?:is|est|c'est|c|was|=|heet))?\s*[:,]?\s*)$",
    _I,
)
RE_NAMING_CUE = re.compile(
    r"(?:\b(?:heet|heette|heten|noemt\s+zich(?:zelf)?|(?:noemt|noemen|noemde|noem)\s+(?:hem|haar|me|mij|ze)|"
    r"calls?\s+(?:him|her|me|himself|herself)|se\s+llama|me\s+llamo|chama-se|chamo-me|nazywa\s+si[ęe]|"
    r"nazywam\s+si[ęe]|numele\s+meu\s+(?:e|este)|m[ăa]\s+numesc|se\s+nume[șs]te|benim\s+ad[ıi]m|ad[ıi]m|"
    r"smit[io]|smiti|ismi|ismim|la\s+yiraahdo|magacaygu(?:\s+waa)?|pangalan\s+ko(?:\s+po)?\s+ay|em\s+t[êe]n|"
    r"t[êe]n\s+l[àa]|noemt\s+zich|noemt|noem\s+me|genaamd|naam\s+is|naam\s*:|name\s+is|name'?s|name\s*:|"
    r"named|called|call\s+me|m'appelle|t'appelle|s'appelle|appelle|nom\s+est|nom\s*:|pr[ée]nom\s+(?:est|:)|"
    r"ze\s+noemen\s+(?:hem|haar|me|mij)|they\s+call\s+(?:him|her|me)|bijnaam\s+is|nickname\s+is)"
    r"\s*[:,'‘\"“]?\s*)$",
    _I,
)
# Cues that introduce a name only when the word also looks like one (list, or capital letter).
RE_WEAK_CUE = re.compile(
    r"(?:\b(?:met|with|avec|van|from|aan|to|à|tegen|voor|for|pour|bij|chez|en|and|et|of|or|ou|zonder|"
    r"dat|that|que|hoi|hey|hi|hallo|hello|salut|coucou|dag|doei|bye|sorry|thanks|bedankt|merci|mijn|m'n|my|mon|"
    r"ma|his|her|zijn|haar|z'n|d'r|tegen|over|about|sur)\s+)$",
    _I,
)
RE_VERB_AFTER = re.compile(
    r"^\s*(?:zei|zegt|zeggen|vroeg|vraagt|wil|heeft|had|is|was|komt|kwam|belde|belt|appt|appte|stuurde|stuurt|"
    r"sloeg|slaat|dreigde|dreigt|nam|neemt|bracht|brengt|haalde|haalt|zegt|zat|wist|weet|moet|kan|gaat|ging|"
    r"said|says|told|asked|wants|has|is|was|came|called|texted|hit|took|brought|knows|dit|a|est|veut|m'a|"
    r"m'avait|me|mij|en\s+ik|and\s+i|et\s+moi|[,:])(?![\w])",
    _I,
)
RELATIONS = (
    r"bf|gf|bff|vriend|vriendin|vriendje|vriendinnetje|loverboy|pooier|broer|zus|zusje|broertje|neef|nicht|ex|lief|baas|"
    r"oom|tante|collega|buurman|buurvrouw|friend|boyfriend|girlfriend|brother|sister|cousin|pimp|boss|copain|"
    r"copine|fr[èe]re|s[œo]eur|cousine|mec|patron"
)
RE_NAME_FOLLOW = re.compile(
    r"^\s*(?:en\s+ik|and\s+i|and\s+me|et\s+moi|abi\b|abla\b|amca\b|teyze\b|hoca\b|"
    r",\s*(?:mijn|my|mon|ma|m'n|mn)\s+(?:" + RELATIONS + r")|"
    r"(?:is|was|est|c'est|c)\s+(?:mijn|my|m'n|mn|mon|ma|de|the|le|la)\s+(?:" + RELATIONS + r"))\b",

    _I,
)
RE_SPEECH_AFTER = re.compile(
    r"^\s*(?:zei|zegt|vroeg|belde|appte|stuurde|sloeg|dreigde|heeft\s+gezegd|said|says|told|asked|texted|"
    r"m'a\s+dit|a\s+dit|dit\s+que|m'a\s+frapp[ée])\b",
    _I,
)
PLACE_PREP_WORDS = {"in", "uit", "naar", "vanuit", "richting", "nabij", "vlakbij", "te", "from", "à", "a", "vers", "dans"}
RE_PLACE_PREP = re.compile(
    r"(?<![\w])(?i:in|uit|naar|vanuit|richting|nabij|vlakbij|omgeving|te|from|à|vers|près\s+de|dans)\s+"
    r"((?:(?:Den|De|Ter|Ten|Sint|'s|Het|St\.?)\s+)?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ'’]+)*"
    r"(?:\s+(?:aan\s+de[n]?|aan\s+zee|op\s+Zoom|bij\s+Duurstede|sur\s+Mer)(?:\s+[A-ZÀ-Ý][\w'’-]+)?)?)"
    r"(?![\w-])",
)
COMMON_SURNAMES = {
    "bakker", "visser", "smit", "mulder", "kok", "koster", "brouwer", "dekker", "kramer", "kuiper", "jonker",
    "schipper", "jager", "keizer", "koning", "prins", "bos", "vos", "boer", "veen", "berg", "dijk", "beek", "hoek",
    "kamp", "brink", "heuvel", "broek", "bosch", "vink", "schaap", "valk", "zwaan", "kroon", "zeeman", "maas",
    "wolf", "winter", "timmerman", "slager", "molenaar", "schilder", "metselaar", "schouten", "koopman",
}
RE_INTRO = re.compile(r"(?i:\b(?:ik\s+ben|ikben|kben|i'?m|i\s+am|im|je\s+suis|moi\s+c'est|c'est|its|it's|dit\s+is|hier\s+is)\s*[:,]?\s*)$")
RE_GREETING = re.compile(
    r"(?i:^\W*(?:hoi+|hey+|heey+|hallo+|hai|hi+|hello|yo|salut|bonjour|coucou|dag|goedemiddag|goedemorgen|"
    r"goedenavond|salaam|salam|selam|wollah)\b)"
)
RE_ADJECTIVE_LIKE = re.compile(
    r"^(?:ge|be|ver|ont|her|over|onder|op|af|uit|mis)\w+[dt]$|(?:ig|lijk|isch|baar|loos|ief|aal|eel|ant|ent|ed|ing|"
    r"ful|less|ous|ive|able|ible|eux|euse|ique|able|é|ée|és|ées)$"
)
RE_AGE_AFTER = re.compile(r"^\s*(?:,\s*)?(?:\d{1,2}\b(?!\s*(?:uur|euro|min|keer|x|%|:))|\(\d{1,2}\)|en\s+ik\s+ben\s+\d)")
RE_AREA_CODE_CITY = re.compile(
    r"(?i:\b(?:uit|van|in|naar|bij|rond|from|de)\s+)(0(?:10|20|30|40|50|70|13|15|23|24|26|33|35|36|38|43|45|46|53|55|"
    r"58|71|72|73|74|75|76|77|78|79))(?![\w\-./])(?!\s*[-./]?\s*\d)"
)
RE_TITLE_CUE = re.compile(
    r"\b(?:meneer|mevrouw|mevr\.?|dhr\.?|mr\.?|mrs\.?|ms\.?|juf|juffrouw|meester|monsieur|madame|mme\.?|"
    r"mademoiselle|familie|fam\.?|dokter|dr\.?|agent|inspecteur|officier|advocaat|mister|miss|don|doña|dona)\s*$",
    _I,
)
# Forms of address (not professions: "advocaat vreemdelingenrecht") that take a lowercase name: "ms harrington"
RE_TITLE_POLITE = re.compile(
    # not "madame", "monsieur", "dona": also nouns ("madame garde mon passeport", "a dona guardou")
    r"\b(?:meneer|mevrouw|mevr\.?|dhr\.?|mr\.?|mrs\.?|ms\.?|juf|juffrouw|mister|miss)\s*$",
    _I,
)
# Naming proper (not "called" = phoned): "ik heet my", "her name is an"
RE_NAMING_BEFORE = re.compile(r"(?i:\b(?:heet|heette|heten|genaamd|naam\s+is|name\s+is|named|m'appelle|s'appelle|"
                              r"ik\s+ben|i'?m|i\s+am|je\s+suis)\s*[:,]?\s*)$")
# Words before which a name that is also a word is the word: "ik hoop", "geen hoop", "i will", "de storm"
NOT_BEFORE_WORD_NAME = {
    "ik", "i", "je", "jij", "u", "we", "wij", "you", "they", "he", "she", "it", "ge", "gij", "geen", "veel", "vol",
    "weinig", "meer", "nog", "wat", "met", "zonder", "a", "an", "the", "een", "de", "het", "le", "la", "un", "une",
    "this", "die", "deze", "des", "du", "of", "my", "your", "our", "their", "onze", "jullie", "what", "zo", "so",
    "very", "heel", "les", "sa", "son", "ma", "mon", "ta", "ton", "als", "like", "hope", "hoop", "will",
}
# A relation or role noun right before a name: "mn vriendin roos", "mijn dochter angel", "leerling Hope"
RE_REL_BEFORE = re.compile(
    r"(?i:\b(?:vriend|vriendin|vriendje|vriendinnetje|maat|maatje|bff|ex|lief|broer|broertje|zus|zusje|zuster|"
    r"neef|neefje|nicht|nichtje|dochter|dochtertje|zoon|zoontje|kleinzoon|kleindochter|kleinkind|pleegdochter|"
    r"pleegzoon|stiefdochter|stiefzoon|leerling|leerlinge|pupil|voogd\s+van|begeleider\s+van|mentor\s+van|cli[ëe]nt|cli[ëe]nte|pati[ëe]nt|pati[ëe]nte|"
    r"collega|klasgenoot|klasgenote|buurmeisje|buurjongen|buurman|buurvrouw|oom|tante|nonkel|tata|madam|madame|"
    r"mevrouw|meneer|juf|meester|friend|girlfriend|boyfriend|bestie|sister|brother|daughter|son|cousin|niece|"
    r"nephew|colleague|coworker|aunt|auntie|uncle|copine|copain|amie|ami|s[œo]eur|fr[èe]re|fille|fils|cousine|"
    r"kuzenim|ablam|abim|kardeşim|kardesim|teyzem|amcam|dayım|dayim|halam|arkadaşım|arkadasim|sevgilim|kızım|"
    r"kizim|oğlum|oglum|patronum|brat|siostra|fiul\s+meu|fiica\s+mea|fratele\s+meu|sora\s+mea|prietena\s+mea|"
    r"prietenul\s+meu|hermano|hermana|irm[ãa]o|irm[ãa]|"
    r"coll[èe]gue|l'[ée]ducatrice\s+de|moeder\s+van|vader\s+van|mama\s+van|papa\s+van|zus\s+van|broer\s+van)"
    r"\s*[:,]?\s*)$"
)
# After a name: a verb of a person, an age, or a possessive ("faith haar moeder")
RE_PERSON_AFTER = re.compile(
    r"^\s*(?:zegt|zei|zeggen|vroeg|vraagt|werkt|werkte|haalt|haalde|wil|will|wilt|moet|moest|mag|heeft|had|"
    r"woont|woonde|slaapt|sliep|stuurt|stuurde|belt|belde|appt|appte|dreigt|dreigde|komt|kwam|gaat|ging|zit|zat|"
    r"weet|wist|vindt|vond|doet|deed|rijdt|reed|neemt|nam|geeft|gaf|praat|chat|says|said|told|asked|wants|works|"
    r"lives|called|texted|dit|a\s+dit|veut|travaille|habite|m'a|took|takes|sent|sends|came|went|drove|"

    r"picked|kept|brought|sold|has|"
    # a state only a person is in: "Faith is weggelopen", "joy is er ook", "hope is asleep"
    r"(?:is|was|wordt|werd)\s+(?:weggelopen|vermist|verdwenen|opgehaald|meegenomen|opgepakt|zwanger|er\s+ook|"
    r"daar\s+ook|hier\s+ook|ook\s+(?:hier|daar)|asleep|missing|pregnant|there\s+too|here\s+too|also\s+here|"
    r"disparue?|enceinte|l[àa]\s+aussi)|"
    # "Faith van de buren", "Joy from next door", "Fleur (c'est son vrai prénom)", "Joy (nigeriaans meisje, 15)"
    r"van\s+(?:de\s+)?(?:buren|hiernaast|naast\s+ons|boven|beneden)|from\s+next\s+door|d'[àa]\s+c[ôo]t[ée]|"
    r"\([^()]{0,40}?(?:\b\d{1,2}\b|pr[ée]nom|naam|name|nom|echte|real|vrai)[^()]{0,40}\)|"
    # Turkish honorifics after a name: "Umut abi", "Ayşe abla", "Murat hoca"
    r"abi|abim|abla|ablam|amca|teyze|hoca|bey|han[ıi]m|"
    # French: the name taken up by a pronoun ("marine elle a 15 ans", "selam elle vient d'Érythrée")
    r"(?:elle|il)\s+(?:a|est|dit|habite|travaille|dort|vient|veut|m'a|me|sort|bosse|fait)|"
    # "rose is my favourite flower", "hoop is mijn lievelingswoord": a thing someone likes, not a person
    r"(?:is|was|est|c'est|c)\s+(?:mijn|mn|m'n|my|mon|ma|zijn|zn|z'n|haar|d'r|his|her|niet\s+haar|niet\s+zijn|"
    r"gewoon\s+(?:mijn|mn|m'n)|ook\s+(?:mijn|mn|m'n)|\d{1,2}\b)"
    r"(?!\s*(?:favou?rite|fave|fav|lievelings\w*|favoriet\w*|pr[ée]f[ée]r[ée]e?)\b)|"
    r"\(\s*\d{1,2}\s*\)|,\s*\d{1,2}\s*(?:jaar|ans|years|,)|"
    r"(?:en\s+|and\s+|et\s+)?(?:haar|zn|z'n|zijn|d'r|her|his|sa|son)\s+(?:moeder|vader|mama|papa|ma|pa|broer|zus|"
    r"vriend|vriendin|nummer|neef|nicht|oom|tante|nonkel|familie|cousin|cousine|fr[èe]re|s[œo]eur|m[èe]re|p[èe]re|"
    r"snap|insta|huis|kamer|ouders|mother|father|mom|dad|number|phone|brother|sister|uncle|aunt|family))(?![\w])",

    _I,
)
# Listed names that are first of all a noun of the conversation: in lower case a name only in a state no noun is in
WORD_FIRST_NAMES = {"hoop", "hope"}
RE_PERSON_STATE = re.compile(
    r"^\s*(?:is|was|wordt|werd)\s+(?:weggelopen|vermist|verdwenen|opgehaald|meegenomen|opgepakt|zwanger|er\s+ook|"
    r"daar\s+ook|hier\s+ook|asleep|missing|pregnant|there\s+too|here\s+too|disparue?|enceinte)\b", _I)
RE_PLURAL_VERB = re.compile(
    r"^\s*(?:zijn|hebben|moeten|willen|wonen|werken|slapen|gaan|komen|zitten|zeggen|are|have|work|live|sont|ont)\b", _I
)
VIET_CHARS = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơưđĐ")
PARTICLES = {
    "van", "de", "der", "den", "ten", "ter", "te", "van't", "'t", "vd", "v.d.", "el", "al", "ben", "bin", "ibn",
    "abu", "ait", "aït", "ou", "ould", "da", "di", "dos", "das", "del", "della", "le", "la", "du", "von", "zu",
    "mc", "mac", "o'", "d'", "in", "op", "a", "bou", "oulad",
}
RE_INITIALS = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?:(?:van|de|der|den|ten|ter|el|al|van\s+der|van\s+den|van\s+de)\s+)?"
    r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
)
LOC_PREPS = {
    "in", "uit", "naar", "bij", "rond", "richting", "nabij", "vlakbij", "buiten", "te", "from", "to", "near",
    "at", "à", "a", "vers", "près", "dans", "around", "omgeving", "regio", "gemeente", "stad", "city", "ville",
    "centrum", "station", "vanuit", "into", "tot", "via", "over", "hier", "daar", "de", "du", "of",
    "w", "we", "în", "em",  # Polish, Romanian, Portuguese "in": "pracuję w Horst", "lucrez în Venlo"
}
LOC_CUES = (
    r"station|hotel|motel|azc|asielzoekerscentrum|aanmeldcentrum|opvangcentrum|opvang|gare|camping|wijk|buurt|"
    r"stadsdeel|quartier|centre|fedasil|coa-locatie|locatie|jeugdinstelling|instelling|internaat|kliniek|"
    r"pension|hostel|b&b|bnb|appartementen|flat|flats|ziekenhuis|hospital|h[ôo]pital|moskee|mosque|kerk|"
    r"winkelcentrum|mall|park|camp"
)
RE_LOC_CUE_NAME = re.compile(
    r"(?<![\w])(?i:" + LOC_CUES + r")\s+((?:(?i:de|het|'t|ter|ten|van|der|den|la|le|du|des|sint|saint)\s+)?"
    r"[A-ZÀ-Ý][\w'’&-]*(?:\s+(?:(?:de|het|'t|ter|ten|van|der|den|aan|op|la|le|du|des)\s+)?[A-ZÀ-Ý][\w'’&-]*){0,3})",
)
SCHOOL_WORDS = (
    r"(?i:college|lyceum|gymnasium|atheneum|athenaeum|ath[ée]n[ée]e|instituut|institut|institute|"
    r"scholengemeenschap|academie|academy|school|basisschool|mavo|havo|vmbo|vwo|lyc[ée]e|coll[èe]ge|[ée]cole|"
    r"campus|hogeschool|universiteit|university|roc|mbo|kta|bso|tso|aso)"
)
RE_SCHOOL = re.compile(
    r"(?<![\w])(?:(?:[A-ZÀ-Ý][\w'’&.-]*|de|van|der|den|het|la|le|du|des|sint|st\.?)\s+){0,3}"
    r"(?:[A-ZÀ-Ý][\w'’&.-]*\s+)(?:" + SCHOOL_WORDS + r")\b(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2}"
    r"|(?<![\w])(?:" + SCHOOL_WORDS + r")\s+(?:(?:de|het|van|der|den|'t|la|le|du|des|sint|saint)\s+)?"
    r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,3}"
    r"|(?<![\w])[A-ZÀ-Ý][\w'’-]{2,}(?i:college|lyceum|gymnasium|atheneum|instituut|school|campus|hotel|hostel|"
    r"kliniek|ziekenhuis)\b"
    r"|(?<![\w])(?i:sint|st|onze-lieve-vrouw|olv)-[\w'’-]+(?:college|lyceum|gymnasium|atheneum|instituut|school)\b",
)
RE_SCHOOL_LOWER = re.compile(
    r"(?i:\b(?:op|naar|van|bij|aan|in)\s+(?:het|de|'t)\s+)([a-zà-ÿ][\w'’-]+(?:\s[a-zà-ÿ][\w'’-]+)?\s"
    r"(?:lyceum|college|instituut|atheneum|gymnasium|academie|scholengemeenschap))\b"
)
SCHOOL_GENERIC = {
    "basisschool", "middelbare school", "hogeschool", "dansschool", "rijschool", "zwemschool", "muziekschool",
    "school", "college", "lyceum", "gymnasium", "campus", "universiteit", "university", "mbo", "roc", "havo",
    "vwo", "vmbo", "mavo", "taalschool", "nieuwe school", "oude school", "zomerschool", "avondschool",
}

# Named businesses and facilities where a young person works, sleeps or is picked up identify the place as well
# as a street does: "nagelstudio Lovely Nails", "Carwash Yildiz", "frituur Bij Rudi", "foyer Les Hirondelles".
BUSINESS_CUES = (
    r"restaurant|resto|frituur|friterie|friture|frietkot|snackbar|snack|shoarma(?:zaak)?|kebab(?:zaak)?|pizzeria|"
    r"bakkerij|boulangerie|slagerij|boucherie|nagelstudio|nagelsalon|nail\s?studio|nail\s?bar|nails|salon|"
    r"kapsalon|kapper|barbershop|barber|massagesalon|massage|carwash|car\s?wash|autowasstraat|wasstraat|toko|"
    r"nachtwinkel|night\s?shop|avondwinkel|kwekerij|boerderij|tuinderij|farm|ferme|foyer|amo|lounge|"
    r"shishalounge|shisha\s?lounge|shishabar|caf[ée]|coffeeshop|bar|club|discotheek|disco|garage|agency|"
    r"uitzendbureau|bureau|hotel|h[ôo]tel|motel|pension|hostel|opvangcentrum|opvanghuis|opvang|ooc|azc|"
    r"tehuis|internaat|leefgroep|instelling|centrum|center|centre|groep|huis|home|ti[ệe]m|салона?|sklep|"
    r"magazin|fabriek|fabrik|magazijn|bedrijf|firma|station|gare|parc|park|march[ée]|markt|basisschool|obs|cbs|"
    r"school|ziekenhuis|kliniek"
)
# compounds ending in a business or facility word: "aardbeienkwekerij", "jeugdzorginstelling", "tankstation"
BUSINESS_COMPOUND = (
    r"[a-zà-ÿ]{3,}(?:kwekerij|bedrijf|instelling|station|park|salon|winkel|zaak|voorziening|centrum|boerderij|"
    r"huis|tehuis|opvang|kliniek|hotel|fabriek|restaurant|bakkerij|camping)|salon\s+de\s+coiffure|coiffeur|"
    r"restaurante|ristorante|makhaayadda|maqaayadda|dukkan[ıi]?|lokanta(?:s[ıi])?|shop|store|winkel|warehouse|"
    r"magazzino|sklep|magazin(?:ul)?|tiệm|nhà\s+hàng|chu|uz|az|hôpital|hospital|ziekenhuis|parc|porte|hoeve"
)
BUSINESS_COMPOUND_I = r"(?i:" + BUSINESS_COMPOUND + r")"
RE_BUSINESS_CUE_NAME = re.compile(
    r"(?<![\w-])(?i:" + BUSINESS_CUES + r"|" + BUSINESS_COMPOUND + r")\s+"
    r"((?:(?:de|het|'t|la|le|les|l'|du|des|d'|bij|by|van|der|den|&|au|aux|of|chez)\s*)?"
    r"[A-ZÀ-ÝĀ-Ž][\w'’&-]*(?:\s+(?:(?:de|het|'t|la|le|les|du|des|d'|bij|by|van|der|den|&|au|aux|of|and|en)\s+)?"
    r"(?:[A-ZÀ-ÝĀ-Ž][\w'’&-]*|\d{1,4}(?!\s*(?:uur|euro|u\b|per|x|%|jaar|dagen|km|min)))){0,3})"
)
BUSINESS_TYPES = (
    r"Nails|Nail\s+Studio|Nail\s+Bar|Carwash|Car\s+Wash|Wash|Clean|Cleaning|Massage|Spa|Beauty|Express|Shop|"
    r"Market|Markt|Lounge|Bubble\s+Tea|Tea|Sushi|Wok|Kebab|D[öo]ner|Pizza|Grill|Restaurant|Hotel|Bar|Caf[ée]|"
    r"Au\s+Pairs|Garage|Ziekenhuis|Kliniek|Groep|Hoeve|Kwekerij|Bakkerij|Snackbar|Frituur|Boerderij|Farm|Toko|"
    r"Supermarkt|Bazaar|Palace|Paradise|Kitchen|Food|Foods|Trading|Logistics|Transport|Services|Kapsalon|Barbershop"
)
RE_BUSINESS_NAME = re.compile(
    r"(?<![\w-])(?:[A-ZÀ-ÝĀ-Ž][\w'’&-]*\s+){1,3}(?:" + BUSINESS_TYPES + r")(?![\w-])"
    r"|(?<![\w-])(?:Carwash|Car\s+Wash|Nails|Nagelstudio|Kwekerij|Bakkerij|Frituur|Toko|Night\s+Shop)\s+"
    r"(?:by\s+|bij\s+)?[A-ZÀ-ÝĀ-Ž][\w'’-]*(?:\s+(?:&\s+)?[A-ZÀ-ÝĀ-Ž][\w'’-]*){0,2}"
)
# Shops and chains named together with a town: "de Jumbo in Honselersdijk", "McDonalds Amersfoort", "Ikea Utrecht"
RE_CHAIN_BEFORE = re.compile(
    r"(?i:\b(?:jumbo|albert\s+heijn(?:\s+xl)?|ah(?:\s+xl)?|lidl|aldi|plus|coop|spar|dirk|delhaize|colruyt|"
    r"carrefour|ikea|mcdonald'?s|mcdo|kfc|burger\s+king|action|kruidvat|hema|primark|ibis|hotel|h[ôo]tel|motel|"
    r"station|gare|azc|opvang(?:centrum)?|ooc|coa|isk|nh|fedasil|camp|kamp|кемп|کمپ|بكامب)(?:\s+in)?\s+)$"
)
RE_PLACE_SUFFIX = re.compile(
    r"^[ -](?:Centraal|Centrum|Buiten|Poort|Haven|Stad|Noord|Zuid|Oost|West|Airport|Gare|Central|Centrale|"
    r"Strijp(?:-S)?|Vathorst|CS|Hotel|XL)(?![\w-])",
)

# "Zuidstation", "Noordstation"; "near Sloterdijk station", "bij Boondael station"
RE_STATION_NAME = re.compile(
    r"(?<![\w-])(?:[A-ZÀ-Ý][a-zà-ÿ]{2,}station|[A-ZÀ-Ý][\w'’-]{2,}(?=\s+(?i:station|gare|metrostation|halte)\b))"
)
# Turkish case endings on a place: "Schiedam'daki", "Gent'te", "Zaandam'dan"
RE_TR_PLACE_SUFFIX = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w-]{2,}(?:\s[A-ZÀ-Ý][\w-]+)?)['’](?:d[ae]ki|t[ae]ki|d[ae]n|t[ae]n|d[ae]|t[ae]|"
    r"[yn]?[ae])(?!\w)"
)
# Turkish case endings on a listed first name: "abim Murat'ın arkadaşı", "Elif'e söyledim"
# Arabic "I am X" with the age or a comma after it ("انا امل عمري ١٦", "انا صباح، ..."); not feelings
RE_AR_I_AM = re.compile(
    r"(?<!\w)(?:انا|أنا)\s+((?!(?:من|في|هون|هنا|بخير|خايف|خايفة|تعبان|تعبانة|زعلان|زعلانة|مريض|مريضة|بنت|ولد|"
    r"طالب|طالبة|لاجئ|لاجئة|مش|ما|لا|كمان|عايش|عايشة|ساكن|ساكنة|جاي|جاية|راجع|راجعة|رايح|رايحة|هلق|"
    r"بدي|كنت|عم)(?!\w))[\u0621-\u064A]{2,})"
    r"\s*(?:[،,]|\s+(?:عمري|وعمري|عمرى|من\s+\w+\s+عمري))"
)
RE_AR_I_AM_AND = re.compile(r"(?<!\w)(?:انا|أنا)\s+([\u0621-\u064A]{2,})\s+و")
# Tigrinya/Amharic "my name is X" only with the copula after the name ("ስመይ ሰላም እዩ", "ስሜ ሰላም ነው")
RE_ETH_NAME = re.compile(r"(?:ስመይ|ሽመይ|ስሜ)\s*[:፡]?\s*([\u1200-\u137F]{2,})\s+(?:እዩ|እያ|እየ|ኢየ|ነው|ነኝ|ይባላል)")
# "ስማ ራሄል" (her name: Rahel), "ስሙ ዳዊት እዩ": his or her name, then the end of the clause or a copula
RE_ETH_NAME_3P = re.compile(
    r"(?<![\u1200-\u137F])(?:ስማ|ስሙ|ስሟ|ስማ፡|ስሙ፡)\s*[:፡]?\s*([\u1200-\u137F]{2,})"
    r"(?=\s*(?:እዩ|እያ|ነው|ይባላል|ትበሃል|ይበሃል|[፡።፣፤,.!?]|$))")
# "ኣነ ኣብርሃም እየ፡ ዕድመይ 16" (I am Abraham, my age 16): "I am X" with an age or a clause end after it, not a state
RE_ETH_I_AM = re.compile(
    r"(?<![\u1200-\u137F])(?:ኣነ|አነ|እኔ)\s+([\u1200-\u137F]{2,})\s*(?:እየ|ኢየ|ነኝ)"
    r"(?=\s*[፡።፣,.!]?\s*(?:ዕድመይ|ዕድሜዬ|\d|$))")
ETH_NOT_NAMES = {"ጓል", "ወዲ", "ሰብ", "ሕሙም", "ሕምምቲ", "ስደተኛ", "ተማሃሪ", "ተማሃራይ", "ንእሽቶ", "ዓቢ", "ሓዳስ", "ደሓን",
                 "ሕማም", "ልጅ", "ሴት", "ወንድ", "ታማሚ", "ደህና", "ተማሪ", "ንእሽተይ", "ዘይዓቢ", "ሓበሻ", "ኤርትራዊ", "ኤርትራዊት",
                 "ኢትዮጵያዊ", "ኢትዮጵያዊት", "ሓዚን", "ሓዛን", "ጥሙይ", "ሰራሕተኛ"}
# Tigrinya and Amharic relation words with a name and an age or clause end: "ሓወይ ተስፋይ 15 ዓመት እዩ"
RE_ETH_REL_NAME = re.compile(
    r"(?<![\u1200-\u137F])(?:ሓወይ|ሓፍተይ|ሓብተይ|ዓርከይ|ዓርከይቲ|ወደይ|ጓለይ|ሰብኣየይ|ኣደይ|ኣቦይ|ወዲ\s+ሓወቦይ|ወንድሜ|እህቴ|"
    r"ጓደኛዬ|ልጄ|ባለቤቴ)\s+([\u1200-\u137F]{2,})(?=\s*(?:\d|[፡።፣፤,.!?(]|እዩ|እያ|ነው))")
# Turkish neighbourhood: "Nieuwland mahallesinde", "Feijenoord mahallesi"
RE_TR_HOOD = re.compile(r"(?<![\w-])([A-ZÀ-Ý][\w-]{2,}(?:\s[A-ZÀ-Ý][\w-]+)?)\s+(?i:mahalle(?:si(?:nde|nden|ne)?|de)?|semtinde|semti)\b")
RE_TR_NAME_SUFFIX = re.compile(
    r"(?<![\w-])([A-ZÀ-ÝÇŞĞİÖÜ][\w-]{1,})['’](?:[ıiuü]n|n[ıiuü]n|[ıiuü]|y[ıiuü]|[ae]|y[ae]|l[ae]|yl[ae]|d[ae]n|t[ae]n)(?!\w)"
)
# Arabic "my name is", "my sister", "my brother" and the word after it: "اسمي ريم", "أختي رنا"
RE_AR_NAME_CUE = re.compile(
    # "اسم ابني سفيان": "the name of my son" is a naming cue; "ابني" alone is followed by anything ("ابني عمره 12")
    r"(?<!\w)و?(?:اسمي|إسمي|اسمها|اسمه|أختي|اختي|أخي|اخي|صاحبي|صاحبتي|صديقي|صديقتي|زوجي|خالتي|عمتي|خالي|عمي|"
    r"(?:اسم|إسم)\s+(?:ابني|إبني|ابنتي|بنتي|ولدي|زوجتي|خطيبي|أخوي|اخوي|أختي|اختي|أخي|اخي|صاحبي|صاحبتي|"
    r"صديقي|صديقتي|زوجي)|نام\s+(?:برادرم|خواهرم|پسرم|دخترم|دوستم|شوهرم))\s+"
    # an adjective with the article may come between ("أخي الصغير يوسف": my little brother Yusuf); a name has none
    r"(ال[\u0621-\u064A]{2,}\s+)?"
    r"((?!(?:هو|هي|في|من|عند|كان|كانت|عمري|عمره|عمرها|ما|لا|مش|در|را|است|هم|که|و|قال|قالت|راح|راحت|بيشتغل|"
    r"يشتغل|تشتغل|بتشتغل|ساكن|ساكنة|عايش|عايشة)(?!\w))(?!ال)[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]{2,})"
)
# Arabic titles before a name, up to two words ("الأستاذ ڤان دام", "السيد أحمد")
RE_AR_TITLE_NAME = re.compile(
    r"(?<!\w)(?:الأستاذ|الاستاذ|الأستاذة|السيد|السيدة|الحاج|الحاجة|الشيخ|آقای)\s+"
    r"((?!(?:هو|هي|في|من|عند|كان|كانت|ما|لا|قال|قالت|يقول|بيقول|راح|بدو|عم|اللي|الذي|التي)(?!\w))"
    r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]{2,}"
    r"(?:\s+(?!(?:هو|هي|في|من|عند|كان|كانت|ما|لا|و|قال|يقول|اسمو|اسمه)\b)[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]{2,4}(?!\S))?)"
)
# Chinese: a relation word, then a common surname and one or two characters ("我的老板王伟拿走了我的护照")
RE_HAN_REL_NAME = re.compile(
    r"(?:老板|老闆|老公|男朋友|女朋友|男友|女友|朋友|哥哥|姐姐|妹妹|弟弟|表哥|表姐|表妹|表弟|老师|经理|叔叔|阿姨|舅舅|"
    r"姑姑|同事|室友|老乡|中介|蛇头)"
    r"([王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    r"钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤阮黎][\u4e00-\u9fff]{1,2}?)"
    r"(?=[，,。.、\s的是在住拿说让给把叫要不也和跟就都还打骂带逼]|$)"
)
# Chinese documents, birth dates and chat IDs ("护照号是E58213367", "出生日期2007年5月9日", "微信号fangfang_nl88")
RE_HAN_ID = re.compile(r"(?:护照|護照|身份证|身份證|居留证|居留卡)(?:号码|號碼|号|號)?(?:是|为|:|：)?\s*([A-Za-z]{0,2}\d{6,18}[A-Za-z]?)")
RE_HAN_DOB = re.compile(
    r"(?:出生日期|出生于|出生於|出生|生日)(?:是|为|:|：)?\s*((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)")
RE_HAN_HANDLE = re.compile(r"(?:微信号?|微信號?|抖音号?|(?<![A-Za-z])(?i:wechat|weixin|vx|qq|douyin)(?:号|號|\s*id)?(?![A-Za-z]))"
                           r"\s*(?:是|为|:|：)?\s*([A-Za-z][A-Za-z0-9_.-]{3,29})")
# Persian (Afghan solar and Iranian) month names, for dates of birth in Persian digits ("تولدش ۱۲ حمل ۱۳۸۷")
RE_FA_DOB = re.compile(
    r"(?:تولد\w*|متولد|تاریخ\s+تولد|تاريخ\s+الميلاد|مواليد|ولدت|زیږیدنه|زېږېدنه)\s*[:：]?\s*"
    r"([0-9۰-۹٠-٩]{1,2}\s*(?:حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت|فروردین|اردیبهشت|خرداد|تیر|"
    r"مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|"
    r"أكتوبر|اكتوبر|نوفمبر|ديسمبر)\s*[0-9۰-۹٠-٩]{2,4}"
    r"|[0-9۰-۹٠-٩]{1,4}\s*[/.\-]\s*[0-9۰-۹٠-٩]{1,2}\s*[/.\-]\s*[0-9۰-۹٠-٩]{1,4})"
)
# A lone initial as a name: "een meisje van 15 (S.)", "ma jeune K. est partie"
RE_INITIAL_NAME = re.compile(
    r"\(\s*([A-Z]\.(?:\s?[A-Z]\.)?)\s*\)"
    r"|(?i:\b(?:jeune|meisje|jongen|leerling|leerlinge|cliënt|cliënte|client|cliente|pupil|girl|boy|student|"
    r"dochter|zoon|fille|fils|élève|eleve|minderjarige|mineur|mineure)\s+)([A-Z]\.)(?=\s|$)"
)

# Cyrillic place after a preposition, in any case ending: "у Тілбурзі", "в Дордрехті", "з Харкова"
RE_CYR_PLACE = re.compile(r"(?<!\w)(?:у|в|във|із|з|от|из|до|біля|около|near)\s+([А-ЯЁІЇЄҐ][а-яёіїєґ'’-]{2,})")
CYR_NOT_PLACE = re.compile(
    r"^(?:Нідерланд|Нидерланд|Голланд|Бельгі|Белги|Україн|Украин|Німеччин|Германи|Польщ|Польш|Росі|Русси|Европ|"
    r"Європ|Франці|Франци|Англі|Болгари|България|Румуні|Румыни|Понеділ|Понедел|Субот|Суббот|Неділ|Воскрес)"
)
# Dutch and Belgian cities written in Arabic, Persian and Chinese script (no capitals, no spaces to anchor on)
RE_SCRIPT_PLACE = re.compile(
    r"(?:روتردام|أمستردام|امستردام|آمستردام|لاهاي|دن\s?هاخ|أوتريخت|اوترخت|أوترخت|آيندهوفن|ايندهوفن|تيلبورخ|"
    r"تيلبورغ|خرونينجن|بروكسل|أنتويرب|انتويرب|آنتورپ|غنت|خنت|لييج|لياج|شارلروا|ميشلن|ألمير|الميره|"
    r"阿姆斯特丹|鹿特丹|海牙|乌得勒支|烏得勒支|埃因霍温|蒂尔堡|格罗宁根|布鲁塞尔|布魯塞爾|安特卫普|安特衛普|根特|列日|"
    r"奈梅亨|阿纳姆|莱顿|代尔夫特|马斯特里赫特|布雷达|兹沃勒|"
    # towns people come from, in Arabic and Persian script (countries are kept; a town narrows a person down)
    r"الناظور|طنجة|الدار\s+البيضاء|الرباط|فاس|مراكش|وجدة|الحسيمة|تطوان|أكادير|اكادير|دمشق|حلب|اللاذقية|درعا|"
    r"بغداد|الموصل|البصرة|أربيل|اربيل|طرابلس|بنغازي|الخرطوم|كابل|هرات|مزار\s+شریف|قندهار|جلال\s*آباد)"
)

# ----------------------------------------------------------------------------------------------------------
# Detectors
# ----------------------------------------------------------------------------------------------------------


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _tail(text: str, pos: int, width: int = 60) -> str:
    """The text just before ``pos``: patterns anchored at ``$`` stay linear on long messages."""
    return text[max(0, pos - width) : pos]


def _context_before(text: str, start: int, width: int = 45) -> str:
    return text[max(0, start - width) : start]


def _has_id_context(text: str, start: int, end: int) -> bool:
    return bool(RE_ID_CONTEXT.search(_context_before(text, start, 40))) or bool(
        RE_ID_CONTEXT.search(text[end : end + 15])
    )


def _valid_phone_digits(raw: str, international: bool) -> bool:
    d = _digits(raw)
    if international:
        return 8 <= len(d) <= 16
    return 9 <= len(d) <= 11


def _trim_phone(text: str, m: re.Match[str], international: bool) -> tuple[int, int] | None:
    """Longest prefix of the matched run of digit groups that has a plausible digit count."""
    raw = m.group(0)
    limit = 16 if international else 11
    groups = list(re.finditer(r"\(?\d+\)?", raw))
    best: tuple[int, int] | None = None
    count = 0
    for g in groups:
        count += len(_digits(g.group(0)))
        if count > limit:
            break
        end = g.end()
        if _valid_phone_digits(raw[:end], international):
            best = (m.start(), m.start() + end)
    if best and raw[best[1] - m.start() - 1] == ")" and "(" not in raw[: best[1] - m.start()]:
        best = (best[0], best[1] - 1)
    return best


def _plausible_date(frag: str) -> bool:
    """"07.58.21" (part of a French phone number) is no date: a numeric date needs a day and a month."""
    nums = [int(x) for x in re.findall(r"\d+", frag)]
    if len(nums) != 3 or re.search(r"[^\d\s./-]", frag):
        return True
    a, b, c = nums
    if a > 31:  # year first: 2009-03-12
        return 1 <= b <= 12 and 1 <= c <= 31
    return 1 <= a <= 31 and 1 <= b <= 12 or 1 <= a <= 12 and 1 <= b <= 31


def _valid_foreign_id(raw: str) -> bool:
    """A bare number or code that passes the check digits (and date) of another country's personal number:
    Romanian CNP (13), Polish PESEL (11), Bulgarian EGN (10), Czech/Slovak birth number (10), Lithuanian and
    Estonian personal codes (11), Croatian OIB (11), Spanish DNI/NIE, Italian codice fiscale. A 10-digit number
    that reads as a Dutch or Belgian phone (0 + mobile or area code) is left to the phone rules."""
    from stdnum.be import eid
    from stdnum.bg import egn
    from stdnum.cn import ric
    from stdnum.cz import rc
    from stdnum.ee import ik
    from stdnum.es import dni, nie
    from stdnum.fr import nir
    from stdnum.gr import amka
    from stdnum.it import codicefiscale
    from stdnum.lt import asmens
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel
    from stdnum.ro import cnp
    from stdnum.si import emso
    from stdnum.tr import tckimlik

    code = re.sub(r"[\s-]", "", raw).upper()
    if len(code) == 13 and _cnp_shaped(code):
        return True
    if code.isdigit():
        if code.startswith("0") and len(code) in (9, 10) or len(code) == 11 and code.startswith(("316", "324", "32")):
            return False  # phone numbers: national with a 0 ("0612345678"), or +31 6 / +32 without the plus

        checks = {13: (cnp, emso), 11: (pesel, ik, asmens, tckimlik, fodselsnummer, amka), 10: (egn, rc),
                  12: (eid,), 15: (nir,), 18: (ric,)}.get(len(code), ())
        return any(mod.is_valid(code) for mod in checks)
    if re.fullmatch(r"\d{8}[A-Z]", code):
        return bool(dni.is_valid(code))
    if re.fullmatch(r"[XYZ]\d{7}[A-Z]", code):
        return bool(nie.is_valid(code))
    return bool(codicefiscale.is_valid(code))


def _cnp_shaped(code: str) -> bool:
    """A Romanian personal number by its shape alone (sex/century digit, a real birth date, a county code): 13 such
    digits are hardly anything else, and a mistyped check digit should not leak it."""
    if not re.fullmatch(r"[1-8]\d{12}", code):
        return False
    century = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000, "7": 1900, "8": 1900}[code[0]]
    try:
        datetime.date(century + int(code[1:3]), int(code[3:5]), int(code[5:7]))
    except ValueError:
        return False
    return 1 <= int(code[7:9]) <= 52 or code[7:9] in ("70", "80")


def _valid_formatted_id(raw: str) -> bool:
    """Check digits of a personal number matched by RE_FORMATTED_IDS (the format says which country's)."""
    from stdnum.be import eid
    from stdnum.br import cpf
    from stdnum.ch import ssn
    from stdnum.cn import ric
    from stdnum.cz import rc
    from stdnum.fi import hetu
    from stdnum.fr import nir
    from stdnum.ie import pps
    from stdnum.pk import cnic
    from stdnum.pt import cc
    from stdnum.se import personnummer

    return any(mod.is_valid(raw) for mod in (cpf, cnic, ssn, personnummer, hetu, rc, nir, eid, cc, ric, pps))


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:

    return any(a[0] < e and s < a[1] for s, e in spans)


def _detect_numbers(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """ID numbers, dates of birth and phones (appended to ``spans``); returns the dates seen. Every rule here
    needs a digit, so messages without one skip the whole block."""
    from stdnum import iban as std_iban
    from stdnum.be import bis as std_bis
    from stdnum.be import nn as std_nn
    from stdnum.nl import bsn as std_bsn

    dates = [(m.start(), m.end()) for m in RE_DATE.finditer(text) if _plausible_date(m.group(0))]
    for m in RE_PHONE_INTL.finditer(text):
        r = _trim_phone(text, m, True)
        if r is not None and not _overlaps(r, [(sp.start, sp.end) for sp in spans]):
            spans.append(Span(r[0], r[1], "PHONE", 0))

    # ID numbers, validated by check digits (or, where the user names the document, by format).
    for m in RE_IBAN.finditer(text):
        # the match may run into following words ("BE71... zegt"): try shorter prefixes at space boundaries
        frag = m.group(0)
        cuts = [len(frag)] + [i for i in range(len(frag) - 1, 0, -1) if frag[i] in " -\n\t"]
        for cut in cuts:
            compact = re.sub(r"[\s-]", "", frag[:cut]).upper()
            if len(compact) >= 15 and std_iban.is_valid(compact, check_country=False):  # mod-97, any bank code
                spans.append(Span(m.start(), m.start() + cut, "ID_NUMBER", 0))
                break
    for m in RE_IBAN_SHAPED.finditer(text):
        # an account number with a mistyped check digit still identifies its owner: the shape is enough when the
        # length is the one of the country ("NL02RABO0123456789", "BE12 3456 7890 1234")
        frag = m.group(0)
        want = IBAN_LENGTHS.get(frag[:2].upper())
        if not want:
            continue
        count = 0
        for i, c in enumerate(frag):
            count += c not in " -\n\t"
            if count == want:
                if sum(ch.isdigit() for ch in frag[: i + 1]) >= 8:
                    spans.append(Span(m.start(), m.start() + i + 1, "ID_NUMBER", -1))
                break
    for m in RE_BE_NN.finditer(text):
        d = _digits(m.group(0))
        if len(d) == 11 and (std_nn.is_valid(d) or std_bis.is_valid(d)):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_BE_NN_PRINTED.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", -1))
    for cue in RE_NATID_CUE.finditer(text):
        # "PESEL van de man is 94051203457", "CNP-ul meu e 2990605123456": the first long number soon after
        num = RE_NATID_NUMBER.search(text, cue.end(), min(len(text), cue.end() + 50))
        if num and 6 <= len(_digits(num.group(0))) <= 18:
            start = num.start()
            head = re.match(r"[A-Z]+", num.group(0))
            if head and lookups().is_common(head.group(0)):
                start = num.start() + re.search(r"\d", num.group(0)).start()  # type: ignore[union-attr]  # "BSN IS 7735…"
            spans.append(Span(start, num.end(), "ID_NUMBER", -1))  # an ID cue wins over a phone reading
    for m in RE_RO_PLATE.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", 0))
    for m in RE_PASSPORT_LOOSE.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_ID_WORD_NUMBER.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "ID_NUMBER", -1))
    for m in RE_V_NUMBER.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "ID_NUMBER", -1))
    for m in RE_V_NUMBER_SHAPE.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", -1))
    for m in RE_BARE_LONG_NUMBER.finditer(text):
        if _valid_foreign_id(m.group(0)):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for rx in (RE_ES_DNI, RE_IT_CF):
        for m in rx.finditer(text):
            if _valid_foreign_id(m.group(0)):
                spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_FORMATTED_IDS.finditer(text):
        if _valid_formatted_id(m.group(0)):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", -1))  # a validated personal number beats a phone
    for m in RE_GB_NINO.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_RO_SERIES.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "ID_NUMBER", -1))
    for m in RE_FOREIGN_PLATE.finditer(text):
        frag = m.group(0)
        if re.split(r"[ -]", frag)[0] in NOT_PLATE_HEADS or RE_ROAD_NUMBER.fullmatch(frag):
            continue
        if sum(c.isdigit() for c in frag) >= 3 and RE_VEHICLE_CUE.search(_context_before(text, m.start(), 50)):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 0))
    for m in RE_BSN.finditer(text):
        d = _digits(m.group(0))
        ctx = _has_id_context(text, m.start(), m.end())
        if _overlaps((m.start(), m.end()), dates):
            continue
        if len(d) == 9 and std_bsn.is_valid(d) and (not d.startswith("0") or ctx):
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_PLATE.finditer(text):
        frag = m.group(0)
        if any(c.isalpha() for c in frag) and any(c.isdigit() for c in frag):
            # lowercase "ab-12-cd" still counts, but not things like "mp-3"
            if frag.islower() and not _has_id_context(text, m.start(), m.end()) and sum(c.isalpha() for c in frag) < 2:
                continue
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_BE_PLATE.finditer(text):
        spans.append(Span(m.start(), m.end(), "ID_NUMBER", 1))
    for m in RE_PASSPORT.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 3:
            spans.append(Span(m.start(), m.end(), "ID_NUMBER", 2))
    for cue in RE_DOC_CONTEXT.finditer(text):
        tail = text[cue.end() : cue.end() + 45]
        # "paspoort, nummer 055218634", "passeport nigérian n° A09381726", "номерът е 645123987",
        # "passeport marocain ZR 4718293", "la mienne c'est RX 829104": up to a few lowercase words in between
        mm = re.match(r"^(?:\s*(?i:nummer|number|nr\.?|no\.?|num[ée]ro|numer|номер(?:ът)?|is|es|est|e|je|е|c'est|van|"
                      r"mijn|my|mon|is\s+nog|was|says|zegt|dit|numaras[ıi]|numaram|num[ăa]r(?:ul)?|numri|رقم\w*|شماره\w*|"
                      r"\w{3,12}(?:ische?|ian|ais|aise|ese|ski|sk[aiy]|ees|se|s))(?!\w)"
                      r"|\s*(?:[:=#,(-]|n°|nº|№|،)|\s+(?!(?i:bel|call|tel|gsm|app|whatsapp|appelle?z?|contact|phone)\b)"
                      # any lowercase word, in the scripts of the newcomers too ("pasaportum patronda, numarası")
                      r"[a-zà-ÿā-žıа-яёіїєґ\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF'’]{1,12}(?!\w))*\s*", tail)
        off = cue.end() + (mm.end() if mm else 0)
        if off - cue.end() > 35 or RE_PHONE_WORD.search(text, cue.end(), off):
            continue
        doc = RE_DOC_NUMBER.match(text, off)
        if doc is not None and sum(c.isdigit() for c in doc.group(0)) < 5:
            doc = None  # "paspoort sinds 12 03": too few digits for a document number
        cands = [x for x in (RE_FOREIGN_PLATE.match(text, off), doc) if x]
        m2 = max(cands, key=lambda x: x.end()) if cands else None
        if m2 is None and RE_DOC_PLATE_CUE.search(text, max(0, cue.end() - 20), cue.end()):
            m2 = RE_PLATE_PART.match(text, off)
        if m2 is None:
            m2 = RE_PLATE_LOOSE.match(text, off)
            if m2 is None or not (any(c.isdigit() for c in m2.group(0)) and any(c.isalpha() for c in m2.group(0))):
                continue
            if " " in m2.group(0) and any(c.islower() for c in m2.group(0)) and not RE_DOC_PLATE_CUE.search(
                    text, max(0, cue.end() - 20), cue.end()):
                continue  # "… waa 2 saac kadib": a number and a word, not a plate
            if _overlaps((m2.start(), m2.end()), dates) or RE_DATE.match(text, m2.start()):
                continue  # "mijn paspoort is weg sinds 12 maart": a date, not a number
        spans.append(Span(m2.start(), m2.end(), "ID_NUMBER", -1))
    # "foto van zijn ID gemaakt, naam X, nummer 008765432": a number word after an ID word in the same sentence
    for m in re.finditer(r"(?i:\b(?:nummer|number|nr\.?|no\.|num[ée]ro|numer|n°)\s*[:=]?\s*)", text):
        before = text[max(0, m.start() - 70) : m.start()]
        if not RE_DOC_CONTEXT.search(before) or re.search(r"[.!?\n]\s", before[-40:]):
            continue
        if RE_PHONE_WORD.search(before[-25:]):
            continue
        m2 = RE_DOC_NUMBER.match(text, m.end())
        if m2 and sum(c.isdigit() for c in m2.group(0)) >= 6 and not re.match(r"\+|0[46]\d{8}$|0[46][ -]?\d",
                                                                              m2.group(0)):
            spans.append(Span(m2.start(), m2.end(), "ID_NUMBER", -1))

    # Dates of birth: a date with a birth cue close before (or right after) it.
    for s, e in dates:
        before = _context_before(text, s, 45)
        after = text[e : e + 25]
        if RE_DOB_CUE.search(before) or re.search(r"\b(?:ben|is)\s+van\s*$", before, _I) or re.match(
                r"^\W{0,3}\s*(?:(?:i|ik|je|j'|she|he|ze|hij|elle|il)\s*(?:was|ben|is|suis|est|werd)\s+)?"
                r"(?:is\s+mijn\s+verjaardag|geboren|born|birthday|n[ée]e?\b)", after, _I) or RE_BIRTH_AFTER.match(
                text, e) or (RE_BIRTH_REMARK_AFTER.match(text, e, min(len(text), e + 50))
                             and _is_birth_year_date(text[s:e])) or (
                _is_birth_year_date(text[s:e]) and RE_ID_CARD_BEFORE.search(before)) or (
                _is_birth_year_date(text[s:e]) and RE_NAME_BEFORE_DATE.search(text[max(0, s - 45) : s])
                and not lookups().is_common(re.sub(r"\W+$", "", text[max(0, s - 45) : s]).split()[-1]
                                            if text[max(0, s - 45) : s].split() else "")):
            deg = re.search(r"(?<![\w°])°\s?$", before)  # "° 12/03/2009": the sign belongs to the date
            spans.append(Span(s - len(deg.group(0)) if deg else s, e, "DATE_OF_BIRTH", 1))
    for rx in (RE_DATE_OTHER_DIGITS, RE_MONTH_YEAR):
        for m in rx.finditer(text):
            if RE_DOB_CUE.search(_context_before(text, m.start(), 45)) and not _overlaps((m.start(), m.end()), dates):
                spans.append(Span(m.start(), m.end(), "DATE_OF_BIRTH", 1))
    for m in RE_SHORT_DATE.finditer(text):  # "bday 12/3": day and month only, right after a birth word
        if RE_DOB_CUE.search(_context_before(text, m.start(), 25)) and not _overlaps((m.start(), m.end()), dates):
            spans.append(Span(m.start(), m.end(), "DATE_OF_BIRTH", 1))
    for m in RE_DATE_AFTER_CUE.finditer(text):
        if RE_DOB_CUE.search(_context_before(text, m.start(), 25)) and not _overlaps((m.start(), m.end()), dates) \
                and _plausible_date(re.sub(r"(?<=\d) (?=\d)", "-", m.group(0))):
            spans.append(Span(m.start(), m.end(), "DATE_OF_BIRTH", 1))
    for m in RE_DEGREE_YEAR.finditer(text):
        spans.append(Span(m.start(), m.end(), "DATE_OF_BIRTH", 2))
    for m in RE_BIRTH_YEAR.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "DATE_OF_BIRTH", 2))
    for m in RE_YEAR_THEN_BIRTH.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "DATE_OF_BIRTH", 2))


    # Phones.
    taken = [(sp.start, sp.end) for sp in spans]
    for rx, intl in ((RE_PHONE_NAT, False),):
        for m in rx.finditer(text):
            r = _trim_phone(text, m, intl)
            if r is None:
                continue
            if _overlaps(r, dates) and not intl:
                # "01-02-2009 10:30" is a date, not a phone; but a real phone overlapping a loose date match wins
                dd = _digits(text[r[0] : r[1]])
                if not (len(dd) == 10 and dd.startswith(("06", "04"))):
                    continue
            if _overlaps(r, taken):
                continue
            spans.append(Span(r[0], r[1], "PHONE", 1))
    taken = [(sp.start, sp.end) for sp in spans]
    for m in RE_PHONE_LETTER_O.finditer(text):
        if not _overlaps((m.start(), m.end()), taken):
            spans.append(Span(m.start(), m.end(), "PHONE", 2))
    for m in RE_PHONE_NO_ZERO.finditer(text):
        if not _overlaps((m.start(), m.end()), taken):
            spans.append(Span(m.start(), m.end(), "PHONE", 2))
    for m in RE_PHONE_CUE.finditer(text):
        s, e = m.start(1), m.end(1)
        if 8 <= len(_digits(m.group(1))) <= 15 and not _overlaps((s, e), taken) and not _overlaps((s, e), dates):
            spans.append(Span(s, e, "PHONE", 2))
    for m in RE_PHONE_SPACED.finditer(text):
        # "0 6 1 8 3 4 7 2 9 1": a national number with a leading 0 or an international one, digit by digit; it
        # replaces a shorter phone read from its first groups
        d = _digits(m.group(0))
        intl = m.group(0).startswith(("+", "00"))
        inside = [sp for sp in spans if sp.type == "PHONE" and m.start() <= sp.start and sp.end <= m.end()]
        rest = [(sp.start, sp.end) for sp in spans if sp not in inside]
        if (8 <= len(d) <= 16 if intl else d.startswith("0") and 9 <= len(d) <= 11) and not _overlaps(
                (m.start(), m.end()), rest) and not _overlaps((m.start(), m.end()), dates):
            for sp in inside:
                spans.remove(sp)
            spans.append(Span(m.start(), m.end(), "PHONE", 0))
    return dates


def _digit_word_phones(text: str, spans: list[Span]) -> None:
    """Phone numbers spelled out ("nul zes twee acht vier zeven nul nul een negen", "zero six one two..."): a run of
    digit words (and digits) that reads as 9-11 digits with a leading zero, or 8-15 after a phone cue."""
    for m in RE_DIGIT_WORD_RUN.finditer(text):
        toks = re.findall(r"[^\W_]+", m.group(0))
        digits = ""
        double = False
        for tok in toks:
            low = tok.lower()
            if low in ("dubbel", "double"):
                double = True
                continue
            d = tok if tok.isdigit() else DIGIT_WORDS.get(low, "")
            digits += d * 2 if double and len(d) == 1 else d
            double = False
        words = sum(1 for tok in toks if not tok.isdigit())
        if re.search(r"0?1234|2345|3456|4567|5678|6789", digits) and len(set(digits)) >= len(digits) - 1:
            continue  # "een twee drie vier vijf ...": counting, not a number
        end = m.end()
        while end > m.start() and not text[end - 1].isalnum():
            end -= 1
        cue = RE_PHONE_WORD.search(_tail(text, m.start(), 40))
        if words >= 4 and (digits.startswith("0") and 9 <= len(digits) <= 11 or cue and 8 <= len(digits) <= 15) \
                and not _overlaps((m.start(), end), [(sp.start, sp.end) for sp in spans]):
            spans.append(Span(m.start(), end, "PHONE", 2))


def _detect_patterns(text: str) -> list[Span]:
    spans: list[Span] = []
    # Emails and URLs first (they contain digits and dots that other patterns would take).
    for m in RE_EMAIL.finditer(text):
        spans.append(Span(m.start(), m.end(), "EMAIL", 0))
    for m in RE_EMAIL_SPACED.finditer(text):
        spans.append(Span(m.start(), m.end(), "EMAIL", 0))
    for m in RE_EMAIL_OBF.finditer(text):
        spans.append(Span(m.start(), m.end(), "EMAIL", 0))
    for m in RE_URL.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in ".,;:!?)]}'\"":
            e -= 1
        frag = text[s:e]
        if "/" not in frag and not frag.lower().startswith("www") and "." in frag:
            host = frag.lower()
            label = host.rsplit(".", 1)[0]
            # "ok.nl"-like typos where a sentence lacks a space: keep only plausible hosts
            if len(label) < 2 or (host.count(".") == 1 and lookups().is_common(label) and len(label) < 4):
                continue
        if "/" not in frag and not frag.lower().startswith("www") and RE_PLATFORM_BEFORE.search(_tail(text, s, 25)):
            continue  # "tiktok kasia.xx.nl": a user name that ends like a domain
        spans.append(Span(s, e, "URL", 0))

    dates: list[tuple[int, int]] = []
    if any(c.isdigit() for c in text):
        dates = _detect_numbers(text, spans)
    if len(text) > 30:
        _digit_word_phones(text, spans)

    # Handles.
    for m in RE_AT_HANDLE.finditer(text):
        spans.append(Span(m.start(), m.end(), "HANDLE", 1))
    for m in RE_HANDLE_CUE.finditer(text):
        cand = m.group(2)
        filler = m.group(1) or ""
        bare = cand.lstrip("@")
        marked = bool(re.search(r"[_.\d@]", cand))
        if not marked:
            if lookups().is_common(bare) or len(bare) < 3 or bare.isdigit():
                continue
            explicit = re.search(r"[:=@(]|\b(?:is|naam|name|nom|heet|called|genaamd|c'est|est|it's|id|account|acc|"
                                 r"user(?:name)?|gebruikersnaam|pseudo|add|adden|volg|follow)\b", filler, _I)
            # "mijn insta sannetje": right after the platform word only when it ends the message or a clause
            if not explicit and not (
                not filler.strip() and len(bare) >= 4 and re.match(r"^\s*(?:[,.!?)]|$|en\b|and\b|et\b)", text[m.end(2) :])
            ):
                continue
        if bare.isdigit():
            continue
        e = m.end(2)
        while e > m.start(2) and text[e - 1] == ".":
            e -= 1
        spans.append(Span(m.start(2), e, "HANDLE", 2))
    for m in RE_UNDERSCORE_HANDLE.finditer(text):
        spans.append(Span(m.start(), m.end(), "HANDLE", 3))
    for m in RE_HANDLE_BEFORE_PLATFORM.finditer(text):
        cand = m.group(1)
        if re.search(r"[._\d]", cand.strip(".")) and not re.fullmatch(r"[\d.]+", cand) \
                and cand.rsplit(".", 1)[-1].lower() not in TLD_SET:
            spans.append(Span(m.start(1), m.end(1), "HANDLE", 3))

    for m in RE_YEAR_HANDLE.finditer(text):
        head = re.match(r"[a-z]+", m.group(0).lower())
        if head and head.group(0) not in NOT_HANDLE_PREFIXES and not lookups().is_common(head.group(0)):
            spans.append(Span(m.start(), m.end(), "HANDLE", 4))
    for m in RE_DOTTED_HANDLE.finditer(text):
        parts = fold(m.group(0)).split(".")
        if parts[-1] in TLD_SET or all(p.isdigit() for p in parts) or sum(c.isalpha() for c in m.group(0)) < 3:
            continue  # "12.30u", "3.5kg" are not user names
        marked = (
            any(re.search(r"\d", p) and not p.isdigit() for p in parts)  # "s3mih.x", "ivyyy.x3"
            or any(p.isdigit() for p in parts) or any(p.strip("_") in lookups().first for p in parts)
            or bool(set(parts) & {"xx", "x", "xo", "xox", "xoxo", "off", "official", "offi", "vd", "tv"})
            or m.group(0).startswith("_")
            or bool(RE_ACCOUNT_CUE.search(_tail(text, m.start(), 30)))
        )
        if marked and not all(p in lookups().stop for p in parts):
            spans.append(Span(m.start(), m.end(), "HANDLE", 3))

    # Places that the word lists cannot anchor: station names, case endings, other scripts.
    for m in RE_STATION_NAME.finditer(text):
        w = m.group(0)
        if lookups().is_common(w) or re.search(r"[.!?]\s*$|^\s*$", _tail(text, m.start(), 3)):
            continue
        if re.match(r"(?i:centraal|hoofd|trein|bus|metro|politie|benzine|tank|brandweer|tram|pomp|laad|weer|"
                    r"tussen|eind|begin|volgend|vorig)", w):
            continue  # "Centraalstation", "Politiestation": a kind of station, not its name
        spans.append(Span(m.start(), m.end(), "LOCATION", 1))
    for m in RE_TR_PLACE_SUFFIX.finditer(text):
        name = m.group(1)
        start1 = m.start(1)
        if " " in name and fold(name.split()[0]) in lookups().first:
            # "kuzenim Sevgi Schiedam'da": a name, then the place with the case ending
            start1 = m.start(1) + len(name.split()[0]) + 1
            name = name.split()[1]
            spans.append(Span(m.start(1), start1 - 1, "PERSON", 2))
        key = fold(name)
        if key in lookups().places or (key not in lookups().first and key not in lookups().stop
                                       and re.search(r"['’](?:d[ae]ki|t[ae]ki|d[ae]n|t[ae]n|d[ae]|t[ae])$",
                                                     m.group(0))):
            spans.append(Span(start1, m.end(1), "LOCATION", 1))
    for m in RE_CHAIN_LANDMARK.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "LOCATION", 2))
    for m in RE_AR_I_AM.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_AR_I_AM_AND.finditer(text):
        if fold(m.group(1)) in lookups().first:  # "أنا إيمان وبطاقتي ...": a listed name, then "and ..."
            spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for rx in (RE_ETH_NAME, RE_ETH_NAME_3P, RE_ETH_I_AM, RE_ETH_REL_NAME):
        for m in rx.finditer(text):
            if m.group(1) not in ETH_NOT_NAMES:
                spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_TR_HOOD.finditer(text):

        spans.append(Span(m.start(1), m.end(1), "LOCATION", 1))
    for m in RE_TR_NAME_SUFFIX.finditer(text):

        key = fold(m.group(1))
        if key in lookups().first and key not in lookups().places:
            spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_AR_NAME_CUE.finditer(text):
        if m.group(1) and fold(m.group(2)) not in lookups().first:
            continue  # "أخي الكبير بيفتش": after an adjective only a listed name ("أخي الصغير يوسف")
        spans.append(Span(m.start(2), m.end(2), "PERSON", 2))
    for m in RE_AR_TITLE_NAME.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_HAN_REL_NAME.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_HAN_ID.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "ID_NUMBER", 0))
    for m in RE_HAN_DOB.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "DATE_OF_BIRTH", 0))
    for m in RE_HAN_HANDLE.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "HANDLE", 1))
    for m in RE_FA_DOB.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "DATE_OF_BIRTH", 0))
    for m in RE_INITIAL_NAME.finditer(text):
        g = 1 if m.group(1) else 2
        spans.append(Span(m.start(g), m.end(g), "PERSON", 2))

    for m in RE_TOWN_PART.finditer(text):
        if fold(m.group(1)) in lookups().places:
            spans.append(Span(m.start(), m.end(), "LOCATION", 1))
    for m in RE_CYR_PLACE.finditer(text):
        if not CYR_NOT_PLACE.match(m.group(1)):
            spans.append(Span(m.start(1), m.end(1), "LOCATION", 1))
    for m in RE_SCRIPT_PLACE.finditer(text):
        spans.append(Span(m.start(), m.end(), "LOCATION", 1))

    # Addresses.
    spans.extend(_detect_streets(text))
    for m in RE_POSTCODE_NL.finditer(text):
        spans.append(Span(m.start(), m.end(), "ADDRESS", 2))
    for m in RE_POSTCODE_NL_LOWER.finditer(text):
        if not _overlaps((m.start(), m.end()), dates):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 3))
    for m in RE_NAME_INTRO_SCRIPT.finditer(text):
        words = m.group(1).split()
        if len(words) > 1 and (words[1] in SCRIPT_NAME_STOP or words[1].startswith("و") and len(words[1]) > 4):
            # "اسمي أحمد وعمري ١٥": a word glued to "and" starts the next clause
            words = words[:1]
        if words and words[0] not in SCRIPT_NAME_STOP:
            spans.append(Span(m.start(1), m.start(1) + len(" ".join(words)), "PERSON", 2))
    for m in RE_NAME_INTRO_HAN.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "PERSON", 2))
    for m in RE_POSTCODE_NL_LOWER_SP.finditer(text):
        # "1234 ab utrecht": lowercase with a space only next to a town or after an address cue
        nxt = re.match(r"\s*,?\s*([^\W\d_][\w'-]*)", text[m.end() :])
        town = bool(nxt) and fold(nxt.group(1)) in lookups().place_words and not lookups().is_common(nxt.group(1)) \
            if nxt else False  # "pay back 8000 to the people": "the" of "The Hague" is no town

        if town or RE_POSTCODE_CUE.search(_tail(text, m.start())) or re.search(r"\d[a-z]?\s*,\s*$", _tail(text, m.start())):
            spans.append(Span(m.start(), m.end(), "ADDRESS", 3))
    return spans


# Capitalised words before a number that are no street: "groep 8", "klas 3", "Windows 11", "Route 66"
NOT_STREET_NAMES = {
    "groep", "klas", "windows", "iphone", "galaxy", "fifa", "level", "kamer", "room", "bus", "tram", "lijn", "top",
    "fase", "stap", "route", "hoofdstuk", "seizoen", "season", "jaar", "nummer", "nr", "ps", "playstation", "xbox",
    "a", "n", "e", "r", "s", "gate", "perron", "spoor", "afrit", "exit", "pagina", "page", "artikel", "article",
}


def _detect_streets(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in RE_STREET_WORD.finditer(text):
        word = m.group(0)
        low = fold(word)
        if low in STREET_STOP or low in lookups().stop or len(word) < 6 or low in lookups().places:
            continue
        suffix = next((s for s in sorted(STREET_SUFFIXES.split("|"), key=len, reverse=True) if low.endswith(s)), "")
        if len(low) - len(suffix) < 3 and "-" not in low:
            continue
        if suffix == "ring" and word.islower() and re.search(r"[aeiou]ring$", low):
            continue  # "offering 3000 a month", "during 2 weeks": English words, not a Ring street

        s, e = m.start(), m.end()
        # extend left over capitalised words / particles: "Lange Leemstraat", "Prins Hendrikkade", "Van Baerlestraat"
        while True:
            win = max(0, s - 60)
            pm = re.search(RE_STREET_PREFIX, text[win:s])
            if not pm:
                break
            w = pm.group(1)
            wl = fold(w)
            if wl in lookups().places or re.search(r"\w['’][a-z]{1,5}$", w):
                break  # a town, or a word with a case ending ("Feijenoord'da") is not part of the street
            if w[0].isupper():
                if wl in lookups().stop and wl not in STREET_PREFIX_OK:
                    break
                # sentence-initial capital of an ordinary word ("In Kerkstraat") is excluded by the stoplist
            elif wl in STREET_PREFIX_OK and wl not in ("van", "de", "der", "den", "het", "'t", "ter", "ten", "sint"):
                pass  # "lange leemstraat", "oude gracht"
            else:
                # lowercase particle only counts when a capitalised word precedes it ("Van der Helststraat")
                if not (e - s > 0 and text[s].isupper()):
                    break
                if wl in ("de", "het") and not re.search(r"[A-Z][\w'’.-]*\s+$", _tail(text, win + pm.start())):
                    break
            s = win + pm.start(1)
            if e - s > 60:
                break
        num = RE_HOUSE_NUMBER.match(text[e:])
        capital = word[0].isupper()
        strong = suffix in STRONG_STREET
        if num and num.group(1).strip():
            e2 = e + num.end(1)
            spans.append(Span(s, e2, "ADDRESS", 2))
        elif (capital and (strong or suffix in ("park", "markt", "hof", "ring", "baan", "veld", "haven", "dam"))) or (
            strong
            and re.search(r"\b(?:in|op|aan|at|on|bij|naar|uit|de|the)\s+(?:de\s+|het\s+)?$", _tail(text, s), _I)
        ):
            if not capital and not strong:
                continue
            # a park without a house number is a place ("slaapt in het Maximiliaanpark"), a street an address
            spans.append(Span(s, e, "LOCATION" if suffix == "park" else "ADDRESS", 3))
    for m in RE_FR_STREET.finditer(text):
        name = m.group(2) or ""
        has_num = bool(m.group(1) or m.group(3))
        if not has_num and not name[:1].isupper():
            continue
        if not has_num and fold(name.split()[0]) in lookups().stop and not (
            text[m.start()].isupper() and name[:1].isupper()  # "Rue de Brabant": both capitalised, a street name
        ):
            continue
        e = m.end()
        while e > m.start() and text[e - 1] in " ,":
            e -= 1
        # trim trailing lowercase words that are not part of the name ("rue de la Loi et ...")
        spans.append(Span(m.start(), e, "ADDRESS", 2))
    for rx in (RE_STREET_WORD_FIRST, RE_FOREIGN_STREET):
        for m in rx.finditer(text):
            e = m.end()
            num = RE_HOUSE_NUMBER.match(text[e:])
            if num and num.group(1).strip():
                e += num.end(1)
                bis = re.match(r"^-?(?:bis|ter)\b", text[e:])
                e += bis.end() if bis else 0
            spans.append(Span(m.start(), e, "ADDRESS", 2))
    for m in RE_EN_STREET.finditer(text):
        spans.append(Span(m.start(), m.end(), "ADDRESS", 2))
    for m in RE_ARTICLE_STREET.finditer(text):
        first = fold(m.group(1).split()[0])
        if first not in lookups().stop and first not in lookups().places and first not in NOT_STREET_NAMES:
            spans.append(Span(m.start(1), m.end(1), "ADDRESS", 3))
    for m in RE_NAME_NUMBER_TOWN.finditer(text):
        first = fold(m.group(1).split()[0])
        if fold(m.group(2)) in lookups().places and first not in lookups().stop and first not in lookups().places \
                and first not in lookups().first and first not in NOT_STREET_NAMES:
            spans.append(Span(m.start(1), m.end(1), "ADDRESS", 3))
    for m in RE_ADDR_CUE_STREET.finditer(text):
        first = fold(m.group(1).split()[0])
        if first not in lookups().stop and first not in lookups().places:
            spans.append(Span(m.start(1), m.end(1), "ADDRESS", 3))
    return spans


def _is_title(w: str) -> bool:
    return len(w) > 0 and w[0].isupper() and (len(w) == 1 or not w[1:].isupper() or len(w) <= 2)


def _is_word(w: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w))


def _detect_tokens(text: str) -> list[Span]:
    """Names and places, on spaCy tokens."""
    lk = lookups()
    doc = lk.nlp.make_doc(text)
    toks = [t for t in doc]
    n = len(toks)
    spans: list[Span] = []
    all_caps_text = sum(c.isupper() for c in text) > 0.6 * max(1, sum(c.isalpha() for c in text))
    alpha = [t for t in toks if t.is_alpha]
    titlecase_heavy = len(alpha) >= 4 and sum(1 for t in alpha if t.text[:1].isupper()) > 0.5 * len(alpha)
    def sent_start_at(pos: int) -> bool:
        return bool(re.search(r"[.!?\n]\s*$", _tail(text, pos, 20))) or not text[:pos].strip()

    # Vietnamese text: many common words fold to names (mình -> minh); only capitalised names count there
    viet_text = sum(1 for c in text if c in VIET_CHARS) >= 2

    def sent_start(i: int) -> bool:
        j = i - 1
        while j >= 0 and toks[j].is_space:
            if "\n" in toks[j].text:
                return True
            j -= 1
        if j < 0:
            return True
        prev = toks[j].text
        return prev in {".", "!", "?", "…", "...", "\n", '"', "“", "-", "–", "*", ":"} or bool(
            re.fullmatch(r"[^\w\s,;']+", prev)
        ) or "\n" in toks[j].whitespace_

    def prev_word(i: int) -> str:
        j = i - 1
        while j >= 0 and (toks[j].is_space or toks[j].is_punct):
            return ""
        return fold(toks[j].text) if j >= 0 else ""

    # ---- places from the gazetteer
    for match_id, s, e in lk.matcher(doc):
        label = lk.nlp.vocab.strings[match_id]
        span = doc[s:e]
        surface = span.text
        key = fold(surface)
        start, end = span.start_char, span.end_char
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@_"):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue
        ambiguous = (
            key in lk.stop
            or key in lk.first
            or key in lk.sur
            or len(key) <= 3
        )
        if ambiguous and label in ("PLACE", "HOOD"):
            capital = surface[0].isupper() and not surface.isupper() or (all_caps_text and surface.isupper())
            pw = prev_word(s)
            if pw in ("'t", "t", "het", "de", "le", "la") and re.search(
                r"(?i:\b(?:in|uit|naar|bij|rond|van|à|dans))\s+(?:'t|het|de|le|la)\s+$", _tail(text, start)
            ):
                pw = "in"  # "in 't Kiel", "naar de Bijlmer"
            after = text[end : end + 3]
            prev_is_postcode = bool(re.search(r"\d{4}\s?(?:[A-Za-z]{2})?\s*$", _tail(text, start)))
            if not prev_is_postcode and not (capital and (pw in LOC_PREPS) and not sent_start(s)):
                continue
            if key in lk.first and pw in ("van", "de", "met") and not prev_is_postcode:
                continue
            del after
        if label == "HOTEL" and key in lk.stop:
            continue
        num = RE_HOUSE_NUMBER.match(text[end:]) if label in ("STATION", "HOOD") else None
        if num and re.fullmatch(r"\s*\d{1,2}\s?[hu]", num.group(1)):
            num = None  # "a Matonge 11h par jour": hours, not a house number
        if num and num.group(1).strip() and re.match(r"^\s*\d", num.group(1)):
            spans.append(Span(start, end + num.end(1), "ADDRESS", 2))  # "Meir 28": a street after all
            continue
        spans.append(Span(start, end, "LOCATION", 3 if e - s == 1 else 2))
        # station suffixes: "Utrecht Centraal", "Antwerpen-Centraal", "Brussel-Zuid"
        tail = re.match(r"^(?:[- ](?:Centraal|CS|C\.S\.|Centrum|Zuid|Noord|Oost|West|Sloterdijk|Amstel|Lelylaan|"
                        r"Muiderpoort|Bijlmer|Berchem|Sint-Pieters|Dampoort|Midi|Nord|HS|Hollands Spoor))\b",
                        text[end:], _I)
        if tail and label in ("PLACE",):
            spans.append(Span(start, end + tail.end(), "LOCATION", 2))

    # ---- cue + name: "station Utrecht Centraal", "hotel De Gouden Leeuw", "azc Ter Apel"
    for m in RE_LOC_CUE_NAME.finditer(text) if not all_caps_text else ():
        name = m.group(1)
        first = name.split()[0]
        if not first[0].isupper():
            continue
        words = name.split()
        s = m.start(1)
        # "centre Fedasil de Gilze": drop leading ordinary words and the particle after them
        while len(words) > 1 and fold(words[0]) in lk.stop and fold(words[0]) not in ("sint", "saint", "ter", "ten"):
            s += len(words[0])
            while s < len(text) and text[s].isspace():
                s += 1
            words = words[1:]
            if len(words) > 1 and fold(words[0]) in ("de", "du", "la", "le", "van", "des"):
                s += len(words[0])
                while s < len(text) and text[s].isspace():
                    s += 1
                words = words[1:]
        # drop trailing words that are ordinary words in lowercase-heavy text
        while words and (fold(words[-1]) in lk.stop and not words[-1][0].isupper()):
            words.pop()
        if not words:
            continue
        if all(fold(w) in lk.stop for w in words):
            continue
        if fold(words[0]) in lk.stop and len(words) == 1:
            continue
        e = s + len(" ".join(words)) if " ".join(words) == text[s : s + len(" ".join(words))] else m.end(1)
        spans.append(Span(s, e, "LOCATION", 2))

    # ---- capitalised unknown words right after a place preposition: "ik woon in Wijhe", "uit Den Dolder"
    for m in RE_PLACE_PREP.finditer(text):
        words = m.group(1).split()
        if not words or any(fold(w) in lk.stop for w in words[-1:]) or fold(words[0]) in lk.stop and len(words) == 1:
            continue
        head = fold(words[0])
        if head in lk.first or head in lk.sur or re.search(r"[a-z][A-Z]", m.group(1)):
            continue
        if titlecase_heavy or (m.start(1) > 0 and sent_start_at(m.start(1))):
            continue
        spans.append(Span(m.start(1), m.end(1), "LOCATION", 4))

    # ---- lowercase named schools: "op het maerlant lyceum", "naar het don bosco instituut"
    low_text = text.lower()
    for m in RE_SCHOOL_LOWER.finditer(low_text if len(low_text) == len(text) else text):
        words = m.group(1).split()
        if words and not any(fold(w) in lk.stop for w in words[:-1]):
            spans.append(Span(m.start(1), m.end(1), "LOCATION", 3))

    # ---- area codes used as city names: "ik kom uit 010", "jongens van 020"
    for m in RE_AREA_CODE_CITY.finditer(text):
        spans.append(Span(m.start(1), m.end(1), "LOCATION", 3))

    # ---- named schools
    for m in RE_SCHOOL.finditer(text) if not all_caps_text else ():
        frag = m.group(0)
        if fold(frag) in SCHOOL_GENERIC:
            continue
        words = frag.split()
        s, e = m.start(), m.end()
        # strip leading article / ordinary words ("op het Erasmus College" -> "Erasmus College")
        after_school = False
        while words and (
            fold(words[0]) in lk.stop
            and fold(words[0]) not in ("sint", "st", "st.")
            and not (len(words) > 1 and words[0][0].isupper() and fold(words[0]) in ("da", "de", "van", "la", "le", "don"))
            # "le collège Jean Moulin": a capitalised name right after the school word is the school's name
            and not (after_school and words[0][0].isupper())
        ):
            after_school = bool(re.fullmatch(SCHOOL_WORDS, words[0], _I))
            s += len(words[0])
            while s < e and text[s].isspace():
                s += 1
            words = words[1:]
        if len(words) < 1:
            continue
        content = [w for w in words if not re.fullmatch(SCHOOL_WORDS, w, _I)]
        if words and re.fullmatch(SCHOOL_WORDS, words[0], _I) and len(words) > 1 and not words[0][0].isupper():
            # "school De Regenboog": a lowercase generic word stays outside; "Lycée Jacques Brel" keeps it
            s = s + len(words[0])
            while s < e and text[s].isspace():
                s += 1
            words = words[1:]
        if not content and len(words) == 1 and not re.search(r"[a-z](?:college|lyceum|school|instituut|atheneum)",
                                                               frag, _I):
            continue
        if content and all(fold(w) in lk.stop and fold(w) not in lk.first and fold(w) not in lk.sur for w in content):
            continue  # "collège Jean Moulin", "school Don Bosco": schools named after people keep their name
        spans.append(Span(s, e, "LOCATION", 2))

    # ---- named businesses and facilities. The cue word stays readable ("hotel", "carwash", "azc" carry the
    # meaning of the conversation; the contract keeps them): only the name is a span.
    for m in RE_BUSINESS_CUE_NAME.finditer(text) if not all_caps_text else ():
        words = m.group(1).split()
        while words and (fold(words[-1]) in lk.stop and not words[-1][0].isupper() or words[-1] in ("&", "en", "and")):
            words.pop()
        if not words or fold(words[0]) in lk.stop and len(words) == 1 and not words[0][0].isupper():
            continue
        if sent_start_at(m.start(1)) or re.fullmatch(r"(?:de|het|la|le|les|the)", fold(words[0])) and len(words) == 1:
            continue
        if fold(" ".join(words)) in SCHOOL_GENERIC or words[0].isupper() and len(words[0]) > 4:
            continue
        if len(words) > 2 and words[-2] == "en" and fold(words[-1]) in lk.places:
            words = words[:-2]  # "restaurante La Bodega en Maastricht": the town is a span of its own
        e = m.start(1) + len(" ".join(words))
        if text[m.start(1) : e] != " ".join(words):
            e = m.end(1)
        spans.append(Span(m.start(), e, "LOCATION", 1))
    for m in RE_BUSINESS_NAME.finditer(text) if not all_caps_text and not titlecase_heavy else ():
        words = m.group(0).split()
        if fold(words[0]) in lk.stop and words[0][0].isupper() and sent_start_at(m.start()) and len(words) == 2:
            continue  # "Super clean" at the start of a sentence is not a name; "Maasstad Ziekenhuis" is
        spans.append(Span(m.start(), m.end(), "LOCATION", 1))

    # ---- person names
    def _word_name_in_use(i: int) -> bool:
        """A listed name that is also a word (hoop, storm, joy, will, angel...) used as a name, in any case:
        after a relation noun or "ik ben", before a verb of a person, next to another name, after "bel"."""
        t = toks[i]
        pw = prev_word(i)
        before = _tail(text, t.idx, 40)
        after = text[t.idx + len(t.text) :]
        if t.text.islower() and fold(t.text) in NEVER_LOWER_NAMES:
            return False  # "tout, mais elle a", "16 ans elle est": a conjunction or a noun, not a name
        rel = RE_REL_BEFORE.search(before)
        if rel and fold(rel.group(0).strip(" :,")) == "son" and not re.search(
                r"(?i:\b(?:my|his|her|our|your|their|the|whose|a)\s+son\s*[:,]?\s*)$", before):
            rel = None  # French "son" (his/her): "je suis son trésor"; English "my son Joy" stays a relation
        if rel:
            # "mn vriendin roos", "leerling Hope", "l'éducatrice de Marine"; but not "mijn lief wil dat", "the
            # madam said", "une copine mais": a verb or conjunction after the relation noun is its own word
            return not (t.text.islower() and (fold(t.text) in lk.function_words or fold(t.text) in REL_NOT_NAMES))
        if pw in NOT_BEFORE_WORD_NAME:
            return False  # "ik hoop", "geen hoop", "i will", "vol hoop"
        if RE_INTRO.search(before) and not RE_ADJECTIVE_LIKE.search(fold(t.text)):
            return True  # "ik ben joy"
        if t.text.islower() and fold(t.text) in WORD_FIRST_NAMES and not RE_PERSON_STATE.match(after) and re.match(
                r"^\s*(?:doet|deed|has|had|heeft|is|was|geeft|gaf|komt|kwam|gaat|ging|blijft|bleef|gives|keeps|dies|"
                r"sterft|leeft|lives|makes|maakt|wil|will|kan|can)\b", after, _I):
            return False  # "hoop doet leven", "hope has left me": the noun; "hope is asleep", "hope zegt" a name
        if RE_PERSON_AFTER.match(after):
            return True  # "will zegt", "Hoop is mn nichtje", "Joy (24)", "faith haar moeder"
        if re.match(r"^\s*(?:en\s+ik|and\s+i|and\s+me|et\s+moi)\b", after, _I) and (
                sent_start(i) or pw == "" and toks[i - 1].text == ","):
            return True  # "joy en ik werkten samen", "..., storm and i": a name starting a clause
        if pw in ("bel", "call", "app", "appen", "bellen", "sms", "text") or (
            pw in ("bij", "chez") and re.match(r"^\s+(?:in|op|aan|thuis)\b", after)
        ):
            return True  # "bel sunny op +32...", "ik woon bij hope in de Kruiskade"
        # "angel en faith", "Rose en Angel": two names joined by "en"
        m = re.match(r"^\s*(?:en|and|et|&|,)\s*([^\W\d_]+)", after)
        if m and fold(m.group(1)) in lk.first and (fold(m.group(1)) not in NOT_BEFORE_WORD_NAME or RE_PERSON_AFTER.match(
                after[m.end() :]) or RE_PLURAL_VERB.match(after[m.end() :])):
            return True  # "angel en faith", "storm and will picked me up"
        m = re.search(r"([^\W\d_]+)\s*(?:en|and|et|&|,)\s*$", before)
        return bool(m and fold(m.group(1)) in lk.first and fold(m.group(1)) not in lk.stop | NOT_BEFORE_WORD_NAME
                    or m and fold(m.group(1)) in lk.first and (RE_PERSON_AFTER.match(after) or RE_PLURAL_VERB.match(after)))

    def looks_name(i: int, cue: str | None) -> int:
        """0: no, 1: weak (needs support), 2: yes."""
        t = toks[i]
        w = re.sub(r"['’]s$", "", t.text)  # possessive: "Rachid's"
        if not _is_word(w) or len(w) < 2:
            return 0
        if re.match(r"^(?:[mltdjsnc]|qu)['’]", w) and not re.match(r"^[DO]['’][A-Z]", w):
            return 0
        f = fold(w)
        if RE_HYPHEN_PLACE_PART.search(f) and (f.split("-")[0] in lk.places or f.split("-")[-1] not in PLACE_PARTS):
            return 0  # "Nijmegen-Oost", "de Hoenderloo-groep": a part of a town or a facility, not a person
        capital = _is_title(w) or (all_caps_text and w.isupper())
        common = f in lk.stop
        if f in PARTICLES:
            return 0
        title_case_w = _is_title(w) and not w.isupper()
        listed = f in lk.first or ("-" in f and all(p in lk.first for p in f.split("-")))
        if listed and not (viet_text and not capital and cue != "strong"):
            if not common:
                return 2
            if prev_word(i) in ("a", "an", "the", "een", "de", "het", "le", "la", "un", "une", "this", "die", "deze") \
                    and not (capital and RE_FR_OF_BEFORE.search(_tail(text, t.idx, 40))):
                return 0  # "a Guy at the station", "een Roos"; but "la prof de Joy", "le tel de Joy"
            if w.islower() and f in lk.function_words and not RE_REL_BEFORE.search(_tail(text, t.idx, 40)) \
                    and not RE_NAMING_BEFORE.search(_tail(text, t.idx, 30)):
                return 0  # "mn bsn is ... dat heeft hij gebruikt", "the school called my mum"
            if w.islower() and f in lk.function_words and RE_INTRO.search(_tail(text, t.idx, 30)) \
                    and not RE_NAME_END.match(text[t.idx + len(t.text) :]):
                return 0  # "je suis son neveu", "i'm an au pair": after "I am", a function word starts a phrase
            if cue == "strong":
                return 2
            if capital and not w.isupper() and not sent_start(i):
                return 2
            if title_case_w and RE_NAME_FOLLOW.match(text[t.idx + len(t.text) :]):
                return 2  # "Roos en ik zijn weggelopen", "Hoop is mijn vriend"
            return 2 if _word_name_in_use(i) else 1
        if cue == "strong" and (not common or (_is_title(w) and not w.isupper() and len(f) > 2)):
            return 2  # "ik heet yordanos", "his name is Mentor"
        if (
            cue == "weak-rel"
            and not common
            and f.isalpha()
            and len(f) >= 3
            and f not in lk.places
            and RE_INTRO.search(_tail(text, t.idx))
            and (RE_GREETING.match(text, 0, t.idx) or RE_AGE_AFTER.match(text[t.idx + len(t.text) :]))
            and not RE_ADJECTIVE_LIKE.search(f)
            and not re.match(r"^\s+(?:aan|op|met|voor|bij|naar|om|over|at|with|to|of|about|dat|that|want|omdat|"
                             r"because|so|zo|te|too|heel|erg|really|very|niet|not|pas|à|de|avec)\b",
                             text[t.idx + len(t.text) :], _I)
        ):
            return 2  # "hoi ik ben yordanos", "ik ben dawit, 15"
        if (
            cue == "weak-rel"
            and not common
            and f.isalpha()
            and len(f) >= 3
            and f not in lk.places
            and not RE_ADJECTIVE_LIKE.search(f)
            and not re.search(r"(?:t|d|en|je|tje)$", f)
            and not RE_INTRO.search(_tail(text, t.idx))
            and re.search(r"(?i:\b(?:" + RELATIONS + r"))\s*[:,]?\s*$", _tail(text, t.idx))
            # "her bf kelvo in a flat", "mijn vriend yordanos, hij...": the clause ends or a place follows
            and (re.match(r"^\s*(?:[,.!?)]|$|(?:en|and|et)\b)", text[t.idx + len(t.text) :])
                 or not re.search(r"(?:s|ed|ing)$", f)  # "my gf dances at a club": a verb, not a name
                 and re.match(r"^\s*(?:in|at|op|bij|uit|from|dans|chez|à)\s+(?:(?:a|an|the|de|het|een|'t|la|le|les|un|"
                              r"une)\b|[A-Z])", text[t.idx + len(t.text) :]))
            or cue == "weak-rel" and not common and f.isalpha() and len(f) >= 3
            and re.search(r"(?i:\b(?:" + RELATIONS + r"))\s*[:,]?\s*$", _tail(text, t.idx))
            and RE_SPEECH_AFTER.match(text[t.idx + len(t.text) :])
        ):
            return 2  # "mijn vriend yordanos, hij...", "m'n ex dawit zei"
        title_case = _is_title(w) and not w.isupper()
        if title_case and RE_TITLE_CUE.search(text[max(0, t.idx - 20) : t.idx]):
            return 2  # "mevrouw Bakker", "meneer De Smet"
        if (not common and w.islower() and len(f) >= 3 and f not in lk.places and not RE_ADJECTIVE_LIKE.search(f)
                and RE_TITLE_POLITE.search(text[max(0, t.idx - 20) : t.idx])):
            return 2  # "my tutor is ms harrington", "meneer jansen": a title takes a lowercase name too
        if (
            title_case
            and common
            and cue == "weak-rel"
            and not sent_start(i)
            and not titlecase_heavy
            and len(f) > 2
            and not re.search(r"(?i:\b(?:ben|am|suis|c'est|is|i'm|im|its|it's))\s*[:,]?\s*$", _tail(text, t.idx))
        ):
            return 2  # "mijn broer Hoop", "m'n vriendin Roos": a capitalised word right after a relation
        if f in lk.sur and not common and capital and not sent_start(i) and f not in lk.places:
            return 2
        if not title_case or common or f in lk.places or len(f) < 3 or f in lk.place_words:
            return 0
        if re.search(r"[a-z][A-Z]", w):  # CamelCase brands: PostNL, WhatsApp
            return 0
        if cue == "weak-rel":
            return 2
        if prev_word(i) in PLACE_PREP_WORDS:
            return 0  # "from Leeds", "naar Wijhe": left to the place rules
        if not titlecase_heavy:
            after = text[t.idx + len(t.text) :]
            if sent_start(i):
                return 2 if RE_SPEECH_AFTER.match(after) or RE_NAME_FOLLOW.match(after) else 0
            prev = toks[i - 1].text if i > 0 else ""
            if (
                cue == "weak"
                or prev == ","
                or re.match(r"^\s*(?:,|en\b|and\b|et\b|&)", after)
                or RE_VERB_AFTER.match(after)
            ):
                return 2
        return 0

    def extend(i: int, j: int) -> int:
        """Extend a name that ends at token j (exclusive) over surname parts; returns new end."""
        k = j
        while k < n and k - i < 6:
            # hyphenated double names glued without spaces: "El-Amrani", "Jan-Willem"
            if toks[k].text in ("-",) and not toks[k - 1].whitespace_ and k + 1 < n and not toks[k].whitespace_:
                nxt = toks[k + 1].text
                if _is_word(nxt) and (_is_title(nxt) or fold(nxt) in lk.sur or fold(nxt) in lk.first):
                    k += 2
                    continue
                break
            w = toks[k].text
            f = fold(w)
            if f in PARTICLES and f not in ("in", "op", "a", "te") or f in ("van der", "van den", "van de"):
                # particles chain, but only when a surname-like word follows
                m = k
                while m < n and fold(toks[m].text) in PARTICLES and m - k < 3:
                    m += 1
                if m < n and _is_word(toks[m].text) and (
                    (_is_title(toks[m].text) and fold(toks[m].text) not in lk.stop)
                    or (fold(toks[m].text) in lk.sur and fold(toks[m].text) not in lk.stop)
                    or (_is_title(toks[m].text) and fold(toks[m].text) in lk.sur)
                    # "yonas van dijk", "lisa de boer": a listed surname after a Dutch particle, any case
                    or (fold(toks[m].text) in lk.sur and fold(toks[m - 1].text) in ("van", "de", "der", "den", "ter", "ten"))
                ):
                    if fold(toks[m].text) in lk.places and fold(toks[m].text) not in lk.sur:
                        break
                    k = m + 1
                    continue
                break
            if re.fullmatch(r"[A-Z]\.?", w) and w not in ("I", "A"):
                k += 1  # surname initial: "Kevin B", "Big K", "Jan B."
                if k < n and toks[k].text == "." and not toks[k - 1].whitespace_:
                    k += 1
                break
            if not _is_word(w):
                break
            if fold(w) in lk.places and not _is_title(w) and f not in lk.sur:
                break
            if _is_title(w) and f not in lk.stop and not (f in lk.places and f not in lk.sur and f not in lk.first):
                k += 1
                continue
            if _is_title(w) and f in lk.sur:
                k += 1
                continue
            if f in lk.sur and f not in lk.stop:
                k += 1
                continue
            if f in COMMON_SURNAMES and k == i + 1:
                k += 1  # "fenna visser", "lisa bakker": a bare noun right after a first name is a surname
                continue
            if "-" in f and (f.split("-")[-1] in lk.sur or f.split("-")[0] in PARTICLES) and f not in lk.stop:
                k += 1  # "el-khattabi", "ait-ouali"
                continue
            if (
                not _is_title(w)
                and f not in lk.stop
                and f not in lk.places
                and re.search(r"(?:oglu|oğlu|ski|ska|escu|eanu|ovic|ović|ić|sen|ssen|stra|inga|ema|huis|kamp|"
                              r"ink|ov|ova|ev|eva|zai|zada|yan|ian|aoui|ouni|ani|aoui|ali)$", f)
                and len(f) > 4
            ):
                k += 1
                continue
            break
        return k

    i = 0
    while i < n:
        t = toks[i]
        if t.is_space or t.is_punct:
            i += 1
            continue
        if t.text.islower() and "'" not in t.text and "’" not in t.text:
            f0 = fold(t.text)
            if f0 in lk.stop and f0 not in lk.first and f0 not in ("van", "de", "el", "al", "ben", "ait") and not (
                    "-" in f0 and all(p in lk.first for p in f0.split("-"))):
                # a common word in lower case, no listed name, no particle: not a name whatever the cue (the
                # three cue searches below are most of the time spent per token)
                i += 1
                continue
        before = text[max(0, t.idx - 45) : t.idx]
        cue: str | None = None
        if RE_NAMING_CUE.search(before):
            cue = "strong"  # "ik heet X": any word that is not an ordinary word
        elif RE_STRONG_CUE.search(before):
            cue = "weak-rel"  # "m'n broer X", "mevrouw X": listed names, or capitalised unknown words
        elif RE_WEAK_CUE.search(before):
            cue = "weak"
        score = looks_name(i, cue)
        if score == 1:
            nxt_j = i + 1
            verb = RE_VERB_AFTER.match(text[t.idx + len(t.text) :])
            surname_next = extend(i, i + 1) > i + 1
            capital = _is_title(t.text) and not t.text.isupper()
            if (
                cue in ("weak", "weak-rel") and capital
                or surname_next and capital
                or (verb and capital and not sent_start(i) and fold(t.text) not in {"will", "may", "mag", "can"})
                or (capital and RE_SPEECH_AFTER.match(text[t.idx + len(t.text) :]))
            ):
                score = 2
            del nxt_j
        if score == 2:
            j = extend(i, i + 1) if not re.search(r"['’]s$", t.text) else i + 1
            s, e = t.idx, toks[j - 1].idx + len(toks[j - 1].text)
            if re.search(r"\w['’]s$", text[s:e]):
                e -= 2
            # trailing possessive ("Lisa's") stays in the name span only up to the apostrophe
            spans.append(Span(s, e, "PERSON", 2 if cue == "strong" or j - i > 1 else 3))
            i = j
            continue
        # particle-led surnames without first name: "meneer van Dijk", "De Vries zei"
        f = fold(t.text)
        if (
            f in ("van", "de", "el", "al", "ben", "ait")
            and (t.text[0].isupper() or cue in ("strong", "weak-rel"))
            and not (t.text.isupper() and len(t.text) > 1 and not all_caps_text)
            and not (f == "ben" and prev_word(i) == "ik")
        ):
            j = extend(i, i)
            if j > i + 1:
                last = fold(toks[j - 1].text)
                ok = last in lk.sur or cue in ("strong", "weak-rel") or not t.text.isupper() and (
                    last not in lk.places and t.text[0].isupper() and not sent_start(i)
                )
                if ok and (last not in lk.places or last in lk.sur):
                    end = toks[j - 1].idx + len(toks[j - 1].text)
                    # "weggelopen uit De Koppeling", "ze zit in De Hoenderloo": "De X" after a place word is a
                    # youth-care home or a venue, not a family name
                    typ = "LOCATION" if f == "de" and t.text[0] == "D" and prev_word(i) in RESIDENCE_PREPS \
                        and last not in lk.sur else "PERSON"
                    spans.append(Span(t.idx, end, typ, 3))
                    i = j
                    continue
        i += 1

    for m in RE_INITIALS.finditer(text):
        last = fold(m.group(0).split()[-1])
        if last in lk.stop and last not in lk.sur:
            continue
        spans.append(Span(m.start(), m.end(), "PERSON", 2))

    # brand names that look like people ("Albert Heijn") are not persons; "Van der Valk" is a hotel
    out: list[Span] = []
    for sp in spans:
        frag = fold(text[sp.start : sp.end])
        if sp.type == "PERSON" and frag in NOT_PERSONS:
            continue
        out.append(sp)
    return out


PLACE_PARTS = {"noord", "zuid", "oost", "west", "centrum", "centraal", "buiten", "binnenstad", "stad", "dorp"}
RE_HYPHEN_PLACE_PART = re.compile(
    r"\w-(?:noord|zuid|oost|west|centrum|centraal|buiten|binnenstad|stad|dorp|groep|huis|school|college|kliniek|"
    r"centre|center|opvang|hotel|kamp|camp|wijk|park|plein)$")
# "Nijmegen-Oost", "Leuven-Centrum": a listed town and a part of it
RE_TOWN_PART = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w'’]+(?:-[A-ZÀ-Ý][\w'’]+)?)-(?:Noord|Zuid|Oost|West|Centrum|Centraal|Buiten|Binnenstad)(?![\w-])")


# Verbs and conjunctions that follow a relation noun and are also listed names ("mijn lief wil", "the madam said")
REL_NOT_NAMES = {
    "mais", "said", "wil", "will", "dan", "dat", "son", "may", "can", "mag", "kan", "zal", "moet", "zei", "zegt", "heeft",
    "had", "is", "was", "est", "dit", "veut", "wants", "says", "told", "ook", "also", "aussi", "weer", "nog", "gaat",
    "komt", "liet", "laat", "zit", "woont", "werkt", "tine", "ama", "ana", "ans", "adam", "tam", "jest", "nie", "już",
    "też", "care",
}
# Listed names that, in lower case, are a word of another language or a noun first ("ans", "mais", Darija "ana")
NEVER_LOWER_NAMES = {"mais", "ans", "ama", "ana", "tine", "haya", "guy", "tam", "erin"}
# "la prof de Joy", "le tel de Joy": French "de" (of) after a noun with a French article, not the Dutch article
RE_FR_OF_BEFORE = re.compile(r"(?i:\b(?:le|la|les|l'|du|des|un|une|mon|ma|sa|son|ton|ta)\s*[\w'’-]+\s+de\s*)$")
# What may follow a self-introduction's name: end of clause, an age, "en"/"and"
RE_NAME_END = re.compile(r"^\s*(?:[,.!?)]|$|\d|en\b|and\b|et\b|hier\b|here\b|ici\b)", _I)
RESIDENCE_PREPS = {"uit", "in", "naar", "van", "from", "at", "bij", "op"}

NOT_PERSONS = {

    "albert heijn", "albert", "van der valk", "van haren", "veilig thuis", "child focus", "burger king",
    "de lijn", "jumbo", "action", "kruidvat", "zeeman", "blokker", "van heusden", "douglas", "ici paris",
    "mcdonald", "mcdonalds", "victoria's secret", "tommy hilfiger", "ralph lauren", "calvin klein", "hugo boss",
}


# ----------------------------------------------------------------------------------------------------------
# Resolution and output
# ----------------------------------------------------------------------------------------------------------


def _resolve(spans: list[Span], text: str) -> list[Span]:
    # Higher priority (lower number) first, then longer.
    ordered = sorted(spans, key=lambda s: (s.priority, -(s.end - s.start), s.start))
    chosen: list[Span] = []
    starts: list[int] = []  # starts of the chosen spans, sorted (chosen spans never overlap)
    by_start: dict[int, Span] = {}
    for sp in ordered:
        if sp.end <= sp.start:
            continue
        i = bisect.bisect_left(starts, sp.end)  # chosen spans that start before sp ends: starts[:i]
        if i > 0 and by_start[starts[i - 1]].end > sp.start:
            continue
        bisect.insort(starts, sp.start)
        by_start[sp.start] = sp
        chosen.append(sp)
    chosen.sort(key=lambda s: s.start)
    # Merge a postcode directly before a place ("1234 AB Utrecht" stays two spans; "2000 Antwerpen": the 4
    # digits become ADDRESS when a place follows).
    extra: list[Span] = []
    for sp in chosen:
        if sp.type == "LOCATION":
            m = re.search(r"(?<![\w-])([1-9]\d{3})\s+$", _tail(text, sp.start))
            if m and not any(c.start < m.end(1) and m.start(1) < c.end for c in chosen):
                extra.append(Span(m.start(1), m.end(1), "ADDRESS", 3))
    for m in RE_POSTCODE_4.finditer(text):
        if RE_POSTCODE_CUE.search(_tail(text, m.start())) and not any(
            c.start < m.end() and m.start() < c.end for c in chosen + extra
        ):
            extra.append(Span(m.start(), m.end(), "ADDRESS", 3))
    if extra:
        chosen = sorted(chosen + extra, key=lambda s: s.start)
    return chosen


def _grow_locations(text: str, spans: list[Span]) -> list[Span]:
    """Join the parts of one place: "Ibis" + "Amsterdam" + "Airport", "station almere buiten", "de Jumbo in X"."""
    out: list[Span] = []
    for sp in spans:
        if sp.type == "LOCATION":
            s, e = sp.start, sp.end
            while True:  # "Almere Buiten", "Ibis Charleroi Gare"
                m = RE_PLACE_SUFFIX.match(text[e:]) or (
                    re.match(r"^ (?i:buiten|centrum|centraal|poort)(?!\w)", text[e:]) if text[s:e].islower() else None
                )
                if not m:
                    break
                e += m.end()
            prev_end = out[-1].end if out else 0
            cm = RE_CHAIN_BEFORE.search(text, max(prev_end, s - 40), s)
            if cm:
                s = cm.start()
            if out and out[-1].type == "LOCATION" and not text[out[-1].end : s].strip(" -"):
                s = out.pop().start  # adjacent parts of one name
            sp = Span(s, e, "LOCATION", sp.priority)
        elif sp.type == "ADDRESS" and out and out[-1].type == "ADDRESS" and re.fullmatch(r",?\s*", text[out[-1].end : sp.start]):
            sp = Span(out.pop().start, sp.end, "ADDRESS", sp.priority)  # "Dorpsstraat 5, 9400"
        out.append(sp)
    return out


# Arabic-Indic, Persian, Devanagari and full-width digits -> ASCII, one character for one, so the number rules
# (check digits, dates, phones) read "٠٦١٢٣٤٥٦٧٨" and "١٢/٠٣/٢٠٠٩" as they read the Latin digits and every span
# still indexes the original text.
_DIGIT_FOLD = {cp: ord("0") + unicodedata.digit(chr(cp)) for base in (0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10)
               for cp in range(base, base + 10)}


def detect(text: str) -> list[Span]:
    """All personal-data spans in ``text`` (non-overlapping, sorted). Never raises on odd input."""
    if not isinstance(text, str) or not text:
        return []
    original = text
    if not text.isascii():
        text = text.translate(_DIGIT_FOLD)
    try:
        spans = _detect_patterns(text) + _detect_tokens(text)
        spans = _keep_meaning_words(text, _grow_locations(text, _resolve(spans, text)))
    except Exception:  # pragma: no cover - last-resort safety: never break the chat server
        return _fallback(text)
    return _add_model_spans(original, spans) if USE_MODEL else spans


#: The learned name/place finder (triage/redact_model.py) beside the rules; off when its files are missing
#: or with TRIAGE_REDACT_MODEL=0 in the environment.
USE_MODEL = os.environ.get("TRIAGE_REDACT_MODEL", "1") != "0"


_RE_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['’]", _I)
_RE_LETTER_RUN = re.compile(r"[^\W\d_]+")
_EDGE_PUNCT = ".,;:!?()[]{}\"'“”‘’«»…*-–—/"


def _model_may_add(text: str, spans: list[Span]) -> bool:
    """Whether the model could add a span. triage.redact_model.merge drops every model span that overlaps a rule
    span or whose words are all common words or facility words, so when each word outside the rule spans (the
    word, the word without edge punctuation, each run of letters in it; without an elision) is common, the
    network is not run. Not a proof: a span made only of such words and a one-letter or punctuation piece
    ("x.", "?") would still pass merge; on 29,219 messages of data/redact and the triage corpus the output was
    identical with and without this test (tests/triage/test_redact_ids_dates.py checks two files)."""
    from triage.redact_model import _facility

    lk = lookups()
    covered = [(sp.start, sp.end) for sp in spans]
    for m in re.finditer(r"\S+", text):
        if any(a <= m.start() and m.end() <= b for a, b in covered):
            continue
        tok = m.group(0)
        for cand in {tok, tok.strip(_EDGE_PUNCT), *_RE_LETTER_RUN.findall(tok)}:
            word = _RE_ELISION.sub("", cand)
            if sum(c.isalpha() for c in word) >= 2 and not lk.is_common(word) and not _facility(word):
                return True
    return False


def warm_up() -> None:
    """Load the word lists, spaCy and the model now rather than on the first message that needs them."""
    lookups()
    if USE_MODEL:
        try:
            from triage.redact_model import get_model

            get_model()
        except Exception:  # pragma: no cover - the rules work alone
            pass


def _add_model_spans(text: str, spans: list[Span]) -> list[Span]:
    """Rule spans plus the model's PERSON/LOCATION spans that overlap none of them (model loaded lazily)."""
    try:
        from triage.redact_model import get_model, merge

        if not _model_may_add(text, spans):
            return spans
        model = get_model()
        if model is None:
            return spans
        rule = [sp.as_dict() for sp in spans]
        extra = [d for d in merge(rule, model.spans(text), text) if d not in rule]
        if not extra:
            return spans
        return sorted(spans + [Span(d["start"], d["end"], d["type"], 6) for d in extra], key=lambda sp: sp.start)
    except Exception:  # pragma: no cover - the model must never break redaction: the rules' spans stand
        return spans


RE_LEADING_CUE = re.compile(
    r"(?i:(?:" + BUSINESS_CUES + r"|" + BUSINESS_COMPOUND + r")(?:\s+de\s+coiffure)?)\s+(?=\S)"
)


def _keep_meaning_words(text: str, spans: list[Span]) -> list[Span]:
    """"hotel Ibis" -> only "Ibis": words like hotel, carwash, azc, school carry the meaning of the conversation
    and the contract keeps them readable; the name after them is what identifies the place."""
    out = []
    for sp in spans:
        if sp.type == "LOCATION":
            m = RE_LEADING_CUE.match(text, sp.start, sp.end)
            if m and text[sp.start].isupper() and re.fullmatch(BUSINESS_COMPOUND_I, m.group(0).strip()) and not \
                    re.fullmatch(r"(?i:" + BUSINESS_CUES + r")", m.group(0).strip()):
                m = None  # "Fruitbedrijf Hermans", "CHU Saint-Pierre", "Hoeve De Lindehof": the capital makes it a name
            if m and m.end() < sp.end:
                sp = Span(m.end(), sp.end, sp.type, sp.priority)
        out.append(sp)
    return out


def _fallback(text: str) -> list[Span]:
    out: list[Span] = []
    for rx, typ in ((RE_EMAIL, "EMAIL"), (RE_PHONE_INTL, "PHONE"), (RE_PHONE_NAT, "PHONE"), (RE_URL, "URL")):
        for m in rx.finditer(text):
            out.append(Span(m.start(), m.end(), typ, 0))
    return _resolve_simple(out)


def _resolve_simple(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if chosen and sp.start < chosen[-1].end:
            continue
        chosen.append(sp)
    return chosen


def _apply(text: str, spans: list[Span], labels: list[str]) -> str:
    parts: list[str] = []
    pos = 0
    for sp, label in zip(spans, labels, strict=True):
        parts.append(text[pos : sp.start])
        parts.append(f"[{label}]")
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(text: str) -> dict[str, Any]:
    """Redact one message: ``{"text": redacted, "spans": [{"start", "end", "type"}]}`` (spans index ``text``)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    spans = detect(text)
    return {"text": _apply(text, spans, [TOKENS[s.type] for s in spans]), "spans": [s.as_dict() for s in spans]}


def _norm_key(typ: str, surface: str) -> str:
    f = fold(surface).strip()
    if typ == "PHONE":
        raw = re.sub(r"\(0\)", "", f).strip()
        d = _digits(raw)
        if raw.startswith("+"):
            intl = d
        elif d.startswith("00"):
            intl = d[2:]
        else:
            return d
        for cc in ("31", "32"):
            if intl.startswith(cc):
                return "0" + intl[len(cc) :]
        return intl
    if typ in ("HANDLE", "EMAIL"):
        return f.lstrip("@")
    if typ == "URL":
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", f).rstrip("/")
    if typ == "ID_NUMBER":
        return re.sub(r"[\W_]", "", f)
    return re.sub(r"[^\w]+", " ", f).strip()


class _PersonBook:
    """Maps person mentions to stable numbers: 'Lisa de Vries' then 'lisa' or 'Lisa' -> same number."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, set[str], str]] = []  # (number, name parts, full key)

    def number(self, key: str, fresh: int) -> int | None:
        parts = [p for p in key.split() if p not in PARTICLES]
        if not parts:
            parts = key.split()
        full = " ".join(parts)
        for num, _names, k in self.entries:
            if k == full:
                return num
        if len(parts) == 1:
            for num, _names, k in reversed(self.entries):
                kp = k.split()
                if parts[0] in (kp[0], kp[-1]) and len(kp) > 1:
                    return num
        else:
            for idx, (num, names, k) in enumerate(self.entries):
                kp = k.split()
                if len(kp) == 1 and kp[0] == parts[0]:
                    self.entries[idx] = (num, names | set(parts), full)
                    self.entries.append((num, set(parts), full))
                    return num
        self.entries.append((fresh, set(parts), full))
        return None


def _carried_spans(prev: str, text: str, spans: list[Span]) -> list[Span]:
    """An ID number or date of birth whose cue ends the previous message: "wat is je geboortedatum?" then
    "3 mei 2008", "mijn bsn is" then "123456780". The number rules run once more on the previous message's tail
    joined to this one; the ID and birth-date spans they find in this message replace what overlaps them."""
    tail = prev[-50:].translate(_DIGIT_FOLD)
    if not any(rx.search(tail) for rx in (RE_DOB_CUE, RE_NATID_CUE, RE_DOC_CONTEXT, RE_ID_CONTEXT)):
        return spans
    off = len(tail) + 1
    try:
        joined = _detect_patterns(tail + "\n" + text.translate(_DIGIT_FOLD))
    except Exception:  # pragma: no cover - the message's own spans stand
        return spans
    extra = _resolve_simple([Span(sp.start - off, sp.end - off, sp.type, sp.priority) for sp in joined
                             if sp.type in ("ID_NUMBER", "DATE_OF_BIRTH") and sp.start >= off])
    if not extra:
        return spans
    keep = [sp for sp in spans if not _overlaps((sp.start, sp.end), [(x.start, x.end) for x in extra])]
    return sorted(keep + extra, key=lambda sp: sp.start)


def redact_transcript(texts: list[str]) -> list[dict[str, Any]]:
    """Redact the messages of one transcript with consistent pseudonyms: ``[NAAM-1]``, ``[TELEFOON-2]``..."""
    counters: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    people = _PersonBook()
    out: list[dict[str, Any]] = []
    prev = ""
    for text in texts or []:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        spans = _carried_spans(prev, text, detect(text)) if prev and text else detect(text)
        prev = text
        labels: list[str] = []
        for sp in spans:
            key = _norm_key(sp.type, text[sp.start : sp.end])
            if sp.type == "PERSON":
                fresh = counters.get("PERSON", 0) + 1
                num = people.number(key, fresh)
                if num is None:
                    counters["PERSON"] = fresh
                    num = fresh
            else:
                if (sp.type, key) in seen:
                    num = seen[(sp.type, key)]
                else:
                    num = counters.get(sp.type, 0) + 1
                    counters[sp.type] = num
                    seen[(sp.type, key)] = num
            labels.append(f"{TOKENS[sp.type]}-{num}")
        out.append({"text": _apply(text, spans, labels), "spans": [s.as_dict() for s in spans]})
    return out
