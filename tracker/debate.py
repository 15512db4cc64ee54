"""One promise, one row: which spoken commitments of a debate restate which item of the chair's list.

Pure: a transcript's `SourceText` and the extractor's commitments for it in, `Promise`s out (see
docs/people-and-promises.md). In a commissiedebat the bewindspersoon promises things in their own words and
at the end the chair reads the list of toezeggingen; both come out of `tracker.extract.analyse`. A reader
pairs a spoken promise with an item the way a griffier does: by the subject of the question it answered, by
the member it was made to (the item often names "de heer Boswijk"), by who spoke (minister or
staatssecretaris), by the deadline, by the moment (a reply to the chair while the list is read belongs to
the item just read) and by the order the list is read in. Text overlap of the two sentences alone is not
enough: "Dat kan ik toezeggen en daar kan ik dan op terugkomen in het verslag" names nothing of what it
promises. The subject is read from the debate's structure: the answer a promise stands in, back to the
paragraph that took up the question ("Dan een vraag van mevrouw Van Eijk"); the member's interruption it
answers and the exchange before it, back to the answer that was interrupted; what that member asked in
earlier interruptions.

The chair's list is read as a reader hears it: an item read twice counts once, and a correction a moment
later stands ("Dan maken we van het woordje "na" het woordje "voor"", or the minister's "Na het BO MIRT."
when the chair asks when).
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.deadlines import Deadline, find_deadline
from tracker.documents import Segment, SourceText
from tracker.extract import FoundCommitment
from tracker.sentences import split_sentences

log = logging.getLogger(__name__)

__all__ = [
    "WEIGHTS",
    "Pair",
    "Promise",
    "Weights",
    "made_to",
    "member_parties",
    "merge",
    "most_specific",
    "pair",
]

BEWINDSPERSOON = frozenset({"minister", "staatssecretaris", "minister-president"})
# Two readings of the chair are one item when their rare words overlap this much.
SAME_READING = 0.6
# How far after an item the chair's remarks and the minister's replies still belong to it.
TAIL = 2500


@dataclass(frozen=True)
class Promise:
    """One promise: a chair's item with the minister's words that restate it, or a spoken promise alone."""

    text: str  # the chair's wording (its last reading, corrections applied), or the minister's sentence
    quotes: tuple[str, ...]  # the minister's own words, in debate order
    deadline: Deadline | None
    made_to: tuple[str, ...]  # members' names as the transcript gives them: "Boswijk", "Van Eijk"
    speaker: str | None  # the bewindspersoon: "Minister Veldkamp"
    in_chair_list: bool  # False: the shadow register, a promise the chair's list missed
    chair_index: int | None  # the item's place in the list (readings of one item counted once)
    spoken: tuple[FoundCommitment, ...]
    readings: tuple[str, ...] = ()  # the chair's readings of the item as read, first to last
    actor: str | None = None  # "minister", "staatssecretaris", ... as the extractor read it


@dataclass(frozen=True)
class Pair:
    """A spoken commitment restating the chair's item number `chair_index`, with the evidence's score."""

    spoken: FoundCommitment
    chair_index: int
    score: float


# ---------------------------------------------------------------------------------------------------------
# Words

_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        aan afgelopen al alle alleen als andere bij binnen dan dat de deze die dit doen door dus een
        eens en er erop erover even geen gaan gaat ga heb hebben heeft het hier hoe hun ik in is ja je
        kan komt kom komen kunnen kunt maar meer met mij mijn moet na naar natuurlijk niet nog nu of om
        onder ons onze ook op over te ten ter toe tot u uit uw van veel voor wat we wel wij wil willen
        wordt worden zal ze zeker zich zij zijn zo zou zullen daar daarover daarop daarin daarmee
        hierover waar wanneer welke wie want worden dat minister ministers staatssecretaris kabinet
        regering kamer commissie toezegging toezeggingen toegezegd toezeggen zegt zeg informeren
        informeert informeer geinformeerd brief brieven sturen stuurt stuur gestuurd ontvangt ontvangen
        nader nadere terug terugkomen voorzitter heer mevrouw lid leden vraag vragen gevraagd vroeg
        antwoord graag zomer reces najaar voorjaar jaar week maand einde eind begin voortgang stand
        zaken kijken bekijken gesprek gesprekken delen dank goed echt heel even eerste tweede dingen
        punt aanzien aanloop afloop mogelijk mogelijkheid onderwerp verder ingaan ingegaan meegenomen
        meenemen geven toekomen doe doet gedaan moment hierbij daarbij kort snel spoedig uiterlijk
        later extra wanneer waarbij waaronder waarmee waardoor waarin waarover waarvan waarop aantal
        samen inzake tussen inclusief zoals daarvan ervan welk eventueel eventuele precies zeer steeds
        echter alsnog ieder iedere elk elke beide enkele diverse verschillende bepaalde huidige gekeken
        kijkt laat laten
        """,
    )
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


