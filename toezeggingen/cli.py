"""The `toezeggingen` command: wiring of settings, logging and the layers below."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from db.vocabulary import Status
from toezeggingen.settings import Settings, describe_error, get_settings

log = logging.getLogger("toezeggingen")


class UsageError(Exception):
    """Bad arguments or unreadable input: exit status 2 with a one-line message."""


class Parser(argparse.ArgumentParser):
    """Usage errors as the contract has them: one line on stderr, exit 2 (argparse prints the usage too)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]
        fail(f"{command + ': ' if command else ''}{message} (see {self.prog} --help)")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _engine(settings: Settings) -> Engine:
    from db.engine import open_database

    return open_database(settings.effective_database_url)


def cmd_analyse(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.documents import UnreadableDocument, read_document
    from tracker.extract import analyse, to_json

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        source = read_document(data, path.name)
    except UnreadableDocument as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    result = to_json(analyse(source, args.date))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_deadline(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.deadlines import normalise

    found = normalise(args.phrase, args.date)
    out = {
        "text": found.text if found else None,
        "due": found.due.isoformat() if found and found.due else None,
        "earliest": found.earliest.isoformat() if found and found.earliest else None,
        "kind": found.kind if found else None,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from scraper.config import SyncConfig
    from scraper.sample import SAMPLE_DIR
    from scraper.snapshot import SnapshotError
    from scraper.sync import DatabaseUnavailable, sync

    snapshot: Path | None = None
    if args.sample:
        snapshot = SAMPLE_DIR
    elif args.from_dir:
        snapshot = Path(args.from_dir)
        if not snapshot.is_dir():
            raise UsageError(f"not a snapshot directory: {snapshot}")
    config = SyncConfig.from_settings(settings)
    try:
        engine = _engine(settings)
        summary = sync(engine, config, since=args.since, snapshot=snapshot, progress=not args.quiet)
    except (SnapshotError, DatabaseUnavailable) as exc:
        raise UsageError(str(exc)) from exc
    for line in summary.lines():
        print(line)
    # A stopped category is not done: a scheduler or a script must see it (the summary says which).
    return 1 if summary.stopped else 0


def cmd_track(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.track import track

    summary = track(_engine(settings), today=args.today)
    for line in summary.lines():
        print(line)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.export import export_rows, to_csv, to_json

    rows = export_rows(_engine(settings), status=args.status, ministry=args.ministry, today=args.today)
    sys.stdout.write(to_json(rows) if args.format == "json" else to_csv(rows))
    return 0


def cmd_subscribe(args: argparse.Namespace, settings: Settings) -> int:
    from db.vocabulary import Frequency
    from tracker.subscriptions import Scope, SubscriptionError, listing, subscribe

    engine = _engine(settings)
    if args.list:
        for info in listing(engine, email=None if args.email == "-" else args.email):
            print(
                f"{info.id}\t{info.email}\t{info.frequency}\t{info.scope.describe()}"
                + (f"\tvolgt {', '.join(map(str, info.scope.commitments))}" if info.scope.commitments else "")
            )
        return 0
    scope = Scope(
        ministries=tuple(args.ministry),
        committees=tuple(args.committee),
        dossiers=tuple(args.dossier),
        ministers=tuple(args.minister),
        made_to=tuple(args.made_to),
        commitments=tuple(args.commitment),
    )
    frequency = Frequency.DAILY if args.daily else Frequency.WEEKLY
    try:
        info = subscribe(engine, args.email, scope, frequency, confirmed=True)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from exc
    print(f"subscription {info.id}: {info.email}, {info.frequency} digest of {info.scope.describe()}")
    return 0


def cmd_unsubscribe(args: argparse.Namespace, settings: Settings) -> int:
    from tracker.subscriptions import unsubscribe_email

    n = unsubscribe_email(_engine(settings), args.email)
    print(f"{n} subscription{'s' if n != 1 else ''} of {args.email} ended")
    return 0


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from toezeggingen.jobs import LockHeld, digests
    from tracker.tokens import MissingSecret

    preview = Path(args.preview) if args.preview else None
    if preview is None and not (settings.smtp_host and settings.digest_from):
        raise UsageError("SMTP_HOST and DIGEST_FROM are not set: use --preview DIR to look at the digests")
    try:
        result = digests(preview=preview, settings=settings)
    except MissingSecret as exc:
        raise UsageError(str(exc)) from exc
    except LockHeld as exc:
        raise UsageError(f"{exc}; try again when it has finished") from exc
    for line in result.lines():
        print(line)
    return 1 if result.stopped else 0


def cmd_schedule(args: argparse.Namespace, settings: Settings) -> int:
    from toezeggingen.schedule import run

    return run(_engine(settings), settings)


def cmd_dashboard(args: argparse.Namespace, settings: Settings) -> int:
    import subprocess

    import dashboard

    _engine(settings).dispose()  # migrate once, before any page opens the database
    app = Path(dashboard.__file__).parent / "app.py"
    port = os.environ.get("STREAMLIT_SERVER_PORT", "8501")
    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.headless=true", "--browser.gatherUsageStats=false", "--client.toolbarMode=viewer",
    ]  # fmt: skip
    print(f"Dashboard: http://localhost:{port}  (Ctrl-C stops it)", flush=True)
    server = subprocess.Popen(command)
    try:
        return server.wait()
    except KeyboardInterrupt:
        # the terminal sent Ctrl-C to the server as well; let it finish
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.terminate()
        return 0


def cmd_editor_hash(args: argparse.Namespace, settings: Settings) -> int:
    import getpass

    from dashboard.accounts import AccountsError, entry

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Wachtwoord: ")
        if getpass.getpass("Nog een keer: ") != password:
            raise UsageError("the passwords differ")
    try:
        print(entry(args.name, password))
    except AccountsError as exc:
        raise UsageError(str(exc)) from exc
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="toezeggingen", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyse", help="extract commitments and fulfilments from one document")
    p.add_argument("file")
    p.add_argument("--date", type=_iso_date, help="the document's date D (YYYY-MM-DD)")
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("deadline", help="normalise one Dutch time phrase")
    p.add_argument("phrase")
    p.add_argument("--date", type=_iso_date, required=True)
    p.set_defaults(func=cmd_deadline)

    p = sub.add_parser("sync", help="bring the database up to date with the Kamer's open data")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--from", dest="from_dir", metavar="DIR", help="import a saved snapshot, no network")
    src.add_argument("--sample", action="store_true", help="import the bundled sample snapshot, no network")
    p.add_argument("--since", type=_iso_date, help="backfill through OData from this date")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("track", help="turn synced documents into commitments with a status")
    p.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_track)

    p = sub.add_parser("export", help="print the commitments")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--ministry")
    p.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("subscribe", help="add a digest subscription (confirmed at once)")
    p.add_argument("email")
    p.add_argument("--ministry", action="append", default=[], metavar="M", help="repeatable")
    p.add_argument("--committee", action="append", default=[], metavar="C", help="repeatable")
    p.add_argument("--dossier", action="append", default=[], metavar="D", help="repeatable")
    p.add_argument("--minister", action="append", default=[], metavar="P", help="repeatable")
    p.add_argument(
        "--made-to", action="append", default=[], metavar="NAME", help="a member or party; repeatable"
    )
    p.add_argument(
        "--commitment", action="append", default=[], type=int, metavar="ID", help="follow (alerts)"
    )
    p.add_argument("--daily", action="store_true", help="a digest every working day instead of weekly")
    p.add_argument("--list", action="store_true", help="list the active subscriptions (of EMAIL, or all: -)")
    p.set_defaults(func=cmd_subscribe)

    p = sub.add_parser("unsubscribe", help="end every subscription of an address")
    p.add_argument("email")
    p.set_defaults(func=cmd_unsubscribe)

    p = sub.add_parser("digest", help="send the due digests")
    p.add_argument("--preview", metavar="DIR", help="write .eml and .html files instead of sending")
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("schedule", help="run sync, track, digests and alerts on schedule until stopped")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("dashboard", help="start the web dashboard (STREAMLIT_SERVER_PORT sets the port)")
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("editor-hash", help="print a DASHBOARD_EDITORS entry: the name with a password hash")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_editor_hash)
    return parser


def fail(message: str) -> NoReturn:
    print(f"toezeggingen: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    from db.locks import LockHeld

    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # Migration chatter on every start says nothing a user needs.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    # pypdf warns about damaged files on its own logger; our one-line error says it better.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        settings = get_settings()
        return int(args.func(args, settings))
    except ValidationError as exc:
        fail(describe_error(exc))
    except (UsageError, LockHeld) as exc:
        fail(str(exc))
    except OperationalError as exc:
        fail(f"database unavailable: {str(exc.orig or exc).splitlines()[0]}")
    except KeyboardInterrupt:
        fail("interrupted; what was committed is kept, run again to resume")


if __name__ == "__main__":
    sys.exit(main())
