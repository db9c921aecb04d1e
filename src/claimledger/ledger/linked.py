"""What linking and checking leave in the ledger, and what an update reads and waits on.

- Stored series and findings (`series`, `series_claims`, `findings`, `finding_claims`,
  `finding_docs`): written by `analyse.update.update` and `analyse.update.relink`, read by the
  commands, the report and the web API.
- Pending work: documents stored since the last update (`pending_documents`) and heads whose
  series wait to be relinked (`pending_heads`, see analyse.update.RELINK_SHARE).
- Per-document summaries: `document_facts` rows, and the shingle index duplicate screening
  reads: each document's set packed in one row (`document_shingle_sets`) and the postings
  (`document_shingles`, hash -> documents, in levels: see `ShingleChanges`), with how many
  documents hold each hash (`shingle_counts`, kept in step by `replace_facts` and `ShingleChanges`).

The tables are created by `migrations` (0004, 0006, 0007, 0008, 0010; docs/schema.md); this module
holds the reads and writes over them, `store` the documents and claims, `shingles` the shingle index.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..records import Claim, Finding, Series, whole_number
from .shingles import ShingleChanges, pack_hashes, shingle_sets
from .sql import equal_conditions, grouped, sql_value, transaction
from .store import COPIED_DOCUMENTS_SQL, claim_record


# ---------------------------------------------------------------- stored series and findings

def write_series(con: Any, keyed: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Insert (sort key, series row) pairs; the caller deletes what they replace (see delete_series)."""
    con.executemany("INSERT INTO series (id, label, head, location, low, best, high, rule, sort_key) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [[row["id"], row["label"], row["head"], row["location"], row["low"], row["best"], row["high"],
                      row["rule"], sort_key] for sort_key, row in keyed])
    con.executemany("INSERT INTO series_claims (series_id, position, claim_id, doc) "
                    "SELECT ?, ?, ?, doc FROM claims WHERE id = ?",
                    [[row["id"], n, claim_id, claim_id] for _key, row in keyed
                     for n, claim_id in enumerate(row["claims"])])


def delete_series(con: Any, heads: Sequence[str | None]) -> None:
    """Delete the stored series counting these heads (None: series without a head)."""
    for head in heads:
        match = "head IS NULL" if head is None else "head = ?"
        args = [] if head is None else [head]
        con.execute(f"DELETE FROM series_claims WHERE series_id IN (SELECT id FROM series WHERE {match})", args)
        con.execute(f"DELETE FROM series WHERE {match}", args)


def read_series(con: Any, *, head: str | None = None, location: str | None = None, series_id: str | None = None,
                limit: int | None = None, offset: int = 0) -> list[Series]:
    """Stored series, in quantity-key order, filtered and paged."""
    where, params = equal_conditions((("head", head), ("location", location), ("id", series_id)))
    sql = f"SELECT * FROM series{where} ORDER BY sort_key"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = [dict(row) for row in con.execute(sql, params)]
    members = grouped(con, "SELECT series_id, claim_id FROM series_claims WHERE series_id IN ({}) "
                            "ORDER BY series_id, position", [row["id"] for row in rows])
    return [Series(id=row["id"], label=row["label"], head=row["head"], location=row["location"],
                   claims=tuple(members.get(row["id"], [])), low=whole_number(row["low"]), best=whole_number(row["best"]),
                   high=whole_number(row["high"]), rule=row["rule"]) for row in rows]


