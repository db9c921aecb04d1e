"""Issue 24: nothing a user feeds `add` crashes the run or loses the rest of it.

Each input problem is one line naming the file (and line) and what was good is stored;
each ledger problem is one line and exit status 3.  Tests may run as root (CI does),
who reads a mode-000 file: permission tests then simulate the refusal in-process, and
the real chmod tests skip with that reason.
"""
from __future__ import annotations

import codecs
import json
import os
import sqlite3
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimledger
from claimledger.errors import InputProblem, StorageError
from claimledger.ledger import store
from claimledger.options import Options
from claimledger.read import ingest
from claimledger.read.ingest import cut_text, decode, read_paths
from claimledger.read.language import detect_language
from claimledger.records import Document
from conftest import claimledger_command, run_cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(IS_ROOT, reason="root reads mode-000 files; the refusal is simulated elsewhere")

ARTICLE = "2021-06-10\n\nThe ministry said 300 instructors arrived in Bangui on Monday, officials confirmed.\n"


def read(*paths, **options):
    items = list(read_paths(paths, Options(**options)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


# ---------------------------------------------------------------- files and folders

def test_a_url_is_named_not_mangled():
    docs, [problem] = read("https://www.example.com/news/a")
    assert not docs and problem.path == "https://www.example.com/news/a"
    assert "is a URL" in problem.reason and "never fetches" in problem.reason


def test_unsupported_types_are_named_and_counted(tmp_path):
    for name in ("a.pdf", "b.pdf", "c.docx"):
        (tmp_path / name).write_bytes(b"%binary")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("add", str(tmp_path), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert sum(line.startswith("skipped ") and "unsupported file type .pdf" in line for line in lines) == 2
    assert any("c.docx: unsupported file type .docx" in line for line in lines)
    assert "3 files skipped: 2 .pdf, 1 .docx (types not read)" in lines
    assert [d["id"] for d in claimledger.documents(tmp_path / "l.db")] == ["good"]


def test_a_folder_of_pdfs_only_is_not_a_silent_success(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.pdf").write_bytes(b"%PDF-1.7")
    result = run_cli("add", str(tmp_path / "in"), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 1
    assert "1 file skipped: 1 .pdf (types not read)" in result.stderr


def test_broken_links_and_hidden_entries(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: main", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder reached twice is read once
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["good"]
    assert [(Path(p.path).name, p.reason) for p in problems] == [("gone.txt", "broken link")]


def test_unreadable_file_and_folder_are_named_simulated(tmp_path, monkeypatch):
    """As any user sees it, whoever runs the test: the refusal is made in-process."""
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    real_read, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(path):
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    def scandir(path="."):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(ingest.os, "scandir", scandir)
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["good"]
    assert sorted((Path(p.path).name, p.reason) for p in problems) == [
        ("closed", "cannot read this folder (Permission denied); its files are skipped"),
        ("secret.txt", "cannot read: Permission denied")]


@needs_non_root
def test_unreadable_file_and_folder_are_named_for_real(tmp_path):
    (tmp_path / "in" / "closed").mkdir(parents=True)
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "closed" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    os.chmod(tmp_path / "in" / "secret.txt", 0)
    os.chmod(tmp_path / "in" / "closed", 0)
    try:
        result = run_cli("add", str(tmp_path / "in"), "--db", str(tmp_path / "l.db"))
    finally:
        os.chmod(tmp_path / "in" / "closed", 0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "secret.txt: cannot read: Permission denied" in result.stderr
    assert "closed: cannot read this folder" in result.stderr
    assert [d["id"] for d in claimledger.documents(tmp_path / "l.db")] == ["good"]


TEXT = "Some 40 trucks reached the capital on Monday, the minister said. Über 12 más."


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
    TEXT.encode("utf-32"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
], ids=["utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "utf8-bom"])
def test_unicode_encodings_are_decoded(encoded):
    assert decode(encoded) == TEXT


@pytest.mark.parametrize("raw", [b"\x00\x01\x02 binary", bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_still_binary(raw):
    assert not isinstance(decode(raw), str)


def test_utf16_tables(tmp_path):
    rows = [{"id": "r1", "text": "Some 40 trucks arrived."}, {"id": "r2", "text": "Some 12 boats left."}]
    (tmp_path / "rows.jsonl").write_bytes("\n".join(json.dumps(r) for r in rows).encode("utf-16"))
    (tmp_path / "rows.csv").write_bytes("id,text\nc1,Some 7 buses came.\n".encode("utf-16-le"))
    docs, problems = read(tmp_path)
    assert problems == [] and sorted(d.id for d in docs) == ["c1", "r1", "r2"]


# ---------------------------------------------------------------- long documents

def test_a_long_document_is_read_in_parts_and_nothing_is_lost(tmp_path):
    text = "\n\n".join(f"Paragraph {n}: some {n + 10} trucks reached the capital." for n in range(40))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    docs, [note] = read(tmp_path / "long.txt", max_document_chars=300)
    assert len(docs) > 1 and all(len(d.text) <= 300 for d in docs)
    assert [d.id for d in docs] == [f"long#part-{n}" for n in range(1, len(docs) + 1)]
    assert "".join(d.text for d in docs) == text
    assert note.note and f"read in {len(docs)} parts" in note.reason


def test_a_long_document_can_be_refused_by_name(tmp_path):
    (tmp_path / "long.txt").write_text("word " * 100, encoding="utf-8")
    docs, [problem] = read(tmp_path / "long.txt", max_document_chars=300, long_documents="skip")
    assert docs == [] and not problem.warning and "over the 300 read at once; skipped" in problem.reason


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(min_value=5, max_value=60))
def test_cut_text_keeps_every_character_under_the_limit(text, limit):
    parts = list(cut_text(text, limit))
    assert "".join(parts) == text and all(len(part) <= limit for part in parts)


def test_a_document_over_spacys_limit_is_stored_in_parts(tmp_path):
    """The real limit: the filler has no figure, so only the first sentence is parsed."""
    filler = ("Filler words run on here with nothing to count in them at all. " * 40 + "\n\n") * 420
    (tmp_path / "big.txt").write_text(ARTICLE + "\n" + filler, encoding="utf-8")
    result = claimledger.add([tmp_path / "big.txt"], db=tmp_path / "l.db")
    assert result.ok and result.added == 2 and result.claims >= 1
    assert {d["id"] for d in claimledger.documents(tmp_path / "l.db")} == {"big#part-1", "big#part-2"}


# ---------------------------------------------------------------- languages

@pytest.mark.parametrize("text, language", [
    ("The ministry said 300 instructors arrived in Bangui on Monday, officials confirmed.", "en"),
    ("Le ministère a annoncé l'arrivée de 300 instructeurs à Bangui, près du fleuve, à la fin de l'été.", "fr"),
    ("В Банги прибыли 1 500 военнослужащих, что подтвердило министерство обороны страны.", "ru"),
    ("Міністерство повідомило, що до міста прибули 300 інструкторів з інших країн.", "uk"),
    ("Der Minister sagte, dass 300 Ausbilder in Bangui angekommen sind und weitere folgen werden.", "de"),
    ("El ministerio anunció que 300 instructores llegaron a Bangui, según fuentes oficiales del país.", "es"),
    ("Give me -1e-3 W/min, now!", "en"),  # too short to tell: English
    ("Le chef said 40 trucks came to the city and the police said more would follow in the night.", "en"),
])
def test_languages(text, language):
    assert detect_language(text) == language


def test_a_french_article_is_stored_without_claims_and_named(tmp_path):
    (tmp_path / "fr.txt").write_text("Le ministère a annoncé mardi que 1 500 soldats sont arrivés dans la "
                                     "capitale en mars, selon le porte-parole du gouvernement.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(ARTICLE, encoding="utf-8")
    result = claimledger.add([tmp_path], db=tmp_path / "l.db")
    [warning] = result.problems
    assert warning.warning and "language fr not supported yet" in warning.reason
    counts = {d["id"]: d["claims"] for d in claimledger.documents(tmp_path / "l.db")}
    assert counts["fr"] == 0 and counts["en"] >= 1


# ---------------------------------------------------------------- the ledger

def test_a_read_only_ledger_is_refused_before_anything_is_read(tmp_path, monkeypatch):
    db = tmp_path / "l.db"
    store.connect(db).close()
    real_connect = sqlite3.connect
    monkeypatch.setattr(store.sqlite3, "connect",
                        lambda path, **kw: real_connect(f"file:{path}?mode=ro", uri=True, **kw))
    read_anything = []
    monkeypatch.setattr(claimledger.api, "read_paths", lambda *a, **k: read_anything.append(1) or iter(()))
    with pytest.raises(StorageError, match="is read-only"):
        claimledger.add([tmp_path], db=db)
    assert read_anything == []


@needs_non_root
def test_a_read_only_ledger_for_real(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "l.db"
    store.connect(db).close()
    os.chmod(db, 0o444)
    result = run_cli("add", str(tmp_path / "in"), "--db", str(db))
    assert result.returncode == 3 and "is read-only" in result.stderr and "Traceback" not in result.stderr


def hold_write_lock(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")
    return con


def test_a_locked_ledger_says_it_waits_then_gives_up_in_one_line(tmp_path):
    db = tmp_path / "l.db"
    store.connect(db).close()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    holder = hold_write_lock(db)
    try:
        started = time.monotonic()
        result = run_cli("add", str(tmp_path / "a.txt"), "--db", str(db), "--wait", "1", "--quiet")
        took = time.monotonic() - started
    finally:
        holder.close()
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"note: waiting for the ledger {db}: another process is writing to it")
    assert lines[-1].startswith(f"error: the ledger {db} stayed locked by another writer for 1 s")
    assert "Traceback" not in result.stderr and took < 30


def test_a_ledger_let_go_while_waiting_is_written(tmp_path):
    db = tmp_path / "l.db"
    store.connect(db).close()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    holder = hold_write_lock(db)
    command = [*claimledger_command(), "add", str(tmp_path / "a.txt"), "--db", str(db), "--wait", "60", "--quiet"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as add:
        said = add.stderr.readline()  # the lock is let go only once the add says it waits, however slow its start
        holder.close()
        said += add.stderr.read()
    assert add.returncode == 0, said
    assert "waiting for the ledger" in said
    assert [d["id"] for d in claimledger.documents(db)] == ["a"]


def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path, monkeypatch):
    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE.replace("300", str(300 + n)) + "word " * 3000, encoding="utf-8")
    db = tmp_path / "l.db"
    real_connect = store.connect

    def small_disk(path, **kw):
        con = real_connect(path, **kw)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count = {pages + 12}")
        return con

    monkeypatch.setattr(store, "connect", small_disk)
    with pytest.raises(StorageError, match="is full: free some space"):
        claimledger.add([tmp_path], db=db)
    monkeypatch.setattr(store, "connect", real_connect)
    kept = claimledger.documents(db)
    assert 0 < len(kept) < 6  # the documents stored before the disk filled are there


@pytest.mark.parametrize("content", [b"this is no database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 2000])
def test_a_damaged_ledger_is_one_line(tmp_path, content):
    db = tmp_path / "l.db"
    db.write_bytes(content)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for args in (["add", str(tmp_path / "in")], ["claims"]):
        result = run_cli(*args, "--db", str(db))
        assert result.returncode == 3, result.stderr
        assert result.stderr.strip().startswith("error: ") and "damaged or not a claimledger database" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_ledger_in_a_missing_folder_is_one_line(tmp_path):
    result = run_cli("add", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "l.db"))
    assert result.returncode == 3 and "cannot open the ledger" in result.stderr


# ---------------------------------------------------------------- whatever is thrown at it

# The longest document read at once in the property test: the "long" file is three or four times
# this, every other good file under it.
PART_CHARS = 400
GOOD_KINDS = ("utf8", "utf16", "utf16-nobom", "cp1252", "jsonl", "long")
BAD_KINDS = ("binary", "empty", "pdf", "unreadable", "bad-jsonl")


def make_file(folder: Path, number: int, kind: str, figure: int) -> tuple[str, list[str]]:
    """Write one file of `kind`; return its name and the ids it must store (none for a bad one)."""
    text = f"The ministry said {figure} instructors arrived in Bangui on Monday, officials confirmed."
    stem = f"f{number}-{kind}"
    writes = {
        "utf8": (".txt", text.encode("utf-8")),
        "utf16": (".txt", text.encode("utf-16")),
        "utf16-nobom": (".md", text.encode("utf-16-le")),
        "cp1252": (".txt", (text + " \u201cIt\u2019s true\u201d \u2013 caf\u00e9.").encode("cp1252")),
        "jsonl": (".jsonl", (json.dumps({"id": f"{stem}-row", "text": text}) + "\n{broken\n").encode()),
        "long": (".txt", ((text + "\n\n") * 12).encode()),
        "binary": (".txt", bytes(range(256)) * 4),
        "empty": (".txt", b"  \n"),
        "pdf": (".pdf", b"%PDF-1.4 " + text.encode()),
        "unreadable": (".txt", text.encode()),
        "bad-jsonl": (".jsonl", b"[1, 2]\n"),
    }
    suffix, content = writes[kind]
    (folder / f"{stem}{suffix}").write_bytes(content)
    if kind == "jsonl":
        return stem + suffix, [f"{stem}-row"]
    if kind == "long":
        parts = len(list(cut_text(content.decode(), PART_CHARS)))
        return stem + suffix, [f"{stem}#part-{n}" for n in range(1, parts + 1)]
    return stem + suffix, [stem] if kind in GOOD_KINDS else []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(GOOD_KINDS + BAD_KINDS), st.integers(min_value=2, max_value=9999)),
                min_size=1, max_size=6))
def test_whatever_is_thrown_at_add_the_good_files_are_stored(monkeypatch, files):
    real_read = Path.read_bytes

    def read_bytes(path):  # root reads mode-000 files: the refusal is simulated
        if "-unreadable" in path.name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        made = [make_file(folder, n, kind, figure) for n, (kind, figure) in enumerate(files)]
        db = Path(tmp) / "l.db"
        result = claimledger.add([folder], db=db, options=Options(max_document_chars=PART_CHARS))
        stored = {d["id"] for d in claimledger.documents(db)} if db.exists() else set()
        assert stored == {doc for _name, ids in made for doc in ids}
        bad = [name for (name, _ids), (kind, _figure) in zip(made, files) if kind in BAD_KINDS]
        named = {Path(p.path).name for p in result.problems if not p.note}
        assert set(bad) <= named
        assert result.ok == (not bad and not any(kind == "jsonl" for kind, _ in files))


# Letters of every script the detector tells, others, digits of other scripts ("٣", "½"), marks and spaces.
_MIXED_SCRIPTS = st.text(st.sampled_from("aZé ĳ1_½²٣ .,\n“ΩωЖжіїאבعربदि๑กあアカ漢字한국ⅫK"), max_size=60)


@given(_MIXED_SCRIPTS)
def test_script_counts_are_those_of_reading_each_character(sample):
    from claimledger.read.language import _counts_in_order, script_counts

    counted, read = script_counts(sample), _counts_in_order(sample)
    assert counted == read
    if counted:  # the script with most letters is the same, a tie broken by the first to appear
        assert max(counted.items(), key=lambda item: item[1]) == max(read.items(), key=lambda item: item[1])
