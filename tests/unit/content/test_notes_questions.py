"""Candidate questions from small hand-written notes: what is asked, what is rejected and why."""

from __future__ import annotations

from collections.abc import Sequence
from textwrap import dedent

import pytest

from bot.content.notes import Candidate, ImportReport, NoteFile, Rejection, propose
from bot.content.notes._questions import BLANK
from bot.content.notes._taxonomy import Correction, Taxonomy
from bot.core.matching import normalise
from bot.core.model import QuestionKind, Topic

TOPICS = (
    Topic("route53", "Route 53", "Amazon Route 53", aliases=("Route53",)),
    Topic("sqs", "SQS", "Amazon SQS", aliases=("Simple Queue Service",)),
    Topic("sns", "SNS", "Amazon SNS"),
    Topic("lambda", "Lambda", "AWS Lambda"),
    Topic("kinesis", "Kinesis（ストリーミング）", "Amazon Kinesis"),
    Topic(
        "elasticache",
        "ElastiCache",
        "Amazon ElastiCache",
        aliases=("Memcached", "Redis"),
        typos=("Memchached",),
    ),
    Topic("vpc", "VPC（ネットワーク）", "Amazon VPC", aliases=("サブネット", "ルートテーブル")),
    Topic("dr", "災害対策", "Disaster Recovery", aliases=("RTO", "RPO")),
)

RECORDS = """\
# Route 53
## レコード情報
- Aレコード: ホスト名とIPv4アドレスの関連づけを定義する
- CNAMEレコード: 正規ホスト名に対する別名を定義する
- MXレコード: メールを受け取るサーバーを指定する
- NSレコード: ゾーンを管理するネームサーバーを指定する
"""


def run(text: str, name: str = "note.md", topics: Sequence[Topic] = TOPICS) -> ImportReport:
    return propose([NoteFile(name, dedent(text))], topics)


def candidates(report: ImportReport, style: str) -> list[Candidate]:
    return [c for c in report.candidates if c.style == style]


def asking(report: ImportReport, style: str, answer: str) -> Candidate:
    found = [
        c
        for c in candidates(report, style)
        if answer in (c.question.answer, *c.question.accepted[:1])
    ]
    assert len(found) == 1, [(c.style, c.question.answer) for c in report.candidates]
    return found[0]


def rejections(report: ImportReport) -> list[Rejection]:
    return [r for f in report.files for r in f.rejections]


def rejected_lines(report: ImportReport, reason: str) -> list[int]:
    return sorted(r.line for r in rejections(report) if r.reason == reason)


def asked_lines(report: ImportReport) -> set[int]:
    return {c.line for c in report.candidates}


# -- a list of terms of one kind -----------------------------------------------------------------


def test_a_list_of_terms_gives_a_definition_to_term_question_with_sibling_distractors() -> None:
    report = run(RECORDS, name="dns.md")
    assert report.problems == ()
    candidate = asking(report, "def-term", "Aレコード")
    question = candidate.question
    assert question.kind is QuestionKind.CHOICE
    assert (
        question.prompt
        == "次の説明に当てはまるものはどれ？\n「ホスト名とIPv4アドレスの関連づけを定義する」"
    )
    assert sorted(question.choices) == sorted(
        ["Aレコード", "CNAMEレコード", "MXレコード", "NSレコード"]
    )
    assert question.answer == "Aレコード"
    assert question.choices[question.correct_index] == "Aレコード"
    assert question.topic == "route53"
    assert (question.source.note, question.source.heading) == ("dns.md", "Route 53 > レコード情報")
    assert candidate.line == 3
    assert candidate.confidence == 0.95
    assert "distractors from the same list" in candidate.reasons
    assert question.explanation.splitlines()[0] == (
        "Aレコード: ホスト名とIPv4アドレスの関連づけを定義する"
    )
    assert "・MXレコード: メールを受け取るサーバーを指定する" in question.explanation


def test_every_term_of_the_list_is_asked_from_its_own_line() -> None:
    report = run(RECORDS)
    asked = {c.question.answer: c.line for c in candidates(report, "def-term")}
    assert asked == {"Aレコード": 3, "CNAMEレコード": 4, "MXレコード": 5, "NSレコード": 6}


