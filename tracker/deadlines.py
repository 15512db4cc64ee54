"""Turning a Dutch time phrase into a due date, per the project's deadline convention.

Pure. The convention is /work/shared/spec/deadlines.md; the rows the project added are in docs/deadlines.md.

How it reads a sentence: the text is folded (lower case, accents off, white space single, words broken across
lines joined) with a map back to the original offsets. A small grammar of rules (preposition x anchor: explicit
date, month, quarter, half, part of year, year, season, recess, event, duration, vague, recurring) proposes
readings; overlapping ones give way to the longest; readings that fall before D are past references; the first
dated reading wins, then a recurring one, then the first of the rest (events without a date, vague phrases).
"""

from __future__ import annotations

import calendar as _cal
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tracker import calendar as pc


@dataclass(frozen=True)
class Deadline:
    text: str  # the phrase as written, "Voor de zomer 2015"
    start: int  # offsets of the phrase in the text it was found in
    end: int
    due: date | None
    earliest: date | None
    kind: str | None  # explicit, month, quarter, half, part_of_year, year, season, recess, event, ...
    rule: str = ""  # which rule read it, for debugging and calibration
    inferred: bool = False  # the date rests on a recess inferred by the calendar rule, not a known one


# ---------------------------------------------------------------------------------------------------------------
# Folding: match on a simplified copy of the text, report offsets into the original.

_SPACE = re.compile(r"\s")


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-cased, accent-free text with single spaces and line-broken words joined, plus a map from each
    folded position to the original one."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\xad":
            i += 1
            continue
        if c == "-" and out and out[-1].isalpha() and i + 1 < n and text[i + 1] in "\r\n":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():  # "voort-\ngangsrapportage": one word
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


# ---------------------------------------------------------------------------------------------------------------
# Vocabulary

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
NUMBERS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "twintig": 20, "dertig": 30, "zestig": 60, "negentig": 90, "tweetal": 2, "drietal": 3, "viertal": 4,
}  # fmt: skip
ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3,
    "vierde": 4, "4e": 4, "4de": 4, "laatste": 0,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")(?!\w)"
_MONTH_ANY = (
    r"(?P<month>"
    + "|".join(MONTHS)
    + "|"
    + "|".join(sorted(MONTH_ABBR, key=len, reverse=True))
    + r")\.?(?!\w)"
)
_NUM = r"(?:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|\d{1,3})"
_ORD = r"(?P<ord>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")"
_Y4 = r"(?:19|20)\d\d(?!\d|[/-]\d)"
# a year after an anchor: "2015", "van 2015", "van dit jaar", "volgend jaar", "van het jaar"
_REL_YEAR = (
    r"dit|deze|volgend|volgende|komend|komende|aanstaand|aanstaande|aankomend|aankomende|"
    r"het volgende|het komende|het aankomende|het lopende|het huidige|het nieuwe|het"
)
_YEAR_CORE = rf"(?:het jaar )?(?P<year>{_Y4})|(?P<rel>{_REL_YEAR}) (?:kalender)?jaar(?!\w)"
_YEAR_TAIL = rf"(?: (?:van )?(?:{_YEAR_CORE}))?"
_PART = r"(?P<part>begin|medio|half|midden|halverwege|eind|einde|ultimo)"
_PART_OF = rf"(?:(?:aan |tegen |voor |rond |in )?(?:het )?{_PART}(?: van)? )"
# words that end a noun phrase after "van"/"over" in an event ("voor het verschijnen van de meicirculaire")
_STOPS = (
    r"(?:te|zal|zullen|zou|wordt|worden|werd|is|zijn|was|en|of|maar|naar|aan|om|dat|die|waarin|waarna|waarbij|"
    r"ik|wij|we|u|uw|hij|zij|heb|hebben|kan|kunnen|wil|willen|moet|moeten|ga|gaan|toe|terug|bij|met|voor|na|"
    r"in|hierover|daarover|graag|informeren|sturen|toesturen|toezenden|zenden|berichten|rapporteren|toekomen|"
    r"aanbieden|ontvangen|komen|geven|ingaan|nader|nog|dan|weer|ook)(?!\w)"
)
_NP = rf"(?: (?!{_STOPS})[^\s,.;:()]+){{1,6}}"

NONE_PREPS = {"van", "sinds", "sedert", "vanaf", "tot", "tot en met", "t/m", "per", "over", "d.d.", "dd"}
NONE_PREPS |= {"met ingang van", "m.i.v."}
BEFORE = {"voor", "uiterlijk voor", "kort voor", "vlak voor", "ruim voor", "tijdig voor", "voorafgaand aan"}
AFTER = {"na", "direct na", "kort na", "vlak na", "meteen na", "na afloop van", "direct na afloop van"}


# ---------------------------------------------------------------------------------------------------------------
# Readings


@dataclass(frozen=True)
class _Reading:
    kind: str | None
    due: date | None = None
    earliest: date | None = None
    rank: int = 0  # 0 a dated phrase, 1 recurring, 2 the rest (events without a date, vague, ...)
    rule: str = ""
    inferred: bool = False
    blocker: bool = False  # a date that is a reference, not a deadline ("het AO van 31 oktober 2013")


_BLOCK = _Reading(None, rank=9, rule="reference", blocker=True)


@dataclass
class _Ctx:
    folded: str
    original: str
    where: list[int]
    on: date | None


