"""The docs are tested: every command is in the README and docs/cli.md has its current help."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from claimledger.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name):
    assert f"claimledger {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_cli_md_has_the_current_help_of_every_command():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_docs().render(), \
        "docs/cli.md is out of date: run python scripts/cli_docs.py"


def test_readme_first_screen_shows_the_two_commands():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen


def test_readme_first_screen_shows_how_to_run_it_on_your_own_articles():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    for needed in (".venv/bin/claimledger add my-articles/", "claimledger report", "claimledger serve",
                   "English", "Limits"):
        assert needed in first_screen, needed
