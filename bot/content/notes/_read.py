"""Finding and decoding note files, with a clear problem for each one that is not a note."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAX_NOTE_BYTES = 2 * 1024 * 1024
"""Larger than any real note (the biggest seed note is 130 KB); beyond it, likely a dump."""

NOTE_SUFFIXES = {".md", ".markdown", ".txt", ".mdown"}


@dataclass(frozen=True, slots=True)
class NoteFile:
    name: str
    """The file's name, as source references give it."""
    text: str


class ProblemKind(enum.StrEnum):
    """Why a file gives no note; chat adapters say it in the reader's language by kind."""

    TOO_LARGE = "too_large"
    BINARY = "binary"
    NOT_UTF8 = "not_utf8"
    EMPTY = "empty"
    NO_STRUCTURE = "no_structure"
    SAME_NAME = "same_name"
    MISSING = "missing"
    NO_NOTES = "no_notes"
    UNREADABLE = "unreadable"


_MESSAGES = {
    ProblemKind.TOO_LARGE: "too large ({detail} MB; notes up to {limit} MB are read)",
    ProblemKind.BINARY: "a binary file, not a text note",
    ProblemKind.NOT_UTF8: "line {detail}: not UTF-8 text (save the note as UTF-8 and import it"
    " again)",
    ProblemKind.EMPTY: "empty: nothing to import",
    ProblemKind.NO_STRUCTURE: "no structure to read (no headings, lists or tables): nothing to ask",
    ProblemKind.SAME_NAME: "another note has the same file name: rename one of them",
    ProblemKind.MISSING: "no such file or folder",
    ProblemKind.NO_NOTES: "no notes (*.md, *.txt) in this folder",
    ProblemKind.UNREADABLE: "cannot be read: {detail}",
}

MAX_NOTE_MB = MAX_NOTE_BYTES // (1024 * 1024)


@dataclass(frozen=True, slots=True)
class NoteProblem:
    path: str
    kind: ProblemKind
    detail: str = ""
    """What the message needs: a line number, a size in MB, the system's error."""

    @property
    def message(self) -> str:
        return _MESSAGES[self.kind].format(detail=self.detail, limit=MAX_NOTE_MB)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _too_large(path: str, size: int) -> NoteProblem:
    return NoteProblem(path, ProblemKind.TOO_LARGE, f"{size / (1024 * 1024):.1f}")


def decode_note(name: str, data: bytes) -> NoteFile | NoteProblem:
    """The note in `data`, or why it is not one. Accepts UTF-8 with or without a BOM."""
    if len(data) > MAX_NOTE_BYTES:
        return _too_large(name, len(data))
    if b"\x00" in data[:8192]:
        return NoteProblem(name, ProblemKind.BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return NoteProblem(name, ProblemKind.NOT_UTF8, str(line))
    if not text.strip():
        return NoteProblem(name, ProblemKind.EMPTY)
    return NoteFile(name=name, text=text)


def _files(paths: Iterable[Path]) -> Iterable[tuple[Path, ProblemKind | None]]:
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES
            )
            if not found:
                yield path, ProblemKind.NO_NOTES
            for file in found:
                yield file, None
        elif path.is_file():
            yield path, None
        else:
            yield path, ProblemKind.MISSING


def read_notes(paths: Iterable[Path]) -> tuple[list[NoteFile], list[NoteProblem]]:
    """Every note under `paths` (files, or folders searched for *.md and *.txt)."""
    notes: list[NoteFile] = []
    problems: list[NoteProblem] = []
    for path, problem in _files(paths):
        if problem:
            problems.append(NoteProblem(str(path), problem))
            continue
        try:
            size = path.stat().st_size
            if size > MAX_NOTE_BYTES:  # not even read: it could be anything
                problems.append(_too_large(str(path), size))
                continue
            data = path.read_bytes()
        except OSError as error:
            problems.append(
                NoteProblem(str(path), ProblemKind.UNREADABLE, error.strerror or str(error))
            )
            continue
        decoded = decode_note(path.name, data)
        if isinstance(decoded, NoteProblem):
            problems.append(NoteProblem(str(path), decoded.kind, decoded.detail))
        else:
            notes.append(decoded)
    return notes, problems
