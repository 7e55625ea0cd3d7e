"""Which topics a member (or the whole team) is weakest on, fairly measured.

Raw accuracy would rank one lucky answer (1/1) above a solid record (45/50), so accuracy is
smoothed towards the member's overall accuracy with a few pseudo-attempts, and topics with too
few attempts are left out until there is something to say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.model import TopicTally

PRIOR_STRENGTH = 5
"""Pseudo-attempts at the overall accuracy added to every topic."""
MIN_ATTEMPTS = 3
NEUTRAL_PRIOR = 0.6


@dataclass(frozen=True, slots=True)
class WeakSpot:
    topic: str
    attempts: int
    correct: int
    score: float
    """Smoothed accuracy, 0..1; lower is weaker."""
    trend: float | None
    """This week's accuracy minus last week's, when both weeks have answers."""

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


def smoothed(correct: int, attempts: int, prior: float, strength: int = PRIOR_STRENGTH) -> float:
    return (correct + prior * strength) / (attempts + strength)


def overall_accuracy(tallies: Iterable[TopicTally]) -> float:
    attempts = correct = 0
    for tally in tallies:
        attempts += tally.attempts
        correct += tally.correct
    return correct / attempts if attempts else NEUTRAL_PRIOR


def _by_topic(tallies: Iterable[TopicTally]) -> dict[str, TopicTally]:
    return {t.topic: t for t in tallies}


def weak_spots(
    overall: Iterable[TopicTally],
    this_week: Iterable[TopicTally] = (),
    last_week: Iterable[TopicTally] = (),
    *,
    min_attempts: int = MIN_ATTEMPTS,
    limit: int = 5,
) -> list[WeakSpot]:
    """The weakest topics first, each with attempts, accuracy and its weekly trend."""
    tallies = [t for t in overall if t.attempts > 0]
    prior = overall_accuracy(tallies)
    now, before = _by_topic(this_week), _by_topic(last_week)
    spots = []
    for tally in tallies:
        if tally.attempts < min_attempts:
            continue
        trend = None
        recent, previous = now.get(tally.topic), before.get(tally.topic)
        if recent and previous and recent.attempts and previous.attempts:
            trend = recent.correct / recent.attempts - previous.correct / previous.attempts
        spots.append(
            WeakSpot(
                topic=tally.topic,
                attempts=tally.attempts,
                correct=tally.correct,
                score=smoothed(tally.correct, tally.attempts, prior),
                trend=trend,
            )
        )
    spots.sort(key=lambda s: (s.score, -s.attempts, s.topic))
    return spots[:limit]
