"""Restatements: a letter promising again what was promised before (issue 11, one promise, one row).

Pure: a letter's promise with the sentences leading up to it, and the earlier commitments it may restate, in;
a verdict out. "Zoals ik heb toegezegd in mijn brief van 7 maart … zal ik u twee keer per jaar rapporteren"
is the promise of 7 March, not a new one; so is "Ik heb u toegezegd de brief in maart te sturen. Dat is niet
gelukt … Ik verwacht hem voor de zomer", which moves its date. What a reader goes by:

- an explicit reference to an earlier promise: "zoals toegezegd", "heb ik u toegezegd", "zoals aangekondigd",
  "heb ik aangegeven", in the promise or in the sentences just before it (back to the one that refers), or a
  citation of where it was made (its Kamerstuk, its meeting's date, "mijn brief van 7 maart", its TZ number);
- the same bewindspersoon, or the same ministry (a successor carries the promise on);
- the same subject: the earlier promise's words (weighted by rarity) in the promise and its lead-in, and the
  promise itself about it (holding a good part of them, or saying little of its own: "Ik verwacht hem voor
  de zomer"), unless it cites where the earlier promise was made;
- the earlier promise still open when the letter was written;
- not a fulfilment: a lead-in that delivers now ("Met deze brief kom ik mijn toezegging na", "Hierbij zend
  ik u, zoals toegezegd, …") makes what follows a new promise.

When two earlier promises fit about equally, none is chosen: a second row is the safe failure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from tracker.citations import find_references
from tracker.deadlines import Deadline
from tracker.extract import DELIVER_NOW, Reference
from tracker.matching import CommitmentFacts, ref_keys, sentences, terms

LEAD = 4  # sentences before a promise that may hold its reference ("Ik heb u toegezegd … Dat is niet …")
LEAD_CHARS = 1_500  # how far back those sentences are looked for
SUBJECT = 0.6  # share of the earlier promise's words (weighted by rarity) a promise and its lead-in hold
SUBJECT_CITED = 0.35  # ... when they cite where the earlier promise was made
MIN_SHARED = 2  # shared words at least (fewer when the earlier promise has fewer)
SUBJECT_OWN = 0.35  # the share the promise itself holds (unless it cites the earlier one) ...
OWN_WORDS = 2  # ... or it says this little of its own ("Ik verwacht hem voor de zomer")
MARGIN = 0.15  # a runner-up this close in share makes the choice unsure: no merge

# An explicit reference to an earlier promise (lowercased text).
CUE = re.compile(
    r"\btoegezegd\b|\btoezegging(?:en)?\b|\bbeloofd\b|\bin\s+het\s+vooruitzicht\s+gesteld\b"
    r"|\bzoals\b(?:\s+\S+){0,6}?\s+(?:aangekondigd|aangegeven|gemeld|bericht|afgesproken|laten\s+weten)\b"
    r"|\b(?:heb|hebben)\s+(?:ik|wij|we)\b[^.;]{0,120}?\b(?:aangekondigd|aangegeven|laten\s+weten)\b"
    r"|\b(?:ik|wij|we)\s+(?:heb|hebben)\b[^.;]{0,120}?\b(?:aangekondigd|aangegeven|laten\s+weten)\b"
)
# The letter meets the promise now (in part or in full): what it promises next is a new promise.
FULFILS = re.compile(
    r"\b(?:doe|doen)\s+(?:ik|wij|we)\b[^.;]{0,80}?\bgestand\b"
    r"|\b(?:kom|komen)\s+(?:ik|wij|we)\s+(?:\S+\s+){0,6}?(?:toezegging\w*|belofte|afspraak|verzoek\w*|motie\w*)"
    r"\s+na\b"
    r"|\b(?:ik|wij|we)\s+(?:kom|komen)\s+(?:\S+\s+){0,6}?(?:toezegging\w*|belofte|afspraak|verzoek\w*|motie\w*)"
    r"\s+na\b"
    r"|\b(?:voldoe|voldoen)\s+(?:ik|wij|we)\b|\b(?:ik|wij|we)\s+(?:voldoe|voldoen)\b|\bis\s+voldaan\b"
    r"|\b(?:geef|geven)\s+(?:ik|wij|we)\b[^.;]{0,80}?\b(?:invulling|uitvoering|gevolg)\b"
    r"|\b(?:ik|wij|we)\s+(?:geef|geven)\b[^.;]{0,80}?\b(?:invulling|uitvoering|gevolg)\b"
    r"|\b(?:invulling|uitvoering|gevolg)\s+(?:wordt|is)\s+gegeven\b|\bter\s+uitvoering\s+van\b"
)
# A present-tense delivery to the Kamer, which makes "hierbij" or "in deze brief" a delivery now.
_DELIVERY = re.compile(
    r"\b(?:ontvangt|stuur|zend|bied|biedt|treft|informeer|informeren|toekomen|doe\s+ik|sturen|zenden)\b"
)
_OPEN = ("open", "partly_fulfilled")


@dataclass(frozen=True)
class Restating:
    """A promise in a letter, with what a reader uses to tell whether it restates an earlier one."""

    text: str
    lead: tuple[str, ...]  # the sentences before it, from the one that refers back (oldest first)
    on: date | None  # the letter's date
    document_id: str
    ministry: str | None = None  # ministry_key of the letter's signatory
    minister: str | None = None  # minister_key
    keys: frozenset[str] = frozenset()  # what it and its lead-in cite: "kst:27858-215", "letter:2013-09-03"

    @cached_property
    def cue(self) -> bool:
        return any(CUE.search(low) for low in self._lows)

    @cached_property
    def own(self) -> frozenset[str]:
        """The promise's own content words."""
        return terms(self.text)

    @cached_property
    def about(self) -> frozenset[str]:
        """The content words of the promise and its lead-in: what it is about."""
        return self.own | terms(" ".join(self.lead))

    @cached_property
    def fulfils(self) -> bool:
        """The reference, the promise or a sentence between them meets the earlier promise now. Between them
        "in deze brief" counts only with a delivery ("Hierbij ontvangt u het"), not where it says what the
        letter holds ("zoals die hierna in deze brief worden beschreven")."""
        *lead, promise = self._lows
        ends, between = [promise, *lead[:1]], lead[1:]  # the promise and the sentence that refers back
        return any(FULFILS.search(low) or DELIVER_NOW.search(low) for low in ends) or any(
            FULFILS.search(low) or (DELIVER_NOW.search(low) and _DELIVERY.search(low)) for low in between
        )

    @cached_property
    def _lows(self) -> list[str]:
        return [s.lower() for s in (*self.lead, self.text)]


