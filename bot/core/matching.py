"""Deciding whether a response is right.

Japanese has no spaces, two kana scripts, long-vowel marks people drop or type as dashes and
small kana that phones and half-width keyboards get wrong, and phones type full-width
characters. So a response and an accepted answer are both normalised before they are compared:

- width (NFKC) and case are folded, katakana become hiragana and small kana full-size
  ("ファイル" = "フアイル", "ｷｬｯｼｭ" = "キャッシュ"), while voicing is kept ("ヴァ" is not "バ");
- a long-vowel mark or dash after kana is dropped ("サーバー" = "サーバ" = "サーバ−");
- spacing, punctuation and middle dots are dropped, except a decimal point (1.5 is not 15) and
  the slash of a rate (300/s is not 300s);
- kanji numerals before a counter or unit, or standing alone, are digits ("一つ" = "1つ",
  "十五分" = "15分", "百" = "100");
- a number's unit is spelled one way ("256KB" = "256 kb" = "256キロバイト", "15分" = "15min");
  the counters 個, 件, つ and 回 are one unit, because a count is a count ("100件" = "100個",
  "6つ" = "6 copies");
- a rate is spelled one way, without its counter ("300/秒" = "300回/秒" = "毎秒300回" =
  "300 times per second" = "300/s"), and likewise per minute, hour and day;
- "計" or "合計" (in total) before a number, and "まで", "以内" or "以下" (up to) after a number
  that ends the answer, are dropped ("計6つ" = "6つ", "100個まで" = "100個");
- an answer of a number and an English plural is a count ("5 replicas" = "5個"), English plurals
  are singular ("Flow Logs" = "Flow Log"), and a generic noun after the name is dropped
  ("クローラー機能" = "クローラー", "X-Forwarded-For header" = "X-Forwarded-For");
- a leading "Amazon" or "AWS" word is dropped before a Latin-script name ("Amazon S3" = "S3"),
  but kept before Japanese or "managed"/"owned": "AWS 管理ポリシー" and "AWS managed policy" name
  who manages a policy, and without the AWS they would read as "customer managed" ones too.

Units are never converted: "5分" is not "300秒", and a bare number is not the same number with a
unit: "300" is right only when the question lists "300" as well as "300秒". Content authors list
each form they accept; matching does not invent acceptance.

An accepted answer written "X（Y）" gives two names for one thing, so "Y（X）", "X Y" and "Y X" are
accepted too ("sc1 (Cold HDD)" for "Cold HDD（sc1）"). A response written "X（Y）" is right when
both names are ("MPP（超並列処理）"): one right name beside a wrong one would be a hedge. X or Y
alone is accepted only when listed: the parenthesis often narrows the name before it, as in
"ELB（Classic Load Balancer）", where "ELB" alone names the family and not the answer.

After normalising, short answers must match exactly ("SQS" is never "SNS"); a longer answer may
also be a typo of an accepted one (see `_is_typo`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

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
    r"[\s・·•‧,、。「」『』()\[\]【】\"'“”‘’!?:;/_|`\-‐‑‒–—―−ー]+"
    # A full stop is punctuation, but a decimal point is part of a number: 1.5 is not 15.
    r"|(?<!\d)\.|\.(?!\d)"
)
_KANJI_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々\U00020000-\U0003134f"
# Kanji carry meaning one character at a time: 送信元 is not 送信先, 同期 is not 非同期.
_KANJI = re.compile(f"[{_KANJI_RANGES}]")
# "Amazon S3" and "AWS Lambda" are also called "S3" and "Lambda"; a lone "AWS" is kept, and so
# is one that says who manages something ("AWS managed key" is not a customer managed key).
_BRAND = re.compile(r"^\W*(?:amazon|aws)[\W_]+(?=[a-z])(?!(?:managed|owned)(?![a-z]))")

_COUNT = "個"
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
    # Which counter a count takes is wording, not meaning: 100件 and 100個 are the same answer.
    _COUNT: (
        *("個", "件", "つ", "回", "台", "コピー", "リクエスト", "メッセージ"),
        *("times", "copy", "copies", "item", "items", "request", "requests"),
        *("message", "messages", "transaction", "transactions"),
    ),
}
_TIMES = ("s", "min", "h", "d")
_DECIMAL = r"\d+(?:\.\d+)?"


def _fold_script(text: str) -> str:
    """Fold width, case, kana script and size, and long-vowel marks; spacing is kept."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KANA)
    return _LONG_VOWEL.sub("", folded)


