"""Settings input: times, time zones, durations and weekdays, with errors that say what works."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest

from bot.core.parsing import (
    InputError,
    parse_confidence,
    parse_duration,
    parse_time,
    parse_timezone,
    parse_weekday,
)


def test_input_errors_are_value_errors() -> None:
    assert issubclass(InputError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9)),
        ("9:05", time(9, 5)),
        ("00:00", time(0)),
        ("23:59", time(23, 59)),
        (" 21:30 ", time(21, 30)),
        ("２１：３０", time(21, 30)),  # full-width digits and colon
        ("21：30", time(21, 30)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("24:00", "00–23"),
        ("25:00", "00–23"),
        ("12:60", "00–59"),
        ("9am", "HH:MM"),
        ("9", "HH:MM"),
        ("9:5", "HH:MM"),
        ("0900", "HH:MM"),
        ("09:00:00", "HH:MM"),
        ("123:00", "HH:MM"),
        ("-1:00", "HH:MM"),
        ("", "HH:MM"),
    ],
)
def test_bad_times_say_what_works(text: str, hint: str) -> None:
    with pytest.raises(InputError, match=hint) as raised:
        parse_time(text)
    assert f"'{text}'" in str(raised.value), "the message quotes what was typed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("  Asia/Tokyo ", "Asia/Tokyo"),
        ("asia/tokyo", "Asia/Tokyo"),  # case is corrected
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("UTC", "UTC"),
        ("Europe/London", "Europe/London"),
    ],
)
def test_timezones(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Asia/Tokio", "Did you mean Asia/Tokyo?"),
        ("asia/tokio", "Did you mean Asia/Tokyo?"),
        ("Tokyo", "Did you mean Asia/Tokyo?"),
        ("tokyo", "Did you mean Asia/Tokyo?"),  # lower case gets the same help
        ("America/NewYork", "Did you mean America/New_York?"),
        ("Europe/Londn", "Did you mean Europe/London?"),
        ("nowhere at all", "Use an IANA name such as Asia/Tokyo."),
        ("", "Use an IANA name such as Asia/Tokyo."),
    ],
)
def test_bad_timezones_suggest_a_real_one(text: str, hint: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_timezone(text)
    assert str(raised.value) == f"'{text}' is not a time zone. {hint}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", timedelta(minutes=30)),
        ("90m", timedelta(minutes=90)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30m", timedelta(minutes=90)),
        ("1 h", timedelta(hours=1)),
        ("2H", timedelta(hours=2)),
        (" 1d12h ", timedelta(hours=36)),
        ("1w2d3h4m", timedelta(weeks=1, days=2, hours=3, minutes=4)),
        ("0m", timedelta(0)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "soon", "2x", "30", "m", "1d and more", "1.5h", "-1h", "1h30", "h1"],
)
def test_bad_durations(text: str) -> None:
    with pytest.raises(InputError, match=re.escape("use e.g. 30m, 2h, 1d or 1w")):
        parse_duration(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("99999999999w", id="beyond-timedelta"),
        pytest.param("9" * 5000 + "m", id="5000-digits"),
    ],
)
def test_huge_durations_are_input_errors_not_crashes(text: str) -> None:
    with pytest.raises(InputError, match="too long"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", 0),
        ("Monday", 0),
        ("MON", 0),
        ("Mon.", 0),
        ("ＭＯＮ", 0),  # full width
        ("tue", 1),
        ("tues", 1),
        ("wednesday", 2),
        ("thu", 3),
        ("thurs", 3),
        ("fri", 4),
        ("sat", 5),
        (" sun ", 6),
        ("Sunday", 6),
        ("Mondays", 0),  # "every Monday"
        ("fridays", 4),
        ("月", 0),
        ("火曜", 1),
        ("水曜日", 2),
        ("木", 3),
        ("金曜日", 4),
        ("土", 5),
        ("日曜日", 6),
    ],
)
def test_weekdays(text: str, expected: int) -> None:
    assert parse_weekday(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "someday",
        "mo",
        "m",
        "t",
        "monkey",
        "sunshine",
        "wedding",
        "mondayss",
        "日本",
        "月末",
        "8",
    ],
)
def test_bad_weekdays(text: str) -> None:
    with pytest.raises(InputError, match="not a day of the week: use mon, tue, … sun"):
        parse_weekday(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.8", 0.8), ("80%", 0.8), ("８０％", 0.8), (" 1 ", 1.0), ("0", 0.0), ("0.75", 0.75)],
)
def test_a_confidence_is_a_number_from_0_to_1(text: str, value: float) -> None:
    assert parse_confidence(text) == pytest.approx(value)


@pytest.mark.parametrize("text", [None, "", "  ", "off", "Off", "オフ", "なし", "none"])
def test_no_confidence_means_off(text: str | None) -> None:
    assert parse_confidence(text) is None


@pytest.mark.parametrize("text", ["abc", "1.5", "-0.1", "nan", "inf", "150%", "0.8.1"])
def test_a_bad_confidence_names_itself_and_says_what_works(text: str) -> None:
    with pytest.raises(InputError, match=rf"'{re.escape(text)}' is not a confidence: .* or off"):
        parse_confidence(text)
