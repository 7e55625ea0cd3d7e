"""The rules of docs/writing-questions.md, applied to YAML node trees.

`BankReader` reads topics.yaml first and then each question file, collecting every problem with
its file and line, and only hands out a Bank when there were none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.matching import normalise
from bot.core.model import MAX_CHOICES, MIN_CHOICES, Bank, Question, QuestionKind, SourceRef, Topic

from ._audit import answer_stands_out
from ._problems import ContentProblem, sort_problems
from ._yaml import INT_TAG, describe, is_null, items, line_of, pairs, scalar_text

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ID_RULE = "lowercase letters, digits and hyphens, starting with a letter or digit"

_TOPIC_KEYS = ("id", "name", "name_en", "aliases", "typos")
_RETIRED_KEYS = ("id", "reason")
_TOPIC_REQUIRED = ("id", "name")
_QUESTION_KEYS = (
    "id",
    "topic",
    "kind",
    "prompt",
    "choices",
    "answer",
    "accepted",
    "explanation",
    "source",
    "exams",
    "difficulty",
)
_QUESTION_REQUIRED = ("id", "topic", "kind", "prompt", "explanation", "source")
_SOURCE_KEYS = ("note", "heading")
# An exam's short code as certification schedules print it: SAA, DVA, SOA, CLF, SAP, DOP...
_EXAM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_DIFFICULTIES = {"1": 1, "2": 2, "3": 3}

_Entry = tuple[ScalarNode, Node]
"""A key node and its value node."""


def _suggest(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class BankReader:
    """Reads one bank's files in one pass; call `read_topics` before `read_questions`."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._problems: list[ContentProblem] = []
        self._warnings: list[ContentProblem] = []
        """Worth an author's look, but loaded all the same."""
        self._topics: list[Topic] = []
        self._questions: list[Question] = []
        self._topic_ids: dict[str, str] | None = None
        """Topic id -> where it is defined; None while topics.yaml could not be read at all,
        so that a broken topics.yaml doesn't also make every question's topic 'unknown'."""
        self._question_ids: dict[str, str] = {}
        self._retired: dict[str, str] = {}
        """Retired question id -> where it is listed: answer history hangs on it, so no new
        question may take it."""
        self._path = directory
        """The file being read, for the problems found in it."""

    def add_problems(self, problems: Iterable[ContentProblem]) -> None:
        self._problems.extend(problems)

    def result(self) -> tuple[Bank | None, list[ContentProblem], list[ContentProblem]]:
        """(the bank or None, its problems, its warnings); None whenever there is a problem."""
        warnings = sort_problems(self._warnings)
        if self._problems:
            return None, sort_problems(self._problems), warnings
        return Bank(topics=tuple(self._topics), questions=tuple(self._questions)), [], warnings

    # -- files ---------------------------------------------------------------------------------

    def read_topics(self, path: Path, root: Node) -> None:
        self._path = path
        entries = self._top_level(root, "topics")
        if entries is None:
            return
        topic_ids: dict[str, str] = {}
        self._topic_ids = topic_ids
        for node in entries:
            topic = self._topic(node, topic_ids)
            if topic is not None:
                self._topics.append(topic)

    def read_retired(self, path: Path, root: Node) -> None:
        self._path = path
        for node in self._top_level(root, "retired") or ():
            found = self._entries(node, _RETIRED_KEYS, _RETIRED_KEYS)
            self._text(found.get("reason"))
            self._id(found.get("id"), self._retired, "retired id")

    def read_questions(self, path: Path, root: Node) -> None:
        self._path = path
        entries = self._top_level(root, "questions")
        for node in entries or ():
            question = self._question(node)
            if question is not None:
                self._questions.append(question)

    def _top_level(self, root: Node, key: str) -> list[MappingNode] | None:
        what = key.removesuffix("s")
        if not isinstance(root, MappingNode):
            actual = describe(root)
            self._add(root, f"expected a mapping with a '{key}:' key at the top, found {actual}")
            return None
        found = self._entries(root, (key,), ())
        if key not in found:
            self._add(root, f"missing the top-level '{key}:' key")
            return None
        key_node, value = found[key]
        if not isinstance(value, SequenceNode):
            self._add(value, f"'{key}' must be a list of {key}, found {describe(value)}")
            return None
        nodes = items(value)
        if not nodes:
            self._add(key_node, f"'{key}' must list at least one {what}")
        well_formed: list[MappingNode] = []
        for node in nodes:
            if isinstance(node, MappingNode):
                well_formed.append(node)
            else:
                self._add(node, f"each {what} must be a mapping of keys, found {describe(node)}")
        return well_formed

    # -- records -------------------------------------------------------------------------------

    def _topic(self, node: MappingNode, seen: dict[str, str]) -> Topic | None:
        before = len(self._problems)
        found = self._entries(node, _TOPIC_KEYS, _TOPIC_REQUIRED)
        topic_id = self._id(found.get("id"), seen, "topic id")
        name = self._text(found.get("name"))
        name_en = self._text(found.get("name_en"), allow_empty=True, default="")
        aliases = self._texts(found.get("aliases"), default=[])
        typos = self._texts(found.get("typos"), default=[])
        if len(self._problems) > before:
            return None
        if topic_id is None or name is None or name_en is None or aliases is None or typos is None:
            return None  # never reached: a None above always comes with a problem
        return Topic(
            id=topic_id,
            name=name,
            name_en=name_en,
            aliases=_values(aliases),
            typos=_values(typos),
        )

    def _question(self, node: MappingNode) -> Question | None:
        before = len(self._problems)
        found = self._entries(node, _QUESTION_KEYS, _QUESTION_REQUIRED)
        question_id = self._id(found.get("id"), self._question_ids, "id")
        if question_id in self._retired:
            self._add(
                found["id"][1],
                f"id {question_id!r} was retired (listed at {self._retired[question_id]});"
                " a new question needs a new id",
            )
        topic = self._topic_ref(found.get("topic"))
        kind = self._kind(found.get("kind"))
        prompt = self._text(found.get("prompt"))
        explanation = self._text(found.get("explanation"))
        source = self._source(found.get("source"))
        exams = self._exams(found.get("exams"))
        difficulty = self._difficulty(found.get("difficulty"))
        choices: tuple[str, ...] = ()
        answer = ""
        accepted: tuple[str, ...] = ()
        if kind is QuestionKind.CHOICE:
            choices, answer = self._choice_answer(node, found)
        elif kind is QuestionKind.TEXT:
            accepted = self._accepted(node, found)
        if len(self._problems) > before:
            return None
        if (
            question_id is None
            or topic is None
            or kind is None
            or prompt is None
            or explanation is None
            or source is None
            or exams is None
            or difficulty is None
        ):
            return None  # never reached: a None above always comes with a problem
        return Question(
            id=question_id,
            topic=topic,
            kind=kind,
            prompt=prompt,
            explanation=explanation,
            source=source,
            choices=choices,
            answer=answer,
            accepted=accepted,
            exams=_values(exams),
            difficulty=difficulty,
        )

    def _choice_answer(
        self, node: MappingNode, found: dict[str, _Entry]
    ) -> tuple[tuple[str, ...], str]:
        if "accepted" in found:
            self._add(found["accepted"][0], "'accepted' is for text questions; use 'answer'")
        for key in ("choices", "answer"):
            if key not in found:
                self._add(node, f"missing required key {key!r} (a choice question needs it)")
        choices = self._texts(found.get("choices"), default=None)
        answer = self._text(found.get("answer"))
        if choices is None:
            return (), answer or ""
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            self._add(
                found["choices"][0],
                f"a choice question needs {MIN_CHOICES} to {MAX_CHOICES} choices,"
                f" found {len(choices)}",
            )
        first_seen: dict[str, Node] = {}
        typed: dict[str, tuple[str, Node]] = {}
        for choice, choice_node in choices:
            if choice in first_seen:
                earlier = line_of(first_seen[choice])
                where = "" if earlier == line_of(choice_node) else f" (also at line {earlier})"
                self._add(choice_node, f"duplicate choice {choice!r}{where}")
            elif (key := normalise(choice)) in typed:
                # A typed answer picks the first choice it reads as, so these must differ.
                other, _ = typed[key]
                self._add(
                    choice_node,
                    f"choice {choice!r} reads the same as {other!r} when typed;"
                    " make them differ in more than case, width or punctuation",
                )
            first_seen.setdefault(choice, choice_node)
            typed.setdefault(normalise(choice), (choice, choice_node))
        if answer is not None and answer not in first_seen:
            self._add(
                found["answer"][1],
                f"answer {answer!r} is not one of the choices{_suggest(answer, first_seen)}",
            )
        elif answer is not None and answer_stands_out(answer, [c for c, _ in choices]):
            self._warn(
                found["answer"][1],
                "the answer is much longer than every other choice, which gives it away",
            )
        return _values(choices), answer or ""

    def _accepted(self, node: MappingNode, found: dict[str, _Entry]) -> tuple[str, ...]:
        for key in ("choices", "answer"):
            if key in found:
                self._add(found[key][0], f"{key!r} is for choice questions; use 'accepted'")
        if "accepted" not in found:
            self._add(node, "missing required key 'accepted' (a text question needs it)")
            return ()
        accepted_key, value = found["accepted"]
        accepted = self._texts(found["accepted"], default=None)
        if isinstance(value, SequenceNode) and not items(value):
            self._add(accepted_key, "a text question needs at least one accepted answer")
        return _values(accepted or [])

    # -- fields --------------------------------------------------------------------------------

    def _entries(
        self, node: MappingNode, known: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, _Entry]:
        """The known keys of a mapping; reports unknown, duplicate and missing required keys."""
        found: dict[str, _Entry] = {}
        seen: dict[str, int] = {}
        for key, value in pairs(node):
            if not isinstance(key, ScalarNode) or is_null(key):
                self._add(key, f"keys must be plain words, found {describe(key)}")
                continue
            name = scalar_text(key)
            if name in seen:
                self._add(key, f"duplicate key {name!r} (first at line {seen[name]})")
                continue
            seen[name] = line_of(key)
            if name in known:
                found[name] = (key, value)
            else:
                self._add(key, f"unknown key {name!r}{_suggest(name, known)}")
        for name in required:
            if name not in found:
                self._add(node, f"missing required key {name!r}")
        return found

    def _text(
        self,
        entry: _Entry | None,
        *,
        allow_empty: bool = False,
        default: str | None = None,
        name: str = "",
    ) -> str | None:
        """A stripped string; None (having reported why) when it is unusable.

        A missing entry gives `default`; a missing required key was reported by `_entries`.
        """
        if entry is None:
            return default
        key, value = entry
        name = repr(name or scalar_text(key))
        if not isinstance(value, ScalarNode):
            self._add(value, f"{name} must be a string, found {describe(value)}")
            return None
        text = scalar_text(value).strip()
        if not text and not allow_empty:
            self._add(key if is_null(value) else value, f"{name} must not be empty")
            return None
        return text

    def _texts(
        self, entry: _Entry | None, *, default: list[tuple[str, Node]] | None
    ) -> list[tuple[str, Node]] | None:
        """The list's non-empty stripped strings, each with its node (for its line).

        Bad entries are reported and left out, so that the rest can still be checked;
        None when the value is not a list at all.
        """
        if entry is None:
            return default
        key, value = entry
        name = repr(scalar_text(key))
        if not isinstance(value, SequenceNode):
            self._add(value, f"{name} must be a list of strings, found {describe(value)}")
            return None
        texts: list[tuple[str, Node]] = []
        for item in items(value):
            if not isinstance(item, ScalarNode):
                self._add(item, f"each entry of {name} must be a string, found {describe(item)}")
            elif not (text := scalar_text(item).strip()):
                self._add(item, f"empty entry in {name}")
            else:
                texts.append((text, item))
        return texts

    def _exams(self, entry: _Entry | None) -> list[tuple[str, Node]] | None:
        exams = self._texts(entry, default=[])
        for exam, node in exams or ():
            if not _EXAM.fullmatch(exam):
                self._add(node, f"exam {exam!r} must be an exam's short code such as SAA or DVA")
        return exams

    def _id(self, entry: _Entry | None, seen: dict[str, str], what: str) -> str | None:
        text = self._text(entry)
        if entry is None or text is None:
            return None
        value = entry[1]
        here = f"{self._relative(self._path)}:{line_of(value)}"
        if not _ID.fullmatch(text):
            self._add(value, f"{what} {text!r} must be {_ID_RULE}")
        if text in seen:
            self._add(value, f"duplicate {what} {text!r} (first defined at {seen[text]})")
            return None
        seen[text] = here
        return text

    def _topic_ref(self, entry: _Entry | None) -> str | None:
        text = self._text(entry)
        if entry is None or text is None or self._topic_ids is None:
            return text
        if text not in self._topic_ids:
            hint = _suggest(text, self._topic_ids) or " (not in topics.yaml)"
            self._add(entry[1], f"unknown topic {text!r}{hint}")
            return None
        return text

    def _kind(self, entry: _Entry | None) -> QuestionKind | None:
        text = self._text(entry)
        if entry is None or text is None:
            return None
        try:
            return QuestionKind(text)
        except ValueError:
            kinds = " or ".join(repr(k.value) for k in QuestionKind)
            self._add(entry[1], f"'kind' must be {kinds}, found {text!r}")
            return None

    def _source(self, entry: _Entry | None) -> SourceRef | None:
        if entry is None:
            return None
        value = entry[1]
        if isinstance(value, SequenceNode):
            self._add(
                value,
                "'source' must be a note file name or a mapping with 'note' and 'heading',"
                f" found {describe(value)}",
            )
            return None
        if not isinstance(value, MappingNode):
            note = self._text(entry)
            return None if note is None else SourceRef(note=note)
        found = self._entries(value, _SOURCE_KEYS, ("note",))
        note = self._text(found.get("note"), name="source.note")
        heading = self._text(
            found.get("heading"), allow_empty=True, default="", name="source.heading"
        )
        if note is None or heading is None:
            return None
        return SourceRef(note=note, heading=heading)

    def _difficulty(self, entry: _Entry | None) -> int | None:
        if entry is None:
            return 2
        value = entry[1]
        if isinstance(value, ScalarNode) and value.tag == INT_TAG:
            level = _DIFFICULTIES.get(scalar_text(value).strip())
            if level is not None:
                return level
        self._add(value, f"'difficulty' must be 1, 2 or 3, found {describe(value)}")
        return None

    # -- reporting -----------------------------------------------------------------------------

    def _add(self, node: Node, message: str) -> None:
        self._problems.append(ContentProblem(self._path, line_of(node), message))

    def _warn(self, node: Node, message: str) -> None:
        self._warnings.append(ContentProblem(self._path, line_of(node), message, warning=True))

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self._directory).as_posix()
        except ValueError:
            return str(path)


def _values(texts: list[tuple[str, Node]]) -> tuple[str, ...]:
    return tuple(text for text, _ in texts)
