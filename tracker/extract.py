"""Finding commitments, fulfilments and postponements in a document.

Pure: a `SourceText` (or a plain string) and a date in, an `Analysis` out. Rules, no model (see
docs/extraction.md): the text is split into sentences; each sentence is tested against families of
patterns for a government undertaking (commitments), for a reference to an earlier commitment or request that
this document answers (fulfilments), and for a new date for an earlier commitment (postponements).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import accumulate, chain, count
from typing import Any

import ahocorasick

from tracker.citations import Reference, find_references
from tracker.deadlines import Deadline, find_deadline
from tracker.lexicon import MONTH_NAMES
from tracker.sentences import Sentence, split_sentences
from tracker.source import Segment, SourceText
from tracker.version import extractor_version

log = logging.getLogger(__name__)

__all__ = [
    "EXTRACTOR_VERSION",
    "Analysis",
    "FoundCommitment",
    "FoundFulfilment",
    "FoundPostponement",
    "Reference",
    "analyse",
    "to_json",
]


@dataclass(frozen=True)
class FoundCommitment:
    text: str
    start: int
    end: int
    actor: str | None  # minister, staatssecretaris, kabinet, ...
    confidence: float
    deadline: Deadline | None
    vague: bool = False
    conditional: bool = False
    speaker: str | None = None
    from_chair_list: bool = False
    refs: tuple[Reference, ...] = ()
    rule: str = ""
    refers_to: str | None = None  # for "die toezegging kan ik doen": the sentence that says what is promised


@dataclass(frozen=True)
class FoundFulfilment:
    text: str
    start: int
    end: int
    refs: tuple[Reference, ...] = ()
    partial: bool = False
    rule: str = ""


@dataclass(frozen=True)
class FoundPostponement:
    text: str
    start: int
    end: int
    deadline: Deadline | None
    refs: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Analysis:
    date: date | None
    commitments: tuple[FoundCommitment, ...] = ()
    fulfilments: tuple[FoundFulfilment, ...] = ()
    postponements: tuple[FoundPostponement, ...] = ()


# Derived from the code and calendar data the extractor reads with (tracker/version.py): it cannot go stale.
EXTRACTOR_VERSION = extractor_version()

# ---------------------------------------------------------------------------------------------------------
# Vocabulary. All patterns run on the lowercased sentence text.

W = r"(?:\s+[^\s,;:]+)"  # one more word of the same clause
GOV = r"(?:ik|wij|we|het kabinet|de regering)"  # the government speaking
THIRD = (
    r"(?:(?:de\s+(?:minister-president|minister|staatssecretaris|bewindspersoon|bewindslieden)"
    r"|(?:mijn|onze)\s+(?:ambtgeno(?:o|)t(?:en)?|collega(?:'s)?))"
    r"(?:\s+(?:van|voor)\s+[\wë&'-]+(?:(?:\s+en|,)?\s+[\wë&'-]+){0,4}?)?|het\s+kabinet|de\s+regering)"
)
ACTOR = rf"(?:{GOV}|{THIRD}(?:\s+en\s+ik)?)"
K = r"(?:u|uw\s+kamer|de\s+(?:tweede\s+|eerste\s+)?kamer|de\s+(?:vaste\s+)?commissie|uw\s+commissie|jullie)"
# Verbs that deliver something to the Kamer or report back: infinitives (and separable ones) for the future.
DELIVER_INF = (
    r"(?:informeren(?!\s+door\s+(?!middel\b))|sturen(?!\s+op\b)|zenden|toesturen|toezenden|versturen|verzenden|opsturen|doorsturen|"
    r"berichten|"
    r"rapporteren|(?:doen|laten)\s+toekomen|toekomen|aanbieden|voorleggen|ingaan|in\s+gaan|terugkomen|"
    r"terug\s+komen|melden|delen|beantwoorden|toelichten|uiteenzetten|presenteren|reageren|laten\s+weten|"
    r"(?:op\s+de\s+hoogte|in\s+kennis)\s+(?:stellen|houden|brengen)|ter\s+kennis\s+brengen|"
    r"schetsen|verstrekken|toezenden|nagaan|bezien|onderzoeken|uitzoeken|verkennen|bekijken|"
    r"(?:een\s+)?(?:nadere\s+|verdere\s+)?(?:toelichting|reactie|overzicht|update|antwoord)\s+(?:geven|sturen)|"
    r"geven|meenemen|mee\s+nemen|komen\s+met|met\s+\S+\s+komen|publiceren|openbaar\s+maken|indienen|"
    r"verslag\s+(?:doen|uitbrengen)|(?:aan)?leveren|"
    # acting on the Kamer's behalf: asking someone, seeing to something, passing a question on
    # (a verb, not the noun "de vragen", nor a purpose "om ervoor te zorgen")
    r"(?<!de\s)(?<!uw\s)(?<!die\s)(?<!deze\s)(?<!van\s)(?<!op\s)(?<!alle\s)(?<!specifieke\s)(?<!te\s)vragen|"
    r"navragen|(?<!te\s)(?:ervoor\s+|er\s+voor\s+)?(?<!te\s)zorgen|zorg\s+dragen|(?:erop\s+)?aansturen|"
    r"doorgeleiden|overbrengen|agenderen|aankaarten|onder\s+de\s+aandacht\s+brengen)"
)
# Telling verbs: a promise to the Kamer only when the Kamer (or "u") is named.
_TELL = re.compile(
    r"(?:informeren|delen|melden|berichten|laten\s+weten|op\s+de\s+hoogte\s+\w+|in\s+kennis\s+\w+|"
    r"ter\s+kennis\s+brengen)$"
)
# In a debate a letter named is one still to come: "een reactie geven in de voortgangsbrief over …".
_SPOKEN_DOC = re.compile(
    r"\b(?:in|bij|met)\s+(?:de|het|een|mijn|onze)\s+(?:\S+\s+)?\S*(?:brief|rapportage|nota|monitor)\b"
    r"(?!\s+(?:van|d\.d\.)\s+\d)"
)
# "Ik stel voor dat ik dat op schrift stel en aan de Kamer toestuur": a proposal is about the future.
_PROPOSAL = re.compile(r"\b(?:stel|stellen)\s+(?:ik\s+|wij\s+|we\s+)?voor\s+(?:dat\s+(?:ik|wij|we)|om)\b")
# Coming back to a point or going into it is a promise only with a time, the Kamer or a later document.
_REPORT_BACK = re.compile(
    r"(?:terugkomen|terug\s+komen|terug|ingaan|in\s+gaan|uiteenzetten|toelichten|in\s+op)$"
)
# Looking into something counts when a report back is implied: the Kamer named, a time, or a later document.
EXPLORE = re.compile(
    r"(?:nagaan|bezien|onderzoeken|uitzoeken|verkennen|bekijken|meenemen|mee\s+nemen|geven)$"
)
DELIVER_PRES = (
    r"(?:informeer|informeert|informeren|stuur|stuurt|sturen|zend|zendt|zenden|bericht|berichten|rapporteer|"
    r"rapporteert|rapporteren|bied|biedt|bieden|verstuur|verstuurt|versturen|toestuur|toezend|opstuur|doorstuur|kom|komt|komen|geef|"
    r"geeft|geven|deel|deelt|delen|meld|meldt|melden|houd|houdt|houden|zoom|zoomt|zoomen|schets|schetst|"
    r"schetsen|licht|licht|lichten|stel(?!\s+voor\b)|stelt|stellen|leg|legt|leggen)"
)
# What a "toezeggen dat/om …" must go on to promise: an act in the future.
_PROMISED_ACT = re.compile(
    rf"\b(?:zal|zullen|ga|gaat|gaan|kom|komt|te\s+\w+|{DELIVER_PRES})\b|\b{DELIVER_INF}\b"
)
DELIVERABLE = (
    r"(?:brief|kamerbrief|verzamelbrief|voortgangsbrief|rapportage|voortgangsrapportage|eindrapportage|"
    r"evaluatie|overzicht|notitie|nota|kabinetsreactie|beleidsreactie|reactie|plan\s+van\s+aanpak|actieplan|"
    r"wetsvoorstel|amvb|monitor|onderzoek|uitkomsten|resultaten|stand\s+van\s+zaken|tijdpad|planning|"
    r"technische\s+briefing|beantwoording|antwoorden|rapport|verslag|analyse|uitwerking|voorstel|visie|"
    r"bevindingen|informatie|toelichting|update|agenda|routekaart|plan)"
)
FUTURE_DOC = (
    rf"\b(?:in|bij|met)\s+(?:de|het|een|mijn|onze)\s+(?:volgende|komende|eerstvolgende|nieuwe|separate|"
    rf"afzonderlijke|aparte|nadere|\d+e|\w+de)\s+\S*{DELIVERABLE}\b"
    rf"|\b(?:in|bij)\s+(?:de|het)\s+\S*{DELIVERABLE}\s+(?:van|over)\s+(?:{MONTH_NAMES}|het\s+(?:voorjaar|najaar)|"
    rf"\d{{4}})"
)

# Acts for the Kamer beyond delivering something: asking around, talking to others, pressing a point.
ACT_INF = (
    r"(?:navraag\s+doen|in\s+(?:gesprek|overleg|contact|dialoog)\s+(?:gaan|treden)|"
    r"(?:het|een|dat|dit|nader)\s+gesprek\s+(?:aangaan|aan\s+gaan|voeren|opzoeken|zoeken)|gesprekken\s+voeren|"
    r"overleggen|overleg\s+voeren|contact\s+(?:opnemen|zoeken|leggen)|bespreken|"
    r"aandacht\s+(?:besteden|vragen|schenken)|aan\s+de\s+orde\s+stellen|opbrengen|"
    r"aandringen|pleiten|opdracht\s+geven|laten\s+(?:onderzoeken|uitzoeken|nagaan|uitwerken)|doorgeven|"
    r"ter\s+sprake\s+brengen|(?:de|een|het)\s+(?:suggestie|voorstel|appel|beroep)\s+doen)"
)
# Talking is an act for the Kamer only with someone else: "in gesprek gaan met de VS", not "met elkaar".
_TALK = re.compile(r"(?:gesprek\w*|overleg|contact|dialoog)\s+\S+$|(?:overleggen|bespreken|voeren)$")
_WITH_OTHERS = re.compile(
    r"\bmet\s+(?!elkaar\b|u\b|uw\s+kamer\b|de\s+(?:tweede\s+)?kamer\b|(?:de|uw)\s+commissie\b|jullie\b)\S"
)
# Words a sentence may open with before its subject: "Anders komt de brief …", "Dan gaat het rapport …".
OPENER = r"anders|dan|daarna|vervolgens|ook|en|maar|dus|nou|ja|uiteindelijk"
DOC_SUBJECT = (
    rf"^(?:(?:{OPENER})\s+)?(?:de|het|een|deze|dit|die|mijn|onze)\s+(?:[^\s,;]+\s+)?[\w-]*{DELIVERABLE}\b"
)
_TO_OTHERS = re.compile(
    r"\b(?:aan|naar)\s+(?:de|het|alle)\s+(?!(?:tweede\s+|eerste\s+)?kamer\b|(?:vaste\s+)?commissie\b)"
)
SENT_PART = r"(?:verstuurd|verzonden|gestuurd|toegestuurd|toegezonden|opgestuurd|aangeboden)"

ON_PAPER = r"(?:per\s+brief|schriftelijk|op\s+papier|op\s+schrift)\b"

_COMMIT_RULES: list[tuple[str, float, re.Pattern[str]]] = [
    (
        "C-ZEG-TOE",
        0.95,
        re.compile(
            rf"\b{ACTOR}\s+zeg(?:t|gen)?{W}{{0,8}}?\s+toe\b(?!\s*\?)|\bzeg(?:t|gen)?\s+{ACTOR}{W}{{0,8}}?\s+toe\b"
            r"|\b(?:bij\s+dezen|hierbij)\s+toegezegd\b"
            rf"|\b{GOV}\s+(?:kan|kunnen|wil|willen)\s+(?:\S+\s+){{0,5}}?toezeggen\b"
            rf"|\b{GOV}\s+(?:\S+\s+){{0,6}}?(?:wil|zou|kan)\s+(?:willen\s+|kunnen\s+)?toezeggen\b"
            rf"|\b(?:kan|wil)\s+(?:ik|wij|we)\b(?:\s+\S+){{0,3}}?\s+(?:de|een|die|deze)\s+toezegging\s+doen\b"
            rf"|\b{GOV}\s+(?:kan|wil)\b(?:\s+\S+){{0,3}}?\s+(?:de|een|die|deze)\s+toezegging\s+doen\b"
            rf"|\b(?:kan|kunnen|wil|willen)\s+{GOV}\s+(?:\S+\s+){{0,5}}?toezeggen\b"
        ),
    ),
    (
        "C-ZAL",
        0.9,
        re.compile(
            rf"\b{ACTOR}\s+(?:zal|zullen|ga|gaan|gaat){W}{{0,30}}?\s+{DELIVER_INF}\b"
            rf"|\b(?:zal|zullen|ga|gaan|gaat)\s+{ACTOR}{W}{{0,30}}?\s+{DELIVER_INF}\b"
            rf"|\b{ACTOR}{W}{{0,14}}?\s+{DELIVER_INF}\s+(?:zal|zullen|ga|gaan|gaat)\b"
            rf"|\b{ACTOR}{W}{{1,12}}?\s+(?:zal|zullen)\s+(?:\S+\s+)?{DELIVER_INF}\b"
            # "Daar wil ik naar kijken en zal daar dan een reactie op geven": the subject left out after "en"
            rf"|\b{GOV}\b[^.;]{{0,80}}?\b(?P<dropped>(?:en|maar)\s+(?:zal|zullen)\b{W}{{0,20}}?\s+{DELIVER_INF})\b"
        ),
    ),
    (
        "C-VERWACHT",
        0.8,
        re.compile(
            rf"\b(?:verwacht(?:en)?|hoop|hopen|streef|streven|beoog|beogen)\s+{GOV}\b.{{0,160}}?\bte\s+"
            rf"(?:kunnen\s+)?{DELIVER_INF}\b"
            rf"|\b{GOV}\s+(?:verwacht(?:en)?|hoop|hopen|streef|streven|beoog|beogen)\b.{{0,160}}?\bte\s+"
            rf"(?:kunnen\s+)?{DELIVER_INF}\b"
            rf"|\b{GOV}\s+(?:verwacht(?:en)?|hoop|hopen)\s+(?:er\s+)?(?:naar\s+)?dat\s+{GOV}\b{W}{{0,14}}?\s+"
            rf"(?:(?:kan|kunnen|zal|zullen)\s+(?:\S+\s+)?{DELIVER_INF}|{DELIVER_INF}\s+(?:kan|kunnen|zal|zullen))\b"
        ),
    ),
    (
        "C-VOORNEMEN",
        0.8,
        re.compile(
            rf"\b(?:ben|zijn|is)\s+(?:ik\s+|wij\s+|we\s+|het\s+kabinet\s+)?(?:voornemens|van\s+plan|bereid)\b.{{0,160}}?"
            rf"\bte\s+{DELIVER_INF}\b|\b(?:mijn|ons|het)\s+voornemen\b.{{0,160}}?\bte\s+{DELIVER_INF}\b"
            rf"|\b(?:voornemens|bereid)\s+(?:ben|zijn)\b.{{0,120}}?\bte\s+{DELIVER_INF}\b"
            rf"|\b(?:mijn|ons)\s+voorstel\s+(?:is|zou\s+zijn)\b.{{0,160}}?\bte\s+{DELIVER_INF}\b"
            rf"|\b(?:voornemens|van\s+plan|voornemen)\b.{{0,60}}?\bmet\b.{{0,80}}?\bte\s+komen\b"
            rf"|\b(?:bedoeling|planning|verwachting|streven)\s+dat\b.{{0,120}}?\b(?:naar|aan|bij)\s+{K}\s+"
            rf"(?:gaat|gaan|komt|komen|wordt|worden)\b"
            rf"|\b(?:heb|hebben)\s+(?:ik\s+|wij\s+|we\s+)?(?:de\s+)?(?:intentie|bedoeling)\b.{{0,160}}?\bte\s+{DELIVER_INF}\b"
            rf"|\b(?:mijn|onze|de|het)\s+(?:planning|bedoeling|intentie|streven|inzet)\s+is\b.{{0,160}}?"
            rf"\bte\s+{DELIVER_INF}\b"
            rf"|\b(?:(?:heb|hebben)\s+{GOV}|{GOV}\s+(?:heb|hebben))\s+(?:er\s*voor\s+|ervoor\s+)?gekozen\b"
            rf".{{0,160}}?\bte\s+{DELIVER_INF}\b"
        ),
    ),
    (
        "C-KAN-WIL",
        0.7,
        re.compile(
            rf"\b(?:kan|kunnen|wil|willen)\s+{GOV}{W}{{0,20}}?\s+{DELIVER_INF}\b"
            rf"|\b{GOV}\s+(?:kan|kunnen|wil|willen){W}{{0,20}}?\s+{DELIVER_INF}\b"
            rf"|\b{GOV}{W}{{1,12}}?\s+(?:kan|kunnen|wil|willen)\s+{DELIVER_INF}\b"
            # "Dat kan ik binnen een paar maanden per brief hier hebben liggen"
            rf"|\b(?:kan|kunnen)\s+{GOV}{W}{{0,12}}?\s+{ON_PAPER}{W}{{0,3}}?\s+(?:hebben\s+)?liggen\b"
            rf"|\b{GOV}\s+(?:kan|kunnen){W}{{0,12}}?\s+{ON_PAPER}{W}{{0,3}}?\s+(?:hebben\s+)?liggen\b"
        ),
    ),
    (
        "C-KOM-TERUG",
        0.85,
        re.compile(
            rf"\b{ACTOR}\s+(?:kom|komen|komt){W}{{0,10}}?\s+(?:op\s+)?terug\b"
            rf"|\b(?:kom|komen|komt)\s+{ACTOR}{W}{{0,10}}?\s+(?:op\s+)?terug\b"
        ),
    ),
    (
        "C-KOM-MET",
        0.85,
        re.compile(
            rf"\b{ACTOR}\s+(?:kom|komen|komt){W}{{0,6}}?\s+met\s+(?:een|de|het)\s+(?:\S+\s+)?\S*{DELIVERABLE}"
            rf"|\b(?:kom|komen|komt)\s+{ACTOR}{W}{{0,6}}?\s+met\s+(?:een|de|het)\s+(?:\S+\s+)?\S*{DELIVERABLE}"
            # across an aside ("Ik kom nog voor de zomer — …, dus binnen anderhalve week, met een actieplan"):
            # the guard then asks for a time
            rf"|\b{GOV}\s+(?:kom|komen)\b[^.;]{{1,160}}?,\s+met\s+(?:een|de|het)\s+(?:\S+\s+)?\S*{DELIVERABLE}"
        ),
    ),
    ("C-HOUD", 0.85, re.compile(rf"\b{ACTOR}\s+(?:houd|houden|houdt)\s+{K}\s+(?:\S+\s+)?op\s+de\s+hoogte\b")),
    (
        # "Dat doe ik met het onderzoek … aan mevrouw Paulusma toekomen": present tense of "doen toekomen"
        "C-DOE-TOEKOMEN",
        0.85,
        re.compile(
            rf"\b(?:doe|doen)\s+{GOV}\b{W}{{0,14}}?\s+toekomen\b|\b{GOV}\s+(?:doe|doen)\b{W}{{0,14}}?\s+toekomen\b"
        ),
    ),
    (
        # "Ik zal navraag doen", "Ik zal … in gesprek gaan met de VS": a first-person act beyond delivering
        "C-ZAL-ACT",
        0.75,
        re.compile(
            rf"\b(?:ik|wij|we)\s+(?:zal|zullen)\b{W}{{0,14}}?\s+{ACT_INF}\b"
            rf"|\b(?:zal|zullen)\s+(?:ik|wij|we)\b{W}{{0,14}}?\s+{ACT_INF}\b"
        ),
    ),
    (
        # a document as subject on its way to the Kamer: "Het plan van aanpak … gaat in het najaar naar de
        # Kamer toe", "Deze Kamerbrief wordt naar verwachting kort na de zomer verstuurd"
        "C-DOC",
        0.75,
        re.compile(
            rf"{DOC_SUBJECT}{W}{{0,16}}?\s+(?:gaat|gaan|komt|komen|zal|zullen)\b{W}{{0,10}}?\s+naar\s+{K}\b"
            rf"|{DOC_SUBJECT}{W}{{0,16}}?\s+(?:wordt|worden|zal|zullen)\b{W}{{0,10}}?\s+{SENT_PART}\b"
        ),
    ),
    (
        # what a later document will hold: "In de MIRT-brief van volgend jaar voorjaar zal de actuele stand
        # van zaken worden opgenomen" (needs a time or a later document)
        "C-IN-DOC",
        0.75,
        re.compile(
            rf"^(?:(?:{OPENER})\s+)?(?:in|bij)\s+(?:de|het|een|mijn|onze)\s+(?:\S+\s+)?[\w-]*{DELIVERABLE}\b{W}{{0,10}}?"
            rf"\s+(?:zal|zullen|wordt|worden)\b{W}{{0,10}}?\s+(?:worden\s+)?(?:opgenomen|meegenomen|ingegaan|"
            rf"toegelicht|beschreven|gerapporteerd|geschetst|uiteengezet|weergegeven|gepresenteerd)\b"
        ),
    ),
    (
        "C-PRES-TIME",
        0.85,
        re.compile(
            rf"\b{ACTOR}\s+{DELIVER_PRES}\b|\b{DELIVER_PRES}\s+{ACTOR}\b"
            rf"|\b{ACTOR}\s+(?:(?!(?:hij|zij|ze|men)\s)\S+\s+){{0,8}}?{DELIVER_PRES}\b"
            rf"(?!\s+(?:ik|wij|we)\b)"
            rf"|\b{ACTOR}\s+(?:ga|gaat|gaan)\b{W}{{0,8}}?\s+in\s+op\b|\b(?:ga|gaat|gaan)\s+{ACTOR}\b{W}{{0,8}}?\s+in\s+op\b"
            rf"|\b(?:neem|nemen)\s+{GOV}\b{W}{{0,8}}?\s+mee\b|\b{GOV}\s+(?:neem|nemen)\b{W}{{0,8}}?\s+mee\b"
        ),
    ),
    (
        "C-KAMER-ONTVANGT",
        0.85,
        re.compile(
            rf"\b{K}\s+(?:ontvangt|ontvangen|krijgt|krijgen)\b|\b(?:ontvangt|krijgt)\s+{K}\b"
            rf"|\b(?:dat|die|welke)\s+{K}{W}{{0,6}}?\s+(?:ontvangt|ontvangen|krijgt|krijgen)\b"
            rf"|\b{K}\s+(?:zal|zullen|zult)\b{W}{{0,10}}?\s+(?:ontvangen|krijgen)\b"
            rf"|\b(?:zal|zullen|zult)\s+{K}\b{W}{{0,10}}?\s+(?:ontvangen|krijgen)\b"
            rf"|\b{K}(?:\s+\S+){{0,10}}?\s+(?:wordt|worden)(?:\s+\S+){{0,10}}?\s+(?:geïnformeerd|bericht|"
            rf"ingelicht|op\s+de\s+hoogte\s+(?:gesteld|gehouden|gebracht)|toegezonden|toegestuurd)\b"
            rf"|\b(?:wordt|worden)\s+{K}\b(?:\s+\S+){{0,10}}?\s+(?:geïnformeerd|bericht|ingelicht|op\s+de\s+hoogte)"
            rf"|\bkun(?:t|nen)\s+{K}{W}{{0,10}}?\s+tegemoet\s+zien\b|\b{K}\s+(?:kunt|kan)\b.{{0,80}}tegemoet\s+zien"
            rf"|\b(?:mag|mogen)\s+{K}{W}{{0,10}}?\s+verwachten\b|\b{K}\s+(?:mag|mogen)\b{W}{{0,10}}?\s+verwachten\b"
        ),
    ),
    (
        "C-PASSIEF",
        0.8,
        re.compile(
            rf"\b(?:zal|zullen)\b(?:\s+\S+){{0,14}}?\s+(?:{K}|(?:aan|met|naar)\s+{K})\b(?:\s+\S+){{0,10}}?\s+"
            rf"(?:worden|zijn)\s+(?:gestuurd|toegestuurd|toegezonden|verzonden|gedeeld|aangeboden|voorgelegd|"
            rf"gemeld|geïnformeerd|bericht|gerapporteerd)\b"
            rf"|\b(?:zal|zullen)\s+{K}\b(?:\s+\S+){{0,10}}?\s+worden\s+(?:gestuurd|toegestuurd|toegezonden|"
            rf"verzonden|aangeboden|voorgelegd|geïnformeerd)\b"
            rf"|\b(?:zal|zullen)\b(?:\s+\S+){{0,10}}?\s+(?:aan|met|naar)\s+{K}\b(?:\s+\S+){{0,6}}?\s+worden\s+"
            rf"(?:gestuurd|toegestuurd|toegezonden|verzonden|gedeeld|aangeboden|voorgelegd|gezonden)\b"
            rf"|\b(?:zal|zullen)\b(?:\s+\S+){{0,12}}?\s+bij\s+{K}\b(?:\s+\S+){{0,4}}?\s+worden\s+"
            rf"(?:ingediend|aangeboden|voorgelegd)\b"
        ),
    ),
    (
        "C-PASSIEF-PRES",
        0.75,
        re.compile(
            rf"\b(?:wordt|worden)\b{W}{{0,10}}?\s+(?:aan|met|naar)\s+{K}\b{W}{{0,6}}?\s+(?:gestuurd|toegestuurd|"
            rf"toegezonden|verzonden|gedeeld|aangeboden|voorgelegd|gezonden)\b"
            rf"|\b(?:aan|met|naar)\s+{K}\s+(?:wordt|worden)\b{W}{{0,10}}?\s+(?:gestuurd|toegestuurd|toegezonden|"
            rf"verzonden|gedeeld|aangeboden|voorgelegd|gezonden)\b"
            rf"|\b(?:wordt|worden)\s+(?:u|uw\s+kamer)\b{W}{{0,10}}?\s+(?:gestuurd|toegestuurd|toegezonden|"
            rf"verzonden|aangeboden|voorgelegd|gezonden)\b"
        ),
    ),
    (
        "C-ER-KOMT",
        0.75,
        re.compile(
            rf"^(?:de\s+|een\s+|het\s+)?(?:\S+\s+)?(?:beantwoording|toezending|verzending|{DELIVERABLE})\b"
            rf"(?:\s+\S+){{0,12}}?\s+(?:zal|zullen)\s+(?:\S+\s+){{0,10}}?(?:plaatsvinden|volgen|verschijnen|"
            rf"worden\s+(?:verzonden|gestuurd|toegezonden|aangeboden|gepubliceerd))\b"
            rf"|\b(?:er\s+(?:komt|volgt)|(?:komt|volgt)\s+er)\s+(?:\S+\s+){{0,3}}?\S*{DELIVERABLE}\b"
            rf"|\b(?:komt|volgt|verschijnt)\s+(?:de|het|een)\s+\S*{DELIVERABLE}\b"
            rf"|\b\S*{DELIVERABLE}\b.{{0,80}}?\b(?:naar|bij)\s+{K}\s+(?:gaat|komt)\b"
            rf"|^(?:dat|dit|die|het)\s+(?:zal|komt|volgt)\s+(?:zijn\s+)?in\s+(?:de|het|een)\s+\S*{DELIVERABLE}\b"
            rf"|^(?:de|een|het)\s+(?:\S+\s+)?\S*{DELIVERABLE}\s+(?:volgt|komt)\b(?!.*\baan\s+de\s+orde\b)"
        ),
    ),
]
# In a chair's list or a register text the minister is spoken of in the third person.
_REGISTER = re.compile(
    rf"^(?:\S+\s+){{0,3}}?{THIRD}\s+(?:zegt|zeggen|zal|zullen|stuurt|sturen|informeert|komt|neemt|gaat|laat|"
    rf"geeft|deelt|bekijkt|onderzoekt|brengt|zorgt|verkent|betrekt|reageert|kijkt|zoekt|licht|houdt|"
    rf"heeft\s+(?:ook\s+)?toegezegd|wil|verzendt|bericht|rapporteert|agendeert|vraagt|voert|treedt|gaan)\b"
    rf"|\btoe\s+te\s+(?:zeggen|sturen)\b|\b{THIRD}\b.{{0,80}}\bzeg(?:t|gen)\b.{{0,200}}\btoe\b"
)
_REGISTER_TEXT = re.compile(rf"{THIRD}\s+(?!heeft\b|had\b|was\b|is\b)\w+")
# A chair restating a promise outside the closing list ("De minister komt erop terug voor het reces").
_CHAIR_RESTATE = re.compile(
    rf"^(?:\S+\s+){{0,3}}?{THIRD}\s+(?:zegt\b.{{0,200}}\btoe|heeft\s+(?:ook\s+)?toegezegd|"
    rf"(?:zal|zullen)\b.{{0,200}}\b{DELIVER_INF}|komt\b.{{0,120}}\b(?:terug|met)|stuurt|informeert)\b"
)
# The chair's words around the list: announcements, checks, to whom an item was made.
_CHAIR_META = re.compile(
    r"\b(?:toezeggingen|genoteerd|de\s+volgende\s+toezegging|een\s+toezegging\s+gemist|laatste\s+toezegging)\b"
    r"|^(?:dit|dat|deze|die)\b.{0,30}\b(?:gericht\s+aan|toezegging\s+aan)\b"
    r"|^(?:ja|nee|correct|klopt\s+dat|check|dank\s+u\s+wel|één|twee|drie)\b[.?!]?$|\?$"
)
_REFER_BACK = re.compile(
    r"\b(?:die|deze|dat|dit|die\s+laatste)\s+toezegging\s+(?:kan|wil|doe)\s+ik\b|\bdat\s+zeg\s+ik\b.{0,20}\btoe\b"
    r"|\b(?:dat|dit|die|het)\s+(?:kan|wil)\s+ik\s+(?:\S+\s+){0,3}?toezeggen\b"
)

DELIVER_NOW = re.compile(
    r"\b(?:hierbij|bij\s+dezen|(?<!verband\s)(?<!samenhang\s)(?<!lijn\s)hiermee|bijgaand|hierbijgaand|als\s+bijlage|in\s+de\s+bijlage|"
    r"gelijktijdig\s+met\s+deze|tegelijk\s+met\s+deze|met\s+dit\s+schrijven)\b"
    r"|\b(?:in|met|bij|via|middels|door|van)\s+(?:deze|dit|onderhavige)\s+(?:\S+\s+)?"
    r"(?:brief|kamerbrief|schrijven|notitie|nota|rapportage|voortgangsrapportage|voortgangsbrief|verzamelbrief)\b"
    r"|\bik\s+zal\s+deze\s+brief\b|\bhieronder\b|\bhierna\b|\bin\s+het\s+navolgende\b"
)
PAST = re.compile(
    r"\b(?:heb|hebben|had|hadden|heeft)\b(?:\s+\S+){0,14}?\s+(?:toegezegd|geïnformeerd|gestuurd|gemeld|bericht|"
    r"aangegeven|laten\s+weten|aangekondigd|geschreven|meegedeeld|medegedeeld|gezegd|beloofd|gedaan|"
    r"toegezonden|verzonden|ontvangen|gevraagd|verzocht|ingegaan|aangeboden|afgesproken|uiteengezet|gesteld)\b"
    r"|\b(?:zegde|zegden)\b.{0,80}\btoe\b|\btoegezegd\b|\b(?:was|waren|werd|werden)\b"
    r"|\b(?:is|zijn)\b(?:\s+\S+){0,8}?\s+(?:geïnformeerd|toegezonden|gestuurd|bericht|gemeld|ontvangen|"
    r"aangeboden|verzonden)\b"
)
NEGATION = re.compile(
    r"\b(?:niet|geen|nooit|noch|niets)\b(?!\s+(?:alleen|later|eerder\s+dan|meer\s+dan\s+\d))"
)
REQUEST_BEFORE = re.compile(
    r"\b(?:verzoekt|verzoeken|vraagt|vragen|verzocht|vroeg|vroegen|gevraagd|wilt\s+u|zou\s+u|"
    r"kunt\s+u\s+(?!\S+\s+tegemoet))\b|\bvraag\b(?:\s+\S+){0,6}?\s+of\b"
)
# A motion or request quoted: the government is asked, it does not promise.
_GOVERNMENT_ASKED = re.compile(
    r"\b(?:verzoekt|verzoeken|verzocht|vraagt|roept)\s+(?:\S+\s+){0,3}?(?:de\s+regering|het\s+kabinet|de\s+minister)\b"
    r"|\b(?:de\s+regering|het\s+kabinet|de\s+minister)\s+(?:wordt|werd|is)\s+(?:\S+\s+){0,3}?"
    r"(?:verzocht|gevraagd|opgeroepen)\b"
    r"|\b(?:wordt|werd)\s+(?:de\s+regering|het\s+kabinet|de\s+minister)\s+(?:\S+\s+){0,3}?"
    r"(?:verzocht|gevraagd|opgeroepen)\b"
)
QUESTION = re.compile(r"\?[»”’\"')]*\s*$")
CONDITIONAL = re.compile(
    r"(?:^|[,;:]\s*|\s[–-]\s*)(?:als|indien|mits|mocht|ingeval|tenzij|voor\s+zover)\b|\b(?:indien|mits|tenzij|"
    r"in\s+het\s+geval\s+dat|mocht(?:en)?\s+\S+)\b|\bals\s+(?:daar|daartoe|dat|er)\s+aanleiding\b"
)
LATER_HERE = re.compile(
    r"\b(?:ga|gaan)\s+(?:ik|we|wij)\s+(?:nu\s+)?(?:over\s+)?(?:naar|tot)\b|"
    r"\b(?:er|daar|hier|daarop|erop|hierop|dat|die)\s+(?:\S+\s+)?zo\s+(?:nog\s+)?(?:op\s+)?(?:terug|in)\b"
    r"|\bin\s+(?:mijn|deze|de)\s+(?:bijdrage|beantwoording|termijn|eerste\s+termijn)\b|\bin\s+dit\s+debat\b"
    r"|\bzou(?:den)?\s+zeggen\b"
    r"|\b(?:straks|zo\s+meteen|zometeen|zo\s+dadelijk|zodadelijk|in\s+(?:de|mijn)\s+(?:tweede|volgende)\s+"
    r"termijn|later\s+in\s+(?:dit|het|mijn)\s+(?:debat|betoog|beantwoording)|in\s+(?:het|een)\s+(?:volgend|"
    r"ander)\s+blokje|bij\s+het\s+blokje|in\s+het\s+blokje|nog\s+even\s+op\s+terug|daar\s+kom\s+ik\s+zo)\b"
)
PERIODIC = re.compile(
    r"\b(?:periodiek|jaarlijks|halfjaarlijks\w*|driemaandelijks|maandelijks|telkens|steeds)\b"
)
FUTURE_WORDS = re.compile(
    r"\b(?:binnenkort|spoedig|zo\s+spoedig|zo\s+snel|t\.z\.t\.|te\s+zijner\s+tijd|separate|afzonderlijke|"
    r"aparte|nadere|nader|later|vervolgens|daarna|nog|volgende|komende|tijdig|direct|na\s+afloop)\b"
)

# Fulfilment: the document answers an earlier commitment or request.
_OBJ = r"(?:toezegging(?:en)?|verzoek(?:en)?|vraag|vragen|motie|moties|brief|verzoek|wens|oproep)"
_REQUESTER = (
    r"(?:(?:de|uw)\s+(?:vaste\s+)?commissie|(?:uw|de)\s+kamer|het\s+lid|de\s+leden|de\s+heer|mevrouw|"
    r"commissieleden|kamerleden|kamerlid|(?:de\s+)?fractie|de\s+commissieleden)"
)
_F_STRONG: list[tuple[str, re.Pattern[str]]] = [
    ("F-GESTAND", re.compile(r"\btoezegging(?:en)?\b.{0,60}\bgestand\b|\bgestand\b.{0,30}\btoezegging")),
    (
        "F-KOM-NA",
        re.compile(
            r"\b(?:kom|komen)\s+(?:ik|wij|we)\b.{0,60}\btoezegging(?:en)?\b.{0,60}\bna\b"
            r"|\btoezegging(?:en)?\b.{0,60}\b(?:kom|komen)\s+(?:ik|wij|we)\b.{0,40}\bna\b"
            r"|\btoezegging(?:en)?\s+na\s+te\s+komen\b"
        ),
    ),
    (
        "F-ZOALS",
        re.compile(
            r"\b(?:zoals|conform|overeenkomstig|volgens|ingevolge)\s+(?:eerdere?\s+|reeds\s+)?(?:(?:aan\s+)?(?:uw|de)"
            r"\s+kamer\s+)?(?:(?:mijn|de|onze|uw|het|is|werd|was)\s+)?(?:toegezegd|toezegging|verzoek|gevraagd|"
            r"verzocht|afgesproken)"
        ),
    ),
    (
        "F-INVULLING",
        re.compile(
            rf"\b(?:geef|geven)\s+(?:ik|wij|we)\b.{{0,60}}\b(?:invulling|uitvoering|gevolg)\s+aan\b.{{0,40}}\b{_OBJ}"
            rf"|\bter\s+uitvoering\s+van\s+(?:de|mijn|deze|het|onze|uw)\s+(?:\S+\s+)?{_OBJ}"
            # "Met het rapport wordt uitvoering gegeven aan … de toezeggingen", "beschouwd als de uitvoering
            # van mijn toezegging"
            rf"|\b(?:wordt|worden|is|zijn)\s+(?:hiermee\s+|hierbij\s+|daarmee\s+|hiervoor\s+)?(?:invulling|uitvoering|"
            rf"gevolg)\s+gegeven\s+aan\b.{{0,240}}?\b{_OBJ}"
            rf"|\bals\s+(?:de\s+)?(?:uitvoering|invulling)\s+van\s+(?:de|mijn|deze|het|onze|uw)\s+(?:\S+\s+)?{_OBJ}"
        ),
    ),
    (
        "F-VOLDOE",
        re.compile(
            r"\b(?:voldoe|voldoen)\s+(?:ik|wij|we)\b.{0,40}\baan\b.{0,40}\b(?:toezegging|verzoek)"
            r"|\b(?:hiermee|hierbij|daarmee|met\s+deze\s+brief)\s+(?:wordt|is)\s+(?:voldaan\s+aan\s+.{0,60}?\b"
            r"(?:toezegging|verzoek|motie)|aan\s+.{0,60}?\b(?:toezegging|verzoek|motie)\w*\s+(?:\S+\s+)?voldaan)\b"
        ),
    ),
    ("F-TEGEMOET", re.compile(r"\b(?:tegemoet|gehoor)\s+aan\b.{0,40}\b(?:toezegging|verzoek|wens|oproep)")),
    (
        "F-BEANTWOORD",
        re.compile(
            rf"\b(?:beantwoord|beantwoorden|reageer|reageren)\s+(?:ik|wij|we)\b.{{0,60}}\b(?:vragen|vraag|verzoek|{_OBJ})"
            rf"|\b(?:geef|geven)\s+(?:ik|wij|we)\b.{{0,40}}\b(?:reactie|antwoord)\s+op\b.{{0,40}}\b{_OBJ}"
            rf"|\b(?:deze\s+brief|hierbij|hiermee)\b.{{0,30}}\b(?:is|vormt|bevat)\s+(?:een|mijn|onze|de)\s+(?:\S+\s+)?"
            rf"(?:reactie|antwoord)\s+op\b.{{0,40}}\b{_OBJ}"
            rf"|\b(?:betrek|betrekken|behandel|behandelen)\s+(?:ik|wij|we)\s+(?:\S+\s+){{0,3}}?(?:de|uw)\s+vragen\b"
            rf".{{0,120}}\b{_REQUESTER}"
        ),
    ),
    ("F-AFGEDAAN", re.compile(r"\btoezegging(?:en)?\b.{0,40}\b(?:als\s+)?(?:afgedaan|afgerond|voldaan)\b")),
    (
        "F-INGAAN",
        re.compile(
            rf"\b(?:ga|gaan)\s+(?:ik|wij|we)\b.{{0,120}}\bin\s+op\b.{{0,40}}\b{_OBJ}"
            rf"|\b(?:ik|wij|we)\s+(?:ga|gaan)\s+(?:\S+\s+){{0,3}}in\s+op\b.{{0,40}}\b{_OBJ}"
            rf"|\b(?:informeer|informeren)\s+(?:ik|wij|we)\s+u\b.{{0,40}}\bover\b.{{0,40}}\btoezegging"
            rf"|\b(?:ik|wij|we)\s+(?:informeer|informeren)\s+u\b.{{0,40}}\bover\b.{{0,60}}\btoezegging"
            rf"|\binformeer\s+(?:ik|wij|we)\s+u\b.{{0,60}}\b(?:uitvoering|stand\s+van\s+zaken)\s+van\s+(?:de|mijn|onze)\s+"
            rf"(?:\S+\s+)?(?:motie|toezegging)"
        ),
    ),
    (
        # a committee's record that the questions were answered by letter ("De Staatssecretaris heeft deze
        # vragen beantwoord bij brief van …"): it stands for a document that says nothing else (see analyse)
        "F-ANSWERED",
        re.compile(rf"\b{THIRD}\s+heeft\s+(?:deze|de|die)\s+vragen\s+beantwoord\s+bij\s+brief\b"),
    ),
    (
        "F-SELF",
        re.compile(
            r"^(?:deze\s+brief|dit\s+schrijven)\s+(?:vormt|is)\s+(?:tevens\s+|ook\s+)?(?:de|het|mijn|onze)\s+"
            r"(?:\S+\s+){0,3}?\S*(?:rapportage|voortgangsbrief|verzamelbrief|brief|overzicht|reactie|update)\b"
            r"(?!\s+(?:van|d\.d\.)\s+\d)"
        ),
    ),
    (
        "F-REACTIE",
        re.compile(
            rf"\b(?:naar\s+aanleiding\s+van|in\s+reactie\s+op|als\s+reactie\s+op|in\s+antwoord\s+op|"
            rf"in\s+vervolg\s+op|op\s+verzoek\s+van)\s+(?:uw|het|de|een|mijn|onze)\s+(?:\S+\s+){{0,3}}?{_OBJ}\b"
            rf"|\bop\s+(?:het\s+)?verzoek\s+van\s+(?:uw|de|het)\s+(?:vaste\s+)?(?:commissie|kamer|lid|leden)\b"
        ),
    ),
    (
        "F-GEVRAAGD",
        re.compile(
            r"\b(?:gevraagde|toegezegde|verzochte|beloofde)\s+(?:\S+\s+)?\S*"
            r"(?:brief|rapport|rapportage|overzicht|informatie|reactie|notitie|stukken|gegevens|toelichting)"
            r"|\b(?:hierbij|bijgaand|bij\s+dezen|treft\s+u)\b.{0,100}\b(?:mijn|onze|de)\s+(?:beantwoording|"
            r"antwoorden|(?:kabinets)?reactie\s+op\s+(?:uw|het|de)\s+(?:\S+\s+){0,6}?(?:verzoek|vragen|vraag|brief|motie))\b"
        ),
    ),
]
_F_PAST_PROMISE = re.compile(
    r"\b(?:heb|hebben|heeft)\b.{0,160}?\b(?:toegezegd|toezegging(?:en)?\s+gedaan|beloofd)\b"
    r"|\b(?:heb|hebben)\s+(?:ik|wij|we)\b.{0,80}\baangegeven\b.{0,80}\bte\s+zullen\b"
    r"|\b(?:heb|hebben)\s+(?:ik|wij|we)\s+(?:u|uw\s+kamer)\s+(?:\S+\s+){0,2}?(?:geïnformeerd|bericht|laten\s+weten|gemeld)"
    r"\s+dat\s+(?:ik|wij|we)\b.{0,120}?\b(?:zal|zullen|zou|zouden|\w*(?:bied|stuur|zend|informeer))\b"
    r"|\b(?:is|werd)\b.{0,120}?\baangegeven\s+dat\b.{0,160}?\b(?:zou|zouden)\b"
    r"|\b(?:is|werd|zijn|werden)\b.{0,120}?\btoegezegd\b"
)
_F_MEETING = re.compile(
    r"\b(?:tijdens|in|bij)\s+(?:het|de|hetzelfde|datzelfde)\s+(?:\S+\s+){0,2}?(?:algemeen\s+overleg|ao|"
    r"commissiedebat|notaoverleg|wetgevingsoverleg|wgo|debat|vragenuur|schriftelijk\s+overleg|"
    r"procedurevergadering|regeling\s+van\s+werkzaamheden|behandeling|overleg|vao)\b"
)
_F_REQUEST = re.compile(
    rf"\b(?:verzocht|vroeg|vroegen)\s+{_REQUESTER}\b"
    rf"|\b(?:heeft|hebben)\s+{_REQUESTER}\b.{{0,100}}?\b(?:gevraagd|verzocht)\b"
    rf"|\bdoor\s+{_REQUESTER}(?:\s+(?!heeft\b|hebben\b|is\b)[\w-]+){{0,3}}\s+(?:gevraagd|verzocht)\b"
    rf"|(?<!door\s)\b{_REQUESTER}\b(?:\s+[\w-]+){{0,6}}?\s+(?:heeft|hebben|vroeg|vroegen|verzocht)\b.{{0,100}}?"
    rf"\b(?:gevraagd|verzocht|om)\b"
    rf"|\bdoor\s+{_REQUESTER}.{{0,60}}\bhet\s+verzoek\s+gedaan\b"
    rf"|\b(?:is|werd|zijn|werden)\s+(?:mij|ons|het\s+kabinet|de\s+regering)\b.{{0,80}}?\b(?:gevraagd|verzocht)\b"
)
# A motion that asks the government for something this letter then answers.
_F_MOTION = re.compile(
    r"\bmotie\b.{0,200}?\b(?:verzocht|gevraagd)\b.{0,60}?\b(?:de\s+regering|het\s+kabinet|mij)\b"
    r"|\b(?:de\s+regering|het\s+kabinet)\s+(?:wordt|werd)\s+(?:\S+\s+){0,3}?verzocht\b"
    r"|\b(?:wordt|werd)\s+(?:de\s+regering|het\s+kabinet)\s+(?:\S+\s+){0,3}?verzocht\b"
)
_F_REQUEST_WHAT = re.compile(
    r"\b(?:verzocht|vroeg|vroegen|gevraagd|verzoek\s+gedaan)\b(?:\s+\S+){0,20}?\s+(?:om\s+(?:een|de|het|nadere|"
    r"meer|informatie|inzicht|\S+\s+te\b)|naar\b|wanneer\b|of\b|hoe\b|te\s+(?:reageren|melden|informeren|sturen))"
    r"|\bom\s+(?:een|de|het)\s+\S+\b.{0,40}\b(?:verzocht|gevraagd)\b"
)
_PARTIAL = re.compile(
    r"\b(?:deels|gedeeltelijk|een\s+eerste\s+deel|voor\s+een\s+deel|de\s+overige\s+(?:punten|onderdelen|"
    r"vragen)\s+(?:volgen|komen)|een\s+deel\s+van\s+de\s+(?:toezegging|vragen))\b"
)
POSTPONE = re.compile(
    r"\blater\b(?:\s+\S+){0,3}?\s+dan\s+(?:toegezegd|gepland|voorzien|verwacht|aangekondigd|beoogd)\b"
    r"|\blukt\s+(?:het\s+)?(?:mij\s+|ons\s+)?(?:helaas\s+)?niet\b|\bniet\s+(?:eerder|voor|vóór)\b.{0,40}\b(?:mogelijk|lukt|"
    r"gereed)\b|\bniet\s+(?:binnen|voor|vóór)\s+de\s+(?:gestelde|gebruikelijke|toegezegde|afgesproken|"
    r"gevraagde)\s+termijn\b|\bniet\s+mogelijk\s+(?:is|gebleken|om)\b|\b(?:is|blijkt|bleek)\s+(?:het\s+)?"
    r"(?:helaas\s+)?niet\s+mogelijk\b|\bmeer\s+tijd\s+(?:nodig|kost|vergt|in\s+beslag|vraagt)\b"
    r"|\bniet\s+aan\s+(?:het|uw|dit)\s+(?:\S+\s+)?verzoek\s+(?:kan\s+)?(?:voldoen|tegemoet\s+komen)\b"
    r"|\btot\s+mijn\s+spijt\s+niet\b|\b(?:is|was)\s+(?:het\s+|dit\s+|dat\s+)?(?:helaas\s+)?niet\s+gelukt\b"
    r"|\b(?:extra|langer|meer)\s+tijd\s+nodig\b"
)
# Delay words count when the sentence is about something for the Kamer, not about a project's delays.
DELAY = re.compile(
    r"\b(?:uitstel|vertraging|uitgesteld|vertraagd|verschuift\s+naar|niet\s+(?:haalbaar|te\s+halen))\b"
)
DELAY_WHAT = re.compile(
    r"\b(?:brief|beantwoording|antwoorden|reactie|rapport\w*|toezending|evaluatie|notitie|toezegging|informatie|"
    r"kamer)\b"
)


# Quick tests, each part of a word one that the pattern cannot match without: every branch of POSTPONE holds
# one of the first and one of the second, every branch of DELAY one of the third.
_POSTPONE_NEEDS = frozenset(("niet", "later", "meer", "nodig"))
_POSTPONE_NEEDS_ALSO = frozenset(
    ("later", "lukt", "mogelijk", "gereed", "termijn", "tijd", "verzoek", "spijt")
)
_DELAY_NEEDS = frozenset(("uitstel", "uitgesteld", "vertra", "verschuift", "haalbaar", "halen"))


def _postpones(low: str, literals: set[str]) -> bool:
    if (
        not (literals.isdisjoint(_POSTPONE_NEEDS) or literals.isdisjoint(_POSTPONE_NEEDS_ALSO))
        and POSTPONE.search(low) is not None
    ):
        return True
    return not literals.isdisjoint(_DELAY_NEEDS) and bool(DELAY.search(low) and DELAY_WHAT.search(low))


# A promise to answer questions or a request later: this letter does not answer them yet.
ANSWER_LATER = re.compile(
    r"\b(?:beantwoorden|beantwoording|reageren|reactie|antwoord)\b.{0,80}\b(?:vragen|vraag|verzoek|motie)\b"
    r"|\b(?:vragen|vraag|verzoek|motie)\b.{0,160}\b(?:beantwoorden|beantwoording|reageren)\b"
)

# Footnote markers glued to a word ("Jeugd1", "toegezegd5:", "leidend.1").
# One or two digits after a letter, a bracket or quote, or a letter and a full stop: the digit comes first in
# the pattern and what stands before it is looked behind at, so the engine skips ahead from digit to digit.
_MARKER = re.compile(r"\d(?:(?<=[a-zà-ÿ)»”’]\d)|(?<=[a-zà-ÿ)]\.\d))\d?(?=[\s.,;:)]|$)")
_PLAIN_NOTE = re.compile(
    r"(?m)^[ \t]*(?:X\s+)?Noot\s*(\d{1,2})?\s*[:.]?[ \t]*\n?(?:[ \t]*(\d{1,2})[ \t]*\n+)?[ \t]*(\S[^\n]*)"
    r"|^[ \t]*(\d{1,2})[ \t]+(?=[A-Z(])([^\n]{3,300})$"
)
_SPEAKER_LINE = re.compile(
    r"(?m)^[ \t]*(De\s+voorzitter|Voorzitter|De\s+heer\s+[^\n:]{1,60}|Mevrouw\s+[^\n:]{1,60}|"
    r"(?:De\s+)?[Mm]inister(?:-president)?\s*[^\n:]{0,60}|"
    r"(?:De\s+)?[Ss]taatssecretaris\s*[^\n:]{0,60})\s*:[ \t]*$"
)
_LETTER_ACTOR = re.compile(r"\bBRIEF\s+VAN\s+DE\s+(MINISTER-PRESIDENT|MINISTERS?|STAATSSECRETARIS)")
# Where a note's or a speaker's line can start: a line break, and what such a line opens with.
_NOTE_LINE = re.compile(r"\n[ \t]*[XN\d]")
_SPEAKER_LINE_OPENS = re.compile(r"\n[ \t]*[DVMmSs]")


def _line_matches(pattern: re.Pattern[str], opens: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that matches only where a line starts: tried only at
    the start and where `opens` finds a line that could hold it (a scan at every position cost more)."""
    found: list[re.Match[str]] = []
    end = 0
    for start in chain((0,), (m.start() + 1 for m in opens.finditer(text))):
        if start >= end and (m := pattern.match(text, start)):
            found.append(m)
            end = m.end()
    return found


