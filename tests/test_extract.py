"""The extractor's rules: commitments, non-commitments, fulfilments, postponements, transcripts, bad input."""

from __future__ import annotations

import json
import random
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import extract
from tracker.documents import Segment, SourceText, read_document
from tracker.extract import EXTRACTOR_VERSION, analyse, to_json
from tracker.sentences import clean

D = date(2014, 11, 12)


def commitments(text: str, on: date | None = D) -> list[str]:
    return [c.text for c in analyse(text, on).commitments]


def fulfilments(text: str, on: date | None = D) -> list[str]:
    return [f.text for f in analyse(text, on).fulfilments]


COMMITMENTS = [
    # C-ZEG-TOE
    "Ik zeg toe dat ik de Kamer voor het kerstreces informeer.",
    "Ik zeg u graag toe dat ik de evaluatie met u deel.",
    "De minister zegt toe de Kamer voor de zomer een brief te sturen.",
    # C-ZAL, also inverted, subordinate and with a co-signing minister
    "Ik zal uw Kamer in het najaar informeren.",
    "Wij zullen uw Kamer medio 2015 nader informeren.",
    "Over de uitkomsten van dit overleg zal ik u na de zomer berichten.",
    "Na afronding van het onderzoek zal ik u de resultaten doen toekomen.",
    "De Minister van Financiën en ik zullen u voor de Voorjaarsnota informeren.",
    "Het kabinet zal de Tweede Kamer binnen twee maanden een reactie doen toekomen.",
    "Deze bespreking vindt morgen plaats, waarna ik uw Kamer spoedig zal informeren.",
    "Ik zal de Kamer zo spoedig mogelijk informeren over de uitkomst.",
    # C-PRES-TIME: present tense with a future anchor
    "Voor de zomer 2015 rapporteer ik over de voortgang.",
    "Ik stuur uw Kamer voor Prinsjesdag een brief.",
    "Het kabinet stuurt de Kamer in het voorjaar van 2015 een kabinetsreactie.",
    "Begin volgend jaar stuur ik u een brief over de uitvoering van de motie.",
    "In de volgende voortgangsrapportage ga ik in op de resultaten van de pilot.",
    # C-KAMER-ONTVANGT and passives with the Kamer as recipient
    "U ontvangt begin 2015 een eindrapportage.",
    "De Kamer wordt voor de begrotingsbehandeling geïnformeerd.",
    "Voor het einde van dit jaar ontvangt u de evaluatie.",
    "Uw Kamer ontvangt hierover een separate brief.",
    "In verband hiermee kunt u de brief in januari tegemoet zien.",
    "De resultaten van het onderzoek zullen voor de zomer aan de Kamer worden gezonden.",
    "De evaluatie zal u in het voorjaar worden toegezonden.",
    # C-KOM-TERUG, C-KOM-MET, C-VERWACHT, C-VOORNEMEN, C-ER-KOMT, C-HOUD
    "Ik kom hierop voor de zomer schriftelijk terug.",
    "Ik kom voor de zomer met een wetsvoorstel.",
    "Ik verwacht u medio 2015 te kunnen informeren.",
    "Wij verwachten u in het eerste kwartaal van 2015 een voortgangsrapportage te sturen.",
    "Ik ben voornemens de Kamer voor de zomer te informeren over de uitkomsten.",
    "De brief volgt voor het kerstreces.",
    "Beantwoording zal zo spoedig mogelijk plaatsvinden.",
    "Ik houd uw Kamer op de hoogte van de ontwikkelingen.",
    # looking into something, with a report back
    "Ik zal bezien of de regeling kan worden verruimd en uw Kamer daarover voor de zomer informeren.",
    # more phrasings: plans, intentions, colleagues, subordinate modals, future passives
    "De planning is om de evaluatie in het najaar aan uw Kamer te sturen.",
    "Ik streef ernaar uw Kamer voor het zomerreces te informeren.",
    "Naar verwachting ontvangt uw Kamer de rapportage in mei.",
    "Uw Kamer wordt hierover voor de zomer nader geïnformeerd.",
    "Ik zal u hierover in de volgende voortgangsrapportage berichten.",
    "Hierover zal ik u in het voorjaar van 2016 nader informeren.",
    "U kunt de kabinetsreactie voor de zomer tegemoet zien.",
    "Ik stel uw Kamer voor de zomer op de hoogte van de uitkomsten.",
    "Ik kom hier in het najaar bij uw Kamer op terug.",
    "De Kamer zal hierover voor de zomer een brief ontvangen.",
    "Ik heb de intentie om uw Kamer in mei te informeren over de resultaten.",
    "Ik verwacht dat ik uw Kamer in het voorjaar kan informeren.",
    "Dit zal ik in de volgende brief meenemen.",
    "Naar verwachting kan ik uw Kamer in juni informeren.",
    "Mijn ambtgenoot van Justitie en Veiligheid zal uw Kamer voor de zomer informeren.",
    "De Minister van Justitie en Veiligheid zal u hierover voor 1 juni informeren.",
    "Ik informeer uw Kamer over de uitkomsten zodra deze bekend zijn.",
    "Ik zal uw Kamer daarover uiterlijk in het eerste kwartaal van 2016 berichten.",
    "Het kabinet komt in het voorjaar met een reactie op het advies.",
    "Uw Kamer ontvangt de resultaten van de evaluatie naar verwachting in het voorjaar van 2016.",
    "Ik zal hier bij de begroting voor 2016 op terugkomen.",
    "Ik ga uw Kamer na de zomer informeren over de voortgang.",
    "Wij zullen de Kamer jaarlijks informeren over de voortgang van het programma.",
    "Ik zal uw Kamer de rapportage doen toekomen zodra deze gereed is.",
    "Voor de begrotingsbehandeling ontvangt u van mij een brief over de financiering.",
    "Het rapport dat hieruit is voortgekomen wordt zeer binnenkort met de Kamer gedeeld.",
    "Ik kan wel toezeggen, mevrouw Chakor, dat ik kan zorgen voor een advies op hoofdlijnen.",
    "Ik heb een uitgebreid antwoord en stel voor dat ik dat op schrift stel en aan de Kamer toestuur.",
    "Laten we afspreken dat ik, als ik nieuwe informatie heb, bereid ben om de Kamer daarover te informeren.",
    "Ik blijf bij mijn oordeel, hoewel ik de heer Koerhuis wel zou willen toezeggen om naar de afspraken te "
    "kijken.",
    "Het wetsvoorstel zal naar verwachting in het voorjaar bij uw Kamer worden ingediend.",
    "Ik zal het wetsvoorstel voor de zomer bij uw Kamer indienen.",
    "Ik zal u over de voortgang blijven informeren.",
    "U wordt in het voorjaar van 2016 nader geïnformeerd.",
    "Ik zal de Nederlandse vertegenwoordiger bij de OPCW vragen of deze informatie klopt.",
    "Ik zal ervoor zorgen dat de evaluaties structureel worden opgenomen in de agenda.",
    "Mijn voorstel zou zijn om uw Kamer een brief te sturen over de dilemma's.",
    "Het is nog steeds de bedoeling dat de brief zo snel mogelijk naar de Kamer gaat.",
    "Anders komt de brief na de zomer.",
    "Ik kan uw Kamer de toezegging doen dat ik de Kamer een brief stuur met de stand van zaken.",
]


