"""The public Python API: everything a command does, a function does.

    >>> import claimledger
    >>> result = claimledger.add(["articles/"], db="ledger.db")
    >>> rows = claimledger.claims(db="ledger.db")
"""
from __future__ import annotations

from collections import deque
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .errors import BadInput, InputProblem
from .ledger import linked, store
from .options import Options
from .read.ingest import checked, read_paths
from .records import Document, Extracted, Unchanged, whole_number

if TYPE_CHECKING:
    from .analyse.summary import LedgerSummary
    from .analyse.update import UpdateResult

DEFAULT_DB = "claimledger.db"
ENGINES = ("local", "ray")

# The pending documents are summarised and checked after this many new documents (and at the
# end): the update reads their text, so a bound keeps memory flat on a long add.  Heads are
# relinked only once grown by update.RELINK_SHARE, or by the final update at the end.
UPDATE_EVERY = 1_000

Progress = Callable[[int], None]


@dataclass
class AddResult:
    """What an `add` did: counts, and every input problem with where it was."""

    added: int = 0
    unchanged: int = 0
    claims: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was reported, warnings included, notes not (the CLI exits 1 otherwise)."""
        return all(problem.note for problem in self.problems)

    @property
    def warnings(self) -> list[InputProblem]:
        """The problems whose input was still read (e.g. stored without a date)."""
        return [problem for problem in self.problems if problem.warning]


def add(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, options: Options = Options(),
        progress: Progress | None = None, engine: str = "local") -> AddResult:
    """Ingest files and folders into the ledger at `db`; bad input is reported, not raised.

    `engine="ray"` reads and extracts on a Ray cluster (the `cluster` extra; see docs/cluster.md);
    the documents come back here and are stored by the same loop.  With the Ray engine, a `db`
    ending in `.parquet` is written as Parquet datasets by the workers instead of a ledger.
    """
    if engine not in ENGINES:
        raise BadInput(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "ray":
        from .engines import ray

        ray.import_ray()  # a missing extra is named before any ledger is made
        if ray.is_parquet_output(db):
            added, claims, problems = ray.write_parquet_output(paths, db, options, progress)
            return AddResult(added=added, claims=claims, problems=problems)
        with _writing(db, options) as con:
            return _store_all(con, ray.extract(paths, options, known=store.content_hashes(con)), progress)
    with _writing(db, options) as con:
        return _store_all(con, _extract_here(read_paths(paths, options, ledger=db), con, options), progress)


def add_documents(documents: Iterable[Document], db: str | Path = DEFAULT_DB, options: Options = Options()) -> AddResult:
    """Add documents made in code (or sent to the web API) to the ledger at `db`, as `add` adds files
    (a long one in parts, one in another language without claims and with a warning)."""
    with _writing(db, options) as con:
        return _store_all(con, _extract_here(checked(documents, options), con, options), None)


@contextmanager
def _writing(db: str | Path, options: Options) -> Iterator[Any]:
    """A writer's connection (opened before anything is read, so that a read-only or locked ledger
    is named at once); what SQLite refuses on the way is a one-line StorageError."""
    with store.sqlite_errors(db, options.wait), closing(store.connect(db, wait=options.wait)) as con:
        yield con


def _extract_here(items: Iterable[Document | InputProblem], con: Any,
                  options: Options) -> Iterator[Extracted | InputProblem | Unchanged]:
    """Stages 1-7 in this process (`options.jobs` workers) for the documents the ledger does not
    hold with the same content; problems and unchanged documents are passed on as they come."""
    from .pipeline import extract

    passed: deque[InputProblem | Unchanged] = deque()

    def fresh() -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputProblem):
                passed.append(item)
            elif store.is_current(con, item):
                passed.append(Unchanged(item.id))
            else:
                yield item

    for extracted in extract(fresh(), options):
        while passed:
            yield passed.popleft()
        yield extracted
    yield from passed


def _store_all(con: Any, items: Iterable[Extracted | InputProblem | Unchanged], progress: Progress | None) -> AddResult:
    """The one add loop: store each extracted document (one transaction each), count what was
    skipped, bring series and findings up to date every UPDATE_EVERY documents and at the end."""
    result = AddResult()
    for item in items:
        if isinstance(item, InputProblem):
            result.problems.append(item)
            continue
        if isinstance(item, Extracted) and store.store(con, item.document, item.claims):
            result.added += 1
            result.claims += len(item.claims)
            if result.added % UPDATE_EVERY == 0:
                update(con, final=False)
        else:
            result.unchanged += 1
        if progress:
            progress(1)
    update(con)
    return result


def claims(db: str | Path = DEFAULT_DB, **filters: Any) -> list[dict[str, Any]]:
    """Claim rows (INTERFACE.md fields) in the ledger at `db`; filters (store.ClaimFilter): doc, source,
    head, query, series, kind, date_from, date_to; paged by limit and offset."""
    with _open_existing(db) as con:
        return [claim.to_dict() for claim in store.read_claims(con, **filters)]


def documents(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Document rows (without their text) with the number of claims in each."""
    with _open_existing(db) as con:
        return [document.to_dict() for document in store.read_documents(con)]


