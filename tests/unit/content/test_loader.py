"""The content bank loader: every rule of docs/writing-questions.md, reported as file:line."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from bot.content import ContentError, ContentProblem, check_bank, load_bank
from bot.content._audit import answer_rank, answer_stands_out, width
from bot.core.model import Bank, Question, QuestionKind, SourceRef, Topic

REPO = Path(__file__).resolve().parents[3]
ID_RULE = "must be lowercase letters, digits and hyphens, starting with a letter or digit"

TOPICS = """\
topics:
  - id: vpc
    name: VPC
  - id: dynamodb
    name: DynamoDB
"""

CHOICE = """\
questions:
  - id: q1
    topic: vpc
    kind: choice
    prompt: Where does a NAT gateway go?
    choices: [public subnet, private subnet]
    answer: public subnet
    explanation: It needs a route to the internet gateway.
    source: notes.txt
"""


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A relative bank directory, so problems read `bank/questions/a.yaml:3: ...`."""
    monkeypatch.chdir(tmp_path)
    return Path("bank")


def write(bank: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = bank / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content), encoding="utf-8")


def problems(bank: Path) -> list[str]:
    loaded, found, _ = check_bank(bank)
    assert loaded is None if found else loaded is not None
    return [str(problem) for problem in found]


# -- a valid bank --------------------------------------------------------------------------------


def test_a_valid_bank_loads_with_every_field(bank: Path) -> None:
    write(
        bank,
        {
            "topics.yaml": """\
                topics:
                  - id: vpc
                    name: VPC
                    name_en: " Virtual Private Cloud "
                    aliases: [仮想プライベートクラウド, Virtual Private Cloud]
                  - id: dynamodb
                    name: DynamoDB
            """,
            "questions/b/dynamodb.yaml": """\
                questions:
                  - id: dynamodb-wcu-size
                    topic: dynamodb
                    kind: text
                    prompt: 1 WCU で 1 秒間に書き込める項目の最大サイズは？
                    accepted: [1KB, " 1 KB ", yes, 01]
                    explanation: …
                    source: {note: 000_1c26.txt, heading: section2 開発 > DynamoDB}
            """,
            "questions/a.yaml": """\
                questions:
                  - id: vpc-nat-gateway-placement
                    topic: vpc
                    kind: choice
                    prompt: "  NAT ゲートウェイはどのサブネットに作成する？  "
                    choices:
                      - パブリックサブネット
                      - プライベートサブネット
                      - " VPC の外 "
                    answer: パブリックサブネット
                    explanation: >-
                      インターネットゲートウェイへ出られる必要があるため、
                      パブリックサブネットに置く。
                    source:
                      note: 000_1c26.txt
                    exams: [SAA, DVA]
                    difficulty: 3
            """,
        },
    )

    loaded = load_bank(bank)

    assert loaded == Bank(
        topics=(
            Topic(
                id="vpc",
                name="VPC",
                name_en="Virtual Private Cloud",
                aliases=("仮想プライベートクラウド", "Virtual Private Cloud"),
            ),
            Topic(id="dynamodb", name="DynamoDB"),
        ),
        questions=(
            Question(
                id="vpc-nat-gateway-placement",
                topic="vpc",
                kind=QuestionKind.CHOICE,
                prompt="NAT ゲートウェイはどのサブネットに作成する？",
                explanation="インターネットゲートウェイへ出られる必要があるため、"
                " パブリックサブネットに置く。",
                source=SourceRef(note="000_1c26.txt"),
                choices=("パブリックサブネット", "プライベートサブネット", "VPC の外"),
                answer="パブリックサブネット",
                exams=("SAA", "DVA"),
                difficulty=3,
            ),
            Question(
                id="dynamodb-wcu-size",
                topic="dynamodb",
                kind=QuestionKind.TEXT,
                prompt="1 WCU で 1 秒間に書き込める項目の最大サイズは？",
                explanation="…",
                source=SourceRef(note="000_1c26.txt", heading="section2 開発 > DynamoDB"),
                accepted=("1KB", "1 KB", "yes", "01"),
            ),
        ),
    )
    assert loaded.questions[0].correct_index == 0
    assert loaded.questions[1].difficulty == 2


