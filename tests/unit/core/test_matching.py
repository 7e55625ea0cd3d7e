"""Answer matching: fold width, case, kana and spacing, then compare exactly."""

from __future__ import annotations

import pytest

from bot.core.matching import canonical_response, choice_index, is_correct, letter, normalise
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


def choice_question(*choices: str, answer: str) -> Question:
    return Question(
        id="c",
        topic="t",
        kind=QuestionKind.CHOICE,
        prompt="?",
        explanation="!",
        source=SourceRef("n"),
        choices=choices,
        answer=answer,
    )


CHOICE = choice_question("SQS", "SNS", "Kinesis", "EventBridge", answer="SNS")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SQS", "sqs"),
        ("ＳＱＳ", "sqs"),  # full width
        ("S Q S", "sqs"),
        ("　Amazon　ＳＱＳ ", "amazonsqs"),  # ideographic spaces
        ("エスキューエス", "えすきゅーえす"),  # katakana to hiragana, the long vowel kept
        ("ｴｽｷｭｰｴｽ", "えすきゅーえす"),  # half-width katakana
        ("ヴ", "ゔ"),
        ("ガ", "が"),
        ("ｶﾞ", "が"),  # half-width with a separate voicing mark
        ("２５６ＫＢ", "256kb"),
        ("インターネット・ゲートウェイ", "いんたーねっとげーとうぇい"),
        ("X-Forwarded-For", "xforwardedfor"),
        ("「署名付きURL」。", "署名付きurl"),
        ("/16", "16"),
        ("3,000", "3000"),
        ("1.5", "1.5"),  # a decimal point is part of the number
        ("１．５", "1.5"),
        ("e.g.", "eg"),  # other points are punctuation
        ("S3.", "s3"),
        ("Straße", "strasse"),  # casefold, not lower
        ("", ""),
        (" ・、。 ", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("response", "accepted", "expected"),
    [
        # Width, case and spacing do not matter.
        ("SQS", "SQS", True),
        ("ＳＱＳ", "SQS", True),
        ("sqs", "SQS", True),
        ("S Q S", "SQS", True),
        (" sqs\n", "SQS", True),
        # Kana script does not matter.
        ("えすきゅーえす", "エスキューエス", True),
        ("エスキューエス", "えすきゅーえす", True),
        ("ｴｽｷｭｰｴｽ", "エスキューエス", True),
        ("インターネット・ゲートウェイ", "インターネットゲートウェイ", True),
        ("いんたーねっと げーとうぇい", "インターネットゲートウェイ", True),
        # Full-width digits and units.
        ("２５６ＫＢ", "256KB", True),
        ("256 kb", "256KB", True),
        ("３００秒", "300秒", True),
        # Exact after normalising: short answers never match their neighbours.
        ("SNS", "SQS", False),
        ("SES", "SQS", False),
        ("SQ", "SQS", False),
        ("SQSS", "SQS", False),
        ("300", "3000", False),
        ("3000", "300", False),
        ("1.5", "15", False),
        ("15", "1.5", False),
        ("1.5", "1.5", True),
        ("air", "chair", False),  # no substring matches
        ("Amazon SQS", "SQS", False),
        ("256MB", "256KB", False),
        ("エスキュース", "エスキューエス", False),
        # Nothing typed, or only punctuation, is never right.
        ("", "SQS", False),
        ("   ", "SQS", False),
        ("・。", "SQS", False),
    ],
)
def test_text_answers(response: str, accepted: str, expected: bool) -> None:
    assert is_correct(text_question(accepted), response) is expected


def test_any_accepted_answer_counts() -> None:
    question = text_question("300秒", "300 seconds", "300s")
    assert all(is_correct(question, r) for r in ["３００秒", "300 Seconds", "300S"])
    assert not is_correct(question, "300")
    assert not is_correct(question, "3000s")


@pytest.mark.parametrize(
    ("response", "index"),
    [
        # Letters, any case or width, with the punctuation people type around them.
        ("a", 0),
        ("b", 1),
        ("B", 1),
        ("Ｂ", 1),
        ("ｂ", 1),
        ("b)", 1),
        ("(B)", 1),
        ("d", 3),
        # Numbers, 1-based.
        ("1", 0),
        ("2", 1),
        ("２", 1),
        ("4", 3),
        ("02", 1),
        ("1)", 0),
        ("1.", 0),
        # The text of a choice.
        ("sns", 1),
        ("ＳＮＳ", 1),
        (" Kinesis ", 2),
        ("event bridge", 3),
        # Out of range, unknown or empty: no choice.
        ("e", None),
        ("E", None),
        ("f", None),
        ("z", None),
        ("0", None),
        ("5", None),
        ("SES", None),
        ("", None),
        ("  ", None),
        ("ab", None),
        ("፩", None),  # a digit int() cannot read
        pytest.param("9" * 5000, None, id="5000-digits"),  # too long for int()
    ],
)
def test_choice_index(response: str, index: int | None) -> None:
    assert choice_index(CHOICE, response) == index


@pytest.mark.parametrize(("response", "index"), [("b", 1), ("c", None), ("3", None)])
def test_letters_beyond_the_choices_are_out_of_range(response: str, index: int | None) -> None:
    two = choice_question("yes", "no", answer="yes")
    assert choice_index(two, response) == index


def test_six_choices_reach_f() -> None:
    six = choice_question(*"uvwxyz", answer="u")
    assert [choice_index(six, c) for c in "abcdefg"] == [0, 1, 2, 3, 4, 5, None]


def test_text_questions_have_no_choice_index() -> None:
    assert choice_index(text_question("b"), "b") is None


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("b", True),
        ("Ｂ", True),
        ("2", True),
        ("２", True),
        ("sns", True),
        ("a", False),
        ("1", False),
        ("SQS", False),
        ("e", False),
        ("", False),
    ],
)
def test_choice_correctness(response: str, expected: bool) -> None:
    assert is_correct(CHOICE, response) is expected


@pytest.mark.parametrize(
    ("question", "response", "stored"),
    [
        (CHOICE, "b", "SNS"),
        (CHOICE, "4", "EventBridge"),
        (CHOICE, "kinesis", "Kinesis"),
        (CHOICE, "Z", None),
        (CHOICE, "", None),
        (text_question("x"), "  typed  ", "typed"),
        (text_question("x"), "   ", None),
    ],
)
def test_canonical_response(question: Question, response: str, stored: str | None) -> None:
    assert canonical_response(question, response) == stored


def test_letters() -> None:
    assert [letter(i) for i in range(4)] == ["A", "B", "C", "D"]
