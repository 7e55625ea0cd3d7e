"""What to ask next."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date

from bot.core.matching import normalise
from bot.core.model import Question


def _tiebreak(seed: str, question_id: str) -> str:
    return hashlib.sha256(f"{seed}:{question_id}".encode()).hexdigest()


def choose_daily(
    questions: Sequence[Question],
    *,
    last_asked: Mapping[str, date],
    recent_topics: Sequence[str] = (),
    seed: str,
) -> Question | None:
    """The next daily question: never-asked first, then the longest unasked.

    Topics of the last few daily rounds are avoided while any other topic is available, so the
    team does not get three VPC questions in a row. Ties are broken by a hash of the seed (the
    team and date), which spreads picks without making a test depend on luck.
    """
    if not questions:
        return None
    avoid = set(recent_topics)
    pool = [q for q in questions if q.topic not in avoid] or list(questions)
    return min(
        pool,
        key=lambda q: (q.id in last_asked, last_asked.get(q.id, date.min), _tiebreak(seed, q.id)),
    )


def choose_practice(
    questions: Sequence[Question],
    *,
    topic: str | None,
    recently_seen: Sequence[str] = (),
    seed: str,
) -> Question | None:
    """A practice question on a topic (or any), avoiding what the member saw most recently.

    `recently_seen` lists question ids oldest first and may repeat one. When every question in
    the pool was seen, the one whose latest sighting is oldest comes back first.
    """
    pool = [q for q in questions if topic is None or q.topic == topic]
    if not pool:
        return None
    # Later assignments win, so each id maps to the position of its most recent sighting.
    last_seen = {question_id: i for i, question_id in enumerate(recently_seen)}
    unseen = [q for q in pool if q.id not in last_seen]
    if unseen:
        return min(unseen, key=lambda q: _tiebreak(seed, q.id))
    return min(pool, key=lambda q: last_seen[q.id])


def find_topic(query: str, topics: Sequence[tuple[str, str, Sequence[str]]]) -> str | None:
    """Resolve what a member typed (id, name or alias, any case or width) to a topic id."""
    key = normalise(query)
    if not key:
        # Punctuation alone names nothing; it must not match a topic's empty English name.
        return None
    for topic_id, name, aliases in topics:
        if key in {normalise(topic_id), normalise(name), *(normalise(a) for a in aliases)}:
            return topic_id
    return None
