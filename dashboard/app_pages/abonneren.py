"""/abonneren: a weekly or daily e-mail overview of a scope; double opt-in (a confirmation link first)."""

import streamlit as st

from dashboard.data import database_url, engine, options
from dashboard.subscribe import subscribe_form

st.title("E-mailoverzicht")
st.caption(
    "Elke maandag (of elke werkdag) om 7.00 uur een overzicht van wat te laat is, wat binnenkort moet, "
    "wat nieuw is toegezegd en wat is voldaan. U ontvangt eerst een e-mail met een bevestigingslink; "
    "zonder bevestiging sturen we niets. Afmelden kan met één klik onder elk overzicht."
)
choices = options(database_url())
subscribe_form(
    engine(), ministries=choices.ministries, committees=choices.committees, ministers=choices.ministers
)