def test_the_term_to_definition_question_offers_the_sibling_definitions() -> None:
    report = run(RECORDS)
    candidate = asking(report, "term-def", "ゾーンを管理するネームサーバーを指定する")
    assert candidate.question.prompt == "「NSレコード」の説明として正しいものはどれ？"
    assert sorted(candidate.question.choices) == sorted(
        [
            "ホスト名とIPv4アドレスの関連づけを定義する",
            "正規ホスト名に対する別名を定義する",
            "メールを受け取るサーバーを指定する",
            "ゾーンを管理するネームサーバーを指定する",
        ]
    )


def test_distractors_from_the_topic_score_lower_than_siblings() -> None:
    report = run(
        RECORDS
        + dedent("""\
            ## 所有の確認
            - TXTレコード: 任意の文字列を登録して所有を確認する
            """)
    )
    sibling = asking(report, "def-term", "Aレコード")
    fallback = asking(report, "def-term", "TXTレコード")
    assert sorted(fallback.question.choices) == sorted(
        ["TXTレコード", "Aレコード", "CNAMEレコード", "MXレコード"]
    )
    assert fallback.question.source.heading == "Route 53 > 所有の確認"
    assert "distractors from the topic" in fallback.reasons
    assert (sibling.confidence, fallback.confidence) == (0.95, 0.7)
    assert 0.0 <= fallback.confidence < sibling.confidence <= 1.0


def test_a_term_without_enough_siblings_becomes_a_typed_question() -> None:
    report = run("""\
        # SQS
        - DLQ: 処理に失敗したメッセージを移す別のキュー
        """)
    question = asking(report, "def-term", "DLQ").question
    assert question.kind is QuestionKind.TEXT
    assert question.accepted == ("DLQ",)
    assert (
        question.prompt
        == "次の説明に当てはまる用語は？\n「処理に失敗したメッセージを移す別のキュー」"
    )


def test_an_abbreviation_written_with_the_term_is_accepted_too() -> None:
    report = run("""\
        # VPC
        - インターネットゲートウェイ(IGW): VPCとインターネットをつなぐ出入口
        """)
    question = asking(report, "def-term", "インターネットゲートウェイ").question
    assert question.accepted == ("インターネットゲートウェイ", "IGW")
    assert question.topic == "vpc"


# -- rejected, with the reason -------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        pytest.param("# SQS\n- まとめ: SQSはメッセージを一時的にためておくサービス\n", id="matome"),
        pytest.param(
            "# SQS\n- 注意点: メッセージの順序は標準キューでは保証されない\n", id="chuiten"
        ),
        pytest.param("# SQS\n- 例: 注文の処理をキューで非同期にするような構成\n", id="rei"),
        pytest.param(
            "# SQS\n## 注意点\nSQSはメッセージを一時的にためておくキューのサービス。\n",
            id="heading",
        ),
    ],
)
def test_section_titles_are_not_terms(note: str) -> None:
    report = run(note)
    assert report.candidates == []
    assert [(r.line, r.reason) for r in rejections(report)] == [
        (2 if "## 注意点" not in note else 3, "a section title, not a term")
    ]


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        pytest.param(
            "codecommit: GitPush", "code, not prose (a lowercase identifier)", id="codecommit"
        ),
        pytest.param(
            "InvocationType:Event", "the definition is too short to ask about", id="event"
        ),
        pytest.param(
            "InvocationType:RequestResponse", "code split on a colon", id="request-response"
        ),
        pytest.param('"Effect": "Allow"', "code, not prose", id="json"),
    ],
)
def test_code_split_on_a_colon_is_rejected(item: str, reason: str) -> None:
    report = run(f"# Lambda\n## 呼び出しタイプ\n- 同期と非同期\n  - {item}\n")
    assert asked_lines(report) == set()
    assert (4, reason) in [(r.line, r.reason) for r in rejections(report)]


def test_an_answer_given_away_by_its_own_definition_is_rejected() -> None:
    report = run("""\
        # SQS
        - 標準キュー: 標準キューは順序を保証しないキューの種類
        """)
    assert report.candidates == []
    assert rejected_lines(report, "the answer appears in its own definition") == [2]


