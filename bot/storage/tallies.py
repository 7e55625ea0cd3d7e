"""The per-day tallies that leaderboards and weak spots read instead of the answers table.

Practice answers are tallied by the answer writer as they are recorded (their feedback is
immediate anyway). Daily answers are tallied when their round closes, in the closing
transaction: until the reveal, neither the leaderboard nor anyone's stats can give away
whether an answer was right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from bot.storage import tables
from bot.storage._dialect import insert


class _Executor(Protocol):
    async def execute(self, statement: Any, parameters: Any = ..., /) -> Any: ...


@dataclass(frozen=True, slots=True)
class Tally:
    """One scored answer: a member's attempt on a topic on a local day."""

    team_id: int
    member_id: int
    topic_id: str
    day: date
    correct: bool
    points: int | None
    """Leaderboard points for a daily answer; None for practice, which never scores."""


async def add(executor: _Executor, dialect: str, entries: list[Tally]) -> None:
    """Add answers to the tallies with upserts (one statement per table)."""
    days: dict[tuple[int, date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    topics: dict[tuple[int, str, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    for entry in entries:
        topic = topics[(entry.member_id, entry.topic_id, entry.day)]
        topic[0] += 1
        topic[1] += int(entry.correct)
        topic[2] = entry.team_id
        if entry.points is not None:
            day = days[(entry.team_id, entry.day, entry.member_id)]
            day[0] += 1
            day[1] += int(entry.correct)
            day[2] += entry.points
    if days:
        day_table = tables.MemberDay.__table__
        statement: Any = insert(dialect, day_table)
        statement = statement.on_conflict_do_update(
            index_elements=["team_id", "day", "member_id"],
            set_={
                "answered": day_table.c.answered + statement.excluded.answered,
                "correct": day_table.c.correct + statement.excluded.correct,
                "points": day_table.c.points + statement.excluded.points,
            },
        )
        await executor.execute(
            statement,
            [
                {"team_id": t, "day": d, "member_id": m, "answered": n, "correct": c, "points": p}
                for (t, d, m), (n, c, p) in days.items()
            ],
        )
    if topics:
        topic_table = tables.MemberTopicDay.__table__
        statement = insert(dialect, topic_table)
        statement = statement.on_conflict_do_update(
            index_elements=["member_id", "topic_id", "day"],
            set_={
                "attempts": topic_table.c.attempts + statement.excluded.attempts,
                "correct": topic_table.c.correct + statement.excluded.correct,
            },
        )
        await executor.execute(
            statement,
            [
                {
                    "member_id": m,
                    "topic_id": t,
                    "day": d,
                    "team_id": team,
                    "attempts": n,
                    "correct": c,
                }
                for (m, t, d), (n, c, team) in topics.items()
            ],
        )