def _alternation(spellings: Iterable[str]) -> str:
    # Longest first, so "minutes" is not read as "min" then "utes".
    return "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))


_UNIT_OF = {_fold_script(s): unit for unit, spelled in _UNITS.items() for s in spelled}
# A time unit after "/", "per" or "毎" also takes "時" alone: "毎時", "/時".
_TIME_OF = {s: unit for s, unit in _UNIT_OF.items() if unit in _TIMES} | {"時": "h"}
# Not followed by a letter: "256kbps" is not "256kb" + "ps", and "EC2 hosts" keeps its h.
_UNIT = re.compile(rf"(\d)\s*({_alternation(_UNIT_OF)})(?![a-z])")
_CANONICAL_UNIT = _alternation(_UNITS)
# "300 TPS" and "300 rps" (transactions, requests) are per second too.
_RATE_AFTER = re.compile(
    rf"({_DECIMAL})({_CANONICAL_UNIT})?"
    rf"\s*(?:(?:/|per)\s*({_alternation(_TIME_OF)})|tps|rps)(?![a-z])"
)
# "毎秒300回" and "秒間300件" put the time first.
_RATE_BEFORE = re.compile(
    rf"(?:毎({_alternation(_TIME_OF)})|(?<!\d)({_alternation(_TIME_OF)})間)"
    rf"\s*({_DECIMAL})({_CANONICAL_UNIT})?"
)
_PER_TIME = rf"/(?:{'|'.join(_TIMES)})(?![a-z])"
# A number and the unit or rate after it: what a typo may never change.
_NUMBER = re.compile(rf"{_DECIMAL}(?:{_CANONICAL_UNIT})?(?:{_PER_TIME})?")
# A rate as `_form` spells it, whose slash is kept (one group, for split).
_RATE_TOKEN = re.compile(rf"({_DECIMAL}(?:{_CANONICAL_UNIT})?{_PER_TIME})")
# "Up to" after the number that ends an answer: the question already asks for the limit.
_UP_TO = re.compile(rf"({_NUMBER.pattern})\s*(?:まで|以内|以下)(?=\W*$)")
# A whole answer of a number and an English plural counts things: "5 replicas" = "5個". Only a
# plural: "16 TiB" or "30 WCU" name a unit, and must not become "16 GiB"'s count.
_COUNTED = re.compile(rf"^\W*({_DECIMAL})\s+([a-z]{{3,}}s)\W*$")
# English plurals name the same thing ("Flow Logs", "identity pools", "AWS managed policies");
# short words, and endings that are not plurals (Kinesis, Redis, access, status, HTTPS), stay.
_LATIN_WORD = re.compile(r"(?<![a-z0-9])[a-z]{4,}(?![a-z0-9])")
# A generic noun after the name changes nothing: "クローラー機能", "CHAP 認証方式", "buildspec
# ファイル", "X-Forwarded-For header". Folded like answers (katakana as hiragana).
_GENERIC = ("機能", "方式", "設定", "領域", "構成", "ファイル", "コマンド", "ヘッダー", "モード")
_GENERIC_EN = ("feature", "file", "command", "header", "mode", "setting", "settings")
# "In total" before a number; 計 inside a word (設計, 時計) is left alone.
_TOTAL = re.compile(rf"(?<![{_KANJI_RANGES}])合?計\s*(?=\d)")

