"""Facts a note states: a term and its definition, a situation and the service for it, a number.

Each fact remembers where it was written (line, heading path) and its *group*: the list, table
or heading it sits in. Terms in one group are of one kind (record types, routing policies,
storage classes), which is where good distractors come from.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ._markdown import Block, BlockKind, Note

_COLON = re.compile(r"^([^:：]{1,40}?)\s*[:：]\s*(.+)$")
_PAREN_DEFINITION = re.compile(r"^([^（(]{1,30}?)\s*[（(]([^）)]{8,})[）)]\s*$")
_ARROW = re.compile(r"^(.{6,}?)\s*(?:->|→|⇒)\s*(.{1,40})$")
_SENTENCE_END = re.compile(r"[。．.]\s*")
_ABBREVIATION = re.compile(r"^(.+?)\s*[（(]([A-Za-z0-9\s/&-]{2,12})[)）]$")

# Number-with-unit: sizes first (most worth asking), then time, then counts.
_UNIT_PATTERNS = (
    re.compile(r"(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB|バイト|byte|bytes)", re.IGNORECASE),
    re.compile(r"(\d+(?:\.\d+)?)\s*(ミリ秒|秒|分|時間|日間|日|週間|か月|ヶ月|年)"),
    re.compile(r"(?:ポート\s*(?:番号)?\s*)(\d{2,5})"),
    re.compile(r"(\d+(?:\.\d+)?)\s*(%|％|個|つ|件|回|台|文字|リージョン|AZ)"),
)


class FactKind(enum.StrEnum):
    DEFINITION = "definition"
    """`term` is what `text` describes."""
    SCENARIO = "scenario"
    """`term` is the service or answer for the situation in `text` (an `A -> B` line)."""
    NUMBER = "number"
    """`text` states a number; `term` is the number with its unit, `context` who it is about."""


class Pattern(enum.StrEnum):
    """How a fact was written, which says much about how reliable it is."""

    COLON = "colon"
    PAREN = "paren"
    NESTED = "nested"
    HEADING_PROSE = "heading-prose"
    LABEL = "label"
    TABLE = "table"
    ARROW = "arrow"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: FactKind
    pattern: Pattern
    term: str
    text: str
    block: Block
    group: tuple[str, ...]
    """The list, table or heading the fact belongs to: facts in one group are siblings."""
    context: str = ""
    """For a number: the term or heading the sentence is about."""
    alias: str = ""
    """An abbreviation written next to the term, e.g. IGW for インターネットゲートウェイ."""

    @property
    def line(self) -> int:
        return self.block.line


def first_sentence(text: str) -> str:
    """Up to and including the first full stop (a decimal point is not one)."""
    parts = re.split(r"(?<=。)|(?<=[^\d]\.)\s", text, maxsplit=1)
    return parts[0].strip()


def split_abbreviation(term: str) -> tuple[str, str]:
    """'インターネットゲートウェイ(IGW)' -> ('インターネットゲートウェイ', 'IGW')."""
    match = _ABBREVIATION.match(term.strip())
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return term.strip(), ""


_SUMMARY = re.compile(r"^(まとめ|総まとめ|summary|recap)$", re.IGNORECASE)


def _in_summary(block: Block) -> bool:
    """Under a まとめ (summary) heading or sub-heading line."""
    return any(_SUMMARY.match(title.strip()) for title in (*block.headings[-1:], block.label))


def _group(block: Block, *extra: str) -> tuple[str, ...]:
    return (*block.headings, block.label, block.parent, str(block.depth), *extra)


class _Reader:
    def __init__(self, note: Note) -> None:
        self.blocks = note.blocks
        self.facts: list[Fact] = []

    def read(self) -> list[Fact]:
        previous: Block | None = None
        for index, block in enumerate(self.blocks):
            if _in_summary(block):
                continue  # a summary repeats the section above it: asking twice adds nothing
            self.definitions(index, block, previous)
            self.scenario(block)
            self.numbers(block)
            previous = block
        return self.facts

    def add(
        self,
        kind: FactKind,
        pattern: Pattern,
        term: str,
        text: str,
        block: Block,
        group: tuple[str, ...],
        context: str = "",
    ) -> None:
        term, alias = split_abbreviation(term.strip().rstrip(":：").strip())
        text = text.strip().lstrip(":：").strip()
        if term and text:
            self.facts.append(Fact(kind, pattern, term, text, block, group, context, alias))

    def define(
        self, pattern: Pattern, term: str, text: str, block: Block, group: tuple[str, ...]
    ) -> None:
        self.add(FactKind.DEFINITION, pattern, term, text, block, group)

    def definitions(self, index: int, block: Block, previous: Block | None) -> None:
        if block.kind is BlockKind.ITEM:
            if _ARROW.match(block.text):
                return
            colon = _COLON.match(block.text)
            paren = _PAREN_DEFINITION.match(block.text)
            if colon:
                self.define(Pattern.COLON, colon[1], colon[2], block, _group(block))
            elif paren:
                self.define(Pattern.PAREN, paren[1], paren[2], block, _group(block))
            elif child := self.first_child(index, block):
                self.define(Pattern.NESTED, block.text, child.text, block, _group(block))
            elif block.label and block.depth == 0 and self.first_under_label(index, block):
                # A bold line's first bullet says what the bold line names.
                group = (*block.headings[:-1], "label")
                self.define(Pattern.LABEL, block.label, block.text, block, group)
        elif block.kind is BlockKind.ROW and len(block.cells) == 2 and all(block.cells):
            group = (*block.headings, "table", *block.header)
            self.define(Pattern.TABLE, block.cells[0], block.cells[1], block, group)
        elif block.kind in (BlockKind.FENCE, BlockKind.PROSE) and self.opens_section(
            block, previous
        ):
            # The first prose under a heading (or a sub-heading line) defines what it names.
            term = block.label or (block.headings[-1] if block.headings else "")
            group = (*block.headings[:-1], "label" if block.label else "heading")
            self.define(Pattern.HEADING_PROSE, term, first_sentence(block.text), block, group)

    def first_child(self, index: int, block: Block) -> Block | None:
        """The first item nested directly under an item, if the next block is one."""
        if index + 1 >= len(self.blocks):
            return None
        child = self.blocks[index + 1]
        if (
            child.kind is BlockKind.ITEM
            and child.depth == block.depth + 1
            and child.parent == block.text
            # A child that defines a term of its own is not the parent's definition.
            and not _COLON.match(child.text)
            and not _ARROW.match(child.text)
        ):
            return child
        return None

    def first_under_label(self, index: int, block: Block) -> bool:
        earlier = self.blocks[index - 1] if index else None
        return earlier is None or earlier.label != block.label or earlier.headings != block.headings

    @staticmethod
    def opens_section(block: Block, previous: Block | None) -> bool:
        """The first prose under a heading (or a sub-heading line) defines what it names."""
        if previous is None:
            return bool(block.headings or block.label)
        if block.label:
            return previous.label != block.label or previous.headings != block.headings
        return bool(block.headings) and previous.headings != block.headings

    def scenario(self, block: Block) -> None:
        if block.kind not in (BlockKind.ITEM, BlockKind.PROSE):
            return
        arrow = _ARROW.match(block.text)
        if arrow:
            self.add(
                FactKind.SCENARIO,
                Pattern.ARROW,
                arrow.group(2),
                arrow.group(1),
                block,
                (*block.headings, "arrow"),
            )

    def numbers(self, block: Block) -> None:
        text = block.text
        if block.kind is BlockKind.ROW:
            return
        for pattern in _UNIT_PATTERNS:
            match = pattern.search(text)
            if match:
                context = (
                    block.parent or block.label or (block.headings[-1] if block.headings else "")
                )
                colon = _COLON.match(text)
                if colon and match.start() > colon.end(1):
                    context = colon.group(1)
                self.add(
                    FactKind.NUMBER,
                    Pattern.NUMBER,
                    match.group(0).strip(),
                    text,
                    block,
                    (*block.headings, "number"),
                    context=context,
                )
                return


def read_facts(note: Note) -> list[Fact]:
    return _Reader(note).read()
