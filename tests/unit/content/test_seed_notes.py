"""The real notes the bank was written from: its source references and the importer on them.

The seed notes live outside the repository; without them these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import load_bank
from bot.content.notes import ImportReport, Note, parse_note, propose, read_notes
from bot.core.model import Bank

REPO = Path(__file__).resolve().parents[3]
SEED_NOTES = REPO.parent / "shared" / "seed-notes"
NAMES = (
    "000_1c26a6a99e7ee8f3.txt",
    "001_ef34c12c968b2e9e.txt",
    "002_3511edbbd2531384.txt",
    "003_5a69078d01a39976.txt",
    "004_4cdc4aa9b3a7a0ff.txt",
)


@pytest.fixture(scope="module")
def seed_dir() -> Path:
    if not SEED_NOTES.is_dir():
        pytest.skip(f"no seed notes at {SEED_NOTES}")
    return SEED_NOTES


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(REPO / "content")


@pytest.fixture(scope="module")
def notes(seed_dir: Path) -> dict[str, Note]:
    return {
        path.name: parse_note(path.name, path.read_text(encoding="utf-8"))
        for path in sorted(seed_dir.iterdir())
    }


@pytest.fixture(scope="module")
def report(seed_dir: Path, bank: Bank) -> ImportReport:
    found, problems = read_notes([seed_dir])
    return propose(found, bank.topics, problems)


def test_the_seed_folder_holds_the_five_notes(notes: dict[str, Note]) -> None:
    assert tuple(notes) == NAMES


def test_every_bank_source_names_a_seed_note(bank: Bank, notes: dict[str, Note]) -> None:
    unknown = [f"{q.id}: {q.source.note}" for q in bank.questions if q.source.note not in notes]
    assert unknown == []
    assert {q.source.note for q in bank.questions} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_bank_source_heading_exists_in_its_note(
    name: str, bank: Bank, notes: dict[str, Note]
) -> None:
    note = notes[name]
    paths = note.heading_paths()
    questions = [q for q in bank.questions if q.source.note == name]
    assert questions, f"no bank question cites {name}"
    missing = [
        f"{q.id}: heading {q.source.heading!r} is not a heading path of {name}"
        for q in questions
        if q.source.heading and q.source.heading not in paths
    ]
    # A question may leave the heading out only when its note has no headings to name.
    unplaced = [
        f"{q.id}: no heading, but {name} has {len(paths)} heading paths"
        for q in questions
        if not q.source.heading and paths
    ]
    assert missing + unplaced == []


@pytest.mark.parametrize(
    ("name", "headings", "first"),
    [
        pytest.param(NAMES[0], 2, (1, "AWS DVA-c02 ポケットスタディ"), id="000-markdown"),
        pytest.param(NAMES[1], 192, (1, "資格対策"), id="001-markdown"),
        pytest.param(
            NAMES[2],
            27,
            (19, "Fargeteで起動するDockerコンテナに対するX-Rayの設定方法"),
            id="002-blog-export",
        ),
        pytest.param(NAMES[3], 9, (8, "信頼性のテスト振り返り"), id="003-front-matter"),
        pytest.param(NAMES[4], 35, (9, "分野 2: 高可用性 8%"), id="004-front-matter"),
    ],
)
def test_each_seed_note_reads_with_its_headings(
    name: str, headings: int, first: tuple[int, str], notes: dict[str, Note]
) -> None:
    note = notes[name]
    assert len(note.headings) == headings
    assert note.headings[0] == first
    assert all(1 <= line <= note.lines for line, _ in note.headings)


def test_the_importer_reads_every_seed_note_without_problems(report: ImportReport) -> None:
    assert report.problems == ()
    assert tuple(f.name for f in report.files) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_importer_proposes_candidates_for_each_seed_note(
    name: str, report: ImportReport, notes: dict[str, Note]
) -> None:
    [file] = [f for f in report.files if f.name == name]
    assert file.lines == notes[name].lines
    assert file.facts > 0
    assert len(file.candidates) > 0
    paths = notes[name].heading_paths()
    for candidate in file.candidates:
        assert candidate.question.source.note == name
        assert candidate.question.source.heading in paths | {""}
        assert 0.0 <= candidate.confidence <= 1.0


def test_seed_candidates_are_well_formed(report: ImportReport, bank: Bank) -> None:
    topics = {t.id for t in bank.topics}
    ids = [c.question.id for c in report.candidates]
    assert len(ids) == len(set(ids))
    for candidate in report.candidates:
        question = candidate.question
        assert question.topic in topics
        if question.choices:
            assert question.answer in question.choices
            assert len(set(question.choices)) == len(question.choices)
        else:
            assert question.accepted
