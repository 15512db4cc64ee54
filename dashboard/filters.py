"""The URL contract (interfaces.md, "Dashboard URLs"): query strings to views and views back to query strings.

Pure: a mapping of parameter names to their values (a parameter may repeat) in, a view and Dutch error
messages out. Unknown parameters are ignored; any bad value gives the unfiltered view and a message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar
from urllib.parse import urlencode

from db.vocabulary import Source, Status, StatusSource
from tracker.queries import SORTS, CommitmentFilter

Params = Mapping[str, Sequence[str]]
E = TypeVar("E", Status, Source, StatusSource)

DEFAULT_SORT = "due"
MAX_PAGE = 1_000_000
YES, NO = "ja", "nee"


class BadParameter(ValueError):
    """A query-string value the view cannot take; its message is the Dutch text users see."""


@dataclass(frozen=True)
class TableView:
    """The table page: which commitments, in which order, which page."""

    flt: CommitmentFilter = field(default_factory=CommitmentFilter)
    sort: str = DEFAULT_SORT
    page: int = 1


@dataclass(frozen=True)
class QueueView:
    ministry: str = ""
    page: int = 1


@dataclass(frozen=True)
class LettersView:
    ministry: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1


# --------------------------------------------------------------------------- reading values


def _values(params: Params, name: str) -> list[str]:
    raw = params.get(name, ())
    if isinstance(raw, str):  # a plain dict of single values
        raw = [raw]
    return [v.strip() for v in raw if v and v.strip()]


def _last(params: Params, name: str) -> str:
    values = _values(params, name)
    return values[-1] if values else ""


def _date(params: Params, name: str) -> date | None:
    value = _last(params, name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"‘{name}’ is geen datum (JJJJ-MM-DD): {value}") from None


def _page(params: Params, name: str = "pagina") -> int:
    value = _last(params, name)
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise BadParameter(f"‘{name}’ is geen paginanummer: {value}")
    return int(value)


def _enums(params: Params, name: str, enum: type[E]) -> tuple[E, ...]:
    out = []
    for value in _values(params, name):
        try:
            out.append(enum(value))
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise BadParameter(f"‘{name}’ kan {allowed} zijn, niet: {value}") from None
    return tuple(dict.fromkeys(out))


def _yes_no(params: Params, name: str) -> bool | None:
    value = _last(params, name).lower()
    if not value:
        return None
    if value not in (YES, NO):
        raise BadParameter(f"‘{name}’ kan {YES} of {NO} zijn, niet: {value}")
    return value == YES


def _strings(params: Params, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_values(params, name)))


# --------------------------------------------------------------------------- the views


def commitment_filter(params: Params) -> CommitmentFilter:
    """The filters of `/toezeggingen` (also applied on `/`); raises BadParameter."""
    flt = CommitmentFilter(
        statuses=_enums(params, "status", Status),
        ministries=_strings(params, "ministerie"),
        ministers=_strings(params, "bewindspersoon"),
        committees=_strings(params, "commissie"),
        dossiers=_strings(params, "dossier"),
        sources=_enums(params, "bron", Source),
        made_to=_strings(params, "toegezegd_aan"),
        text=" ".join(_values(params, "q")),
        due_from=_date(params, "due_van"),
        due_to=_date(params, "due_tot"),
        status_sources=_enums(params, "statusbron", StatusSource),
        vague=_yes_no(params, "vaag"),
        shadow=_yes_no(params, "schaduw"),
    )
    if flt.due_from and flt.due_to and flt.due_from > flt.due_to:
        raise BadParameter("‘due_van’ ligt na ‘due_tot’")
    return flt


def table_view(params: Params) -> tuple[TableView, str | None]:
    """The view a query string asks for, or the unfiltered view and a Dutch message saying why."""
    try:
        sort = _last(params, "sort") or DEFAULT_SORT
        if sort not in SORTS:
            raise BadParameter(f"‘sort’ kan {', '.join(SORTS)} zijn, niet: {sort}")
        return TableView(commitment_filter(params), sort, _page(params)), None
    except BadParameter as exc:
        return TableView(), str(exc)


def overview_filter(params: Params) -> tuple[CommitmentFilter, str | None]:
    try:
        return commitment_filter(params), None
    except BadParameter as exc:
        return CommitmentFilter(), str(exc)


def queue_view(params: Params) -> tuple[QueueView, str | None]:
    try:
        return QueueView(_last(params, "ministerie"), _page(params)), None
    except BadParameter as exc:
        return QueueView(), str(exc)


def letters_view(params: Params) -> tuple[LettersView, str | None]:
    try:
        view = LettersView(
            _last(params, "ministerie"), _date(params, "van"), _date(params, "tot"), _page(params)
        )
    except BadParameter as exc:
        return LettersView(), str(exc)
    if view.date_from and view.date_to and view.date_from > view.date_to:
        return LettersView(), "‘van’ ligt na ‘tot’"
    return view, None


def commitment_id(params: Params) -> tuple[int | None, str | None]:
    value = _last(params, "id")
    if not value:
        return None, "Geen toezegging gekozen: de link mist ‘id’."
    if not value.isdigit() or len(value) > 12:
        return None, f"‘id’ is geen nummer van een toezegging: {value}"
    return int(value), None


# --------------------------------------------------------------------------- back to query strings


def filter_params(flt: CommitmentFilter) -> dict[str, list[str]]:
    """The query parameters for `flt` (only what narrows)."""
    out: dict[str, list[str]] = {
        "status": [s.value for s in flt.statuses],
        "ministerie": list(flt.ministries),
        "bewindspersoon": list(flt.ministers),
        "commissie": list(flt.committees),
        "dossier": list(flt.dossiers),
        "bron": [s.value for s in flt.sources],
        "toegezegd_aan": list(flt.made_to),
        "q": [flt.text.strip()] if flt.text.strip() else [],
        "due_van": [flt.due_from.isoformat()] if flt.due_from else [],
        "due_tot": [flt.due_to.isoformat()] if flt.due_to else [],
        "statusbron": [s.value for s in flt.status_sources],
        "vaag": [] if flt.vague is None else [YES if flt.vague else NO],
        "schaduw": [] if flt.shadow is None else [YES if flt.shadow else NO],
    }
    return {k: v for k, v in out.items() if v}


def table_params(view: TableView) -> dict[str, list[str]]:
    out = filter_params(view.flt)
    if view.sort != DEFAULT_SORT:
        out["sort"] = [view.sort]
    if view.page != 1:
        out["pagina"] = [str(view.page)]
    return out


def query_string(params: Mapping[str, Sequence[str]]) -> str:
    """`?a=1&a=2`, or "" for no parameters."""
    text = urlencode([(k, v) for k, values in params.items() for v in values])
    return f"?{text}" if text else ""


def with_page(view: TableView, page: int) -> TableView:
    return replace(view, page=max(1, page))
