"""Afmelden and bevestigen: the digest's links land here; until digests exist, the page says so."""

from __future__ import annotations

import streamlit as st

st.title("Digest")
st.info("E-maildigests zijn nog niet beschikbaar; deze link doet nog niets.", icon=":material/mail:")