def test_a_term_defined_twice_differently_is_ambiguous() -> None:
    report = run("""\
        # 災害対策
        ## 指標
        - RTO（目標復旧時間）: 障害が発生してからどれくらいで復旧できるか
        - RTO（目標復旧時間）: 障害が発生した時点からどこまで遡ってよいか
        - バックアップ: 別リージョンにスナップショットをコピーして残しておく
        """)
    assert rejected_lines(report, "the note defines this term twice, differently") == [3, 4]
    assert not asked_lines(report) & {3, 4}


def test_a_term_written_twice_the_same_way_is_not_ambiguous() -> None:
    report = run("""\
        # SQS
        - DLQ: 処理に失敗したメッセージを移す別のキュー
        - DLQ: 処理に失敗したメッセージを移す別のキュー
        """)
    assert rejected_lines(report, "the note defines this term twice, differently") == []
    # One question: the same fact twice gives the same id, kept once.
    assert [c.line for c in candidates(report, "def-term")] == [2]


@pytest.mark.parametrize(
    ("definition", "reason"),
    [
        pytest.param("複数のAZに配置することで、", "a truncated sentence", id="touten"),
        pytest.param("キーを使ってデータを", "a truncated sentence", id="wo"),
        pytest.param(
            "認証情報から作るハッシュ値（HMAC",
            "a truncated sentence (unbalanced brackets)",
            id="bracket",
        ),
        pytest.param(
            "失敗したメッセージを移すキューのこと?",
            "the note itself is unsure (ends in '?')",
            id="question",
        ),
        pytest.param(
            "失敗したメッセージを移すキューのこと？",
            "the note itself is unsure (ends in '?')",
            id="zenkaku",
        ),
        pytest.param(
            "以下の設定で決まる", "points at a list that follows, not a definition", id="ika"
        ),
    ],
)
def test_unfinished_or_unsure_definitions_are_rejected(definition: str, reason: str) -> None:
    report = run(f"# SQS\n- 配信設定: {definition}\n")
    assert asked_lines(report) == set()
    assert rejected_lines(report, reason) == [2]


# -- typos -----------------------------------------------------------------------------------------

ENGINES = """\
# ElastiCache
## エンジン
- Memchached: マルチスレッドで水平にスケールアウトしやすいエンジン
- Redis: リードレプリカを作ってフェイルオーバーできるエンジン
- Hazelcast: 分散メモリグリッドとして使われる製品
- Couchbase: ドキュメント指向のデータベース製品
"""


def test_a_listed_typo_is_corrected_in_the_question() -> None:
    report = run(ENGINES)
    candidate = asking(report, "def-term", "Memcached")
    question = candidate.question
    assert question.topic == "elasticache"
    assert question.prompt == (
        "次の説明に当てはまるものはどれ？\n「マルチスレッドで水平にスケールアウトしやすいエンジン」"
    )
    assert sorted(question.choices) == ["Couchbase", "Hazelcast", "Memcached", "Redis"]
    assert "typo corrected: Memchached → Memcached" in candidate.reasons
    # The misspelling is taught nowhere, not even as another question's wrong answer.
    for other in report.candidates:
        assert "Memchached" not in repr(other.question), other.question


def test_a_corrected_distractor_says_so_in_the_reasons() -> None:
    report = run(ENGINES)
    candidate = asking(report, "def-term", "Redis")
    assert "Memcached" in candidate.question.choices
    assert "typo corrected: Memchached → Memcached" in candidate.reasons