def test_answer_matches_a_choice_after_stripping(bank: Path) -> None:
    write(
        bank,
        {
            "topics.yaml": TOPICS,
            "questions/a.yaml": CHOICE.replace(
                "answer: public subnet", 'answer: "  public subnet "'
            ),
        },
    )

    assert load_bank(bank).questions[0].answer == "public subnet"


# -- one rule at a time --------------------------------------------------------------------------

QUESTION_RULES = [
    pytest.param(
        """\
        questions:
          - id: q1
            topic: vpc
            kind: text
        """,
        [
            "2: missing required key 'prompt'",
            "2: missing required key 'explanation'",
            "2: missing required key 'source'",
            "2: missing required key 'accepted' (a text question needs it)",
        ],
        id="missing-required-keys",
    ),
    pytest.param(
        CHOICE.replace("    prompt:", "    promt:"),
        [
            "2: missing required key 'prompt'",
            "5: unknown key 'promt' (did you mean 'prompt'?)",
        ],
        id="unknown-key-with-suggestion",
    ),
    pytest.param(
        CHOICE + "    colour: red\n",
        ["10: unknown key 'colour'"],
        id="unknown-key-without-suggestion",
    ),
    pytest.param(
        CHOICE + "    topic: dynamodb\n",
        ["10: duplicate key 'topic' (first at line 3)"],
        id="duplicate-key",
    ),
    pytest.param(
        CHOICE.replace("prompt: Where does a NAT gateway go?", "prompt: [a, b]"),
        ["5: 'prompt' must be a string, found a list"],
        id="prompt-wrong-type",
    ),
    pytest.param(
        CHOICE.replace("id: q1", "id: NAT_1"),
        [f"2: id 'NAT_1' {ID_RULE}"],
        id="id-format",
    ),
    pytest.param(
        CHOICE.replace("id: q1", "id: -nat"),
        [f"2: id '-nat' {ID_RULE}"],
        id="id-leading-hyphen",
    ),
    pytest.param(
        CHOICE.replace("id: q1", "id: {a: 1}"),
        ["2: 'id' must be a string, found a mapping"],
        id="id-wrong-type",
    ),
    pytest.param(
        CHOICE + CHOICE.removeprefix("questions:\n"),
        ["10: duplicate id 'q1' (first defined at questions/a.yaml:2)"],
        id="duplicate-id-in-one-file",
    ),
    pytest.param(
        CHOICE.replace("topic: vpc", "topic: vcp"),
        ["3: unknown topic 'vcp' (did you mean 'vpc'?)"],
        id="unknown-topic-with-suggestion",
    ),
    pytest.param(
        CHOICE.replace("topic: vpc", "topic: lambda"),
        ["3: unknown topic 'lambda' (not in topics.yaml)"],
        id="unknown-topic",
    ),
    pytest.param(
        CHOICE.replace("kind: choice", "kind: multiple"),
        ["4: 'kind' must be 'choice' or 'text', found 'multiple'"],
        id="unknown-kind",
    ),
    pytest.param(
        CHOICE.replace("[public subnet, private subnet]", "[public subnet]"),
        ["6: a choice question needs 2 to 6 choices, found 1"],
        id="too-few-choices",
    ),
    pytest.param(
        CHOICE.replace("[public subnet, private subnet]", "[public subnet, b, c, d, e, f, g]"),
        ["6: a choice question needs 2 to 6 choices, found 7"],
        id="too-many-choices",
    ),
    pytest.param(
        CHOICE.replace(
            "choices: [public subnet, private subnet]",
            "choices:\n      - public subnet\n      - private subnet\n      - public subnet ",
        ),
        ["9: duplicate choice 'public subnet' (also at line 7)"],
        id="duplicate-choice",
    ),
    pytest.param(
        CHOICE.replace(
            "choices: [public subnet, private subnet]",
            "choices:\n      - public subnet\n      - private subnet\n      - Public-Subnet",
        ),
        [
            "9: choice 'Public-Subnet' reads the same as 'public subnet' when typed;"
            " make them differ in more than case, width or punctuation"
        ],
        id="choices-typed-alike",
    ),
    pytest.param(
        CHOICE.replace("choices: [public subnet, private subnet]", 'choices: [public subnet, " "]'),
        ["6: empty entry in 'choices'", "6: a choice question needs 2 to 6 choices, found 1"],
        id="empty-choice",
    ),
    pytest.param(
        CHOICE.replace("answer: public subnet", "answer: pubic subnet"),
        ["7: answer 'pubic subnet' is not one of the choices (did you mean 'public subnet'?)"],
        id="answer-not-a-choice",
    ),
    pytest.param(
        CHOICE.replace("    answer: public subnet\n", ""),
        ["2: missing required key 'answer' (a choice question needs it)"],
        id="choice-without-answer",
    ),
    pytest.param(
        CHOICE.replace("    choices: [public subnet, private subnet]\n", ""),
        ["2: missing required key 'choices' (a choice question needs it)"],
        id="choice-without-choices",
    ),
    pytest.param(
        CHOICE + "    accepted: [public]\n",
        ["10: 'accepted' is for text questions; use 'answer'"],
        id="choice-with-accepted",
    ),
    pytest.param(
        CHOICE.replace("kind: choice", "kind: text").replace(
            "    answer: public subnet\n", "    accepted: []\n"
        ),
        [
            "6: 'choices' is for choice questions; use 'accepted'",
            "7: a text question needs at least one accepted answer",
        ],
        id="text-with-choices-and-no-accepted",
    ),
    pytest.param(
        CHOICE.replace("kind: choice", "kind: text").replace(
            "    choices: [public subnet, private subnet]\n", ""
        ),
        [
            "2: missing required key 'accepted' (a text question needs it)",
            "6: 'answer' is for choice questions; use 'accepted'",
        ],
        id="text-with-answer",
    ),
    pytest.param(
        CHOICE.replace("kind: choice", "kind: text").replace(
            "    choices: [public subnet, private subnet]\n    answer: public subnet\n",
            '    accepted:\n      - ""\n      - [a]\n',
        ),
        [
            "7: empty entry in 'accepted'",
            "8: each entry of 'accepted' must be a string, found a list",
        ],
        id="text-with-bad-accepted",
    ),
    pytest.param(
        CHOICE.replace("kind: choice", "kind: text").replace(
            "    choices: [public subnet, private subnet]\n    answer: public subnet\n",
            "    accepted: 1KB\n",
        ),
        ["6: 'accepted' must be a list of strings, found the string '1KB'"],
        id="accepted-not-a-list",
    ),
    pytest.param(
        CHOICE.replace("prompt: Where does a NAT gateway go?", "prompt:"),
        ["5: 'prompt' must not be empty"],
        id="prompt-missing-value",
    ),
    pytest.param(
        CHOICE.replace("prompt: Where does a NAT gateway go?", 'prompt: "   "'),
        ["5: 'prompt' must not be empty"],
        id="prompt-blank",
    ),
    pytest.param(
        CHOICE.replace("explanation: It needs a route to the internet gateway.", "explanation: ~"),
        ["8: 'explanation' must not be empty"],
        id="explanation-empty",
    ),
    pytest.param(
        CHOICE.replace("source: notes.txt", "source:"),
        ["9: 'source' must not be empty"],
        id="source-empty",
    ),
    pytest.param(
        CHOICE.replace("source: notes.txt", "source:\n      note: ''\n      heading: h"),
        ["10: 'source.note' must not be empty"],
        id="source-note-empty",
    ),
    pytest.param(
        CHOICE.replace("source: notes.txt", "source: {hedding: h}"),
        ["9: unknown key 'hedding' (did you mean 'heading'?)", "9: missing required key 'note'"],
        id="source-without-note",
    ),
    pytest.param(
        CHOICE.replace("source: notes.txt", "source: [notes.txt]"),
        [
            "9: 'source' must be a note file name or a mapping with 'note' and 'heading',"
            " found a list"
        ],
        id="source-wrong-type",
    ),
    pytest.param(
        CHOICE + "    difficulty: 4\n",
        ["10: 'difficulty' must be 1, 2 or 3, found the number 4"],
        id="difficulty-out-of-range",
    ),
    pytest.param(
        CHOICE + '    difficulty: "2"\n',
        ["10: 'difficulty' must be 1, 2 or 3, found the string '2'"],
        id="difficulty-quoted",
    ),
    pytest.param(
        CHOICE + "    difficulty: 2.5\n",
        ["10: 'difficulty' must be 1, 2 or 3, found the number 2.5"],
        id="difficulty-float",
    ),
    pytest.param(
        CHOICE + "    exams: SAA\n",
        ["10: 'exams' must be a list of strings, found the string 'SAA'"],
        id="exams-not-a-list",
    ),
    pytest.param(
        CHOICE + "    exams: [SAA, {DVA: 1}]\n",
        ["10: each entry of 'exams' must be a string, found a mapping"],
        id="exams-entry-not-a-string",
    ),
    pytest.param(
        "topics: []\n",
        ["1: unknown key 'topics'", "1: missing the top-level 'questions:' key"],
        id="topics-in-a-question-file",
    ),
    pytest.param(
        "questions:\n  - just a question\n",
        ["2: each question must be a mapping of keys, found the string 'just a question'"],
        id="question-not-a-mapping",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUESTION_RULES)
def test_each_question_rule_reports_file_and_line(
    bank: Path, text: str, expected: list[str]
) -> None:
    write(bank, {"topics.yaml": TOPICS, "questions/a.yaml": text})

    assert problems(bank) == [f"bank/questions/a.yaml:{line}" for line in expected]


TOPIC_RULES = [
    pytest.param(
        TOPICS + "  - id: vpc\n    name: Amazon VPC\n",
        ["6: duplicate topic id 'vpc' (first defined at topics.yaml:2)"],
        id="duplicate-topic-id",
    ),
    pytest.param(
        TOPICS + "  - id: S3\n    name: S3\n",
        [f"6: topic id 'S3' {ID_RULE}"],
        id="topic-id-format",
    ),
    pytest.param(
        TOPICS + "  - id: s3\n",
        ["6: missing required key 'name'"],
        id="topic-without-name",
    ),
    pytest.param(
        TOPICS + "  - id: s3\n    nmae: S3\n",
        ["6: missing required key 'name'", "7: unknown key 'nmae' (did you mean 'name'?)"],
        id="topic-unknown-key",
    ),
    pytest.param(
        TOPICS + "  - id: s3\n    name: S3\n    aliases: Simple Storage Service\n",
        ["8: 'aliases' must be a list of strings, found the string 'Simple Storage Service'"],
        id="aliases-not-a-list",
    ),
    pytest.param(
        "- id: vpc\n  name: VPC\n",
        ["1: expected a mapping with a 'topics:' key at the top, found a list"],
        id="top-level-list",
    ),
    pytest.param(
        "topic:\n  - id: vpc\n    name: VPC\n",
        [
            "1: unknown key 'topic' (did you mean 'topics'?)",
            "1: missing the top-level 'topics:' key",
        ],
        id="top-level-key-misspelt",
    ),
    pytest.param(
        "topics:\n  - id: vpc\n    name: VPC\n  - id: [dynamodb\n",
        [
            "5: YAML syntax error: expected ',' or ']', but got '<stream end>'"
            " (while parsing a flow sequence started at line 4)"
        ],
        id="syntax-error",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOPIC_RULES)
def test_each_topic_rule_reports_file_and_line(bank: Path, text: str, expected: list[str]) -> None:
    write(bank, {"topics.yaml": text, "questions/a.yaml": CHOICE})
    # An unreadable topics.yaml is reported once, not again as every question's unknown topic.
    assert problems(bank) == [f"bank/topics.yaml:{line}" for line in expected]


def test_no_topics_make_every_topic_unknown(bank: Path) -> None:
    write(bank, {"topics.yaml": "topics: []\n", "questions/a.yaml": CHOICE})

    assert problems(bank) == [
        "bank/questions/a.yaml:3: unknown topic 'vpc' (not in topics.yaml)",
        "bank/topics.yaml:1: 'topics' must list at least one topic",
    ]


FILE_PROBLEMS = [
    pytest.param(b"", "1: the file is empty", id="empty"),
    pytest.param(b"# questions to come\n\n", "1: the file is empty", id="only-comments"),
    pytest.param(
        b"questions:\n  - id: q1\n    prompt: a: b\n",
        "3: YAML syntax error: mapping values are not allowed here",
        id="syntax-error",
    ),
    pytest.param(
        b"questions:\n  - id: q1\n    prompt: 'unclosed\n    kind: text\n",
        "5: YAML syntax error: found unexpected end of stream"
        " (while scanning a quoted scalar started at line 3)",
        id="unclosed-quote",
    ),
    pytest.param(
        b"questions:\n\t- id: q1\n",
        "2: YAML syntax error: found character '\\t' that cannot start any token",
        id="tab",
    ),
    pytest.param(
        b"questions: []\n---\nquestions: []\n",
        "2: YAML syntax error: but found another document"
        " (expected a single document in the stream started at line 1)",
        id="two-documents",
    ),
    pytest.param(
        "questions:\n  - id: q1\n    prompt: 何\n".encode("shift_jis"),
        "3: not UTF-8 text (byte 0x89); save the file as UTF-8",
        id="shift-jis",
    ),
    pytest.param(
        "questions: []\n".encode("utf-16"),
        "1: the file is UTF-16; save it as UTF-8",
        id="utf-16",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "1: binary file, not YAML text (it contains a NUL byte)",
        id="binary",
    ),
    pytest.param(
        b"questions:\n  - id: q1\n    prompt: bell \x07\n",
        "3: character U+0007 is not allowed in YAML",
        id="control-character",
    ),
    pytest.param(
        b"- id: q1\n",
        "1: expected a mapping with a 'questions:' key at the top, found a list",
        id="top-level-list",
    ),
    pytest.param(
        b"just some text\n",
        "1: expected a mapping with a 'questions:' key at the top,"
        " found the string 'just some text'",
        id="top-level-string",
    ),
    pytest.param(
        b"questions:\n",
        "1: 'questions' must be a list of questions, found nothing",
        id="questions-empty-value",
    ),
    pytest.param(
        b"questions: []\n",
        "1: 'questions' must list at least one question",
        id="questions-empty-list",
    ),
]


@pytest.mark.parametrize(("content", "expected"), FILE_PROBLEMS)
def test_a_file_that_cannot_be_read_is_one_problem(
    bank: Path, content: bytes, expected: str
) -> None:
    write(bank, {"topics.yaml": TOPICS, "questions/a.yaml": content})

    assert problems(bank) == [f"bank/questions/a.yaml:{expected}"]


# -- the bank as a whole -------------------------------------------------------------------------


def test_duplicate_id_across_files_names_the_first_place(bank: Path) -> None:
    write(
        bank,
        {
            "topics.yaml": TOPICS,
            "questions/b.yaml": CHOICE,
            "questions/a.yaml": "# first, because files are read in sorted order\n" + CHOICE,
        },
    )

    assert problems(bank) == [
        "bank/questions/b.yaml:2: duplicate id 'q1' (first defined at questions/a.yaml:3)"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"questions/a.yaml": CHOICE},
            ["bank/topics.yaml:1: missing topics.yaml: a bank needs one"],
            id="no-topics-file",
        ),
        pytest.param(
            {"topics.yaml": TOPICS},
            ["bank/questions:1: missing questions/ directory: question files go there"],
            id="no-questions-dir",
        ),
        pytest.param(
            {"topics.yaml": TOPICS, "questions/README.md": "notes"},
            ["bank/questions:1: no question files (*.yaml) in questions/"],
            id="no-question-files",
        ),
        pytest.param(
            {"topics.yaml": TOPICS, "questions/a.yaml": CHOICE, "questions/b.yml": CHOICE},
            ["bank/questions/b.yml:1: question files must end in .yaml, not .yml"],
            id="yml-extension",
        ),
    ],
)
def test_bank_layout_problems(bank: Path, files: dict[str, str], expected: list[str]) -> None:
    write(bank, dict(files))

    assert problems(bank) == expected


