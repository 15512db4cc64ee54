"""The dashboard's afmelden and bevestigen pages, and its subscribe form, driven with Streamlit's AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.models import Delivery, Subscription
from db.vocabulary import DeliveryKind
from tests.conftest import ROOT
from tests.mail_factories import SECRET
from toezeggingen.settings import get_settings
from tracker import subscriptions, tokens
from tracker.subscriptions import Scope

PAGES = ROOT / "dashboard" / "app_pages"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_engine: Engine) -> Iterator[Engine]:
    monkeypatch.setenv("DATABASE_URL", str(sqlite_engine.url))
    monkeypatch.setenv("TOEZEGGINGEN_SECRET_KEY", SECRET)
    monkeypatch.setenv("DASHBOARD_URL", "https://toezeggingen.example.org")
    get_settings.cache_clear()
    yield sqlite_engine
    get_settings.cache_clear()


def page(name: str, token: str | None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=30)
    if token is not None:
        at.query_params["token"] = token
    return at.run()


def test_the_afmelden_page_unsubscribes_at_once(db: Engine) -> None:
    info = subscriptions.subscribe(db, "weg@example.org", Scope(ministries=("Justitie",)), confirmed=True)
    at = page("afmelden", tokens.make(SECRET, tokens.Purpose.UNSUBSCRIBE, info.id))
    assert not at.exception
    assert "U bent afgemeld" in at.success[0].value and "weg@example.org" in at.success[0].value
    assert subscriptions.listing(db) == []


@pytest.mark.parametrize("token", [None, "rommel", tokens.make(SECRET, tokens.Purpose.CONFIRM, 1)],
                         ids=["missing", "garbage", "other-purpose"])  # fmt: skip
def test_a_bad_link_says_so_in_dutch_and_changes_nothing(db: Engine, token: str | None) -> None:
    subscriptions.subscribe(db, "blijft@example.org", Scope(), confirmed=True)
    at = page("afmelden", token)
    assert not at.exception and not at.success
    assert "lukte niet" in at.warning[0].value or "onvolledig" in at.warning[0].value
    assert len(subscriptions.listing(db)) == 1


def test_the_bevestigen_page_confirms_a_dashboard_subscription(db: Engine) -> None:
    info = subscriptions.subscribe(db, "nieuw@example.org", Scope(dossiers=("28638",)), confirmed=False)
    at = page("bevestigen", tokens.make(SECRET, tokens.Purpose.CONFIRM, info.id))
    assert not at.exception
    assert "Bevestigd" in at.success[0].value and "elke maandag" in at.success[0].value
    assert subscriptions.listing(db)[0].confirmed


FORM = """
from dashboard.data import engine
from dashboard.subscribe import subscribe_form

subscribe_form(engine(), ministries=("Veiligheid en Justitie", "Financiën"))
"""


def test_the_subscribe_form_queues_only_a_confirmation(db: Engine) -> None:
    at = AppTest.from_string(FORM, default_timeout=30).run()
    at.text_input(key="aanmelden_email").input("assistent@example.org")
    at.multiselect(key="aanmelden_ministeries").select("Financiën")
    at.text_input(key="aanmelden_dossiers").input("28638, 34000-XVI")
    at.checkbox(key="aanmelden_dagelijks").check()
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "assistent@example.org" in at.success[0].value
    with Session(db) as s:
        sub = s.exec(select(Subscription)).one()
        assert (sub.ministries, sub.dossiers, sub.frequency) == (
            ["Financiën"],
            ["28638", "34000-XVI"],
            "daily",
        )
        assert sub.confirmed_at is None
        (delivery,) = s.exec(select(Delivery)).all()
        assert delivery.kind == DeliveryKind.CONFIRM
        assert b"bevestigen?token=" in delivery.message


def test_the_subscribe_form_refuses_a_bad_address(db: Engine) -> None:
    at = AppTest.from_string(FORM, default_timeout=30).run()
    at.text_input(key="aanmelden_email").input("geen adres")
    at.button[0].click()
    at.run()
    assert "geen geldig e-mailadres" in at.error[0].value
    with Session(db) as s:
        assert s.exec(select(Subscription)).all() == []
