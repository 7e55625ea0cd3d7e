"""How fast answers are recorded: the batching writer against one commit per answer.

A popular daily question means everyone clicks at once. This simulates N members answering
the same round concurrently, first through the AnswerWriter (one task, batched transactions),
then through the straightforward alternative (a session and a commit per answer), on the same
kind of database in the same run, and prints throughput, p50/p99 latency and the ratio.

    uv run python bench/answers.py [--answers 1000] [--database URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage import migrate, tables
from bot.storage.database import create_engine
from bot.storage.writer import AnswerWrite, AnswerWriter

NOW = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


async def prepare(engine: AsyncEngine, members: int) -> int:
    """A team, a question, `members` members and two open rounds; returns the first round id."""
    await migrate.upgrade(engine)
    async with engine.begin() as conn:
        await conn.execute(
            insert(tables.Team).values(
                id=1,
                platform="bench",
                external_id="1",
                name="",
                channel="c",
                timezone="UTC",
                language="ja",
                daily_time=NOW.time(),
                close_after_minutes=720,
                weekly_day=0,
                weekly_time=NOW.time(),
                paused=False,
                created_at=NOW,
            )
        )
        await conn.execute(insert(tables.Topic).values(id="t", name="t", aliases=[]))
        await conn.execute(
            insert(tables.Question).values(
                id="q",
                topic_id="t",
                kind="choice",
                prompt="p",
                choices=["a", "b"],
                answer="a",
                accepted=[],
                explanation="e",
                source_note="n",
                exams=[],
                content_hash="h",
                updated_at=NOW,
            )
        )
        await conn.execute(
            insert(tables.Member),
            [
                {
                    "id": i,
                    "team_id": 1,
                    "external_id": str(i),
                    "display_name": f"m{i}",
                    "created_at": NOW,
                }
                for i in range(1, members + 1)
            ],
        )
        for round_id, day in ((1, date(2026, 11, 23)), (2, date(2026, 11, 24))):
            await conn.execute(
                insert(tables.Round).values(
                    id=round_id,
                    team_id=1,
                    channel="c",
                    question_id="q",
                    kind="daily",
                    local_date=day,
                    opened_at=NOW,
                    closes_at=NOW + timedelta(days=2),
                )
            )
    return 1


def answer(round_id: int, member_id: int) -> AnswerWrite:
    return AnswerWrite(
        round_id=round_id,
        member_id=member_id,
        response="a",
        correct=member_id % 2 == 0,
        answered_at=NOW + timedelta(hours=1),
        elapsed_ms=3_600_000,
    )


async def measure(n: int, one: Callable[[int], Awaitable[object]]) -> tuple[float, list[float]]:
    latencies: list[float] = []

    async def timed(member_id: int) -> None:
        started = time.perf_counter()
        await one(member_id)
        latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(timed(i) for i in range(1, n + 1)))
    return time.perf_counter() - started, sorted(latencies)


def report(label: str, seconds: float, latencies: list[float]) -> float:
    rate = len(latencies) / seconds
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"{label:<34} {rate:>9.0f} answers/s   p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
    return rate


async def main(n: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        engine = create_engine(url)
        try:
            await prepare(engine, n)
            writer = AnswerWriter(engine)
            async with writer:
                batched = await measure(n, lambda m: writer.submit(answer(1, m)))

            sessions = async_sessionmaker(engine)

            async def per_answer(member_id: int) -> None:
                a = answer(2, member_id)
                async with sessions() as session:
                    session.add(
                        tables.Answer(
                            round_id=a.round_id,
                            member_id=a.member_id,
                            response=a.response,
                            correct=a.correct,
                            answered_at=a.answered_at,
                            elapsed_ms=a.elapsed_ms,
                        )
                    )
                    await session.commit()

            naive = await measure(n, per_answer)
        finally:
            await engine.dispose()
    print(f"{n} concurrent answers on {engine.dialect.name}")
    fast = report("writer (batched)", *batched)
    slow = report("session + commit per answer", *naive)
    print(f"ratio: the writer records {fast / slow:.1f}x as many answers per second")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--database", help="SQLAlchemy async URL (default: a temporary SQLite)")
    args = parser.parse_args()
    asyncio.run(main(args.answers, args.database))
