"""The terminal side of the notes importer: an import report, and a review loop.

Reads one answer per line, so a review can be scripted as well as typed:
`a` approve, `r` reject, `e` edit, `s` skip, `q` quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from bot.core.matching import letter
from bot.core.model import CandidateStatus, Question, QuestionKind, StoredCandidate, TeamInfo
from bot.services.content import ContentService, ImportSummary, ReviewError

ReadLine = Callable[[str], str | None]
"""Shows a prompt and returns the line typed, or None at the end of input."""

ALREADY_DECIDED = "not saved: someone else decided this candidate meanwhile\n"


SURE = 0.8
"""The confidence the import report counts as sure; a sensible auto-accept bar."""


def print_import(
    summary: ImportSummary, out: TextIO, *, show: int = 0, dry_run: bool = False
) -> None:
    report = summary.report
    out.write(f"{'note':<34} {'lines':>6} {'facts':>6} {'questions':>10} {'>=0.8':>6}\n")
    for file in report.files:
        sure = sum(c.confidence >= SURE for c in file.candidates)
        out.write(
            f"{file.name[:34]:<34} {file.lines:>6} {file.facts:>6} "
            f"{len(file.candidates):>10} {sure:>6}\n"
        )
    for problem in report.problems:
        out.write(f"skipped {problem}\n")
    if dry_run:
        out.write(f"dry run: {len(report.candidates)} candidate(s) proposed, nothing stored.\n")
    else:
        auto = summary.auto_accepted
        out.write(
            f"{summary.added} new candidate(s) stored"
            f"{f', {auto} accepted automatically' if auto else ''}"
            "; review them with `studybot content review`.\n"
        )
    for candidate in sorted(report.candidates, key=lambda c: -c.confidence)[:show]:
        out.write("\n" + describe(candidate.question, candidate.confidence, candidate.line))


def describe(question: Question, confidence: float, line: int) -> str:
    exams = f" [{'/'.join(question.exams)}]" if question.exams else ""
    where = f"{question.source.label()} (line {line})"
    lines = [f"[{confidence:.2f}] {question.topic}{exams} · {where}"]
    lines.append(question.prompt)
    if question.kind is QuestionKind.CHOICE:
        for index, choice in enumerate(question.choices):
            mark = "✓" if choice == question.answer else " "
            lines.append(f"  {mark} {letter(index)}. {choice}")
    else:
        lines.append("  accepted: " + " / ".join(question.accepted))
    lines.append("  " + question.explanation.replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


async def review(
    content: ContentService, team: TeamInfo, read: ReadLine, out: TextIO, *, by: str
) -> dict[str, int]:
    """Go through the pending candidates, most confident first; returns what was decided."""
    done = {"approved": 0, "rejected": 0, "edited": 0, "skipped": 0}
    skipped: set[int] = set()
    while True:
        pending = [
            c for c in await content.pending(team, limit=len(skipped) + 1) if c.id not in skipped
        ]
        if not pending:
            out.write("nothing left to review\n")
            break
        candidate = pending[0]
        counts = await content.counts(team)
        out.write(f"\n{counts[CandidateStatus.PENDING]} pending\n")
        out.write(describe(candidate.question, candidate.confidence, candidate.line))
        if candidate.reasons:
            out.write("  why: " + "; ".join(candidate.reasons) + "\n")
        answer = read("[a]pprove [r]eject [e]dit [s]kip [q]uit > ")
        if answer is None or answer.strip().lower() in {"q", "quit"}:
            break
        action = answer.strip().lower()[:1]
        if action == "a":
            if await content.approve(team, candidate.id, by=by):
                done["approved"] += 1
            else:
                out.write(ALREADY_DECIDED)
        elif action == "r":
            if await content.reject(team, candidate.id, by=by):
                done["rejected"] += 1
            else:
                out.write(ALREADY_DECIDED)
        elif action == "e":
            if await _edit(content, team, candidate, read, out):
                done["edited"] += 1
        elif action == "s":
            skipped.add(candidate.id)
            done["skipped"] += 1
        else:
            out.write("type a, r, e, s or q\n")
    out.write(", ".join(f"{n} {what}" for what, n in done.items()) + "\n")
    return done


async def _edit(
    content: ContentService, team: TeamInfo, candidate: StoredCandidate, read: ReadLine, out: TextIO
) -> bool:
    """Ask for each field; an empty line keeps it. Lists are separated with ' | '."""
    question = candidate.question
    prompt = read("prompt (empty: keep) > ")
    if question.kind is QuestionKind.CHOICE:
        choices = read("choices, separated by ' | ' (empty: keep) > ")
        answer = read("answer (empty: keep) > ")
        accepted = None
    else:
        choices = answer = None
        accepted = read("accepted answers, separated by ' | ' (empty: keep) > ")
    explanation = read("explanation (empty: keep) > ")
    try:
        await content.edit(
            team,
            candidate.id,
            prompt=prompt or None,
            choices=choices.split("|") if choices else None,
            answer=answer or None,
            accepted=accepted.split("|") if accepted else None,
            explanation=explanation or None,
        )
    except ReviewError as error:
        out.write(f"not saved: {error}\n")
        return False
    except LookupError:
        out.write(ALREADY_DECIDED)
        return False
    out.write("saved\n")
    return True
