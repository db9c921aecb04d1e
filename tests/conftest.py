"""Shared fixtures: the spaCy model once per session, the shared folder when present."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "seeds-gold.json"


def needs_shared() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared not present: the seed corpus and evaluation sets are not bundled with the repository")


@pytest.fixture(scope="session")
def nlp():
    from claimledger.extract.nlp import load_model
    from claimledger.options import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def seed_paths():
    needs_shared()
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seed_paths):
    """A ledger holding the three seeds, built once."""
    import claimledger

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    claimledger.add(seed_paths, db=db)
    return db


def claimledger_command() -> list[str]:
    """The installed entry point, as a user runs it."""
    found = shutil.which("claimledger", path=str(Path(sys.executable).parent)) or shutil.which("claimledger")
    return [found] if found else [sys.executable, "-m", "claimledger"]


def run_cli(*args: str, cwd: Path | None = None, check: bool = False, columns: int = 200) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns)}
    result = subprocess.run([*claimledger_command(), *args], capture_output=True, text=True, cwd=cwd, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"claimledger {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result
