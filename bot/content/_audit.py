"""What an author should know about a valid bank: whether answers give themselves away, and how
the questions spread over topics, exams and difficulty."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.model import Bank, QuestionKind

STANDS_OUT_RATIO = 1.5
STANDS_OUT_MARGIN = 8
"""An answer at least this much wider than the widest wrong choice, in both senses, is the one
a guesser picks: 1.5 times as wide and 8 columns more (four kanji)."""


def width(text: str) -> int:
    """How wide a text looks: kanji, kana and full-width letters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def answer_stands_out(answer: str, choices: Sequence[str]) -> bool:
    """Whether the answer is much longer than every other choice."""
    others = [width(c) for c in choices if c != answer]
    if not others:
        return False
    widest, mine = max(others), width(answer)
    return mine >= STANDS_OUT_RATIO * widest and mine - widest >= STANDS_OUT_MARGIN


def answer_rank(answer: str, choices: Sequence[str]) -> int:
    """Where the answer stands when its choices are ordered widest first: 1 for the widest.
    A tie takes the better place, since choices of equal width look alike."""
    return 1 + sum(width(c) > width(answer) for c in choices)


@dataclass(frozen=True, slots=True)
class BankSummary:
    questions: int
    per_topic: dict[str, int]
    per_exam: dict[str, int]
    untagged: int
    """Questions that name no exam."""
    per_difficulty: dict[int, int]
    choice_questions: int
    answer_ranks: dict[int, int]
    """How many choice questions have their answer at each `answer_rank`: an even spread
    means a guesser gains nothing by picking the longest, or the second longest, choice."""

    @property
    def answer_longest(self) -> int:
        """Choice questions whose answer is the longest choice, or tied for it."""
        return self.answer_ranks.get(1, 0)


def summarise(bank: Bank) -> BankSummary:
    questions = bank.questions
    choice = [q for q in questions if q.kind is QuestionKind.CHOICE]
    return BankSummary(
        questions=len(questions),
        per_topic=dict(Counter(q.topic for q in questions).most_common()),
        per_exam=dict(Counter(e for q in questions for e in q.exams).most_common()),
        untagged=sum(not q.exams for q in questions),
        per_difficulty=dict(sorted(Counter(q.difficulty for q in questions).items())),
        choice_questions=len(choice),
        answer_ranks=dict(
            sorted(Counter(answer_rank(q.answer, q.choices) for q in choice).items())
        ),
    )
