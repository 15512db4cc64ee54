"""The dashboard's entry point (`streamlit run dashboard/app.py`): the pages and their URLs, the login box.

The paths are the URL contract of interfaces.md ("Dashboard URLs"); each page is a thin script in
`app_pages/` that reads through `dashboard.data`. (Not `pages/`: Streamlit would also read that folder
as the old automatic page list.)
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth

st.set_page_config(page_title="Toezeggingen", page_icon=":material/handshake:", layout="wide")

navigation = st.navigation(
    [
        st.Page("app_pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        st.Page(
            "app_pages/toezeggingen.py", title="Toezeggingen", icon=":material/list:", url_path="toezeggingen"
        ),
        st.Page(
            "app_pages/toezegging.py",
            title="Toezegging",
            icon=":material/description:",
            url_path="toezegging",
            visibility="hidden",
        ),
        st.Page(
            "app_pages/te_bevestigen.py",
            title="Te bevestigen",
            icon=":material/fact_check:",
            url_path="te-bevestigen",
        ),
        st.Page("app_pages/brieven.py", title="Brieven", icon=":material/mail:", url_path="brieven"),
        st.Page(
            "app_pages/bewindspersonen.py",
            title="Bewindspersonen",
            icon=":material/groups:",
            url_path="bewindspersonen",
        ),
        st.Page(
            "app_pages/abonneren.py", title="E-mailoverzicht", icon=":material/mail:", url_path="abonneren"
        ),
        st.Page("app_pages/beheer.py", title="Beheer", icon=":material/settings:", url_path="beheer"),
        # the digest's links: unsubscribe at once, confirm a subscription made on the dashboard
        st.Page("app_pages/afmelden.py", title="Afmelden", url_path="afmelden", visibility="hidden"),
        st.Page("app_pages/bevestigen.py", title="Bevestigen", url_path="bevestigen", visibility="hidden"),
    ]
)
auth.sidebar()
navigation.run()
