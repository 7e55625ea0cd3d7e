"""Discord rendering and parsing for imports, reviews and reports, without a server."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import discord
import pytest

from bot.chat.discord import _components as components
from bot.chat.discord import _importing as importing
from bot.chat.discord import _render as render
from bot.chat.discord import _report as report
from bot.chat.discord import _review as review
from bot.chat.messages import _MESSAGES, say
from bot.content.notes import (
    TYPO_CORRECTED,
    FileReport,
    ImportReport,
    NoteProblem,
    ProblemKind,
    Why,
)
from bot.core.model import (
    CandidateStatus,
    FlaggedQuestion,
    QuestionKind,
    StoredCandidate,
    TeamInfo,
    TeamSchedule,
    Topic,
)
from bot.core.parsing import InputError
from bot.services.content import ImportSummary, ReviewError, ReviewProblem
from tests.support.world import BANK

CHOICE = next(q for q in BANK.questions if q.kind is QuestionKind.CHOICE)
TEXT = next(q for q in BANK.questions if q.kind is QuestionKind.TEXT)


def candidate(question: Any = CHOICE, **changes: Any) -> StoredCandidate:
    stored = StoredCandidate(
        id=7,
        question=question,
        line=12,
        confidence=0.85,
        style="term-def",
        reasons=("choices are definitions",),
        status=CandidateStatus.PENDING,
    )
    return replace(stored, **changes)


def _inputs(modal: discord.ui.Modal) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in modal.to_components():
        for component in row.get("components", [row.get("component", {})]):
            found[component["custom_id"]] = component
    return found


# -- parsing what admins type -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.8", 0.8), ("80%", 0.8), ("０．８", 0.8), (" 1 ", 1.0), ("0", 0.0)],
)
def test_a_confidence_is_a_number_from_0_to_1(text: str, value: float) -> None:
    assert importing.parse_confidence(text, "en") == pytest.approx(value)


@pytest.mark.parametrize("text", [None, "", "off", "OFF", "オフ", "なし"])
def test_no_confidence_turns_auto_accept_off(text: str | None) -> None:
    assert importing.parse_confidence(text, "ja") is None


@pytest.mark.parametrize("text", ["abc", "1.5", "-0.1", "nan", "inf", "150%"])
def test_a_bad_confidence_is_explained(text: str) -> None:
    with pytest.raises(InputError, match=re.escape(text)):
        importing.parse_confidence(text, "en")


@pytest.mark.parametrize(
    ("given", "answer"),
    [("beta", "beta"), ("B", "beta"), ("ｂ", "beta"), ("2", "beta"), ("zeta", "zeta")],
)
def test_an_edited_answer_names_a_choice_by_text_letter_or_number(given: str, answer: str) -> None:
    assert review._answer(given, ["alpha", "beta", "gamma", "delta"]) == answer


def test_edited_lines_drop_blanks_and_spaces() -> None:
    assert review._lines(" a \n\n b\r\n") == ["a", "b"]


# -- the review card and its editor ---------------------------------------------------------


def test_a_candidate_card_shows_what_a_reviewer_needs() -> None:
    embed = review.candidate_embed(candidate(), 12, "en")
    text = str(embed.to_dict())
    assert CHOICE.prompt in text
    assert f"✅ **{'ABCD'[CHOICE.correct_index]}.** {CHOICE.answer}" in text
    assert "line 12" in text
    assert "0.85 — choices are definitions" in text
    assert "12 pending" in text
    typed = str(review.candidate_embed(candidate(TEXT), 1, "ja").to_dict())
    assert " / ".join(TEXT.accepted) in typed


def test_a_huge_candidate_fits_discords_limits() -> None:
    huge = replace(CHOICE, prompt="問" * 5000, explanation="説" * 5000)
    embed = review.candidate_embed(candidate(huge, reasons=("r" * 2000,)), 1, "ja")
    assert len(embed) <= 6000
    assert len(embed.description or "") <= 4096
    assert all(len(field.value or "") <= 1024 for field in embed.fields)


def test_review_buttons_carry_the_candidate() -> None:
    view = review.review_view(7, "ja")
    ids = [c["custom_id"] for row in view.to_components() for c in row["components"]]
    assert ids == ["sb:rv:approve:7", "sb:rv:reject:7", "sb:rv:edit:7", "sb:rv:skip:7"]
    assert view.is_persistent()
    template = review.ReviewButton.__discord_ui_compiled_template__
    assert all(template.fullmatch(i) for i in ids)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_edit_modal_fits_discords_limits(lang: str) -> None:
    long = replace(CHOICE, prompt="問" * 5000)
    modal = review.EditModal(candidate(long), lang)
    inputs = _inputs(modal)
    assert list(inputs) == ["prompt", "choices", "answer", "explanation"]
    assert len(modal.title) <= 45
    assert modal.custom_id == "sb:rve:7"
    assert review.EDIT_MODAL_ID.fullmatch(modal.custom_id)
    for field in inputs.values():
        assert len(field["label"]) <= 45
        assert len(field["value"]) <= 4000
    assert inputs["choices"]["value"].splitlines() == list(CHOICE.choices)


def test_a_typed_question_is_edited_through_its_accepted_answers() -> None:
    inputs = _inputs(review.EditModal(candidate(TEXT), "en"))
    assert list(inputs) == ["prompt", "accepted", "explanation"]
    assert inputs["accepted"]["value"].splitlines() == list(TEXT.accepted)


def test_a_huge_reported_question_fits_discords_limits() -> None:
    huge = replace(TEXT, prompt="問" * 5000, explanation="説" * 5000, accepted=("a" * 2000,))
    flagged = FlaggedQuestion(huge, reports=9, reasons=("r" * 500,) * 9, held=False)
    assert len(review.flagged_embed(flagged, 1, "ja")) <= 6000


def test_a_reported_question_shows_its_reports_and_state() -> None:
    flagged = FlaggedQuestion(CHOICE, reports=2, reasons=("outdated",), held=True)
    text = str(review.flagged_embed(flagged, 3, "en").to_dict())
    assert "Reported question (1 of 3)" in text
    assert "2 report(s)" in text
    assert "• outdated" in text
    assert "Out of rotation" in text
    view = review.resolve_view(CHOICE.id, "en")
    assert view is not None
    ids = [c["custom_id"] for row in view.to_components() for c in row["components"]]
    assert ids == [f"sb:rq:keep:{CHOICE.id}", f"sb:rq:remove:{CHOICE.id}"]


# -- reports ----------------------------------------------------------------------------------


def test_the_report_button_carries_the_question() -> None:
    button = report.report_button("s3-glacier", "ja")
    assert button is not None
    assert button.item.custom_id == "sb:rp:s3-glacier"
    assert button.item.label == "問題を報告"
    assert report.report_button("x" * 120, "en") is None
    # the member's /forget-me confirmation (sb:f:<user>) and a report never mix
    assert not report.ReportButton.__discord_ui_compiled_template__.fullmatch("sb:f:123")
    assert not components.ForgetButton.__discord_ui_compiled_template__.fullmatch("sb:rp:a-1")


def test_the_report_modal_takes_an_optional_short_reason() -> None:
    modal = report.ReportModal("s3-glacier", "en")
    assert modal.custom_id == "sb:rpm:s3-glacier"
    [field] = _inputs(modal).values()
    assert field["max_length"] == 300
    assert field["required"] is False


class _Submit:
    type = discord.InteractionType.modal_submit

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data


def test_every_value_of_a_modal_is_read() -> None:
    submit = _Submit(
        {
            "custom_id": "sb:rve:7",
            "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": "prompt", "value": "P"}]},
                {"type": 18, "component": {"type": 4, "custom_id": "answer", "value": "B"}},
            ],
        }
    )
    assert components.submitted(submit) == ("sb:rve:7", {"prompt": "P", "answer": "B"})  # type: ignore[arg-type]


# -- imports and settings ---------------------------------------------------------------------


def test_an_import_summary_lists_files_problems_and_what_was_stored() -> None:
    files = (FileReport(name="my_notes.md", lines=40, facts=5, candidates=(), rejections=()),)
    problems = (
        NoteProblem("notes.bin", ProblemKind.BINARY),
        NoteProblem("sjis.md", ProblemKind.NOT_UTF8, "3"),
    )
    summary = ImportSummary(ImportReport(files, problems), added=6, auto_accepted=2)
    embed = importing.summary_embed(summary, "en")
    text = f"{embed.description}\n{embed.fields[0].value}"
    assert r"my\_notes.md: 40 lines" in text  # markdown in a file name is escaped
    assert "notes.bin: a binary file, not a text note" in text
    assert "sjis.md: line 3: not UTF-8 text" in text
    japanese = str(importing.summary_embed(summary, "ja").to_dict())
    assert "notes.bin: バイナリファイルで、テキストのノートではありません" in japanese
    assert "sjis.md: 3 行目: UTF-8 のテキストではありません" in japanese
    assert "Stored 6 new candidates (2 auto-accepted)" in text
    assert "/studybot review" in text
    nothing = ImportSummary(ImportReport((), problems), added=0, auto_accepted=0)
    assert "/studybot review" not in str(importing.summary_embed(nothing, "en").to_dict())


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_note_problem_is_said_in_both_languages(kind: ProblemKind) -> None:
    problem = NoteProblem("n.md", kind, "1.5")
    english = importing.problem_text(problem, "en")
    assert english == problem.message, "the chat says what the command line says"
    assert importing.problem_text(problem, "ja") != english


def test_settings_show_the_auto_accept_bar() -> None:
    team = TeamInfo(1, "discord", "1", "g", None, "ja", TeamSchedule(), auto_accept=0.8)
    assert "Auto-accept: confidence ≥ 0.80" in str(render.settings(team, "en", None).to_dict())
    off = replace(team, auto_accept=None)
    assert "自動承認: オフ" in str(render.settings(off, "ja", None).to_dict())


def test_every_message_speaks_both_languages() -> None:
    for key, entry in _MESSAGES.items():
        assert set(entry) == {"ja", "en"}, key


@pytest.mark.parametrize("problem", list(ReviewProblem))
def test_every_review_problem_is_said_in_both_languages(problem: ReviewProblem) -> None:
    assert say("en", f"review_{problem}") == str(ReviewError(problem))
    assert say("ja", f"review_{problem}") != str(ReviewError(problem))


@pytest.mark.parametrize("why", list(Why))
def test_every_confidence_reason_is_said_in_both_languages(why: Why) -> None:
    assert review.reason_text(why.value, "en") == why.value, "English says what is stored"
    assert review.reason_text(why.value, "ja") != why.value


def test_a_typo_correction_reason_keeps_the_names() -> None:
    stored = f"{TYPO_CORRECTED}Memchached → Memcached"
    assert review.reason_text(stored, "ja") == "表記ゆれを修正: Memchached → Memcached"
    assert review.reason_text("something new", "ja") == "something new", "unknown: as stored"


def test_the_review_card_names_the_topic_in_the_readers_language() -> None:
    iam = Topic(id="iam", name="IAM（権限）", name_en="AWS IAM")
    assert review.candidate_embed(candidate(), 1, "ja", iam).author.name == "IAM（権限）"
    assert review.candidate_embed(candidate(), 1, "en", iam).author.name == "AWS IAM"
    assert review.candidate_embed(candidate(), 1, "en").author.name == candidate().question.topic