# Plural to singular, roughly: "mogelijkheden" "mogelijkheid", "strafbeschikkingen" "strafbeschikking".
_ENDINGS = (("heden", "heid"), ("ingen", "ing"), ("en", ""), ("s", ""), ("e", ""))


def _stem(word: str) -> str:
    for ending, singular in _ENDINGS:
        if len(word) > len(ending) + 4 and word.endswith(ending):
            return word[: -len(ending)] + singular
    return word


def _words(text: str) -> list[str]:
    # a function word is left out as written and as its singular ("mogelijkheden" is "mogelijkheid")
    found = (_stem(w) for w in re.findall(r"[a-z][a-z0-9]+", _fold(text)) if len(w) > 2 and w not in _STOP)
    return [w for w in found if w not in _STOP]


def _related(a: str, b: str) -> bool:
    """The same word, or the first or last part of the other's compound ("scanapparatuur", "apparatuur";
    "formatietafel", "formatie"), or the same stem ("financiële", "financiën"); "langs" is no part of
    "belangstelling"."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 5:
        return False
    return long.startswith(short) or long.endswith(short) or (len(short) >= 7 and long.startswith(short[:7]))


class _Idf:
    """How rare a word is in this transcript: rare words carry the subject."""

    def __init__(self, paragraphs: Iterable[str]) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for p in paragraphs:
            self.n += 1
            self.df.update(set(_words(p)))

    def __call__(self, word: str) -> float:
        return math.log((self.n + 1) / (1 + self.df.get(word, 0))) + 0.1


class _Bag:
    """Words with a weight in [0, 1], found by their first and last letters: a compound and its parts share
    one or the other."""

    def __init__(self, weighted: dict[str, float]) -> None:
        self.weighted = weighted
        self.ends: dict[str, set[str]] = {}
        for w in weighted:
            for end in (w[:3], "-" + w[-3:]):
                self.ends.setdefault(end, set()).add(w)

    @classmethod
    def of(cls, text: str) -> _Bag:
        return cls(dict.fromkeys(_words(text), 1.0))

    def near(self, word: str) -> set[str]:
        return self.ends.get(word[:3], set()) | self.ends.get("-" + word[-3:], set())


# A related word says less than the word itself: "belasting" in "verbruiksbelasting", "financiën" for
# "financiële".
PART = 0.5


def _overlap(item: Sequence[str], bag: _Bag, idf: _Idf, shared: Counter[str] | None = None) -> float:
    """Share of the item's rare-word mass found in a bag of words weighted in [0, 1]. A word several items
    of the list stand in (`shared`: in how many) tells them apart that much less."""
    # in the item's order, not a set's: float sums then do not depend on the hash seed
    mass = {w: idf(w) / max(1, shared[w] if shared else 1) for w in dict.fromkeys(item)}
    total = sum(mass.values())
    if not total:
        return 0.0
    got = 0.0
    for w, m in mass.items():
        parts = [
            PART * min(1.0, idf(c) / idf(w)) * bag.weighted[c]
            for c in bag.near(w)
            if c != w and _related(w, c)
        ]
        got += m * max([bag.weighted.get(w, 0.0), *parts])
    return got / total


# ---------------------------------------------------------------------------------------------------------
# Who was promised: "dat was een toezegging aan de heer Boswijk", "Deze is gericht aan mevrouw Veltman"

_HONORIFIC = r"(?:[Dd]e\s+heer|heer|[Mm]evrouw|[Hh]et\s+lid|lid)"
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|in|'t|Van|De|Der|Den|Ter|Ten|In)"
_NAME = rf"(?:[A-Z][a-zé]+\s+(?={_PARTICLE}\s|[A-Z]))?(?:{_PARTICLE}\s+){{0,3}}[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*"
_MEMBER = re.compile(rf"\b{_HONORIFIC}\s+(?P<name>{_NAME})")
_MADE_TO = re.compile(
    rf"\b(?:toezegging\w*|gericht|toegezegd)\b[^.?!;]{{0,60}}?\baan\s+"
    rf"(?P<names>{_HONORIFIC}\s+{_NAME}(?:\s*(?:,|en)\s+{_HONORIFIC}\s+{_NAME})*)"
)
_CORRECTING = re.compile(r"\b(?:sorry|excuus|pardon|nee|correctie|moet\s+zijn)\b", re.IGNORECASE)


def made_to(text: str) -> tuple[str, ...]:
    """The members a chair's item or remark says a promise was made to, as named: ("Boswijk",)."""
    out: list[str] = []
    for m in _MADE_TO.finditer(text):
        for member in _MEMBER.finditer(m.group("names")):
            name = member.group("name")
            if name not in out:
                out.append(name)
    return tuple(out)