# ---------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Unit:
    """A sentence with what the document says about where it stands."""

    sentence: Sentence
    role: str | None = None  # chair | minister | staatssecretaris | member | None (a letter)
    speaker: str | None = None
    chair_list: bool = False
    footnote: bool = False
    register: bool = False  # a register text: read like an item of the chair's list
    listed: bool = False  # said by the chair after announcing the toezeggingen (a list not marked as one)
    notes: list[str] = field(default_factory=list)  # footnote numbers glued to it
    raw: str = ""  # the sentence as it stands in the document (offsets of references are taken from it)


def _deadline(text: str, on: date | None) -> Deadline | None:
    """The time that binds the promise: the first time phrase of the sentence, unless that is only a lower
    bound or vague and a later phrase names a date ("na de zomer … dan durf ik een termijn te noemen:
    september")."""
    first = _read_deadline(text, on)
    if first is None or first.kind not in ("after", "vague") or first.end <= 0:
        return first
    offset = first.end
    for _ in range(3):
        later = _read_deadline(text[offset:], on)
        if later is None or later.end <= 0:
            break
        if later.due is not None and later.kind not in ("after", "vague") and (on is None or later.due >= on):
            return replace(later, start=later.start + offset, end=later.end + offset)
        offset += later.end
    return first


def _read_deadline(text: str, on: date | None) -> Deadline | None:
    try:
        return find_deadline(text, on)
    except NotImplementedError:
        return None
    except Exception:  # a bug in the deadline reader must not lose the commitment
        log.exception("find_deadline failed on %r", text[:120])
        return None


