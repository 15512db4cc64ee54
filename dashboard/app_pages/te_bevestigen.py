"""Te bevestigen: fulfilments the tracker proposed, best first, with both sentences side by side; an editor
accepts or rejects each with one click. Paged and filtered by ministry in SQL, never loaded whole."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, data, filters, widgets
from dashboard import format as fmt
from tracker.decisions import DecisionError

url, day = data.database_url(), data.today()
view, error = filters.queue_view(widgets.params())
editor = auth.editor()

st.title("Te bevestigen")
st.caption(
    "Brieven waarvan de tracker denkt dat ze een toezegging nakomen. Bevestig of wijs af; "
    "de beste voorstellen staan bovenaan."
)
widgets.show_param_error(error)
if not editor:
    auth.require_editor_notice("voorstellen te bevestigen of af te wijzen")

ministries = ["", *data.options(url).ministries]
if view.ministry and view.ministry not in ministries:
    ministries.append(view.ministry)


def ministry_changed() -> None:
    chosen = st.session_state["queue_ministry"]
    widgets.write_url({"ministerie": [chosen]} if chosen else {})


if st.session_state.get("queue_ministry_qs") != view.ministry:
    st.session_state["queue_ministry"] = view.ministry
    st.session_state["queue_ministry_qs"] = view.ministry
st.selectbox(
    "Ministerie", ministries, key="queue_ministry", format_func=lambda m: m or "alle ministeries",
    on_change=ministry_changed,
)  # fmt: skip

page = data.candidates(url, day, view.ministry, view.page)


def decide(accept: bool, fulfilment_id: int) -> None:
    try:
        (data.accept if accept else data.reject)(editor, fulfilment_id)
    except data.NotAllowed as exc:
        st.session_state["queue_error"] = str(exc)
    except DecisionError as exc:
        st.session_state["queue_error"] = f"Niet opgeslagen: {exc}"


if message := st.session_state.pop("queue_error", None):
    st.error(message, icon=":material/lock:")

if not page.rows:
    st.success("Niets te bevestigen." if not view.ministry else "Niets te bevestigen voor dit ministerie.")
for candidate in page.rows:
    link, row = candidate.link, candidate.commitment
    with st.container(border=True):
        head, score = st.columns([5, 1])
        with head:
            widgets.detail_link(
                row.id, f"Toezegging {row.id} · {row.minister or fmt.NONE} · {fmt.STATUS[row.status]}"
            )
        score.metric("Score", fmt.number_nl(link.score, 2))
        left, right = st.columns(2)
        with left:
            st.caption(f"De toezegging ({fmt.date_nl(row.made_on)}, uiterlijk {fmt.date_nl(row.due)})")
            widgets.text(link.evidence_commitment or row.text)
        with right:
            st.caption(
                f"De brief: {link.document_number or link.document_id or ''} "
                f"({fmt.date_nl(link.document_date)})"
            )
            widgets.text(link.evidence_document or link.document_title)
        st.caption(
            f"Gevonden via {fmt.word(fmt.METHOD, link.method)}{' · deels' if link.partial else ''}"
            + (f" · {', '.join(link.signals)}" if link.signals else "")
        )
        accept, reject, open_letter = st.columns([1, 1, 4])
        accept.button(
            "Bevestigen", key=f"accept_{link.id}", type="primary", disabled=not editor,
            on_click=decide, args=(True, link.id),
        )  # fmt: skip
        reject.button(
            "Afwijzen", key=f"reject_{link.id}", disabled=not editor, on_click=decide, args=(False, link.id)
        )
        if link.url:
            open_letter.link_button("Brief openen", link.url, icon=":material/open_in_new:")

if page.total:
    widgets.pager(
        "queue",
        page.page,
        page.pages,
        page.total,
        lambda n: {**({"ministerie": [view.ministry]} if view.ministry else {}), "pagina": [str(max(1, n))]},
        "voorstellen",
    )
