"""Incremental update: adding a corpus in batches stores exactly what a full recompute gives."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

import claimledger
from claimledger import api
from claimledger.analyse import documents as document_checks, update as incremental
from claimledger.ledger import linked, store as storage
from claimledger.ledger import shingles as shingle_index, sql
from claimledger.read.ingest import make_document
from claimledger.records import Claim, Finding, Series

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "car-instructors"


def stored(db: Path) -> tuple[list[Series], list[Finding]]:
    with closing(storage.connect(db)) as con:
        assert linked.pending_documents(con) == []
        return linked.read_series(con), linked.read_findings(con)


def recomputed(db: Path) -> tuple[list[Series], list[Finding]]:
    with closing(storage.connect(db)) as con:
        return incremental.full_recompute(con)


def add_in_batches(db: Path, batches: list[list[Path]]) -> None:
    for batch in batches:
        result = claimledger.add(batch, db=db)
        assert result.added == len(batch)


@pytest.fixture(scope="module")
def example_files() -> list[Path]:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        pytest.skip("the example corpus is not in this checkout")
    return files


@pytest.fixture(scope="module")
def at_once(tmp_path_factory, example_files) -> Path:
    db = tmp_path_factory.mktemp("once") / "ledger.db"
    try:
        claimledger.add([EXAMPLES], db=db)
    except claimledger.ModelNotInstalled as exc:
        pytest.skip(f"the example corpus needs the spaCy model: {exc}")
    return db


def test_at_once_equals_a_full_recompute(at_once):
    series, findings = stored(at_once)
    assert series and findings, "the example corpus should link series and give findings"
    assert (series, findings) == recomputed(at_once)
    assert {f.type for f in findings} >= {"duplicate_report", "parts_sum", "suspicious_entity"}


# Reversed, the rewrite with "since 1890" (08) comes before the interview giving 1,890 (07), and
# the republished wire (05) before its original (04), each in an earlier batch.
@pytest.mark.parametrize("split, reverse", [([4], False), ([2, 5], False), ([3, 6], True), ([1, 2, 7], False),
                                            ([1, 4], True), ([1, 2, 3, 4, 5, 6, 7], True)])
def test_batches_equal_at_once(tmp_path, at_once, example_files, split, reverse):
    bounds = [0, *split, len(example_files)]
    order = list(reversed(example_files)) if reverse else example_files
    db = tmp_path / "ledger.db"
    add_in_batches(db, [order[a:b] for a, b in zip(bounds, bounds[1:])])
    assert stored(db) == stored(at_once)
    assert stored(db) == recomputed(db)


STORIES = Path(__file__).resolve().parent / "stories"


def test_the_update_and_the_full_recompute_give_the_same_findings_on_the_stories(tmp_path):
    """The stories of tests/stories (twelve, told by several outlets over weeks, with copies and
    rewrites) added one story at a time, in reverse: every check run by the update equals the full
    recompute's, and the story corpus gives findings of four kinds or more to compare."""
    stories = sorted((p for p in STORIES.iterdir() if p.is_dir()), reverse=True)
    db = tmp_path / "stories.db"
    add_in_batches(db, [sorted(story.glob("*.txt")) for story in stories])
    series, findings = stored(db)
    assert (series, findings) == recomputed(db)
    assert len({f.type for f in findings}) >= 4


def test_relink_rewrites_the_same_rows(tmp_path, at_once):
    db = tmp_path / "copy.db"
    db.write_bytes(at_once.read_bytes())
    with closing(storage.connect(db)) as con:
        con.execute("DELETE FROM findings")
    api.relink(db)
    assert stored(db) == stored(at_once)


def test_the_api_reads_stored_rows(at_once):
    assert api.series(at_once) == [one.to_dict() for one in stored(at_once)[0]]
    assert api.findings(at_once) == [finding.to_dict() for finding in stored(at_once)[1]]


# ------------------------------------------------------------ hand-made claims (no spaCy)

def make_claim(doc_id: str, n: int, value: float, head: str, **fields) -> Claim:
    base = dict(id=f"{doc_id}-{n}", doc=doc_id, text=str(value), start=n * 10, end=n * 10 + 3, value=value,
                low=value, high=value, unit=None, measure=f"Lorian {head}s", head=head, qualifier=None,
                kind="level", modality="asserted", source="defence office", source_text=None, source_start=None,
                source_end=None, cue="said", time_start=None, time_end=None, time_text=None, location="Centralia",
                sentence=f"The office said {value} {head}s.", sentence_start=n * 10)
    return Claim(**{**base, **fields})


