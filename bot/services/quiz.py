"""The quiz's use cases. Adapters call these and render what they return."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

from bot.core import schedule as policy
from bot.core.leaderboard import Period, window
from bot.core.matching import canonical_response, choice_index, is_correct
from bot.core.model import (
    Bank,
    MemberInfo,
    Question,
    QuestionKind,
    RoundInfo,
    RoundKind,
    TeamInfo,
    TeamSchedule,
    Topic,
)
from bot.core.order import as_shown, round_seed
from bot.core.scoring import advance_streak, most_improved, points, rank
from bot.core.selection import choose_daily, choose_practice, find_topic
from bot.core.weakspots import weak_spots
from bot.services.clock import Clock
from bot.services.views import (
    AnswerReceipt,
    AnswerStatus,
    Event,
    LeaderboardView,
    Outbox,
    PostEvent,
    QuestionCard,
    Reveal,
    RevealEvent,
    StatsView,
    TopicSpot,
    WeakSpotsView,
    WeeklyEvent,
    WeeklyView,
)
from bot.storage.tallies import Tally
from bot.storage.uow import UnitOfWork
from bot.storage.writer import AnswerWrite, AnswerWriter, WriteStatus

log = logging.getLogger(__name__)

PRACTICE_MINUTES = 60
RECENT_TOPICS_AVOIDED = 2
RECENT_PRACTICE_AVOIDED = 20
LEADERBOARD_SIZE = 10

_WRITE_STATUS = {
    WriteStatus.RECORDED: AnswerStatus.RECORDED,
    WriteStatus.DUPLICATE: AnswerStatus.ALREADY_ANSWERED,
    WriteStatus.CLOSED: AnswerStatus.CLOSED,
}


class UnknownTopicError(LookupError):
    def __init__(self, query: str, topics: list[Topic]) -> None:
        super().__init__(query)
        self.query = query
        self.topics = topics


class QuizService:
    def __init__(
        self,
        *,
        uow: Callable[..., UnitOfWork],
        writer: AnswerWriter,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._writer = writer
        self._clock = clock
        # The bank changes only when it is synced, so answering a click reads no question.
        self._questions: dict[str, Question] = {}
        self._topics: dict[str, Topic] | None = None
        # A missed date stays missed until the next round; say so once per process.
        self._missed_reported: set[tuple[int, date]] = set()

    # -- teams, members, bank -------------------------------------------------------------

    async def sync_bank(self, bank: Bank) -> tuple[int, int, int]:
        """Store the bank: (added, changed, retired)."""
        async with self._uow(write=True) as uow:
            counts = await uow.questions.sync(bank, now=self._clock.now())
            await uow.commit()
        self._questions.clear()
        self._topics = None
        return counts

    async def team(
        self,
        *,
        platform: str,
        external_id: str,
        name: str = "",
        language: str = "ja",
        schedule: TeamSchedule | None = None,
    ) -> TeamInfo:
        """The team for a server or workspace, created with these defaults on first use."""
        async with self._uow() as uow:
            found = await uow.teams.find(platform=platform, external_id=external_id)
        if found is not None:
            return found
        async with self._uow(write=True) as uow:
            team = await uow.teams.get_or_create(
                platform=platform,
                external_id=external_id,
                name=name,
                language=language,
                schedule=schedule or TeamSchedule(),
                now=self._clock.now(),
            )
            await uow.commit()
        return team

    async def find_team(self, *, platform: str, external_id: str) -> TeamInfo | None:
        """The team for a server or workspace if the bot has seen it, without creating it."""
        async with self._uow() as uow:
            return await uow.teams.find(platform=platform, external_id=external_id)

    async def teams(self, platform: str) -> list[TeamInfo]:
        """Every team on a chat platform, paused or not (a paused team still gets reveals)."""
        async with self._uow() as uow:
            return await uow.teams.of_platform(platform)

    async def configure(
        self,
        team_id: int,
        *,
        channel: str | None = None,
        schedule: TeamSchedule | None = None,
        language: str | None = None,
        paused: bool | None = None,
    ) -> TeamInfo:
        async with self._uow(write=True) as uow:
            await uow.teams.update(
                team_id, channel=channel, schedule=schedule, language=language, paused=paused
            )
            team = await uow.teams.get(team_id)
            await uow.commit()
        if team is None:
            raise LookupError(f"no team {team_id}")
        return team

    async def member(self, team: TeamInfo, *, external_id: str, name: str) -> MemberInfo:
        async with self._uow() as uow:
            found = await uow.members.find(team_id=team.id, external_id=external_id)
        if found is not None and found.name == name:
            return found
        async with self._uow(write=True) as uow:
            member = await uow.members.get_or_create(
                team_id=team.id, external_id=external_id, name=name, now=self._clock.now()
            )
            await uow.commit()
        return member

    async def forget_member(self, team: TeamInfo, *, external_id: str) -> bool:
        """Delete everything stored about a member; False if there was nothing."""
        async with self._uow(write=True) as uow:
            member = await uow.members.find(team_id=team.id, external_id=external_id)
            if member is None:
                return False
            await uow.members.delete(member.id)
            await uow.commit()
        return True

    async def topics(self) -> list[Topic]:
        async with self._uow() as uow:
            return await uow.questions.topics()

    # -- the daily round ------------------------------------------------------------------

    async def post_daily(
        self, team: TeamInfo, *, for_date: date | None = None
    ) -> QuestionCard | None:
        """Open the daily round for a date (today by default); None if it already exists.

        The round is stored before anything is sent; delivery goes through `outbox`, so a
        crash between the two posts it once on the next run, never twice.
        """
        if team.channel is None:
            return None
        now = self._clock.now()
        day = for_date or policy.local_date(now, team.schedule.timezone)
        seed = f"{team.id}:{day.isoformat()}"
        async with self._uow(write=True) as uow:
            questions = await uow.questions.active(team.id)
            question = choose_daily(
                questions,
                last_asked=await uow.rounds.daily_history(team.id),
                recent_topics=await uow.rounds.recent_daily_topics(
                    team.id, limit=RECENT_TOPICS_AVOIDED
                ),
                seed=seed,
            )
            if question is None:
                log.warning("team %s: the bank has no active question to post", team.id)
                return None
            opened = await uow.rounds.open_daily(
                team_id=team.id,
                channel=team.channel,
                question_id=question.id,
                local_date=day,
                opened_at=now,
                # A late post keeps the date's window; an early one gets a full window.
                closes_at=policy.close_at(
                    min(now, policy.daily_post_at(day, team.schedule)), team.schedule
                ),
                choice_seed=round_seed(seed),
            )
            if opened is None:
                return None
            card = await self._card(uow, opened)
            await uow.commit()
        return card

    async def close_round(self, round_id: int) -> bool:
        """Close a round now; streaks move when a daily round closes. False if already closed."""
        async with self._uow(write=True) as uow:
            round_ = await uow.rounds.get(round_id)
            if round_ is None or not await uow.rounds.close(round_id, now=self._clock.now()):
                return False
            if round_.kind is RoundKind.DAILY:
                assert round_.local_date is not None
                question = await self._question(uow, round_.question_id)
                answers = {a.member_id: a.correct for a in await uow.rounds.answers(round_id)}
                # Scores reach the leaderboard only now, so nothing shows before the reveal.
                await uow.stats.add_tallies(
                    [
                        Tally(
                            team_id=round_.team_id,
                            member_id=member_id,
                            topic_id=question.topic,
                            day=round_.local_date,
                            correct=correct,
                            points=points(correct=correct),
                        )
                        for member_id, correct in answers.items()
                    ]
                )
                members = await uow.members.of_team(round_.team_id)
                await uow.members.set_streaks(
                    {
                        m.id: advance_streak(
                            m.streak, answered=m.id in answers, correct=answers.get(m.id, False)
                        )
                        for m in members
                    }
                )
            else:
                await uow.rounds.mark_revealed(round_id, now=self._clock.now())
            await uow.commit()
        return True

    async def current_daily(self, team: TeamInfo) -> QuestionCard | None:
        """Today's daily question while its round is open."""
        async with self._uow() as uow:
            latest = await uow.rounds.latest_daily(team.id)
            if latest is None or not latest.is_open:
                return None
            return await self._card(uow, latest)

    async def latest_activity(self, team: TeamInfo) -> datetime | None:
        """When the team's latest daily round opened, to keep a moved clock monotonic."""
        async with self._uow() as uow:
            latest = await uow.rounds.latest_daily(team.id)
        return None if latest is None else latest.opened_at

    async def run_due(self) -> list[str]:
        """Do everything that is due for every team: closes, daily posts, weekly posts.

        Returns log lines for what was skipped. What should be sent is read with `outbox`.
        """
        now = self._clock.now()
        notes: list[str] = []
        async with self._uow() as uow:
            due = await uow.rounds.due_to_close(now)
            teams = await uow.teams.scheduled()
        for round_ in due:
            await self.close_round(round_.id)
        for team in teams:
            async with self._uow() as uow:
                latest = await uow.rounds.latest_daily(team.id)
                last_week = await uow.stats.last_weekly(team.id)
            decision = policy.daily_decision(
                now, team.schedule, latest.local_date if latest else None
            )
            for day in decision.missed:
                if (team.id, day) not in self._missed_reported:
                    self._missed_reported.add((team.id, day))
                    notes.append(f"team {team.id}: no daily question for {day}: its window passed")
            if decision.post_for is not None:
                await self.post_daily(team, for_date=decision.post_for)
            week = policy.weekly_post_due(now, team.schedule, last_week)
            if week is not None:
                await self._claim_weekly(team, week)
        for note in notes:
            log.info(note)
        return notes

    async def _claim_weekly(self, team: TeamInfo, week: date) -> None:
        now = self._clock.now()
        async with self._uow(write=True) as uow:
            if await uow.stats.claim_weekly(team.id, week, now=now):
                played = await uow.stats.leaderboard(
                    team.id, start=week, end=week + timedelta(days=7)
                )
                if not played:
                    # A week nobody played has nothing to announce: settle it quietly.
                    await uow.stats.mark_weekly_posted(team.id, week, message_ref=None, now=now)
            await uow.commit()

    async def next_due(self) -> datetime | None:
        """The next instant at which `run_due` has something to do."""
        async with self._uow() as uow:
            teams = await uow.teams.scheduled()
        moments = [await self.next_post(team) for team in teams]
        close = await self.next_close()
        return min([m for m in [close, *moments] if m is not None], default=None)

    async def next_post(self, team: TeamInfo) -> datetime | None:
        """A team's next daily or weekly post, in its own time zone; None while paused."""
        if team.paused or team.channel is None:
            return None
        now = self._clock.now()
        async with self._uow() as uow:
            latest = await uow.rounds.latest_daily(team.id)
        return min(
            policy.next_daily_post(now, team.schedule, latest.local_date if latest else None),
            policy.next_weekly_post(now, team.schedule),
        )

    async def next_close(self) -> datetime | None:
        """When the next open round (any team, daily or practice) closes."""
        async with self._uow() as uow:
            return await uow.rounds.next_close()

    async def outbox(self, team: TeamInfo) -> Outbox:
        """What the team's channel should be sent now: unsent posts, reveals and weekly posts."""
        events: list[tuple[datetime, Event]] = []
        async with self._uow() as uow:
            for round_ in await uow.rounds.unrevealed(team.id):
                assert round_.closed_at is not None
                events.append((round_.closed_at, RevealEvent(await self._reveal(uow, round_))))
            for round_ in await uow.rounds.unposted(team.id):
                events.append((round_.opened_at, PostEvent(await self._card(uow, round_))))
            for week, created in await uow.stats.unposted_weekly(team.id):
                events.append((created, WeeklyEvent(await self._weekly(uow, team, week))))
        events.sort(key=lambda pair: pair[0])
        return Outbox(team=team, events=tuple(e for _, e in events), at=self._clock.now())

    async def delivered(self, event: Event, *, message_ref: str | None = None) -> None:
        """Record that an outbox event reached the channel, so it is never sent again."""
        now = self._clock.now()
        async with self._uow(write=True) as uow:
            if isinstance(event, PostEvent):
                await uow.rounds.mark_posted(event.card.round.id, message_ref=message_ref, now=now)
            elif isinstance(event, RevealEvent):
                await uow.rounds.mark_revealed(event.reveal.card.round.id, now=now)
            else:
                await uow.stats.mark_weekly_posted(
                    event.weekly.team.id, event.weekly.week_start, message_ref=message_ref, now=now
                )
            await uow.commit()

    # -- answering ------------------------------------------------------------------------

    async def answer(self, *, round_id: int, member: MemberInfo, response: str) -> AnswerReceipt:
        """Record a member's answer. The first answer counts; a closed round takes none.

        This is the hot path (everyone clicks at once): one indexed read, then the writer.
        """
        now = self._clock.now()
        async with self._uow() as uow:
            round_ = await uow.rounds.get(round_id)
            if round_ is None:
                return AnswerReceipt(status=AnswerStatus.NO_ROUND)
            # Letters name choices in the order this round shows them.
            question = await self._shown(uow, round_)
            team = None if round_.kind is RoundKind.DAILY else await uow.teams.get(round_.team_id)
        if not round_.is_open or now >= round_.closes_at:
            return AnswerReceipt(status=AnswerStatus.CLOSED, round=round_, question=question)
        stored = canonical_response(question, response)
        if stored is None:
            return AnswerReceipt(
                status=AnswerStatus.INVALID, round=round_, question=question, response=response
            )
        correct = is_correct(question, response)
        practice = None
        if team is not None:
            practice = Tally(
                team_id=round_.team_id,
                member_id=member.id,
                topic_id=question.topic,
                day=policy.local_date(now, team.schedule.timezone),
                correct=correct,
                points=None,
            )
        status = _WRITE_STATUS[
            await self._writer.submit(
                AnswerWrite(
                    round_id=round_.id,
                    member_id=member.id,
                    response=stored,
                    correct=correct,
                    answered_at=now,
                    elapsed_ms=max(0, int((now - round_.opened_at).total_seconds() * 1000)),
                    practice=practice,
                )
            )
        ]
        told = practice is not None and status is AnswerStatus.RECORDED
        return AnswerReceipt(
            status=status,
            round=round_,
            question=question,
            correct=correct if told else None,
            response=stored,
        )

    async def answer_count(self, round_id: int) -> int:
        """How many members have answered a round (for a live count on the post)."""
        async with self._uow() as uow:
            return await uow.rounds.answer_count(round_id)

    # -- practice -------------------------------------------------------------------------

    async def practice(
        self, team: TeamInfo, member: MemberInfo, *, channel: str, topic: str | None = None
    ) -> QuestionCard | None:
        """A practice question for one member, on a topic or any. Never on the leaderboard.

        Raises UnknownTopicError (with the topics there are) when the topic matches none.
        None means the bank has no question on that topic.
        """
        now = self._clock.now()
        seed = f"{member.id}:{now.isoformat()}"
        async with self._uow(write=True) as uow:
            topic_id = None
            if topic:
                topics = await uow.questions.topics()
                topic_id = find_topic(
                    topic, [(t.id, t.name, (t.name_en, *t.aliases)) for t in topics]
                )
                if topic_id is None:
                    raise UnknownTopicError(topic, topics)
            question = choose_practice(
                await uow.questions.active(team.id),
                topic=topic_id,
                recently_seen=await uow.rounds.recent_practice(
                    member.id, limit=RECENT_PRACTICE_AVOIDED
                ),
                seed=seed,
            )
            if question is None:
                return None
            round_ = await uow.rounds.open_practice(
                team_id=team.id,
                channel=channel,
                question_id=question.id,
                owner_member_id=member.id,
                opened_at=now,
                closes_at=now + timedelta(minutes=PRACTICE_MINUTES),
                choice_seed=round_seed(seed),
            )
            card = await self._card(uow, round_)
            await uow.commit()
        return card

    # -- standings ------------------------------------------------------------------------

    async def leaderboard(
        self, team: TeamInfo, *, period: Period, member: MemberInfo | None = None
    ) -> LeaderboardView:
        start, end = window(period, self._clock.now(), team.schedule)
        async with self._uow() as uow:
            ranked = rank(await uow.stats.leaderboard(team.id, start=start, end=end))
        me = next((r for r in ranked if member and r.tally.member_id == member.id), None)
        return LeaderboardView(
            period=period, start=start, end=end, entries=tuple(ranked[:LEADERBOARD_SIZE]), me=me
        )

    async def weak_spots(self, team: TeamInfo, *, member: MemberInfo | None) -> WeakSpotsView:
        today = policy.local_date(self._clock.now(), team.schedule.timezone)
        this_week = policy.week_start(today, team.schedule.weekly_day)
        member_id = member.id if member else None
        async with self._uow() as uow:
            overall = await uow.stats.topic_tallies(team.id, member_id=member_id)
            recent = await uow.stats.topic_tallies(team.id, member_id=member_id, start=this_week)
            previous = await uow.stats.topic_tallies(
                team.id, member_id=member_id, start=this_week - timedelta(days=7), end=this_week
            )
            topics = {t.id: t for t in await uow.questions.topics()}
        spots = weak_spots(overall, recent, previous)
        return WeakSpotsView(
            member=member,
            spots=tuple(
                TopicSpot(spot=s, topic=topics.get(s.topic, Topic(id=s.topic, name=s.topic)))
                for s in spots
            ),
            attempts=sum(t.attempts for t in overall),
        )

    async def stats(self, team: TeamInfo, member: MemberInfo) -> StatsView:
        end = policy.local_date(self._clock.now(), team.schedule.timezone) + timedelta(days=1)
        async with self._uow() as uow:
            ranked = rank(await uow.stats.leaderboard(team.id, start=None, end=end))
            tallies = await uow.stats.topic_tallies(team.id, member_id=member.id)
            fresh = await uow.members.find(team_id=team.id, external_id=member.external_id)
        mine = next((r for r in ranked if r.tally.member_id == member.id), None)
        daily_answered = mine.tally.answered if mine else 0
        daily_correct = mine.tally.correct if mine else 0
        return StatsView(
            member=fresh or member,
            daily_answered=daily_answered,
            daily_correct=daily_correct,
            points=mine.tally.points if mine else 0,
            rank=mine.rank if mine else None,
            practice_answered=sum(t.attempts for t in tallies) - daily_answered,
            practice_correct=sum(t.correct for t in tallies) - daily_correct,
            streak=(fresh or member).streak,
        )

    # -- helpers --------------------------------------------------------------------------

    async def _question(self, uow: UnitOfWork, question_id: str) -> Question:
        question = self._questions.get(question_id)
        if question is None:
            question = await uow.questions.get(question_id)
            assert question is not None, "rounds always point at a stored question"
            self._questions[question_id] = question
        return question

    async def _topic(self, uow: UnitOfWork, topic_id: str) -> Topic:
        if self._topics is None:
            self._topics = {t.id: t for t in await uow.questions.topics()}
        return self._topics.get(topic_id) or Topic(id=topic_id, name=topic_id)

    async def _shown(self, uow: UnitOfWork, round_: RoundInfo) -> Question:
        """The round's question as its members see it: choices in the round's own order."""
        return as_shown(await self._question(uow, round_.question_id), round_.choice_seed)

    async def _card(self, uow: UnitOfWork, round_: RoundInfo) -> QuestionCard:
        question = await self._shown(uow, round_)
        return QuestionCard(
            round=round_,
            question=question,
            topic=await self._topic(uow, question.topic),
            answers=await uow.rounds.answer_count(round_.id),
        )

    async def _reveal(self, uow: UnitOfWork, round_: RoundInfo) -> Reveal:
        card = await self._card(uow, round_)
        answers = await uow.rounds.answers(round_.id)
        first = next((a.member_name for a in answers if a.correct), None)
        counts: tuple[int, ...] = ()
        if card.question.kind is QuestionKind.CHOICE:
            tally = Counter(choice_index(card.question, a.response) for a in answers)
            counts = tuple(tally.get(i, 0) for i in range(len(card.question.choices)))
        return Reveal(
            card=card,
            answered=len(answers),
            correct=sum(a.correct for a in answers),
            first_correct=first,
            choice_counts=counts,
        )

    async def _weekly(self, uow: UnitOfWork, team: TeamInfo, week: date) -> WeeklyView:
        end = week + timedelta(days=7)
        this = await uow.stats.leaderboard(team.id, start=week, end=end)
        before = await uow.stats.leaderboard(team.id, start=week - timedelta(days=7), end=week)
        topics = {t.id: t for t in await uow.questions.topics()}
        spots = weak_spots(
            await uow.stats.topic_tallies(team.id, end=end),
            await uow.stats.topic_tallies(team.id, start=week, end=end),
            await uow.stats.topic_tallies(team.id, start=week - timedelta(days=7), end=week),
            limit=3,
        )
        return WeeklyView(
            team=team,
            week_start=week,
            entries=tuple(rank(this)[:LEADERBOARD_SIZE]),
            weakest=tuple(
                TopicSpot(spot=s, topic=topics.get(s.topic, Topic(id=s.topic, name=s.topic)))
                for s in spots
            ),
            most_improved=most_improved(this, before),
        )
