"""Throughput of the extractor over the real documents at hand (one core).

    python -m bench.extract [--repeat N]

First letters and transcripts apart, beside the figures before the fourth speed round (docs/extraction.md;
the extractor of 2026-12-05 measured on this machine the same way): letters as one text of about 4 MB (read +
analyse) and one by one, transcripts (the VLOS files, read + analyse). Issue 10's target is 2 MB/s on letters.

Reads the dev set letters, the VLOS debate transcripts, the Handelingen XML and the Staatsblad samples from
../shared, then times `analyse` alone and reading plus `analyse`, and prints MB of text per second and
documents per second; for the XML files, reading beside the time lxml alone takes to parse them (the floor).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.documents import SourceText, read_document  # noqa: E402
from tracker.extract import analyse  # noqa: E402

# The target: at least 2 MB of text per second on one core, reading included.
TARGET_MB_S = 2.0
# Before the fourth speed round (CPU seconds, best of 3, old and new code alternated, shared 2 cores).
BASELINE_LETTERS_MB_S = 1.41  # the dev set's letters as one 4 MB text
BASELINE_LETTERS_EACH_MB_S = 1.23  # the same letters one by one
BASELINE_TRANSCRIPTS_MB_S = 2.46  # the nine VLOS transcripts
SHARED = Path(os.environ.get("TOEZEGGINGEN_SHARED", ROOT.parent / "shared"))


def documents() -> list[Path]:
    corpus = SHARED / "corpus"
    return [
        *sorted((SHARED / "devset" / "docs").glob("*.txt")),
        *sorted((corpus / "tk-vlos-verslagen").glob("*.xml")),
        *sorted((corpus / "koop-handelingen-xml").glob("*.xml")),
        *sorted((corpus / "koop-officielepublicaties").glob("stb.*")),
    ]


def letters() -> list[Path]:
    out = []
    for path in sorted((SHARED / "devset" / "docs").glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("kind") == "letter":
            out.append(path)
    return out


def by_kind(repeat: int) -> None:
    """MB/s of read + analyse on letters (as one 4 MB text and one by one) and on transcripts."""
    letter_bytes = [p.read_bytes() for p in letters()]
    one = b"\n\n".join(letter_bytes)
    big = b"\n\n".join([one] * max(1, round(4_000_000 / len(one))))
    vlos = [(p.name, p.read_bytes()) for p in sorted((SHARED / "corpus" / "tk-vlos-verslagen").glob("*.xml"))]

    def best(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return min(times)

    def text_mb(sources: list[SourceText]) -> float:
        return sum(len(s.text.encode("utf-8")) for s in sources) / 1e6

    big_mb = text_mb([read_document(big, "letters.txt")])
    t_big = best(lambda: analyse(read_document(big, "letters.txt")))
    each_mb = text_mb([read_document(d, "l.txt") for d in letter_bytes])
    t_each = best(lambda: [analyse(read_document(d, "l.txt")) for d in letter_bytes])
    vlos_mb = text_mb([read_document(d, n) for n, d in vlos])
    t_vlos = best(lambda: [analyse(read_document(d, n)) for n, d in vlos])
    print(f"{'read + analyse, CPU seconds':<40}{'MB':>7}{'s':>8}{'MB/s':>8}{'baseline':>10}")
    rows = [
        (f"letters as one text ({len(letter_bytes)} letters)", big_mb, t_big, BASELINE_LETTERS_MB_S),
        ("letters one by one", each_mb, t_each, BASELINE_LETTERS_EACH_MB_S),
        (f"transcripts ({len(vlos)} VLOS files)", vlos_mb, t_vlos, BASELINE_TRANSCRIPTS_MB_S),
    ]
    for label, mb, seconds, base in rows:
        print(f"{label:<40}{mb:7.2f}{seconds:8.2f}{mb / seconds:8.2f}{base:10.2f}")
    verdict = "met" if big_mb / t_big >= TARGET_MB_S else "NOT met"
    print(f"target: letters read + analysed at >= {TARGET_MB_S:.1f} MB/s: {verdict}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    by_kind(max(1, min(args.repeat, 3)))

    paths = documents()
    raw = [(p, p.read_bytes()) for p in paths]
    sources = [read_document(data, p.name) for p, data in raw]
    chars = sum(len(s.text) for s in sources)
    mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    xml_raw = [(p, data) for p, data in raw if p.suffix == ".xml"]
    xml = [data for _, data in xml_raw]

    def best(fn: Callable[[], object]) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    t_analyse = best(lambda: [analyse(s) for s in sources])
    t_read = best(lambda: [read_document(data, p.name) for p, data in raw])
    t_read_xml = best(lambda: [read_document(data, p.name) for p, data in xml_raw])
    xml_parser = etree.XMLParser(recover=True, huge_tree=True)
    t_lxml = best(lambda: [etree.fromstring(data, xml_parser) for data in xml])
    found = [analyse(s) for s in sources]

    n = len(sources)
    both = t_read + t_analyse
    print(f"documents: {n} ({len(xml)} XML, {sum(len(d) for d in xml) / 1e6:.2f} MB of XML)")
    print(f"text: {mb:.2f} MB UTF-8 ({chars:,} characters), best of {args.repeat} runs")
    print(
        f"found: {sum(len(a.commitments) for a in found)} commitments, "
        f"{sum(len(a.fulfilments) for a in found)} fulfilments, {sum(len(a.postponements) for a in found)} "
        "postponements"
    )
    print()
    print(f"{'':<30}{'seconds':>9}{'MB/s':>9}{'docs/s':>9}")
    rows = [
        ("analyse", t_analyse),
        ("read (all formats)", t_read),
        ("read + analyse", both),
    ]
    for label, seconds in rows:
        print(f"{label:<30}{seconds:9.3f}{mb / seconds:9.2f}{n / seconds:9.1f}")
    # The floor for reading XML is what lxml alone takes to parse it, before any text is built.
    xml_mb = sum(len(d) for d in xml) / 1e6
    print()
    print(f"{'the ' + str(len(xml)) + ' XML files':<30}{'seconds':>9}{'XML MB/s':>9}")
    print(f"{'read (lxml + our reader)':<30}{t_read_xml:9.3f}{xml_mb / t_read_xml:9.2f}")
    print(f"{'baseline: lxml parse only':<30}{t_lxml:9.3f}{xml_mb / t_lxml:9.2f}")
    verdict = "met" if mb / both >= TARGET_MB_S else "NOT met"
    print(f"\ntarget read + analyse >= {TARGET_MB_S:.1f} MB/s of text: {verdict}")


if __name__ == "__main__":
    main()
