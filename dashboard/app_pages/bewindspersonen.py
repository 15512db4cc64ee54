"""Bewindspersonen: per minister and per ministry, the figures from tracking: open, late, done, and how
often and how late they deliver."""

from __future__ import annotations

import streamlit as st

from dashboard import data

url, day = data.database_url(), data.today()

st.title("Bewindspersonen")
st.caption(
    "Openstaand telt ook wat te laat is. ‘Op tijd voldaan’: van de voldane toezeggingen met een termijn, het "
    "deel waarvan de brief op of voor de termijn kwam. De mediaan is die van de te late."
)
config = {
    "Open oudste": st.column_config.LinkColumn("Oudste open", display_text="openen"),
    "Totaal": st.column_config.NumberColumn(format="localized"),
    "Openstaand": st.column_config.NumberColumn(format="localized"),
}
st.subheader("Per bewindspersoon")
st.dataframe(
    data.figures_frame(data.figures(url, day, "minister"), "Bewindspersoon"),
    hide_index=True,
    column_config=config,
)
st.subheader("Per ministerie")
st.dataframe(
    data.figures_frame(data.figures(url, day, "ministry"), "Ministerie"),
    hide_index=True,
    column_config=config,
)
