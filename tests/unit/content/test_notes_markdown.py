"""The notes parser: messy markdown notes read into blocks, each under its heading path."""

from __future__ import annotations

from textwrap import dedent

import pytest

from bot.content.notes import parse_note
from bot.content.notes._markdown import Block, BlockKind, Note, clean_inline


def parse(text: str) -> Note:
    return parse_note("note.md", dedent(text))


def texts(note: Note, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in note.blocks if kind is None or b.kind is kind]


def block(note: Note, text: str) -> Block:
    found = [b for b in note.blocks if b.text == text]
    assert len(found) == 1, f"{text!r} in {texts(note)}"
    return found[0]


# -- front matter and headings -------------------------------------------------------------------


def test_front_matter_is_skipped_and_line_numbers_count_it() -> None:
    note = parse("""\
        ---
        layout: post
        title: "Reliability"
        category: AWS
        excerpt: ""
        ---
        # 信頼性のテスト振り返り
        ## 早引き
        - 疎結合にしたい場合はキューを挟む
        """)
    assert note.lines == 9
    assert note.headings == [(7, "信頼性のテスト振り返り"), (8, "信頼性のテスト振り返り > 早引き")]
    assert [(b.kind, b.text, b.line) for b in note.blocks] == [
        (BlockKind.ITEM, "疎結合にしたい場合はキューを挟む", 9)
    ]


def test_a_rule_later_in_the_note_is_not_front_matter() -> None:
    note = parse("""\
        # 見出し
        ---
        title: 本文
        ---
        """)
    assert note.headings == [(1, "見出し")]
    assert texts(note) == ["title: 本文"]


def test_atx_heading_paths_nest_and_strip_emphasis() -> None:
    note = parse("""\
        # SQS
        ## 基本
        ### **SQSの識別子**
        - キューURL: キューを一意に識別するURL
        ## `Lambda` の設定 ##
        - タイムアウト: 最大15分
        # 次の章
        """)
    assert note.headings == [
        (1, "SQS"),
        (2, "SQS > 基本"),
        (3, "SQS > 基本 > SQSの識別子"),
        (5, "SQS > Lambda の設定"),
        (7, "次の章"),
    ]
    assert note.heading_paths() == {
        "SQS",
        "SQS > 基本",
        "SQS > 基本 > SQSの識別子",
        "SQS > Lambda の設定",
        "次の章",
    }
    assert block(note, "キューURL: キューを一意に識別するURL").heading_path == (
        "SQS > 基本 > SQSの識別子"
    )
    assert block(note, "タイムアウト: 最大15分").headings == ("SQS", "Lambda の設定")


def test_headings_inside_fences_are_ignored() -> None:
    note = parse("""\
        # 本物
        ```bash
        # 偽物の見出し
        ## これも偽物
        aws s3 ls
        ```
        - 項目
        """)
    assert note.headings == [(1, "本物")]
    assert block(note, "項目").headings == ("本物",)


# -- fences --------------------------------------------------------------------------------------


def test_a_prose_fence_is_a_fence_block_and_a_code_fence_is_dropped() -> None:
    note = parse("""\
        # VPC

        ```yaml

        利用者ごとのプライベートなネットワークを
        AWS内に作成すること
        ```

        ```json
        {"AllowedMethods": ["GET"]}
        ```

        ```
        "Effect": "Allow"
        ```

        ```
        <div>タグ</div>
        ```
        """)
    assert [(b.kind, b.text, b.line, b.headings) for b in note.blocks] == [
        (
            BlockKind.FENCE,
            "利用者ごとのプライベートなネットワークを AWS内に作成すること",
            5,
            ("VPC",),
        )
    ]


def test_a_tilde_fence_is_closed_by_tildes() -> None:
    note = parse("""\
        ~~~
        if (x) { y(); }
        ~~~
        - 後の項目
        """)
    assert [(b.kind, b.text, b.line) for b in note.blocks] == [(BlockKind.ITEM, "後の項目", 4)]


# -- list items ----------------------------------------------------------------------------------


