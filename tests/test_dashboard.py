"""The dashboard on the bundled sample, page by page, through Streamlit's AppTest: filters change the table
and the URL, edits need a login and land in the history, source text stays text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.accounts import entry
from dashboard.data import detail_link
from db.engine import make_engine, session_scope
from db.models import Commitment, Document, DocumentText, Fulfilment, Restatement, StatusEvent
from db.vocabulary import LinkState, Source, Status, StatusSource
from tests.conftest import ROOT
from tests.dashboard_sample import build_sample, copy_of
from toezeggingen.settings import get_settings
from tracker.queries import CommitmentFilter, commitments, status_counts

APP = ROOT / "dashboard" / "app.py"
PAGES = {
    "overzicht": "app_pages/overzicht.py",
    "toezeggingen": "app_pages/toezeggingen.py",
    "toezegging": "app_pages/toezegging.py",
    "te-bevestigen": "app_pages/te_bevestigen.py",
    "brieven": "app_pages/brieven.py",
    "bewindspersonen": "app_pages/bewindspersonen.py",
    "beheer": "app_pages/beheer.py",
    "afmelden": "app_pages/afmelden.py",
    "abonneren": "app_pages/abonneren.py",
}
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample") / "sample.db")


@pytest.fixture
def db(sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the sample for this test, which the dashboard's settings point at."""
    path = copy_of(sample, tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.delenv("DASHBOARD_EDITORS", raising=False)
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


@pytest.fixture
def editors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_EDITORS", entry("anna", "correct horse") + "," + entry("bert", "battery"))
    get_settings.cache_clear()


def open_page(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.query_params.update(params)
    return at.switch_page(PAGES[page]).run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything the page says in Markdown, captions, alerts and titles."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [a.value for kind in (at.info, at.warning, at.error, at.success) for a in kind]
    return "\n".join(parts)


def engine_of(path: Path):  # type: ignore[no-untyped-def]
    return make_engine(f"sqlite:///{path}")


def add_commitment(path: Path, text: str, **values: object) -> int:
    with session_scope(engine_of(path)) as s:
        c = Commitment(
            key=f"test:{text[:20]}",
            source=Source.LETTER,
            text=text,
            minister="I.W. Opstelten",
            ministry="Veiligheid en Justitie",
            made_on=date(2014, 12, 16),
            status=Status.OPEN,
            status_source=StatusSource.DETECTED,
            **values,  # type: ignore[arg-type]
        )
        s.add(c)
        s.flush()
        assert c.id is not None
        return c.id


def add_candidate(path: Path, commitment_id: int) -> int:
    with session_scope(engine_of(path)) as s:
        f = Fulfilment(
            commitment_id=commitment_id,
            document_id="doc-candidate",
            document_number="2015D00001",
            document_date=date(2015, 6, 1),
            method="phrase",
            state=LinkState.CANDIDATE,
            score=0.87,
            evidence_commitment="Ik stuur u voor de zomer een voortgangsrapportage.",
            evidence_document="Hierbij ontvangt u de voortgangsrapportage mensenhandel.",
        )
        s.add(f)
        s.flush()
        assert f.id is not None
        return f.id


def log_in(at: AppTest, name: str = "anna", password: str = "correct horse") -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.sidebar.button[0].click()  # the form's submit button
    return ok(at.run())


def today_counts(path: Path, flt: CommitmentFilter | None = None) -> dict[Status, int]:
    with Session(engine_of(path)) as s:
        return status_counts(s, today=date.today(), flt=flt or CommitmentFilter())


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_on_the_sample_without_an_error(db: Path, page: str) -> None:
    params = {"id": "1"} if page == "toezegging" else {}
    at = ok(open_page(page, **params))
    assert at.title, page
    assert not at.error


def test_the_overview_counts_what_the_read_layer_counts(db: Path) -> None:
    at = ok(open_page("overzicht"))
    counts = today_counts(db)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Te laat"] == str(counts[Status.OVERDUE])
    assert metrics["Openstaand"] == str(counts[Status.OPEN] + counts[Status.OVERDUE])
    assert len(at.get("vega_lite_chart")) == 2  # status per ministry, the eight-week timeline


def test_the_overview_applies_the_url_filter_to_its_figures(db: Path) -> None:
    at = ok(open_page("overzicht", ministerie="Financiën"))
    counts = today_counts(db, CommitmentFilter(ministries=("Financiën",)))
    assert {m.label: m.value for m in at.metric}["Te laat"] == str(counts[Status.OVERDUE])
    assert counts[Status.OVERDUE] < today_counts(db)[Status.OVERDUE]


# --------------------------------------------------------------------------- the table and its URL


def shown_statuses(at: AppTest) -> set[str]:
    return set(at.dataframe[0].value["Status"])


def test_a_status_in_the_url_filters_the_table(db: Path) -> None:
    at = ok(open_page("toezeggingen", status="overdue"))
    assert shown_statuses(at) == {"te laat"}
    assert len(at.dataframe[0].value) == today_counts(db)[Status.OVERDUE]
    assert at.multiselect(key="tz_status").value == ["overdue"]


def test_choosing_a_filter_changes_the_table_and_the_url(db: Path) -> None:
    at = ok(open_page("toezeggingen"))
    assert len(shown_statuses(at)) > 1
    ok(at.multiselect(key="tz_status").select("fulfilled").run())
    assert at.query_params["status"] == "fulfilled"
    assert shown_statuses(at) == {"voldaan"}
    ok(at.multiselect(key="tz_ministerie").select("Veiligheid en Justitie").run())
    assert at.query_params["ministerie"] == "Veiligheid en Justitie"
    assert at.query_params["status"] == "fulfilled"
    assert set(at.dataframe[0].value["Ministerie"]) == {"Veiligheid en Justitie"}


def test_the_shadow_register_is_a_filter_in_the_url_and_a_line_on_the_detail_page(db: Path) -> None:
    with Session(engine_of(db)) as s:
        shadow = commitments(s, CommitmentFilter(shadow=True), today=date.today(), page_size=500)
    assert shadow.total > 0
    at = ok(open_page("toezeggingen", schaduw="ja"))
    assert set(at.dataframe[0].value["Nr."]) == {detail_link(r.id) for r in shadow.rows}
    assert at.selectbox(key="tz_schaduw").value == "ja"
    ok(at.selectbox(key="tz_schaduw").select("nee").run())
    assert at.query_params["schaduw"] == "nee"
    assert not {detail_link(r.id) for r in shadow.rows} & set(at.dataframe[0].value["Nr."])
    detail = ok(open_page("toezegging", id=str(shadow.rows[0].id)))
    assert "niet op de lijst van de voorzitter" in texts(detail)
    assert "In de woorden van de bewindspersoon" not in texts(detail)  # its text is those words already


def test_repeated_statuses_and_a_search_narrow_the_table(db: Path) -> None:
    at = ok(open_page("toezeggingen", status=["open", "overdue"], q="mensenhandel"))
    frame = at.dataframe[0].value
    assert 0 < len(frame) < today_counts(db)[Status.OVERDUE] + today_counts(db)[Status.OPEN]
    assert set(frame["Status"]) <= {"openstaand", "te laat"}
    at.text_input(key="tz_q").input("zomerreces").run()
    assert at.query_params["q"] == "zomerreces"
    assert all("zomerreces" in t for t in at.dataframe[0].value["Toezegging"])


def test_sorting_and_paging_are_in_the_url(db: Path) -> None:
    at = ok(open_page("toezeggingen"))
    ok(at.selectbox(key="tz_sort").select("-made_on").run())
    assert at.query_params["sort"] == "-made_on"
    first_page = list(at.dataframe[0].value["Nr."])
    ok(at.button(key="tz_next").click().run())
    assert at.query_params["pagina"] == "2"
    assert at.query_params["sort"] == "-made_on"
    assert not set(at.dataframe[0].value["Nr."]) & set(first_page)


@pytest.mark.parametrize(
    "params",
    [{"status": "bijna"}, {"due_van": "volgende week"}, {"pagina": "-1"}, {"sort": "willekeurig"}],
    ids=["status", "date", "page", "sort"],
)
def test_a_bad_value_shows_a_dutch_message_and_the_unfiltered_table(db: Path, params: dict[str, str]) -> None:
    at = ok(open_page("toezeggingen", **params))
    assert at.warning and "zonder filters" in at.warning[0].value
    assert "57 toezeggingen" in texts(at)  # one row per promise (issue 11)


def test_unknown_parameters_are_ignored(db: Path) -> None:
    at = ok(open_page("toezeggingen", utm_source="digest", status="overdue"))
    assert not at.warning
    assert shown_statuses(at) == {"te laat"}


def test_the_downloads_are_offered_for_the_current_view(db: Path) -> None:
    at = ok(open_page("toezeggingen", status="overdue"))
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["CSV", "Excel", "Agenda (ICS)"]


# --------------------------------------------------------------------------- the detail page


def test_the_detail_page_marks_the_deadline_phrase_and_links_the_sources(db: Path) -> None:
    with Session(engine_of(db)) as s:
        row = commitments(s, CommitmentFilter(text="voortgangsrapportage"), today=date.today()).rows[0]
    at = ok(open_page("toezegging", id=str(row.id)))
    assert at.title[0].value == f"Toezegging {row.id}"
    assert any(":orange-background[**Voor de zomer 2015**]" in m.value for m in at.markdown)
    links = [b.proto.url for b in at.get("link_button")]
    assert any("officielebekendmakingen.nl/kst-28638-128" in u for u in links)
    assert {m.label: m.value for m in at.metric}["Uiterlijk"] == "2 juli 2015"


def test_a_promise_a_later_letter_restated_shows_the_letters_words_with_the_letter(db: Path) -> None:
    words = "Zoals toegezegd ontvangt u de voortgangsrapportage in september 2015."
    with Session(engine_of(db)) as s:
        row = commitments(s, CommitmentFilter(text="voortgangsrapportage"), today=date.today()).rows[0]
    with session_scope(engine_of(db)) as s:
        s.add(Document(id="doc-later", nummer="2015D25000", soort="Brief regering", datum=date(2015, 6, 25)))
        s.add(DocumentText(document_id="doc-later", source="publication", text=words, text_sha256="x"))
        s.add(
            Restatement(
                commitment_id=row.id,
                document_id="doc-later",
                document_number="2015D25000",
                document_date=date(2015, 6, 25),
                text=words,
                deadline_text="in september 2015",
                due=date(2015, 9, 30),
            )
        )
        c = s.get(Commitment, row.id)
        assert c is not None
        c.quotes = [*c.quotes, words]
    body = texts(ok(open_page("toezegging", id=str(row.id))))
    assert "Later opnieuw toegezegd" in body and "Zoals toegezegd ontvangt u" in body
    assert "2015D25000" in body and "25 juni 2015" in body and "termijn niet overgenomen" in body
    body = texts(ok(open_page("brieven")))
    assert "Zegt deze eerdere toezeggingen opnieuw toe" in body


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_missing_bad_or_unknown_id_says_so(db: Path, value: str) -> None:
    at = ok(open_page("toezegging", **({"id": value} if value else {})))
    assert at.warning


def test_source_text_is_shown_as_text_never_as_html(db: Path) -> None:
    cid = add_commitment(db, f"Ik stuur {XSS} voor de zomer.", deadline_text="voor de zomer", quote=XSS)
    at = ok(open_page("toezegging", id=str(cid)))
    for element in [*at.markdown, *at.caption]:
        assert not element.allow_html, element.value
        assert not re.search(r"(?<!\\)<", element.value), element.value  # every < is escaped
    body = "\n".join(m.value for m in at.markdown)
    assert r"\<script\>alert\(1\)\<\/script\>\<img src\=x onerror\=alert\(2\)\>" in body
    at = ok(open_page("toezeggingen", q="alert"))
    assert XSS in at.dataframe[0].value["Toezegging"][0]  # a table cell is text


# --------------------------------------------------------------------------- editing


def test_an_edit_without_a_login_is_refused(db: Path) -> None:
    cid = add_commitment(db, "Ik stuur u in maart een brief.")
    at = ok(open_page("toezegging", id=str(cid)))
    assert "er zijn er nog geen ingesteld" in texts(at)  # no login box to point at yet
    assert next(b for b in at.button if b.label == "Status opslaan").disabled  # a browser cannot submit
    with pytest.raises(data.NotAllowed):  # and the write itself asks for an editor
        data.set_status(None, cid, Status.LAPSED, "zonder login")
    with Session(engine_of(db)) as s:
        assert s.get(Commitment, cid).status == Status.OPEN  # type: ignore[union-attr]
        assert not s.exec(select(StatusEvent).where(StatusEvent.commitment_id == cid)).all()


def test_with_editors_set_up_a_visitor_is_pointed_to_the_login(db: Path, editors: None) -> None:
    at = ok(open_page("toezegging", id=str(add_commitment(db, "Ik stuur u in maart een brief."))))
    assert "Log in als redacteur (in de zijbalk)" in texts(at)
    assert next(b for b in at.button if b.label == "Status opslaan").disabled


def test_a_wrong_password_does_not_log_in(db: Path, editors: None) -> None:
    at = ok(open_page("overzicht"))
    log_in(at, "anna", "wrong")
    assert "klopt niet" in texts(at)
    assert not any(b.label == "Uitloggen" for b in at.button)


def test_an_edit_by_a_logged_in_editor_is_stored_and_shows_in_the_history(db: Path, editors: None) -> None:
    cid = add_commitment(db, "Ik stuur u in maart een brief.")
    at = ok(open_page("toezegging", id=str(cid)))
    log_in(at)
    assert "anna" in "\n".join(c.value for c in at.sidebar.caption)
    at.selectbox[0].select("lapsed")
    at.text_input(key="status_note").input("ingehaald door het regeerakkoord")
    next(b for b in at.button if b.label == "Status opslaan").click()
    ok(at.run())
    with Session(engine_of(db)) as s:
        c = s.get(Commitment, cid)
        assert c is not None and c.status == Status.LAPSED and c.person_locked
        [event] = s.exec(select(StatusEvent).where(StatusEvent.commitment_id == cid)).all()
        assert event.who == "anna"
    history = at.dataframe[-1].value
    assert list(history["Naar"]) == ["vervallen"]
    assert list(history["Door"]) == ["anna"]
    assert list(history["Notitie"]) == ["ingehaald door het regeerakkoord"]


def test_an_oidc_login_names_the_editor_in_the_history(db: Path) -> None:
    cid = add_commitment(db, "Ik stuur u in april een brief.")
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.user = {"is_logged_in": True, "name": "Carla de Wit", "email": "carla@example.org"}
    at.run()
    at.query_params["id"] = str(cid)
    ok(at.switch_page(PAGES["toezegging"]).run())
    at.text_area(key="note_text").input("Navragen bij de directie.")
    next(b for b in at.button if b.label == "Notitie toevoegen").click()
    ok(at.run())
    history = at.dataframe[-1].value
    assert list(history["Door"]) == ["Carla de Wit"]
    assert list(history["Notitie"]) == ["Navragen bij de directie."]


def test_the_review_queue_accepts_for_an_editor_only(db: Path, editors: None) -> None:
    cid = add_commitment(db, "Voor de zomer stuur ik u de voortgangsrapportage.")
    fid = add_candidate(db, cid)
    at = ok(open_page("te-bevestigen"))
    assert "Hierbij ontvangt u de voortgangsrapportage" in texts(at)
    assert at.button(key=f"accept_{fid}").disabled
    with pytest.raises(data.NotAllowed):
        data.accept(None, fid)
    with Session(engine_of(db)) as s:
        assert s.get(Fulfilment, fid).state == LinkState.CANDIDATE  # type: ignore[union-attr]
    log_in(at, "bert", "battery")
    at.button(key=f"accept_{fid}").click()
    ok(at.run())
    with Session(engine_of(db)) as s:
        link = s.get(Fulfilment, fid)
        assert link is not None and link.state == LinkState.ACCEPTED and link.decided_by == "bert"
        assert s.get(Commitment, cid).status == Status.FULFILLED  # type: ignore[union-attr]
    assert "Niets te bevestigen" in texts(at)


def test_the_review_queue_filters_by_ministry_in_the_url(db: Path) -> None:
    fid = add_candidate(db, add_commitment(db, "Ik kom erop terug."))
    assert f"accept_{fid}" in {b.key for b in ok(open_page("te-bevestigen", ministerie="Justitie")).button}
    at = ok(open_page("te-bevestigen", ministerie="Financiën"))
    assert f"accept_{fid}" not in {b.key for b in at.button}


# --------------------------------------------------------------------------- the other pages


def test_the_letters_page_shows_what_was_found_in_each_letter(db: Path) -> None:
    at = ok(open_page("brieven"))
    body = texts(at)
    assert "Verwijsmechanisme" in body or "mensenhandel" in body.lower()
    assert "gedaan" in body
    ok(at.selectbox(key="letters_ministry").select("Financiën").run())
    assert at.query_params["ministerie"] == "Financiën"


def test_the_letters_page_refuses_a_bad_date_in_dutch(db: Path) -> None:
    at = ok(open_page("brieven", van="gisteren"))
    assert "geen datum" in at.warning[0].value


def test_the_ministers_page_has_a_row_per_minister_and_ministry(db: Path) -> None:
    at = ok(open_page("bewindspersonen"))
    per_minister, per_ministry = (d.value for d in at.dataframe)
    assert "I.W. Opstelten" in set(per_minister["Bewindspersoon"])
    assert "Veiligheid en Justitie" in set(per_ministry["Ministerie"])


def test_the_admin_page_is_for_editors(db: Path, editors: None) -> None:
    at = ok(open_page("beheer"))
    assert not at.dataframe and "Log in als redacteur" in texts(at)
    log_in(at)
    assert "Laatste runs" in "\n".join(h.value for h in at.subheader)