def _last_day(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def _first_on_or_after(on: date | None, make: Callable[[int], date | None]) -> tuple[int | None, date | None]:
    """Year resolution: the first year whose reading is on or after D."""
    if on is None:
        return None, None
    for year in range(on.year - 1, on.year + 3):
        d = make(year)
        if d is not None and d >= on:
            return year, d
    return None, None


def _rel_year(rel: str | None, on: date | None) -> int | None:
    if rel is None or on is None:
        return None
    if rel in ("dit", "deze", "het lopende", "het huidige", "het"):
        return on.year
    return on.year + 1


def _accented_voor(m: re.Match[str], ctx: _Ctx) -> bool:
    """ "vóór" is always temporal; plain "voor" before a year or a budget usually means "for"."""
    at = ctx.where[m.start()]
    return ctx.original[at : at + 4].lower() == "vóór"


def _prep(m: re.Match[str]) -> str | None:
    p = m.groupdict().get("prep")
    return p.strip() if p else None


def _year_of(m: re.Match[str], ctx: _Ctx) -> tuple[bool, int | None]:
    """(a year was named, which year) for the optional year after an anchor."""
    if m.group("year"):
        return True, int(m.group("year"))
    rel = m.group("rel")
    if rel:
        return True, _rel_year(rel, ctx.on)
    return False, None


def _resolve(
    m: re.Match[str], ctx: _Ctx, make: Callable[[int], date | None]
) -> tuple[int | None, date | None]:
    """The year and date for an anchor: the named year, else the first occurrence on or after D."""
    named, year = _year_of(m, ctx)
    if named:
        return year, (make(year) if year is not None else None)
    return _first_on_or_after(ctx.on, make)


# -- explicit dates ---------------------------------------------------------------------------------------------

_EX_PREP = (
    r"(?P<prep>uiterlijk op|uiterlijk per|uiterlijk voor|uiterlijk|op|per|voor|tegen|rond|omstreeks|na|vanaf|"
    r"met ingang van|m\.i\.v\.|sinds|sedert|van|d\.d\.|dd|tot en met|tot|t/m)"
)
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag),? )"
_REFERENCE_BEFORE = re.compile(r"(?:\bvan|\bd\.d\.|\bdd|\bsinds|\bgedateerd|\bdato|\bdatum|,|:)\s?$")


