"""Service results as terminal text."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.chat.formatting import (
    answer_text,
    invalid_answer,
    letters,
    ranked_row,
    stats_body,
    topic_name,
    weak_row,
)
from bot.chat.links import note_link
from bot.chat.messages import period_title, say
from bot.core.matching import letter
from bot.core.model import Question, QuestionKind, TeamInfo
from bot.core.parsing import WEEKDAYS
from bot.core.scoring import Ranked
from bot.core.weakspots import MIN_ATTEMPTS
from bot.services.views import (
    AnswerReceipt,
    AnswerStatus,
    LeaderboardView,
    QuestionCard,
    Reveal,
    StatsView,
    WeakSpotsView,
    WeeklyView,
)

RULE = "─" * 60


def local(moment: datetime, team: TeamInfo, fmt: str = "%m/%d %H:%M") -> str:
    return moment.astimezone(ZoneInfo(team.schedule.timezone)).strftime(fmt)


def card(view: QuestionCard, team: TeamInfo, lang: str) -> str:
    q = view.question
    if view.round.local_date is not None:
        title = say(lang, "daily_title", date=view.round.local_date.isoformat())
    else:
        title = say(lang, "practice_title")
    lines = [RULE, f"{title} · {topic_name(view.topic, lang)}", "", f"Q. {q.prompt}"]
    if q.kind is QuestionKind.CHOICE:
        lines += [f"  {letter(i)}) {choice}" for i, choice in enumerate(q.choices)]
        hint = say(
            lang,
            "answer_with_letter",
            letters=letters(len(q.choices)),
            closes=local(view.round.closes_at, team),
        )
    else:
        hint = say(lang, "answer_with_text", closes=local(view.round.closes_at, team))
    lines += ["", hint, RULE]
    return "\n".join(lines)


def _source(q: Question, notes_url: str | None) -> str:
    link = note_link(q.source, notes_url)
    label = q.source.label()
    return f"{label}\n  {link}" if link else label


def receipt(view: AnswerReceipt, name: str, lang: str, notes_url: str | None = None) -> str:
    q = view.question
    if view.status is AnswerStatus.RECORDED and view.correct is None:
        return say(lang, "recorded", name=name, response=view.response)
    if view.status is AnswerStatus.RECORDED and q is not None:
        verdict = (
            say(lang, "practice_right")
            if view.correct
            else say(lang, "practice_wrong", answer=answer_text(q))
        )
        return "\n".join(
            [
                verdict,
                f"{say(lang, 'explanation')}: {q.explanation}",
                f"{say(lang, 'source')}: {_source(q, notes_url)}",
            ]
        )
    if view.status is AnswerStatus.ALREADY_ANSWERED:
        return say(lang, "already_answered", name=name)
    if view.status is AnswerStatus.CLOSED:
        return say(lang, "closed")
    if view.status is AnswerStatus.INVALID and q is not None:
        return invalid_answer(q, view.response, lang)
    return say(lang, "no_round")


def reveal(view: Reveal, lang: str, notes_url: str | None = None) -> str:
    card_ = view.card
    day = card_.round.local_date.isoformat() if card_.round.local_date else ""
    lines = [
        RULE,
        f"{say(lang, 'reveal_title', date=day)} · {topic_name(card_.topic, lang)}",
        f"Q. {card_.question.prompt}",
        "",
        f"{say(lang, 'correct_answer')}: {answer_text(card_.question)}",
        f"{say(lang, 'explanation')}: {card_.question.explanation}",
        f"{say(lang, 'source')}: {_source(card_.question, notes_url)}",
        "",
    ]
    if view.answered:
        lines.append(
            say(lang, "team_result", correct=view.correct, answered=view.answered, share=view.share)
        )
        if view.choice_counts:
            lines.append(" · ".join(f"{letter(i)} {n}" for i, n in enumerate(view.choice_counts)))
        if view.first_correct:
            lines.append(say(lang, "first_correct", name=view.first_correct))
    else:
        lines.append(say(lang, "nobody_answered"))
    lines.append(RULE)
    return "\n".join(lines)


def _rows(entries: tuple[Ranked, ...], lang: str) -> list[str]:
    return [ranked_row(r, lang) for r in entries]


def leaderboard(view: LeaderboardView, lang: str) -> str:
    lines = [f"🏆 {period_title(lang, view.period.value)}"]
    lines += _rows(view.entries, lang) or [say(lang, "leaderboard_empty")]
    if view.me is not None and view.me not in view.entries:
        lines.append(say(lang, "your_rank", rank=view.me.rank))
    return "\n".join(lines)


def weak_spots(view: WeakSpotsView, lang: str) -> str:
    title = (
        say(lang, "weak_title_member", name=view.member.name)
        if view.member
        else say(lang, "weak_title_team")
    )
    if not view.spots:
        return f"{title}\n{say(lang, 'weak_none', min=MIN_ATTEMPTS)}"
    lines = [title]
    lines += [weak_row(item, lang) for item in view.spots]
    lines.append(say(lang, "weak_suggest", topic=view.spots[0].topic.id))
    return "\n".join(lines)


def stats(view: StatsView, lang: str) -> str:
    return f"{say(lang, 'stats_title', name=view.member.name)}\n{stats_body(view, lang)}"


def weekly(view: WeeklyView, lang: str) -> str:
    end = view.week_start + timedelta(days=6)
    lines = [RULE, "🏆 " + say(lang, "weekly_title", start=view.week_start, end=end)]
    lines += _rows(view.entries, lang)
    if view.most_improved:
        lines.append(
            say(
                lang,
                "weekly_improved",
                name=view.most_improved.tally.name,
                gain=view.most_improved.gain,
            )
        )
    if view.weakest:
        lines.append(
            say(lang, "weekly_weakest")
            + ": "
            + ", ".join(
                f"{topic_name(w.topic, lang)} ({w.spot.accuracy:.0%})" for w in view.weakest
            )
        )
    lines.append(RULE)
    return "\n".join(lines)


def settings(team: TeamInfo) -> str:
    s = team.schedule
    weekday = WEEKDAYS[s.weekly_day]
    state = "paused" if team.paused else "active"
    return (
        f"time={s.daily_time:%H:%M} timezone={s.timezone} close_after={s.close_after_minutes}m "
        f"weekly={weekday}@{s.weekly_time:%H:%M} language={team.language} ({state})"
    )


def forgotten(lang: str, name: str, done: bool) -> str:
    if lang == "ja":
        return f"{name} さんのデータを削除しました。" if done else "削除するデータはありません。"
    return f"Deleted everything stored about {name}." if done else "Nothing stored to delete."
