"""Admins' review of the team's own content: candidates imported from notes (/studybot review)
and questions members reported (/studybot reported).

Each shows one item as an ephemeral embed with buttons; a decision edits that same message to
show the next one. The buttons' ids carry the candidate or question, and the edit modal is
handled from its custom id, so a review left open across a restart goes on working. Only
members with Manage Server can press them: the check is made on every click."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import discord

from bot.chat.discord._access import admin_team, studybot
from bot.chat.discord._locale import user_language
from bot.chat.discord._render import GOLD, PURPLE, RED, clip
from bot.chat.discord._reply import Reply, update
from bot.chat.formatting import topic_name
from bot.chat.messages import say
from bot.content.notes import TYPO_CORRECTED, Why
from bot.core.matching import letter
from bot.core.model import (
    CandidateStatus,
    FlaggedQuestion,
    Question,
    QuestionKind,
    StoredCandidate,
    TeamInfo,
    Topic,
)
from bot.core.parsing import InputError
from bot.services.content import ContentService, ReviewError

QUESTION = r"[\w.-]+"
EDIT_MODAL_ID = re.compile(r"sb:rve:(?P<candidate>\d+)")
SKIP_WINDOW = 200
"""How far down the pending list Skip looks for the next candidate before starting over."""
INPUT_MAX = 4000
"""Discord's limit on a text input's value (and so on what it can be prefilled with)."""
NOTE_PROMPT = 80
EMBED_MAX = 6000
CUSTOM_ID_MAX = 100

PROMPT_INPUT = "prompt"
CHOICES_INPUT = "choices"
ANSWER_INPUT = "answer"
ACCEPTED_INPUT = "accepted"
EXPLANATION_INPUT = "explanation"


# -- what an admin sees -------------------------------------------------------------------


def _body(question: Question) -> str:
    """The prompt, and for a choice question every choice with the right one marked."""
    lines = [question.prompt]
    if question.kind is QuestionKind.CHOICE:
        lines.append("")
        for i, choice in enumerate(question.choices):
            mark = "✅ " if choice == question.answer else ""
            lines.append(f"{mark}**{letter(i)}.** {choice}")
    return clip("\n".join(lines), INPUT_MAX)


def _accepted(embed: discord.Embed, question: Question, lang: str) -> None:
    if question.kind is QuestionKind.TEXT:
        embed.add_field(
            name=say(lang, "review_accepted"),
            value=clip(" / ".join(question.accepted) or "—"),
            inline=False,
        )


def reason_text(reason: str, lang: str) -> str:
    """One of a candidate's reasons in the reader's language (stored in English)."""
    if reason.startswith(TYPO_CORRECTED):
        return say(lang, "why_typo", correction=reason.removeprefix(TYPO_CORRECTED))
    known = {why.value: why for why in Why}
    return say(lang, f"why_{known[reason].name.lower()}") if reason in known else reason


def candidate_embed(
    candidate: StoredCandidate, pending: int, lang: str, topic: Topic | None = None
) -> discord.Embed:
    q = candidate.question
    embed = discord.Embed(
        title=say(lang, "review_title", id=candidate.id), description=_body(q), colour=PURPLE
    )
    embed.set_author(name=topic_name(topic, lang) if topic else q.topic)
    _accepted(embed, q, lang)
    embed.add_field(name=say(lang, "explanation"), value=clip(q.explanation or "—"), inline=False)
    source = say(lang, "review_source_line", source=q.source.label(), line=candidate.line)
    embed.add_field(name=say(lang, "source"), value=clip(source), inline=False)
    confidence = f"{candidate.confidence:.2f}"
    if candidate.reasons:
        confidence += " — " + "; ".join(reason_text(r, lang) for r in candidate.reasons)
    embed.add_field(name=say(lang, "review_confidence"), value=clip(confidence), inline=False)
    embed.set_footer(text=say(lang, "review_pending", count=pending))
    return _fit(embed)


def flagged_embed(
    flagged: FlaggedQuestion, total: int, lang: str, topic: Topic | None = None
) -> discord.Embed:
    q = flagged.question
    embed = discord.Embed(
        title=say(lang, "reported_title", index=1, total=total),
        description=_body(q),
        colour=RED if flagged.held else GOLD,
    )
    embed.set_author(name=topic_name(topic, lang) if topic else q.topic)
    _accepted(embed, q, lang)
    reasons = "\n".join(f"• {reason}" for reason in flagged.reasons)
    embed.add_field(
        name=say(lang, "reported_reports", count=flagged.reports),
        value=clip(reasons or say(lang, "reported_no_reason")),
        inline=False,
    )
    embed.add_field(name=say(lang, "explanation"), value=clip(q.explanation or "—"), inline=False)
    embed.add_field(name=say(lang, "source"), value=clip(q.source.label()), inline=False)
    state = say(lang, "reported_held" if flagged.held else "reported_active")
    embed.set_footer(text=f"{state} · {q.id}")
    return _fit(embed)


def _fit(embed: discord.Embed) -> discord.Embed:
    """Shorten the description of an embed over Discord's 6,000 characters in all."""
    over = len(embed) - EMBED_MAX
    if over > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - over, 1))
    return embed


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= NOTE_PROMPT else line[: NOTE_PROMPT - 1] + "…"


