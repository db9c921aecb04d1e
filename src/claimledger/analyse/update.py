"""Link and check stages kept up to date: stored series and findings, touched only where new documents reach.

`ledger.store.store` lists each document it writes in `pending_documents`; `update(con)` then
brings the stored series and findings up to date for those documents only (steps 1, 2 and 4
run for them each update, one text read at a time; step 3 may be deferred per head):

1. Summaries.  Each pending document's summary rows (`document_facts`: the heads it counts,
   its claims' values and places, acronyms, capitals, countries named, founding years stated,
   year-like numbers, latest year, shingle count) and shingle hashes are rewritten; the old rows
   are read first, so a replaced document also touches what it used to hold.  The postings all
   pending documents gained or lost are written together, sorted by hash (`shingle_index.ShingleChanges`).
2. duplicate_report.  A copy is reported once, against its original: the earliest document it
   repeats (`documents.dependence`: word 5-gram overlap, quotes in common, or a rewrite sharing
   a run of figures).  A pending document's candidates come from three indexes: for the text, the
   documents holding PROBE_HITS of its |x| - ceil(t|x|) + PROBE_HITS rarest shingles (t =
   DUPLICATE_JACCARD): two sets overlapping by t or more share at least ceil(t|x|) shingles, so
   no pair is missed, and taking the rarest (`shingle_counts`, kept in step with the postings,
   cached for the update) keeps boilerplate out of the probe; their packed sets are compared with
   it in bulk.  For rewrites, the documents sharing one of its runs of FIGURE_RUN figures
   (`figrun` summary rows); for retold interviews and statements, those whose text holds
   QUOTE_SHINGLES_SHARED of the 5-grams inside its quotes (the shingle postings).  Each candidate is decided from its stored fingerprint (shingle set,
   claims, `quote` rows, date: `_StoredPrints`), never its text: the earlier ones in date order
   until one passes (that is its original), and a later one only when its original may move (it
   has none, or a later one than this document).  A copy whose finding named a pending
   document is looked at again.  The full run (`documents.check_duplicates`) compares every
   document with every earlier one, and the tests hold the two equal.
3. Heads.  Each resolved head (`claims.series_head`) a pending document counts, now or before, or
   a document that became or stopped being a copy counts, is recorded in `pending_heads` with the
   claims it gained.  A head is relinked when the update is final (the end of `api.add`, any
   reader) or when its gains reach RELINK_SHARE of the claims it holds; otherwise it waits in the
   table (so a killed add loses nothing).  Relinking reads the head's claims by SQL, one head class
   at a time (a head with the others of its `concepts.head_class`: refugees and nationality nouns,
   whose series may join), relinks its series (series.keyed_series) and runs parts_sum, stock_flow,
   source_disagreement and revision over them.  A head class is closed: a generic head resolves to
   a specific one of the same class, breakdowns and series never mix classes, so these results equal
   the full run's.
4. Per document.  suspicious_number and suspicious_entity run for the pending documents and for those
   whose result a corpus-wide fact may have changed: an acronym entering or leaving "used elsewhere",
   a new latest year, a country newly involved or no longer, a founding year learned, a claim value
   near one of their year-like numbers (the rules are in `_entity_rechecks` and `_number_rechecks`).
   The ledger's acronyms are indexed once per update (`AcronymIndex`), so finding those one edit
   from a document's own costs in proportion to the document, not to the ledger.

Relinking reads every claim of a head, but a head is relinked only after growing by a share of
its size, so over a long add each claim is read a bounded number of times (about 1 + 1/RELINK_SHARE,
plus the final update) and the add's time stays linear; memory follows the largest head class.
The checks over those claims avoid trying every pair of a long series (checks._rival_pairs,
checks._flow_events, link._same_document_pairs).

`relink(con)` recomputes everything with series.keyed_series and checks.run_checks, the reference the
tests compare `update` with, and rewrites every summary.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Iterable

from . import checks, documents as document_checks, lists
from .. import names
from ..ledger import linked, store
from ..ledger import shingles as shingle_index, sql
from .series import keyed_series, resolve_heads, series_sort_key
from ..extract.concepts import head_class
from ..records import Claim, Finding, Series, StoredDocument, whole_number

# The summary-row term standing for "no head" (a head is a lemma, never this).
NO_HEAD = "(none)"


# A head waits to be relinked until the claims it gained since it last was reach this share of the
# claims it holds (or the update is final).  Between two relinks of a head of n claims it gained at
# least RELINK_SHARE * n, so over a long add each claim is read about 1 + 1 / RELINK_SHARE times
# (plus once by the final update), not once per update: the add's time stays linear.
RELINK_SHARE = 0.25


@dataclass
class UpdateResult:
    """What an update touched: documents, heads relinked (claims read), documents re-checked one by
    one, and heads left pending for a later update."""

    documents: int = 0
    heads: int = 0
    claims_read: int = 0
    rechecked: int = 0
    deferred: int = 0


def update(con: Any, final: bool = True) -> UpdateResult:
    """Bring stored series and findings up to date for the pending documents (one transaction).

    The heads they touch are recorded in `pending_heads`; a final update relinks every pending head,
    a non-final one (`api.add` between batches) only those grown by RELINK_SHARE since their last relink.
    """
    return sql.retry_locked(lambda: _update_once(con, final))


def _update_once(con: Any, final: bool) -> UpdateResult:
    with sql.transaction(con):
        pending = linked.pending_documents(con)
        rechecked = _update_documents(con, pending) if pending else 0
        result = _relink_due_heads(con, final)
    result.documents, result.rechecked = len(pending), rechecked
    return result


def _update_documents(con: Any, pending: list[str]) -> int:
    """Steps 1, 2 and 4 for the pending documents, their heads recorded as pending; the number re-checked."""
    before = _corpus_facts(con)
    old = linked.read_facts(con, pending)
    hashes: dict[str, set[int]] = {}
    changes = shingle_index.ShingleChanges()
    for doc in pending:
        shingled = _summarise_stored(con, doc, changes)
        if shingled is not None:
            hashes[doc] = shingled
    changes.write(con)
    new = linked.read_facts(con, pending)
    copies_before, repeated_before = _copies(con), set(linked.copied_claims(con).items())
    _update_duplicates(con, pending, hashes)
    # Documents that became or stopped being a copy, or whose figures counted as repeated changed.
    changed_copies = copies_before ^ _copies(con)
    changed_copies |= {doc for _claim, doc in repeated_before ^ set(linked.copied_claims(con).items())}
    heads = _heads(old + new + linked.read_facts(con, sorted(changed_copies), ["head"]))
    linked.touch_heads(con, _head_changes(con, pending, heads))
    rechecked = _recheck_documents(con, pending, old, new, before)
    _recheck_lists(con, sorted(set(pending) | changed_copies))
    linked.clear_pending(con, pending)
    return rechecked


def _recheck_lists(con: Any, pending: list[str]) -> None:
    """The in-document checks (lists.document_findings) of each pending document, from its own
    claims; of a copy, only those its original does not hold (as run_checks)."""
    scopes = ["doc:" + d for d in pending]
    linked.delete_findings(con, [i for i in linked.finding_ids(con, scopes, checks.HEAD_TYPES)])
    originals = {copy: pair[0] for copy, pair in linked.duplicate_pairs(con).items()}
    found: dict[str, Finding] = {}
    for doc in pending:
        claims = _doc_claims(con, doc)
        if doc in originals:
            claims += _doc_claims(con, originals[doc])
        for finding in lists.document_findings(claims, {doc: originals[doc]} if doc in originals else {}):
            if finding.docs[0] == doc:
                found[finding.id] = finding
    linked.write_findings(con, [_scoped(f, {}) for f in found.values()])


def _summarise_stored(con: Any, doc: str, changes: shingle_index.ShingleChanges) -> set[int] | None:
    """Rewrite one stored document's summary rows (its postings' changes recorded in `changes`);
    its shingle hashes (None when it is gone)."""
    for document in store.read_documents_by_id(con, [doc], with_text=True):
        facts, shingled = summarise(document, _doc_claims(con, doc))
        linked.replace_facts(con, doc, facts, shingled, changes)
        return set(shingled)
    return None


# Posting changes `relink` holds before writing them (a few hundred a document): memory stays flat
# over a ledger of any size.
RELINK_POSTINGS = 500_000


def relink(con: Any) -> None:
    """Recompute every series, finding and document summary from the whole ledger (the reference)."""
    from .checks import run_checks

    claims = store.read_claims(con)
    documents = store.read_documents(con, with_text=True)
    keyed = keyed_series(claims, documents)
    found = run_checks(claims, documents, [series for _key, series in keyed])
    heads = resolve_heads(claims)
    with sql.transaction(con):
        linked.write_linked(con, [(series_sort_key(key), s.to_dict()) for key, s in keyed],
                             [_scoped(f, heads) for f in found])
        by_doc: dict[str, list[Claim]] = {}
        for claim in claims:
            by_doc.setdefault(claim.doc, []).append(claim)
        changes = shingle_index.ShingleChanges()
        for document in documents:
            linked.replace_facts(con, document.id, *summarise(document, by_doc.get(document.id, [])), changes)
            if len(changes) >= RELINK_POSTINGS:
                changes.write(con)
        changes.write(con)


def full_recompute(con: Any) -> tuple[list[Series], list[Finding]]:
    """(series, findings) computed from scratch, in stored order, without writing anything."""
    from .checks import run_checks

    claims = store.read_claims(con)
    documents = store.read_documents(con, with_text=True)
    keyed = keyed_series(claims, documents)
    found = run_checks(claims, documents, [series for _key, series in keyed])
    heads = resolve_heads(claims)
    series = [s for _key, s in sorted(keyed, key=lambda pair: series_sort_key(pair[0]))]
    ordered = sorted(found, key=lambda f: _scoped(f, heads)[1])
    return [replace(s, low=whole_number(s.low), best=whole_number(s.best), high=whole_number(s.high)) for s in series], ordered


# ---------------------------------------------------------------- summaries

def summarise(document: StoredDocument, claims: list[Claim]) -> tuple[list[tuple], list[int]]:
    """A document's summary rows (kind, term, number, extra) and its shingle hashes."""
    text = document.text or ""
    heads = resolve_heads(claims)
    facts: set[tuple] = {("head", heads.get(c.id) or NO_HEAD, None, None) for c in claims}
    facts |= {("value", "", float(c.value), None) for c in claims if c.value and c.head and not c.alt_year}
    facts |= {("place", names.canonical_place(c.location), None, None) for c in claims if c.location}
    facts |= {("acronym", a, None, None) for a in names.acronyms(text)}
    facts |= _country_facts(text)
    learned = document_checks.learn_founding_years([text])
    facts |= {("founded", country, float(year), None) for country, year in learned.items()
              if country not in names.FOUNDED}
    for start, _end, value in document_checks.year_like(text):
        places = {place for _s, _b, _e, place in names.place_mentions(document_checks.sentence_around(text, start))}
        facts |= {("yearlike", place, float(value), None) for place in places}
    latest = document_checks.latest_year_of(document, claims)
    if latest is not None:
        facts.add(("latest", "", float(latest), None))
    hashed = document_checks.shingle_hashes(text)
    facts.add(("shingles", "", float(len(hashed)), None))
    for n, quote in enumerate(document_checks.quoted_passages(text)):
        facts.add(("quoted", str(n), None, quote.opening))
        facts |= {("quote", str(n), float(h), None) for h in quote.hashes}
    figures = document_checks.stored_fingerprint(document, (), claims, ()).figures
    facts |= {("figrun", document_checks.figure_run_key(run), None, None) for run in document_checks.figure_runs(figures)}
    return sorted(facts, key=repr), sorted(hashed)


