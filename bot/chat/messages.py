"""What the bot says, in Japanese and English. Adapters format these; the core never does."""

from __future__ import annotations

from typing import Any

Language = str

_MESSAGES: dict[str, dict[str, str]] = {
    "daily_title": {"ja": "今日の問題 {date}", "en": "Question of the day {date}"},
    "practice_title": {"ja": "練習問題", "en": "Practice question"},
    "topic": {"ja": "トピック", "en": "Topic"},
    "answer_with_letter": {
        "ja": "{letters} のいずれかで回答 (締め切り {closes})",
        "en": "Answer with {letters} (closes {closes})",
    },
    "answer_with_text": {
        "ja": "答えを入力してください (締め切り {closes})",
        "en": "Type your answer (closes {closes})",
    },
    "answers_so_far": {"ja": "回答 {count} 件", "en": "{count} answered"},
    "recorded": {
        "ja": "{name} さんの回答「{response}」を受け付けました。正解は締め切り後に発表します。",
        "en": "Got it, {name}: “{response}”. The answer is revealed when the round closes.",
    },
    "already_answered": {
        "ja": "{name} さんはこの問題に回答済みです。最初の回答が有効です。",
        "en": "{name}, you have already answered this one; your first answer stands.",
    },
    "closed": {
        "ja": "この問題は締め切られています。回答は記録されません。",
        "en": "This round is closed; the answer was not recorded.",
    },
    "no_round": {
        "ja": "回答できる問題がありません。/quiz で練習問題を出せます。",
        "en": "There is no question to answer. Try /quiz for a practice question.",
    },
    "invalid_choice": {
        "ja": "「{response}」は選択肢にありません。{letters} で答えてください。",
        "en": "“{response}” is not one of the choices: answer with {letters}.",
    },
    "invalid_text": {
        "ja": "選択肢のない問題です。「{response}」ではなく、答えを言葉で入力してください。",
        "en": "This question has no choices: type the answer itself, not “{response}”.",
    },
    "practice_right": {"ja": "⭕ 正解！", "en": "⭕ Correct!"},
    "practice_wrong": {
        "ja": "❌ 不正解。正解は {answer}",
        "en": "❌ Not quite. The answer: {answer}",
    },
    "reveal_title": {"ja": "答え合わせ {date}", "en": "Answer {date}"},
    "correct_answer": {"ja": "正解", "en": "Answer"},
    "explanation": {"ja": "解説", "en": "Why"},
    "source": {"ja": "出典", "en": "Source"},
    "team_result": {
        "ja": "チームの正答率 {correct}/{answered} ({share:.0%})",
        "en": "Team: {correct}/{answered} correct ({share:.0%})",
    },
    "nobody_answered": {"ja": "今回は回答がありませんでした。", "en": "Nobody answered this time."},
    "first_correct": {"ja": "一番乗りの正解: {name}", "en": "First correct: {name}"},
    "lb_week": {"ja": "今週のランキング", "en": "This week"},
    "lb_7d": {"ja": "直近7日のランキング", "en": "Last 7 days"},
    "lb_all": {"ja": "通算ランキング", "en": "All time"},
    "leaderboard_empty": {
        "ja": "この期間の回答はまだありません。",
        "en": "No daily answers in this period yet.",
    },
    "leaderboard_row": {
        "ja": "{rank}. {name}  {points} pt  ({correct}/{answered} 正解, 連続 {streak} 日)",
        "en": "{rank}. {name}  {points} pt  ({correct}/{answered} correct, streak {streak})",
    },
    "your_rank": {"ja": "あなたの順位: {rank} 位", "en": "Your rank: #{rank}"},
    "weak_title_member": {"ja": "{name} さんの苦手トピック", "en": "{name}'s weak spots"},
    "weak_title_team": {"ja": "チームの苦手トピック", "en": "The team's weak spots"},
    "weak_row": {
        "ja": "{topic}: {correct}/{attempts} 正解 ({accuracy:.0%}){trend}",
        "en": "{topic}: {correct}/{attempts} correct ({accuracy:.0%}){trend}",
    },
    "weak_none": {
        "ja": "まだ判断できるほどの回答がありません (1 トピック {min} 問以上で表示)。",
        "en": "Not enough answers yet to tell (a topic shows after {min} attempts).",
    },
    "weak_suggest": {"ja": "次の練習: /quiz {topic}", "en": "Practise next: /quiz {topic}"},
    "stats_title": {"ja": "{name} さんの成績", "en": "{name}'s stats"},
    "stats_body": {
        "ja": (
            "毎日の問題: {daily_correct}/{daily_answered} 正解, {points} pt{rank}\n"
            "練習: {practice_correct}/{practice_answered} 正解\n"
            "連続回答: {streak} 日 (最高 {best} 日) · 連続正解: {streak_c} (最高 {best_c})"
        ),
        "en": (
            "Daily: {daily_correct}/{daily_answered} correct, {points} pt{rank}\n"
            "Practice: {practice_correct}/{practice_answered} correct\n"
            "Answer streak: {streak} (best {best}) · correct streak: {streak_c} (best {best_c})"
        ),
    },
    "stats_rank": {"ja": ", 通算 {rank} 位", "en": ", #{rank} all time"},
    "weekly_title": {
        "ja": "週間ランキング ({start} 〜 {end})",
        "en": "Weekly leaderboard ({start} – {end})",
    },
    "weekly_improved": {
        "ja": "最も伸びた人: {name} (正答率 +{gain:.0%})",
        "en": "Most improved: {name} (accuracy +{gain:.0%})",
    },
    "weekly_weakest": {"ja": "チームの苦手トップ3", "en": "The team's three weakest topics"},
    "unknown_topic": {
        "ja": "「{query}」というトピックはありません。使えるトピック: {topics}",
        "en": "There is no topic “{query}”. Topics: {topics}",
    },
    "no_question": {"ja": "出せる問題がありません。", "en": "There is no question to ask."},
    "no_daily": {
        "ja": "今日の問題はまだありません (次は {next})。",
        "en": "No question of the day yet (next at {next}).",
    },
    "answer_button": {"ja": "回答する", "en": "Answer"},
    "answer_modal_title": {"ja": "回答", "en": "Your answer"},
    "answer_modal_label": {"ja": "答え", "en": "Answer"},
    "next_question_button": {"ja": "次の問題", "en": "Another question"},
    "closes": {"ja": "締め切り {at} ({relative})", "en": "Closes {at} ({relative})"},
    "round_closed": {"ja": "締め切りました", "en": "Closed"},
    "recorded_short": {
        "ja": "「{response}」で受け付けました。正解は締め切り後に発表します。",
        "en": "Recorded “{response}”. The answer is revealed when the round closes.",
    },
    "already_answered_short": {
        "ja": "回答済みです。最初の回答が有効です。",
        "en": "You have already answered; your first answer stands.",
    },
    "choice_counts": {"ja": "選択の内訳", "en": "Picks"},
    "admin_only": {
        "ja": "この操作には「サーバー管理」権限が必要です。",
        "en": "This needs the Manage Server permission.",
    },
    "server_only": {
        "ja": "このコマンドはサーバー内でのみ使えます。",
        "en": "This command works only in a server.",
    },
    "not_set_up": {
        "ja": (
            "まだ設定されていません。"
            "管理者が /studybot setup で投稿先チャンネルと時刻を決めてください。"
        ),
        "en": "Not set up yet: an admin can choose a channel and time with /studybot setup.",
    },
    "settings_title": {"ja": "studybot の設定", "en": "studybot settings"},
    "settings_body": {
        "ja": (
            "チャンネル: {channel}\n毎日の問題: {time} ({timezone})\n締め切り: 投稿の {close} 後\n"
            "週間ランキング: {weekday} {weekly_time}\n言語: {lang_name}\n状態: {state}"
        ),
        "en": (
            "Channel: {channel}\nDaily question: {time} ({timezone})\n"
            "Closes: {close} after posting\n"
            "Weekly leaderboard: {weekday} {weekly_time}\n"
            "Language: {lang_name}\nState: {state}"
        ),
    },
    "state_active": {"ja": "稼働中", "en": "active"},
    "state_paused": {"ja": "一時停止中", "en": "paused"},
    "next_post": {"ja": "次の投稿: {at}", "en": "Next post: {at}"},
    "setup_done": {"ja": "設定を保存しました。", "en": "Settings saved."},
    "paused_done": {
        "ja": "毎日の問題と週間ランキングの投稿を一時停止しました。/studybot resume で再開します。",
        "en": "Daily questions and weekly posts are paused. /studybot resume starts them again.",
    },
    "resumed_done": {"ja": "投稿を再開しました。", "en": "Posting resumed."},
    "posted_now": {"ja": "今日の問題を投稿しました。", "en": "Today's question is posted."},
    "already_posted": {
        "ja": "今日の問題は投稿済みです。",
        "en": "Today's question has already been posted.",
    },
    "no_open_round": {"ja": "締め切る問題はありません。", "en": "There is no open round to close."},
    "revealed_now": {
        "ja": "締め切りました。答えを発表します。",
        "en": "Closed: the answer is on its way.",
    },
    "internal_error": {
        "ja": (
            "⚠ 処理中にエラーが発生しました。記録済みなので、少し待ってからもう一度お試しください。"
        ),
        "en": "⚠ Something went wrong on our side; it has been logged. Please try again shortly.",
    },
    "forget_confirm": {
        "ja": (
            "あなたの回答・成績・連続記録をすべて削除します。元に戻せません。"
            "よろしければ押してください。"
        ),
        "en": "This deletes all your answers, scores and streaks, for good. Press to confirm.",
    },
    "not_yours": {
        "ja": "このボタンは押した本人のためのものです。",
        "en": "This button belongs to someone else.",
    },
    "forget_confirm_button": {"ja": "データを削除する", "en": "Delete my data"},
    "bad_input": {"ja": "⚠ {error}", "en": "⚠ {error}"},
    "shown_daily": {"ja": "今日の問題はこちら。", "en": "Here is today's question."},
    "forgotten": {
        "ja": "{name} さんのデータをすべて削除しました。",
        "en": "Deleted everything stored about {name}.",
    },
    "nothing_to_forget": {"ja": "削除するデータはありません。", "en": "Nothing stored to delete."},
    "caller_rank": {"ja": "{name} さんの順位: {rank} 位", "en": "{name}: #{rank}"},
    "delivery_failed": {
        "ja": "投稿できませんでした ({error})。チャンネルの権限を確認してください。",
        "en": "Could not post ({error}). Check the bot's permissions in the channel.",
    },
    # -- members' reports ----------------------------------------------------------------
    "report_button": {"ja": "問題を報告", "en": "Report a problem"},
    "report_modal_title": {"ja": "問題を報告", "en": "Report a problem"},
    "report_modal_label": {"ja": "何が問題ですか (任意)", "en": "What is wrong? (optional)"},
    "report_modal_placeholder": {
        "ja": "例: 正解が古い情報です / 選択肢が二つ正しい",
        "en": "e.g. the answer is out of date; two choices are right",
    },
    "report_recorded": {
        "ja": "報告を受け付けました。管理者が確認します。ありがとうございます。",
        "en": "Thanks: your report is recorded, and an admin will look at it.",
    },
    "report_already": {
        "ja": "この問題はすでに報告済みです。",
        "en": "You have already reported this question.",
    },
    "report_held": {
        "ja": "報告を受け付けました。この問題は管理者が確認するまで出題されません。",
        "en": "Thanks: the question is out of rotation until an admin reviews it.",
    },
    "report_unknown": {
        "ja": "その問題は見つかりませんでした。",
        "en": "That question no longer exists.",
    },
    # -- reviewing imported candidates ---------------------------------------------------
    "review_title": {"ja": "候補の確認 #{id}", "en": "Candidate #{id}"},
    "review_pending": {"ja": "確認待ち {count} 件", "en": "{count} pending"},
    "review_accepted": {"ja": "正解として認める答え", "en": "Accepted answers"},
    "review_source_line": {"ja": "{source} ({line} 行目)", "en": "{source}, line {line}"},
    "review_confidence": {"ja": "確信度", "en": "Confidence"},
    "review_empty": {
        "ja": "確認待ちの候補はありません。/studybot import でノートから候補を作れます。",
        "en": "Nothing left to review. /studybot import turns notes into candidates.",
    },
    "review_approve_button": {"ja": "承認", "en": "Approve"},
    "review_reject_button": {"ja": "却下", "en": "Reject"},
    "review_edit_button": {"ja": "編集", "en": "Edit"},
    "review_skip_button": {"ja": "次へ", "en": "Skip"},
    "review_approved": {"ja": "✅ 承認しました: {prompt}", "en": "✅ Approved: {prompt}"},
    "review_rejected": {"ja": "🗑 却下しました: {prompt}", "en": "🗑 Rejected: {prompt}"},
    "review_decided": {
        "ja": "その候補はすでに承認または却下されています。",
        "en": "That candidate has already been approved or rejected.",
    },
    "review_saved": {"ja": "✏ 変更を保存しました。", "en": "✏ Your changes are saved."},
    "why_same_list": {"ja": "誤答は同じリストから", "en": "distractors from the same list"},
    "why_topic_distractors": {
        "ja": "誤答は同じトピックから",
        "en": "distractors from the topic",
    },
    "why_topic_from_text": {
        "ja": "トピックは見出しではなく本文から判断",
        "en": "topic from the text, not the headings",
    },
    "why_long_definition": {"ja": "説明が長い", "en": "long definition"},
    "why_long_term": {"ja": "用語が長い", "en": "long Japanese term"},
    "why_reads_as_definition": {"ja": "定義らしい文", "en": "reads as a definition"},
    "why_reads_as_remark": {
        "ja": "定義ではなく補足のような文",
        "en": "reads as a remark, not a definition",
    },
    "why_typed": {"ja": "記述式 (同種の誤答がない)", "en": "typed answer (no distractors)"},
    "why_choices_are_definitions": {"ja": "選択肢が説明文", "en": "choices are definitions"},
    "why_quick_lookup": {"ja": "早見表の行から", "en": "a quick-lookup line"},
    "why_several_numbers": {
        "ja": "文中に数値が複数ある",
        "en": "several numbers in the sentence",
    },
    "why_a_count": {"ja": "大きさや時間ではなく個数", "en": "a count, not a size or a time"},
    "why_typo": {"ja": "表記ゆれを修正: {correction}", "en": "typo corrected: {correction}"},
    "review_no_prompt": {"ja": "問題文が必要です", "en": "the question needs a prompt"},
    "review_no_explanation": {
        "ja": "解説が必要です",
        "en": "the question needs an explanation",
    },
    "review_choice_count": {
        "ja": "選択肢は空でないものを 2〜6 個にしてください",
        "en": "a choice question needs 2 to 6 non-empty choices",
    },
    "review_choices_alike": {
        "ja": "選択肢はすべて違うものにしてください (入力したときに同じになるものも不可)",
        "en": "the choices must all be different (also when typed)",
    },
    "review_answer_not_a_choice": {
        "ja": "正解は選択肢のどれかにしてください",
        "en": "the answer must be one of the choices",
    },
    "review_no_accepted": {
        "ja": "記述式の問題には正解を 1 つ以上入れてください",
        "en": "a typed question needs at least one accepted answer",
    },
    "review_bar_out_of_range": {
        "ja": "確信度は 0〜1 の数で指定してください (例: 0.8)",
        "en": "the confidence bar is a number from 0 to 1, e.g. 0.8",
    },
    "review_not_saved": {
        "ja": "⚠ 保存していません: {error}",
        "en": "⚠ Not saved: {error}",
    },
    "edit_modal_title": {"ja": "候補を編集", "en": "Edit the candidate"},
    "edit_prompt_label": {"ja": "問題文", "en": "Question"},
    "edit_choices_label": {"ja": "選択肢 (1 行に 1 つ)", "en": "Choices (one per line)"},
    "edit_answer_label": {
        "ja": "正解 (選択肢の文、または A〜F)",
        "en": "Answer (a choice's text, or its letter)",
    },
    "edit_accepted_label": {
        "ja": "正解として認める答え (1 行に 1 つ)",
        "en": "Accepted answers (one per line)",
    },
    "edit_explanation_label": {"ja": "解説", "en": "Explanation"},
    # -- reported questions --------------------------------------------------------------
    "reported_title": {
        "ja": "報告された問題 ({index}/{total})",
        "en": "Reported question ({index} of {total})",
    },
    "reported_reports": {"ja": "報告 {count} 件", "en": "{count} report(s)"},
    "reported_no_reason": {"ja": "(理由の記入なし)", "en": "(no reason given)"},
    "reported_held": {
        "ja": "出題停止中 (確認待ち)",
        "en": "Out of rotation until reviewed",
    },
    "reported_active": {"ja": "出題中", "en": "Still in rotation"},
    "reported_keep_button": {"ja": "残す", "en": "Keep"},
    "reported_remove_button": {"ja": "削除する", "en": "Remove"},
    "reported_kept": {
        "ja": "✅ 残しました。出題に戻ります。",
        "en": "✅ Kept: it is back in rotation.",
    },
    "reported_removed": {
        "ja": "🗑 削除しました。このサーバーでは出題されません。",
        "en": "🗑 Removed: it will not be asked in this server again.",
    },
    "reported_resolved": {
        "ja": "その報告はすでに対応済みです。",
        "en": "Those reports have already been dealt with.",
    },
    "reported_empty": {"ja": "報告された問題はありません。", "en": "No reported questions."},
    # -- importing notes -----------------------------------------------------------------
    "import_title": {"ja": "ノートの取り込み", "en": "Notes imported"},
    "import_file_row": {
        "ja": "📄 {name}: {lines} 行, 候補 {kept} 件",
        "en": "📄 {name}: {lines} lines, {kept} candidates kept",
    },
    "import_problem_row": {"ja": "⚠ {name}: {message}", "en": "⚠ {name}: {message}"},
    "import_stored": {
        "ja": "新しい候補 {added} 件を保存しました (うち自動承認 {auto} 件)。",
        "en": "Stored {added} new candidates ({auto} auto-accepted).",
    },
    "import_seen": {
        "ja": "{count} 件は前回までに取り込み済みです。",
        "en": "{count} were already imported before.",
    },
    "import_next": {
        "ja": "/studybot review で確認してください。",
        "en": "Use /studybot review to go through them.",
    },
    "note_too_large": {
        "ja": "大きすぎます ({detail} MB。ノートは {limit} MB まで読みます)",
        "en": "too large ({detail} MB; notes up to {limit} MB are read)",
    },
    "note_binary": {
        "ja": "バイナリファイルで、テキストのノートではありません",
        "en": "a binary file, not a text note",
    },
    "note_not_utf8": {
        "ja": "{detail} 行目: UTF-8 のテキストではありません (UTF-8 で保存し直してください)",
        "en": "line {detail}: not UTF-8 text (save the note as UTF-8 and import it again)",
    },
    "note_empty": {"ja": "空のファイルです", "en": "empty: nothing to import"},
    "note_no_structure": {
        "ja": "見出し・箇条書き・表がなく、問題を作れません",
        "en": "no structure to read (no headings, lists or tables): nothing to ask",
    },
    "note_same_name": {
        "ja": "同じ名前のノートがほかにあります (どちらかの名前を変えてください)",
        "en": "another note has the same file name: rename one of them",
    },
    "note_missing": {"ja": "ファイルがありません", "en": "no such file or folder"},
    "note_no_notes": {
        "ja": "このフォルダーにノート (*.md, *.txt) がありません",
        "en": "no notes (*.md, *.txt) in this folder",
    },
    "note_unreadable": {
        "ja": "読み込めませんでした ({detail})",
        "en": "cannot be read: {detail}",
    },
    # -- auto-accept ---------------------------------------------------------------------
    "auto_accept_on": {
        "ja": "確信度 {value:.2f} 以上の候補は、確認なしで問題に加わります。",
        "en": "Candidates at confidence {value:.2f} or above now join the questions unreviewed.",
    },
    "auto_accept_off": {
        "ja": "自動承認はオフです。すべての候補を確認します。",
        "en": "Auto-accept is off: every candidate is reviewed.",
    },
    "auto_accept_bad": {
        "ja": "「{value}」は使えません。0〜1 の数 (例: 0.8) か off を指定してください。",
        "en": "“{value}” is not a confidence: give a number from 0 to 1 (e.g. 0.8), or off.",
    },
    "settings_auto_accept": {"ja": "自動承認: {value}", "en": "Auto-accept: {value}"},
    "auto_accept_value_off": {"ja": "オフ", "en": "off"},
    "auto_accept_value_on": {"ja": "確信度 {value:.2f} 以上", "en": "confidence ≥ {value:.2f}"},
}


def say(language: Language, key: str, **values: Any) -> str:
    entry = _MESSAGES[key]
    template = entry.get(language) or entry["en"]
    return template.format(**values)


def period_title(language: Language, period: str) -> str:
    return say(language, f"lb_{period}")
