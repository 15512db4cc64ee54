"""Brieven: recent letters from the government and what the tracker found in each: commitments made,
earlier commitments fulfilled, deadlines postponed, with the sentences."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import data, filters, widgets
from dashboard import format as fmt

url, day = data.database_url(), data.today()
view, error = filters.letters_view(widgets.params())

st.title("Brieven")
st.caption("Kamerbrieven van de regering, nieuwste eerst, met wat de tracker erin vond.")
widgets.show_param_error(error)

ministries = ["", *data.options(url).ministries]
if view.ministry and view.ministry not in ministries:
    ministries.append(view.ministry)
if st.session_state.get("letters_qs") != view:
    st.session_state["letters_ministry"] = view.ministry
    st.session_state["letters_from"] = view.date_from
    st.session_state["letters_to"] = view.date_to
    st.session_state["letters_qs"] = view


def changed() -> None:
    get = st.session_state.get
    chosen = filters.LettersView(get("letters_ministry") or "", get("letters_from"), get("letters_to"))
    st.session_state["letters_qs"] = chosen
    widgets.write_url(letters_params(chosen))


def letters_params(v: filters.LettersView) -> dict[str, list[str]]:
    out = {
        "ministerie": [v.ministry],
        "van": [_iso(v.date_from)],
        "tot": [_iso(v.date_to)],
        "pagina": [str(v.page)],
    }
    return {k: vals for k, vals in out.items() if vals[0] and not (k == "pagina" and vals[0] == "1")}


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


controls = st.columns(3)
controls[0].selectbox(
    "Ministerie",
    ministries,
    key="letters_ministry",
    format_func=lambda m: m or "alle ministeries",
    on_change=changed,
)
controls[1].date_input("Van", key="letters_from", format="DD-MM-YYYY", on_change=changed)
controls[2].date_input("Tot en met", key="letters_to", format="DD-MM-YYYY", on_change=changed)

page = data.letters(url, day, view)
if not page.rows:
    st.info("Geen brieven gevonden.")
for letter in page.rows:
    doc = letter.document
    with st.container(border=True):
        st.markdown(f"**{fmt.escape_md(doc.titel) or 'Brief'}**")
        st.caption(
            " · ".join(
                x
                for x in (
                    fmt.date_nl(doc.datum),
                    doc.nummer,
                    doc.publication_id,
                    letter.signatory,
                    letter.ministry,
                )
                if x and x != fmt.NONE
            )
        )
        st.markdown(
            f"{fmt.plural(len(letter.commitments), 'toezegging', 'toezeggingen')} gedaan · "
            f"{fmt.plural(len(letter.fulfils), 'eerdere', 'eerdere')} voldaan · "
            f"{fmt.plural(len(letter.postponements), 'termijn', 'termijnen')} verschoven · "
            f"{fmt.plural(len(letter.restates), 'eerdere', 'eerdere')} opnieuw toegezegd"
        )
        links = [
            (label, href)
            for label, href in (("tweedekamer.nl", doc.tk_url), ("officiële bekendmakingen", doc.ob_url))
            if href
        ]
        if links:
            for column, (label, href) in zip(st.columns(4), links, strict=False):
                column.link_button(label, href, icon=":material/open_in_new:")
        if letter.commitments:
            st.caption("Toezeggingen in deze brief")
            for c in letter.commitments:
                due = f"uiterlijk {fmt.date_nl(c.due)}" if c.due else "geen datum"
                st.markdown(f"- {fmt.marked(c.text, c.deadline_text)} — *{fmt.STATUS[c.status]}, {due}*")
                widgets.detail_link(c.id)
        if letter.fulfils:
            st.caption("Komt deze toezeggingen na")
            for link in letter.fulfils:
                line = fmt.escape_md(fmt.shorten(link.evidence_document or link.evidence_commitment, 300))
                st.markdown(
                    f"- {line} — *{fmt.LINK_STATE[link.state]}, score {fmt.number_nl(link.score, 2)}*"
                )
                widgets.detail_link(link.commitment_id)
        if letter.restates:
            st.caption("Zegt deze eerdere toezeggingen opnieuw toe (geen nieuwe toezeggingen)")
            for c in letter.restates:
                st.markdown(f"- {fmt.escape_md(fmt.shorten(c.text, 300))} — *{fmt.STATUS[c.status]}*")
                widgets.detail_link(c.id)
        if letter.postponements:
            st.caption("Verschoven termijnen")
            for e in letter.postponements:
                st.markdown(f"- van {fmt.date_nl(e.old)} naar {fmt.date_nl(e.new)}")

if page.total:
    widgets.pager(
        "letters", page.page, page.pages, page.total,
        lambda n: letters_params(filters.LettersView(view.ministry, view.date_from, view.date_to, max(1, n))),
        "brieven",
    )  # fmt: skip
