"""Reading what people type in settings commands, with helpful errors."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zoneinfo
from datetime import time, timedelta
from functools import cache

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")


class InputError(ValueError):
    """A value a member typed that cannot be used; the message says what would work."""


def parse_time(text: str) -> time:
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text)
    if not match:
        raise InputError(f"'{text}' is not a time: use HH:MM in 24-hour form, e.g. 09:00 or 21:30")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise InputError(f"'{text}' is not a time of day: hours go 00–23 and minutes 00–59")
    return time(hour, minute)


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def parse_timezone(text: str) -> str:
    name = text.strip()
    if name in _zones():
        return name
    by_fold = {z.casefold(): z for z in _zones()}
    if name.casefold() in by_fold:
        return by_fold[name.casefold()]
    # Compare folded names, so 'tokyo' gets the same suggestion as 'Tokyo'.
    close = difflib.get_close_matches(name.casefold(), by_fold, n=1, cutoff=0.6)
    hint = (
        f" Did you mean {by_fold[close[0]]}?" if close else " Use an IANA name such as Asia/Tokyo."
    )
    raise InputError(f"'{text}' is not a time zone.{hint}")


def parse_duration(text: str) -> timedelta:
    """'90m', '2h', '1d', '1w', '1h30m'."""
    parts = re.findall(r"(\d+)\s*([wdhm])", text.strip().lower())
    if not parts or re.sub(r"\d+\s*[wdhm]", "", text.strip().lower()).strip():
        raise InputError(f"'{text}' is not a duration: use e.g. 30m, 2h, 1d or 1w")
    unit = {
        "w": timedelta(weeks=1),
        "d": timedelta(days=1),
        "h": timedelta(hours=1),
        "m": timedelta(minutes=1),
    }
    try:
        return sum((int(n) * unit[u] for n, u in parts), timedelta())
    except (OverflowError, ValueError):
        # Beyond what timedelta (or int() of a huge digit string) can hold.
        raise InputError(f"'{text}' is too long a duration: use e.g. 30m, 2h, 1d or 1w") from None


def parse_weekday(text: str) -> int:
    """'mon', 'Monday', 'Mondays', 'thurs', 'ＭＯＮ', '月', '月曜日'; not 'monkey' or '日本'."""
    key = unicodedata.normalize("NFKC", text).strip().casefold().rstrip(".")
    for index, name in enumerate(_WEEKDAY_NAMES):
        if (len(key) >= 3 and name.startswith(key)) or key == f"{name}s":
            return index
    if key[:1] in _WEEKDAYS_JA and key[1:] in {"", "曜", "曜日"}:
        return _WEEKDAYS_JA.index(key[:1])
    raise InputError(f"'{text}' is not a day of the week: use mon, tue, … sun")


_OFF = {"off", "none", "no", "false", "オフ", "なし", "無効"}


def parse_confidence(text: str | None) -> float | None:
    """A confidence bar: `0.8`, `80%`, full-width digits; None for off (or nothing at all)."""
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip().casefold()
    if not cleaned or cleaned in _OFF:
        return None
    problem = InputError(
        f"'{text}' is not a confidence: give a number from 0 to 1 (e.g. 0.8), or off"
    )
    try:
        value = float(cleaned.removesuffix("%").strip())
    except ValueError:
        raise problem from None
    if cleaned.endswith("%"):
        value /= 100
    if not 0.0 <= value <= 1.0:  # also false for nan
        raise problem
    return value
