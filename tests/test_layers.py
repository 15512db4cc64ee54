"""The README's layer table holds in the code: import-linter checks the contracts in pyproject.toml."""

from __future__ import annotations

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

from tests.conftest import ROOT


def test_the_layers_and_the_absence_of_import_cycles_are_kept(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report[report.find("Broken contracts") :]