def series_weights(con: Any) -> list[dict[str, Any]]:
    """Per stored series (in quantity-key order): its id and label, how many figures, distinct
    sources and documents it holds (documents whose figures in it are not all repeated from
    another report, see `copied_claims`; all of them when none is), and how many findings name one
    of its claims (what analyse.summary.weigh_series counts from records)."""
    rows = [dict(row) for row in con.execute(
        "SELECT s.id AS series_id, s.label AS label, COUNT(sc.claim_id) AS figures, "
        "COUNT(DISTINCT c.source) AS sources, COUNT(DISTINCT sc.doc) AS every_document, "
        "COUNT(DISTINCT CASE WHEN r.claim_id IS NULL THEN sc.doc END) AS documents "
        "FROM series AS s JOIN series_claims AS sc ON sc.series_id = s.id JOIN claims AS c ON c.id = sc.claim_id "
        f"LEFT JOIN ({COPIED_CLAIMS_SQL}) AS r ON r.claim_id = c.id "
        "GROUP BY s.id, s.label, s.sort_key ORDER BY s.sort_key")]
    touching = dict(con.execute(
        "SELECT sc.series_id, COUNT(DISTINCT fc.finding_id) FROM finding_claims AS fc "
        "JOIN series_claims AS sc ON sc.claim_id = fc.claim_id GROUP BY sc.series_id").fetchall())
    for row in rows:
        every = row.pop("every_document")
        row["documents"] = row["documents"] or every
        row["findings"] = touching.get(row["series_id"], 0)
    return rows


def count_series(con: Any, *, head: str | None = None, location: str | None = None) -> int:
    """How many stored series `read_series` with these filters returns, unpaged."""
    where, params = equal_conditions((("head", head), ("location", location)))
    return con.execute(f"SELECT COUNT(*) FROM series{where}", params).fetchone()[0]


def write_findings(con: Any, scoped: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
    """Insert (scope, sort key, finding row) triples; the caller deletes what they replace."""
    con.executemany("INSERT INTO findings (id, type, holds, message, severity, evidence, scope, sort_key) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [[row["id"], row["type"], sql_value(row["holds"]), row["message"], row.get("severity"),
                      json.dumps(list(row.get("evidence") or [])), scope, sort_key] for scope, sort_key, row in scoped])
    for table, field, column in (("finding_claims", "claims", "claim_id"), ("finding_docs", "docs", "doc")):
        con.executemany(f"INSERT INTO {table} (finding_id, position, {column}) VALUES (?, ?, ?)",
                        [[row["id"], n, value] for _s, _k, row in scoped for n, value in enumerate(row[field])])


def delete_findings(con: Any, ids: Sequence[str]) -> None:
    """Delete these stored findings with their claim and document lists."""
    for table, column in (("finding_claims", "finding_id"), ("finding_docs", "finding_id"), ("findings", "id")):
        con.executemany(f"DELETE FROM {table} WHERE {column} = ?", [[i] for i in ids])


def finding_ids(con: Any, scopes: Sequence[str], types: Sequence[str] | None = None) -> list[str]:
    """Ids of the stored findings in these scopes (and of these types)."""
    found = []
    for scope in scopes:
        rows = con.execute("SELECT id, type FROM findings WHERE scope = ?", (scope,))
        found += [row[0] for row in rows if types is None or row[1] in types]
    return found


