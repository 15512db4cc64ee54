"""Matching a letter to the earlier commitments it fulfils or postpones (extraction.md §3.4).

Pure: facts in, matches out. A `CommitmentIndex` of open commitments retrieves the few a letter can be
about — by register (TZ) number, meeting date, cited Kamerstuk, and rare content words shared within the
time window (one suffices within the same dossier) — and only those pairs are scored. Never all pairs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.extract import Analysis, Reference

# Scores: an explicit back-reference is strongest; a fulfilment phrase and shared words support it.
W_NUMBER = 0.6  # the letter names the commitment's TZ number
W_MEETING = 0.45  # "Tijdens het Algemeen Overleg van 31 oktober 2013": the commitment's meeting date
W_MEETING_KIND = 0.05  # ... and its kind
W_KAMERSTUK = 0.45  # the letter cites the Kamerstuk the commitment was made in (or its meeting's verslag)
W_PHRASE = 0.2  # "Met deze brief doe ik mijn toezeggingen gestand"
W_DOSSIER = 0.1
W_MINISTRY = 0.05
W_MINISTER = 0.05
W_TOPIC = 0.35  # times the share of the commitment's words (weighted by rarity) in one sentence of the letter
P_EARLY = 0.2  # the letter came before the commitment's earliest date

ACCEPT = 0.6  # at or above: counts as fulfilled (status source "detected")
CANDIDATE = 0.3  # at or above: proposed for a person to confirm
POSTPONE = 0.4  # a postponement moves the best commitment's due date from this score
STRONG_TOPIC = 0.6  # a phrase plus this share of words (MIN_STRONG_SHARED at least) links alone
MIN_STRONG_SHARED = 3
MIN_TOPIC, MIN_TOPIC_SHARED = 0.2, 2  # what a cited meeting needs besides, to link without a person

_KEY_WEIGHT = {"nr": W_NUMBER, "meeting": W_MEETING, "kst": W_KAMERSTUK, "h": W_KAMERSTUK}

MAX_AGE = timedelta(days=8 * 366)  # letters do not fulfil commitments older than this
QUERY_TERMS = 16  # the rarest words of a letter that retrieve candidates
MAX_TERM_HITS = 40  # at most this many candidates from shared words per letter
MIN_SHARED = 2  # shared rare words needed to retrieve (one suffices within the same dossier)
MAX_DF_SHARE, MIN_MAX_DF = 0.005, 100  # a word in more commitments than this is not rare
MAX_CANDIDATES = 5  # links below the accept rule proposed per letter, best first
# The review queue (issue 11): a candidate is worth a person's time when the letter's best sentence holds
# this share of the commitment's words (weighted by rarity). Measured on the tracking benchmark's planted
# links (bench/track.py): below 0.5 hardly any candidate is a true fulfilment, from 0.5 about two in three.
REVIEW_TOPIC = 0.5
REVIEW_SCORE = 0.5  # ... and a score below this was a true fulfilment about one time in four or less
REVIEW_PER_COMMITMENT = 3  # at most this many candidates per commitment wait for a person, best first
RESTATES = 0.8  # a letter sentence holding this share of one of the letter's own commitments restates it

PARTIAL = re.compile(
    r"\b(gedeeltelijk|deels|een eerste deel|eerste deel van|de overige punten volgen|overige punten"
    r"\s+(?:zal|zullen)|kom ik later terug|in een (?:volgende|latere) brief)\b",
    re.I,
)
CUE = re.compile(r"toegezegd|toezegging|verzocht|gevraagd|vraag van|zoals aangekondigd", re.I)

STOP = frozenset(
    re.findall(
        r"\S+",
        """
    aan aangaande achter af al alle alleen als altijd ander andere anders ben bent bij bijvoorbeeld binnen
    daar daarbij daarin daarmee daarna daarnaast daarom daarvan dan dat de deze die dit doen door dus echter
    een eens eerst eigen elk en enkele er erg etc even geen geweest haar had hadden heb hebben heeft hem hen
    het hier hierbij hiermee hierover hij hoe hun iemand iets ik in inmiddels is ja je kan kon kunnen kunt
    maar me meer men met mij mijn moet moeten na naar nader nadere niet niets nog nu of om omdat onder ons
    onze ook op over reeds rond te tegen ten ter tevens toch toe tot u uit uw van veel voor vooral vanuit
    waar waarbij waarin waarmee wanneer want was waren wat we wel welke werd werden wie wij wil willen wordt
    worden zal ze zelf zich zij zijn zo zoals zou zouden zullen
    minister ministers staatssecretaris staatssecretarissen kabinet regering kamer tweede commissie
    toezegging toezeggingen toegezegd zegt zeggen toezeggen brief brieven informeren geinformeerd
    informeer stuurt sturen stuur zenden berichten bericht rapporteren laten weten
    over komen komt kom gaan gaat ga voorzitter lid leden mevrouw heer heren dames graag stand zaken
    januari februari maart april mei juni juli augustus september oktober november december
    jaar jaren week weken maand maanden zomer reces kerstreces zomerreces voorjaar najaar begin eind medio
    aanleiding verband punt punten vraag vragen antwoord onder meer ongeveer wijze kader
    """,
    )
)
ABBREVIATIONS = frozenset(
    re.findall(r"\S+", "nr nrs jl d.d m.b.t t.a.v o.a bijv dr mr ca p blz art e.d i.v.m z.s.m mw dhr")
)
_MINISTRY_FILLER = frozenset(
    ["minister", "ministerie", "staatssecretaris", "van", "voor", "en", "de", "het", "minister-president"]
)
_TUSSENVOEGSELS = frozenset(["van", "de", "der", "den", "ter", "in", "t"])
_MEETING_SHORT = {"ao": "algemeen overleg", "wgo": "wetgevingsoverleg", "so": "schriftelijk overleg"}
_MEETING_KINDS = ("algemeen overleg", "commissiedebat", "notaoverleg", "wetgevingsoverleg", "plenair")


def _fold(text: str) -> str:
    text = re.sub(r"(\w)-\s*\n\s*(?=[a-zà-ÿ])", r"\1", text)  # voort-\ngangsrapportage
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _stem(word: str) -> str:
    if len(word) > 5 and word.endswith("en"):
        return word[:-2]
    if len(word) > 5 and word.endswith(("s", "e")):
        return word[:-1]
    return word


def terms(text: str) -> frozenset[str]:
    """Content words of a text: folded, lowercased, crudely stemmed, without stop words."""
    words = re.findall(r"[a-z][a-z0-9]+", _fold(text).lower())
    return frozenset(_stem(w) for w in words if len(w) > 3 and w not in STOP)


def sentences(text: str) -> list[str]:
    """The text's sentences with white space folded (good enough for evidence, not for extraction)."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", re.sub(r"(\w)-\s*\n\s*(?=[a-zà-ÿ])", r"\1", text)):
        flat = " ".join(paragraph.split())
        start = 0
        for m in re.finditer(r"[.!?](?:\d{1,2})?\s+(?=[A-Z«\"(])", flat):
            if flat[start : m.start()].rsplit(" ", 1)[-1].lower() in ABBREVIATIONS:
                continue
            out.append(flat[start : m.start() + 1])
            start = m.end()
        if flat[start:].strip():
            out.append(flat[start:].strip())
    return out