_KANJI_DIGITS = {digit: value for value, digit in enumerate("一二三四五六七八九", start=1)}
_KANJI_POWERS = {"十": 10, "百": 100, "千": 1000}
_DIGIT = f"[{''.join(_KANJI_DIGITS)}]"
# Kanji numerals read as a number only where a number belongs: before a counter or unit
# (一つ, 十五分), or as the whole answer. Inside a word they are part of it (統一, 一部, 二要素),
# so a numeral must not follow a kanji, except 計 (計六つ) or a time unit (一分三十秒, 毎秒三百回).
_NUMERAL = re.compile(
    rf"(?:(?<![{_KANJI_RANGES}])|(?<=[計秒分間日時]))"
    rf"((?:{_DIGIT}?千)?(?:{_DIGIT}?百)?(?:{_DIGIT}?十)?{_DIGIT}?)"
    rf"(?=\s*(?:{_alternation(_UNIT_OF)})|\W*$)"
)
# "X（Y）": one thing under two names (NFKC has made the brackets ASCII). `_alternate` checks
# that neither name is only punctuation: checking it here would make the pattern backtrack.
_ALTERNATE = re.compile(r"([^()]+)\(([^()]+)\)\W*")

# A typo is forgiven only in an accepted answer this long, and only one edit away: one letter
# changed, added, dropped, or two neighbours swapped.
_TYPO_MIN_LENGTH = 8
# Latin words this short are acronyms or short words, where one letter is a different answer.
_SHORT_WORD = 5
_WORD = re.compile(r"[a-z0-9]+")


def _kanji_number(numeral: str) -> int:
    """The value of a numeral such as 十五, 二百五十六 or 千: digits times the power after them."""
    total = digit = 0
    for char in numeral:
        if char in _KANJI_POWERS:
            total += (digit or 1) * _KANJI_POWERS[char]
            digit = 0
        else:
            digit = _KANJI_DIGITS[char]
    return total + digit


def _numeral_to_digits(match: re.Match[str]) -> str:
    return str(_kanji_number(match[1])) if match[1] else match[0]


def _rate(number: str, unit: str | None, time: str) -> str:
    """A rate's one spelling: a counter is dropped (300回/秒 is 300/s), a real unit kept."""
    return f"{number}{'' if unit in (None, _COUNT) else unit}/{_TIME_OF[time]}"


class _Form(NamedTuple):
    """A text folded two ways: with its word boundaries, and as compared."""

    words: str
    key: str

    def then(self, other: _Form) -> _Form:
        return _Form(f"{self.words} {other.words}", self.key + other.key)


def _key(words: str) -> str:
    """Drop separators, except the slash inside a rate (split keeps the rates at odd places)."""
    pieces = _RATE_TOKEN.split(words)
    return "".join(p if i % 2 else _SEPARATORS.sub("", p) for i, p in enumerate(pieces))


_SUFFIX = re.compile(
    rf"(?<=\S)\s*(?:{_alternation(_fold_script(g) for g in _GENERIC)}"
    rf"|(?<![a-z])(?:{_alternation(_GENERIC_EN)}))\W*$"
)