@pytest.mark.parametrize("sentence", COMMITMENTS)
def test_a_commitment_is_found(sentence: str) -> None:
    assert commitments(sentence) == [sentence]


NON_COMMITMENTS = [
    # N-PAST: a promise reported, not made
    "Tijdens het AO van 31 oktober 2013 heb ik u toegezegd de Kamer te informeren.",
    "Wij hebben toegezegd u jaarlijks over de voortgang te informeren.",
    "In mijn brief van 3 juni jl. heb ik gemeld dat ik u voor de zomer zou informeren.",
    "Bij brief van 27 november heb ik u bericht dat ik u voor 1 april een notitie zal doen toekomen.",
    "Op 1 september 2014 is de Kamer geïnformeerd over de stand van zaken.",
    "Op 20 december 2013 heeft de Kamer de zesde voortgangsbrief ontvangen.",
    "De toezegging is dat ik u eind 2015 informeer over de uitwerking.",
    # N-REFUSE
    "Dat kan ik niet toezeggen.",
    "Ik stuur u daar geen brief over.",
    "Ik stuur u de brief niet voor de zomer.",
    # N-THIRD
    "De VNG zal in het najaar een handreiking publiceren.",
    "De gemeenten zullen de burgers voor 1 januari informeren.",
    # N-DELIVER-NOW
    "Hierbij stuur ik u het rapport van de commissie.",
    "In deze brief ga ik in op de uitkomsten van het onderzoek.",
    "In deze tussentijdse brief zal ik ingaan op de financiële ontwikkelingen.",
    "Met deze brief informeer ik u over de voortgang.",
    "Bijgaand treft u de rapportage aan.",
    "Gelijktijdig met deze brief ontvangt uw Kamer het jaarverslag.",
    "Mede namens de minister van Financiën bericht ik u dat het overleg volgende week plaatsvindt.",
    "Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd.",
    # N-LATER-HERE and N-ASKED
    "Daar kom ik zo op terug.",
    "Ik zal hier in de tweede termijn nog op terugkomen.",
    "U vraagt of ik kan toezeggen dat ik de Kamer voor de zomer informeer.",
    "Wilt u de Kamer voor de zomer informeren?",
    "De Kamer verzoekt de regering voor de zomer met een plan te komen.",
    # present tense without a future anchor
    "Graag informeer ik u over de stand van zaken.",
    "Zo informeren wij uw Kamer over de gevolgen van de voorstellen.",
    # more: effort without a report, third parties, past deliveries, questions of members
    "Ik zal mij inzetten voor een ambitieuze uitkomst.",
    "Ik zal de voorstellen kritisch bekijken.",
    "Zoals u weet, zal de Raad in juni besluiten.",
    "Ik heb uw Kamer op 3 maart geïnformeerd over de uitkomsten.",
    "Ik zal in deze brief ingaan op de uitkomsten.",
    "De Europese Commissie zal in het voorjaar een voorstel presenteren.",
    "In mijn brief van 12 februari heb ik aangegeven dat ik uw Kamer voor de zomer zou informeren.",
    "Uw Kamer heeft op 2 maart de brief ontvangen.",
    "De evaluatie is in januari naar uw Kamer gestuurd.",
    "Over de uitkomsten van het onderzoek is uw Kamer in december geïnformeerd.",
    "Ik kan u nog niet zeggen wanneer het rapport verschijnt.",
    "Naar aanleiding hiervan zal de NVWA extra controles uitvoeren.",
    "Het kabinet heeft besloten de regeling in 2016 te verlengen.",
    "De leden van de VVD-fractie vragen of de regering de Kamer voor de zomer wil informeren.",
    "Het rapport wordt morgen besproken.",
    "Het rapport is in mei naar de Kamer gestuurd.",
    "In het vervolg van deze brief zal ik ingaan op de gevolgen.",
    "Dat zullen we spoedig delen met de ondertekenaars van de brief.",
    "Ik zal de gemeenten voor de zomer informeren over de nieuwe regels.",
    "Die antwoorden krijgt u nu dus ook nog cadeau.",
    "Ik zal daar bij de Lelylijn bewust op terugkomen.",
    "Precies dat zal ik uiteenzetten.",
    "We zullen uw vraag ter kennis brengen van degenen die dat onderzoek begeleiden.",
    "Ik weet dat hij op korte termijn komt met een actieplan.",
    "Met Rijkswaterstaat gaan we de komende tijd op basis van de documenten die u heeft gekregen, actie "
    "ondernemen.",
    "Ik kan niet toezeggen dat de medeoverheden daarbij worden betrokken.",
    "Kan de minister toezeggen dat hij de Kamer informeert?",
    "Ik stel voor om de beantwoording in de volgorde van de sprekers te doen.",
    "Ik wil niet nu al toezeggen dat dit zal leiden tot nieuwe afspraken.",
    "Die motie zal ik nu indienen.",
    "Maar ik kan wel toezeggen dat de normale regels van toepassing zijn.",
    "Dan de vraag van mevrouw Postma of ik kan toezeggen dat ik ga werken aan meerjarige stabiliteit.",
    "Ik zal uw Kamer vragen in te stemmen met het voorstel.",
    "Dan ga ik nu over naar de beantwoording van uw vragen.",
    "We gaan echt een paar stappen zetten om ervoor te zorgen dat het fatsoen terugkomt.",
    "Ik ga langs bij de Bodegravenboog en laat me informeren door de partijen die daarbij betrokken zijn.",
]


@pytest.mark.parametrize("sentence", NON_COMMITMENTS)
def test_a_non_commitment_is_not_found(sentence: str) -> None:
    assert commitments(sentence) == []


