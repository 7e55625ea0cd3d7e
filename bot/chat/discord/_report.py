"""The "Report a problem" button under a reveal and a practice result, and its modal.

The button's id carries the question and the modal is handled from its own custom id, so a
report works across a restart. Enough reports hold a question out of the rotation until an
admin looks at it (/studybot reported)."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.chat.discord._access import studybot, team_and_language
from bot.chat.discord._locale import user_language
from bot.chat.discord._reply import Reply, respond
from bot.chat.messages import say

QUESTION = r"[\w.-]+"
BUTTON_PREFIX = "sb:rp:"
MODAL_ID = re.compile(rf"sb:rpm:(?P<question>{QUESTION})")
REASON_INPUT = "reason"
REASON_MAX_LENGTH = 300
CUSTOM_ID_MAX = 100


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"sb:rp:(?P<question>{QUESTION})",
):
    def __init__(self, question_id: str, *, label: str = "Report") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=f"{BUTTON_PREFIX}{question_id}",
            )
        )
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReportButton:
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        modal = ReportModal(self.question_id, user_language(interaction, None))
        await interaction.response.send_modal(modal)
        modal.stop()  # the submit is handled from its custom id (see `on_submit`)


def report_button(question_id: str, lang: str) -> ReportButton | None:
    """The button for a question; None for an id too long to fit in a custom id."""
    if len(f"sb:rpm:{question_id}") > CUSTOM_ID_MAX or not re.fullmatch(QUESTION, question_id):
        return None
    return ReportButton(question_id, label=say(lang, "report_button"))


class ReportModal(discord.ui.Modal):
    def __init__(self, question_id: str, lang: str) -> None:
        super().__init__(title=say(lang, "report_modal_title"), custom_id=f"sb:rpm:{question_id}")
        self.add_item(
            discord.ui.TextInput(
                label=say(lang, "report_modal_label"),
                custom_id=REASON_INPUT,
                style=discord.TextStyle.paragraph,
                placeholder=say(lang, "report_modal_placeholder"),
                required=False,
                max_length=REASON_MAX_LENGTH,
            )
        )


async def on_submit(
    interaction: discord.Interaction[Any], question_id: str, values: dict[str, str]
) -> None:
    reason = values.get(REASON_INPUT, "")[:REASON_MAX_LENGTH]
    await respond(interaction, _report(interaction, question_id, reason))


async def _report(interaction: discord.Interaction[Any], question_id: str, reason: str) -> Reply:
    bot = studybot(interaction)
    team, lang = await team_and_language(interaction)
    member = await bot.member_of(team, interaction.user)
    try:
        receipt = await bot.content.report(team, member, question_id, reason=reason)
    except LookupError:
        return Reply(content=say(lang, "report_unknown"))
    if not receipt.recorded:
        return Reply(content=say(lang, "report_already"))
    return Reply(content=say(lang, "report_held" if receipt.held else "report_recorded"))
