"""Turning a Dutch time phrase into a due date, per the project's deadline convention.

Pure. The convention is the shared spec `deadlines.md`; the rows the project added are in docs/deadlines.md.

How a sentence is read: the text is folded (lower case, accents off, single spaces, words broken across
lines joined) with a map back to the original offsets. A grammar of rules, each a set of prepositions times
an anchor (explicit date, month, quarter, half, part of year, year, season, recess, event, meeting, process,
condition, duration, vague phrase, recurrence), proposes readings. Where readings overlap, dated ones and the
longest win; readings before D are references to the past; of the rest the first dated reading wins, then a
recurrence, then the first of the others (events without a date, vague phrases).
"""

from __future__ import annotations

import calendar as _cal
import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import ahocorasick
from dateutil.relativedelta import relativedelta

from tracker import calendar as pc
from tracker.lexicon import MONTH_ABBR, MONTHS, NUMBERS, trie


@dataclass(frozen=True)
class Deadline:
    text: str  # the phrase as written, "Voor de zomer 2015"
    start: int  # offsets of the phrase in the text it was found in
    end: int
    due: date | None
    earliest: date | None
    kind: str | None  # explicit, month, quarter, half, part_of_year, year, season, recess, event, ...
    rule: str = ""  # which rule read it, for debugging and calibration
    inferred: bool = False  # the date rests on a recess dated by the calendar's rule, not a known one


def find_deadline(text: str, on: date | None) -> Deadline | None:
    """The time phrase in `text` that sets a deadline, resolved against the date `on` (D)."""
    found = _scan(text, on, drop_past=True)
    return found[0] if found else None


def normalise(phrase: str, on: date | None) -> Deadline | None:
    """Normalise one phrase (the `toezeggingen deadline` command). A date in the past is still read."""
    found = _scan(phrase, on, drop_past=False)
    # the reading that covers most of the phrase is the one that was typed
    return max(found, key=lambda d: d.end - d.start) if found else None


# -- folding -------------------------------------------------------------------------------------------------


@cache
def _fold_char(c: str) -> str:
    if c.isspace():
        return " "
    low = c.lower()
    if len(low) != 1:
        low = c
    return low if low.isascii() else unicodedata.normalize("NFD", low)[0]


# What makes folding more than one character for one: runs of white space, soft hyphens, line breaks.
_NOT_ONE_FOR_ONE = re.compile(r"\s\s|[\xad\r\n]")


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-cased, accent-free text with single spaces and line-broken words joined, and for each folded
    character the offset it came from."""
    if not _NOT_ONE_FOR_ONE.search(text):
        # the usual case, a cleaned sentence: the character loop below would map every character to one
        if text.isascii() and text.isprintable():
            return text.lower(), list(range(len(text)))  # no accent, and " " the only white space
        return "".join(map(_fold_char, text)), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\xad":  # soft hyphen
            i += 1
            continue
        if c == "-" and out and out[-1].isalpha() and i + 1 < n and text[i + 1] in "\r\n":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():  # "zomer-\nreces" is one word
                i = j
                continue
        if c.isspace():
            if not out or out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        low = c.lower()
        if len(low) != 1:
            low = c
        if not low.isascii():
            low = unicodedata.normalize("NFD", low)[0]
        out.append(low)
        where.append(i)
        i += 1
    return "".join(out), where


# -- vocabulary ----------------------------------------------------------------------------------------------

ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3,
    "vierde": 4, "4e": 4, "4de": 4, "laatste": 0,
}  # fmt: skip
SEASONS = {"voorjaar": "spring", "lente": "spring", "zomer": "summer", "najaar": "autumn", "herfst": "autumn"}
SEASONS["winter"] = "winter"
RECESS_NAMES = {"zomer": "zomerreces", "kerst": "kerstreces", "herfst": "herfstreces", "mei": "meireces"}
RECESS_NAMES |= {"voorjaars": "voorjaarsreces", "krokus": "voorjaarsreces", "verkiezings": "verkiezingsreces"}

# how prepositions act on an anchor
BEFORE = {"voor", "uiterlijk voor", "kort voor", "vlak voor", "ruim voor", "tijdig voor", "voorafgaand aan"}
AFTER = {"na", "direct na", "kort na", "vlak na", "meteen na", "na afloop van", "direct na afloop van"}
# a date after these is a reference or a starting point, not a deadline ("het AO van 31 oktober 2013")
REFERENCE = {"van", "sinds", "sedert", "vanaf", "tot", "tot en met", "t/m", "per", "d.d.", "dd"}
REFERENCE |= {"met ingang van", "m.i.v."}
_REFERENCE_RX: tuple[str, ...] = ("van", "sinds", "sedert", "vanaf", "tot", "tot en met", "t/m", "per", "dd")
_REFERENCE_RX += (r"d\.d\.", "met ingang van", r"m\.i\.v\.")


def _alt(*words: str) -> str:
    """A non-capturing alternation, longest first (so "uiterlijk voor" is tried before "uiterlijk")."""
    # ties broken alphabetically: words often come from sets, and the pattern should not vary per process
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


def _prep_of(*words: str) -> str:
    """An optional preposition before an anchor, captured as `prep`."""
    return rf"(?:(?P<prep>{_alt(*words)}) )?"


_MONTH = rf"(?P<month>{_alt(*MONTHS)})(?!\w)"
_MONTH_ANY = rf"(?:(?P<month>{_alt(*MONTHS)})|(?P<abbr>{_alt(*MONTH_ABBR)})\.?)(?!\w)"
_NUM = _alt(*NUMBERS, r"\d{1,3}")
_ORD = rf"(?P<ord>{_alt(*ORDINALS)})"
_Y4 = r"(?:19|20)\d\d(?!\d|[/-]\d)"  # not "2015/16" or "2015-2017"
_REL_YEAR = _alt("dit", "deze", "volgend", "volgende", "komend", "komende", "aanstaand", "aanstaande")
_REL_YEAR2 = _alt("aankomend", "aankomende", "het volgende", "het komende", "het aankomende", "het lopende")
_REL_YEARS = rf"(?P<rel>{_REL_YEAR}|{_REL_YEAR2}|het huidige|het nieuwe|het)"
# a year: "2015", "het jaar 2015", "dit jaar", "volgend kalenderjaar", "het jaar" (the current one)
_YEAR_CORE = rf"(?:het jaar )?(?P<year>{_Y4})|{_REL_YEARS} (?:kalender)?jaar(?!\w)"
_YEAR_TAIL = rf"(?: (?:van )?(?:{_YEAR_CORE}))?"  # an optional year after an anchor
_PART = r"(?P<part>begin|medio|half|midden|halverwege|eind|einde|ultimo)"
_PART_OF = rf"(?:(?:aan |tegen |voor |rond |in )?(?:het )?{_PART}(?: van)? )?"  # "aan het eind van"
# words that end the noun phrase after "van"/"over" in an event ("voor het verschijnen van de meicirculaire")
_STOP_TEXT = (
    "te zal zullen zou wordt worden werd is zijn was en of maar naar aan om dat die waarin waarna waarbij ik"
    " wij we u uw hij zij heb hebben kan kunnen wil willen moet moeten ga gaan toe terug bij met voor na in"
    " hierover daarover graag informeren sturen toesturen toezenden zenden berichten rapporteren toekomen"
    " aanbieden ontvangen komen geven ingaan nader nog dan weer ook mijn onze ons haar hun gaat zei zegt"
    " dient dienen staat stond kwam komt had heeft blijkt bleek al wel niet geen zich meer minder lager hoger"
)
_STOPWORDS = _alt(*_STOP_TEXT.split())
_TOKEN = r"(?:[^\s,.;:()]+- (?:en|of) )?[^\s,.;:()]+"  # "Landbouw- en Visserijraad" is one word here
_NP = rf"(?: (?!{_STOPWORDS}(?!\w)){_TOKEN}){{1,5}}"


# -- readings ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    kind: str | None
    due: date | None = None
    earliest: date | None = None
    rank: int = 0  # 0 a dated phrase, 1 a recurrence, 2 the rest (events without a date, vague, ...)
    rule: str = ""
    inferred: bool = False
    reference: bool = False  # vetoes the dates it covers, then disappears
    past: bool = False  # a date in the past by its wording ("8 februari jl."): never a deadline


_REFERENCE = _Reading(None, rank=9, rule="reference", reference=True)


@dataclass(frozen=True)
class _Ctx:
    folded: str
    original: str
    where: list[int]
    on: date | None


def _last_day(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def _first_on_or_after(on: date | None, make: Callable[[int], date | None]) -> tuple[int | None, date | None]:
    """Year resolution: the first year whose reading falls on or after D."""
    if on is None:
        return None, None
    for year in range(on.year - 1, on.year + 3):
        d = make(year)
        if d is not None and d >= on:
            return year, d
    return None, None


def _last_on_or_before(on: date | None, make: Callable[[int], date | None]) -> date | None:
    """The reverse of year resolution, for phrases whose wording puts them in the past."""
    if on is None:
        return None
    for year in range(on.year, on.year - 3, -1):
        d = make(year)
        if d is not None and d <= on:
            return d
    return None


# "jl." (jongstleden) after a phrase puts it in the past
_JL = re.compile(r" ?(?:jl\.?|j\.l\.|jongstleden)(?!\w)")
_LAST = ("afgelopen ", "jongstleden ")  # before a date: "afgelopen 23 juni"
# a clause ends at a stop or a conjunction; its tense is read from what lies between
_CLAUSE_END = re.compile(
    r"[.;:?!()]|, | (?:en|maar|want|dat|die|omdat|zodat|zodra|wanneer|als|terwijl|nadat|voordat|waarna|"
    r"waarin|waarmee|waarover) "
)
_PAST_AUX = re.compile(r"\b(?:was|waren|werd|werden|had|hadden)\b")
_PERFECT_AUX = re.compile(r"\b(?:is|zijn|ben|heeft|hebben|heb|hebt)\b")
# a past participle: ge- (also after a separable particle: "toegezegd"), or be-/ver-/ont-/her- + -d/-t
_PARTICIPLE = re.compile(
    r"\b(?:(?:toe|aan|op|uit|in|mee|door|af|over|voor|terug|bij|na|vast|weg|samen|rond)?ge[a-z]{3,}(?:d|t|en)"
    r"|(?:be|ver|ont|her)[a-z]{3,}(?:d|t)|ontvangen|besproken|verschenen|verzonden|beschreven)\b"
)
_NOT_PARTICIPLE = re.compile(
    r"\b(?:gemeenten|gegevens|gebieden|gevolgen|gesprekken|gelden|geven|gaan|gebouwen)\b"
)
# modal and future words: "op 1 juli is de brief verstuurd" after one of these is a plan, not a report; not
# after "te" ("heb ik toegezegd het u te zullen sturen" reports a promise)
_NOT_PAST = re.compile(
    r"(?<!\bte )\b(?:zal|zullen|zult|zou|zouden|ga|gaat|gaan|wil|wilt|willen|kan|kunt|kunnen|moet|moeten|hoop"
    r"|verwacht|streef|streven|planning|plan|voornemens|zorg|zorgen|a\.s\.|aanstaande|uiterlijk)\b"
)


def _gone_this_year(on: date | None, make: Callable[[int], date | None]) -> bool:
    """Whether a phrase without a year has already passed in D's year (so year resolution would make it next
    year's): only then can the tense of the clause put it in the past."""
    this = make(on.year) if on else None
    return this is not None and on is not None and this < on


