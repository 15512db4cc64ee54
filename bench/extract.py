"""Throughput of the extractor over the real documents at hand (one core).

    .venv/bin/python bench/extract.py [--repeat N]

Reads the dev set letters, the VLOS debate transcripts, the Handelingen XML and the Staatsblad samples from
../shared, then times `analyse` alone and reading plus `analyse`, and prints MB of text per second and
documents per second beside the time lxml alone takes to parse the XML files. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.documents import read_document  # noqa: E402
from tracker.extract import analyse  # noqa: E402

SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", ROOT.parent / "shared"))


def documents() -> list[Path]:
    corpus = SHARED / "corpus"
    return [
        *sorted((SHARED / "devset" / "docs").glob("*.txt")),
        *sorted((corpus / "tk-vlos-verslagen").glob("*.xml")),
        *sorted((corpus / "koop-handelingen-xml").glob("*.xml")),
        *sorted((corpus / "koop-officielepublicaties").glob("stb.*")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    paths = documents()
    raw = [(p, p.read_bytes()) for p in paths]
    sources = [read_document(data, p.name) for p, data in raw]
    chars = sum(len(s.text) for s in sources)
    mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    xml = [data for p, data in raw if p.suffix == ".xml"]

    def best(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    t_analyse = best(lambda: [analyse(s) for s in sources])
    t_read = best(lambda: [read_document(data, p.name) for p, data in raw])
    xml_parser = etree.XMLParser(recover=True, huge_tree=True)
    t_lxml = best(lambda: [etree.fromstring(data, xml_parser) for data in xml])
    found = [analyse(s) for s in sources]

    n = len(sources)
    print(f"documents: {n} ({len(xml)} XML, {sum(len(d) for d in xml) / 1e6:.2f} MB of XML)")
    print(f"text: {mb:.2f} MB UTF-8 ({chars:,} characters), best of {args.repeat} runs")
    print(
        f"found: {sum(len(a.commitments) for a in found)} commitments, "
        f"{sum(len(a.fulfilments) for a in found)} fulfilments, {sum(len(a.postponements) for a in found)} "
        "postponements"
    )
    print(f"analyse:        {t_analyse:7.3f} s  {mb / t_analyse:6.2f} MB/s  {n / t_analyse:7.1f} docs/s")
    both = t_read + t_analyse
    print(f"read + analyse: {both:7.3f} s  {mb / both:6.2f} MB/s  {n / both:7.1f} docs/s")
    print(f"lxml parse only (XML files): {t_lxml:7.3f} s")


if __name__ == "__main__":
    main()