FULFILMENTS = [
    "Met deze brief doe ik mijn toezeggingen gestand.",
    "Tevens kom ik met deze brief mijn toezegging na om u te informeren over de pilot.",
    "Beide toezeggingen kom ik hierbij na.",
    "Zoals toegezegd aan uw Kamer stuur ik u bij dezen het rapport.",
    "Conform mijn toezegging zend ik u hierbij de evaluatie.",
    "Hiermee geef ik invulling aan de toezegging uit het commissiedebat van 3 juli.",
    "Met deze brief voldoe ik aan de toezegging uit het notaoverleg.",
    "Met deze brief komen wij tegemoet aan enkele toezeggingen en moties.",
    "Tijdens het wetgevingsoverleg Materieel van 7 november jl. (Kamerstuk 33 000 X, nr. 30) heb ik "
    "toegezegd u te informeren over de stand van zaken.",
    "In de brief is toegezegd dat de Kamer jaarlijks wordt geïnformeerd.",
    "Hiermee beschouw ik de toezegging als afgedaan.",
    "In deze brief ga ik tevens in op de toezegging aan het lid Omtzigt.",
    "Deze brief is mede ter uitvoering van de motie-Taverne (Kamerstuk 21 501-02, nr. 1538).",
    "Met deze brief ga ik in op het verzoek van de vaste commissie voor Defensie van 22 februari 2018.",
    "Naar aanleiding van uw brief van 28 oktober 2014 bericht ik u als volgt.",
    "Conform uw verzoek van 4 maart jl. bericht ik u als volgt.",
    "Hierbij ontvangt u de toegezegde brief over de uitvoering.",
    "Tijdens het Algemeen Overleg van 3 september 2014 verzocht de heer Van der Steur om een organogram.",
    "Tijdens hetzelfde overleg heeft mevrouw Kooiman gevraagd naar de capaciteit van de politie.",
    # more: answers to questions, motions carried out, requests of a committee
    "Hiermee kom ik mijn toezegging na.",
    "Met deze brief informeer ik uw Kamer, zoals toegezegd tijdens het commissiedebat van 5 "
    "februari, over de stand van zaken.",
    "In deze brief ga ik in op de vragen die de leden tijdens het debat hebben gesteld.",
    "Tijdens het mondelinge vragenuur van 3 februari heb ik uw Kamer toegezegd u te informeren "
    "over de uitvoering.",
    "Hierbij bied ik u, mede namens de minister van Financiën, de antwoorden aan op de vragen "
    "van de vaste commissie.",
    "Met deze brief geef ik uitvoering aan de motie van het lid Segers.",
    "Met deze brief informeer ik u over de uitvoering van de motie van het lid Segers.",
    "Op verzoek van uw commissie stuur ik u hierbij een overzicht van de subsidies.",
    "Uw commissie heeft mij gevraagd om een reactie op het rapport van de Rekenkamer.",
    "In antwoord op de vragen van het lid Omtzigt deel ik u het volgende mee.",
    "Hierbij zend ik u, zoals verzocht, de planning van het project.",
    "Met deze brief reageer ik op het verzoek van de commissie van 3 maart.",
    "Hiermee geef ik graag gehoor aan het verzoek van uw Kamer.",
    "Met deze brief beantwoord ik de vragen van de commissie.",
    "Tijdens het debat over de begroting is mij gevraagd om een overzicht van de subsidies.",
    "In de motie van het lid Omtzigt (Kamerstuk 21 501-20, nr. 1200) wordt de regering verzocht een "
    "onderzoek te doen naar de gevolgen.",
    "Op 18 oktober heeft uw Kamer de motie van het lid Özütok aangenomen, waarin de regering wordt verzocht "
    "om in overleg te treden.",
    "Met deze brief geef ik een reactie op het verzoek van het lid Omtzigt.",
    "Deze brief is een reactie op het verzoek van de commissie van 3 maart.",
]


@pytest.mark.parametrize("sentence", FULFILMENTS)
def test_a_fulfilment_is_found(sentence: str) -> None:
    assert fulfilments(sentence) == [sentence]


NON_FULFILMENTS = [
    "Ik kan daarom niet aan het verzoek voldoen.",
    "Zoals ik eerder aan uw Kamer heb gemeld, is de verkenning afgerond.",
    "Hierbij stuur ik u het rapport van de commissie.",
    "De Kamer verzoekt om een overzicht van de gevolgen.",
    "Op 5 juli jl. heeft de vaste commissie vragen gesteld over de brief.",
    "Hierbij zend ik u de kabinetsreactie op het rapport van de Raad van State.",
]


@pytest.mark.parametrize("sentence", NON_FULFILMENTS)
def test_a_non_fulfilment_is_not_found(sentence: str) -> None:
    assert fulfilments(sentence) == []


def test_a_letter_that_postpones_does_not_fulfil_the_request_it_recalls() -> None:
    text = (
        "Uw Kamer heeft mij op 14 maart verzocht om voor 19 maart een brief te sturen over de boetes. "
        "Het is helaas niet mogelijk gebleken deze brief binnen de gestelde termijn te sturen. "
        "Ik verwacht u de brief uiterlijk 30 april te doen toekomen."
    )
    result = analyse(text, D)
    assert result.fulfilments == ()
    assert [c.text for c in result.commitments] == [
        "Ik verwacht u de brief uiterlijk 30 april te doen toekomen."
    ]
    (postponement,) = result.postponements
    assert postponement.text == result.commitments[0].text
    assert postponement.deadline is not None and postponement.deadline.due == date(2015, 4, 30)


def test_a_recalled_promise_met_by_a_separate_letter_is_no_fulfilment() -> None:
    text = (
        "Als laatste heb ik tijdens het AO toegezegd de Kamer vertrouwelijk te informeren over de risico's. "
        "Uw Kamer ontvangt hierover een separate Kamerbrief."
    )
    result = analyse(text, D)
    assert result.fulfilments == ()
    assert [c.text for c in result.commitments] == ["Uw Kamer ontvangt hierover een separate Kamerbrief."]


@pytest.mark.parametrize(
    ("text", "postponed"),
    [
        (
            "Het rapport is later gereed dan gepland. "
            "In verband hiermee kunt u de brief in januari tegemoet zien.",
            True,
        ),
        ("Het lukt helaas niet om de brief voor de zomer te sturen.", True),
        ("Het rapport is vertraagd. Ik verwacht het in juni aan uw Kamer te sturen.", True),
        ("De aanleg van de weg heeft vertraging opgelopen door de stikstofregels.", False),
        ("Ik zal uw Kamer in het najaar informeren.", False),
    ],
)
def test_a_postponement_is_found(text: str, postponed: bool) -> None:
    assert bool(analyse(text, D).postponements) == postponed


