"""Reading a note as people really write them: a flat list of blocks, each under its headings.

Notes are markdown in name only. Besides `#` headings and bullets they hold front matter,
fenced blocks used as prose, `•` bullets and link-card lines from blog exports, tables whose
cells run over several lines, images, and bold lines that act as sub-headings. The parser keeps
what carries facts (headings, list items, prose, tables, prose fences) with line numbers and the
heading path above each, and drops the rest (images, links, rules, code).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace

HEADING_JOIN = " > "

_ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+-]*)")
_ITEM = re.compile(r"^(\s*)(?:[-*+•・]|(\d{1,2})[.)．])\s+(.*)$")
_BARE_DOT = re.compile(r"^(\s*)・(\S.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_DOMAIN_LINE = re.compile(r"^[\w.-]+\.(?:com|jp|net|org|io|dev|aws|co\.jp)(?:/\S*)?$", re.ASCII)
_HATENA_IMAGE = re.compile(r"^f:id:\S+$")
_EMPHASIS = re.compile(r"\*\*|__|`")
_BOLD_LINE = re.compile(r"^\s*\*\*([^*]+)\*\*\s*[:：]?\s*$")
_CODEISH = re.compile(r"[{}\[\];$]|\"\s*:|==|=>|</?\w+>|^\s*#")


class BlockKind(enum.StrEnum):
    ITEM = "item"
    """A bullet or numbered list item."""
    PROSE = "prose"
    """A paragraph line."""
    FENCE = "fence"
    """A fenced block that reads as prose (a definition under a heading)."""
    ROW = "row"
    """A table row: `cells`, and the table's header in `header`."""


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    line: int
    headings: tuple[str, ...]
    depth: int = 0
    """Indentation level of a list item (0 = top)."""
    numbered: bool = False
    label: str = ""
    """The nearest bold or plain sub-heading line above, within the same heading."""
    parent: str = ""
    """For a nested list item: the text of the item it hangs under."""
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    siblings: tuple[str, ...] = ()
    """For a list item: the texts of the items at the same level under the same parent."""

    @property
    def heading_path(self) -> str:
        return HEADING_JOIN.join(self.headings)


@dataclass(slots=True)
class Note:
    name: str
    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    """(line, heading path) for every heading, in order."""
    lines: int = 0
    exams: tuple[str, ...] = ()
    """Exams the note says it is for, from its title and front matter (DVA, SOA, SAA...)."""

    def heading_paths(self) -> set[str]:
        return {path for _, path in self.headings}


def clean_inline(text: str) -> str:
    """Text without images, link targets, URLs and emphasis markers, spaces collapsed."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def _is_noise(stripped: str) -> bool:
    return (
        not clean_inline(stripped)
        or bool(_DOMAIN_LINE.match(stripped))
        or bool(_HATENA_IMAGE.match(stripped))
        or bool(_RULE.match(stripped))
    )


_EXAM_CODES = re.compile(
    r"(?<![A-Za-z])(SAA|DVA|SOA|CLF|SAP|DOP|ANS|SCS|DAS|MLS|DEA|AIF)(?:-?C0\d)?(?![A-Za-z])",
    re.IGNORECASE,
)
_EXAM_NAMES = (
    (re.compile(r"デベロッパー[・ ]?アソシエイト|Developer[ -]Associate", re.IGNORECASE), "DVA"),
    (
        re.compile(
            r"ソリューションアーキテクト[・ ]?アソシエイト|Solutions Architect[ -]Associate",
            re.IGNORECASE,
        ),
        "SAA",
    ),
    (re.compile(r"SysOps|シスオプス", re.IGNORECASE), "SOA"),
    (re.compile(r"クラウドプラクティショナー|Cloud Practitioner", re.IGNORECASE), "CLF"),
)
TITLE_LINES = 12
"""How far into a note (after front matter) its title and opening can name an exam."""


def note_exams(lines: list[str], start: int) -> tuple[str, ...]:
    """The exams a note's front matter and opening lines name, in the order they appear."""
    opening = [line for line in lines[start:] if line.strip()][:TITLE_LINES]
    text = "\n".join([*lines[:start], *opening])
    found = [(m.start(), m.group(1).upper()) for m in _EXAM_CODES.finditer(text)]
    for pattern, code in _EXAM_NAMES:
        found += [(m.start(), code) for m in pattern.finditer(text)]
    return tuple(dict.fromkeys(code for _, code in sorted(found)))


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading `---` front matter block (0 if none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, min(len(lines), 60)):
        if lines[index].strip() == "---":
            return index + 1
    return 0


