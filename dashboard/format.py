"""Dutch display: dates ("2 juli 2015"), numbers ("12.345", "87%"), the words for statuses and sources,
and Markdown that shows source text as text.

Pure: values in, strings out (no Streamlit).
"""

from __future__ import annotations

import re
from datetime import date

from db.vocabulary import LinkState, Method, RunKind, RunState, Status
from tracker.queries import Restated
from tracker.wording import (  # noqa: F401 (the dashboard's Dutch comes from here too)
    AMSTERDAM,
    MONTH_NAMES,
    NONE,
    SOURCE,
    STATUS,
    STATUS_SOURCE,
    date_nl,
    datetime_nl,
    number_nl,
    status_word,
    word,
)

LINK_STATE = {
    LinkState.ACCEPTED: "bevestigd",
    LinkState.CANDIDATE: "voorstel",
    LinkState.REJECTED: "afgewezen",
}
METHOD = {
    Method.REGISTER: "register",
    Method.REFERENCE: "verwijzing naar het stuk",
    Method.PHRASE: "formulering",
    Method.TOPIC: "onderwerp",
    Method.PERSON: "handmatig",
}
RUN_KIND = {
    RunKind.SYNC: "synchronisatie",
    RunKind.TRACK: "tracking",
    RunKind.DIGEST: "digest",
    RunKind.ALERTS: "attenderingen",
    RunKind.OUTBOX: "verzending",
}
RUN_STATE = {RunState.RUNNING: "bezig", RunState.SUCCEEDED: "geslaagd", RunState.FAILED: "mislukt"}
FIELD = {
    "status": "status",
    "due": "termijn",
    "fulfilment": "vervulling",
    "note": "notitie",
    "status_lock": "status vrijgegeven",
    "register_status": "registerstatus",
}
SORT = {
    "due": "termijn (vroegste eerst)",
    "-due": "termijn (laatste eerst)",
    "made_on": "datum toezegging (oudste eerst)",
    "-made_on": "datum toezegging (nieuwste eerst)",
    "ministry": "ministerie",
    "minister": "bewindspersoon",
    "status": "status",
    "id": "nummer",
}
# A status's colour in charts: red for late, green for done, grey for lapsed.
STATUS_COLOUR = {
    Status.OPEN: "#4c78a8",
    Status.OVERDUE: "#d62728",
    Status.FULFILLED: "#2ca02c",
    Status.PARTLY_FULFILLED: "#98df8a",
    Status.LAPSED: "#a0a0a0",
}


def restated(again: Restated, due: date | None) -> str:
    """Where a later letter promised a commitment again and what its time did to the due date `due`:
    "brief 2015D25000 · 25 juni 2015 · noemt ‘in september 2015’: de termijn"."""
    letter = again.document
    parts = [f"brief {letter.nummer}" if letter.nummer else "brief", date_nl(letter.datum)]
    if again.deadline_text:
        if again.due is None:
            effect = "geen datum"
        else:
            effect = "de termijn" if again.due == due else "termijn niet overgenomen"
        parts.append(f"noemt ‘{again.deadline_text}’: {effect}")
    return " · ".join(escape_md(p) for p in parts if p and p != NONE)


def percent_nl(share: float | None) -> str:
    return NONE if share is None else f"{number_nl(share * 100)}%"


# --------------------------------------------------------------------------- Markdown that stays text

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def escape_md(text: str | None) -> str:
    """Text for `st.markdown` that shows every character as typed: Markdown, HTML (`<script>`), Streamlit's
    `:colour[...]` directives and `$maths$` are all backslash-escaped (CommonMark allows that for all ASCII
    punctuation), and white space is folded so no line break starts a block."""
    return _PUNCTUATION.sub(r"\\\1", " ".join((text or "").split()))


def find_phrase(text: str, phrase: str | None) -> tuple[int, int] | None:
    """Where `phrase` occurs in `text`, ignoring case and differences in white space."""
    if not phrase or not phrase.strip():
        return None
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def marked(text: str, phrase: str | None) -> str:
    """The sentence as Markdown with its deadline phrase highlighted; all source text escaped."""
    span = find_phrase(text, phrase)
    if span is None:
        return escape_md(text)
    start, end = span
    before, middle, after = text[:start], text[start:end], text[end:]
    left = escape_md(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + escape_md(after)
    return f"{left}:orange-background[**{escape_md(middle)}**]{right}"


def plural(n: int, one: str, many: str) -> str:
    """'1 brief', '3 brieven' (numbers in Dutch format)."""
    return f"{number_nl(n)} {one if n == 1 else many}"


def group_name(group: str) -> str:
    """The read layer groups commitments without a ministry or minister under '(onbekend)'."""
    return "onbekend" if group == "(onbekend)" else group


def shorten(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
