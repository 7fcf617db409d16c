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


# Session 7 (study of B8-B12's errors): families said sideways. Fresh examples, not copied from the data.
@pytest.mark.parametrize(("messages", "code"), [
    (["hij zegt dat ik lief moet zijn voor zijn maten", "anders is hij boos op me"], "sexual_exploitation"),
    (["ze werkt achter het raam in den haag", "hij haalt elke ochtend het geld op"], "sexual_exploitation"),
    (["he said i can stay at his place if im nice to his friends", "im 16"], "sexual_exploitation"),
    (["mon mec veut que je sois gentille avec ses potes samedi", "j'ai 15 ans"], "sexual_exploitation"),
    (["ze slaapt al een week niet thuis", "ze zit bij een gast in een kraakpand"], "missing_runaway"),
    (["my cousin hasn't been home since friday", "her phone is off"], "missing_runaway"),
    (["ma soeur dort plus à la maison depuis lundi", "elle répond pas"], "missing_runaway"),
    (["il m'a dit d'activer ma loc tout le temps", "et je dois plus voir mes copines"], "control_restriction"),
    (["he keeps my bank card and decides everything", "i'm 19"], "control_restriction"),
    (["sometimes i wish i would never wake up", "not going to do anything, just tired"], "self_harm"),
    (["je veux dormir et plus me réveiller", "jsuis fatiguée de tout"], "self_harm"),
])
def test_sideways_families(messages: list[str], code: str) -> None:
    assert code in codes(messages)


@pytest.mark.parametrize("messages", [
    # an overdose taken now, in languages the helpline meets less often
    ["kam marrë të gjitha tabletat e nënës", "jam 15"],
    ["wzięłam wszystkie tabletki z szafki", "przepraszam"],
    ["я выпила все таблетки", "простите"],
    ["am luat toate pastilele", "iertati-ma"],
    # a scope that reads "last week" in the message does not veto a model that is sure
    ["we are in his car now", "they put me in the back after school because i owe them since last week",
     "i dont know where we're going"],
    # farewell letters and a rope said in passing
    ["de brieven liggen klaar op mijn kamer", "bedankt voor alles"],
])
def test_acute_said_sideways(messages: list[str]) -> None:
    assert classify(messages)["urgency"] == "acute"


@pytest.mark.parametrize("messages", [
    # a story, an assignment or a debate frames the whole conversation, not only the message that names it
    ["ik schrijf een verhaal op wattpad over een loverboy", "klopt het dat hij eerst cadeautjes geeft?"],
    ["i'm writing a short story for english class", "would an older guy buy her gifts first?"],
    ["c'est pour un débat en classe", "un mec plus âgé qui offre des cadeaux c'est suspect?"],
    # an idiom and a metaphor are not violence
    ["mijn vriendin zegt dat hij gevaarlijk is", "dat slaat toch nergens op"],
])
def test_framed_or_idiom_gives_no_signal(messages: list[str]) -> None:
    assert not codes(messages) - {"acute_danger"}
    assert classify(messages)["urgency"] in ("low", "normal")