def ministry_key(text: str | None) -> str | None:
    """'Minister van Veiligheid en Justitie' and 'Justitie en Veiligheid' give the same key (renames too)."""
    if not text:
        return None
    words = re.findall(r"[a-z]+", _fold(text).lower())
    kept = sorted({w for w in words if w not in _MINISTRY_FILLER})
    return " ".join(kept) or None


def minister_key(name: str | None) -> str | None:
    """A surname: 'Opstelten, I.W.' and 'I.W. Opstelten' give 'opstelten'."""
    if not name:
        return None
    surname = name.split(",")[0] if "," in name else name.split()[-1]
    words = [w for w in re.findall(r"[a-z]+", _fold(surname).lower()) if w not in _TUSSENVOEGSELS]
    return words[-1] if words else None


def meeting_kind(text: str | None) -> str | None:
    """'Algemeen Overleg mensenhandel', 'AO', 'Algemeen overleg' -> 'algemeen overleg'; None when unknown."""
    words = _fold(text or "").lower().split()
    if not words:
        return None
    if words[0] in _MEETING_SHORT:
        return _MEETING_SHORT[words[0]]
    joined = " ".join(words)
    return next((kind for kind in _MEETING_KINDS if kind in joined), None)


def ref_keys(ref: Reference) -> list[str]:
    """Index keys a reference points at: 'kst:28638-108', 'meeting:2013-10-31', 'nr:TZ202402-164'."""
    f = ref.fields
    if ref.type == "kamerstuk" and f.get("dossier"):
        dossier = re.sub(r"\s+", "", f["dossier"])
        numbers = re.findall(r"\d+", f.get("number", ""))
        return [f"kst:{dossier}-{n}" for n in numbers]
    if ref.type == "handelingen" and (f.get("number") or f.get("meeting_number")):
        return [f"h:{f.get('year', '')}:{f.get('number') or f.get('meeting_number')}:{f.get('item', '')}"]
    if ref.type == "meeting" and f.get("date"):
        return [f"meeting:{f['date']}"]
    if ref.type == "document" and f.get("number"):
        return [f"nr:{f['number'].upper()}"]
    return []


