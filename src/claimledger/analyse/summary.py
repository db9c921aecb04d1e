"""What a reader needs first: the findings by what to do about them, the series by how much they matter.

One rule for each, called by the report, the web UI and the terminal alike:

- `by_importance` orders series by how much there is behind them: documents, sources,
  findings touching them and figures, each counting one (`importance`).
- `group_findings` sorts findings into what does not add up, what disagrees, what looks
  garbled, which reports are copies, what was revised, what adds up (`FINDING_GROUPS`),
  each group worst first (`finding_rank`).
- `display_label` labels a series honestly: where the counted thing is no noun
  ("dozens", "thursdays"), the label says "figures without a counted noun".
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from ..data.labels_en import MIN_HEAD_LETTERS, NOT_COUNTED_HEADS, UNKNOWN_HEAD_LABEL
from ..ledger import linked, store
from ..records import Claim, Finding, Series
from .series import plural
from .documents import not_independent

# Severity as the checks write it, worst first; an unknown severity ranks with "medium".
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


# ---------------------------------------------------------------- series by importance

@dataclass(frozen=True)
class SeriesWeight:
    """How much a series matters: its figures, and the sources, documents and findings behind them."""

    series_id: str
    label: str
    figures: int
    sources: int
    documents: int
    findings: int

    @property
    def other_groups(self) -> list[tuple[FindingGroup, tuple[Finding, ...]]]:
        """The groups that need no action (what adds up, other findings)."""
        return [(group, members) for group, members in self.groups if group.key not in ACTION_GROUPS]

    @property
    def charted(self) -> bool:
        """Whether the series earns a chart: a single figure is listed, not drawn."""
        return self.figures > 1


def importance(weight: SeriesWeight) -> tuple:
    """The sort key of `by_importance`: the more there is to read and check, the earlier.

    Each document, source, finding and figure behind a series counts one (a reader checks each
    of them); ties go to more documents, then more sources, then the label.  A plain sum: a
    series in many documents with no finding and one in few documents that several findings
    question both deserve an early place, and no weighting we tried read better on the stories.
    """
    score = weight.documents + weight.sources + weight.findings + weight.figures
    return (-score, -weight.documents, -weight.sources, weight.label, weight.series_id)


def by_importance(weights: Iterable[SeriesWeight]) -> list[SeriesWeight]:
    """Series weights, the series that matter most first (the one ordering rule: `importance`)."""
    return sorted(weights, key=importance)


def weigh_series(series: Sequence[Series], claims_by_id: dict[str, Claim],
                 findings: Sequence[Finding]) -> list[SeriesWeight]:
    """Each series' weight, counted from records (the ledger counts the same in SQL: linked.series_weights).
    A document counts only for figures it does not repeat from another report (`documents.not_independent`),
    unless every document of the series repeats: a copy is no second document behind a figure."""
    repeated = not_independent(findings, claims_by_id.values())
    findings_of: dict[str, set[str]] = {}
    for finding in findings:
        for claim_id in finding.claims:
            findings_of.setdefault(claim_id, set()).add(finding.id)
    weights = []
    for one in series:
        members = [claims_by_id[c] for c in dict.fromkeys(one.claims) if c in claims_by_id]
        touching = set().union(*(findings_of.get(c.id, set()) for c in members))
        weights.append(SeriesWeight(one.id, one.label, len(members), len({c.source for c in members if c.source}),
                                    len({c.doc for c in members if c.id not in repeated} or {c.doc for c in members}),
                                    len(touching)))
    return weights


# ---------------------------------------------------------------- honest labels

def counted_noun(head: str | None, claims: Sequence[Claim]) -> str | None:
    """The word a label may show for what is counted, or None when the head names no counted thing.

    None for no head, a short fragment, a number or scale word, a weekday or a word for a figure
    itself.  A head the measures only ever write with a capital is a name: shown as written, not
    pluralised ("Burundians", "Tojo").  Otherwise its plural, or the head itself where only the
    head is written (never a plural no claim wrote).
    """
    word = (head or "").strip().lower()
    if len(re.sub(r"[^a-z]", "", word)) < MIN_HEAD_LETTERS or not re.fullmatch(r"[a-z][a-z' -]*", word) \
            or word in NOT_COUNTED_HEADS or word.split()[-1] in NOT_COUNTED_HEADS:
        return None
    written = Counter(token for c in claims for token in re.findall(r"[\w'-]+", f"{c.measure or ''} {c.sentence or ''}"))
    as_name = [token for token in written if token.lower() == word and token[:1].isupper()]
    if as_name and not written[word] and not written[plural(word)]:
        return max(as_name, key=lambda token: written[token])
    words = {token.lower() for token in written}
    if " " not in word and plural(word) not in words and word in words:
        return word
    return plural(word)


def display_label(series: Series, claims: Sequence[Claim]) -> str:
    """The series' label as the report, the UI and the terminal show it (see `counted_noun`)."""
    noun = counted_noun(series.head, claims)
    written = plural(series.head) if series.head else None
    if noun is None:
        units = Counter(c.unit for c in claims if c.unit)
        label = UNKNOWN_HEAD_LABEL + (f" ({units.most_common(1)[0][0]})" if units else "")
        return f"{label} in {series.location}" if series.location else label
    if written and written in series.label and noun != written:
        return series.label.replace(written, noun, 1)
    return series.label


# ---------------------------------------------------------------- findings by what to do

