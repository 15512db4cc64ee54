"""Beheer (editors): the last sync and track runs, the items sync could not fetch, and (as later issues
add them) the scheduler's jobs and the digest subscriptions."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, data

url = data.database_url()

st.title("Beheer")
if not auth.editor():
    auth.require_editor_notice("het beheer te zien")
    st.stop()

st.subheader("Laatste runs")
found = data.runs(url)
if found:
    st.dataframe(data.runs_frame(found), hide_index=True)
else:
    st.caption("Nog geen runs vastgelegd.")

st.subheader("Mislukte items")
problems = data.failures(url)
if problems:
    st.caption("Sync probeert deze items bij een volgende run opnieuw.")
    st.dataframe(data.failures_frame(problems), hide_index=True)
else:
    st.caption("Geen openstaande fouten.")

st.subheader("Planner en digests")
st.caption("De geplande taken en de digest-abonnementen verschijnen hier zodra die onderdelen er zijn.")
