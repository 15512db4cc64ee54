"""The README's layer table holds in the code: import-linter checks the contracts in pyproject.toml."""

from __future__ import annotations

import logging

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

from tests.conftest import ROOT


def test_the_layers_and_the_absence_of_import_cycles_are_kept(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    existing = logging.Logger.manager.loggerDict.values()
    loggers = {lg: lg.disabled for lg in existing if isinstance(lg, logging.Logger)}
    try:
        status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    finally:
        # import-linter configures logging with dictConfig, which disables every logger that exists; later
        # tests in this process (caplog) need theirs.
        for lg, disabled in loggers.items():
            lg.disabled = disabled
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report[report.find("Broken contracts") :]
