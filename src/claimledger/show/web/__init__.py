"""The web UI and JSON API (`claimledger serve`), in `app`; needs the `web` extra."""
from __future__ import annotations

from pathlib import Path

from ...errors import BadInput


def serve(db: str | Path = "claimledger.db", host: str = "127.0.0.1", port: int = 8000, writable: bool = False) -> None:
    """Run the web UI and JSON API over the ledger at `db` with uvicorn until interrupted."""
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise BadInput(f"the web UI needs the 'web' extra ({exc.name} is missing): pip install 'claimledger[web]'") from exc
    uvicorn.run(create_app(str(db), writable=writable), host=host, port=port, log_level="info")
