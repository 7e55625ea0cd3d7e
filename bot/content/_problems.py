"""What the content checker reports: one problem per mistake, each pointing at a file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One mistake in the content bank; `str()` gives the familiar `file:line: message`."""

    path: Path
    line: int
    """1-based; 1 when the problem concerns the whole file."""
    message: str
    warning: bool = False
    """Worth a look, but the bank loads all the same."""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


def sort_problems(problems: Iterable[ContentProblem]) -> list[ContentProblem]:
    """By file, then line; problems on the same line keep the order they were found in."""
    return sorted(problems, key=lambda p: (p.path, p.line))


class ContentError(Exception):
    """The bank has at least one problem, so nothing of it was loaded."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems: list[ContentProblem] = sort_problems(problems)
        count = len(self.problems)
        heading = f"{count} problem{'' if count == 1 else 's'} in the content bank"
        super().__init__("\n".join([heading + ":", *map(str, self.problems)]))
