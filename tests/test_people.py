"""One person, one name: name keys, display names, ministries from functions, resolving mentions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tracker.people import (
    KnownPerson,
    PersonResolver,
    Role,
    display_name,
    ministry_of,
    name_key,
    parse_name,
    vlos_speakers,
)

# -- one key, one display name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forms", "key", "display"),
    [
        pytest.param(
            ["Oostenbruggen, T. van", "Staatssecretaris Van Oostenbruggen", "T. van Oostenbruggen"],
            "van oostenbruggen",
            "T. van Oostenbruggen",
            id="register-transcript-signature",
        ),
        pytest.param(
            ["E.I. Schippers", "Schippers", "Schippers, E.I.", "Minister Schippers"],
            "schippers",
            "E.I. Schippers",
            id="no-particle",
        ),
        pytest.param(
            ["Burg, E. van der", "E. van der Burg", "Staatssecretaris Van der Burg"],
            "van der burg",
            "E. van der Burg",
            id="two-particles",
        ),
        pytest.param(
            ["Baarle van", "De heer Van Baarle", "S. van Baarle"],
            "van baarle",
            "Van Baarle",
            id="vlos-weergavenaam",
        ),
        pytest.param(
            ["Pouw-Verweij, J.Z.C.M.", "Staatssecretaris Pouw-Verweij"],
            "pouw verweij",
            "J.Z.C.M. Pouw-Verweij",
            id="double-name",
        ),
        pytest.param(["Wiersma, F.M.", "F.M. Wiersma"], "wiersma", "F.M. Wiersma", id="register-example"),
        pytest.param(
            ["Mevrouw Slagt-Tichelman (GroenLinks-PvdA):", "Slagt-Tichelman"],
            "slagt tichelman",
            "Slagt-Tichelman",
            id="turn-heading",
        ),
    ],
)
def test_the_forms_of_one_name_give_one_key(forms: list[str], key: str, display: str) -> None:
    assert {name_key(f) for f in forms} == {key}
    assert display_name(forms[0]) == display


def test_a_name_without_initials_shows_its_particle_capitalised() -> None:
    assert display_name("Staatssecretaris Van Oostenbruggen") == "Van Oostenbruggen"


def test_a_first_name_before_the_particle_is_no_part_of_the_surname() -> None:
    parsed = parse_name("De heer Olger van Dijk")
    assert (parsed.first_name, parsed.particles, parsed.surname) == ("Olger", "van", "Dijk")


_SURNAME = st.from_regex(r"[A-Z][a-z]{2,10}(?:-[A-Z][a-z]{2,8})?", fullmatch=True)
_PARTICLES = st.sampled_from(["", "van", "de", "van der", "van den", "ter", "in 't"])
_INITIALS = st.from_regex(r"(?:[A-Z]\.){1,4}", fullmatch=True)


@given(_SURNAME, _PARTICLES, _INITIALS)
def test_the_key_does_not_care_whether_the_surname_comes_first(
    surname: str, particles: str, initials: str
) -> None:
    last_first = f"{surname}, {initials} {particles}".strip()
    first_last = " ".join(p for p in (initials, particles, surname) if p)
    assert name_key(last_first) == name_key(first_last)
    assert display_name(last_first) == first_last


@given(_SURNAME, _PARTICLES, _INITIALS)
def test_the_key_and_the_display_name_are_idempotent(surname: str, particles: str, initials: str) -> None:
    name = f"{surname}, {initials} {particles}".strip()
    assert name_key(name_key(name)) == name_key(name)
    assert display_name(display_name(name)) == display_name(name)
    assert name_key(display_name(name)) == name_key(name)


@given(st.text(max_size=60))
def test_any_text_gives_a_key_without_failing(text: str) -> None:
    assert isinstance(name_key(text), str)


# -- the ministry from a function at the time ------------------------------------------------------------

BEFORE_SCHOOF = date(2023, 6, 1)
AFTER_SCHOOF = date(2025, 7, 2)


@pytest.mark.parametrize(
    ("function", "on", "ministry"),
    [
        pytest.param("staatssecretaris van Financiën", None, "Financiën", id="staatssecretaris-van"),
        pytest.param(
            "minister van Volksgezondheid, Welzijn en Sport",
            None,
            "Volksgezondheid, Welzijn en Sport",
            id="minister-van",
        ),
        pytest.param(
            "minister van Veiligheid en Justitie", None, "Veiligheid en Justitie", id="old-name-kept"
        ),
        pytest.param("Minister van Financien", None, "Financiën", id="register-spelling-restored"),
        pytest.param(
            "minister voor Medische Zorg", None, "Volksgezondheid, Welzijn en Sport", id="medische-zorg"
        ),
        pytest.param("minister voor Klimaat en Groene Groei", None, "Klimaat en Groene Groei", id="kgg-voor"),
        pytest.param("minister van Klimaat en Groene Groei", None, "Klimaat en Groene Groei", id="kgg-van"),
        pytest.param(
            "minister voor Klimaat en Energie", None, "Economische Zaken en Klimaat", id="klimaat-en-energie"
        ),
        pytest.param(
            "minister voor Buitenlandse Handel en Ontwikkelingshulp", None, "Buitenlandse Zaken", id="bho"
        ),
        pytest.param(
            "minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            None,
            "Buitenlandse Zaken",
            id="bhos",
        ),
        pytest.param(
            "minister voor Volkshuisvesting en Ruimtelijke Ordening",
            BEFORE_SCHOOF,
            "Binnenlandse Zaken en Koninkrijksrelaties",
            id="vro-voor-at-bzk",
        ),
        pytest.param(
            "minister van Volkshuisvesting en Ruimtelijke Ordening, viceminister-president",
            AFTER_SCHOOF,
            "Volkshuisvesting en Ruimtelijke Ordening",
            id="vro-ministry",
        ),
        pytest.param(
            "minister van Asiel en Migratie", AFTER_SCHOOF, "Asiel en Migratie", id="asiel-en-migratie"
        ),
        pytest.param("minister voor Migratie", BEFORE_SCHOOF, "Justitie en Veiligheid", id="migratie-before"),
        pytest.param(
            "staatssecretaris Fiscaliteit, Belastingdienst en Douane",
            AFTER_SCHOOF,
            "Financiën",
            id="vlos-fiscaliteit",
        ),
        pytest.param(
            "staatssecretaris Openbaar Vervoer en Milieu",
            AFTER_SCHOOF,
            "Infrastructuur en Waterstaat",
            id="vlos-ov",
        ),
        pytest.param(
            "staatssecretaris Rechtsbescherming",
            AFTER_SCHOOF,
            "Justitie en Veiligheid",
            id="vlos-rechtsbescherming",
        ),
        pytest.param(
            "staatssecretaris Jeugd, Preventie en Sport",
            AFTER_SCHOOF,
            "Volksgezondheid, Welzijn en Sport",
            id="vlos-jps",
        ),
        pytest.param("minister-president", None, "Algemene Zaken", id="minister-president"),
        pytest.param("KGG", None, "Klimaat en Groene Groei", id="abbr-kgg"),
        pytest.param("VWS", None, "Volksgezondheid, Welzijn en Sport", id="abbr-vws"),
        pytest.param("BZK", None, "Binnenlandse Zaken en Koninkrijksrelaties", id="abbr-bzk"),
        pytest.param("EZ", None, "Economische Zaken", id="abbr-ez"),
        pytest.param("IenW", None, "Infrastructuur en Waterstaat", id="abbr-ienw"),
        pytest.param("OCW", None, "Onderwijs, Cultuur en Wetenschap", id="abbr-ocw"),
        pytest.param("SZW", None, "Sociale Zaken en Werkgelegenheid", id="abbr-szw"),
        pytest.param("JenV", None, "Justitie en Veiligheid", id="abbr-jenv"),
        pytest.param("LVVN", None, "Landbouw, Visserij, Voedselzekerheid en Natuur", id="abbr-lvvn"),
        pytest.param("BZ", None, "Buitenlandse Zaken", id="abbr-bz"),
        pytest.param("Def", None, "Defensie", id="abbr-def"),
        pytest.param("Fin", None, "Financiën", id="abbr-fin"),
        pytest.param("AZ", None, "Algemene Zaken", id="abbr-az"),
        pytest.param("Justitie en Veiligheid", None, "Justitie en Veiligheid", id="register-value-itself"),
        pytest.param("lid Tweede Kamer", None, None, id="a-member-has-none"),
        pytest.param("", None, None, id="empty"),
        pytest.param(None, None, None, id="none"),
    ],
)
def test_the_ministry_of_a_function_at_the_time(
    function: str | None, on: date | None, ministry: str | None
) -> None:
    assert ministry_of(function, on) == ministry


# -- resolving mentions ------------------------------------------------------------------------------------

VAN_OOSTENBRUGGEN = KnownPerson(
    "98ba9ac4-3b9c-4107-8e51-62405f72f756",
    "Oostenbruggen, T. van",
    (Role("staatssecretaris Fiscaliteit, Belastingdienst en Douane", date(2025, 6, 1)),),
)
JANSEN_VWS = KnownPerson(
    "p-jansen-vws", "Jansen, D.", (Role("minister van Volksgezondheid, Welzijn en Sport", date(2025, 6, 1)),)
)
JANSEN_FIN = KnownPerson(
    "p-jansen-fin",
    "Jansen, K.",
    (Role("staatssecretaris van Financiën", date(2020, 1, 1), date(2022, 1, 1)),),
)


def test_the_kamers_persoon_id_decides_over_the_name() -> None:
    resolver = PersonResolver([VAN_OOSTENBRUGGEN, JANSEN_VWS])
    person = resolver.resolve("Iemand Anders", persoon_id=JANSEN_VWS.id)
    assert person is not None and person.id == JANSEN_VWS.id


def test_register_transcript_and_signature_resolve_to_one_person_with_one_display_name() -> None:
    resolver = PersonResolver([VAN_OOSTENBRUGGEN])
    mentions = [
        resolver.resolve("Oostenbruggen, T. van", function="staatssecretaris van Financiën"),
        resolver.resolve("Staatssecretaris Van Oostenbruggen"),
        resolver.resolve("T. van Oostenbruggen"),
    ]
    assert {m.id for m in mentions if m} == {VAN_OOSTENBRUGGEN.id}
    assert {m.display for m in mentions if m} == {"T. van Oostenbruggen"}


def test_two_people_of_one_surname_are_told_apart_by_the_ministry_at_the_time() -> None:
    resolver = PersonResolver([JANSEN_VWS, JANSEN_FIN])
    vws = resolver.resolve(
        "Minister Jansen", function="minister van Volksgezondheid, Welzijn en Sport", on=date(2025, 7, 2)
    )
    fin = resolver.resolve("Jansen", ministry="Financiën", on=date(2021, 3, 1))
    assert vws is not None and vws.id == JANSEN_VWS.id
    assert fin is not None and fin.id == JANSEN_FIN.id


def test_without_a_known_person_the_name_key_still_makes_one_person() -> None:
    resolver = PersonResolver()
    first = resolver.resolve("Schippers", ministry="Volksgezondheid, Welzijn en Sport")
    second = resolver.resolve("E.I. Schippers", ministry="Volksgezondheid, Welzijn en Sport")
    assert first is not None and second is not None
    assert first.key == second.key == "schippers"
    assert second.display == "E.I. Schippers"  # the fuller form is kept for showing
    assert resolver.resolve("Minister Schippers", ministry="Volksgezondheid, Welzijn en Sport") == second


def test_no_name_and_no_id_is_no_person() -> None:
    assert PersonResolver().resolve("  ") is None


# -- speakers of a transcript ------------------------------------------------------------------------------


def test_vlos_speakers_carry_the_kamers_id_the_party_of_members_and_the_ministry_of_bewindspersonen() -> None:
    speakers = {
        s.name: s for s in vlos_speakers((FIXTURES / "debate" / "nf_list.xml").read_bytes(), date(2025, 7, 2))
    }
    state_secretary = speakers["Van Oostenbruggen"]
    assert state_secretary.id == "98ba9ac4-3b9c-4107-8e51-62405f72f756"
    assert state_secretary.ministry == "Financiën"
    assert state_secretary.display == "Tjebbe van Oostenbruggen"
    assert speakers["Stultiens"].party == "GroenLinks-PvdA"
    assert speakers["Stultiens"].ministry is None