def store(con, doc_id: str, text: str, published: str, claims: list[Claim]) -> None:
    storage.store(con, make_document(doc_id, text, None, published, None, None, None), claims)


WIRE = ("Four hundred Lorian advisers flew into Centralia this week, the defence office said, and "
        "the office put the total at nine hundred advisers after the arrivals, officials in Kinshasa noted.")


def test_replacing_a_document_updates_what_it_touched(tmp_path):
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        store(con, "a", WIRE, "2021-01-05", [make_claim("a", 1, 900, "adviser"),
                                             make_claim("a", 2, 400, "adviser", kind="increase")])
        store(con, "b", WIRE + " Nothing else changed.", "2021-01-06", [make_claim("b", 1, 900, "adviser")])
        store(con, "c", "An unrelated note from MINURCA about 2,500 pilots in 2021.", "2021-02-01",
              [make_claim("c", 1, 2500, "pilot", source="UN")])
        api.update(con)
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)
        assert any(f.type == "duplicate_report" for f in linked.read_findings(con))
        # b now says something else: no longer a copy, another head, another figure.
        store(con, "b", "A new text on 300 Lorian pilots in Centralia in 2022, said the DRC envoy.", "2022-01-01",
              [make_claim("b", 1, 300, "pilot", time_start="2022", time_end="2022")])
        result = api.update(con)
        assert result.documents == 1 and result.heads == 2
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)
        assert not any(f.type == "duplicate_report" for f in linked.read_findings(con))


def test_an_update_reads_only_the_claims_of_the_heads_it_touches(tmp_path):
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        for n in range(30):
            store(con, f"d{n}", f"Story {n} about head{n}.", "2021-01-01", [make_claim(f"d{n}", 1, n + 5, f"head{n}")])
        api.update(con)
        store(con, "new", "A late story.", "2021-03-01", [make_claim("new", 1, 7, "head2")])
        result = api.update(con)
        assert (result.documents, result.heads, result.claims_read) == (1, 1, 2)
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)


def test_a_nationality_series_joins_its_refugees_when_a_later_document_says_they_are_one(tmp_path):
    """The head class is the update's scope: a report counting Burundians under refugees joins the
    Burundians an earlier report counted alone, and the stored series equal the full recompute's."""
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        store(con, "a", "The ministry counted 41,200 Burundians in Centralia.", "2024-04-01",
              [make_claim("a", 1, 41_200, "Burundian", time_start="2024-03", time_end="2024-03-31")])
        store(con, "r", "An aid note on 500 refugees in Centralia.", "2024-04-02", [make_claim("r", 1, 500, "refugee")])
        api.update(con)
        assert sorted(s.head for s in linked.read_series(con)) == ["Burundian", "refugee"]
        store(con, "b", "The agency counted 36,600 refugees, among them 12,000 Burundians, in Centralia.", "2024-04-04",
              [make_claim("b", 1, 36_600, "refugee"), make_claim("b", 2, 12_000, "Burundian", kind="increase")])
        result = api.update(con)
        assert (result.heads, result.claims_read) == (1, 4)  # the touched head read with its whole class
        [series] = linked.read_series(con)
        assert series.head == "refugee" and len(series.claims) == 4
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)