def _looks_like_prose(lines: list[str]) -> bool:
    """A fenced block used as a definition, not code: no braces, quotes-with-colons, tags."""
    text = "\n".join(lines).strip()
    return bool(text) and not any(_CODEISH.search(line) for line in lines)


def _is_blog_export(lines: list[str]) -> bool:
    """A page saved from a blog: titles are plain lines, and link cards follow the sections.

    Such exports have no `#` headings of their own; a `#` line in them is a comment inside an
    unfenced code example, so link cards outnumbering `#` lines is the tell.
    """
    atx, fence = 0, ""  # '#' lines inside a fence are never headings: they do not count
    for line in lines:
        opening = _FENCE.match(line)
        if opening and (not fence or line.strip().startswith(fence)):
            fence = "" if fence else opening.group(1)[:3]
        elif not fence and _ATX.match(line):
            atx += 1
    cards = sum(1 for line in lines if _DOMAIN_LINE.match(line.strip()))
    return atx == 0 or cards >= max(3, 2 * atx)


def _blog_titles(lines: list[str], start: int) -> set[int]:
    """Line indexes of the short title lines of a blog export (a note with no `#` headings).

    A title is a short plain line, with a blank line before it, followed (after blank lines)
    by a list item or a link-card line: the shape blog exports give their section headings.
    """
    titles: set[int] = set()
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if (
            not stripped
            or len(stripped) > 80
            or stripped.endswith(("。", "、", ":", "："))
            or _ITEM.match(lines[index])
            or _is_noise(stripped)
            or (index > start and lines[index - 1].strip())
        ):
            continue
        following = next((line for line in lines[index + 1 :] if line.strip()), "")
        if _ITEM.match(following) or _DOMAIN_LINE.match(following.strip()):
            titles.add(index)
    return titles