def test_a_sentence_can_be_both_a_fulfilment_and_a_commitment() -> None:
    text = "Zoals toegezegd zal ik u voor de zomer de evaluatie sturen."
    result = analyse(text, D)
    assert len(result.commitments) == 1
    assert len(result.fulfilments) == 1


@pytest.mark.parametrize(
    ("sentence", "conditional"),
    [
        ("Als de evaluatie daar aanleiding toe geeft, zal ik uw Kamer informeren.", True),
        ("Indien nodig zal ik u voor de zomer informeren.", True),
        ("Ik zal uw Kamer in het najaar informeren.", False),
    ],
)
def test_a_conditional_commitment_is_flagged(sentence: str, conditional: bool) -> None:
    (found,) = analyse(sentence, D).commitments
    assert found.conditional is conditional


@pytest.mark.parametrize(
    ("sentence", "vague"),
    [
        ("Ik zal de Kamer zo spoedig mogelijk informeren.", True),
        ("Ik houd uw Kamer op de hoogte van de ontwikkelingen.", True),
        ("Ik zal uw Kamer voor 1 maart 2015 informeren.", False),
    ],
)
def test_a_commitment_without_a_firm_time_is_vague(sentence: str, vague: bool) -> None:
    (found,) = analyse(sentence, D).commitments
    assert found.vague is vague


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Het kabinet zal de Kamer voor de zomer informeren.", "kabinet"),
        ("De staatssecretaris zegt toe de Kamer voor de zomer te informeren.", "staatssecretaris"),
        ("Ik zal uw Kamer in het najaar informeren.", "minister"),
    ],
)
def test_the_actor_is_named(sentence: str, actor: str) -> None:
    (found,) = analyse(sentence, D).commitments
    assert found.actor == actor


def test_the_actor_of_a_letter_comes_from_its_heading() -> None:
    text = "Nr. 7 BRIEF VAN DE STAATSSECRETARIS VAN FINANCIËN\n\nIk zal uw Kamer in het najaar informeren."
    (found,) = analyse(text, D).commitments
    assert found.actor == "staatssecretaris"


def test_a_strong_cue_has_more_confidence_than_a_weak_one() -> None:
    strong = analyse("Ik zeg toe dat ik de Kamer voor de zomer informeer.", D).commitments[0]
    weak = analyse("Ik verwacht u medio 2015 te kunnen informeren.", D).commitments[0]
    assert 0 < weak.confidence < strong.confidence <= 1


def test_a_lower_bound_gives_way_to_a_date_named_later_in_the_sentence() -> None:
    text = "Na de zomer zal ik u de brief sturen, uiterlijk 1 oktober."
    (found,) = analyse(text, date(2025, 7, 2)).commitments
    assert found.deadline is not None and found.deadline.due == date(2025, 10, 1)


def test_the_first_time_phrase_binds_when_it_sets_a_date() -> None:
    text = "U ontvangt begin 2015 een eindrapportage over het actieplan dat eind 2014 afloopt."
    (found,) = analyse(text, date(2014, 12, 16)).commitments
    assert found.deadline is not None and found.deadline.due == date(2015, 3, 31)


def test_the_deadline_is_resolved_against_the_document_date() -> None:
    (found,) = analyse("Voor de zomer 2015 rapporteer ik over de voortgang.", D).commitments
    assert found.deadline is not None and found.deadline.due == date(2015, 7, 2)


def test_footnote_references_are_attached_to_their_sentence() -> None:
    text = (
        "Zoals eerder aan uw Kamer is toegezegd5 bied ik u de voortgang aan.\n\n5 Kamerstuk 34 880, nr. 12\n"
    )
    (found,) = analyse(text, D).fulfilments
    assert [(r.type, r.fields["dossier"], r.fields["number"]) for r in found.refs] == [
        ("kamerstuk", "34880", "12")
    ]
    assert text[found.refs[0].start : found.refs[0].end] == "Kamerstuk 34 880, nr. 12"


def test_footnotes_of_a_read_document_are_attached_too() -> None:
    text = "Met deze brief doe ik mijn toezeggingen gestand.1"
    source = SourceText(text=text, kind="letter", footnotes=("1 Handelingen II 2012/13, nr. 67, item 11",))
    (found,) = analyse(source, D).fulfilments
    assert [r.type for r in found.refs] == ["handelingen"]


def test_the_same_meeting_gets_the_date_of_the_meeting_named_before() -> None:
    text = (
        "Tijdens het Algemeen Overleg Mensenhandel van 3 september 2014 verzocht de heer Van der Steur om "
        "een overzicht. Tijdens hetzelfde Algemeen Overleg Mensenhandel heeft mevrouw Kooiman gevraagd naar "
        "de capaciteit."
    )
    second = analyse(text, D).fulfilments[1]
    (meeting,) = [r for r in second.refs if r.type == "meeting"]
    assert meeting.fields["date"] == "2014-09-03"


def transcript(*turns: tuple[str, str, bool]) -> SourceText:
    """A transcript from (role, text, chair_list) turns."""
    text, segments = "", []
    for role, words, chair_list in turns:
        start = len(text)
        text += words + "\n\n"
        speaker = {"chair": "De voorzitter", "member": "De heer Jansen"}.get(role, "Minister Van Dam")
        segments.append(Segment(start, start + len(words), "turn", speaker, role))
        segments.append(
            Segment(
                start,
                start + len(words),
                "list_item" if chair_list else "paragraph",
                speaker,
                role,
                chair_list,
            )
        )
    return SourceText(text=text, kind="transcript", date=date(2025, 7, 2), segments=tuple(segments))


def test_every_item_of_the_chairs_list_is_a_commitment_with_its_deadline() -> None:
    source = transcript(
        ("chair", "Dan kom ik bij de toezeggingen.", False),
        (
            "chair",
            "De staatssecretaris zegt de Kamer toe de Kamer voor het kerstreces van 2025 te informeren over "
            "inzage in rapportages.",
            True,
        ),
        ("chair", "De bevindingen over true pricing worden na de zomer naar de Kamer gestuurd.", True),
        ("chair", "Het onderwerp start-ups wordt meegenomen in de voortgangsbrief.", True),
        ("chair", "Dat waren alle toezeggingen.", False),
    )
    found = analyse(source).commitments
    assert [c.from_chair_list for c in found] == [True, True, True]
    assert found[0].deadline is not None and found[0].deadline.due == date(2025, 12, 18)
    assert found[0].actor == "staatssecretaris"


