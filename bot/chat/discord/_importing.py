"""/studybot import (notes attached to the command become candidate questions) and
/studybot auto-accept (how confident a candidate must be to skip the review)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aiohttp
import discord

from bot.chat.discord._access import admin_team, studybot
from bot.chat.discord._render import GREEN, GREY, clip
from bot.chat.discord._reply import Reply
from bot.chat.messages import say
from bot.content.notes import MAX_NOTE_BYTES, NoteFile, NoteProblem, ProblemKind, decode_note
from bot.core import parsing
from bot.core.parsing import InputError
from bot.services.content import ImportSummary, ReviewError

MB = 1024 * 1024


async def read_attachments(
    attachments: Sequence[discord.Attachment], lang: str
) -> tuple[list[NoteFile], list[NoteProblem]]:
    """Each attachment as a note, or why it is not one. One too large is not even downloaded."""
    notes: list[NoteFile] = []
    problems: list[NoteProblem] = []
    for attachment in attachments:
        name = attachment.filename
        if attachment.size > MAX_NOTE_BYTES:
            problems.append(NoteProblem(name, ProblemKind.TOO_LARGE, f"{attachment.size / MB:.1f}"))
            continue
        try:
            data = await attachment.read()
        except (discord.HTTPException, aiohttp.ClientError) as error:
            problems.append(NoteProblem(name, ProblemKind.UNREADABLE, str(error)))
            continue
        decoded = decode_note(name, data)
        if isinstance(decoded, NoteProblem):
            problems.append(decoded)
        else:
            notes.append(decoded)
    return notes, problems


def problem_text(problem: NoteProblem, lang: str) -> str:
    """Why a file gave no note, in the reader's language."""
    return say(lang, f"note_{problem.kind}", detail=problem.detail, limit=MAX_NOTE_BYTES // MB)


def summary_embed(summary: ImportSummary, lang: str) -> discord.Embed:
    """Per file what was read and kept, every problem, and what was stored."""
    escape = discord.utils.escape_markdown
    report = summary.report
    rows = [
        say(lang, "import_file_row", name=escape(f.name), lines=f.lines, kept=len(f.candidates))
        for f in report.files
    ]
    rows += [
        say(lang, "import_problem_row", name=escape(p.path), message=problem_text(p, lang))
        for p in report.problems
    ]
    outcome = [say(lang, "import_stored", added=summary.added, auto=summary.auto_accepted)]
    seen = len(report.candidates) - summary.added
    if seen > 0:
        outcome.append(say(lang, "import_seen", count=seen))
    if summary.added > summary.auto_accepted:
        outcome.append(say(lang, "import_next"))
    embed = discord.Embed(
        title=say(lang, "import_title"),
        description=clip("\n".join(rows), 4000),
        colour=GREEN if summary.added else GREY,
    )
    embed.add_field(name="\u200b", value=clip("\n".join(outcome)), inline=False)
    return embed


async def import_notes(
    interaction: discord.Interaction[Any], attachments: Sequence[discord.Attachment]
) -> Reply:
    team, lang = await admin_team(interaction)
    notes, problems = await read_attachments(attachments, lang)
    summary = await studybot(interaction).content.import_notes(team, notes, problems)
    return Reply(embed=summary_embed(summary, lang))


def parse_confidence(text: str | None, lang: str) -> float | None:
    """The core's reading of a confidence bar, explained in the reader's language."""
    try:
        return parsing.parse_confidence(text)
    except InputError:
        raise InputError(say(lang, "auto_accept_bad", value=text)) from None


async def auto_accept(interaction: discord.Interaction[Any], confidence: str | None) -> Reply:
    team, lang = await admin_team(interaction)
    threshold = parse_confidence(confidence, lang)
    try:
        team = await studybot(interaction).content.set_auto_accept(team, threshold)
    except ReviewError as error:
        raise InputError(say(lang, f"review_{error.problem}")) from error
    if team.auto_accept is None:
        return Reply(content=say(lang, "auto_accept_off"))
    return Reply(content=say(lang, "auto_accept_on", value=team.auto_accept))
