"""The team's own content on Discord, through the real discord.py client and the fake server:
importing notes attached to /studybot import, reviewing the candidates, auto-accept, and
members reporting questions from a reveal or a practice result."""

from __future__ import annotations

from typing import Any

from bot.content.notes import MAX_NOTE_BYTES
from bot.core.model import CandidateStatus, QuestionKind, StoredCandidate, TeamInfo
from bot.services.clock import ManualClock
from tests.e2e import test_discord as base
from tests.e2e.test_discord import Bot, Server, no_mentions_anywhere, post_daily, running
from tests.support.discord_server import FakeDiscord, FakeInteraction, FakeMessage

# The scenarios share the Discord e2e fixtures: a fake server, a guild, a bot on SQLite.
fake = base.fake
server = base.server
settings = base.settings
clock = base.clock
bot = base.bot

NOTE = """# S3

## ストレージクラス

- S3 Standard: 頻繁にアクセスするデータ向けの標準のストレージクラス
- S3 Standard-IA: アクセス頻度は低いがすぐに取り出したいデータ向けのクラス
- S3 Glacier Deep Archive: 取り出しに最大12時間かかる最も安価なアーカイブ用クラス
- S3 Intelligent-Tiering: アクセスパターンに応じて自動で階層を移動するクラス
"""


async def import_notes(server: Server, user: int, **files: tuple[str, bytes]) -> FakeInteraction:
    options = {option: server.fake.add_attachment(*file) for option, file in files.items()}
    return await server.slash(user, "studybot", "import", **options)


async def candidates(bot: Bot, team: TeamInfo) -> list[StoredCandidate]:
    """Every candidate of the team, whatever its state (ids are small and sequential)."""
    found = [await bot.app.content.candidate(team, i) for i in range(1, 60)]
    return [c for c in found if c is not None]


def shown_candidate(card: FakeMessage) -> int:
    """The candidate a review card is showing, from its buttons."""
    return int(card.custom_ids()[0].rsplit(":", 1)[1])


def modal_inputs(opened: FakeInteraction) -> dict[str, dict[str, Any]]:
    assert opened.modal is not None
    found: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any]) -> None:
        if node.get("type") == 4:
            found[node["custom_id"]] = node
        for child in node.get("components", []):
            walk(child)
        if "component" in node:
            walk(node["component"])

    for component in opened.modal["components"]:
        walk(component)
    return found


async def practise(server: Server, user: int, topic: str) -> str:
    """Ask for a practice question and answer it (answered ones are what practice avoids
    next); the question's text, or the reply when there was none."""
    card = await server.slash(user, "quiz", topic=topic)
    if card.original is None or not card.original.custom_ids():
        return card.text
    button = card.original.custom_ids()[0]
    clicked = await server.click(card.original, button, user)
    if clicked.modal is not None:
        await server.fake.wait_response(
            await server.fake.submit_modal(clicked, {"answer": "?"}, user)
        )
    return card.text


def labels(message: FakeMessage) -> list[str]:
    return [c.get("label", "") for row in message.components for c in row.get("components", [])]


# -- import and review -----------------------------------------------------------------


