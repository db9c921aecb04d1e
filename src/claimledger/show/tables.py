"""How lists leave the program: terminal tables, JSON lines, CSV.

One function per format, used by every list command (`claims`, `series`,
`check`, `parse`), so `--format table|jsonl|csv` means the same everywhere.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Sequence, TextIO

FORMATS = ("table", "jsonl", "csv")


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str],
               title: str | None = None, stream: TextIO | None = None) -> None:
    """Write `rows` as `fmt`; the table shows `columns`, the other formats every field."""
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
        write_table(rows, columns, title, stream)


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_table_cell(row.get(c))) for c in columns))  # Text: no markup from article text
    Console(file=stream, width=None if stream.isatty() else 160).print(table)


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
