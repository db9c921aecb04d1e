"""The public surface is pinned: changing it is a deliberate act."""
import claimledger


def test_exported_members():
    assert claimledger.__all__ == [
        "AddResult", "Attribution", "BadInput", "Claim", "ClaimledgerError", "Document",
        "InputProblem", "ModelNotInstalled", "Options", "Quantity", "StorageError", "TimeExpr", "TimeSpan",
        "add", "add_documents", "claims", "demo_corpus", "documents", "findings", "ledger", "parse", "pending",
        "relink", "serve", "series", "summary", "update", "write_report",
    ]
    for name in claimledger.__all__:
        assert hasattr(claimledger, name), name


def test_no_submodule_shadows_an_exported_function():
    import claimledger.pipeline  # noqa: F401  (imports every stage module)

    for name in ("add", "claims", "documents", "parse", "demo_corpus", "series", "findings", "summary", "write_report", "serve"):
        assert callable(getattr(claimledger, name)), name
