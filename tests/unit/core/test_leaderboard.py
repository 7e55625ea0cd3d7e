"""Leaderboard periods as half-open ranges of the team's local dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.core.leaderboard import Period, parse_period, window
from bot.core.model import TeamSchedule

TOKYO = TeamSchedule()  # weeks start on Monday
WEDNESDAY_NOON_TOKYO = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
END = date(2026, 11, 26)  # the day after "today": windows are [start, end)


@pytest.mark.parametrize(
    ("period", "start"),
    [
        (Period.WEEK, date(2026, 11, 23)),  # Monday of this week
        (Period.ROLLING, date(2026, 11, 19)),  # seven days, today included
        (Period.ALL, None),
    ],
)
def test_windows_in_local_dates(period: Period, start: date | None) -> None:
    assert window(period, WEDNESDAY_NOON_TOKYO, TOKYO) == (start, END)


@pytest.mark.parametrize(
    ("weekly_day", "start"),
    [
        (0, date(2026, 11, 23)),
        (2, date(2026, 11, 25)),  # the week starts today
        (3, date(2026, 11, 19)),  # Thursday weeks: last Thursday
        (4, date(2026, 11, 20)),
        (6, date(2026, 11, 22)),
    ],
)
def test_the_week_follows_the_weekly_post_day(weekly_day: int, start: date) -> None:
    schedule = TeamSchedule(weekly_day=weekly_day, weekly_time=time(18))
    assert window(Period.WEEK, WEDNESDAY_NOON_TOKYO, schedule) == (start, END)


@pytest.mark.parametrize(
    ("now", "timezone", "today"),
    [
        # 23:30 UTC on Sunday is already Monday morning in Tokyo: a new week there.
        (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), "Asia/Tokyo", date(2026, 11, 23)),
        (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), "UTC", date(2026, 11, 22)),
        (datetime(2026, 11, 23, 3, 0, tzinfo=UTC), "America/New_York", date(2026, 11, 22)),
    ],
)
def test_today_is_the_team_date(now: datetime, timezone: str, today: date) -> None:
    schedule = TeamSchedule(timezone=timezone)
    start, end = window(Period.ROLLING, now, schedule)
    assert (end - today).days == 1
    assert start is not None
    assert (today - start).days == 6


def test_a_new_week_starts_on_the_weekly_day_in_the_team_zone() -> None:
    sunday_night_utc = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert window(Period.WEEK, sunday_night_utc, TOKYO)[0] == date(2026, 11, 23)
    utc_team = TeamSchedule(timezone="UTC")
    assert window(Period.WEEK, sunday_night_utc, utc_team)[0] == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (None, Period.WEEK),  # the default
        ("", Period.WEEK),
        ("week", Period.WEEK),
        ("W", Period.WEEK),
        (" Week ", Period.WEEK),
        ("今週", Period.WEEK),
        ("7d", Period.ROLLING),
        ("7D", Period.ROLLING),
        ("7", Period.ROLLING),
        ("rolling", Period.ROLLING),
        ("７ｄ", Period.ROLLING),  # full width, as phones type it
        ("all", Period.ALL),
        ("ALL", Period.ALL),
        ("ＡＬＬ", Period.ALL),
        ("alltime", Period.ALL),
        ("全期間", Period.ALL),
        ("month", None),
        ("30d", None),
        ("weekly", None),
        ("a", None),
    ],
)
def test_parse_period(text: str | None, period: Period | None) -> None:
    assert parse_period(text) is period


def test_every_period_can_be_typed_by_its_value() -> None:
    assert [parse_period(p.value) for p in Period] == list(Period)