@pytest.mark.parametrize(
    "text",
    [
        "De minister stuurt de Kamer een overzicht (organogram) van de partijen die betrokken zijn.",
        "De minister informeert de Kamer over de capaciteit van de politie voor de aanpak van sextortion.",
        "De staatssecretaris zal het rapport over rode diesel na de ministerraad aan de Kamer doen toekomen.",
        "De minister zegt toe de Kamer voor de zomer te informeren over de uitkomsten.",
    ],
)
def test_a_register_text_is_a_commitment_as_it_stands(text: str) -> None:
    (found,) = analyse(text).commitments
    assert found.text == text
    assert not found.from_chair_list


def test_a_register_style_report_of_the_past_is_no_commitment() -> None:
    assert analyse("De minister heeft de Kamer geïnformeerd over de voortgang.").commitments == ()


def test_members_and_motions_make_no_commitments() -> None:
    source = transcript(
        (
            "member",
            "Ik zal de motie voor de zomer indienen. Verzoekt de regering de Kamer voor de zomer te "
            "informeren.",
            False,
        ),
        ("member", "Ik zal u voor de zomer een brief sturen.", False),
    )
    assert analyse(source).commitments == ()


def test_a_minister_promising_in_a_debate_is_found_but_not_a_later_answer_in_the_debate() -> None:
    source = transcript(
        ("minister", "Daar kom ik zo op terug. Ik stuur dat nog voor de zomer naar de Kamer.", False),
    )
    assert [c.text for c in analyse(source).commitments] == ["Ik stuur dat nog voor de zomer naar de Kamer."]


def test_a_promise_made_by_referring_back_is_that_sentence_with_what_it_refers_to() -> None:
    source = transcript(
        (
            "member",
            "Wil de minister toezeggen dat hij een quickscan doet voor de gepauzeerde projecten?",
            False,
        ),
        ("minister", "Ja, die toezegging kan ik doen.", False),
    )
    (found,) = analyse(source).commitments
    assert found.text == "Ja, die toezegging kan ik doen."
    assert found.refers_to is not None and "quickscan" in found.refers_to
    assert found.speaker == "Minister Van Dam"


@pytest.mark.parametrize(
    ("said", "promised"),
    [
        ("Ik vind dat dat deel moet uitmaken van de aanpak, dus dat kan ik hem wel toezeggen.", True),
        ("Dat kan ik toezeggen en dat ben ik ook met de heer Sneller eens.", True),
        ("Dat kan ik niet toezeggen.", False),
    ],
)
def test_a_minister_saying_dat_kan_ik_toezeggen_promises(said: str, promised: bool) -> None:
    source = transcript(("minister", said, False))
    assert bool(analyse(source).commitments) is promised


def test_a_spoken_closing_list_is_read_when_it_is_not_marked() -> None:
    source = transcript(
        (
            "chair",
            "Dan kom ik bij de toezeggingen. Dan kom ik bij de volgende. De Kamer ontvangt de agenda "
            "wijkverpleging voor het kerstreces. De relevante evaluaties worden in de agenda meegenomen.",
            False,
        ),
        ("minister", "Dat klopt.", False),
        (
            "chair",
            "O, tijdens het tweeminutendebat komt u daarop terug. Daarmee komen we aan het einde.",
            False,
        ),
    )
    found = [c.text for c in analyse(source).commitments]
    assert found == [
        "De Kamer ontvangt de agenda wijkverpleging voor het kerstreces.",
        "De relevante evaluaties worden in de agenda meegenomen.",
        "O, tijdens het tweeminutendebat komt u daarop terug.",
    ]


def test_a_plain_text_transcript_uses_its_speaker_lines() -> None:
    text = (
        "De heer Voordewind (ChristenUnie):\n\nIk zal de Kamer voor de zomer een brief sturen.\n\n"
        "Staatssecretaris Van Rijn:\n\nIk zal de Kamer voor de zomer informeren.\n"
    )
    assert commitments(text) == ["Ik zal de Kamer voor de zomer informeren."]


def test_the_json_output_follows_the_interface() -> None:
    text = (
        "Tijdens het Algemeen Overleg van 31 oktober 2013 (Kamerstuk 28 638, nr. 108) heb ik een aantal "
        "toezeggingen gedaan. Met deze brief doe ik mijn toezeggingen aan uw Kamer gestand. "
        "Voor de zomer 2015 rapporteer ik over de voortgang."
    )
    out = json.loads(json.dumps(to_json(analyse(text, date(2014, 12, 16)))))
    assert out["date"] == "2014-12-16"
    (c,) = out["commitments"]
    assert {"text", "start", "end", "actor", "confidence", "deadline", "vague", "conditional"} <= set(c)
    assert text[c["start"] : c["end"]] == c["text"]
    assert c["deadline"] == {
        "text": "Voor de zomer 2015",
        "due": "2015-07-02",
        "earliest": None,
        "kind": "recess",
    }
    first = out["fulfilments"][0]
    assert {"text", "start", "end", "refs"} <= set(first)
    assert {
        "type": "kamerstuk",
        "raw": "Kamerstuk 28 638, nr. 108",
        "dossier": "28638",
        "number": "108",
    }.items() <= (next(r for r in first["refs"] if r["type"] == "kamerstuk").items())
    assert out["postponements"] == []
    assert out["extractor_version"] == EXTRACTOR_VERSION


@pytest.mark.parametrize("text", ["", "   \n\n ", "\x00\x01\x02\ufffd" * 50, "...!!!???", "1 2 3 4"])
def test_empty_or_garbled_input_gives_an_empty_result(text: str) -> None:
    result = analyse(text, D)
    assert (result.commitments, result.fulfilments, result.postponements) == ((), (), ())


def test_binary_ish_text_does_not_crash() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
    text = noise + " Ik zal u voor de zomer informeren. " + noise
    result = analyse(text, D)
    # the promise amid the noise is still found, where it stands, with its deadline; the JSON is valid
    (found,) = [c for c in result.commitments if "Ik zal u voor de zomer informeren" in c.text]
    assert "Ik zal u voor de zomer informeren" in text[found.start : found.end]
    assert found.deadline is not None and found.deadline.kind == "recess"
    assert json.loads(json.dumps(to_json(result)))["commitments"]