class _Parser:
    def __init__(self, name: str, lines: list[str]) -> None:
        self.note = Note(name=name, lines=len(lines))
        self.lines = lines
        self.stack: list[tuple[int, str]] = []
        self.label = ""
        self.items: list[tuple[int, str]] = []
        """Open list items as (indent, text), outermost first."""

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.stack)

    def heading(self, line: int, level: int, title: str) -> None:
        self.stack = [(lvl, t) for lvl, t in self.stack if lvl < level] + [(level, title)]
        self.note.headings.append((line, HEADING_JOIN.join(self.headings)))
        self.label = ""
        self.items = []

    def add(self, kind: BlockKind, text: str, line: int, **extra: object) -> None:
        text = clean_inline(text)
        if text:
            self.note.blocks.append(
                Block(
                    kind=kind,
                    text=text,
                    line=line,
                    headings=self.headings,
                    label=self.label,
                    **extra,  # type: ignore[arg-type]
                )
            )

    def parse(self) -> Note:
        lines = self.lines
        start = _front_matter_end(lines)
        self.note.exams = note_exams(lines, start)
        blog = _is_blog_export(lines[start:])
        titles = _blog_titles(lines, start) if blog else set()
        index = start
        while index < len(lines):
            raw = lines[index]
            number = index + 1
            stripped = raw.strip()
            fence = _FENCE.match(raw)
            if fence:
                index = self.fence(index, fence.group(1))
                continue
            if stripped.startswith("|"):
                index = self.table(index)
                continue
            index += 1
            if _is_noise(stripped):
                if not stripped:
                    continue
                if _RULE.match(stripped):
                    self.label, self.items = "", []
                continue
            atx = None if blog else _ATX.match(raw)
            if atx:
                self.heading(number, len(atx.group(1)), clean_inline(atx.group(2)))
                continue
            if index - 1 in titles:
                self.heading(number, 1, clean_inline(stripped))
                continue
            item = _ITEM.match(raw) or _BARE_DOT.match(raw)
            if item:
                self.item(raw, item, number)
                continue
            bold = _BOLD_LINE.match(raw)
            if bold:
                self.label, self.items = clean_inline(bold.group(1)), []
                continue
            if self.items and _indent(raw) > self.items[-1][0]:
                continue  # a continuation of the item above: already read as part of it
            self.items = []
            if self.short_title(index - 1):
                self.label = clean_inline(stripped)
                continue
            self.add(BlockKind.PROSE, stripped, number)
        self.link_siblings()
        return self.note

    def short_title(self, index: int) -> bool:
        """A plain short line directly followed by a fence or a list: a sub-heading in prose."""
        stripped = self.lines[index].strip()
        if len(stripped) > 30 or stripped.endswith(("。", "、")):
            return False
        following = next((line for line in self.lines[index + 1 :] if line.strip()), "")
        return bool(_FENCE.match(following) or _ITEM.match(following))

    def item(self, raw: str, match: re.Match[str], number: int) -> None:
        indent = _indent(match.group(1))
        text = match.group(match.lastindex or 1)
        numbered = match.re is _ITEM and match.group(2) is not None
        # Continuation lines (deeper indent, not items) belong to this item.
        for follow in self.lines[number:]:
            if not follow.strip() or _ITEM.match(follow) or _FENCE.match(follow):
                break
            if _indent(follow) <= indent or follow.strip().startswith("|"):
                break
            # Words of latin text keep a space between them; Japanese has none.
            joint = " " if text[-1:].isascii() and follow.strip()[:1].isascii() else ""
            text += joint + follow.strip()
        # "- 1. step": a numbered item written inside a bullet.
        inner = re.match(r"^(\d{1,2})[.)．]\s+(.*)$", text)
        if inner:
            text, numbered = inner.group(2), True
        while self.items and self.items[-1][0] >= indent:
            self.items.pop()
        parent = self.items[-1][1] if self.items else ""
        self.add(
            BlockKind.ITEM,
            text,
            number,
            depth=len(self.items),
            numbered=numbered,
            parent=clean_inline(parent),
        )
        self.items.append((indent, text))

    def fence(self, index: int, marker: str) -> int:
        body: list[str] = []
        end = index + 1
        while end < len(self.lines) and not self.lines[end].strip().startswith(marker[:3]):
            body.append(self.lines[end])
            end += 1
        if _looks_like_prose(body):
            text = " ".join(
                clean_inline(line.strip().lstrip("・").strip()) for line in body if line.strip()
            )
            first = next(i for i, line in enumerate(body) if line.strip())
            self.add(BlockKind.FENCE, text, index + 2 + first)
        return end + 1

    def table(self, index: int) -> int:
        rows: list[tuple[int, list[str]]] = []
        end = index
        while end < len(self.lines) and self.lines[end].strip().startswith("|"):
            start, text = end, self.lines[end].strip()
            # A cell may run over several lines; the row ends at a line ending in '|'.
            while not text.endswith("|") and end + 1 < len(self.lines):
                end += 1
                text += " " + self.lines[end].strip()
            end += 1
            cells = [clean_inline(cell) for cell in text.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
                rows.append((start + 1, cells))
        if len(rows) >= 2:
            header = tuple(rows[0][1])
            for line, cells in rows[1:]:
                if any(cells):
                    self.add(
                        BlockKind.ROW, " | ".join(cells), line, cells=tuple(cells), header=header
                    )
        return end

    def link_siblings(self) -> None:
        """Give each list item the texts of the items beside it (same parent, same depth)."""
        groups: dict[tuple[tuple[str, ...], str, str, int], list[int]] = {}
        for position, block in enumerate(self.note.blocks):
            if block.kind is BlockKind.ITEM:
                key = (block.headings, block.label, block.parent, block.depth)
                groups.setdefault(key, []).append(position)
        for positions in groups.values():
            texts = tuple(self.note.blocks[p].text for p in positions)
            for p in positions:
                self.note.blocks[p] = replace(self.note.blocks[p], siblings=texts)


def parse_note(name: str, text: str) -> Note:
    """Parse a note's text; never raises on any input."""
    return _Parser(name, text.splitlines()).parse()