def _explicit(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if prep in NONE_PREPS and prep != "per":  # "per 1 juli 2015" is a deadline; "per 2016" is not
        return _BLOCK
    if prep is None and _REFERENCE_BEFORE.search(ctx.folded, max(0, m.start() - 12), m.start()):
        return _BLOCK
    day = int(m.group("day"))
    mname = m.groupdict().get("month")
    month = (
        int(m.group("mnum"))
        if m.groupdict().get("mnum")
        else MONTHS.get(mname or "") or MONTH_ABBR[mname or ""]
    )

    def make(year: int) -> date | None:
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return d - timedelta(days=1) if prep in BEFORE or prep == "uiterlijk voor" else d

    if m.group("year"):
        year: int | None = int(m.group("year"))
        due = make(year) if year else None
    else:
        year, due = _first_on_or_after(ctx.on, make)
    if m.group("year") and due is None:
        return None  # 31 februari
    if prep in AFTER:
        earliest = due + timedelta(days=1) if due else None
        return _Reading("after", None, earliest, rule="na <date>")
    return _Reading("explicit", due, rule=f"{prep or ''} <date>".strip())


# -- months -----------------------------------------------------------------------------------------------------

_MONTH_PREP = (
    r"(?P<prep>uiterlijk in|uiterlijk|in de loop van|ergens in|in de maand|in|voor|tegen|rond|omstreeks|na|vanaf|"
    r"sinds|sedert|tot en met|tot|t/m|per)"
)
_PART_DAY = {"begin": 10, "medio": 20, "half": 20, "midden": 20, "halverwege": 20}


def _month(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, part = _prep(m), m.group("part")
    if prep in NONE_PREPS:
        return _BLOCK
    named, _ = _year_of(m, ctx)
    if not (prep or part or named):
        return None
    month = MONTHS[m.group("month")]
    is_before = prep in BEFORE and not part

    def make(year: int) -> date:
        if is_before:
            return date(year, month, 1) - timedelta(days=1)
        if part in _PART_DAY:
            return date(year, month, _PART_DAY[part])
        return _last_day(year, month)

    year, due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _Reading("after", None, due + timedelta(days=1) if due else None, rule="na <month>")
    return _Reading("month", due, rule=f"{part or prep or ''} <month>".strip())


def _this_month(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    rel, part = m.group("mrel"), m.group("part")
    if rel == "de" and not part:
        return None
    due = None
    if ctx.on is not None:
        first = date(ctx.on.year, ctx.on.month, 1)
        if rel not in ("deze", "de"):
            first += relativedelta(months=1)
        due = first.replace(day=_PART_DAY[part]) if part in _PART_DAY else _last_day(first.year, first.month)
    return _Reading("month", due, rule=f"{rel} maand")


# -- parts of a year, years -------------------------------------------------------------------------------------

_PART_DUE = {"begin": (3, 31), "vroeg in": (3, 31), "medio": (7, 31), "half": (7, 31), "midden": (7, 31)}
_PART_DUE |= {"halverwege": (7, 31), "eind": (12, 31), "einde": (12, 31), "ultimo": (12, 31)}


def _part_of_year(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, part = _prep(m), m.group("ypart")
    if prep in NONE_PREPS:
        return _BLOCK
    if part in ("later in", "later", "laat in", "laat"):
        return _year_from(m, ctx, "year", 12, 31, "later <year>")
    month, day = _PART_DUE[part]
    reading = _year_from(m, ctx, "part_of_year", month, day, f"{part} <year>")
    if prep in AFTER and reading.due:
        return _Reading("after", None, reading.due + timedelta(days=1), rule=f"na {part} <year>")
    return reading


def _year_from(m: re.Match[str], ctx: _Ctx, kind: str, month: int, day: int, rule: str) -> _Reading:
    named, year = _year_of(m, ctx)
    if m.group("rel") == "het" and ctx.on is not None:  # "het einde van het jaar": the first one ahead
        year = _first_on_or_after(ctx.on, lambda y: date(y, month, day))[0]
    return _Reading(kind, date(year, month, day) if year else None, rule=rule)


def _year(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, rel = _prep(m), m.group("rel")
    if prep in NONE_PREPS:
        return _BLOCK
    if rel == "het" or (prep is None and m.group("year")):
        return None  # "het jaar" alone, a bare number
    if rel == "het nieuwe":  # "in het nieuwe jaar" is the start of next year
        if prep not in (None, "in"):
            return None
        year = ctx.on.year + 1 if ctx.on else None
        return _Reading("part_of_year", date(year, 3, 31) if year else None, rule="het nieuwe jaar")
    _, year = _year_of(m, ctx)
    if prep == "voor":
        if not _accented_voor(m, ctx):
            return None  # "voor 2026", "voor volgend jaar" read as "for 2026"
        return _Reading("year", date(year - 1, 12, 31) if year else None, rule="voor <year>")
    if prep in AFTER:
        return _Reading("after", None, date(year + 1, 1, 1) if year else None, rule="na <year>")
    return _Reading("year", date(year, 12, 31) if year else None, rule="<year>")


# -- quarters and halves ----------------------------------------------------------------------------------------


def _quarter(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, part = _prep(m), m.group("part")
    if prep in NONE_PREPS:
        return _BLOCK
    q = int(m.group("qd")) if m.groupdict().get("qd") else (ORDINALS[m.group("ord")] or 4)
    first_month = 3 * q - 2
    if m.groupdict().get("yy"):
        year_named: int | None = 2000 + int(m.group("yy"))
    else:
        year_named = None

    def make(year: int) -> date:
        if prep in BEFORE and not part:
            return date(year, first_month, 1) - timedelta(days=1)
        offset = {"begin": 0, "medio": 1, "midden": 1, "halverwege": 1, "half": 1}.get(part or "", 2)
        return _last_day(year, first_month + offset)

    if year_named:
        due: date | None = make(year_named)
    else:
        _, due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _Reading("after", None, due + timedelta(days=1) if due else None, rule="na <quarter>")
    return _Reading("quarter", due, rule=f"Q{q}")


def _half(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m)
    if prep in NONE_PREPS:
        return _BLOCK
    named, _ = _year_of(m, ctx)
    if m.group("unit") == "helft" and not named:
        return None  # "de tweede helft" of something else
    h = ORDINALS[m.group("ord")] or 2
    if h not in (1, 2):
        return None

    def make(year: int) -> date:
        if prep in BEFORE:
            return date(year, 6 * h - 5, 1) - timedelta(days=1)
        return date(year, 6, 30) if h == 1 else date(year, 12, 31)

    _, due = _resolve(m, ctx, make)
    if prep in AFTER:
        return _Reading("after", None, due + timedelta(days=1) if due else None, rule="na <half>")
    return _Reading("half", due, rule=f"H{h}")


# -- seasons ----------------------------------------------------------------------------------------------------

SEASONS = {"voorjaar": "spring", "lente": "spring", "zomer": "summer", "najaar": "autumn", "herfst": "autumn"}
SEASONS["winter"] = "winter"
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def _season_month_end(season: str, year: int, nth: int) -> date:
    """The last day of the season's nth month (0, 1, 2); a winter belongs to the year it starts in."""
    first = date(year, _SEASON_START[season], 1) + relativedelta(months=nth)
    return _last_day(first.year, first.month)


def _season(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, part, det = _prep(m), m.group("part"), m.group("det")
    season = SEASONS[m.group("season")]
    named, year = _year_of(m, ctx)
    if prep in ("sinds", "sedert", "vanaf", "tot", "tot en met"):
        return _BLOCK
    if prep in ("over", "van") or (not prep and not named and det in (None, "de", "het") and not part):
        return None

    def pick(make: Callable[[int], date | None]) -> date | None:
        if named:
            return make(year) if year is not None else None
        if det and det.endswith(("volgend", "volgende")) and ctx.on is not None:
            on = ctx.on
            start = lambda y: date(y, _SEASON_START[season], 1)  # noqa: E731
            return _first_on_or_after(on, lambda y: make(y) if start(y) > on else None)[1]
        return _first_on_or_after(ctx.on, make)[1]

    if season == "summer" and (prep in BEFORE or prep == "tegen"):
        due = pick(lambda y: _recess(y, "zomerreces").last_sitting_day)
        return _Reading("recess", due, rule="voor de zomer", inferred=_inferred("zomerreces", due))
    if season == "summer" and prep in AFTER:
        # "na ..." resolves on its earliest day (the spec's "na Prinsjesdag" in December is next year's)
        earliest = pick(lambda y: _recess(y, "zomerreces").first_sitting_day)
        due = _recess(earliest.year, "herfstreces").last_sitting_day if earliest else None
        return _Reading("after", due, earliest, rule="na de zomer", inferred=_inferred("zomerreces", due))
    if prep in BEFORE or prep == "tegen":
        due = pick(lambda y: date(y, _SEASON_START[season], 1) - timedelta(days=1))
        return _Reading("season", due, rule=f"voor {season}")
    if prep in AFTER:
        end = pick(lambda y: _season_month_end(season, y, 2))
        return _Reading("after", None, end + timedelta(days=1) if end else None, rule=f"na {season}")
    nth = {"begin": 0, "medio": 1, "half": 1, "midden": 1, "halverwege": 1}.get(part or "", 2)
    due = pick(lambda y: _season_month_end(season, y, nth))
    return _Reading("season", due, rule=f"{part or 'in'} {season}")


# -- recesses ---------------------------------------------------------------------------------------------------

_RECESS_PREP = (
    r"(?P<prep>uiterlijk voor (?:de )?aanvang van|uiterlijk voor het begin van|uiterlijk voor|uiterlijk|"
    r"voor (?:de )?aanvang van|voor het begin van|voor de start van|vlak voor|kort voor|ruim voor|voor|tegen|"
    r"voorafgaand aan|direct na afloop van|na afloop van|direct na|kort na|vlak na|meteen na|na|tijdens|"
    r"gedurende|in|rond|omstreeks|(?:uiterlijk )?(?:voor |tegen |aan |uiterlijk aan )?het eind(?:e)? van|"
    r"aan het begin van)"
)
_RECESS_NAMES = {"zomer": "zomerreces", "kerst": "kerstreces", "herfst": "herfstreces", "mei": "meireces"}
_RECESS_NAMES |= {
    "voorjaars": "voorjaarsreces",
    "krokus": "voorjaarsreces",
    "verkiezings": "verkiezingsreces",
}


def _recess(year: int, name: str) -> pc.Recess:
    r = pc.recess(name, year)
    if r is None:
        raise LookupError(name)
    return r


def _inferred(name: str, due: date | None) -> bool:
    if due is None:
        return False
    r = pc.recess(name, due.year) or pc.recess(name, due.year - 1)
    return bool(r and r.inferred)


def _following(r: pc.Recess) -> pc.Recess:
    """The recess after `r` in the usual cycle (a verkiezingsreces is skipped)."""
    return pc.next_recess(r.start, names=pc.CYCLE)


def _recess_reading(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m) or ""
    if m.group("jw"):  # the turn of the year
        if prep in AFTER:
            year = ctx.on.year if ctx.on else None
            named, y = _year_of(m, ctx)
            year = y if named else year
            if year is None:
                return _Reading("after", rule="na de jaarwisseling")
            nxt = _recess(year + 1, "voorjaarsreces")
            return _Reading("after", nxt.last_sitting_day, date(year + 1, 1, 1), rule="na de jaarwisseling")
        _, due = _resolve(m, ctx, lambda y: date(y, 12, 31))
        return _Reading("part_of_year", due, rule="de jaarwisseling")
    name = "kerstreces" if m.group("kerst") else _RECESS_NAMES.get(m.group("name") or "", "")
    ending = "eind" in prep
    during = prep in ("tijdens", "gedurende", "in", "rond", "omstreeks")
    after = prep in AFTER

    def find(year: int) -> pc.Recess | None:
        if name:
            return pc.recess(name, year)
        return None

    def due_of(r: pc.Recess) -> date:
        if after:
            return _following(r).last_sitting_day
        if ending or during:
            return r.end
        if prep.startswith("aan het begin"):
            return r.start
        return r.last_sitting_day

    named, year = _year_of(m, ctx)
    chosen: pc.Recess | None = None
    if not name:  # "het reces": the next one of any kind
        if ctx.on is not None:
            probe = ctx.on - timedelta(days=120)
            while chosen is None or due_of(chosen) < ctx.on:
                chosen = pc.next_recess(probe)
                probe = chosen.start
    elif named:
        chosen = find(year) if year is not None else None
    elif ctx.on is not None:
        for y in range(ctx.on.year - 1, ctx.on.year + 3):
            r = find(y)
            if r is not None and (r.first_sitting_day if after else due_of(r)) >= ctx.on:
                chosen = r
                break
    label = name or "reces"
    if chosen is None:
        return _Reading("after" if after else "recess", rule=f"{prep} {label}")
    if after:
        return _Reading(
            "after", due_of(chosen), chosen.first_sitting_day, rule=f"na {label}", inferred=chosen.inferred
        )
    return _Reading("recess", due_of(chosen), rule=f"{prep} {label}", inferred=chosen.inferred)


# -- events -----------------------------------------------------------------------------------------------------

_EVENT_PREP = (
    r"(?P<prep>uiterlijk voor|uiterlijk bij|uiterlijk op|uiterlijk met|uiterlijk|kort voor|vlak voor|ruim voor|"
    r"voorafgaand aan|voor|direct na|kort na|na|bij|op|in|met|rond|omstreeks|tijdens|gelijktijdig met|"
    r"tegelijk(?:ertijd)? met|samen met|tegen|ten tijde van)"
)
_NOMINAL = (
    r"(?:(?:de |het )?(?P<nom>publicatie|verschijnen|indiening|presentatie|behandeling|aanbieding|bespreking|"
    r"vaststelling) van )"
)
_EVENT_WORD = (
    r"(?P<ev>prinsjesdag|verantwoordingsdag|miljoenennota|begrotingsbehandelingen|begrotingsbehandeling|"
    r"begrotingsdebat|(?:ontwerp)?begroting|voorjaarsnota|najaarsnota|(?:financieel )?jaarverslag(?:en)?|"
    r"jaarrekening)"
)


def _event(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, ev, nom = _prep(m) or "", m.group("ev"), m.group("nom")
    accented = _accented_voor(m, ctx)
    if "begroting" in ev and nom == "behandeling" or ev.startswith(("begrotingsb", "begrotingsd")):
        ev = "begrotingsbehandeling"
    elif ev.startswith(("begroting", "ontwerpbegroting")):
        ev = "begroting"
    if ev == "begroting" and (prep == "op" or (prep == "voor" and not accented)):
        return None  # "voor de begroting" = for the budget
    if prep == "op" and ev not in ("prinsjesdag", "verantwoordingsdag"):
        return None
    if prep == "in" and ev in ("prinsjesdag", "verantwoordingsdag"):
        return None
    dated: dict[str, Callable[[int], date]] = {
        "prinsjesdag": pc.prinsjesdag,
        "verantwoordingsdag": pc.verantwoordingsdag,
        "miljoenennota": lambda y: pc.prinsjesdag(y - 1),
        "begroting": lambda y: pc.prinsjesdag(y - 1),
        "begrotingsbehandeling": lambda y: pc.budget_debate(y - 1),
        "voorjaarsnota": pc.voorjaarsnota,
        "najaarsnota": pc.najaarsnota,
    }
    key = ev if ev in dated else "jaarverslag"
    # a year names the budget ("begroting 2016") or the report's year ("jaarverslag 2014")
    when: Callable[[int], date] = dated.get(key, lambda y: pc.verantwoordingsdag(y + 1))
    plain: Callable[[int], date] = {
        "miljoenennota": pc.prinsjesdag,
        "begroting": pc.prinsjesdag,
        "begrotingsbehandeling": pc.budget_debate,
        "jaarverslag": pc.verantwoordingsdag,
    }.get(key, when)
    before = prep in BEFORE and key != "begrotingsbehandeling"
    after = prep in AFTER

    def due_of(day: date) -> date:
        if before:
            return day - timedelta(days=1)
        if after:  # "na Prinsjesdag": before the next zomer- or kerstreces
            return pc.next_recess(day, names=("zomerreces", "kerstreces")).last_sitting_day
        return day

    if m.group("year"):
        day: date | None = when(int(m.group("year")))
        due = due_of(day) if day else None
    else:
        # "na ..." resolves on its earliest day, the rest on their due day
        first = (lambda y: plain(y) + timedelta(days=1)) if after else (lambda y: due_of(plain(y)))
        y, _ = _first_on_or_after(ctx.on, first)
        day = plain(y) if y is not None else None
        due = due_of(day) if day else None
    if after:
        return _Reading("after", due, day + timedelta(days=1) if day else None, rule=f"na {ev}")
    return _Reading("event", due, rule=f"{prep} {ev}")


_MEETING = (
    r"(?P<mt>commissiedebat|notaoverleg|algemeen overleg|ao|wetgevingsoverleg|wgo|schriftelijk overleg|"
    r"mondeling overleg|plenair debat|plenaire debat|tweeminutendebat|debat|plenaire behandeling|behandeling|"
    r"stemmingen|stemming|(?:tweede )?kamerverkiezingen|verkiezingen|europese raad|informele raad|"
    r"raad(?! van state)|[a-z]+-raad|eurogroep|ecofin|eu-top|navo-top|top|vergadering|conferentie|bijeenkomst)"
)
_MEETING_PREP = (
    r"(?P<prep>uiterlijk voor|ruim voor|tijdig voor|kort voor|vlak voor|voor|voorafgaand aan|in aanloop naar)"
)
_DATE_IN_TAIL = re.compile(rf"(?P<day>[0-3]?\d) {_MONTH}(?: (?P<year>{_Y4}))?")


def _meeting(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    tail = m.group("tail") or ""
    found = _DATE_IN_TAIL.search(tail)
    if found is None:
        return _Reading("event", rule=f"voor {m.group('mt')}", rank=2)
    day, month = int(found.group("day")), MONTHS[found.group("month")]

    def make(year: int) -> date | None:
        try:
            return date(year, month, day) - timedelta(days=1)
        except ValueError:
            return None

    if found.group("year"):
        due = make(int(found.group("year")))
    else:
        _, due = _first_on_or_after(ctx.on, make)
    return _Reading("event", due, rule=f"voor {m.group('mt')} <date>")


_PROCESS_BEFORE = {"verschijnen", "publicatie", "vaststelling", "afronding", "oplevering", "indiening"}
_PROCESS_BEFORE |= {"inwerkingtreding", "aanvang", "totstandkoming", "bekendmaking", "presentatie", "start"}
_PROCESS_BEFORE |= {"besluitvorming"}


def _process(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep = _prep(m) or ""
    if prep in BEFORE and m.group("nom") not in _PROCESS_BEFORE:
        return None  # "voor de evaluatie van X" is "for the evaluation"
    return _Reading("event", rule=f"{prep} {m.group('nom')}", rank=2)


_STATUS = re.compile(
    r"\b(?:bekend|beschikbaar|gereed|afgerond|klaar|duidelijk|vastgesteld|ontvangen|verschenen|binnen|"
    r"opgeleverd|gepubliceerd|uitgebracht|uitgevoerd|ingediend|genomen|aangenomen|afgesloten|voltooid|"
    r"gesproken|besloten|bekendgemaakt)\b(?: (?:is|zijn|wordt|worden|heeft|hebben|komt|komen|ligt|liggen))?"
)


def _conjunction(m: re.Match[str], ctx: _Ctx) -> tuple[_Reading, int] | None:
    c, clause = m.group("c"), m.group("clause")
    if clause.startswith("mogelijk"):
        return None
    status = _STATUS.search(clause)
    if c in ("wanneer", "als", "nadat") and status is None:
        return None
    words = list(re.finditer(r"\S+", clause))
    end = words[min(len(words), 12) - 1].end()
    if status is not None and status.end() < end and c != "voordat":
        end = status.end()
    return _Reading("event", rule=c, rank=2), m.start("clause") + end


# -- durations, vague phrases, recurring ------------------------------------------------------------------------

_UNIT_DELTA = {
    "dag": relativedelta(days=1), "week": relativedelta(weeks=1), "maand": relativedelta(months=1),
    "jaar": relativedelta(years=1), "kwartaal": relativedelta(months=3), "halfjaar": relativedelta(months=6),
}  # fmt: skip
_VAGUE_COUNTS = {"enkele", "een paar", "een aantal", "afzienbare"}


_UNITS = {"werkdagen": "werkdag", "dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
_UNITS |= {"kwartalen": "kwartaal", "half jaar": "halfjaar"}


def _unit(word: str) -> str:
    return _UNITS.get(word, word)


def _add_working_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _duration(m: re.Match[str], ctx: _Ctx) -> _Reading | None:
    prep, count, unit = _prep(m), m.group("n"), _unit(m.group("unit"))
    after = m.group("after")
    if prep is None and not after:
        return None
    if prep == "na" and not after:
        return None  # "na elf maanden" tells a story
    if count in _VAGUE_COUNTS or unit in ("tijd", "termijn"):
        return _Reading("vague", rank=2, rule="binnen enkele ...")
    if after:
        return _Reading("duration", rule="<duration> na X", rank=2)
    if count in ("een half", "een halve"):
        months = {"jaar": 6}.get(unit)
        delta = relativedelta(months=months) if months else None
    elif count in ("anderhalf", "anderhalve"):
        delta = {"jaar": relativedelta(months=18), "maand": relativedelta(weeks=6)}.get(unit)
    else:
        n = NUMBERS.get(count, 0) if not count.isdigit() else int(count)
        if n == 0:
            return None
        if unit == "werkdag":
            due = _add_working_days(ctx.on, n) if ctx.on else None
            return _Reading("duration", due, rule="binnen <n> werkdagen")
        delta = _UNIT_DELTA[unit] * n if unit in _UNIT_DELTA else None
    if delta is None:
        return None
    return _Reading("duration", ctx.on + delta if ctx.on else None, rule=f"binnen <n> {unit}")


def _vague(m: re.Match[str], ctx: _Ctx) -> _Reading:
    return _Reading("vague", rank=2, rule="vague")


def _week(m: re.Match[str], ctx: _Ctx) -> _Reading:
    # the convention has no week kind; the phrase is kept, kind and due stay open (devset README)
    return _Reading(None, rank=2, rule="week")


def _recurring(m: re.Match[str], ctx: _Ctx) -> _Reading:
    word = (m.group("adj") or m.group("every") or m.group("every2") or m.group("per") or "").replace(" ", "")
    times = (m.group("times") or "").replace("maal", " maal").split()
    n = 1
    if times:
        n = int(times[0]) if times[0].isdigit() else NUMBERS.get(times[0], 0)
    period: str | None
    if word.startswith(("halfjaar", "zesmaandelijks")) or (word == "jaar" and n == 2):
        period = "half"
    elif word.startswith(("kwartaal", "driemaandelijks")) or (word == "jaar" and n == 4):
        period = "quarter"
    elif word.startswith("maand") or (word == "jaar" and n == 12):
        period = "month"
    elif word in ("jaarlijks", "jaar", "voorjaar", "najaar", "zomer") and n == 1:
        period = "year"
    else:
        period = None  # tweejaarlijks, wekelijks, periodiek: no period to close
    due = None
    if period and ctx.on is not None:
        on = ctx.on
        if period == "year":
            due = date(on.year, 12, 31)
        elif period == "half":
            due = date(on.year, 6, 30) if on.month <= 6 else date(on.year, 12, 31)
        elif period == "quarter":
            q_end = 3 * ((on.month - 1) // 3) + 3
            due = _last_day(on.year, q_end)
        else:
            due = _last_day(on.year, on.month)
    return _Reading("recurring", due, rank=1, rule=f"recurring {period or word}")


# ---------------------------------------------------------------------------------------------------------------
# The grammar

_Handler = Callable[[re.Match[str], _Ctx], "_Reading | tuple[_Reading, int] | None"]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (
        _rx(
            rf"\b(?:{_EX_PREP} )?{_WEEKDAY}?(?P<day>[0-3]?\d)(?:e|ste|de)? {_MONTH_ANY}(?: (?P<year>{_Y4}))?"
            r"(?: a\.s\.| as\.| aanstaande)?"
        ),
        _explicit,
    ),
    (_rx(rf"\b(?:{_EX_PREP} )?(?P<day>[0-3]?\d)-(?P<mnum>[01]?\d)-(?P<year>{_Y4})"), _explicit),
    (_rx(rf"\b(?:{_MONTH_PREP} )?{_PART_OF}?(?:de maand )?{_MONTH}{_YEAR_TAIL}"), _month),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk|voor|tegen|rond|in|nog|aan|in de loop van) )?(?:(?:het )?"
            r"(?P<part>begin|medio|half|midden|eind|einde|ultimo)(?: van)? )?"
            r"(?P<mrel>deze|de volgende|de komende|volgende|komende|aanstaande|de) maand(?!\w)"
        ),
        _this_month,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk|voor|tegen|rond|in|aan|na|vanaf|sinds|tot|ergens in) )?(?:het )?"
            r"(?P<ypart>begin|medio|half|midden|halverwege|eind|einde|ultimo|vroeg in|later in|laat in|later)"
            rf"(?: van)? (?:{_YEAR_CORE})"
        ),
        _part_of_year,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk in|uiterlijk|in de loop van|ergens in|nog in|in|voor|tegen|na|vanaf|sinds|"
            rf"sedert|tot en met|tot|t/m|gedurende|per|over|van|rond|omstreeks) )?(?:{_YEAR_CORE})"
        ),
        _year,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk in|uiterlijk|in de loop van|ergens in|in|voor|tegen|rond|na|vanaf|sinds|"
            rf"tot|gedurende) )?{_PART_OF}?(?:de |het )?{_ORD} kwartaal{_YEAR_TAIL}"
        ),
        _quarter,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk in|uiterlijk|in|voor|tegen|na|vanaf|sinds|tot|rond) )?(?P<part>)"
            rf"q(?P<qd>[1-4])(?:(?: |-)(?:van )?(?P<year>{_Y4})| ?'(?P<yy>\d\d)|(?P<rel>))(?!\w)"
        ),
        _quarter,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk in|uiterlijk|in de loop van|in|voor|tegen|na|vanaf|sinds|gedurende) )?"
            rf"(?:de |het )?{_ORD} (?P<unit>helft|halfjaar|half jaar|jaarhelft){_YEAR_TAIL}"
        ),
        _half,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk voor|uiterlijk in|uiterlijk|in de loop van|ergens in|kort voor|vlak voor|"
            r"voorafgaand aan|voor|tegen|direct na|kort na|vlak na|meteen na|na|rond|omstreeks|tijdens|gedurende|"
            r"vanaf|sinds|tot|in|over|van) )?"
            rf"{_PART_OF}?(?:(?P<det>het komende|het aankomende|het volgende|de|het|dit|deze|komend|komende|"
            r"aankomend|aankomende|aanstaand|aanstaande|volgend|volgende) )?"
            r"(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)(?:periode|maanden|vakantie|seizoen)?(?!\w)"
            rf"{_YEAR_TAIL}"
        ),
        _season,
    ),
    (
        _rx(
            rf"\b{_RECESS_PREP} (?:het |de )?(?:(?P<name>zomer|kerst|herfst|voorjaars|krokus|mei|verkiezings)?"
            r"reces(?:periode)?|(?P<kerst>kerstmis|kerst(?:dagen|vakantie|periode)?)|(?P<jw>jaarwisseling))"
            rf"(?!\w){_YEAR_TAIL}"
        ),
        _recess_reading,
    ),
    (
        _rx(
            rf"\b{_EVENT_PREP} (?:de |het )?{_NOMINAL}?(?:de |het )?{_EVENT_WORD}"
            rf"(?: (?:voor |van )?(?P<year>{_Y4}))?(?!\w)"
        ),
        _event,
    ),
    (
        _rx(
            rf"\b{_MEETING_PREP} (?:de |het )(?:(?:eerstvolgende|volgende|komende|aanstaande|geplande|"
            rf"aangekondigde|informele|formele|plenaire|eerste|tweede) )*{_MEETING}(?!\w)"
            rf"(?P<tail>(?: (?:over|inzake|van|op|m\.b\.t\.|met betrekking tot|aangaande|omtrent)(?!\w){_NP})?)"
        ),
        _meeting,
    ),
    (
        _rx(
            r"\b(?P<prep>uiterlijk voor|kort voor|vlak voor|voor|voorafgaand aan|direct na afloop van|direct na|"
            r"kort na|na|bij|ten tijde van|gelijktijdig met|tegelijk(?:ertijd)? met) (?:de |het )?"
            r"(?P<nom>verschijnen|publicatie|vaststelling|afronding|ontvangst|oplevering|indiening|"
            r"inwerkingtreding|afloop|aanvang|totstandkoming|bekendmaking|presentatie|start|besluitvorming|"
            rf"evaluatie|uitkomsten|uitkomst|resultaten)(?!\w)(?: (?:van|over|door|inzake)(?!\w){_NP})?"
        ),
        _process,
    ),
    (
        _rx(r"\b(?P<c>zodra|voordat|nadat|wanneer|als|zo gauw als) (?P<clause>[^,.;:()?!]{1,160})"),
        _conjunction,
    ),
    (
        _rx(
            r"\b(?:(?P<prep>uiterlijk binnen|binnen de komende|binnen|over|in de komende|gedurende de komende|"
            rf"de komende|in|na|uiterlijk) )?(?P<n>{_NUM}|een half|een halve|anderhalf|anderhalve|enkele|"
            r"een paar|een aantal|afzienbare) (?P<unit>werkdagen|werkdag|dagen|dag|weken|week|maanden|maand|"
            r"jaren|jaar|kwartalen|kwartaal|halfjaar|half jaar|tijd|termijn)(?!\w)(?: tijd)?"
            r"(?P<after> na (?:afloop van |ontvangst van |afronding van |de start van |het begin van |"
            r"aanvang van |inwerkingtreding van |vaststelling van |publicatie van |de inwerkingtreding van |"
            rf"de vaststelling van |de publicatie van )?(?:de |het |dit |deze )?[^\s,.;:()]+{_NP}?)?"
        ),
        _duration,
    ),
    (
        _rx(
            r"\b(?:zo (?:spoedig|snel|vlot|kort|gauw) (?:als )?mogelijk(?: is)?|zsm|z\.s\.m\.?|zo spoedig|"
            r"spoedig(?:er)?|binnenkort|op (?:zo kort mogelijke|zeer korte|korte|middellange|(?:wat )?langere|"
            r"lange|afzienbare) termijn|op termijn|binnen afzienbare (?:tijd|termijn)|te zijner tijd|t\.z\.t\.?|"
            r"op een later(?:e)? (?:moment|tijdstip|datum)|in een later(?:e)? (?:stadium|fase)|"
            r"op een nader te bepalen (?:moment|datum|tijdstip)|(?:in |gedurende )?de (?:komende|aankomende|"
            r"eerstkomende) (?:periode|tijd|weken|maanden|jaren|dagen)|(?:in )?de nabije toekomst|"
            r"zodra (?:dat |dit )?mogelijk(?: is)?|met spoed|onverwijld|per ommegaande)(?!\w)"
        ),
        _vague,
    ),
    (
        _rx(
            r"\b(?:(?:uiterlijk|voor|in|nog|aan|tegen) )?(?:(?:het )?(?:begin|eind|einde|midden)(?: van)? )?"
            r"(?:deze|volgende|komende|de komende|de volgende|aanstaande) week(?!\w)"
        ),
        _week,
    ),
    (
        _rx(
            r"\b(?:(?P<adj>(?:half|twee|drie|vier|vijf)?jaarlijks|(?:drie|twee|zes)?maandelijks|wekelijks|"
            r"periodiek|kwartaal(?:lijks|gewijs))e?(?!\w)|(?P<times>(?:een|twee|drie|vier|zes|twaalf|\d{1,2}) ?"
            r"(?:keer|maal)|tweemaal|driemaal|viermaal|eenmaal) per (?P<per>jaar|kwartaal|maand|halfjaar|half jaar)"
            r"(?!\w)|(?:elk|ieder|elke|iedere|per) (?P<every>kwartaal|half ?jaar|maand)(?!\w)|"
            r"(?:elk|ieder) (?P<every2>jaar|voorjaar|najaar)(?!\w))"
        ),
        _recurring,
    ),
]