def _country_facts(text: str) -> set[tuple]:
    """Capital mentions, countries named, and countries named once each capital's name is taken out."""
    facts: set[tuple] = {("named", country, None, None) for country in names.countries_named(text)}
    surfaces = set()
    for surface, start, _end, country in document_checks.capital_mentions(text):
        facts.add(("capital", country, float(start), surface))
        surfaces.add(surface)
    for surface in sorted(surfaces):  # once per capital named, however often it is named
        without = re.sub(rf"\b{re.escape(surface)}\b", "", text)
        facts |= {("named_without", named, None, surface) for named in names.countries_named(without)}
    return facts


# A candidate duplicate must hold at least this many of the probed shingles.  A document y with
# Jaccard >= t against x holds at least ceil(t|x|) of x's shingles, so of any |x| - ceil(t|x|) + k
# of them it holds at least k: probing k - 1 shingles more than the bare prefix bound and asking for
# k hits misses no duplicate, and passes over the many documents that share one or two common
# phrases ("the ministry said on"), which on template-heavy text made the candidate lists grow with
# the corpus (on the 44,000-story scale ledger: 1,900 candidates per document with one hit, 21 with 4).
PROBE_HITS = 4


def probe_size(shingles: int, hits: int = 1) -> int:
    """How many shingles of a document to probe so that a duplicate holds at least `hits` of them
    (capped at all of them): |x| - ceil(t|x|) + hits."""
    threshold = Fraction(document_checks.DUPLICATE_JACCARD).limit_denominator(1000)
    return min(shingles, shingles - math.ceil(threshold * shingles) + hits) if shingles else 0


