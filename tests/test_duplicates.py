"""Duplicate screening (duplicate_report): copies and near-copies found through the stored
fingerprints and their indexes, each copy reported once against its original, rewrites of one
report found by their quotes and figures, the update equal to the full run whatever the order
documents arrive in, and no text read to compare."""
from __future__ import annotations

import random
import sqlite3
from contextlib import closing

import pytest

from claimledger import api
from claimledger.analyse import documents as document_checks, update as incremental
from claimledger.ledger import linked, migrations as schema, store as storage
from claimledger.read.ingest import make_document
from claimledger.records import Claim

# Sentences written for these tests: a made-up wire story on a made-up ferry line.
STORY = ("The harbour board of Velmor said on Tuesday that its new ferry line carried 4,350 passengers in "
         "its first week, more than twice the 2,000 it had planned for. Board chair Ilsa Tarn told reporters "
         "that \"the demand took every one of us by surprise and we will add a third boat before the summer\". "
         "The line links the old quay with the island of Serrat, a crossing of 47 minutes that used to take "
         "half a day by the coast road. Fares stay at 12 crowns a trip until the end of the year, the board "
         "added, and residents of the island travel free on weekday mornings.")
OTHER = ("Farmers in the Ostrava valley brought in a smaller apple harvest than last year after a late frost "
         "in April, the growers' union said, and prices at the autumn market rose by about a tenth. Several "
         "orchards on the northern slopes lost most of their blossom, while those near the river did better.")
REWRITE = ("Velmor's ferry service drew far more riders than expected: 4,350 people used it during the opening "
           "week against 2,000 foreseen, according to the harbour board. \"The demand took every one of us by "
           "surprise and we will add a third boat before the summer,\" said Ilsa Tarn, who chairs the board. "
           "The 47-minute trip to Serrat replaces a half-day drive along the coast.")
# An interview the board chair gave one outlet, and another outlet's retelling of it: other words
# and no figure in common, but the same two quotes.
INTERVIEW = ("In an interview with the Velmor Gazette, board chair Ilsa Tarn said the ferry had changed the "
             "island. \"People who never left Serrat in winter now come to the market every week,\" she said. "
             "She added that the board would not raise fares: \"A ferry that only tourists can pay for is a "
             "ferry that has failed the island.\"")
RETOLD_INTERVIEW = ("Ilsa Tarn, who chairs Velmor's harbour board, told the Velmor Gazette that "
                    "\"people who never left Serrat in winter now come to the market every week\". Fares will "
                    "stay as they are, she told the paper: \"A ferry that only tourists can pay for is a ferry "
                    "that has failed the island.\"")
ONE_QUOTE_ONLY = ("Ferry users on Serrat welcomed the board's decision. Tarn had said that \"a ferry that only "
                  "tourists can pay for is a ferry that has failed the island\", and islanders agree.")
# Another outlet's story from the board's statement: its quote and figures, with figures of its own between them.
OWN_FIGURES_BETWEEN = ("The island council welcomed the figures. The board said 4,350 passengers used the line in its first "
                       "week; the council counts 900 islanders among them. Against a plan of 2,000, and with 60 cars a "
                       "day on the old road, chair Ilsa Tarn said \"the demand took every one of us by surprise and we "
                       "will add a third boat before the summer\". The crossing takes 47 minutes.")
SHARED_FIGURES = ((4350, "passengers"), (900, "islanders"), (2000, "passengers"), (60, "cars"), (47, "minutes"))
SAME_FIGURES_ONLY = ("A survey of commuters in another port counted 4,350 replies, 2,000 of them by post, and "
                     "found that the average trip took 47 minutes.")

FIGURES = ((4350, "passengers"), (2000, "passengers"), (47, "minutes"))