def _members_named(text: str) -> set[str]:
    return {_fold(m.group("name")).split()[-1] for m in _MEMBER.finditer(text)}


_HEADING = re.compile(rf"^(?:{_HONORIFIC})\s+(?P<name>{_NAME})\s*\((?P<party>[^)]{{1,40}})\):", re.IGNORECASE)


def member_parties(source: SourceText) -> dict[str, str]:
    """Each member's party as the transcript prints it in the turn's first line: "De heer Boswijk (CDA):"."""
    out: dict[str, str] = {}
    for seg in _turns(source):
        if seg.speaker_role != "member":
            continue
        m = _HEADING.match(source.text[seg.start : seg.start + 120].strip())
        if m:
            out.setdefault(m.group("name"), m.group("party").strip())
    return out


# ---------------------------------------------------------------------------------------------------------
# Deadlines


def _width(d: Deadline, on: date | None) -> int:
    assert d.due is not None
    start = d.earliest or on or d.due
    return max(0, (d.due - start).days)


def most_specific(deadlines: Iterable[Deadline | None], on: date | None = None) -> Deadline | None:
    """The deadline that says most: a dated one beats a vague one or none, a narrower window a wider one;
    on a tie the first given wins (callers put the chair's first)."""
    best: Deadline | None = None
    for d in deadlines:
        if d is None:
            continue
        dated_first = d.due is not None and best is not None and best.due is None
        narrower = (
            d.due is not None
            and best is not None
            and best.due is not None
            and _width(d, on) < _width(best, on)
        )
        if best is None or dated_first or narrower:
            best = d
    return best


# ---------------------------------------------------------------------------------------------------------
# The transcript's structure


def _turns(source: SourceText) -> list[Segment]:
    return sorted((s for s in source.segments if s.kind == "turn"), key=lambda s: s.start)


@dataclass(frozen=True)
class _Item:
    reading: FoundCommitment  # the reading as the extractor found it
    text: str  # corrections applied
    deadline: Deadline | None
    reply_deadline: Deadline | None  # given by the bewindspersoon while the item was read
    made_to: tuple[str, ...]
    end_of_tail: int
    # surnames (folded) of the members it concerns: those it was made to, those whose motion it is about,
    # those who speak up while it is read ("Het informatieverzoek ziet ook op correspondentie binnen het
    # departement")
    concerns: frozenset[str]


# "Dan maken we van het woordje "na" het woordje "voor"": the chair corrects the item just read.
_Q = r"[\"“”„'‘’]"
_REWORD = re.compile(
    rf"\bvan\s+(?:het\s+woord(?:je)?\s+)?{_Q}(?P<old>[^\"“”„'‘’]{{1,60}}){_Q}\s+"
    rf"(?:(?:maken\s+(?:we|wij)|wordt|moet\s+worden)\s+)?(?:het\s+woord(?:je)?\s+)?{_Q}(?P<new>[^\"“”„'‘’]{{1,60}}){_Q}",
    re.IGNORECASE,
)


# The chair asking for a date: "De vraag is dan: wanneer?", "Ik wil gewoon een termijn horen, een datum."
_WHEN = re.compile(r"\b(?:wanneer|datum|termijn)\b", re.IGNORECASE)


def _reword(text: str, remark: str) -> str:
    for m in _REWORD.finditer(remark):
        old, new = m.group("old").strip(), m.group("new").strip()
        pattern = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE)
        if pattern.search(text):
            text = pattern.sub(new, text, count=1)
    return text


def _items(source: SourceText, readings: list[FoundCommitment], turns: list[Segment]) -> list[_Item]:
    """Each reading with what the chair and the bewindspersoon said right after it, up to the next reading."""
    on = source.date
    out: list[_Item] = []
    for k, r in enumerate(readings):
        stop = readings[k + 1].start if k + 1 < len(readings) else r.end + TAIL
        stop = min(stop, r.end + TAIL)
        text, reply, names = r.text, None, list(made_to(_own_paragraph(source, r)))
        asked_when = False
        speaking_up: set[str] = set()  # members reacting to the reading before the bewindspersoon does
        answered = False
        for seg in turns:
            if seg.end <= r.end or seg.start >= stop:
                continue
            lo, hi = max(seg.start, r.end), min(seg.end, stop)
            said = source.text[lo:hi]
            if seg.speaker_role == "chair":
                asked_when = bool(_WHEN.search(said))
                text = _reword(text, said)
                named = made_to(said)
                if named:
                    names = (
                        list(named)
                        if _CORRECTING.search(said)
                        else names + [n for n in named if n not in names]
                    )
            elif seg.speaker_role in BEWINDSPERSOON and (len(said) < 200 or asked_when):
                # the last date named stands: "Zo snel als mogelijk." — "Ik wil gewoon een termijn horen,
                # een datum." — "Voor de verkiezingen kom ik daarop terug."
                reply = find_deadline(said, on) or reply
            elif seg.speaker_role == "member" and seg.speaker and not answered:
                speaking_up.add(_surname(seg.speaker))
            answered = answered or seg.speaker_role in BEWINDSPERSOON
        deadline = find_deadline(text, on) if text != r.text else r.deadline
        if text != r.text:
            log.debug("chair corrected an item: %r -> %r", r.text, text)
        concerns = frozenset(speaking_up | _movers(text) | {_surname(n) for n in names})
        out.append(_Item(r, text, deadline, reply, tuple(names), stop, concerns))
    return out


