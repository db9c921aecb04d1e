"""Nothing lost, nothing run, nothing crashes.

Bad input of every kind is reported with file, line and a one-line reason
while the rest of the batch goes in; a `kill -9` mid-`add` leaves a sound
ledger that a second `add` completes; two writers and a reader share one
file; and the pipeline never raises on random text.
"""
from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import claimledger_command, run_cli

import claimledger
from claimledger.ledger import store as storage
from claimledger.ledger import sql
from claimledger.errors import InputProblem
from claimledger.read.ingest import read_paths
from claimledger.options import Options
from claimledger.records import Document

FIGURES = ("300 instructors", "Six hundred soldiers", "about 1,135 trainers", "a total of 175 advisers",
           "between 1,890 and 2,100 personnel", "12 per cent more", "40 vehicles")
ARTICLE = ("2021-06-10\n\nThe foreign ministry said on Thursday that {n} Russian instructors had arrived "
           "in Bangui, bringing the total to {total}.\n")

SCRIPT_PAGE = """<!doctype html><html><head><title>Instructors arrive</title>
<script>var SCRIPTSECRET = "999 hidden figures"; document.write(SCRIPTSECRET);</script>
<style>.x {{ color: red }}</style></head><body>
<script type="text/javascript">window.trackingPixel("SCRIPTSECRET 42");</script>
<article><h1>Instructors arrive</h1>
<p>The foreign ministry said on Thursday that 600 Russian instructors had arrived in Bangui,
bringing the total number of instructors in the Central African Republic to 1,135.</p>
<p>Officials in Bangui confirmed the arrival of the instructors and said that further groups
could follow later in the year, depending on the security situation in the provinces.</p>
<script>console.log("SCRIPTSECRET inline in the article 777");</script>
<p>The panel of experts estimated earlier that between 1,890 and 2,100 instructors were present.</p>
</article></body></html>
"""


def article(number: int) -> str:
    return ARTICLE.format(n=100 + number, total=1000 + 7 * number)