async def test_import_a_note_then_approve_reject_and_edit(bot: Bot, server: Server) -> None:
    imported = await import_notes(server, server.admin, file=("s3-notes.md", NOTE.encode()))
    assert imported.ephemeral
    assert imported.response_type == 5, "deferred first: a big note takes a while"
    team = await bot.team(server)
    pending = (await bot.app.content.counts(team))[CandidateStatus.PENDING]
    assert pending >= 4
    assert "s3-notes.md" in imported.text
    assert f"新しい候補 {pending} 件" in imported.text
    assert "/studybot review" in imported.text
    assert server.fake.attachments[next(iter(server.fake.attachments))].downloads == 1

    review = await server.slash(server.admin, "studybot", "review")
    other = await server.slash(server.admin, "studybot", "review")
    assert review.ephemeral
    assert review.original is not None
    card = review.original
    [first] = await bot.app.content.pending(team, limit=1)
    assert card.custom_ids() == [
        f"sb:rv:{action}:{first.id}" for action in ("approve", "reject", "edit", "skip")
    ]
    assert first.question.prompt in card.text
    assert f"確認待ち {pending} 件" in card.text
    assert f"{first.confidence:.2f}" in card.text
    assert "s3-notes.md › S3 > ストレージクラス" in card.text
    assert f"({first.line} 行目)" in card.text
    if first.question.kind is QuestionKind.CHOICE:
        right = "ABCD"[first.question.correct_index]
        assert f"✅ **{right}.** {first.question.answer}" in card.text

    # members without Manage Server: refused for the command and for the buttons
    refused = await server.slash(server.alice, "studybot", "review")
    assert "サーバー管理" in refused.text
    pressed = await server.click(card, f"sb:rv:approve:{first.id}", server.alice)
    assert pressed.ephemeral
    assert "サーバー管理" in pressed.text
    assert pressed.original is not card, "the admin's card is left as it was"
    assert (await bot.app.content.counts(team))[CandidateStatus.APPROVED] == 0

    approved = await server.click(card, f"sb:rv:approve:{first.id}", server.admin)
    assert approved.response_type == 7, "the same message is edited"
    assert "承認しました" in card.text
    assert f"確認待ち {pending - 1} 件" in card.text
    second = shown_candidate(card)
    assert second != first.id
    decided = await bot.app.content.candidate(team, first.id)
    assert decided is not None
    assert decided.status is CandidateStatus.APPROVED

    await server.click(card, f"sb:rv:reject:{second}", server.admin)
    assert "却下しました" in card.text
    rejected = await bot.app.content.candidate(team, second)
    assert rejected is not None
    assert rejected.status is CandidateStatus.REJECTED
    # the same card opened earlier in another review: its candidate was decided meanwhile
    assert other.original is not None
    stale = await server.click(other.original, f"sb:rv:approve:{first.id}", server.admin)
    assert stale.response_type == 7
    assert "すでに承認または却下されています" in other.original.text
    assert shown_candidate(other.original) == shown_candidate(card)

    # skip to a choice question (and see a typed one's editor on the way)
    for _ in range(pending):
        shown = await bot.app.content.candidate(team, shown_candidate(card))
        assert shown is not None
        if shown.question.kind is QuestionKind.CHOICE and shown.status is CandidateStatus.PENDING:
            break
        if shown.question.kind is QuestionKind.TEXT:
            opened = await server.click(card, f"sb:rv:edit:{shown.id}", server.admin)
            inputs = modal_inputs(opened)
            assert set(inputs) == {"prompt", "accepted", "explanation"}
            assert inputs["accepted"]["value"] == "\n".join(shown.question.accepted)
        before = shown.id
        await server.click(card, f"sb:rv:skip:{before}", server.admin)
        assert shown_candidate(card) != before
    target = await bot.app.content.candidate(team, shown_candidate(card))
    assert target is not None
    assert target.question.kind is QuestionKind.CHOICE

    opened = await server.click(card, f"sb:rv:edit:{target.id}", server.admin)
    inputs = modal_inputs(opened)
    assert set(inputs) == {"prompt", "choices", "answer", "explanation"}
    assert inputs["prompt"]["value"] == target.question.prompt
    assert inputs["choices"]["value"].splitlines() == list(target.question.choices)
    assert inputs["answer"]["value"] == target.question.answer
    assert all(len(i["label"]) <= 45 for i in inputs.values())
    assert len(opened.modal["title"]) <= 45  # type: ignore[index]

    values = {key: node["value"] for key, node in inputs.items()}
    broken = await server.fake.wait_response(
        await server.fake.submit_modal(opened, {**values, "answer": "どれでもない"})
    )
    assert broken.ephemeral
    assert broken.response_type == 4, "a new message; the card stays"
    assert "保存していません" in broken.text
    assert "正解は選択肢のどれかにしてください" in broken.text
    assert await bot.app.content.candidate(team, target.id) == target, "nothing saved"

    fixed_prompt = target.question.prompt + " (編集済み)"
    saved = await server.fake.wait_response(
        await server.fake.submit_modal(opened, {**values, "prompt": fixed_prompt, "answer": "B"})
    )
    assert saved.response_type == 7, "the card shows the edited candidate"
    assert "変更を保存しました" in card.text
    assert "(編集済み)" in card.text
    edited = await bot.app.content.candidate(team, target.id)
    assert edited is not None
    assert edited.question.prompt == fixed_prompt
    assert edited.question.answer == target.question.choices[1]

    counts = await bot.app.content.counts(team)
    assert counts[CandidateStatus.APPROVED] == 1
    assert counts[CandidateStatus.REJECTED] == 1
    no_mentions_anywhere(server.fake)


async def test_review_says_when_nothing_is_left(bot: Bot, server: Server) -> None:
    empty = await server.slash(server.admin, "studybot", "review", locale="en-US")
    assert "Nothing left to review" in empty.text

    await import_notes(server, server.admin, file=("s3-notes.md", NOTE.encode()))
    team = await bot.team(server)
    review = await server.slash(server.admin, "studybot", "review")
    assert review.original is not None
    card = review.original
    for _ in range(20):
        if not card.custom_ids():
            break
        await server.click(card, f"sb:rv:reject:{shown_candidate(card)}", server.admin)
    assert "確認待ちの候補はありません" in card.text
    assert card.custom_ids() == []
    assert (await bot.app.content.counts(team))[CandidateStatus.PENDING] == 0


