"""UI pieces several pages share: the filter controls that read and write the URL, a pager, page links,
source text shown as text.

The URL is the state: controls start from the query string, and a change writes the query string back,
so every view can be bookmarked and shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import streamlit as st

from dashboard import filters
from dashboard import format as fmt
from db.vocabulary import Source, Status, StatusSource
from tracker.queries import SORTS, CommitmentFilter, Options

DETAIL = "app_pages/toezegging.py"
TABLE = "app_pages/toezeggingen.py"

_MULTI = (  # key, query parameter, label, CommitmentFilter field
    ("status", "status", "Status", "statuses"),
    ("ministerie", "ministerie", "Ministerie", "ministries"),
    ("bewindspersoon", "bewindspersoon", "Bewindspersoon", "ministers"),
    ("commissie", "commissie", "Commissie", "committees"),
    ("dossier", "dossier", "Dossier", "dossiers"),
    ("bron", "bron", "Bron", "sources"),
    ("toegezegd_aan", "toegezegd_aan", "Toegezegd aan", "made_to"),
    ("statusbron", "statusbron", "Status vastgesteld", "status_sources"),
)
_VAGUE = {"": "alle", filters.YES: "alleen vaag", filters.NO: "alleen met een datum"}
_SHADOW = {"": "alle", filters.YES: "alleen niet op de lijst", filters.NO: "zonder schaduwregister"}
# The ja/nee filters: URL key, label, words for each choice, explanation.
_YES_NO: tuple[tuple[str, str, dict[str, str], str | None], ...] = (
    ("vaag", "Vaag (zonder datum)", _VAGUE, None),
    (
        "schaduw",
        "Schaduwregister",
        _SHADOW,
        "Toezeggingen die de bewindspersoon in het debat deed, maar die niet op de lijst van "
        "toezeggingen staan die de voorzitter aan het eind voorlas.",
    ),
)


def params() -> dict[str, list[str]]:
    """The query string as a mapping of names to all their values."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def show_param_error(message: str | None) -> None:
    if message:
        st.warning(f"{message}. Je ziet het overzicht zonder filters.", icon=":material/link_off:")


def text(value: str | None) -> None:
    """Source text as text: never HTML, never Markdown."""
    st.markdown(fmt.escape_md(value) or fmt.NONE)


# --------------------------------------------------------------------------- filter controls


def _key(prefix: str, name: str) -> str:
    return f"{prefix}_{name}"


def _choices(values: Sequence[str], chosen: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*values, *chosen]))  # a value from the URL stays choosable


def _load(prefix: str, flt: CommitmentFilter, qs: str) -> None:
    """Put the URL's filter into the controls when the URL changed (a link, a bookmark, back/forward)."""
    marker = _key(prefix, "qs")
    if st.session_state.get(marker) == qs:
        return
    for key, _, _, attr in _MULTI:
        st.session_state[_key(prefix, key)] = [getattr(v, "value", v) for v in getattr(flt, attr)]
    st.session_state[_key(prefix, "q")] = flt.text
    st.session_state[_key(prefix, "due_van")] = flt.due_from
    st.session_state[_key(prefix, "due_tot")] = flt.due_to
    for key, value in (("vaag", flt.vague), ("schaduw", flt.shadow)):
        st.session_state[_key(prefix, key)] = "" if value is None else (filters.YES if value else filters.NO)
    st.session_state[marker] = qs


def _from_controls(prefix: str) -> CommitmentFilter:
    get = st.session_state.get
    due_from: date | None = get(_key(prefix, "due_van"))
    due_to: date | None = get(_key(prefix, "due_tot"))
    vague = get(_key(prefix, "vaag")) or ""
    shadow = get(_key(prefix, "schaduw")) or ""
    return CommitmentFilter(
        statuses=tuple(Status(v) for v in get(_key(prefix, "status"), [])),
        ministries=tuple(get(_key(prefix, "ministerie"), [])),
        ministers=tuple(get(_key(prefix, "bewindspersoon"), [])),
        committees=tuple(get(_key(prefix, "commissie"), [])),
        dossiers=tuple(get(_key(prefix, "dossier"), [])),
        sources=tuple(Source(v) for v in get(_key(prefix, "bron"), [])),
        made_to=tuple(get(_key(prefix, "toegezegd_aan"), [])),
        status_sources=tuple(StatusSource(v) for v in get(_key(prefix, "statusbron"), [])),
        text=(get(_key(prefix, "q")) or "").strip(),
        due_from=due_from,
        due_to=due_to if not (due_from and due_to and due_to < due_from) else due_from,
        vague=None if not vague else vague == filters.YES,
        shadow=None if not shadow else shadow == filters.YES,
    )


def write_url(new: Mapping[str, Sequence[str]]) -> None:
    st.query_params.from_dict({k: list(v) for k, v in new.items()})


def _on_filter_change(prefix: str, keep: Callable[[], dict[str, list[str]]]) -> None:
    # A new filter starts at page 1; what else the page keeps (its sort) comes from `keep`.
    chosen = filters.filter_params(_from_controls(prefix))
    write_url(chosen | keep())
    st.session_state[_key(prefix, "qs")] = filters.query_string(chosen)  # the controls already show it


