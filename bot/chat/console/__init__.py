"""The terminal console: a team channel anyone can play without a chat token."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.chat.console._console import Console, prompt_lines, stdin_lines
from bot.chat.console._review import print_import, review
from bot.core.model import TeamSchedule
from bot.services.clock import ManualClock
from bot.services.content import ContentService
from bot.services.quiz import QuizService

__all__ = ["Console", "print_import", "review", "run_console"]


async def run_console(
    quiz: QuizService,
    clock: ManualClock,
    *,
    member: str,
    language: str,
    schedule: TeamSchedule,
    notes_url: str | None = None,
    content: ContentService | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> None:
    """Play until /quit or end of input; with stdin not a terminal, one command per line."""
    console = Console(quiz, clock, stdout, language=language, notes_url=notes_url, content=content)
    await console.start(member=member, schedule=schedule)
    if stdin.isatty():
        await console.run(prompt_lines(console), echo=False)
    else:
        await console.run(stdin_lines(stdin), echo=True)
