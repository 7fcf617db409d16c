"""Each family the outside evaluation missed (issue: writing triage has never seen), with fresh examples
written for this test — not copied from the corpus — through the shipped rules + model."""

from __future__ import annotations

import pytest

from triage.classifier import classify


def codes(messages: list[str]) -> set[str]:
    return {s["code"] for s in classify(messages)["signals"]}


SHORT_PRESENT_DANGER = [
    ["hij is er bijna", "ik hoor zijn auto al"],
    ["ik zit in de badkamer", "ze bonzen op de deur"],
    ["ze rijden me ergens heen", "weet niet waar"],
    ["ik typ op de gsm van zijn broer", "hij mag dit niet zien"],
    ["he's on his way up the stairs", "i'm hiding in the toilet"],
    ["they put me in a van just now", "don't know where we're going"],
    ["il est devant la porte", "il tape fort"],
    ["ils m'emmènent je sais pas où", "jsuis dans la voiture"],
]
SOMEONE_ELSE_NOW = [
    ["mijn vriendin stuurt net haar live locatie", "ze zit in zijn auto en hij laat haar niet uitstappen"],
    ["my best friend says she'll jump tonight", "she's on the bridge near her house"],
    ["mijn zus zit opgesloten in zijn kamer", "ze appt stiekem"],
    ["ma copine m'a envoyé sa position", "elle est enfermée chez lui"],
]
INDIRECT_SUICIDE = [
    ["ik sta op het dak van de flat", "het is beter zo"],
    ["dit is mijn laatste bericht", "zeg tegen mama dat het niet haar schuld is"],
    ["im standing on the bridge", "sorry for everything"],
]


@pytest.mark.parametrize("messages", SHORT_PRESENT_DANGER + SOMEONE_ELSE_NOW + INDIRECT_SUICIDE)
def test_acute_danger_without_alarm_words(messages: list[str]) -> None:
    result = classify(messages)
    assert result["urgency"] == "acute", result


@pytest.mark.parametrize("messages", [
    ["vorig jaar zat ik opgesloten bij hem", "nu woon ik bij mijn tante en gaat het goed"],
    ["hoi is dit anoniem?"],
    ["we hebben een spreekbeurt over loverboys", "hoe herken je zo iemand?"],
    ["hij pakt mijn telefoon niet af hoor", "hij is gewoon lief"],
])
def test_not_acute(messages: list[str]) -> None:
    assert classify(messages)["urgency"] != "acute"


@pytest.mark.parametrize(("messages", "code"), [
    (["mijn oom laat me elke dag in zijn winkel werken", "ik krijg niks en mag niet naar school"],
     "family_perpetrator"),
    (["mijn vader zegt dat ik met die man moet trouwen", "dan is zijn schuld weg"], "family_perpetrator"),
    (["my older brother makes me steal phones at the station", "he takes all the money"], "family_perpetrator"),
    (["hij heeft mn naaktfotos", "als ik geen 200 euro stuur gaan ze naar mn klas"], "sextortion"),
    (["ik werk 14 uur per dag in een nagelsalon", "ik krijg geen loon en slaap boven de zaak"],
     "labour_exploitation"),
    (["ik snij weer in mijn armen", "niemand weet het"], "self_harm"),
    (["wollah die gast zegt ik moet pakketjes droppen", "anders komt hij naar mn osso"],
     "criminal_exploitation"),
    (["ge moet mij geloven", "hij pakt al mijn geld af en ik mag nie buiten zonder hem"], "control_restriction"),
])
def test_families(messages: list[str], code: str) -> None:
    assert code in codes(messages)
