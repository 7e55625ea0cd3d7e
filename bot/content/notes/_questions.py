"""Turning facts into candidate questions, keeping out what a person would reject, and scoring.

A plain structural extractor gets about half its candidates right on real notes. What makes the
rest usable is here: filters that reject what a reviewer would (a section title taken for a
term, code split on its colons, the answer given away in the prompt, a distractor that is also
right, a sentence cut short), and a confidence score from how the fact was written and where its
distractors came from, so the bot can use the surest ones without a review.
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.core.matching import normalise
from bot.core.model import Question, QuestionKind, SourceRef
from bot.core.order import shuffled

from ._facts import Fact, FactKind, Pattern
from ._taxonomy import Taxonomy

CHOICES = 4
BLANK = "＿＿＿"
NO_TOPIC = "no topic in the taxonomy matches its headings or text"

_BASE = {
    Pattern.COLON: 0.80,
    Pattern.TABLE: 0.80,
    Pattern.ARROW: 0.80,
    Pattern.NESTED: 0.65,
    Pattern.PAREN: 0.65,
    Pattern.LABEL: 0.65,
    Pattern.HEADING_PROSE: 0.60,
    Pattern.NUMBER: 0.60,
}

# Headings and labels that organise a note rather than name a thing.
_SECTION_WORDS = {
    normalise(word)
    for word in (
        "まとめ",
        "注意点",
        "注意",
        "重要",
        "重要な点",
        "ポイント",
        "例",
        "使用例",
        "具体例",
        "特徴",
        "メリット",
        "デメリット",
        "ユースケース",
        "概要",
        "はじめに",
        "用途",
        "流れ",
        "補足",
        "参考",
        "参考サイト",
        "学習ログ",
        "学習期間",
        "その他",
        "そのほか",
        "まとめると",
        "制御範囲",
        "通信の制御として",
        "手順",
        "設定",
        "方法",
        "種類",
        "仕組み",
        "目的",
        "結論",
    )
}
_CODE = re.compile(r"[{}\[\]<>$;=\"]|://|\w+\.\w+\(|^\s*-{1,2}\w")
_TRUNCATED_END = re.compile(r"[、,，・(（:：/\-–]$|[をにがはとのでへやも]$|\.\.\.$|…$")
_VERBISH_END = re.compile(r"(する|される|できる|ない|ある|いる|なる|れる|った|ます|です)$")
_UNSURE = re.compile(r"[?？]$")
_YEAR = re.compile(r"(19|20)\d\d\s*年")
_DIGITS = re.compile(r"\d+")
_ASCII = re.compile(r"^[\x20-\x7e]+$")
_SIZE_OR_TIME = re.compile(r"[A-Za-z]|秒|分|時間|日|週|月|年|ポート")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed question, with where it came from and how sure the importer is of it."""

    question: Question
    line: int
    confidence: float
    style: str
    """def-term, term-def, cloze or scenario."""
    reasons: tuple[str, ...] = ()
    """What raised or lowered the confidence, and typo corrections made."""


@dataclass(frozen=True, slots=True)
class Rejection:
    note: str
    line: int
    reason: str
    text: str


@dataclass(slots=True)
class Proposal:
    candidates: list[Candidate] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Keys:
    """A fact's normalised forms and checks, computed once per run."""

    term: str
    text: str
    script: str
    shape: str
    """What kind of name the term is: a service, an identifier, words; or its script."""
    sentence: bool
    """The text reads as a description rather than as another term."""
    usable: bool


def _is_title(term: str) -> bool:
    key = normalise(term)
    return (
        key in _SECTION_WORDS
        or bool(re.search(r"\d+\s*[%％]", term) and "分野" in term)
        or term.startswith(("例", "※"))
        or term.endswith(("について", "の違い", "まとめ", "種類", "一覧"))
    )


