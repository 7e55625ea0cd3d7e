"""The answer writer: one task that records every answer.

Answers arrive in bursts (everyone clicks when the daily question appears). Each caller puts
its answer on a queue and waits; the writer drains whatever is queued into one transaction,
inserts the answers (and the tallies of practice answers) in one commit, and only then tells
each caller what happened. One writer means SQLite never sees competing write
transactions; the UNIQUE (round, member) constraint makes a second answer impossible.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage import tables, tallies
from bot.storage._dialect import insert
from bot.storage.database import IMMEDIATE

log = logging.getLogger(__name__)

MAX_BATCH = 500


class WriteStatus(enum.StrEnum):
    RECORDED = "recorded"
    DUPLICATE = "duplicate"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class AnswerWrite:
    round_id: int
    member_id: int
    response: str
    correct: bool
    answered_at: datetime
    elapsed_ms: int
    practice: tallies.Tally | None = None
    """A practice answer's tally, added in the same commit; daily answers wait for the close."""


class AnswerWriter:
    def __init__(self, engine: AsyncEngine, *, max_batch: int = MAX_BATCH) -> None:
        self._engine = engine.execution_options(**IMMEDIATE)
        self._max_batch = max_batch
        self._queue: asyncio.Queue[tuple[AnswerWrite, asyncio.Future[WriteStatus]]] = (
            asyncio.Queue()
        )
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="answer-writer")

    async def stop(self) -> None:
        """Finish what is queued, then stop."""
        if self._task is None:
            return
        await self._queue.join()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def __aenter__(self) -> AnswerWriter:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def submit(self, answer: AnswerWrite) -> WriteStatus:
        """Queue an answer and wait until it is committed (or refused)."""
        if self._task is None:
            raise RuntimeError("the answer writer is not running")
        future: asyncio.Future[WriteStatus] = asyncio.get_running_loop().create_future()
        await self._queue.put((answer, future))
        return await future

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                statuses = await self._write([answer for answer, _ in batch])
            except Exception as error:
                log.exception("could not record %d answers", len(batch))
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
            else:
                for (_, future), status in zip(batch, statuses, strict=True):
                    if not future.done():
                        future.set_result(status)
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _write(self, batch: list[AnswerWrite]) -> list[WriteStatus]:
        async with self._engine.begin() as connection:
            return await write_answers(connection, batch)


async def write_answers(connection: AsyncConnection, batch: list[AnswerWrite]) -> list[WriteStatus]:
    """Record a batch in the caller's transaction; returns each answer's status in order."""
    dialect = connection.dialect.name
    open_rounds = await _open_rounds(connection, {a.round_id for a in batch}, dialect)
    seen: set[tuple[int, int]] = set()
    candidates: list[AnswerWrite] = []
    for answer in batch:
        key = (answer.round_id, answer.member_id)
        closes_at = open_rounds.get(answer.round_id)
        if closes_at is None or answer.answered_at >= closes_at or key in seen:
            continue
        seen.add(key)
        candidates.append(answer)

    inserted: set[tuple[int, int]] = set()
    if candidates:
        statement = (
            insert(dialect, tables.Answer)
            .on_conflict_do_nothing(index_elements=["round_id", "member_id"])
            .returning(tables.Answer.round_id, tables.Answer.member_id)
        )
        rows = await connection.execute(
            statement,
            [
                {
                    "round_id": a.round_id,
                    "member_id": a.member_id,
                    "response": a.response,
                    "correct": a.correct,
                    "answered_at": a.answered_at,
                    "elapsed_ms": a.elapsed_ms,
                }
                for a in candidates
            ],
        )
        inserted = {(r, m) for r, m in rows}
    await tallies.add(
        connection,
        dialect,
        [
            a.practice
            for a in candidates
            if a.practice is not None and (a.round_id, a.member_id) in inserted
        ],
    )

    statuses = []
    counted: set[tuple[int, int]] = set()
    for answer in batch:
        key = (answer.round_id, answer.member_id)
        if key in inserted and key not in counted:
            counted.add(key)
            statuses.append(WriteStatus.RECORDED)
        elif (
            answer.round_id not in open_rounds or answer.answered_at >= open_rounds[answer.round_id]
        ):
            statuses.append(WriteStatus.CLOSED)
        else:
            statuses.append(WriteStatus.DUPLICATE)
    return statuses


async def _open_rounds(
    connection: AsyncConnection, round_ids: set[int], dialect: str
) -> dict[int, datetime]:
    query = select(tables.Round.id, tables.Round.closes_at).where(
        tables.Round.id.in_(round_ids), tables.Round.closed_at.is_(None)
    )
    if dialect == "postgresql":
        # Closing a round updates its row, so it waits for (or is waited on by) this batch.
        query = query.with_for_update(read=True)
    rows = await connection.execute(query)
    return dict(rows.all())
