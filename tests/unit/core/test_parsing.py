from __future__ import annotations

from datetime import time, timedelta

import pytest

from bot.core.parsing import InputError, parse_duration, parse_time, parse_timezone, parse_weekday


@pytest.mark.parametrize(
    ("text", "expected"), [("09:00", time(9)), ("9:05", time(9, 5)), ("２１：３０", time(21, 30))]
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"), [("25:00", "00–23"), ("9am", "HH:MM"), ("12:60", "00–59")]
)
def test_bad_times_say_what_works(text: str, hint: str) -> None:
    with pytest.raises(InputError, match=hint):
        parse_time(text)


def test_timezones_with_suggestions() -> None:
    assert parse_timezone("Asia/Tokyo") == "Asia/Tokyo"
    assert parse_timezone("asia/tokyo") == "Asia/Tokyo"
    with pytest.raises(InputError, match="Did you mean Asia/Tokyo"):
        parse_timezone("Asia/Tokio")
    with pytest.raises(InputError, match="IANA"):
        parse_timezone("nowhere at all")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(minutes=90)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "2x", "1d and more"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match="duration"):
        parse_duration(text)


def test_weekdays() -> None:
    assert parse_weekday("Monday") == 0
    assert parse_weekday("sun") == 6
    assert parse_weekday("金曜日") == 4
    with pytest.raises(InputError):
        parse_weekday("someday")
