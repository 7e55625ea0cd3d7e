"""Slash commands: members' /quiz, /leaderboard, /weakspots, /stats, /forget-me, and the
admins' /studybot group (schedule, and the team's own content: import, review, reported,
auto-accept). Each parses its options, calls the service, renders the result."""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import timedelta
from functools import cache
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import Choice, locale_str

from bot.chat.discord import _importing as importing
from bot.chat.discord import _render as render
from bot.chat.discord import _review as reviewing
from bot.chat.discord._access import admin_team as _admin
from bot.chat.discord._access import studybot as _bot
from bot.chat.discord._access import team_and_language as _team
from bot.chat.discord._components import ForgetButton
from bot.chat.discord._locale import user_language
from bot.chat.discord._reply import Reply, respond
from bot.chat.formatting import topic_name
from bot.chat.messages import say
from bot.core.leaderboard import Period
from bot.core.parsing import WEEKDAYS, InputError, parse_duration, parse_time, parse_timezone

TODAY = {"today", "今日", "きょう"}
AUTOCOMPLETE_LIMIT = 25
CLOSE_AFTER_MIN = timedelta(minutes=5)
CLOSE_AFTER_MAX = timedelta(hours=24)


# -- member commands ----------------------------------------------------------------------


@app_commands.command(
    name="quiz", description=locale_str("A practice question, or today's question")
)
@app_commands.describe(topic=locale_str("A topic, or 'today' for the question of the day"))
@app_commands.guild_only()
async def quiz(interaction: discord.Interaction[Any], topic: str | None = None) -> None:
    bot = _bot(interaction)
    if topic is not None and topic.strip().casefold() in TODAY:
        await respond(interaction, _today(interaction), ephemeral=False)
    else:
        await respond(interaction, bot.practice(interaction, topic))


async def _today(interaction: discord.Interaction[Any]) -> Reply:
    bot = _bot(interaction)
    team, lang = await _team(interaction)
    card = await bot.quiz.current_daily(team)
    if card is None:
        moment = await bot.quiz.next_post(team)
        if moment is None:
            return Reply(content=say(lang, "not_set_up"), ephemeral=True)
        return Reply(content=say(lang, "no_daily", next=render.stamp(moment)), ephemeral=True)
    return bot.card_reply(card, team.language)


@quiz.autocomplete("topic")
async def _topic_choices(interaction: discord.Interaction[Any], current: str) -> list[Choice[str]]:
    lang = user_language(interaction, None)
    wanted = current.strip().casefold()
    choices = [Choice(name=say(lang, "daily_title", date="").strip() + " (today)", value="today")]
    for topic in await _bot(interaction).quiz.topics():
        label = f"{topic_name(topic, lang)} ({topic.id})"
        names = (topic.id, topic.name, topic.name_en, *topic.aliases)
        if not wanted or any(wanted in name.casefold() for name in names):
            choices.append(Choice(name=label[:100], value=topic.id))
    return choices[:AUTOCOMPLETE_LIMIT]


@app_commands.command(
    name="leaderboard", description=locale_str("The team's standings on daily questions")
)
@app_commands.describe(period=locale_str("This week (default), the last 7 days, or all time"))
@app_commands.choices(
    period=[
        Choice(name=locale_str("this week"), value="week"),
        Choice(name=locale_str("last 7 days"), value="7d"),
        Choice(name=locale_str("all time"), value="all"),
    ]
)
@app_commands.guild_only()
async def leaderboard(interaction: discord.Interaction[Any], period: str = "week") -> None:
    await respond(interaction, _leaderboard(interaction, period), ephemeral=False)


async def _leaderboard(interaction: discord.Interaction[Any], period: str) -> Reply:
    bot = _bot(interaction)
    team, _ = await _team(interaction)
    me = await bot.member_of(team, interaction.user)
    view = await bot.quiz.leaderboard(team, period=Period(period), member=me)
    return Reply(embed=render.leaderboard(view, team.language, me.name))


@app_commands.command(
    name="weakspots", description=locale_str("Weakest topics, and what to practise next")
)
@app_commands.describe(
    member=locale_str("Someone else's weak spots (default: yours)"),
    team=locale_str("The whole team's weak spots"),
)
@app_commands.guild_only()
async def weakspots(
    interaction: discord.Interaction[Any],
    member: discord.Member | None = None,
    team: bool = False,
) -> None:
    await respond(interaction, _weakspots(interaction, member, team=team))