def _clause(folded: str, start: int, end: int) -> str:
    """The clause around folded[start:end]."""
    left = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    right = _CLAUSE_END.search(folded, end)
    return folded[left : right.start() if right else len(folded)]


def _past_clause(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether the clause that holds the phrase reports the past: a past auxiliary ("was", "werd"), or a
    perfect one with a participle ("is er een brief gestuurd", "heb ik toegezegd"), and no modal or future
    word."""
    clause = _clause(ctx.folded, start, end)
    rest = clause.replace(ctx.folded[start:end], " ")
    if _NOT_PAST.search(rest):
        return False
    if _PAST_AUX.search(rest):
        return True
    words = _NOT_PARTICIPLE.sub(" ", rest)
    return bool(_PERFECT_AUX.search(words) and _PARTICIPLE.search(words))


def _named_year(m: re.Match[str], ctx: _Ctx) -> tuple[bool, int | None]:
    """Whether the phrase names a year, and which (None when it is relative and D is unknown)."""
    groups = m.groupdict()
    if groups.get("year"):
        return True, int(groups["year"])
    rel = groups.get("rel")
    if not rel:
        return False, None
    if ctx.on is None:
        return True, None
    this = rel in ("dit", "deze", "het lopende", "het huidige", "het")
    return True, ctx.on.year if this else ctx.on.year + 1


def _resolve(m: re.Match[str], ctx: _Ctx, make: Callable[[int], date | None]) -> date | None:
    """The date for an anchor: in the year the phrase names, else the first occurrence on or after D."""
    named, year = _named_year(m, ctx)
    if named:
        return make(year) if year is not None else None
    return _first_on_or_after(ctx.on, make)[1]


def _prep(m: re.Match[str]) -> str:
    return (m.groupdict().get("prep") or "").strip()


def _accented_voor(m: re.Match[str], ctx: _Ctx) -> bool:
    """ "vóór" is always temporal; a plain "voor" before a year or a budget usually means "for"."""
    at = ctx.where[m.start()]
    return ctx.original[at : at + 4].lower() == "vóór"


def _after(due: date | None, rule: str) -> _Reading:
    """ "na X" for an X that is a period: from the day after it, no end."""
    return _Reading("after", None, due + timedelta(days=1) if due else None, rule=rule)


# -- explicit dates ------------------------------------------------------------------------------------------

_EXPLICIT_PREP = _prep_of(
    "uiterlijk op", "uiterlijk per", "uiterlijk voor", "uiterlijk", "op", "voor", "tegen", "rond",
    "omstreeks", "na", *_REFERENCE_RX,
)  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAY = rf"(?:(?P<weekday>{_alt(*WEEKDAYS)}),? )?"
_EXPLICIT_RX = re.compile(
    rf"\b{_EXPLICIT_PREP}{_WEEKDAY}(?P<day>[0-3]?\d)(?:e|ste|de)? {_MONTH_ANY}(?: (?P<year>{_Y4}))?"
    r"(?P<suffix> a\.s\.| as\.| aanstaande| jl\.?| jongstleden| j\.l\.)?(?!\w)"
)
_NUMERIC_DATE_RX = re.compile(rf"\b{_EXPLICIT_PREP}(?P<day>[0-3]?\d)-(?P<mnum>[01]?\d)-(?P<year>{_Y4})")
_REFERENCE_BEFORE = re.compile(r"(?:\bvan|\bd\.d\.|\bdd|\bsinds|\bgedateerd|\bdato|\bdatum|,|:) ?$")


def _explicit(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if prep in REFERENCE and prep != "per":  # "per 1 juli 2015" is a deadline, "per 2016" is not
        return _REFERENCE
    if not prep and _REFERENCE_BEFORE.search(ctx.folded, max(0, m.start() - 12), m.start()):
        return _REFERENCE  # "Den Haag, 16 december 2014", "brief van 3 maart"
    if ctx.folded.startswith(" inzake", m.end()):
        return _REFERENCE  # "21 mei 2025 inzake ..." heads a listed letter
    groups = m.groupdict()
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = MONTHS[groups["month"]] if groups.get("month") else MONTH_ABBR[groups["abbr"]]
    day = int(m.group("day"))
    weekday = WEEKDAYS.index(groups["weekday"]) if groups.get("weekday") else None

    def make(year: int) -> date | None:
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if weekday is not None and d.weekday() != weekday:
            return None  # "vrijdag 20 juni" is in a year where 20 June is a Friday
        return d - timedelta(days=1) if prep in BEFORE else d

    if not m.group("year") and (
        _JL.match(m.group("suffix") or "")
        or (_gone_this_year(ctx.on, make) and _past_clause(ctx, m.start(), m.end()))
    ):
        # "8 februari jl.", and "op 26 juni is er een brief gestuurd" said in July: the last occurrence
        last = _last_on_or_before(ctx.on, make)
        return _Reading("explicit", last, rule="<date> jl.", past=True) if last else _REFERENCE
    due = _resolve(m, ctx, make)
    if due is None and weekday is not None and ctx.on is not None and not m.group("year"):
        # the weekday names a year already past: a reference ("te weten vrijdag 20 juni")
        return _REFERENCE if any(make(y) for y in range(ctx.on.year - 1, ctx.on.year + 1)) else None
    if m.group("year") and due is None:
        return None  # 31 februari
    if prep in AFTER:
        return _after(due, "na <date>")
    return _Reading("explicit", due, rule=f"{prep or 'on'} <date>")


# -- months --------------------------------------------------------------------------------------------------

_MONTH_PREP = _prep_of(
    "uiterlijk in", "uiterlijk", "in de loop van", "ergens in", "in de maand", "in", "voor", "tegen", "rond",
    "omstreeks", "na", *(p for p in _REFERENCE_RX if p != "van"),  # "de rapportage van mei 2020"
)  # fmt: skip
_MONTH_RX = re.compile(rf"\b{_MONTH_PREP}{_PART_OF}(?:de maand )?{_MONTH}{_YEAR_TAIL}")
_PART_DAY = {"begin": 10, "medio": 20, "half": 20, "midden": 20, "halverwege": 20}


def _month(m: re.Match[str], ctx: _Ctx, prep: str | None = None) -> _Reading | None:
    prep, part = _prep(m) if prep is None else prep, m.group("part")
    if prep in REFERENCE:
        return _REFERENCE
    if not (prep or part or _named_year(m, ctx)[0]):
        return None  # a bare month name
    month = MONTHS[m.group("month")]

    def make(year: int) -> date:
        if prep in BEFORE and not part:  # "voor maart"
            return date(year, month, 1) - timedelta(days=1)
        if part in _PART_DAY:
            return date(year, month, _PART_DAY[part])
        return _last_day(year, month)

    due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _after(due, "na <month>")
    return _Reading("month", due, rule=f"{part or prep or 'bare'} <month>")


# a month given as an answer, after a colon or a dash at the end of a clause ("een termijn noemen: september")
_ANSWER_RX = re.compile(
    rf"(?:(?<=: )|(?<=[-\u2013\u2014] )){_MONTH}(?: (?P<year>{_Y4}))?(?= ?(?:[.!?;,)]|$))"
)


def _answer(m: re.Match[str], ctx: _Ctx) -> _Reading:
    month = MONTHS[m.group("month")]
    return _Reading("month", _resolve(m, ctx, lambda y: _last_day(y, month)), rule="answer <month>")


_THIS_MONTH_RX = re.compile(
    rf"\b{_prep_of('uiterlijk', 'voor', 'tegen', 'rond', 'in', 'aan', 'in de loop van')}"
    r"(?:(?:het )?(?P<part>begin|medio|half|midden|eind|einde|ultimo)(?: van)? )?"
    r"(?P<mrel>deze|de volgende|de komende|volgende|komende|aanstaande|de) maand(?!\w)"
)


def _this_month(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    rel, part = m.group("mrel"), m.group("part")
    if rel == "de" and not part:
        return None  # "de maand" alone
    due = None
    if ctx.on is not None:
        first = date(ctx.on.year, ctx.on.month, 1)
        if rel not in ("deze", "de"):
            first += relativedelta(months=1)
        due = first.replace(day=_PART_DAY[part]) if part in _PART_DAY else _last_day(first.year, first.month)
    return _Reading("month", due, rule=f"{rel} maand")


# -- parts of a year, years ----------------------------------------------------------------------------------

_PART_OF_YEAR_RX = re.compile(
    rf"\b{_prep_of('uiterlijk', 'voor', 'tegen', 'rond', 'in', 'aan', 'na', 'ergens in', *_REFERENCE_RX)}"
    r"(?:het )?(?P<ypart>begin|medio|half|midden|halverwege|eind|einde|ultimo|vroeg in|later in|laat in"
    r"|later|de eerste maanden|de laatste maanden)"
    rf"(?: van)? (?:{_YEAR_CORE})"
)
_PART_DUE = {"begin": (3, 31), "vroeg in": (3, 31), "medio": (7, 31), "half": (7, 31), "midden": (7, 31)}
_PART_DUE |= {"de eerste maanden": (3, 31), "de laatste maanden": (12, 31)}
_PART_DUE |= {"halverwege": (7, 31), "eind": (12, 31), "einde": (12, 31), "ultimo": (12, 31)}


def _part_of_year(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, part = _prep(m), m.group("ypart")
    if prep in REFERENCE:
        return _REFERENCE
    kind, (month, day) = ("year", (12, 31)) if part.startswith("la") else ("part_of_year", _PART_DUE[part])
    if m.group("rel") == "het":  # "het einde van het jaar": the first one ahead
        due = _first_on_or_after(ctx.on, lambda y: date(y, month, day))[1]
    else:
        due = _resolve(m, ctx, lambda y: date(y, month, day))
    if prep in AFTER:
        return _after(due, f"na {part} <year>")
    return _Reading(kind, due, rule=f"{part} <year>")


_YEAR_PREP = _prep_of(
    "uiterlijk in", "uiterlijk", "in de loop van", "ergens in", "nog in", "in", "voor", "tegen", "na",
    "gedurende", "over", "rond", "omstreeks", *_REFERENCE_RX,
)  # fmt: skip
_YEAR_RX = re.compile(rf"\b{_YEAR_PREP}(?:{_YEAR_CORE})")


def _year(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, rel = _prep(m), m.group("rel")
    if prep in REFERENCE or prep == "over":  # "sinds 2018", "een rapportage over 2024"
        return _REFERENCE
    if (rel == "het" and prep not in ("in de loop van", "gedurende")) or (not prep and m.group("year")):
        return None  # "het jaar" alone, a bare number
    if rel == "het nieuwe":  # "in het nieuwe jaar" is the start of next year
        if prep not in ("", "in"):
            return None
        return _Reading(
            "part_of_year", date(ctx.on.year + 1, 3, 31) if ctx.on else None, rule="het nieuwe jaar"
        )
    _, year = _named_year(m, ctx)
    if prep == "voor":
        if not _accented_voor(m, ctx):
            return None  # "voor 2026", "voor volgend jaar" read as "for 2026"
        return _Reading("year", date(year - 1, 12, 31) if year else None, rule="voor <year>")
    if prep in AFTER:
        return _after(date(year, 12, 31) if year else None, "na <year>")
    return _Reading("year", date(year, 12, 31) if year else None, rule="<year>")


# -- quarters and halves -------------------------------------------------------------------------------------

_PERIOD_PREP = _prep_of(
    "uiterlijk in", "uiterlijk", "in de loop van", "ergens in", "in", "voor", "tegen", "rond", "na",
    "gedurende", *_REFERENCE_RX,
)  # fmt: skip
_QUARTER_RX = re.compile(rf"\b{_PERIOD_PREP}{_PART_OF}(?:de |het )?{_ORD} kwartaal{_YEAR_TAIL}")
_Q_RX = re.compile(rf"\b{_PERIOD_PREP}q(?P<qd>[1-4])(?:[ -](?:van )?(?P<year>{_Y4})| ?'(?P<yy>\d\d))?(?!\w)")
_PART_MONTH = {"begin": 0, "medio": 1, "half": 1, "midden": 1, "halverwege": 1}
# four-month periods (January–April, May–August, September–December), the spec's trimester row
_TRIMESTER_RX = re.compile(rf"\b{_PERIOD_PREP}(?:het )?{_ORD} trimester{_YEAR_TAIL}")


def _trimester(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if prep in REFERENCE:
        return _REFERENCE
    t = ORDINALS[m.group("ord")] or 3
    if t > 3:
        return None
    first_month = 4 * t - 3

    def make(year: int) -> date:
        if prep in BEFORE:
            return date(year, first_month, 1) - timedelta(days=1)
        return _last_day(year, first_month + 3)

    due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _after(due, "na <trimester>")
    return _Reading("quarter", due, rule=f"T{t}")


def _quarter(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    groups = m.groupdict()
    prep, part = _prep(m), groups.get("part")
    if prep in REFERENCE:
        return _REFERENCE
    q = int(groups["qd"]) if groups.get("qd") else (ORDINALS[groups["ord"]] or 4)
    first_month = 3 * q - 2

    def make(year: int) -> date:
        if prep in BEFORE and not part:
            return date(year, first_month, 1) - timedelta(days=1)
        return _last_day(year, first_month + _PART_MONTH.get(part or "", 2))

    due = make(2000 + int(groups["yy"])) if groups.get("yy") else _resolve(m, ctx, make)
    if prep in AFTER:
        return _after(due, "na <quarter>")
    return _Reading("quarter", due, rule=f"Q{q}")


_THIS_QUARTER_RX = re.compile(
    rf"\b{_prep_of('uiterlijk in', 'uiterlijk', 'in de loop van', 'in', 'voor', 'tegen', 'rond', 'na')}"
    rf"{_PART_OF}(?P<qrel>dit|het huidige|het lopende|volgend|het volgende|komend|het komende"
    r"|het eerstvolgende) kwartaal(?!\w)"
)


def _this_quarter(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    """ "eind dit kwartaal", "in het volgende kwartaal": D's quarter or the one after it."""
    prep, part, on = _prep(m), m.group("part"), ctx.on
    if prep == "voor" and not part and not _accented_voor(m, ctx):
        return None  # "de planning voor het volgende kwartaal" is "for"; "vóór" is read
    if on is None:
        return _Reading("quarter", rule="this quarter")
    first = date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
    if m.group("qrel") not in ("dit", "het huidige", "het lopende"):
        first += relativedelta(months=3)
    if prep in BEFORE and not part:
        due = first - timedelta(days=1)
    else:
        month = first + relativedelta(months=_PART_MONTH.get(part or "", 2))
        due = _last_day(month.year, month.month)
    if prep in AFTER:
        return _after(due, "na <this quarter>")
    return _Reading("quarter", due, rule="this quarter")


_HALF_RX = re.compile(
    rf"\b{_PERIOD_PREP}(?:de |het )?{_ORD} (?P<unit>helft|halfjaar|half jaar|jaarhelft){_YEAR_TAIL}"
)


def _half(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if prep in REFERENCE:
        return _REFERENCE
    if m.group("unit") == "helft" and not _named_year(m, ctx)[0]:
        return None  # "de tweede helft" of something else
    h = ORDINALS[m.group("ord")] or 2
    if h > 2:
        return None

    def make(year: int) -> date:
        if prep in BEFORE:
            return date(year, 6 * h - 5, 1) - timedelta(days=1)
        return date(year, 6, 30) if h == 1 else date(year, 12, 31)

    due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _after(due, "na <half>")
    return _Reading("half", due, rule=f"H{h}")


# -- seasons -------------------------------------------------------------------------------------------------

_SEASON_PREP = _prep_of(
    "uiterlijk voor", "uiterlijk in", "uiterlijk", "in de loop van", "ergens in", "kort voor", "vlak voor",
    "voorafgaand aan", "voor", "tegen", "direct na", "kort na", "vlak na", "meteen na", "na", "rond",
    "omstreeks", "tijdens", "gedurende", "in", "over", "sinds", "vanaf", "tot", "van",
)  # fmt: skip
_SEASON_DET = _alt(
    "het komende", "het aankomende", "het volgende", "de", "het", "dit", "deze", "komend", "komende",
    "aankomend", "aankomende", "aanstaand", "aanstaande", "volgend", "volgende",
)  # fmt: skip
_SEASON_RX = re.compile(
    rf"\b{_SEASON_PREP}{_PART_OF}(?:(?P<det>{_SEASON_DET}) )?(?:(?P<early>vroege|late) )?"
    rf"(?P<season>{_alt(*SEASONS)})"
    rf"(?:periode|maanden|vakantie|seizoen)?(?!\w){_YEAR_TAIL}"
)
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def _season_month_end(season: str, year: int, nth: int) -> date:
    """The last day of the season's nth month (0, 1, 2); a winter belongs to the year it starts in."""
    first = date(year, _SEASON_START[season], 1) + relativedelta(months=nth)
    return _last_day(first.year, first.month)


def _season(m: re.Match[str], ctx: _Ctx, prep: str | None = None) -> _Reading | None:
    prep, det = _prep(m) if prep is None else prep, m.group("det")
    part = m.group("part") or {"vroege": "begin", "late": "eind"}.get(m.group("early") or "")
    season = SEASONS[m.group("season")]
    named, year = _named_year(m, ctx)
    if prep in REFERENCE - {"van"}:
        return _REFERENCE
    if prep in ("over", "van") or not (prep or named or part or det not in (None, "de", "het")):
        return None  # "over de zomer", "de zomer"
    on = ctx.on

    def pick(make: Callable[[int], date]) -> date | None:
        if named:
            return make(year) if year is not None else None
        if det in ("volgend", "volgende", "het volgende") and on is not None:  # a season that has not begun
            return _first_on_or_after(
                on, lambda y: make(y) if date(y, _SEASON_START[season], 1) > on else None
            )[1]
        return _first_on_or_after(on, make)[1]

    before = (prep in BEFORE or prep == "tegen") and not part  # "voor het einde van de zomer" is the season's
    if season == "summer" and before:  # "voor de zomer" is the zomerreces
        due = pick(lambda y: _recess(y, "zomerreces").last_sitting_day)
        return _Reading("recess", due, rule="voor de zomer", inferred=_inferred("zomerreces", due))
    if season == "summer" and prep in AFTER:
        # "na ..." resolves on its earliest day (the spec reads "na Prinsjesdag" in December as next year's)
        earliest = pick(lambda y: _recess(y, "zomerreces").first_sitting_day)
        due = _recess(earliest.year, "herfstreces").last_sitting_day if earliest else None
        inferred = _inferred("zomerreces", earliest) or _inferred("herfstreces", due)
        return _Reading("after", due, earliest, rule="na de zomer", inferred=inferred)
    if before:
        due = pick(lambda y: date(y, _SEASON_START[season], 1) - timedelta(days=1))
        return _Reading("season", due, rule=f"voor {season}")
    if prep in AFTER:
        return _after(pick(lambda y: _season_month_end(season, y, 2)), f"na {season}")
    due = pick(lambda y: _season_month_end(season, y, _PART_MONTH.get(part or "", 2)))
    return _Reading("season", due, rule=f"{part or 'in'} {season}")


# -- a document of a time: "de MIRT-brief van dit najaar", "de rapportage van mei" ---------------------------

# the noun before "van": a letter, report or other paper the Kamer is to receive
_DOCUMENT = re.compile(
    r"(?:^|[\s(])(?:[a-z0-9]+-)?[a-z]*(?:brief|brieven|rapportage|rapportages|rapport|nota|notitie|verslag"
    r"|monitor|update|reactie|overzicht|plan|agenda|voorstel|editie|analyse|evaluatie|visie|strategie"
    r"|pakket|uitwerking|besluit|stand van zaken) van $"
)
_DOC_SEASON_RX = re.compile(
    rf"(?<=van ){_PART_OF}(?:(?P<det>{_SEASON_DET}) )?(?:(?P<early>vroege|late) )?"
    rf"(?P<season>{_alt(*SEASONS)})(?!\w){_YEAR_TAIL}"
)
_DOC_MONTH_RX = re.compile(rf"(?<=van ){_PART_OF}(?:de maand )?{_MONTH}{_YEAR_TAIL}")

# a season named after its year: "volgend jaar voorjaar", "2026 najaar", "volgend jaar voor de zomer"
_YEAR_SEASON_TAIL = (
    rf" {_SEASON_PREP}{_PART_OF}(?:(?P<det>de|het) )?(?:(?P<early>vroege|late) )?"
    rf"(?P<season>{_alt(*SEASONS)})(?:periode|maanden|vakantie|seizoen)?(?!\w)"
    # a season with its own year after it belongs to that year: "de cijfers over 2018 in het voorjaar 2019"
    rf"(?! (?:van )?{_Y4})"
)
_YEAR_SEASON_RX = re.compile(
    rf"\b(?:(?P<lead>{_alt('uiterlijk in', 'uiterlijk', 'ergens in', 'nog in', 'in', *_REFERENCE_RX)}) )?"
    rf"(?:{_YEAR_CORE}){_YEAR_SEASON_TAIL}"
)
_DOC_YEAR_SEASON_RX = re.compile(rf"(?<=van )(?:{_YEAR_CORE}){_YEAR_SEASON_TAIL}")


def _year_season(m: re.Match[str], ctx: _Ctx, prep: str | None = None) -> _Reading | None:
    """The season of the year named before it, as "<season> van <year>"; a preposition before the season
    is the one read ("volgend jaar voor de zomer"), else the one before the year."""
    lead = (m.groupdict().get("lead") or "").strip()
    if m.group("rel") == "het" or lead == "van":  # "het jaar"; "van <year> <season>" only after a document
        return None
    if lead in REFERENCE:
        return _REFERENCE
    return _season(m, ctx, _prep(m) or prep or lead)


def _of_document(handler: Callable[..., _Reading | None]) -> Callable[[re.Match[str], _Ctx], _Reading | None]:
    """A time after a document noun and "van" is when that document comes, read as "in <time>"; unless the
    clause reports the past ("in de brief van juni heb ik gemeld")."""

    def read(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
        if not _DOCUMENT.search(ctx.folded, max(0, m.start() - 60), m.start()):
            return None
        if _past_clause(ctx, m.start(), m.end()):
            return _REFERENCE  # a document already sent
        return handler(m, ctx, "in")

    return read


# -- recesses ------------------------------------------------------------------------------------------------

_RECESS_PREP = _alt(
    "uiterlijk voor aanvang van", "uiterlijk voor de aanvang van", "uiterlijk voor het begin van",
    "uiterlijk voor", "uiterlijk", "voor aanvang van", "voor de aanvang van", "voor het begin van",
    "voor de start van", "vlak voor", "kort voor", "ruim voor", "voor", "tegen", "voorafgaand aan",
    "direct na afloop van", "na afloop van", "direct na", "kort na", "vlak na", "meteen na", "na", "tijdens",
    "gedurende", "in", "rond", "omstreeks", "aan het begin van",
    r"(?:uiterlijk )?(?:voor |tegen |aan )?het eind(?:e)? van",
)  # fmt: skip
_RECESS_RX = re.compile(
    rf"\b(?P<prep>{_RECESS_PREP}) (?:het |de )?(?:(?P<name>{_alt(*RECESS_NAMES)})?reces(?:periode)?"
    rf"|(?P<kerst>kerstmis|kerst(?:dagen|vakantie|periode)?)|(?P<jw>jaarwisseling))(?!\w){_YEAR_TAIL}"
)


def _recess(year: int, name: str) -> pc.Recess:
    found = pc.recess(name, year)
    if found is None:
        raise LookupError(name)
    return found


def _inferred(name: str, due: date | None) -> bool:
    if due is None:
        return False
    found = pc.recess(name, due.year) or pc.recess(name, due.year - 1)
    return bool(found and found.inferred)


def _turn_of_year(m: re.Match[str], ctx: _Ctx, prep: str) -> _Reading:
    if prep in AFTER:  # from 1 January until the voorjaarsreces, as "na de zomer" runs to the herfstreces
        named, year = _named_year(m, ctx)
        if not named:
            year = _first_on_or_after(ctx.on, lambda y: date(y + 1, 1, 1))[0]
        if year is None:
            return _Reading("after", rule="na de jaarwisseling")
        due = _recess(year + 1, "voorjaarsreces").last_sitting_day
        return _Reading("after", due, date(year + 1, 1, 1), rule="na de jaarwisseling")
    return _Reading("part_of_year", _resolve(m, ctx, lambda y: date(y, 12, 31)), rule="de jaarwisseling")


def _recess_reading(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if m.group("jw"):
        return _turn_of_year(m, ctx, prep)
    name = "kerstreces" if m.group("kerst") else RECESS_NAMES.get(m.group("name") or "", "")
    after = prep in AFTER

    def due_of(r: pc.Recess) -> date:
        if after:  # until the next recess ("na de zomer": the herfstreces)
            return pc.next_recess(r.start, names=pc.CYCLE).last_sitting_day
        if "eind" in prep or prep in ("tijdens", "gedurende", "in", "rond", "omstreeks"):
            return r.end
        if prep == "aan het begin van":
            return r.start
        return r.last_sitting_day

    def ahead(r: pc.Recess) -> bool:
        return ctx.on is not None and (r.first_sitting_day if after else due_of(r)) >= ctx.on

    named, year = _named_year(m, ctx)
    chosen: pc.Recess | None = None
    if not name:  # "het reces": the next one of any kind
        probe = ctx.on - timedelta(days=120) if ctx.on else None
        while probe is not None and (chosen is None or not ahead(chosen)):
            chosen = pc.next_recess(probe)
            probe = chosen.start
    elif named:
        chosen = pc.recess(name, year) if year is not None else None
    elif ctx.on is not None:
        chosen = next(
            (r for y in range(ctx.on.year - 1, ctx.on.year + 3) if (r := pc.recess(name, y)) and ahead(r)),
            None,
        )
    label = f"{prep} {name or 'reces'}"
    if chosen is None:
        return _Reading("after" if after else "recess", rule=label)
    earliest = chosen.first_sitting_day if after else None
    inferred = chosen.inferred or (after and pc.next_recess(chosen.start, names=pc.CYCLE).inferred)
    return _Reading("after" if after else "recess", due_of(chosen), earliest, rule=label, inferred=inferred)


# -- budget-cycle events -------------------------------------------------------------------------------------

_EVENT_PREP = _alt(
    "uiterlijk voor", "uiterlijk bij", "uiterlijk op", "uiterlijk met", "uiterlijk", "kort voor", "vlak voor",
    "ruim voor", "voorafgaand aan", "voor", "direct na", "kort na", "na", "bij", "op", "in", "met", "rond",
    "omstreeks", "tijdens", "gelijktijdig met", "tegelijk met", "tegelijkertijd met", "samen met", "tegen",
    "ten tijde van",
)  # fmt: skip
_NOMINAL = _alt(
    "publicatie", "verschijnen", "indiening", "presentatie", "behandeling", "aanbieding", "bespreking"
)
_EVENT_WORD = _alt(
    "prinsjesdag", "verantwoordingsdag", "miljoenennota", "begrotingsbehandelingen", "begrotingsbehandeling",
    "begrotingsdebat", "begroting", "ontwerpbegroting", "voorjaarsnota", "najaarsnota", "jaarverslag",
    "jaarverslagen", "financieel jaarverslag", "jaarrekening", "slotwet", "eerste suppletoire begroting",
    "tweede suppletoire begroting", "voorjaarssuppletoire begroting", "najaarssuppletoire begroting",
)  # fmt: skip
_EVENT_ADJ = _alt(
    "departementale", "komende", "aankomende", "eerstvolgende", "eerstkomende", "volgende", "aanstaande",
    "jaarlijkse", "eerstvolgend", "plenaire",
)  # fmt: skip
_EVENT_RX = re.compile(
    rf"\b(?P<prep>{_EVENT_PREP}) (?:de |het )?(?:(?P<nom>{_NOMINAL}|vaststelling) van )?(?:de |het )?"
    rf"(?:{_EVENT_ADJ} )?(?P<ev>{_EVENT_WORD})(?: (?:voor |van |over )?(?P<year>{_Y4}))?(?!\w)"
)
# the event's date in a year; with a year in the phrase it names the budget year ("begroting 2016") or the
# year reported on ("jaarverslag 2014"), hence the second table
_EVENT_DAY: dict[str, Callable[[int], date]] = {
    "prinsjesdag": pc.prinsjesdag,
    "verantwoordingsdag": pc.verantwoordingsdag,
    "begroting": pc.prinsjesdag,
    "begrotingsbehandeling": pc.budget_debate,
    "voorjaarsnota": pc.voorjaarsnota,
    "najaarsnota": pc.najaarsnota,
    "jaarverslag": pc.verantwoordingsdag,
}
_EVENT_OF_YEAR: dict[str, Callable[[int], date]] = {
    **_EVENT_DAY,
    "begroting": lambda y: pc.prinsjesdag(y - 1),
    "begrotingsbehandeling": lambda y: pc.budget_debate(y - 1),
    "jaarverslag": lambda y: pc.verantwoordingsdag(y + 1),
}


def _event_key(ev: str, nom: str | None) -> str:
    if ev.startswith(("eerste suppl", "voorjaarssuppl")):  # the suppletoire begrotingen come with the notas
        return "voorjaarsnota"
    if ev.startswith(("tweede suppl", "najaarssuppl")):
        return "najaarsnota"
    if ev.startswith(("begrotingsb", "begrotingsd")) or ("begroting" in ev and nom == "behandeling"):
        return "begrotingsbehandeling"
    if ev.endswith(("begroting", "miljoenennota")):
        return "begroting"
    if ev.startswith(("jaarverslag", "financieel", "jaarrekening", "slotwet")):
        return "jaarverslag"
    return ev


_OWNER = re.compile(r" van (?:het ministerie van |de |het )?([^\s,.;:()]+)")


def _event(m: re.Match[str], ctx: _Ctx) -> tuple[_Reading, int] | None:
    """A budget-cycle event; a department named after it stays in the phrase ("de begrotingsbehandeling van
    VWS")."""
    reading = _event_reading(m, ctx)
    if reading is None:
        return None
    owner = _OWNER.match(ctx.folded, m.end())
    if owner and not m.group("year") and ctx.original[ctx.where[owner.start(1)]].isupper():
        return reading, owner.end()
    return reading, m.end()


def _event_reading(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, ev = _prep(m), m.group("ev")
    key = _event_key(ev, m.group("nom"))
    plain_budget = ev.endswith("begroting") and not m.group("nom")
    if plain_budget and (prep == "op" or (prep == "voor" and not _accented_voor(m, ctx))):
        return None  # "voor de begroting" = for the budget, "op de begroting" = on it
    is_day = key in ("prinsjesdag", "verantwoordingsdag")
    if (prep == "op" and not is_day) or (prep == "in" and is_day):
        return None  # "op Prinsjesdag" but "in de Voorjaarsnota"
    before = prep in BEFORE and key != "begrotingsbehandeling"  # the spec dates that one itself
    after = prep in AFTER

    def due_of(day: date) -> date:
        if before:
            return day - timedelta(days=1)
        if after:  # "na Prinsjesdag": until the next zomer- or kerstreces
            return pc.next_recess(day, names=("zomerreces", "kerstreces")).last_sitting_day
        return day

    day: date | None
    if m.group("year"):
        day = _EVENT_OF_YEAR[key](int(m.group("year")))
    else:
        # "na ..." resolves on its earliest day, the rest on their due day
        ahead = (
            (lambda y: _EVENT_DAY[key](y) + timedelta(days=1))
            if after
            else (lambda y: due_of(_EVENT_DAY[key](y)))
        )
        year = _first_on_or_after(ctx.on, ahead)[0]
        day = _EVENT_DAY[key](year) if year is not None else None
    due = due_of(day) if day else None
    if after:
        return _Reading("after", due, day + timedelta(days=1) if day else None, rule=f"na {key}")
    return _Reading("event", due, rule=f"{prep} {key}")


# -- meetings, processes, conditions -------------------------------------------------------------------------

_MEETING = _alt(
    "commissiedebat", "notaoverleg", "algemeen overleg", "ao", "wetgevingsoverleg", "wgo",
    "schriftelijk overleg", "mondeling overleg", "plenair debat", "plenaire debat", "tweeminutendebat",
    "debat", "plenaire behandeling", "behandeling", "stemmingen", "stemming", "kamerverkiezingen",
    "tweede kamerverkiezingen", "verkiezingen", "europese raad", "informele raad", r"raad(?! van state)",
    r"[a-z]+-raad", "eurogroep", "ecofin", "eu-top", "navo-top", "top", "vergadering", "conferentie",
    "bijeenkomst", "ministerraad", "hoorzitting", "rondetafelgesprek", "technische briefing",
)  # fmt: skip
_MEETING_RX = re.compile(
    rf"\b(?P<prep>{_alt('uiterlijk voor', 'ruim voor', 'tijdig voor', 'kort voor', 'vlak voor', 'voor')}"
    rf"|voorafgaand aan|in (?:de )?aanloop naar|{_alt(*AFTER)}) (?:de |het )"
    r"(?:(?:eerstvolgende|volgende|komende|aanstaande|geplande|aangekondigde|informele|formele|plenaire) )*"
    rf"(?P<mt>{_MEETING})(?!\w)(?: {_alt('over', 'inzake', 'van', 'op', 'aangaande', 'omtrent')}(?!\w){_NP})?"
)
# the meeting's date, at most a few words on: "voor de Raad Buitenlandse Zaken van 20 april"
_MEETING_DATE = re.compile(
    rf"(?: [^\s,.;:()]+){{0,4}}? (?:van|op) {_WEEKDAY}(?P<day>[0-3]?\d)"
    r"(?:(?: en |-| t/m )(?P<day2>[0-3]?\d))?"
    rf" {_MONTH}(?: (?P<year>{_Y4}))?"
)


_NEXT_WORD = re.compile(r" ([^\s,.;:()]+)")
_AANSTAANDE = re.compile(r" (?:aanstaande|a\.s\.|aanst\.)")


def _named(ctx: _Ctx, end: int) -> int:
    """The end of a meeting's name in capitals ("het notaoverleg MIRT", "de Raad Buitenlandse Zaken")."""
    for _ in range(3):
        found = _NEXT_WORD.match(ctx.folded, end)
        if found is None or found.group(1) in ("ik", "u", "uw", "de", "het", "een", "wij", "we"):
            break
        if not ctx.original[ctx.where[found.start(1)]].isupper():
            break
        end = found.end()
    return end


def _week_after(day: date) -> date:
    """The Friday of the week after `day`'s week: a week's grace after a meeting (the clerk's register dates
    "na de ministerraad van 11 juli" (a Friday) 18 July)."""
    return day - timedelta(days=day.weekday()) + timedelta(days=11)


def _meeting(m: re.Match[str], ctx: _Ctx) -> _Reading | tuple[_Reading, int] | None:
    """ "voor het commissiedebat (over X)": the day before the meeting when its date is given, else none.
    "na de ministerraad van 11 juli": from the day after the meeting to the Friday of the week after."""
    after = _prep(m) in AFTER
    found = _MEETING_DATE.match(ctx.folded, m.end("mt"))
    if found is None:
        if after:
            return None  # "na het debat" without a date tells a story more often than it sets a time
        return _Reading("event", rank=2, rule=f"voor {m.group('mt')}"), _named(ctx, m.end())
    day = int(found.group("day2") if after and found.group("day2") else found.group("day"))
    month = MONTHS[found.group("month")]

    def make(year: int) -> date | None:
        try:
            held = date(year, month, day)
        except ValueError:
            return None
        return held + timedelta(days=1) if after else held - timedelta(days=1)

    # the phrase ends with the date ("van 1 december aanstaande"), not with the words the name took after it
    tail = _AANSTAANDE.match(ctx.folded, found.end())
    end = tail.end() if tail else found.end()
    if not found.group("year") and _gone_this_year(ctx.on, make) and _past_clause(ctx, m.start(), end):
        return _REFERENCE, end  # "na de Raad van 20 juni heb ik u geschreven"
    if after:  # resolved on the due day: the week's grace may still be running on D

        def due_in(year: int) -> date | None:
            earliest = make(year)
            return _week_after(earliest - timedelta(days=1)) if earliest else None

        named, year = _named_year(found, ctx)
        if not named:
            year = _first_on_or_after(ctx.on, due_in)[0]
        earliest = make(year) if year is not None else None
        due = due_in(year) if year is not None else None
        return _Reading("after", due, earliest, rule=f"na {m.group('mt')} <date>"), end
    due = _resolve(found, ctx, make)
    return _Reading("event", due, rule=f"voor {m.group('mt')} <date>"), end


_PROCESS = _alt(
    "verschijnen", "publicatie", "vaststelling", "afronding", "ontvangst", "oplevering", "indiening",
    "inwerkingtreding", "afloop", "aanvang", "totstandkoming", "bekendmaking", "presentatie", "start",
    "besluitvorming", "evaluatie", "uitkomsten", "uitkomst", "resultaten", "toezenden", "toezending",
    "verzending", "versturen", "aanbieden",
)  # fmt: skip
_PROCESS_RX = re.compile(
    rf"\b(?P<prep>{_alt('uiterlijk voor', 'kort voor', 'vlak voor', 'voor', 'voorafgaand aan')}"
    rf"|{_alt('direct na', 'kort na', 'na', 'bij', 'ten tijde van', 'gelijktijdig met', 'tegelijk met')}"
    r"|tegelijkertijd met|(?:uiterlijk )?bij (?:de )?gelegenheid van) "
    rf"(?:de |het )?(?P<nom>{_PROCESS})(?!\w) {_alt('van', 'over', 'door', 'inzake')}(?!\w){_NP}"
    r"(?: aan (?:uw|de) (?:tweede |eerste )?kamer(?!\w))?"  # sent to the Kamer: part of the event
)  # the process needs its object: "bij de evaluatie" alone is no time
# "voor de evaluatie van X" is "for the evaluation"; these read as "before"
_BEFORE_PROCESS = {
    "verschijnen",
    "publicatie",
    "vaststelling",
    "afronding",
    "oplevering",
    "indiening",
    "start",
}
_BEFORE_PROCESS |= {"inwerkingtreding", "aanvang", "totstandkoming", "bekendmaking", "presentatie"}
_BEFORE_PROCESS |= {"besluitvorming"}


# "tegelijkertijd met de andere verzoeken om informatie over ProRail": as something else comes, undated; not
# "gelijktijdig met deze brief" (delivered now), and the budget-cycle events are read by _EVENT_RX with a date
_ALONGSIDE_RX = re.compile(
    rf"\b(?:gelijktijdig|tegelijk(?:ertijd)?) met (?:de|het|een){_NP}"
    rf"(?: {_alt('om', 'over', 'van', 'inzake', 'naar')}{_NP}){{0,3}}"
)


def _alongside(m: re.Match[str], ctx: _Ctx) -> _Reading:
    return _Reading("event", rank=2, rule="alongside")


def _process(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    """ "na afronding van het onderzoek", "voor het verschijnen van de meicirculaire": an undated event."""
    prep = _prep(m)
    if prep in BEFORE and m.group("nom") not in _BEFORE_PROCESS:
        return None
    return _Reading("event", rank=2, rule=f"{prep} {m.group('nom')}")


_CONDITION_RX = re.compile(
    r"\b(?P<c>zodra|voordat|nadat|wanneer|als|zo gauw als) (?P<clause>[^,.;:()?!\u2013\u2014]{1,160})"
)
_STATUS_WORD = _alt(
    "bekend", "beschikbaar", "gereed", "afgerond", "klaar", "duidelijk", "vastgesteld", "verschenen",
    "binnen", "opgeleverd", "gepubliceerd", "uitgebracht", "afgesloten", "voltooid", "bekendgemaakt",
)  # fmt: skip
_AUX = _alt("is", "zijn", "wordt", "worden", "komt", "komen", "ligt", "liggen")
# "zodra X bekend is", "wanneer het rapport is verschenen": the state that ends the wait
_STATUS = re.compile(rf"\b(?:{_STATUS_WORD} {_AUX}|{_AUX} {_STATUS_WORD}|{_STATUS_WORD})(?!\w)")
_WORD = re.compile(r"\S+")


def _condition(m: re.Match[str], ctx: _Ctx) -> tuple[_Reading, int] | None:
    """ "zodra X bekend is", "voordat er een besluit wordt genomen over X": an event without a date. The
    phrase runs to the end of the clause, or to the word that says X is done."""
    c, clause = m.group("c"), m.group("clause")
    if clause.startswith("mogelijk"):
        return None  # "zodra mogelijk" is vague
    status = _STATUS.search(clause)
    if c in ("wanneer", "als", "nadat") and (status is None or " " not in status.group()):
        return None  # a plain condition ("als de Kamer dat wenst", "zowel ... als in de brief")
    if c == "als" and status is not None and len(_WORD.findall(clause[status.end() :])) > 1:
        return None  # "als duidelijk is dat ...": a condition on a fact, not a moment
    words = _WORD.findall(clause)[:12]
    end = len(" ".join(words))
    if status is not None and status.end() < end and c != "voordat":
        end = status.end()
    return _Reading("event", rank=2, rule=c), m.start("clause") + end


# -- durations, vague phrases, weeks, recurrences ------------------------------------------------------------

# not "in": "24 uur in een dag", "in twee maanden tijd" tell rather than promise
_DURATION_PREP = _prep_of(
    "uiterlijk binnen",
    "binnen de komende",
    "binnen",
    "over",
    "in de komende",
    "gedurende de komende",
    "de komende",
    "na",
    "uiterlijk",
)  # fmt: skip
_COUNT = _alt(
    "een half", "een halve", "anderhalf", "anderhalve", "enkele", "een paar", "een aantal", "afzienbare"
)
_UNIT = _alt(
    "werkdagen", "werkdag", "dagen", "dag", "weken", "week", "maanden", "maand", "jaren", "jaar", "kwartalen",
    "kwartaal", "halfjaar", "half jaar", "tijd", "termijn",
)  # fmt: skip
_SINCE = _alt(
    "afloop van", "ontvangst van", "afronding van", "de start van", "het begin van", "aanvang van",
    "inwerkingtreding van", "vaststelling van", "publicatie van", "de inwerkingtreding van",
    "de vaststelling van", "de publicatie van",
)  # fmt: skip
_DURATION_RX = re.compile(
    rf"\b{_DURATION_PREP}(?P<n>{_COUNT}|{_NUM}) (?P<unit>{_UNIT})(?!\w)(?: tijd)?"
    rf"(?P<since> (?:na|voor|voorafgaand aan) (?:{_SINCE} )?(?:de |het |dit |deze )?[^\s,.;:()]+{_NP}?)?"
)
_UNIT_DELTA = {
    "dag": relativedelta(days=1), "week": relativedelta(weeks=1), "maand": relativedelta(months=1),
    "jaar": relativedelta(years=1), "kwartaal": relativedelta(months=3), "halfjaar": relativedelta(months=6),
}  # fmt: skip
_UNITS = {"werkdagen": "werkdag", "dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
_UNITS |= {"kwartalen": "kwartaal", "half jaar": "halfjaar"}
_VAGUE_COUNTS = {"enkele", "een paar", "een aantal", "afzienbare"}
_HALF_DELTA = {"jaar": relativedelta(months=6), "maand": relativedelta(weeks=2)}
_ONE_AND_A_HALF = {"jaar": relativedelta(months=18), "maand": relativedelta(weeks=6)}


def _add_working_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _duration(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, count = _prep(m), m.group("n")
    unit = _UNITS.get(m.group("unit"), m.group("unit"))
    if not m.group("since") and prep in ("", "na"):
        return None  # "twee maanden" alone; "na elf maanden" tells a story
    if count in _VAGUE_COUNTS or unit in ("tijd", "termijn"):
        return _Reading("vague", rank=2, rule="binnen enkele <unit>")
    if m.group("since"):  # "binnen drie maanden na afloop van X": dated once X is
        return _Reading("duration", rank=2, rule="<duration> na X")
    if count in ("een half", "een halve"):
        delta = _HALF_DELTA.get(unit)
    elif count in ("anderhalf", "anderhalve"):
        delta = _ONE_AND_A_HALF.get(unit)
    else:
        n = int(count) if count.isdigit() else NUMBERS[count]
        if unit == "werkdag":
            return _Reading(
                "duration", _add_working_days(ctx.on, n) if ctx.on else None, rule="<n> werkdagen"
            )
        delta = _UNIT_DELTA[unit] * n if n and unit in _UNIT_DELTA else None
    if delta is None:
        return None
    return _Reading("duration", ctx.on + delta if ctx.on else None, rule=f"binnen <n> {unit}")


_VAGUE_RX = re.compile(
    r"\b(?:"
    + "|".join(
        (
            r"zo (?:spoedig|snel|vlot|kort|gauw) (?:als )?mogelijk(?: is)?",
            r"zsm|z\.s\.m\.?|zo spoedig|spoedig(?:er)?|binnenkort|eerdaags|weldra|met spoed|onverwijld",
            r"per ommegaande",
            r"op (?:zo kort mogelijke|zeer korte|korte|middellange|(?:wat )?langere|lange|afzienbare)"
            r" termijn",
            r"op termijn|binnen afzienbare (?:tijd|termijn)|te zijner tijd|t\.z\.t\.?",
            r"op een later(?:e)? (?:moment|tijdstip|datum)|in een later(?:e)? (?:stadium|fase)",
            r"op een nader te bepalen (?:moment|datum|tijdstip)|(?:in )?de nabije toekomst",
            r"(?:in |gedurende )?de (?:komende|aankomende|eerstkomende)"
            r" (?:periode|tijd|weken|maanden|jaren|dagen)",
            r"zodra (?:dat |dit )?mogelijk(?: is)?",
        )
    )
    + r")(?!\w)"
)


def _vague(m: re.Match[str], ctx: _Ctx) -> _Reading:
    return _Reading("vague", rank=2, rule="vague")


_WEEK_RX = re.compile(
    rf"\b{_prep_of('uiterlijk', 'voor', 'in', 'nog', 'aan', 'tegen')}(?:(?:het )?(?:begin|eind|einde|midden)"
    r"(?: van)? )?(?:(?:deze|volgende|komende|de komende|de volgende|aanstaande) week|week [1-5]?\d)(?!\w)"
    r"|\b(?<!deze )(?<!de )(?<!een )(?:uiterlijk )?(?:over)?morgen(?!\w)"  # days, like weeks, have no kind
)


def _week(m: re.Match[str], ctx: _Ctx) -> _Reading:
    # the convention has no week kind: the phrase is kept, kind and due stay open (devset README)
    return _Reading(None, rank=2, rule="week")


_RECURRING_RX = re.compile(
    r"\b(?:(?P<adj>(?:half|twee|drie|vier|vijf)?jaarlijks|(?:drie|twee|zes)?maandelijks|wekelijks|periodiek"
    r"|kwartaal(?:lijks|gewijs))e?(?!\w)"
    r"|(?P<times>(?:een|twee|drie|vier|zes|twaalf|\d{1,2}) ?(?:keer|maal)|tweemaal|driemaal|viermaal|eenmaal)"
    r" per (?P<per>jaar|kwartaal|maand|halfjaar|half jaar)(?!\w)"
    r"|(?:elk|ieder|elke|iedere) (?P<every>kwartaal|half ?jaar|maand)(?!\w)|per (?P<per_q>kwartaal)(?!\w)"
    r"|(?:elk|ieder) (?P<every_year>jaar|voorjaar|najaar)(?!\w))"
)


_NAMED_BY = re.compile(
    r"(?<!\bin )(?<!\bbij )(?<!\bmet )(?<!\bvia )(?<!\bmiddels )"
    r"\b(?:de|het|een|deze|die|dit|onze|mijn) (?:\S+ )?$"
)


def _recurring(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    """A recurrence is due at the end of the current period (year, half, quarter, month)."""
    adj = m.group("adj")
    if adj and m.group(0).endswith("e") and _NAMED_BY.search(ctx.folded, max(0, m.start() - 40), m.start()):
        return None  # "in aanvulling op de jaarlijkse rapportage": a document's name, not a rhythm
    word = next(
        w
        for w in (
            m.group("adj"),
            m.group("every"),
            m.group("per_q"),
            m.group("every_year"),
            m.group("per"),
            "",
        )
        if w is not None
    )
    word = word.replace(" ", "")
    times = (m.group("times") or "").replace("maal", " maal").split()
    per_year = (int(times[0]) if times[0].isdigit() else NUMBERS.get(times[0], 0)) if times else 1
    if word.startswith(("halfjaar", "zesmaandelijks")) or (word == "jaar" and per_year == 2):
        period = "half"
    elif word.startswith(("kwartaal", "driemaandelijks")) or (word == "jaar" and per_year == 4):
        period = "quarter"
    elif word.startswith("maand") or (word == "jaar" and per_year == 12):
        period = "month"
    elif word in ("jaarlijks", "jaar", "voorjaar", "najaar") and per_year == 1:
        period = "year"
    else:
        period = ""  # tweejaarlijks, wekelijks, periodiek: no period to close
    due, on = None, ctx.on
    if period and on is not None:
        last_month = {"year": 12, "half": 6 if on.month <= 6 else 12, "month": on.month}
        last_month["quarter"] = 3 * ((on.month - 1) // 3) + 3
        due = _last_day(on.year, last_month[period])
    return _Reading("recurring", due, rank=1, rule=f"recurring {period or word}")


# -- the grammar and the choice ------------------------------------------------------------------------------

_VAGUE_NEEDS = (
    r"spoed|snel|vlot|kort|gauw|z\.?s\.?m|termijn|zijner|t\.z\.t|late|komende|toekomst|mogelijk|onverwijld"
    r"|ommegaande|bepalen|eerdaags|weldra"
)


def _alternatives(needs: str) -> list[str]:
    """The branches of a cheap test: "a|b" and "(?:a|b)" alike."""
    if needs.startswith("(?:") and needs.endswith(")") and needs.count("(") == 1:
        needs = needs[3:-1]
    return needs.split("|")


def _plain(branch: str) -> bool:
    return re.fullmatch(r"[a-z ]+", branch) is not None


def _branches(branches: set[str]) -> str:
    """The branches as one alternation, the plain words among them as a trie (one branch tried per letter
    instead of every word in turn)."""
    words = {b for b in branches if _plain(b)}
    return "|".join([trie(words), *sorted(branches - words)] if words else sorted(branches))


_Handler = Callable[[re.Match[str], _Ctx], "_Reading | tuple[_Reading, int] | None"]
# each rule with a cheap test on the folded text that its anchor is there at all
_GRAMMAR: tuple[tuple[re.Pattern[str], _Handler, str], ...] = (
    (_EXPLICIT_RX, _explicit, r"\d"),
    (_NUMERIC_DATE_RX, _explicit, r"\d-\d"),
    (_MONTH_RX, _month, _alt(*MONTHS)),
    (_ANSWER_RX, _answer, _alt(*MONTHS)),
    (_THIS_MONTH_RX, _this_month, "maand"),
    (_PART_OF_YEAR_RX, _part_of_year, r"jaar|\d\d\d\d"),
    (_YEAR_RX, _year, r"jaar|\d\d\d\d"),
    (_QUARTER_RX, _quarter, "kwartaal"),
    (_Q_RX, _quarter, "q[1-4]"),
    (_TRIMESTER_RX, _trimester, "trimester"),
    (_THIS_QUARTER_RX, _this_quarter, "kwartaal"),
    (_HALF_RX, _half, "half|helft"),
    (_SEASON_RX, _season, _alt(*SEASONS)),
    (_DOC_SEASON_RX, _of_document(_season), _alt(*SEASONS)),
    (_DOC_MONTH_RX, _of_document(_month), _alt(*MONTHS)),
    (_YEAR_SEASON_RX, _year_season, _alt(*SEASONS)),
    (_DOC_YEAR_SEASON_RX, _of_document(_year_season), _alt(*SEASONS)),
    (_RECESS_RX, _recess_reading, "reces|kerst|jaarwisseling"),
    (_EVENT_RX, _event, "dag|nota|begroting|jaarverslag|jaarrekening|slotwet"),
    (_MEETING_RX, _meeting, "voor|aanloop|na "),
    (_ALONGSIDE_RX, _alongside, "gelijktijdig|tegelijk"),
    (_PROCESS_RX, _process, _PROCESS),
    (_CONDITION_RX, _condition, "zodra|voordat|nadat|wanneer|als"),
    (_DURATION_RX, _duration, "dag|week|weken|maand|jaar|jaren|kwarta|tijd|termijn"),
    (_VAGUE_RX, _vague, _VAGUE_NEEDS),
    (_WEEK_RX, _week, "week|morgen"),
    (_RECURRING_RX, _recurring, "lijks|periodiek|kwartaal|keer|maal|elk|ieder|per "),
)
# Each rule with its cheap test as the plain words of the branches (all found in one pass, `_WORDS`) and a
# pattern of the other branches (\d, q[1-4], …) or None.
_RULES = tuple(
    (
        pattern,
        handler,
        frozenset(b for b in _alternatives(needs) if _plain(b)),
        re.compile("|".join(rest))
        if (rest := sorted(b for b in _alternatives(needs) if not _plain(b)))
        else None,
    )
    for pattern, handler, needs in _GRAMMAR
)


def _word_finder() -> ahocorasick.Automaton:
    """The plain words of every rule's cheap test, for one Aho-Corasick pass over the folded text."""
    automaton = ahocorasick.Automaton()
    for _, _, words, _ in _RULES:
        for word in words:
            automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_WORDS = _word_finder()


# No rule matches without one of these; checked on the raw text first, so most sentences cost one search. The
# rules read folded text, so text with an accent or any other non-ASCII character always goes through, and so
# does a word broken across lines ("-" and a space); ASCII text is lowercased for the test.
_QUICK = re.compile(_branches({b for _, _, needs in _GRAMMAR for b in _alternatives(needs)}) + r"|-\s")


@dataclass(frozen=True)
class _Candidate:
    start: int  # offsets in the folded text
    end: int
    reading: _Reading
    order: int  # the rule's place in the grammar, for ties


def _candidates(ctx: _Ctx) -> list[_Candidate]:
    found: list[_Candidate] = []
    words = {word for _, word in _WORDS.iter(ctx.folded)}
    present: dict[re.Pattern[str], bool] = {}  # several rules share a test: each is searched once
    for order, (pattern, handler, needs_words, needs_rest) in enumerate(_RULES):
        if needs_words.isdisjoint(words):
            if needs_rest is None:
                continue
            if needs_rest not in present:
                present[needs_rest] = needs_rest.search(ctx.folded) is not None
            if not present[needs_rest]:
                continue
        for m in pattern.finditer(ctx.folded):
            got = handler(m, ctx)
            if got is None:
                continue
            reading, end = got if isinstance(got, tuple) else (got, m.end())
            while end > m.start() and ctx.folded[end - 1] in " ,":
                end -= 1
            if not reading.past and (_JL.match(ctx.folded, end) or ctx.folded.endswith(_LAST, 0, m.start())):
                reading = _REFERENCE  # "in maart jl.", "afgelopen 23 juni": the past
            elif reading.kind in ("month", "explicit") and (tail := _AANSTAANDE.match(ctx.folded, end)):
                end = tail.end()  # "uiterlijk in juni aanstaande": the phrase takes its "aanstaande"
            found.append(_Candidate(m.start(), end, reading, order))
    return found


def _precedence(c: _Candidate) -> tuple[int, int, int, int]:
    # dated readings and references (which veto what they cover) before the rest, then the longest
    tier = 0 if c.reading.reference or c.reading.rank == 0 else 1
    return tier, c.start - c.end, c.start, c.order


def _non_overlapping(found: list[_Candidate]) -> list[_Candidate]:
    """A phrase inside a longer one is part of it ("Q1" in "Q1 2015"), but a dated phrase beats an undated
    one around it ("voordat het kabinet in het najaar besluit")."""
    chosen: list[_Candidate] = []
    # The chosen spans, sorted: they never overlap, so their ends rise with their starts, and only the last
    # span starting before c ends can reach into c (a scan of them all made long phrases quadratic).
    spans: list[tuple[int, int]] = []
    for c in sorted(found, key=_precedence):
        before = bisect_left(spans, (c.end, -1))
        if before and spans[before - 1][1] > c.start:
            continue
        insort(spans, (c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_APPROXIMATE = re.compile(r", (?:rond|omstreeks|circa|ca\.|naar verwachting) ")


def _merge_appositions(chosen: list[_Candidate], folded: str) -> list[_Candidate]:
    """An event with an approximate date beside it ("gelijktijdig met de voorjaarsnota, rond eind april") is
    one phrase; its two dates disagree, so it keeps neither (devset README)."""
    out: list[_Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.reading.kind == "event"
            and c.start - prev.end <= 2
            and _APPROXIMATE.match(folded, prev.end)
        ):
            merged = _Reading("event", rank=2, rule=f"{prev.reading.rule}, approximately")
            out[-1] = _Candidate(prev.start, c.end, merged, prev.order)
        else:
            out.append(c)
    return out


# what may stand between two time phrases in apposition ("in het najaar, vóór de begrotingsbehandelingen")
_APPOSITION = re.compile(
    r"[ ,:;()\u2013\u2014-]*[,:;(\u2013\u2014-][ ,:;()\u2013\u2014-]*"
    r"(?:(?:en|of|dus|namelijk|te weten|dat wil zeggen|in ieder geval|in elk geval|uiterlijk|althans|en wel"
    r"|maar|dat is|oftewel|ofwel) )*"
)


def _binding(dated: list[_Candidate], folded: str) -> _Candidate:
    """The first dated reading binds, unless a phrase set beside it (in apposition, or as the answer after a
    colon) is stricter: then the earlier due binds, as a clerk records the stricter of two dates."""
    best = prev = dated[0]
    for c in dated[1:]:
        beside = _APPOSITION.fullmatch(folded, prev.end, c.start) is not None
        if not (beside or c.reading.rule.startswith("answer")):
            break
        if (c.reading.due or date.max) < (best.reading.due or date.max):
            best = c
        prev = c
    return best


def _scan(text: str, on: date | None, drop_past: bool) -> list[Deadline]:
    """Every deadline reading in `text`, best first."""
    if not text or (text.isascii() and not _QUICK.search(text.lower())):
        return []
    folded, where = _fold(text)
    ctx = _Ctx(folded, text, where, on)
    kept: list[_Candidate] = []
    for c in _merge_appositions(_non_overlapping(_candidates(ctx)), folded):
        r = c.reading
        if r.reference or (r.past and drop_past):
            continue
        limit = r.due or r.earliest
        if drop_past and on is not None and limit is not None and limit < on:
            continue  # a date already past is a reference, not a deadline
        kept.append(c)
    dated = [c for c in kept if c.reading.rank == 0]
    best = _binding(dated, folded) if dated else None
    ranked: list[tuple[int, int, Deadline]] = []
    for c in kept:
        r = c.reading
        start, end = where[c.start], where[c.end - 1] + 1
        deadline = Deadline(text[start:end], start, end, r.due, r.earliest, r.kind, r.rule, r.inferred)
        ranked.append((-1 if c is best else r.rank, c.start, deadline))
    return [d for _, _, d in sorted(ranked, key=lambda t: t[:2])]
