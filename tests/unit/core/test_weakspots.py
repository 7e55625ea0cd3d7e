from __future__ import annotations

from bot.core.model import TopicTally
from bot.core.weakspots import MIN_ATTEMPTS, smoothed, weak_spots


def test_one_lucky_answer_does_not_beat_a_solid_record() -> None:
    prior = 0.7
    assert smoothed(1, 1, prior) < smoothed(45, 50, prior)
    assert smoothed(0, 1, prior) > smoothed(5, 50, prior)


def test_weakest_first_with_min_attempts() -> None:
    spots = weak_spots(
        [
            TopicTally("vpc", attempts=10, correct=3),
            TopicTally("s3", attempts=10, correct=9),
            TopicTally("iam", attempts=MIN_ATTEMPTS - 1, correct=0),
            TopicTally("kms", attempts=4, correct=2),
        ]
    )
    assert [s.topic for s in spots] == ["vpc", "kms", "s3"]
    assert spots[0].accuracy == 0.3


def test_trend_compares_this_week_with_last() -> None:
    overall = [TopicTally("vpc", 10, 5), TopicTally("s3", 10, 5)]
    spots = weak_spots(
        overall,
        this_week=[TopicTally("vpc", 4, 3), TopicTally("s3", 2, 1)],
        last_week=[TopicTally("vpc", 4, 1)],
    )
    trends = {s.topic: s.trend for s in spots}
    assert trends["vpc"] == 0.5
    assert trends["s3"] is None, "no answers last week: no trend"


def test_no_data_no_spots() -> None:
    assert weak_spots([]) == []
    assert weak_spots([TopicTally("vpc", 0, 0)]) == []