@pytest.mark.parametrize(("cap", "hits"), [(None, 4), (2, 4), (None, 1), (2, 1), (None, 500)])
def test_probing_the_rarest_shingles_never_misses_a_duplicate(tmp_path, monkeypatch, cap, hits):
    """Documents repeating a boilerplate paragraph and differing in a few words: every copy (a
    document with an earlier one at or above the threshold) is found, against the earliest, the boilerplate notwithstanding, also when the counts screening
    reads stop at 2 (so that most shingles tie as common and the probe holds boilerplate: any probe
    is exact, rarity only keeps it cheap), whether a candidate must hold one probed shingle,
    PROBE_HITS of them, or (more than any document has) all of them."""
    from itertools import combinations

    if cap is not None:
        exact = shingle_index.shingle_counts
        monkeypatch.setattr(shingle_index, "shingle_counts",
                            lambda con, hashes: {h: min(n, cap) for h, n in exact(con, hashes).items()})
    monkeypatch.setattr(incremental, "PROBE_HITS", hits)

    from claimledger.analyse.documents import DUPLICATE_JACCARD, jaccard, shingles

    boilerplate = " ".join(f"b{i}" for i in range(40))
    texts = {}
    for n in range(12):
        words = [f"w{i}" for i in range(60)]
        for i in range(n % 6):
            words[7 * i + 3] = f"x{n}-{i}"
        texts[f"d{n:02d}"] = boilerplate + " " + " ".join(words) if n % 2 else " ".join(words)
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        for doc_id, text in texts.items():
            store(con, doc_id, text, f"2021-01-{int(doc_id[1:]) + 1:02d}", [])
            api.update(con)  # one at a time: each new document probes the index
        found = {tuple(f.docs) for f in linked.read_findings(con, type="duplicate_report")}
    pairs = [(a, b) for a, b in combinations(sorted(texts), 2)
             if jaccard(shingles(texts[a]), shingles(texts[b])) >= DUPLICATE_JACCARD]
    expected = {(min(a for a, b in pairs if b == copy), copy) for copy in {b for _a, b in pairs}}
    assert expected and found == expected


def test_the_shingle_index_follows_replaced_documents(tmp_path):
    """Replacing a document's text rewrites its packed shingle set and its postings, nothing else's."""
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        store(con, "a", "one two three four five six seven", "2021-01-01", [])
        store(con, "b", "one two three four five six eight", "2021-01-02", [])
        api.update(con)
        store(con, "a", "nine ten eleven twelve thirteen", "2021-01-01", [])
        api.update(con)
        sets = shingle_index.shingle_sets(con, ["a", "b"])
        postings = con.execute("SELECT doc, hash FROM document_shingles ORDER BY doc, hash").fetchall()
    expected = {doc: {incremental.shingle_hash(s) for s in document_checks.shingles(text)} for doc, text in (
        ("a", "nine ten eleven twelve thirteen"), ("b", "one two three four five six eight"))}
    assert sets == expected
    assert [tuple(row) for row in postings] == sorted((doc, h) for doc, hs in expected.items() for h in hs)


def test_shingle_counts_follow_the_postings(tmp_path):
    """The maintained count of documents per shingle equals a count of the postings after
    documents are added, replaced by other text (shared shingles leave, new ones enter) and
    replaced by an empty one; a shingle no document holds any more has no row."""
    import random

    rng = random.Random(7)
    words = ["red", "green", "blue"]
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        for round_ in range(4):
            for n in range(15):
                text = " ".join(rng.choice(words) for _ in range(rng.choice([0, 3, 9, 20])))
                store(con, f"d{n}", text or f"round {round_}", f"2021-01-{n + 1:02d}", [])
            api.update(con)
            stored = dict(con.execute("SELECT hash, docs FROM shingle_counts").fetchall())
            postings = dict(con.execute("SELECT hash, COUNT(*) FROM document_shingles GROUP BY hash").fetchall())
            assert stored == postings and max(stored.values()) > 1
            hashes = sorted(postings) + [2**31 - 5]
            assert shingle_index.shingle_counts(con, hashes) == {**postings, 2**31 - 5: 0}


def test_shingle_changes_written_together_equal_writing_each_document(tmp_path):
    """Postings recorded over many documents and written once (sorted, as an update does) give the
    index and counts that writing each document at once gives; a posting gained and lost again
    before the write leaves nothing behind."""
    def index(con) -> tuple[list, list]:
        return ([tuple(r) for r in con.execute("SELECT hash, doc FROM document_shingles ORDER BY hash, doc")],
                [tuple(r) for r in con.execute("SELECT hash, docs FROM shingle_counts ORDER BY hash")])

    sets = [("d1", [5, 9, 40]), ("d2", [9, 14]), ("d1", [9, 77]), ("d3", [14, 2**31 - 1])]
    with closing(storage.connect(tmp_path / "each.db")) as each, closing(storage.connect(tmp_path / "once.db")) as once:
        changes = shingle_index.ShingleChanges()
        for doc, hashes in sets:
            linked.replace_facts(each, doc, [], hashes)
            linked.replace_facts(once, doc, [], hashes, changes)
        assert index(once) == ([], []) and len(changes) == 6  # nothing written before `write`
        changes.write(once)
        assert len(changes) == 0
        assert index(once) == index(each) == (
            [(9, "d1"), (9, "d2"), (14, "d2"), (14, "d3"), (77, "d1"), (2**31 - 1, "d3")],
            [(9, 2), (14, 2), (77, 1), (2**31 - 1, 1)])


