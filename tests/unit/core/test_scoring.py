"""Points, streaks, ranks with shared places, and the most improved member."""

from __future__ import annotations

from itertools import permutations

import pytest

from bot.core.model import MemberTally, Streak
from bot.core.scoring import (
    POINTS_ANSWERED,
    POINTS_CORRECT,
    Ranked,
    advance_streak,
    most_improved,
    points,
    rank,
)


def tally(member_id: int, answered: int, correct: int, name: str = "") -> MemberTally:
    """A member's week, with points as the daily quiz awards them."""
    return MemberTally(
        member_id=member_id,
        name=name or f"m{member_id}",
        answered=answered,
        correct=correct,
        points=points(correct=True) * correct + points(correct=False) * (answered - correct),
    )


def test_points_reward_correct_answers_and_taking_part() -> None:
    assert points(correct=True) == POINTS_CORRECT == 10
    assert points(correct=False) == POINTS_ANSWERED == 1


# Each step is (answered, correct); the streak after all steps is (answered, correct, bests).
@pytest.mark.parametrize(
    ("start", "steps", "expected"),
    [
        (Streak(), [(True, True)], Streak(1, 1, 1, 1)),
        (Streak(), [(True, True)] * 3, Streak(3, 3, 3, 3)),
        (Streak(), [(True, False)], Streak(1, 0, 1, 0)),
        # A wrong answer breaks the correct run but not the answered run.
        (Streak(), [(True, True), (True, True), (True, False)], Streak(3, 0, 3, 2)),
        # A missed round breaks both; the bests stay.
        (Streak(), [(True, True), (True, True), (False, False)], Streak(0, 0, 2, 2)),
        # 'correct' without 'answered' cannot count.
        (Streak(2, 2, 2, 2), [(False, True)], Streak(0, 0, 2, 2)),
        # A shorter new run leaves the old best alone; a longer one raises it.
        (Streak(0, 0, 5, 4), [(True, True)] * 2, Streak(2, 2, 5, 4)),
        (Streak(0, 0, 5, 4), [(True, True)] * 6, Streak(6, 6, 6, 6)),
        (Streak(4, 4, 4, 4), [(False, False), (True, True)], Streak(1, 1, 4, 4)),
    ],
)
def test_advance_streak(start: Streak, steps: list[tuple[bool, bool]], expected: Streak) -> None:
    streak = start
    for answered, correct in steps:
        streak = advance_streak(streak, answered=answered, correct=correct)
    assert streak == expected


def test_advance_streak_does_not_change_its_argument() -> None:
    before = Streak(3, 3, 3, 3)
    advance_streak(before, answered=False, correct=False)
    assert before == Streak(3, 3, 3, 3)


def places(ranked: list[Ranked]) -> list[tuple[int, int]]:
    return [(r.rank, r.tally.member_id) for r in ranked]


@pytest.mark.parametrize(
    ("tallies", "expected"),
    [
        ([], []),
        ([tally(1, 3, 2)], [(1, 1)]),
        # Two members equal: they share rank 1 and the next member is third, not second.
        ([tally(1, 3, 2), tally(2, 3, 2), tally(3, 3, 1)], [(1, 1), (1, 2), (3, 3)]),
        # A tie in the middle.
        (
            [tally(1, 5, 5), tally(2, 3, 2), tally(3, 3, 2), tally(4, 1, 0)],
            [(1, 1), (2, 2), (2, 3), (4, 4)],
        ),
        # Three-way tie for first, then fourth.
        ([tally(i, 2, 2) for i in (1, 2, 3)] + [tally(4, 2, 1)], [(1, 1), (1, 2), (1, 3), (4, 4)]),
        # Everyone tied.
        ([tally(1, 1, 0), tally(2, 1, 0)], [(1, 1), (1, 2)]),
        # Points first: many wrong answers can outscore one right one (10 vs 11 points).
        ([tally(1, 1, 1), tally(2, 11, 0)], [(1, 2), (2, 1)]),
    ],
)
def test_rank_shares_places_on_ties(
    tallies: list[MemberTally], expected: list[tuple[int, int]]
) -> None:
    assert places(rank(tallies)) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Equal points: more correct answers first.
        (MemberTally(1, "a", answered=2, correct=2, points=20), MemberTally(2, "b", 12, 1, 20)),
        # Equal points and correct: fewer attempts first.
        (MemberTally(1, "a", answered=2, correct=1, points=11), MemberTally(2, "b", 3, 1, 11)),
    ],
)
def test_tie_breaks_are_real_ranks(first: MemberTally, second: MemberTally) -> None:
    assert places(rank([second, first])) == [(1, first.member_id), (2, second.member_id)]


def test_rank_order_does_not_depend_on_input_order() -> None:
    tallies = [tally(1, 3, 2, "Bea"), tally(2, 3, 2, "alice"), tally(3, 4, 4, "Carl")]
    orders = {tuple(places(rank(p))) for p in permutations(tallies)}
    assert orders == {((1, 3), (2, 2), (2, 1))}, "tied members listed by name, case-insensitively"


@pytest.mark.parametrize(
    ("answered", "correct", "accuracy"), [(4, 3, 0.75), (1, 0, 0.0), (0, 0, 0.0), (2, 2, 1.0)]
)
def test_ranked_accuracy(answered: int, correct: int, accuracy: float) -> None:
    assert Ranked(rank=1, tally=tally(1, answered, correct)).accuracy == accuracy


LAST_WEEK = [tally(1, 4, 1), tally(2, 4, 3), tally(3, 1, 0), tally(4, 4, 2)]


@pytest.mark.parametrize(
    ("this_week", "winner", "gain"),
    [
        ([tally(1, 4, 4), tally(2, 4, 2)], 1, 0.75),
        # Member 3 answered only once last week: too little to compare.
        ([tally(3, 4, 4), tally(4, 4, 3)], 4, 0.25),
        # Too few answers this week.
        ([tally(1, 1, 1), tally(4, 4, 3)], 4, 0.25),
        # Nobody rose.
        ([tally(2, 4, 3), tally(4, 4, 1)], None, None),
        # Someone new this week has nothing to compare with.
        ([tally(9, 5, 5)], None, None),
        ([], None, None),
    ],
)
def test_most_improved(
    this_week: list[MemberTally], winner: int | None, gain: float | None
) -> None:
    best = most_improved(this_week, LAST_WEEK)
    if winner is None:
        assert best is None
    else:
        assert best is not None
        assert (best.tally.member_id, best.gain) == (winner, gain)
        assert best.tally is next(t for t in this_week if t.member_id == winner)


def test_most_improved_min_answered_is_adjustable() -> None:
    assert most_improved([tally(3, 4, 4)], LAST_WEEK) is None
    best = most_improved([tally(3, 4, 4)], LAST_WEEK, min_answered=1)
    assert best is not None
    assert best.gain == 1.0