def read_findings(con: Any, *, type: str | None = None, doc: str | None = None, finding_id: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[Finding]:
    """Stored findings (with severity and evidence), filtered and paged."""
    where, params = _finding_conditions(type, doc, finding_id)
    sql = f"SELECT * FROM findings{where} ORDER BY sort_key"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = [dict(row) for row in con.execute(sql, params)]
    ids = [row["id"] for row in rows]
    claims = grouped(con, "SELECT finding_id, claim_id FROM finding_claims WHERE finding_id IN ({}) "
                           "ORDER BY finding_id, position", ids)
    docs = grouped(con, "SELECT finding_id, doc FROM finding_docs WHERE finding_id IN ({}) "
                         "ORDER BY finding_id, position", ids)
    return [Finding(id=row["id"], type=row["type"], holds=None if row["holds"] is None else bool(row["holds"]),
                    claims=tuple(claims.get(row["id"], [])), docs=tuple(docs.get(row["id"], [])),
                    message=row["message"], severity=row["severity"], evidence=tuple(json.loads(row["evidence"])))
            for row in rows]


def count_findings(con: Any, *, type: str | None = None, doc: str | None = None) -> int:
    """How many stored findings `read_findings` with these filters returns, unpaged."""
    where, params = _finding_conditions(type, doc, None)
    return con.execute(f"SELECT COUNT(*) FROM findings{where}", params).fetchone()[0]


def _finding_conditions(type: str | None, doc: str | None, finding_id: str | None) -> tuple[str, list[Any]]:
    where, params = equal_conditions((("type", type), ("id", finding_id)))
    if doc is not None:
        where += (" AND " if where else " WHERE ") + "id IN (SELECT finding_id FROM finding_docs WHERE doc = ?)"
        params.append(doc)
    return where, params


def write_linked(con: Any, series: Sequence[tuple[str, dict]], findings: Sequence[tuple[str, str, dict]]) -> None:
    """Replace every stored series and finding (a full relink) and clear the pending documents and heads."""
    for table in ("series_claims", "series", "finding_claims", "finding_docs", "findings", "pending_documents",
                  "pending_heads"):
        con.execute(f"DELETE FROM {table}")
    write_series(con, series)
    write_findings(con, findings)


def replace_linked_rows(con: Any, series: Sequence[dict], findings: Sequence[dict]) -> None:
    """Store series and finding rows made elsewhere (a hand-made ledger, an import) as the linked
    state, in the order given; `analyse.update.relink` replaces them with computed ones."""
    with transaction(con):
        write_linked(con, [(f"{n:08d}", row) for n, row in enumerate(series)],
                     [("stored", f"{n:08d}", row) for n, row in enumerate(findings)])


def pending_documents(con: Any) -> list[str]:
    """Documents stored since series and findings were last brought up to date."""
    return [row[0] for row in con.execute("SELECT doc FROM pending_documents ORDER BY doc")]


def clear_pending(con: Any, docs: Sequence[str]) -> None:
    """Mark these documents as linked and checked."""
    con.executemany("DELETE FROM pending_documents WHERE doc = ?", [[doc] for doc in docs])


def touch_heads(con: Any, new_claims: dict[str, int]) -> None:
    """Record heads to relink ({head term: claims it gained}), adding to what is already pending."""
    con.executemany("INSERT INTO pending_heads (head, new_claims) VALUES (?, ?) ON CONFLICT (head) "
                    "DO UPDATE SET new_claims = pending_heads.new_claims + excluded.new_claims",
                    [[head, count] for head, count in sorted(new_claims.items())])


def pending_heads(con: Any) -> dict[str, int]:
    """Heads whose series and findings are not yet relinked, with the claims each gained since."""
    return {row[0]: row[1] for row in con.execute("SELECT head, new_claims FROM pending_heads ORDER BY head")}


def clear_pending_head(con: Any, head: str) -> None:
    """Mark this head as relinked and re-checked."""
    con.execute("DELETE FROM pending_heads WHERE head = ?", (head,))


def has_pending_work(con: Any) -> bool:
    """Whether documents or heads wait for an update (a killed add, an older ledger, a deferred relink)."""
    return any(con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
               for table in ("pending_documents", "pending_heads"))


def count_head_claims(con: Any, head: str | None) -> int:
    """How many claims count this resolved head (`series_head`; None: claims without a head)."""
    match = "series_head IS NULL" if head is None else "series_head = ?"
    return con.execute(f"SELECT COUNT(*) FROM claims WHERE {match}", [] if head is None else [head]).fetchone()[0]


def head_claim_counts(con: Any, doc: str) -> dict[str | None, int]:
    """{resolved head: claims of this document counting it}."""
    rows = con.execute("SELECT series_head, COUNT(*) FROM claims WHERE doc = ? GROUP BY series_head", (doc,))
    return {row[0]: row[1] for row in rows}


# ---------------------------------------------------------------- document summaries

def replace_facts(con: Any, doc: str, facts: Sequence[tuple[str, str, float | None, str | None]],
                  shingles: Sequence[int], changes: "ShingleChanges | None" = None) -> None:
    """A document's summary rows (kind, term, number, extra) and shingle hashes, replaced.

    The postings and the per-shingle document counts move with the packed set: written at once,
    or, when `changes` is given, recorded there for one `ShingleChanges.write` over many documents."""
    con.execute("DELETE FROM document_facts WHERE doc = ?", (doc,))
    con.executemany("INSERT INTO document_facts (doc, kind, term, number, extra) VALUES (?, ?, ?, ?, ?)",
                    [[doc, *fact] for fact in facts])
    old = shingle_sets(con, [doc]).get(doc, frozenset())
    new = frozenset(shingles)
    con.execute("DELETE FROM document_shingle_sets WHERE doc = ?", (doc,))
    con.execute("INSERT INTO document_shingle_sets (doc, hashes) VALUES (?, ?)", (doc, pack_hashes(new)))
    moved = changes if changes is not None else ShingleChanges()
    moved.move(doc, gained=new - old, lost=old - new)
    if changes is None:
        moved.write(con)


def read_facts(con: Any, docs: Sequence[str], kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Summary rows of these documents (of these kinds)."""
    found = []
    for doc in docs:
        rows = con.execute("SELECT doc, kind, term, number, extra FROM document_facts WHERE doc = ?", (doc,))
        found += [dict(row) for row in rows if kinds is None or row["kind"] in kinds]
    return found


def docs_with_fact(con: Any, kind: str, terms: Sequence[str]) -> set[str]:
    """Documents having a summary row of this kind for any of these terms."""
    found: set[str] = set()
    for term in terms:
        found.update(row[0] for row in con.execute(
            "SELECT doc FROM document_facts WHERE kind = ? AND term = ?", (kind, term)))
    return found


def series_heads(con: Any) -> list[str]:
    """Every resolved head (`series_head`) the ledger's claims count, in order."""
    return [row[0] for row in con.execute(
        "SELECT DISTINCT series_head FROM claims WHERE series_head IS NOT NULL ORDER BY series_head")]


def claims_with_heads(con: Any, heads: Sequence[str | None]) -> list[Claim]:
    """Every claim whose resolved head (`series_head`) is one of these, in document and text order."""
    rows = []
    for head in heads:
        match = "series_head IS NULL" if head is None else "series_head = ?"
        rows += [claim_record(row) for row in con.execute(f"SELECT * FROM claims WHERE {match}",
                                                          [] if head is None else [head])]
    return sorted(rows, key=lambda c: (c.doc, c.start))



# ---------------------------------------------------------------- what the per-document checks ask of the summaries

def findings_of_docs(con: Any, docs: Sequence[str]) -> set[str]:
    """Ids of the stored findings naming any of these documents."""
    return {row[0] for doc in docs for row in con.execute("SELECT finding_id FROM finding_docs WHERE doc = ?", (doc,))}


def copied_documents(con: Any) -> set[str]:
    """Documents that repeat an earlier one: the second document of each duplicate_report.

    Read from the "dup" scope's findings (index findings_scope), not by a scan of every finding's
    documents: a large ledger holds hundreds of thousands of those, and an update asks this twice."""
    return {row[0] for row in con.execute(COPIED_DOCUMENTS_SQL)}


# The claims each duplicate_report cites of its copy (the second document), with their document.
COPIED_CLAIMS_SQL = ("SELECT DISTINCT c.id AS claim_id, c.doc AS doc FROM findings AS f "
                     "JOIN finding_docs AS fd ON fd.finding_id = f.id AND fd.position = 1 "
                     "JOIN finding_claims AS fc ON fc.finding_id = f.id JOIN claims AS c ON c.id = fc.claim_id AND c.doc = fd.doc "
                     "WHERE f.scope = 'dup' AND f.type = 'duplicate_report'")


def copied_claims(con: Any) -> dict[str, str]:
    """{claim: its document} for the claims each duplicate_report cites of its copy (the second
    document): the copy's figures its original gives too, which count as no second source."""
    return dict(con.execute(COPIED_CLAIMS_SQL).fetchall())


def duplicate_pairs(con: Any) -> dict[str, tuple[str, str]]:
    """{copy: (its original, the finding's id)} for each stored duplicate_report (one per copy)."""
    rows = con.execute(
        "SELECT f.id, fd.position, fd.doc FROM findings AS f JOIN finding_docs AS fd ON fd.finding_id = f.id "
        "WHERE f.scope = 'dup' AND f.type = 'duplicate_report' AND fd.position IN (0, 1)").fetchall()
    docs: dict[str, dict[int, str]] = {}
    for finding, position, doc in rows:
        docs.setdefault(finding, {})[position] = doc
    return {pair[1]: (pair[0], finding) for finding, pair in docs.items() if 0 in pair and 1 in pair}


def largest_fact(con: Any, kind: str) -> float | None:
    """The largest number of the summary rows of this kind (None when there are none)."""
    row = con.execute("SELECT MAX(number) FROM document_facts WHERE kind = ?", (kind,)).fetchone()
    return row[0] if row else None


def facts_in_document_order(con: Any, kind: str) -> list[tuple[str, float]]:
    """(term, number) of the summary rows of this kind, in document id order."""
    return [(row[0], row[1]) for row in con.execute(
        "SELECT term, number FROM document_facts WHERE kind = ? ORDER BY doc", (kind,))]


def facts_between(con: Any, kind: str, terms: Sequence[str], low: float, high: float) -> list[tuple[str, str, float]]:
    """(doc, term, number) of the summary rows of this kind for these terms with a number in [low, high]."""
    return [(row[0], row[1], row[2]) for row in con.execute(
        f"SELECT doc, term, number FROM document_facts WHERE kind = ? AND term IN ({', '.join('?' * len(terms))}) "
        "AND number BETWEEN ? AND ?", [kind, *terms, low, high])]


def count_fact_documents(con: Any, kind: str, term: str, up_to: int) -> int:
    """How many summary rows of this kind hold this term, counted up to `up_to` (a common term is not
    counted in full)."""
    return con.execute("SELECT COUNT(*) FROM (SELECT 1 FROM document_facts WHERE kind = ? AND term = ? LIMIT ?) AS capped",
                       (kind, term, up_to)).fetchone()[0]


def fact_elsewhere(con: Any, kind: str, term: str, doc: str) -> bool:
    """Whether a document other than `doc` has a summary row of this kind for this term."""
    return con.execute("SELECT 1 FROM document_facts WHERE kind = ? AND term = ? AND doc != ? LIMIT 1",
                       (kind, term, doc)).fetchone() is not None


def fact_terms(con: Any, kind: str) -> list[str]:
    """The distinct terms of the summary rows of this kind."""
    return [row[0] for row in con.execute("SELECT DISTINCT term FROM document_facts WHERE kind = ?", (kind,))]


def settled_claims_about(con: Any, place: str) -> bool:
    """Whether a claim of a document not pending an update is about this (canonical) place."""
    return con.execute("SELECT 1 FROM claims WHERE place = ? AND doc NOT IN (SELECT doc FROM pending_documents) LIMIT 1",
                       (place,)).fetchone() is not None


def claims_about(con: Any, place: str) -> bool:
    """Whether any claim is about this (canonical) place."""
    return con.execute("SELECT 1 FROM claims WHERE place = ? LIMIT 1", (place,)).fetchone() is not None


def named_other_than(con: Any, country: str, capital: str) -> bool:
    """Whether a document names the country other than by this capital's name: once the capital's
    name is taken out (`named_without`), or without mentioning that capital at all."""
    if con.execute("SELECT 1 FROM document_facts WHERE kind = 'named_without' AND term = ? AND extra = ? LIMIT 1",
                   (country, capital)).fetchone():
        return True
    return con.execute(
        "SELECT 1 FROM document_facts n WHERE n.kind = 'named' AND n.term = ? AND NOT EXISTS (SELECT 1 FROM "
        "document_facts c WHERE c.doc = n.doc AND c.kind = 'capital' AND c.extra = ?) LIMIT 1",
        (country, capital)).fetchone() is not None

