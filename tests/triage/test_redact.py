"""Behaviour of triage.redaction: each type, trap words, check digits, pseudonyms, the labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage.redaction import redact, redact_transcript

ROOT = Path(__file__).resolve().parents[2]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s["start"] : s["end"]], s["type"]) for s in redact(text)["spans"]]


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("ik heet Lisa de Vries", "Lisa de Vries", "PERSON"),
        ("hij heet mohammed el amrani", "mohammed el amrani", "PERSON"),
        ("m'n vriend Dawit Tesfamariam zegt dat", "Dawit Tesfamariam", "PERSON"),
        ("je m'appelle Inès Benali", "Inès Benali", "PERSON"),
        ("my name is Tyler", "Tyler", "PERSON"),
        ("J. de Vries is mijn begeleider", "J. de Vries", "PERSON"),
        ("MOHAMMED IS MIJN LOVERBOY", "MOHAMMED", "PERSON"),
        ("ik heet yordanos", "yordanos", "PERSON"),
        ("ik heb het aan mevrouw de Groot verteld", "de Groot", "PERSON"),
        ("Kevin😍 is zo lief", "Kevin", "PERSON"),
        ("hoi ik ben yordanos", "yordanos", "PERSON"),
        ("ik ben fenna visser", "fenna visser", "PERSON"),
        ("ik ken een jongen, Ferdinand, die doet dit ook", "Ferdinand", "PERSON"),
        ("mijn broer Hoop werkt ook", "Hoop", "PERSON"),
        ("ik woon op de Vlaszak 14", "Vlaszak 14", "ADDRESS"),
        ("Hij woont op de Jan van Galenstraat 101-2", "Jan van Galenstraat 101-2", "ADDRESS"),
        ("ik woon in Wijhe", "Wijhe", "LOCATION"),
        ("op het maerlant lyceum", "maerlant lyceum", "LOCATION"),
        ("mijn insta sannetje", "sannetje", "HANDLE"),
        ("discord: mo#1234", "mo#1234", "HANDLE"),
        ("bel 06-00012435", "06-00012435", "PHONE"),
        ("bel me op 06-12345678", "06-12345678", "PHONE"),
        ("bel +31 6 1234 5678", "+31 6 1234 5678", "PHONE"),
        ("bel 0031 6 12345678", "0031 6 12345678", "PHONE"),
        ("bel 020-1234567", "020-1234567", "PHONE"),
        ("gsm 0470 12 34 56", "0470 12 34 56", "PHONE"),
        ("sms 0497.12.34.56", "0497.12.34.56", "PHONE"),
        ("call +44 7700 900123", "+44 7700 900123", "PHONE"),
        ("+40 (721) 234 567", "+40 (721) 234 567", "PHONE"),
        ("nummer +212 612-345678", "+212 612-345678", "PHONE"),
        ("mail me op lisa.jansen@gmail.com", "lisa.jansen@gmail.com", "EMAIL"),
        ("kijk op insta.com/xyz", "insta.com/xyz", "URL"),
        ("kijk op www.x.nl", "www.x.nl", "URL"),
        ("mijn snap is lisa_xo", "lisa_xo", "HANDLE"),
        ("add me op insta: jayjay2009", "jayjay2009", "HANDLE"),
        ("tiktok @gangsta_boy010", "@gangsta_boy010", "HANDLE"),
        ("sc: sannetje04", "sannetje04", "HANDLE"),
        ("ik woon in de Kerkstraat 12", "Kerkstraat 12", "ADDRESS"),
        ("Lange Leemstraat 45 bus 2", "Lange Leemstraat 45 bus 2", "ADDRESS"),
        ("j'habite rue de la Loi 16", "rue de la Loi 16", "ADDRESS"),
        ("12 Baker Street", "12 Baker Street", "ADDRESS"),
        ("postcode 1234 AB", "1234 AB", "ADDRESS"),
        ("ik woon in Utrecht", "Utrecht", "LOCATION"),
        ("ik woon in de bijlmer", "bijlmer", "LOCATION"),
        ("ik zit op het Erasmus College", "Erasmus College", "LOCATION"),
        ("ze zit op het Sint-Jozefcollege", "Sint-Jozefcollege", "LOCATION"),
        ("we sliepen in hotel Ibis", "Ibis", "LOCATION"),
        ("bij station Utrecht Centraal", "Utrecht Centraal", "LOCATION"),
        ("ik sta op Antwerpen-Centraal", "Antwerpen-Centraal", "LOCATION"),
        ("ik woon in azc Ter Apel", "Ter Apel", "LOCATION"),
        ("mijn bsn is 111222333", "111222333", "ID_NUMBER"),
        ("rijksregisternummer 85.07.30-033.28", "85.07.30-033.28", "ID_NUMBER"),
        ("iban NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00", "ID_NUMBER"),
        ("stuur naar BE71096123456769 zegt hij", "BE71096123456769", "ID_NUMBER"),
        ("kenteken 12-ABC-3", "12-ABC-3", "ID_NUMBER"),
        ("nummerplaat 1-ABC-123", "1-ABC-123", "ID_NUMBER"),
        ("mijn paspoort is NXC12T7K1", "NXC12T7K1", "ID_NUMBER"),
        ("geboren op 12-03-2009", "12-03-2009", "DATE_OF_BIRTH"),
        ("mijn verjaardag is 3 mei 2008", "3 mei 2008", "DATE_OF_BIRTH"),
        ("dob 2009-03-12", "2009-03-12", "DATE_OF_BIRTH"),
        ("née le 3 mai 2008", "3 mai 2008", "DATE_OF_BIRTH"),
    ],
)
def test_detects(text: str, value: str, typ: str) -> None:
    assert (value, typ) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mag ik iets vragen?",
        "ik kreeg een roos van hem",
        "Hoop dat jullie me kunnen helpen",
        "Will you help me please",
        "mijn loverboy neemt me mee naar een hotel en daar komen klanten",
        "hij wacht altijd bij het station na school",
        "ik durf niet naar de politie",
        "ik ben 15 en ik moet drugs vervoeren",
        "op 3 maart ging ik weg",
        "ik moet om 10:30 daar zijn en 2 uur blijven",
        "ik woon in Nederland en kom uit Roemenië",
        "KAN IEMAND ME HELPEN IK BEN BANG",
        "mijn insta is gehackt door hem",
        "in 2008 en toen",
        "a Guy at the station gave me money",
        "hallo ik ben verslaafd aan drugs",
        "Ik Ben Zo Bang Wat Moet Ik Doen",
        "zijn Audi stond voor de deur bij de Bijenkorf",
        "ik woon in Zeeland en ben Marokkaans",
        "ik heb covid19 gehad en speel fifa23",
        "mijn insta is privé",
    ],
)
def test_trap_words_stay(text: str) -> None:
    out = redact(text)
    assert out["spans"] == [], out
    assert out["text"] == text


def test_check_digits_reject_invalid_numbers() -> None:
    assert found("de code was 123456789 of zo") == []  # fails the 11-proof and has no ID cue
    # after its own cue a mistyped BSN is still hidden (the contract prefers hiding to leaking it)
    assert found("mijn bsn is 123456789") == [("123456789", "ID_NUMBER")]
    assert found("mijn bsn is 111222333") == [("111222333", "ID_NUMBER")]
    # an IBAN-shaped string of the country's length is an ID number even with a bad check digit, never a phone
    assert found("iban NL91 ABNA 0417 1643 01") == [("NL91 ABNA 0417 1643 01", "ID_NUMBER")]
    # the printed Belgian form after its own cue is taken even when mistyped: it still points to one person
    assert ("85.07.30-033.29", "ID_NUMBER") in found("rijksregisternummer 85.07.30-033.29")


def test_ordinary_dates_and_ages_are_kept() -> None:
    assert found("ik ben 15") == []
    assert found("vorig jaar op 12-03-2024 gebeurde het") == []


def test_redacted_text_and_spans_index_original() -> None:
    text = "ik heet Lisa, bel 06-12345678 of mail lisa@x.nl"
    out = redact(text)
    assert out["text"] == "ik heet [NAAM], bel [TELEFOON] of mail [E-MAIL]"
    assert [text[s["start"] : s["end"]] for s in out["spans"]] == ["Lisa", "06-12345678", "lisa@x.nl"]


@pytest.mark.parametrize("odd", ["", " ", "\n\n", "😀" * 50, "0" * 500, "@@@@", "a" * 10000, "\x00\x01", "İstanbul ış"])
def test_never_raises(odd: str) -> None:
    out = redact(odd)
    assert isinstance(out["text"], str)
    assert all(0 <= s["start"] < s["end"] <= len(odd) for s in out["spans"])


def test_non_string_input() -> None:
    assert redact(None)["text"] == ""  # type: ignore[arg-type]
    assert redact_transcript([None, "Lisa"])[0]["text"] == ""  # type: ignore[list-item]


def test_consistent_pseudonyms() -> None:
    out = redact_transcript(
        [
            "ik ben Lisa de Vries, mijn nummer is 06-12345678",
            "lisa hier, bel +31 6 12345678",
            "Ahmed zei tegen Lisa dat ik in Utrecht moet blijven",
            "in utrecht bij Ahmed",
        ]
    )
    texts = [o["text"] for o in out]
    assert texts[0] == "ik ben [NAAM-1], mijn nummer is [TELEFOON-1]"
    assert texts[1] == "[NAAM-1] hier, bel [TELEFOON-1]"
    assert texts[2] == "[NAAM-2] zei tegen [NAAM-1] dat ik in [PLAATS-1] moet blijven"
    assert texts[3] == "in [PLAATS-1] bij [NAAM-2]"


def test_first_name_before_full_name_maps_to_same_pseudonym() -> None:
    out = redact_transcript(["Kevin is mijn vriend", "hij heet Kevin Jansen", "Jansen zegt dat"])
    assert out[0]["text"] == "[NAAM-1] is mijn vriend"
    assert out[1]["text"] == "hij heet [NAAM-1]"


def test_different_numbers_get_different_pseudonyms() -> None:
    out = redact_transcript(["bel 06-12345678", "of 06-87654321", "of weer 0612345678"])
    assert [o["text"] for o in out] == ["bel [TELEFOON-1]", "of [TELEFOON-2]", "of weer [TELEFOON-1]"]


@pytest.mark.parametrize("name", ["dev.jsonl", "heldout.jsonl"])
def test_labelled_sets_have_exact_spans(name: str) -> None:
    rows = [json.loads(line) for line in (ROOT / "data" / "redact" / name).read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= (200 if name == "dev.jsonl" else 100)
    clean = sum(1 for r in rows if not r["spans"])
    assert clean >= len(rows) // 5
    for r in rows:
        for s in r["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(r["text"])
            value = r["text"][s["start"] : s["end"]]
            assert value == value.strip() and value, (r["id"], value)


def test_generator_reproduces_the_committed_sets(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_dataset", ROOT / "data" / "redact" / "make_dataset.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = mod.make("dev", 20240401, 320, 90)
    committed = [json.loads(x) for x in (ROOT / "data" / "redact" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == committed
    for r in rows:  # inserted values land exactly where the spans say
        for s in r["spans"]:
            assert r["text"][s["start"] : s["end"]].strip() == r["text"][s["start"] : s["end"]]


def test_birthday_without_year_only_after_a_birth_word() -> None:
    assert found("bday 12/3") == [("12/3", "DATE_OF_BIRTH")]
    assert found("ik ben 12/3 klaar") == []


def test_phone_pseudonyms_ignore_country_code_forms() -> None:
    out = redact_transcript(["bel 06-12345678", "+31612345678", "0031 6 1234 5678", "+31 (0)6 12345678", "0470 12 34 56",
                             "+32 470 12 34 56"])
    assert [o["text"].split()[-1] for o in out] == ["[TELEFOON-1]"] * 4 + ["[TELEFOON-2]"] * 2


@pytest.mark.parametrize("junk", ["x" * 20000, "Kerkstraat " * 1000, "12-12-" * 1000, "a." * 3000])
def test_long_junk_is_handled(junk: str) -> None:
    # no timing assert: this only has to finish (quadratic regexes took 10 s here) and stay consistent
    out = redact(junk)
    assert all(0 <= s["start"] < s["end"] <= len(junk) for s in out["spans"])


def test_generator_spans_equal_inserted_values() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_dataset", ROOT / "data" / "redact" / "make_dataset.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for split, templates in (("dev", mod.DEV_TEMPLATES), ("heldout", mod.HELDOUT_TEMPLATES)):
        gen = mod.Gen(split, 1)
        for style in ("plain", "lower", "upper", "nopunct", "emoji"):
            for lang, tpl in templates:
                text, spans, values = gen.build_with_values(tpl, lang, style)
                assert [text[s["start"] : s["end"]] for s in spans] == values, (tpl, style)


# ---- families that used to leak (examples written for these tests)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mijn zusje joy zegt dat ze bang is", "joy"),
        ("ik ben storm, 14 jaar", "storm"),
        ("Faith is mijn beste vriendin", "Faith"),
        ("sky stuurde me een foto van hem", "sky"),
        ("mijn dochter lente (13) komt niet thuis", "lente"),
        ("bel hope even op dit nummer", "hope"),
        ("angel en blessing zijn bij hem", "blessing"),
        ("Will zegt dat ik niks mag vertellen", "Will"),
        ("leerling Sterre is al twee dagen weg", "Sterre"),
        ("iedereen noemt hem Bo", "Bo"),
        ("se llama Esmeralda y trabaja allí", "Esmeralda"),
        ("меня зовут Ирина", "Ирина"),
    ],
)
def test_names_that_are_also_words_or_in_other_scripts(text: str, value: str) -> None:
    assert (value, "PERSON") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik heb geen hoop meer",
        "ik hoop dat het goed komt",
        "er komt een storm aan vannacht",
        "de sky is blauw vandaag",
        "i will call you later",
        "hij gaf me een rose jurk",
    ],
)
def test_words_that_are_also_names_stay(text: str) -> None:
    assert [t for _, t in found(text) if t == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("haar CNP is 2011105123457 en ze is pas 13", "2011105123457"),
        ("mój PESEL to 05302712345", "05302712345"),
        ("ЕГН 0641151234 е на сестра ми", "0641151234"),
        ("mijn rijksregisternummer is 08.11.05-211.07", "08.11.05-211.07"),
        ("hij heeft mijn paszport, AB 7654321", "AB 7654321"),
        ("passeport camerounais n° B0443218", "B0443218"),
        ("een busje met Pools kenteken WGM 55123", "WGM 55123"),
    ],
)
def test_foreign_ids_after_a_cue(text: str, value: str) -> None:
    assert (value, "ID_NUMBER") in found(text)


def test_id_cue_wins_over_phone() -> None:
    assert found("EGN 0612345678") == [("0612345678", "ID_NUMBER")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("° 21/06/2010 en ik woon bij mijn tante", "° 21/06/2010"),
        ("ze is geboren 9 juli 2011", "9 juli 2011"),
        ("elle est née le 4 avril 2009", "4 avril 2009"),
        ("urodzona 7 lutego 2008", "7 lutego 2008"),
        ("il est né en novembre 2010", "novembre 2010"),
    ],
)
def test_dates_of_birth_in_more_forms(text: str, value: str) -> None:
    assert (value, "DATE_OF_BIRTH") in found(text)


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("zijn snap is mo.rifi_22", "mo.rifi_22", "HANDLE"),
        ("ze heeft een tweede account, lina.x", "lina.x", "HANDLE"),
        ("ze werkt bij Kapsalon Yasmina in Gouda", "Yasmina", "LOCATION"),
        ("hij zit bij de shoarmazaak Aladdin Grill", "Aladdin Grill", "LOCATION"),
        ("ze slaapt boven nagelsalon Pretty Nails", "Pretty Nails", "LOCATION"),
        ("ze werken op Kwekerij Het Zonnehof", "Het Zonnehof", "LOCATION"),
        ("hij wacht bij de Jumbo Hoorn", "Jumbo Hoorn", "LOCATION"),
        ("mieszkam na ul. Jana Pawła 12", "ul. Jana Pawła 12", "ADDRESS"),
        ("ze woont aan de Laan van Nieuw Oost-Indië 8", "Laan van Nieuw Oost-Indië 8", "ADDRESS"),
    ],
)
def test_handles_businesses_and_streets(text: str, value: str, typ: str) -> None:
    assert (value, typ) in found(text)


# ---- round 3: document cues in any language, IBAN shape, other scripts, case endings (fresh examples)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mijn BSN is 3104 77 215 en die gebruikt hij", "3104 77 215"),  # odd grouping, bad check digit
        ("haar paspoort (nr KT 552901) ligt bij de baas", "KT 552901"),
        ("mon passeport sénégalais AB 7730145 est chez lui", "AB 7730145"),
        ("ze hebben mijn verblijfskaart F 0612 4471 90 afgepakt", "F 0612 4471 90"),
        ("il garde nos cartes d'identité, la mienne c'est TZ 440981", "TZ 440981"),
        ("mijn cliënt (v-nummer 3318 920 447) is verdwenen", "3318 920 447"),
        ("numéro SP 9.115.204, vu hier à la gare", "9.115.204"),
        ("Mme Dubois, NN 08021544731, a perdu son emploi", "08021544731"),
        ("my voter card is VTR-4481902-7 and he has a copy", "VTR-4481902-7"),
        ("the van had a plate that starts with P-42", "P-42"),
        ("hij heeft een foto van mijn ID, naam Anna K, nummer 007412589", "007412589"),
    ],
)
def test_number_after_a_document_cue_is_taken_without_check_digit(text: str, value: str) -> None:
    assert (value, "ID_NUMBER") in found(text)


def test_iban_shape_is_an_id_number_never_a_phone() -> None:
    assert found("stort het op NL55INGB0009876543 zegt hij") == [("NL55INGB0009876543", "ID_NUMBER")]
    assert found("rekening BE43 0682 1177 3301 van het kantoor") == [("BE43 0682 1177 3301", "ID_NUMBER")]
    assert not any(t == "PHONE" for _, t in found("betaal naar NL55 INGB 0009 8765 43 vandaag"))


def test_bare_nine_digits_still_need_the_check_digit() -> None:
    assert not any(t == "ID_NUMBER" for _, t in found("het pakket had code 987654321 erop"))
    assert not any(t == "ID_NUMBER" for _, t in found("ik ben mijn paspoort kwijt, bel me op 0612345678"))
    assert ("0612345678", "PHONE") in found("ik ben mijn paspoort kwijt, bel me op 0612345678")


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("haar nummer is o6-4455-1290 maar ze neemt niet op", "o6-4455-1290", "PHONE"),
        ("son portable français: 06.71.33.48.20", "06.71.33.48.20", "PHONE"),
        ("hij is geboren op 4 de abril de 2009 in Lima", "4 de abril de 2009", "DATE_OF_BIRTH"),
        ("ik word 16 op 9 februari, dan mag het", "9 februari", "DATE_OF_BIRTH"),
        ("student Ana, b. 3 Jun 2008, is absent", "3 Jun 2008", "DATE_OF_BIRTH"),
        ("waxaan dhashay 12 Maarso 2009", "12 Maarso 2009", "DATE_OF_BIRTH"),
        ("zijn fake account __m1ra.__ stuurt berichten", "__m1ra.__", "HANDLE"),
        ("mijn insta lena.x3.be klopt niet meer", "lena.x3.be", "HANDLE"),
    ],
)
def test_phones_dates_handles_in_new_shapes(text: str, value: str, typ: str) -> None:
    assert (value, typ) in found(text)


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("ze pikken ons op aan het Zuidstation om zes uur", "Zuidstation", "LOCATION"),
        ("they wait near Berchem station every night", "Berchem", "LOCATION"),
        ("kuzenim beni Tilburg'daki depoda çalıştırıyor", "Tilburg", "LOCATION"),
        ("я працюю в Ейндговені на складі", "Ейндговені", "LOCATION"),
        ("أنا أعمل في أمستردام عند رجل", "أمستردام", "LOCATION"),
        ("ik werk op tomatenkwekerij De Groene Kas in Westland", "De Groene Kas", "LOCATION"),
        ("ze slaapt in opvangvoorziening Het Anker sinds maandag", "Het Anker", "LOCATION"),
        ("abim Hakan'ın arkadaşı beni çalıştırıyor", "Hakan", "PERSON"),
        ("اسمي سلمى وعمري ١٥", "سلمى", "PERSON"),
        ("mijn huisgenote Jocelyn werkt als au pair", "Jocelyn", "PERSON"),
        ("the cook Somsak sleeps in the cellar", "Somsak", "PERSON"),
        ("hij woont aan de Breedeweg 14 in Nijmegen", "Breedeweg 14", "ADDRESS"),
        ("they dropped her at the Kruisweg 301 in Hoofddorp", "Kruisweg 301", "ADDRESS"),
        ("de locatie zegt Stationsplein 7 Zwolle", "Stationsplein 7", "ADDRESS"),
        ("ik woon ergens in de Rue de Namur maar weet het nummer niet", "Rue de Namur", "ADDRESS"),
        ("de bakkerij ligt aan de Steenweg op Brussel 240", "Steenweg op Brussel 240", "ADDRESS"),
    ],
)
def test_places_people_and_streets_in_new_shapes(text: str, value: str, typ: str) -> None:
    assert (value, typ) in found(text)


def test_meaning_words_stay_readable_around_new_rules() -> None:
    # the kind of place stays readable: only the name is hidden
    spans = found("ik werk bij champignonkwekerij Van Asten in Horst")
    assert ("Van Asten", "LOCATION") in spans
    assert not any("champignonkwekerij" in v for v, _ in spans)
    assert not any(v in ("station", "school") for v, _ in found("we staan bij het station en dan bij de school"))
    assert not any(t == "LOCATION" for _, t in found("ik moest naar het Politiestation"))
    assert found("het kost 12.50 per uur") == []  # no date, no phone
    assert not any(t == "ADDRESS" for _, t in found("we liepen nog 10 minuten door de Hema 10 minuten lang"))


@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("زما نوم ذبیح الله دی، زه په کمپ کې یم", "ذبیح الله", "PERSON"),  # Pashto "my name is"
        ("اسمي أحمد وعمري ١٥", "أحمد", "PERSON"),
        ("老板叫王姐，楼上住着我们五个", "王姐", "PERSON"),
        ("adım Elif, doğum tarihim 7 Mart 2008", "7 Mart 2008", "DATE_OF_BIRTH"),
        ("my card from the camp says 21.11.2009, i was born in Benin City", "21.11.2009", "DATE_OF_BIRTH"),
        ("de voogd van joy is dezelfde", "joy", "PERSON"),
        ("her name is my and she is 15", "my", "PERSON"),
    ],
)
def test_names_and_dates_from_the_fresh_dev_lines(text: str, value: str, typ: str) -> None:
    spans = redact(text)["spans"]
    assert {"start": text.index(value), "end": text.index(value) + len(value), "type": typ} in spans


@pytest.mark.parametrize(
    "text",
    [
        "mn bsn is nog geheim, dat heeft hij gebruikt voor de lening",  # "dat" is also a Vietnamese name
        "the school called my mum about it",
        "il m'a donné rdv à la gare demain à 16h",
        "ما بدي قول اسمي، ممكن؟",  # "I don't want to say my name, ok?"
        "他叫我去店里",  # "he told me to go to the shop"
    ],
)
def test_function_words_and_refusals_are_not_names(text: str) -> None:
    assert not [s for s in redact(text)["spans"] if s["type"] == "PERSON"]


def _has(text: str, value: str, typ: str) -> bool:
    """True when a span of ``typ`` overlaps ``value`` in ``text``."""
    s = text.index(value)
    e = s + len(value)
    return any(d["type"] == typ and d["start"] < e and s < d["end"] for d in redact(text)["spans"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mijn vriendin Chiamaka zit nog in het huis", "Chiamaka"),  # Igbo
        ("ik ben met osasu meegegaan naar het huis", "osasu"),  # Edo, lowercase, listed
        ("hij heet Habtom en hij is 17", "Habtom"),  # Eritrean
        ("mijn zus Ifrah werkt daar ook", "Ifrah"),  # Somali
        ("mijn neef Zabihullah woont in dat huis", "Zabihullah"),  # Afghan
        ("rojhat zei dat ik moest komen", "rojhat"),  # Kurdish, lowercase before a speech verb
        ("mijn vriend Bartłomiej zei niks", "Bartłomiej"),  # Polish
        ("dat regelt Răzvan allemaal", "Răzvan"),  # Romanian
        ("my cousin Tsvetelina works there", "Tsvetelina"),  # Bulgarian
        ("мою сестру зовут Solomiia, вона там", "Solomiia"),  # Ukrainian in Latin letters
        ("i work for Xiaoming at the restaurant", "Xiaoming"),  # pinyin
        ("she is with Jericho now", "Jericho"),  # Filipino
        ("o dono se chama Thiago", "Thiago"),  # Brazilian
        ("ik ga met Shurendy naar de stad", "Shurendy"),  # Antillean
    ],
)
def test_names_from_many_origins(text: str, value: str) -> None:
    assert _has(text, value, "PERSON")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ik slaap bij storm zijn neef want thuis gaat niet", "storm"),  # name + possessive relation
        ("ik zit bij sky en haar zus in de auto", "sky"),
        ("will took my passport and my bank card", "will"),  # "will" before a past tense: a name
        ("faith elle a 16 ans et elle dort chez lui", "faith"),  # French pronoun take-up
        ("Prosper c mon cousin, il travaille pour eux", "Prosper"),
        ("c'est le portable de Joy, elle me l'a prêté", "Joy"),  # French "de" + capitalised name
        ("le chef c Karim, il garde nos papiers", "Karim"),  # copula after a relation word
        ("our mentor is mr vandenbroucke", "vandenbroucke"),  # lowercase after a title
        ("een jongen van 14 (T.) wordt opgehaald na school", "T."),  # initial in brackets
        ("kardeşim Yusuf Gent'te çalışıyor", "Yusuf"),  # Turkish relation word
        ("Emre abi beni arabayla alacak", "Emre"),  # Turkish honorific after a name
        ("fiul meu Marian nu mai vine acasă", "Marian"),  # Romanian relation word
    ],
)
def test_names_after_new_cues(text: str, value: str) -> None:
    assert _has(text, value, "PERSON")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("اسم ابني يزن وعمره ١٤", "يزن"),  # Arabic "my son's name"
        ("المحامي هو الأستاذ كريم", "كريم"),  # Arabic title
        ("اسم من نرگس است", "نرگس"),  # Persian "my name is"
        ("انا ريم، عمري ١٥", "ريم"),  # Arabic "I am X," with the age
        ("我的男朋友李强不让我回家", "李强"),  # Chinese relation word + surname
        ("ስመይ ሃብቶም እዩ", "ሃብቶም"),  # Tigrinya "my name is X" with the copula
    ],
)
def test_names_in_other_scripts_after_naming_cues(text: str, value: str) -> None:
    assert _has(text, value, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "mijn oom wil dat ik in het restaurant werk",  # "wil" after a relation noun is a verb
        "the pimp said i owe him money",
        "je suis son neveu, c'est ce qu'il dit",  # "son" after "je suis" is a possessive
        "i'm an au pair in a big house",
        "ma copine est gentille mais elle a peur",  # "mais", "ans" are not names
        "elle a 15 ans elle est partie",
        "ik ben moe en ik wil slapen",
        "ana bghit nkhdem f Antwerpen",  # Darija "ana" = I
        "seful tine pasapoartele in birou",  # Romanian "tine" = keeps
        "ما عندي أمل بعد اليوم",  # "I have no hope": أمل is also a name
        "he is Eritrean and lives with an auntie",
        "the hotel near the Airport was full",
    ],
)
def test_words_near_new_cues_are_not_names(text: str) -> None:
    assert not [s for s in redact(text)["spans"] if s["type"] == "PERSON"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("de code 5040823410022 staat achterop de kaart", "5040823410022"),  # Romanian, bare, valid
        ("02270803624 stond bovenaan de brief", "02270803624"),  # Polish PESEL (2002), valid
        ("7501020018 staat op zijn oude papieren", "7501020018"),  # Bulgarian EGN, valid
        ("mijn DNI 12345678Z hebben ze", "12345678Z"),  # Spanish DNI with its check letter
        ("ze reden in een busje BH 12 XYZ naar Brussel", "BH 12 XYZ"),  # Romanian plate
        ("mijn id BK 4471902 ligt bij hem", "BK 4471902"),  # lowercase "id" before a number
        ("het paspoort van mijn zus is P7719024 denk ik", "P7719024"),  # letter + digits
        ("zijn V-nummer is 3018829471", "3018829471"),
        ("паспорт номер 12 3456789 забрали", "12 3456789"),  # series and number
        ("stort het op DE 89 3704 0044 0532 0130 00 aub", "DE 89 3704 0044 0532 0130 00"),  # IBAN, space after DE
        ("他的护照号是G12345678", "G12345678"),
    ],
)
def test_id_numbers_of_other_countries(text: str, value: str) -> None:
    assert _has(text, value, "ID_NUMBER")


def test_bare_numbers_that_fail_check_digits_stay() -> None:
    text = "bestelling 1234567890123 is onderweg en pakket 9876543210 ook"
    assert not [s for s in redact(text)["spans"] if s["type"] == "ID_NUMBER"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ik ben noor (3-9-07) en ik woon hier niet", "3-9-07"),  # two-digit year next to a name
        ("i'm Dayo (14 feb 2010)", "14 feb 2010"),
        ("het meisje heet Olena, 2011-04-30, en ze spreekt geen Nederlands", "2011-04-30"),
        ("op mijn papier staat 01-01-2009 maar dat klopt niet", "01-01-2009"),
        ("oğlum Kerem 2010 doğumlu", "2010"),
        ("出生日期2009年3月15日", "2009年3月15日"),
        ("تولدم ۲۰ جوزا ۱۳۸۸ است", "۲۰ جوزا ۱۳۸۸"),
    ],
)
def test_dates_of_birth_next_to_names_and_in_other_calendars(text: str, value: str) -> None:
    assert _has(text, value, "DATE_OF_BIRTH")


def test_event_dates_next_to_a_name_stay() -> None:
    # a recent date is the time line of the story, not a birth date
    text = "Kevin, 12-03-2024, kwam hij me halen"
    assert not [s for s in redact(text)["spans"] if s["type"] == "DATE_OF_BIRTH"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ze praat met kim.vd op snapchat", "kim.vd"),  # dotted handle before its platform
        ("volg hem: tiktok is de_echte.jay", "de_echte.jay"),
        ("snapim tugba.x_07", "tugba.x_07"),  # Turkish possessive on the platform word
        ("加我微信号lily_2009", "lily_2009"),  # handle touching Chinese
    ],
)
def test_handles_with_dots_and_underscores(text: str, value: str) -> None:
    assert _has(text, value, "HANDLE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ze houden me vast in een flat boven de Kruidvat", "Kruidvat"),  # chain shop as a landmark
        ("the room is behind the Lidl near the station", "Lidl"),
        ("hij werkt in de carwash Sparkling Clean aan de ring", "Sparkling Clean"),
        ("ze is weggelopen uit De Beukenhorst gisteren", "De Beukenhorst"),  # youth-care home
        ("ablam Zeynep Feijenoord mahallesinde oturuyor", "Feijenoord"),  # Turkish neighbourhood word
        ("we sliepen in het Noorderpark onder de brug", "Noorderpark"),
        ("ze zit nu in The Hague bij een man", "The Hague"),
    ],
)
def test_places_that_locate_a_victim(text: str, value: str) -> None:
    assert _has(text, value, "LOCATION")


@pytest.mark.parametrize(
    "text",
    [
        "ik zie een loverboy als een soort pooier",
        "het hotel was vies en de politie kwam niet",
        "op school weten ze niks van de klanten",
        "ik heb geen hoop meer dat het goed komt",
        "we werken tot 11h in de salon",
        "de wasstraat is gesloten op zondag",
    ],
)
def test_clean_trap_lines_stay_untouched(text: str) -> None:
    assert redact(text)["spans"] == []


# Session 7 (issue 8): names in Ge'ez and Arabic script after their cues; fresh examples.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ሓፍተይ ሳምራዊት 14 ዓመት እያ", "ሳምራዊት"),  # my sister X, 14 years
        ("ዓርከይ ሃብቶም፡ ኣብ Utrecht እዩ", "ሃብቶም"),
        ("ኣነ ፊዮሪ እየ፡ ዕድመይ 15", "ፊዮሪ"),  # I am X, my age 15
        ("ስሙ ዮሃንስ እዩ", "ዮሃንስ"),  # his name is X
        ("ሓወይ ኣሎ ኣብ Brussel፣ ስሙ ሮቤል", "ሮቤል"),
        ("ስመይ ብሩክ እየ", "ብሩክ"),
        ("صديقتي المسكينة ليلى عمرها 15", "ليلى"),  # an adjective with the article between relation and name
        ("أنا ايمان ورقمي معه", "ايمان"),  # "I am Iman and ...": a listed name before "and"
    ],
)
def test_names_in_other_scripts_session7(text: str, value: str) -> None:
    assert _has(text, value, "PERSON"), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "ኣነ ጓል እየ፡ ዕድመይ 15",  # I am a girl, 15: no name
        "أختي الصغيرة عمرها 12",  # my little sister is 12
        "الإيمان مهم جدا في حياتي",  # faith is important
        "weet iemand of mijn naam erin komt",
        "ik ben geboren in de winter",
        "il dit que je suis son trésor",
    ],
)
def test_no_name_session7(text: str) -> None:
    assert [t for _, t in found(text) if t == "PERSON"] == [], found(text)


# Session 7: names that are also words, used as names (a person's state, "from next door", a remark in brackets,
# "X and Y picked me up"); unlisted lowercase names after "bf"/"gf" before a place; schools named after people;
# parts of towns. Fresh examples.
@pytest.mark.parametrize(
    ("text", "value", "typ"),
    [
        ("Joy is vermist sinds zaterdag, weet iemand iets", "Joy", "PERSON"),
        ("Blessing van hiernaast wordt elke nacht opgehaald", "Blessing", "PERSON"),
        ("Sky (haar echte naam) zit bij mij in de klas", "Sky", "PERSON"),
        ("Angel (14) slaapt al twee nachten niet thuis", "Angel", "PERSON"),
        ("the guy said faith is there too, in the same house", "faith", "PERSON"),
        ("angel and storm drove me to the house again", "angel", "PERSON"),
        ("angel and storm drove me to the house again", "storm", "PERSON"),
        ("we slapen bij die man, sunny en ik werken daar", "sunny", "PERSON"),
        ("i live with my gf tamsin in the flat above the shop", "tamsin", "PERSON"),
        ("ze zit op het lycée Victor Hugo in Gent", "Victor Hugo", "LOCATION"),
        ("ik ben weggelopen en slaap nu in Leuven-Centrum bij een vriend", "Leuven-Centrum", "LOCATION"),
    ],
)
def test_word_names_and_unlisted_names_session7(text: str, value: str, typ: str) -> None:
    assert _has(text, value, typ), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "hoop doet leven zegt mijn oma altijd",
        "hope has left me, i dont know what to do",
        "rose is my favourite flower, what's yours",
        "my bf lowkey in love with someone else",
        "my gf dances at a club on saturdays",
        "je suis son trésor, dit-il, et puis il me frappe",
        "ze is weggelopen uit de Hoenderloo-groep",
    ],
)
def test_word_names_stay_words_session7(text: str) -> None:
    assert [v for v, t in found(text) if t == "PERSON"] == [], found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pracuję w Venray na farmie, szef ma mój paszport", "Venray"),  # Polish "w" (in) before an ambiguous town
        ("we sleep in the Stadshotel, room 12", "Stadshotel"),  # a named hotel in one word
        ("أهلي في وجدة وأنا هنا وحدي", "وجدة"),  # a home town in Arabic script
    ],
)
def test_places_session7(text: str, value: str) -> None:
    assert _has(text, value, "LOCATION"), found(text)