# The members whose motion an item is about: "de uitvoering van de motie-Van Nispen/Michon-Derkzen", "de
# motie van het lid Dobbe".
_MOTION = re.compile(
    rf"\bmotie-(?P<names>{_NAME}(?:/{_NAME})*)|\bmotie\s+van\s+{_HONORIFIC}\s+(?P<name>{_NAME})"
)


def _movers(text: str) -> set[str]:
    """Surnames (folded) of the members who moved the motions a text names."""
    return {
        _surname(n) for m in _MOTION.finditer(text) for n in (m.group("names") or m.group("name")).split("/")
    }


def _own_paragraph(source: SourceText, c: FoundCommitment) -> str:
    """The list item or paragraph a reading stands in ("…; dat was een toezegging aan de heer Boswijk")."""
    for seg in source.segments:
        if seg.kind in ("list_item", "paragraph") and seg.start <= c.start < seg.end:
            return source.text[seg.start : seg.end]
    return c.text


def _group_readings(items: list[_Item], idf: _Idf) -> list[list[_Item]]:
    """An item read twice is one item; the later reading wins."""
    groups: list[list[_Item]] = []
    for it in items:
        words = _words(it.text)
        for g in groups:
            last = _words(g[-1].text)
            sim = min(
                _overlap(words, _Bag(dict.fromkeys(last, 1.0)), idf),
                _overlap(last, _Bag(dict.fromkeys(words, 1.0)), idf),
            )
            if sim >= SAME_READING:
                g.append(it)
                break
        else:
            groups.append([it])
    return groups


# ---------------------------------------------------------------------------------------------------------
# What a promise answers: the dialogue around it


@dataclass(frozen=True)
class _Layout:
    """The transcript's turns in order, and the paragraphs of each (its speaker line left out)."""

    turns: list[Segment]
    starts: list[int]
    paragraphs: list[list[Segment]]

    def turn_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


_SPEAKER_LINE = re.compile(r"^[^\n.?!]{1,90}:\s*$")


def _said(source: SourceText, seg: Segment) -> str:
    return source.text[seg.start : seg.end]


def _layout(source: SourceText) -> _Layout:
    # a text without turns is one turn of no one's
    turns = _turns(source) or [Segment(0, len(source.text), "turn")]
    paragraphs = sorted(
        (s for s in source.segments if s.kind in ("paragraph", "list_item")), key=lambda s: s.start
    )
    starts = [p.start for p in paragraphs]
    per_turn: list[list[Segment]] = []
    for t in turns:
        inside = paragraphs[bisect_left(starts, t.start) : bisect_left(starts, t.end)]
        said = [p for p in inside if not _SPEAKER_LINE.match(_said(source, p).strip())]
        per_turn.append(said or [t])
    return _Layout(turns, [t.start for t in turns], per_turn)


# A paragraph that takes up a question: "Dan een vraag van mevrouw Van Eijk", "De heer Van Dijk vroeg: …",
# "Tot slot vroeg de rapporteur …", "De VVD wil graag van de minister weten …", "Ten aanzien van de
# Bodegravenboog …". A minister answers a question from such a paragraph to the next; what comes before the
# first answers the turn before (an interruption). Only the first sentence counts: "Als u mij vraagt wat ik
# vind" further on takes up nothing, nor does "Ik zei dat het te vroeg komt".
_TAKES_UP = re.compile(
    r"^(?:voorzitter\.\s+)?(?:(?:dan|ten\s+aanzien\s+van|wat\s+betreft|de\s+heer|mevrouw|het\s+lid|de\s+rapporteur)\b"
    r"|[^.?!]{0,100}\b(?:(?<!te\s)vroeg|vraagt|vroegen|gevraagd|vra(?:ag|gen)\s+(?:van|over)|brengt\s+mij\s+bij"
    r"|kom\s+ik\s+(?:nu\s+)?(?:bij|op)|wil\w*\s+(?:\w+\s+){0,6}weten)\b)",
    re.IGNORECASE,
)


