"""Keyword lexicons for languages without a spaCy pipeline (triage/lexicon/other.py), rules only."""

from __future__ import annotations

import re
import time

import pytest

from triage.lexicon.other import OTHER, _fold
from triage.pipeline import analyse_other


def codes(text: str, lang: str) -> set[str]:
    return {c.code for c in analyse_other(text, lang).cues if c.weight >= 0.5}


@pytest.mark.parametrize("text,lang,code", [
    ("el ajunge in 5 min la usa", "ro", "acute_danger"),
    ("m-am ascuns in baie, e beat", "ro", "acute_danger"),
    ("unchiul meu ma trimite la cersit in fiecare zi", "ro", "family_perpetrator"),
    ("ma trimite sa cersesc", "ro", "criminal_exploitation"),
    ("on juz jedzie po mnie, za 10 min bedzie", "pl", "acute_danger"),
    ("siedzimy w busie, wioza nas gdzies", "pl", "acute_danger"),
    ("nos estan llevando en un coche, no se a donde", "es", "acute_danger"),
    ("ele tem uma faca e esta na sala", "pt", "acute_danger"),
    ("abim beni okuldan sonra esrar satmaya zorluyor", "tr", "criminal_exploitation"),
    ("babam beni 40 yasinda biriyle evlendirmek istiyor", "tr", "family_perpetrator"),
    ("fotograflarimi herkese gonderecekmis para vermezsem", "tr", "sextortion"),
    ("jam mbyllur ne dhome, po vjen", "sq", "acute_danger"),
    ("em bi nhot trong phong, co nguoi den cho em di", "vi", "acute_danger"),
    ("chủ giữ hộ chiếu của em", "vi", "control_restriction"),
    ("hindi po ako pinapalabas ng amo ko", "tl", "control_restriction"),
    ("nin baa sawirradayda haysta wuxuuna leeyahay waan faafin doonaa", "so", "sextortion"),
    ("bghit nmout, safi", "it", "self_harm"),
    ("kaydrbni ila majabtch lflous", "sk", "violence_threats"),
    ("mikham bemiram dige", "lt", "self_harm"),
    ("заключени сме в склада", "bg", "acute_danger"),
    ("он уже едет сюда", "ru", "acute_danger"),
    ("вони погрожують що розішлють відео всім", "uk", "sextortion"),
    ("هو جاي هلق لعندي", "ar", "acute_danger"),
    ("عمي حاططني اشتغل عنده بلا مصاري", "ar", "family_perpetrator"),
    ("میخوام بمیرم", "fa", "self_harm"),
])
def test_signal_found(text: str, lang: str, code: str) -> None:
    assert code in codes(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("buna ziua, este gratuit acest serviciu?", "ro"),
    ("dzien dobry, czy moge pisac po polsku?", "pl"),
    ("hola, hablan español?", "es"),
    ("merhaba, burası ücretsiz mi?", "tr"),
    ("cho em hỏi, ở đây có nói tiếng việt không ạ?", "vi"),
    ("здравейте, може ли да пиша на български?", "bg"),
    ("مرحبا، عندي سؤال عن المدرسة", "ar"),
])
def test_plain_questions_are_quiet(text: str, lang: str) -> None:
    assert codes(text, lang) == set()


def test_fold_keeps_escapes_and_classes() -> None:
    rx = _fold(r"\bsa [ab] \d+", {"a": "aă", "s": "sș", "d": "dđ", "b": "bß"})
    assert rx == r"\b[sș][aă] [aăbß] \d+"
    assert re.search(rx, "să b 12")


def test_regexes_are_fast_on_long_input() -> None:
    text = ("a " * 2000) + ("ș" * 2000) + (" vine " * 300)
    start = time.perf_counter()
    for entries in {id(v): v for v in OTHER.values()}.values():
        for _, _, rx in entries:
            re.compile(rx, re.I).search(text)
    assert time.perf_counter() - start < 5.0
