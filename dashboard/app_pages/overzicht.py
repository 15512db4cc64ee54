"""Overzicht: what is open, late, due soon and recently done; status per ministry; the coming eight weeks
with the recesses; how often each ministry and minister delivers on time."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import streamlit as st

from dashboard import charts, data, filters, widgets
from dashboard import format as fmt
from db.vocabulary import Status

url, day = data.database_url(), data.today()
flt, error = filters.overview_filter(widgets.params())

st.title("Overzicht")
st.caption(
    f"Stand van {fmt.date_nl(day)}. Wat bewindspersonen de Tweede Kamer hebben toegezegd, en wat ervan kwam."
)
widgets.show_param_error(error)
with st.expander("Filter de cijfers", expanded=not flt.is_empty()):
    widgets.filter_controls("ov", flt, data.options(url))

view = data.overview(url, flt, day)


def table_link(label: str, narrowed: filters.CommitmentFilter) -> None:
    st.page_link(
        widgets.TABLE, label=label, query_params=filters.filter_params(narrowed), icon=":material/list:"
    )


soon_end = day + timedelta(days=data.SOON_DAYS)
metrics = st.columns(4)
with metrics[0]:
    st.metric(
        "Openstaand",
        fmt.number_nl(view.open_total),
        border=True,
        help="Nog niet voldaan, ook als de termijn voorbij is.",
    )
    table_link("Bekijk openstaande", replace(flt, statuses=(Status.OPEN, Status.OVERDUE)))
with metrics[1]:
    st.metric(
        "Te laat",
        fmt.number_nl(view.counts[Status.OVERDUE]),
        border=True,
        help="Openstaand en de termijn is voorbij.",
    )
    table_link("Bekijk wat te laat is", replace(flt, statuses=(Status.OVERDUE,)))
with metrics[2]:
    st.metric(f"Termijn binnen {data.SOON_DAYS} dagen", fmt.number_nl(view.due_soon), border=True)
    table_link("Bekijk wat eraan komt", replace(flt, statuses=(Status.OPEN,), due_from=day, due_to=soon_end))
with metrics[3]:
    st.metric(
        f"Voldaan, laatste {data.RECENT_DAYS} dagen",
        fmt.number_nl(view.fulfilled_recently),
        border=True,
        help="Voldaan met een brief die in deze periode gedateerd is.",
    )
    table_link("Bekijk voldane", replace(flt, statuses=(Status.FULFILLED, Status.PARTLY_FULFILLED)))

left, right = st.columns(2, gap="large")
per_ministry = data.figures(url, day, "ministry", flt)
with left:
    st.subheader("Status per ministerie")
    if per_ministry:
        st.altair_chart(
            charts.status_per_group(data.status_chart_frame(per_ministry), "Ministerie"), width="stretch"
        )
        if len(per_ministry) > 15:
            st.caption(f"De 15 ministeries met de meeste openstaande toezeggingen, van {len(per_ministry)}.")
    else:
        st.info("Geen toezeggingen onder dit filter.")
with right:
    end = day + timedelta(weeks=data.TIMELINE_WEEKS)
    st.subheader(f"Termijnen in de komende {data.TIMELINE_WEEKS} weken")
    st.altair_chart(charts.timeline(view.due_per_day, day, end, data.recesses(day, end)), width="stretch")
    if view.first_due:
        st.caption("Eerstvolgende termijnen")
        st.dataframe(
            data.table_frame(view.first_due)[["Nr.", "Uiterlijk", "Toezegging", "Bewindspersoon"]],
            hide_index=True,
            column_config={"Nr.": st.column_config.LinkColumn(display_text=r"id=(\d+)", width="small")},
        )
    else:
        st.caption("Geen openstaande termijnen in deze weken.")

st.subheader("Op tijd voldaan")
st.caption(
    "Van de voldane toezeggingen met een termijn: het deel waarvan de brief op of voor de termijn kwam."
)
config = {"Open oudste": st.column_config.LinkColumn("Oudste open", display_text="openen")}
columns = ["Openstaand", "Te laat", "Voldaan", "Op tijd voldaan", "Mediaan dagen te laat", "Open oudste"]
st.markdown("**Per ministerie**")
st.dataframe(
    data.figures_frame(per_ministry, "Ministerie")[["Ministerie", *columns]],
    hide_index=True,
    column_config=config,
)
st.markdown("**Per bewindspersoon**")
per_minister = data.figures(url, day, "minister", flt)
st.dataframe(
    data.figures_frame(per_minister, "Bewindspersoon")[["Bewindspersoon", *columns]],
    hide_index=True,
    column_config=config,
)
