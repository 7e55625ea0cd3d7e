"""When things happen: the daily post, a round's close and the weekly leaderboard.

Every function takes the current instant as a tz-aware datetime and returns tz-aware UTC
datetimes; local dates are computed in the team's time zone. Nothing here schedules anything:
callers decide what to do with the instants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.model import TeamSchedule


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(moment: datetime, timezone: str) -> date:
    return moment.astimezone(zone(timezone)).date()


def at_local(day: date, at: time, timezone: str) -> datetime:
    """The UTC instant of a local wall-clock time.

    A time skipped by a daylight-saving jump is moved forward by the size of the gap, and an
    ambiguous time takes its first occurrence, so every local date has exactly one instant.
    """
    # zoneinfo reads a wall time with fold=0 at the offset in force before a transition: a
    # skipped time lands after the gap, an ambiguous one at its first occurrence.
    return datetime.combine(day, at, tzinfo=zone(timezone)).astimezone(UTC)


def daily_post_at(day: date, schedule: TeamSchedule) -> datetime:
    return at_local(day, schedule.daily_time, schedule.timezone)


def close_at(opened_at: datetime, schedule: TeamSchedule) -> datetime:
    return opened_at + timedelta(minutes=schedule.close_after_minutes)


@dataclass(frozen=True, slots=True)
class DailyDecision:
    """What the daily round needs now: a post for `post_for`, and dates whose window was missed."""

    post_for: date | None
    missed: tuple[date, ...] = ()


def daily_decision(now: datetime, schedule: TeamSchedule, last_daily: date | None) -> DailyDecision:
    """Decide whether a daily question is due.

    A date's answer window runs from its post time until the round would close. A post is due
    for the latest date whose window contains `now` and that has no round yet (a late post after
    downtime still gives members the rest of the window). Dates after `last_daily` whose window
    has passed entirely are reported as missed, so the caller can log them, and never posted.
    """
    today = local_date(now, schedule.timezone)
    post_for: date | None = None
    missed: list[date] = []
    first = today - timedelta(days=7) if last_daily is None else last_daily + timedelta(days=1)
    first = max(first, today - timedelta(days=7))
    day = first
    while day <= today:
        opens = daily_post_at(day, schedule)
        if now >= close_at(opens, schedule):
            if last_daily is not None:
                missed.append(day)
        elif now >= opens:
            post_for = day
        day += timedelta(days=1)
    return DailyDecision(post_for=post_for, missed=tuple(missed))


def next_daily_post(now: datetime, schedule: TeamSchedule, last_daily: date | None) -> datetime:
    """The first daily post time after `now` for a date that has no round yet."""
    day = local_date(now, schedule.timezone) - timedelta(days=1)
    while True:
        opens = daily_post_at(day, schedule)
        if opens > now and (last_daily is None or day > last_daily):
            return opens
        day += timedelta(days=1)


def week_start(day: date, weekly_day: int) -> date:
    """The first local date of the leaderboard week that contains `day`.

    A team's week starts on its weekly post day, so the weekly post always closes a week.
    """
    return day - timedelta(days=(day.weekday() - weekly_day) % 7)


def weekly_post_due(now: datetime, schedule: TeamSchedule, last_week: date | None) -> date | None:
    """The start date of the week a weekly post should now report on, if one is due.

    The post is due once the current week's post time has passed and it has not been made;
    it reports the week that just ended. After downtime only the latest week is posted.
    """
    today = local_date(now, schedule.timezone)
    this_week = week_start(today, schedule.weekly_day)
    if now < at_local(this_week, schedule.weekly_time, schedule.timezone):
        this_week -= timedelta(days=7)
    reported = this_week - timedelta(days=7)
    if last_week is not None and reported <= last_week:
        return None
    return reported


def next_weekly_post(now: datetime, schedule: TeamSchedule) -> datetime:
    today = local_date(now, schedule.timezone)
    start = week_start(today, schedule.weekly_day)
    while True:
        moment = at_local(start, schedule.weekly_time, schedule.timezone)
        if moment > now:
            return moment
        start += timedelta(days=7)
