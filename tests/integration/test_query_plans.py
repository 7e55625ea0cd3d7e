"""The hot reads never scan the answers table (SQLite's planner, checked on the real queries)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.leaderboard import Period
from tests.support.world import World


@contextmanager
def captured_selects(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)


async def plans(engine: AsyncEngine, statements: list[tuple[str, Any]]) -> list[str]:
    found = []
    async with engine.connect() as connection:
        for statement, parameters in statements:
            rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            found.append("\n".join(str(row[-1]) for row in rows))
    return found


async def test_leaderboard_and_weak_spots_read_tallies_not_answers(
    world: World, engine: AsyncEngine
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans tiny tables by seq scan")
    alice = await world.member("alice")
    with captured_selects(engine) as statements:
        for period in Period:
            await world.quiz.leaderboard(world.team, period=period, member=alice)
        await world.quiz.weak_spots(world.team, member=alice)
        await world.quiz.weak_spots(world.team, member=None)
    reads = [s for s in statements if "member_day" in s[0] or "member_topic_day" in s[0]]
    assert len(reads) >= 6
    for (statement, _), plan in zip(reads, await plans(engine, reads), strict=True):
        assert "answer" not in statement.replace("answered", ""), statement
        assert "SCAN member_day" not in plan, plan
        if "member_day" in statement:
            assert "SEARCH member_day USING" in plan, plan
        if "member_topic_day" in statement:
            assert "SCAN member_topic_day" not in plan, plan
            assert "SEARCH member_topic_day USING" in plan, plan


async def test_pragma_plan_helper_sees_a_scan_when_there_is_one(engine: AsyncEngine) -> None:
    """Guards the test above: the same helper does report a full scan."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's EXPLAIN QUERY PLAN")
    plan = await plans(engine, [("SELECT * FROM answer WHERE response = 'x'", ())])
    assert "SCAN answer" in plan[0]