def test_a_retired_id_is_never_given_to_a_new_question(bank: Path) -> None:
    retired = "retired:\n  - id: q1\n    reason: asked protocol trivia\n"
    write(bank, {"topics.yaml": TOPICS, "retired.yaml": retired, "questions/a.yaml": CHOICE})

    assert problems(bank) == [
        "bank/questions/a.yaml:2: id 'q1' was retired (listed at retired.yaml:2);"
        " a new question needs a new id"
    ]


def test_retired_entries_need_an_id_and_a_reason(bank: Path) -> None:
    retired = "retired:\n  - id: old-one\n  - reason: no id\n"
    write(bank, {"topics.yaml": TOPICS, "retired.yaml": retired, "questions/a.yaml": CHOICE})

    assert problems(bank) == [
        "bank/retired.yaml:2: missing required key 'reason'",
        "bank/retired.yaml:3: missing required key 'id'",
    ]


@pytest.mark.parametrize("exam", ["saa", "SAA C03", "S", "ソリューション"])
def test_an_exam_is_a_short_code(bank: Path, exam: str) -> None:
    write(bank, {"topics.yaml": TOPICS, "questions/a.yaml": CHOICE + f"    exams: [SAA, {exam}]\n"})

    assert problems(bank) == [
        f"bank/questions/a.yaml:10: exam {exam!r} must be an exam's short code such as SAA or DVA"
    ]


