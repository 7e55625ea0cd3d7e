"""Discord rendering and custom-id parsing, without a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import discord
import pytest

from bot.chat.discord import _components as components
from bot.chat.discord import _render as render
from bot.chat.discord._courier import parse_ref
from bot.core.model import RoundInfo, RoundKind, Topic
from bot.services.views import QuestionCard, Reveal
from tests.support.world import BANK, START

QUESTION = BANK.questions[0]
TEXT_QUESTION = BANK.questions[-1]


def card(question: Any = QUESTION, *, closed: bool = False, answers: int = 0) -> QuestionCard:
    round_ = RoundInfo(
        id=42,
        team_id=1,
        channel="100",
        question_id=question.id,
        kind=RoundKind.DAILY,
        opened_at=START,
        closes_at=START + timedelta(hours=12),
        local_date=START.date(),
        closed_at=START + timedelta(hours=12) if closed else None,
    )
    return QuestionCard(round=round_, question=question, topic=Topic("sqs", "SQS"), answers=answers)


def _buttons(view: discord.ui.View, key: str = "custom_id") -> list[str]:
    return [c[key] for row in view.to_components() for c in row["components"]]


def test_an_open_choice_question_gets_one_button_per_choice() -> None:
    view = render.question_view(card(), "ja")
    assert view is not None
    assert _buttons(view) == ["sb:c:42:0", "sb:c:42:1", "sb:c:42:2", "sb:c:42:3"]
    assert view.is_persistent()


def test_a_text_question_gets_an_answer_button() -> None:
    view = render.question_view(card(TEXT_QUESTION), "en")
    assert view is not None
    [button] = _buttons(view, "label")
    assert button == "Answer"
    assert _buttons(view) == ["sb:t:42"]


def test_a_closed_round_has_no_buttons_and_says_closed() -> None:
    assert render.question_view(card(closed=True), "ja") is None
    embed = render.question(card(closed=True, answers=3), "ja")
    assert "締め切りました" in str(embed.to_dict())
    assert embed.footer.text == "回答 3 件"


def test_close_time_uses_discord_timestamps() -> None:
    embed = render.question(card(), "en")
    closes = int((START + timedelta(hours=12)).timestamp())
    assert f"<t:{closes}:t>" in str(embed.to_dict())


def test_long_explanations_fit_discords_limits() -> None:
    long = replace(QUESTION, explanation="説明" * 3000)
    reveal = Reveal(
        card=card(long, closed=True),
        answered=2,
        correct=1,
        first_correct="a",
        choice_counts=(1, 1, 0, 0),
    )
    embed = render.reveal(reveal, "ja", None)
    assert len(embed) <= 6000
    assert all(len(field.value or "") <= 1024 for field in embed.fields)


def test_reveal_links_the_note_when_a_notes_url_is_set() -> None:
    reveal = Reveal(card=card(closed=True), answered=0, correct=0, first_correct=None)
    embed = render.reveal(reveal, "en", "https://notes.example")
    assert "](https://notes.example/note.md#sub)" in str(embed.to_dict())
    assert "Nobody answered" in str(embed.to_dict())


@pytest.mark.parametrize(
    ("ref", "parsed"),
    [("1/2", (1, 2)), (None, None), ("", None), ("12", None)],
)
def test_message_refs(ref: str | None, parsed: tuple[int, int] | None) -> None:
    assert parse_ref(ref) == parsed


class _Submit:
    """Just the fields `modal_round` reads from a modal submit."""

    type = discord.InteractionType.modal_submit

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data


@pytest.mark.parametrize(
    "layout",
    [
        # a text input in an action row, and inside a label (newer clients)
        [{"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": "S3"}]}],
        [{"type": 18, "component": {"type": 4, "custom_id": "answer", "value": "S3"}}],
    ],
)
def test_modal_submits_are_read_from_either_layout(layout: list[dict[str, Any]]) -> None:
    submit = _Submit({"custom_id": "sb:m:7", "components": layout})
    assert components.modal_round(submit) == (7, "S3")  # type: ignore[arg-type]


def test_other_modals_are_not_answers() -> None:
    submit = _Submit({"custom_id": "something-else", "components": []})
    assert components.modal_round(submit) is None  # type: ignore[arg-type]
