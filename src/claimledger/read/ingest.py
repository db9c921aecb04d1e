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
streamed row by row whatever their size.  A document longer than spaCy reads
at once (`Options.max_document_chars`) is read in parts, `ID#part-1`, `ID#part-2` ...
(or refused by name with `Options.long_documents="skip"`).  Text may be UTF-8,
UTF-16 or UTF-32 (with or without a byte-order mark) or a legacy encoding that
charset-normalizer recognises.  In a folder, hidden files and folders (".git")
are passed over; every other file that is not read (a PDF, an unreadable file
or folder) is named.  A document not in a language the extractors read is
named too, and stored without claims (`language.py`).
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import InputProblem
from ..options import Options
from ..records import Document
from .dates import normalise_published, text_date, url_date
from .language import detect_language, is_supported

PLAIN_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
# Web archives: ".warc" and ".warc.gz" (a Path's suffix of the latter is ".gz").
ARCHIVE_SUFFIXES = {".warc", ".gz"}
STREAMED_SUFFIXES = TABLE_SUFFIXES | ARCHIVE_SUFFIXES
SUFFIXES = PLAIN_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | ARCHIVE_SUFFIXES

# The payloads of a web archive read as articles: pages and plain text.
ARCHIVE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "plain"}

# Bytes read at a time when checking that a table is UTF-8, and the sample
# charset-normalizer sees when it is not: 64 KB is hundreds of rows, plenty
# to tell cp1252 from latin-1, and keeps memory flat however large the table.
CHUNK_BYTES = 1 << 16

ROW_FIELDS = ("id", "text", "published", "url", "publisher", "title")


# A folder may describe its plain files in a side table of this name:
# columns id (the file stem), published, publisher, title, url.
METADATA_FILE = "metadata.csv"


# What `add` is given that looks like a URL ("https://...", "ftp://..."): never fetched.
URL_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

# What to tell a user who gives us a common kind of file we do not read.
CONVERT_HINTS = {
    ".pdf": "convert it to text first (e.g. pdftotext FILE.pdf)",
    ".docx": "save it as .txt or .html first",
    ".doc": "save it as .txt or .html first",
    ".odt": "save it as .txt or .html first",
    ".rtf": "save it as .txt first",
}


def read_paths(paths: Iterable[str | Path], options: Options = Options(),
               ledger: str | Path | None = None) -> Iterator[Document | InputProblem]:
    """Every document under `paths`, and a problem record for everything unreadable.

    Long documents come in parts and non-English ones with a warning (see `checked`).
    The `ledger` file being written (and SQLite's files beside it) is passed over in folders.
    """
    return checked(_read_paths(paths, options, ledger_files(ledger)), options)


def ledger_files(ledger: str | Path | None) -> frozenset[str]:
    """The files of a SQLite ledger at `ledger`: itself, its write-ahead log, its shared memory, its journal."""
    if ledger is None or "://" in str(ledger):
        return frozenset()
    path = os.path.realpath(ledger)
    return frozenset({path, path + "-wal", path + "-shm", path + "-journal"})


def checked(items: Iterable[Document | InputProblem], options: Options = Options()) -> Iterator[Document | InputProblem]:
    """`items` with each over-long document cut in parts (`in_parts`) and a warning after each
    document in a language the extractors do not read (the pipeline gives it no claims)."""
    for item in items:
        if not isinstance(item, Document):
            yield item
            continue
        for part in in_parts(item, options):
            yield part
            if isinstance(part, Document) and not is_supported(part.text):
                yield InputProblem(part.path or part.id, None, f"language {detect_language(part.text)} not "
                                   "supported yet (claimledger reads English); stored without claims", warning=True)


def in_parts(document: Document, options: Options = Options()) -> Iterator[Document | InputProblem]:
    """`document` itself, or its parts when longer than `options.max_document_chars` (with a note),
    or a problem naming it when `options.long_documents` is "skip"."""
    limit = options.max_document_chars
    if len(document.text) <= limit:
        yield document
        return
    where = document.path or document.id
    if options.long_documents == "skip":
        yield InputProblem(where, None, f"{len(document.text):,} characters, over the {limit:,} read at once; "
                                        "skipped (--long parts reads it in parts)")
        return
    parts = [part for part in cut_text(document.text, limit) if part.strip()]
    for number, part in enumerate(parts, 1):
        yield replace(document, id=f"{document.id}#part-{number}", text=part,
                      sha=hashlib.sha256(part.encode("utf-8")).hexdigest())
    yield InputProblem(where, None, f"{len(document.text):,} characters, over the {limit:,} read at once; read "
                                    f"in {len(parts)} parts, {document.id}#part-1 to #part-{len(parts)}",
                       warning=True, note=True)


