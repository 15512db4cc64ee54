"""Splitting Dutch parliamentary text into sentences, keeping offsets into the original.

Pure. Rules, no model: a sentence ends at . ! ? (optionally followed by a glued footnote marker,
"gestand.1 Zoals") before a capital, at a blank line, before a list bullet, and at a line break after
a short line without final punctuation (a heading). Abbreviations (nr., jl., d.d., m.b.t., o.a., bijv.,
p., ...) never end a sentence. The reported text joins words broken across lines
("voort-\\ngangsrapportage") and folds white space; `start`/`end` still point into the text that was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

# Lowercased, without the final full stop. Multi-dot abbreviations are matched as a whole token.
_ABBREVIATIONS_TEXT = """
    nr nrs no jl d.d m.b.t o.a bijv p pp blz art artt e.a i.v.m t.a.v t.b.v c.s mr dr drs ir ing prof
    mevr dhr hr mw ca resp enz etc evt o.m m.n z.g zgn vgl jo jr sr st e.d a.s i.c i.p.v i.o.m m.i.v
    t.z.t z.s.m n.a.v m.u.v incl excl min max gem red aanh kst vz vs sub lid par hfd nl bv nv
    cf a.g.v m.i d.w.z t/m p.m n.v.t o.b.v t.o.v v.w.b l.c
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())

# A candidate end: terminal punctuation, closing quotes/brackets, an optional glued footnote marker
# (one or two digits), then white space. Whether it really ends a sentence is decided by `_is_end`.
# (The first mark is written out apart from the rest: a pattern that starts with one character class lets
# the engine skip ahead to such a character; one that starts with a repetition is tried at every position.)
_END = re.compile(r"[.!?…][.!?…]*[»”’\"')\]]*(\d{1,2}(?!\d))?(?=\s)")
_BLANK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_BULLET = re.compile(r"\n[ \t\u00a0]*(?=[•▪◦·\-–*]\s)")
_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])-[ \t\u00a0]*\n[ \t\u00a0]*(?=[a-zà-ÿ])")
_HYPHEN_KEEP = re.compile(r"(?<=\w)-[ \t\u00a0]*\n[ \t\u00a0]*(?=\w)")
_INITIALS = re.compile(r"(?:[a-zà-ÿ]\.)*[a-zà-ÿ]")
_DATE_ABBREVIATION = re.compile(r"(?<![\w.])(?:jl|jongstleden)\.$")
_SENTENCE_OPENER = re.compile(
    r"\s+(?:De|Het|Ik|Wij|We|In|Op|Tijdens|Met|Dit|Deze|Daarnaast|Ook|Zoals|Hierbij|U|Uw|Bij|Naar|Verder|"
    r"Tevens|Daarbij|Dat|Die|Er|Omdat|Graag|Inmiddels|Hierover|Daarover|Momenteel|Op|Vervolgens)\b"
)
_STARTER = re.compile(r"[\s«“‘\"'(\[]*([A-ZÀ-ÝĲ•▪]|\d+[.)]?\s|'[a-z]\s)")
# No real sentence comes near this (the longest in the documents at hand is under 800 characters). Cutting
# longer stretches keeps the rules linear: some guards look back over the whole sentence for every cue.
MAX_SENTENCE = 2_000


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the given text
    end: int
    text: str  # as read: hyphenated line breaks joined, white space folded