async def test_import_reports_each_file_that_is_not_a_note(bot: Bot, server: Server) -> None:
    binary = server.fake.add_attachment("notes.bin", b"\x00\x01\x02\x03 not text")
    huge = server.fake.add_attachment("huge.md", b"# a\n" + b"a" * MAX_NOTE_BYTES)
    reply = await server.slash(server.admin, "studybot", "import", file=binary, file2=huge)
    assert reply.ephemeral
    assert "notes.bin: バイナリファイルで、テキストのノートではありません" in reply.text
    assert "huge.md: 大きすぎます" in reply.text
    assert "新しい候補 0 件" in reply.text
    assert server.fake.attachments[binary].downloads == 1
    assert server.fake.attachments[huge].downloads == 0, "too large: not even downloaded"
    team = await bot.team(server)
    assert set((await bot.app.content.counts(team)).values()) == {0}

    note = server.fake.add_attachment("s3-notes.md", NOTE.encode())
    refused = await server.slash(server.alice, "studybot", "import", file=note)
    assert "サーバー管理" in refused.text
    assert server.fake.attachments[note].downloads == 0
    assert set((await bot.app.content.counts(team)).values()) == {0}


async def test_auto_accept_then_import_adds_askable_questions(bot: Bot, server: Server) -> None:
    word = await server.slash(server.admin, "studybot", "auto-accept", confidence="abc")
    assert word.ephemeral
    assert "abc" in word.text
    assert "0.8" in word.text
    high = await server.slash(server.admin, "studybot", "auto-accept", confidence="1.5")
    assert "1.5" in high.text
    assert (await bot.team(server)).auto_accept is None

    done = await server.slash(server.admin, "studybot", "auto-accept", confidence="0.9")
    assert "0.90" in done.text
    assert (await bot.team(server)).auto_accept == 0.9
    shown = await server.slash(server.admin, "studybot", "settings")
    assert "自動承認: 確信度 0.90 以上" in shown.text

    imported = await import_notes(server, server.admin, file=("s3-notes.md", NOTE.encode()))
    team = await bot.team(server)
    approved = [c for c in await candidates(bot, team) if c.status is CandidateStatus.APPROVED]
    assert approved
    assert all(c.confidence >= 0.9 for c in approved)
    assert f"うち自動承認 {len(approved)} 件" in imported.text
    pending = await bot.app.content.pending(team)
    assert all(c.confidence < 0.9 for c in pending)

    # the approved questions are now asked: practice cycles through every s3 question
    prompts = ""
    for _ in range(len(approved) + 1):
        prompts += await practise(server, server.alice, "s3")
    for candidate in approved:
        assert candidate.question.prompt.splitlines()[-1] in prompts

    off = await server.slash(server.admin, "studybot", "auto-accept")
    assert "オフ" in off.text
    assert (await bot.team(server)).auto_accept is None


# -- reports -----------------------------------------------------------------------------


async def reveal_today(bot: Bot, server: Server) -> FakeMessage:
    post = await post_daily(bot, server)
    await server.slash(server.admin, "studybot", "reveal-now")
    return await server.fake.wait_for_message(server.channel, lambda m: m.id != post.id)


async def report(
    server: Server, message: FakeMessage, question_id: str, user: int, reason: str = ""
) -> FakeInteraction:
    opened = await server.click(message, f"sb:rp:{question_id}", user)
    assert opened.modal is not None
    submitted = await server.fake.submit_modal(opened, {"reason": reason}, user)
    return await server.fake.wait_response(submitted)


async def test_reports_from_a_reveal_hold_the_question_until_kept(bot: Bot, server: Server) -> None:
    reveal = await reveal_today(bot, server)
    team = await bot.team(server)
    [question_id] = [c.rsplit(":", 1)[1] for c in reveal.custom_ids()]
    assert reveal.custom_ids() == [f"sb:rp:{question_id}"]
    assert labels(reveal) == ["問題を報告"]

    first = await report(server, reveal, question_id, server.alice, "正解が古い情報です")
    assert first.ephemeral
    assert "管理者が確認します" in first.text
    twice = await report(server, reveal, question_id, server.alice)
    assert "報告済み" in twice.text
    held = await report(server, reveal, question_id, server.bob)
    assert "管理者が確認するまで出題されません" in held.text

    [flagged] = await bot.app.content.reported(team)
    assert flagged.question.id == question_id
    assert flagged.held
    assert flagged.reports == 2
    assert flagged.reasons == ("正解が古い情報です",)

    # out of the rotation: practice on its topic never offers it
    topic = flagged.question.topic
    for _ in range(3):
        assert flagged.question.prompt not in await practise(server, server.carol, topic)

    listed = await server.slash(server.admin, "studybot", "reported")
    assert listed.ephemeral
    assert listed.original is not None
    board = listed.original
    assert "報告された問題 (1/1)" in board.text
    assert "報告 2 件" in board.text
    assert "正解が古い情報です" in board.text
    assert "出題停止中" in board.text
    assert board.custom_ids() == [f"sb:rq:keep:{question_id}", f"sb:rq:remove:{question_id}"]

    refused = await server.click(board, f"sb:rq:keep:{question_id}", server.alice)
    assert "サーバー管理" in refused.text
    assert (await bot.app.content.reported(team))[0].held

    kept = await server.click(board, f"sb:rq:keep:{question_id}", server.admin)
    assert kept.response_type == 7
    assert "残しました" in board.text
    assert "報告された問題はありません" in board.text
    assert board.custom_ids() == []
    assert await bot.app.content.reported(team) == []

    # back in the rotation: the member's next practice on the topic offers it again
    offered = await practise(server, server.carol, topic)
    assert flagged.question.prompt in offered
    no_mentions_anywhere(server.fake)