def _role_from_label(label: str) -> str:
    low = label.lower()
    if "voorzitter" in low:
        return "chair"
    if "staatssecretaris" in low:
        return "staatssecretaris"
    if "minister" in low:
        return "minister"
    return "member"


def _leaves(source: SourceText) -> list[tuple[Segment, Segment | None]]:
    """The stretches to split into sentences, each with the speaker's turn it lies in (transcripts)."""
    text = source.text
    turns = sorted((s for s in source.segments if s.kind == "turn"), key=lambda s: s.start)
    leaves = [s for s in source.segments if s.kind not in ("turn", "heading")]
    if not leaves:
        leaves = turns or [Segment(0, len(text), "paragraph")]
    out: list[tuple[Segment, Segment | None]] = []
    k = 0
    for leaf in sorted(leaves, key=lambda s: s.start):
        while k + 1 < len(turns) and turns[k + 1].start <= leaf.start:
            k += 1
        turn = turns[k] if turns and turns[k].start <= leaf.start < turns[k].end else None
        out.append((leaf, turn if turn is not leaf else None))
    return out


def _units(source: SourceText) -> list[_Unit]:
    text = source.text
    leaves = _leaves(source)
    notes = [] if source.footnotes else _line_matches(_PLAIN_NOTE, _NOTE_LINE, text)
    notes_spans = [(m.start(), m.end()) for m in notes]
    note_starts = [start for start, _ in notes_spans]
    has_roles = any(s.speaker_role for s in source.segments)
    plain_turns = [] if has_roles else _line_matches(_SPEAKER_LINE, _SPEAKER_LINE_OPENS, text)
    units: list[_Unit] = []
    t = 0
    for seg, turn in leaves:
        role = seg.speaker_role or (turn.speaker_role if turn else None)
        speaker = seg.speaker or (turn.speaker if turn else None)
        if role == "minister-president":
            role = "minister"
        for sent in split_sentences(text, seg.start, seg.end):
            unit = _Unit(
                sent,
                role,
                speaker,
                seg.chair_list,
                seg.kind == "footnote",
                notes=[m.group() for m in _MARKER.finditer(sent.text)],
                raw=text[sent.start : sent.end],
            )
            if plain_turns:
                while t < len(plain_turns) and plain_turns[t].start() <= sent.start:
                    t += 1
                if t:
                    label = plain_turns[t - 1]
                    if label.start() <= sent.start < label.end():
                        continue  # the speaker line itself
                    unit.role = _role_from_label(label.group(1))
                    unit.speaker = " ".join(label.group(1).split())
            if notes_spans:
                # the spans are sorted and apart: only the last one starting at or before may hold it
                k = bisect_right(note_starts, sent.start) - 1
                if k >= 0 and sent.start < notes_spans[k][1]:
                    unit.footnote = True
            units.append(unit)
    return units