def _term_problem(term: str) -> str | None:
    if _is_title(term):
        return "a section title, not a term"
    if len(term) > 24 or _hiragana_share(term) > 0.25:
        return "the term is a phrase, not a name"
    if re.fullmatch(r"[a-z][a-z0-9_.-]*", term):
        return "code, not prose (a lowercase identifier)"
    if term.endswith(("。", "、")) or "、" in term or _VERBISH_END.search(term):
        return "the term is a sentence"
    if _CODE.search(term) or term.startswith("#"):
        return "code, not prose"
    if len(normalise(term)) < 2:
        return "the term is too short to ask about"
    return None


def _hiragana_share(text: str) -> float:
    return sum("\u3041" <= ch <= "\u309f" for ch in text) / max(1, len(text))


class Why(enum.StrEnum):
    """What raised or lowered a candidate's confidence, as its reasons list it."""

    SAME_LIST = "distractors from the same list"
    TOPIC_DISTRACTORS = "distractors from the topic"
    TOPIC_FROM_TEXT = "topic from the text, not the headings"
    LONG_DEFINITION = "long definition"
    LONG_TERM = "long Japanese term"
    READS_AS_DEFINITION = "reads as a definition"
    READS_AS_REMARK = "reads as a remark, not a definition"
    TYPED = "typed answer (no distractors)"
    CHOICES_ARE_DEFINITIONS = "choices are definitions"
    QUICK_LOOKUP = "a quick-lookup line"
    SEVERAL_NUMBERS = "several numbers in the sentence"
    A_COUNT = "a count, not a size or a time"


TYPO_CORRECTED = "typo corrected: "
"""Starts the reason that names a correction: "typo corrected: Memchached → Memcached"."""


def _definition_bonus(text: str) -> tuple[float, str]:
    """Definitions name a kind of thing; narratives and conditions rarely define anything."""
    body = text.rstrip("。. ")
    if re.search(
        r"(サービス|機能|こと|もの|単位|場所|ストレージ|データベース|仕組み|方式|方法|"
        r"ツール|レコード|キー|ポリシー|エンドポイント|インスタンス|ゲートウェイ|設定)$",
        body,
    ):
        return 0.05, Why.READS_AS_DEFINITION
    if re.search(r"(ます|です|でした|った|ません|がある|いる)$", body) or "場合" in body:
        return -0.10, Why.READS_AS_REMARK
    return 0.0, ""


def _text_problem(text: str) -> str | None:
    if _CODE.search(text):
        return "code, not prose"
    if _UNSURE.search(text):
        return "the note itself is unsure (ends in '?')"
    if re.search(r"以下|次の|下記", text):
        return "points at a list that follows, not a definition"
    if _TRUNCATED_END.search(text.rstrip("。 ")):
        return "a truncated sentence"
    if text.count("(") + text.count("（") != text.count(")") + text.count("）"):
        return "a truncated sentence (unbalanced brackets)"
    if len(normalise(text)) < 6:
        return "the definition is too short to ask about"
    if len(text) > 160:
        return "the definition is too long for a question"
    return None


def _leaks(answer: str, text: str) -> bool:
    key = normalise(answer)
    return bool(key) and key in normalise(text)


def _split_code(fact: Fact) -> bool:
    """'codecommit: GitPush', 'InvocationType:Event': an identifier split on its colon."""
    return bool(_ASCII.match(fact.term) and _ASCII.match(fact.text) and " " not in fact.text)


def _fact_problem(fact: Fact) -> str | None:
    """Why a term and its text can be neither asked nor offered as a wrong answer, if so."""
    problem = _term_problem(fact.term) or _text_problem(fact.text)
    if problem is None and _split_code(fact):
        problem = "code split on a colon"
    return problem


def _script(term: str) -> str:
    if _ASCII.match(term):
        return "latin"
    if re.fullmatch(r"[\u30a0-\u30ffー・\s]+", term):
        return "katakana"
    return "mixed"


