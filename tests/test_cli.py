"""The command line, through the installed entry point, as a user runs it."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run_cli

ARTICLE = ("2021-06-10\n\nSix hundred Russian instructors have arrived in the Central African Republic, "
           "the foreign ministry said on Thursday, bringing the total in the country to 1,135.\n")


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_add_then_claims_jsonl(tmp_path, corpus):
    db = tmp_path / "l.db"
    added = run_cli("add", str(corpus), "--db", str(db), "--quiet", check=True)
    assert added.stdout == ""
    rows = [json.loads(line) for line in run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [("Six hundred", 600), ("1,135", 1135)]
    assert all(r["doc"] == "wire" for r in rows)
    text = (corpus / "wire.txt").read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_claims_csv_and_table(tmp_path, corpus):
    db = tmp_path / "l.db"
    run_cli("add", str(corpus), "--db", str(db), "--quiet", check=True)
    table = list(csv.DictReader(io.StringIO(run_cli("claims", "--db", str(db), "--format", "csv", check=True).stdout)))
    assert [row["text"] for row in table] == ["Six hundred", "1,135"]
    shown = run_cli("claims", "--db", str(db), check=True).stdout
    assert "2 claims" in shown and "1,135" in shown


def test_adding_twice_leaves_the_ledger_identical(tmp_path, corpus):
    db = tmp_path / "l.db"
    run_cli("add", str(corpus), "--db", str(db), "--quiet", check=True)
    first = run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout
    again = run_cli("add", str(corpus), "--db", str(db), check=True)
    assert "0 documents added, 1 unchanged" in again.stderr
    assert run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout == first


def test_bad_input_is_one_line_and_exit_1_and_the_rest_goes_in(tmp_path, corpus):
    (corpus / "broken.jsonl").write_text('{"id": "x", "text": "Forty people."}\n{oops\n', encoding="utf-8")
    db = tmp_path / "l.db"
    result = run_cli("add", str(corpus), "--db", str(db), "--quiet")
    assert result.returncode == 1
    assert "broken.jsonl:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    docs = {r["doc"] for r in map(json.loads, run_cli("claims", "--db", str(db), "--format", "jsonl").stdout.splitlines())}
    assert docs == {"wire", "x"}


def test_missing_ledger_is_a_clear_error(tmp_path):
    result = run_cli("claims", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: no ledger at") and "Traceback" not in result.stderr


def test_misuse_exits_2(tmp_path):
    assert run_cli("claims", "--format", "xml").returncode == 2
    assert run_cli("parse").returncode == 2


def test_parse_text_and_jsonl(tmp_path):
    result = run_cli("parse", "Up to 2,100 instructors could be there in May.", "--published", "2021-06-10",
                     "--format", "jsonl", check=True)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"type": "quantity", "text": "Up to 2,100", "low": None, "high": 2100} .items() <= rows[0].items()
    assert any(r["type"] == "time" and r["value"] == "2021-05" for r in rows)
    lines = tmp_path / "in.jsonl"
    lines.write_text("\n".join(json.dumps({"id": f"t{i}", "text": f"{i + 2} dozen eggs", "published": "2020-01-01"})
                               for i in range(50)) + "\n", encoding="utf-8")
    rows = [json.loads(line) for line in run_cli("parse", "--jsonl", str(lines), "--format", "jsonl", check=True).stdout.splitlines()]
    assert [r["id"] for r in rows] == [f"t{i}" for i in range(50)]


def test_demo_runs_on_the_bundled_corpus(tmp_path):
    result = run_cli("demo", "--db", str(tmp_path / "demo.db"), "--format", "jsonl", check=True)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len({r["doc"] for r in rows}) >= 6
    assert any(r["value"] == 1135 for r in rows)


def test_two_jobs_and_full_parse_give_the_same_figures(tmp_path, corpus):
    rows = {}
    for name, flags in (("one", []), ("two", ["--jobs", "2"]), ("full", ["--full-parse"])):
        db = tmp_path / f"{name}.db"
        run_cli("add", str(corpus), "--db", str(db), "--quiet", *flags, check=True)
        out = run_cli("claims", "--db", str(db), "--format", "jsonl", check=True).stdout
        rows[name] = [(r["text"], r["value"], r["head"]) for r in map(json.loads, out.splitlines())]
    assert rows["one"] == rows["two"] == rows["full"] != []


def test_demo_ends_with_a_short_summary_at_80_columns(tmp_path):
    """The demo says what to check and where to look next; no table of every claim."""
    db = tmp_path / "demo.db"
    out = run_cli("demo", "--db", str(db), check=True, columns=80).stdout
    lines = out.strip().splitlines()
    assert lines[0].startswith("8 documents, ") and str(db) in lines[0] + lines[1]
    assert "To check first:" in lines and "Series that matter most:" in lines
    assert "Russian instructors in Central African Republic" in out
    # the program as this run was started (".venv/bin/claimledger" when it is not on PATH)
    commands = [line for line in lines if line.startswith("  ") and "claimledger" in line and f"--db {db}" in line]
    assert any(line.endswith(f"claimledger report -o report.html --db {db}") for line in commands)
    assert any(line.endswith(f"claimledger serve --db {db}") for line in commands)
    assert all(len(line) <= 80 for line in lines if line not in commands), out
    assert "┃" not in out and len(lines) < 40


def test_add_ends_with_the_summary_unless_quiet(tmp_path, corpus):
    db = tmp_path / "l.db"
    result = run_cli("add", str(corpus), "--db", str(db), check=True)
    assert result.stdout == ""
    assert "1 documents added" in result.stderr and "1 documents, 2 claims" in result.stderr
    assert f"claimledger report -o report.html --db {db}" in result.stderr
    assert run_cli("add", str(corpus), "--db", str(db), "--quiet", check=True).stderr == ""


@pytest.mark.parametrize("command", ["claims", "series", "check"])
def test_full_tables_fit_80_columns(tmp_path, corpus, command):
    db = tmp_path / "l.db"
    run_cli("add", str(corpus), "--db", str(db), "--quiet", check=True)
    out = run_cli(command, "--db", str(db), check=True, columns=80).stdout
    assert out.strip() and all(len(line) <= 80 for line in out.splitlines()), out


def test_the_next_commands_are_written_as_the_user_can_type_them(tmp_path, monkeypatch):
    """After `make demo` the program is .venv/bin/claimledger, not on PATH: the summary says so."""
    import shutil
    import sys

    from claimledger import cli

    program = tmp_path / ".venv" / "bin" / "claimledger"
    program.parent.mkdir(parents=True)
    program.write_text("")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [str(program), "demo"])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert cli.typed_command() == ".venv/bin/claimledger"
    monkeypatch.setattr(shutil, "which", lambda name: str(program))
    assert cli.typed_command() == "claimledger"
    monkeypatch.setattr(sys, "argv", ["/usr/lib/python3/claimledger/__main__.py", "demo"])
    assert cli.typed_command() == "python -m claimledger"
