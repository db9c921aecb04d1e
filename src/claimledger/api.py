"""The public Python API: everything a command does, a function does.

    >>> import claimledger
    >>> result = claimledger.add(["articles/"], db="ledger.db")
    >>> rows = claimledger.claims(db="ledger.db")
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import storage
from .errors import BadInput, InputProblem
from .ingest import read_paths
from .options import Options
from .records import Document

DEFAULT_DB = "claimledger.db"


@dataclass
class AddResult:
    """What an `add` did: counts, and every input problem with where it was."""

    added: int = 0
    unchanged: int = 0
    claims: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


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
    """Claim rows (INTERFACE.md fields) in the ledger at `db`; filters: doc, source, head, query, limit, offset."""
    with closing(_open_existing(db)) as con:
        return storage.read_claims(con, **filters)


def documents(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Document rows (without their text) with the number of claims in each."""
    with closing(_open_existing(db)) as con:
        return storage.read_documents(con)


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
    if str(db) != ":memory:" and not Path(db).exists():
        raise BadInput(f"no ledger at {db}: run `claimledger add PATH...` first, or pass --db.")
    return storage.connect(db)


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value