async def test_a_report_from_a_practice_result_and_remove(bot: Bot, server: Server) -> None:
    team = await bot.team(server)
    for user in (server.alice, server.bob):
        card = await server.slash(user, "quiz", topic="s3")  # the bank's one typed s3 question
        assert card.original is not None
        [button] = card.original.custom_ids()
        opened = await server.click(card.original, button, user)
        result = await server.fake.wait_response(
            await server.fake.submit_modal(opened, {"answer": "Glacier"}, user)
        )
        assert result.original is not None
        assert "sb:rp:s3-glacier" in result.original.custom_ids()
        assert "問題を報告" in labels(result.original)
        await report(server, result.original, "s3-glacier", user, "")
    assert (await bot.app.content.reported(team))[0].held

    listed = await server.slash(server.admin, "studybot", "reported", locale="en-US")
    assert listed.original is not None
    assert "Out of rotation until reviewed" in listed.text
    assert "(no reason given)" in listed.text
    await server.click(listed.original, "sb:rq:remove:s3-glacier", server.admin)
    assert "削除しました" in listed.original.text  # the click came from a Japanese client
    assert await bot.app.content.reported(team) == []

    gone = await server.slash(server.carol, "quiz", topic="s3")
    assert "出せる問題がありません" in gone.text


async def test_report_an_unknown_question(bot: Bot, server: Server) -> None:
    reveal = await reveal_today(bot, server)
    question_id = reveal.custom_ids()[0].rsplit(":", 1)[1]
    opened = await server.click(reveal, f"sb:rp:{question_id}", server.alice)
    assert opened.modal is not None
    opened.modal["custom_id"] = "sb:rpm:no-such-question"
    reply = await server.fake.wait_response(
        await server.fake.submit_modal(opened, {"reason": "?"}, server.alice, locale="en-US")
    )
    assert reply.ephemeral
    assert "no longer exists" in reply.text


async def test_the_report_button_works_after_a_restart(
    settings: Any, clock: ManualClock, fake: FakeDiscord, server: Server
) -> None:
    async with running(settings, clock, fake) as first:
        reveal = await reveal_today(first, server)
        question_id = reveal.custom_ids()[0].rsplit(":", 1)[1]
        opened = await server.click(reveal, f"sb:rp:{question_id}", server.alice)
    # a new process: a modal opened before the restart, and the old reveal's button
    async with running(settings, clock, fake) as second:
        submitted = await fake.submit_modal(opened, {"reason": "選択肢が二つ正しい"})
        recorded = await fake.wait_response(submitted)
        assert "管理者が確認します" in recorded.text
        held = await report(server, reveal, question_id, server.bob)
        assert "出題されません" in held.text
        [flagged] = await second.app.content.reported(await second.team(server))
        assert flagged.held
        assert flagged.reasons == ("選択肢が二つ正しい",)


async def test_a_review_left_open_goes_on_after_a_restart(
    settings: Any, clock: ManualClock, fake: FakeDiscord, server: Server
) -> None:
    async with running(settings, clock, fake) as first:
        await import_notes(server, server.admin, file=("s3-notes.md", NOTE.encode()))
        review = await server.slash(server.admin, "studybot", "review")
        assert review.original is not None
        card = review.original
        shown = shown_candidate(card)
        opened = await server.click(card, f"sb:rv:edit:{shown}", server.admin)
        values = {key: node["value"] for key, node in modal_inputs(opened).items()}
        team = await first.team(server)
    async with running(settings, clock, fake) as second:
        edited = values["explanation"] + " 再起動後に編集。"
        await fake.wait_response(await fake.submit_modal(opened, {**values, "explanation": edited}))
        assert "再起動後に編集" in card.text
        await server.click(card, f"sb:rv:approve:{shown}", server.admin)
        assert "承認しました" in card.text
        decided = await second.app.content.candidate(team, shown)
        assert decided is not None
        assert decided.status is CandidateStatus.APPROVED
        assert decided.question.explanation == edited
