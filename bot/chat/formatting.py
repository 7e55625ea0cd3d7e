"""Small pieces of text every adapter shows the same way."""

from __future__ import annotations

from bot.core.matching import letter
from bot.core.model import Question, QuestionKind, Topic


def topic_name(topic: Topic, lang: str) -> str:
    return topic.name_en if lang == "en" and topic.name_en else topic.name


def letters(count: int) -> str:
    """`A/B/C/D` for four choices."""
    return "/".join(letter(i) for i in range(count))


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
