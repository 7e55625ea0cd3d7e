from __future__ import annotations

from datetime import UTC, date, datetime

from bot.core.leaderboard import Period, parse_period, window
from bot.core.model import TeamSchedule

WEDNESDAY_NOON_TOKYO = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def test_windows_in_local_dates() -> None:
    s = TeamSchedule()
    end = date(2026, 11, 26)
    assert window(Period.WEEK, WEDNESDAY_NOON_TOKYO, s) == (date(2026, 11, 23), end)
    assert window(Period.ROLLING, WEDNESDAY_NOON_TOKYO, s) == (date(2026, 11, 19), end)
    assert window(Period.ALL, WEDNESDAY_NOON_TOKYO, s) == (None, end)


def test_week_follows_the_weekly_post_day() -> None:
    friday_weeks = TeamSchedule(weekly_day=4)
    assert window(Period.WEEK, WEDNESDAY_NOON_TOKYO, friday_weeks)[0] == date(2026, 11, 20)


def test_parse_period() -> None:
    assert parse_period(None) is Period.WEEK
    assert parse_period("ALL") is Period.ALL
    assert parse_period("7d") is Period.ROLLING
    assert parse_period("今週") is Period.WEEK
    assert parse_period("month") is None
