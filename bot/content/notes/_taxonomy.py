"""Which topic a piece of a note is about, and the service-name typos notes are full of.

Topics come from topics.yaml: a topic matches a text when its name, English name, an alias or a
known typo occurs in it. English names match on word boundaries, so the alias `DR` does not
match inside "Address". Typos listed for a topic are corrected to the closest correct spelling
the topic knows (`Memchached` -> `Memcached`), so a question never teaches a misspelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.matching import normalise
from bot.core.model import Topic


def _fold(text: str) -> str:
    """NFKC and case only: spaces and punctuation stay, for word-boundary matching."""
    return unicodedata.normalize("NFKC", text).casefold()


def _fold_mapped(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters (and its end) the index in `text`.

    Folded one character at a time, so a match maps back to the original even where NFKC
    changes the length of some other character ("…" is "...").
    """
    pieces = [_fold(char) for char in text]
    starts = [index for index, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), [*starts, len(text)]


def _pattern(name: str) -> re.Pattern[str]:
    folded = re.escape(_fold(name)).replace(r"\ ", r"\s*")
    # Latin names need word boundaries ("DR" is not in "address"); kana and kanji have none.
    before = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", _fold(name)) else ""
    after = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", _fold(name)) else ""
    return re.compile(before + folded + after)


@dataclass(frozen=True, slots=True)
class _Name:
    topic: str
    text: str
    pattern: re.Pattern[str]
    first: str
    """The name's first folded word: a text without it cannot match, and `in` is cheap."""


def _name(topic: str, text: str) -> _Name:
    return _Name(topic, text, _pattern(text), _fold(text).split()[0])


@dataclass(frozen=True, slots=True)
class Correction:
    wrong: str
    right: str

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"


class Taxonomy:
    def __init__(self, topics: Iterable[Topic]) -> None:
        self.topics = {topic.id: topic for topic in topics}
        names: list[_Name] = []
        self._typos: list[tuple[_Name, str]] = []
        self._topic_of: dict[str, str | None] = {}
        """Texts already looked up: headings repeat for every fact under them."""
        for topic in self.topics.values():
            spellings = [topic.name, topic.name_en, *topic.aliases]
            for text in (topic.id, *spellings, *topic.typos):
                if normalise(text):
                    names.append(_name(topic.id, text))
            for typo in topic.typos:
                right = process.extractOne(
                    typo, [s for s in spellings if s], scorer=fuzz.ratio, processor=_fold
                )
                if right is not None:
                    self._typos.append((_name(topic.id, typo), right[0]))
        # Longest names first: "Kinesis Data Firehose" before "Kinesis", "S3 Glacier" before "S3".
        self._names = sorted(names, key=lambda n: -len(normalise(n.text)))

    def correct(self, text: str) -> tuple[str, tuple[Correction, ...]]:
        """The text with known typos replaced by their right spelling, and what was replaced."""
        made: list[Correction] = []
        plain = _fold(text)
        if not any(typo.first in plain for typo, _ in self._typos):
            return text, ()  # the usual case, without mapping every character
        folded, starts = _fold_mapped(text)
        for typo, right in self._typos:
            if typo.first not in folded:
                continue
            matches = list(typo.pattern.finditer(folded))
            if not matches:
                continue
            wrong = typo.text
            for match in reversed(matches):  # every occurrence, last first: offsets stay valid
                text = text[: starts[match.start()]] + right + text[starts[match.end()] :]
            made.append(Correction(wrong, right))
            folded, starts = _fold_mapped(text)
        return text, tuple(made)

    def topic_in(self, text: str) -> str | None:
        """The topic whose longest name occurs in `text`, if any."""
        if text not in self._topic_of:
            folded = _fold(text)
            self._topic_of[text] = next(
                (n.topic for n in self._names if n.first in folded and n.pattern.search(folded)),
                None,
            )
        return self._topic_of[text]

    def decide(self, chain: Sequence[str]) -> str | None:
        """The topic of the first text in `chain` (most specific first) that names one."""
        for text in chain:
            if text and (topic := self.topic_in(text)) is not None:
                return topic
        return None