def cut_text(text: str, limit: int) -> Iterator[str]:
    """`text` in pieces of at most `limit` characters, each cut after a paragraph break, else a
    line break, a sentence end or a space in its second half (a hard cut only when none is there)."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((found + len(mark) for mark in ("\n\n", "\n", ". ", " ")
                    if (found := window.rfind(mark)) >= limit // 2), limit)
        yield window[:cut]
        start += cut
    yield text[start:]


def _read_paths(paths: Iterable[str | Path], options: Options,
                passed_over: frozenset[str] = frozenset()) -> Iterator[Document | InputProblem]:
    sidecars: dict[Path, dict[str, dict]] = {}
    for path in expand_paths(paths, passed_over):
        if isinstance(path, InputProblem):
            yield path
            continue
        if path.name == METADATA_FILE:
            continue
        folder = path.parent
        if folder not in sidecars:
            found = read_metadata(folder / METADATA_FILE)
            if isinstance(found, InputProblem):
                yield found
            sidecars[folder] = found if isinstance(found, dict) else {}
        meta = sidecars[folder].get(path.stem)
        file_options = options
        if meta and path.suffix.lower() not in STREAMED_SUFFIXES:
            file_options = replace(options, **{k: getattr(options, k) or meta.get(k) or None
                                               for k in ("published", "publisher", "title", "url")})
        yield from read_file(path, file_options)


def read_metadata(path: Path) -> dict[str, dict] | InputProblem:
    """The side table of a folder, keyed by file stem; empty when there is none, a problem when
    it cannot be read (the folder's files are read without it)."""
    if not path.is_file():
        return {}
    try:
        return {row["id"]: row for _, row in read_csv_rows(path) if isinstance(row, dict) and row.get("id")}
    except OSError as exc:
        return InputProblem(str(path), None, f"cannot read: {exc.strerror or exc}; the files beside it are "
                                             "read without it")


def expand_paths(paths: Iterable[str | Path], passed_over: frozenset[str] = frozenset()) -> Iterator[Path | InputProblem]:
    """Files named or found (recursively, sorted) under the folders named, and a problem for each
    path that is none, each URL, each folder that cannot be listed and each file of a kind not read."""
    for raw in paths:
        if URL_PATTERN.match(str(raw)):
            yield InputProblem(str(raw), None, "is a URL: claimledger reads files and never fetches from the "
                                               "network; save the page (or a .warc archive) and add that file")
            continue
        path = Path(raw)
        try:
            path.stat()
        except OSError as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) else f"cannot read: {exc.strerror}"
            yield InputProblem(str(path), None, "broken link" if path.is_symlink() else reason)
            continue
        if path.is_dir():
            yield from folder_files(path, set(), passed_over)
        elif path.is_file():
            yield path
        else:
            yield InputProblem(str(path), None, "not a regular file (a device or pipe?); skipped")