def claims_of(doc: str, text: str, figures=FIGURES, source: str | None = "harbour board") -> list[Claim]:
    """Hand-made claims for the figures of a text, at their places in it."""
    found = []
    for n, (value, head) in enumerate(figures):
        surface = f"{value:,}"
        start = text.find(surface) if surface in text else text.find(str(value))
        found.append(Claim(id=f"{doc}-{n}", doc=doc, text=surface, start=max(start, 0), end=max(start, 0) + len(surface),
                           value=float(value), low=float(value), high=float(value), unit=None, measure=head,
                           head=head, qualifier=None, kind="level", modality="asserted", source=source,
                           source_text=None, source_start=None, source_end=None, cue="said", time_start=None,
                           time_end=None, time_text=None, location=None, sentence=text[:40], sentence_start=0))
    return found


def copy_of(text: str, n: int) -> str:
    """A near-copy: a credit line of its own, and (every other copy) one word changed."""
    body = text.replace("Tuesday", "Wednesday") if n % 2 else text
    return f"Carried by outlet {n}.\n\n{body}"


def store(con, doc: str, text: str, published: str | None, claims: list[Claim]) -> None:
    storage.store(con, make_document(doc, text, None, published, None, None, None), claims)


def duplicate_pairs(con) -> set[tuple[str, ...]]:
    return {f.docs for f in linked.read_findings(con, type="duplicate_report")}


def screened(tmp_path, first: tuple, second: tuple) -> list:
    """The duplicate_report findings once report `second` follows report `first` (each (id, text,
    claims), published a day apart), each added and updated in turn; the update must give what
    the full run gives."""
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for (doc, text, claims), published in zip((first, second), ("2024-03-01", "2024-03-02")):
            store(con, doc, text, published, claims)
            api.update(con)
        found = linked.read_findings(con, type="duplicate_report")
        assert linked.read_findings(con) == incremental.full_recompute(con)[1]
    return found


def test_the_index_finds_copies_and_near_copies_and_not_unrelated_documents(tmp_path):
    """Eight copies of one story (some with a word changed), arriving in shuffled order, one
    update each, and an unrelated story: each copy is reported once, against the earliest copy;
    the unrelated story is in no finding; the stored findings equal the full run's."""
    docs = {f"copy{n}": (copy_of(STORY, n), f"2024-03-{n + 1:02d}") for n in range(8)}
    docs["other"] = (OTHER, "2024-03-02")
    order = list(docs)
    random.Random(4).shuffle(order)
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for doc in order:
            text, published = docs[doc]
            store(con, doc, text, published, claims_of(doc, text) if doc != "other" else [])
            api.update(con)
        assert duplicate_pairs(con) == {("copy0", f"copy{n}") for n in range(1, 8)}
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)


def test_an_earlier_copy_arriving_last_becomes_the_original(tmp_path):
    """The copies already stored move their finding to an earlier-dated copy added after them."""
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for n in (3, 1, 2, 0):
            text = copy_of(STORY, n)
            store(con, f"c{n}", text, f"2024-05-{n + 1:02d}", claims_of(f"c{n}", text))
            api.update(con)
        assert duplicate_pairs(con) == {("c0", "c1"), ("c0", "c2"), ("c0", "c3")}
        assert linked.read_findings(con) == incremental.full_recompute(con)[1]


def test_no_text_is_read_to_compare_a_new_copy(tmp_path, monkeypatch):
    """Adding the tenth copy reads one text, its own (to summarise it): the earlier copies are
    compared through their stored fingerprints."""
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for n in range(9):
            text = copy_of(STORY, n)
            store(con, f"c{n}", text, "2024-05-01", claims_of(f"c{n}", text))
        api.update(con)
        read = []
        real = storage.read_documents_by_id

        def counting(con_, ids, *, with_text=False):
            if with_text:
                read.extend(ids)
            return real(con_, ids, with_text=with_text)

        monkeypatch.setattr(storage, "read_documents_by_id", counting)
        text = copy_of(STORY, 9)
        store(con, "c9", text, "2024-05-01", claims_of("c9", text))
        api.update(con)
        assert set(read) == {"c9"}  # summarised and re-checked; no other text
        assert ("c0", "c9") in duplicate_pairs(con)


