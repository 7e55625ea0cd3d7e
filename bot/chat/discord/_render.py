"""Service results as Discord embeds. Times use Discord's timestamp markup, so every reader
sees them in their own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta

import discord

from bot.chat.discord import _components as components
from bot.chat.discord._report import report_button
from bot.chat.formatting import answer_text, ranked_row, stats_body, topic_name, weak_row
from bot.chat.links import note_link
from bot.chat.messages import period_title, say
from bot.core.matching import letter
from bot.core.model import Question, QuestionKind, TeamInfo
from bot.core.parsing import WEEKDAYS
from bot.core.scoring import Ranked
from bot.core.weakspots import MIN_ATTEMPTS
from bot.services.views import (
    AnswerReceipt,
    LeaderboardView,
    QuestionCard,
    Reveal,
    StatsView,
    WeakSpotsView,
    WeeklyView,
)

BLUE = discord.Colour(0x3B82F6)
PURPLE = discord.Colour(0x8B5CF6)
GREEN = discord.Colour(0x22C55E)
RED = discord.Colour(0xEF4444)
GOLD = discord.Colour(0xF59E0B)
GREY = discord.Colour(0x6B7280)

FIELD_LIMIT = 1024


def stamp(moment: datetime, style: str = "f") -> str:
    """`<t:…:f>`: Discord shows it in the reader's own time zone and language."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def clip(text: str, limit: int = FIELD_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _prompt(question: Question) -> str:
    lines = [question.prompt]
    if question.kind is QuestionKind.CHOICE:
        lines.append("")
        lines += [f"**{letter(i)}.** {choice}" for i, choice in enumerate(question.choices)]
    return "\n".join(lines)


def _source(question: Question, notes_url: str | None) -> str:
    link = note_link(question.source, notes_url)
    label = question.source.label()
    return f"[{label}]({link})" if link else label


def _title(card: QuestionCard, lang: str) -> str:
    if card.round.local_date is not None:
        return say(lang, "daily_title", date=card.round.local_date.isoformat())
    return say(lang, "practice_title")


def question(card: QuestionCard, lang: str) -> discord.Embed:
    """A question as posted; `card.answers` is the live count. A closed round says so."""
    daily = card.round.local_date is not None
    embed = discord.Embed(
        title=_title(card, lang),
        description=_prompt(card.question),
        colour=BLUE if daily else PURPLE,
    )
    embed.set_author(name=topic_name(card.topic, lang))
    if card.round.is_open:
        closes = say(
            lang,
            "closes",
            at=stamp(card.round.closes_at, "t"),
            relative=stamp(card.round.closes_at, "R"),
        )
    else:
        closes = say(lang, "round_closed")
    embed.add_field(name="\u200b", value=closes, inline=False)
    if daily:
        embed.set_footer(text=say(lang, "answers_so_far", count=card.answers))
    return embed


def question_view(card: QuestionCard, lang: str) -> discord.ui.View | None:
    """Answer buttons whose ids carry the round, so they outlive a restart; none once closed."""
    if not card.round.is_open:
        return None
    view = discord.ui.View(timeout=None)
    if card.question.kind is QuestionKind.CHOICE:
        for index in range(len(card.question.choices)):
            view.add_item(components.ChoiceButton(card.round.id, index))
    else:
        view.add_item(components.TextAnswerButton(card.round.id, label=say(lang, "answer_button")))
    return view


def receipt(view: AnswerReceipt, lang: str, notes_url: str | None) -> discord.Embed | str:
    """A daily answer gets a plain acknowledgement; practice gets the verdict and the lesson."""
    q = view.question
    if view.correct is None or q is None:
        return say(lang, "recorded_short", response=view.response)
    verdict = (
        say(lang, "practice_right")
        if view.correct
        else say(lang, "practice_wrong", answer=answer_text(q))
    )
    embed = discord.Embed(
        title=verdict, description=clip(q.explanation, 4000), colour=GREEN if view.correct else RED
    )
    if view.correct:
        embed.add_field(name=say(lang, "correct_answer"), value=clip(answer_text(q)))
    embed.add_field(name=say(lang, "source"), value=clip(_source(q, notes_url)), inline=False)
    return embed


def reveal(view: Reveal, lang: str, notes_url: str | None) -> discord.Embed:
    card = view.card
    q = card.question
    day = card.round.local_date.isoformat() if card.round.local_date else ""
    embed = discord.Embed(
        title=say(lang, "reveal_title", date=day),
        description=clip(q.prompt, 4000),
        colour=GREEN,
    )
    embed.set_author(name=topic_name(card.topic, lang))
    embed.add_field(name=say(lang, "correct_answer"), value=clip(answer_text(q)), inline=False)
    embed.add_field(name=say(lang, "explanation"), value=clip(q.explanation), inline=False)
    embed.add_field(name=say(lang, "source"), value=clip(_source(q, notes_url)), inline=False)
    if view.answered:
        result = [
            say(lang, "team_result", correct=view.correct, answered=view.answered, share=view.share)
        ]
        if view.first_correct:
            result.append(say(lang, "first_correct", name=view.first_correct))
        embed.add_field(name="\u200b", value="\n".join(result), inline=False)
        if view.choice_counts:
            embed.add_field(
                name=say(lang, "choice_counts"),
                value=_bars(view.choice_counts, q.correct_index),
                inline=False,
            )
    else:
        embed.add_field(name="\u200b", value=say(lang, "nobody_answered"), inline=False)
    return embed


