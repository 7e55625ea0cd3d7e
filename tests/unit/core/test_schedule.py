from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.core.model import TeamSchedule
from bot.core.schedule import (
    at_local,
    daily_decision,
    local_date,
    next_daily_post,
    next_weekly_post,
    week_start,
    weekly_post_due,
)

TOKYO = TeamSchedule()  # Asia/Tokyo, 09:00, closes after 12 h, weekly Monday 09:00
MONDAY = date(2026, 11, 23)


def tokyo(day: date, hour: int, minute: int = 0) -> datetime:
    """A Tokyo wall-clock time as UTC (Tokyo is UTC+9 all year)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


def test_nine_in_tokyo_is_midnight_utc() -> None:
    assert at_local(MONDAY, time(9), "Asia/Tokyo") == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


def test_local_date_crosses_midnight_in_the_team_zone() -> None:
    late_utc = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)  # 00:30 on the 24th in Tokyo
    assert local_date(late_utc, "Asia/Tokyo") == date(2026, 11, 24)
    assert local_date(late_utc, "UTC") == date(2026, 11, 23)


def test_spring_forward_gap_maps_to_one_instant_after_the_gap() -> None:
    # 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00 EST->EDT).
    instant = at_local(date(2026, 3, 8), time(2, 30), "America/New_York")
    assert instant == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert instant.astimezone(UTC) > at_local(date(2026, 3, 8), time(1, 59), "America/New_York")


def test_fall_back_ambiguity_takes_the_first_occurrence() -> None:
    # 2026-11-01 01:30 happens twice in New York; the first is still EDT (UTC-4).
    assert at_local(date(2026, 11, 1), time(1, 30), "America/New_York") == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (8, 59, None),
        (9, 0, MONDAY),
        (20, 59, MONDAY),
        (21, 0, None),  # the window closed: too late for a post
    ],
)
def test_daily_decision_through_the_day(hour: int, minute: int, expected: date | None) -> None:
    decision = daily_decision(tokyo(MONDAY, hour, minute), TOKYO, MONDAY - timedelta(days=1))
    assert decision.post_for == expected


def test_no_post_when_the_date_already_has_one() -> None:
    assert daily_decision(tokyo(MONDAY, 10), TOKYO, MONDAY).post_for is None


def test_downtime_reports_missed_dates_and_posts_only_inside_the_window() -> None:
    last = MONDAY - timedelta(days=3)
    decision = daily_decision(tokyo(MONDAY, 10), TOKYO, last)
    assert decision.post_for == MONDAY
    assert decision.missed == (MONDAY - timedelta(days=2), MONDAY - timedelta(days=1))

    evening = daily_decision(tokyo(MONDAY, 22), TOKYO, last)
    assert evening.post_for is None
    assert MONDAY in evening.missed


def test_a_window_that_runs_past_midnight_still_gets_its_late_post() -> None:
    night = TeamSchedule(daily_time=time(22, 0), close_after_minutes=6 * 60)
    decision = daily_decision(tokyo(MONDAY + timedelta(days=1), 1), night, MONDAY - timedelta(1))
    assert decision.post_for == MONDAY


def test_next_daily_post_skips_dates_that_have_a_round() -> None:
    assert next_daily_post(tokyo(MONDAY, 8), TOKYO, None) == tokyo(MONDAY, 9)
    assert next_daily_post(tokyo(MONDAY, 8), TOKYO, MONDAY) == tokyo(MONDAY + timedelta(1), 9)
    assert next_daily_post(tokyo(MONDAY, 9, 1), TOKYO, None) == tokyo(MONDAY + timedelta(1), 9)


@pytest.mark.parametrize(
    ("weekly_day", "day", "expected"),
    [
        (0, date(2026, 11, 23), date(2026, 11, 23)),  # Monday itself
        (0, date(2026, 11, 29), date(2026, 11, 23)),  # Sunday
        (4, date(2026, 11, 23), date(2026, 11, 20)),  # Friday weeks: the previous Friday
        (4, date(2026, 11, 27), date(2026, 11, 27)),
    ],
)
def test_week_start(weekly_day: int, day: date, expected: date) -> None:
    assert week_start(day, weekly_day) == expected


def test_weekly_post_is_due_after_its_time_and_reports_the_week_that_ended() -> None:
    previous = MONDAY - timedelta(days=7)
    assert weekly_post_due(tokyo(MONDAY, 8, 59), TOKYO, None) == previous - timedelta(days=7)
    assert weekly_post_due(tokyo(MONDAY, 9), TOKYO, None) == previous
    assert weekly_post_due(tokyo(MONDAY, 9), TOKYO, previous) is None, "already posted"
    assert weekly_post_due(tokyo(MONDAY, 8, 59), TOKYO, previous - timedelta(days=7)) is None


def test_weekly_post_after_downtime_reports_only_the_latest_week() -> None:
    three_weeks_ago = MONDAY - timedelta(days=21)
    assert weekly_post_due(tokyo(MONDAY, 12), TOKYO, three_weeks_ago) == MONDAY - timedelta(7)


def test_weekly_post_on_another_day() -> None:
    friday = TeamSchedule(weekly_day=4, weekly_time=time(18, 0))
    on_friday = date(2026, 11, 27)
    assert weekly_post_due(tokyo(on_friday, 18), friday, None) == on_friday - timedelta(days=7)
    assert next_weekly_post(tokyo(MONDAY, 12), friday) == tokyo(on_friday, 18)