@pytest.mark.parametrize(("second", "figures", "source", "reported", "why"), [
    (REWRITE, FIGURES, "harbour board", True,
     'retells first in other words: the same quote ("the demand took every one of ...") and the same three '
     'figures in the same order (4,350, 2,000, 47)'),
    (SAME_FIGURES_ONLY, FIGURES, "commuter survey", False, None),
    (REWRITE, FIGURES[:2], "harbour board", False, None),
    (REWRITE.replace('"', ""), FIGURES, "harbour board", True, "the same named source (harbour board)"),
])
def test_a_rewrite_of_one_report_is_not_a_second_source(tmp_path, second, figures, source, reported, why):
    """A rewrite in other words is one report when it gives the same figures in the same order
    and shares a quote or a named source; the same figures alone, or two in a row, are not enough.
    The finding says why, and the update gives what the full run gives."""
    found = screened(tmp_path, ("first", STORY, claims_of("first", STORY)),
                     ("second", second, claims_of("second", second, figures, source)))
    assert bool(found) == reported
    if reported:
        [finding] = found
        assert finding.docs == ("first", "second") and why in finding.message
        assert set(finding.claims) == {f"{doc}-{n}" for doc in ("first", "second") for n in range(3)}


@pytest.mark.parametrize(("figures", "reported"), [(SHARED_FIGURES, True), (SHARED_FIGURES[:4], False)])
def test_a_quote_and_three_figures_in_order_among_its_own_are_one_source(tmp_path, figures, reported):
    """A story taking a statement's quote and three of its figures in the same order, with figures
    of its own between them, shares the other's source; with two of its figures, it does not."""
    found = screened(tmp_path, ("first", STORY, claims_of("first", STORY)),
                     ("second", OWN_FIGURES_BETWEEN, claims_of("second", OWN_FIGURES_BETWEEN, figures, "board")))
    assert bool(found) == reported
    if reported:
        assert found[0].evidence[0] == "relation=shared_source"
        assert "the same three figures in the same order (4,350, 2,000, 47)" in found[0].message


@pytest.mark.parametrize(("second", "reported"), [(RETOLD_INTERVIEW, True), (ONE_QUOTE_ONLY, False)])
def test_an_interview_retold_with_its_quotes_is_one_report(tmp_path, second, reported):
    """Two reports giving the same two quotes are one interview retold, with no figure in common;
    one quote in common alone is not (an official's line is quoted by everyone).  The finding
    names the quotes and the relation, and the update gives what the full run gives."""
    found = screened(tmp_path, ("interview", INTERVIEW, []), ("retold", second, []))
    assert bool(found) == reported
    if reported:
        [finding] = found
        assert finding.docs == ("interview", "retold") and finding.evidence[0] == "relation=same_interview"
        assert ('the same two quotes ("People who never left Serrat in ...", "A ferry that only tourists '
                'can ...")') in finding.message


def test_a_quote_a_headline_repeats_is_one_quote():
    """A quote given in the headline and again in the body pairs with the other report's quote once."""
    body = INTERVIEW.split(". ", 1)[1]
    headlined = make_document("h", '"A ferry that only tourists can pay for": the chair speaks\n\n' + body,
                              None, "2024-03-01", None, None, None)
    first = document_checks.fingerprint(headlined, [])
    other = document_checks.fingerprint(make_document("o", ONE_QUOTE_ONLY, None, "2024-03-02", None, None, None), [])
    assert len(first.quotes) == 3 and len(document_checks.shared_quotes(first, other)) == 1
    assert document_checks.dependence(first, other) is None


