"""The Ray engine: `claimledger add --engine ray`, for corpora that need a cluster.

Stages 0-7 run on Ray Data, stage 8 where the ledger is:

1. every input file is one item of a Ray dataset; a task reads it (`read_shard`)
   with the same readers as the local engine (JSONL, CSV, text, HTML, WARC,
   and Parquet through pyarrow), so documents, ids and line-numbered problems
   are the same whichever engine reads them.  Split a large corpus into shards
   (files) of a few thousand articles: a shard is the unit of parallel reading.
   A document the ledger already holds with the same content (the driver reads
   the ledger's ids and content hashes once, before Ray starts) is marked
   unchanged here and never extracted, as the local engine skips it;
2. a pool of `ClaimExtractor` actors (`Options.jobs` of them, one CPU each)
   extracts the claims; each loads the spaCy model once, when it starts;
3. `extract` hands each extracted document back to the driver, where `api.add`'s one
   loop stores it and brings series and findings up to date, exactly as for the local
   engine; or, when `db` ends in `.parquet` (`write_parquet_output`), the workers write
   two Parquet datasets, `DB/claims/` and `DB/documents/`, for pandas, DuckDB or Spark.

`ray.init()` joins the cluster named by RAY_ADDRESS (or the one started on
this machine by `ray start --head`), else starts Ray on this machine;
docs/cluster.md has the recipe for a real cluster.

Needs the `cluster` extra: pip install 'claimledger[cluster]'.
"""
from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import BadInput, InputProblem
from ..ledger.store import claim_row
from ..options import Options
from ..read.ingest import METADATA_FILE, expand_paths, is_readable_kind, read_paths, row_document
from ..records import CLAIM_FIELDS, Claim, Document, Extracted, Unchanged

PARQUET_SUFFIX = ".parquet"

# A document is written to the ledger as soon as its claims are back: the
# driver asks Ray Data for this many extracted documents at a time.
STORE_BATCH = 64

DOCUMENT_COLUMNS = ("id", "sha", "path", "published", "publisher", "title", "url", "text")
INTEGER_CLAIM_FIELDS = {"start", "end", "source_start", "source_end", "sentence_start", "parts"}
FLOAT_CLAIM_FIELDS = {"value", "low", "high"}
FLAG_CLAIM_FIELDS = {"alt_year", "approximate"}


def extract(paths: Iterable[str | Path], options: Options = Options(),
            known: dict[str, str] | None = None) -> Iterator["Extracted | InputProblem | Unchanged"]:
    """Read and extract `paths` on Ray: each document with its claims, each input problem, and each
    document whose id and content hash `known` holds (not extracted again), in the order Ray returns them."""
    ray = import_ray()
    files, problems = _input_files(paths)
    yield from problems
    if not files:
        return
    with ray_session(ray):
        extracted = extract_dataset(ray, files, options, known)
        for batch in extracted.iter_batches(batch_size=STORE_BATCH, batch_format="pyarrow"):
            for row in batch.to_pylist():
                if row["problem"] is not None:
                    yield _problem(row)
                elif row["unchanged"]:
                    yield Unchanged(row["id"])
                else:
                    yield Extracted(Document(**{c: row[c] for c in DOCUMENT_COLUMNS}),
                                    [Claim(**claim) for claim in json.loads(row["claims"])])


def is_parquet_output(db: str | Path) -> bool:
    """Whether `db` names a Parquet output directory rather than a ledger."""
    return str(db).endswith(PARQUET_SUFFIX)


def write_parquet_output(paths: Iterable[str | Path], output: str | Path, options: Options = Options(),
                         progress: Callable[[int], None] | None = None) -> tuple[int, int, list[InputProblem]]:
    """Read and extract `paths` on Ray into the Parquet datasets `output/claims/` and `output/documents/`,
    written by the workers (written once: an existing directory is refused); (documents, claims, problems)."""
    if Path(output).exists():
        raise BadInput(f"{output} already exists; the Parquet output is written once: name a new directory.")
    ray = import_ray()
    files, problems = _input_files(paths)
    if not files:
        return 0, 0, problems
    with ray_session(ray):
        return write_parquet(extract_dataset(ray, files, options), Path(output), problems, progress)


def import_ray():
    """The ray module, or a message naming the extra to install."""
    try:
        import pyarrow  # noqa: F401  (Ray Data needs it; say so before Ray does)
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise BadInput(f"--engine ray needs the 'cluster' extra ({exc.name} is missing): "
                       "pip install 'claimledger[cluster]'") from exc
    return ray