@dataclass(frozen=True)
class CommitmentFacts:
    id: int
    text: str
    made_on: date | None = None
    due: date | None = None
    earliest: date | None = None
    dossier: str | None = None
    ministry: str | None = None  # ministry_key
    minister: str | None = None  # minister_key
    meeting_date: date | None = None
    meeting_kind: str | None = None
    kamerstuk: str | None = None  # "28638-108"
    register_number: str | None = None
    document_id: str | None = None  # the letter it was made in
    terms: frozenset[str] = frozenset()
    status: str = "open"  # stored: open | partly_fulfilled | fulfilled | lapsed
    fulfilled_on: date | None = None  # the first complete fulfilment's date

    def index_keys(self) -> list[str]:
        out = []
        if self.register_number:
            out.append(f"nr:{self.register_number.upper()}")
        if self.meeting_date:
            out.append(f"meeting:{self.meeting_date.isoformat()}")
        if self.kamerstuk:
            out.append(f"kst:{self.kamerstuk}")
        return out


@dataclass(frozen=True)
class LetterFacts:
    document_id: str
    date: date | None
    text: str
    analysis: Analysis
    number: str | None = None
    title: str = ""
    dossier: str | None = None
    ministry: str | None = None  # ministry_key
    minister: str | None = None  # minister_key


@dataclass(frozen=True)
class Match:
    commitment_id: int
    score: float
    method: str  # reference | phrase | topic
    accepted: bool
    partial: bool
    evidence_document: str
    signals: tuple[str, ...]
    review: bool = True  # below the accept rule: worth a person's time (the review queue's rule)


@dataclass(frozen=True)
class Postponement:
    commitment_id: int
    due: date | None
    earliest: date | None
    deadline_text: str
    kind: str | None
    score: float
    evidence: str
    signals: tuple[str, ...]


@dataclass
class LetterResult:
    matches: list[Match] = field(default_factory=list)
    postponements: list[Postponement] = field(default_factory=list)
    scored: int = 0  # candidate pairs scored


class CommitmentIndex:
    """Open commitments, findable by reference keys and by rare shared words."""

    def __init__(self) -> None:
        self.facts: dict[int, CommitmentFacts] = {}
        self._by_key: dict[str, set[int]] = defaultdict(set)
        self._by_term: dict[str, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self.facts)

    def add(self, facts: CommitmentFacts) -> None:
        self.remove(facts.id)
        self.facts[facts.id] = facts
        for key in facts.index_keys():
            self._by_key[key].add(facts.id)
        for term in facts.terms:
            self._by_term[term].add(facts.id)

    def remove(self, commitment_id: int) -> None:
        old = self.facts.pop(commitment_id, None)
        if old is None:
            return
        for key in old.index_keys():
            self._by_key[key].discard(commitment_id)
        for term in old.terms:
            self._by_term[term].discard(commitment_id)

    def by_keys(self, keys: Iterable[str]) -> dict[int, set[str]]:
        found: dict[int, set[str]] = defaultdict(set)
        for key in keys:
            for cid in self._by_key.get(key, ()):
                found[cid].add(key)
        return found

    def idf(self, term: str) -> float:
        """How telling a shared word is: rare words say more than common ones."""
        return math.log(1 + (len(self.facts) + 1) / (len(self._by_term.get(term, ())) + 1))

    def by_terms(self, query: Iterable[str], dossier: str | None) -> dict[int, int]:
        """Commitments sharing rare words with the query: {id: shared count}, the best MAX_TERM_HITS."""
        # Words most commitments share retrieve nothing useful and would make every letter cost O(N).
        max_df = max(MIN_MAX_DF, int(MAX_DF_SHARE * len(self.facts)))
        # Ties are broken by the word and the id, never by set order (which differs between processes).
        rare = sorted(
            (t for t in query if 0 < len(self._by_term.get(t, ())) <= max_df),
            key=lambda t: (len(self._by_term[t]), t),
        )
        counts: Counter[int] = Counter()
        for term in rare[:QUERY_TERMS]:
            counts.update(sorted(self._by_term[term]))
        kept = {
            cid: n
            for cid, n in counts.items()
            if n >= MIN_SHARED or (dossier is not None and self.facts[cid].dossier == dossier)
        }
        return dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERM_HITS])


