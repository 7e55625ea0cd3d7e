"""The notes importer on real notes: speed, what it keeps per file, and judged samples.

    uv run python bench/importer.py [NOTES_DIR] [--runs 20] [--show] [--write-samples]

Prints, per note file, its lines, the facts the structural reading found, the questions kept
after the filters and how many of those clear the auto-accept bar (0.8). Then it times whole
runs over all files, and reports the judgements in bench/importer_judged.yaml: two seeded
random samples of 40 (any kept candidate; candidates at or above the bar), each judged by a
person as good, acceptable or bad.

The file keeps each sampled candidate's stable id, where it comes from, the verdict and why,
but none of the notes' text (the notes are the team's, not the repository's). To judge again:
`--show` prints every sampled question in full, and `--write-samples` rewrites the file for the
current samples, keeping the verdicts given before, with new entries marked unjudged.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import load_bank  # noqa: E402
from bot.content.notes import Candidate, propose, read_notes  # noqa: E402

BAR = 0.8
SAMPLE = 40
SEED = 20261130
JUDGED = ROOT / "bench" / "importer_judged.yaml"
VERDICTS = ("good", "acceptable", "bad")


def stable_sample(candidates: list[Candidate], salt: str) -> list[Candidate]:
    """A seeded random sample that stays put as the importer changes: each candidate's place
    comes from a hash of its stable id, so dropping one candidate changes one entry only."""

    def place(candidate: Candidate) -> str:
        key = f"{SEED}:{salt}:{candidate.question.id}".encode()
        return hashlib.sha256(key).hexdigest()

    return sorted(candidates, key=place)[:SAMPLE]


def entry(candidate: Candidate, verdict: str, note: str) -> dict[str, object]:
    q = candidate.question
    return {
        "id": q.id,
        "confidence": candidate.confidence,
        "where": f"{q.source.note}:{candidate.line}",
        "style": candidate.style,
        "verdict": verdict,
        "why": note,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    seed_notes = ROOT.parent / "shared" / "seed-notes"
    parser.add_argument("notes", nargs="?", type=Path, default=seed_notes)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--show", action="store_true", help="print the sampled questions")
    parser.add_argument("--write-samples", action="store_true")
    args = parser.parse_args()
    if not args.notes.is_dir():
        print(f"no notes at {args.notes}", file=sys.stderr)
        return 2

    topics = load_bank(ROOT / "content").topics
    notes, problems = read_notes([args.notes])
    report = propose(notes, topics, problems)

    # facts: what the structural reading found; rejections: question shapes the filters
    # refused (a fact can be refused as one shape and kept as another); questions: kept.
    print(
        f"{'note':<28} {'lines':>6} {'facts':>6} {'rejections':>11} {'questions':>10} {'>=0.8':>6}"
    )
    for f in report.files:
        sure = sum(c.confidence >= BAR for c in f.candidates)
        print(
            f"{f.name:<28} {f.lines:>6} {f.facts:>6} {len(f.rejections):>11} "
            f"{len(f.candidates):>10} {sure:>6}"
        )
    reasons: Counter[str] = Counter()
    for f in report.files:
        reasons.update(f.rejected_by_reason())
    print("\nrejected, by reason:")
    for reason, count in reasons.most_common():
        print(f"  {count:>4}  {reason}")

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        found, found_problems = read_notes([args.notes])
        propose(found, topics, found_problems)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings) * 1000
    print(
        f"\nread + propose, all {len(notes)} files: median {median:.0f} ms,"
        f" max {max(timings) * 1000:.0f} ms over {args.runs} runs"
    )

    kept = report.candidates
    sure = [c for c in kept if c.confidence >= BAR]
    samples = {
        "any kept candidate": stable_sample(kept, "any"),
        f"confidence >= {BAR} (used without review)": stable_sample(sure, "sure"),
    }
    judged: dict[str, dict[str, object]] = {}
    if JUDGED.exists():
        for entries in (yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or {}).values():
            for item in entries:
                judged[str(item["id"])] = item
    if args.write_samples:
        out = {
            name: [
                entry(
                    c,
                    str(judged.get(c.question.id, {}).get("verdict", "unjudged")),
                    str(judged.get(c.question.id, {}).get("why", "")),
                )
                for c in sample
            ]
            for name, sample in samples.items()
        }
        JUDGED.write_text(
            yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
        print(f"\nwrote {JUDGED.relative_to(ROOT)}")
    if args.show:
        for name, sample in samples.items():
            print(f"\n== {name}")
            for number, candidate in enumerate(sample, start=1):
                q = candidate.question
                verdict = judged.get(q.id, {}).get("verdict", "unjudged")
                print(f"\n{number}. {q.id} [{candidate.confidence:.2f}] {verdict}")
                print(f"   {q.source.note}:{candidate.line} › {q.source.heading}")
                print("   " + q.prompt.replace("\n", "\n   "))
                for choice in q.choices:
                    print(f"   {'✓' if choice == q.answer else '-'} {choice}")
                if q.accepted:
                    print("   accepted: " + " / ".join(q.accepted))
    for name, sample in samples.items():
        verdicts = Counter(
            str(judged.get(c.question.id, {}).get("verdict", "unjudged")) for c in sample
        )
        parts = ", ".join(f"{verdicts[v]} {v}" for v in (*VERDICTS, "unjudged") if verdicts[v])
        good = verdicts["good"] / len(sample) if sample else 0.0
        print(f"\n{name}: {len(sample)} sampled: {parts}; good {good:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
