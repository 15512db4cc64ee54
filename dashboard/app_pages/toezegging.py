"""Toezegging: one commitment with its deadline phrase marked, the minister's own words, its sources, the
register's view, the evidence of fulfilment side by side, the history, and what an editor can do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import streamlit as st

from dashboard import auth, data, filters, widgets
from dashboard import format as fmt
from db.vocabulary import Status
from tracker.decisions import DecisionError
from tracker.queries import CommitmentDetail, Link
from tracker.status import STORED

url, day = data.database_url(), data.today()
commitment_id, error = filters.commitment_id(widgets.params())
found = data.commitment(url, commitment_id, day) if commitment_id is not None else None
if found is None:
    st.title("Toezegging")
    st.warning(error or f"Toezegging {commitment_id} bestaat niet (meer).", icon=":material/search_off:")
    st.page_link(widgets.TABLE, label="Naar alle toezeggingen", icon=":material/list:")
    st.stop()

detail: CommitmentDetail = found
row, editor = detail.row, auth.editor()

st.title(f"Toezegging {row.id}")
BADGE: dict[Status, Literal["blue", "red", "green", "gray"]] = {
    Status.OPEN: "blue",
    Status.OVERDUE: "red",
    Status.FULFILLED: "green",
    Status.PARTLY_FULFILLED: "green",
}
facts_line = [fmt.STATUS_SOURCE[row.status_source], f"bron: {fmt.SOURCE[row.source]}"]
if row.vague:
    facts_line.append("vaag (geen datum)")
if row.conditional:
    facts_line.append("voorwaardelijk")
if row.shadow:
    facts_line.append("schaduwregister: niet op de lijst van de voorzitter")
badge, line = st.columns([1, 6], vertical_alignment="center")
badge.badge(fmt.STATUS[row.status], color=BADGE.get(row.status, "gray"))
line.caption(" · ".join(facts_line))

st.subheader("De toezegging")
with st.container(border=True):
    st.markdown(fmt.marked(row.text, row.deadline_text))
if row.deadline_text:
    st.caption(f"Gemarkeerd: de termijn zoals de tekst die noemt (‘{fmt.shorten(row.deadline_text, 80)}’).")
if detail.spoken:
    st.markdown("**In de woorden van de bewindspersoon** (uit het debat)")
    for quote in detail.spoken:
        with st.container(border=True):
            widgets.text(quote)
if detail.restatements:
    st.markdown("**Later opnieuw toegezegd** (in een brief; telt als deze ene toezegging)")
    for again in detail.restatements:
        with st.container(border=True):
            widgets.text(again.text)
            st.caption(fmt.restated(again, row.due))

facts = st.columns(3)
with facts[0]:
    st.markdown("**Wie**")
    widgets.text(row.minister)
    st.caption(row.ministry or "ministerie onbekend")
    if detail.made_to:
        st.markdown("**Toegezegd aan**")
        widgets.text(", ".join(detail.made_to))
with facts[1]:
    st.markdown("**Waar en wanneer**")
    widgets.text(row.made_in)
    st.caption(f"{fmt.date_nl(row.made_on)}{f' · {row.committee}' if row.committee else ''}")
with facts[2]:
    st.markdown("**Register**")
    if row.in_register or row.register_number:
        widgets.text(row.register_number or "in het register")
        st.caption(f"Status in het register: {row.register_status or fmt.NONE}")
    else:
        st.caption("Niet in het register van de Kamer.")

links = []
if detail.document:
    if detail.document.tk_url:
        links.append(("tweedekamer.nl", detail.document.tk_url))
    if detail.document.ob_url:
        links.append(("officiële bekendmakingen", detail.document.ob_url))
if detail.meeting and detail.meeting.url:
    links.append(("het debat op tweedekamer.nl", detail.meeting.url))
if links:
    st.markdown("**Bronnen**")
    for column, (label, href) in zip(st.columns(len(links) + 1), links, strict=False):
        with column:
            st.link_button(label, href, icon=":material/open_in_new:")

st.subheader("Termijn")
due_cols = st.columns(3)
due_cols[0].metric("Uiterlijk", fmt.date_nl(row.due), border=True)
if row.register_due and row.text_due and row.register_due != row.text_due:
    due_cols[1].metric("Volgens het register", fmt.date_nl(row.register_due), border=True)
    due_cols[2].metric("Volgens de tekst", fmt.date_nl(row.text_due), border=True)
    st.caption("Register en tekst noemen een andere datum; ‘uiterlijk’ is de datum waarop de status rekent.")
elif row.earliest:
    due_cols[1].metric("Niet eerder dan", fmt.date_nl(row.earliest), border=True)
if detail.due_locked:
    st.caption("Deze termijn is door een redacteur vastgesteld.")


def show_link(link: Link, actions: bool) -> None:
    with st.container(border=True):
        head = f"**{fmt.escape_md(link.document_title) or 'Document'}**"
        meta = [fmt.escape_md(link.document_number or link.document_id), fmt.date_nl(link.document_date)]
        st.markdown(f"{head}  \n{' · '.join(m for m in meta if m)}")
        left, right = st.columns(2)
        with left:
            st.caption("Uit de toezegging")
            widgets.text(link.evidence_commitment or row.text)
        with right:
            st.caption("Uit de brief")
            widgets.text(link.evidence_document)
        facts = [
            f"score {fmt.number_nl(link.score, 2)}",
            f"gevonden via {fmt.word(fmt.METHOD, link.method)}",
            fmt.LINK_STATE[link.state],
        ]
        if link.partial:
            facts.append("deels")
        if link.decided_by:
            facts.append(f"door {link.decided_by}")
        st.caption(" · ".join(facts))
        if link.url:
            st.link_button("Brief openen", link.url, icon=":material/open_in_new:")
        if actions:
            accept, reject, _ = st.columns([1, 1, 3])
            if accept.button("Bevestigen", key=f"accept_{link.id}", type="primary", disabled=not editor):
                decide(data.accept, link.id)
            if reject.button("Afwijzen", key=f"reject_{link.id}", disabled=not editor):
                decide(data.reject, link.id)


def decide(action: Callable[..., None], *args: Any) -> None:
    try:
        action(editor, *args)
    except data.NotAllowed as exc:
        st.error(str(exc), icon=":material/lock:")
        return
    except DecisionError as exc:
        st.error(f"Niet opgeslagen: {exc}")
        return
    st.toast("Opgeslagen.", icon=":material/check:")
    st.rerun()


st.subheader("Vervulling")
if not (detail.fulfilments or detail.candidates or detail.rejected):
    st.caption("Nog geen brief gevonden die deze toezegging nakomt.")
for link in detail.fulfilments:
    show_link(link, actions=False)
if detail.candidates:
    st.markdown(f"**Voorstellen om te bevestigen** ({len(detail.candidates)})")
    if detail.person_locked:
        st.caption("Een redacteur heeft de status vastgezet; een bevestiging verandert die niet.")
    for link in detail.candidates:
        show_link(link, actions=True)
if detail.rejected:
    with st.expander(f"Afgewezen voorstellen ({len(detail.rejected)})"):
        for link in detail.rejected:
            show_link(link, actions=False)

st.subheader("Bewerken")
if not editor:
    auth.require_editor_notice()
status_tab, due_tab, link_tab, note_tab = st.tabs(["Status", "Termijn", "Brief koppelen", "Notitie"])
with status_tab, st.form("status_form"):
    stored = [s.value for s in STORED]
    new_status = st.selectbox(
        "Status", stored, index=stored.index(row.stored_status.value), format_func=fmt.status_word,
        disabled=not editor,
    )  # fmt: skip
    status_note = st.text_input("Toelichting", key="status_note", disabled=not editor)
    if st.form_submit_button("Status opslaan", disabled=not editor):
        decide(data.set_status, row.id, new_status, status_note)
if detail.person_locked and editor and st.button("Status teruggeven aan de tracker"):
    decide(data.release_status, row.id, None)
with due_tab, st.form("due_form"):
    new_due = st.date_input("Uiterlijk", value=row.due, format="DD-MM-YYYY", disabled=not editor)
    due_note = st.text_input("Toelichting", key="due_note", disabled=not editor)
    if st.form_submit_button("Termijn opslaan", disabled=not editor):
        decide(data.set_due, row.id, new_due, due_note)
with link_tab:
    search = st.text_input(
        "Zoek de brief", placeholder="documentnummer (2014D45830), kst-28638-128 of woorden uit de titel",
        key="link_search", disabled=not editor,
    )  # fmt: skip
    documents = data.find_documents(url, search) if search.strip() and editor else []
    if search.strip() and editor and not documents:
        st.caption("Geen document gevonden.")
    labels = {
        d.id: f"{d.nummer or d.id} · {fmt.date_nl(d.datum)} · {fmt.shorten(d.titel, 90)}" for d in documents
    }
    if documents:
        with st.form("link_form"):
            chosen = st.radio(
                "Brief",
                [d.id for d in documents],
                format_func=lambda i: labels[i],
            )  # fmt: skip
            partial = st.checkbox("Komt de toezegging maar deels na")
            link_note = st.text_input("Toelichting", key="link_note")
            if st.form_submit_button("Koppelen"):
                decide(data.link_document, row.id, chosen, partial, link_note)
with note_tab, st.form("note_form", clear_on_submit=True):
    note = st.text_area("Notitie", key="note_text", disabled=not editor)
    if st.form_submit_button("Notitie toevoegen", disabled=not editor):
        if note.strip():
            decide(data.add_note, row.id, note)
        else:
            st.warning("Een lege notitie zegt niets.")

st.subheader("Geschiedenis")
if detail.history:
    st.dataframe(data.history_frame(detail.history), hide_index=True)
else:
    st.caption("Nog niets veranderd sinds de toezegging werd gevonden.")
st.page_link(widgets.TABLE, label="Terug naar alle toezeggingen", icon=":material/arrow_back:")
