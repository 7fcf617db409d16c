"""The extra visitor languages on the server (docs/ui.md, "Visitor languages"): every system notice and
default text a visitor sees exists in every visitor language, with the same placeholders as the Dutch,
and a visitor who chose one gets the notices in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import vocabulary
from chat import intro as intro_module
from chat import notices
from chat.config import Settings
from chat.hours import OpeningHours
from tests.chat.test_conversations import wired  # noqa: F401  # the fixture

pytestmark = pytest.mark.fast

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_visitor_languages_extend_the_page_languages() -> None:
    assert vocabulary.VISITOR_LANGUAGES[:3] == vocabulary.UI_LANGUAGES
    assert set(vocabulary.VISITOR_LANGUAGES) == {"nl", "en", "fr", "ar", "ti", "uk", "ro", "pl"}
    assert set(vocabulary.RTL_LANGUAGES) <= set(vocabulary.VISITOR_LANGUAGES)


@pytest.mark.parametrize("lang", vocabulary.VISITOR_LANGUAGES)
def test_every_visitor_text_on_the_server_exists_in_every_language(lang: str) -> None:
    for table in (notices._OFFLINE, intro_module._PRIVACY):
        assert table.get(lang), f"{lang} missing"
        assert placeholders(table[lang]) == placeholders(table["nl"]), lang
    assert intro_module.DEFAULT_ORGANISATION[lang] and intro_module._ALWAYS[lang]
    assert len(intro_module._DAYS[lang]) == 7 and all(intro_module._DAYS[lang])
    for line in vocabulary.HELPLINES:
        assert line.purpose.get(lang), f"{line.name}: no purpose in {lang}"


@pytest.mark.parametrize("lang", vocabulary.EXTRA_VISITOR_LANGUAGES)
def test_extra_languages_get_their_own_notice_and_the_english_lines(lang: str) -> None:
    text = notices.offline_notice(lang)
    assert text == notices.OFFLINE[lang]
    assert text not in {notices.OFFLINE["nl"], notices.OFFLINE["en"]}
    assert "112" in text and "Child Focus 116 000" in text  # the English list: lines that answer in English
    wire = vocabulary.wire()
    assert wire["helplines_by_language"][lang] == wire["helplines_by_language"]["en"]


def test_a_missing_text_falls_back_to_english_then_dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(notices._OFFLINE, "pl")
    assert notices.offline_notice("pl").startswith("No counsellor is online")
    assert notices.offline_notice("xx").startswith("Er is nu geen hulpverlener online")


def test_the_first_screen_speaks_every_visitor_language(tmp_path: Path) -> None:
    settings = Settings.from_env({"HELPLINE_DATA_DIR": str(tmp_path), "HELPLINE_PRIVACY_NOTE_UK": "Приватно.",
                                  "HELPLINE_OPENING_HOURS": "mon-fri 09:00-17:00"})
    built = intro_module.intro(settings, OpeningHours(settings.opening_hours, settings.timezone))
    for field in ("organisation", "privacy", "hours"):
        assert set(built[field]) == set(vocabulary.VISITOR_LANGUAGES)  # type: ignore[literal-required]
    assert built["privacy"]["uk"] == "Приватно."  # the operator's own text, per language
    assert built["privacy"]["ro"].endswith(f"{settings.retention_days} de zile.")
    assert built["hours"]["pl"] == "pon–pt 09:00–17:00"
    assert built["hours"]["ar"].startswith("الإثنين–الجمعة")


async def test_a_visitor_who_chose_ukrainian_gets_the_notice_in_ukrainian(wired: Any) -> None:  # noqa: F811
    service, sio, _, _ = wired
    session, _ = await service.visitor_connect("v1", {"lang": "uk"})  # nobody online: the offline notice
    cid = session["conversation_id"]
    await service.visitor_message("v1", "Привіт", "k1")
    to_visitor = [w["text"] for w, r in sio.emitted("message") if r.get("room") == f"v:{cid}"]
    assert notices.OFFLINE["uk"] in to_visitor
    record = await service.store.get(cid)
    assert record is not None and record.lang == "uk"
    await service.visitor_profile("v1", "", "ar")  # the picker changed: kept for later notices
    record = await service.store.get(cid)
    assert record is not None and record.lang == "ar"
