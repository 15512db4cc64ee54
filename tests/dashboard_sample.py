"""The bundled sample as a dashboard database: built once, copied for each test that writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from db.engine import open_database
from scraper.sample import SAMPLE_DIR
from scraper.sync import SyncConfig, sync
from toezeggingen.settings import Settings
from tracker.track import track


def build_sample(path: Path) -> Path:
    """`toezeggingen sync --sample` then `track`, into the SQLite file `path`."""
    url = f"sqlite:///{path}"
    engine = open_database(url)
    sync(engine, SyncConfig.from_settings(Settings(database_url=url)), snapshot=SAMPLE_DIR, progress=False)
    track(engine)
    engine.dispose()  # the last connection closes the WAL into the file, so a copy is whole
    return path


def copy_of(sample: Path, directory: Path) -> Path:
    target = directory / "dashboard.db"
    shutil.copyfile(sample, target)
    return target
