"""When things happen and how they reach Discord.

APScheduler holds one job per team (its next daily or weekly post, computed by the core in the
team's own time zone) and one for the next close. A job runs everything due, then delivers each
team's outbox: posts, reveals and weekly posts are stored before they are sent and marked after,
and each send carries a nonce Discord deduplicates on, so a crash or an outage in between posts
nothing twice. What cannot be sent now is retried with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.chat.discord import _render as render
from bot.core.model import TeamInfo
from bot.services.clock import Clock
from bot.services.quiz import QuizService
from bot.services.views import Event, PostEvent, RevealEvent, WeeklyEvent

log = logging.getLogger(__name__)

PLATFORM = "discord"
CLOSE_JOB = "close"
RETRY_FIRST = timedelta(seconds=15)
RETRY_MAX = timedelta(minutes=15)
RECOVER = timedelta(seconds=60)
STOP_GRACE = 5.0
LIVE_COUNT_DELAY = 2.0
"""Seconds to gather clicks before the live count on a post is edited (edits are rate limited)."""

SEND_ERRORS = (discord.HTTPException, aiohttp.ClientError, asyncio.TimeoutError)


def message_ref(message: discord.Message) -> str:
    return f"{message.channel.id}/{message.id}"


def parse_ref(ref: str | None) -> tuple[int, int] | None:
    if not ref or "/" not in ref:
        return None
    channel, message = ref.split("/", 1)
    return int(channel), int(message)


class Courier:
    def __init__(
        self,
        client: discord.Client,
        quiz: QuizService,
        clock: Clock,
        *,
        notes_url: str | None = None,
    ) -> None:
        self._client = client
        self._quiz = quiz
        self._clock = clock
        self._notes_url = notes_url
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._lock = asyncio.Lock()
        self._failures: dict[int, int] = {}
        self._live: dict[int, asyncio.Task[None]] = {}
        self._dirty: set[int] = set()
        self._stopping = False

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Start the scheduler and, right away, catch up on whatever came due while down."""
        self.scheduler.start()
        self.scheduler.add_job(self.run, id="startup", misfire_grace_time=None)

    async def stop(self) -> None:
        """Stop scheduling. A run or delivery under way gets a few seconds to finish first:
        cutting one off in the middle of a transaction would only make it redo the work."""
        self._stopping = True
        acquired = False
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(STOP_GRACE):
                acquired = await self._lock.acquire()
        try:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=False)
            live = list(self._live.values())
            for task in live:
                task.cancel()
            await asyncio.gather(*live, return_exceptions=True)
        finally:
            if acquired:
                self._lock.release()

    # -- scheduling -----------------------------------------------------------------------

    def _at(self, moment: datetime) -> datetime:
        """The scheduler's wall-clock time for a moment on the bot's clock (they differ only
        when a test drives the clock by hand)."""
        return datetime.now(UTC) + max(moment - self._clock.now(), timedelta(0))

    def _schedule(self, job_id: str, moment: datetime, timezone: str = "UTC") -> None:
        self.scheduler.add_job(
            self.run,
            DateTrigger(run_date=self._at(moment), timezone=timezone),
            id=job_id,
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def refresh(self) -> None:
        """Rebuild the jobs from the database: after every run and every settings change."""
        async with self._lock:
            if not self._stopping:
                await self._refresh()

    async def _refresh(self) -> None:
        wanted: set[str] = set()
        for team in await self._quiz.teams(PLATFORM):
            moment = await self._quiz.next_post(team)
            if moment is not None:
                job_id = f"team-{team.id}"
                wanted.add(job_id)
                self._schedule(job_id, moment, team.schedule.timezone)
        close = await self._quiz.next_close()
        if close is not None:
            wanted.add(CLOSE_JOB)
            self._schedule(CLOSE_JOB, close)
        for job in self.scheduler.get_jobs():
            if job.id.startswith(("team-", CLOSE_JOB)) and job.id not in wanted:
                job.remove()

    def jobs(self) -> dict[str, datetime]:
        """Each scheduled job and when it runs (wall-clock)."""
        return {job.id: job.next_run_time for job in self.scheduler.get_jobs()}

    async def run(self) -> None:
        """Do what is due, deliver every team's outbox, and schedule the next run.

        If anything fails (the database is briefly unreachable, say), the whole run is
        tried again shortly: a scheduler that stopped scheduling would post nothing ever again.
        """
        try:
            async with self._lock:
                if self._stopping:
                    return
                await self._quiz.run_due()
                for team in await self._quiz.teams(PLATFORM):
                    await self._deliver(team)
                await self._refresh()
        except Exception:
            log.exception("scheduled run failed; trying again in %ss", RECOVER.seconds)
            self._schedule("recover", self._clock.now() + RECOVER)

    async def deliver(self, team: TeamInfo) -> None:
        """Send one team's outbox now (after an admin command made something due)."""
        async with self._lock:
            if self._stopping:
                return
            await self._deliver(team)
            await self._refresh()

    # -- delivery -------------------------------------------------------------------------

    async def _deliver(self, team: TeamInfo) -> None:
        outbox = await self._quiz.outbox(team)
        for event in outbox.events:
            try:
                ref = await self._send(team, event)
            except SEND_ERRORS as error:
                self._retry_later(team, error)
                return  # keep the order: nothing after a failed event goes first
            await self._quiz.delivered(event, message_ref=ref)
        self._failures.pop(team.id, None)

    def _retry_later(self, team: TeamInfo, error: BaseException) -> None:
        failures = self._failures.get(team.id, 0) + 1
        self._failures[team.id] = failures
        delay = min(RETRY_FIRST * 2 ** (failures - 1), RETRY_MAX)
        log.warning(
            "team %s: could not post to channel %s (%s); retrying in %ss",
            team.id,
            team.channel,
            error,
            int(delay.total_seconds()),
        )
        self._schedule(f"retry-{team.id}", self._clock.now() + delay)

    def _channel(self, channel_id: str, team: TeamInfo) -> discord.PartialMessageable:
        return self._client.get_partial_messageable(
            int(channel_id), guild_id=int(team.external_id), type=discord.ChannelType.text
        )

    async def _send(self, team: TeamInfo, event: Event) -> str | None:
        lang = team.language
        if isinstance(event, PostEvent):
            card = event.card
            channel = self._channel(card.round.channel, team)
            message = await channel.send(
                embed=render.question(card, lang),
                view=render.question_view(card, lang) or discord.utils.MISSING,
                nonce=f"p{card.round.id}",
            )
            return message_ref(message)
        if isinstance(event, RevealEvent):
            reveal = event.reveal
            channel = self._channel(reveal.card.round.channel, team)
            post = await self._close_post(reveal.card.round.message_ref, channel, team, event)
            message = await channel.send(
                embed=render.reveal(reveal, lang, self._notes_url),
                view=render.reveal_view(reveal, lang) or discord.utils.MISSING,
                nonce=f"r{reveal.card.round.id}",
                reference=post.to_reference(fail_if_not_exists=False) if post else None,  # type: ignore[arg-type]
                mention_author=False,
            )
            return message_ref(message)
        assert isinstance(event, WeeklyEvent)
        weekly = event.weekly
        if team.channel is None:
            return None
        channel = self._channel(team.channel, team)
        message = await channel.send(
            embed=render.weekly(weekly, lang),
            nonce=f"w{team.id}-{weekly.week_start:%y%m%d}",
        )
        return message_ref(message)

    async def _close_post(
        self,
        ref: str | None,
        channel: discord.PartialMessageable,
        team: TeamInfo,
        event: RevealEvent,
    ) -> discord.PartialMessage | None:
        """Mark the original post closed (buttons gone). A deleted post is no reason not to
        reveal, so only an outage stops here."""
        parsed = parse_ref(ref)
        if parsed is None:
            return None
        post = channel.get_partial_message(parsed[1])
        try:
            await post.edit(
                embed=render.question(event.reveal.card, team.language),
                view=None,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except (discord.NotFound, discord.Forbidden):
            return None
        return post

    # -- the live answer count ------------------------------------------------------------

    def count_changed(self, team: TeamInfo, round_id: int) -> None:
        """A daily answer was recorded: refresh the count on the post, a few clicks at a time."""
        self._dirty.add(round_id)
        if round_id not in self._live or self._live[round_id].done():
            self._live[round_id] = asyncio.create_task(self._keep_count(team, round_id))

    async def _keep_count(self, team: TeamInfo, round_id: int) -> None:
        while round_id in self._dirty:
            await asyncio.sleep(LIVE_COUNT_DELAY)
            self._dirty.discard(round_id)
            await self._update_count(team, round_id)
        self._live.pop(round_id, None)

    async def _update_count(self, team: TeamInfo, round_id: int) -> None:
        async with self._lock:
            if self._stopping:
                return
            card = await self._quiz.current_daily(team)
            if card is None or card.round.id != round_id:
                return  # closed meanwhile: the reveal has taken over the post
            parsed = parse_ref(card.round.message_ref)
            if parsed is None:
                return
            post = self._channel(str(parsed[0]), team).get_partial_message(parsed[1])
            try:
                await post.edit(
                    embed=render.question(card, team.language),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except SEND_ERRORS as error:
                log.info("round %s: live count not updated (%s)", round_id, error)

    def pending(self) -> list[asyncio.Task[Any]]:
        """Live-count updates still to happen (tests wait for them)."""
        return [task for task in self._live.values() if not task.done()]
