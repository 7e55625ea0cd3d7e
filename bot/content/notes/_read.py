"""Finding and decoding note files, with a clear problem for each one that is not a note."""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class NoteProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _too_large(size: int) -> str:
    limit = MAX_NOTE_BYTES // (1024 * 1024)
    return f"too large ({size / (1024 * 1024):.1f} MB; notes up to {limit} MB are read)"


def decode_note(name: str, data: bytes) -> NoteFile | NoteProblem:
    """The note in `data`, or why it is not one. Accepts UTF-8 with or without a BOM."""
    if len(data) > MAX_NOTE_BYTES:
        return NoteProblem(name, _too_large(len(data)))
    if b"\x00" in data[:8192]:
        return NoteProblem(name, "a binary file, not a text note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return NoteProblem(
            name, f"line {line}: not UTF-8 text (save the note as UTF-8 and import it again)"
        )
    if not text.strip():
        return NoteProblem(name, "empty: nothing to import")
    return NoteFile(name=name, text=text)


def _files(paths: Iterable[Path]) -> Iterable[tuple[Path, str | None]]:
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES
            )
            if not found:
                yield path, "no notes (*.md, *.txt) in this folder"
            for file in found:
                yield file, None
        elif path.is_file():
            yield path, None
        else:
            yield path, "no such file or folder"


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
                problems.append(NoteProblem(str(path), _too_large(size)))
                continue
            data = path.read_bytes()
        except OSError as error:
            problems.append(NoteProblem(str(path), f"cannot be read: {error.strerror}"))
            continue
        decoded = decode_note(path.name, data)
        if isinstance(decoded, NoteProblem):
            problems.append(NoteProblem(str(path), decoded.message))
        else:
            notes.append(decoded)
    return notes, problems