async def _weakspots(
    interaction: discord.Interaction[Any], member: discord.Member | None, *, team: bool
) -> Reply:
    bot = _bot(interaction)
    info, lang = await _team(interaction)
    who = None if team else await bot.member_of(info, member or interaction.user)
    return Reply(embed=render.weak_spots(await bot.quiz.weak_spots(info, member=who), lang))


@app_commands.command(name="stats", description=locale_str("Your totals, accuracy and streaks"))
@app_commands.guild_only()
async def stats(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _stats(interaction))


async def _stats(interaction: discord.Interaction[Any]) -> Reply:
    bot = _bot(interaction)
    team, lang = await _team(interaction)
    me = await bot.member_of(team, interaction.user)
    return Reply(embed=render.stats(await bot.quiz.stats(team, me), lang))


@app_commands.command(
    name="forget-me", description=locale_str("Delete everything studybot stores about you")
)
@app_commands.guild_only()
async def forget_me(interaction: discord.Interaction[Any]) -> None:
    lang = user_language(interaction, None)
    view = discord.ui.View(timeout=None)
    view.add_item(ForgetButton(interaction.user.id, label=say(lang, "forget_confirm_button")))
    await interaction.response.send_message(say(lang, "forget_confirm"), view=view, ephemeral=True)


# -- admin commands -----------------------------------------------------------------------

admin = app_commands.Group(
    name="studybot",
    description=locale_str("Set up and run the daily question (Manage Server)"),
    default_permissions=discord.Permissions(manage_guild=True),
    guild_only=True,
)


@admin.command(
    name="setup", description=locale_str("Choose the channel and time of the daily question")
)
@app_commands.describe(
    channel=locale_str("Where the daily question is posted"),
    time=locale_str("Local time of the daily post, e.g. 09:00"),
    timezone=locale_str("IANA time zone, e.g. Asia/Tokyo"),
    close_after=locale_str("How long a round stays open, e.g. 12h or 90m (default 12h)"),
    weekly_day=locale_str("Day of the weekly leaderboard post (default Monday)"),
    weekly_time=locale_str("Local time of the weekly post (default 09:00)"),
    language=locale_str("The language of the bot's posts"),
)
@app_commands.choices(
    weekly_day=[Choice(name=day.capitalize(), value=i) for i, day in enumerate(WEEKDAYS)]
)
@app_commands.choices(
    language=[Choice(name="日本語", value="ja"), Choice(name="English", value="en")]
)
async def setup(
    interaction: discord.Interaction[Any],
    channel: discord.TextChannel,
    time: str,
    timezone: str,
    close_after: str | None = None,
    weekly_day: int | None = None,
    weekly_time: str | None = None,
    language: str | None = None,
) -> None:
    await respond(
        interaction,
        _setup(
            interaction,
            channel=channel,
            time=time,
            timezone=timezone,
            close_after=close_after,
            weekly_day=weekly_day,
            weekly_time=weekly_time,
            language=language,
        ),
    )


async def _setup(
    interaction: discord.Interaction[Any],
    *,
    channel: discord.TextChannel,
    time: str,
    timezone: str,
    close_after: str | None,
    weekly_day: int | None,
    weekly_time: str | None,
    language: str | None,
) -> Reply:
    bot = _bot(interaction)
    team, lang = await _admin(interaction)
    schedule = replace(
        team.schedule, daily_time=parse_time(time), timezone=parse_timezone(timezone)
    )
    if close_after is not None:
        window = parse_duration(close_after)
        if not CLOSE_AFTER_MIN <= window <= CLOSE_AFTER_MAX:
            raise InputError("close_after must be between 5m and 24h, e.g. 12h")
        schedule = replace(schedule, close_after_minutes=int(window / timedelta(minutes=1)))
    if weekly_day is not None:
        schedule = replace(schedule, weekly_day=weekly_day)
    if weekly_time is not None:
        schedule = replace(schedule, weekly_time=parse_time(weekly_time))
    team = await bot.quiz.configure(
        team.id, channel=str(channel.id), schedule=schedule, language=language
    )
    await bot.courier.refresh()
    embed = render.settings(team, lang, await bot.quiz.next_post(team))
    return Reply(content=say(lang, "setup_done"), embed=embed)