def _takes_up(text: str) -> bool:
    return bool(_TAKES_UP.match(text.strip()))


# How much the words around a promise say about its subject, by where they stand.
NEAR = 0.8  # the two sentences before it in its paragraph
PARAGRAPH = 0.6  # the rest of its paragraph
ANSWER = 0.5  # the answer's earlier paragraphs, back to the one that took up the question
EXCHANGE = 0.7  # the member's interruption it answers; each turn further back in the exchange weighs less
INTERRUPTED = 0.4  # the part of the interrupted answer the exchange is about
THREAD = 0.3  # what the members it answered asked in their interruptions earlier
# An answer runs over at most this many paragraphs; an exchange over at most this many turns.
ANSWER_PARAGRAPHS = 8
EXCHANGE_TURNS = 8
# A member's turn of more paragraphs than this is a speech, not an interruption; a minister's, an answer.
INTERRUPTION = 2
# A promise this near the end of its turn is the last thing said before the next speaker.
LAST = 200
# The chair taking a promise down: "Dan zullen we dat noteren als een toezegging", "Dan wordt dat genoteerd";
# not "Nee, dan is het geen toezegging, maar we noteren het".
_NOTES = re.compile(r"\b(?:toezegging|genoteerd|noteren|noteer)\b", re.IGNORECASE)
_NO_PROMISE = re.compile(r"\bgeen\s+toezegging", re.IGNORECASE)


def _takes_down(remark: str) -> bool:
    return bool(_NOTES.search(remark)) and not _NO_PROMISE.search(remark)


@dataclass(frozen=True)
class _Context:
    """What a spoken promise answers, as a reader of the transcript sees it."""

    words: _Bag  # the words around the promise, weighted by how close they are to it
    asked_by: frozenset[str]  # surnames (folded) of the members it answered
    role: str | None
    turn_index: int
    paragraph: Segment
    deadline: Deadline | None  # the promise's, or the one its answer gives next to it
    exchange: frozenset[int]  # the turns of the exchange it answers, when it answers an interruption
    interrupted_by: str | None  # the member of that interruption (surname, folded)
    last: bool  # the last thing said before the next speaker
    noted: bool  # and the chair takes it down as a toezegging ("Een toezegging op dit punt.")


def _surname(name: str) -> str:
    return _fold(name).split()[-1]


class _Weighing:
    """Words gathered with the weight of where they stand; a word keeps its highest."""

    def __init__(self) -> None:
        self.weighted: dict[str, float] = {}

    def add(self, text: str | None, weight: float) -> None:
        for w in _words(text or ""):
            self.weighted[w] = max(self.weighted.get(w, 0.0), weight)


def _context(source: SourceText, c: FoundCommitment, layout: _Layout, idf: _Idf, list_start: int) -> _Context:
    ti = layout.turn_at(c.start)
    turn = layout.turns[ti]
    paragraphs = layout.paragraphs[ti]
    said = [_said(source, p) for p in paragraphs]
    pi = max(0, bisect_right([p.start for p in paragraphs], c.start) - 1)
    here = paragraphs[pi]
    words = _Weighing()
    words.add(c.text, 1.0)
    words.add(c.refers_to, 0.9)
    before = split_sentences(source.text, here.start, c.start)
    after = split_sentences(source.text, c.end, here.end)
    for n, s in enumerate(reversed(before)):
        words.add(s.text, NEAR if n < 2 else PARAGRAPH)
    for s in after[:2]:
        words.add(s.text, PARAGRAPH)
    first = pi
    while first > 0 and pi - first < ANSWER_PARAGRAPHS and not _takes_up(said[first]):
        first -= 1
    for text in said[first:pi]:
        words.add(text, ANSWER)
    # Who asked: the members the answer's opening sentence names ("Dan een vraag van de heer Vijlbrief en
    # de heer Stultiens"), the last one named before the promise, and any the promise names itself.
    opening = split_sentences(source.text, paragraphs[first].start, paragraphs[first].end)[:1]
    asked = _members_named(c.text) | _members_named(" ".join(s.text for s in opening))
    lead = [m.group("name") for m in _MEMBER.finditer(source.text[paragraphs[first].start : c.start])]
    if lead:
        asked.add(_surname(lead[-1]))
    # An answer that takes up no question of its own answers the interruption before it (while the list is
    # read the turns before are the chair's reading, not an exchange).
    exchange: frozenset[int] = frozenset()
    interrupted_by = None
    if c.start <= list_start and not any(_takes_up(text) for text in said[: pi + 1]):
        interrupted_by, exchange = _exchange(source, layout, ti, idf, words)
        if interrupted_by:
            asked.add(interrupted_by)
    for j in range(ti):
        other = layout.turns[j]
        if other.speaker and _surname(other.speaker) in asked and _interrupts(layout, j):
            words.add(_said(source, other), THREAD)
    # a promise without a date takes the one its answer gives next to it ("Het eerste moment … is in
    # oktober. … Ik kan uw Kamer de toezegging doen dat ik … een brief stuur")
    near = [s.text for s in after[:1]] + [s.text for s in reversed(before[-2:])]
    deadline = c.deadline or next(
        (d for d in (find_deadline(t, source.date) for t in near) if d is not None), None
    )
    last = c.end >= turn.end - LAST and ti + 1 < len(layout.turns)
    next_turn = layout.turns[ti + 1] if last else None
    noted = (
        next_turn is not None and next_turn.speaker_role == "chair" and _takes_down(_said(source, next_turn))
    )
    return _Context(
        _Bag(words.weighted),
        frozenset(asked),
        turn.speaker_role,
        ti,
        here,
        deadline,
        exchange,
        interrupted_by,
        last,
        noted,
    )


