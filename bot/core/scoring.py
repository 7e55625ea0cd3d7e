"""Points, streaks and ranking for the daily quiz. Practice rounds never reach this module."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.model import MemberTally, Streak

POINTS_CORRECT = 10
POINTS_ANSWERED = 1
"""Showing up is worth something: a wrong daily answer still earns a point."""


def points(*, correct: bool) -> int:
    return POINTS_CORRECT if correct else POINTS_ANSWERED


def advance_streak(streak: Streak, *, answered: bool, correct: bool) -> Streak:
    """The streak after one more daily round closes."""
    answered_run = streak.answered + 1 if answered else 0
    correct_run = streak.correct + 1 if answered and correct else 0
    return Streak(
        answered=answered_run,
        correct=correct_run,
        best_answered=max(streak.best_answered, answered_run),
        best_correct=max(streak.best_correct, correct_run),
    )


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    tally: MemberTally

    @property
    def accuracy(self) -> float:
        return self.tally.correct / self.tally.answered if self.tally.answered else 0.0


def _key(tally: MemberTally) -> tuple[int, int, int]:
    return (-tally.points, -tally.correct, tally.answered)


def rank(tallies: Iterable[MemberTally]) -> list[Ranked]:
    """Order by points, then correct answers, then fewer attempts; equal keys share a rank."""
    ordered = sorted(tallies, key=lambda t: (*_key(t), t.name.casefold(), t.member_id))
    ranked: list[Ranked] = []
    for position, tally in enumerate(ordered, start=1):
        if ranked and _key(ranked[-1].tally) == _key(tally):
            ranked.append(Ranked(rank=ranked[-1].rank, tally=tally))
        else:
            ranked.append(Ranked(rank=position, tally=tally))
    return ranked


@dataclass(frozen=True, slots=True)
class Improvement:
    tally: MemberTally
    gain: float
    """This week's accuracy minus last week's."""


def most_improved(
    this_week: Sequence[MemberTally], last_week: Sequence[MemberTally], *, min_answered: int = 2
) -> Improvement | None:
    """The member whose daily accuracy rose most since last week (both weeks well attended)."""
    before = {t.member_id: t for t in last_week if t.answered >= min_answered}
    best: Improvement | None = None
    for tally in this_week:
        previous = before.get(tally.member_id)
        if previous is None or tally.answered < min_answered:
            continue
        gain = tally.correct / tally.answered - previous.correct / previous.answered
        if gain > 0 and (best is None or gain > best.gain):
            best = Improvement(tally=tally, gain=gain)
    return best