def write_corpus(folder: Path, count: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        (folder / f"doc-{number:03d}.txt").write_text(article(number), encoding="utf-8")
    return folder


def claims_jsonl(db: Path) -> str:
    return run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout


# -- 1. bad input -------------------------------------------------------------

@pytest.fixture()
def bad_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "cp1252.txt").write_bytes(
        "2021-06-10\n\nThe minister\u2019s office said \u201c300 instructors\u201d arrived \u2013 "
        "officially \u2013 in Bangui, the capital.\n".encode("cp1252"))
    (folder / "latin1.md").write_bytes(
        "Le minist\u00e8re a annonc\u00e9 l'arriv\u00e9e de 300 instructeurs \u00e0 Bangui, "
        "pr\u00e8s du fleuve, \u00e0 la fin de l'\u00e9t\u00e9.\n".encode("latin-1"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n  ", encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "scripts.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:  # sparse: nothing is written, the size is real
        handle.truncate(Options().max_file_bytes + 1)
    rows = [json.dumps({"id": "row-1", "text": article(2), "published": "2021-06-10"}),
            '{"id": "row-2", "text": "unterminated',
            json.dumps(["a", "list"]),
            json.dumps({"id": "row-4"}),
            json.dumps({"id": "row-5", "text": article(5), "published": "xyz"}),
            json.dumps({"id": "row-6", "text": article(6)})]
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "rows.csv").write_bytes(
        ("id,text,published\n"
         "csv-1,\"Le minist\u00e8re a annonc\u00e9 300 instructeurs \u00e0 Bangui.\",2021-06-10\n"
         "csv-2\n"
         "csv-3,\"Il y a 40 v\u00e9hicules \u00e0 Bangui, pr\u00e8s du fleuve.\",not a date\n").encode("cp1252"))
    return folder


def test_bad_input_is_reported_and_the_rest_goes_in(tmp_path: Path, bad_batch: Path) -> None:
    db = tmp_path / "l.db"
    result = run_cli("add", str(bad_batch), "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    reported = [line for line in result.stderr.splitlines() if line.startswith(("skipped ", "warning "))]
    expected = [
        ("binary.txt", "binary file"),
        ("empty.md", "empty file"),
        ("blank.txt", "empty file"),
        ("empty.html", "no main text"),
        ("huge.txt", "-byte limit"),
        ("latin1.md", "language fr not supported yet"),
        ("rows.jsonl:2", "not valid JSON"),
        ("rows.jsonl:3", "must be an object"),
        ("rows.jsonl:4", "row has no 'text'"),
        ("rows.jsonl:5", "publication date 'xyz' not understood; stored without a date"),
        ("rows.csv:3", "row has no 'text'"),
        ("rows.csv:4", "language fr not supported yet"),
        ("rows.csv:4", "publication date 'not a date' not understood; stored without a date"),
    ]
    for where, reason in expected:
        assert any(f"{where}: " in line and reason in line for line in reported), (where, result.stderr)
    assert len(reported) == len(expected), result.stderr
    warned = [line for line in reported if line.startswith("warning ")]
    assert len(warned) == 4 and all("stored without" in line for line in warned)
    stored = {row["id"]: row for row in claimledger.documents(db)}
    assert set(stored) == {"good", "cp1252", "latin1", "scripts", "row-1", "row-5", "row-6", "csv-1", "csv-3"}
    assert stored["row-5"]["published"] is None and stored["row-1"]["published"] == "2021-06-10"


def test_wrong_encodings_are_detected_not_mangled(bad_batch: Path) -> None:
    documents = {d.id: d for d in read_paths([bad_batch]) if isinstance(d, Document)}
    assert "minist\u00e8re" in documents["latin1"].text
    assert "minist\u00e8re" in documents["csv-1"].text and "v\u00e9hicules" in documents["csv-3"].text
    assert "300 instructors" in documents["cp1252"].text and "\ufffd" not in documents["cp1252"].text


def test_html_text_holds_no_script(bad_batch: Path) -> None:
    [page] = [d for d in read_paths([bad_batch / "scripts.html"]) if isinstance(d, Document)]
    assert "600 Russian instructors" in page.text and "1,890" in page.text
    assert "SCRIPTSECRET" not in page.text and "trackingPixel" not in page.text


def test_file_over_the_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    [problem] = list(read_paths([path], Options(max_file_bytes=1000)))
    assert isinstance(problem, InputProblem)
    assert problem.reason.startswith("file is 2,000 bytes, over the 1,000-byte limit")


def test_undated_warning_still_stores_the_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article(3), encoding="utf-8")
    result = claimledger.add([path], db=tmp_path / "l.db", options=Options(published="sometime soon"))
    assert result.added == 1 and not result.ok
    assert [str(w) for w in result.warnings] == [
        f"{path}: publication date 'sometime soon' not understood; stored without a date"]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_big_tables_are_streamed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    body = "The ministry said 300 instructors arrived. " * 20
    with path.open("w", encoding="utf-8", newline="") as handle:
        if suffix == ".csv":
            handle.write("id,text\n")
        for number in range(8000):
            handle.write(json.dumps({"id": f"r{number}", "text": body}) + "\n" if suffix == ".jsonl"
                         else f"r{number},\"{body}\"\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Document) for item in read_paths([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8000
    assert size > 6_000_000 and peak < size / 4, (size, peak)


# -- 2. crash safety ----------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_60(tmp_path_factory) -> tuple[Path, str, float]:
    """Sixty small articles in two folders of thirty, the claims of a clean run over them, its seconds."""
    root = tmp_path_factory.mktemp("corpus60")
    write_corpus(root / "a", 30, 0)
    write_corpus(root / "b", 30, 30)
    db = root / "clean.db"
    began = time.monotonic()
    run_cli("add", str(root / "a"), str(root / "b"), "--db", str(db), "--quiet", check=True)
    seconds = time.monotonic() - began
    expected = claims_jsonl(db)
    assert expected.count("\n") >= 60
    return root, expected, seconds


def start_add(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*claimledger_command(), "add", *args, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("moment", [0, 1])
def test_kill_9_mid_add_loses_nothing(tmp_path: Path, corpus_60: tuple[Path, str, float], moment: int) -> None:
    """Killed at a random moment in the first or second half of a clean run's time (at least 0.5-3 s)."""
    root, expected, seconds = corpus_60
    db = tmp_path / "l.db"
    low, high = 0.5, max(3.0, seconds)
    half = (high - low) / 2
    delay = random.Random().uniform(low + moment * half, low + (moment + 1) * half)
    process = start_add(str(root / "a"), str(root / "b"), "--db", str(db))
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    if db.exists():
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", delay
            stored = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        print(f"killed after {delay:.2f} s of {seconds:.2f} s with {stored} of 60 documents stored")
    run_cli("add", str(root / "a"), str(root / "b"), "--db", str(db), "--quiet", check=True)
    assert claims_jsonl(db) == expected, f"killed after {delay:.2f} s"


# -- 3. concurrency -----------------------------------------------------------

def test_two_writers_on_one_file_lose_nothing(tmp_path: Path, corpus_60: tuple[Path, str, float]) -> None:
    root, expected, _ = corpus_60
    db = tmp_path / "l.db"
    writers = [start_add(str(root / half), "--db", str(db)) for half in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert claims_jsonl(db) == expected


def test_reader_during_a_write(tmp_path: Path, corpus_60: tuple[Path, str, float]) -> None:
    root, expected, _ = corpus_60
    db = tmp_path / "l.db"
    run_cli("add", str(root / "a"), "--db", str(db), "--quiet", check=True)
    writer = start_add(str(root / "b"), "--db", str(db))
    for _ in range(2):  # each read is a whole CLI process; two overlap the write on a loaded machine
        rows = run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout.splitlines()
        assert len(rows) >= 30 and all(json.loads(row)["doc"] for row in rows)
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert claims_jsonl(db) == expected


def test_locked_writes_are_retried_with_a_bound(monkeypatch) -> None:
    monkeypatch.setattr(sql, "LOCKED_BACKOFF", 0.0)
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "written"

    assert sql.retry_locked(flaky) == "written" and len(calls) == 3

    def always_locked() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("database is locked")

    calls.clear()
    with pytest.raises(sqlite3.OperationalError):
        sql.retry_locked(always_locked)
    assert len(calls) == sql.LOCKED_RETRIES


def test_other_sqlite_errors_are_not_retried() -> None:
    calls = []

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: claims")

    with pytest.raises(sqlite3.OperationalError):
        sql.retry_locked(broken)
    assert calls == [1]


# -- 4. property: the pipeline never raises -----------------------------------

NEWSY = st.sampled_from([*FIGURES, " said the ministry. ", "\n\n", "On 10 June 2021, ", " in Bangui ",
                         "according to the UN, ", "(", ")", "\u201c", "\u201d", "%", "$", "-", ".", "\r\n"])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=40), NEWSY), max_size=20).map("".join))
def test_pipeline_never_raises_and_offsets_hold(nlp, text: str) -> None:
    from claimledger.pipeline import extract_text

    stored = text.replace("\r\n", "\n").replace("\r", "\n")
    for claim in extract_text(text):
        assert stored[claim.start:claim.end] == claim.text
        assert stored[claim.sentence_start:claim.sentence_start + len(claim.sentence)] == claim.sentence
        if claim.source_start is not None and claim.source_text is not None:
            assert stored[claim.source_start:claim.source_end] == claim.source_text