def _interrupts(layout: _Layout, j: int) -> bool:
    """A member's turn of a paragraph or two: an interruption, not a speech."""
    return layout.turns[j].speaker_role == "member" and len(layout.paragraphs[j]) <= INTERRUPTION


def _exchange(
    source: SourceText, layout: _Layout, ti: int, idf: _Idf, words: _Weighing
) -> tuple[str | None, frozenset[int]]:
    """The exchange an answer to an interruption goes on with: the member's question, the turns before it
    back to the answer that was interrupted (nearer turns weigh more), and of that answer the part the
    question is about and where it was interrupted. Returns the member who asked (surname, folded) and the
    exchange's turns."""
    member: str | None = None
    turns: set[int] = set()
    question: list[str] = []
    weight = EXCHANGE
    for j in range(ti - 1, max(-1, ti - 1 - EXCHANGE_TURNS), -1):
        turn, paragraphs = layout.turns[j], layout.paragraphs[j]
        if turn.speaker_role == "chair":
            continue
        if len(paragraphs) > INTERRUPTION:
            if turn.speaker_role in BEWINDSPERSOON and question:
                said = [_said(source, p) for p in paragraphs]
                about = max(range(len(said)), key=lambda k: _overlap(question, _Bag.of(said[k]), idf))
                for k in {about, len(said) - 1}:
                    words.add(said[k], INTERRUPTED)
            break
        if _interrupts(layout, j) and member is None and turn.speaker:
            member, question = _surname(turn.speaker), _words(_said(source, turn))
        words.add(_said(source, turn), weight)
        turns.add(j)
        weight *= 0.8
    return member, frozenset(turns)


# ---------------------------------------------------------------------------------------------------------
# Pairing


@dataclass(frozen=True)
class Weights:
    """What each piece of evidence counts for when a spoken promise is paired with an item; measured on
    the labelled transcripts (evaluation/debate_pairs, docs/people-and-promises.md)."""

    threshold: float = 0.45  # a promise goes with its best item when the score reaches this
    member: float = 0.25  # the item names the member the promise answered
    role: float = 0.3  # the item names the other bewindspersoon (subtracted)
    # both dated within `AGREE` days; dates far apart count for nothing, as a date often changes between
    # the answer and the list ("Daar zullen we op ingaan in de brief … in het najaar" became "uiterlijk 16
    # juli" when the staatssecretaris took the question up again)
    deadline: float = 0.25
    moment: float = 0.45  # noted by the chair reading the item next
    noted: float = 0.15  # the chair takes the promise down as a toezegging: the threshold is this lower


WEIGHTS = Weights()
AGREE = 14


def _score(item: _Item, ctx: _Context, subject: float, moment: bool, weights: Weights) -> float:
    score = subject
    if item.concerns & ctx.asked_by:
        score += weights.member
    # "De staatssecretaris zegt toe …" is not the minister's promise (an item naming no one may be anyone's)
    named = {r for r in BEWINDSPERSOON if re.search(rf"\b{r}\b", _fold(item.text))}
    if named and ctx.role in BEWINDSPERSOON and ctx.role not in named:
        score -= weights.role
    a, b = item.reply_deadline or item.deadline, ctx.deadline
    if a is not None and b is not None and a.due and b.due and abs((a.due - b.due).days) <= AGREE:
        score += weights.deadline
    if moment:
        score += weights.moment
    return score


def _may_restate(c: FoundCommitment, ctx: _Context, layout: _Layout, list_start: int) -> bool:
    """Only a bewindspersoon restates an item, and while the list is read only in reply to the chair: a
    promise then that answers a member's request is one of its own."""
    if ctx.role is not None and ctx.role not in BEWINDSPERSOON:
        return False
    return c.start <= list_start or (
        ctx.turn_index > 0 and layout.turns[ctx.turn_index - 1].speaker_role == "chair"
    )


