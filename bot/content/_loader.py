"""Finding a bank's files and reading them all, in a fixed order, through one BankReader."""

from __future__ import annotations

from pathlib import Path

from bot.core.model import Bank

from ._problems import ContentError, ContentProblem
from ._schema import BankReader
from ._yaml import compose_file

TOPICS_FILE = "topics.yaml"
QUESTIONS_DIR = "questions"


def check_bank(directory: Path) -> tuple[Bank | None, list[ContentProblem]]:
    """Validate the bank in `directory` in one pass: the Bank, or None and every problem found.

    Problem paths start with `directory` as given, e.g. `directory / "questions/vpc.yaml"`.
    """
    if not directory.is_dir():
        return None, [ContentProblem(directory, 1, "the content directory does not exist")]
    reader = BankReader(directory)

    topics = directory / TOPICS_FILE
    if topics.is_file():
        root, problems = compose_file(topics)
        reader.add_problems(problems)
        if root is not None:
            reader.read_topics(topics, root)
    else:
        reader.add_problems([ContentProblem(topics, 1, f"missing {TOPICS_FILE}: a bank needs one")])

    questions = directory / QUESTIONS_DIR
    for path, problem in _question_files(questions):
        if problem:
            reader.add_problems([ContentProblem(path, 1, problem)])
            continue
        root, problems = compose_file(path)
        reader.add_problems(problems)
        if root is not None:
            reader.read_questions(path, root)
    return reader.result()


def load_bank(directory: Path) -> Bank:
    """The validated bank in `directory`; raises ContentError with every problem if any."""
    bank, problems = check_bank(directory)
    if bank is None:
        raise ContentError(problems)
    return bank


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