def test_bullets_of_every_kind_with_depth_and_parent() -> None:
    note = parse("""\
        # EC2プレイスメントグループ

          • インスタンスが立ち上がる場所を指定する
            • クラスター
              • AZ内でまとめる
            • パーティション
          • 分散
        ・中黒の項目
        * 星の項目
        + 足し算の項目
        """)
    assert [(b.text, b.line, b.depth, b.parent) for b in note.blocks] == [
        ("インスタンスが立ち上がる場所を指定する", 3, 0, ""),
        ("クラスター", 4, 1, "インスタンスが立ち上がる場所を指定する"),
        ("AZ内でまとめる", 5, 2, "クラスター"),
        ("パーティション", 6, 1, "インスタンスが立ち上がる場所を指定する"),
        ("分散", 7, 0, ""),
        ("中黒の項目", 8, 0, ""),
        ("星の項目", 9, 0, ""),
        ("足し算の項目", 10, 0, ""),
    ]
    assert all(b.kind is BlockKind.ITEM and not b.numbered for b in note.blocks)
    assert block(note, "クラスター").siblings == ("クラスター", "パーティション")
    assert block(note, "分散").siblings == (
        "インスタンスが立ち上がる場所を指定する",
        "分散",
        "中黒の項目",
        "星の項目",
        "足し算の項目",
    )


@pytest.mark.parametrize(
    ("line", "text", "numbered"),
    [
        pytest.param(
            "- 1. コードで指定したアクセスキー",
            "コードで指定したアクセスキー",
            True,
            id="in-bullet",
        ),
        pytest.param("1. 運用", "運用", True, id="numbered"),
        pytest.param("2) セキュリティ", "セキュリティ", True, id="paren"),
        pytest.param("3．信頼性", "3．信頼性", False, id="full-width-dot-without-space"),
        pytest.param("- 2020年に発表", "2020年に発表", False, id="year-is-not-a-step"),
        pytest.param("- 普通の項目", "普通の項目", False, id="bullet"),
    ],
)
def test_numbered_items(line: str, text: str, numbered: bool) -> None:
    note = parse(f"# 手順\n{line}\n")
    assert [(b.text, b.numbered) for b in note.blocks] == [(text, numbered)]


def test_numbered_steps_inside_bullets_keep_their_parent() -> None:
    note = parse("""\
        - SDKが使う認証情報の優先順位

          - 1. コードのオプション
          - 2. 環境変数
        """)
    assert [(b.text, b.numbered, b.depth, b.parent, b.line) for b in note.blocks] == [
        ("SDKが使う認証情報の優先順位", False, 0, "", 1),
        ("コードのオプション", True, 1, "SDKが使う認証情報の優先順位", 3),
        ("環境変数", True, 1, "SDKが使う認証情報の優先順位", 4),
    ]


def test_continuation_lines_are_joined_to_their_item() -> None:
    note = parse("""\
        # ルーティング
        - レイテンシールーティング:
          レイテンシーが最も低いリージョンで
          処理する。
        - フェイルオーバー
        ここから本文
        """)
    assert [(b.kind, b.text, b.line) for b in note.blocks] == [
        (
            BlockKind.ITEM,
            "レイテンシールーティング:レイテンシーが最も低いリージョンで処理する。",
            2,
        ),
        (BlockKind.ITEM, "フェイルオーバー", 5),
        (BlockKind.PROSE, "ここから本文", 6),
    ]


def test_continuation_lines_of_latin_text_keep_a_space_between_words() -> None:
    note = parse("""\
        - Evaluate Target Health: checks the health
          of the alias target
        """)
    assert texts(note) == ["Evaluate Target Health: checks the health of the alias target"]


# -- tables --------------------------------------------------------------------------------------


def test_a_table_gives_rows_with_cells_and_header() -> None:
    note = parse("""\
        # ストレージクラス
        | クラス | 説明 |
        |:---|---:|
        | **Standard** | 頻繁にアクセスするデータ |
        | Glacier | アーカイブ向け。
        取り出しに時間がかかる |
        | One Zone-IA | 単一AZに保存 |
        - 後の項目
        """)
    rows = [b for b in note.blocks if b.kind is BlockKind.ROW]
    assert [(b.cells, b.line) for b in rows] == [
        (("Standard", "頻繁にアクセスするデータ"), 4),
        (("Glacier", "アーカイブ向け。 取り出しに時間がかかる"), 5),
        (("One Zone-IA", "単一AZに保存"), 7),
    ]
    assert {b.header for b in rows} == {("クラス", "説明")}
    assert rows[1].text == "Glacier | アーカイブ向け。 取り出しに時間がかかる"
    assert {b.heading_path for b in rows} == {"ストレージクラス"}
    assert block(note, "後の項目").line == 8


