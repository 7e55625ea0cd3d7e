"""Small pieces of text every adapter shows the same way."""

from __future__ import annotations

from bot.chat.messages import say
from bot.core.matching import letter
from bot.core.model import Question, QuestionKind, Topic
from bot.core.scoring import Ranked
from bot.services.views import StatsView, TopicSpot


def topic_name(topic: Topic, lang: str) -> str:
    return topic.name_en if lang == "en" and topic.name_en else topic.name


def letters(count: int) -> str:
    """`A/B/C/D` for four choices."""
    return "/".join(letter(i) for i in range(count))


def invalid_answer(question: Question, response: str, lang: str) -> str:
    """Why a response was not taken: a letter the question does not have, or a lone letter
    typed for a question answered in words."""
    if question.kind is QuestionKind.CHOICE:
        hint = letters(len(question.choices))
        return say(lang, "invalid_choice", response=response, letters=hint)
    return say(lang, "invalid_text", response=response)


def answer_text(question: Question) -> str:
    """The correct answer as shown at a reveal: `B) Route 53`, or the free-text answer."""
    if question.kind is QuestionKind.CHOICE:
        return f"{letter(question.correct_index)}) {question.answer}"
    return question.display_answer


def trend(change: float | None) -> str:
    """` ↗ +12%` for a topic's accuracy against last week; empty when there is no comparison."""
    if change is None:
        return ""
    arrow = "↗" if change > 0.05 else "↘" if change < -0.05 else "→"
    return f" {arrow} {change:+.0%}"


def ranked_row(entry: Ranked, lang: str, name: str | None = None) -> str:
    """`1. alice  20 pt  (2/2 correct, streak 2)`; `name` replaces the stored one (escaped)."""
    tally = entry.tally
    return say(
        lang,
        "leaderboard_row",
        rank=entry.rank,
        name=tally.name if name is None else name,
        points=tally.points,
        correct=tally.correct,
        answered=tally.answered,
        streak=tally.streak.answered,
    )


def weak_row(item: TopicSpot, lang: str) -> str:
    spot = item.spot
    return say(
        lang,
        "weak_row",
        topic=topic_name(item.topic, lang),
        correct=spot.correct,
        attempts=spot.attempts,
        accuracy=spot.accuracy,
        trend=trend(spot.trend),
    )


def stats_body(view: StatsView, lang: str) -> str:
    """A member's totals, accuracy and streaks, on three lines."""
    return say(
        lang,
        "stats_body",
        daily_correct=view.daily_correct,
        daily_answered=view.daily_answered,
        points=view.points,
        rank=say(lang, "stats_rank", rank=view.rank) if view.rank else "",
        practice_correct=view.practice_correct,
        practice_answered=view.practice_answered,
        streak=view.streak.answered,
        best=view.streak.best_answered,
        streak_c=view.streak.correct,
        best_c=view.streak.best_correct,
    )