@contextmanager
def ray_session(ray) -> Iterator[None]:
    """Ray joined or started (`start_ray`), its data progress quiet, and shut down after if we started it."""
    started = start_ray(ray)
    quiet_ray_data(ray)
    try:
        yield
    finally:
        if started:
            ray.shutdown()


def start_ray(ray) -> bool:
    """Join or start Ray unless this process already has; True when we started it."""
    if ray.is_initialized():
        return False
    # Worker logs would interleave with our progress and summary on stderr.
    ray.init(include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    return True


def quiet_ray_data(ray) -> None:
    """No Ray Data progress bars or progress logs: our own progress and summary are enough."""
    ray.data.DataContext.get_current().enable_progress_bars = False
    # ERROR, not WARNING: Ray Data warns that its bars are off, which we know.
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def _input_files(paths: Iterable[str | Path]) -> tuple[list[str], list[InputProblem]]:
    """The files to read (folders walked as `ingest` walks them, Parquet shards too), and the paths that are none."""
    problems: list[InputProblem] = []
    files = []
    for raw in paths:
        path = Path(raw)
        found = [path] if path.is_dir() else expand_paths([path])
        for item in found:
            if isinstance(item, InputProblem):
                problems.append(item)
            elif item.is_dir():
                files += sorted(str(p) for p in item.rglob("*") if p.is_file() and _is_shard(p))
            else:
                files.append(str(item))
    return files, problems


def _is_shard(path: Path) -> bool:
    return path.name != METADATA_FILE and (is_parquet(path) or is_readable_kind(path))


def is_parquet(path: Path) -> bool:
    """True for a Parquet shard (read here; `ingest` does not read Parquet)."""
    return path.suffix.lower() == PARQUET_SUFFIX


def extract_dataset(ray, files: list[str], options: Options, known: dict[str, str] | None = None):
    """The Ray dataset of extracted rows: a document with its claims, or a problem.

    Documents whose id and content hash are in `known` are passed on unextracted, marked unchanged.
    """
    # One block per file, so that the files are read in parallel.
    items = ray.data.from_items([{"path": path} for path in files], override_num_blocks=max(len(files), 1))
    documents = items.map_batches(
        read_shards, fn_args=(options, known or {}), batch_size=1, batch_format="pyarrow")
    return documents.map_batches(
        ClaimExtractor, fn_constructor_args=(options,), compute=ray.data.ActorPoolStrategy(size=pool_size(ray, options)),
        num_cpus=1, batch_size=options.batch_size, batch_format="pyarrow")


def pool_size(ray, options: Options) -> int:
    """`options.jobs` extractors, but one CPU of the cluster always left free.

    Each extractor holds a CPU for as long as the dataset runs; were they to
    hold them all, the reading and writing tasks would wait for ever.
    """
    cpus = int(ray.cluster_resources().get("CPU", 1))
    return max(1, min(options.jobs, cpus - 1))


def read_shards(batch, options: Options, known: dict[str, str] | None = None):
    """Ray Data step 1: the documents and problems of the files named in `batch`; stored ones marked."""
    known = known or {}
    rows = [_mark_unchanged(row, known) for path in batch.column("path").to_pylist()
            for row in read_shard(Path(path), options)]
    return _table(rows, input_schema())


def _mark_unchanged(row: dict[str, Any], known: dict[str, str]) -> dict[str, Any]:
    """`row` with `unchanged` set; an unchanged document's text is dropped (only its count reaches the driver)."""
    if row["problem"] is None and known.get(row["id"]) == row["sha"]:
        return {**row, "text": "", "unchanged": True}
    return {**row, "unchanged": False}


def read_shard(path: Path, options: Options) -> Iterator[dict[str, Any]]:
    """One file's documents and problems as rows, read as the local engine reads them.

    A folder's metadata.csv applies to its plain files here too.
    """
    items = read_parquet_shard(path, options) if is_parquet(path) else read_paths([path], options)
    for item in items:
        if isinstance(item, Document):
            yield {**item.to_dict(), "problem": None, "line": None, "warning": False}
        else:
            yield {"path": item.path, "problem": item.reason, "line": item.line, "warning": item.warning}


def read_parquet_shard(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    """The articles of a Parquet file (columns as in a JSONL table), row by row."""
    import pyarrow.parquet as pq

    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=256)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                yield from row_document(path, number, row, options)
    except (OSError, ValueError) as exc:
        yield InputProblem(str(path), None, f"not a readable Parquet file ({str(exc).strip()[:200]})")


class ClaimExtractor:
    """Ray Data step 2: claims of each document, by an actor that loads the model once."""

    def __init__(self, options: Options) -> None:
        from ..extract import nlp

        # One process per actor: Ray gives the parallelism, not spaCy.
        self.options = replace(options, jobs=1)
        nlp.load_model(self.options.model)

    def __call__(self, batch):
        """Extracted rows for the document rows of `batch`; problem rows pass through."""
        from ..pipeline import extract

        rows = batch.to_pylist()
        documents = [Document(**{c: row[c] for c in DOCUMENT_COLUMNS}) for row in rows if _to_extract(row)]
        # In input order (spaCy's pipe keeps it): an id may come twice in a batch.
        extracted = extract(documents, self.options)
        out = []
        for row in rows:
            found = next(extracted).claims if _to_extract(row) else []
            out.append({**row, "claims": json.dumps([c.to_dict() for c in found]), "claim_count": len(found)})
        return _table(out, extracted_schema())


def write_parquet(extracted, output: Path, problems: list[InputProblem],
                  progress: Callable[[int], None] | None) -> tuple[int, int, list[InputProblem]]:
    """Stage 8 on the workers: `output/claims/` and `output/documents/` Parquet datasets; (documents, claims, problems)."""
    extracted = extracted.materialize()
    extracted.map_batches(claim_table, batch_format="pyarrow").write_parquet(str(output / "claims"))
    extracted.map_batches(document_table, batch_format="pyarrow").write_parquet(str(output / "documents"))
    summary = extracted.select_columns(["problem", "path", "line", "warning", "claim_count"])
    documents = claims = 0
    for row in summary.iter_rows():
        if row["problem"] is not None:
            problems.append(_problem(row))
            continue
        documents += 1
        claims += row["claim_count"]
        if progress:
            progress(1)
    return documents, claims, problems


def claim_table(batch):
    """The claim rows of a batch of extracted rows, typed as `claim_schema()`."""
    rows = [claim for row in batch.to_pylist() if row["problem"] is None for claim in json.loads(row["claims"])]
    return _table(rows, claim_schema())


def document_table(batch):
    """The document rows (with text and claim count) of a batch of extracted rows."""
    rows = [{**{c: row[c] for c in DOCUMENT_COLUMNS}, "claims": row["claim_count"]}
            for row in batch.to_pylist() if row["problem"] is None]
    return _table(rows, document_schema())


def read_parquet_claims(output: str | Path) -> list[dict[str, Any]]:
    """The claims of a Parquet output as `claimledger.claims()` rows, in document and text order."""
    import pyarrow.parquet as pq

    rows = pq.read_table(Path(output) / "claims").to_pylist()
    return sorted((claim_row(row) for row in rows), key=lambda row: (row["doc"], row["start"]))


def _to_extract(row: dict[str, Any]) -> bool:
    """A document row not already in the ledger (not a problem, not marked unchanged)."""
    return row["problem"] is None and not row["unchanged"]


def _problem(row: dict[str, Any]) -> InputProblem:
    return InputProblem(row["path"], row["line"], row["problem"], warning=bool(row["warning"]))


def _table(rows: list[dict[str, Any]], schema):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)


def input_schema():
    """Rows out of step 1: a document's fields (and whether the ledger holds it), or a problem with its file and line."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in DOCUMENT_COLUMNS]
                     + [("problem", pa.string()), ("line", pa.int64()), ("warning", pa.bool_()),
                        ("unchanged", pa.bool_())])


def extracted_schema():
    """Rows out of step 2: step 1's, with the claims as JSON and their number."""
    import pyarrow as pa

    return pa.schema(list(input_schema()) + [pa.field("claims", pa.string()), pa.field("claim_count", pa.int64())])


def claim_schema():
    """The Parquet claims table: INTERFACE.md's claim fields with their types."""
    import pyarrow as pa

    def column_type(name: str):
        if name in INTEGER_CLAIM_FIELDS:
            return pa.int64()
        if name in FLOAT_CLAIM_FIELDS:
            return pa.float64()
        return pa.bool_() if name in FLAG_CLAIM_FIELDS else pa.string()

    return pa.schema([(name, column_type(name)) for name in CLAIM_FIELDS])


def document_schema():
    """The Parquet documents table: the document fields, text included, and its claim count."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in DOCUMENT_COLUMNS] + [("claims", pa.int64())])
