"""Rewrite the initial migration from the models (only while nothing is released).

python -m db.migrations.regenerate
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from db.engine import MIGRATIONS, alembic_config, make_engine

INITIAL = MIGRATIONS / "versions" / "0001_initial.py"


def main() -> None:
    INITIAL.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(alembic_config(engine), message="initial", autogenerate=True, rev_id="0001")
    generated = next((MIGRATIONS / "versions").glob("0001_*.py"))
    generated.rename(INITIAL)


if __name__ == "__main__":
    main()