def test_an_answer_much_longer_than_every_other_choice_is_a_warning(bank: Path) -> None:
    telling = CHOICE.replace(
        "choices: [public subnet, private subnet]\n    answer: public subnet",
        "choices: [a public subnet whose route table points at the internet gateway, private]\n"
        "    answer: a public subnet whose route table points at the internet gateway",
    )
    write(bank, {"topics.yaml": TOPICS, "questions/a.yaml": telling})

    loaded, found, warnings = check_bank(bank)

    assert loaded is not None, "a warning never stops the bank from loading"
    assert found == []
    assert [str(w) for w in warnings] == [
        "bank/questions/a.yaml:7: warning: the answer is much longer than every other choice,"
        " which gives it away"
    ]


@pytest.mark.parametrize(
    ("answer", "others", "stands_out"),
    [
        ("パブリックサブネット", ["プライベートサブネット", "分離サブネット"], False),
        ("AZ 内で自動的に複製され、スナップショットで守る", ["複製されない", "S3 に保存"], True),
        ("one", ["two", "three"], False),
        ("a somewhat longer answer", ["short", "tiny"], True),
        ("ok", [], False),
    ],
)
def test_what_counts_as_an_answer_that_stands_out(
    answer: str, others: list[str], stands_out: bool
) -> None:
    assert answer_stands_out(answer, [answer, *others]) is stands_out