def test_a_huge_text_is_analysed() -> None:
    letter = (
        "Ik zal uw Kamer in het najaar informeren. Het basisniveau is opgesteld met veel partners. " * 20_000
    )
    result = analyse(letter, D)
    assert len(result.commitments) == 20_000


def test_a_megabyte_without_a_full_stop_gives_a_result() -> None:
    """Every cue is turned down ("hiermee": this document delivers); each guard looks back over the sentence,
    which stays short because long stretches are cut."""
    text = "ik zal de kamer informeren hiermee, " * 28_000
    result = analyse(text, D)
    assert result.commitments == ()


@pytest.mark.parametrize(
    "text",
    ["nr. " * 250_000, "a" * 1_000_000, "ik zal " * 15_000, "1 " * 500_000],
    ids=["abbreviations", "one-word", "cue-words", "numbers"],
)
def test_a_megabyte_of_one_repeated_pattern_gives_a_result(text: str) -> None:
    result = analyse(text, D)
    assert result.fulfilments == () and result.postponements == ()


def test_many_footnote_lines_in_a_long_text_mark_only_their_own_sentences() -> None:
    notes = "".join(f"{i % 90 + 1} Kamerstuk 34 880, nr. {i}\n" for i in range(3_000))
    notes += "7 Ik zal u in de winter informeren.\n"  # a footnote, so no commitment of this letter
    text = "Ik zal u voor de zomer informeren.\n\n" + notes + "\nIk zal u in het najaar informeren.\n"
    result = analyse(text, D)
    assert [c.text for c in result.commitments] == [
        "Ik zal u voor de zomer informeren.",
        "Ik zal u in het najaar informeren.",
    ]


def test_without_a_date_relative_deadlines_stay_unresolved() -> None:
    result = analyse("Ik zal u voor de zomer informeren.")
    assert result.date is None
    (found,) = result.commitments
    assert found.deadline is not None and found.deadline.due is None
    assert to_json(result)["date"] is None


def test_the_documents_own_date_is_used_when_none_is_given() -> None:
    source = SourceText(text="Ik zal u voor de zomer informeren.", kind="letter", date=date(2014, 12, 16))
    (found,) = analyse(source).commitments
    assert found.deadline is not None and found.deadline.due == date(2015, 7, 2)


PIECES = [
    "Ik zal uw Kamer voor de zomer informeren.",
    "Met deze brief doe ik mijn toezeggingen gestand.1",
    "Hierbij stuur ik u het rapport.",
    "Het lukt helaas niet om de brief te sturen.",
    "(Kamerstuk 28 638, nr. 108)",
    "voort-\ngangsrapportage",
    "\n\n",
    "De voorzitter:\n",
    "1 Kamerstuk 34 880, nr. 12\n",
    "nr. ",
    "?",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25))
def test_any_text_is_analysed_and_every_span_slices_back(parts: list[str]) -> None:
    text = " ".join(parts)
    result = analyse(text, D)
    for item in (*result.commitments, *result.fulfilments, *result.postponements):
        assert clean(text[item.start : item.end]) == item.text
    json.dumps(to_json(result))


# --- rule families added in version 3, each with the near misses it must leave alone -----------------------


def spoken_promises(said: str) -> list[str]:
    return [c.rule for c in analyse(transcript(("minister", said, False))).commitments]


@pytest.mark.parametrize(
    ("said", "promised"),
    [
        # a document as subject, on its way with a future time: C-DOC, C-IN-DOC (C-ER-KOMT for "komt")
        ("Het plan van aanpak voor de regio's gaat in het najaar naar de Kamer toe.", True),
        ("Deze Kamerbrief wordt naar verwachting kort na de zomer verstuurd.", True),
        ("In de MIRT-brief van volgend jaar voorjaar zal de actuele stand van zaken worden opgenomen.", True),
        ("In de volgende voortgangsrapportage wordt ingegaan op de resultaten.", True),
        ("Het rapport gaat voor de zomer naar de Kamer.", True),
        ("De kabinetsreactie zal in het najaar worden verstuurd.", True),
        ("De voortgangsrapportage wordt in december verzonden.", True),
        ("Anders komt de brief na de zomer.", True),
        ("De brief is vorige week naar de Kamer gegaan.", False),
        ("De brief werd in het voorjaar verstuurd.", False),
        ("De brief gaat niet voor de zomer naar de Kamer.", False),
        ("Gaat de brief voor de zomer naar de Kamer?", False),
        ("Het plan van aanpak gaat over de regio's.", False),
        ("In het rapport wordt ingegaan op de resultaten.", False),
        ("De brief gaat in op de vragen van de commissie.", False),
        ("Het wetsvoorstel gaat begin volgend jaar in consultatie.", False),
        ("De brief wordt na de zomer naar de gemeenten gestuurd.", False),
        ("In de brief van vorig jaar is de stand van zaken opgenomen.", False),
        # first person zal + an act beyond delivering: C-ZAL-ACT
        ("Ik zal navraag doen binnen het departement.", True),
        ("Ik zal hier dus nader over in gesprek gaan met de VS.", True),
        ("Ik zal in de gesprekken met de sector aandacht besteden aan de positie van jongeren.", True),
        ("Wij zullen contact opnemen met de provincie.", True),
        ("Ik zal dit bespreken met mijn Duitse collega.", True),
        ("Ik zal de NZa opdracht geven om dit te onderzoeken.", True),
        ("Bij het volgende gesprek met het fonds zal ik de suggestie doen het traject uit te breiden.", True),
        ("Ik zal het zeker ook ter sprake brengen als ik maandag een bezoek breng aan Fier.", True),
        ("Ik zal ervoor zorgen dat de gemeenten het bericht krijgen.", True),
        ("Ik zal die vraag doorgeleiden naar mijn collega van KGG.", True),
        ("Dat zal wel meevallen.", False),
        ("Het zal duidelijk zijn dat ik dit belangrijk vind.", False),
        ("Of dat werkt, zal in de praktijk moeten blijken.", False),
        ("De gemeenten zullen navraag doen bij de zorgaanbieders.", False),
        ("Ik zal niet in gesprek gaan met de VS.", False),
        ("Zal de minister navraag doen?", False),
        ("Ik zal het kort houden.", False),
        ("Ik zal de moties bespreken.", False),
        ("Ik zal straks in gesprek gaan met de heer Jansen over zijn motie.", False),
        ("Ik heb navraag gedaan binnen het departement.", False),
        ("Daar zal ik natuurlijk ook voor blijven pleiten.", False),
        ("Dan zal ik spreken over bescherming.", False),
        ("We zullen het gesprek voeren in de commissie.", False),
        ("Daar zullen we met elkaar het gesprek over voeren.", False),
        ("Met de VNG zal ik in overleg treden.", True),
        # ability + a letter + a time: C-KAN-WIL
        ("Dat kan ik binnen een paar maanden per brief hier hebben liggen.", True),
        ("Dat kan ik u voor de zomer per brief laten weten.", True),
        ("Ik kan dat voor de zomer op papier bij u hebben liggen.", True),
        ("Dat kan ik niet per brief laten weten.", False),
        ("Kan ik u dat per brief laten weten?", False),
        ("Dat kan ik per brief hier hebben liggen.", False),
        # present tense "doen toekomen", object first: C-DOE-TOEKOMEN
        ("Dat doe ik met het onderzoek van de Raad van Ouderen aan mevrouw Paulusma toekomen.", True),
        ("Die doe ik u voor de zomer toekomen.", True),
        ("Dat doe ik niet toekomen.", False),
        ("Die heb ik u vorige week doen toekomen.", False),
        # infinitive promises: C-ZEG-TOE and C-REFER-BACK
        ("Ik kan wel toezeggen, mevrouw Jansen, dat ik de Kamer voor de zomer informeer.", True),
        ("Ik kan uw Kamer de toezegging doen dat ik voor de zomer een brief stuur.", True),
        ("Dat kan ik u wel toezeggen.", True),
        ("U vraagt of ik kan toezeggen dat ik een brief stuur.", False),
    ],
)
def test_a_ministers_spoken_sentence_is_a_promise_or_not(said: str, promised: bool) -> None:
    assert bool(spoken_promises(said)) is promised