@dataclass(frozen=True)
class Verdict:
    """Whether a promise restates one earlier commitment, and why (or why not)."""

    commitment_id: int
    restates: bool
    reason: str  # "restates", or what ruled it out: "fulfils", "no reference", "another minister", ...
    share: float = 0.0
    cited: bool = False
    signals: tuple[str, ...] = ()


def lead_in(before: str) -> tuple[str, ...]:
    """The sentences before a promise that say what it restates: back to the nearest one that refers to an
    earlier promise, at most `LEAD` ("Ik heb u toegezegd … Zoals toegezegd informeer ik u daarover …"); none
    when nothing before it does. `before`: the letter's text up to the promise."""
    window = before[-LEAD_CHARS:]
    if not CUE.search(window.lower()):
        return ()  # most promises: nothing before them refers back, and the text need not be split
    found = sentences(window)
    if len(window) < len(before) and found:
        found = found[1:]  # cut off at the front
    last = found[-LEAD:]
    for i in range(len(last) - 1, -1, -1):
        if CUE.search(last[i].lower()):
            return tuple(last[i:])
    return ()


def cited_keys(refs: Iterable[Reference]) -> frozenset[str]:
    """Index keys of what is cited (`tracker.matching.ref_keys`), and "letter:<date>" for a letter named by
    its date that is not the Kamer's ("mijn brief van 7 maart", not "uw brief van …")."""
    keys: set[str] = set()
    for ref in refs:
        keys.update(ref_keys(ref))
        f = ref.fields
        if ref.type == "document" and f.get("date") and (f.get("author") or "").lower() != "uw":
            keys.add(f"letter:{f['date']}")
    return frozenset(keys)


def restating(
    text: str,
    before: str = "",
    *,
    on: date | None,
    document_id: str,
    refs: Iterable[Reference] | None = None,
    ministry: str | None = None,
    minister: str | None = None,
) -> Restating:
    """A letter's promise as the rule reads it. `before`: the letter's text up to it; `refs`: what the
    promise cites, when the extractor found that already (else it is read here)."""
    text = " ".join(text.split())
    lead = lead_in(before)
    cited = [*(find_references(text, on) if refs is None else refs)]
    for sentence in lead:
        cited += find_references(sentence, on)
    return Restating(
        text=text,
        lead=lead,
        on=on,
        document_id=document_id,
        ministry=ministry,
        minister=minister,
        keys=cited_keys(cited),
    )


