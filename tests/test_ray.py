"""The Ray engine gives the same claims as the local one, into SQLite, PostgreSQL and Parquet.

Ray runs in local mode on this machine (2 CPUs, no dashboard), started once
for the module.  Without the `cluster` extra the tests skip, except under
CI, which installs it.  The PostgreSQL comparison needs the test server of
tests/test_postgres.py.
"""
from __future__ import annotations

import json
import os
import sys
from contextlib import closing

import pytest

from claimledger import api
from claimledger.ledger import linked, store as storage
from claimledger.errors import BadInput
from claimledger.options import Options
from conftest import run_cli
from test_postgres import fresh_database, server_url

DOCUMENT_KEYS = ("id", "text", "published", "publisher", "title", "url")


def require_ray():
    if os.environ.get("CI"):
        import ray  # noqa: F401  (CI installs the cluster extra: a missing one fails here)
    else:
        pytest.importorskip("ray", reason="the cluster extra (Ray) is not installed")
        pytest.importorskip("pyarrow", reason="the cluster extra (pyarrow) is not installed")


@pytest.fixture(scope="module")
def ray_local():
    """Ray on this machine for the module's tests, shut down after them."""
    require_ray()
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The example corpus added by the local engine: its claims, series, findings and documents."""
    db = tmp_path_factory.mktemp("local") / "ledger.db"
    assert api.add([api.demo_corpus()], db=db).ok
    rows = api.ledger(db)
    assert rows["claims"] and rows["series"] and rows["findings"]
    return rows


def ray_add(paths, db, jobs: int = 1) -> api.AddResult:
    return api.add([str(p) for p in paths], db=db, options=Options(jobs=jobs), engine="ray")


def test_missing_ray_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(BadInput, match=r"pip install 'claimledger\[cluster\]'"):
        api.add([api.demo_corpus()], db=tmp_path / "x.db", engine="ray")


@pytest.mark.slow
def test_ray_into_sqlite_and_parquet_gives_the_local_claims(ray_local, reference, tmp_path):
    from claimledger.engines.ray import read_parquet_claims

    result = ray_add([api.demo_corpus()], tmp_path / "ray.db", jobs=2)
    assert (result.added, result.claims, result.problems) == (8, len(reference["claims"]), [])
    assert api.claims(tmp_path / "ray.db") == reference["claims"]
    with closing(storage.connect(tmp_path / "ray.db")) as con:
        assert not linked.has_pending_work(con)  # series and findings stored by the add itself
    again = ray_add([api.demo_corpus()], tmp_path / "ray.db")
    assert (again.added, again.unchanged) == (0, 8)

    result = ray_add([api.demo_corpus()], tmp_path / "out.parquet")
    assert (result.added, result.claims) == (8, len(reference["claims"]))
    assert read_parquet_claims(tmp_path / "out.parquet") == reference["claims"]
    with pytest.raises(BadInput, match="already exists"):
        ray_add([api.demo_corpus()], tmp_path / "out.parquet")


@pytest.mark.slow
def test_sqlite_postgresql_and_ray_give_the_same_claims(ray_local, reference):
    base = server_url()
    with fresh_database(base) as url:
        assert api.add([api.demo_corpus()], db=url).ok
        assert api.claims(url) == reference["claims"]
    with fresh_database(base) as url:
        result = ray_add([api.demo_corpus()], url)
        assert result.ok and result.added == 8
        rows = api.ledger(url)
        assert rows["claims"] == reference["claims"]
        assert (rows["series"], rows["findings"]) == (reference["series"], reference["findings"])


@pytest.mark.slow
def test_ray_skips_documents_the_ledger_holds_before_extracting(ray_local, reference, tmp_path):
    from contextlib import closing

    from claimledger.engines.ray import extract_dataset
    from claimledger.ledger import store

    db = tmp_path / "ray.db"
    first = ray_add([api.demo_corpus()], db, jobs=2)
    assert (first.added, first.unchanged) == (8, 0)
    with closing(store.connect(db)) as con:
        known = store.content_hashes(con)
    assert len(known) == 8
    rows = list(extract_dataset(ray_local, [str(p) for p in sorted(api.demo_corpus().glob("*.txt"))],
                                Options(), known).iter_rows())
    assert len(rows) == 8 and all(row["unchanged"] and row["claim_count"] == 0 for row in rows)
    again = ray_add([api.demo_corpus()], db, jobs=2)
    assert (again.added, again.unchanged, again.claims, again.problems) == (0, 8, 0, [])
    assert api.claims(db) == reference["claims"]


def test_the_extractor_is_not_given_documents_marked_unchanged(monkeypatch, reference, tmp_path):
    require_ray()
    from claimledger import pipeline
    from claimledger.engines.ray import ClaimExtractor, read_shards

    pa = pytest.importorskip("pyarrow")
    folder = tmp_path / "docs"
    folder.mkdir()
    for document in reference["documents"][:3]:
        (folder / f"{document['id']}.txt").write_text(document["text"], encoding="utf-8")
    paths = pa.table({"path": [str(p) for p in sorted(folder.glob("*.txt"))]})
    batch = read_shards(paths, Options())
    first = batch.slice(0, 1).to_pylist()[0]
    marked = read_shards(paths, Options(), {first["id"]: first["sha"], "other": "x"})
    assert marked.column("unchanged").to_pylist() == [True, False, False]
    given, real_extract = [], pipeline.extract

    def recording_extract(documents, options):
        given.extend(documents)
        return real_extract(given, options)

    monkeypatch.setattr(pipeline, "extract", recording_extract)
    out = ClaimExtractor(Options())(marked).to_pylist()
    assert [d.id for d in given] == [row["id"] for row in out[1:]]
    assert out[0]["claims"] == "[]" and out[0]["unchanged"]


def write_shards(folder, documents) -> None:
    """The corpus as one JSONL shard (with one bad line) and one Parquet shard."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    rows = [{key: document[key] for key in DOCUMENT_KEYS} for document in documents]
    lines = [json.dumps(row) for row in rows[:4]]
    lines.insert(2, "{this line is not JSON")
    (folder / "part-0.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(rows[4:]), folder / "part-1.parquet")


@pytest.mark.slow
def test_jsonl_and_parquet_shards_give_the_same_claims_and_problems(ray_local, reference, tmp_path):
    write_shards(tmp_path / "shards", reference["documents"])
    result = ray_add([tmp_path / "shards"], tmp_path / "ray.db", jobs=2)
    assert api.claims(tmp_path / "ray.db") == reference["claims"]
    local = api.add([tmp_path / "shards" / "part-0.jsonl"], db=tmp_path / "local.db")
    assert [str(p) for p in result.problems] == [str(p) for p in local.problems]
    assert result.problems[0].line == 3 and result.added == 8


@pytest.mark.slow
def test_add_engine_ray_on_the_command_line(reference, tmp_path):
    require_ray()
    db = tmp_path / "cli.db"
    done = run_cli("add", str(api.demo_corpus()), "--engine", "ray", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"8 documents added, 0 unchanged, {len(reference['claims'])} claims" in done.stderr
    assert api.claims(db) == reference["claims"]
