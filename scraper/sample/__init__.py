"""The bundled sample snapshot: a small, real slice of the Kamer's data for offline use."""

from pathlib import Path

SAMPLE_DIR = Path(__file__).parent / "snapshot"
