"""Weak spots: smoothed accuracy, a minimum of attempts, and the weekly trend."""

from __future__ import annotations

import pytest

from bot.core.model import TopicTally
from bot.core.weakspots import (
    MIN_ATTEMPTS,
    NEUTRAL_PRIOR,
    PRIOR_STRENGTH,
    WeakSpot,
    overall_accuracy,
    smoothed,
    weak_spots,
)


def topics(spots: list[WeakSpot]) -> list[str]:
    return [s.topic for s in spots]


@pytest.mark.parametrize(
    ("correct", "attempts", "prior", "expected"),
    [
        (0, 0, 0.7, 0.7),  # no evidence: the prior itself
        (1, 1, 0.7, (1 + 0.7 * PRIOR_STRENGTH) / (1 + PRIOR_STRENGTH)),
        (45, 50, 0.7, (45 + 0.7 * PRIOR_STRENGTH) / (50 + PRIOR_STRENGTH)),
        (5, 10, 0.5, 0.5),  # evidence equal to the prior leaves it there
    ],
)
def test_smoothed(correct: int, attempts: int, prior: float, expected: float) -> None:
    assert smoothed(correct, attempts, prior) == pytest.approx(expected)


def test_more_evidence_moves_further_from_the_prior() -> None:
    assert smoothed(10, 10, 0.5) > smoothed(1, 1, 0.5) > 0.5
    assert smoothed(0, 10, 0.5) < smoothed(0, 1, 0.5) < 0.5
    assert smoothed(1, 1, 0.5, strength=0) == 1.0, "without pseudo-attempts, raw accuracy"


# A member's record: ~70% overall, one lucky answer on 'kms' and a solid record on 's3'.
RECORD = [
    TopicTally("kms", attempts=1, correct=1),
    TopicTally("s3", attempts=50, correct=45),
    TopicTally("vpc", attempts=40, correct=20),
    TopicTally("iam", attempts=1, correct=0),
    TopicTally("ec2", attempts=50, correct=5),
]


def test_one_lucky_answer_does_not_beat_a_solid_record() -> None:
    spots = {s.topic: s for s in weak_spots(RECORD, min_attempts=1)}
    kms, s3 = spots["kms"], spots["s3"]
    assert kms.accuracy > s3.accuracy, "raw accuracy would rank 1/1 above 45/50"
    assert kms.score < s3.score, "smoothed, the solid record is the stronger topic"


def test_one_unlucky_answer_is_not_weaker_than_a_poor_record() -> None:
    spots = {s.topic: s for s in weak_spots(RECORD, min_attempts=1)}
    assert spots["iam"].accuracy < spots["ec2"].accuracy
    assert spots["iam"].score > spots["ec2"].score


def test_weakest_first_over_the_whole_record() -> None:
    assert topics(weak_spots(RECORD, min_attempts=1)) == ["ec2", "iam", "vpc", "kms", "s3"]


@pytest.mark.parametrize(
    ("min_attempts", "expected"),
    [
        (1, ["vpc", "kms", "iam", "s3"]),
        (MIN_ATTEMPTS, ["vpc", "kms", "s3"]),  # the default: 'iam' has only 2 attempts
        (4, ["vpc", "kms", "s3"]),
        (5, ["vpc", "s3"]),
        (11, []),
    ],
)
def test_min_attempts_leaves_out_topics_with_little_data(
    min_attempts: int, expected: list[str]
) -> None:
    tallies = [
        TopicTally("vpc", attempts=10, correct=3),
        TopicTally("s3", attempts=10, correct=9),
        TopicTally("iam", attempts=2, correct=1),
        TopicTally("kms", attempts=4, correct=2),
    ]
    assert topics(weak_spots(tallies, min_attempts=min_attempts)) == expected


def test_default_min_attempts() -> None:
    assert MIN_ATTEMPTS == 3
    just_under = TopicTally("iam", attempts=MIN_ATTEMPTS - 1, correct=0)
    just_enough = TopicTally("vpc", attempts=MIN_ATTEMPTS, correct=0)
    assert topics(weak_spots([just_under, just_enough])) == ["vpc"]


def test_left_out_topics_still_count_towards_the_prior() -> None:
    shown = TopicTally("vpc", attempts=10, correct=5)
    alone = weak_spots([shown])[0]
    with_lucky_streak = weak_spots([shown, TopicTally("s3", attempts=2, correct=2)])[0]
    assert alone.score == pytest.approx(0.5)
    assert with_lucky_streak.score > alone.score


@pytest.mark.parametrize(
    ("tallies", "expected"),
    [
        ([], NEUTRAL_PRIOR),
        ([TopicTally("vpc", 0, 0)], NEUTRAL_PRIOR),
        ([TopicTally("vpc", 4, 1), TopicTally("s3", 6, 6)], 0.7),
    ],
)
def test_overall_accuracy(tallies: list[TopicTally], expected: float) -> None:
    assert overall_accuracy(tallies) == pytest.approx(expected)


def test_ties_put_more_attempts_first_then_the_topic_name() -> None:
    tallies = [
        TopicTally("b", attempts=10, correct=5),
        TopicTally("a", attempts=10, correct=5),
        TopicTally("c", attempts=20, correct=10),
    ]
    assert topics(weak_spots(tallies)) == ["c", "a", "b"]


def test_limit() -> None:
    tallies = [TopicTally(f"t{i}", attempts=10, correct=i) for i in range(8)]
    assert topics(weak_spots(tallies)) == ["t0", "t1", "t2", "t3", "t4"]
    assert topics(weak_spots(tallies, limit=2)) == ["t0", "t1"]


@pytest.mark.parametrize(
    ("this_week", "last_week", "trend"),
    [
        ([TopicTally("vpc", 4, 3)], [TopicTally("vpc", 4, 1)], 0.5),
        ([TopicTally("vpc", 4, 1)], [TopicTally("vpc", 2, 2)], -0.75),
        ([TopicTally("vpc", 2, 1)], [TopicTally("vpc", 4, 2)], 0.0),
        ([TopicTally("vpc", 4, 3)], [], None),  # no answers last week
        ([], [TopicTally("vpc", 4, 3)], None),  # none this week
        ([TopicTally("vpc", 0, 0)], [TopicTally("vpc", 4, 3)], None),
        ([TopicTally("s3", 4, 3)], [TopicTally("s3", 4, 1)], None),  # another topic's trend
    ],
)
def test_trend_compares_this_week_with_last(
    this_week: list[TopicTally], last_week: list[TopicTally], trend: float | None
) -> None:
    overall = [TopicTally("vpc", 10, 5)]
    [spot] = weak_spots(overall, this_week=this_week, last_week=last_week)
    assert spot.trend == (None if trend is None else pytest.approx(trend))


def test_no_data_no_spots() -> None:
    assert weak_spots([]) == []
    assert weak_spots([TopicTally("vpc", 0, 0)]) == []


def test_spot_reports_raw_counts() -> None:
    [spot] = weak_spots([TopicTally("vpc", attempts=10, correct=3)])
    assert (spot.attempts, spot.correct, spot.accuracy) == (10, 3, 0.3)