def reveal_view(view: Reveal, lang: str) -> discord.ui.View | None:
    """Under a reveal: a button to report a problem with the question."""
    button = report_button(view.card.question.id, lang)
    if button is None:
        return None
    buttons = discord.ui.View(timeout=None)
    buttons.add_item(button)
    return buttons


def _bars(counts: tuple[int, ...], correct: int) -> str:
    most = max(counts) or 1
    rows = []
    for i, n in enumerate(counts):
        bar = "█" * round(8 * n / most) or "·"
        mark = " ✅" if i == correct else ""
        rows.append(f"`{letter(i)}` {bar} {n}{mark}")
    return "\n".join(rows)


def _rows(entries: tuple[Ranked, ...], lang: str) -> str:
    medals = {1: "🥇", 2: "🥈", 3: "🥉"}
    return "\n".join(
        medals.get(r.rank, "") + ranked_row(r, lang, discord.utils.escape_markdown(r.tally.name))
        for r in entries
    )


def leaderboard(view: LeaderboardView, lang: str, caller: str) -> discord.Embed:
    embed = discord.Embed(
        title=f"🏆 {period_title(lang, view.period.value)}",
        description=_rows(view.entries, lang) or say(lang, "leaderboard_empty"),
        colour=GOLD,
    )
    if view.me is not None:
        embed.set_footer(text=say(lang, "caller_rank", name=caller, rank=view.me.rank))
    return embed


def weak_spots(view: WeakSpotsView, lang: str) -> discord.Embed:
    title = (
        say(lang, "weak_title_member", name=view.member.name)
        if view.member
        else say(lang, "weak_title_team")
    )
    embed = discord.Embed(title=title, colour=PURPLE)
    if not view.spots:
        embed.description = say(lang, "weak_none", min=MIN_ATTEMPTS)
        return embed
    embed.description = "\n".join(weak_row(item, lang) for item in view.spots)
    embed.add_field(
        name="\u200b",
        value=say(lang, "weak_suggest", topic=f"topic:{view.spots[0].topic.id}"),
        inline=False,
    )
    return embed


def stats(view: StatsView, lang: str) -> discord.Embed:
    return discord.Embed(
        title=say(lang, "stats_title", name=view.member.name),
        description=stats_body(view, lang),
        colour=BLUE,
    )


def weekly(view: WeeklyView, lang: str) -> discord.Embed:
    end = view.week_start + timedelta(days=6)
    embed = discord.Embed(
        title="🏆 " + say(lang, "weekly_title", start=view.week_start, end=end),
        description=_rows(view.entries, lang) or say(lang, "leaderboard_empty"),
        colour=GOLD,
    )
    if view.most_improved:
        embed.add_field(
            name="\u200b",
            value=say(
                lang,
                "weekly_improved",
                name=discord.utils.escape_markdown(view.most_improved.tally.name),
                gain=view.most_improved.gain,
            ),
            inline=False,
        )
    if view.weakest:
        embed.add_field(
            name=say(lang, "weekly_weakest"),
            value="\n".join(
                f"{topic_name(w.topic, lang)} ({w.spot.accuracy:.0%})" for w in view.weakest
            ),
            inline=False,
        )
    return embed


def settings(team: TeamInfo, lang: str, next_post: datetime | None) -> discord.Embed:
    s = team.schedule
    hours, minutes = divmod(s.close_after_minutes, 60)
    close = f"{hours}h{minutes:02d}m" if minutes else f"{hours}h"
    body = say(
        lang,
        "settings_body",
        channel=f"<#{team.channel}>" if team.channel else "—",
        time=f"{s.daily_time:%H:%M}",
        timezone=s.timezone,
        close=close,
        weekday=WEEKDAYS[s.weekly_day],
        weekly_time=f"{s.weekly_time:%H:%M}",
        lang_name=team.language,
        state=say(lang, "state_paused" if team.paused else "state_active"),
    )
    body += "\n" + auto_accept_line(team, lang)
    embed = discord.Embed(title=say(lang, "settings_title"), description=body, colour=GREY)
    if next_post is not None:
        embed.add_field(
            name="\u200b",
            value=say(lang, "next_post", at=f"{stamp(next_post)} ({stamp(next_post, 'R')})"),
        )
    return embed


def auto_accept_line(team: TeamInfo, lang: str) -> str:
    """How confident an imported candidate must be to skip the review."""
    if team.auto_accept is None:
        value = say(lang, "auto_accept_value_off")
    else:
        value = say(lang, "auto_accept_value_on", value=team.auto_accept)
    return say(lang, "settings_auto_accept", value=value)