@pytest.mark.parametrize(
    ("text", "fixed", "made"),
    [
        pytest.param("Memchached", "Memcached", 1, id="alone"),
        pytest.param("memchachedはマルチスレッド", "Memcachedはマルチスレッド", 1, id="case"),
        pytest.param(
            "MemchachedとMemchachedを比べる", "MemcachedとMemcachedを比べる", 1, id="twice"
        ),
        pytest.param(
            "Memchachedはマルチスレッド…", "Memcachedはマルチスレッド…", 1, id="with-ellipsis"
        ),
        pytest.param("ＭＥＭＣＨＡＣＨＥＤ（全角）", "Memcached（全角）", 1, id="full-width"),
        pytest.param("Memcached", "Memcached", 0, id="already-right"),
        pytest.param("XMemchachedY", "XMemchachedY", 0, id="inside-a-word"),
    ],
)
def test_taxonomy_corrects_every_listed_typo(text: str, fixed: str, made: int) -> None:
    assert Taxonomy(TOPICS).correct(text) == (
        fixed,
        (Correction("Memchached", "Memcached"),) * made,
    )


@pytest.mark.parametrize(
    ("chain", "topic"),
    [
        pytest.param(["Redis", "Route 53"], "elasticache", id="most-specific-first"),
        pytest.param(["", "レコード情報", "Route 53"], "route53", id="skips-unknown"),
        pytest.param(["Amazon Kinesis Data Streams"], "kinesis", id="english-name"),
        pytest.param(["Address"], None, id="dr-is-not-in-address"),
        pytest.param(["DR戦略"], "dr", id="latin-next-to-kanji"),
        pytest.param(["メモリ"], None, id="nothing"),
    ],
)
def test_taxonomy_decides_by_the_first_text_that_names_a_topic(
    chain: list[str], topic: str | None
) -> None:
    assert Taxonomy(TOPICS).decide(chain) == topic


# -- quick-lookup lines --------------------------------------------------------------------------

LOOKUP = """\
# 信頼性
## 早引き
- ストリーミングデータをリアルタイムで収集する -> Kinesis
- リクエストが来たときだけ処理を動かしたい -> Lambda
- メッセージを一時的にためて疎結合にする -> SQS
- 多数の購読者へ一斉に通知を送る → SNS
"""


def test_a_quick_lookup_line_gives_a_scenario_question() -> None:
    report = run(LOOKUP)
    candidate = asking(report, "scenario", "Lambda")
    question = candidate.question
    assert question.kind is QuestionKind.CHOICE
    assert (
        question.prompt
        == "次の要件に最も適したものはどれ？\n「リクエストが来たときだけ処理を動かしたい」"
    )
    assert sorted(question.choices) == ["Kinesis", "Lambda", "SNS", "SQS"]
    assert question.topic == "lambda"
    assert question.source.heading == "信頼性 > 早引き"
    assert candidate.line == 4
    assert candidate.confidence == 0.9
    assert "a quick-lookup line" in candidate.reasons
    assert {c.question.answer: c.line for c in candidates(report, "scenario")} == {
        "Kinesis": 3,
        "Lambda": 4,
        "SQS": 5,
        "SNS": 6,
    }


def test_a_situation_with_several_answers_is_rejected() -> None:
    report = run(LOOKUP + "- 処理を疎結合にしておきたい -> SQS, SNS\n")
    assert rejected_lines(report, "several answers to one situation") == [7]


def test_scenario_choices_filled_from_service_names_are_never_repeated() -> None:
    # Too few siblings: the choices are filled with service names, which include the sibling.
    services = (
        Topic("lambda", "Lambda", "AWS Lambda"),
        Topic("kinesis", "Kinesis", "Amazon Kinesis"),
        Topic("sqs", "SQS", "Amazon SQS"),
        Topic("sns", "SNS", "Amazon SNS"),
    )
    report = run(
        """\
        # 早引き
        - ストリーミングデータをリアルタイムで収集する -> Kinesis
        - リクエストが来たときだけ処理を動かしたい -> Lambda
        """,
        topics=services,
    )
    scenarios = candidates(report, "scenario")
    assert {c.question.answer for c in scenarios} == {"Kinesis", "Lambda"}
    for candidate in scenarios:
        choices = candidate.question.choices
        assert len({normalise(c) for c in choices}) == len(choices) == 4, choices
        assert candidate.confidence == 0.8


# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "prompt", "accepted"),
    [
        pytest.param(
            "可視性タイムアウト: デフォルト30秒",
            f"可視性タイムアウト: デフォルト{BLANK}",
            ("30秒",),
            id="seconds",
        ),
        pytest.param(
            "メッセージ保持期間: 最大 14 日間",
            f"メッセージ保持期間: 最大 {BLANK}",
            ("14日間", "14 日間"),
            id="spaced-unit",
        ),
        pytest.param(
            "メッセージは最大256KBまで送れる",
            f"【SQS】メッセージは最大{BLANK}まで送れる",
            ("256KB",),
            id="context-from-heading",
        ),
        pytest.param(
            "X-Rayデーモン: UDPポート2000でリッスンする",
            f"X-Rayデーモン: UDP{BLANK}でリッスンする",
            ("ポート2000", "2000"),
            id="port",
        ),
    ],
)
def test_a_number_with_its_unit_gives_a_cloze(
    item: str, prompt: str, accepted: tuple[str, ...]
) -> None:
    report = run(f"# SQS\n- {item}\n")
    [cloze] = candidates(report, "cloze")
    assert cloze.question.kind is QuestionKind.TEXT
    assert cloze.question.prompt == f"空欄に入る数値（単位つき）は？\n{prompt}"
    assert cloze.question.accepted == accepted
    assert cloze.question.topic == "sqs"
    assert cloze.line == 2
    assert cloze.confidence == 0.7


@pytest.mark.parametrize(
    "item",
    [
        pytest.param("ルートテーブル: サブネットごとに1つだけ関連付けられる", id="hankaku"),
        pytest.param("ルートテーブル: サブネットごとに１つだけ関連付けられる", id="zenkaku"),
        pytest.param("ルートテーブル: サブネットには1個しか関連付けられない", id="ko"),
    ],
)
def test_counting_to_one_is_not_a_number_fact(item: str) -> None:
    report = run(f"# VPC\n- {item}\n")
    assert candidates(report, "cloze") == []
    assert rejected_lines(report, "counting to one is grammar, not a fact") == [2]


def test_a_year_is_not_a_number_fact() -> None:
    report = run("# SQS\n- 学習開始: 2020年に勉強を始めたときのメモ\n")
    assert candidates(report, "cloze") == []
    assert rejected_lines(report, "a date, not a fact") == [2]


# -- ids and scores ------------------------------------------------------------------------------


def test_ids_are_stable_for_the_same_note_and_differ_between_notes() -> None:
    first = [c.question.id for c in run(RECORDS + LOOKUP).candidates]
    again = [c.question.id for c in run(RECORDS + LOOKUP).candidates]
    other_name = [c.question.id for c in run(RECORDS + LOOKUP, name="other.md").candidates]
    assert len(first) >= 8
    assert first == again
    assert len(set(first)) == len(first)
    assert all(id_.startswith("imp-") and len(id_) == 16 for id_ in first)
    assert not set(first) & set(other_name)


def test_a_changed_definition_changes_the_id() -> None:
    before = asking(run(RECORDS), "def-term", "NSレコード").question.id
    changed = RECORDS.replace("ゾーンを管理する", "ゾーンの権威を持つ")
    after = asking(run(changed), "def-term", "NSレコード").question.id
    assert before != after
    assert asking(run(changed), "def-term", "Aレコード").question.id == (
        asking(run(RECORDS), "def-term", "Aレコード").question.id
    )


def test_two_notes_in_one_run_keep_their_own_sources() -> None:
    report = propose([NoteFile("a.md", RECORDS), NoteFile("b.md", LOOKUP)], TOPICS)
    assert [f.name for f in report.files] == ["a.md", "b.md"]
    assert {c.question.source.note for c in report.files[0].candidates} == {"a.md"}
    assert {c.question.source.note for c in report.files[1].candidates} == {"b.md"}
    assert {c.style for c in report.files[1].candidates} == {"scenario"}


def test_every_confidence_is_between_zero_and_one() -> None:
    report = run(RECORDS + ENGINES + LOOKUP + "# SQS\n- 可視性タイムアウト: デフォルト30秒\n")
    assert len(report.candidates) >= 12
    assert all(0.0 <= c.confidence <= 1.0 for c in report.candidates)
    assert all(c.confidence == round(c.confidence, 2) for c in report.candidates)