def test_postings_in_levels_read_as_one_index(tmp_path, monkeypatch):
    """With levels a few dozen postings large, updates move postings up through several levels;
    whatever level holds them, the postings are exactly the documents' shingle sets, no level holds
    more than its capacity, replaced documents leave every level, and duplicate screening finds what
    the full recompute finds."""
    import random

    monkeypatch.setattr(shingle_index, "LEVEL_POSTINGS", 30)
    monkeypatch.setattr(shingle_index, "LEVEL_RATIO", 2)
    rng = random.Random(11)
    words = [f"w{n}" for n in range(40)]
    seen_levels: set[int] = set()
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for round_ in range(12):
            for n in rng.sample(range(25), 4):  # some documents replaced by other text, some copied
                text = " ".join(rng.choice(words) for _ in range(rng.choice([0, 6, 12])))
                store(con, f"d{n}", text or f"round {round_}", f"2021-01-{n + 1:02d}", [])
            if round_ % 3 == 2:  # a copy of a document stored earlier, a word changed
                original = " ".join(rng.choice(words) for _ in range(30))
                store(con, f"orig{round_}", original, "2021-02-01", [])
                api.update(con)
                store(con, f"copy{round_}", original.replace(" ", " also ", 1), "2021-02-02", [])
            api.update(con)
            held = dict(con.execute("SELECT level, COUNT(*) FROM document_shingles GROUP BY level").fetchall())
            counted = shingle_index.posting_levels(con)
            seen_levels |= set(held)
            assert all(held[level] <= shingle_index.level_capacity(level) for level in held), held
            assert all(counted.get(level, 0) >= n for level, n in held.items()), (held, counted)
            docs = [row[0] for row in con.execute("SELECT id FROM documents ORDER BY id")]
            sets = shingle_index.shingle_sets(con, docs)
            postings = con.execute("SELECT hash, doc FROM document_shingles ORDER BY hash, doc").fetchall()
            assert [tuple(row) for row in postings] == sorted((h, doc) for doc, hs in sets.items() for h in hs)
            hashes = sorted(set().union(*sets.values()))
            assert shingle_index.shingle_postings(con, hashes) == {
                h: sorted(doc for doc, hs in sets.items() if h in hs) for h in hashes}
            assert linked.read_findings(con) == incremental.full_recompute(con)[1]
        assert len(seen_levels) >= 3 and any(f.type == "duplicate_report" for f in linked.read_findings(con))


def test_levels_settle_from_the_bottom_up(tmp_path, monkeypatch):
    """A level over its capacity moves whole into the next, which moves on in turn when that puts it
    over its own; a level whose count is over only by postings deleted since is counted again and stays."""
    monkeypatch.setattr(shingle_index, "LEVEL_POSTINGS", 4)
    monkeypatch.setattr(shingle_index, "LEVEL_RATIO", 2)
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        def levels() -> dict[int, int]:
            return dict(con.execute("SELECT level, COUNT(*) FROM document_shingles GROUP BY level").fetchall())

        linked.replace_facts(con, "a", [], [1, 2, 3, 4])
        assert levels() == {0: 4} == shingle_index.posting_levels(con)
        linked.replace_facts(con, "b", [], [5, 6, 7, 8])  # level 0 at 8 > 4: moves to 1 (capacity 8)
        assert levels() == {1: 8} == shingle_index.posting_levels(con)
        linked.replace_facts(con, "c", [], [9, 10, 11, 12, 13])  # 0 at 5 moves; 1 at 13 > 8 moves to 2
        assert levels() == {2: 13} == shingle_index.posting_levels(con)
        linked.replace_facts(con, "c", [], [9])  # four of c's postings and all of a's leave level 2
        linked.replace_facts(con, "a", [], [])
        linked.replace_facts(con, "d", [], [20, 21, 22])
        assert levels() == {0: 3, 2: 5} and shingle_index.posting_levels(con) == {0: 3, 2: 13}
        linked.replace_facts(con, "e", [], [30, 31])  # 0 at 5 moves to 1, which holds 5 of 8
        assert levels() == {1: 5, 2: 5}
        # 0 at 5 moves to 1; 1 at 10 moves to 2, counted at 23 of 16 but holding 15: it stays.
        linked.replace_facts(con, "f", [], [40, 41, 42, 43, 44])
        assert levels() == {2: 15} == shingle_index.posting_levels(con)
        assert shingle_index.shingle_postings(con, [1, 9, 20, 30, 99]) == {9: ["c"], 20: ["d"], 30: ["e"]}
        assert shingle_index.docs_holding(con, [1, 9, 20, 21, 40, 41], 2) == ["d", "f"]