# Another item's subject must stand out by this much to take a reply away from the item just read.
MARGIN = 0.05


def _reply_item(groups: list[list[_Item]], c: FoundCommitment, subject: list[float]) -> int | None:
    """While the list is read a reply to the chair is about the item just read ("Na het BO MIRT."), unless
    its words name another item's subject more ("Ik wil nog een opmerking maken over de rechtszaken")."""
    k = _just_read(groups, c)
    if k is None:
        return None
    best = max(range(len(subject)), key=subject.__getitem__)
    return best if subject[best] > subject[k] + MARGIN else k


def _just_read(groups: list[list[_Item]], c: FoundCommitment) -> int | None:
    """The item whose reading a promise made during the list follows, if it is still that item's turn."""
    before = [(i.reading.start, k) for k, g in enumerate(groups) for i in g if i.reading.start < c.start]
    if not before:
        return None
    start, k = max(before)
    item = next(i for i in groups[k] if i.reading.start == start)
    return k if c.start < item.end_of_tail else None


def _noted_next(groups: list[list[_Item]], ctx: _Context, layout: _Layout) -> int | None:
    """The chair noting a promise on the spot: it ends its turn and the very next turn reads an item."""
    if not ctx.last:
        return None
    for k, g in enumerate(groups):
        for i in g:
            if layout.turn_at(i.reading.start) == ctx.turn_index + 1:
                return k
    return None


def _one_answer(a: _Context, b: _Context) -> bool:
    """Sentences of one paragraph promise one thing ("Die toezegging kan ik doen … Daar kom ik dan voor
    Prinsjesdag bij u op terug"), and so do the answers to one member's interruptions ("Is dit nou een
    toezegging?")."""
    if a.paragraph == b.paragraph:
        return True
    one_member = a.interrupted_by is not None and a.interrupted_by == b.interrupted_by
    return one_member and (a.turn_index in b.exchange or b.turn_index in a.exchange)


def _share_within_answer(contexts: list[_Context], table: list[list[float]]) -> list[list[float]]:
    out = [row[:] for row in table]
    for a, ca in enumerate(contexts):
        for b, cb in enumerate(contexts):
            if a != b and _one_answer(ca, cb):
                out[a] = [max(x, 0.9 * y) for x, y in zip(out[a], table[b], strict=True)]
    return out


# Pairs this sure are anchors; between two anchors the items read between theirs are the likely ones.
ANCHOR = 0.7


def _follow_order(
    spoken: list[FoundCommitment], table: list[list[float]], list_start: int
) -> list[list[float]]:
    """The chair reads the list roughly in debate order: a promise made between the promises of items 3
    and 5 is likelier item 3, 4 or 5 than item 12."""
    anchors = [
        (n, max(range(len(row)), key=row.__getitem__))
        for n, row in enumerate(table)
        if spoken[n].start < list_start and max(row, default=0.0) >= ANCHOR
    ]
    out = [row[:] for row in table]
    for n, row in enumerate(table):
        if spoken[n].start >= list_start or max(row, default=0.0) >= ANCHOR:
            continue
        lo = max((k for m, k in anchors if m < n), default=None)
        hi = min((k for m, k in anchors if m > n), default=None)
        if lo is None or hi is None or lo > hi:
            continue
        out[n] = [v + (0.12 if lo < k < hi else 0.0 if k in (lo, hi) else -0.08) for k, v in enumerate(row)]
    return out


def pair(
    source: SourceText, commitments: Sequence[FoundCommitment], weights: Weights = WEIGHTS
) -> list[Pair]:
    """Which spoken commitments restate which of the chair's items (numbered as in `merge`)."""
    return _pairing(source, commitments, weights)[1]


