"""The table's current view as a file: CSV (for Dutch Excel: semicolons, UTF-8 with a byte-order mark),
Excel (openpyxl) and an iCalendar file of the deadlines (icalendar), one all-day event per due date.

Pure: rows in, bytes out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dashboard import format as fmt
from tracker.queries import CommitmentRow

COLUMNS = (
    "nummer", "bron", "registernummer", "toezegging", "bewindspersoon", "ministerie", "gedaan_op",
    "gedaan_in", "termijn_tekst", "uiterlijk", "status", "status_bron", "voldaan_met",
)  # fmt: skip


def _record(r: CommitmentRow) -> list[Any]:
    return [
        r.id,
        fmt.SOURCE[r.source],
        r.register_number or "",
        " ".join(r.text.split()),
        r.minister or "",
        r.ministry or "",
        r.made_on,
        r.made_in or "",
        r.deadline_text or "",
        r.due,
        fmt.STATUS[r.status],
        fmt.STATUS_SOURCE[r.status_source],
        ", ".join(r.fulfilled_by),
    ]


def _formula_safe(value: Any) -> Any:
    # A cell starting with = + - @ is a formula to a spreadsheet; source text must stay text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: Sequence[CommitmentRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([_formula_safe(v.isoformat() if isinstance(v, date) else v) for v in _record(r)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[CommitmentRow]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Toezeggingen")
    widths = {"toezegging": 90, "bewindspersoon": 28, "ministerie": 32, "gedaan_in": 24, "termijn_tekst": 24}
    for i, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 14)
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append([_formula_safe(v) for v in _record(r)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_ics(rows: Sequence[CommitmentRow], base_url: str, now: datetime | None = None) -> bytes:
    """A calendar with one all-day event on each commitment's due date (rows without one are left out)."""
    cal = Calendar()
    cal.add("prodid", "-//toezeggingen//dashboard//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Termijnen van toezeggingen")
    stamp = now or datetime.now(UTC)
    for r in rows:
        if r.due is None:
            continue
        event = Event()
        event.add("uid", f"toezegging-{r.id}@toezeggingen")
        event.add("dtstamp", stamp)
        event.add("dtstart", r.due)
        event.add("dtend", r.due + timedelta(days=1))
        event.add("summary", f"Toezegging {r.id}: {fmt.shorten(r.text, 80)}")
        who = ", ".join(x for x in (r.minister, r.ministry) if x)
        event.add(
            "description",
            f"{' '.join(r.text.split())}\n\n{who}\nStatus: {fmt.STATUS[r.status]}"
            f"\nTermijn: {r.deadline_text or fmt.date_nl(r.due)}",
        )
        event.add("url", f"{base_url.rstrip('/')}/toezegging?id={r.id}")
        cal.add_component(event)
    return cal.to_ical()
