"""Rows to domain values and back."""

from __future__ import annotations

import hashlib
import json

from bot.core.model import (
    CandidateStatus,
    MemberInfo,
    Question,
    QuestionKind,
    RoundInfo,
    RoundKind,
    SourceRef,
    StoredCandidate,
    Streak,
    TeamInfo,
    TeamSchedule,
    Topic,
)
from bot.storage import tables


def team(row: tables.Team) -> TeamInfo:
    return TeamInfo(
        id=row.id,
        platform=row.platform,
        external_id=row.external_id,
        name=row.name,
        channel=row.channel,
        language=row.language,
        paused=row.paused,
        auto_accept=row.auto_accept,
        schedule=TeamSchedule(
            timezone=row.timezone,
            daily_time=row.daily_time,
            close_after_minutes=row.close_after_minutes,
            weekly_day=row.weekly_day,
            weekly_time=row.weekly_time,
        ),
    )


def member(row: tables.Member) -> MemberInfo:
    return MemberInfo(
        id=row.id,
        team_id=row.team_id,
        external_id=row.external_id,
        name=row.display_name,
        streak=Streak(
            answered=row.streak_answered,
            correct=row.streak_correct,
            best_answered=row.best_answered,
            best_correct=row.best_correct,
        ),
    )


def topic(row: tables.Topic) -> Topic:
    return Topic(id=row.id, name=row.name, name_en=row.name_en, aliases=tuple(row.aliases))


def question(row: tables.Question | tables.Candidate) -> Question:
    """A stored question, or the question a candidate proposes (under the id it will take)."""
    return Question(
        id=row.question_id if isinstance(row, tables.Candidate) else row.id,
        topic=row.topic_id,
        kind=QuestionKind(row.kind),
        prompt=row.prompt,
        explanation=row.explanation,
        source=SourceRef(note=row.source_note, heading=row.source_heading),
        choices=tuple(row.choices),
        answer=row.answer,
        accepted=tuple(row.accepted),
        exams=tuple(row.exams),
        difficulty=row.difficulty if isinstance(row, tables.Question) else 2,
    )


def candidate(row: tables.Candidate) -> StoredCandidate:
    return StoredCandidate(
        id=row.id,
        question=question(row),
        line=row.source_line,
        confidence=row.confidence,
        style=row.style,
        reasons=tuple(row.reasons),
        status=CandidateStatus(row.status),
    )


def question_values(q: Question) -> dict[str, object]:
    values: dict[str, object] = {
        "id": q.id,
        "topic_id": q.topic,
        "kind": q.kind.value,
        "prompt": q.prompt,
        "choices": list(q.choices),
        "answer": q.answer,
        "accepted": list(q.accepted),
        "explanation": q.explanation,
        "source_note": q.source.note,
        "source_heading": q.source.heading,
        "exams": list(q.exams),
        "difficulty": q.difficulty,
    }
    values["content_hash"] = hashlib.sha256(
        json.dumps(values, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    return values


def round_(row: tables.Round) -> RoundInfo:
    return RoundInfo(
        id=row.id,
        team_id=row.team_id,
        channel=row.channel,
        question_id=row.question_id,
        kind=RoundKind(row.kind),
        opened_at=row.opened_at,
        closes_at=row.closes_at,
        local_date=row.local_date,
        closed_at=row.closed_at,
        message_ref=row.message_ref,
        owner_member_id=row.owner_member_id,
        choice_seed=row.choice_seed,
    )