def test_widths_count_wide_characters_twice_and_ranks_take_the_better_place_on_ties() -> None:
    assert width("S3") == 2
    assert width("ＡＢ") == 4
    assert width("複製") == 4
    assert answer_rank("abcd", ["abcd", "ab", "abcdef", "wxyz"]) == 2
    assert answer_rank("ab", ["abcd", "ab", "abcdef"]) == 3


def test_a_missing_directory_is_one_problem(bank: Path) -> None:
    assert problems(bank) == ["bank:1: the content directory does not exist"]


def test_every_problem_in_every_file_is_reported_in_one_pass(bank: Path) -> None:
    write(
        bank,
        {
            "topics.yaml": TOPICS + "  - id: vpc\n    name: VPC again\n",
            "questions/a.yaml": CHOICE.replace("topic: vpc", "topic: vcp").replace(
                "answer: public subnet", "answer: nat"
            ),
            "questions/b.yaml": b"questions:\n  - id: q2\n    prompt: \xff\n",
            "questions/c/d.yaml": CHOICE.replace("id: q1", "id: q3") + "    difficulty: 0\n",
            "questions/e.yaml": "",
        },
    )

    assert problems(bank) == [
        "bank/questions/a.yaml:3: unknown topic 'vcp' (did you mean 'vpc'?)",
        "bank/questions/a.yaml:7: answer 'nat' is not one of the choices",
        "bank/questions/b.yaml:3: not UTF-8 text (byte 0xff); save the file as UTF-8",
        "bank/questions/c/d.yaml:10: 'difficulty' must be 1, 2 or 3, found the number 0",
        "bank/questions/e.yaml:1: the file is empty",
        "bank/topics.yaml:6: duplicate topic id 'vpc' (first defined at topics.yaml:2)",
    ]


