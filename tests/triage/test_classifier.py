"""Behaviour of the triage classifier: signals, scope (negation, tense, hearsay), role, minor, urgency."""

from __future__ import annotations

import pytest

from triage.classifier import classify


def codes(messages: list[str]) -> set[str]:
    return {s["code"] for s in classify(messages)["signals"]}


@pytest.mark.parametrize(
    ("messages", "code"),
    [
        (["mn vriend van 23 koopt alles voor me en zegt dat ik zijn prinses ben"], "grooming"),
        (["ik moet voor hem werken met klanten, hij houdt al het geld"], "sexual_exploitation"),
        (["hij dreigt mijn nudes te verspreiden als ik niet betaal"], "sextortion"),
        (["ik moet pakketjes wegbrengen voor een paar jongens"], "criminal_exploitation"),
        (["ze vroegen of ik mn pinpas wil uitlenen voor 200 doekoe"], "criminal_exploitation"),
        (["ik werk 14 uur per dag in een restaurant zonder loon"], "labour_exploitation"),
        (["ik moet 8000 euro terugbetalen voor de reis"], "debt_bondage"),
        (["hij heeft mijn telefoon afgepakt en ik mag niemand bellen"], "control_restriction"),
        (["hij slaat me als ik nee zeg"], "violence_threats"),
        (["ik ben weggelopen van huis en slaap bij iemand die ik niet ken"], "missing_runaway"),
        (["ik woon in het azc en heb geen familie hier"], "unaccompanied_migrant"),
        (["mijn oom laat me met mannen slapen en hij krijgt het geld"], "family_perpetrator"),
        (["ik wil gewoon niet meer leven"], "self_harm"),
        (["hij staat nu voor de deur en ik ben zo bang"], "acute_danger"),
        (["ik zit opgesloten in een kamer"], "acute_danger"),
        # English and French
        (["he took my phone and my passport"], "control_restriction"),
        (["someone has my nudes and says he will send them to everyone unless I pay"], "sextortion"),
        (["i am with a client right now in a hotel, please help"], "acute_danger"),
        (["je dois livrer des paquets de drogue pour eux"], "criminal_exploitation"),
        (["il me frappe quand je dis non"], "violence_threats"),
        (["je suis enfermée dans une chambre, je ne peux pas sortir"], "acute_danger"),
        # other languages: keyword lexicons
        (["ajutor, mi-au luat pașaportul"], "control_restriction"),
        (["pracuję 16 godzin dziennie i szef nie płaci"], "labour_exploitation"),
    ],
)
def test_signal(messages: list[str], code: str) -> None:
    assert code in codes(messages)


def test_teen_spelling_and_slang() -> None:
    assert "control_restriction" in codes(["hij heeft mn fone afgepakt en kmag niemand bellen"])
    assert "criminal_exploitation" in codes(["k moet osso zakjes rondbrengen voor doekoe"])
    assert "violence_threats" in codes(["hij slaaaat me"])  # stretched letters


def test_negation() -> None:
    assert "control_restriction" not in codes(["hij pakt mijn telefoon niet af hoor, hij is gewoon lief"])
    assert "violence_threats" not in codes(["mijn vriend slaat me nooit"])
    assert "control_restriction" not in codes(["he doesn't take my phone"])


def test_conditional_is_not_negation() -> None:
    # "als ik niet betaal" is the condition of a threat, not a denial
    assert "sextortion" in codes(["hij zet mijn naaktfoto's online als ik niet betaal"])


def test_past_is_not_acute() -> None:
    out = classify(["vorig jaar moest ik voor een jongen werken met klanten, nu gaat het goed"])
    assert out["urgency"] != "acute"
    assert "acute_danger" not in {s["code"] for s in out["signals"]}
    assert "acute_danger" not in codes(["toen zat ik opgesloten bij hem"])


def test_hypothetical_and_school_project() -> None:
    assert codes(["we moeten een spreekbeurt doen over loverboys, hoe herken je die?"]) == set()
    assert codes(["mijn vriend zegt dat hij me gaat verkopen", "grapje"]) == set()


def test_hearsay_is_witness() -> None:
    out = classify(["ik denk dat mijn vriendin door haar vriendje met mannen moet slapen voor geld"])
    assert "sexual_exploitation" in {s["code"] for s in out["signals"]}
    assert out["role"] == "witness"
    assert out["queue"] == "witness"


def test_roles() -> None:
    assert classify(["ik ben mentor op een vmbo, een leerling van 14 heeft een oudere vriend"])["role"] == "professional"
    assert classify(["ik heb een meisje dat voor mij werkt met klanten, is dat strafbaar?"])["role"] == "perpetrator"
    assert classify(["hoi", "wie zit er aan de andere kant?"])["role"] == "unknown"