@setup.autocomplete("timezone")
async def _timezone_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[Choice[str]]:
    wanted = current.strip().casefold().replace(" ", "_")
    zones = _zones()
    if not wanted:
        popular = ["Asia/Tokyo", "UTC", "America/New_York", "Europe/London", "Asia/Seoul"]
        return [Choice(name=z, value=z) for z in popular]
    starts = [z for z in zones if z.casefold().startswith(wanted)]
    contains = [z for z in zones if wanted in z.casefold() and z not in starts]
    return [Choice(name=z, value=z) for z in (starts + contains)[:AUTOCOMPLETE_LIMIT]]


@cache
def _zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


@admin.command(name="settings", description=locale_str("Show the current settings"))
async def settings(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _settings(interaction))


async def _settings(interaction: discord.Interaction[Any]) -> Reply:
    bot = _bot(interaction)
    team, lang = await _admin(interaction)
    return Reply(embed=render.settings(team, lang, await bot.quiz.next_post(team)))


@admin.command(name="pause", description=locale_str("Stop posting until resumed"))
async def pause(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _pause(interaction, paused=True))


@admin.command(name="resume", description=locale_str("Start posting again"))
async def resume(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _pause(interaction, paused=False))


async def _pause(interaction: discord.Interaction[Any], *, paused: bool) -> Reply:
    bot = _bot(interaction)
    team, lang = await _admin(interaction)
    team = await bot.quiz.configure(team.id, paused=paused)
    await bot.courier.refresh()
    return Reply(
        content=say(lang, "paused_done" if paused else "resumed_done"),
        embed=render.settings(team, lang, await bot.quiz.next_post(team)),
    )


@admin.command(name="post-now", description=locale_str("Post today's question now"))
async def post_now(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _post_now(interaction))


async def _post_now(interaction: discord.Interaction[Any]) -> Reply:
    bot = _bot(interaction)
    team, lang = await _admin(interaction)
    if team.channel is None:
        return Reply(content=say(lang, "not_set_up"))
    if await bot.quiz.post_daily(team) is None:
        return Reply(content=say(lang, "already_posted"))
    await bot.courier.deliver(team)
    return Reply(content=say(lang, "posted_now"))


@admin.command(
    name="reveal-now", description=locale_str("Close today's question and reveal it now")
)
async def reveal_now(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, _reveal_now(interaction))


async def _reveal_now(interaction: discord.Interaction[Any]) -> Reply:
    bot = _bot(interaction)
    team, lang = await _admin(interaction)
    card = await bot.quiz.current_daily(team)
    if card is None or not await bot.quiz.close_round(card.round.id):
        return Reply(content=say(lang, "no_open_round"))
    await bot.courier.deliver(team)
    return Reply(content=say(lang, "revealed_now"))


@admin.command(
    name="review", description=locale_str("Go through the questions proposed from your notes")
)
async def review(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, reviewing.start_review(interaction))


@admin.command(
    name="reported", description=locale_str("Questions members reported: keep or remove them")
)
async def reported(interaction: discord.Interaction[Any]) -> None:
    await respond(interaction, reviewing.start_reported(interaction))


@admin.command(
    name="import", description=locale_str("Propose questions from notes (markdown files)")
)
@app_commands.describe(
    file=locale_str("A note: a markdown or text file"),
    file2=locale_str("Another note"),
    file3=locale_str("Another note"),
)
async def import_notes(
    interaction: discord.Interaction[Any],
    file: discord.Attachment,
    file2: discord.Attachment | None = None,
    file3: discord.Attachment | None = None,
) -> None:
    attachments = [a for a in (file, file2, file3) if a is not None]
    await respond(interaction, importing.import_notes(interaction, attachments), defer=True)


@admin.command(
    name="auto-accept",
    description=locale_str("How confident a proposed question must be to skip the review"),
)
@app_commands.describe(confidence=locale_str("A number from 0 to 1 such as 0.8, or off"))
async def auto_accept(interaction: discord.Interaction[Any], confidence: str | None = None) -> None:
    await respond(interaction, importing.auto_accept(interaction, confidence))


COMMANDS: tuple[app_commands.Command[Any, ..., Any] | app_commands.Group, ...] = (
    quiz,
    leaderboard,
    weakspots,
    stats,
    forget_me,
    admin,
)


def install(tree: app_commands.CommandTree[Any]) -> None:
    for command in COMMANDS:
        tree.add_command(command)