def ledger(db: str | Path = DEFAULT_DB) -> dict[str, list[dict[str, Any]]]:
    """Claims, series, findings and documents (with text) of the ledger at `db`, as rows.

    Series and findings are the stored ones, linked and checked as documents were added; a
    reader never writes (see `pending` and `update` for a ledger an add did not finish).
    """
    return {name: [record.to_dict() for record in records] for name, records in ledger_records(db).items()}


def ledger_records(db: str | Path = DEFAULT_DB) -> dict[str, list[Any]]:
    """`ledger` as typed records: Claim, Series, Finding and StoredDocument lists (what the report renders)."""
    with _open_existing(db) as con:
        return {
            "claims": store.read_claims(con),
            "series": linked.read_series(con),
            "findings": linked.read_findings(con),
            "documents": store.read_documents(con, with_text=True),
        }


def series(db: str | Path = DEFAULT_DB, by_importance: bool = False) -> list[dict[str, Any]]:
    """Series rows (INTERFACE.md): figures about the same thing, in time order; in quantity-key
    order, or with `by_importance` those that matter most first (`analyse.summary.importance`)."""
    with _open_existing(db) as con:
        rows = linked.read_series(con)
        if by_importance:
            from .analyse.summary import read_summary

            rank = {weight.series_id: n for n, weight in enumerate(read_summary(con).weights)}
            rows.sort(key=lambda one: rank.get(one.id, len(rank)))
        return [one.to_dict() for one in rows]


def findings(db: str | Path = DEFAULT_DB, worst_first: bool = False) -> list[dict[str, Any]]:
    """Finding rows (INTERFACE.md): what adds up, what does not, who disagrees, what looks wrong;
    with `worst_first`, in the order a reader acts on them (`analyse.summary.ordered_findings`)."""
    with _open_existing(db) as con:
        rows = linked.read_findings(con)
    if worst_first:
        from .analyse.summary import ordered_findings

        rows = ordered_findings(rows)
    return [finding.to_dict() for finding in rows]


def summary(db: str | Path = DEFAULT_DB) -> "LedgerSummary":
    """What a reader needs first: counts, findings grouped by what to do (worst first) and the
    series by importance (`analyse.summary`: the rule the report and the web UI follow too)."""
    from .analyse.summary import read_summary

    with _open_existing(db) as con:
        return read_summary(con)


def series_labels(db: str | Path = DEFAULT_DB, ids: Iterable[str] = ()) -> dict[str, str]:
    """The honest label of each of these series (`analyse.summary.display_label`), by id."""
    from .analyse.summary import display_label

    with _open_existing(db) as con:
        labels = {}
        for series_id in ids:
            for one in linked.read_series(con, series_id=series_id):
                labels[one.id] = display_label(one, store.read_claims_by_id(con, one.claims))
        return labels


def pending(db: str | Path = DEFAULT_DB) -> int:
    """How many stored documents wait to be linked and checked (an add that was killed): `update` does it."""
    with _open_existing(db) as con:
        return len(linked.pending_documents(con)) + len(linked.pending_heads(con))


def update(db: Any = DEFAULT_DB, final: bool = True) -> "UpdateResult":
    """Link and check what the documents stored since the last update touch, and store the results
    (`db`: a ledger's path or URL, or a connection open for writing); a non-final update leaves
    heads grown by little pending (see analyse.update.update).  Brings an older schema up to date."""
    from .analyse.update import update as run

    if isinstance(db, (str, Path)):
        with _writing(db, Options()) as con:
            return run(con, final=final)
    return run(db, final=final)


def relink(db: str | Path = DEFAULT_DB) -> None:
    """Recompute every series and finding of the ledger at `db` from scratch (e.g. after new rules)."""
    from .analyse.update import relink as run

    with _writing(db, Options()) as con:
        run(con)


def parse(text: str, published: str | None = None, options: Options = Options()) -> list[dict[str, Any]]:
    """Every quantity and time expression in `text`, claim or not (INTERFACE.md parse rows)."""
    from .read.dates import normalise_published
    from .extract.quantities import find_quantities
    from .extract.timex import find_times

    rows: list[dict[str, Any]] = []
    for q in find_quantities(text, vague=options.vague):
        rows.append({"type": "quantity", "text": q.text, "start": q.start, "end": q.end,
                     "value": whole_number(q.value), "low": whole_number(q.low), "high": whole_number(q.high),
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


@contextmanager
def _open_existing(db: str | Path) -> Iterator[Any]:
    """A reader's connection to an existing ledger (nothing is written), closed after the block;
    what SQLite refuses on the way (a damaged file) is a one-line StorageError."""
    if str(db) != ":memory:" and not store.is_url(db) and not Path(db).exists():
        raise BadInput(f"no ledger at {db}: run `claimledger add PATH...` first, or pass --db.")
    with store.sqlite_errors(db), closing(store.connect(db, write=False)) as con:
        yield con

