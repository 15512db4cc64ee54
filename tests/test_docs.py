"""The README says what the code does: its command and settings tables, and the dependencies declared."""

from __future__ import annotations

import argparse
import re
import tomllib
from importlib.metadata import packages_distributions

import pytest

from tests.conftest import ROOT
from toezeggingen.cli import build_parser
from toezeggingen.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Declared, never imported by name: the reason each is needed all the same.
IMPORTED_INDIRECTLY = {"psycopg": "SQLAlchemy's postgresql+psycopg driver"}


def _table(heading: str) -> list[str]:
    """The first cells of the Markdown table under `## heading`."""
    section = README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [
        re.split(r"(?<!\\)\|", line)[1].strip() for line in section.splitlines() if line.startswith("| `")
    ]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _documented_options(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for action in parser._actions
        if action.help != argparse.SUPPRESS
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }


def test_every_command_is_in_the_readme_with_its_options_and_nothing_else() -> None:
    rows = {re.match(r"`toezeggingen ([a-z-]+)", cell).group(1): cell for cell in _table("Commands")}  # type: ignore[union-attr]
    commands = _subcommands()
    assert sorted(rows) == sorted(commands)
    for name, parser in commands.items():
        in_readme = set(re.findall(r"--[a-z][a-z-]*", rows[name]))
        assert in_readme == _documented_options(parser), name


def test_every_setting_is_in_the_readme_and_nothing_else() -> None:
    documented = {name for cell in _table("Settings") for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    names = {
        (field.validation_alias if isinstance(field.validation_alias, str) else name).upper()
        for name, field in Settings.model_fields.items()
    }
    assert documented == names


@pytest.mark.parametrize(
    "distribution",
    [
        re.split(r"[<>=\[ ;]", dep, maxsplit=1)[0]
        for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    ],
)
def test_every_declared_dependency_is_used(distribution: str) -> None:
    if distribution in IMPORTED_INDIRECTLY:
        return
    modules = [
        m
        for m, dists in packages_distributions().items()
        if distribution.lower() in (d.lower() for d in dists)
    ]
    sources = [
        p.read_text(encoding="utf-8")
        for package in ("db", "scraper", "tracker", "dashboard", "toezeggingen")
        for p in (ROOT / package).rglob("*.py")
    ]
    assert any(
        re.search(rf"^\s*(import|from) {re.escape(m)}\b", text, re.M) for m in modules for text in sources
    ), f"{distribution} is declared but nothing imports it"
