"""Sync benchmark: 10,000 feed entries and 1,000 letters from a local replay server.

    .venv/bin/python -m bench.sync [--entries 10000] [--letters 1000] [--page-size 250] [--database-url URL]

Prints entries per second for the whole sync (feed, then letter texts), requests per stored
letter and the peak traced Python memory, beside the floor: the time to merely download and
parse the same feed pages. A second run with nothing new must ask one page per category.
The politeness interval is 0; the server is on 127.0.0.1, so this measures our own cost.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlmodel import Session, func, select

from db.engine import open_database
from db.models import DocumentText
from scraper.config import SyncConfig, SyncSummary
from scraper.entities import KINDS
from scraper.http import HttpClient
from scraper.sync import feed_url, fetch_page, run_text_steps, sync, sync_category
from tests import sync_factories as f
from tests.replay import ReplayServer, replay_server

SAMPLE_KST = (
    Path(__file__).resolve().parent.parent / "scraper" / "sample" / "snapshot" / "ob" / "kst-28638-128.xml"
)

# Share of the entries per category, roughly as a year of the live feed divides them.
SHARES = {
    "Kamerstukdossier": 0.02,
    "Activiteit": 0.08,
    "Zaak": 0.10,
    "Document": 0.25,
    "DocumentVersie": 0.25,
    "DocumentActor": 0.15,
    "Verslag": 0.0,
    "Toezegging": 0.15,
}


def build_feeds(entries: int, letters: int, page_size: int) -> list[f.Feed]:
    feeds = []
    for category, share in SHARES.items():
        feed = f.Feed(category, page_size, check=False)
        build = f.BUILDERS[category]
        for n in range(int(entries * share)):
            if category == "Document":
                feed.add(build(n, soort="Brief regering" if n < letters else "Motie"))
            else:
                feed.add(build(n))
        feeds.append(feed)
    for category in SHARES:  # the XSD check on one entity of each kind (all of them would be slow)
        f.validate(f.render_entity(f.BUILDERS[category](0)))
    return feeds


def serve_letters(server: ReplayServer, letters: int) -> None:
    template = SAMPLE_KST.read_bytes()
    for n in range(letters):
        publication = f"kst-{31000 + n % 20}-{100 + n}"
        body = template.replace(b"<al>", f"<al>Brief {n}. ".encode(), 1)
        server.add(f"/ob/{publication}.xml", body)


def floor(config: SyncConfig) -> tuple[float, int]:
    """Seconds to download and parse every page of every category, storing nothing."""
    start = time.perf_counter()
    entries = 0
    with HttpClient.from_config(config) as client:
        for kind in KINDS:
            url: str | None = feed_url(config.syncfeed_url, kind.category, None)
            while url:
                page = fetch_page(client, url)
                entries += len(page.entries)
                url = client.rebase(page.next_href, config.syncfeed_url) if page.next_href else None
    return time.perf_counter() - start, entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--letters", type=int, default=1_000)
    parser.add_argument("--page-size", type=int, default=250)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    feeds = build_feeds(args.entries, args.letters, args.page_size)
    with replay_server() as server, tempfile.TemporaryDirectory() as tmp:
        f.serve(server, *feeds)
        serve_letters(server, args.letters)
        config = SyncConfig(
            syncfeed_url=server.url + "/SyncFeed/2.0",
            odata_url=server.url + "/OData/v4/2.0",
            ob_url=server.url + "/ob",
            interval=0.0,
        )
        floor_seconds, floor_entries = floor(config)

        engine = open_database(args.database_url or f"sqlite:///{tmp}/bench.db")
        before = len(server.requests)
        summary = SyncSummary()
        # The steps of `sync`, timed apart: the feed, then the letter texts.
        with HttpClient.from_config(config) as client:
            start = time.perf_counter()
            for kind in KINDS:
                sync_category(engine, client, config, kind, summary)
            feed_seconds = time.perf_counter() - start
            run_text_steps(engine, client, config, summary, progress=False)
            seconds = time.perf_counter() - start
        requests_first = len(server.requests) - before
        feed_requests = sum(1 for r in server.requests[before:] if "/SyncFeed/2.0/Feed" in r)
        letter_requests = requests_first - feed_requests
        with Session(engine) as session:
            stored_letters = session.exec(select(func.count()).select_from(DocumentText)).one()

        before = len(server.requests)
        sync(engine, config, progress=False)
        requests_second = len(server.requests) - before

        # Peak memory of a first run on a fresh SQLite file (tracing slows it, so it is timed apart).
        engine2 = open_database(f"sqlite:///{tmp}/bench-memory.db")
        tracemalloc.start()
        sync(engine2, config, progress=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    entries = sum(c.new + c.updated + c.unchanged + c.failed for c in summary.categories.values())
    print(f"feed entries stored:            {entries} in {feed_requests} page requests")
    floor_rate = floor_entries / floor_seconds
    print(f"floor (download + parse only):  {floor_seconds:.2f} s, {floor_rate:,.0f} entries/s")
    print(f"feed sync (parse + store):      {feed_seconds:.2f} s, {entries / feed_seconds:,.0f} entries/s")
    print(f"full sync (feed + letters):     {seconds:.2f} s, {entries / seconds:,.0f} entries/s")
    per_letter = letter_requests / max(stored_letters, 1)
    with_feed = requests_first / max(stored_letters, 1)
    print(
        f"letters stored:                 {stored_letters} with {letter_requests} requests "
        f"({per_letter:.2f} per letter; {with_feed:.2f} counting the feed pages)"
    )
    print(f"peak traced Python memory:      {peak / 2**20:.1f} MiB")
    print(f"second run, nothing new:        {requests_second} requests for {len(KINDS)} categories")


if __name__ == "__main__":
    main()
