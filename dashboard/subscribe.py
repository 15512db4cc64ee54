"""The subscription pieces of the dashboard: the subscribe form, and the two pages' logic behind signed links.

The dashboard never sends mail (Streamlit reruns scripts for every visitor): a subscription made here is
stored unconfirmed with its confirmation message in the outbox, and the scheduler's outbox job sends it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy.engine import Engine

from db.vocabulary import Frequency
from toezeggingen.settings import get_settings
from tracker import outbox, subscriptions, tokens
from tracker.mail import MailConfig


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # Dutch, for the page


def _signed_id(
    token: str | None, secret: str | None, purpose: tokens.Purpose, failed: str, unset: str
) -> int | Outcome:
    """The subscription id a link was signed for, or what the page says instead. `failed` takes the
    token's own reason in place of {}."""
    if not token:
        return Outcome(False, "Deze link is onvolledig: er ontbreekt een code.")
    try:
        return tokens.read(secret, purpose, token)
    except tokens.BadToken as exc:
        return Outcome(False, failed.format(exc))
    except tokens.MissingSecret:
        return Outcome(False, unset)


def unsubscribe(token: str | None, engine: Engine, secret: str | None) -> Outcome:
    """Ends the subscription the token was signed for, at once."""
    subscription_id = _signed_id(
        token,
        secret,
        tokens.Purpose.UNSUBSCRIBE,
        "Afmelden lukte niet: {}.",
        "Afmelden is op deze installatie nog niet ingesteld.",
    )
    if isinstance(subscription_id, Outcome):
        return subscription_id
    info = subscriptions.unsubscribe(engine, subscription_id)
    if info is None:
        return Outcome(False, "Deze aanmelding bestaat niet (meer).")
    return Outcome(
        True, f"U bent afgemeld: {info.email} ontvangt geen berichten meer over {info.scope.describe()}."
    )


def confirm(token: str | None, engine: Engine, secret: str | None) -> Outcome:
    """Confirms the subscription the token was signed for (double opt-in)."""
    subscription_id = _signed_id(
        token,
        secret,
        tokens.Purpose.CONFIRM,
        "Bevestigen lukte niet: {}. Meld u opnieuw aan.",
        "Aanmelden is op deze installatie nog niet ingesteld.",
    )
    if isinstance(subscription_id, Outcome):
        return subscription_id
    info = subscriptions.confirm(engine, subscription_id)
    if info is None:
        return Outcome(False, "Deze aanmelding is ingetrokken of bestaat niet.")
    when = "elke werkdag" if info.frequency is Frequency.DAILY else "elke maandag"
    return Outcome(
        True,
        f"Bevestigd: {info.email} ontvangt {when} om 7.00 uur een overzicht van {info.scope.describe()}.",
    )


def _lines(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.replace(";", ",").split(",") if v.strip())


def subscribe_form(engine: Engine, *, ministries: tuple[str, ...] = (), committees: tuple[str, ...] = (),
                   ministers: tuple[str, ...] = ()) -> None:  # fmt: skip
    """Email and scope → a confirmation email with a link; nothing else is sent before it is followed."""
    with st.form("aanmelden"):
        email = st.text_input("E-mailadres", key="aanmelden_email")
        chosen_ministries = st.multiselect("Ministeries", ministries, key="aanmelden_ministeries")
        chosen_committees = st.multiselect("Commissies", committees, key="aanmelden_commissies")
        chosen_ministers = st.multiselect("Bewindspersonen", ministers, key="aanmelden_bewindspersonen")
        dossiers = st.text_input("Dossiers (nummers, met komma's)", key="aanmelden_dossiers")
        made_to = st.text_input("Toegezegd aan (Kamerleden of fracties, met komma's)", key="aanmelden_aan")
        daily = st.checkbox("Elke werkdag in plaats van wekelijks", key="aanmelden_dagelijks")
        sent = st.form_submit_button("Aanmelden")
    if not sent:
        return
    scope = subscriptions.Scope(
        ministries=tuple(chosen_ministries),
        committees=tuple(chosen_committees),
        ministers=tuple(chosen_ministers),
        dossiers=_lines(dossiers),
        made_to=_lines(made_to),
    )
    try:
        outbox.request_subscription(
            engine,
            MailConfig.from_settings(get_settings()),
            email,
            scope,
            Frequency.DAILY if daily else Frequency.WEEKLY,
        )
    except subscriptions.SubscriptionError:
        st.error("Dat is geen geldig e-mailadres.")
        return
    except tokens.MissingSecret:
        st.error("Aanmelden is op deze installatie nog niet ingesteld.")
        return
    st.success(
        f"Bijna klaar: open de link in de e-mail die naar {email.strip()} is gestuurd om te bevestigen."
    )