def _flat(_term: str) -> float:
    return 1.0


def _earlier_keys(c: CommitmentFacts) -> set[str]:
    keys = set(c.index_keys())
    if c.document_id is not None and c.made_on is not None:
        keys.add(f"letter:{c.made_on.isoformat()}")
    return keys


def _open_when(c: CommitmentFacts, on: date | None) -> bool:
    """Still open when the letter was written (a fulfilment dated after it does not count)."""
    if c.status in _OPEN:
        return True
    return c.status == "fulfilled" and c.fulfilled_on is not None and on is not None and c.fulfilled_on > on


def judge(p: Restating, c: CommitmentFacts, idf: Callable[[str], float] = _flat) -> Verdict:
    """Whether `p` restates the earlier commitment `c`. `idf`: how telling a shared word is."""

    def no(reason: str) -> Verdict:
        return Verdict(c.id, False, reason)

    if c.document_id is not None and c.document_id == p.document_id:
        return no("same letter")
    if p.on is not None and c.made_on is not None and c.made_on > p.on:
        return no("later")
    if not _open_when(c, p.on):
        return no("closed")
    if not ((p.minister and p.minister == c.minister) or (p.ministry and p.ministry == c.ministry)):
        return no("another minister")
    cited = sorted(p.keys & _earlier_keys(c))
    if not (p.cue or cited):
        return no("no reference")
    if p.fulfils:
        return no("fulfils")
    own = p.own
    shared = c.terms & p.about
    weights = {t: idf(t) for t in c.terms}
    total = math.fsum(weights.values())  # fsum: the same sum whatever the set's order

    def share_of(words: frozenset[str]) -> float:
        return math.fsum(weights[t] for t in words) / total if total else 0.0

    share = share_of(shared)
    if len(shared) < min(MIN_SHARED, len(c.terms)) or share < (SUBJECT_CITED if cited else SUBJECT):
        return no("another subject")
    if not cited and share_of(own & c.terms) < SUBJECT_OWN and len(own - c.terms) > OWN_WORDS:
        return no("another subject")  # the lead-in was about it; the promise is about something else
    cue = ["cue"] if p.cue else []
    signals = (*cited, *cue, "shared:" + ",".join(sorted(shared)), f"share:{share:.2f}")
    return Verdict(c.id, True, "restates", round(share, 3), bool(cited), signals)


def restated(
    p: Restating, earlier: Iterable[CommitmentFacts], idf: Callable[[str], float] = _flat
) -> Verdict | None:
    """The one earlier commitment `p` restates; None when none does, or when two fit about equally."""
    fits = sorted(
        (v for v in (judge(p, c, idf) for c in earlier) if v.restates),
        key=lambda v: (not v.cited, -v.share, v.commitment_id),
    )
    if not fits:
        return None
    if len(fits) > 1 and fits[1].cited == fits[0].cited and fits[0].share - fits[1].share < MARGIN:
        return None
    return fits[0]


# ---------------------------------------------------------------------------------------------------------
# The deadline after a restatement

# How wide a kind of deadline is, narrowest first; kinds not named (event, duration, after, recurring) are
# not compared by width.
_RANK = {
    "explicit": 0,
    "month": 1,
    "quarter": 2,
    "season": 3,
    "recess": 3,
    "part_of_year": 3,
    "half": 4,
    "year": 5,
}
# Days back from a kind's due date to where its period starts, when the phrase names no start.
_SPAN = {"month": 31, "quarter": 92, "season": 92, "recess": 92, "part_of_year": 92, "half": 183, "year": 366}


def _vaguer(said: Deadline, held: Deadline) -> bool:
    """The restatement names a wider period that still holds the date held ("in 2015" after "15 maart")."""
    assert said.due is not None and held.due is not None
    if said.kind not in _RANK or held.kind not in _RANK or _RANK[said.kind] <= _RANK[held.kind]:
        return False
    start = said.earliest or said.due - timedelta(days=_SPAN[said.kind])
    return start <= held.due <= said.due


def new_deadline(held: Deadline | None, said: Deadline | None, *, postponed: bool = False) -> Deadline | None:
    """The deadline a restatement gives the promise it restates, or None to keep the one held: a restatement
    without a date, or vaguer than the date held, keeps it; a postponement, a date where none was, a later
    or an earlier date, or a narrower one, moves it."""
    if said is None or said.due is None:
        return None
    if held is None or held.due is None:
        return said
    if said.due == held.due:
        return None
    if not postponed and _vaguer(said, held):
        return None
    return said
