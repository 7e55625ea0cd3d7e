"""A terminal that plays one team channel, on the same services as the chat adapters."""

from __future__ import annotations

import asyncio
import shlex
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import TextIO

from bot.chat.console import _render as render
from bot.chat.messages import say
from bot.core.leaderboard import parse_period
from bot.core.model import MemberInfo, TeamInfo, TeamSchedule
from bot.core.parsing import InputError, parse_duration, parse_time, parse_timezone, parse_weekday
from bot.core.schedule import next_daily_post
from bot.services.clock import ManualClock
from bot.services.content import ContentService
from bot.services.quiz import QuizService, UnknownTopicError
from bot.services.views import AnswerStatus, PostEvent, RevealEvent, WeeklyEvent

CHANNEL = "console"

HELP = {
    "ja": """コマンド:
  A / B / C / D または答えの文字   表示中の問題に回答
  /quiz [トピック]       練習問題 (ランキングには影響しません)
  /quiz today            今日の問題をもう一度表示
  /leaderboard [week|7d|all]   ランキング
  /weakspots [team]      苦手トピック (自分 / チーム)
  /stats                 自分の成績
  /as 名前               発言するメンバーを切り替え
  /advance 1d|2h|30m     時計を進める (投稿・締め切り・週間ランキングが起きる)
  /time                  現在時刻 (チームのタイムゾーン)
  /post-now /reveal-now  今日の問題を今すぐ投稿 / 今すぐ締め切り
  /setup time=09:00 timezone=Asia/Tokyo close_after=12h weekly=mon@09:00
  /report [理由]          直前に答えが表示された問題を報告
  /reported [keep|remove N]   報告された問題 (管理者)
  /settings /pause /resume /lang ja|en /forget-me /topics /help /quit""",
    "en": """Commands:
  A / B / C / D or the answer text   answer the question on screen
  /quiz [topic]          a practice question (never moves the leaderboard)
  /quiz today            show today's question again
  /leaderboard [week|7d|all]
  /weakspots [team]      weak topics (yours / the team's)
  /stats                 your totals and streaks
  /as NAME               speak as another member
  /advance 1d|2h|30m     move the clock (posts, closes and weekly posts happen)
  /time                  the time in the team's time zone
  /post-now /reveal-now  post today's question now / close it now
  /setup time=09:00 timezone=Asia/Tokyo close_after=12h weekly=mon@09:00
  /report [reason]       report a problem with the question whose answer was shown last
  /reported [keep|remove N]   reported questions (admin)
  /settings /pause /resume /lang ja|en /forget-me /topics /help /quit""",
}