def _with(note: str | None, text: str) -> str:
    return f"{note}\n{text}" if note else text


# -- candidates -----------------------------------------------------------------------------


REVIEW_STYLES = {
    "approve": discord.ButtonStyle.success,
    "reject": discord.ButtonStyle.danger,
    "edit": discord.ButtonStyle.primary,
    "skip": discord.ButtonStyle.secondary,
}


class ReviewButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sb:rv:(?P<action>approve|reject|edit|skip):(?P<candidate>\d+)",
):
    def __init__(self, action: str, candidate_id: int, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or action,
                style=REVIEW_STYLES[action],
                custom_id=f"sb:rv:{action}:{candidate_id}",
            )
        )
        self.action = action
        self.candidate_id = candidate_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReviewButton:
        return cls(match["action"], int(match["candidate"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.action == "edit":
            await _open_editor(interaction, self.candidate_id)
        elif self.action == "skip":
            await update(interaction, _skip(interaction, self.candidate_id))
        else:
            await update(interaction, _decide(interaction, self.action, self.candidate_id))


def review_view(candidate_id: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("approve", "reject", "edit", "skip"):
        label = say(lang, f"review_{action}_button")
        view.add_item(ReviewButton(action, candidate_id, label=label))
    return view


async def start_review(interaction: discord.Interaction[Any]) -> Reply:
    """/studybot review: the most confident pending candidate."""
    team, lang = await admin_team(interaction)
    content = studybot(interaction).content
    found = await content.pending(team, limit=1)
    return await _show(content, team, lang, found[0] if found else None)


async def _show(
    content: ContentService,
    team: TeamInfo,
    lang: str,
    candidate: StoredCandidate | None,
    note: str | None = None,
) -> Reply:
    if candidate is None:
        return Reply(content=_with(note, say(lang, "review_empty")))
    pending = (await content.counts(team))[CandidateStatus.PENDING]
    return Reply(
        content=note,
        embed=candidate_embed(candidate, pending, lang, content.topic(candidate.question.topic)),
        view=review_view(candidate.id, lang),
    )


async def _decide(interaction: discord.Interaction[Any], action: str, candidate_id: int) -> Reply:
    team, lang = await admin_team(interaction)
    content = studybot(interaction).content
    candidate = await content.candidate(team, candidate_id)
    by = interaction.user.display_name
    decide = content.approve if action == "approve" else content.reject
    if candidate is None or not await decide(team, candidate_id, by=by):
        note = say(lang, "review_decided")
    else:
        key = "review_approved" if action == "approve" else "review_rejected"
        note = say(lang, key, prompt=_short(candidate.question.prompt))
    found = await content.pending(team, limit=1)
    return await _show(content, team, lang, found[0] if found else None, note)


async def _skip(interaction: discord.Interaction[Any], candidate_id: int) -> Reply:
    """The candidate after this one in review order, starting over after the last."""
    team, lang = await admin_team(interaction)
    content = studybot(interaction).content
    pending = await content.pending(team, limit=SKIP_WINDOW)
    current = await content.candidate(team, candidate_id)
    following = None
    if pending and current is not None:
        after = (-current.confidence, current.id)
        following = next((c for c in pending if (-c.confidence, c.id) > after), pending[0])
    elif pending:
        following = pending[0]
    return await _show(content, team, lang, following)


# -- editing a candidate ---------------------------------------------------------------------


class EditModal(discord.ui.Modal):
    """Prefilled with the candidate's wording; at most five inputs, as Discord allows."""

    def __init__(self, candidate: StoredCandidate, lang: str) -> None:
        super().__init__(title=say(lang, "edit_modal_title"), custom_id=f"sb:rve:{candidate.id}")
        q = candidate.question
        self._input(PROMPT_INPUT, say(lang, "edit_prompt_label"), q.prompt)
        if q.kind is QuestionKind.CHOICE:
            self._input(CHOICES_INPUT, say(lang, "edit_choices_label"), "\n".join(q.choices))
            self._input(ANSWER_INPUT, say(lang, "edit_answer_label"), q.answer, long=False)
        else:
            self._input(ACCEPTED_INPUT, say(lang, "edit_accepted_label"), "\n".join(q.accepted))
        self._input(EXPLANATION_INPUT, say(lang, "edit_explanation_label"), q.explanation)

    def _input(self, custom_id: str, label: str, value: str, *, long: bool = True) -> None:
        self.add_item(
            discord.ui.TextInput(
                label=label[:45],
                custom_id=custom_id,
                style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
                default=value[:INPUT_MAX],
                max_length=INPUT_MAX,
            )
        )


async def _editor(interaction: discord.Interaction[Any], candidate_id: int) -> EditModal | Reply:
    team, lang = await admin_team(interaction)
    candidate = await studybot(interaction).content.candidate(team, candidate_id)
    if candidate is None or candidate.status is not CandidateStatus.PENDING:
        return Reply(content=say(lang, "review_decided"))
    return EditModal(candidate, lang)


async def _open_editor(interaction: discord.Interaction[Any], candidate_id: int) -> None:
    try:
        opened = await _editor(interaction, candidate_id)
    except InputError as error:
        lang = user_language(interaction, None)
        opened = Reply(content=say(lang, "bad_input", error=str(error)))
    if isinstance(opened, EditModal):
        await interaction.response.send_modal(opened)
        opened.stop()  # the submit is handled from its custom id (see `on_edit`)
    else:
        await interaction.response.send_message(ephemeral=True, **opened.fields())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _answer(given: str, choices: list[str]) -> str:
    """The choice an answer names: its text, or its letter or number (B, ｂ, 2)."""
    given = given.strip()
    if given in choices:
        return given
    key = unicodedata.normalize("NFKC", given).upper()
    letters = [letter(i) for i in range(min(len(choices), 6))]
    if key in letters:
        return choices[letters.index(key)]
    if key.isdecimal() and len(key) <= 2 and 1 <= int(key) <= len(choices):
        return choices[int(key) - 1]
    return given


async def on_edit(
    interaction: discord.Interaction[Any], candidate_id: int, values: dict[str, str]
) -> None:
    await update(interaction, _save(interaction, candidate_id, values))


async def _save(
    interaction: discord.Interaction[Any], candidate_id: int, values: dict[str, str]
) -> Reply:
    team, lang = await admin_team(interaction)
    content = studybot(interaction).content
    choices = _lines(values[CHOICES_INPUT]) if CHOICES_INPUT in values else None
    try:
        candidate = await content.edit(
            team,
            candidate_id,
            prompt=values.get(PROMPT_INPUT),
            choices=choices,
            answer=_answer(values.get(ANSWER_INPUT, ""), choices) if choices else None,
            accepted=_lines(values[ACCEPTED_INPUT]) if ACCEPTED_INPUT in values else None,
            explanation=values.get(EXPLANATION_INPUT),
        )
    except ReviewError as error:
        problem = say(lang, f"review_{error.problem}")
        return Reply(content=say(lang, "review_not_saved", error=problem), new_message=True)
    except LookupError:
        return Reply(content=say(lang, "review_decided"), new_message=True)
    return await _show(content, team, lang, candidate, say(lang, "review_saved"))


# -- reported questions --------------------------------------------------------------------


class ResolveButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"sb:rq:(?P<action>keep|remove):(?P<question>{QUESTION})",
):
    def __init__(self, action: str, question_id: str, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or action,
                style=discord.ButtonStyle.success
                if action == "keep"
                else discord.ButtonStyle.danger,
                custom_id=f"sb:rq:{action}:{question_id}",
            )
        )
        self.action = action
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ResolveButton:
        return cls(match["action"], match["question"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await update(interaction, _resolve(interaction, self.action, self.question_id))


def resolve_view(question_id: str, lang: str) -> discord.ui.View | None:
    if len(f"sb:rq:remove:{question_id}") > CUSTOM_ID_MAX:
        return None
    view = discord.ui.View(timeout=None)
    for action in ("keep", "remove"):
        label = say(lang, f"reported_{action}_button")
        view.add_item(ResolveButton(action, question_id, label=label))
    return view


async def start_reported(interaction: discord.Interaction[Any]) -> Reply:
    """/studybot reported: the most reported question first."""
    team, lang = await admin_team(interaction)
    return await _show_reported(studybot(interaction).content, team, lang)


async def _show_reported(
    content: ContentService, team: TeamInfo, lang: str, note: str | None = None
) -> Reply:
    flagged = await content.reported(team)
    if not flagged:
        return Reply(content=_with(note, say(lang, "reported_empty")))
    first = flagged[0]
    return Reply(
        content=note,
        embed=flagged_embed(first, len(flagged), lang, content.topic(first.question.topic)),
        view=resolve_view(first.question.id, lang),
    )


async def _resolve(interaction: discord.Interaction[Any], action: str, question_id: str) -> Reply:
    team, lang = await admin_team(interaction)
    content = studybot(interaction).content
    keep = action == "keep"
    if await content.resolve(team, question_id, keep=keep):
        note = say(lang, "reported_kept" if keep else "reported_removed")
    else:
        note = say(lang, "reported_resolved")
    return await _show_reported(content, team, lang, note)
