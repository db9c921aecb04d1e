"""claimledger: who said which figure, for when, across many documents.

The public API; the `claimledger` command is a thin layer over it.
"""
from .api import AddResult, add, claims, demo_corpus, documents, findings, ledger, parse, serve, series, write_report
from .errors import BadInput, ClaimledgerError, InputProblem, ModelNotInstalled, StorageError
from .options import Options
from .records import Attribution, Claim, Document, Quantity, TimeExpr

__all__ = [
    "AddResult", "Attribution", "BadInput", "Claim", "ClaimledgerError", "Document",
    "InputProblem", "ModelNotInstalled", "Options", "Quantity", "StorageError", "TimeExpr",
    "add", "claims", "demo_corpus", "documents", "findings", "ledger", "parse", "serve",
    "series", "write_report",
]
__version__ = "0.1.0"