def test_relink_writes_the_same_index_in_batches_of_any_size(tmp_path, monkeypatch, example_files):
    """`relink` writes its postings every RELINK_POSTINGS changes (memory stays flat): rebuilt from
    an empty index a hundred at a time, the index equals one rebuilt at once and the one `add` wrote."""
    db = tmp_path / "ledger.db"
    claimledger.add(example_files, db=db)

    def index() -> tuple[list, list]:
        with closing(storage.connect(db)) as con:
            return (con.execute("SELECT hash, doc FROM document_shingles ORDER BY hash, doc").fetchall(),
                    con.execute("SELECT hash, docs FROM shingle_counts ORDER BY hash").fetchall())

    def relinked() -> tuple[list, list]:
        with closing(storage.connect(db)) as con:
            with sql.transaction(con):
                for table in ("document_shingles", "document_shingle_sets", "shingle_counts"):
                    con.execute(f"DELETE FROM {table}")
            incremental.relink(con)
            return (con.execute("SELECT hash, doc FROM document_shingles ORDER BY hash, doc").fetchall(),
                    con.execute("SELECT hash, docs FROM shingle_counts ORDER BY hash").fetchall())

    added = index()
    whole = relinked()
    monkeypatch.setattr(incremental, "RELINK_POSTINGS", 100)
    assert relinked() == whole == added and len(whole[0]) > 1000


def test_near_acronyms_is_one_edit():
    assert incremental.near_acronyms(["MINUSCA", "MINURCA", "MINUSMA", "UNSC", "MINUSCAR"], ["MINUSCA"]) == {
        "MINUSCA", "MINURCA", "MINUSMA", "MINUSCAR"}
    assert incremental.near_acronyms(["ABCD", "BACD"], ["ABCD"]) == {"ABCD"}


def test_a_long_add_updates_as_it_goes_and_ends_like_at_once(tmp_path, at_once, monkeypatch, example_files):
    """`add` brings series and findings up to date every UPDATE_EVERY documents, not only at its end."""
    calls, finals = [], []
    real_update = api.update

    def counting_update(con, final=True):
        calls.append(len(linked.pending_documents(con)))
        finals.append(final)
        return real_update(con, final=final)
    monkeypatch.setattr(api, "UPDATE_EVERY", 3)
    monkeypatch.setattr(api, "update", counting_update)
    db = tmp_path / "ledger.db"
    claimledger.add([EXAMPLES], db=db)
    assert calls[:2] == [3, 3] and sum(calls) == len(example_files)
    assert finals[-1] and not any(finals[:-1]), "only the last update of an add relinks every pending head"
    assert stored(db) == stored(at_once)


def shared_head_corpus(count: int) -> list[tuple]:
    """(id, text, published, claims) of documents that all count "adviser" (a head whose series grows
    with the corpus) among others: levels that agree or not, from several sources and places, dated to
    the day, month or year or not at all, flows, provisional and final figures, breakdowns."""
    import random

    rng = random.Random(7)
    made = []
    for n in range(count):
        doc, month = f"s{n:03d}", 1 + n % 6
        claims = []
        for k in range(4):
            head = "adviser" if k % 2 == 0 else f"pilot{n % 5}"
            value = rng.choice([900, 900, 950, 1200, 400, 50])
            when = rng.choice([None, "2021", f"2021-{month:02d}", f"2021-{month:02d}-{1 + n % 27:02d}"])
            cue = rng.choice(["", " preliminary", " final"])
            claims.append(make_claim(
                doc, k, value, head, kind=rng.choice(["level", "level", "increase", "decrease"]),
                source=rng.choice(["defence office", "UN experts", "the mayor"]), time_start=when, time_end=when,
                location=rng.choice(["Centralia", "Kinshasa", None]), sentence=f"The{cue} count: {value} {head}s.",
                qualifier=rng.choice([None, None, "military", "civilian"])))
        text = f"Report {n} on advisers and pilots, item {rng.randrange(10 ** 6)} of the series."
        made.append((doc, text, f"2021-{month:02d}-{1 + n % 27:02d}", claims))
    return made


