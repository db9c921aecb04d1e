"""The public Python API: everything a command does, a function does.

    >>> import claimledger
    >>> result = claimledger.add(["articles/"], db="ledger.db")
    >>> rows = claimledger.claims(db="ledger.db")
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import linked, storage
from .errors import BadInput, InputProblem
from .ingest import read_paths
from .options import Options
from .records import Document

if TYPE_CHECKING:
    from .incremental import UpdateResult

DEFAULT_DB = "claimledger.db"

# The pending documents are summarised and checked after this many new documents (and at the
# end): the update reads their text, so a bound keeps memory flat on a long add.  Heads are
# relinked only once grown by incremental.RELINK_SHARE, or by the final update at the end.
UPDATE_EVERY = 1_000


@dataclass
class AddResult:
    """What an `add` did: counts, and every input problem with where it was."""

    added: int = 0
    unchanged: int = 0
    claims: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was reported, warnings included (the CLI exits 1 otherwise)."""
        return not self.problems

    @property
    def warnings(self) -> list[InputProblem]:
        """The problems whose input was still read (e.g. stored without a date)."""
        return [problem for problem in self.problems if problem.warning]


def add(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, options: Options = Options(),
        progress: Callable[[int], None] | None = None) -> AddResult:
    """Ingest files and folders into the ledger at `db`; bad input is reported, not raised."""
    from .pipeline import extract

    result = AddResult()
    with closing(storage.connect(db)) as con:
        fresh = _fresh_documents(read_paths(paths, options), con, result, progress)
        for extracted in extract(fresh, options):
            storage.store(con, extracted.document, extracted.claims)
            result.added += 1
            result.claims += len(extracted.claims)
            if progress:
                progress(1)
            if result.added % UPDATE_EVERY == 0:
                update(con, final=False)
        update(con)
    return result


def _fresh_documents(items: Iterable[Document | InputProblem], con, result: AddResult,
                     progress: Callable[[int], None] | None) -> Iterator[Document]:
    """Documents not already in the ledger with the same content."""
    for item in items:
        if isinstance(item, InputProblem):
            result.problems.append(item)
        elif storage.is_current(con, item):
            result.unchanged += 1
            if progress:
                progress(1)
        else:
            yield item


def claims(db: str | Path = DEFAULT_DB, **filters: Any) -> list[dict[str, Any]]:
    """Claim rows (INTERFACE.md fields) in the ledger at `db`; filters (storage.ClaimFilter): doc, source,
    head, query, series, kind, date_from, date_to; paged by limit and offset."""
    with closing(_open_existing(db)) as con:
        return storage.read_claims(con, **filters)


def documents(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Document rows (without their text) with the number of claims in each."""
    with closing(_open_existing(db)) as con:
        return storage.read_documents(con)


def ledger(db: str | Path = DEFAULT_DB) -> dict[str, list[dict[str, Any]]]:
    """Claims, series, findings and documents (with text) of the ledger at `db`, as rows.

    Series and findings are the stored ones (linked and checked as documents were
    added; documents stored by other means are brought in first, see `update`).
    """
    with closing(_open_existing(db)) as con:
        _bring_up_to_date(con)
        return {
            "claims": storage.read_claims(con),
            "series": linked.read_series(con),
            "findings": linked.read_findings(con),
            "documents": storage.read_documents(con, with_text=True),
        }


def series(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Series rows (INTERFACE.md): figures about the same thing, in time order."""
    with closing(_open_existing(db)) as con:
        _bring_up_to_date(con)
        return linked.read_series(con)


def findings(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Finding rows (INTERFACE.md): what adds up, what does not, who disagrees, what looks wrong."""
    with closing(_open_existing(db)) as con:
        _bring_up_to_date(con)
        return linked.read_findings(con)


def update(con, final: bool = True) -> "UpdateResult":
    """Link and check what the documents stored since the last update touch, and store the results;
    a non-final update leaves heads grown by little pending (see incremental.update)."""
    from .incremental import update as run

    return run(con, final=final)


def relink(db: str | Path = DEFAULT_DB) -> None:
    """Recompute every series and finding of the ledger at `db` from scratch (e.g. after new rules)."""
    from .incremental import relink as run

    with closing(_open_existing(db)) as con:
        run(con)


def _bring_up_to_date(con) -> None:
    """Run `update` when documents or heads wait for one (a killed add, an older ledger)."""
    if linked.has_pending_work(con):
        update(con)


def write_report(db: str | Path = DEFAULT_DB, output: str | Path = "claimledger-report.html") -> Path:
    """Write the self-contained HTML report of the ledger at `db` to `output`."""
    from .report import write_report as write

    rows = ledger(db)
    return write(output, rows["claims"], rows["series"], rows["findings"], rows["documents"])


def serve(db: str | Path = DEFAULT_DB, host: str = "127.0.0.1", port: int = 8000, writable: bool = False) -> None:
    """Run the web UI and JSON API over the ledger at `db` until interrupted."""
    try:
        from .web import serve as run
    except ImportError as exc:
        raise BadInput(f"the web UI needs the 'web' extra ({exc.name} is missing): pip install 'claimledger[web]'") from exc
    _open_existing(db).close()
    run(str(db), host=host, port=port, writable=writable)


def parse(text: str, published: str | None = None, options: Options = Options()) -> list[dict[str, Any]]:
    """Every quantity and time expression in `text`, claim or not (INTERFACE.md parse rows)."""
    from .ingest import normalise_published
    from .quantities import find_quantities
    from .timex import find_times

    rows: list[dict[str, Any]] = []
    for q in find_quantities(text, vague=options.vague):
        rows.append({"type": "quantity", "text": q.text, "start": q.start, "end": q.end,
                     "value": _number(q.value), "low": _number(q.low), "high": _number(q.high),
                     "unit": q.unit, "rule": q.rule})
    for t in find_times(text, anchor=normalise_published(published)):
        rows.append({"type": "time", "text": t.text, "start": t.start, "end": t.end,
                     "value": t.value, "timex_type": t.type})
    return sorted(rows, key=lambda row: (row["start"], row["end"]))


def demo_corpus() -> Path:
    """The bundled example corpus (examples/car-instructors)."""
    here = Path(__file__).resolve()
    for root in (here.parents[2], Path.cwd()):
        candidate = root / "examples" / "car-instructors"
        if candidate.is_dir():
            return candidate
    raise BadInput("the bundled example corpus (examples/car-instructors) is not here; run from the claimledger checkout.")


def _open_existing(db: str | Path):
    if str(db) != ":memory:" and "://" not in str(db) and not Path(db).exists():
        raise BadInput(f"no ledger at {db}: run `claimledger add PATH...` first, or pass --db.")
    return storage.connect(db)


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value
