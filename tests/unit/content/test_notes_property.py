"""Any text at all: the parser and the importer never raise, and what they give is well-formed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.notes import ImportReport, Note, NoteFile, parse_note, propose
from bot.core.model import QuestionKind, Topic

TOPICS = (
    Topic("sqs", "SQS", "Amazon SQS", aliases=("キュー", "Simple Queue Service")),
    Topic("lambda", "Lambda", "AWS Lambda", aliases=("ラムダ",), typos=("Lambada",)),
    Topic(
        "elasticache",
        "ElastiCache",
        "Amazon ElastiCache",
        aliases=("Memcached", "Redis"),
        typos=("Memchached",),
    ),
    Topic("route53", "Route 53", "Amazon Route 53", aliases=("レコード",)),
    Topic("dr", "災害対策", "Disaster Recovery", aliases=("RTO", "RPO")),
)

WORDS = st.sampled_from(
    [
        "SQS",
        "Lambda",
        "Lambada",
        "Memchached",
        "Memcached",
        "Redis",
        "Route 53",
        "Aレコード",
        "RTO",
        "キュー",
        "可視性タイムアウト",
        "メッセージ",
        "を",
        "、",
        "。",
        "?",
        "（",
        "）",
        "(",
        ")",
        "**",
        "`",
        "[リンク](https://example.com)",
        "![図](a.png)",
        "{",
        '"a":',
        "30秒",
        "256 KB",
        "１つ",
        "1つ",
        "14日間",
        "ポート2000",
        "2020年",
        "50%",
        "まとめ",
        "例",
        "codecommit",
        "InvocationType",
    ]
)
SEPARATORS = st.sampled_from(["", " ", ": ", "：", " -> ", " → ", "（", "）", " | "])
PHRASE = st.lists(st.one_of(WORDS, SEPARATORS, st.text(max_size=6)), max_size=8).map("".join)
PREFIX = st.sampled_from(
    [
        "",
        "# ",
        "## ",
        "### **",
        "- ",
        "  - ",
        "    - ",
        "* ",
        "• ",
        "  • ",
        "・",
        "1. ",
        "- 1. ",
        "| ",
        "|---|---|",
        "```",
        "```yaml",
        "~~~",
        "---",
        "**",
        "docs.aws.amazon.com",
        "f:id:x:1p:plain",
        "\t",
    ]
)
SUFFIX = st.sampled_from(["", " |", "**", " ##", "。", "?", "、"])
LINE = st.tuples(PREFIX, PHRASE, SUFFIX).map("".join)

# Lines shaped like real notes, so that many examples get as far as candidates.
TERM = st.sampled_from(
    [
        "Aレコード",
        "CNAMEレコード",
        "MXレコード",
        "NSレコード",
        "標準キュー",
        "FIFOキュー",
        "DLQ",
        "Memchached",
        "Memcached",
        "Redis",
        "Lambda",
        "Lambada",
        "SQS",
        "Amazon SQS",
        "RTO",
        "RPO",
        "まとめ",
        "例",
        "codecommit",
        "InvocationType",
        "インターネットゲートウェイ(IGW)",
    ]
)
DEFINITION = st.lists(
    st.sampled_from(
        [
            "ホスト名と",
            "IPアドレスを",
            "関連づける",
            "メッセージを",
            "順序を保証する",
            "キュー",
            "サービス",
            "データを",
            "複数のAZに",
            "デフォルト",
            "最大",
            "30秒",
            "14 日間",
            "１つ",
            "256KB",
            "ポート2000",
            "以下の",
            "ための仕組み",
            " Memchachedの",
            " Lambadaで",
            "可視性タイムアウト",
            "RequestResponse",
            "（HMAC）",
            "（",
            "、",
            "を",
            "?",
        ]
    ),
    min_size=1,
    max_size=6,
).map("".join)
HEADING = st.tuples(
    st.sampled_from(["# ", "## ", "### "]),
    st.sampled_from(
        ["SQS", "Route 53", "ElastiCache", "まとめ", "レコード情報", "**SQSの識別子**"]
    ),
).map("".join)
BULLET = st.sampled_from(["- ", "  - ", "    - ", "• ", "* ", "1. "])
ITEM = st.tuples(BULLET, TERM, st.sampled_from([": ", "：", ":"]), DEFINITION).map("".join)
PAREN_ITEM = st.tuples(BULLET, TERM, st.just("（"), DEFINITION, st.just("）")).map("".join)
ARROW = st.tuples(BULLET, DEFINITION, st.sampled_from([" -> ", " → "]), TERM).map("".join)
ROW = st.tuples(TERM, DEFINITION).map(lambda row: f"| {row[0]} | {row[1]} |")
TABLE = st.lists(ROW, min_size=1, max_size=4).map(
    lambda rows: "\n".join(["| 名前 | 説明 |", "|---|---|", *rows])
)
FENCE = DEFINITION.map(lambda text: f"```\n{text}\n```")
STRUCTURED = st.one_of(HEADING, ITEM, ITEM, ITEM, PAREN_ITEM, ARROW, TABLE, FENCE, DEFINITION)
MARKDOWNISH = st.lists(st.one_of(LINE, STRUCTURED, STRUCTURED, st.just("")), max_size=40).map(
    "\n".join
)
ANY_TEXT = st.one_of(st.text(), MARKDOWNISH)


def check_note(note: Note, text: str) -> None:
    assert note.lines == len(text.splitlines())
    for block in note.blocks:
        assert 1 <= block.line <= note.lines, block
        assert block.text.strip() == block.text != ""
    lines = [line for line, _ in note.headings]
    assert lines == sorted(set(lines))
    assert all(1 <= line <= note.lines for line in lines)
    paths = note.heading_paths()
    for block in note.blocks:
        assert block.heading_path in paths or block.headings == ()


def check_report(report: ImportReport, notes: dict[str, Note]) -> None:
    for file in report.files:
        note = notes[file.name]
        assert file.lines == note.lines
        assert file.facts > 0
        for rejection in file.rejections:
            assert 1 <= rejection.line <= note.lines
            assert rejection.reason
        for candidate in file.candidates:
            question = candidate.question
            assert question.source.note == file.name
            assert question.source.heading in note.heading_paths() or not question.source.heading
            assert 1 <= candidate.line <= note.lines
            assert 0.0 <= candidate.confidence <= 1.0
            assert question.prompt.strip()
            assert question.topic in {t.id for t in TOPICS}
            if question.kind is QuestionKind.CHOICE:
                assert 2 <= len(question.choices) <= 6
                assert len(set(question.choices)) == len(question.choices)
                assert question.answer in question.choices
                assert question.accepted == ()
            else:
                assert len(question.accepted) >= 1
                assert all(answer.strip() for answer in question.accepted)
                assert question.choices == ()
    ids = [c.question.id for c in report.candidates]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_parse_note_never_raises_and_keeps_lines_in_range(text: str) -> None:
    check_note(parse_note("n.md", text), text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_propose_never_raises_and_gives_well_formed_candidates(text: str) -> None:
    report = propose([NoteFile("n.md", text)], TOPICS)
    check_report(report, {"n.md": parse_note("n.md", text)})
    assert len(report.files) + len(report.problems) == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(MARKDOWNISH, min_size=1, max_size=3))
def test_propose_on_several_notes_at_once(texts: list[str]) -> None:
    notes = [NoteFile(f"n{i}.md", text) for i, text in enumerate(texts)]
    report = propose(notes, TOPICS)
    check_report(report, {n.name: parse_note(n.name, n.text) for n in notes})
    assert len(report.files) + len(report.problems) == len(notes)


@settings(max_examples=100, deadline=None)
@given(MARKDOWNISH)
def test_propose_is_deterministic(text: str) -> None:
    first = propose([NoteFile("n.md", text)], TOPICS)
    again = propose([NoteFile("n.md", text)], TOPICS)
    assert first == again
