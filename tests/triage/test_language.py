"""Language identification of short, slangy chat messages."""

from __future__ import annotations

import pytest

from triage.classifier import classify
from triage.language import detect, detect_conversation


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("osso mattie ik moet ff doekoe halen voor hem", "nl"),
        ("he pakt mn fone af wtf", "nl"),
        ("kheb ff geen zin meer", "nl"),
        ("wollah die drerrie is gek", "nl"),
        ("ge moet da ni doen, allee", "nl"),
        ("hoi", "nl"),
        ("he took my passport and i cant leave", "en"),
        ("je suis bloquée chez lui", "fr"),
        ("ajutor, mi-au luat pașaportul", "ro"),
        ("помогнете, взеха ми паспорта", "bg"),
        ("pomocy, zabrali mi paszport", "pl"),
        ("ساعدوني، أخذوا جواز سفري", "ar"),
        ("họ lấy hộ chiếu của tôi", "vi"),
        ("ሰላም፣ ትግርኛ ትዛረቡ ዶ?", "ti"),
        ("допоможіть, у мене забрали паспорт", "uk"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_mixed_and_empty() -> None:
    assert detect_conversation(["hey", "my bf zegt dat ik moet werken voor hem"]) == "nl"
    assert detect_conversation(["😢", "ok"]) == "nl"  # nothing to tell: the helpline's default
    assert classify(["ሰላም፣ ትግርኛ ትዛረቡ ዶ?", "ፓስፖርተይ ወሲዶምዎ"])["language"] == "ti"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("زه ۱۵ کلن یم او ډېر ویره لرم", "ps"),  # Pashto letters Persian does not write
        ("ئەز تەمەنم ١٦ ساڵە و دەترسم", "ku"),  # Sorani Kurdish
        ("silav, ez 16 salî me û ez nizanim çi bikim", "ku"),  # Kurmanji in Latin letters
        ("salam, wach kayn chi wa7ed kayhder b darija", "ar"),  # Arabizi: digits for letters
        ("salam, man 17 saale hastam, farsi mishe benevisam?", "fa"),  # Persian in Latin letters
    ],
)
def test_detect_newcomers_scripts(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_short_latin_text_names_no_rare_language() -> None:
    # two or three letters of chat are not enough to call Vietnamese or Portuguese
    for text in ("testttt", "test 123", "bored"):
        assert detect(text) in (None, "nl", "en", "fr")
