"""The `claimledger` command: a thin layer over `claimledger.api`.

Each command parses its options, makes one library call and formats what
comes back.  Errors become a one-line message and an exit code in `main`
(the codes are `EXIT_CODES`, documented in the README): 0 when all went
well; 1 when `add` skipped something (each named on its own line, the rest
stored) or a command failed on its input; 2 for misuse (click's convention);
3 when the ledger cannot be opened or written (read-only, locked, full,
damaged): what was stored before stays.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

import click

from . import api
from .errors import ClaimledgerError, InputProblem, StorageError
from .options import DEFAULT_MODEL, Options
from .show.report import write_report
from .show.tables import FORMATS, summary_text, write_rows
from .show.web import serve as serve_web

CLAIM_COLUMNS = ("doc", "text", "value", "low", "high", "unit", "head", "qualifier", "kind",
                 "modality", "source", "cue", "time_start", "time_end", "time_rule", "location")
# The claims table's columns most telling first: what a narrow terminal keeps.
CLAIM_PRIORITY = ("text", "head", "source", "time_end", "doc", "kind", "unit", "modality", "location",
                  "time_rule", "value", "low", "high", "qualifier", "cue", "time_start")
PARSE_COLUMNS = ("id", "type", "text", "start", "end", "value", "low", "high", "unit")

db_option = click.option("--db", default=api.DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="The ledger: a SQLite file or a postgresql://user@host:port/dbname URL.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="Output format.")
model_option = click.option("--model", default=DEFAULT_MODEL, show_default=True,
                            help="spaCy model name or path (never downloaded).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimledger")
def cli() -> None:
    """Who said which figure, for when: a ledger of quantitative claims across documents."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@model_option
@click.option("--published", help="Publication date for plain files (e.g. 2021-06-10).")
@click.option("--publisher", help="Publisher for plain files.")
@click.option("--url", help="URL for plain files.")
@click.option("--title", help="Title for plain files.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parse in this many processes.")
@click.option("--full-parse", is_flag=True, help="Parse every sentence of a document with figures, not only the figures and their context.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: read and extract on Ray (joins RAY_ADDRESS's cluster, else runs here) with --jobs "
                   "workers; --db may then also be a new DIR.parquet (see docs/cluster.md).")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--long", "long_documents", type=click.Choice(["parts", "skip"]), default="parts", show_default=True,
              help="A document over 1,000,000 characters: read it in parts (ID#part-1 ...) or skip it by name.")
