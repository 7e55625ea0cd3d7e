"""Deciding whether a response is right.

Japanese has no spaces and two kana scripts, and phones type full-width characters, so
responses are compared after normalising width, case, kana and spacing. Matching is exact
after that: a short answer such as "SQS" must never match "SNS".
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.model import Question, QuestionKind

_LETTERS = "ABCDEF"
_SEPARATORS = re.compile(
    r"[\s\u3000・·･,，、。「」『』()（）\[\]【】\"'“”‘’!！?？:：;；/／_-]+"
    # A full stop is punctuation, but a decimal point is part of a number: 1.5 is not 15.
    r"|(?<!\d)\.|\.(?!\d)"
)
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def normalise(text: str) -> str:
    """Fold width, case and kana script, and drop spacing and punctuation.

    A point between two digits is kept, so "1.5" and "15" stay different answers.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.translate(_KATAKANA)
    return _SEPARATORS.sub("", folded)


def letter(index: int) -> str:
    return _LETTERS[index]


def choice_index(question: Question, response: str) -> int | None:
    """The choice a response names: its letter (A, b, ２), number (1-based) or its text."""
    if question.kind is not QuestionKind.CHOICE:
        return None
    key = normalise(response)
    if not key:
        return None
    count = len(question.choices)
    if len(key) == 1 and key.upper() in _LETTERS[:count]:
        return _LETTERS.index(key.upper())
    # isdecimal, not isdigit: int() rejects digits such as '፩' that isdigit accepts, and the
    # length bound keeps int() away from a pasted 5,000-digit number.
    if key.isdecimal() and len(key) <= 3 and 1 <= int(key) <= count:
        return int(key) - 1
    for index, choice in enumerate(question.choices):
        if normalise(choice) == key:
            return index
    return None


def is_correct(question: Question, response: str) -> bool:
    if question.kind is QuestionKind.CHOICE:
        return choice_index(question, response) == question.correct_index
    key = normalise(response)
    return bool(key) and any(normalise(accepted) == key for accepted in question.accepted)


def canonical_response(question: Question, response: str) -> str | None:
    """The response as it is stored: the chosen option's text, or the typed text.

    None means the response cannot be an answer to this question (an unknown letter).
    """
    if question.kind is QuestionKind.CHOICE:
        index = choice_index(question, response)
        return None if index is None else question.choices[index]
    text = response.strip()
    return text or None