def _pairing(
    source: SourceText, commitments: Sequence[FoundCommitment], weights: Weights
) -> tuple[list[list[_Item]], list[Pair], list[FoundCommitment]]:
    layout = _layout(source)
    paragraphs = [
        source.text[s.start : s.end] for s in source.segments if s.kind in ("paragraph", "list_item")
    ]
    idf = _Idf(paragraphs or source.text.split("\n\n"))
    readings = sorted((c for c in commitments if c.from_chair_list), key=lambda c: c.start)
    spoken = sorted((c for c in commitments if not c.from_chair_list), key=lambda c: c.start)
    groups = _group_readings(_items(source, readings, layout.turns), idf)
    if not groups:
        return groups, [], spoken
    list_start = min(g[0].reading.start for g in groups)
    item_words = [_words(g[-1].text) for g in groups]
    shared = Counter(w for words in item_words for w in set(words))
    contexts = [_context(source, c, layout, idf, list_start) for c in spoken]
    table: list[list[float]] = []
    for c, ctx in zip(spoken, contexts, strict=True):
        row = [0.0] * len(groups)
        if _may_restate(c, ctx, layout, list_start):
            subject = [_overlap(words, ctx.words, idf, shared) for words in item_words]
            reply = _reply_item(groups, c, subject) if c.start > list_start else None
            if reply is not None:
                row[reply] = 1.0  # a reply to the chair's reading is as sure as evidence gets
            else:
                moment = _noted_next(groups, ctx, layout)
                row = [_score(g[-1], ctx, subject[k], k == moment, weights) for k, g in enumerate(groups)]
        table.append(row)
    table = _share_within_answer(contexts, table)
    table = _follow_order(spoken, table, list_start)
    pairs: list[Pair] = []
    for c, ctx, row in zip(spoken, contexts, table, strict=True):
        best = max(row)
        k = row.index(best)
        log.debug("%.2f %r -> %r", best, c.text[:60], groups[k][-1].text[:60])
        # what the chair takes down as a toezegging is likelier in the list
        if best >= weights.threshold - (weights.noted if ctx.noted else 0.0):
            pairs.append(Pair(c, k, round(best, 3)))
    return groups, pairs, spoken


# ---------------------------------------------------------------------------------------------------------
# Merging


def _speakers(source: SourceText) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for seg in _turns(source):
        if (
            seg.speaker
            and seg.speaker_role in BEWINDSPERSOON
            and seg.speaker not in out.setdefault(seg.speaker_role, [])
        ):
            out[seg.speaker_role].append(seg.speaker)
    return out


def _speaker_at(source: SourceText, offset: int) -> str | None:
    for seg in _turns(source):
        if seg.start <= offset < seg.end:
            return seg.speaker
    return None


def merge(
    source: SourceText, commitments: Sequence[FoundCommitment], weights: Weights = WEIGHTS
) -> list[Promise]:
    """One row per promise: each chair's item with the spoken commitments that restate it (as `quotes`),
    then the spoken commitments no item holds (`in_chair_list=False`, the shadow register)."""
    groups, pairs, spoken = _pairing(source, commitments, weights)
    by_item: dict[int, list[FoundCommitment]] = {}
    for p in pairs:
        by_item.setdefault(p.chair_index, []).append(p.spoken)
    speakers = _speakers(source)
    on = source.date
    out: list[Promise] = []
    for k, g in enumerate(groups):
        last = g[-1]
        words = sorted(by_item.get(k, []), key=lambda c: c.start)
        replies = [i.reply_deadline for i in g if i.reply_deadline is not None]
        corrected = replies[-1] if replies else None
        own = last.deadline
        if corrected is not None and (own is None or own.due is None or corrected.due is not None):
            deadline: Deadline | None = corrected  # the answer to "wanneer?" while the list was read stands
        else:
            deadline = most_specific([own, *(c.deadline for c in words)], on)
        names: list[str] = []
        for i in g:
            names = list(i.made_to) or names  # the later reading's members win
        actor = last.reading.actor
        speaker = words[0].speaker if words else None
        if speaker is None and actor in speakers and len(speakers[actor]) == 1:
            speaker = speakers[actor][0]
        out.append(
            Promise(
                text=" ".join(last.text.split()),
                quotes=tuple(" ".join(c.text.split()) for c in words),
                deadline=deadline,
                made_to=tuple(names),
                speaker=speaker,
                in_chair_list=True,
                chair_index=k,
                spoken=tuple(words),
                readings=tuple(" ".join(i.reading.text.split()) for i in g),
                actor=actor,
            )
        )
    held = {id(p.spoken) for p in pairs}
    for c in spoken:
        if id(c) in held:
            continue
        text = " ".join(c.text.split())
        out.append(
            Promise(
                text=text,
                quotes=(text,),
                deadline=c.deadline,
                made_to=tuple(_spoken_to(source, c)),
                speaker=c.speaker or _speaker_at(source, c.start),
                in_chair_list=False,
                chair_index=None,
                spoken=(c,),
                actor=c.actor,
            )
        )
    return out


_TO_MEMBER = re.compile(
    rf"\b(?:toezeggen|toekomen|beloven|zeg\s+ik)\b|\b{_HONORIFIC}\s+{_NAME}\s+(?:wel\s+)?toezeggen"
)


def _spoken_to(source: SourceText, c: FoundCommitment) -> list[str]:
    """A spoken promise names its member now and then: "Ik kan de heer Bamenga wel toezeggen dat …"."""
    if not _TO_MEMBER.search(c.text):
        return []
    return [m.group("name") for m in _MEMBER.finditer(c.text)]
