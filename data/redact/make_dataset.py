"""Build the labelled redaction sets: data/redact/dev.jsonl and data/redact/heldout.jsonl.

    python data/redact/make_dataset.py

Each line: {"id", "text", "spans": [{"start", "end", "type"}]} with spans that index `text` exactly.
Lines are built from templates in Dutch (NL and Flemish), English and French chat style; the generator
keeps track of where each inserted value lands, so spans are exact. Teen style is simulated (all lowercase,
no punctuation, emoji, ALL CAPS). About a fifth of the lines hold no personal data but do hold trap words
(loverboy, hotel, station, school, politie, klanten, Mag, Roos, ...).

The held-out set uses its own templates and its own value pools (other names, towns, numbers) and was
written before the rules were tuned; it is not used to write rules. Span conventions are documented in
docs/anonymisation.md (e.g. "hotel [Ibis]", "azc [Ter Apel]": the generic word stays outside the span).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent

# ------------------------------------------------------------------------------------------------ value pools
POOLS: dict[str, dict[str, list[str]]] = {
    "dev": {
        "first": ["Lisa", "Sanne", "Mohammed", "Yassine", "Kevin", "Fatima", "Emre", "Zeynep", "Jermaine", "Priya",
                  "Yonas", "Semhar", "Abdi", "Hodan", "Ahmad", "Mahsa", "Kacper", "Oliwia", "Andrei", "Ioana",
                  "Georgi", "Desislava", "Minh", "Thao", "Jayden", "Romy", "Daan", "Noor", "Bilal", "Ilias",
                  "Amira", "Kenza", "Dylan", "Warre", "Lotte", "Jasmijn", "Anouk", "Sem", "Mees", "Rachid",
                  "Hamza", "Dewi", "Nicoleta", "Bogdan", "Aleksandra", "Tesfay", "Feven", "Chioma", "Osagie",
                  "Jake", "Olivia", "Chloé", "Lucas", "Inès", "Yanis", "Mehmet", "Ayşe", "Shanice", "Rayan",
                  "Bram", "Roos", "Bas", "Lieke", "Kim", "Siham", "Naima", "Ridouan", "Samira", "Marius"],
        "last": ["de Vries", "Jansen", "El Amrani", "Yilmaz", "Bakker", "Peeters", "Janssens", "Nowak", "Popescu",
                 "Ivanova", "Nguyen", "van den Berg", "Tesfamariam", "Hassan", "Ahmadi", "Kaya", "Pinas",
                 "Martina", "Dubois", "Smith", "de Smet", "Van Damme", "Boukhari", "Öztürk", "Kowalska",
                 "Dimitrov", "van Dijk", "Hendriks", "Claes", "Rahimi"],
        "town": ["Utrecht", "Amsterdam", "Rotterdam", "Den Haag", "Eindhoven", "Tilburg", "Almere", "Breda",
                 "Nijmegen", "Antwerpen", "Gent", "Brussel", "Leuven", "Mechelen", "Hasselt", "Genk", "Brugge",
                 "Zaandam", "Schiedam", "Lelystad", "Zwolle", "Arnhem", "Sint-Niklaas", "Oostende", "Charleroi",
                 "Liège", "Apeldoorn", "Dordrecht", "Haarlem", "Enschede"],
        "hood": ["de Bijlmer", "Schilderswijk", "Borgerhout", "Molenbeek", "Kanaleneiland", "Overvecht",
                 "Lombok", "Feijenoord", "Kuregem", "Schaerbeek"],
        "street": ["Kerkstraat", "Dorpsstraat", "Stationsweg", "Lange Leemstraat", "Molenlaan", "Prinsengracht",
                   "Turnhoutsebaan", "Bredabaan", "Schoolstraat", "Julianalaan", "Hoofdweg", "Van Baerlestraat",
                   "Brusselsesteenweg", "Kapelsestraat", "Marktplein"],
        "school": ["het Erasmus College", "het Sint-Jozefcollege", "het Stedelijk Lyceum", "het Montessori Lyceum",
                   "de Da Vinci school", "het Koninklijk Atheneum Antwerpen", "het Cals College",
                   "het Damiaaninstituut"],
        "hotel": ["Ibis", "Van der Valk", "Novotel", "Motel One", "Bastion", "Best Western", "Mercure"],
        "station": ["Utrecht Centraal", "Amsterdam Sloterdijk", "Antwerpen-Centraal", "Brussel-Zuid",
                    "Rotterdam Centraal", "Gent-Sint-Pieters", "Eindhoven Centraal"],
        "azc": ["Ter Apel", "Budel", "Zweeloo", "Gilze", "Klein-Kasteeltje", "Poelkapelle", "Mechelen"],
        "domain": ["gmail.com", "hotmail.com", "outlook.com", "live.nl", "telenet.be", "yahoo.fr", "icloud.com"],
        "handle_base": ["lisa_xo", "jayjay2009", "mo.official", "zeyno_34", "kevin.k", "sanne__x", "yassine.212",
                        "princess_amira", "dk_2008", "xx.romy.xx", "bogdan07", "tesfay_er"],
    },
    "heldout": {
        "first": ["Sophie", "Ayoub", "Tess", "Youssef", "Eline", "Kerem", "Büşra", "Shurandy", "Anjali", "Yohannes",
                  "Luwam", "Faduma", "Ibrahim", "Zahra", "Mateusz", "Weronika", "Vlad", "Andreea", "Ivaylo",
                  "Zornitsa", "Linh", "Tuan", "Milan", "Fenna", "Jens", "Seppe", "Hanne", "Oumaima", "Soufiane",
                  "Kaoutar", "Tyrese", "Xiomara", "Aryan", "Ardit", "Oksana", "Emeka", "Chloe", "Mathis",
                  "Maëlys", "Ravi", "Guy", "Will", "Hoop", "Nour", "Sara", "Ilyas", "Bo", "Jill", "Teun"],
        "last": ["Visser", "Mulder", "El Idrissi", "Demir", "Maes", "Wouters", "Wiśniewski", "Ionescu",
                 "Georgieva", "Tran", "van der Meer", "Gebremedhin", "Warsame", "Hosseini", "Çelik", "Sedney",
                 "Maduro", "Lambert", "Brown", "Verstraete", "Azzouzi", "Nowakowski", "Stoica", "Haddad",
                 "de Graaf", "Kuipers", "Mertens", "Hoxha"],
        "town": ["Groningen", "Maastricht", "Leiden", "Delft", "Zoetermeer", "Amersfoort", "Roosendaal", "Venlo",
                 "Kortrijk", "Aalst", "Turnhout", "Roeselare", "Namur", "Ede", "Helmond", "Oss", "Deventer",
                 "Vlaardingen", "Spijkenisse", "Heerlen", "Geel", "Lier", "Boom", "Waregem", "Vilvoorde"],
        "hood": ["Transvaal", "Spangen", "Rabot", "Kiel", "Tarwewijk", "Malburgen", "Selwerd", "Matonge"],
        "street": ["Nieuwstraat", "Beukenlaan", "Burgemeester de Withstraat", "Koningin Astridlaan",
                   "Oudegracht", "Meir", "Vaartstraat", "Steenweg op Gierle", "Parklaan", "Singel"],
        "school": ["het Stedelijk Gymnasium", "het Maerlant Lyceum", "het Sint-Lodewijkscollege",
                   "het Don Bosco Instituut", "de Sint-Ursula school", "het Picasso Lyceum"],
        "hotel": ["Holiday Inn", "Fletcher", "Golden Tulip", "Campanile", "Radisson"],
        "station": ["Den Haag Centraal", "Amsterdam Amstel", "Brussel-Noord", "Antwerpen-Berchem",
                    "Breda Centraal", "Leiden Centraal"],
        "azc": ["Ter Apel", "Sint-Truiden", "Dronten", "Overloon", "Arendonk"],
        "domain": ["gmail.com", "hotmail.nl", "skynet.be", "proton.me", "orange.fr"],
        "handle_base": ["sophie.xox", "ayoub_010", "tessie2010", "kerem.55", "_linh_", "ravi.j", "nour_bxl",
                        "mathis_lbv", "seppe.vdb", "milan2k9", "faduma.x"],
    },
}

# ------------------------------------------------------------------------------------------------ generators


def bsn(rng: random.Random) -> str:
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        s = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True))
        last = s % 11
        if last < 10:
            return "".join(map(str, d + [last]))


def be_nn(rng: random.Random) -> str:
    yy, mm, dd = rng.randint(0, 12), rng.randint(1, 12), rng.randint(1, 28)
    seq = rng.randint(1, 997)
    base = f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}"
    check = 97 - (int("2" + base) % 97)  # born in 2000 or later
    return f"{yy:02d}.{mm:02d}.{dd:02d}-{seq:03d}.{check:02d}"


def iban(rng: random.Random, country: str) -> str:
    if country == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ"]) + "".join(
            str(rng.randint(0, 9)) for _ in range(10))
    else:
        ten = "".join(str(rng.randint(0, 9)) for _ in range(10))
        bban = ten + f"{(int(ten) % 97) or 97:02d}"
    num = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(num) % 97
    raw = f"{country}{check:02d}{bban}"
    return raw if rng.random() < 0.5 else " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def phone(rng: random.Random) -> str:
    r = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    forms = [
        lambda: "06-" + r(8), lambda: "06" + r(8), lambda: "06 " + r(8), lambda: f"06 {r(4)} {r(4)}",
        lambda: f"+31 6 {r(4)} {r(4)}", lambda: f"+316{r(8)}", lambda: f"0031 6 {r(8)}", lambda: f"020-{r(7)}",
        lambda: f"010 {r(3)} {r(4)}", lambda: f"(06) {r(8)}", lambda: f"+31 (0)6 {r(8)}",
        lambda: f"04{rng.randint(60, 99)} {r(2)} {r(2)} {r(2)}", lambda: f"04{rng.randint(60, 99)}/{r(2)}.{r(2)}.{r(2)}",
        lambda: f"+32 4{rng.randint(60, 99)} {r(2)} {r(2)} {r(2)}", lambda: f"+32{rng.randint(460, 499)}{r(6)}",
        lambda: f"03 {r(3)} {r(2)} {r(2)}", lambda: f"02/{r(3)}.{r(2)}.{r(2)}",
        lambda: f"+40 7{r(2)} {r(3)} {r(3)}", lambda: f"+359 8{r(1)} {r(3)} {r(4)}", lambda: f"+48 {r(3)} {r(3)} {r(3)}",
        lambda: f"+212 6{r(2)} {r(2)} {r(2)} {r(2)}", lambda: f"+90 5{r(2)} {r(3)} {r(2)} {r(2)}",
        lambda: f"+44 7{r(3)} {r(6)}", lambda: f"0040 7{r(8)}", lambda: f"00212 6{r(8)}", lambda: f"06.{r(2)}.{r(2)}.{r(2)}.{r(2)}",
        lambda: f"+33 6 {r(2)} {r(2)} {r(2)} {r(2)}", lambda: f"+49 15{r(1)} {r(7)}", lambda: f"+291 7 {r(6)}",
        lambda: f"+252 61 {r(7)}", lambda: f"+93 7{r(2)} {r(3)} {r(3)}", lambda: f"+963 9{r(2)} {r(3)} {r(3)}",
    ]
    return rng.choice(forms)()


def plate(rng: random.Random) -> str:
    L = "BDFGHJKLNPRSTVXZ"
    a = lambda k: "".join(rng.choice(L) for _ in range(k))  # noqa: E731
    d = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    return rng.choice([f"{a(2)}-{d(3)}-{a(1)}", f"{d(1)}-{a(3)}-{d(2)}", f"{a(3)}-{d(2)}-{a(1)}",
                       f"{d(2)}-{a(3)}-{d(1)}", f"{a(2)}-{d(2)}-{a(2)}", f"{rng.randint(1, 2)}-{a(3)}-{d(3)}"])


def passport(rng: random.Random) -> str:
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    if rng.random() < 0.5:
        return "".join(rng.choice(L) for _ in range(2)) + "".join(rng.choice(L + "0123456789") for _ in range(6)) + str(
            rng.randint(0, 9))
    return "".join(rng.choice(L) for _ in range(2)) + "".join(str(rng.randint(0, 9)) for _ in range(6))


MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


def date(rng: random.Random, lang: str) -> str:
    y, m, d = rng.randint(2004, 2012), rng.randint(1, 12), rng.randint(1, 28)
    forms = [f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y}", f"{d}-{m}-{y % 100:02d}", f"{y}-{m:02d}-{d:02d}", f"{d}.{m}.{y}"]
    if lang == "en":
        forms += [f"{d} {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {d} {y}", f"{MONTHS_EN[m - 1]} {d}th"]
    elif lang == "fr":
        forms += [f"{d} {MONTHS_FR[m - 1]} {y}", f"{d} {MONTHS_FR[m - 1]}"]
    else:
        forms += [f"{d} {MONTHS_NL[m - 1]} {y}", f"{d} {MONTHS_NL[m - 1]}", f"{d} {MONTHS_NL[m - 1][:3]} {y}"]
    return rng.choice(forms)


class Gen:
    def __init__(self, split: str, seed: int) -> None:
        self.p = POOLS[split]
        self.rng = random.Random(seed)

    def value(self, slot: str, lang: str) -> tuple[str, str | None]:
        rng, p = self.rng, self.p
        if slot == "F":
            return rng.choice(p["first"]), "PERSON"
        if slot == "P":
            return f"{rng.choice(p['first'])} {rng.choice(p['last'])}", "PERSON"
        if slot == "PH":
            return phone(rng), "PHONE"
        if slot == "E":
            base = rng.choice(p["first"]).lower().replace("ş", "s").replace("ë", "e").replace("é", "e")
            base = re.sub(r"[^a-z]", "", base) + rng.choice(["", ".", "_"]) + rng.choice(["", "x", "2009", "123", "06"])
            return f"{base}@{rng.choice(p['domain'])}", "EMAIL"
        if slot == "U":
            h = rng.choice(p["handle_base"]).strip("_.")
            return rng.choice([f"insta.com/{h}", f"https://www.instagram.com/{h}", f"www.tiktok.com/@{h}",
                               f"snapchat.com/add/{h}", f"t.me/{h}", f"http://{h.replace('_', '')}.nl",
                               f"linktr.ee/{h}", f"onlyfans.com/{h}"]), "URL"
        if slot == "H":
            h = rng.choice(p["handle_base"])
            return (("@" + h) if rng.random() < 0.4 else h), "HANDLE"
        if slot == "A":
            st = rng.choice(p["street"])
            n = str(rng.randint(1, 220)) + rng.choice(["", "", "", "a", "B", " bus 2", "-3"])
            return f"{st} {n}", "ADDRESS"
        if slot == "PC":
            return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}", "ADDRESS"
        if slot == "L":
            return rng.choice(p["town"]), "LOCATION"
        if slot == "LN":
            return rng.choice(p["hood"]), "LOCATION"
        if slot == "S":
            return rng.choice(p["school"]), "LOCATION"
        if slot == "HO":
            return rng.choice(p["hotel"]), "LOCATION"
        if slot == "ST":
            return rng.choice(p["station"]), "LOCATION"
        if slot == "AZ":
            return rng.choice(p["azc"]), "LOCATION"
        if slot == "BSN":
            b = bsn(rng)
            return (b if rng.random() < 0.6 else f"{b[:4]}.{b[4:6]}.{b[6:]}"), "ID_NUMBER"
        if slot == "NN":
            return be_nn(rng), "ID_NUMBER"
        if slot == "IBAN":
            return iban(rng, rng.choice(["NL", "BE"])), "ID_NUMBER"
        if slot == "PL":
            return plate(rng), "ID_NUMBER"
        if slot == "PP":
            return passport(rng), "ID_NUMBER"
        if slot == "D":
            return date(rng, lang), "DATE_OF_BIRTH"
        raise KeyError(slot)

    def build(self, template: str, lang: str, style: str) -> tuple[str, list[dict[str, object]]]:
        text, spans, _values = self.build_with_values(template, lang, style)
        return text, spans

    def build_with_values(
        self, template: str, lang: str, style: str
    ) -> tuple[str, list[dict[str, object]], list[str]]:
        """The line, its spans, and the values as inserted (after the style change), in span order."""
        pieces: list[tuple[str, str | None]] = []
        pos = 0
        for m in re.finditer(r"\{([A-Z]+)\}", template):
            pieces.append((template[pos:m.start()], None))
            val, typ = self.value(m.group(1), lang)
            # "het Erasmus College" / "de Bijlmer": the article stays outside the span
            art = re.match(r"^(het |de )", val)
            if art and typ == "LOCATION":
                pieces.append((art.group(1), None))
                val = val[art.end():]
            pieces.append((val, typ))
            pos = m.end()
        pieces.append((template[pos:], None))
        text, spans, values = "", [], []
        for s, typ in pieces:
            if style == "lower":
                s = s.lower()
            elif style == "upper":
                s = s.upper()
            elif style == "nopunct" and typ is None:
                s = re.sub(r"[.,!?;]", "", s)
            if typ:
                spans.append({"start": len(text), "end": len(text) + len(s), "type": typ})
                values.append(s)
            text += s
        if style == "emoji":
            text += " " + self.rng.choice(["😭", "🙏", "😔💔", "😡", "🥺", "xx", "!!", "??"])
        return text, spans, values


# ------------------------------------------------------------------------------------------------ templates
# (lang, template). Slots: F first name, P full name, PH phone, E email, U url, H handle, A street+nr, PC postcode,
# L town, LN neighbourhood, S school, HO hotel, ST station, AZ asylum centre, BSN, NN, IBAN, PL plate, PP passport,
# D date of birth.
DEV_TEMPLATES: list[tuple[str, str]] = [
    ("nl", "hoi ik ben {F} en ik ben 15"), ("nl", "ik heet {P} en ik woon in {L}"),
    ("nl", "mijn naam is {P}, mijn nummer is {PH}"), ("nl", "hij heet {F} en hij is 22, hij zegt dat hij van me houdt"),
    ("nl", "m'n vriend {F} zegt dat ik moet werken voor hem"), ("nl", "ik was gisteren met {F} in {L}"),
    ("nl", "{F} zei dat ik klanten moet ontvangen in hotel {HO}"), ("nl", "bel me op {PH} aub"),
    ("nl", "mijn loverboy heet {P} en hij woont in de {A}"), ("nl", "mijn adres is {A}, {PC} {L}"),
    ("nl", "ze hebben me naar een flat in {LN} gebracht"), ("nl", "ik zit op {S} in {L}"),
    ("nl", "we spraken af bij station {ST}"), ("nl", "ik woon nu in het azc {AZ} en heb geen papieren"),
    ("nl", "mijn snap is {H}"), ("nl", "add me op insta: {H}"), ("nl", "zijn insta is {H} check maar"),
    ("nl", "tiktok {H} daar plaatst hij filmpjes van mij"), ("nl", "sc: {H}"), ("nl", "mail me op {E}"),
    ("nl", "hij stuurde een link {U} met foto's van mij"), ("nl", "mijn bsn is {BSN}, moet ik dat geven?"),
    ("nl", "hij wilde mijn bsn {BSN} en mijn pinpas"), ("nl", "ik moest geld overmaken naar {IBAN}"),
    ("nl", "de auto had kenteken {PL}, een zwarte golf"), ("nl", "mijn paspoort nummer is {PP} en hij heeft het afgepakt"),
    ("nl", "ik ben geboren op {D}"), ("nl", "mijn verjaardag is {D} en dan word ik 16"), ("nl", "geb. {D}"),
    ("nl", "{F} en {F} moeten ook voor hem dealen"), ("nl", "die jongen {P} uit {L} dreigt met foto's"),
    ("nl", "kan ik jullie bellen? mijn nummer: {PH}"), ("nl", "ik ben {F}, 14 jaar, uit {L}"),
    ("nl", "mijn moeder weet niks, ik slaap bij {F} in {LN}"), ("nl", "je kan me appen op {PH} of mailen naar {E}"),
    ("nl", "hij heeft een appartement aan de {A} in {L}"), ("nl", "zijn nummer is {PH} en hij heet {F}"),
    ("nl", "ik heb {F} ontmoet op {S}"), ("nl", "meneer {P} van de opvang zegt dat ik moet wachten"),
    ("vl", "ik zit op {S} in {L} en mijn lief heet {F}"), ("vl", "allee ik woon in {L}, {A}"),
    ("vl", "mijn gsm is {PH}, stuur maar een bericht"), ("vl", "mijn rijksregisternummer is {NN}"),
    ("vl", "hij wacht aan {ST} elke vrijdag"), ("vl", "ik ben {F} van {L}, 16 jaar"),
    ("vl", "we zijn naar {L} gereden in een auto met nummerplaat {PL}"), ("vl", "mijn rekeningnummer is {IBAN}"),
    ("vl", "ik verblijf in {AZ} sinds drie maanden"), ("vl", "mijn lief {F} zegt dat ik schulden heb"),
    ("vl", "{P} heeft mijn identiteitskaart afgepakt"), ("vl", "ik woon in {LN} bij mijn tante"),
    ("en", "my name is {P} and i live in {L}"), ("en", "call me on {PH}"), ("en", "my email is {E}"),
    ("en", "his snap is {H}, he keeps texting me"), ("en", "i was born on {D}"), ("en", "{F} said i owe him money"),
    ("en", "we stayed at hotel {HO} near {ST}"), ("en", "i live at {A}, {L}"), ("en", "my friend {F} works for him too"),
    ("en", "i'm {F}, 15, from {L}"), ("en", "check {U} he posted my pics"), ("en", "my passport number is {PP}"),
    ("en", "add me on insta {H}"), ("en", "he calls himself {F} but his real name is {P}"),
    ("fr", "je m'appelle {P} et j'habite à {L}"), ("fr", "mon numéro c'est {PH}"), ("fr", "je suis née le {D}"),
    ("fr", "{F} m'a dit que je dois travailler"), ("fr", "j'habite {A} à {L}"), ("fr", "mon snap c'est {H}"),
    ("fr", "écris-moi sur {E}"), ("fr", "on dormait à l'hôtel {HO} près de la gare"),
    ("fr", "mon copain {F} me frappe"), ("fr", "je vis au centre Fedasil de {AZ}"),
    ("nl", "ik ben van {D} en woon in {L}"), ("nl", "{F}!! waarom doe je dit"), ("nl", "ken je {P}?"),
    ("nl", "wij wonen met 6 meisjes in een huis in {L}, {A}"), ("nl", "hij haalt me op bij {S}"),
    ("nl", "mijn zus {F} is 13 en hij stuurt haar ook berichten op {H}"),
    ("nl", "ik werk in een nagelsalon in {L}, de baas heet {P}"), ("nl", "het telefoonnummer van mijn baas is {PH}"),
]
CLEAN_DEV: list[tuple[str, str]] = [
    ("nl", "mijn loverboy neemt me mee naar een hotel en daar komen klanten"), ("nl", "Mag ik iets vragen?"),
    ("nl", "ik kreeg een roos van hem en toen moest ik dingen doen"), ("nl", "ik durf niet naar de politie"),
    ("nl", "hij wacht altijd bij het station na school"), ("nl", "Hoop dat jullie me kunnen helpen"),
    ("nl", "ik ben 15 en ik moet drugs vervoeren"), ("nl", "ze pakken mijn telefoon af en ik mag niet naar buiten"),
    ("nl", "ik heb een schuld van 3000 euro bij hem"), ("nl", "we gaan met de trein naar een andere stad"),
    ("nl", "ik slaap elke nacht ergens anders"), ("nl", "Will je me helpen of niet"),
    ("nl", "mijn vriendin zegt dat het normaal is"), ("nl", "op school weet niemand het"),
    ("nl", "ik werk 14 uur per dag en krijg 2 euro per uur"), ("nl", "de klanten betalen hem en niet mij"),
    ("nl", "Roos is een mooie bloem zei hij"), ("nl", "Bas speelt gitaar, ik moet naar de basgitaar luisteren"),
    ("vl", "allee ik weet het niet meer, mijn lief doet raar"), ("vl", "ik durf niet naar de politie te bellen"),
    ("vl", "ik moet elke dag pakjes afgeven aan het station"), ("vl", "hij zegt dat ik schulden heb bij hem"),
    ("en", "my boyfriend makes me see clients in a hotel"), ("en", "Will you help me please"),
    ("en", "the police won't believe me"), ("en", "i have to sell drugs at school"), ("en", "May I ask something?"),
    ("en", "a Guy at the station gave me money"), ("fr", "mon copain m'oblige à voir des clients à l'hôtel"),
    ("fr", "j'ai peur de la police"), ("fr", "il m'attend à la gare après l'école"),
    ("nl", "vorig jaar op 12 maart heeft hij mijn telefoon afgepakt"), ("nl", "ik moet om 06:30 opstaan en tot 22:00 werken"),
    ("nl", "hij gaf me 50 euro en een nieuwe telefoon"), ("nl", "ik ben 16 en woon in een instelling"),
    ("nl", "Mijn vriendje is 23 en zegt dat ik de enige ben"), ("nl", "hoe laat is de chat open?"),
    ("nl", "ik zit in groep 8 en ben 12"), ("nl", "Veel klanten per dag, ik ben zo moe"),
    ("nl", "de hotelkamer was vies en er was geen raam"), ("nl", "Snap jij wat ik bedoel"),
]
HARD_DEV: list[dict[str, object]] = []  # filled from hand-written lines below

HELDOUT_TEMPLATES: list[tuple[str, str]] = [
    ("nl", "hallo, mijn naam is {F}. ik ben 14 en woon in {L}"), ("nl", "{P} is mijn vriendje, hij is 24"),
    ("nl", "hij laat me slapen in hotel {HO} bij {ST}"), ("nl", "app me: {PH}"), ("nl", "ik heet {F} en mijn insta is {H}"),
    ("nl", "mijn oom {F} heeft mijn paspoort ({PP})"), ("nl", "geboortedatum {D}, bsn {BSN}"),
    ("nl", "ik woon op {A} in {L} maar ik ben weggelopen"), ("nl", "mijn postcode is {PC}"),
    ("nl", "we moesten pakketjes brengen naar {LN}"), ("nl", "op {S} weet niemand wat {F} doet"),
    ("nl", "stuur geld naar rekening {IBAN} zegt hij"), ("nl", "zijn auto: {PL}"), ("nl", "snapchat {H} is van hem"),
    ("nl", "kun je mailen naar {E}?"), ("nl", "{F} en ik zijn weggelopen uit {AZ}"),
    ("nl", "hij heeft een link gestuurd: {U}"), ("nl", "ik ben {F} ({D})"), ("nl", "tel {PH}"),
    ("vl", "ik zit in {L} op kot, mijn gsm {PH}"), ("vl", "mijn vriend {P} zegt dat ik moet werken in {L}"),
    ("vl", "rijksregister {NN}"), ("vl", "ik verblijf in {AZ}, kamer 12"), ("vl", "{F} pakt altijd mijn bankkaart af"),
    ("en", "hi im {F} and im scared"), ("en", "his number is {PH}, he is called {P}"), ("en", "date of birth: {D}"),
    ("en", "he took me to {L} and then to hotel {HO}"), ("en", "my ig is {H}"), ("en", "email me at {E}"),
    ("fr", "salut c'est {F}, j'ai 15 ans"), ("fr", "il s'appelle {P}, il habite {A}"), ("fr", "appelle-moi au {PH}"),
    ("fr", "je suis à {L} près de {ST}"), ("fr", "mon insta: {H}"),
    ("nl", "die {F} van {L} heeft mijn foto's"), ("nl", "IK BEN {F} EN HIJ LAAT ME NIET GAAN"),
    ("nl", "ik heb {F} leren kennen via {H}"), ("nl", "mijn broer {F} werkt ook voor {P}"),
]
CLEAN_HELDOUT: list[tuple[str, str]] = [
    ("nl", "hij zegt dat ik klanten moet ontvangen in een hotel"), ("nl", "Mag ik anoniem blijven?"),
    ("nl", "Roos en chocola kreeg ik elke dag van hem"), ("nl", "ik ga niet meer naar school"),
    ("nl", "bij het station stond hij te wachten"), ("nl", "ik weet niet of ik de politie moet bellen"),
    ("nl", "Hoop dat niemand dit leest"), ("nl", "ik moet 500 euro terugbetalen"),
    ("vl", "mijn lief zegt dat ik het moet doen voor ons"), ("en", "Will he find me if i leave"),
    ("en", "clients come to the hotel every night"), ("fr", "la police ne m'aide pas"),
    ("nl", "een man uit de buurt biedt geld voor foto's"), ("nl", "Bas is een instrument zei ik nog"),
    ("nl", "om 23:15 moest ik weer weg"), ("en", "i am 16 and live in a care home"),
    ("nl", "Snap je? ik wil gewoon weg"), ("nl", "ik slaap in de auto"), ("nl", "de loverboy stuurt me naar klanten"),
    ("fr", "mon copain dit que c'est normal"), ("nl", "Guy Fawkes masker droeg hij"),
]

# Hand-written hard cases (exact spans are found by searching the marked values).
HARD: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {
    "dev": [
        ("ik heet mohammed el amrani en woon in de kerkstraat 12", [("mohammed el amrani", "PERSON"),
                                                                   ("kerkstraat 12", "ADDRESS")]),
        ("LISA JANSEN UIT UTRECHT", [("LISA JANSEN", "PERSON"), ("UTRECHT", "LOCATION")]),
        ("bel 06 12 34 56 78 of 0612345678!!", [("06 12 34 56 78", "PHONE"), ("0612345678", "PHONE")]),
        ("nummer: +31(0)612345678", [("+31(0)612345678", "PHONE")]),
        ("J. de Vries is mijn begeleider", [("J. de Vries", "PERSON")]),
        ("Roos zei dat ik moest komen", [("Roos", "PERSON")]),
        ("ik was bij Bas thuis", [("Bas", "PERSON")]),
        ("hij woont in 1234AB", [("1234AB", "ADDRESS")]),
        ("rue de la Loi 16, 1040 Etterbeek", [("rue de la Loi 16", "ADDRESS"), ("1040", "ADDRESS"),
                                              ("Etterbeek", "LOCATION")]),
        ("12 Baker Street London", [("12 Baker Street", "ADDRESS"), ("London", "LOCATION")]),
        ("mijn nicht Ayşe Yılmaz woont ook daar", [("Ayşe Yılmaz", "PERSON")]),
        ("ik zit in azc Ter Apel", [("Ter Apel", "LOCATION")]),
        ("stuur maar naar @jayjay_2009", [("@jayjay_2009", "HANDLE")]),
        ("mijn insta is gehackt door hem", []),
        ("ik ben van 2009", [("2009", "DATE_OF_BIRTH")]),
        ("dob 2009-03-12", [("2009-03-12", "DATE_OF_BIRTH")]),
        ("op 12-03-2024 gebeurde het", []),
        ("mijn bsn is 123456789", []),
        ("Van der Valk bij Utrecht", [("Van der Valk", "LOCATION"), ("Utrecht", "LOCATION")]),
        ("hij heet Dawit Tesfamariam en komt uit Eritrea", [("Dawit Tesfamariam", "PERSON")]),
        ("Kevin😍 is zo lief", [("Kevin", "PERSON")]),
        ("sms naar 0470/12.34.56", [("0470/12.34.56", "PHONE")]),
        ("ik ga naar school in Molenbeek", [("Molenbeek", "LOCATION")]),
        ("Sint-Jozefcollege Aalst", [("Sint-Jozefcollege", "LOCATION"), ("Aalst", "LOCATION")]),
        # added after the first rounds of rules, from probes of realistic lines (dev only)
        ("ik ken een jongen, Ferdinand, die doet dit ook", [("Ferdinand", "PERSON")]),
        ("mevrouw Bakker van school heeft de politie gebeld", [("Bakker", "PERSON")]),
        ("de baas, Hakan, betaalt ons niet", [("Hakan", "PERSON")]),
        ("je sais pas si Karim va revenir", [("Karim", "PERSON")]),
        ("me and Jasmine ran away", [("Jasmine", "PERSON")]),
        ("groetjes, Lotte", [("Lotte", "PERSON")]),
        ("Mohammed Al-Hassan zegt dat ik moet betalen", [("Mohammed Al-Hassan", "PERSON")]),
        ("Rachid's auto is zwart", [("Rachid", "PERSON")]),
        ("Ik ben bij Jan-Pieter en Marie-Claire", [("Jan-Pieter", "PERSON"), ("Marie-Claire", "PERSON")]),
        ("hij noemt zich Big K maar echt heet hij Kwabena Mensah", [("Big K", "PERSON"), ("Kwabena Mensah", "PERSON")]),
        ("ik woon in Wijhe bij mijn oma", [("Wijhe", "LOCATION")]),
        ("we gingen naar Kerkrade en daarna naar Heerlen", [("Kerkrade", "LOCATION"), ("Heerlen", "LOCATION")]),
        ("hij woont in een dorpje bij Apeldoorn, Twello", [("Apeldoorn", "LOCATION"), ("Twello", "LOCATION")]),
        ("bel me op 06 - 123 456 78", [("06 - 123 456 78", "PHONE")]),
        ("+32 (0) 485 12 34 56 is zijn nummer", [("+32 (0) 485 12 34 56", "PHONE")]),
        ("+90 (532) 123 45 67", [("+90 (532) 123 45 67", "PHONE")]),
        ("mijn mail is lisa @ gmail.com", [("lisa @ gmail.com", "EMAIL")]),
        ("discord: mo#1234", [("mo#1234", "HANDLE")]),
        ("zijn tiktok heet @gangsta_boy010", [("@gangsta_boy010", "HANDLE")]),
        ("id-kaart nummer 591-1234567-89", [("591-1234567-89", "ID_NUMBER")]),
        ("mijn adres is kerkstraat 12a, 1234 ab utrecht", [("kerkstraat 12a", "ADDRESS"), ("1234 ab", "ADDRESS"),
                                                          ("utrecht", "LOCATION")]),
        ("avenue Louise 54 bte 3", [("avenue Louise 54 bte 3", "ADDRESS")]),
        ("Prinsengracht 263-1, Amsterdam", [("Prinsengracht 263-1", "ADDRESS"), ("Amsterdam", "LOCATION")]),
        ("we zaten in het Bastion Hotel Amsterdam", [("Bastion Hotel", "LOCATION"), ("Amsterdam", "LOCATION")]),
        ("ik zit bij de Bijenkorf te werken", []),
        ("we gaan met Kerst naar mijn oma", []),
        ("Hij is een Turk en zij is Marokkaans", []),
        ("hij heeft een BMW en een Mercedes", []),
        ("Ik Ben Zo Bang Wat Moet Ik Doen", []),
        ("zijn Audi stond voor de deur", []),
        ("ik werk bij PostNL", []),
        ("ik woon in Zeeland", []),
        ("ik ben Bang", []),
        ("ik heb covid19 gehad en speel fifa23", []),
        ("ik moet om 10:30 daar zijn en 2 uur blijven", []),
        ("dat kost 150 euro per klant", []),
    ],
    "heldout": [
        ("ik ben yasmina en hij heet karim", [("yasmina", "PERSON"), ("karim", "PERSON")]),
        ("MIJN NUMMER IS 06-98765432", [("06-98765432", "PHONE")]),
        ("Hij woont op de Jan van Galenstraat 101-2 in Amsterdam", [("Jan van Galenstraat 101-2", "ADDRESS"),
                                                                  ("Amsterdam", "LOCATION")]),
        ("fatima el-khattabi zit bij mij in de klas", [("fatima el-khattabi", "PERSON")]),
        ("ik was met Guy in de auto", [("Guy", "PERSON")]),
        ("we zaten in het Ibis hotel bij Schiphol", [("Ibis", "LOCATION"), ("Schiphol", "LOCATION")]),
        ("bel +32 (0)470 98 76 54", [("+32 (0)470 98 76 54", "PHONE")]),
        ("naar de Schilderswijk gebracht", [("Schilderswijk", "LOCATION")]),
        ("mijn rekening is BE71 0961 2345 6769", [("BE71 0961 2345 6769", "ID_NUMBER")]),
        ("kenteken 12-ABC-3", [("12-ABC-3", "ID_NUMBER")]),
        ("ik woon in 't Kiel", [("Kiel", "LOCATION")]),
        ("mijn snap is kapot", []),
        ("Mag ik jullie iets vragen over mijn vriend?", []),
        ("ik heb een afspraak op 3 april met de advocaat", []),
    ],
}


def make(split: str, seed: int, n_templated: int, n_clean: int) -> list[dict[str, object]]:
    g = Gen(split, seed)
    rng = g.rng
    templates = DEV_TEMPLATES if split == "dev" else HELDOUT_TEMPLATES
    clean = CLEAN_DEV if split == "dev" else CLEAN_HELDOUT
    styles = ["plain"] * 5 + ["lower"] * 3 + ["nopunct", "emoji", "upper"]
    rows: list[dict[str, object]] = []
    for i in range(n_templated):
        lang, tpl = templates[i % len(templates)] if i < len(templates) else rng.choice(templates)
        style = rng.choice(styles)
        text, spans = g.build(tpl, lang, style)
        rows.append({"id": f"{split}-{len(rows) + 1:04d}", "lang": lang, "text": text, "spans": spans})
    for i in range(n_clean):
        lang, tpl = clean[i % len(clean)]
        style = rng.choice(["plain", "plain", "lower", "emoji"]) if i >= len(clean) else "plain"
        text, spans = g.build(tpl, lang, style)
        rows.append({"id": f"{split}-{len(rows) + 1:04d}", "lang": lang, "text": text, "spans": []})
    for text, marks in HARD[split]:
        spans = []
        pos = 0
        for val, typ in marks:
            s = text.index(val, pos)
            spans.append({"start": s, "end": s + len(val), "type": typ})
            pos = s + len(val)
        rows.append({"id": f"{split}-{len(rows) + 1:04d}", "lang": "hard", "text": text, "spans": spans})
    rng.shuffle(rows)
    return rows


def main() -> None:
    for split, seed, n_t, n_c in (("dev", 20240401, 320, 90), ("heldout", 77031, 130, 40)):
        rows = make(split, seed, n_t, n_c)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(split, len(rows), "lines,", sum(1 for r in rows if not r["spans"]), "without personal data")


if __name__ == "__main__":
    main()