@pytest.mark.parametrize(
    ("text", "promised"),
    [
        ("De evaluatie zal in het najaar aan uw Kamer worden verstuurd. Ik dank u.", True),
        ("Het rapport gaat voor de zomer naar de Kamer. Ik dank u.", True),
        ("Ik zal navraag doen bij de Belastingdienst. Ik dank u.", True),
        # in a letter "Deze brief" is the letter itself, and "Ik doe u … toekomen" delivers now
        ("Deze brief wordt na de zomer verstuurd. Ik dank u.", False),
        ("Ik doe u de antwoorden op de vragen toekomen. Ik dank u.", False),
        ("Hierbij doe ik u de antwoorden toekomen. Ik dank u.", False),
        ("Het rapport wordt op 1 september gepubliceerd. Ik dank u.", False),
        ("In het plan van aanpak wordt ingegaan op de knelpunten. Ik dank u.", False),
        ("In het rapport zal worden ingegaan op de risico's, zo verwacht de commissie. Ik dank u.", False),
        ("Het wetsvoorstel zal naar verwachting in 2026 in werking treden. Ik dank u.", False),
        ("Het rapport is in het voorjaar naar de Kamer gestuurd en wordt nu uitgewerkt. Ik dank u.", False),
        ("In het jaarverslag 2026 zal worden gerapporteerd over de voortgang. Ik dank u.", True),
    ],
)
def test_a_letters_sentence_is_a_promise_or_not(text: str, promised: bool) -> None:
    assert bool(analyse(text, date(2025, 7, 2)).commitments) is promised


def test_a_first_person_act_has_less_confidence_than_a_delivery() -> None:
    (act,) = analyse(
        transcript(("minister", "Ik zal navraag doen binnen het departement.", False))
    ).commitments
    (send,) = analyse(
        transcript(("minister", "Ik zal de Kamer voor de zomer informeren.", False))
    ).commitments
    assert act.rule == "C-ZAL-ACT"
    assert act.confidence < send.confidence


def test_a_plain_text_chair_list_gives_each_numbered_item_and_nothing_else() -> None:
    text = (
        "De voorzitter:\n\nDan kom ik bij de toezeggingen.\n\n"
        "Eén. De minister zal in oktober een brief naar de Kamer sturen over de bedrijfsvoering.\n\n"
        "Check.\n\nIs dat nog voor het reces? Voor het reces, hoor ik.\n\n"
        "Twee. De Kamer ontvangt de agenda wijkverpleging voor het kerstreces.\n\n"
        "Dat waren de toezeggingen.\n\nMinister Jansen:\n\nDank u wel.\n"
    )
    found = analyse(read_document(text.encode(), "debat.txt"), date(2025, 7, 2)).commitments
    assert [c.text for c in found] == [
        "De minister zal in oktober een brief naar de Kamer sturen over de bedrijfsvoering.",
        "De Kamer ontvangt de agenda wijkverpleging voor het kerstreces.",
    ]
    assert all(c.from_chair_list for c in found)


RECALLED = (
    "Tijdens het Algemeen Overleg mensenhandel van 3 september 2014 heb ik u toegezegd "
    "de Kamer te informeren over de capaciteit van de politie."
)


@pytest.mark.parametrize(
    ("after", "fulfils"),
    [
        ("Ik zal de vragen van uw Kamer over de Schiphol-tunnel zo spoedig mogelijk beantwoorden.", True),
        ("Ik verwacht u hierover voor de zomer te informeren.", False),
        ("Ik zal u over deze toezegging voor de zomer informeren.", False),
    ],
    ids=["unrelated-promise-after", "renewed-hierover", "renewed-deze-toezegging"],
)
def test_a_recalled_promise_is_met_unless_the_next_sentence_renews_it(after, fulfils):
    result = analyse(RECALLED + "\n\n" + after, date(2014, 12, 16))
    assert len(result.commitments) == 1
    assert bool(result.fulfilments) is fulfils


# -- letter families (issue 10): each row a made-up sentence of the family, not a dev-set sentence ---------