@pytest.mark.parametrize("batches", [[40], [10, 10, 20], [1] * 12 + [28]])
def test_batches_sharing_a_head_equal_a_full_recompute(tmp_path, batches):
    """Every update relinks a head the earlier batches already hold; what it stores stays what a full
    recompute gives, with disagreements, flows and revisions among the findings."""
    db = tmp_path / "ledger.db"
    corpus, first = shared_head_corpus(sum(batches)), 0
    with closing(storage.connect(db)) as con:
        for size in batches:
            for doc, text, published, claims in corpus[first:first + size]:
                store(con, doc, text, published, claims)
            first += size
            api.update(con)
            assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)
        types = {f.type for f in linked.read_findings(con)}
    assert {"source_disagreement", "stock_flow", "revision"} <= types


def growing_head(con, first: int, count: int) -> None:
    """Store `count` documents from number `first` on, each with two "adviser" figures that disagree."""
    for n in range(first, first + count):
        doc = f"g{n:04d}"
        store(con, doc, f"Note {n} on the advisers.", f"2021-{1 + n % 12:02d}-01",
              [make_claim(doc, 1, 900 + n, "adviser"), make_claim(doc, 2, 400 + n, "adviser", source="UN experts")])


def test_a_head_grown_by_little_waits_for_the_final_update(tmp_path):
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        growing_head(con, 0, 20)
        first = api.update(con, final=False)
        assert (first.heads, first.deferred) == (1, 0), "a new head is relinked at once (all its claims are new)"
        growing_head(con, 20, 2)  # 4 new claims of 44: under RELINK_SHARE
        second = api.update(con, final=False)
        assert (second.documents, second.heads, second.claims_read, second.deferred) == (2, 0, 0, 1)
        assert linked.pending_heads(con) == {"adviser": 4}
        assert linked.read_series(con) != incremental.full_recompute(con)[0]
        last = api.update(con)
        assert (last.documents, last.heads, last.claims_read, last.deferred) == (0, 1, 44, 0)
        assert linked.pending_heads(con) == {}
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)


@pytest.mark.parametrize("stored_after", [0, 2])
def test_a_run_killed_between_updates_ends_like_a_full_recompute(tmp_path, stored_after):
    """Heads left pending are in the ledger, not in memory: a reader sees them waiting (and changes
    nothing), and the next update relinks them, whether or not documents were stored after the last one."""
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        growing_head(con, 0, 30)
        api.update(con, final=False)
        growing_head(con, 30, 3)
        api.update(con, final=False)
        growing_head(con, 33, stored_after)  # stored, never updated: the add was killed here
        assert linked.pending_heads(con) and len(linked.pending_documents(con)) == stored_after
    waiting = claimledger.pending(db)
    assert waiting and claimledger.pending(db) == waiting  # reading wrote nothing
    claimledger.update(db)
    series = claimledger.series(db=db)
    with closing(storage.connect(db)) as con:
        assert not linked.has_pending_work(con)
        recomputed_series, recomputed_findings = incremental.full_recompute(con)
        assert series == [one.to_dict() for one in recomputed_series]
        assert linked.read_findings(con) == recomputed_findings
        assert any(f.type == "source_disagreement" for f in linked.read_findings(con))


@pytest.mark.parametrize("final", [False, True])
def test_a_long_add_reads_each_claim_a_bounded_number_of_times(tmp_path, final):
    """One head every batch adds to: deferred relinking reads at most about (1 + 1/RELINK_SHARE) times
    the claims stored, plus the final update; relinking at every update (final=True) reads them
    once per update, past that bound."""
    total = 0
    with closing(storage.connect(tmp_path / "ledger.db")) as con:
        for first in range(0, 100, 5):
            growing_head(con, first, 5)
            total += api.update(con, final=final).claims_read
        total += api.update(con).claims_read
        stored_claims = storage.count_claims(con)
        assert (linked.read_series(con), linked.read_findings(con)) == incremental.full_recompute(con)
    bound = (2 + 1 / incremental.RELINK_SHARE) * stored_claims
    assert (total <= bound) is (not final), (total, bound)