# The shingle hash the index stores (`documents.shingle_hash`), under the name tests and benches use.
shingle_hash = document_checks.shingle_hash


# ---------------------------------------------------------------- duplicate_report

def _update_duplicates(con: Any, pending: list[str], hashes: dict[str, set[int]]) -> None:
    """Bring the duplicate findings up to date for the pending documents, from the stored
    fingerprints alone (no text is read): each pending document's original is looked for among
    the documents the indexes name (`_duplicate_candidates`), and a document it precedes and
    repeats takes it as its original when it is earlier than the one it had.  A copy whose finding
    named a pending document is looked at again."""
    stale = set(linked.findings_of_docs(con, pending)) & set(linked.finding_ids(con, ["dup"]))
    before = linked.duplicate_pairs(con)  # {copy: (original, finding id)}
    orphaned = {copy for copy, (_original, finding) in before.items() if finding in stale}
    linked.delete_findings(con, sorted(stale))
    prints = _StoredPrints(con, hashes)
    rarity = _Rarity(con)
    originals = {copy: original for copy, (original, finding) in before.items() if finding not in stale}
    changed: set[str] = set()
    for doc in sorted(set(pending) | orphaned):
        mine = prints.get(doc)
        if mine is None:
            continue
        candidates = _duplicate_candidates(con, mine, rarity)
        orders = prints.orders(candidates)
        # Earliest first, and only until one passes: the original is the earliest it repeats.
        earlier = sorted((other for other in candidates if orders[other] < mine.order), key=orders.get)
        originals.pop(doc, None)
        for other in earlier:
            if _repeats(prints, other, doc):
                originals[doc] = other
                break
        changed.add(doc)
        # A later document takes this one as its original only if it had none or a later one:
        # only those are compared (most copies already have an earlier original).
        for other in (c for c in candidates if orders[c] > mine.order):
            current = originals.get(other)
            if (current is None or mine.order < prints.orders([current])[current]) and _repeats(prints, doc, other):
                originals[other] = doc
                changed.add(other)
    _write_duplicates(con, {doc: originals.get(doc) for doc in changed}, before, stale, prints)


