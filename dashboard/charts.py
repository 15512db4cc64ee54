"""The Overzicht charts as Altair specifications, with Dutch axis labels.

Pure: frames in, charts out (Streamlit draws them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import altair as alt
import pandas as pd

from dashboard import format as fmt
from db.vocabulary import Status
from tracker.calendar import Recess

_MONTHS_SHORT = "['jan','feb','mrt','apr','mei','jun','jul','aug','sep','okt','nov','dec']"
DAY_LABEL = f"date(datum.value) + ' ' + {_MONTHS_SHORT}[month(datum.value)]"


def status_per_group(frame: pd.DataFrame, group_title: str) -> alt.Chart:
    """Horizontal stacked bars: per ministry, how many commitments have each status."""
    order = [fmt.STATUS[s] for s in Status]
    colours = [fmt.STATUS_COLOUR[s] for s in Status]
    groups = list(dict.fromkeys(frame["groep"]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("groep:N", title=None, sort=groups, axis=alt.Axis(labelLimit=260)),
            x=alt.X("sum(aantal):Q", title="Aantal toezeggingen", axis=alt.Axis(format="d")),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=order, range=colours),
                legend=alt.Legend(orient="top", title=None, columns=2, labelLimit=200),
            ),
            order=alt.Order("volgorde:Q"),
            tooltip=[
                alt.Tooltip("groep:N", title=group_title),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("aantal:Q", title="Aantal"),
            ],
        )
        .transform_calculate(volgorde=f"indexof({order!r}, datum.status)")
        .properties(height=alt.Step(28))
    )


def timeline(
    per_day: Mapping[date, int], start: date, end: date, recesses: Sequence[Recess]
) -> alt.LayerChart:
    """Open commitments falling due per day from `start` to `end`, recesses shaded and named."""
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    bars = pd.DataFrame(
        {
            "dag": pd.to_datetime(days),
            "aantal": [per_day.get(d, 0) for d in days],
            "datum": [fmt.date_nl(d) for d in days],
        }
    )
    shown = [
        {
            "van": pd.Timestamp(max(r.start, start)),
            "tot": pd.Timestamp(min(r.end, end) + timedelta(days=1)),
            "reces": r.name,
            "periode": f"{fmt.date_nl(r.start)} t/m {fmt.date_nl(r.end)}",
        }
        for r in recesses
    ]
    recess_frame = pd.DataFrame.from_records(shown, columns=["van", "tot", "reces", "periode"])
    x = alt.X(
        "dag:T",
        title=None,
        scale=alt.Scale(
            domain=[pd.Timestamp(start).isoformat(), pd.Timestamp(end + timedelta(days=1)).isoformat()]
        ),
        axis=alt.Axis(labelExpr=DAY_LABEL, tickCount="week", grid=False),
    )
    bar_layer = (
        alt.Chart(bars)
        .mark_bar(color=fmt.STATUS_COLOUR[Status.OPEN], width={"band": 0.8})
        .encode(
            x=x,
            y=alt.Y("aantal:Q", title="Termijnen per dag", axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip("datum:N", title="Dag"), alt.Tooltip("aantal:Q", title="Termijnen")],
        )
    )
    band = (
        alt.Chart(recess_frame)
        .mark_rect(color="#f2b134", opacity=0.18)
        .encode(
            x="van:T",
            x2="tot:T",
            tooltip=[alt.Tooltip("reces:N", title="Reces"), alt.Tooltip("periode:N", title="Periode")],
        )
    )
    label = (
        alt.Chart(recess_frame)
        .mark_text(align="left", baseline="top", dx=4, dy=4, color="#9a6a00")
        .encode(x="van:T", y=alt.value(0), text="reces:N")
    )
    return alt.LayerChart(layer=[band, bar_layer, label]).properties(height=260)