def _footnote_refs(source: SourceText, on: date | None) -> dict[str, list[Reference]]:
    """References in each footnote, by its number."""
    out: dict[str, list[Reference]] = {}
    if source.footnotes:
        for i, note in enumerate(source.footnotes, 1):
            m = re.match(r"\s*(\d{1,3})[\s.:)]", note)
            out[m.group(1) if m else str(i)] = find_references(note, on)
        return out
    for m in _line_matches(_PLAIN_NOTE, _NOTE_LINE, source.text):
        number = m.group(1) or m.group(2) or m.group(4)
        body, at = (m.group(3), m.start(3)) if m.group(3) else (m.group(5), m.start(5))
        if number and body:
            out.setdefault(number, []).extend(find_references(body, on, at))
    return out


def _letter_actor(text: str) -> str:
    m = _LETTER_ACTOR.search(text[:3000])
    if not m:
        return "minister"
    word = m.group(1).lower()
    return "minister" if word == "ministers" else word


def _actor(low: str, role: str | None, default: str) -> str:
    head = low[:200]
    if re.search(r"\b(?:het kabinet|de regering)\b", head):
        return "kabinet"
    if re.search(r"\bde staatssecretaris\b", head):
        return "staatssecretaris"
    if re.search(r"\bde minister-president\b", head):
        return "minister-president"
    if re.search(r"\bde minister\b", head) and not re.search(r"\b(?:ik|wij|we)\b", head):
        return "minister"
    if role in ("minister", "staatssecretaris"):
        return role
    return default


