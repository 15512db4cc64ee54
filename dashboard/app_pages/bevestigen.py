"""/bevestigen?token=…: confirms a subscription made on the dashboard (double opt-in)."""

import streamlit as st

from dashboard.data import engine
from dashboard.subscribe import confirm
from toezeggingen.settings import get_settings

st.title("Aanmelding bevestigen")
outcome = confirm(st.query_params.get("token"), engine(), get_settings().secret_key)
(st.success if outcome.ok else st.warning)(outcome.message)
