"""In-memory stand-ins for the unit of work and the answer writer.

They keep the same promises as the SQL versions (one daily round per channel and date, the
first answer counts, a closed round takes none, nothing is kept without commit), so the
service tests run against them as well as against SQLite and PostgreSQL, and any drift
between fake and real shows up as a test that passes on one and fails on the other.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Self

from bot.core.model import (
    AnswerInfo,
    Bank,
    MemberInfo,
    MemberTally,
    Question,
    RoundInfo,
    RoundKind,
    Streak,
    TeamInfo,
    TeamSchedule,
    Topic,
    TopicTally,
)
from bot.storage.tallies import Tally
from bot.storage.writer import AnswerWrite, WriteStatus


@dataclass
class Store:
    ids: Any = field(default_factory=lambda: itertools.count(1))
    teams: dict[int, TeamInfo] = field(default_factory=dict)
    members: dict[int, MemberInfo] = field(default_factory=dict)
    topics: dict[str, tuple[Topic, bool]] = field(default_factory=dict)
    questions: dict[str, tuple[Question, bool, str]] = field(default_factory=dict)
    rounds: dict[int, RoundInfo] = field(default_factory=dict)
    posted: set[int] = field(default_factory=set)
    revealed: set[int] = field(default_factory=set)
    answers: dict[tuple[int, int], AnswerInfo] = field(default_factory=dict)
    member_day: dict[tuple[int, date, int], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )
    topic_day: dict[tuple[int, str, date], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )
    weekly: dict[tuple[int, date], tuple[datetime, bool]] = field(default_factory=dict)

    def next_id(self) -> int:
        return int(next(self.ids))

    def add_tallies(self, entries: list[Tally]) -> None:
        for e in entries:
            topic = self.topic_day[(e.member_id, e.topic_id, e.day)]
            topic[0] += 1
            topic[1] += int(e.correct)
            topic[2] = e.team_id
            if e.points is not None:
                day = self.member_day[(e.team_id, e.day, e.member_id)]
                day[0] += 1
                day[1] += int(e.correct)
                day[2] += e.points


class _Repo:
    def __init__(self, store: Store) -> None:
        self.s = store


class FakeTeams(_Repo):
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
        for team in self.s.teams.values():
            if (team.platform, team.external_id) == (platform, external_id):
                return team
        team = TeamInfo(
            id=self.s.next_id(),
            platform=platform,
            external_id=external_id,
            name=name,
            channel=None,
            language=language,
            schedule=schedule,
        )
        self.s.teams[team.id] = team
        return team

    async def get(self, team_id: int) -> TeamInfo | None:
        return self.s.teams.get(team_id)

    async def find(self, *, platform: str, external_id: str) -> TeamInfo | None:
        return next(
            (
                t
                for t in self.s.teams.values()
                if (t.platform, t.external_id) == (platform, external_id)
            ),
            None,
        )

    async def of_platform(self, platform: str) -> list[TeamInfo]:
        return [t for _, t in sorted(self.s.teams.items()) if t.platform == platform]

    async def scheduled(self) -> list[TeamInfo]:
        return [t for _, t in sorted(self.s.teams.items()) if t.channel and not t.paused]

    async def update(self, team_id: int, **changes: Any) -> None:
        values = {k: v for k, v in changes.items() if v is not None}
        self.s.teams[team_id] = replace(self.s.teams[team_id], **values)


class FakeMembers(_Repo):
    async def get_or_create(
        self, *, team_id: int, external_id: str, name: str, now: datetime
    ) -> MemberInfo:
        found = await self.find(team_id=team_id, external_id=external_id)
        member = (
            replace(found, name=name)
            if found
            else MemberInfo(
                id=self.s.next_id(), team_id=team_id, external_id=external_id, name=name
            )
        )
        self.s.members[member.id] = member
        return member

    async def find(self, *, team_id: int, external_id: str) -> MemberInfo | None:
        return next(
            (
                m
                for m in self.s.members.values()
                if (m.team_id, m.external_id) == (team_id, external_id)
            ),
            None,
        )

    async def of_team(self, team_id: int) -> list[MemberInfo]:
        return [m for _, m in sorted(self.s.members.items()) if m.team_id == team_id]

    async def set_streaks(self, streaks: dict[int, Streak]) -> None:
        for member_id, streak in streaks.items():
            self.s.members[member_id] = replace(self.s.members[member_id], streak=streak)

    async def delete(self, member_id: int) -> None:
        self.s.members.pop(member_id)
        self.s.answers = {k: v for k, v in self.s.answers.items() if k[1] != member_id}
        for table, position in ((self.s.member_day, 2), (self.s.topic_day, 0)):
            for key in [k for k in table if k[position] == member_id]:
                del table[key]


class FakeQuestions(_Repo):
    async def sync(self, bank: Bank, *, now: datetime) -> tuple[int, int, int]:
        ids = {t.id for t in bank.topics}
        for topic_id, (topic, _) in list(self.s.topics.items()):
            self.s.topics[topic_id] = (topic, topic_id in ids)
        for topic in bank.topics:
            self.s.topics[topic.id] = (topic, True)
        added = changed = retired = 0
        for q in bank.questions:
            digest = hashlib.sha256(repr(q).encode()).hexdigest()
            old = self.s.questions.get(q.id)
            if old is None:
                added += 1
            elif old[2] != digest:
                changed += 1
            self.s.questions[q.id] = (q, True, digest)
        kept = {q.id for q in bank.questions}
        for qid, (q, active, digest) in list(self.s.questions.items()):
            if qid not in kept and active:
                retired += 1
                self.s.questions[qid] = (q, False, digest)
        return added, changed, retired

    async def active(self, team_id: int | None = None) -> list[Question]:
        # The fakes hold only the shared bank: no team's imports and no reports.
        return [q for _, (q, active, _) in sorted(self.s.questions.items()) if active]

    async def get(self, question_id: str) -> Question | None:
        found = self.s.questions.get(question_id)
        return found[0] if found else None

    async def topics(self) -> list[Topic]:
        return [t for _, (t, active) in sorted(self.s.topics.items()) if active]


class FakeRounds(_Repo):
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
        if any(
            (r.team_id, r.channel, r.local_date) == (team_id, channel, local_date)
            for r in self.s.rounds.values()
        ):
            return None
        round_ = RoundInfo(
            id=self.s.next_id(),
            team_id=team_id,
            channel=channel,
            question_id=question_id,
            kind=RoundKind.DAILY,
            opened_at=opened_at,
            closes_at=closes_at,
            local_date=local_date,
            choice_seed=choice_seed,
        )
        self.s.rounds[round_.id] = round_
        return round_

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
        round_ = RoundInfo(
            id=self.s.next_id(),
            team_id=team_id,
            channel=channel,
            question_id=question_id,
            kind=RoundKind.PRACTICE,
            opened_at=opened_at,
            closes_at=closes_at,
            owner_member_id=owner_member_id,
            choice_seed=choice_seed,
        )
        self.s.rounds[round_.id] = round_
        self.s.posted.add(round_.id)
        return round_

    async def get(self, round_id: int) -> RoundInfo | None:
        return self.s.rounds.get(round_id)

    async def due_to_close(self, now: datetime) -> list[RoundInfo]:
        due = [r for r in self.s.rounds.values() if r.closed_at is None and r.closes_at <= now]
        return sorted(due, key=lambda r: (r.closes_at, r.id))

    async def next_close(self) -> datetime | None:
        return min(
            (r.closes_at for r in self.s.rounds.values() if r.closed_at is None), default=None
        )

    async def close(self, round_id: int, *, now: datetime) -> bool:
        round_ = self.s.rounds[round_id]
        if round_.closed_at is not None:
            return False
        self.s.rounds[round_id] = replace(round_, closed_at=now)
        return True

    async def mark_posted(self, round_id: int, *, message_ref: str | None, now: datetime) -> None:
        self.s.posted.add(round_id)
        self.s.rounds[round_id] = replace(self.s.rounds[round_id], message_ref=message_ref)

    async def mark_revealed(self, round_id: int, *, now: datetime) -> None:
        self.s.revealed.add(round_id)

    async def unposted(self, team_id: int) -> list[RoundInfo]:
        return [
            r
            for r in self.s.rounds.values()
            if r.team_id == team_id and r.id not in self.s.posted and r.closed_at is None
        ]

    async def unrevealed(self, team_id: int) -> list[RoundInfo]:
        found = [
            r
            for r in self.s.rounds.values()
            if r.team_id == team_id
            and r.kind is RoundKind.DAILY
            and r.closed_at is not None
            and r.id not in self.s.revealed
        ]
        return sorted(found, key=lambda r: r.closed_at or r.opened_at)

    def _daily(self, team_id: int) -> list[RoundInfo]:
        rounds = [
            r for r in self.s.rounds.values() if r.team_id == team_id and r.kind is RoundKind.DAILY
        ]
        return sorted(rounds, key=lambda r: r.local_date or date.min, reverse=True)

    async def latest_daily(self, team_id: int) -> RoundInfo | None:
        return next(iter(self._daily(team_id)), None)

    async def daily_history(self, team_id: int) -> dict[str, date]:
        history: dict[str, date] = {}
        for r in self._daily(team_id):
            if r.local_date is not None:
                history.setdefault(r.question_id, r.local_date)
        return history

    async def recent_daily_topics(self, team_id: int, *, limit: int) -> list[str]:
        return [self.s.questions[r.question_id][0].topic for r in self._daily(team_id)[:limit]]

    async def recent_practice(self, member_id: int, *, limit: int) -> list[str]:
        mine = sorted(
            (
                (a.answered_at, round_id)
                for (round_id, m), a in self.s.answers.items()
                if m == member_id
            ),
            reverse=True,
        )[:limit]
        return [self.s.rounds[round_id].question_id for _, round_id in reversed(mine)]

    async def answers(self, round_id: int) -> list[AnswerInfo]:
        found = [a for (r, _), a in self.s.answers.items() if r == round_id]
        return sorted(found, key=lambda a: a.answered_at)

    async def answer_count(self, round_id: int) -> int:
        return sum(1 for r, _ in self.s.answers if r == round_id)


class FakeStats(_Repo):
    async def add_tallies(self, entries: list[Tally]) -> None:
        self.s.add_tallies(entries)

    async def leaderboard(
        self, team_id: int, *, start: date | None, end: date
    ) -> list[MemberTally]:
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for (team, day, member_id), (answered, correct, points) in self.s.member_day.items():
            if team == team_id and day < end and (start is None or day >= start):
                total = totals[member_id]
                total[0] += answered
                total[1] += correct
                total[2] += points
        return [
            MemberTally(
                member_id=m,
                name=self.s.members[m].name,
                answered=a,
                correct=c,
                points=p,
                streak=self.s.members[m].streak,
            )
            for m, (a, c, p) in totals.items()
        ]

    async def topic_tallies(
        self,
        team_id: int,
        *,
        member_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[TopicTally]:
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (m, topic, day), (attempts, correct, team) in self.s.topic_day.items():
            if team != team_id or (member_id is not None and m != member_id):
                continue
            if (start is not None and day < start) or (end is not None and day >= end):
                continue
            totals[topic][0] += attempts
            totals[topic][1] += correct
        return [TopicTally(topic=t, attempts=a, correct=c) for t, (a, c) in totals.items()]

    async def claim_weekly(self, team_id: int, week_start: date, *, now: datetime) -> bool:
        if (team_id, week_start) in self.s.weekly:
            return False
        self.s.weekly[(team_id, week_start)] = (now, False)
        return True

    async def last_weekly(self, team_id: int) -> date | None:
        return max((w for t, w in self.s.weekly if t == team_id), default=None)

    async def unposted_weekly(self, team_id: int) -> list[tuple[date, datetime]]:
        return sorted(
            (w, created)
            for (t, w), (created, posted) in self.s.weekly.items()
            if t == team_id and not posted
        )

    async def mark_weekly_posted(
        self, team_id: int, week_start: date, *, message_ref: str | None, now: datetime
    ) -> None:
        created, _ = self.s.weekly[(team_id, week_start)]
        self.s.weekly[(team_id, week_start)] = (created, True)


class FakeUnitOfWork:
    """Works on a copy of the store; commit swaps it in, anything else is thrown away."""

    def __init__(self, box: list[Store]) -> None:
        self._box = box

    async def __aenter__(self) -> Self:
        self._work = copy.deepcopy(self._box[0])
        self.teams = FakeTeams(self._work)
        self.members = FakeMembers(self._work)
        self.questions = FakeQuestions(self._work)
        self.rounds = FakeRounds(self._work)
        self.stats = FakeStats(self._work)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        del self._work

    async def commit(self) -> None:
        self._box[0] = self._work


class FakeUnitOfWorkFactory:
    def __init__(self) -> None:
        self.box = [Store()]

    def __call__(self, *, write: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.box)


class FakeWriter:
    """Records straight into the store, with the real writer's rules."""

    def __init__(self, uow: FakeUnitOfWorkFactory) -> None:
        self._box = uow.box

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None

    async def submit(self, answer: AnswerWrite) -> WriteStatus:
        store = self._box[0]
        round_ = store.rounds.get(answer.round_id)
        if round_ is None or round_.closed_at is not None or answer.answered_at >= round_.closes_at:
            return WriteStatus.CLOSED
        key = (answer.round_id, answer.member_id)
        if key in store.answers:
            return WriteStatus.DUPLICATE
        store.answers[key] = AnswerInfo(
            member_id=answer.member_id,
            member_name=store.members[answer.member_id].name,
            response=answer.response,
            correct=answer.correct,
            answered_at=answer.answered_at,
            elapsed_ms=answer.elapsed_ms,
        )
        if answer.practice is not None:
            store.add_tallies([answer.practice])
        return WriteStatus.RECORDED
