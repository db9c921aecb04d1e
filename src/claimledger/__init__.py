"""claimledger: who said which figure, for when, across many documents.

The public API; the `claimledger` command is a thin layer over it.
"""
from .api import (AddResult, add, add_documents, claims, demo_corpus, documents, findings, ledger, parse, pending, relink,
                  series, summary, update)
from .errors import BadInput, ClaimledgerError, InputProblem, ModelNotInstalled, StorageError
from .options import Options
from .records import Attribution, Claim, Document, Quantity, TimeExpr
from .show.report import write_report
from .show.web import serve
from .timespan import TimeSpan

__all__ = [
    "AddResult", "Attribution", "BadInput", "Claim", "ClaimledgerError", "Document",
    "InputProblem", "ModelNotInstalled", "Options", "Quantity", "StorageError", "TimeExpr", "TimeSpan",
    "add", "add_documents", "claims", "demo_corpus", "documents", "findings", "ledger", "parse", "pending",
    "relink", "serve", "series", "summary", "update", "write_report",
]
__version__ = "0.1.0"