def test_a_table_with_only_a_header_gives_no_rows() -> None:
    note = parse("""\
        | 名前 | 説明 |
        |---|---|
        """)
    assert note.blocks == []


# -- what is dropped -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("![image](https://github.com/x/assets/1.png)", id="markdown-image"),
        pytest.param('<img width="836" alt="image" src="https://x/1.png">', id="img-tag"),
        pytest.param("docs.aws.amazon.com", id="link-card"),
        pytest.param("dev.classmethod.jp", id="link-card-jp"),
        pytest.param("f:id:studygroup:20240101120000p:plain", id="hatena-image"),
        pytest.param("https://oji-cloud.net/2019/07/08/post-2318/", id="bare-url"),
        pytest.param("-----", id="rule"),
    ],
)
def test_noise_lines_are_dropped(line: str) -> None:
    note = parse(f"# 見出し\n\n{line}\n\n本文\n")
    assert [(b.text, b.line) for b in note.blocks] == [("本文", 5)]


def test_an_image_inside_an_item_is_dropped_but_the_item_kept() -> None:
    note = parse(
        "- Redis ![構成図](https://x/y.png) はレプリカを作れる\n- ![only](https://x/z.png)\n"
    )
    assert texts(note) == ["Redis はレプリカを作れる"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("[参考サイト](https://zenn.dev/x)", "参考サイト", id="link"),
        pytest.param(
            "詳しくは[公式](https://a.b/c)を参照", "詳しくは公式を参照", id="link-in-text"
        ),
        pytest.param("**太字**と`コード`と__下線__", "太字とコードと下線", id="emphasis"),
        pytest.param("前 https://example.com/x 後", "前 後", id="url"),
        pytest.param("全角\u3000空白\t\tタブ", "全角 空白 タブ", id="spaces"),
    ],
)
def test_clean_inline(raw: str, clean: str) -> None:
    assert clean_inline(raw) == clean


def test_an_inline_link_keeps_its_text_in_an_item() -> None:
    note = parse(
        "# CloudFront\n- [署名付きURL](https://docs.aws/x): 期限付きでアクセスを許可する\n"
    )
    assert texts(note) == ["署名付きURL: 期限付きでアクセスを許可する"]


# -- sub-headings that are not headings ------------------------------------------------------------


def test_a_bold_line_labels_the_items_below_it() -> None:
    note = parse("""\
        ## Amazon Kinesis
        **Kinesis Data Streams**
        - ストリーミングデータを収集
        **Kinesis Data Firehose**：
        - S3などへ配信する
        """)
    assert note.headings == [(1, "Amazon Kinesis")]
    assert [(b.text, b.label) for b in note.blocks] == [
        ("ストリーミングデータを収集", "Kinesis Data Streams"),
        ("S3などへ配信する", "Kinesis Data Firehose"),
    ]


def test_a_short_line_before_a_list_is_a_label_not_prose() -> None:
    note = parse("""\
        # SQS
        キューの種類
        - 標準キュー
        長い文章はそのまま本文として残る。次の行がリストでも。
        - FIFOキュー
        """)
    assert [(b.kind, b.text, b.label) for b in note.blocks] == [
        (BlockKind.ITEM, "標準キュー", "キューの種類"),
        (BlockKind.PROSE, "長い文章はそのまま本文として残る。次の行がリストでも。", "キューの種類"),
        (BlockKind.ITEM, "FIFOキュー", "キューの種類"),
    ]


# -- blog exports --------------------------------------------------------------------------------

BLOG = """\
ある学習ブログ

勉強したことを少しずつ書いていくブログです。

f:id:studygroup:20240101120000p:plain

学習ログ

コンテナの横でトレース用デーモンを動かす

  • X-Rayデーモン
    • UDP の 2000 番で待ち受ける

docs.aws.amazon.com

DynamoDB のトランザクションについて

docs.aws.amazon.com

ECSのクラスタークエリ言語

  • 例
    • attribute:ecs.instance-type == t2.small

# service:productionグループのタスクを探す
aws ecs list-tasks --cluster default

docs.aws.amazon.com

暗号化キーを既定にした S3 バケットへのアップロードがアクセス拒否で失敗するときに確かめておきたいこと

  • KMSの権限が足りないため

aws.amazon.com
"""
LONG_TITLE = (
    "暗号化キーを既定にした S3 バケットへのアップロードがアクセス拒否で失敗するときに"
    "確かめておきたいこと"
)
BLOG_HEADINGS = [
    (9, "コンテナの横でトレース用デーモンを動かす"),
    (16, "DynamoDB のトランザクションについて"),
    (20, "ECSのクラスタークエリ言語"),
    (30, LONG_TITLE),
]