_MONTHS = rf"(?:{MONTH_NAMES})"
_TIME_HINT = re.compile(
    rf"\b(?:voor|vóór|na|begin|medio|eind|half|halverwege|uiterlijk|rond|in|tijdens|bij)\s+(?:het\s+|de\s+)?"
    rf"(?:zomer|najaar|voorjaar|winter|lente|herfst|kerst|zomerreces|kerstreces|herfstreces|voorjaarsreces|"
    rf"meireces|krokusreces|reces|prinsjesdag|verantwoordingsdag|voorjaarsnota|najaarsnota|miljoenennota|"
    rf"begroting|begrotingsbehandeling|jaarwisseling|eind\s+van\s+(?:het|dit)\s+jaar|{_MONTHS}|"
    rf"(?:eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+(?:kwartaal|helft)|(?:19|20)\d\d)\b"
    rf"|\b(?:binnen|over)\s+(?:\w+\s+)?(?:dagen|weken|week|maanden|maand)\b|\b(?:dit|volgend|komend)\s+jaar\b"
    rf"|\b(?:zo\s+spoedig|zo\s+snel)\s+mogelijk\b|\bspoedig\b|\bbinnenkort\b|\bop\s+korte\s+termijn\b"
    rf"|\b(?:volgende|komende|deze)\s+(?:week|maand)\b|\b(?:dit|in\s+het|in\s+dit)\s+(?:najaar|voorjaar)\b"
    rf"|\b\d{{1,2}}\s+{_MONTHS}\b|\bwanneer\s+er\s+meer\b|\bzodra\b|\btijdig\b|\bvoor\s+het\s+eind\b"
)


def _time_hint(low: str, on: date | None) -> bool:
    """A future time phrase, read roughly; stands in when the deadline reader finds nothing."""
    for m in _TIME_HINT.finditer(low):
        phrase = m.group(0)
        year = re.search(r"(?:19|20)\d\d", phrase)
        if year and on and int(year.group(0)) < on.year:
            continue
        day = re.match(rf"(\d{{1,2}})\s+({_MONTHS})", phrase)
        if day and on and not re.search(r"\b(?:voor|vóór|uiterlijk|na|per|op)\s+$", low[: m.start()]):
            continue  # "de brief van 26 mei": a date named, not a time set
        return True
    return False


def _vague(deadline: Deadline | None, on: date | None) -> bool:
    """No time named, or one that sets no date ("zo spoedig mogelijk", "binnenkort")."""
    if deadline is None or deadline.kind in (None, "vague"):
        return True
    return deadline.due is None and on is not None and deadline.kind not in ("after", "event", "recurring")


def _is_future(deadline: Deadline | None, on: date | None) -> bool:
    if deadline is None:
        return False
    if deadline.kind in ("vague", "event", "recurring", "after"):
        return True
    if deadline.due is None:
        return deadline.kind is not None
    return on is None or deadline.due >= on


@dataclass(frozen=True)
class _Hit:
    rule: str
    confidence: float
    start: int  # where the cue starts and ends in the lowercased text
    end: int = -1


# Words (or parts of words) a rule cannot match without: a cheap test before the regular expression.
_NEEDS: dict[str, tuple[str, ...]] = {
    "C-ZEG-TOE": ("zeg",),
    "C-VERWACHT": ("verwacht", "hoop", "hopen", "stre", "beoog"),
    "C-VOORNEMEN": (
        "voornem",
        "plan",
        "bereid",
        "intentie",
        "bedoeling",
        "streven",
        "inzet",
        "voorstel",
        "verwacht",
        "gekozen",
    ),
    "C-KOM-TERUG": ("terug",),
    "C-HOUD": ("hoogte",),
    "C-KAMER-ONTVANGT": (
        "verwachten",
        "ontvang",
        "krijg",
        "geïnformeerd",
        "bericht",
        "ingelicht",
        "hoogte",
        "toege",
        "tegemoet",
    ),
}
_NEEDS_WORD: dict[str, frozenset[str]] = {
    "C-ZAL": frozenset({"zal", "zullen", "ga", "gaan", "gaat"}),
    "C-KAN-WIL": frozenset({"kan", "kunnen", "wil", "willen"}),
    "C-KOM-MET": frozenset({"kom", "komt", "komen"}),
    "C-PRES-TIME": frozenset({"ik", "we", "wij", "kabinet", "regering", "minister", "staatssecretaris"}),
    "C-PASSIEF": frozenset({"zal", "zullen"}),
    "C-PASSIEF-PRES": frozenset({"wordt", "worden"}),
    "C-DOE-TOEKOMEN": frozenset({"toekomen"}),
    "C-ZAL-ACT": frozenset({"zal", "zullen"}),
    "C-DOC": frozenset({"gaat", "gaan", "komt", "komen", "zal", "zullen", "wordt", "worden"}),
    "C-IN-DOC": frozenset({"zal", "zullen", "wordt", "worden"}),
}
_F_NEEDS = frozenset((
    "toezeg", "toegezegd", "gestand", "verzo", "vraag", "vrag", "vroeg", "motie", "brief", "beloofd",
    "reactie", "antwoord", "aangegeven", "afgesproken", "beantwoord", "wens", "oproep", "schrijven",
))  # fmt: skip


# A part of every alternative of DELIVER_INF ("in gaan" holds "gaan", "zorg dragen" "zorg", ...).
_DELIVER_INF_PARTS = (
    "informeren", "sturen", "zenden", "berichten", "rapporteren", "toekomen", "bieden", "leggen", "gaan",
    "komen", "melden", "delen", "antwoorden", "lichten", "zetten", "presenteren", "reageren", "weten",
    "hoogte", "kennis",
    "schetsen", "verstrekken", "bezien", "zoeken", "verkennen", "bekijken", "geven", "nemen", "publiceren",
    "maken", "indienen", "verslag", "leveren", "vragen", "zorg", "doorgeleiden", "brengen", "agenderen",
    "aankaarten",
)  # fmt: skip
# A part of every DELIVERABLE (and of "beantwoording", "toezending", "verzending").
_DELIVERABLE_PARTS = (
    "brief", "rapport", "evaluatie", "overzicht", "notitie", "nota", "reactie", "plan", "voorstel", "amvb",
    "monitor", "onderzoek", "uitkomsten", "resultaten", "stand", "tijdpad", "beantwoording", "antwoorden",
    "verslag", "analyse", "uitwerking", "visie", "bevindingen", "informatie", "toelichting", "update",
    "agenda", "routekaart", "toezending", "verzending",
)  # fmt: skip
# A second cheap test, for rules whose every branch also needs a verb of delivering, a deliverable, an act, a
# direction or a participle.
_NEEDS_ALSO_PARTS: dict[str, tuple[str, ...]] = {
    "C-ZAL": _DELIVER_INF_PARTS,
    "C-VERWACHT": _DELIVER_INF_PARTS,
    "C-KAN-WIL": (*_DELIVER_INF_PARTS, "liggen"),
    "C-ER-KOMT": _DELIVERABLE_PARTS,
    "C-KOM-MET": _DELIVERABLE_PARTS,
    # "te" and a verb of delivering, or the Kamer with gaat/komt/wordt ("… naar de Kamer gaat")
    "C-VOORNEMEN": (*_DELIVER_INF_PARTS, "gaat", "komt", "wordt", "worden"),
    # a part of every ACT_INF alternative ("gesprekken" holds "gesprek", "overleggen" "overleg", ...)
    "C-ZAL-ACT": (
        "navraag", "gesprek", "overleg", "contact", "dialoog", "bespreken", "aandacht", "orde", "opbrengen",
        "aandringen", "pleiten", "opdracht", "laten", "doorgeven", "sprake", "suggestie", "voorstel", "appel",
        "beroep",
    ),
    # "naar" the Kamer, or a participle of SENT_PART ("toegestuurd" holds "gestuurd")
    "C-DOC": ("naar", "verstuurd", "verzonden", "gestuurd", "gezonden", "opgestuurd", "aangeboden"),
    "C-IN-DOC": (
        "opgenomen", "meegenomen", "ingegaan", "toegelicht", "beschreven", "gerapporteerd", "geschetst",
        "uiteengezet", "weergegeven", "gepresenteerd",
    ),
    "C-PASSIEF": (
        "gestuurd", "gezonden", "verzonden", "gedeeld", "aangeboden", "voorgelegd", "gemeld", "geïnformeerd",
        "bericht", "gerapporteerd", "ingediend",
    ),
    "C-PASSIEF-PRES": ("gestuurd", "gezonden", "verzonden", "gedeeld", "aangeboden", "voorgelegd"),
}  # fmt: skip
# Verbs, one of which every branch of the rule holds as a word between two \b. C-PRES-TIME needs a subject
# most sentences have; its verb is the rarer test (DELIVER_PRES's "stel" is taken even before "voor": the
# rule's own pattern turns "stel voor" away). C-ER-KOMT: "zal", "komt", "volgt", "verschijnt de brief", "…
# naar de Kamer gaat".
_NEEDS_VERB: dict[str, frozenset[str]] = {
    "C-PRES-TIME": frozenset(
        {
            *re.sub(r"\(\?!.*?\)", "", DELIVER_PRES).strip("(?:)").split("|"),
            "ga",
            "gaat",
            "gaan",
            "neem",
            "nemen",
        }
    ),
    "C-ER-KOMT": frozenset({"zal", "zullen", "komt", "volgt", "verschijnt", "gaat"}),
}