def folder_files(folder: Path, seen: set[tuple[int, int]],
                 passed_over: frozenset[str] = frozenset()) -> Iterator[Path | InputProblem]:
    """The files of `folder` and its subfolders, in name order; hidden entries and the files
    `passed_over` (real paths) are passed over, a folder reached twice (a link loop) is read
    once, and what cannot be read is named."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputProblem(str(folder), None, f"cannot read this folder ({exc.strerror}); its files are skipped")
        return
    for entry in entries:
        if entry.name.startswith(".") or (passed_over and os.path.realpath(entry.path) in passed_over):
            continue
        path = Path(entry.path)
        if entry.is_dir():
            yield from folder_files(path, seen, passed_over)
        elif not entry.is_file():
            yield InputProblem(str(path), None, "broken link" if entry.is_symlink() else "not a regular file")
        elif is_readable_kind(path) or path.name == METADATA_FILE:
            yield path
        else:
            yield unsupported(path)


def unsupported(path: Path) -> InputProblem:
    """The problem of a file whose type claimledger does not read, with a hint for the common ones."""
    suffix = path.suffix.lower() or "(no extension)"
    hint = CONVERT_HINTS.get(suffix, "")
    return InputProblem(str(path), None, f"unsupported file type {suffix}" + (f": {hint}" if hint else
                        "; use .txt .md .html .htm .jsonl .csv .warc .warc.gz"), skipped_type=suffix)


def is_readable_kind(path: Path) -> bool:
    """True for the file types `read_file` reads (a ".gz" only as ".warc.gz")."""
    suffix = path.suffix.lower()
    return suffix in SUFFIXES and (suffix != ".gz" or path.name.lower().endswith(".warc.gz"))


def read_file(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    """The documents in one file (one for plain and HTML, one per row for tables and archives)."""
    suffix = path.suffix.lower()
    if not is_readable_kind(path):
        yield unsupported(path)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputProblem(str(path), None, f"cannot read: {exc.strerror}")
        return
    if size > options.max_file_bytes and suffix not in STREAMED_SUFFIXES:
        yield InputProblem(str(path), None, f"file is {size:,} bytes, over the {options.max_file_bytes:,}-byte "
                                            "limit (Options.max_file_bytes); split it or use .jsonl")
        return
    try:
        if suffix in TABLE_SUFFIXES:
            yield from read_table(path, options)
            return
        if suffix in ARCHIVE_SUFFIXES:
            yield from read_archive(path, options)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    text = decode(raw)
    if isinstance(text, str):
        reader = read_html if suffix in HTML_SUFFIXES else read_plain
        yield from reader(path, text, options)
    else:
        yield InputProblem(str(path), None, text.reason)


class _Undecodable:
    def __init__(self, reason: str) -> None:
        self.reason = reason


# Byte-order marks, the longer first (UTF-32 LE's begins with UTF-16 LE's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# UTF-16 without a mark: in text of any alphabet every space, digit and line break has a NUL
# high byte, so a tenth of the bytes on one side being NUL (a news text holds one space in six
# characters) and almost none on the other tells it from binary data, whose NULs fall anywhere.
UTF16_NUL_SHARE = 0.1
UTF16_OTHER_NUL_SHARE = 0.01
SNIFF_BYTES = 8192


def unicode_encoding(head: bytes) -> str | None:
    """The UTF encoding `head` (a file's first bytes) announces by its byte-order mark or shows by
    the place of its NUL bytes (UTF-16 without a mark); None when it is neither."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    share_even, share_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if share_odd >= UTF16_NUL_SHARE and share_even <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if share_even >= UTF16_NUL_SHARE and share_odd <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def is_text(text: str) -> bool:
    """True when `text` holds no control character but line breaks and tabs, and no unassigned
    code point or lone surrogate (what a UTF-16 guess at binary data is full of)."""
    return not any(unicodedata.category(char) in ("Cc", "Cn", "Cs") and not char.isspace()
                   for char in text[:SNIFF_BYTES])


def decode(raw: bytes) -> str | _Undecodable:
    """Text of `raw`: a UTF encoding its mark or NULs show, UTF-8, else what charset-normalizer detects."""
    encoding = unicode_encoding(raw)
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            text = None
        if text is not None and is_text(text):
            return text.lstrip("\ufeff")
    if b"\x00" in raw[:SNIFF_BYTES]:
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
    published = options.published or text_date(text) or url_date(options.url)
    yield make_document(path.stem, text, str(path), published, options.publisher, options.title, options.url)
    yield from date_warning(str(path), None, published)


def date_warning(path: str, line: int | None, published: str | None) -> Iterator[InputProblem]:
    """A warning when a publication date was given but does not parse."""
    if published and str(published).strip() and normalise_published(str(published)) is None:
        shown = str(published).strip()[:60]
        yield InputProblem(path, line, f"publication date {shown!r} not understood; stored without a date",
                           warning=True)



def read_html(path: Path, html: str, options: Options,
              fallback_date: str | None = None) -> Iterator[Document | InputProblem]:
    """The main text of a web page (scripts and boilerplate dropped by trafilatura)."""
    import trafilatura

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False) if html.strip() else None
    meta = page.as_dict() if page is not None and hasattr(page, "as_dict") else (page or {})
    text = (meta.get("text") or "").strip()
    if not text:
        yield InputProblem(str(path), None, "no main text found in the page")
        return
    published = options.published or meta.get("date") or fallback_date or url_date(options.url or meta.get("url"))
    yield make_document(
        path.stem, text, str(path), published,
        options.publisher or meta.get("sitename") or meta.get("hostname"),
        options.title or meta.get("title"),
        options.url or meta.get("url"),
    )
    yield from date_warning(str(path), None, published)