def clean(raw: str) -> str:
    """The reported form of a stretch of text: broken words joined, white space folded."""
    if "-" in raw and "\n" in raw:
        raw = _HYPHEN_KEEP.sub("-", _HYPHEN_BREAK.sub("", raw))
    if raw.isprintable() and "  " not in raw and raw == raw.strip():
        return raw  # folded already: every white space character but " " is unprintable
    return " ".join(raw.split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation (or an initial) rather than a sentence."""
    # the run of non-space characters just before the dot, within 20 characters (as `(\S+)$` reads it, a
    # line break just before the dot included)
    chunk = text[max(0, dot - 20) : dot]
    if chunk.endswith("\n"):
        chunk = chunk[:-1]
    if not chunk or chunk[-1].isspace():
        return False
    token = chunk.split()[-1].lstrip("(«“\"'[").lower()
    if token in ABBREVIATIONS:
        return True
    # Initials and one-letter abbreviations: "K.H.D.M. Dijkhoff", "E. I. Schippers", "p."
    return bool(_INITIALS.fullmatch(token))


def _ends(text: str, start: int, end: int) -> list[int]:
    """Offsets (exclusive) where sentences end inside text[start:end], in order."""
    cuts: list[int] = []
    for m in _END.finditer(text, start, end):
        punct = text[m.start()]
        following = _STARTER.match(text, m.end(), end)
        if not following:
            continue
        if punct == "." and m.group(1) is None and _is_abbreviation(text, m.start()):
            # "jl." closes a date, and a date can close a sentence: split there only before a word that starts
            # sentences ("op 9 april jl. Tijdens het debat"), never before a name.
            closes_date = _DATE_ABBREVIATION.search(
                text, max(0, m.start() - 4), m.start() + 1
            ) and _SENTENCE_OPENER.match(text, m.end())
            if not closes_date:
                continue
        if m.group(1) is not None and following.group(1)[0].isdigit():
            continue  # "art. 3.2 4" and the like: a number after a number is no footnote marker
        cuts.append(m.end())  # (rising, each once: only the cuts below need sorting)
    if text.find("\n", start, end) >= 0:  # blank lines, bullets and headings all need a line break
        for pattern in (_BLANK, _BULLET):
            cuts.extend(m.start() for m in pattern.finditer(text, start, end))
        cuts.extend(_heading_breaks(text, start, end))
        cuts = sorted(set(cuts))
    return [c for c in cuts if start < c < end]


def _heading_breaks(text: str, start: int, end: int) -> Iterator[int]:
    """Line breaks after a short line with no final punctuation (a heading, an address line, a speaker)."""
    lines: list[tuple[int, str]] = []  # where each line that holds anything starts, and the line
    at = start
    for line in text[start:end].split("\n"):
        if line:
            lines.append((at, line))
        at += len(line) + 1
    if len(lines) < 2:
        return
    lengths = sorted(len(line) for _, line in lines)
    wrap = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 3 else lengths[-1]
    for (s, full), (ns, _) in pairwise(lines):
        line = full.rstrip()
        nxt = text[ns : ns + 2].lstrip()
        if not line or not nxt:
            continue
        last = line[-1]
        if last == ":" or (last not in ".,;!?-–(" and nxt[0].isupper() and len(line) < 0.7 * wrap):
            yield s + len(full)


def _capped(text: str, start: int, cuts: list[int]) -> Iterator[int]:
    """The cuts, with more cuts (at white space where there is some) in stretches over `MAX_SENTENCE`."""
    prev = start
    for cut in cuts:
        while cut - prev > MAX_SENTENCE:
            limit = prev + MAX_SENTENCE
            space = max(text.rfind(" ", prev, limit), text.rfind("\n", prev, limit))
            prev = space if space > prev else limit
            yield prev
        yield cut
        prev = cut


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of text[start:end], with offsets into `text`; empty stretches are dropped.

    A stretch longer than `MAX_SENTENCE` characters is cut into pieces of at most that length.
    """
    end = len(text) if end is None else end
    out: list[Sentence] = []
    prev = start
    cuts = _ends(text, start, end)
    cuts.append(end)
    for cut in _capped(text, start, cuts) if end - start > MAX_SENTENCE else cuts:
        raw = text[prev:cut]
        body = raw.strip()
        if body:
            s = prev + len(raw) - len(raw.lstrip())
            out.append(Sentence(s, s + len(body), clean(body)))
        prev = cut
    return out
