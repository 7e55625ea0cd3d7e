"""Repositories: the queries the services need, returning domain values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.model import (
    REPORTS_TO_HOLD,
    AnswerInfo,
    Bank,
    CandidateStatus,
    MemberInfo,
    MemberTally,
    Question,
    RoundInfo,
    RoundKind,
    StoredCandidate,
    Streak,
    TeamInfo,
    TeamSchedule,
    Topic,
    TopicTally,
)
from bot.storage import _convert, tables, tallies
from bot.storage._dialect import insert


class _Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name


class TeamRepository(_Repository):
    async def get_or_create(
        self,
        *,
        platform: str,
        external_id: str,
        name: str,
        language: str,
        schedule: TeamSchedule,
        now: datetime,
    ) -> TeamInfo:
        values = {
            "platform": platform,
            "external_id": external_id,
            "name": name,
            "language": language,
            "timezone": schedule.timezone,
            "daily_time": schedule.daily_time,
            "close_after_minutes": schedule.close_after_minutes,
            "weekly_day": schedule.weekly_day,
            "weekly_time": schedule.weekly_time,
            "paused": False,
            "created_at": now,
        }
        statement = insert(self._dialect, tables.Team).values(values)
        await self._session.execute(statement.on_conflict_do_nothing())
        row = await self._session.scalar(
            select(tables.Team).where(
                tables.Team.platform == platform, tables.Team.external_id == external_id
            )
        )
        assert row is not None
        return _convert.team(row)

    async def get(self, team_id: int) -> TeamInfo | None:
        row = await self._session.get(tables.Team, team_id)
        return None if row is None else _convert.team(row)

    async def find(self, *, platform: str, external_id: str) -> TeamInfo | None:
        row = await self._session.scalar(
            select(tables.Team).where(
                tables.Team.platform == platform, tables.Team.external_id == external_id
            )
        )
        return None if row is None else _convert.team(row)

    async def of_platform(self, platform: str) -> list[TeamInfo]:
        rows = await self._session.scalars(
            select(tables.Team).where(tables.Team.platform == platform).order_by(tables.Team.id)
        )
        return [_convert.team(row) for row in rows]

    async def scheduled(self) -> list[TeamInfo]:
        """Teams with a daily channel and not paused."""
        rows = await self._session.scalars(
            select(tables.Team)
            .where(tables.Team.channel.is_not(None), tables.Team.paused.is_(False))
            .order_by(tables.Team.id)
        )
        return [_convert.team(row) for row in rows]

    async def update(
        self,
        team_id: int,
        *,
        channel: str | None = None,
        schedule: TeamSchedule | None = None,
        language: str | None = None,
        paused: bool | None = None,
    ) -> None:
        values: dict[str, object] = {}
        if channel is not None:
            values["channel"] = channel
        if language is not None:
            values["language"] = language
        if paused is not None:
            values["paused"] = paused
        if schedule is not None:
            values.update(
                timezone=schedule.timezone,
                daily_time=schedule.daily_time,
                close_after_minutes=schedule.close_after_minutes,
                weekly_day=schedule.weekly_day,
                weekly_time=schedule.weekly_time,
            )
        if values:
            await self._session.execute(
                update(tables.Team).where(tables.Team.id == team_id).values(values)
            )

    async def set_auto_accept(self, team_id: int, threshold: float | None) -> None:
        await self._session.execute(
            update(tables.Team).where(tables.Team.id == team_id).values(auto_accept=threshold)
        )


class MemberRepository(_Repository):
    async def get_or_create(
        self, *, team_id: int, external_id: str, name: str, now: datetime
    ) -> MemberInfo:
        statement = insert(self._dialect, tables.Member).values(
            team_id=team_id, external_id=external_id, display_name=name, created_at=now
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["team_id", "external_id"], set_={"display_name": name}
            )
        )
        row = await self._session.scalar(
            select(tables.Member).where(
                tables.Member.team_id == team_id, tables.Member.external_id == external_id
            )
        )
        assert row is not None
        return _convert.member(row)

    async def find(self, *, team_id: int, external_id: str) -> MemberInfo | None:
        row = await self._session.scalar(
            select(tables.Member).where(
                tables.Member.team_id == team_id, tables.Member.external_id == external_id
            )
        )
        return None if row is None else _convert.member(row)

    async def of_team(self, team_id: int) -> list[MemberInfo]:
        rows = await self._session.scalars(
            select(tables.Member).where(tables.Member.team_id == team_id).order_by(tables.Member.id)
        )
        return [_convert.member(row) for row in rows]

    async def set_streaks(self, streaks: dict[int, Streak]) -> None:
        for member_id, streak in streaks.items():
            await self._session.execute(
                update(tables.Member)
                .where(tables.Member.id == member_id)
                .values(
                    streak_answered=streak.answered,
                    streak_correct=streak.correct,
                    best_answered=streak.best_answered,
                    best_correct=streak.best_correct,
                )
            )

    async def delete(self, member_id: int) -> None:
        """Forget a member: their answers and tallies go with them (ON DELETE CASCADE)."""
        for table in (tables.Answer, tables.MemberDay, tables.MemberTopicDay):
            await self._session.execute(delete(table).where(table.member_id == member_id))
        await self._session.execute(
            update(tables.Round)
            .where(tables.Round.owner_member_id == member_id)
            .values(owner_member_id=None)
        )
        await self._session.execute(delete(tables.Member).where(tables.Member.id == member_id))


class QuestionRepository(_Repository):
    async def sync(self, bank: Bank, *, now: datetime) -> tuple[int, int, int]:
        """Make the stored bank match `bank`: (added, changed, retired).

        Ids are stable, so editing a question's wording updates the row its answers point to;
        a question removed from the bank is retired (inactive), never deleted.
        """
        dialect = self._dialect
        for t in bank.topics:
            values = {
                "id": t.id,
                "name": t.name,
                "name_en": t.name_en,
                # Misspellings find a topic too (`/quiz Lambada`): stored as look-up names.
                "aliases": [*t.aliases, *t.typos],
                "active": True,
            }
            statement = insert(dialect, tables.Topic).values(values)
            await self._session.execute(
                statement.on_conflict_do_update(index_elements=["id"], set_=values)
            )
        topic_ids = [t.id for t in bank.topics]
        await self._session.execute(
            update(tables.Topic).where(tables.Topic.id.not_in(topic_ids)).values(active=False)
        )

        # Only the shared bank: a team's imported questions are not in the files.
        rows = await self._session.execute(
            select(tables.Question.id, tables.Question.content_hash).where(
                tables.Question.team_id.is_(None)
            )
        )
        existing: dict[str, str] = dict(rows.all())
        added = changed = 0
        for q in bank.questions:
            values = _convert.question_values(q)
            old_hash = existing.get(q.id)
            if old_hash == values["content_hash"]:
                continue
            values.update(active=True, updated_at=now)
            if old_hash is None:
                added += 1
                self._session.add(tables.Question(**values))
            else:
                changed += 1
                await self._session.execute(
                    update(tables.Question).where(tables.Question.id == q.id).values(values)
                )
        ids = {q.id for q in bank.questions}
        retired_ids = [qid for qid in existing if qid not in ids]
        retired = 0
        if retired_ids:
            result = await self._session.execute(
                update(tables.Question)
                .where(tables.Question.id.in_(retired_ids), tables.Question.active.is_(True))
                .values(active=False, updated_at=now)
            )
            retired = result.rowcount or 0  # type: ignore[attr-defined]
        # Re-activate questions that come back to the bank unchanged.
        await self._session.execute(
            update(tables.Question)
            .where(tables.Question.id.in_(ids), tables.Question.active.is_(False))
            .values(active=True, updated_at=now)
        )
        await self._session.flush()
        return added, changed, retired

    async def active(self, team_id: int | None = None) -> list[Question]:
        """Questions to ask: the shared bank and, for a team, its own imported questions,
        less those its members flagged out of the rotation."""
        query = select(tables.Question).where(tables.Question.active.is_(True))
        if team_id is None:
            query = query.where(tables.Question.team_id.is_(None))
        else:
            query = query.where(
                (tables.Question.team_id.is_(None)) | (tables.Question.team_id == team_id),
                tables.Question.id.not_in(held_questions(team_id)),
            )
        rows = await self._session.scalars(query.order_by(tables.Question.id))
        return [_convert.question(row) for row in rows]

    async def asked_of(self, team_id: int, question_id: str) -> bool:
        """Whether a question is one this team can be asked: the shared bank's or its own."""
        row = await self._session.get(tables.Question, question_id)
        return row is not None and row.team_id in (None, team_id)

    async def add_for_team(self, team_id: int, question: Question, *, now: datetime) -> bool:
        """Store a team's own question; False if that id is already stored."""
        values = _convert.question_values(question)
        values.update(team_id=team_id, active=True, updated_at=now)
        statement = insert(self._dialect, tables.Question).values(values)
        result = await self._session.execute(statement.on_conflict_do_nothing())
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def get(self, question_id: str) -> Question | None:
        row = await self._session.get(tables.Question, question_id)
        return None if row is None else _convert.question(row)

    async def topics(self) -> list[Topic]:
        rows = await self._session.scalars(
            select(tables.Topic).where(tables.Topic.active.is_(True)).order_by(tables.Topic.id)
        )
        return [_convert.topic(row) for row in rows]