def _in_window(c: CommitmentFacts, letter: LetterFacts) -> bool:
    if c.document_id is not None and c.document_id == letter.document_id:
        return False
    if letter.date is None or c.made_on is None:
        return True
    return c.made_on <= letter.date and letter.date - c.made_on <= MAX_AGE


@dataclass
class _Letter:
    """What is computed once per letter."""

    facts: LetterFacts
    sentences: list[tuple[str, frozenset[str]]]
    ref_sentences: dict[str, list[str]]  # reference key -> fulfilment sentences citing it
    has_phrase: bool
    partial_sentences: set[str]
    own: list[frozenset[str]] = field(default_factory=list)  # the terms of the letter's own commitments

    @property
    def terms_of(self) -> dict[str, frozenset[str]]:
        return dict(self.sentences)


def _prepare(letter: LetterFacts) -> _Letter:
    ref_sentences: dict[str, list[str]] = defaultdict(list)
    partial = set()
    for f in letter.analysis.fulfilments:
        text = " ".join(f.text.split())
        for ref in f.refs:
            for key in ref_keys(ref):
                ref_sentences[key].append(text)
        if f.partial or PARTIAL.search(text):
            partial.add(text)
    sents = [(s, terms(s)) for s in sentences(letter.text)]
    own = [t for t in (terms(c.text) for c in letter.analysis.commitments) if t]
    return _Letter(letter, sents, ref_sentences, bool(letter.analysis.fulfilments), partial, own)


def _restates(sentence_terms: frozenset[str], prepared: _Letter) -> bool:
    """Whether the sentence is (most of) one of the letter's own promises: a letter promising again what an
    earlier commitment promised restates it; it does not fulfil it."""
    return any(len(own & sentence_terms) >= RESTATES * len(own) for own in prepared.own)


def _query_text(prepared: _Letter) -> str:
    """The parts of a letter that say what it answers: title, first paragraph, fulfilment sentences."""
    letter = prepared.facts
    parts = [letter.title]
    paragraphs = [p for p in re.split(r"\n\s*\n", letter.text) if len(p.split()) > 8]
    if paragraphs:
        parts.append(paragraphs[0])
    parts += [f.text for f in letter.analysis.fulfilments]
    parts += [p.text for p in letter.analysis.postponements]
    parts += [text for text, _ in prepared.sentences if CUE.search(text)]
    return "\n".join(parts)


def _best_sentence(
    c: CommitmentFacts, prepared: _Letter, idf: Callable[[str], float]
) -> tuple[str | None, frozenset[str], float]:
    """The letter's sentence sharing most of the commitment's words, weighted by rarity, and that share."""
    weights = {t: idf(t) for t in c.terms}
    total = math.fsum(weights.values())  # fsum: the same sum in any order (a set's order varies)
    best, shared, share = None, frozenset[str](), 0.0
    for text, sent_terms in prepared.sentences:
        common = c.terms & sent_terms
        weight = math.fsum(weights[t] for t in common) / total if total else 0.0
        if weight > share:
            best, shared, share = text, common, weight
    return best, shared, share


def _meeting_fit(c: CommitmentFacts, prepared: _Letter) -> bool | None:
    """Whether the letter's meeting on the commitment's date is the commitment's kind of meeting: True,
    False (another kind: another meeting that day), None (a kind is unknown)."""
    if not c.meeting_date or not c.meeting_kind:
        return None
    kinds = {
        meeting_kind(ref.fields.get("meeting"))
        for f in prepared.facts.analysis.fulfilments
        for ref in f.refs
        if ref.type == "meeting" and ref.fields.get("date") == c.meeting_date.isoformat()
    }
    if c.meeting_kind in kinds:
        return True
    return False if kinds and None not in kinds else None