def _write_duplicates(con: Any, now: dict[str, str | None], before: dict[str, tuple[str, str]],
                      stale: set[str], prints: "_StoredPrints") -> None:
    """Replace the findings of the copies whose original changed (`now`: copy -> original or None)."""
    gone = [before[copy][1] for copy in now if copy in before and before[copy][1] not in stale
            and before[copy][0] != now[copy]]
    linked.delete_findings(con, gone)
    kept = {before[copy][1] for copy in now if copy in before and before[copy][1] not in stale
            and before[copy][0] == now[copy]}
    found = [document_checks.duplicate_finding(prints.get(original), prints.get(copy))
             for copy, original in sorted(now.items()) if original is not None]
    linked.write_findings(con, [_scoped(f, {}) for f in found if f is not None and f.id not in kept])


def _duplicate_candidates(con: Any, mine: document_checks.Fingerprint, rarity: "_Rarity") -> list[str]:
    """The documents that may be one report with `mine`: those whose shingle set overlaps it by
    DUPLICATE_JACCARD (`_text_copies`, exact) and those sharing a run of figures with it (the
    `figrun` summary rows), in id order."""
    others = set(_text_copies(con, mine.doc, set(mine.hashes), rarity))
    runs = [document_checks.figure_run_key(run) for run in document_checks.figure_runs(mine.figures)]
    others |= linked.docs_with_fact(con, "figrun", runs)
    others |= _quote_sharers(con, mine)
    others.discard(mine.doc)
    return sorted(others)


def _quote_sharers(con: Any, mine: document_checks.Fingerprint) -> set[str]:
    """The documents whose text holds QUOTE_SHINGLES_SHARED of the 5-grams inside the quotes of
    `mine`: every one `documents.shared_quotes` may pair with it (a quote's 5-grams are 5-grams of
    its text, in the shingle postings), looked up in one probe of the postings' clustered index."""
    return set(shingle_index.docs_holding(con, sorted(mine.quoted), document_checks.QUOTE_SHINGLES_SHARED))


