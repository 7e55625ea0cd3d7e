"""The discord.py client: it turns interactions into service calls and results into embeds."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.chat.discord import _components as components
from bot.chat.discord import _render as render
from bot.chat.discord import _report as report
from bot.chat.discord import _review as review
from bot.chat.discord._commands import install
from bot.chat.discord._courier import PLATFORM, Courier
from bot.chat.discord._locale import CommandTranslator, user_language
from bot.chat.discord._reply import Reply, respond
from bot.chat.formatting import invalid_answer
from bot.chat.messages import say
from bot.core.model import MemberInfo, TeamInfo, TeamSchedule
from bot.services.clock import Clock
from bot.services.content import ContentService
from bot.services.quiz import QuizService, UnknownTopicError
from bot.services.views import AnswerStatus, QuestionCard

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Defaults:
    """What a server starts with before an admin runs /studybot setup."""

    language: str = "ja"
    timezone: str = "Asia/Tokyo"


class StudyBot(discord.Client):
    def __init__(
        self,
        quiz: QuizService,
        clock: Clock,
        *,
        content: ContentService,
        defaults: Defaults = Defaults(),
        notes_url: str | None = None,
        sync_commands: bool = True,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        super().__init__(
            # Slash commands, buttons and modals need no privileged intent; guilds gives
            # channel names for the settings view.
            intents=discord.Intents(guilds=True),
            # Nothing the bot sends can ping @everyone, a role or a member.
            allowed_mentions=discord.AllowedMentions.none(),
            chunk_guilds_at_startup=False,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.quiz = quiz
        self.content = content
        self.clock = clock
        self.defaults = defaults
        self.notes_url = notes_url
        self.tree = app_commands.CommandTree(self)
        self.courier = Courier(self, quiz, clock, notes_url=notes_url)
        self._sync_commands = sync_commands

        install(self.tree)

    # -- lifecycle ------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        self.add_dynamic_items(
            components.ChoiceButton,
            components.TextAnswerButton,
            components.AnotherQuestionButton,
            components.ForgetButton,
            report.ReportButton,
            review.ReviewButton,
            review.ResolveButton,
        )
        await self.tree.set_translator(CommandTranslator())
        if self._sync_commands:
            await self.tree.sync()
        self.courier.start()

    async def close(self) -> None:
        await self.courier.stop()
        await super().close()

    # -- who is asking --------------------------------------------------------------------

    async def team_of(self, interaction: discord.Interaction[Any]) -> TeamInfo | None:
        """The team of the server the interaction came from; None in a DM."""
        guild_id = interaction.guild_id
        if guild_id is None:
            return None
        name = interaction.guild.name if interaction.guild else ""
        return await self.quiz.team(
            platform=PLATFORM,
            external_id=str(guild_id),
            name=name,
            language=self.defaults.language,
            schedule=TeamSchedule(timezone=self.defaults.timezone),
        )

    async def member_of(self, team: TeamInfo, user: discord.User | discord.Member) -> MemberInfo:
        return await self.quiz.member(team, external_id=str(user.id), name=user.display_name)

    # -- clicks and modals ----------------------------------------------------------------

    async def on_answer(
        self, interaction: discord.Interaction[Any], round_id: int, response: str
    ) -> None:
        await respond(interaction, self._answer(interaction, round_id, response))

    async def _answer(
        self, interaction: discord.Interaction[Any], round_id: int, response: str
    ) -> Reply:
        team = await self.team_of(interaction)
        if team is None:
            return Reply(content=say(user_language(interaction, None), "server_only"))
        lang = user_language(interaction, team)
        member = await self.member_of(team, interaction.user)
        receipt = await self.quiz.answer(round_id=round_id, member=member, response=response)
        if receipt.status is AnswerStatus.RECORDED:
            if receipt.correct is None:
                self.courier.count_changed(team, round_id)
                return Reply(content=say(lang, "recorded_short", response=receipt.response))
            result = render.receipt(receipt, lang, self.notes_url)
            assert isinstance(result, discord.Embed)
            assert receipt.question is not None
            view = discord.ui.View(timeout=None)
            view.add_item(
                components.AnotherQuestionButton(
                    receipt.question.topic, label=say(lang, "next_question_button")
                )
            )
            flag = report.report_button(receipt.question.id, lang)
            if flag is not None:
                view.add_item(flag)
            return Reply(embed=result, view=view)
        if receipt.status is AnswerStatus.ALREADY_ANSWERED:
            return Reply(content=say(lang, "already_answered_short"))
        if receipt.status is AnswerStatus.CLOSED:
            return Reply(content=say(lang, "closed"))
        if receipt.status is AnswerStatus.INVALID and receipt.question is not None:
            return Reply(content=invalid_answer(receipt.question, receipt.response, lang))
        return Reply(content=say(lang, "no_round"))

    async def on_practice(self, interaction: discord.Interaction[Any], topic: str | None) -> None:
        await respond(interaction, self.practice(interaction, topic))

    async def practice(self, interaction: discord.Interaction[Any], topic: str | None) -> Reply:
        team = await self.team_of(interaction)
        if team is None:
            return Reply(content=say(user_language(interaction, None), "server_only"))
        lang = user_language(interaction, team)
        member = await self.member_of(team, interaction.user)
        try:
            card = await self.quiz.practice(
                team, member, channel=str(interaction.channel_id), topic=topic
            )
        except UnknownTopicError as error:
            names = ", ".join(t.id for t in error.topics)
            return Reply(content=say(lang, "unknown_topic", query=error.query, topics=names))
        if card is None:
            return Reply(content=say(lang, "no_question"))
        return self.card_reply(card, lang)

    def card_reply(self, card: QuestionCard, lang: str) -> Reply:
        return Reply(embed=render.question(card, lang), view=render.question_view(card, lang))

    async def on_forget(self, interaction: discord.Interaction[Any], user_id: int) -> None:
        await respond(interaction, self._forget(interaction, user_id))

    async def _forget(self, interaction: discord.Interaction[Any], user_id: int) -> Reply:
        team = await self.team_of(interaction)
        lang = user_language(interaction, team)
        if team is None:
            return Reply(content=say(lang, "server_only"))
        if interaction.user.id != user_id:
            return Reply(content=say(lang, "not_yours"))
        done = await self.quiz.forget_member(team, external_id=str(interaction.user.id))
        name = interaction.user.display_name
        return Reply(
            content=say(lang, "forgotten", name=name) if done else say(lang, "nothing_to_forget")
        )

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Modals are handled from their custom id, so a restart loses none."""
        submitted = components.submitted(interaction)
        if submitted is None:
            return
        custom_id, values = submitted
        if match := components.MODAL_ID.fullmatch(custom_id):
            answer = values.get(components.ANSWER_INPUT, "")
            await self.on_answer(interaction, int(match["round"]), answer)
        elif match := report.MODAL_ID.fullmatch(custom_id):
            await report.on_submit(interaction, match["question"], values)
        elif match := review.EDIT_MODAL_ID.fullmatch(custom_id):
            await review.on_edit(interaction, int(match["candidate"]), values)