def score(c: CommitmentFacts, prepared: _Letter, hit_keys: set[str], idf: Callable[[str], float]) -> Match:
    """Score one candidate pair, with the letter's sentences that support it."""
    letter = prepared.facts
    total = 0.0
    signals: list[str] = []
    evidence: list[str] = []
    fit = _meeting_fit(c, prepared)
    if fit is False:  # same day, another kind of meeting
        hit_keys = {key for key in hit_keys if not key.startswith("meeting:")}
    explicit = bool(hit_keys)
    if explicit:
        total += max(_KEY_WEIGHT[key.split(":", 1)[0]] for key in hit_keys)
    for key in sorted(hit_keys):
        signals.append(key)
        evidence += prepared.ref_sentences.get(key, [])
    if explicit and fit:
        total += W_MEETING_KIND
        signals.append(f"kind:{c.meeting_kind}")
    if prepared.has_phrase:
        total += W_PHRASE
        signals.append("phrase")
    if c.dossier and c.dossier == letter.dossier:
        total += W_DOSSIER
        signals.append(f"dossier:{c.dossier}")
    if c.ministry and c.ministry == letter.ministry:
        total += W_MINISTRY
        signals.append("ministry")
    if c.minister and c.minister == letter.minister:
        total += W_MINISTER
        signals.append("minister")
    sentence, shared, share = _best_sentence(c, prepared, idf)
    restates = False
    if sentence and shared:
        total += W_TOPIC * share
        signals.append("shared:" + ",".join(sorted(shared)))
        signals.append(f"topic:{share:.2f}")
        evidence.append(sentence)
        restates = _restates(prepared.terms_of[sentence], prepared)
        if restates:
            signals.append("restates")
    if c.earliest and letter.date and letter.date < c.earliest:
        total -= P_EARLY
        signals.append("before-earliest")
    # A meeting or its verslag holds many commitments: its citation needs the letter to be about this one.
    specific = any(key.startswith("nr:") for key in hit_keys)
    topical = len(shared) >= MIN_TOPIC_SHARED and share >= MIN_TOPIC
    strong_topic = share >= STRONG_TOPIC and len(shared) >= MIN_STRONG_SHARED
    accepted = total >= ACCEPT and (
        specific or (explicit and topical) or (prepared.has_phrase and strong_topic)
    )
    method = "reference" if explicit else "phrase" if prepared.has_phrase else "topic"
    unique = list(dict.fromkeys(evidence))
    partial = any(s in prepared.partial_sentences for s in unique) or any(PARTIAL.search(s) for s in unique)
    review = not accepted and total >= REVIEW_SCORE and share >= REVIEW_TOPIC and not restates
    return Match(
        c.id,
        round(min(total, 1.0), 3),
        method,
        accepted,
        partial,
        "\n".join(unique),
        tuple(signals),
        review,
    )


def match_letter(index: CommitmentIndex, letter: LetterFacts) -> LetterResult:
    """The commitments a letter fulfils (or may fulfil), and the due dates its postponements move."""
    prepared = _prepare(letter)
    result = LetterResult()
    hits = index.by_keys(prepared.ref_sentences)
    for cid in index.by_terms(terms(_query_text(prepared)), letter.dossier):
        hits.setdefault(cid, set())
    for cid, keys in sorted(hits.items()):
        c = index.facts[cid]
        if not _in_window(c, letter):
            continue
        result.scored += 1
        m = score(c, prepared, keys, index.idf)
        if m.score >= CANDIDATE:
            result.matches.append(m)
    # Every accepted link, and only the best few worth a person's time: a letter answers a handful of
    # commitments, and a candidate a person would mostly reject is not worth showing.
    ranked = sorted(
        (m for m in result.matches if m.accepted or m.review),
        key=lambda m: (not m.accepted, -m.score, m.commitment_id),
    )
    result.matches = [m for i, m in enumerate(ranked) if m.accepted or i < MAX_CANDIDATES]
    result.postponements = _postponements(index, prepared, result)
    return result


def _postponements(index: CommitmentIndex, prepared: _Letter, result: LetterResult) -> list[Postponement]:
    out = []
    for p in prepared.facts.analysis.postponements:
        if p.deadline is None or p.deadline.due is None:
            continue
        keys = [k for ref in p.refs for k in ref_keys(ref)]
        p_terms = terms(p.text)
        hits = index.by_keys(keys)
        for cid in index.by_terms(p_terms | terms(prepared.facts.title), prepared.facts.dossier):
            hits.setdefault(cid, set())
        best: Postponement | None = None
        for cid, hit_keys in sorted(hits.items()):  # the first of equal scores wins: the lowest id
            c = index.facts[cid]
            if not _in_window(c, prepared.facts):
                continue
            result.scored += 1
            shared = c.terms & (p_terms | terms(prepared.facts.title))
            share = len(shared) / min(len(c.terms), len(p_terms)) if c.terms and p_terms else 0.0
            total = (W_MEETING if hit_keys else 0.0) + W_TOPIC * share
            total += W_DOSSIER if c.dossier and c.dossier == prepared.facts.dossier else 0.0
            total += W_MINISTRY if c.ministry and c.ministry == prepared.facts.ministry else 0.0
            signals = (*sorted(hit_keys), "shared:" + ",".join(sorted(shared)))
            if total >= POSTPONE and (best is None or total > best.score):
                d = p.deadline
                text = " ".join(p.text.split())
                best = Postponement(cid, d.due, d.earliest, d.text, d.kind, round(total, 3), text, signals)
        if best is not None:
            out.append(best)
    return out
