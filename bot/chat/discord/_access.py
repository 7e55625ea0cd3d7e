"""Who is asking: the bot behind an interaction, the team of its server, and the admin check
every admin command and admin button goes through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord

from bot.chat.discord._locale import user_language
from bot.chat.messages import say
from bot.core.model import TeamInfo
from bot.core.parsing import InputError

if TYPE_CHECKING:
    from bot.chat.discord._bot import StudyBot


def studybot(interaction: discord.Interaction[Any]) -> StudyBot:
    return cast("StudyBot", interaction.client)


async def team_and_language(interaction: discord.Interaction[Any]) -> tuple[TeamInfo, str]:
    """The server's team and the language to answer this member in; refused in a DM."""
    team = await studybot(interaction).team_of(interaction)
    if team is None:
        raise InputError(say(user_language(interaction, None), "server_only"))
    return team, user_language(interaction, team)


async def admin_team(interaction: discord.Interaction[Any]) -> tuple[TeamInfo, str]:
    """Discord hides admin commands from members without Manage Server, but not buttons on a
    message they can see, and a hidden command can still be called: check every time."""
    team, lang = await team_and_language(interaction)
    if not interaction.permissions.manage_guild:
        raise InputError(say(lang, "admin_only"))
    return team, lang
