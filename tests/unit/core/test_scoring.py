from __future__ import annotations

from bot.core.model import MemberTally, Streak
from bot.core.scoring import advance_streak, most_improved, points, rank


def tally(member_id: int, answered: int, correct: int, name: str = "") -> MemberTally:
    return MemberTally(
        member_id=member_id,
        name=name or f"m{member_id}",
        answered=answered,
        correct=correct,
        points=points(correct=True) * correct + points(correct=False) * (answered - correct),
    )


def test_points_reward_correct_answers_and_taking_part() -> None:
    assert points(correct=True) > points(correct=False) > 0


def test_streaks_grow_reset_and_remember_the_best() -> None:
    s = Streak()
    for _ in range(3):
        s = advance_streak(s, answered=True, correct=True)
    assert (s.answered, s.correct, s.best_answered, s.best_correct) == (3, 3, 3, 3)
    s = advance_streak(s, answered=True, correct=False)
    assert (s.answered, s.correct) == (4, 0)
    s = advance_streak(s, answered=False, correct=False)
    assert (s.answered, s.correct, s.best_answered, s.best_correct) == (0, 0, 4, 3)


def test_rank_orders_by_points_then_correct_and_ties_share_a_rank() -> None:
    ranked = rank([tally(1, 2, 1), tally(2, 3, 3), tally(3, 2, 1), tally(4, 1, 0)])
    assert [(r.rank, r.tally.member_id) for r in ranked] == [(1, 2), (2, 1), (2, 3), (4, 4)]


def test_fewer_attempts_wins_a_tie_on_points_and_correct() -> None:
    careful = MemberTally(member_id=1, name="a", answered=2, correct=1, points=11)
    busy = MemberTally(member_id=2, name="b", answered=3, correct=1, points=11)
    assert [r.tally.member_id for r in rank([busy, careful])] == [1, 2]
    assert [r.rank for r in rank([busy, careful])] == [1, 2]


def test_most_improved_needs_both_weeks_and_a_gain() -> None:
    last = [tally(1, 4, 1), tally(2, 4, 3), tally(3, 1, 0)]
    this = [tally(1, 4, 4), tally(2, 4, 2), tally(3, 4, 4)]
    best = most_improved(this, last)
    assert best is not None
    assert best.tally.member_id == 1, "member 3 had too few answers last week to compare"
    assert best.gain == 0.75
    assert most_improved([tally(2, 4, 2)], last) is None