def read_archive(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    """The pages in a WARC file, streamed record by record.

    Each HTTP 200 response holding HTML or plain text is one document, its id
    the page's URL (a later capture of the same URL replaces an earlier one).
    Its date is the page's own; failing that, the capture date (WARC-Date),
    the latest the page can have been published.  Problems name the record
    number in place of a line.  A truncated archive (a download cut short)
    is reported at the record it cuts: warcio ends such an archive without
    a word, so `record_truncation` checks each record's length, and
    `is_whole_tail` what follows the last one.
    """
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            yield from archive_records(path, stream, options)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputProblem(str(path), None, f"not a readable WARC archive ({str(exc).strip() or type(exc).__name__})")


def archive_records(path: Path, stream, options: Options) -> Iterator[Document | InputProblem]:
    """`read_archive` on an open file: each record's document, then a check that none was cut short."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream, check_digests=True)
    end, number = 0, 0
    for item in numbered_records(path, records):
        if isinstance(item, InputProblem):
            yield item
            return
        number, record = item
        if not record.format.startswith("warc"):
            yield InputProblem(str(path), None, "not a readable WARC archive (no WARC/1.x record header)")
            return
        # Read first (a page cut short is not yielded), then measured.
        yield from archive_document(path, number, record, options)
        cut = record_truncation(record)
        if cut:
            yield InputProblem(str(path), number, cut)
            return
        end = records.get_record_offset() + records.get_record_length()
    if not is_whole_tail(path, end):
        yield InputProblem(str(path), number + 1, TRUNCATED + "the record after the last whole one is cut short; "
                                                              "the records before it are read")


def numbered_records(path: Path, records) -> Iterator[tuple[int, Any] | InputProblem]:
    """warcio's records numbered from 1; one it cannot parse after the first ends them, as a problem."""
    from warcio.exceptions import ArchiveLoadFailed

    iterator, number = iter(records), 0
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except (AttributeError, TypeError):  # how warcio 1.8 fails on a header cut mid-way
            yield InputProblem(str(path), number + 1, TRUNCATED + "this record's header ends early; it is skipped")
            return
        except ArchiveLoadFailed as exc:
            if not number:
                raise  # not a WARC archive at all: read_archive says so
            yield InputProblem(str(path), number + 1, f"unreadable record ({str(exc).strip()[:120]}): the archive "
                                                      "is truncated or damaged here; the records before it are read")
            return
        number += 1
        yield number, record


TRUNCATED = "truncated archive (a download or copy cut short?): "


def record_truncation(record) -> str | None:
    """Why `record` is cut short, or None: its header lacks a length, or its block ends early.

    Reads what is left of the record's block (as warcio would before the next record).
    """
    length = record.rec_headers.get_header("Content-Length")
    if length is None or not length.strip().isdigit():
        # Every WARC record has one: a header without it was cut off mid-way.
        return TRUNCATED + "this record's header ends early; it is skipped"
    # The block is read through a reader limited to Content-Length bytes: what
    # that reader has left once the file is exhausted is what the file lacks.
    block = record.raw_stream
    while block.read(CHUNK_BYTES):
        pass
    missing = getattr(block, "limit", 0)
    if missing > 0:
        return TRUNCATED + f"this record lacks {missing:,} of its {int(length):,} bytes; it is skipped"
    return None


def is_whole_tail(path: Path, end: int) -> bool:
    """True when the file holds nothing after offset `end` (the end of its last whole record) but blank lines.

    In a .warc.gz every record is a gzip member with its blank lines inside, so
    any byte left is a member cut short; an uncompressed WARC ends with two blank lines.
    """
    with path.open("rb") as stream:
        stream.seek(end)
        tail = stream.read(CHUNK_BYTES)
    return not tail.strip(b"\r\n")


def archive_document(path: Path, number: int, record, options: Options) -> Iterator[Document | InputProblem]:
    """The document of one WARC record, if it is a page worth reading."""
    if record.rec_type != "response" or record.http_headers is None:
        return
    if record.http_headers.get_statuscode() != "200":
        return
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    reader = ARCHIVE_TYPES.get(media)
    if reader is None:
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    payload = record.content_stream().read(options.max_file_bytes + 1)
    if record_truncation(record):
        return  # read_archive reports it
    if record.digest_checker.passed is False:
        yield InputProblem(str(path), number, "damaged record (its digest does not match its content); skipped")
        return
    if len(payload) > options.max_file_bytes:
        yield InputProblem(str(path), number, f"record over the {options.max_file_bytes:,}-byte limit "
                                              "(Options.max_file_bytes); skipped")
        return
    text = decode(payload)
    if not isinstance(text, str):
        yield InputProblem(str(path), number, text.reason)
        return
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    page_options = replace(options, url=options.url or url)
    page = Path(url or f"{path.name}-{number}")
    found = read_html(page, text, page_options, fallback_date=captured) if reader == "html" else \
        read_plain(page, text, replace(page_options, published=options.published or captured))
    for item in found:
        if isinstance(item, Document):
            item = replace(item, id=url or f"{path.name}:{number}", path=f"{path}:{number}")
        else:
            item = InputProblem(str(path), number, item.reason, warning=item.warning)
        yield item


def read_table(path: Path, options: Options) -> Iterator[Document | InputProblem]:
    rows = (read_jsonl_rows(path) if path.suffix.lower() == ".jsonl"
            else read_csv_rows(path, max_field=options.max_file_bytes))
    for line, row in rows:
        if isinstance(row, str):
            yield InputProblem(str(path), line, row)
        else:
            yield from row_document(path, line, row, options)


def read_jsonl_rows(path: Path) -> Iterator[tuple[int, dict | str]]:
    """(line, row) for each JSON line, streamed; each line's encoding is told apart on its own,
    unless the file is UTF-16 or UTF-32 (told by its first bytes), which is read as such."""
    with path.open("rb") as handle:
        encoding = unicode_encoding(handle.read(SNIFF_BYTES))
        handle.seek(0)
        if encoding not in (None, "utf-8-sig"):
            lines: Iterable = io.TextIOWrapper(handle, encoding=encoding, errors="replace")
        else:
            lines = handle
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            text = raw if isinstance(raw, str) else decode(raw)
            if not isinstance(text, str):
                yield number, text.reason
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, f"not valid JSON ({exc.msg} at column {exc.colno})"
                continue
            yield number, row if isinstance(row, dict) else "a JSON line must be an object"


def read_csv_rows(path: Path, max_field: int = Options.max_file_bytes) -> Iterator[tuple[int, dict | str]]:
    """(line, row) for each CSV row, streamed; (line, reason) for what cannot be read.

    A malformed row is reported with the line it starts on and the rows after
    it are still read.  A field may hold up to `max_field` characters (a row's
    text is one document, held to the same limit as a whole file).
    """
    encoding = table_encoding(path)
    if isinstance(encoding, _Undecodable):
        yield 1, encoding.reason
        return
    previous_limit = csv.field_size_limit(max_field)
    try:
        yield from _csv_rows(path, encoding)
    finally:
        csv.field_size_limit(previous_limit)


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, dict | str]]:
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        reader = csv.DictReader(text)
        try:
            reader.fieldnames  # reads the header, so line numbers below count from it
        except csv.Error as exc:
            yield 1, f"malformed CSV header ({exc})"
            return
        while True:
            starts = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield starts, csv_problem(exc)
                continue
            yield reader.line_num, row


def csv_problem(exc: csv.Error) -> str:
    """A one-line reason for a CSV row the reader refused."""
    if "field larger than field limit" in str(exc):
        return (f"a field is over the {csv.field_size_limit():,}-character limit (Options.max_file_bytes); "
                "the row was skipped")
    return f"malformed CSV ({exc})"


def table_encoding(path: Path) -> str | _Undecodable:
    """UTF-8 if the whole file decodes as such (checked in chunks), else the detected encoding."""
    with path.open("rb") as handle:
        head = handle.read(CHUNK_BYTES)
        announced = unicode_encoding(head)
        if announced is not None:
            return announced
        if b"\x00" in head[:SNIFF_BYTES]:
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
    published = (options.published or fields["published"] or text_date(text)
                 or url_date(options.url or fields["url"]))
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

