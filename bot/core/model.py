"""The quiz's vocabulary: plain, immutable values with no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time


class QuestionKind(enum.StrEnum):
    CHOICE = "choice"
    TEXT = "text"


class RoundKind(enum.StrEnum):
    DAILY = "daily"
    PRACTICE = "practice"


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    typos: tuple[str, ...] = ()
    """Misspellings seen in notes; each is corrected to the closest spelling above."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a question's facts come from: a note file and a heading path in it."""

    note: str
    heading: str = ""

    def label(self) -> str:
        return f"{self.note} › {self.heading}" if self.heading else self.note


MIN_CHOICES, MAX_CHOICES = 2, 6
"""How many options a choice question may have: buttons A to F."""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    topic: str
    kind: QuestionKind
    prompt: str
    explanation: str
    source: SourceRef
    choices: tuple[str, ...] = ()
    """For CHOICE questions: the options, in the bank's order; each round shows them in an
    order of its own (`order.as_shown`)."""
    answer: str = ""
    """For CHOICE questions: the correct choice (one of `choices`)."""
    accepted: tuple[str, ...] = ()
    """For TEXT questions: every answer that counts as correct."""
    exams: tuple[str, ...] = ()
    difficulty: int = 2

    @property
    def correct_index(self) -> int:
        return self.choices.index(self.answer)

    @property
    def display_answer(self) -> str:
        return self.answer if self.kind is QuestionKind.CHOICE else self.accepted[0]


@dataclass(frozen=True, slots=True)
class Bank:
    """A validated content bank: every question's topic exists, every id is unique."""

    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True, slots=True)
class TeamSchedule:
    """When a team's daily question, its close and the weekly leaderboard happen."""

    timezone: str = "Asia/Tokyo"
    daily_time: time = time(9, 0)
    close_after_minutes: int = 12 * 60
    weekly_day: int = 0
    """Day of the week for the weekly leaderboard post, Monday = 0."""
    weekly_time: time = time(9, 0)


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive daily rounds answered, and answered correctly."""

    answered: int = 0
    correct: int = 0
    best_answered: int = 0
    best_correct: int = 0


@dataclass(frozen=True, slots=True)
class RoundInfo:
    id: int
    team_id: int
    channel: str
    question_id: str
    kind: RoundKind
    opened_at: datetime
    closes_at: datetime
    local_date: date | None = None
    closed_at: datetime | None = None
    message_ref: str | None = None
    owner_member_id: int | None = None
    choice_seed: int | None = None
    """Orders the choices as this round shows them (see `order.as_shown`); None for a round
    posted before choices were shuffled, which shows the bank's order."""

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class TopicTally:
    """Attempts and correct answers on one topic over some window."""

    topic: str
    attempts: int
    correct: int


@dataclass(frozen=True, slots=True)
class MemberTally:
    """A member's daily-round results over a leaderboard window."""

    member_id: int
    name: str
    answered: int
    correct: int
    points: int
    streak: Streak = field(default_factory=Streak)


@dataclass(frozen=True, slots=True)
class TeamInfo:
    id: int
    platform: str
    external_id: str
    name: str
    channel: str | None
    language: str
    schedule: TeamSchedule
    paused: bool = False
    auto_accept: float | None = None
    """Imported candidates this confident join the bank without review; None: all reviewed."""


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    team_id: int
    external_id: str
    name: str
    streak: Streak = field(default_factory=Streak)


@dataclass(frozen=True, slots=True)
class AnswerInfo:
    member_id: int
    member_name: str
    response: str
    correct: bool
    answered_at: datetime
    elapsed_ms: int


class CandidateStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class StoredCandidate:
    """A question proposed from a team's notes, as stored for review."""

    id: int
    question: Question
    line: int
    confidence: float
    style: str
    reasons: tuple[str, ...]
    status: CandidateStatus


REPORTS_TO_HOLD = 2
"""Open reports from this many members take a question out of a team's rotation until an
admin keeps or removes it: one report may be a slip, two agree that something is wrong."""


@dataclass(frozen=True, slots=True)
class FlaggedQuestion:
    """A question members reported, with how many open reports and what they said."""

    question: Question
    reports: int
    reasons: tuple[str, ...]
    held: bool
    """Out of the team's rotation until an admin keeps or removes it."""
