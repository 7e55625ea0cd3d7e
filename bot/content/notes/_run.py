"""One import run: notes in, candidates and a per-file report out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.model import Topic

from ._facts import read_facts
from ._markdown import Note, parse_note
from ._questions import Candidate, Generator, Rejection
from ._read import NoteFile, NoteProblem, ProblemKind
from ._taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class FileReport:
    name: str
    lines: int
    facts: int
    """What the structural reading found: every term, situation and number it could ask."""
    candidates: tuple[Candidate, ...]
    """Questions kept after the filters."""
    rejections: tuple[Rejection, ...]

    def rejected_by_reason(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejections)


@dataclass(frozen=True, slots=True)
class ImportReport:
    files: tuple[FileReport, ...] = ()
    problems: tuple[NoteProblem, ...] = field(default_factory=tuple)

    @property
    def candidates(self) -> list[Candidate]:
        return [c for f in self.files for c in f.candidates]


def propose(
    notes: Sequence[NoteFile], topics: Iterable[Topic], problems: Sequence[NoteProblem] = ()
) -> ImportReport:
    """Candidates for every note; a note with nothing to ask becomes a problem, not a crash."""
    taxonomy = Taxonomy(topics)
    found_problems = list(problems)
    parsed: dict[str, Note] = {}
    for note in notes:
        if note.name in parsed:  # source references name a note by its file name alone
            found_problems.append(NoteProblem(note.name, ProblemKind.SAME_NAME))
            continue
        parsed[note.name] = parse_note(note.name, note.text)
    facts = {name: read_facts(note) for name, note in parsed.items()}
    empty = [name for name, found in facts.items() if not found]
    for name in empty:
        found_problems.append(NoteProblem(name, ProblemKind.NO_STRUCTURE))
        del facts[name]
    proposal = Generator(taxonomy, facts, {n: note.exams for n, note in parsed.items()}).run()

    seen: set[str] = set()
    by_file: dict[str, list[Candidate]] = {name: [] for name in facts}
    for candidate in proposal.candidates:
        if candidate.question.id not in seen:
            seen.add(candidate.question.id)
            by_file[candidate.question.source.note].append(candidate)
    rejections: dict[str, list[Rejection]] = {name: [] for name in facts}
    for rejection in proposal.rejections:
        rejections[rejection.note].append(rejection)
    return ImportReport(
        files=tuple(
            FileReport(
                name=name,
                lines=parsed[name].lines,
                facts=len(facts[name]),
                candidates=tuple(by_file[name]),
                rejections=tuple(rejections[name]),
            )
            for name in facts
        ),
        problems=tuple(found_problems),
    )