def held_questions(team_id: int) -> Select[str]:
    """Ids of the questions a team's reports keep out of its rotation."""
    flag = tables.Flag
    return (
        select(flag.question_id)
        .where(flag.team_id == team_id, (flag.outcome.is_(None)) | (flag.outcome == "removed"))
        .group_by(flag.question_id)
        .having(
            (func.count().filter(flag.outcome.is_(None)) >= REPORTS_TO_HOLD)
            | (func.count().filter(flag.outcome == "removed") > 0)
        )
    )


class CandidateRepository(_Repository):
    async def add(
        self, team_id: int, candidates: list[StoredCandidate], *, now: datetime
    ) -> list[StoredCandidate]:
        """Store new candidates; ones already stored (same question id) are skipped.

        Returns those added, with their ids.
        """
        added: list[StoredCandidate] = []
        for candidate in candidates:
            q = candidate.question
            statement = (
                insert(self._dialect, tables.Candidate)
                .values(
                    team_id=team_id,
                    question_id=q.id,
                    topic_id=q.topic,
                    kind=q.kind.value,
                    prompt=q.prompt,
                    choices=list(q.choices),
                    answer=q.answer,
                    accepted=list(q.accepted),
                    explanation=q.explanation,
                    source_note=q.source.note,
                    source_heading=q.source.heading,
                    source_line=candidate.line,
                    exams=list(q.exams),
                    confidence=candidate.confidence,
                    style=candidate.style,
                    reasons=list(candidate.reasons),
                    status=CandidateStatus.PENDING.value,
                    created_at=now,
                )
                .on_conflict_do_nothing()
                .returning(tables.Candidate.id)
            )
            new_id = await self._session.scalar(statement)
            if new_id is not None:
                added.append(replace(candidate, id=new_id))
        return added

    async def get(self, team_id: int, candidate_id: int) -> StoredCandidate | None:
        row = await self._session.get(tables.Candidate, candidate_id)
        return None if row is None or row.team_id != team_id else _convert.candidate(row)

    async def pending(self, team_id: int, *, limit: int) -> list[StoredCandidate]:
        """The pending candidates, most confident first."""
        rows = await self._session.scalars(
            select(tables.Candidate)
            .where(
                tables.Candidate.team_id == team_id,
                tables.Candidate.status == CandidateStatus.PENDING.value,
            )
            .order_by(tables.Candidate.confidence.desc(), tables.Candidate.id)
            .limit(limit)
        )
        return [_convert.candidate(row) for row in rows]

    async def counts(self, team_id: int) -> dict[CandidateStatus, int]:
        rows = await self._session.execute(
            select(tables.Candidate.status, func.count())
            .where(tables.Candidate.team_id == team_id)
            .group_by(tables.Candidate.status)
        )
        found = {CandidateStatus(status): count for status, count in rows.all()}
        return {status: found.get(status, 0) for status in CandidateStatus}

    async def decide(
        self, candidate_id: int, status: CandidateStatus, *, by: str, now: datetime
    ) -> bool:
        """Approve or reject a pending candidate; False if it was already decided."""
        result = await self._session.execute(
            update(tables.Candidate)
            .where(
                tables.Candidate.id == candidate_id,
                tables.Candidate.status == CandidateStatus.PENDING.value,
            )
            .values(status=status.value, decided_at=now, decided_by=by)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def edit(self, candidate_id: int, question: Question) -> None:
        await self._session.execute(
            update(tables.Candidate)
            .where(tables.Candidate.id == candidate_id)
            .values(
                prompt=question.prompt,
                choices=list(question.choices),
                answer=question.answer,
                accepted=list(question.accepted),
                explanation=question.explanation,
            )
        )


class FlagRepository(_Repository):
    async def add(
        self, team_id: int, question_id: str, member_id: int, *, reason: str, now: datetime
    ) -> bool:
        """Record a member's report; False if their report on this question is still open."""
        statement = insert(self._dialect, tables.Flag).values(
            team_id=team_id,
            question_id=question_id,
            member_id=member_id,
            reason=reason,
            created_at=now,
        )
        # A report on a question an admin kept earlier opens again; an open one stays as it is.
        statement = statement.on_conflict_do_update(
            index_elements=["team_id", "question_id", "member_id"],
            set_={"reason": reason, "created_at": now, "outcome": None, "resolved_at": None},
            where=tables.Flag.outcome == "kept",
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def is_held(self, team_id: int, question_id: str) -> bool:
        found = await self._session.scalar(
            held_questions(team_id).where(tables.Flag.question_id == question_id)
        )
        return found is not None

    async def open_reports(self, team_id: int) -> list[tuple[str, int, list[str]]]:
        """(question id, open reports, reasons) for every question with an open report."""
        rows = await self._session.execute(
            select(tables.Flag.question_id, tables.Flag.reason)
            .where(tables.Flag.team_id == team_id, tables.Flag.outcome.is_(None))
            .order_by(tables.Flag.question_id, tables.Flag.id)
        )
        found: dict[str, list[str]] = {}
        for question_id, reason in rows.all():
            found.setdefault(question_id, []).append(reason)
        return sorted(
            ((qid, len(reasons), [r for r in reasons if r]) for qid, reasons in found.items()),
            key=lambda item: (-item[1], item[0]),
        )

    async def resolve(self, team_id: int, question_id: str, *, outcome: str, now: datetime) -> int:
        """Close the open reports on a question as kept or removed; how many were open."""
        result = await self._session.execute(
            update(tables.Flag)
            .where(
                tables.Flag.team_id == team_id,
                tables.Flag.question_id == question_id,
                tables.Flag.outcome.is_(None),
            )
            .values(outcome=outcome, resolved_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class RoundRepository(_Repository):
    async def open_daily(
        self,
        *,
        team_id: int,
        channel: str,
        question_id: str,
        local_date: date,
        opened_at: datetime,
        closes_at: datetime,
        choice_seed: int,
    ) -> RoundInfo | None:
        """Create the daily round for a date; None if that date already has one."""
        statement = (
            insert(self._dialect, tables.Round)
            .values(
                team_id=team_id,
                channel=channel,
                question_id=question_id,
                kind=RoundKind.DAILY.value,
                local_date=local_date,
                opened_at=opened_at,
                closes_at=closes_at,
                choice_seed=choice_seed,
            )
            .on_conflict_do_nothing(index_elements=["team_id", "channel", "local_date"])
            .returning(tables.Round.id)
        )
        round_id = await self._session.scalar(statement)
        return None if round_id is None else await self.get(round_id)

    async def open_practice(
        self,
        *,
        team_id: int,
        channel: str,
        question_id: str,
        owner_member_id: int,
        opened_at: datetime,
        closes_at: datetime,
        choice_seed: int,
    ) -> RoundInfo:
        row = tables.Round(
            team_id=team_id,
            channel=channel,
            question_id=question_id,
            kind=RoundKind.PRACTICE.value,
            owner_member_id=owner_member_id,
            opened_at=opened_at,
            closes_at=closes_at,
            posted_at=opened_at,
            choice_seed=choice_seed,
        )
        self._session.add(row)
        await self._session.flush()
        return _convert.round_(row)

    async def get(self, round_id: int) -> RoundInfo | None:
        row = await self._session.get(tables.Round, round_id, populate_existing=True)
        return None if row is None else _convert.round_(row)

    async def due_to_close(self, now: datetime) -> list[RoundInfo]:
        rows = await self._session.scalars(
            select(tables.Round)
            .where(tables.Round.closed_at.is_(None), tables.Round.closes_at <= now)
            .order_by(tables.Round.closes_at, tables.Round.id)
        )
        return [_convert.round_(row) for row in rows]

    async def next_close(self) -> datetime | None:
        return await self._session.scalar(
            select(func.min(tables.Round.closes_at)).where(tables.Round.closed_at.is_(None))
        )

    async def close(self, round_id: int, *, now: datetime) -> bool:
        """Close a round; False if it was already closed (somebody else got there first)."""
        result = await self._session.execute(
            update(tables.Round)
            .where(tables.Round.id == round_id, tables.Round.closed_at.is_(None))
            .values(closed_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_posted(self, round_id: int, *, message_ref: str | None, now: datetime) -> None:
        await self._session.execute(
            update(tables.Round)
            .where(tables.Round.id == round_id)
            .values(posted_at=now, message_ref=message_ref)
        )

    async def mark_revealed(self, round_id: int, *, now: datetime) -> None:
        await self._session.execute(
            update(tables.Round).where(tables.Round.id == round_id).values(revealed_at=now)
        )

    async def unposted(self, team_id: int) -> list[RoundInfo]:
        """Open daily rounds whose message has not been sent yet (a crash between the two)."""
        rows = await self._session.scalars(
            select(tables.Round).where(
                tables.Round.team_id == team_id,
                tables.Round.posted_at.is_(None),
                tables.Round.closed_at.is_(None),
            )
        )
        return [_convert.round_(row) for row in rows]

    async def unrevealed(self, team_id: int) -> list[RoundInfo]:
        """Closed daily rounds whose reveal has not been sent yet."""
        rows = await self._session.scalars(
            select(tables.Round)
            .where(
                tables.Round.team_id == team_id,
                tables.Round.kind == RoundKind.DAILY.value,
                tables.Round.closed_at.is_not(None),
                tables.Round.revealed_at.is_(None),
            )
            .order_by(tables.Round.closed_at)
        )
        return [_convert.round_(row) for row in rows]

    async def latest_daily(self, team_id: int) -> RoundInfo | None:
        row = await self._session.scalar(
            select(tables.Round)
            .where(tables.Round.team_id == team_id, tables.Round.kind == RoundKind.DAILY.value)
            .order_by(tables.Round.local_date.desc())
            .limit(1)
        )
        return None if row is None else _convert.round_(row)

    async def daily_history(self, team_id: int) -> dict[str, date]:
        """When each question was last asked as this team's daily question."""
        rows = await self._session.execute(
            select(tables.Round.question_id, func.max(tables.Round.local_date))
            .where(tables.Round.team_id == team_id, tables.Round.kind == RoundKind.DAILY.value)
            .group_by(tables.Round.question_id)
        )
        return {question_id: day for question_id, day in rows if day is not None}

    async def recent_daily_topics(self, team_id: int, *, limit: int) -> list[str]:
        rows = await self._session.scalars(
            select(tables.Question.topic_id)
            .join(tables.Round, tables.Round.question_id == tables.Question.id)
            .where(tables.Round.team_id == team_id, tables.Round.kind == RoundKind.DAILY.value)
            .order_by(tables.Round.local_date.desc())
            .limit(limit)
        )
        return list(rows)

    async def recent_practice(self, member_id: int, *, limit: int) -> list[str]:
        """Question ids a member answered most recently, oldest first."""
        rows = await self._session.scalars(
            select(tables.Round.question_id)
            .join(tables.Answer, tables.Answer.round_id == tables.Round.id)
            .where(tables.Answer.member_id == member_id)
            .order_by(tables.Answer.answered_at.desc())
            .limit(limit)
        )
        return list(reversed(list(rows)))

    async def answers(self, round_id: int) -> list[AnswerInfo]:
        rows = await self._session.execute(
            select(tables.Answer, tables.Member.display_name)
            .join(tables.Member, tables.Member.id == tables.Answer.member_id)
            .where(tables.Answer.round_id == round_id)
            .order_by(tables.Answer.answered_at, tables.Answer.id)
        )
        return [
            AnswerInfo(
                member_id=a.member_id,
                member_name=name,
                response=a.response,
                correct=a.correct,
                answered_at=a.answered_at,
                elapsed_ms=a.elapsed_ms,
            )
            for a, name in rows
        ]

    async def answer_count(self, round_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(tables.Answer)
            .where(tables.Answer.round_id == round_id)
        )
        return count or 0


class StatsRepository(_Repository):
    async def add_tallies(self, entries: list[tallies.Tally]) -> None:
        await tallies.add(self._session, self._dialect, entries)

    async def leaderboard(
        self, team_id: int, *, start: date | None, end: date
    ) -> list[MemberTally]:
        day = tables.MemberDay
        conditions = [day.team_id == team_id, day.day < end]
        if start is not None:
            conditions.append(day.day >= start)
        totals = (
            select(
                day.member_id,
                func.sum(day.answered).label("answered"),
                func.sum(day.correct).label("correct"),
                func.sum(day.points).label("points"),
            )
            .where(*conditions)
            .group_by(day.member_id)
            .subquery()
        )
        rows = await self._session.execute(
            select(tables.Member, totals.c.answered, totals.c.correct, totals.c.points).join(
                totals, totals.c.member_id == tables.Member.id
            )
        )
        return [
            MemberTally(
                member_id=m.id,
                name=m.display_name,
                answered=int(answered),
                correct=int(correct),
                points=int(points),
                streak=_convert.member(m).streak,
            )
            for m, answered, correct, points in rows
        ]

    async def topic_tallies(
        self,
        team_id: int,
        *,
        member_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[TopicTally]:
        tally = tables.MemberTopicDay
        conditions = [tally.team_id == team_id]
        if member_id is not None:
            conditions.append(tally.member_id == member_id)
        if start is not None:
            conditions.append(tally.day >= start)
        if end is not None:
            conditions.append(tally.day < end)
        rows = await self._session.execute(
            select(tally.topic_id, func.sum(tally.attempts), func.sum(tally.correct))
            .where(*conditions)
            .group_by(tally.topic_id)
        )
        return [
            TopicTally(topic=topic, attempts=int(attempts), correct=int(correct))
            for topic, attempts, correct in rows
        ]

    async def claim_weekly(self, team_id: int, week_start: date, *, now: datetime) -> bool:
        """Reserve the weekly post for a week; False if it was already made."""
        statement = (
            insert(self._dialect, tables.WeeklyPost)
            .values(team_id=team_id, week_start=week_start, created_at=now)
            .on_conflict_do_nothing()
            .returning(tables.WeeklyPost.week_start)
        )
        return await self._session.scalar(statement) is not None

    async def last_weekly(self, team_id: int) -> date | None:
        return await self._session.scalar(
            select(func.max(tables.WeeklyPost.week_start)).where(
                tables.WeeklyPost.team_id == team_id
            )
        )

    async def unposted_weekly(self, team_id: int) -> list[tuple[date, datetime]]:
        rows = await self._session.execute(
            select(tables.WeeklyPost.week_start, tables.WeeklyPost.created_at)
            .where(tables.WeeklyPost.team_id == team_id, tables.WeeklyPost.posted_at.is_(None))
            .order_by(tables.WeeklyPost.week_start)
        )
        return list(rows)

    async def mark_weekly_posted(
        self, team_id: int, week_start: date, *, message_ref: str | None, now: datetime
    ) -> None:
        await self._session.execute(
            update(tables.WeeklyPost)
            .where(tables.WeeklyPost.team_id == team_id, tables.WeeklyPost.week_start == week_start)
            .values(posted_at=now, message_ref=message_ref)
        )