def test_copies_do_not_count_as_confirmation():
    """not_independent names the claims of each copy whose figures its original gives, which the
    checks leave out; a figure the second report adds of its own still counts."""
    first_claims = claims_of("a", STORY)
    first = document_checks.fingerprint(make_document("a", STORY, None, "2024-01-01", None, None, None), first_claims)
    copy = copy_of(STORY, 1) + " A fourth boat would cost 900,000 crowns."
    copy_claims = claims_of("b", copy, (*FIGURES, (900000, "crowns")))
    second = document_checks.fingerprint(make_document("b", copy, None, "2024-01-02", None, None, None), copy_claims)
    finding = document_checks.duplicate_finding(first, second)
    assert finding is not None
    assert document_checks.not_independent([finding], first_claims + copy_claims) == {"b-0", "b-1", "b-2"}
    assert document_checks.duplicate_finding(first, document_checks.fingerprint(
        make_document("c", OTHER, None, "2024-01-03", None, None, None), [])) is None


def test_migration_0012_replaces_pairwise_findings_with_one_per_copy(tmp_path):
    """A ledger whose duplicates were reported pair by pair (before 0012): the migration drops
    those findings and leaves every document pending; the next update reports each copy once,
    as the full run does."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    schema.migrate(con, schema.MIGRATIONS[:11])
    for n in range(3):
        text = copy_of(STORY, n)
        store(con, f"c{n}", text, f"2024-05-0{n + 1}", claims_of(f"c{n}", text))
    incremental.update(con)
    old = document_checks.make_finding("duplicate_report", None, [], ["c1", "c2"], "pairwise", "low", ("jaccard=0.97",))
    linked.write_findings(con, [incremental._scoped(old, {})])
    assert ("c1", "c2") in duplicate_pairs(con)
    con.close()
    with closing(storage.connect(path)) as con:
        assert not duplicate_pairs(con) and sorted(linked.pending_documents(con)) == ["c0", "c1", "c2"]
        api.update(con)
        assert duplicate_pairs(con) == {("c0", "c1"), ("c0", "c2")}
        assert linked.read_findings(con) == incremental.full_recompute(con)[1]


def test_migration_0013_writes_the_quotes_apart_and_screens_again(tmp_path):
    """A ledger of before 0013 (its quote rows pooled, not numbered by quote): the migration drops
    the duplicate findings and leaves every document pending; the next update writes each quote's
    rows and finds the retold interview, as the full run does."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    schema.migrate(con, schema.MIGRATIONS[:12])
    for doc, text in (("interview", INTERVIEW), ("retold", RETOLD_INTERVIEW)):
        store(con, doc, text, "2024-03-01", [])
    incremental.update(con)
    con.execute("DELETE FROM document_facts WHERE kind = 'quoted'")
    con.execute("UPDATE document_facts SET term = '' WHERE kind = 'quote'")
    con.close()
    with closing(storage.connect(path)) as con:
        assert sorted(linked.pending_documents(con)) == ["interview", "retold"]
        api.update(con)
        assert duplicate_pairs(con) == {("interview", "retold")}
        assert {f["term"] for f in linked.read_facts(con, ["retold"], ["quoted"])} == {"0", "1"}
        assert linked.read_findings(con) == incremental.full_recompute(con)[1]


def test_the_screen_gives_the_same_findings_on_postgresql(tmp_path):
    """Copies and a rewrite added one at a time to a PostgreSQL ledger and to a SQLite one: the
    same duplicate findings (the screen's SQL reads alike on both)."""
    from test_postgres import fresh_database, server_url

    docs = [(f"copy{n}", copy_of(STORY, n), f"2024-03-{n + 2:02d}") for n in (3, 1, 2)]
    docs.append(("rewrite", REWRITE, "2024-03-01"))
    with fresh_database(server_url()) as url, closing(storage.connect(url)) as pg, \
            closing(storage.connect(tmp_path / "ledger.db")) as lite:
        for con in (pg, lite):
            for doc, text, published in docs:
                store(con, doc, text, published, claims_of(doc, text))
                api.update(con)
        found = linked.read_findings(lite, type="duplicate_report")
        assert len(found) == 3 and linked.read_findings(pg, type="duplicate_report") == found