def filter_controls(
    prefix: str,
    flt: CommitmentFilter,
    opts: Options,
    keep: Callable[[], dict[str, list[str]]] = dict,
    search: bool = True,
) -> None:
    """Search box and filters; any change rewrites the URL (and so the view)."""
    _load(prefix, flt, filters.query_string(filters.filter_params(flt)))
    on_change, args = _on_filter_change, (prefix, keep)
    values: dict[str, Sequence[str]] = {
        "status": [s.value for s in Status],
        "ministerie": opts.ministries,
        "bewindspersoon": opts.ministers,
        "commissie": opts.committees,
        "dossier": opts.dossiers,
        "bron": [s.value for s in Source],
        "toegezegd_aan": opts.made_to,
        "statusbron": [s.value for s in StatusSource],
    }
    words: dict[str, Callable[[str], str]] = {
        "status": fmt.status_word,
        "bron": lambda v: fmt.word(fmt.SOURCE, v),
        "statusbron": lambda v: fmt.word(fmt.STATUS_SOURCE, v),
    }

    def multi(key: str, label: str) -> None:
        full = _key(prefix, key)
        st.multiselect(
            label,
            _choices(values[key], st.session_state.get(full, [])),
            key=full,
            format_func=words.get(key, str),
            on_change=on_change,
            args=args,
            placeholder="alle",
            accept_new_options=key == "toegezegd_aan",
        )

    if search:
        st.text_input(
            "Zoeken in de tekst",
            key=_key(prefix, "q"),
            placeholder="bijvoorbeeld: mensenhandel rapportage",
            on_change=on_change,
            args=args,
        )
    first = st.columns(3)
    for column, (key, _, label, _) in zip(first, _MULTI[:3], strict=True):
        with column:
            multi(key, label)
    active = sum(bool(getattr(flt, attr)) for _, _, _, attr in _MULTI[3:])
    active += sum(v is not None for v in (flt.due_from, flt.due_to, flt.vague, flt.shadow))
    with st.expander(f"Meer filters{f' ({active} actief)' if active else ''}", expanded=bool(active)):
        more = st.columns(3)
        for i, (key, _, label, _) in enumerate(_MULTI[3:]):
            with more[i % 3]:
                multi(key, label)
        dates = st.columns(4)
        with dates[0]:
            st.date_input(
                "Uiterlijk vanaf",
                key=_key(prefix, "due_van"),
                format="DD-MM-YYYY",
                on_change=on_change,
                args=args,
            )
        with dates[1]:
            st.date_input(
                "Uiterlijk tot en met", key=_key(prefix, "due_tot"), format="DD-MM-YYYY", on_change=on_change,
                args=args,
            )  # fmt: skip
        for column, (key, label, choices, explained) in zip(dates[2:], _YES_NO, strict=True):
            with column:
                st.selectbox(
                    label,
                    list(choices),
                    key=_key(prefix, key),
                    format_func=choices.__getitem__,
                    on_change=on_change,
                    args=args,
                    help=explained,
                )
    if not flt.is_empty():
        st.button(
            "Filters wissen",
            key=_key(prefix, "clear"),
            on_click=write_url,
            args=({},),
            icon=":material/filter_alt_off:",
        )


def sort_control(prefix: str, view: filters.TableView) -> None:
    key = _key(prefix, "sort")
    if st.session_state.get(_key(prefix, "sort_qs")) != view.sort:
        st.session_state[key] = view.sort
        st.session_state[_key(prefix, "sort_qs")] = view.sort

    def changed() -> None:
        chosen = st.session_state[key]
        st.session_state[_key(prefix, "sort_qs")] = chosen
        write_url(filters.table_params(filters.TableView(view.flt, chosen, 1)))

    st.selectbox("Sorteren op", list(SORTS), key=key, format_func=fmt.SORT.__getitem__, on_change=changed)


def pager(
    prefix: str, page: int, pages: int, total: int, url_for: Callable[[int], dict[str, list[str]]], noun: str
) -> None:
    """Previous and next, and where we are: 'Pagina 2 van 31 · 1.512 toezeggingen'."""
    left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
    with left:
        st.button(
            "← Vorige",
            key=_key(prefix, "prev"),
            disabled=page <= 1,
            on_click=write_url,
            args=(url_for(page - 1),),
        )
    with middle:
        st.caption(f"Pagina {fmt.number_nl(page)} van {fmt.number_nl(pages)} · {fmt.number_nl(total)} {noun}")
    with right:
        st.button(
            "Volgende →",
            key=_key(prefix, "next"),
            disabled=page >= pages,
            on_click=write_url,
            args=(url_for(page + 1),),
        )


def detail_link(commitment_id: int, label: str | None = None) -> None:
    st.page_link(
        DETAIL,
        label=label or f"Toezegging {commitment_id} openen",
        query_params={"id": str(commitment_id)},
        icon=":material/open_in_new:",
    )
