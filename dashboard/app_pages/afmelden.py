"""/afmelden?token=…: unsubscribes at once the subscription the signed token belongs to."""

import streamlit as st

from dashboard.data import engine
from dashboard.subscribe import unsubscribe
from toezeggingen.settings import get_settings

st.title("Afmelden")
outcome = unsubscribe(st.query_params.get("token"), engine(), get_settings().secret_key)
(st.success if outcome.ok else st.warning)(outcome.message)
