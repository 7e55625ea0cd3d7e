"""The schema. Tables are singular snake_case; every *_at column is UTC and tz-aware."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns them aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {datetime: UtcDateTime()}  # noqa: RUF012


class Team(Base):
    """A Discord server, Slack workspace or console: one study group and its settings."""

    __tablename__ = "team"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        CheckConstraint("weekly_day BETWEEN 0 AND 6", name="weekly_day_range"),
        CheckConstraint("close_after_minutes > 0", name="close_after_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str | None] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    daily_time: Mapped[time] = mapped_column(Time)
    close_after_minutes: Mapped[int] = mapped_column(Integer)
    weekly_day: Mapped[int] = mapped_column(Integer)
    weekly_time: Mapped[time] = mapped_column(Time)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_accept: Mapped[float | None] = mapped_column(Float)
    """Imported candidates at or above this confidence join the bank unreviewed; None: never."""
    created_at: Mapped[datetime]


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("team_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100))
    streak_answered: Mapped[int] = mapped_column(Integer, default=0)
    streak_correct: Mapped[int] = mapped_column(Integer, default=0)
    best_answered: Mapped[int] = mapped_column(Integer, default=0)
    best_correct: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]


class Topic(Base):
    __tablename__ = "topic"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Question(Base):
    """A question from the bank. Rows are never deleted: answers keep pointing at them.

    `team_id` is NULL for the shared bank (content/) and set for a team's own imported
    questions, which only that team is asked.
    """

    __tablename__ = "question"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(Text, default="")
    accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text)
    source_note: Mapped[str] = mapped_column(String(300))
    source_heading: Mapped[str] = mapped_column(Text, default="")
    exams: Mapped[list[str]] = mapped_column(JSON, default=list)
    difficulty: Mapped[int] = mapped_column(Integer, default=2)
    content_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class Round(Base):
    """One question posted to one channel. A daily round has a local date; practice has none."""

    __tablename__ = "round"
    __table_args__ = (
        UniqueConstraint("team_id", "channel", "local_date"),
        Index(
            "ix_round_open",
            "closes_at",
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        Index("ix_round_team_kind_date", "team_id", "kind", "local_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    kind: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date | None] = mapped_column(Date)
    owner_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL")
    )
    opened_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    posted_at: Mapped[datetime | None]
    revealed_at: Mapped[datetime | None]
    message_ref: Mapped[str | None] = mapped_column(String(64))
    choice_seed: Mapped[int | None]


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("round_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime]
    elapsed_ms: Mapped[int] = mapped_column(Integer)


class MemberDay(Base):
    """Daily-round results per member per local day: the leaderboard reads only this."""

    __tablename__ = "member_day"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    answered: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    points: Mapped[int] = mapped_column(Integer, default=0)


class MemberTopicDay(Base):
    """Attempts per member, topic and local day, daily and practice: weak spots read this."""

    __tablename__ = "member_topic_day"
    __table_args__ = (Index("ix_member_topic_day_team", "team_id", "topic_id", "day"),)

    member_id: Mapped[int] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


class WeeklyPost(Base):
    """One weekly leaderboard post per team per reported week."""

    __tablename__ = "weekly_post"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )
    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[datetime]
    posted_at: Mapped[datetime | None]
    message_ref: Mapped[str | None] = mapped_column(String(64))


class Candidate(Base):
    """A question proposed from a team's notes, waiting for a person (or the auto-accept bar)."""

    __tablename__ = "candidate"
    __table_args__ = (
        UniqueConstraint("team_id", "question_id"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_known"),
        Index("ix_candidate_team_status", "team_id", "status", "confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(128))
    """The id the question takes when approved; stable, so importing twice adds nothing."""
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"))
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[str] = mapped_column(Text, default="")
    accepted: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text)
    source_note: Mapped[str] = mapped_column(String(300))
    source_heading: Mapped[str] = mapped_column(Text, default="")
    source_line: Mapped[int] = mapped_column(Integer)
    exams: Mapped[list[str]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float)
    style: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(100))


class Flag(Base):
    """A member's report of a problem with a question. Open flags have no outcome yet."""

    __tablename__ = "flag"
    __table_args__ = (
        UniqueConstraint("team_id", "question_id", "member_id"),
        CheckConstraint("outcome IN ('kept', 'removed')", name="outcome_known"),
        Index("ix_flag_team_question", "team_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    outcome: Mapped[str | None] = mapped_column(String(16))
    resolved_at: Mapped[datetime | None]