def _words(words: frozenset[str] | set[str]) -> frozenset[str]:
    """The literals for whole words, as [\\w-]+ reads them ("ga" in "ik ga,", not in "ga-pad" or "gaan")."""
    return frozenset(f"={w}" for w in words)


def _bounded(words: frozenset[str] | set[str]) -> frozenset[str]:
    """The literals for words between two \\b ("ga" in "ga-pad" too)."""
    return frozenset(f"{mark}{w}" for w in words for mark in "=~")


# Every branch of C-KAMER-ONTVANGT names the Kamer ("u" a word of its own), every branch of C-ZEG-TOE a verb
# of promising (not only the noun "toezegging", common in letters) or "toezegging doen".
_NEEDS_ALSO_WORDS = {
    "C-KAMER-ONTVANGT": _bounded({"u"}) | {"kamer", "commissie", "jullie"},
    "C-ZEG-TOE": _bounded({"zeg", "zegt", "zeggen"}) | {"toegezegd", "toezeggen", "doen"},
}
# Each rule's cheap tests, all of which it needs: sets of literals (`_literals`), one of each must be there.
_RULE_TESTS: dict[str, tuple[frozenset[str], ...]] = {
    rule: tuple(
        test
        for test in (
            _words(_NEEDS_WORD[rule]) if rule in _NEEDS_WORD else None,
            _bounded(_NEEDS_VERB[rule]) if rule in _NEEDS_VERB else None,
            frozenset(_NEEDS[rule]) if rule in _NEEDS else None,
            frozenset(_NEEDS_ALSO_PARTS[rule]) if rule in _NEEDS_ALSO_PARTS else None,
            _NEEDS_ALSO_WORDS.get(rule),
        )
        if test is not None
    )
    for rule, _confidence, _pattern in _COMMIT_RULES
}
# Which of its cheap tests (all of which a rule needs) each rule lends to the gate: the rarest in letters.
_GATE_TEST = {
    "C-ZEG-TOE": "part", "C-ZAL": "word", "C-VERWACHT": "part", "C-VOORNEMEN": "part", "C-KAN-WIL": "word",
    "C-KOM-TERUG": "part", "C-KOM-MET": "word", "C-HOUD": "part", "C-DOE-TOEKOMEN": "word",
    "C-ZAL-ACT": "also", "C-DOC": "also", "C-IN-DOC": "also", "C-PRES-TIME": "verb",
    "C-KAMER-ONTVANGT": "part", "C-PASSIEF": "also", "C-PASSIEF-PRES": "also", "C-ER-KOMT": "verb",
}  # fmt: skip


def _gate_test(rule: str) -> frozenset[str]:
    kind = _GATE_TEST[rule]
    if kind == "word":
        return _words(_NEEDS_WORD[rule])
    if kind == "verb":
        return _bounded(_NEEDS_VERB[rule])
    return frozenset(_NEEDS[rule] if kind == "part" else _NEEDS_ALSO_PARTS[rule])


# One test that every commitment rule needs to pass: for each rule one of the tests it cannot pass without (a
# sentence with none of them skips every rule; about 58% of a letter's sentences do).
_CUE_GATE = frozenset().union(*(_gate_test(rule) for rule in _GATE_TEST))


def _test_bits(rule_tests: dict[str, tuple[frozenset[str], ...]]) -> tuple[dict[str, int], dict[str, int]]:
    """A bit for every cheap test of every rule: which tests each literal passes, and each rule's tests."""
    passes: dict[str, int] = {}
    needs: dict[str, int] = {}
    bits = (1 << n for n in count())
    for rule, tests in rule_tests.items():
        needs[rule] = 0
        for test in tests:
            bit = next(bits)
            needs[rule] |= bit
            for literal in test:
                passes[literal] = passes.get(literal, 0) | bit
    return passes, needs


def _passed(literals: set[str], passes: dict[str, int]) -> int:
    """The bits of the tests that the literals pass."""
    bits = 0
    for literal in literals:
        bits |= passes.get(literal, 0)
    return bits


# A sentence's literals tell at once which rules have all their cheap tests passed (a loop over the rules
# testing sets took half the time of the rules themselves).
_PASSES, _NEEDS_BITS = _test_bits(_RULE_TESTS)
_COMMIT_CHECKS = [
    (rule, confidence, pattern, _NEEDS_BITS[rule]) for rule, confidence, pattern in _COMMIT_RULES
]


@lru_cache(maxsize=4096)
def _rules_passed(passed: int) -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """The rules, in order, all of whose cheap tests are among the bits passed (a combination seen once is
    mostly seen again: 70% of the dev set's and the transcripts' sentences that pass the gate)."""
    return tuple(
        (rule, conf, pattern) for rule, conf, pattern, needs in _COMMIT_CHECKS if passed & needs == needs
    )


def _commitment_cues(low: str, chair: bool, literals: set[str]) -> list[_Hit]:
    """The commitment cues in the sentence, strongest first (not yet checked against the guards); `literals`
    are the sentence's (`_literals`)."""
    hits: list[_Hit] = []
    if chair:
        m = _REGISTER.search(low)
        if m:
            hits.append(_Hit("C-REGISTER", 0.9, m.start(), m.end()))
    if literals.isdisjoint(_CUE_GATE):
        return hits
    for rule, confidence, pattern in _rules_passed(_passed(literals, _PASSES)):
        for m in pattern.finditer(low):
            # a subject left out ("…, maar zal uw Kamer … doen toekomen"): the cue starts at its clause
            start = (
                m.start("dropped") if "dropped" in pattern.groupindex and m.group("dropped") else m.start()
            )
            hits.append(_Hit(rule, confidence, start, m.end()))
    return hits


# The guards' patterns that are built from the vocabulary.
_KAMER = re.compile(rf"\b{K}\b")
_ASKS_KAMER = re.compile(rf"\b{K}\b(?:\s+\S+){{0,3}}\s+(?:te\s+)?vragen$")
_THIS_DOCUMENT = re.compile(rf"(?:(?:{OPENER})\s+)?(?:deze|dit)\b")
_FOR_KAMER = re.compile(rf"\b{K}\b|{DELIVERABLE}|\brapporteer|\bterug\b")
_REPORTED = re.compile(rf"\b{K}\b|\bschriftelijk\b|\bper\s+brief\b|\bin\s+een\s+brief\b")


def _guarded(
    low: str,
    hit: _Hit,
    future: Callable[[], bool],
    chair_list: bool,
    spoken: bool = False,
    pointed: bool = False,
) -> bool:
    """Whether the cue stands: not what this document delivers, not past, not refused, not a request."""
    if chair_list:
        return not _CHAIR_META.search(low) and not NEGATION.search(low[hit.start : hit.start + 60])
    if QUESTION.search(low):
        return False
    before, after = low[: hit.start], low[hit.start :]
    # an aside that names who else sends it does not end the clause ("zend ik u, mede namens X bijgaand")
    cue_clause = re.split(r"[,;:]\s+(?=\S)(?!(?:mede\s+)?namens\b)", after, maxsplit=1)[0]
    clause_before = re.split(r"[,;:]\s+(?=\S)", before)[-1]
    if DELIVER_NOW.search(cue_clause) or DELIVER_NOW.search(clause_before):
        return False  # "Hierbij stuur ik u", "In deze brief zal ik ingaan op": this document delivers
    past = PAST.search(low, 0, min(len(low), hit.start + 120))
    if past and past.start() <= hit.start + 5 and hit.rule != "C-PASSIEF":
        # "heb ik u bericht dat ik ... zal sturen" reports a promise; "Zoals toegezegd zal ik" makes one
        between = low[past.end() : hit.start]
        subordinate = re.search(r"\b(?:zoals|conform)\s+(?:\S+\s+){0,3}$", low[: past.start()]) or (
            re.search(r"[,;]\s", between) and re.match(r"(?:zoals|nadat|toen|omdat|aangezien)\b", low)
        )
        if not subordinate:
            return False
    if re.search(r"\btoezegging\s+(?:is|was|luidde|betrof)\b", before):
        return False
    if (
        hit.rule == "C-ZAL"
        and re.search(r"\b(?:ga|gaan|gaat)\b", low[hit.start : hit.start + 30])
        and re.search(r"\bin\s+op\b", cue_clause)
    ):
        return False  # "We gaan in op het verzoek": present tense of ingaan
    if NEGATION.search(cue_clause[:120]):
        return False
    if REQUEST_BEFORE.search(before[-160:]) and not re.search(r"[,;]\s*$", before[-3:]):
        return False
    asked = _GOVERNMENT_ASKED.search(low, 0, hit.end)
    if asked and asked.start() < hit.end:
        return (
            False  # "In de motie … wordt de regering verzocht de Kamer vóór 1 mei te informeren": a request
        )
    if LATER_HERE.search(low):
        return False  # "daar kom ik zo op terug", "in de tweede termijn": later in this debate
    future_aux = bool(re.search(r"\b(?:zal|zullen)\b", low[hit.start : hit.end]))
    # Guards that do not depend on the time come first (their order does not change the answer).
    if low.endswith("leveren", hit.start, hit.end) and not _DELIVERABLE_SUPPLIED.search(low):
        return False  # "bijdragen leveren", "radarsystemen leveren": only a report is delivered to the Kamer
    if not spoken and _TELL.search(low[hit.start : hit.end]) and not _KAMER.search(low):
        return False  # informing or sharing with someone other than the Kamer ("delen met de ondertekenaars")
    if _ASKS_KAMER.search(low[hit.start : hit.end]):
        return False  # "Ik zal uw Kamer vragen in te stemmen": a request to the Kamer
    if (
        hit.rule == "C-ZEG-TOE"
        and "toezeggen" in low[hit.start : hit.end]
        and not _PROMISED_ACT.search(low, hit.end)
    ):
        return False  # "ik kan toezeggen dat de normale regels van toepassing zijn": an assurance, no act
    if "motie" in low and re.search(r"indienen$", low[hit.start : hit.end]):
        return False  # members file motions; a minister files bills
    cue = low[hit.start : hit.end]
    if hit.rule == "C-ZAL-ACT" and (
        (_TALK.search(cue) and not _WITH_OTHERS.search(low)) or re.search(r"\bblijven\b", cue)
    ):
        # "Ik zal de moties bespreken", "We zullen het gesprek voeren in de commissie": the debate itself;
        # "zal … blijven pleiten": a stance
        return False
    if hit.rule == "C-DOC":
        if not spoken and _THIS_DOCUMENT.match(low):
            return False  # in a letter "Deze brief" is the letter itself
        if _TO_OTHERS.search(cue_clause):
            return False  # sent to others than the Kamer
    if re.search(r"\b(?:ontvangen|gekregen)\s+(?:heeft|hebt|hebben|had)\b", low[hit.start : hit.end + 30]):
        return False
    if hit.rule == "C-PRES-TIME":
        if not (pointed or _FOR_KAMER.search(cue_clause)):
            return False
        if re.search(
            r"\b(?:bericht|meld|deel)\s+(?:ik|wij|we)\s+u\b.{0,20}\b(?:dat|als\s+volgt|het\s+volgende)\b", low
        ):
            return False
    if hit.rule == "C-KAMER-ONTVANGT" and re.search(
        r"\bsinds\b|\b(?:heeft|hebben)\b.{0,40}\bontvangen\b|\bnu\b|\bvandaag\b", low
    ):
        # "Die antwoorden krijgt u nu": delivered in the debate itself; "U zult … hebben ontvangen": past
        return False
    # the deadline is read only now: the guards above turn most cues away without it
    deadline_future = future()
    anchored = (
        deadline_future
        or pointed
        or bool(re.search(FUTURE_DOC, low) or _PROPOSAL.search(low) or (spoken and _SPOKEN_DOC.search(low)))
        # in a debate "apart op terugkomen" can still be later in the same debate
        or (future_aux and bool((not spoken and _SEPARATELY.search(low)) or _IN_LATER_DOC.search(low)))
    )
    if hit.rule == "C-KOM-MET" and "," in low[hit.start : hit.end] and not anchored:
        return False
    reported = bool(_REPORTED.search(low))
    if (
        hit.end > 0
        and hit.rule != "C-ZAL-ACT"
        and EXPLORE.search(low[: hit.end])
        and not (anchored or reported)
    ):
        return False
    if hit.rule == "C-DOE-TOEKOMEN" and not (spoken or anchored):
        return False  # a letter's "Ik doe u … toekomen" delivers now
    if hit.rule == "C-DOC" and not (anchored or re.search(r"\b(?:zal|zullen)\b", cue)):
        return False
    if hit.rule == "C-IN-DOC" and not (
        deadline_future or re.search(FUTURE_DOC, low) or (spoken and re.search(r"\b(?:zal|zullen)\b", cue))
    ):
        return False  # "In het rapport wordt ingegaan op …": what a document says, not what is to come
    if hit.rule == "C-KOM-TERUG" and not (anchored or reported):
        return False  # "Dan kom ik terug op dat punt": a topic in the debate, not a report
    if (
        hit.rule in ("C-KAN-WIL", "C-ER-KOMT", "C-PASSIEF-PRES")
        and not deadline_future
        and not re.search(FUTURE_DOC, low)
    ):
        return False
    if hit.rule == "C-PRES-TIME" and not anchored:
        # Present tense counts only with a future time anchor (a date ahead, or a later document), and
        # only for something going to the Kamer (tested above).
        return False
    if hit.rule == "C-KAMER-ONTVANGT":
        present = not re.search(r"\b(?:zal|zullen|zult|kunt|kan)\b", low)
        if present and not (deadline_future or FUTURE_WORDS.search(low) or re.search(FUTURE_DOC, low)):
            return False
    # "Ik zal daar bij de Lelylijn op terugkomen", "Precies dat zal ik uiteenzetten": later in the debate
    return not (_REPORT_BACK.search(low[hit.start : hit.end]) and not (anchored or reported))