class Console:
    def __init__(
        self,
        quiz: QuizService,
        clock: ManualClock,
        out: TextIO,
        *,
        language: str,
        notes_url: str | None = None,
        content: ContentService | None = None,
    ) -> None:
        self._quiz = quiz
        self._content = content
        self._last_question: str | None = None
        """The question shown or revealed last: what /report reports."""
        self._notes_url = notes_url
        self._clock = clock
        self._out = out
        self._lang = language
        self._team: TeamInfo | None = None
        self._member: MemberInfo | None = None
        self._practice: dict[int, int] = {}
        """Each member's open practice round: plain text answers it before the daily one."""
        self._commands: dict[str, Callable[[list[str]], Awaitable[None]]] = {
            "quiz": self._cmd_quiz,
            "leaderboard": self._cmd_leaderboard,
            "weakspots": self._cmd_weakspots,
            "stats": self._cmd_stats,
            "as": self._cmd_as,
            "advance": self._cmd_advance,
            "time": self._cmd_time,
            "post-now": self._cmd_post_now,
            "reveal-now": self._cmd_reveal_now,
            "setup": self._cmd_setup,
            "settings": self._cmd_settings,
            "pause": self._cmd_pause,
            "resume": self._cmd_resume,
            "lang": self._cmd_lang,
            "forget-me": self._cmd_forget,
            "topics": self._cmd_topics,
            "report": self._cmd_report,
            "reported": self._cmd_reported,
            "help": self._cmd_help,
        }

    @property
    def team(self) -> TeamInfo:
        assert self._team is not None, "start() first"
        return self._team

    @property
    def member(self) -> MemberInfo:
        assert self._member is not None, "start() first"
        return self._member

    def say(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    async def start(self, *, member: str, schedule: TeamSchedule) -> None:
        team = await self._quiz.team(
            platform="console",
            external_id=CHANNEL,
            name="console",
            language=self._lang,
            schedule=schedule,
        )
        if team.channel is None:
            team = await self._quiz.configure(team.id, channel=CHANNEL)
        self._team = team
        latest = await self._quiz.latest_activity(team)
        if latest is not None and latest > self._clock.now():
            # An earlier session fast-forwarded: carry on from where it left off.
            self._clock.set(latest)
        self._member = await self._quiz.member(team, external_id=member.casefold(), name=member)
        self.say(
            "studybot console — /help でコマンド一覧 (/help for commands)"
            if self._lang == "ja"
            else "studybot console — /help for commands"
        )
        await self._deliver()
        if await self._quiz.current_daily(team) is None:
            self._say_next_daily()

    def _say_next_daily(self) -> None:
        nxt = next_daily_post(self._clock.now(), self.team.schedule, None)
        self.say(
            say(self._lang, "no_daily", next=render.local(nxt, self.team))
            + ("  /advance で時計を進められます。" if self._lang == "ja" else "  Try /advance.")
        )

    async def run(self, lines: AsyncIterator[str], *, echo: bool) -> None:
        async for raw in lines:
            line = raw.strip()
            if not line:
                continue
            if echo:
                self.say(f"{self.prompt()}{line}")
            if line in {"/quit", "/exit"}:
                break
            await self.handle(line)

    def prompt(self) -> str:
        return f"[{render.local(self._clock.now(), self.team)}] {self.member.name}> "

    async def handle(self, line: str) -> None:
        """One line from the user: a command or an answer, then whatever became due."""
        try:
            if line.startswith("/"):
                name, *args = shlex.split(line[1:]) or [""]
                handler = self._commands.get(name.lower())
                if handler is None:
                    self.say(f"? /{name}\n{HELP[self._lang]}")
                else:
                    await handler(args)
            else:
                await self._answer(line)
        except InputError as error:
            self.say(f"⚠ {error}")
        except ValueError as error:  # shlex: unbalanced quotes
            self.say(f"⚠ {error}")
        await self._deliver()

    async def _deliver(self) -> None:
        for note in await self._quiz.run_due():
            self.say(f"· {note}")
        outbox = await self._quiz.outbox(self.team)
        for event in outbox.events:
            if isinstance(event, PostEvent):
                self.say(render.card(event.card, self.team, self._lang))
            elif isinstance(event, RevealEvent):
                self._last_question = event.reveal.card.question.id
                self.say(render.reveal(event.reveal, self._lang, self._notes_url))
            elif isinstance(event, WeeklyEvent):
                self.say(render.weekly(event.weekly, self._lang))
            await self._quiz.delivered(event, message_ref=None)

    async def _answer(self, text: str) -> None:
        round_id = self._practice.get(self.member.id)
        if round_id is None:
            daily = await self._quiz.current_daily(self.team)
            if daily is None:
                self.say(say(self._lang, "no_round"))
                return
            round_id = daily.round.id
        receipt = await self._quiz.answer(round_id=round_id, member=self.member, response=text)
        if receipt.status is not AnswerStatus.INVALID:
            self._practice.pop(self.member.id, None)
        if receipt.question is not None and receipt.correct is not None:
            self._last_question = receipt.question.id  # a practice answer shows its answer
        self.say(render.receipt(receipt, self.member.name, self._lang, self._notes_url))

    async def _cmd_quiz(self, args: list[str]) -> None:
        if args and args[0].lower() in {"today", "今日"}:
            daily = await self._quiz.current_daily(self.team)
            if daily is None:
                self._say_next_daily()
            else:
                self.say(render.card(daily, self.team, self._lang))
            return
        try:
            card = await self._quiz.practice(
                self.team, self.member, channel=CHANNEL, topic=" ".join(args) or None
            )
        except UnknownTopicError as error:
            names = ", ".join(t.id for t in error.topics)
            self.say(say(self._lang, "unknown_topic", query=error.query, topics=names))
            return
        if card is None:
            self.say(say(self._lang, "no_question"))
            return
        self._practice[self.member.id] = card.round.id
        self.say(render.card(card, self.team, self._lang))

    async def _cmd_report(self, args: list[str]) -> None:
        ja = self._lang == "ja"
        if self._content is None or self._last_question is None:
            self.say(
                "報告できる問題がまだありません (答えが表示された問題を報告できます)。"
                if ja
                else "Nothing to report yet: you can report a question once its answer is shown."
            )
            return
        receipt = await self._content.report(
            self.team, self.member, self._last_question, reason=" ".join(args)
        )
        if not receipt.recorded:
            self.say("この問題はすでに報告済みです。" if ja else "You already reported this one.")
        elif receipt.held:
            self.say(
                "報告しました。複数の報告があったため、管理者が確認するまで出題を止めます。"
                if ja
                else "Reported. With several reports it is out of rotation until an admin looks."
            )
        else:
            self.say("報告しました。ありがとう！" if ja else "Reported, thank you.")

    async def _cmd_reported(self, args: list[str]) -> None:
        """/reported lists reported questions; /reported keep|remove N decides one."""
        if self._content is None:
            return
        ja = self._lang == "ja"
        flagged = await self._content.reported(self.team)
        if args:
            if len(args) != 2 or args[0] not in {"keep", "remove"} or not args[1].isdecimal():
                raise InputError("/reported keep N or /reported remove N")
            index = int(args[1]) - 1
            if not 0 <= index < len(flagged):
                raise InputError(f"/reported lists {len(flagged)} question(s)")
            question = flagged[index].question
            await self._content.resolve(self.team, question.id, keep=args[0] == "keep")
            kept = args[0] == "keep"
            self.say(
                (
                    f"{question.id}: 出題に戻しました。"
                    if kept
                    else f"{question.id}: 出題から外しました。"
                )
                if ja
                else f"{question.id}: {'back in rotation' if kept else 'removed from rotation'}."
            )
            return
        if not flagged:
            self.say("報告された問題はありません。" if ja else "No reported questions.")
            return
        for number, item in enumerate(flagged, start=1):
            held = ("出題停止中" if ja else "held") if item.held else ""
            reasons = " / ".join(item.reasons)
            self.say(f"{number}. {item.question.id} ×{item.reports} {held} {reasons}".rstrip())
        self.say("/reported keep N  /reported remove N")

    async def _cmd_leaderboard(self, args: list[str]) -> None:
        period = parse_period(args[0] if args else None)
        if period is None:
            raise InputError("use /leaderboard week, /leaderboard 7d or /leaderboard all")
        view = await self._quiz.leaderboard(self.team, period=period, member=self.member)
        self.say(render.leaderboard(view, self._lang))

    async def _cmd_weakspots(self, args: list[str]) -> None:
        team_wide = bool(args) and args[0].lower() in {"team", "チーム"}
        view = await self._quiz.weak_spots(self.team, member=None if team_wide else self.member)
        self.say(render.weak_spots(view, self._lang))

    async def _cmd_stats(self, _args: list[str]) -> None:
        self.say(render.stats(await self._quiz.stats(self.team, self.member), self._lang))

    async def _cmd_as(self, args: list[str]) -> None:
        if not args:
            raise InputError("/as NAME — e.g. /as alice")
        name = " ".join(args)
        self._member = await self._quiz.member(self.team, external_id=name.casefold(), name=name)
        self.say(f"→ {name}")

    async def _cmd_advance(self, args: list[str]) -> None:
        if not args:
            raise InputError("/advance takes a duration, e.g. /advance 1d or /advance 2h")
        target = self._clock.now() + parse_duration(" ".join(args))
        while (moment := await self._quiz.next_due()) is not None and moment <= target:
            self._clock.set(moment)
            await self._deliver()
        self._clock.set(target)
        self.say(f"⏩ {render.local(target, self.team, '%Y-%m-%d %H:%M %Z')}")

    async def _cmd_time(self, _args: list[str]) -> None:
        self.say(render.local(self._clock.now(), self.team, "%Y-%m-%d %H:%M %Z (%A)"))

    async def _cmd_post_now(self, _args: list[str]) -> None:
        if await self._quiz.post_daily(self.team) is None:
            self.say(
                "今日の問題は投稿済みです。"
                if self._lang == "ja"
                else "Today's question has already been posted."
            )

    async def _cmd_reveal_now(self, _args: list[str]) -> None:
        daily = await self._quiz.current_daily(self.team)
        if daily is None or not await self._quiz.close_round(daily.round.id):
            self.say(
                "締め切る問題はありません。" if self._lang == "ja" else "No open round to close."
            )

    async def _cmd_setup(self, args: list[str]) -> None:
        schedule = self.team.schedule
        for arg in args:
            key, _, value = arg.partition("=")
            if key == "time":
                schedule = replace(schedule, daily_time=parse_time(value))
            elif key in {"timezone", "tz"}:
                schedule = replace(schedule, timezone=parse_timezone(value))
            elif key == "close_after":
                minutes = int(parse_duration(value) / timedelta(minutes=1))
                if not 5 <= minutes <= 24 * 60:
                    raise InputError("close_after must be between 5m and 24h")
                schedule = replace(schedule, close_after_minutes=minutes)
            elif key == "weekly":
                day, _, at = value.partition("@")
                schedule = replace(
                    schedule, weekly_day=parse_weekday(day), weekly_time=parse_time(at or "09:00")
                )
            else:
                raise InputError(
                    f"unknown setting '{key}': use time=, timezone=, close_after= or weekly="
                )
        self._team = await self._quiz.configure(self.team.id, schedule=schedule)
        await self._cmd_settings([])

    async def _cmd_settings(self, _args: list[str]) -> None:
        self.say(render.settings(self.team))

    async def _cmd_pause(self, _args: list[str]) -> None:
        self._team = await self._quiz.configure(self.team.id, paused=True)
        await self._cmd_settings([])

    async def _cmd_resume(self, _args: list[str]) -> None:
        self._team = await self._quiz.configure(self.team.id, paused=False)
        await self._cmd_settings([])

    async def _cmd_lang(self, args: list[str]) -> None:
        if not args or args[0] not in {"ja", "en"}:
            raise InputError("/lang ja or /lang en")
        self._lang = args[0]
        self._team = await self._quiz.configure(self.team.id, language=self._lang)
        self.say(f"→ {self._lang}")

    async def _cmd_forget(self, _args: list[str]) -> None:
        forgotten = await self._quiz.forget_member(self.team, external_id=self.member.external_id)
        self.say(render.forgotten(self._lang, self.member.name, forgotten))
        self._member = await self._quiz.member(
            self.team, external_id=self.member.external_id, name=self.member.name
        )

    async def _cmd_topics(self, _args: list[str]) -> None:
        topics = await self._quiz.topics()
        self.say("\n".join(f"{t.id:<20} {t.name}" for t in topics))

    async def _cmd_help(self, _args: list[str]) -> None:
        self.say(HELP[self._lang])


async def stdin_lines(stream: TextIO = sys.stdin) -> AsyncIterator[str]:
    """Lines from stdin without blocking the event loop (the scheduler keeps running)."""
    while True:
        line = await asyncio.to_thread(stream.readline)
        if not line:
            return
        yield line


async def prompt_lines(console: Console) -> AsyncIterator[str]:
    """Interactive input with a prompt that shows the clock and the speaker."""
    while True:
        try:
            line = await asyncio.to_thread(input, console.prompt())
        except EOFError:
            return
        yield line
