"""Deciding whether a response is right.

Japanese has no spaces, two kana scripts, long-vowel marks people drop or type as dashes and
small kana that phones and half-width keyboards get wrong, and phones type full-width
characters. So a response and an accepted answer are both normalised before they are compared:

- width (NFKC) and case are folded, katakana become hiragana and small kana full-size
  ("ファイル" = "フアイル", "ｷｬｯｼｭ" = "キャッシュ"), while voicing is kept ("ヴァ" is not "バ");
- a long-vowel mark or dash after kana is dropped ("サーバー" = "サーバ" = "サーバ−");
- spacing, punctuation and middle dots are dropped, except a decimal point: 1.5 is not 15;
- a number's unit is spelled one way ("256KB" = "256 kb" = "256キロバイト", "15分" = "15min");
- a leading "Amazon" or "AWS" word is dropped ("Amazon S3" = "S3" = "s3").

Units are never converted: "5分" is not "300秒", and a bare number is not the same number with a
unit: "300" is right only when the question lists "300" as well as "300秒". Content authors list
each form they accept; matching does not invent acceptance.

After normalising, short answers must match exactly ("SQS" is never "SNS"); a longer answer may
also be a typo of an accepted one (see `_is_typo`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from rapidfuzz import fuzz

from bot.core.model import Question, QuestionKind

_LETTERS = "ABCDEF"

# Small kana fold to full size: people type "フアイル" for "ファイル", and half-width keyboards
# and phones are inconsistent about small kana. ゕ and ゖ (ヵ, ヶ as in 3ヶ月) are read "ka".
_SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかか", strict=True))


def _kana_table() -> dict[int, str]:
    """Katakana to hiragana, and small kana to full size, in one translate() pass."""
    hiragana = {chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)}
    hiragana |= {small: small for small in _SMALL_KANA}
    return {ord(kana): _SMALL_KANA.get(hira, hira) for kana, hira in hiragana.items()}


_KANA = _kana_table()
# A long-vowel mark, or a dash typed in its place, only lengthens the kana before it.
_LONG_VOWEL = re.compile(r"(?<=[ぁ-ゖ])[ー‐‑‒–—―−-]+")
_SEPARATORS = re.compile(
    r"[\s・·•‧,、。「」『』()\[\]【】\"'“”‘’!?:;/_\-‐‑‒–—―−ー]+"
    # A full stop is punctuation, but a decimal point is part of a number: 1.5 is not 15.
    r"|(?<!\d)\.|\.(?!\d)"
)
# "Amazon S3" and "AWS Lambda" are also called "S3" and "Lambda"; a lone "AWS" is kept.
_BRAND = re.compile(r"^\W*(?:amazon|aws)[\W_]+(?=\w)")

# Each unit's one spelling, and the spellings people type for it after a number. KB is kept
# apart from KiB, and no unit is converted into another (see the module docstring).
_UNITS = {
    "kb": ("kb", "kbyte", "kbytes", "kilobyte", "kilobytes", "キロバイト"),
    "mb": ("mb", "mbyte", "mbytes", "megabyte", "megabytes", "メガバイト"),
    "gb": ("gb", "gbyte", "gbytes", "gigabyte", "gigabytes", "ギガバイト"),
    "tb": ("tb", "tbyte", "tbytes", "terabyte", "terabytes", "テラバイト"),
    "b": ("b", "byte", "bytes", "バイト"),
    "ms": ("ms", "msec", "millisecond", "milliseconds", "ミリ秒"),
    "s": ("s", "sec", "secs", "second", "seconds", "秒", "秒間"),
    "min": ("min", "mins", "minute", "minutes", "分", "分間"),
    "h": ("h", "hr", "hrs", "hour", "hours", "時間"),
    "d": ("d", "day", "days", "日", "日間"),
    "%": ("%", "percent", "パーセント"),
    "個": ("個",),
    "件": ("件",),
    "回": ("回", "times"),
}

# A typo is forgiven only in an answer this long, and only this close (rapidfuzz's ratio, 0-100):
# a one-letter slip in "Elastic Beanstalk" or "CloudFormation" scores 96-97, "Encryption
# enabled" against "Encryption disabled" 86 and "Kinesis Data Firehose" against "... Streams" 76.
_TYPO_MIN_LENGTH = 8
_TYPO_MIN_RATIO = 90
# Latin words this short are acronyms or short words, where one letter is a different answer.
_SHORT_WORD = 5
_WORD = re.compile(r"[a-z0-9]+")
# Kanji carry meaning one character at a time: 送信元 is not 送信先, 同期 is not 非同期.
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々\U00020000-\U0003134f]")


def _fold_script(text: str) -> str:
    """Fold width, case, kana script and size, and long-vowel marks; spacing is kept."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KANA)
    return _LONG_VOWEL.sub("", folded)


