"""Buttons and the answer modal. Their custom ids carry everything a click needs (the round,
the choice), so they keep working after a restart: nothing lives in memory between clicks."""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord

from bot.chat.discord._locale import user_language
from bot.chat.messages import say
from bot.core.matching import letter

MODAL_PREFIX = "sb:m:"
MODAL_ID = re.compile(r"sb:m:(?P<round>\d+)")
ANSWER_INPUT = "answer"
ANSWER_MAX_LENGTH = 200


class Handlers(Protocol):
    """What a click asks the bot to do; the bot implements it."""

    async def on_answer(
        self, interaction: discord.Interaction[Any], round_id: int, response: str
    ) -> None: ...

    async def on_practice(
        self, interaction: discord.Interaction[Any], topic: str | None
    ) -> None: ...

    async def on_forget(self, interaction: discord.Interaction[Any], user_id: int) -> None: ...


def _handlers(interaction: discord.Interaction[Any]) -> Handlers:
    return cast(Handlers, interaction.client)


class ChoiceButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sb:c:(?P<round>\d+):(?P<choice>\d+)",
):
    def __init__(self, round_id: int, index: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=letter(index),
                style=discord.ButtonStyle.primary,
                custom_id=f"sb:c:{round_id}:{index}",
            )
        )
        self.round_id = round_id
        self.index = index

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ChoiceButton:
        return cls(int(match["round"]), int(match["choice"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handlers(interaction).on_answer(interaction, self.round_id, letter(self.index))


class TextAnswerButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sb:t:(?P<round>\d+)",
):
    """Opens the answer modal of a free-text question."""

    def __init__(self, round_id: int, *, label: str = "✍") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji="✍️",
                style=discord.ButtonStyle.primary,
                custom_id=f"sb:t:{round_id}",
            )
        )
        self.round_id = round_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> TextAnswerButton:
        return cls(int(match["round"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        lang = user_language(interaction, None)
        modal = AnswerModal(self.round_id, lang)
        await interaction.response.send_modal(modal)
        # The submit is handled from its custom id (see `modal_round`), not by this object,
        # so an answer typed across a restart still counts.
        modal.stop()


class AnotherQuestionButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sb:n:(?P<topic>[\w-]*)",
):
    """Under a practice result: another practice question on the same topic."""

    def __init__(self, topic: str | None, *, label: str = "▶") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"sb:n:{topic or ''}",
            )
        )
        self.topic = topic or None

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> AnotherQuestionButton:
        return cls(match["topic"] or None)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handlers(interaction).on_practice(interaction, self.topic)


class AnswerModal(discord.ui.Modal):
    def __init__(self, round_id: int, lang: str) -> None:
        super().__init__(
            title=say(lang, "answer_modal_title"), custom_id=f"{MODAL_PREFIX}{round_id}"
        )
        self.add_item(
            discord.ui.TextInput(
                label=say(lang, "answer_modal_label"),
                custom_id=ANSWER_INPUT,
                max_length=ANSWER_MAX_LENGTH,
            )
        )


def submitted(interaction: discord.Interaction[Any]) -> tuple[str, dict[str, str]] | None:
    """(custom id, {input id: value}) when an interaction is a modal submit. Modals are
    handled from these alone, so one typed across a restart still arrives."""
    if interaction.type is not discord.InteractionType.modal_submit or interaction.data is None:
        return None
    values: dict[str, str] = {}
    _input_values(interaction.data.get("components", []), values)
    return str(interaction.data.get("custom_id", "")), values


def modal_round(interaction: discord.Interaction[Any]) -> tuple[int, str] | None:
    """(round id, typed answer) when an interaction is the submit of an answer modal."""
    found = submitted(interaction)
    if found is None:
        return None
    custom_id, values = found
    match = MODAL_ID.fullmatch(custom_id)
    if match is None:
        return None
    return int(match["round"]), values.get(ANSWER_INPUT, "")


def _input_values(nodes: Any, values: dict[str, str]) -> None:
    """Every text input's value, wherever the modal's layout nests it (rows or labels)."""
    for node in nodes if isinstance(nodes, list) else [nodes]:
        if not isinstance(node, dict):
            continue
        if "custom_id" in node and "value" in node:
            values[str(node["custom_id"])] = str(node["value"])
        for key in ("components", "component"):
            if key in node:
                _input_values(node[key], values)


class ForgetButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sb:f:(?P<user>\d+)",
):
    """Confirms /forget-me. Only the member who asked can press it."""

    def __init__(self, user_id: int, *, label: str = "🗑") -> None:
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.danger, custom_id=f"sb:f:{user_id}"
            )
        )
        self.user_id = user_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ForgetButton:
        return cls(int(match["user"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handlers(interaction).on_forget(interaction, self.user_id)
