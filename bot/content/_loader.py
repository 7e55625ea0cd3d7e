"""Finding a bank's files and reading them all, in a fixed order, through one BankReader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from yaml.nodes import Node

from bot.core.model import Bank

from ._problems import ContentError, ContentProblem
from ._schema import BankReader
from ._yaml import compose_file

TOPICS_FILE = "topics.yaml"
RETIRED_FILE = "retired.yaml"
QUESTIONS_DIR = "questions"


class BankCheck(NamedTuple):
    """What checking a bank found. `bank` is None whenever there is a problem; warnings point at
    what is valid but worth an author's look, and never stop a bank from loading."""

    bank: Bank | None
    problems: list[ContentProblem]
    warnings: list[ContentProblem]


def check_bank(directory: Path) -> BankCheck:
    """Validate the bank in `directory` in one pass, finding every problem and warning.

    Paths start with `directory` as given, e.g. `directory / "questions/vpc.yaml"`.
    """
    if not directory.is_dir():
        missing = ContentProblem(directory, 1, "the content directory does not exist")
        return BankCheck(None, [missing], [])
    reader = BankReader(directory)

    topics = directory / TOPICS_FILE
    if topics.is_file():
        _read(reader, topics, reader.read_topics)
    else:
        reader.add_problems([ContentProblem(topics, 1, f"missing {TOPICS_FILE}: a bank needs one")])
    # Optional: a bank that never retired a question has no list of retired ids.
    if (retired := directory / RETIRED_FILE).is_file():
        _read(reader, retired, reader.read_retired)
    for path, problem in _question_files(directory / QUESTIONS_DIR):
        if problem:
            reader.add_problems([ContentProblem(path, 1, problem)])
        else:
            _read(reader, path, reader.read_questions)
    return BankCheck(*reader.result())


def load_bank(directory: Path) -> Bank:
    """The validated bank in `directory`; raises ContentError with every problem if any."""
    bank, problems, _ = check_bank(directory)
    if bank is None:
        raise ContentError(problems)
    return bank


def _read(reader: BankReader, path: Path, read: Callable[[Path, Node], None]) -> None:
    """Compose one file and hand its node tree to `read`, or note why it could not be read."""
    root, problems = compose_file(path)
    reader.add_problems(problems)
    if root is not None:
        read(path, root)


def _question_files(questions: Path) -> list[tuple[Path, str]]:
    """Every `*.yaml` under `questions/`, sorted; with a problem instead where one is due.

    A `.yml` file is a problem rather than silently skipped: its author expects it to count.
    """
    if not questions.is_dir():
        return [(questions, f"missing {QUESTIONS_DIR}/ directory: question files go there")]
    files = sorted(
        path for path in questions.rglob("*") if path.suffix in (".yaml", ".yml") and path.is_file()
    )
    if not files:
        return [(questions, f"no question files (*.yaml) in {QUESTIONS_DIR}/")]
    return [
        (path, "" if path.suffix == ".yaml" else "question files must end in .yaml, not .yml")
        for path in files
    ]
