"""Daily posts, closes and weekly posts in the team's own time zone.

Expected instants are written out in UTC by hand (Tokyo is UTC+9 all year; New York is UTC-5
in winter and UTC-4 in summer, switching on 2026-03-08 and 2026-11-01), so the tests do not
reuse the zoneinfo arithmetic they check.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest

from bot.core.model import TeamSchedule
from bot.core.schedule import (
    DailyDecision,
    at_local,
    close_at,
    daily_decision,
    daily_post_at,
    local_date,
    next_daily_post,
    next_weekly_post,
    week_start,
    weekly_post_due,
)

NY = "America/New_York"
LORD_HOWE = "Australia/Lord_Howe"
TOKYO = TeamSchedule()  # Asia/Tokyo, 09:00, closes after 12 h, weekly on Monday at 09:00
NEW_YORK = TeamSchedule(timezone=NY)
FRIDAY_EVENINGS = TeamSchedule(weekly_day=4, weekly_time=time(18, 0))
MONDAY = date(2026, 11, 23)
SPRING_FORWARD = date(2026, 3, 8)  # New York: 02:00 EST -> 03:00 EDT
FALL_BACK = date(2026, 11, 1)  # New York: 02:00 EDT -> 01:00 EST


def days(n: int) -> timedelta:
    return timedelta(days=n)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def tokyo(day: date, hour: int, minute: int = 0) -> datetime:
    """A Tokyo wall-clock time as a UTC instant (Tokyo has no daylight saving)."""
    return utc(day.year, day.month, day.day, hour, minute) - timedelta(hours=9)


# -- at_local: wall-clock times to instants ---------------------------------------------------


@pytest.mark.parametrize(
    ("day", "at", "timezone", "expected"),
    [
        (MONDAY, time(9), "Asia/Tokyo", utc(2026, 11, 23, 0)),  # 09:00 Tokyo is 00:00 UTC
        (MONDAY, time(0, 30), "Asia/Tokyo", utc(2026, 11, 22, 15, 30)),  # the UTC day before
        (date(2026, 7, 1), time(9), "Asia/Tokyo", utc(2026, 7, 1, 0)),  # no summer time
        (MONDAY, time(9), "UTC", utc(2026, 11, 23, 9)),
        (date(2026, 1, 15), time(9), NY, utc(2026, 1, 15, 14)),  # EST
        (date(2026, 7, 15), time(9), NY, utc(2026, 7, 15, 13)),  # EDT
        # Spring forward: 02:00-02:59 does not exist; a time in the gap moves on by the gap.
        (SPRING_FORWARD, time(1, 59), NY, utc(2026, 3, 8, 6, 59)),
        (SPRING_FORWARD, time(2, 0), NY, utc(2026, 3, 8, 7, 0)),  # = 03:00 EDT
        (SPRING_FORWARD, time(2, 30), NY, utc(2026, 3, 8, 7, 30)),  # = 03:30 EDT
        (SPRING_FORWARD, time(3, 0), NY, utc(2026, 3, 8, 7, 0)),
        (SPRING_FORWARD, time(9), NY, utc(2026, 3, 8, 13)),
        # Fall back: 01:00-01:59 happens twice; the first (still EDT, UTC-4) is taken.
        (FALL_BACK, time(0, 59), NY, utc(2026, 11, 1, 4, 59)),
        (FALL_BACK, time(1, 30), NY, utc(2026, 11, 1, 5, 30)),  # not 06:30, the EST repeat
        (FALL_BACK, time(2, 0), NY, utc(2026, 11, 1, 7, 0)),
        (FALL_BACK, time(9), NY, utc(2026, 11, 1, 14)),
        # A half-hour gap (Lord Howe Island, +10:30 -> +11:00) moves by half an hour.
        (date(2026, 10, 4), time(2, 15), LORD_HOWE, utc(2026, 10, 3, 15, 45)),
    ],
)
def test_at_local(day: date, at: time, timezone: str, expected: datetime) -> None:
    instant = at_local(day, at, timezone)
    assert instant == expected
    assert instant.utcoffset() == timedelta(0), "instants come back in UTC"


def test_the_spring_forward_time_is_one_instant_after_the_gap() -> None:
    instant = at_local(SPRING_FORWARD, time(2, 30), NY)
    before_gap = at_local(SPRING_FORWARD, time(1, 59), NY)
    assert instant - before_gap == timedelta(minutes=31), "01:59 EST, then 03:30 EDT"
    assert local_date(instant, NY) == SPRING_FORWARD


@pytest.mark.parametrize("at", [time(0, 30), time(1, 30), time(2, 30), time(9), time(23, 30)])
def test_every_new_york_date_of_2026_has_one_post_instant_on_that_date(at: time) -> None:
    year = [date(2026, 1, 1) + days(i) for i in range(365)]
    instants = [at_local(day, at, NY) for day in year]
    assert [local_date(i, NY) for i in instants] == year
    gaps = {b - a for a, b in pairwise(instants)}
    assert gaps <= {timedelta(hours=23), timedelta(hours=24), timedelta(hours=25)}


@pytest.mark.parametrize(
    ("moment", "timezone", "expected"),
    [
        (utc(2026, 11, 23, 15, 30), "Asia/Tokyo", date(2026, 11, 24)),  # 00:30 next day
        (utc(2026, 11, 23, 14, 59), "Asia/Tokyo", date(2026, 11, 23)),  # 23:59 same day
        (utc(2026, 11, 23, 15, 30), "UTC", date(2026, 11, 23)),
        (utc(2026, 11, 23, 3, 0), NY, date(2026, 11, 22)),  # 22:00 EST
    ],
)
def test_local_date_is_the_date_in_the_team_zone(
    moment: datetime, timezone: str, expected: date
) -> None:
    assert local_date(moment, timezone) == expected


def test_daily_post_and_close() -> None:
    opens = daily_post_at(MONDAY, TOKYO)
    assert opens == utc(2026, 11, 23, 0)
    assert close_at(opens, TOKYO) == utc(2026, 11, 23, 12)
    short = TeamSchedule(close_after_minutes=90)
    assert close_at(opens, short) == utc(2026, 11, 23, 1, 30)


def test_a_window_across_fall_back_lasts_its_real_length() -> None:
    evening = TeamSchedule(timezone=NY, daily_time=time(21, 0))
    opens = daily_post_at(FALL_BACK - days(1), evening)
    assert opens == utc(2026, 11, 1, 1)  # 21:00 EDT
    assert close_at(opens, evening) == utc(2026, 11, 1, 13)  # 08:00 EST: twelve real hours


# -- daily_decision ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 0, DailyDecision(post_for=None)),
        (8, 59, DailyDecision(post_for=None)),
        (9, 0, DailyDecision(post_for=MONDAY)),
        (20, 59, DailyDecision(post_for=MONDAY)),
        (21, 0, DailyDecision(post_for=None, missed=(MONDAY,))),  # closed: too late to post
        (23, 59, DailyDecision(post_for=None, missed=(MONDAY,))),
    ],
)
def test_daily_decision_through_a_tokyo_day(
    hour: int, minute: int, expected: DailyDecision
) -> None:
    assert daily_decision(tokyo(MONDAY, hour, minute), TOKYO, MONDAY - days(1)) == expected


@pytest.mark.parametrize(("hour", "minute"), [(9, 0), (12, 0), (20, 59), (21, 0)])
def test_no_post_when_the_date_already_has_a_round(hour: int, minute: int) -> None:
    assert daily_decision(tokyo(MONDAY, hour, minute), TOKYO, MONDAY) == DailyDecision(None)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Down all of Sunday; back on Monday before, inside and after Monday's window.
        (tokyo(MONDAY, 8), DailyDecision(post_for=None, missed=(MONDAY - days(1),))),
        (tokyo(MONDAY, 10), DailyDecision(post_for=MONDAY, missed=(MONDAY - days(1),))),
        (tokyo(MONDAY, 22), DailyDecision(post_for=None, missed=(MONDAY - days(1), MONDAY))),
    ],
)
def test_restart_after_a_day_of_downtime(now: datetime, expected: DailyDecision) -> None:
    saturday = MONDAY - days(2)
    assert daily_decision(now, TOKYO, saturday) == expected


def test_a_long_outage_reports_at_most_the_last_week_and_still_posts_today() -> None:
    decision = daily_decision(tokyo(MONDAY, 10), TOKYO, MONDAY - days(30))
    assert decision.post_for == MONDAY
    assert decision.missed == tuple(MONDAY - days(n) for n in range(7, 0, -1))


@pytest.mark.parametrize(
    ("hour", "expected"),
    [
        (8, DailyDecision(post_for=None)),
        (10, DailyDecision(post_for=MONDAY)),
        (22, DailyDecision(post_for=None)),
    ],
)
def test_a_new_team_posts_inside_the_window_and_misses_nothing(
    hour: int, expected: DailyDecision
) -> None:
    assert daily_decision(tokyo(MONDAY, hour), TOKYO, None) == expected


@pytest.mark.parametrize(
    ("now", "last_daily", "expected"),
    [
        (tokyo(MONDAY, 23), MONDAY - days(1), DailyDecision(post_for=MONDAY)),
        (tokyo(MONDAY + days(1), 1), MONDAY - days(1), DailyDecision(post_for=MONDAY)),
        (tokyo(MONDAY + days(1), 1), MONDAY, DailyDecision(post_for=None)),
        (tokyo(MONDAY + days(1), 4), MONDAY - days(1), DailyDecision(None, missed=(MONDAY,))),
    ],
)
def test_a_window_that_runs_past_midnight(
    now: datetime, last_daily: date, expected: DailyDecision
) -> None:
    night = TeamSchedule(daily_time=time(22, 0), close_after_minutes=6 * 60)  # 22:00 -> 04:00
    assert daily_decision(now, night, last_daily) == expected


def test_the_team_date_not_the_utc_date_decides() -> None:
    early = TeamSchedule(daily_time=time(8, 0))  # 08:00 Tokyo is 23:00 UTC the day before
    now = utc(2026, 11, 22, 23, 30)
    assert daily_decision(now, early, MONDAY - days(1)).post_for == MONDAY


@pytest.mark.parametrize(
    ("now", "post_for"),
    [
        (utc(2026, 3, 8, 6, 59), None),  # 01:59 EST
        (utc(2026, 3, 8, 7, 29), None),  # 03:29 EDT: the gap moved the post to 03:30
        (utc(2026, 3, 8, 7, 30), SPRING_FORWARD),
    ],
)
def test_daily_decision_on_the_spring_forward_date(now: datetime, post_for: date | None) -> None:
    at_half_two = TeamSchedule(timezone=NY, daily_time=time(2, 30))
    assert daily_decision(now, at_half_two, SPRING_FORWARD - days(1)).post_for == post_for


# -- next_daily_post --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "last_daily", "expected"),
    [
        (tokyo(MONDAY, 8), None, tokyo(MONDAY, 9)),
        (tokyo(MONDAY, 8), MONDAY - days(1), tokyo(MONDAY, 9)),
        (tokyo(MONDAY, 8), MONDAY, tokyo(MONDAY + days(1), 9)),  # already posted early
        (tokyo(MONDAY, 9), None, tokyo(MONDAY + days(1), 9)),  # strictly after now
        (tokyo(MONDAY, 9, 1), None, tokyo(MONDAY + days(1), 9)),
        (tokyo(MONDAY, 23, 59), MONDAY, tokyo(MONDAY + days(1), 9)),
        (tokyo(MONDAY, 8), MONDAY + days(2), tokyo(MONDAY + days(3), 9)),
    ],
)
def test_next_daily_post(now: datetime, last_daily: date | None, expected: datetime) -> None:
    assert next_daily_post(now, TOKYO, last_daily) == expected


def test_next_daily_post_across_spring_forward() -> None:
    saturday_noon = utc(2026, 3, 7, 17)  # 12:00 EST
    expected = utc(2026, 3, 8, 13)  # Sunday 09:00 EDT
    assert next_daily_post(saturday_noon, NEW_YORK, SPRING_FORWARD - days(1)) == expected


# -- weeks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekly_day", "day", "expected"),
    [
        (0, date(2026, 11, 23), date(2026, 11, 23)),  # Monday weeks: Monday itself
        (0, date(2026, 11, 24), date(2026, 11, 23)),
        (0, date(2026, 11, 29), date(2026, 11, 23)),  # Sunday ends the week
        (0, date(2026, 11, 30), date(2026, 11, 30)),
        (4, date(2026, 11, 23), date(2026, 11, 20)),  # Friday weeks: the previous Friday
        (4, date(2026, 11, 26), date(2026, 11, 20)),
        (4, date(2026, 11, 27), date(2026, 11, 27)),
        (6, date(2026, 11, 23), date(2026, 11, 22)),  # Sunday weeks
        (0, date(2027, 1, 1), date(2026, 12, 28)),  # across a year end
    ],
)
def test_week_start(weekly_day: int, day: date, expected: date) -> None:
    assert week_start(day, weekly_day) == expected


@pytest.mark.parametrize("weekly_day", range(7))
def test_week_start_is_the_latest_weekly_day_on_or_before(weekly_day: int) -> None:
    for offset in range(14):
        day = MONDAY + days(offset)
        start = week_start(day, weekly_day)
        assert start.weekday() == weekly_day
        assert timedelta(0) <= day - start < days(7)


@pytest.mark.parametrize(
    ("now", "last_week", "expected"),
    [
        # Just before and after Monday 09:00, with the previous report already made.
        (tokyo(MONDAY, 8, 59), MONDAY - days(14), None),
        (tokyo(MONDAY, 9), MONDAY - days(14), MONDAY - days(7)),
        (tokyo(MONDAY, 9, 1), MONDAY - days(14), MONDAY - days(7)),
        # Once made, nothing more until next Monday 09:00.
        (tokyo(MONDAY, 9, 1), MONDAY - days(7), None),
        (tokyo(MONDAY + days(6), 23, 59), MONDAY - days(7), None),
        (tokyo(MONDAY + days(7), 8, 59), MONDAY - days(7), None),
        (tokyo(MONDAY + days(7), 9), MONDAY - days(7), MONDAY),
        # A team that never posted reports the latest finished week.
        (tokyo(MONDAY, 8, 59), None, MONDAY - days(14)),
        (tokyo(MONDAY, 9), None, MONDAY - days(7)),
        # After weeks of downtime only the latest week is posted.
        (tokyo(MONDAY + days(3), 12), MONDAY - days(35), MONDAY - days(7)),
    ],
)
def test_weekly_post_due_on_mondays(
    now: datetime, last_week: date | None, expected: date | None
) -> None:
    assert weekly_post_due(now, TOKYO, last_week) == expected


@pytest.mark.parametrize(
    ("now", "last_week", "expected"),
    [
        (tokyo(date(2026, 11, 27), 17, 59), date(2026, 11, 13), None),
        (tokyo(date(2026, 11, 27), 18), date(2026, 11, 13), date(2026, 11, 20)),
        (tokyo(MONDAY, 9), date(2026, 11, 6), date(2026, 11, 13)),  # Monday is mid-week here
        (tokyo(MONDAY, 9), date(2026, 11, 13), None),
    ],
)
def test_weekly_post_due_on_friday_evenings(
    now: datetime, last_week: date | None, expected: date | None
) -> None:
    assert weekly_post_due(now, FRIDAY_EVENINGS, last_week) == expected


def test_weekly_post_due_uses_the_team_date() -> None:
    early = TeamSchedule(weekly_time=time(8, 0))  # Monday 08:00 Tokyo is Sunday 23:00 UTC
    assert weekly_post_due(utc(2026, 11, 22, 22, 59), early, MONDAY - days(14)) is None
    assert weekly_post_due(utc(2026, 11, 22, 23, 0), early, MONDAY - days(14)) == MONDAY - days(7)


def test_weekly_post_due_in_the_spring_forward_gap() -> None:
    sundays = TeamSchedule(timezone=NY, weekly_day=6, weekly_time=time(2, 30))
    last, ended = SPRING_FORWARD - days(14), SPRING_FORWARD - days(7)
    assert weekly_post_due(utc(2026, 3, 8, 7, 29), sundays, last) is None
    assert weekly_post_due(utc(2026, 3, 8, 7, 30), sundays, last) == ended


@pytest.mark.parametrize(
    ("schedule", "now", "expected"),
    [
        (TOKYO, tokyo(MONDAY, 8, 59), tokyo(MONDAY, 9)),
        (TOKYO, tokyo(MONDAY, 9), tokyo(MONDAY + days(7), 9)),  # strictly after now
        (TOKYO, tokyo(MONDAY + days(2), 12), tokyo(MONDAY + days(7), 9)),
        (FRIDAY_EVENINGS, tokyo(MONDAY, 12), tokyo(MONDAY + days(4), 18)),
        (FRIDAY_EVENINGS, tokyo(MONDAY + days(4), 18), tokyo(MONDAY + days(11), 18)),
        # New York, Monday 2026-10-26 12:00 EDT: the next Monday 09:00 is already EST.
        (NEW_YORK, utc(2026, 10, 26, 16), utc(2026, 11, 2, 14)),
    ],
)
def test_next_weekly_post(schedule: TeamSchedule, now: datetime, expected: datetime) -> None:
    assert next_weekly_post(now, schedule) == expected


def test_the_next_weekly_post_is_when_weekly_post_due_turns_on() -> None:
    now = tokyo(MONDAY + days(2), 12)
    moment = next_weekly_post(now, TOKYO)
    last = weekly_post_due(now, TOKYO, None)
    assert weekly_post_due(moment - timedelta(minutes=1), TOKYO, last) is None
    assert weekly_post_due(moment, TOKYO, last) == MONDAY
