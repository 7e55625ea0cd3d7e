"""Reading note files: every file that is not a readable note gets one clear problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.notes import (
    MAX_NOTE_BYTES,
    NoteFile,
    NoteProblem,
    ProblemKind,
    decode_note,
    propose,
    read_notes,
)
from bot.core.model import Topic

TOPICS = (Topic("sqs", "SQS", "Amazon SQS"),)
GOOD = (
    "# SQS\n- 可視性タイムアウト: デフォルト30秒\n- DLQ: 処理に失敗したメッセージを移す別のキュー\n"
)


NOT_UTF8 = "line {}: not UTF-8 text (save the note as UTF-8 and import it again)"


@pytest.mark.parametrize(
    ("data", "kind", "detail", "message"),
    [
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            ProblemKind.BINARY,
            "",
            "a binary file, not a text note",
            id="png",
        ),
        pytest.param(
            "# 見出し\n".encode() + b"\x00" * 4,
            ProblemKind.BINARY,
            "",
            "a binary file, not a text note",
            id="nul",
        ),
        pytest.param(
            "SQSの設定\n- キュー\n".encode("shift_jis"),
            ProblemKind.NOT_UTF8,
            "1",
            NOT_UTF8.format(1),
            id="shift-jis-line-1",
        ),
        pytest.param(
            "# SQS\n- キュー\n- 可視性タイムアウト\n".encode("shift_jis"),
            ProblemKind.NOT_UTF8,
            "2",
            NOT_UTF8.format(2),
            id="shift-jis-line-2",
        ),
        pytest.param(
            b"# SQS\n\n- queue\n" + "可視性タイムアウト".encode("shift_jis"),
            ProblemKind.NOT_UTF8,
            "4",
            NOT_UTF8.format(4),
            id="shift-jis-line-4",
        ),
        pytest.param(b"", ProblemKind.EMPTY, "", "empty: nothing to import", id="empty"),
        pytest.param(
            b" \n\t\n\r\n\xe3\x80\x80\n",
            ProblemKind.EMPTY,
            "",
            "empty: nothing to import",
            id="whitespace",
        ),
        pytest.param(
            b"\xef\xbb\xbf", ProblemKind.EMPTY, "", "empty: nothing to import", id="bom-only"
        ),
    ],
)
def test_decode_gives_a_problem_for_what_is_not_a_note(
    data: bytes, kind: ProblemKind, detail: str, message: str
) -> None:
    problem = decode_note("note.md", data)
    assert problem == NoteProblem("note.md", kind, detail)
    assert problem.message == message


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(GOOD.encode(), GOOD, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), GOOD, id="utf-8-bom"),
        pytest.param(b"# A\r\n- b\r\n", "# A\r\n- b\r\n", id="crlf"),
    ],
)
def test_decode_reads_utf8_with_or_without_a_bom(data: bytes, text: str) -> None:
    assert decode_note("note.md", data) == NoteFile("note.md", text)


def test_decode_rejects_data_over_the_limit() -> None:
    problem = decode_note("big.md", b"a" * (MAX_NOTE_BYTES + 1))
    assert problem == NoteProblem("big.md", ProblemKind.TOO_LARGE, "2.0")
    assert str(problem) == "big.md: too large (2.0 MB; notes up to 2 MB are read)"
    assert isinstance(decode_note("ok.md", b"#" + b"a" * (MAX_NOTE_BYTES - 1)), NoteFile)


def test_a_file_over_the_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "dump.md"
    with big.open("wb") as file:
        file.truncate(MAX_NOTE_BYTES * 3)  # sparse: no time, no disk
    read: list[Path] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    notes, problems = read_notes([big])
    assert notes == []
    assert problems == [
        NoteProblem(str(big), ProblemKind.TOO_LARGE, "6.0"),
    ]
    assert read == []


def test_read_notes_reports_each_bad_file_by_path(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (tmp_path / "sjis.md").write_bytes("# 見出し\n- 項目\n".encode("cp932"))
    (tmp_path / "image.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "blank.md").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF-1.4")
    notes, problems = read_notes([tmp_path])
    assert notes == [NoteFile("bom.txt", GOOD), NoteFile("good.md", GOOD)]
    assert problems == [
        NoteProblem(str(tmp_path / "blank.md"), ProblemKind.EMPTY),
        NoteProblem(str(tmp_path / "image.md"), ProblemKind.BINARY),
        NoteProblem(
            str(tmp_path / "sjis.md"),
            ProblemKind.NOT_UTF8,
            "1",
        ),
    ]


def test_notes_in_subfolders_are_found_and_named_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "aws" / "sqs").mkdir(parents=True)
    (tmp_path / "aws" / "sqs" / "queues.markdown").write_text(GOOD, encoding="utf-8")
    (tmp_path / "top.MD").write_text(GOOD, encoding="utf-8")
    notes, problems = read_notes([tmp_path])
    assert [n.name for n in notes] == ["queues.markdown", "top.MD"]
    assert problems == []


def test_a_file_named_directly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    note = tmp_path / "notes.log"
    note.write_text(GOOD, encoding="utf-8")
    assert read_notes([note]) == ([NoteFile("notes.log", GOOD)], [])


def test_a_folder_with_no_notes_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / "empty").mkdir()
    notes, problems = read_notes([tmp_path, tmp_path / "empty"])
    assert notes == []
    assert problems == [
        NoteProblem(str(tmp_path), ProblemKind.NO_NOTES),
        NoteProblem(str(tmp_path / "empty"), ProblemKind.NO_NOTES),
    ]


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "notes.md"
    assert read_notes([missing]) == ([], [NoteProblem(str(missing), ProblemKind.MISSING)])


def test_problem_reads_as_path_and_message() -> None:
    assert str(NoteProblem("a/b.md", ProblemKind.EMPTY)) == "a/b.md: empty: nothing to import"


# -- propose -------------------------------------------------------------------------------------


def test_a_note_with_no_structure_is_a_problem_not_a_file_report() -> None:
    plain = "今日はSQSの勉強をした。\n\n難しかったけれど楽しかった。\nまた明日も続けたい。\n"
    report = propose([NoteFile("diary.md", plain)], TOPICS)
    assert report.files == ()
    assert report.candidates == []
    assert report.problems == (NoteProblem("diary.md", ProblemKind.NO_STRUCTURE),)


def test_one_good_and_one_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a_good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_bad.md").write_bytes("# キュー\n- 可視性\n".encode("shift_jis"))
    notes, problems = read_notes([tmp_path])
    report = propose(notes, TOPICS, problems)
    assert [f.name for f in report.files] == ["a_good.md"]
    [good] = report.files
    assert good.lines == 3
    assert good.facts == 3  # a definition, a number, and a definition
    assert {c.style for c in good.candidates} == {"def-term", "cloze"}
    assert {c.question.source.note for c in good.candidates} == {"a_good.md"}
    assert report.problems == (
        NoteProblem(
            str(tmp_path / "b_bad.md"),
            ProblemKind.NOT_UTF8,
            "1",
        ),
    )


def test_propose_keeps_problems_given_and_adds_its_own() -> None:
    given = NoteProblem("x.md", ProblemKind.EMPTY)
    report = propose(
        [NoteFile("plain.md", "ただの文章。\n"), NoteFile("sqs.md", GOOD)], TOPICS, [given]
    )
    assert [f.name for f in report.files] == ["sqs.md"]
    assert [p.path for p in report.problems] == ["x.md", "plain.md"]


def test_rejections_are_counted_by_reason() -> None:
    note = "# SQS\n- まとめ: SQSはメッセージをためておくサービス\n- 例: 注文をキューにためる構成\n"
    [report] = propose([NoteFile("n.md", note)], TOPICS).files
    assert report.rejected_by_reason() == {"a section title, not a term": 2}
    assert report.candidates == ()


def test_two_notes_with_one_file_name_keep_the_first_and_report_the_second(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "sqs.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "sqs.md").write_text("# SQS\n- FIFOキュー: 順序を保証するキューの種類\n")
    notes, problems = read_notes([tmp_path])
    report = propose(notes, TOPICS, problems)
    [only] = report.files
    assert (only.name, only.lines) == ("sqs.md", 3)
    assert report.problems == (NoteProblem("sqs.md", ProblemKind.SAME_NAME),)


def test_candidates_carry_the_exam_their_note_names() -> None:
    titled = "# SQS (DVA-C02)\n" + GOOD.split("\n", 1)[1]
    report = propose([NoteFile("dva.md", titled), NoteFile("plain.md", GOOD)], TOPICS)
    exams = {c.question.source.note: c.question.exams for c in report.candidates}
    assert exams == {"dva.md": ("DVA",), "plain.md": ()}


def test_a_summary_section_asks_nothing_again() -> None:
    note = (
        GOOD + "\n## まとめ\n- DLQ: 失敗したメッセージの行き先になる別のキュー\n- 上限: 最大14日\n"
    )
    [with_summary] = propose([NoteFile("sqs.md", note)], TOPICS).files
    [without] = propose([NoteFile("sqs.md", GOOD)], TOPICS).files
    assert with_summary.facts == without.facts
    assert [c.question.id for c in with_summary.candidates] == [
        c.question.id for c in without.candidates
    ]