# An aside between commas or dashes naming who else is behind the act ("…, mede namens de Minister van
# Financiën, doen toekomen"): the clause goes on after it, so the cue is read without it.
_ASIDE = re.compile(
    r"\s*(?:,|\s[–-])\s+(?:mede\s+)?(?:namens|samen\s+met|in\s+overleg\s+met|in\s+samenwerking\s+met|"
    r"mede\s+op\s+verzoek\s+van)\s+[^,;:–]{1,120}?(?:,|\s[–-])\s+"
)


# Every aside names one of these (quick tests: "met" alone is in a good many sentences), and begins so.
_ASIDE_NEEDS = frozenset(("namens", "samen", "overleg", "verzoek"))
_ASIDE_OPENS = re.compile(
    r"[,–-]\s+(?:mede\s+)?(?:namens|samen\s+met|in\s+overleg\s+met|in\s+samenwerking\s+met|mede\s+op\s+verzoek)\s"
)


def _without_asides(low: str) -> str:
    return _ASIDE.sub(" ", low) if _ASIDE_OPENS.search(low) else low


# "Daarin zal ik ook ingaan op …", "Uw suggesties neem ik daarin graag mee": the document promised in the
# sentence before is the later document this one speaks of.
_POINTS_IN = re.compile(
    r"\b(?:daarin|daarbij|hierin|in\s+(?:die|dat|deze)\s+\S*(?:brief|rapportage|rapport|notitie))\b"
)
# A report back "separately" is a later letter: "Op de overige aanbevelingen zal ik separaat terugkomen".
_SEPARATELY = re.compile(r"\b(?:separaat|afzonderlijk|apart|nader)\b")
# "zal … in de toekomstvisie terugkomen": with zal/zullen, a document named is one still to come.
_IN_LATER_DOC = re.compile(rf"\b(?:in|bij)\s+(?:de|het|een)\s+(?:\S+\s+)?[\w-]*{DELIVERABLE}\b")
_DELIVERABLE_SUPPLIED = re.compile(rf"{DELIVERABLE}\s+(?:\S+\s+){{0,4}}?(?:te\s+)?(?:aan)?leveren\b")
# A stand-in verb for the act the sentence before did or promised: "Dat zal ik elk jaar blijven doen".
_STAND_IN = re.compile(
    r"^(?:\S+\s+)?(?:dat|dit)\s+(?:zal|zullen|ga|gaan)\s+(?:ik|wij|we|het\s+kabinet)\b(?:\s+\S+){0,6}?"
    r"\s+(?:blijven\s+)?doen[.!]?$"
)
_DELIVERS_TO_KAMER = re.compile(
    rf"\b(?:{DELIVER_PRES})\s+(?:ik|wij|we)\s+{K}\b|\b{K}\s+(?:ontvangt|ontvangen)\b"
)


# A promise that points back at the sentence before it ("hierover", "deze toezegging") renews that promise.
_POINTS_BACK = re.compile(
    r"\b(?:hier|daar|waar)(?:over|op|aan|mee|van|naar|bij|in|toe)\b|\b(?:die|deze) toezegging"
)

# "Bijgaand verstrek ik deze informatie", "In … bijgaande evaluatie wordt daar aandacht aan besteed": what
# this document delivers answers the request or questions recalled in the sentence before.
_POINTED_ANSWER = re.compile(
    r"\b(?:bijgaand|bijgaande|hierbij|hierin|in\s+deze\s+brief)\b.{0,120}?"
    r"(?:\b(?:deze|die|de\s+gevraagde)\s+(?:informatie|gegevens|stukken|documenten|memo's|vragen|overzicht)\b"
    r"|\bdaar(?:aan|op|in)?\b.{0,40}\b(?:aandacht|ingegaan|op\s+in)\b)"
)
# Every branch of _POINTED_ANSWER opens with one of these (a quick test).
_POINTED_NEEDS = frozenset(("bijgaand", "hierbij", "hierin", "brief"))
_ASKED = re.compile(r"\b(?:gevraagd|verzocht|vragen\s+gesteld|vroeg|vroegen|verzoek)\b")
# F-REACTIE about something else that happened ("heeft – op verzoek van uw Kamer – een evaluatie
# plaatsgevonden"): no one in it sends this document
_SENDER = re.compile(
    r"\b(?:ik|wij|we|mij|ons|hierbij|bijgaand|hiermee|deze\s+brief|treft\s+u|ontvangt\s+u)\b"
)
_PAST_AUX = re.compile(r"\b(?:heeft|hebben|had|hadden|was|waren|werd|werden)\b")


# Weak fulfilment rules about requests and questions, which a promise to answer later defers.
_ANSWERED_LATER = frozenset({"F-REACTIE", "F-GEVRAAGD", "F-REQUEST", "F-MOTIE"})


# Words (or parts of words) each fulfilment pattern cannot match without, one per branch at least: a cheap
# test that spares most patterns on the many sentences that pass the common gate (_F_NEEDS). Literals as
# `_literals` finds them.
_F_RULE_NEEDS: dict[str, tuple[str, ...]] = {
    "F-GESTAND": ("gestand",),
    "F-KOM-NA": ("toezegging",),
    "F-ZOALS": ("zoals", "conform", "overeenkomstig", "volgens", "ingevolge"),
    "F-INVULLING": ("invulling", "uitvoering", "gevolg"),
    "F-VOLDOE": ("voldoe", "voldaan"),
    "F-TEGEMOET": ("tegemoet", "gehoor"),
    "F-BEANTWOORD": ("antwoord", "reage", "reactie", "vragen"),
    "F-AFGEDAAN": ("toezegging",),
    "F-INGAAN": (*_bounded({"ga", "gaan"}), "informe"),
    "F-ANSWERED": ("beantwoord",),
    "F-REACTIE": ("aanleiding", "reactie", "antwoord", "vervolg", "verzoek"),
    "F-GEVRAAGD": (
        "gevraagde",
        "toegezegde",
        "verzochte",
        "beloofde",
        "hierbij",
        "bijgaand",
        "dezen",
        "treft",
    ),
}
_F_PASSES, _F_NEEDS_BITS = _test_bits(
    {rule: (frozenset(_F_RULE_NEEDS[rule]),) if rule in _F_RULE_NEEDS else () for rule, _ in _F_STRONG}
)
_F_CHECKS = [(rule, pattern, _F_NEEDS_BITS[rule]) for rule, pattern in _F_STRONG]