def test_nothing_is_returned_when_any_file_is_bad(bank: Path) -> None:
    good = CHOICE.replace("id: q1", "id: q2")
    write(bank, {"topics.yaml": TOPICS, "questions/a.yaml": CHOICE, "questions/b.yaml": good})
    assert len(load_bank(bank).questions) == 2

    write(bank, {"questions/c.yaml": "questions:\n  - id: [\n"})

    loaded, found, _ = check_bank(bank)
    assert loaded is None
    assert [(p.path, p.line) for p in found] == [(bank / "questions/c.yaml", 3)]
    with pytest.raises(ContentError) as raised:
        load_bank(bank)
    assert raised.value.problems == found
    assert str(raised.value).splitlines() == ["1 problem in the content bank:", str(found[0])]


def test_problem_paths_keep_the_directory_as_given(tmp_path: Path) -> None:
    write(tmp_path, {"topics.yaml": TOPICS, "questions/a.yaml": CHOICE.replace("q1", "Q1")})

    (problem,) = check_bank(tmp_path)[1]

    assert problem.path == tmp_path / "questions" / "a.yaml"
    assert problem.line == 2


def test_content_problem_reads_as_file_line_message() -> None:
    problem = ContentProblem(Path("content/questions/vpc.yaml"), 12, "unknown topic 'vcp'")

    assert str(problem) == "content/questions/vpc.yaml:12: unknown topic 'vcp'"


def test_problems_are_sorted_by_path_then_line(bank: Path) -> None:
    write(
        bank,
        {
            "topics.yaml": TOPICS,
            "questions/b.yaml": CHOICE + "    difficulty: 9\n",
            "questions/a.yaml": CHOICE.replace("q1", "q0") + "    exams: SAA\n    colour: 1\n",
        },
    )

    found = check_bank(bank)[1]

    assert [(p.path.name, p.line) for p in found] == [
        ("a.yaml", 10),
        ("a.yaml", 11),
        ("b.yaml", 10),
    ]


# -- the real bank -------------------------------------------------------------------------------


def test_the_real_content_bank_loads_without_problems() -> None:
    bank, found, _ = check_bank(REPO / "content")

    assert found == []
    assert bank is not None
    assert bank.questions