@dataclass(frozen=True)
class FindingGroup:
    """A kind of finding a reader acts on alike, with how to name it and which findings it holds."""

    key: str
    title: str
    one: str      # "{n} {one}" for a single finding
    many: str     # "{n} {many}" otherwise
    holds: Callable[[Finding], bool]

    def count_words(self, n: int) -> str:
        """"1 check that does not add up", "3 checks that do not add up"."""
        return f"{n} {self.one if n == 1 else self.many}"


def _type(*names: str) -> Callable[[Finding], bool]:
    return lambda finding: finding.type in names


def _suspicious(finding: Finding) -> bool:
    return str(finding.type).startswith("suspicious_")


def _arithmetic(holds: bool) -> Callable[[Finding], bool]:
    """Checks that add up (or not): a suspicious or duplicate finding stays in its own group whatever its `holds`."""
    return lambda f: f.holds is holds and not _suspicious(f) and f.type != "duplicate_report"


# In the order a reader should see them: what is wrong first, what holds last.
FINDING_GROUPS: tuple[FindingGroup, ...] = (
    FindingGroup("does_not_add_up", "Does not add up", "check that does not add up",
                 "checks that do not add up", _arithmetic(False)),
    FindingGroup("disagree", "Sources disagree", "disagreement between sources",
                 "disagreements between sources", _type("source_disagreement")),
    FindingGroup("garbled", "Looks garbled", "figure or name that looks garbled",
                 "figures or names that look garbled", _suspicious),
    # a copy, a paraphrase, one statement or one interview retold: each duplicate_report's relation
    FindingGroup("copies", "Reports that repeat another", "report that repeats another",
                 "reports that repeat another", _type("duplicate_report")),
    FindingGroup("revised", "Revised figures", "revised figure", "revised figures", _type("revision")),
    FindingGroup("adds_up", "Adds up", "check that adds up", "checks that add up", _arithmetic(True)),
    FindingGroup("other", "Other findings", "other finding", "other findings", lambda f: True),
)
# The groups a reader has to act on (the terminal names their first findings).
ACTION_GROUPS = ("does_not_add_up", "disagree", "garbled", "copies", "revised")


def finding_rank(finding: Finding) -> tuple:
    """Worst first within a group: severity, then more documents, then more claims involved."""
    return (SEVERITY_RANK.get(finding.severity or "medium", 1), -len(set(finding.docs)), -len(finding.claims),
            finding.id)


def group_of(finding: Finding) -> FindingGroup:
    """The first of FINDING_GROUPS that holds the finding."""
    return next(group for group in FINDING_GROUPS if group.holds(finding))


def group_findings(findings: Iterable[Finding]) -> list[tuple[FindingGroup, list[Finding]]]:
    """The non-empty groups in FINDING_GROUPS order, each finding list worst first."""
    members: dict[str, list[Finding]] = {}
    for finding in findings:
        members.setdefault(group_of(finding).key, []).append(finding)
    return [(group, sorted(members[group.key], key=finding_rank)) for group in FINDING_GROUPS if group.key in members]


def ordered_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Every finding, group by group in FINDING_GROUPS order, worst first within each."""
    return [finding for _group, members in group_findings(findings) for finding in members]


# ---------------------------------------------------------------- the summary

@dataclass(frozen=True)
class LedgerSummary:
    """What the first screen of the report, the UI and the terminal say about a ledger."""

    documents: int
    claims: int
    series: int
    findings: int
    groups: tuple[tuple[FindingGroup, tuple[Finding, ...]], ...]
    weights: tuple[SeriesWeight, ...]  # by importance

    @property
    def action_groups(self) -> list[tuple[FindingGroup, tuple[Finding, ...]]]:
        """The groups a reader has to act on, in order."""
        return [(group, members) for group, members in self.groups if group.key in ACTION_GROUPS]

    @property
    def other_groups(self) -> list[tuple[FindingGroup, tuple[Finding, ...]]]:
        """The groups that need no action (what adds up, other findings)."""
        return [(group, members) for group, members in self.groups if group.key not in ACTION_GROUPS]

    @property
    def charted(self) -> list[SeriesWeight]:
        """The series with more than one figure, by importance."""
        return [weight for weight in self.weights if weight.charted]

    @property
    def single_figures(self) -> list[SeriesWeight]:
        """The series of a single figure, by importance."""
        return [weight for weight in self.weights if not weight.charted]

    def top_findings(self, per_group: int = 1, groups: int = 4) -> list[tuple[FindingGroup, Finding]]:
        """The worst `per_group` findings of each of the first `groups` groups to act on."""
        return [(group, finding) for group, members in self.action_groups[:groups] for finding in members[:per_group]]


def summarise(documents: int, claims: int, weights: Iterable[SeriesWeight],
              findings: Sequence[Finding]) -> LedgerSummary:
    """The summary of a ledger from its counts, its series' weights and its findings."""
    ordered = tuple(by_importance(weights))
    groups = tuple((group, tuple(members)) for group, members in group_findings(findings))
    return LedgerSummary(documents, claims, len(ordered), len(findings), groups, ordered)


def read_summary(con: Any) -> LedgerSummary:
    """The summary of the whole ledger behind `con`, counted in SQL (no claim is read)."""
    weights = [SeriesWeight(**row) for row in linked.series_weights(con)]
    return summarise(store.count_documents(con), store.count_claims(con), weights, linked.read_findings(con))
