from __future__ import annotations

import pytest

from bot.core.matching import canonical_response, choice_index, is_correct, normalise
from bot.core.model import Question, QuestionKind, SourceRef


def text_question(*accepted: str) -> Question:
    return Question(
        id="q",
        topic="t",
        kind=QuestionKind.TEXT,
        prompt="?",
        explanation="!",
        source=SourceRef("n"),
        accepted=accepted,
    )


CHOICE = Question(
    id="c",
    topic="t",
    kind=QuestionKind.CHOICE,
    prompt="?",
    explanation="!",
    source=SourceRef("n"),
    choices=("SQS", "SNS", "Kinesis", "EventBridge"),
    answer="SNS",
)


@pytest.mark.parametrize(
    ("response", "accepted", "expected"),
    [
        ("SQS", ("SQS",), True),
        ("ＳＱＳ", ("SQS",), True),
        ("sqs", ("SQS",), True),
        ("S Q S", ("SQS",), True),
        ("SNS", ("SQS",), False),
        ("300", ("3000",), False),
        ("3000", ("300",), False),
        ("２５６ＫＢ", ("256KB",), True),
        ("256 kb", ("256KB",), True),
        ("えすきゅーえす", ("エスキューエス",), True),
        ("インターネット・ゲートウェイ", ("インターネットゲートウェイ",), True),
        ("", ("SQS",), False),
    ],
)
def test_text_answers(response: str, accepted: tuple[str, ...], expected: bool) -> None:
    assert is_correct(text_question(*accepted), response) is expected


def test_normalise_folds_width_case_kana_and_spacing() -> None:
    assert normalise("　Amazon　ＳＱＳ ") == "amazonsqs"
    assert normalise("キュー") == normalise("きゅー")


@pytest.mark.parametrize(
    ("response", "index"),
    [
        ("b", 1),
        ("Ｂ", 1),
        ("2", 1),
        ("sns", 1),
        (" Kinesis ", 2),
        ("E", None),
        ("5", None),
        ("SES", None),
        ("", None),
    ],
)
def test_choice_index(response: str, index: int | None) -> None:
    assert choice_index(CHOICE, response) == index


def test_choice_correctness_and_stored_form() -> None:
    assert is_correct(CHOICE, "B")
    assert not is_correct(CHOICE, "A")
    assert canonical_response(CHOICE, "b") == "SNS"
    assert canonical_response(CHOICE, "Z") is None
    assert canonical_response(text_question("x"), "  typed  ") == "typed"