def _shape(term: str) -> str:
    """Latin names of one kind: services, API-style identifiers, or plain words."""
    script = _script(term)
    if script != "latin":
        return script
    if term.startswith(("Amazon ", "AWS ")):
        return "service"
    if " " not in term.strip() and re.search(r"[a-z][A-Z]|_|^[A-Z][a-z]+[A-Z]", term):
        return "identifier"
    return "latin"


def _reads_as_sentence(text: str) -> bool:
    """A description has kana or some length; 'DBスナップショット' is a term, not one."""
    return _hiragana_share(text) > 0 or len(text) > 20


def _stable_id(*parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"imp-{digest[:12]}"


class Generator:
    """Builds candidates for the facts of one or more notes, with the taxonomy's topics."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        facts_by_note: dict[str, list[Fact]],
        exams: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.facts_by_note = facts_by_note
        self.exams = exams or {}
        """Each note's exams, which its questions are tagged with."""
        self.proposal = Proposal()
        self._topic_cache: dict[int, tuple[str | None, bool]] = {}
        self._note = ""
        self._keys: dict[int, _Keys] = {}
        self.by_topic: dict[str, list[Fact]] = {}
        for facts in facts_by_note.values():
            for fact in facts:
                if fact.kind is not FactKind.NUMBER:
                    topic, _ = self.topic(fact)
                    if topic is not None:
                        self.by_topic.setdefault(topic, []).append(fact)

    # -- topics and typos ---------------------------------------------------------------------

    def topic(self, fact: Fact) -> tuple[str | None, bool]:
        """(topic, decided by headings): the heading chain decides, most specific first."""
        key = id(fact)
        if key not in self._topic_cache:
            block = fact.block
            chain = [block.label, *reversed(block.headings)]
            if fact.kind is FactKind.DEFINITION and fact.pattern in (
                Pattern.NESTED,
                Pattern.COLON,
                Pattern.PAREN,
                Pattern.TABLE,
            ):
                # The thing a list item or table row names is the most specific heading it has.
                chain[:0] = [fact.term, block.parent]
            by_heading = self.taxonomy.decide(chain)
            if by_heading is not None:
                self._topic_cache[key] = (by_heading, True)
            else:
                self._topic_cache[key] = (self.taxonomy.decide([fact.term, fact.text]), False)
        return self._topic_cache[key]

    def fix(self, text: str, reasons: list[str]) -> str:
        fixed, made = self.taxonomy.correct(text)
        for correction in made:
            if (reason := f"{TYPO_CORRECTED}{correction}") not in reasons:
                reasons.append(reason)
        return fixed

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> Proposal:
        for note, facts in self.facts_by_note.items():
            self._note = note
            ambiguous = self.ambiguous_terms(facts)
            for fact in facts:
                self.propose(note, fact, facts, ambiguous)
        return self.proposal

    @staticmethod
    def ambiguous_terms(facts: Sequence[Fact]) -> set[tuple[tuple[str, ...], str]]:
        """Terms defined twice, differently, in one group: which one is right is unclear."""
        seen: dict[tuple[tuple[str, ...], str], str] = {}
        clashes: set[tuple[tuple[str, ...], str]] = set()
        for fact in facts:
            if fact.kind is not FactKind.DEFINITION:
                continue
            key = (fact.group, normalise(fact.term))
            if key in seen and fuzz.ratio(seen[key], normalise(fact.text)) < 90:
                clashes.add(key)
            seen.setdefault(key, normalise(fact.text))
        return clashes

    def reject(self, fact: Fact, reason: str) -> None:
        self.proposal.rejections.append(
            Rejection(self._note, fact.line, reason, fact.block.text[:120])
        )

    def propose(
        self,
        note: str,
        fact: Fact,
        facts: Sequence[Fact],
        ambiguous: set[tuple[tuple[str, ...], str]],
    ) -> None:
        if fact.kind is FactKind.NUMBER:
            self.cloze(note, fact)
            return
        problem = _fact_problem(fact)
        if problem is None and (fact.group, normalise(fact.term)) in ambiguous:
            problem = "the note defines this term twice, differently"
        if problem is None and (_leaks(fact.term, fact.text) or _leaks(fact.alias, fact.text)):
            problem = "the answer appears in its own definition"
        if problem is None and fact.kind is FactKind.SCENARIO and re.search(r"[,、，]", fact.term):
            problem = "several answers to one situation"
        if problem:
            self.reject(fact, problem)
            return
        topic, by_heading = self.topic(fact)
        if topic is None:
            self.reject(fact, NO_TOPIC)
            return
        if fact.term.startswith(("Amazon ", "AWS ")) and self.taxonomy.topic_in(fact.term) is None:
            self.reject(fact, "a service the taxonomy has no topic for")
            return
        if fact.kind is FactKind.SCENARIO:
            self.scenario(note, fact, facts, topic)
        else:
            self.definition(note, fact, facts, topic, by_heading)

    # -- distractors --------------------------------------------------------------------------

    def distractors(
        self,
        fact: Fact,
        facts: Sequence[Fact],
        topic: str,
        *,
        answer_of: str = "term",
    ) -> tuple[list[tuple[str, str]], bool]:
        """Up to three (wrong answer, what it means) and whether all came from the fact's group.

        Siblings in the same list or table come first: they are the same kind of thing. Then
        terms of the same kind on the same topic. Nothing that is also right, nothing that
        contains the answer or is contained in it, and nothing the prompt already mentions.
        """
        mine = self.keys(fact)
        answer = mine.term if answer_of == "term" else mine.text
        prompt = mine.text if answer_of == "term" else mine.term
        chosen: list[tuple[str, str]] = []
        taken = {answer}

        def take(other: Fact) -> None:
            keys = self.keys(other)
            value = keys.term if answer_of == "term" else keys.text
            if (
                len(chosen) >= CHOICES - 1
                or not keys.usable
                or other.kind is not fact.kind
                or not value
                or value in taken
                or value in answer
                or answer in value
                or (answer_of == "term" and (keys.term in prompt or keys.shape != mine.shape))
                or (answer_of == "text" and not keys.sentence)
                or (
                    answer_of == "term"
                    and keys.script != "latin"
                    and keys.term[-2:] != mine.term[-2:]
                )
                # A wrong answer whose own meaning is close to this one's is also right.
                or fuzz.token_set_ratio(keys.text, mine.text) >= 80
            ):
                return
            taken.add(value)
            chosen.append((other.term, other.text))

        for other in facts:
            if other.group == fact.group and other is not fact:
                take(other)
        from_group = len(chosen) == CHOICES - 1
        for other in self.by_topic.get(topic, ()):
            if other.group != fact.group:
                take(other)
        return chosen, from_group

    def keys(self, fact: Fact) -> _Keys:
        found = self._keys.get(id(fact))
        if found is None:
            found = _Keys(
                term=normalise(fact.term),
                text=normalise(fact.text),
                script=_script(fact.term),
                shape=_shape(fact.term),
                sentence=_reads_as_sentence(fact.text),
                usable=_fact_problem(fact) is None,
            )
            self._keys[id(fact)] = found
        return found

    # -- question shapes ----------------------------------------------------------------------

    def definition(
        self, note: str, fact: Fact, facts: Sequence[Fact], topic: str, by_heading: bool
    ) -> None:
        reasons: list[str] = []
        term = self.fix(fact.term, reasons)
        text = self.fix(fact.text, reasons)
        base = _BASE[fact.pattern] + (0.0 if by_heading else -0.05)
        if not by_heading:
            reasons.append(Why.TOPIC_FROM_TEXT)
        if 12 <= len(text) <= 70:
            base += 0.05
        elif len(text) > 100:
            base -= 0.10
            reasons.append(Why.LONG_DEFINITION)
        bonus, why = _definition_bonus(text)
        base += bonus
        if why:
            reasons.append(why)
        if _script(term) != "mixed":
            base += 0.05
        elif len(term) > 14:
            base -= 0.10
            reasons.append(Why.LONG_TERM)

        wrong, from_group = self.distractors(fact, facts, topic)
        terms = [self.fix(w[0], reasons) for w in wrong]
        # A corrected typo can turn a distractor into the answer's twin (Memchached, Memcached).
        if len({normalise(t) for t in (term, *terms)}) == CHOICES:
            explanation = self.explain(
                term,
                text,
                [(t, self.fix(w[1], reasons)) for t, w in zip(terms, wrong, strict=True)],
            )
            score = base + (0.10 if from_group else -0.15)
            reasons.append(Why.SAME_LIST if from_group else Why.TOPIC_DISTRACTORS)
            self.emit(
                note,
                fact,
                topic,
                score,
                "def-term",
                reasons,
                prompt=f"次の説明に当てはまるものはどれ？\n「{text}」",
                choices=[term, *terms],
                answer=term,
                explanation=explanation,
            )
        elif _script(term) != "mixed" and len(normalise(term)) <= 20:
            accepted = [term, *([fact.alias] if fact.alias else [])]
            self.emit(
                note,
                fact,
                topic,
                base - 0.05,
                "def-term",
                [*reasons, Why.TYPED],
                prompt=f"次の説明に当てはまる用語は？\n「{text}」",
                accepted=accepted,
                explanation=self.explain(term, text, []),
            )
        else:
            self.reject(fact, "no distractors of the same kind")

        wrong_texts, from_group = self.distractors(fact, facts, topic, answer_of="text")
        readable = self.keys(fact).sentence and len(text) <= 70
        if len(wrong_texts) == CHOICES - 1 and from_group and readable:
            texts = [self.fix(w[1], reasons) for w in wrong_texts]
            if all(len(t) <= 90 for t in texts):
                self.emit(
                    note,
                    fact,
                    topic,
                    base - 0.05,
                    "term-def",
                    [*reasons, Why.CHOICES_ARE_DEFINITIONS],
                    prompt=f"「{term}」の説明として正しいものはどれ？",
                    choices=[text, *texts],
                    answer=text,
                    explanation=self.explain(
                        term,
                        text,
                        [
                            (self.fix(w[0], reasons), t)
                            for w, t in zip(wrong_texts, texts, strict=True)
                        ],
                    ),
                )

    def scenario(self, note: str, fact: Fact, facts: Sequence[Fact], topic: str) -> None:
        reasons: list[str] = []
        answer = self.fix(fact.term, reasons)
        text = self.fix(fact.text, reasons)
        wrong, from_group = self.distractors(fact, facts, topic)
        names = shuffled(
            (n for n in self.service_names() if normalise(n) != normalise(answer)), text
        )
        # A sibling's answer may also be a service name: never offer it twice.
        taken = {normalise(w[0]) for w in wrong}
        fill = [n for n in names if not _leaks(n, text) and normalise(n) not in taken]
        while len(wrong) < CHOICES - 1 and fill:
            wrong.append((fill.pop(0), ""))
            from_group = False
        if len(wrong) < CHOICES - 1:
            self.reject(fact, "no distractors of the same kind")
            return
        score = _BASE[Pattern.ARROW] + (0.10 if from_group else 0.0)
        self.emit(
            note,
            fact,
            topic,
            score,
            "scenario",
            [*reasons, Why.QUICK_LOOKUP],
            prompt=f"次の要件に最も適したものはどれ？\n「{text}」",
            choices=[answer, *(self.fix(w[0], reasons) for w in wrong)],
            answer=answer,
            explanation=f"「{text}」には {answer} が合う、とノートの早見表にある。",
        )

    def service_names(self) -> list[str]:
        """Single-service topic names, for situations whose siblings are too few."""
        names = []
        for topic in self.taxonomy.topics.values():
            if not topic.name_en.startswith(("Amazon ", "AWS ")):
                continue  # a subject such as "Resilient architecture" is not a service
            english = topic.name_en.removeprefix("Amazon ").removeprefix("AWS ")
            if " and " not in english and "(" not in english:
                names.append(english)
        return sorted(names)

    def cloze(self, note: str, fact: Fact) -> None:
        reasons: list[str] = []
        text = fact.text
        context = fact.context
        problem = (
            _text_problem(text)
            or (None if context else "no subject to give the number a meaning")
            or ("a date, not a fact" if _YEAR.search(fact.term) else None)
            or (_term_problem(context) if context else None)
        )
        if problem is None and re.match(r"\s*(たとえば|例えば|例[)）:：]|e\.g\.)", text):
            problem = "a number from a worked example, not a fact"
        if problem is None and len(normalise(text.replace(fact.term, ""))) < 8:
            problem = "too little context around the number"
        value = _DIGITS.search(unicodedata.normalize("NFKC", fact.term))
        if (
            problem is None
            and value
            and int(value.group(0)) <= 1
            and not _SIZE_OR_TIME.search(fact.term)
        ):
            problem = "counting to one is grammar, not a fact"
        if problem:
            self.reject(fact, problem)
            return
        topic, by_heading = self.topic(fact)
        if topic is None:
            self.reject(fact, NO_TOPIC)
            return
        text = self.fix(text, reasons)
        context = self.fix(context, reasons)
        blanked = text.replace(fact.term, BLANK, 1)
        if context and normalise(context) not in normalise(blanked):
            blanked = f"【{context}】{blanked}"
        score = _BASE[Pattern.NUMBER]
        numbers = len(_DIGITS.findall(text))
        if numbers > 2:
            score -= 0.15
            reasons.append(Why.SEVERAL_NUMBERS)
        if _SIZE_OR_TIME.search(fact.term):
            score += 0.10
        else:
            score -= 0.05
            reasons.append(Why.A_COUNT)
        if not by_heading:
            score -= 0.05
            reasons.append(Why.TOPIC_FROM_TEXT)
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", fact.term))
        number = _DIGITS.search(compact)
        accepted = [compact] + ([fact.term] if fact.term != compact else [])
        if fact.term.startswith("ポート") and number:
            accepted.append(number.group(0))
        self.emit(
            note,
            fact,
            topic,
            score,
            "cloze",
            reasons,
            prompt=f"空欄に入る数値（単位つき）は？\n{blanked}",
            accepted=accepted,
            explanation=f"{text}（{context}）" if context not in text else text,
        )

    @staticmethod
    def explain(term: str, text: str, others: Iterable[tuple[str, str]]) -> str:
        lines = [f"{term}: {text}"]
        wrong = [f"・{name}: {meaning}" for name, meaning in others if meaning]
        if wrong:
            lines.append("ほかの選択肢は別のものを指す。")
            lines.extend(wrong)
        return "\n".join(lines)

    def emit(
        self,
        note: str,
        fact: Fact,
        topic: str,
        score: float,
        style: str,
        reasons: list[str],
        *,
        prompt: str,
        explanation: str,
        choices: list[str] | None = None,
        answer: str = "",
        accepted: list[str] | None = None,
    ) -> None:
        kind = QuestionKind.CHOICE if choices else QuestionKind.TEXT
        # Shuffled the same way every time, as rounds shuffle them, so a review card does not
        # always show the answer first either.
        ordered = tuple(shuffled(choices or (), prompt))
        question = Question(
            id=_stable_id(note, style, fact.term, fact.text),
            topic=topic,
            kind=kind,
            prompt=prompt,
            explanation=explanation,
            source=SourceRef(note=note, heading=fact.block.heading_path),
            choices=ordered,
            answer=answer,
            accepted=tuple(dict.fromkeys(accepted or ())),
            exams=self.exams.get(note, ()),
            difficulty=2,
        )
        confidence = round(min(1.0, max(0.0, score)), 2)
        self.proposal.candidates.append(
            Candidate(question, fact.line, confidence, style, tuple(dict.fromkeys(reasons)))
        )
