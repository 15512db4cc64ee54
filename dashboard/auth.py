"""Who is editing: Streamlit's own OIDC login (`st.login`) where `[auth]` is configured in the secrets,
otherwise the editor accounts of `DASHBOARD_EDITORS` (argon2 hashes, see `dashboard.accounts`).

Anyone may browse; `editor()` is the name that goes into the history of every decision, or None.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard import accounts
from toezeggingen.settings import get_settings

log = logging.getLogger(__name__)

_KEY = "editor"  # session state: the name of the editor logged in with a password


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False


def _accounts() -> dict[str, str]:
    try:
        return accounts.parse(get_settings().dashboard_editors)
    except accounts.AccountsError as exc:
        log.error("%s", exc)
        return {}


def editor() -> str | None:
    """The logged-in editor's name, or None for a visitor."""
    if oidc_configured():
        if not st.user.is_logged_in:
            return None
        name = st.user.get("name") or st.user.get("email")
        return str(name) if name else None
    name = st.session_state.get(_KEY)
    return str(name) if name else None


def login_available() -> bool:
    return oidc_configured() or bool(_accounts())


def _password_login(name: str, password: str) -> None:
    if accounts.check(_accounts(), name, password):
        st.session_state[_KEY] = name.strip()
        log.info("editor %s logged in", name.strip())
    else:
        st.session_state["login_failed"] = True


def sidebar() -> None:
    """The login box in the sidebar: who is logged in and a way out, or a way in."""
    with st.sidebar:
        who = editor()
        if who:
            st.caption(f"Ingelogd als redacteur **{who}**")
            if st.button("Uitloggen", key="logout"):
                if oidc_configured():
                    st.logout()
                st.session_state.pop(_KEY, None)
                st.rerun()
            return
        if oidc_configured():
            if st.button("Inloggen als redacteur", key="login"):
                st.login()
            return
        if not _accounts():
            st.caption("Bekijken kan iedereen. Bewerken vraagt een redacteursaccount (DASHBOARD_EDITORS).")
            return
        with st.expander("Inloggen als redacteur"), st.form("login_form", clear_on_submit=True):
            name = st.text_input("Naam", key="login_name")
            password = st.text_input("Wachtwoord", type="password", key="login_password")
            if st.form_submit_button("Inloggen"):
                _password_login(name, password)
                st.rerun()
        if st.session_state.pop("login_failed", False):
            st.error("Naam of wachtwoord klopt niet.")


def require_editor_notice(action: str = "bewerken") -> None:
    if login_available():
        st.info(f"Log in als redacteur (in de zijbalk) om te {action}.", icon=":material/lock:")
    else:  # no login box to point at: say what the administrator must set
        st.info(
            f"Om te {action} is een redacteursaccount nodig; er zijn er nog geen ingesteld "
            "(DASHBOARD_EDITORS of een OIDC-login, zie de README).",
            icon=":material/lock:",
        )
