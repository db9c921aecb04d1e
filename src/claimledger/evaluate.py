"""Score a ledger's claims against a gold file in the format of seeds-gold.json.

The gold lists, per claim: doc, text, value, low, high, acceptable head
lemmas (`heads`), acceptable source names (`sources`, any one matching as a
case-insensitive substring either way; "unattributed" accepts no source),
modality and time.  `not_claims` lists figures that must not be reported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence


@dataclass
class SeedScore:
    gold: int = 0
    found: int = 0            # gold claims found with the right value and bounds
    reported: int = 0         # claims we report in the gold's documents
    reported_in_gold: int = 0 # of those, ones that match a gold claim
    head_right: int = 0
    source_right: int = 0
    modality_right: int = 0
    time_right: int = 0
    not_claims_reported: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def share(n: int, d: int) -> float:
            return round(n / d, 3) if d else 0.0
        return {
            "recall": share(self.found, self.gold),
            "precision": share(self.reported_in_gold, self.reported),
            "head": share(self.head_right, self.found),
            "source": share(self.source_right, self.found),
            "modality": share(self.modality_right, self.found),
            "time": share(self.time_right, self.found),
            "not_claims_reported": len(self.not_claims_reported),
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score_claims(claims: Sequence[dict[str, Any]], gold: dict[str, Any]) -> SeedScore:
    """Compare claim rows (INTERFACE.md fields) with the gold reading."""
    score = SeedScore(gold=len(gold["claims"]))
    docs = {g["doc"] for g in gold["claims"]} | set(gold.get("documents", {}))
    ours = [c for c in claims if c["doc"] in docs]
    score.reported = len(ours)
    used: set[str] = set()
    for g in gold["claims"]:
        match = next((c for c in ours if c["id"] not in used and matches(c, g)), None)
        if match is None:
            score.missed.append(f"{g['doc']}: {g['text']!r}")
            continue
        used.add(match["id"])
        score.found += 1
        checks = {
            "head": head_matches(match, g.get("heads", [])),
            "source": source_matches(match, g.get("sources", [])),
            "modality": match.get("modality") == g.get("modality", "asserted"),
            "time": time_matches(match, g.get("time")),
        }
        for name, right in checks.items():
            if right:
                setattr(score, f"{name}_right", getattr(score, f"{name}_right") + 1)
            else:
                score.wrong.append(f"{name}: {g['doc']}: {g['text']!r} -> {_shown(match, name)}")
    score.reported_in_gold = len(used)
    for n in gold.get("not_claims", []):
        if any(c["doc"] == n["doc"] and c["text"].strip() == n["text"] for c in ours):
            score.not_claims_reported.append(f"{n['doc']}: {n['text']!r}")
    return score


def matches(claim: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same document, overlapping text, and the gold's value and bounds."""
    if claim["doc"] != gold["doc"]:
        return False
    a, b = claim["text"].lower(), gold["text"].lower()
    if a not in b and b not in a:
        return False
    return all(_same(claim.get(k), gold.get(k)) for k in ("value", "low", "high"))


# Gold files written by hand list the plural "people" where the ledger stores a head's singular
# lemma (INTERFACE.md: "person"); the scorers read the two as one word.
_GOLD_HEAD_LEMMAS = {"people": "person"}


def head_matches(claim: dict[str, Any], heads: Sequence[str] | None) -> bool:
    """Whether the claim's head is one of the gold's heads, read as lemmas ("people" = "person")."""
    accepted = {_GOLD_HEAD_LEMMAS.get(h, h) for h in heads or ()}
    head = claim.get("head")
    return head is not None and _GOLD_HEAD_LEMMAS.get(head, head) in accepted


def source_matches(claim: dict[str, Any], names: Sequence[str]) -> bool:
    said = [s.lower() for s in (claim.get("source"), claim.get("source_text")) if s]
    if not said:
        return "unattributed" in names
    return any(n.lower() in s or s in n.lower() for n in names if n != "unattributed" for s in said)


def time_matches(claim: dict[str, Any], gold_time: str | None) -> bool:
    if gold_time is None:
        return claim.get("time_start") is None and claim.get("time_end") is None
    return gold_time in {claim.get("time_end"), claim.get("time_start")}


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def _shown(claim: dict[str, Any], name: str) -> str:
    if name == "source":
        return f"{claim.get('source')!r} ({claim.get('source_text')!r})"
    if name == "time":
        return f"{claim.get('time_start')}..{claim.get('time_end')}"
    return repr(claim.get(name))