def _unit_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A number then a unit spelling, and each spelling's unit; spellings fold like answers."""
    spellings = {_fold_script(s): unit for unit, spelled in _UNITS.items() for s in spelled}
    # Longest first, so "minutes" is not read as "min" then "utes".
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    # Not followed by a letter: "256kbps" is not "256kb" + "ps", and "EC2 hosts" keeps its h.
    return re.compile(rf"(\d)\s*({alternatives})(?![a-z])"), spellings


_UNIT, _UNIT_OF = _unit_pattern()
# A number and the unit after it: what a typo may never change.
_NUMBER = re.compile(rf"\d+(?:\.\d+)?(?:{'|'.join(map(re.escape, _UNITS))})?")


class _Form(NamedTuple):
    """A text folded two ways: with its word boundaries, and as compared."""

    words: str
    key: str


def _form(text: str) -> _Form:
    words = _UNIT.sub(lambda m: m[1] + _UNIT_OF[m[2]], _fold_script(text))
    words = _BRAND.sub("", words, count=1)
    return _Form(words, _SEPARATORS.sub("", words))


def normalise(text: str) -> str:
    """The form a text is compared in: see the module docstring.

    A point between two digits is kept, so "1.5" and "15" stay different answers.
    """
    return _form(text).key


def _exact_parts(form: _Form) -> tuple[list[str], list[str], list[str]]:
    """What a typo may not touch: numbers with their units, kanji, and short latin words."""
    short_words = [w for w in _WORD.findall(form.words) if len(w) <= _SHORT_WORD]
    return _NUMBER.findall(form.key), _KANJI.findall(form.key), short_words


def _is_typo(given: _Form, accepted: _Form) -> bool:
    """Whether a response is a slip of one key or so in a long accepted answer.

    The start must agree, because a different start is usually a different answer
    (Asynchronous/Synchronous, Global/Local secondary index); the lengths may differ by one
    character at most, because a longer answer is usually a different one (S3 Standard/S3
    Standard-IA).
    """
    a, b = given.key, accepted.key
    return (
        min(len(a), len(b)) >= _TYPO_MIN_LENGTH
        and abs(len(a) - len(b)) <= 1
        and a[0] == b[0]
        and _exact_parts(given) == _exact_parts(accepted)
        and fuzz.ratio(a, b) >= _TYPO_MIN_RATIO
    )


def letter(index: int) -> str:
    return _LETTERS[index]


def choice_index(question: Question, response: str) -> int | None:
    """The choice a response names: its letter (A, b, ２), number (1-based) or its text."""
    if question.kind is not QuestionKind.CHOICE:
        return None
    key = normalise(response)
    if not key:
        return None
    count = len(question.choices)
    if len(key) == 1 and key.upper() in _LETTERS[:count]:
        return _LETTERS.index(key.upper())
    # isdecimal, not isdigit: int() rejects digits such as '፩' that isdigit accepts, and the
    # length bound keeps int() away from a pasted 5,000-digit number.
    if key.isdecimal() and len(key) <= 3 and 1 <= int(key) <= count:
        return int(key) - 1
    # Choices are told apart exactly: they are often neighbours such as SQS and SNS.
    for index, choice in enumerate(question.choices):
        if normalise(choice) == key:
            return index
    return None


def is_correct(question: Question, response: str) -> bool:
    """Whether a response is right: a choice it names, or an accepted answer or a typo of one."""
    if question.kind is QuestionKind.CHOICE:
        return choice_index(question, response) == question.correct_index
    given = _form(response)
    if not given.key:
        return False
    accepted = [_form(a) for a in question.accepted]
    return any(given.key == a.key for a in accepted) or any(_is_typo(given, a) for a in accepted)


def canonical_response(question: Question, response: str) -> str | None:
    """The response as it is stored: the chosen option's text, or the typed text.

    None means the response cannot be an answer to this question (an unknown letter).
    """
    if question.kind is QuestionKind.CHOICE:
        index = choice_index(question, response)
        return None if index is None else question.choices[index]
    text = response.strip()
    return text or None