# Nothing below can match without one of these (checked on the raw text, so it errs on the generous side).
_QUICK = re.compile(
    r"\d|jaar|kwartaal|helft|zomer|voorjaar|najaar|winter|herfst|lente|reces|kerst|prinsjesdag|nota|begroting|"
    r"verantwoordingsdag|maand|week|weken|dag|spoedig|snel|vlot|gauw|binnenkort|termijn|zijner|periode|tijd|"
    r"zodra|voordat|nadat|wanneer|als|debat|overleg|raad|verkiezing|wisseling|januari|februari|maart|april|"
    r"mei|juni|juli|augustus|september|oktober|november|december|toekomst|moment|stadium|fase|later|"
    r"spoed|onverwijld|ommegaande|z\.?s\.?m|t\.?z\.?t|periodiek|q[1-4]|medio|ultimo|eurogroep|ecofin|top|"
    r"vergadering|conferentie|bijeenkomst|behandeling|stemming|verschijnen|publicatie|vaststelling|afronding|"
    r"ontvangst|oplevering|indiening|inwerkingtreding|afloop|aanvang|totstandkoming|bekendmaking|presentatie|"
    r"start|besluitvorming|evaluatie|uitkomst|resultaten",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Candidate:
    start: int  # folded offsets
    end: int
    reading: _Reading
    order: int  # the rule's place in the grammar, for ties


def _candidates(ctx: _Ctx) -> list[_Candidate]:
    found: list[_Candidate] = []
    for order, (pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(ctx.folded):
            got = handler(m, ctx)
            if got is None:
                continue
            reading, end = got if isinstance(got, tuple) else (got, m.end())
            end = _trim(ctx.folded, m.start(), end)
            if end > m.start():
                found.append(_Candidate(m.start(), end, reading, order))
    return found


def _trim(folded: str, start: int, end: int) -> int:
    while end > start and folded[end - 1] in " ,":
        end -= 1
    return end


def _precedence(c: _Candidate) -> tuple[int, int, int, int]:
    # dated readings and references (which veto what they cover) before the rest, then the longest
    tier = 0 if c.reading.blocker or c.reading.rank == 0 else 1
    return tier, -(c.end - c.start), c.start, c.order


def _non_overlapping(found: list[_Candidate]) -> list[_Candidate]:
    """A phrase inside a longer phrase is part of it ("Q1" in "Q1 2015"); a dated reading beats an undated
    one around it ("voordat het kabinet in het najaar besluit")."""
    chosen: list[_Candidate] = []
    for c in sorted(found, key=_precedence):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_APPROXIMATE = re.compile(r", (?:rond|omstreeks|circa|ca\.|naar verwachting) ")


def _merge_appositions(chosen: list[_Candidate], folded: str) -> list[_Candidate]:
    """An event with an approximate date beside it ("gelijktijdig met de voorjaarsnota, rond eind april") is
    one phrase; the two dates disagree, so it keeps no date."""
    out: list[_Candidate] = []
    for c in chosen:
        if out and out[-1].reading.kind == "event" and not out[-1].reading.blocker:
            prev = out[-1]
            gap = folded[prev.end : c.start + 12]
            if c.start - prev.end <= 2 and _APPROXIMATE.match(folded, prev.end) and gap:
                merged = _Reading("event", rank=2, rule=f"{prev.reading.rule} + approximate date")
                out[-1] = _Candidate(prev.start, c.end, merged, prev.order)
                continue
        out.append(c)
    return out


def _scan(text: str, on: date | None, drop_past: bool) -> list[Deadline]:
    """Every deadline reading in `text`, best first."""
    if not text or not _QUICK.search(text):
        return []
    folded, where = _fold(text)
    ctx = _Ctx(folded, text, where, on)
    chosen = _merge_appositions(_non_overlapping(_candidates(ctx)), folded)
    out: list[tuple[int, int, Deadline]] = []
    for c in chosen:
        r = c.reading
        if r.blocker:
            continue
        limit = r.due or r.earliest
        if drop_past and on is not None and limit is not None and limit < on:
            continue  # a date already past is a reference, not a deadline
        start, end = where[c.start], where[c.end - 1] + 1
        d = Deadline(text[start:end], start, end, r.due, r.earliest, r.kind, r.rule, r.inferred)
        out.append((r.rank, c.start, d))
    return [d for _, _, d in sorted(out, key=lambda t: (t[0], t[1]))]


def find_deadline(text: str, on: date | None) -> Deadline | None:
    """The time phrase in `text` that sets a deadline, resolved against the date `on` (D)."""
    found = _scan(text, on, drop_past=True)
    return found[0] if found else None


def normalise(phrase: str, on: date | None) -> Deadline | None:
    """Normalise one phrase (the `toezeggingen deadline` command). A date in the past is still read."""
    found = _scan(phrase, on, drop_past=False)
    if not found:
        return None
    # the reading that covers most of the phrase is the one the user typed
    return max(found, key=lambda d: d.end - d.start)
