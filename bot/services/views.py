"""What services hand to adapters: platform-neutral results, rendered by each adapter."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.core.leaderboard import Period
from bot.core.model import MemberInfo, Question, RoundInfo, Streak, TeamInfo, Topic
from bot.core.scoring import Improvement, Ranked
from bot.core.weakspots import WeakSpot


@dataclass(frozen=True, slots=True)
class QuestionCard:
    """A question as posted: a daily round, or a member's practice question."""

    round: RoundInfo
    question: Question
    """As the round shows it: its choices in the round's order, which letters refer to."""
    topic: Topic
    answers: int = 0


class AnswerStatus(enum.StrEnum):
    RECORDED = "recorded"
    ALREADY_ANSWERED = "already_answered"
    CLOSED = "closed"
    NO_ROUND = "no_round"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class AnswerReceipt:
    status: AnswerStatus
    round: RoundInfo | None = None
    question: Question | None = None
    correct: bool | None = None
    """Told at once for practice; for a daily round only at the reveal."""
    response: str = ""


@dataclass(frozen=True, slots=True)
class Reveal:
    card: QuestionCard
    answered: int
    correct: int
    first_correct: str | None
    choice_counts: tuple[int, ...] = ()
    """How many members picked each choice, in the order the round shows them."""

    @property
    def share(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class LeaderboardView:
    period: Period
    start: date | None
    end: date
    entries: tuple[Ranked, ...]
    me: Ranked | None = None


@dataclass(frozen=True, slots=True)
class TopicSpot:
    spot: WeakSpot
    topic: Topic


@dataclass(frozen=True, slots=True)
class WeakSpotsView:
    member: MemberInfo | None
    """None for the whole team."""
    spots: tuple[TopicSpot, ...]
    attempts: int
    """All attempts counted, so an empty list can say whether there is too little data."""


@dataclass(frozen=True, slots=True)
class StatsView:
    member: MemberInfo
    daily_answered: int
    daily_correct: int
    points: int
    rank: int | None
    practice_answered: int
    practice_correct: int
    streak: Streak = field(default_factory=Streak)


@dataclass(frozen=True, slots=True)
class WeeklyView:
    team: TeamInfo
    week_start: date
    entries: tuple[Ranked, ...]
    weakest: tuple[TopicSpot, ...]
    most_improved: Improvement | None


@dataclass(frozen=True, slots=True)
class PostEvent:
    card: QuestionCard


@dataclass(frozen=True, slots=True)
class RevealEvent:
    reveal: Reveal


@dataclass(frozen=True, slots=True)
class WeeklyEvent:
    weekly: WeeklyView


Event = PostEvent | RevealEvent | WeeklyEvent


@dataclass(frozen=True, slots=True)
class Outbox:
    """Everything a team's channel should be sent now, oldest first."""

    team: TeamInfo
    events: tuple[Event, ...]
    at: datetime
