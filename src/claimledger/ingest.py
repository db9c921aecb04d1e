"""Stage 0: read files, folders and rows into `Document` records.

Plain text and Markdown (`.txt`, `.md`), web pages (`.html`, `.htm`: main
text by trafilatura, with title, date and publisher from the page's
metadata), and tables of articles (`.jsonl`, `.csv`: one article per row
with `id`, `text` and optional `published`, `url`, `publisher`, `title`).
Folders are read recursively.

The publication date comes from, in order: the option, the row or page
metadata, a date line at the top of a plain text.  Bad input never raises:
each problem is yielded as an `InputProblem` (file, line, reason) and the
rest of the batch goes on.  A publication date that does not parse is a
warning (`InputProblem(warning=True)`): the document is still read, undated.

Files are read whole only up to `Options.max_file_bytes`; JSONL and CSV are
streamed row by row whatever their size.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputProblem
from .options import Options
from .records import Document

PLAIN_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
SUFFIXES = PLAIN_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES

# A date line at the top of a plain text is short: "22 March 2018 16:17" is
# 19 characters; 40 leaves room for weekday names and time zones while never
# mistaking an opening sentence for a date line.
DATE_LINE_MAX = 40

# Bytes read at a time when checking that a table is UTF-8, and the sample
# charset-normalizer sees when it is not: 64 KB is hundreds of rows, plenty
# to tell cp1252 from latin-1, and keeps memory flat however large the table.
CHUNK_BYTES = 1 << 16

ROW_FIELDS = ("id", "text", "published", "url", "publisher", "title")


# A folder may describe its plain files in a side table of this name:
# columns id (the file stem), published, publisher, title, url.
METADATA_FILE = "metadata.csv"


def read_paths(paths: Iterable[str | Path], options: Options = Options()) -> Iterator[Document | InputProblem]:
    """Every document under `paths`, and a problem record for everything unreadable."""
    sidecars: dict[Path, dict[str, dict]] = {}
    for path in expand_paths(paths):
        if isinstance(path, InputProblem):
            yield path
            continue
        if path.name == METADATA_FILE:
            continue
        folder = path.parent
        if folder not in sidecars:
            sidecars[folder] = read_metadata(folder / METADATA_FILE)
        meta = sidecars[folder].get(path.stem)
        file_options = options
        if meta and path.suffix.lower() not in TABLE_SUFFIXES:
            file_options = replace(options, **{k: getattr(options, k) or meta.get(k) or None
                                               for k in ("published", "publisher", "title", "url")})
        yield from read_file(path, file_options)


def read_metadata(path: Path) -> dict[str, dict]:
    """The side table of a folder, keyed by file stem; empty when there is none."""
    if not path.is_file():
        return {}
    return {row["id"]: row for _, row in read_csv_rows(path) if isinstance(row, dict) and row.get("id")}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Files named or found (recursively, sorted) under the folders named."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputProblem(str(path), None, "no such file or folder")


def read_file(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    """The documents in one file (one for plain and HTML, one per row for tables)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield InputProblem(str(path), None, f"unsupported file type {suffix or '(none)'}; use .txt .md .html .htm .jsonl .csv")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputProblem(str(path), None, f"cannot read: {exc.strerror}")
        return
    if size > options.max_file_bytes and suffix not in TABLE_SUFFIXES:
        yield InputProblem(str(path), None, f"file is {size:,} bytes, over the {options.max_file_bytes:,}-byte "
                                            "limit (Options.max_file_bytes); split it or use .jsonl")
        return
    if suffix in TABLE_SUFFIXES:
        yield from read_table(path, options)
        return
    text = decode(path.read_bytes())
    if isinstance(text, str):
        reader = read_html if suffix in HTML_SUFFIXES else read_plain
        yield from reader(path, text, options)
    else:
        yield InputProblem(str(path), None, text.reason)