def test_minor() -> None:
    assert classify(["hij slaat me", "ik ben 15"])["minor"] is True
    assert classify(["hij slaat me", "ik zit in de 3e klas"])["minor"] is True
    assert classify(["hij slaat me", "ik ben 22"])["minor"] is False
    assert classify(["hij slaat me"])["minor"] is None
    # the offender's age is not the victim's
    assert classify(["mn vriend is 24 en slaat me"])["minor"] is None


def test_urgency_and_queue() -> None:
    acute = classify(["help hij staat nu voor de deur"])
    assert acute["urgency"] == "acute" and acute["queue"] == "crisis"
    high = classify(["ik moet drugs verkopen voor hem", "ik ben 14"])
    assert high["urgency"] == "high" and high["queue"] == "youth"
    self_harm_only = classify(["ik snij mezelf soms", "ik ben 15"])
    assert self_harm_only["urgency"] == "normal"
    adult = classify(["ik werk 14 uur per dag zonder loon", "ik ben 30"])
    assert adult["urgency"] == "normal" and adult["queue"] == "adult"
    assert classify(["hoi"])["urgency"] == "low"


def test_evidence_points_at_the_words() -> None:
    msgs = ["hoi", "hij heeft mijn paspoort afgepakt"]
    out = classify(msgs)
    sig = next(s for s in out["signals"] if s["code"] == "control_restriction")
    ev = sig["evidence"][0]
    assert ev["message"] == 1
    assert "paspoort" in msgs[1][ev["start"]:ev["end"]]
    assert 0 <= sig["score"] <= 1


@pytest.mark.parametrize("bad", [[], [""], ["   "], ["\x00\x01\xff"], ["a" * 200_000], ["\ud800"], [None], "hallo",
                                 None, [1, 2]])
def test_never_raises(bad: object) -> None:
    out = classify(bad)  # type: ignore[arg-type]
    assert set(out) >= {"signals", "urgency", "role", "minor", "language", "queue"}


def test_output_shape() -> None:
    out = classify(["ik ben 15 en hij slaat me"])
    assert out["queue"] in {"crisis", "youth", "adult", "professional", "perpetrator", "witness"}
    assert out["urgency"] in {"acute", "high", "normal", "low"}
    assert out["role"] in {"victim", "witness", "professional", "perpetrator", "unknown"}
    for s in out["signals"]:
        assert set(s) == {"code", "score", "evidence"}


def _rule_scores(messages: list[str]) -> dict[str, float]:
    from triage.classifier import rule_view

    return rule_view(messages).scores


@pytest.mark.parametrize(
    ("messages", "code"),
    [
        # topic words: right in under a tenth of the conversations they fired in (school projects, news, parents)
        (["wij maken een werkstuk over loverboys, hoeveel chats krijgen jullie per jaar?"], "grooming"),
        (["j'écris une histoire sur un loverboy pour le cours de français"], "grooming"),
        (["is there a difference between a loverboy and a bad boyfriend? asking for a presentation"], "grooming"),
        # control or habit, not danger this minute
        (["ma tante me laisse pas sortir le soir, je dois faire le ménage"], "acute_danger"),
        (["il m'emmène à l'école le matin"], "acute_danger"),
        (["ils ont caché mon passeport dans l'armoire"], "acute_danger"),
    ],
)
def test_weak_cues_alone_do_not_decide(messages: list[str], code: str) -> None:
    assert _rule_scores(messages).get(code, 0.0) < 0.5


@pytest.mark.parametrize(
    "messages",
    [
        ["ik moet stoppen met pakketjes maar ze zeggen: we weten waar je familie woont"],
        ["they said they know where i live if i stop"],
        ["ils savent où j'habite, ils l'ont dit hier"],
    ],
)
def test_implicit_threats(messages: list[str]) -> None:
    assert _rule_scores(messages).get("violence_threats", 0.0) >= 0.5


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("mijn vriendin, ze is 13 en heeft een vriend van 24", True),
        ("mijn ex (17) heeft het uitgemaakt", True),
        ("we zijn allebei 14", True),
        ("3andi 15 3am w jit men tanja", True),
        ("أنا عمري ١٥", True),
        ("мне 17, мама не знает", True),
        ("em 16t, em làm ở tiệm nail", True),
        ("hij is 25 en koopt dingen voor me", None),  # an adult in these forms is as often the offender
    ],
)
def test_minor_in_wider_forms(text: str, minor: bool | None) -> None:
    from triage.classifier import rule_view

    assert rule_view([text]).minor is minor