def test_blog_export_short_title_lines_become_headings() -> None:
    note = parse_note("blog.txt", BLOG)
    assert note.headings == BLOG_HEADINGS
    assert note.lines == 34
    items = [
        (b.text, b.line, b.heading_path, b.depth) for b in note.blocks if b.kind is BlockKind.ITEM
    ]
    assert items == [
        ("X-Rayデーモン", 11, "コンテナの横でトレース用デーモンを動かす", 0),
        ("UDP の 2000 番で待ち受ける", 12, "コンテナの横でトレース用デーモンを動かす", 1),
        ("例", 22, "ECSのクラスタークエリ言語", 0),
        ("attribute:ecs.instance-type == t2.small", 23, "ECSのクラスタークエリ言語", 1),
        ("KMSの権限が足りないため", 32, BLOG_HEADINGS[3][1], 0),
    ]
    # Lines before the first title are prose with no heading; the '#' comment is not a heading.
    prose = [(b.text, b.line, b.headings) for b in note.blocks if b.kind is BlockKind.PROSE]
    assert prose == [
        ("ある学習ブログ", 1, ()),
        ("勉強したことを少しずつ書いていくブログです。", 3, ()),
        ("学習ログ", 7, ()),
        ("# service:productionグループのタスクを探す", 25, ("ECSのクラスタークエリ言語",)),
        ("aws ecs list-tasks --cluster default", 26, ("ECSのクラスタークエリ言語",)),
    ]


def test_a_blog_export_whose_only_hash_lines_are_fenced_comments_is_still_one() -> None:
    note = parse("""\
        ブログのタイトル

        SQSの設定

          • 可視性タイムアウト: デフォルト30秒

        ```bash
        # キューを作る
        aws sqs create-queue --queue-name q
        ```

        Lambdaの設定

          • タイムアウト: 最大15分
        """)
    assert note.headings == [(3, "SQSの設定"), (12, "Lambdaの設定")]
    assert block(note, "タイムアウト: 最大15分").heading_path == "Lambdaの設定"


def test_a_markdown_note_with_headings_is_not_a_blog_export() -> None:
    note = parse("""\
        # 本物の見出し

        短い行

        - 項目
        """)
    assert note.headings == [(1, "本物の見出し")]
    assert block(note, "項目").label == "短い行"


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("文で終わる行は見出しではない。", id="full-stop"),
        pytest.param("項目の前置き：", id="colon"),
        pytest.param("x" * 81, id="too-long"),
    ],
)
def test_blog_lines_that_are_not_titles(title: str) -> None:
    note = parse_note("blog.txt", f"ブログ\n\n{title}\n\n  • 項目\n")
    assert note.headings == []


def test_empty_and_blank_notes_have_no_blocks() -> None:
    for text in ("", "\n\n   \n", "---\ntitle: x\n---\n"):
        note = parse_note("empty.md", text)
        assert (note.blocks, note.headings) == ([], [])
        assert note.lines == len(text.splitlines())


# -- the exams a note is for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "exams"),
    [
        pytest.param(
            "# AWS DVA-c02 ポケットスタディ\n## 開発\n- a: b\n", ("DVA",), id="code-in-title"
        ),
        pytest.param(
            '---\ntitle: "AWS SOA 高可用性"\ntopics: ["AWS","SOA"]\n---\n# 分野 2\n',
            ("SOA",),
            id="front-matter",
        ),
        pytest.param(
            "ブログ\n\n【AWS学習】認定デベロッパーアソシエイト学習⑥\n\nはじめに\n",
            ("DVA",),
            id="japanese-name",
        ),
        pytest.param("# SAA と SOA の比較\n", ("SAA", "SOA"), id="two-in-order"),
        pytest.param("# 資格対策\n- VPC: ネットワーク\n", (), id="none"),
        pytest.param("# ESSAAY\n# SOAP の話\n", (), id="not-inside-words"),
        pytest.param(
            "# 資格対策\n" + "- a: b\n" * 20 + "## SOA の復習\n", (), id="only-the-opening-counts"
        ),
    ],
)
def test_the_exams_a_note_names_in_its_opening(text: str, exams: tuple[str, ...]) -> None:
    assert parse_note("n.md", text).exams == exams
