"""ID numbers and dates of birth in the forms people type (issue 8): other EU countries' and newcomers' national
numbers, passports, residence permits, IBANs and plates, with spaces, dots, dashes or a line break; dates of birth
in many languages and scripts. Hand-written cases, not taken from data/redact."""

from __future__ import annotations

import pytest

from triage.redaction import redact, redact_transcript


def _typed(text: str, typ: str) -> list[str]:
    return [text[s["start"] : s["end"]] for s in redact(text)["spans"] if s["type"] == typ]


def _covers(found: list[str], value: str) -> bool:
    """The value is hidden: one span of the type holds it (or most of it, for a cue-led span's edges)."""
    return any(value in f or (f in value and len(f) >= 0.8 * len(value)) for f in found)


@pytest.mark.parametrize(("text", "value"), [
 ("mijn bsn is 1234 56 782", "1234 56 782"),
 ("bsn: 123.456.782", "123.456.782"),
 ("bsn 12-34-56-782", "12-34-56-782"),
 ("mijn bsn is 123 456\n782", "123 456\n782"),
 ("iban NL91-ABNA-0417-1643-00", "NL91-ABNA-0417-1643-00"),
 ("rekening nl91abna0417164300 staat op zijn naam", "nl91abna0417164300"),
 ("IBAN: BE68 5390 0754 7034", "BE68 5390 0754 7034"),
 ("stort het op DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
 ("FR14 2004 1010 0505 0001 3M02 606 is zijn rekening", "FR14 2004 1010 0505 0001 3M02 606"),
 ("PL61 1090 1014 0000 0712 1981 2874", "PL61 1090 1014 0000 0712 1981 2874"),
 ("iban NL91 ABNA\n0417 1643 00", "NL91 ABNA\n0417 1643 00"),
 ("rijksregisternummer 85073003328", "85073003328"),
 ("rijksregister 85 07 30 033 28", "85 07 30 033 28"),
 ("rijksregisternr 85-07-30-033-28", "85-07-30-033-28"),
 ("mijn eID kaartnummer is 591-1917064-58", "591-1917064-58"),
 ("kaartnummer 591191706458 staat op de achterkant", "591191706458"),
 ("BIS-nummer 98 47 28 997 65", "98 47 28 997 65"),
 ("meine Steuer-ID ist 36 574 261 809", "36 574 261 809"),
 ("Ausweisnummer L01X00T47", "L01X00T47"),
 ("mon numéro de sécu c'est 2 95 10 99 126 111 93", "2 95 10 99 126 111 93"),
 ("2 95 10 99 126 111 93", "2 95 10 99 126 111 93"),
 ("mon passeport c'est 12AB34567", "12AB34567"),
 ("carte d'identité n° 880692310285", "880692310285"),
 ("TC kimlik no 10000000078", "10000000078"),
 ("kimliğimde 10000000078 yazıyor", "10000000078"),
 ("паспорт FE 123456", "FE 123456"),
 ("ІПН 1759013776", "1759013776"),
 ("паспорт 45 06 123456 у него", "45 06 123456"),
 ("ma CIN c BK548213", "BK548213"),
 ("رقم الهوية 01020304050", "01020304050"),
 ("رقم جواز السفر N012345678", "N012345678"),
 ("الرقم الوطني ٠١٠٢٠٣٠٤٠٥٠", "٠١٠٢٠٣٠٤٠٥٠"),
 ("my tazkira number is 1400-0101-12345", "1400-0101-12345"),
 ("my NIN is 12345678901", "12345678901"),
 ("numri personal J12345678N", "J12345678N"),
 ("letërnjoftimi im J12345678N", "J12345678N"),
 ("dowód osobisty ABC123456", "ABC123456"),
 ("buletin seria XT nr 482913", "XT nr 482913"),
 ("le chef garde nos passeports, le mien c'est AA 4471902", "AA 4471902"),
 ("they took our passports, mine is P 1234 5678", "P 1234 5678"),
 ("mijn paspoortnummer is\nNW8K4R2J1", "NW8K4R2J1"),
 ("paspoort NW 8K4 R2J 1", "NW 8K4 R2J 1"),
 ("AHV-Nr 756.9217.0769.85", "756.9217.0769.85"),
 ("CNIC 34201-0891231-8", "34201-0891231-8"),
 ("360426199101010071 is his chinese id", "360426199101010071"),
 ("CPF 390.533.447-05", "390.533.447-05"),
 ("personnummer 880320-0016", "880320-0016"),
 ("henkilötunnus 131052-308T", "131052-308T"),
 ("CPR 211062-5629", "211062-5629"),
 ("cartão de cidadão 12345670 0 ZZ8", "12345670 0 ZZ8"),
 ("EMŠO 0101006500006", "0101006500006"),
 ("IDNP 2100400000009", "2100400000009"),
 ("AMKA 01013099997", "01013099997"),
 ("rodné číslo 095312/0003", "095312/0003"),
 ("PPS number 6433435F", "6433435F"),
 ("national insurance number JG 10 37 59 A", "JG 10 37 59 A"),
 ("PESEL 0931041 2345", "0931041 2345"),
 ("CNP 5 090312 045678", "5 090312 045678"),
 ("verblijfspas nummer W12345678", "W12345678"),
 ("mijn V-nummer is 27.349.810.65", "27.349.810.65"),
 ("titre de séjour n° B 1234567 89", "B 1234567 89"),
 ("djali ka makinen me targe AA 482 KL", "AA 482 KL"),
 ("il a une voiture grise AB-123-CD", "AB-123-CD"),
 ("hij rijdt een franse auto, AB-123-CD", "AB-123-CD"),
 ("targa AB 123CD", "AB 123CD"),
 ("Kennzeichen M-AB 123", "M-AB 123"),
 ("een duitse bus B-MW 1234", "B-MW 1234"),
 ("matrícula 1234 BCD", "1234 BCD"),
 ("polski samochód WPR 4821C", "WPR 4821C"),
 ("кола CB 1234 AB", "CB 1234 AB"),
 ("машина AA 1234 BB", "AA 1234 BB"),
 ("arabanın plakası 34 ABC 123", "34 ABC 123"),
 ("kenteken ab123c", "ab123c"),
 ("kenteken 12 ABC 3", "12 ABC 3"),
 ("een zwarte golf met 12-abc-3", "12-abc-3"),
 ("zijn auto heeft nummerplaat 1 abc 123", "1 abc 123"),
 ("bsn ١٢٣٤٥٦٧٨٢", "١٢٣٤٥٦٧٨٢"),
 ("sofinummer: 1234.56.782", "1234.56.782"),
])
def test_id_numbers(text: str, value: str) -> None:
    assert _covers(_typed(text, "ID_NUMBER"), value), redact(text)


@pytest.mark.parametrize(("text", "value"), [
 ("geb. 3-5-08", "3-5-08"),
 ("born 03.05.2008", "03.05.2008"),
 ("née le 3 mai 2008", "3 mai 2008"),
 ("° 12/03/2009", "12/03/2009"),
 ("geboren 3 mei '08", "3 mei '08"),
 ("ik ben geboren op 3-mei-2008", "3-mei-2008"),
 ("geboren 03052008", "03052008"),
 ("DOB: 3.V.2008", "3.V.2008"),
 ("born on May 3rd, 2008", "May 3rd, 2008"),
 ("born 2008/05/03", "2008/05/03"),
 ("geboren op ٣/٥/٢٠٠٨", "٣/٥/٢٠٠٨"),
 ("تاريخ الميلاد ١٢/٠٣/٢٠٠٩", "١٢/٠٣/٢٠٠٩"),
 ("مواليد ١٢ مارس ٢٠٠٩", "١٢ مارس ٢٠٠٩"),
 ("ولدت في ١٢ آذار ٢٠٠٩", "١٢ آذار ٢٠٠٩"),
 ("geboren am 3. Mai 2008", "3. Mai 2008"),
 ("urodzona 3.05.2008 r.", "3.05.2008"),
 ("narozena 3. května 2008", "3. května 2008"),
 ("народився 3 травня 2008", "3 травня 2008"),
 ("родилась 3 мая 2008", "3 мая 2008"),
 ("моя дата народження 27/06/2008", "27/06/2008"),
 ("дата рождения: 27.06.2008", "27.06.2008"),
 ("doğum tarihim 03.05.2008", "03.05.2008"),
 ("em sinh ngày 3 tháng 5 năm 2008", "3 tháng 5 năm 2008"),
 ("nata il 3 maggio 2008", "3 maggio 2008"),
 ("nascida em 3 de maio de 2008", "3 de maio de 2008"),
 ("geboren:\n03-05-2008", "03-05-2008"),
 ("° 3/5/08", "3/5/08"),
 ("ik ben 3 mei 2008 geboren", "3 mei 2008"),
 ("Lotte (°2010) is weg", "2010"),
 ("geboren 3 5 2008", "3 5 2008"),
 ("in 2009 ben ik geboren", "2009"),
 ("ik ben van 2009", "2009"),
 ("ik ben van '09", "'09"),
 ("born in '08", "'08"),
 ("mijn verjaardag is 3 mei", "3 mei"),
 ("jarig op 03/05", "03/05"),
 ("my birthday is the 3rd of may", "3rd of may"),
 ("je suis né le 3/05/2008 à Conakry", "3/05/2008"),
 ("ik ben geboren op 3 mei 2008 in Aleppo", "3 mei 2008"),
 ("geboortedatum: 2008-5-3", "2008-5-3"),
 ("fecha de nacimiento 03/05/2008", "03/05/2008"),
 ("data urodzenia 03.05.2008", "03.05.2008"),
 ("e lindur më 3 maj 2008", "3 maj 2008"),
 ("dhashay 3/5/2008", "3/5/2008"),
 ("ik ben van 03-05-2008", "03-05-2008"),
 ("geb 3.5.08", "3.5.08"),
 ("geboren in mei 2008", "mei 2008"),
 ("متولد ۱۳۸۷/۰۵/۱۲", "۱۳۸۷/۰۵/۱۲"),
 ("ik ben een 2009", "2009"),
 ("kaarawan ko ay Mayo 3, 2008", "Mayo 3, 2008"),
 ("ipinanganak ako noong 3 Mayo 2008", "3 Mayo 2008"),
 ("jsuis née le 3 mai 2008", "3 mai 2008"),
 ("ben geboren 3 mei 2008", "3 mei 2008"),
 ("geboren op 3 mei 2008 ( klopt niet )", "3 mei 2008"),
])
def test_dates_of_birth(text: str, value: str) -> None:
    assert _covers(_typed(text, "DATE_OF_BIRTH"), value), redact(text)


@pytest.mark.parametrize("text", [
 "bel 0612345678",
 "+32 470 12 34 56",
 "ik moest 1500 euro betalen",
 "hij rijdt op de A 12 en de N 201",
 "ik speel fifa 23 op de ps5",
 "mijn iphone 12 is kapot",
 "ik zit in groep 8 en klas 2b",
 "hij heeft een golf 7 GTI",
 "om 12 30 uur kwam hij",
 "ik heb mijn paspoort niet meer, hij heeft het",
 "mijn paspoort is weg sinds 12 maart",
 "mijn auto is een BMW 320 D",
 "ze werkt 12 uur per dag voor 3 euro",
 "de bus 64 naar station",
 "ik moet 2 ABC toetsen maken",
 "tel me 2 12 2008",
    "They keep her passport 'for safety' and she gets 150 euro a month",
    "il a mon passeport depuis 8 mois",
    "boss keep my passport, he say i owe him 15000 for bring me to europe",
])
def test_no_id_number(text: str) -> None:
    assert _typed(text, "ID_NUMBER") == []


@pytest.mark.parametrize("text", [
 "op 12-03-2009 nam hij mijn telefoon af",
 "ik ben 15",
 "ik ben van 2 tot 5 op school",
 "ik ben van plan om te gaan",
 "de bus van 08.15 was te laat",
 "het was 3 mei 2008 toen mijn vader vertrok",
 "ik ben sinds 2009 in nederland",
 "ik ben van 2015 tot 2019 in Libië geweest",
 "ik ben in 2015 gevlucht",
 "born to be wild lol 2008",
 "mijn telefoon is van 2019",
])
def test_no_date_of_birth(text: str) -> None:
    """Ages, time lines and periods stay readable: only a date (or year) given as a birth date is hidden."""
    assert _typed(text, "DATE_OF_BIRTH") == []


def test_other_scripts_digits_read_as_digits() -> None:
    assert _typed("رقمي ٠٦١٢٣٤٥٦٧٨", "PHONE") == ["٠٦١٢٣٤٥٦٧٨"]
    assert _typed("تاريخ الميلاد ١٢/٠٣/٢٠٠٩", "DATE_OF_BIRTH") == ["١٢/٠٣/٢٠٠٩"]
    assert _typed("عمري ١٥ سنة", "DATE_OF_BIRTH") == []  # an age stays


def test_bare_numbers_need_their_check_digits() -> None:
    assert _typed("10000000078", "ID_NUMBER") == ["10000000078"]  # Turkish identity number
    assert _typed("10000000079", "ID_NUMBER") == []
    assert _typed("390.533.447-05", "ID_NUMBER") == ["390.533.447-05"]  # Brazilian CPF
    assert _typed("390.533.447-06", "ID_NUMBER") == []


@pytest.mark.parametrize(("texts", "expected"), [
    (["mijn bsn is", "123456780"], ["mijn bsn is", "[ID-NUMMER-1]"]),
    (["wat is je geboortedatum?", "3 mei 2008"], ["wat is je geboortedatum?", "[GEBOORTEDATUM-1]"]),
    (["wanneer ben je geboren", "12-03-2009 in Aleppo"], ["wanneer ben je geboren", "[GEBOORTEDATUM-1] in [PLAATS-1]"]),
    (["wat is je kenteken", "AB 123 C"], ["wat is je kenteken", "[ID-NUMMER-1]"]),
    (["hoe oud ben je?", "15"], ["hoe oud ben je?", "15"]),
    (["passport?", "they took it 2 weeks ago"], ["passport?", "they took it 2 weeks ago"]),
    (["op 12 maart", "nam hij mijn telefoon af"], ["op 12 maart", "nam hij mijn telefoon af"]),
])
def test_cue_in_the_previous_message(texts: list[str], expected: list[str]) -> None:
    """A counsellor asks, the visitor answers: the answer is hidden although its cue is in the message before."""
    assert [r["text"] for r in redact_transcript(texts)] == expected


def test_model_skip_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is skipped on messages where it cannot add a span (speed); the spans are the same as with the
    model run on every message, on the labelled lines of independent writers."""
    import json
    from pathlib import Path

    from triage import redaction

    root = Path(__file__).resolve().parents[2]
    texts = [json.loads(line)["text"] for name in ("corpus_dev.jsonl", "corpus_dev_r.jsonl")
             for line in (root / "data" / "redact" / name).read_text(encoding="utf-8").splitlines()]
    with_skip = [redaction.detect(t) for t in texts]
    skipped = sum(not redaction._model_may_add(t, s) for t, s in zip(texts, with_skip, strict=True))
    monkeypatch.setattr(redaction, "_model_may_add", lambda text, spans: True)
    assert [redaction.detect(t) for t in texts] == with_skip
    assert skipped > 0


def test_model_may_add() -> None:
    from triage import redaction

    assert not redaction._model_may_add("ik ben bang en ik wil naar huis", [])
    assert redaction._model_may_add("ik ben bang voor Wubbe", [])
    text = "ik woon in Utrecht"
    assert not redaction._model_may_add(text, redaction.detect(text))  # the place is a rule span already


# Written after the rules above, as a check of how they generalise: 33 of these 40 were found before the round
# that added driving licences, Polish case forms, Dari month names, Arabic birth years and "12-03-'09".
@pytest.mark.parametrize(("text", "value", "typ"), [
 ("mn bsn: 1234-56-782 maar niet doorgeven", "1234-56-782", "ID_NUMBER"),
 ("het nummer van mijn verblijfspas is Y1234567", "Y1234567", "ID_NUMBER"),
 ("heb foto van zijn rijbewijs, nummer 5123456789", "5123456789", "ID_NUMBER"),
 ("rijbewijsnummer 5123456789", "5123456789", "ID_NUMBER"),
 ("mijn NIE es Y-1234567-X", "Y-1234567-X", "ID_NUMBER"),
 ("il m'a pris ma carte de séjour numéro B12345678", "B12345678", "ID_NUMBER"),
 ("my residence permit no. is RP-2023-448812", "RP-2023-448812", "ID_NUMBER"),
 ("iban be71 0961 2345 6769", "be71 0961 2345 6769", "ID_NUMBER"),
 ("stuur naar NL91ABNA 0417164300", "NL91ABNA 0417164300", "ID_NUMBER"),
 ("IBAN DE89370400440532013000 van zijn moeder", "DE89370400440532013000", "ID_NUMBER"),
 ("my ghana card GHA-123456789-0", "GHA-123456789-0", "ID_NUMBER"),
 ("numer dowodu ABC 123456", "ABC 123456", "ID_NUMBER"),
 ("номер паспорта 4509 123456", "4509 123456", "ID_NUMBER"),
 ("ідентифікаційний код 1759013776", "1759013776", "ID_NUMBER"),
 ("kimlik numaram 10000000078", "10000000078", "ID_NUMBER"),
 ("شماره پاسپورت من P12345678", "P12345678", "ID_NUMBER"),
 ("zijn auto: 1-XYZ-987", "1-XYZ-987", "ID_NUMBER"),
 ("busje met kenteken VXL-12-B", "VXL-12-B", "ID_NUMBER"),
 ("plate was GH-12-KL i think", "GH-12-KL", "ID_NUMBER"),
 ("le camion immatriculé AB-123-CD", "AB-123-CD", "ID_NUMBER"),
 ("jarig 12 maart, geboren in 2009", "2009", "DATE_OF_BIRTH"),
 ("mijn geboortedatum: 12/3/2009", "12/3/2009", "DATE_OF_BIRTH"),
 ("geb.datum 12-03-2009", "12-03-2009", "DATE_OF_BIRTH"),
 ("ik ben geboren op 12 maart 2009 in Kabul", "12 maart 2009", "DATE_OF_BIRTH"),
 ("ben op 12 maart 2009 geboren", "12 maart 2009", "DATE_OF_BIRTH"),
 ("I was born on 12th March 2009", "12th March 2009", "DATE_OF_BIRTH"),
 ("DOB 12MAR2009", "12MAR2009", "DATE_OF_BIRTH"),
 ("né en 2009 à Conakry", "2009", "DATE_OF_BIRTH"),
 ("je suis née le 12 mars 09", "12 mars 09", "DATE_OF_BIRTH"),
 ("date de naissance : 12.03.2009", "12.03.2009", "DATE_OF_BIRTH"),
 ("urodziłam się 12 marca 2009", "12 marca 2009", "DATE_OF_BIRTH"),
 ("m-am născut pe 12.03.2009", "12.03.2009", "DATE_OF_BIRTH"),
 ("doğum tarihim 12 Mart 2009", "12 Mart 2009", "DATE_OF_BIRTH"),
 ("تولدم ۱۲ مارچ ۲۰۰۹", "۱۲ مارچ ۲۰۰۹", "DATE_OF_BIRTH"),
 ("ولدت سنة ٢٠٠٩", "٢٠٠٩", "DATE_OF_BIRTH"),
 ("birthday: 12/03", "12/03", "DATE_OF_BIRTH"),
 ("ik ben geboren op 12-03-'09", "12-03-'09", "DATE_OF_BIRTH"),
 ("geboren\n12 maart 2009", "12 maart 2009", "DATE_OF_BIRTH"),
 ("born 2009-3-12", "2009-3-12", "DATE_OF_BIRTH"),
 ("ik ben een 2009'er", "2009", "DATE_OF_BIRTH"),
])
def test_second_round(text: str, value: str, typ: str) -> None:
    assert _covers(_typed(text, typ), value), redact(text)


@pytest.mark.parametrize(("text", "typ"), [
 ("we moeten op 12 maart 2009 terug naar de IND", "DATE_OF_BIRTH"),
 ("hij is van 1990 ofzo, veel ouder", "DATE_OF_BIRTH"),
 ("de trein van 12.15", "DATE_OF_BIRTH"),
 ("mijn zoon werd in 2009 ziek", "DATE_OF_BIRTH"),
 ("ik heb 3 mei 2008 een afspraak", "DATE_OF_BIRTH"),
 ("ze betalen 12 euro per uur", "ID_NUMBER"),
 ("op de A2 bij afslag 12", "ID_NUMBER"),
 ("hij heeft mijn paspoort al 3 maanden", "ID_NUMBER"),
 ("my passport expired in 2022", "ID_NUMBER"),
 ("ik woon op nummer 12", "ID_NUMBER"),
 ("ik heb 2 ID kaarten", "ID_NUMBER"),
 ("the bus 12 B to centre", "ID_NUMBER"),
])
def test_second_round_clean(text: str, typ: str) -> None:
    assert _typed(text, typ) == []


# Session 7 (issue 8): families missed on blind4 and the W29 lines, with fresh examples written for these tests.
@pytest.mark.parametrize(("text", "value", "typ"), [
 # phones read out digit by digit, or spelled as words
 ("schrijf op: 0 4 9 1 2 7 7 3 0 8 en bel pas morgen", "0 4 9 1 2 7 7 3 0 8", "PHONE"),
 ("zijn nr is + 3 1 6 4 4 0 9 2 7 1 5", "+ 3 1 6 4 4 0 9 2 7 1 5", "PHONE"),
 ("app me op nul zes vier vier nul negen twee zeven een vijf", "nul zes vier vier nul negen twee zeven een vijf",
  "PHONE"),
 ("text me, zero six, three three, one nine, eight eight two four", "zero six, three three, one nine, eight eight two four",
  "PHONE"),
 ("appelle-moi au zéro quatre neuf zéro deux deux trois un quatre sept", "zéro quatre neuf zéro deux deux trois un quatre sept",
  "PHONE"),
 # a document number after a cue in the writer's own language, with lowercase words of that script in between
 ("kimliğim ağabeyimde, numarası TR 55120934", "TR 55120934", "ID_NUMBER"),
 ("پاسپورتم دست صاحب کار است P40981276", "P40981276", "ID_NUMBER"),
 ("رقم جوازه K00981277 وهو مع المدير", "K00981277", "ID_NUMBER"),
 ("وهويتي AB 704512 عند الرجل", "AB 704512", "ID_NUMBER"),
 # a Polish plate next to a vehicle word; a V-number as copied from a card
 ("de bus had een plaat WZ 4KL19 uit polen", "WZ 4KL19", "ID_NUMBER"),
 ("op mijn pasje staat V-3309182", "V-3309182", "ID_NUMBER"),
 ("his paper from the IND says V-2023-550921", "V-2023-550921", "ID_NUMBER"),
 # a Romanian personal number by its shape (real birth date, county code), even with a wrong check digit; a comma
 # after a bare long number no longer hides it
 ("buletinul meu e la el, 6090417125786, nu știu ce să fac", "6090417125786", "ID_NUMBER"),
 ("my id is 5050910460012, please help", "5050910460012", "ID_NUMBER"),
 # an IBAN in lower case with a mistyped check digit: its length for the country is enough
 ("stort het op nl12 rabo 0312 4455 67 vandaag", "nl12 rabo 0312 4455 67", "ID_NUMBER"),
 # a birth word after the date, in the writer's language
 ("син Тарас, 21.05.2009 р.н., не прийшов додому", "21.05.2009", "DATE_OF_BIRTH"),
 ("kız kardeşim 17.08.2009 doğumlu ve okula gitmiyor", "17.08.2009", "DATE_OF_BIRTH"),
 ("дочь Алина, 02.02.2010 г.р., ушла", "02.02.2010", "DATE_OF_BIRTH"),
 ("ابني عيد ميلاده 2010/6/3 وهو عند رجل", "2010/6/3", "DATE_OF_BIRTH"),
 ("تاريخ ولادتها 5-9-2008", "5-9-2008", "DATE_OF_BIRTH"),
 ("Мій син Богдан (19/01/2010) зник", "19/01/2010", "DATE_OF_BIRTH"),
 ("she ran off on 22/06/2009, no sorry that's her birthday, she ran off on friday", "22/06/2009",
  "DATE_OF_BIRTH"),
])
def test_session7_numbers(text: str, value: str, typ: str) -> None:
    assert _covers(_typed(text, typ), value), redact(text)


@pytest.mark.parametrize(("text", "typ"), [
 ("ik tel tot tien: een twee drie vier vijf zes zeven acht negen tien", "PHONE"),
 ("de score was 1 2 3 4 5 6 7 8 9 voor ons", "PHONE"),
 ("om 10 11 12 13 14 15 16 uur ben ik vrij", "PHONE"),
 ("we vertrokken op 12-03-2023 naar Brussel, dat was koud", "DATE_OF_BIRTH"),
 ("op 14-02-2024 pakten ze hem op, dat is mijn verjaardag", "DATE_OF_BIRTH"),
 ("ik verdiende 1234567890, 12 euro per uur, zegt hij", "ID_NUMBER"),
 ("the V 12 engine is in the car", "ID_NUMBER"),
])
def test_session7_numbers_clean(text: str, typ: str) -> None:
    assert _typed(text, typ) == [], redact(text)