def _repeats(prints: "_StoredPrints", original: str, copy: str) -> bool:
    """Whether `copy` repeats `original` (`documents.dependence`), from their stored fingerprints."""
    first, second = prints.get(original), prints.get(copy)
    return first is not None and second is not None and document_checks.dependence(first, second) is not None


def _text_copies(con: Any, doc_id: str, hashes: set[int], rarity: "_Rarity") -> list[str]:
    """Other documents holding PROBE_HITS of the probe shingles of `hashes` (its rarest) whose set
    at least DUPLICATE_JACCARD of the union shares: compared in bulk by `shingle_index.shingle_overlaps`,
    their sizes first."""
    if not hashes:
        return []
    counts = rarity.counts(hashes)
    size = probe_size(len(hashes), PROBE_HITS)
    hits = PROBE_HITS - (probe_size(len(hashes)) + PROBE_HITS - 1 - size)  # fewer when the probe is all of them
    probe = sorted(hashes, key=lambda h: (counts[h], h))[:size]
    others = [doc for doc in shingle_index.docs_holding(con, probe, hits) if doc != doc_id]
    threshold = document_checks.DUPLICATE_JACCARD
    smallest, largest = math.ceil(threshold * len(hashes)), math.floor(len(hashes) / threshold)
    overlaps = shingle_index.shingle_overlaps(con, others, hashes, (smallest, largest))
    return [other for other, (size, shared) in sorted(overlaps.items())
            if shared >= threshold * (len(hashes) + size - shared)]


class _StoredPrints:
    """Documents' fingerprints (`documents.Fingerprint`) read from the ledger, cached for one
    update: shingle hashes (the packed set), claims, quotes (`quote` summary rows) and date."""

    def __init__(self, con: Any, hashes: dict[str, set[int]]) -> None:
        self.con, self.hashes = con, hashes
        self.read: dict[str, document_checks.Fingerprint | None] = {}
        self.ordered: dict[str, tuple] = {}

    def orders(self, docs: Iterable[str]) -> dict[str, tuple]:
        """{document: `documents.document_order`} for these stored documents, read in bulk
        (dates and ids only): candidates are put in order before any fingerprint is read."""
        todo = sorted({d for d in docs if d not in self.ordered})
        if todo:
            self.ordered.update((d.id, document_checks.document_order(d))
                                for d in store.read_documents_by_id(self.con, todo))
        return self.ordered

    def get(self, doc: str) -> document_checks.Fingerprint | None:
        """The fingerprint of a stored document (None when it is gone)."""
        if doc not in self.read:
            self.read[doc] = self._read(doc)
        return self.read[doc]

    def _read(self, doc: str) -> document_checks.Fingerprint | None:
        documents = store.read_documents_by_id(self.con, [doc])
        if not documents:
            return None
        hashes = self.hashes.get(doc)
        if hashes is None:
            hashes = shingle_index.shingle_sets(self.con, [doc]).get(doc, frozenset())
        return document_checks.stored_fingerprint(documents[0], hashes, _doc_claims(self.con, doc),
                                                  stored_quotes(linked.read_facts(self.con, [doc], ["quote", "quoted"])))


def stored_quotes(facts: list[dict]) -> list[document_checks.Quote]:
    """A document's quoted passages (`documents.Quote`) from its `quoted` and `quote` summary rows."""
    openings = {f["term"]: f["extra"] or "" for f in facts if f["kind"] == "quoted"}
    hashes: dict[str, set[int]] = {term: set() for term in openings}
    for fact in facts:
        if fact["kind"] == "quote" and fact["term"] in hashes:
            hashes[fact["term"]].add(int(fact["number"]))
    return [document_checks.Quote(openings[term], frozenset(hashes[term])) for term in sorted(openings, key=int)]