@click.option("--wait", default=30.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another process writing the same ledger before giving up.")
def add(paths, db, model, published, publisher, url, title, jobs, full_parse, engine, quiet, long_documents,
        wait) -> None:
    """Ingest files and folders (.txt .md .html .htm .jsonl .csv .warc .warc.gz) into the ledger.

    Each file or line that is skipped is named on its own line and the rest is stored; the exit
    status is then 1 (0 when nothing was skipped, 3 when the ledger cannot be written).
    """
    options = Options(model=model, jobs=jobs, selective=not full_parse, long_documents=long_documents,
                      wait=wait).with_overrides(published=published, publisher=publisher, url=url, title=title)
    result = run_add(paths, db, options, show_progress=not quiet, engine=engine)
    for problem in result.problems:
        click.echo(f"{problem.label} {problem}", err=True)
    skipped = skipped_types(result.problems)
    if skipped:
        click.echo(skipped, err=True)
    if not quiet:
        click.echo(f"{result.added} documents added, {result.unchanged} unchanged, "
                   f"{result.claims} claims, {sum(not p.note for p in result.problems)} problems -> {db}", err=True)
        echo_summary(db, err=True)
    if not result.ok:
        sys.exit(EXIT_CODES["skipped"])


def skipped_types(problems: list[InputProblem]) -> str | None:
    """"3 files skipped: 2 .pdf, 1 .docx" for the files of a kind `add` does not read; None if none."""
    kinds = Counter(problem.skipped_type for problem in problems if problem.skipped_type)
    if not kinds:
        return None
    total = sum(kinds.values())
    listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
    return f"{total} file{'s' if total != 1 else ''} skipped: {listed} (types not read)"


def echo_summary(db, err: bool = False) -> None:
    """The ledger's short summary (api.summary): counts, findings to act on, main series, next steps."""
    if str(db).endswith(".parquet"):
        return  # Parquet datasets, not a ledger: nothing to summarise
    summary = api.summary(db)
    labels = api.series_labels(db, [weight.series_id for weight in summary.charted[:3] or summary.weights[:3]])
    click.echo("\n" + summary_text(summary, labels, db, program=typed_command()), err=err, nl=False)


def typed_command() -> str:
    """How the user can run claimledger again from here: "claimledger" when that is on PATH,
    else the path this run was started by (".venv/bin/claimledger" after `make demo`)."""
    started = Path(sys.argv[0])
    if started.name != "claimledger":
        return "python -m claimledger"
    on_path = shutil.which("claimledger")
    if on_path and Path(on_path).resolve() == started.resolve():
        return "claimledger"
    try:
        return os.path.relpath(started)
    except ValueError:  # another drive (Windows)
        return str(started)


def run_add(paths, db, options: Options, show_progress: bool, engine: str = "local") -> api.AddResult:
    """`api.add` with a progress bar on a terminal."""
    if not show_progress:
        return api.add(paths, db, options, engine=engine)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("adding"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("add", total=None, rate="-")

        def advance(n: int) -> None:
            bar.advance(task, n)
            elapsed = bar.tasks[0].elapsed or 0
            if elapsed > 0:
                bar.update(task, rate=f"{bar.tasks[0].completed / elapsed:.1f}")

        return api.add(paths, db, options, progress=advance, engine=engine)


@cli.command()
@db_option
@format_option
@click.option("--doc", help="Only claims from this document id.")
@click.option("--source", help="Only claims whose source contains this text.")
@click.option("--head", help="Only claims counting this head noun (singular lemma).")
@click.option("--search", "query", help="Only claims whose sentence, measure or source contains this text.")
def claims(db, fmt, doc, source, head, query) -> None:
    """Every claim in the ledger."""
    rows = api.claims(db, doc=doc, source=source, head=head, query=query)
    write_rows(rows, fmt, CLAIM_COLUMNS, title=f"{len(rows)} claims", priority=CLAIM_PRIORITY)


@cli.command()
@click.argument("text", required=False)
@click.option("--jsonl", "jsonl_path", type=click.Path(exists=True, dir_okay=False),
              help="Read {id, text, published?} lines from this file (- for stdin not supported).")
@click.option("--published", help="Anchor relative dates in TEXT to this date.")
@format_option
def parse(text, jsonl_path, published, fmt) -> None:
    """Every quantity and time expression in a text, claim or not."""
    if (text is None) == (jsonl_path is None):
        raise click.UsageError("give either TEXT or --jsonl FILE")
    rows = api.parse(text, published) if text is not None else list(parse_jsonl(Path(jsonl_path)))
    write_rows(rows, fmt, PARSE_COLUMNS if jsonl_path else PARSE_COLUMNS[1:], title=None)


def parse_jsonl(path: Path):
    """Parse rows for each line of a JSONL file; bad lines are reported on stderr."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                click.echo(f"skipped {path}:{number}: not a JSON object with a 'text' field", err=True)
                continue
            for row in api.parse(str(text), item.get("published")):
                yield {"id": item.get("id"), **row}


SERIES_COLUMNS = ("label", "head", "location", "claims", "low", "best", "high", "rule")
SERIES_PRIORITY = ("label", "claims", "best", "low", "high", "location", "head", "rule")
FINDING_COLUMNS = ("type", "holds", "docs", "message")
FINDING_PRIORITY = ("type", "message", "holds", "docs")


@cli.command()
@db_option
def update(db) -> None:
    """Link and check documents an interrupted add left pending, and bring an older ledger's schema up to date."""
    result = api.update(db)
    click.echo(f"{result.documents} documents linked and checked, {result.heads} heads relinked -> {db}", err=True)


def note_pending(db) -> None:
    """A line on stderr when documents wait to be linked and checked (the lists below lag behind them)."""
    waiting = api.pending(db)
    if waiting:
        click.echo(f"note: {waiting} documents or heads of {db} are not yet linked and checked (an add was "
                   f"interrupted?); run `claimledger update --db {db}`", err=True)


@cli.command()
@db_option
@format_option
def series(db, fmt) -> None:
    """Figures about the same thing, linked across documents, in time order (a table: those that matter most first)."""
    note_pending(db)
    rows = api.series(db, by_importance=fmt == "table")
    shown = [{**row, "claims": len(row["claims"])} for row in rows] if fmt == "table" else rows
    write_rows(shown, fmt, SERIES_COLUMNS, title=f"{len(rows)} series", priority=SERIES_PRIORITY)


@cli.command()
@db_option
@format_option
def check(db, fmt) -> None:
    """Findings: what adds up, what does not, who disagrees, what looks wrong (a table: what to act on first)."""
    note_pending(db)
    rows = api.findings(db, worst_first=fmt == "table")
    write_rows(rows, fmt, FINDING_COLUMNS, title=f"{len(rows)} findings", priority=FINDING_PRIORITY)


@cli.command()
@db_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
def report(db, output) -> None:
    """Write a self-contained HTML report (works offline, loads nothing from the network)."""
    path = write_report(db, output)
    click.echo(f"wrote {path}", err=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--writable", is_flag=True, help="Allow POST /api/documents to add articles (off by default).")
def serve(db, host, port, writable) -> None:
    """Web UI and JSON API over the ledger (read-only unless --writable)."""
    click.echo(f"open http://{host}:{port}/overview for what to check first (Ctrl-C stops)", err=True)
    serve_web(db, host=host, port=port, writable=writable)


@cli.command()
@db_option
@format_option
def demo(db, fmt) -> None:
    """The main job on the bundled example corpus: add it and summarise it (jsonl, csv: its claims)."""
    corpus = api.demo_corpus()
    click.echo(f"Adding the example corpus in {corpus} to {db}", err=True)
    result = run_add([str(corpus)], db, Options(), show_progress=True)
    click.echo(f"{result.added} documents added, {result.unchanged} unchanged, {result.claims} claims", err=True)
    if fmt == "table":
        echo_summary(db)
    else:
        write_rows(api.claims(db), fmt, CLAIM_COLUMNS)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# The exit status of every command (README: "Exit status").
EXIT_CODES = {"ok": 0, "skipped": 1, "error": 1, "misuse": 2, "ledger": 3}


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command group, turning our errors into one line and an exit code."""
    show_notices()
    try:
        cli.main(args=argv, prog_name="claimledger", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_CODES["error"])
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except StorageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_CODES["ledger"])
    except ClaimledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_CODES["error"])
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


def show_notices() -> None:
    """What the library says while it works (e.g. that it waits for a locked ledger), one line each on stderr."""
    logger = logging.getLogger("claimledger")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("note: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
