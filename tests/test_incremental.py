"""Incremental update: adding a corpus in batches stores exactly what a full recompute gives."""
from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

import claimledger
from claimledger import api, incremental, storage
from claimledger.ingest import make_document
from claimledger.records import Claim

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "car-instructors"


def stored(db: Path) -> tuple[list[dict], list[dict]]:
    with closing(storage.connect(db)) as con:
        assert storage.pending_documents(con) == []
        return storage.read_series(con), storage.read_findings(con)


def recomputed(db: Path) -> tuple[list[dict], list[dict]]:
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
    assert {f["type"] for f in findings} >= {"duplicate_report", "parts_sum", "suspicious_entity"}


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


def test_relink_rewrites_the_same_rows(tmp_path, at_once):
    db = tmp_path / "copy.db"
    db.write_bytes(at_once.read_bytes())
    with closing(storage.connect(db)) as con:
        con.execute("DELETE FROM findings")
    api.relink(db)
    assert stored(db) == stored(at_once)


def test_the_api_reads_stored_rows(at_once):
    assert api.series(at_once) == stored(at_once)[0]
    assert api.findings(at_once) == stored(at_once)[1]


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
        assert (storage.read_series(con), storage.read_findings(con)) == incremental.full_recompute(con)
        assert any(f["type"] == "duplicate_report" for f in storage.read_findings(con))
        # b now says something else: no longer a copy, another head, another figure.
        store(con, "b", "A new text on 300 Lorian pilots in Centralia in 2022, said the DRC envoy.", "2022-01-01",
              [make_claim("b", 1, 300, "pilot", time_start="2022", time_end="2022")])
        result = api.update(con)
        assert result.documents == 1 and result.heads == 2
        assert (storage.read_series(con), storage.read_findings(con)) == incremental.full_recompute(con)
        assert not any(f["type"] == "duplicate_report" for f in storage.read_findings(con))


def test_an_update_reads_only_the_claims_of_the_heads_it_touches(tmp_path):
    db = tmp_path / "ledger.db"
    with closing(storage.connect(db)) as con:
        for n in range(30):
            store(con, f"d{n}", f"Story {n} about head{n}.", "2021-01-01", [make_claim(f"d{n}", 1, n + 5, f"head{n}")])
        api.update(con)
        store(con, "new", "A late story.", "2021-03-01", [make_claim("new", 1, 7, "head2")])
        result = api.update(con)
        assert (result.documents, result.heads, result.claims_read) == (1, 1, 2)
        assert (storage.read_series(con), storage.read_findings(con)) == incremental.full_recompute(con)


def test_probing_the_rarest_shingles_never_misses_a_duplicate(tmp_path):
    """Documents repeating a boilerplate paragraph and differing in a few words: every pair at or
    above the threshold is found, the boilerplate notwithstanding."""
    from itertools import combinations

    from claimledger.checks import DUPLICATE_JACCARD, jaccard, shingles

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
        found = {tuple(sorted(f["docs"])) for f in storage.read_findings(con, type="duplicate_report")}
    expected = {(a, b) for a, b in combinations(sorted(texts), 2)
                if jaccard(shingles(texts[a]), shingles(texts[b])) >= DUPLICATE_JACCARD}
    assert expected and found == expected


def test_near_acronyms_is_one_edit():
    assert incremental.near_acronyms(["MINUSCA", "MINURCA", "MINUSMA", "UNSC", "MINUSCAR"], ["MINUSCA"]) == {
        "MINUSCA", "MINURCA", "MINUSMA", "MINUSCAR"}
    assert incremental.near_acronyms(["ABCD", "BACD"], ["ABCD"]) == {"ABCD"}


def test_a_long_add_updates_as_it_goes_and_ends_like_at_once(tmp_path, at_once, monkeypatch, example_files):
    """`add` brings series and findings up to date every UPDATE_EVERY documents, not only at its end."""
    calls = []
    real_update = api.update

    def counting_update(con):
        calls.append(len(storage.pending_documents(con)))
        return real_update(con)
    monkeypatch.setattr(api, "UPDATE_EVERY", 3)
    monkeypatch.setattr(api, "update", counting_update)
    db = tmp_path / "ledger.db"
    claimledger.add([EXAMPLES], db=db)
    assert calls[:2] == [3, 3] and sum(calls) == len(example_files)
    assert stored(db) == stored(at_once)