class _Rarity:
    """How many documents hold each shingle (`shingle_index.shingle_counts`), as duplicate screening reads
    it during one update, cached: pending documents share many shingles, and the index does not
    change while duplicates are looked up."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.counted: dict[int, int] = {}

    def counts(self, shingles: Iterable[int]) -> dict[int, int]:
        """{shingle: documents holding it}."""
        todo = sorted({h for h in shingles if h not in self.counted})
        if todo:
            self.counted.update(shingle_index.shingle_counts(self.con, todo))
        return self.counted


def _copies(con: Any) -> set[str]:
    """Documents that repeat an earlier one: the second document of each duplicate_report.

    Read from the "dup" scope's findings (index findings_scope), not by a scan of every finding's
    documents: a large ledger holds hundreds of thousands of those, and an update asks this twice."""
    return linked.copied_documents(con)


# ---------------------------------------------------------------- heads: series and arithmetic checks

def _heads(facts: Iterable[dict]) -> list[str | None]:
    terms = {f["term"] for f in facts if f["kind"] == "head"}
    return sorted((None if t == NO_HEAD else t for t in terms), key=lambda h: (h is None, h or ""))


def _head_changes(con: Any, pending: list[str], heads: list[str | None]) -> dict[str, int]:
    """{head term: claims the pending documents give it} for the touched heads; a head touched
    otherwise (a claim gone, a document that became or stopped being a copy) counts one change."""
    gained = {(NO_HEAD if head is None else head): 0 for head in heads}
    for doc in pending:
        for head, count in linked.head_claim_counts(con, doc).items():
            term = NO_HEAD if head is None else head
            gained[term] = gained.get(term, 0) + count
    return {term: max(count, 1) for term, count in gained.items()}


def _relink_due_heads(con: Any, final: bool) -> UpdateResult:
    """Relink the pending heads that are due (all when final), one head class at a time, so that
    memory follows the largest class; the heads relinked, claims read and heads left pending."""
    pending = linked.pending_heads(con)
    repeated: set[str] | None = None  # read when the first head is relinked: most updates relink none
    result = UpdateResult()
    relinked: set[str] = set()
    for term, gained in pending.items():
        head = None if term == NO_HEAD else term
        if term in relinked:
            result.heads += 1  # relinked with its class
        elif final or gained >= RELINK_SHARE * linked.count_head_claims(con, head):
            repeated = set(linked.copied_claims(con)) if repeated is None else repeated
            heads = _class_heads(con, head)
            result.claims_read += _relink_heads(con, heads, repeated)
            for member in heads:
                linked.clear_pending_head(con, NO_HEAD if member is None else member)
                relinked.add(NO_HEAD if member is None else member)
            result.heads += 1
    result.deferred = len(pending) - result.heads
    return result


def _class_heads(con: Any, head: str | None) -> list[str | None]:
    """`head` and the stored heads of its class (`concepts.head_class`): what one relink covers."""
    if head_class(head) == head:
        return [head]
    return [head, *(h for h in linked.series_heads(con) if h != head and head_class(h) == head_class(head))]


def _relink_heads(con: Any, heads: list[str | None], repeated: set[str]) -> int:
    """Relink and re-check every claim of one head class; the number of claims read."""
    # The class is closed (see the module docstring): its claims, resolved among themselves, all
    # count one of its heads, so its series and findings are exactly the full run's for them.
    claims = linked.claims_with_heads(con, heads)
    documents = store.read_documents_by_id(con, {c.doc for c in claims})
    keyed = keyed_series(claims, documents)
    found = {f.id: f for f in checks.head_findings([c for c in claims if c.id not in repeated], documents,
                                            [s for _key, s in keyed])}
    linked.delete_series(con, heads)
    linked.write_series(con, [(series_sort_key(key), s.to_dict()) for key, s in keyed])
    linked.delete_findings(con, linked.finding_ids(con, [_head_scope(h) for h in heads], checks.HEAD_SCOPED_TYPES))
    resolved = resolve_heads(claims)
    linked.write_findings(con, [_scoped(f, resolved) for f in found.values()])
    return len(claims)


def _head_scope(head: str | None) -> str:
    return "head:" + (head if head is not None else NO_HEAD)


def _scoped(finding: Finding, heads: dict[str, str | None]) -> tuple[str, str, dict]:
    """(scope, sort key, row) of a finding: the head of its first claim, its document, or "dup"."""
    if finding.type == "duplicate_report":
        scope = "dup"
    elif finding.evidence[:1] == (lists.IN_DOCUMENT,):
        scope = "doc:" + finding.docs[0]
    elif finding.type in checks.HEAD_TYPES or finding.evidence[:1] == (checks.SLIP,):
        scope = _head_scope(heads.get(finding.claims[0]))
    else:
        scope = "doc:" + finding.docs[0]
    rank = checks.FINDING_ORDER.index(finding.type) if finding.type in checks.FINDING_ORDER else len(checks.FINDING_ORDER)
    sort_key = f"{rank:02d}\x01{finding.docs[0] if finding.docs else ''}\x01{finding.id}"
    return scope, sort_key, finding.to_dict()


# ---------------------------------------------------------------- per-document checks

@dataclass
class CorpusFacts:
    """The corpus-wide facts the per-document checks read, before an update."""

    latest: int | None
    founded: dict[str, int]


def _corpus_facts(con: Any) -> CorpusFacts:
    latest = linked.largest_fact(con, "latest")
    return CorpusFacts(int(latest) if latest is not None else None, _founded(con))


def _founded(con: Any) -> dict[str, int]:
    """Founding years: the table, then the first stated by a document in id order (learn_founding_years)."""
    years = dict(names.FOUNDED)
    for country, year in linked.facts_in_document_order(con, "founded"):
        years.setdefault(country, int(year))
    return years


def _recheck_documents(con: Any, pending: list[str], old: list[dict], new: list[dict], before: CorpusFacts) -> int:
    """Re-run the per-document checks where their result may have changed; the number re-checked."""
    after = _corpus_facts(con)
    number_docs = set(pending) | _number_rechecks(con, old + new, before.founded, after.founded)
    entity_docs = set(pending) | _entity_rechecks(con, pending, old, new, before.latest != after.latest)
    linked.delete_findings(con, linked.finding_ids(con, ["doc:" + d for d in number_docs], ["suspicious_number"]))
    linked.delete_findings(con, linked.finding_ids(con, ["doc:" + d for d in entity_docs], ["suspicious_entity"]))
    found: dict[str, Finding] = {}
    for doc in sorted(number_docs):  # one text at a time: memory stays flat however many there are
        for document in store.read_documents_by_id(con, [doc], with_text=True):
            for finding in document_checks.suspicious_numbers_in(document, _claims_near_years(con, document, after.founded),
                                                        after.founded):
                found[finding.id] = finding
    every = _all_acronyms(con) if entity_docs else AcronymIndex([])
    for doc in sorted(entity_docs):
        for finding in _suspicious_entities(con, doc, after.latest, every):
            found[finding.id] = finding
    linked.write_findings(con, [_scoped(f, {}) for f in found.values()])
    return len(number_docs | entity_docs)


def _number_rechecks(con: Any, facts: list[dict], founded_before: dict, founded_after: dict) -> set[str]:
    """Documents whose suspicious_number result may change: a founding year of a country in the
    sentence of one of their year-like numbers changed, or a claim value near such a number came or went."""
    changed = [c for c in set(founded_before) | set(founded_after) if founded_before.get(c) != founded_after.get(c)]
    docs = linked.docs_with_fact(con, "yearlike", changed)
    for value in {f["number"] for f in facts if f["kind"] == "value"}:
        # the year-like numbers y with |value - y| <= COUNT_MATCH * y (`documents._count_readings`)
        low = value / (1 + document_checks.COUNT_MATCH) - 1e-6
        high = value / (1 - document_checks.COUNT_MATCH) + 1e-6
        # Only places founded after the range matter: asking for them (a few countries) instead of
        # every year-like number in the range keeps this from reading all the ledger's years.
        late = sorted(country for country, year in founded_after.items() if year > low)
        if not late:
            continue
        rows = linked.facts_between(con, "yearlike", late, low, high)
        docs.update(doc for doc, term, number in rows if founded_after.get(term, 0) > number)
    return docs


def _claims_near_years(con: Any, document: StoredDocument, founded: dict[str, int]) -> list[Claim]:
    """Claims whose value is within COUNT_MATCH of a year-like number of the document, in ledger order;
    only near the numbers whose sentence names a place not yet founded then (its `yearlike` summary
    rows), as the check reads claims for no other number: years are common claim values, so reading
    them for every year-like number would cost in proportion to the ledger."""
    found: dict[str, Claim] = {}
    late = {fact["number"] for fact in linked.read_facts(con, [document.id], ["yearlike"])
            if founded.get(fact["term"], 0) > fact["number"]}
    for value in sorted(late):
        margin = document_checks.COUNT_MATCH * value + 1e-6
        for claim in store.claims_with_value_between(con, value - margin, value + margin):
            found[claim.id] = claim
    return sorted(found.values(), key=lambda c: (c.doc, c.start))


def _entity_rechecks(con: Any, pending: list[str], old: list[dict], new: list[dict], latest_changed: bool) -> set[str]:
    """Documents whose suspicious_entity result may change: they use an acronym equal or one edit from
    one whose "used elsewhere" status changed, a mission acronym when the latest year moved, or name the
    capital of a country whose involvement may have changed."""
    changed = _acronyms_crossing(con, old, new)
    docs: set[str] = set()
    if changed or latest_changed:
        every = _all_acronyms(con)
        near = every.near(changed) | {a for a in every.terms if latest_changed and names.mission(a)}
        docs |= linked.docs_with_fact(con, "acronym", sorted(near))
    countries = {f["term"] for f in old + new if f["kind"] in ("named", "named_without", "place", "capital")}
    # A country some claim of an untouched document is about was involved before and still is.
    stable = {c for c in countries if linked.settled_claims_about(con, c)}
    return docs | linked.docs_with_fact(con, "capital", sorted(countries - stable))


def _acronyms_crossing(con: Any, old: list[dict], new: list[dict]) -> list[str]:
    """Acronyms whose number of documents changed between at most one and more (or none and one)."""
    delta: dict[str, int] = {}
    for facts, sign in ((new, 1), (old, -1)):
        for fact in facts:
            if fact["kind"] == "acronym":
                delta[fact["term"]] = delta.get(fact["term"], 0) + sign
    crossing = []
    for acronym, change in delta.items():
        if not change:
            continue
        # Counted only up to 2 + |change|: from there on both counts are over one, whatever the
        # ledger's size (a common acronym would otherwise be counted in full at every update).
        now = linked.count_fact_documents(con, "acronym", acronym, up_to=2 + abs(change))
        if min(now, now - change) <= 1:
            crossing.append(acronym)
    return sorted(crossing)


def _suspicious_entities(con: Any, doc: str, latest: int | None, every: "AcronymIndex") -> list[Finding]:
    """document_checks.suspicious_entities_in for one document, its corpus facts read from the summaries."""
    facts = linked.read_facts(con, [doc], ["acronym", "capital"])
    written = {f["term"] for f in facts if f["kind"] == "acronym"}
    capitals = sorted((f["extra"], int(f["number"]), f["term"]) for f in facts if f["kind"] == "capital")
    capitals.sort(key=lambda c: c[1])
    return document_checks.suspicious_entities_in(doc, written, capitals, _used_elsewhere(con, doc, written, every), latest,
                                                  LedgerCorpus(con))


def _used_elsewhere(con: Any, doc: str, written: set[str], every: "AcronymIndex") -> set[str]:
    """The acronyms other documents use that equal or are one edit from one of `written`."""
    if not written:
        return set()
    return {a for a in every.near(written) if linked.fact_elsewhere(con, "acronym", a, doc)}


def _all_acronyms(con: Any) -> "AcronymIndex":
    """Every acronym the ledger's documents use (the distinct terms of one index), indexed."""
    return AcronymIndex(linked.fact_terms(con, "acronym"))


