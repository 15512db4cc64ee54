"""Toezeggingen: the table, filtered, searched, sorted and paged through the URL, with exports."""

from __future__ import annotations

import streamlit as st

from dashboard import data, exports, filters, widgets
from toezeggingen.settings import get_settings

url, day = data.database_url(), data.today()
view, error = filters.table_view(widgets.params())

st.title("Toezeggingen")
widgets.show_param_error(error)
widgets.filter_controls(
    "tz",
    view.flt,
    data.options(url),
    keep=lambda: {"sort": [view.sort]} if view.sort != filters.DEFAULT_SORT else {},
)

page = data.commitments(url, view.flt, day, view.sort, view.page)
if view.page > page.pages:  # a bookmarked page past the end: show the last one
    page = data.commitments(url, view.flt, day, view.sort, page.pages)

top = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
with top[0]:
    widgets.sort_control("tz", view)


def rows() -> tuple:
    return data.export_rows(url, view.flt, day, view.sort)


stem = f"toezeggingen-{day.isoformat()}"
with top[1]:
    st.download_button(
        "CSV", lambda: exports.to_csv(rows()), f"{stem}.csv", "text/csv", icon=":material/download:",
        help="De hele selectie, niet alleen deze pagina (puntkomma's, voor Excel).", on_click="ignore",
    )  # fmt: skip
with top[2]:
    st.download_button(
        "Excel", lambda: exports.to_xlsx(rows()), f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
        help="De hele selectie als werkblad.", on_click="ignore",
    )  # fmt: skip
with top[3]:
    st.download_button(
        "Agenda (ICS)", lambda: exports.to_ics(rows(), get_settings().dashboard_url), f"{stem}.ics",
        "text/calendar", icon=":material/event:",
        help="De termijnen van de selectie als agenda, te openen in Outlook.", on_click="ignore",
    )  # fmt: skip

if not page.rows:
    st.info("Geen toezeggingen gevonden. Verruim de filters of zoek op een ander woord.")
else:
    st.dataframe(
        data.table_frame(page.rows),
        hide_index=True,
        column_config={
            # the number is the link to the commitment's page
            "Nr.": st.column_config.LinkColumn(display_text=r"id=(\d+)", width="small"),
            "Toezegging": st.column_config.TextColumn(width="large"),
        },
        height=38 + 35 * len(page.rows),
        key="tz_table",
    )
    widgets.pager(
        "tz",
        page.page,
        page.pages,
        page.total,
        lambda n: filters.table_params(filters.with_page(view, n)),
        "toezeggingen" if page.total != 1 else "toezegging",
    )
st.caption(
    "Bewaar of deel deze weergave met de link in de adresbalk. De downloads bevatten de hele selectie."
)
