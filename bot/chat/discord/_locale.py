"""Which language to answer in: a member's own Discord language for replies only they see,
the team's language for what the whole channel reads."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.core.model import TeamInfo


def user_language(interaction: discord.Interaction[Any], team: TeamInfo | None) -> str:
    locale = interaction.locale
    if locale is discord.Locale.japanese:
        return "ja"
    if locale in {discord.Locale.american_english, discord.Locale.british_english}:
        return "en"
    return team.language if team is not None else "ja"


JAPANESE: dict[str, str] = {
    "A practice question, or today's question": "練習問題、または今日の問題",
    "A topic, or 'today' for the question of the day": "トピック (today で今日の問題)",
    "The team's standings on daily questions": "毎日の問題のチームランキング",
    "This week (default), the last 7 days, or all time": "今週 (既定)・直近7日・通算",
    "this week": "今週",
    "last 7 days": "直近7日",
    "all time": "通算",
    "Weakest topics, and what to practise next": "苦手なトピックと次に練習する問題",
    "Someone else's weak spots (default: yours)": "他のメンバーの苦手 (既定: 自分)",
    "The whole team's weak spots": "チーム全体の苦手",
    "Your totals, accuracy and streaks": "自分の成績・正答率・連続記録",
    "Delete everything studybot stores about you": "studybot が保存している自分のデータを削除",
    "Set up and run the daily question (Manage Server)": "毎日の問題の設定と操作 (サーバー管理)",
    "Choose the channel and time of the daily question": "毎日の問題の投稿先と時刻を設定",
    "Where the daily question is posted": "毎日の問題を投稿するチャンネル",
    "Local time of the daily post, e.g. 09:00": "投稿時刻 (例: 09:00)",
    "IANA time zone, e.g. Asia/Tokyo": "タイムゾーン (例: Asia/Tokyo)",
    "How long a round stays open, e.g. 12h or 90m (default 12h)": (
        "回答受付の長さ (例: 12h, 90m。既定 12h)"
    ),
    "Day of the weekly leaderboard post (default Monday)": "週間ランキングの曜日 (既定: 月曜)",
    "Local time of the weekly post (default 09:00)": "週間ランキングの時刻 (既定: 09:00)",
    "The language of the bot's posts": "ボットの投稿の言語",
    "Show the current settings": "現在の設定を表示",
    "Stop posting until resumed": "投稿を一時停止",
    "Start posting again": "投稿を再開",
    "Post today's question now": "今日の問題を今すぐ投稿",
    "Close today's question and reveal it now": "今日の問題を締め切って答えを発表",
    "Go through the questions proposed from your notes": "ノートから作った問題の候補を確認",
    "Questions members reported: keep or remove them": "メンバーが報告した問題を残すか削除",
    "Propose questions from notes (markdown files)": "ノート (Markdown) から問題の候補を作成",
    "A note: a markdown or text file": "ノート (Markdown またはテキストのファイル)",
    "Another note": "追加のノート",
    "How confident a proposed question must be to skip the review": (
        "確認なしで採用する候補の確信度"
    ),
    "A number from 0 to 1 such as 0.8, or off": "0〜1 の数 (例: 0.8) または off",
}


class CommandTranslator(app_commands.Translator):
    """Japanese descriptions for the slash commands; Discord shows them to Japanese clients."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.japanese:
            return JAPANESE.get(string.message)
        return None