class _Undecodable:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def decode(raw: bytes) -> str | _Undecodable:
    """Text of `raw`: UTF-8, else the encoding charset-normalizer detects."""
    if b"\x00" in raw[:8192]:
        return _Undecodable("binary file (holds NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return _Undecodable("cannot tell the text encoding")
    return str(best)


def read_plain(path: Path, text: str, options: Options) -> Iterator[Document | InputProblem]:
    """One plain-text or Markdown document (and a warning if its given date does not parse)."""
    if not text.strip():
        yield InputProblem(str(path), None, "empty file")
        return
    published = options.published or date_line(text)
    yield make_document(path.stem, text, str(path), published, options.publisher, options.title, options.url)
    yield from date_warning(str(path), None, published)


def date_warning(path: str, line: int | None, published: str | None) -> Iterator[InputProblem]:
    """A warning when a publication date was given but does not parse."""
    if published and str(published).strip() and normalise_published(str(published)) is None:
        shown = str(published).strip()[:60]
        yield InputProblem(path, line, f"publication date {shown!r} not understood; stored without a date",
                           warning=True)


def date_line(text: str) -> str | None:
    """The publication date on the first non-blank line, if that line is a date."""
    from .timex import parse_published

    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first or len(first) > DATE_LINE_MAX:
        return None
    found = parse_published(first)
    return found.isoformat() if found else None


def read_html(path: Path, html: str, options: Options) -> Iterator[Document | InputProblem]:
    """The main text of a web page (scripts and boilerplate dropped by trafilatura)."""
    import trafilatura

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False) if html.strip() else None
    meta = page.as_dict() if page is not None and hasattr(page, "as_dict") else (page or {})
    text = (meta.get("text") or "").strip()
    if not text:
        yield InputProblem(str(path), None, "no main text found in the page")
        return
    published = options.published or meta.get("date")
    yield make_document(
        path.stem, text, str(path), published,
        options.publisher or meta.get("sitename") or meta.get("hostname"),
        options.title or meta.get("title"),
        options.url or meta.get("url"),
    )
    yield from date_warning(str(path), None, published)


def read_table(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    rows = read_jsonl_rows(path) if path.suffix.lower() == ".jsonl" else read_csv_rows(path)
    for line, row in rows:
        if isinstance(row, str):
            yield InputProblem(str(path), line, row)
        else:
            yield from row_document(path, line, row, options)


def read_jsonl_rows(path: Path) -> Iterator[tuple[int, dict | str]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            text = decode(raw)
            if not isinstance(text, str):
                yield number, text.reason
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, f"not valid JSON ({exc.msg} at column {exc.colno})"
                continue
            yield number, row if isinstance(row, dict) else "a JSON line must be an object"


def read_csv_rows(path: Path) -> Iterator[tuple[int, dict | str]]:
    """(line, row) for each CSV row, streamed; (line, reason) for what cannot be read."""
    encoding = table_encoding(path)
    if isinstance(encoding, _Undecodable):
        yield 1, encoding.reason
        return
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        reader = csv.DictReader(text)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, f"malformed CSV ({exc})"
                return
            yield reader.line_num, row


def table_encoding(path: Path) -> str | _Undecodable:
    """UTF-8 if the whole file decodes as such (checked in chunks), else the detected encoding."""
    with path.open("rb") as handle:
        head = handle.read(CHUNK_BYTES)
        if b"\x00" in head[:8192]:
            return _Undecodable("binary file (holds NUL bytes), not text")
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            chunk = head
            while chunk:
                decoder.decode(chunk)
                chunk = handle.read(CHUNK_BYTES)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best.encoding if best is not None else _Undecodable("cannot tell the text encoding")


def row_document(path: Path, line: int, row: dict, options: Options) -> Iterator[Document | InputProblem]:
    """The document of one table row (and a warning if its date does not parse)."""
    text, doc_id = row.get("text"), row.get("id")
    if not isinstance(text, str) or not text.strip():
        yield InputProblem(str(path), line, "row has no 'text'")
        return
    if doc_id is None or not str(doc_id).strip():
        yield InputProblem(str(path), line, "row has no 'id'")
        return
    fields = {name: (str(row[name]) if row.get(name) not in (None, "") else None) for name in ROW_FIELDS}
    published = options.published or fields["published"]
    yield make_document(
        str(doc_id).strip(), text, f"{path}:{line}", published,
        options.publisher or fields["publisher"],
        options.title or fields["title"],
        options.url or fields["url"],
    )
    yield from date_warning(str(path), line, published)


def make_document(doc_id: str, text: str, path: str | None, published: str | None,
                  publisher: str | None, title: str | None, url: str | None) -> Document:
    """A `Document` with its content hash and a normalised publication date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(
        id=doc_id, text=text, sha=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=path, published=normalise_published(published),
        publisher=publisher, title=title, url=url,
    )


def normalise_published(value: str | None) -> str | None:
    """An ISO date or date-time from what a file, row or option says; None if unreadable."""
    if not value:
        return None
    from .timex import parse_published

    found = parse_published(value.strip())
    if found is None:
        return None
    text = found.isoformat()
    return text[:16] if "T" in text else text
