"""How lists leave the program: terminal tables, JSON lines, CSV, and the short summary.

One function per format, used by every list command (`claims`, `series`,
`check`, `parse`), so `--format table|jsonl|csv` means the same everywhere.
A table fits the terminal's width: it shows the columns that fit, most telling
first (`fitted_columns`), and says how many it left out.  `summary_text` is
what `add` and `demo` end with: the counts, the findings to act on, the series
that matter most, and where to look next.
"""
from __future__ import annotations

import csv
import json
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any, Sequence, TextIO

from ..api import DEFAULT_DB

if TYPE_CHECKING:
    from ..analyse.summary import LedgerSummary

FORMATS = ("table", "jsonl", "csv")
# The width when output goes to a pipe or file (no terminal to measure): the width tables had
# before they were fitted, so scripts reading them see what they saw.
PIPE_WIDTH = 160
# A column needs about this many characters to be read (a figure with its padding, a short
# name): a table shows at most width // COLUMN_CHARS columns.
COLUMN_CHARS = 13
# The summary names this many series and at most this many findings per group.
SUMMARY_SERIES = 3
SUMMARY_FINDINGS = 1


def terminal_width() -> int:
    """The terminal's width (COLUMNS first, as shutil reads it); PIPE_WIDTH when there is none."""
    return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns


# Columns of running text (a message, a label, a name, document ids): each takes the room of
# WIDE_SHARE ordinary columns, or its words wrap one to a line.
WIDE_COLUMNS = frozenset({"message", "label", "source", "docs", "doc", "sentence", "measure"})
WIDE_SHARE = 3


def fitted_columns(columns: Sequence[str], width: int, priority: Sequence[str] | None = None) -> list[str]:
    """The columns a table of `width` characters shows: the first of `priority` (default: the
    columns' own order) that fit at COLUMN_CHARS each (WIDE_SHARE times that for WIDE_COLUMNS),
    at least two, in the columns' order."""
    room, kept = width // COLUMN_CHARS, []
    for column in priority or columns:
        share = WIDE_SHARE if column in WIDE_COLUMNS else 1
        if len(kept) >= 2 and share > room:
            break
        kept.append(column)
        room -= share
    return [column for column in columns if column in kept]


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str],
               title: str | None = None, stream: TextIO | None = None,
               priority: Sequence[str] | None = None) -> None:
    """Write `rows` as `fmt`; the table shows those of `columns` that fit the terminal (most
    telling first, by `priority`), the other formats every field."""
    stream = stream or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        fields = list(rows[0].keys()) if rows else list(columns)
        writer = csv.DictWriter(stream, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    else:
        write_table(rows, columns, title, stream, priority)


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None, stream: TextIO,
                priority: Sequence[str] | None = None) -> None:
    """A rich table fitted to the terminal; a caption names the columns left out."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = terminal_width()
    shown = fitted_columns(columns, width, priority)
    left_out = [c for c in columns if c not in shown]
    caption = (f"{len(left_out)} more columns ({', '.join(left_out)}): a wider terminal or --format csv"
               if left_out else None)
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_table_cell(row.get(c))) for c in shown))  # Text: no markup from article text
    Console(file=stream, width=width).print(table)


def summary_text(summary: "LedgerSummary", labels: dict[str, str], db: str, width: int | None = None,
                 program: str = "claimledger") -> str:
    """The summary `add` and `demo` end with, wrapped to `width` (the terminal's by default); the
    next commands are written as `program` runs them."""
    width = max(40, width or terminal_width())
    lines = textwrap.wrap(f"{summary.documents} documents, {summary.claims} claims, {summary.series} series, "
                          f"{summary.findings} findings in {db}", width, subsequent_indent="  ",
                          break_on_hyphens=False, break_long_words=False)  # the path stays whole
    groups = summary.action_groups
    if groups:
        lines += ["", "To check first:"]
    for group, members in groups:
        lines.append(f"  {group.count_words(len(members))}")
        for finding in members[:SUMMARY_FINDINGS]:
            lines += textwrap.wrap(finding.message, width, initial_indent="    - ", subsequent_indent="      ")
    lines += [f"  Also: {group.count_words(len(members))}." for group, members in summary.other_groups]
    top = summary.charted[:SUMMARY_SERIES] or summary.weights[:SUMMARY_SERIES]
    if top:
        lines += ["", "Series that matter most:"]
    for weight in top:
        counts = (f"{weight.figures} figures, {weight.sources} sources, {weight.documents} documents, "
                  f"{weight.findings} findings")
        lines += textwrap.wrap(f"{labels.get(weight.series_id, weight.label)}: {counts}", width,
                               initial_indent="  ", subsequent_indent="    ")
    option = "" if str(db) == DEFAULT_DB else f" --db {db}"
    lines += ["", "Next:"]  # commands are not wrapped, so that they copy whole
    for command, what in ((f"{program} report -o report.html{option}", "the full report, offline: what to check, "
                           "the series charted, every figure with its sentence"),
                          (f"{program} serve{option}", "browse, search and filter in a browser"),
                          (f"{program} check{option}   (also: series, claims)", "the full tables")):
        lines += ["  " + command, *textwrap.wrap(what, width, initial_indent="      ", subsequent_indent="      ")]
    return "\n".join(lines) + "\n"


def _table_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _csv_cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