LETTER_COMMITMENTS = [
    ("U mag de evaluatie in het najaar verwachten.", "C-KAMER-ONTVANGT"),
    ("U zult de evaluatie na de zomer ontvangen.", "C-KAMER-ONTVANGT"),
    ("Zodra de cijfers bekend zijn, zult u het rapport ontvangen.", "C-KAMER-ONTVANGT"),
    ("Ik heb ervoor gekozen de rapportage na de zomer te sturen.", "C-VOORNEMEN"),
    ("Na afronding van het onderzoek zullen wij u verslag doen.", "C-ZAL"),
    ("Zodra het akkoord is gesloten, wordt het aan de Kamer gezonden.", "C-PASSIEF-PRES"),
    ("De resultaten worden u begin mei voorgelegd.", "C-PASSIEF-PRES"),
    (
        "Ik zal uw Kamer voor de zomer een reactie, mede namens de Minister van Justitie, doen toekomen.",
        "C-ZAL",
    ),
    (
        "Ik verwacht dat ik, samen met de Minister van EZK, u voor het einde van dit jaar kan informeren.",
        "C-VERWACHT",
    ),
    (
        "Ik kan niet aan uw verzoek tegemoet komen, maar zal u mijn visie voor de zomer doen toekomen.",
        "C-ZAL",
    ),
    ("Op de overige aanbevelingen zal ik separaat terugkomen.", "C-ZAL"),
    ("Ik verwacht voor de zomer een tussentijdse rapportage te leveren.", "C-VERWACHT"),
]
LETTER_NON_COMMITMENTS = [
    "In de motie Van der Lee wordt de regering verzocht de Kamer vóór 1 mei te informeren.",
    "De motie Van der Lee verzoekt de regering de Kamer voor 1 mei te informeren.",
    "Zoals elk jaar stuur ik u hierbij de voortgangsrapportage.",
    "Deze brief staat geagendeerd voor het commissiedebat van 12 april.",
    "U zult de brief van 3 maart inmiddels hebben ontvangen.",  # past, not a promise
    "Zult u het rapport voor de zomer ontvangen?",  # a question
    "Dit jaar zullen we nog 100 radarsystemen leveren.",  # a delivery to others, not a report
    "De Afdeling heeft haar advies uitgebracht en zend ik u, mede namens de Minister van Financiën bijgaand.",
]
# (sentences, which one is the commitment): the second sentence leans on the first
LETTER_FOLLOW_UPS = [
    ("Voor de zomer stuur ik u de voortgangsrapportage. Daarin zal ik ook ingaan op de wachttijden.", 2),
    ("Voor de zomer stuur ik u de voortgangsrapportage. Uw suggesties neem ik daarin graag mee.", 2),
    ("Hierbij stuur ik u de jaarrapportage over 2024. Dat zal ik elk jaar blijven doen.", 1),
]
LETTER_FULFILMENTS = [
    ("Hiermee wordt aan het verzoek voldaan.", "F-VOLDOE"),
    ("Deze brief vormt de eerste halfjaarlijkse rapportage.", "F-SELF"),
    ("Overeenkomstig eerdere toezegging informeer ik u over de stand van zaken.", "F-ZOALS"),
    ("Met het rapport wordt uitvoering gegeven aan de toezeggingen van mijn ambtsvoorganger.", "F-INVULLING"),
    (
        "Het lid Omtzigt heeft gevraagd om alle memo's te sturen. Bijgaand verstrek ik deze informatie.",
        "F-POINTED",
    ),
    (
        "Daarin betrekken wij de vragen uit het schriftelijk overleg van de vaste commissie voor OCW.",
        "F-BEANTWOORD",
    ),
]
LETTER_NON_FULFILMENTS = [
    "Ik heb u toegezegd de brief in maart te sturen. Dat is niet gelukt, omdat de gegevens ontbreken.",
    "Ik heb u toegezegd de brief in maart te sturen. Ik heb daarvoor extra tijd nodig.",
    "Ik heb u toegezegd de resultaten te sturen. De resultaten worden u begin mei voorgelegd.",
    "De motie Van der Lee verzoekt de regering de Kamer te informeren over de wachttijden.",
    "In de periode 2012–2013 heeft – op verzoek van uw Kamer – een evaluatie plaatsgevonden.",
    "Naar aanleiding van uw verzoek om een visie: ik kan niet aan uw verzoek tegemoet komen.",
]


@pytest.mark.parametrize(("text", "rule"), LETTER_COMMITMENTS, ids=[t[:40] for t, _ in LETTER_COMMITMENTS])
def test_letter_commitment_families(text: str, rule: str) -> None:
    assert [c.rule for c in analyse(text, D).commitments] == [rule]


@pytest.mark.parametrize("text", LETTER_NON_COMMITMENTS, ids=[t[:40] for t in LETTER_NON_COMMITMENTS])
def test_letter_non_commitments(text: str) -> None:
    assert analyse(text, D).commitments == ()


@pytest.mark.parametrize(("text", "count"), LETTER_FOLLOW_UPS, ids=[t[50:90] for t, _ in LETTER_FOLLOW_UPS])
def test_a_sentence_leaning_on_the_one_before_is_a_commitment(text: str, count: int) -> None:
    found = analyse(text, D).commitments
    assert len(found) == count
    assert text.split(". ")[1].rstrip(".") in found[-1].text


@pytest.mark.parametrize(("text", "rule"), LETTER_FULFILMENTS, ids=[t[:40] for t, _ in LETTER_FULFILMENTS])
def test_letter_fulfilment_families(text: str, rule: str) -> None:
    assert rule in [f.rule for f in analyse(text, D).fulfilments]


@pytest.mark.parametrize("text", LETTER_NON_FULFILMENTS, ids=[t[:40] for t in LETTER_NON_FULFILMENTS])
def test_letter_non_fulfilments(text: str) -> None:
    assert analyse(text, D).fulfilments == ()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Noot 1: zie", "12 Kamerstuk", "X Noot", "De voorzitter:", "Minister X:", " ", "\n", "a", "3"]
        )
    )
)
def test_note_and_speaker_lines_are_found_as_a_scan_of_every_position_finds_them(parts: list[str]) -> None:
    text = "".join(parts)
    lines = ((extract._PLAIN_NOTE, extract._NOTE_LINE), (extract._SPEAKER_LINE, extract._SPEAKER_LINE_OPENS))
    for pattern, opens in lines:
        expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert [(m.start(), m.end()) for m in extract._line_matches(pattern, opens, text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.)»1 23,\n:", max_size=30))
def test_footnote_markers_are_the_digits_glued_to_a_word(text: str) -> None:
    # the definition read left to right: one or two digits after a letter, bracket or quote, or a letter and
    # ".", before white space, punctuation or the end
    definition = re.compile(r"(?:(?<=[a-zà-ÿ)»”’])|(?<=[a-zà-ÿ)]\.))(\d{1,2})(?=[\s.,;:)]|$)")
    assert [m.group() for m in extract._MARKER.finditer(text)] == [
        m.group(1) for m in definition.finditer(text)
    ]