class AcronymIndex:
    """Acronyms by every string one deletion from them (and themselves), built once per update, so
    finding those near a document's few acronyms costs in proportion to those few, not to the ledger."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = list(terms)
        self.by_variant: dict[str, set[str]] = {}
        for term in self.terms:
            for variant in _deletions(term):
                self.by_variant.setdefault(variant, set()).add(term)

    def near(self, targets: Iterable[str]) -> set[str]:
        """The indexed acronyms equal to or one edit from one of `targets` (as `near_acronyms`)."""
        found: set[str] = set()
        for target in targets:
            candidates = set().union(*(self.by_variant.get(v, set()) for v in _deletions(target)))
            found.update(c for c in candidates if c == target or names.edit_distance(c, target) == 1)
        return found


def near_acronyms(every: Iterable[str], targets: Iterable[str]) -> set[str]:
    """The acronyms of `every` equal to or one edit from one of `targets`.

    Two strings one edit apart share a string with at most one letter deleted, so only those
    sharing one are compared (a symmetric-deletion index, instead of comparing every pair)."""
    return AcronymIndex(every).near(targets)


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class LedgerCorpus:
    """`documents.Corpus` over the stored claims and summaries."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def claims_about(self, country: str) -> bool:
        return linked.claims_about(self.con, country)

    def named_other_than(self, country: str, capital: str) -> bool:
        return linked.named_other_than(self.con, country, capital)


# ---------------------------------------------------------------- helpers

def _doc_claims(con: Any, doc: str) -> list[Claim]:
    return store.read_claims(con, doc=doc)

