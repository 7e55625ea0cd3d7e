"""Reading one YAML file into a node tree, and typed helpers for walking it with line numbers.

Nodes rather than loaded Python objects: every node keeps the line it came from, and a scalar
keeps the text exactly as written (`yes` stays "yes", `01` stays "01").
"""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ._problems import ContentProblem

NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
_NUMBER_TAGS = frozenset({INT_TAG, "tag:yaml.org,2002:float"})
_BOOL_TAG = "tag:yaml.org,2002:bool"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def compose_file(path: Path) -> tuple[Node | None, list[ContentProblem]]:
    """The file's node tree, or None and the one problem that stopped it from being read."""

    def fail(line: int, message: str) -> tuple[None, list[ContentProblem]]:
        return None, [ContentProblem(path, line, message)]

    try:
        data = path.read_bytes()
    except OSError as exc:
        return fail(1, f"cannot read the file: {exc.strerror or exc}")
    if data.startswith(_UTF16_BOMS):
        return fail(1, "the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        return fail(1, "binary file, not YAML text (it contains a NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return fail(line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return fail(*_syntax_error(exc))
    except yaml.reader.ReaderError as exc:
        position = int(exc.position)
        line = text[:position].count("\n") + 1
        return fail(line, f"character U+{ord(text[position]):04X} is not allowed in YAML")
    if root is None:
        return fail(1, "the file is empty")
    return root, []


def _syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    message = f"YAML syntax error: {exc.problem or exc.context or 'unreadable YAML'}"
    if exc.problem and exc.context and exc.context_mark is not None:
        context_line = exc.context_mark.line + 1
        where = "" if context_line == line else f" started at line {context_line}"
        message += f" ({exc.context}{where})"
    return line, message


def line_of(node: Node) -> int:
    """The node's 1-based line."""
    return int(node.start_mark.line) + 1


def is_null(node: Node) -> bool:
    """An empty value (`key:` with nothing after it), `~` or `null`."""
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def scalar_text(node: ScalarNode) -> str:
    """The scalar exactly as written in the file (after YAML's own quoting and folding)."""
    return "" if node.tag == NULL_TAG else str(node.value)


def pairs(node: MappingNode) -> list[tuple[Node, Node]]:
    return list(node.value)


def items(node: SequenceNode) -> list[Node]:
    return list(node.value)


def describe(node: Node) -> str:
    """What the author wrote, in words, for 'must be X, found Y' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "nothing"
    if node.tag == _BOOL_TAG:
        return f"true/false ({node.value})"
    if node.tag in _NUMBER_TAGS:
        return f"the number {node.value}"
    return f"the string {str(node.value)!r}"
