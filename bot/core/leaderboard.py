"""Leaderboard periods as ranges of local dates."""

from __future__ import annotations

import enum
import unicodedata
from datetime import date, datetime, timedelta

from bot.core.model import TeamSchedule
from bot.core.schedule import local_date, week_start


class Period(enum.StrEnum):
    WEEK = "week"
    """This leaderboard week, which starts on the team's weekly post day."""
    ROLLING = "7d"
    """The last seven local days, today included."""
    ALL = "all"


def window(period: Period, now: datetime, schedule: TeamSchedule) -> tuple[date | None, date]:
    """The local dates [start, end) a period covers; start None means from the beginning."""
    today = local_date(now, schedule.timezone)
    end = today + timedelta(days=1)
    if period is Period.WEEK:
        return week_start(today, schedule.weekly_day), end
    if period is Period.ROLLING:
        return today - timedelta(days=6), end
    return None, end


def parse_period(text: str | None) -> Period | None:
    if not text:
        return Period.WEEK
    key = unicodedata.normalize("NFKC", text).strip().casefold()  # ＡＬＬ and ７ｄ from phones
    aliases = {
        "week": Period.WEEK,
        "w": Period.WEEK,
        "今週": Period.WEEK,
        "7d": Period.ROLLING,
        "7": Period.ROLLING,
        "rolling": Period.ROLLING,
        "all": Period.ALL,
        "alltime": Period.ALL,
        "全期間": Period.ALL,
    }
    return aliases.get(key)