def _singular(word: str) -> str:
    """An English plural's singular: policies -> policy, logs -> log. Kinesis, Redis, access,
    status, HTTPS and acronyms such as EMRFS (an s after two consonants) stay as they are."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    vowels = "aeiouy"
    plural = word.endswith("s") and word[-2] not in "siup"
    return word[:-1] if plural and (word[-2] in vowels or word[-3] in vowels) else word


def _form(folded: str) -> _Form:
    """The form of a text `_fold_script` has folded: numbers, units and the brand settled."""
    words = _NUMERAL.sub(_numeral_to_digits, folded.replace("&", " and "))
    words = _TOTAL.sub("", words)
    words = _UNIT.sub(lambda m: m[1] + _UNIT_OF[m[2]], words)
    words = _RATE_BEFORE.sub(lambda m: _rate(m[3], m[4], m[1] or m[2]), words)
    words = _RATE_AFTER.sub(lambda m: _rate(m[1], m[2], m[3] or "s"), words)
    words = _UP_TO.sub(r"\1", words)
    words = _COUNTED.sub(rf"\1{_COUNT}", words)
    words = _BRAND.sub("", words, count=1)
    words = _SUFFIX.sub("", words, count=1)
    words = _LATIN_WORD.sub(lambda m: _singular(m[0]), words)
    return _Form(words, _key(words))


def _alternate(folded: str) -> tuple[_Form, _Form] | None:
    """The two names of a text written "X（Y）", each normalised on its own."""
    match = _ALTERNATE.fullmatch(folded)
    if match is None:
        return None
    name, other = _form(match[1]), _form(match[2])
    return (name, other) if name.key and other.key else None


def _response_forms(text: str) -> list[_Form]:
    """A response as written, and, for "X（Y）", with X and Y each normalised on its own."""
    folded = _fold_script(text)
    forms = [_form(folded)]
    if names := _alternate(folded):
        forms.append(names[0].then(names[1]))
    return forms


# The bank's own texts (accepted answers, choices) come back on every answer: fold each once.
_CACHED = 8192


@lru_cache(maxsize=_CACHED)
def _accepted_forms(text: str) -> tuple[_Form, ...]:
    """An accepted answer as written, and, for "X（Y）", as "X Y" and "Y X" too."""
    folded = _fold_script(text)
    forms = [_form(folded)]
    if names := _alternate(folded):
        name, other = names
        forms += [name.then(other), other.then(name)]
    return tuple(forms)


@lru_cache(maxsize=_CACHED)
def normalise(text: str) -> str:
    """The form a text is compared in: see the module docstring.

    A point between two digits is kept, so "1.5" and "15" stay different answers.
    """
    return _form(_fold_script(text)).key


def _exact_parts(form: _Form) -> tuple[list[str], list[str], list[str]]:
    """What a typo may not touch: numbers with their units, kanji, and short latin words."""
    short_words = [w for w in _WORD.findall(form.words) if len(w) <= _SHORT_WORD]
    return _NUMBER.findall(form.key), _KANJI.findall(form.key), short_words


def _is_typo(given: _Form, accepted: _Form) -> bool:
    """Whether a response is one slip of a key away from a long accepted answer.

    The start must agree, because a different start is usually a different answer
    (Asynchronous/Synchronous, Global/Local secondary index), and one edit at most is
    forgiven, because two are usually a different answer (S3 Standard/S3 Standard-IA).
    """
    a, b = given.key, accepted.key
    return (
        len(b) >= _TYPO_MIN_LENGTH
        and bool(a)
        and a[0] == b[0]
        and _exact_parts(given) == _exact_parts(accepted)
        # OSA is the edit distance that counts swapping two neighbours as one edit.
        and OSA.distance(a, b, score_cutoff=1) <= 1
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
    given = _response_forms(response)
    if not given[0].key:
        return False
    accepted = [form for answer in question.accepted for form in _accepted_forms(answer)]
    if any(_matches(g, accepted) for g in given):
        return True
    # "MPP（超並列処理）": a response that gives two names is right when both are. One right
    # name is not enough, or "SQS（SNS）" would hedge between two answers.
    names = _alternate(_fold_script(response))
    return names is not None and all(_matches(name, accepted) for name in names)


def _matches(given: _Form, accepted: list[_Form]) -> bool:
    return any(given.key == a.key for a in accepted) or any(_is_typo(given, a) for a in accepted)


def canonical_response(question: Question, response: str) -> str | None:
    """The response as it is stored: the chosen option's text, or the typed text.

    None means the response cannot be an answer to this question: an unknown letter, or a lone
    choice letter typed for a question that has no choices (out of habit, after days of A-D),
    which would otherwise use up the member's one answer.
    """
    if question.kind is QuestionKind.CHOICE:
        index = choice_index(question, response)
        return None if index is None else question.choices[index]
    text = response.strip()
    if _is_letter(text) and not any(_is_letter(a) for a in question.accepted):
        return None
    return text or None


def _is_letter(text: str) -> bool:
    """A lone choice letter: A to F, in either case or width."""
    key = normalise(text)
    return len(key) == 1 and key.upper() in _LETTERS