@lru_cache(maxsize=4096)
def _fulfilment_rules_passed(passed: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The fulfilment patterns, in order, whose cheap tests are among the bits passed."""
    return tuple((rule, pattern) for rule, pattern, needs in _F_CHECKS if passed & needs == needs)


_F_PAST_PROMISE_NEEDS = frozenset(
    ("toegezegd", "toezegging", "beloofd", "aangegeven", "geïnformeerd", "bericht", "weten", "gemeld")
)
_F_REQUEST_NEEDS = frozenset(("verzo", "vroeg", "gevraagd"))  # every branch of _F_REQUEST_WHAT has one


def _literal_automaton() -> ahocorasick.Automaton:
    """Every literal of the cheap tests: a part of a word as it is, a word with what may stand around it."""
    automaton = ahocorasick.Automaton()
    rule_tests = [test for tests in _RULE_TESTS.values() for test in tests]
    f_tests = [_F_NEEDS, *map(frozenset, _F_RULE_NEEDS.values()), _F_PAST_PROMISE_NEEDS, _F_REQUEST_NEEDS]
    postpone_tests = [_POSTPONE_NEEDS, _POSTPONE_NEEDS_ALSO, _DELAY_NEEDS]
    for literal in frozenset().union(
        _CUE_GATE, *rule_tests, *f_tests, _POINTED_NEEDS, *postpone_tests, _ASIDE_NEEDS
    ):
        mark, word = literal[0], literal[1:]
        if mark == "=":
            keys: tuple[str, ...] = (f" {word} ",)
        elif mark == "~":
            keys = (f" {word}-", f"-{word} ", f"-{word}-")
        else:
            keys = (literal,)
        for key in keys:
            automaton.add_word(key, literal)
    automaton.make_automaton()
    return automaton


_LITERALS = _literal_automaton()
_NOT_WORD = re.compile(r"[^\x00-\x7f\w]")  # not ASCII, and not a letter or digit
_ASCII_NOT_WORD = bytes(c if c > 127 or re.match(r"[\w\- ]", chr(c)) else ord(" ") for c in range(256))


def _literals(lows: list[str]) -> list[set[str]]:
    """The literals of the cheap tests in each text, found in one pass over them all (Aho-Corasick): each part
    of a word a test names, "=w" for a word w standing alone ([\\w-]+), "~w" for w between two \\b only
    ("ga" in "ga-pad"). Every part is letters only, so it is found in a text exactly when it is there."""
    # Every character but letters, digits, "_", "-" and spaces becomes a space, so a word ends at " " or "-"
    # (ASCII ones by one bytes.translate, the rest, "€", "«", "’", … by the regular expression); the texts are
    # joined by a space, which no part holds and which ends a word as the end of a text does.
    joined = (" " + " ".join(lows) + " ").encode("utf-8", "surrogatepass").translate(_ASCII_NOT_WORD)
    text = _NOT_WORD.sub(" ", joined.decode("utf-8", "surrogatepass"))
    found: list[set[str]] = [set() for _ in lows]
    ends = list(accumulate(len(low) + 1 for low in lows))  # where the space after each text stands
    i = 0
    for end, literal in _LITERALS.iter(text):
        while end > ends[i]:
            i += 1
        found[i].add(literal)
    return found


def _fulfilment_rule(low: str, literals: set[str]) -> tuple[str, bool] | None:
    """(rule, strong) for a sentence that says this document answers something earlier."""
    if literals.isdisjoint(_F_NEEDS):
        return None
    for rule, pattern in _fulfilment_rules_passed(_passed(literals, _F_PASSES)):
        m = pattern.search(low)
        if m:
            if rule in ("F-VOLDOE", "F-ZOALS") and NEGATION.search(low[max(0, m.start() - 40) : m.end()]):
                continue
            return rule, rule not in ("F-REACTIE", "F-GEVRAAGD", "F-SELF")
    promise = None if literals.isdisjoint(_F_PAST_PROMISE_NEEDS) else _F_PAST_PROMISE.search(low)
    if promise and not re.search(r"\b(?:zal|zullen)\b", low[max(0, promise.start() - 60) : promise.start()]):
        return ("F-ANCHOR" if _F_MEETING.search(low) else "F-PAST-PROMISE"), False
    if (
        not literals.isdisjoint(_F_REQUEST_NEEDS)
        and _F_REQUEST_WHAT.search(low)  # the cheaper of the two first
        and _F_REQUEST.search(low)
        and not re.search(r"\bvragen\s+gesteld\b", low)
    ):
        return "F-REQUEST", False
    if "motie" in low and _F_MOTION.search(low):
        return "F-MOTIE", False
    return None


def analyse(source: SourceText | str, on: date | None = None) -> Analysis:
    """Extract everything from a document; `on` overrides the document's own date (D)."""
    if isinstance(source, str):
        source = SourceText(text=source, kind="plain")
    on = on or source.date
    text = source.text
    if not text or not text.strip():
        return Analysis(on)
    units = _units(source)
    notes = _footnote_refs(source, on)
    default_actor = _letter_actor(text)
    transcript = source.kind == "transcript" or any(u.role for u in units)

    lows = [u.sentence.text.lower() for u in units]
    literals = _literals(lows)
    postponing = [
        not u.footnote and _postpones(low, lit) for u, low, lit in zip(units, lows, literals, strict=True)
    ]
    postpones_doc = any(postponing)

    commitments: list[FoundCommitment] = []
    commit_idx: set[int] = set()
    by_index: dict[int, FoundCommitment] = {}
    answers_later = False
    # Where the reader did not mark the list, or marked it from plain text (where it keeps only the entries it
    # is sure of), the chair's other sentences in the list are read too.
    if transcript and (not any(u.chair_list for u in units) or source.meta.get("format") == "plain"):
        _mark_spoken_list(units, lows)
    # A register text ("De minister informeert de Kamer over …") is a promise as it stands, like a list item.
    register = len(units) <= 3 and not transcript and bool(lows) and bool(_REGISTER_TEXT.match(lows[0]))
    for i, (unit, low) in enumerate(zip(units, lows, strict=True)):
        if register and not unit.footnote:
            unit.register = True
        found = _commitment(unit, low, literals[i], on, default_actor, units, lows, i, i - 1 in commit_idx)
        if found:
            commitments.append(found)
            commit_idx.add(i)
            by_index[i] = found
            answers_later = answers_later or bool(ANSWER_LATER.search(low))

    fulfilments: list[FoundFulfilment] = []
    postponements: list[FoundPostponement] = []
    postponed_at: set[int] = set()  # where each postponement reported starts (a promise is reported once)
    # A letter that delivers nothing now and promises a dated delivery still owes what it recalls.
    still_owed = not any(
        DELIVER_NOW.search(low) for u, low in zip(units, lows, strict=True) if not u.footnote
    ) and any(
        c.deadline is not None and c.deadline.due is not None and _is_future(c.deadline, on)
        for c in commitments
    )
    for i, (unit, low) in enumerate(zip(units, lows, strict=True)):
        if unit.footnote or unit.role in ("member", "chair"):
            continue
        rule = None if transcript else _fulfilment_rule(low, literals[i])
        if (
            rule is None
            and not transcript
            and i
            and not literals[i].isdisjoint(_POINTED_NEEDS)
            and _POINTED_ANSWER.search(low)
            and _ASKED.search(lows[i - 1])
        ):
            rule = ("F-POINTED", False)
        if rule is None and not postponing[i]:
            continue
        sent = unit.sentence
        if postponing[i]:
            refs = _unit_refs(unit, units, i, on, notes)
            # The new date is in this sentence or in a promise just after it ("Het lukt helaas niet ... Ik
            # verwacht u de brief uiterlijk 30 april te doen toekomen"); a date refused is no new date.
            follow = next((by_index[j] for j in range(i, min(i + 3, len(units))) if j in by_index), None)
            if follow is not None:
                if follow.start not in postponed_at:
                    postponed_at.add(follow.start)
                    postponements.append(
                        FoundPostponement(follow.text, follow.start, follow.end, follow.deadline, tuple(refs))
                    )
            elif not any(postponing[i + 1 : i + 3]) and sent.text[-1:] in ".!?:;":
                refused = NEGATION.search(low)
                deadline = None if refused else _deadline(sent.text, on)
                postponed_at.add(sent.start)
                postponements.append(
                    FoundPostponement(sent.text, sent.start, sent.end, deadline, tuple(refs))
                )
        if rule is None:
            continue
        name, strong = rule
        if not strong:
            if postpones_doc or (answers_later and name in _ANSWERED_LATER):
                # A letter that postpones, or that promises its answer to a request later, does not answer
                # yet; an earlier promise it recalls ("heb ik u toegezegd …") it may still meet.
                continue
            recalled = name in ("F-PAST-PROMISE", "F-ANCHOR")
            if i in commit_idx or (recalled and i + 1 in commit_idx and _POINTS_BACK.search(lows[i + 1])):
                continue  # the promise it recalls is met later ("Ik informeer u hierover"), not here
            if postponing[i] or NEGATION.search(low.split(",")[-1][:40]):
                continue
            if name == "F-REACTIE" and not _SENDER.search(low) and _PAST_AUX.search(low):
                continue
            if recalled and still_owed:
                continue  # "Ik heb u toegezegd … De resultaten worden u in februari voorgelegd": owed
        elif name in ("F-INGAAN", "F-VOLDOE") and i in commit_idx and not DELIVER_NOW.search(low):
            continue
        partial = bool(_PARTIAL.search(low))
        # the references are read only now: most candidate sentences are turned away above
        refs = _unit_refs(unit, units, i, on, notes)
        fulfilments.append(FoundFulfilment(sent.text, sent.start, sent.end, tuple(refs), partial, name))
    if any(f.rule != "F-ANSWERED" for f in fulfilments):
        fulfilments = [f for f in fulfilments if f.rule != "F-ANSWERED"]
    return Analysis(on, tuple(commitments), tuple(fulfilments), tuple(postponements))


_LIST_OPENS = re.compile(r"\btoezeggingen\b|\btoezegging(?:en)?\s+genoteerd\b")
_LIST_CLOSES = re.compile(
    r"\b(?:dat\s+waren|daarmee\s+zijn|hiermee\s+zijn|hebben\s+we\s+(?:nu\s+)?gehad|sluit\s+ik|"
    r"tweeminutendebat\b.{0,40}\baangevraagd|aangevraagd\b.{0,40}\btweeminutendebat)\b"
)
# What an item of a spoken list says when it names no minister: "De bevindingen worden na de zomer naar de
# Kamer gestuurd", "Het onderwerp wordt meegenomen in de voortgangsbrief", "De uitvoeringstoetsen komen naar
# de Kamer".
_LIST_ITEM = re.compile(
    r"\b(?:wordt|worden|zal|zullen)\b.{0,160}\b(?:meegenomen|gestuurd|toegestuurd|toegezonden|geïnformeerd|"
    r"gedeeld|betrokken|onderzocht|bekeken|uitgezocht|verkend|gemeld)\b|\b(?:komt|komen)\s+naar\s+de\s+kamer\b"
    r"|\b(?:komt|stuurt|informeert|zegt)\s+u\b"
)


def _mark_spoken_list(units: list[_Unit], lows: list[str]) -> None:
    """In a transcript whose list is not marked, the chair's sentences after announcing the toezeggingen."""
    in_list = False
    for unit, low in zip(units, lows, strict=True):
        if unit.role != "chair":
            continue
        if _LIST_CLOSES.search(low):
            in_list = False
        elif _LIST_OPENS.search(low):
            in_list = True
        elif in_list and not unit.chair_list:
            unit.listed = True


def _unit_refs(
    unit: _Unit, units: list[_Unit], i: int, on: date | None, notes: dict[str, list[Reference]]
) -> list[Reference]:
    """The references of a sentence, with those of the footnotes it marks."""
    refs = [
        _with_same_meeting_date(r, units, i, on) for r in find_references(unit.raw, on, unit.sentence.start)
    ]
    for n in unit.notes:
        refs.extend(notes.get(n, []))
    return refs


def _with_same_meeting_date(ref: Reference, units: list[_Unit], i: int, on: date | None) -> Reference:
    """'hetzelfde Algemeen Overleg' means the meeting named last: give it that date."""
    if ref.type != "meeting" or "date" in ref.fields or not re.match(r"(?i)(?:het|dat)zelfde", ref.raw):
        return ref
    for j in range(i - 1, max(-1, i - 60), -1):
        dated = [r for r in find_references(units[j].raw, on) if r.type == "meeting" and "date" in r.fields]
        if dated:
            return replace(ref, fields={**ref.fields, "date": dated[-1].fields["date"]})
    return ref


def _commitment(
    unit: _Unit,
    low: str,
    literals: set[str],
    on: date | None,
    default_actor: str,
    units: list[_Unit],
    lows: list[str],
    i: int,
    prev_commit: bool = False,
) -> FoundCommitment | None:
    if unit.footnote or unit.role == "member":
        return None
    sent = unit.sentence
    if not literals.isdisjoint(_ASIDE_NEEDS):
        cue_low = _without_asides(low)
        if cue_low != low:
            literals = _literals([cue_low])[0]  # an aside was taken out
        low = cue_low
    # letters only: in a debate "daarin" may point at what was just said (and pairs badly with the chair list)
    spoken_unit = unit.role in ("minister", "staatssecretaris")
    pointed = prev_commit and not spoken_unit and bool(_POINTS_IN.search(low))
    if unit.role == "chair" and not (unit.chair_list or unit.listed):
        # Outside the list a chair only restates promises in the third person ("De minister zegt toe ...").
        hits = _commitment_cues(low, True, literals) if _CHAIR_RESTATE.search(low) else []
        if not hits or _CHAIR_META.search(low) or NEGATION.search(low):
            return None
        chair_list = True
    elif unit.chair_list or unit.register or unit.listed:
        if _CHAIR_META.search(low) or len(low.split()) < 4:
            return None
        if unit.listed and not (_commitment_cues(low, True, literals) or _LIST_ITEM.search(low)):
            return None  # the chair's own words between the items
        if unit.listed and not re.search(THIRD, low) and re.match(r"(?:\S+\s+){0,3}?(?:ik|we|wij)\b", low):
            return None  # "Dan kom ik bij de volgende": the chair speaking for herself
        hits = _commitment_cues(low, True, literals) or [
            _Hit("C-REGISTER" if unit.register else "C-CHAIR-LIST", 0.9, 0)
        ]
        chair_list = True
    else:
        chair_list = False
        if "zeg" in low and _REFER_BACK.search(low):  # every branch says "toezeg…" or "zeg"
            return _refer_back(unit, units, lows, i, on, default_actor)
        hits = _commitment_cues(low, False, literals)
        if (
            not hits
            and i
            and "doen" in low
            and _STAND_IN.match(low)
            and (prev_commit or _DELIVERS_TO_KAMER.search(lows[i - 1]))
        ):
            # "Hierbij stuur ik u de rapportage. Dat zal ik elk jaar blijven doen."
            hits = [_Hit("C-STAND-IN", 0.75, 0, len(low))]
            pointed = True
        if not hits:
            return None
    read: list[Deadline | None] = []

    def future() -> bool:
        if not read:
            read.append(_deadline(sent.text, on))
        return _is_future(read[0], on) or (read[0] is None and _time_hint(low, on))

    spoken = unit.role in ("minister", "staatssecretaris")
    hit = next((h for h in hits if _guarded(low, h, future, chair_list, spoken, pointed)), None)
    if hit is None:
        return None
    deadline = read[0] if read else _deadline(sent.text, on)
    if chair_list:
        hit = replace(hit, confidence=max(hit.confidence, 0.95))
    vague = _vague(deadline, on)
    conditional = bool(CONDITIONAL.search(low))
    confidence = hit.confidence - (0.1 if conditional else 0.0) - (0.05 if PERIODIC.search(low) else 0.0)
    return FoundCommitment(
        text=sent.text,
        start=sent.start,
        end=sent.end,
        actor=_actor(low, unit.role, default_actor),
        confidence=round(confidence, 2),
        deadline=deadline,
        vague=vague,
        conditional=conditional,
        speaker=unit.speaker,
        from_chair_list=chair_list and not unit.register,
        refs=tuple(find_references(unit.raw, on, sent.start)),
        rule=hit.rule,
    )


def _refer_back(
    unit: _Unit, units: list[_Unit], lows: list[str], i: int, on: date | None, default_actor: str
) -> FoundCommitment | None:
    """'Ja, die toezegging kan ik doen': the promise is this sentence; what it promises was asked just before
    ("Wil de minister toezeggen dat ...?") or is said next to it. That sentence goes in `refers_to`."""
    low = lows[i]
    if NEGATION.search(low) or QUESTION.search(low):
        return None
    candidates = []
    for j in range(i - 1, max(-1, i - 8), -1):
        if units[j].role == "member" and "toezeg" in lows[j]:
            candidates.append(j)  # "Wil de minister toezeggen dat ...?": the request carries the content
            break
    candidates += [j for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j].speaker == unit.speaker]
    about = next(
        (
            units[j].sentence
            for j in candidates
            if not _REFER_BACK.search(lows[j])
            and len(lows[j].split()) >= 4
            and (units[j].role == "member" or not (QUESTION.search(lows[j]) or NEGATION.search(lows[j])))
        ),
        None,
    )
    sent = unit.sentence
    deadline = _deadline(sent.text, on) or (_deadline(about.text, on) if about else None)
    return FoundCommitment(
        text=sent.text,
        start=sent.start,
        end=sent.end,
        actor=_actor(low, unit.role, default_actor),
        confidence=0.85 if about else 0.7,
        deadline=deadline,
        vague=_vague(deadline, on),
        conditional=bool(CONDITIONAL.search(low)),
        speaker=unit.speaker,
        rule="C-REFER-BACK",
        refers_to=about.text if about else None,
    )


# ---------------------------------------------------------------------------------------------------------
def _ref_json(ref: Reference) -> dict[str, Any]:
    out: dict[str, Any] = {"type": ref.type, "raw": " ".join(ref.raw.split())}
    out.update(ref.fields)
    return out


def _deadline_json(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "text": deadline.text,
        "due": deadline.due.isoformat() if deadline.due else None,
        "earliest": deadline.earliest.isoformat() if deadline.earliest else None,
        "kind": deadline.kind,
    }


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The `toezeggingen analyse` output (see the interface spec)."""
    return {
        "date": analysis.date.isoformat() if analysis.date else None,
        "extractor_version": EXTRACTOR_VERSION,
        "commitments": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "actor": c.actor,
                "confidence": c.confidence,
                "deadline": _deadline_json(c.deadline),
                "vague": c.vague,
                "conditional": c.conditional,
                "rule": c.rule,
                "speaker": c.speaker,
                "from_chair_list": c.from_chair_list,
                "refers_to": c.refers_to,
                "refs": [_ref_json(r) for r in c.refs],
            }
            for c in analysis.commitments
        ],
        "fulfilments": [
            {
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "refs": [_ref_json(r) for r in f.refs],
                "partial": f.partial,
                "rule": f.rule,
            }
            for f in analysis.fulfilments
        ],
        "postponements": [
            {
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "deadline": _deadline_json(p.deadline),
                "refs": [_ref_json(r) for r in p.refs],
            }
            for p in analysis.postponements
        ],
    }
