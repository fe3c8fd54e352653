"""Services of Næring and Økonomi og politikk (demo content, plain Nynorsk)."""

from __future__ import annotations

from typing import Any

_NAERING = ("Næringsrådgjevar", "12 34 56 10", "naering@fjordvik.example")
_SKATT = ("Skatt og innfordring", "12 34 57 10", "skatt@fjordvik.example")
_POLITIKK = ("Politisk sekretariat", "12 34 57 20", "politikk@fjordvik.example")

SERVICES: dict[str, list[dict[str, Any]]] = {
    "naering": [
        {
            "title": "Starta eiga bedrift",
            "slug": "starta-bedrift",
            "intro": "Har du ein idé? Næringsrådgjevaren vår gjev deg gratis rettleiing, så du kjem i gang.",
            "target_group": "Alle som vil starta eller utvikla ei bedrift i Fjordvik.",
            "how_to_apply": "Bestill ein time hos næringsrådgjevaren på e-post eller telefon. "
            "Registrer bedrifta i Brønnøysundregistera når du er klar.",
            "price": "Rettleiinga er gratis.",
            "deadlines": "Du får time innan to veker.",
            "contact": _NAERING,
            "body": [
                "Me hjelper deg med forretningsplan, budsjett og kva løyve du treng. Me kan også setja deg i kontakt "
                "med andre gründerar og med Innovasjon Noreg.",
                "Kvar haust held me eit gratis kurs for nye bedrifter over fire kveldar.",
            ],
            "owner": "kommunikasjon",
            "reviewed": 90,
            "related": ["naeringsareal", "skjenkeloyve"],
        },
        {
            "title": "Serverings- og skjenkeløyve",
            "slug": "skjenkeloyve",
            "intro": "Vil du servera mat eller selja alkohol til gjestar, treng du løyve frå kommunen.",
            "target_group": "Restaurantar, kafear, hotell og arrangørar.",
            "how_to_apply": "Søk med skjemaet på nett. Styraren og stadfortredaren må ha bestått kunnskapsprøva.",
            "application_url": "https://skjema.fjordvik.example/skjenkeloyve",
            "price": "Skjenkeløyve for eitt arrangement kostar 390 kroner. Faste løyve betaler eit årleg gebyr "
            "etter kor mykje alkohol de sel.",
            "deadlines": "Søk minst fire veker før eit arrangement. Søknad om fast løyve kan ta inntil tre månader, "
            "fordi politiet og Skatteetaten skal seia si meining.",
            "contact": ("Næring", "12 34 56 00", "naering@fjordvik.example"),
            "body": [
                "I Fjordvik kan du skjenka øl og vin til klokka 01.00, og brennevin til klokka 00.30.",
            ],
            "owner": "kommunikasjon",
            "reviewed": 110,
        },
        {
            "title": "Næringsareal",
            "slug": "naeringsareal",
            "intro": "Kommunen har ledige næringstomter på Moen næringspark. Me hjelper deg også å finna lokale.",
            "target_group": "Bedrifter som vil etablera seg i eller flytta til Fjordvik.",
            "how_to_apply": "Ta kontakt med næringsrådgjevaren. Me viser deg tomtene og fortel om planane for området.",
            "price": "Ein ferdig tomt kostar 450 kroner per kvadratmeter.",
            "contact": _NAERING,
            "body": [
                "Moen næringspark ligg tett ved fylkesvegen og har plass til lager, handverk og lett industri. "
                "Det er fiber, vatn og avløp fram til alle tomtene.",
            ],
            "owner": "kommunikasjon",
            "reviewed": 150,
            "related": ["starta-bedrift"],
        },
    ],
    "okonomi-og-politikk": [
        {
            "title": "Eigedomsskatt",
            "slug": "eigedomsskatt",
            "intro": "Eigarar av hus, hytter og næringseigedom i Fjordvik betaler eigedomsskatt. "
            "Her ser du korleis skatten blir rekna ut, og korleis du klagar.",
            "target_group": "Alle som eig fast eigedom i Fjordvik.",
            "how_to_apply": "Du treng ikkje gjera noko. Skattesetelen kjem i den digitale postkassa di i mars.",
            "price": "Skatten er 2 promille av verdien for bustader. Dei første 200 000 kronene per bustad "
            "er fritekne.",
            "deadlines": "Du betaler i to terminar: 20. mars og 20. september. Klagefristen er seks veker etter at "
            "skattesetelen er send.",
            "contact": _SKATT,
            "body": [
                "Kommunen brukar verdiane frå Skatteetaten for bustader. For anna eigedom har me eigne takstar.",
                "Meiner du at verdien er feil, kan du klaga. Skriv kva du meiner er feil, og legg gjerne ved bilete "
                "eller ein takst.",
            ],
            "owner": "kommsjef",
            "reviewed": 40,
            "related": ["kommunale-avgifter"],
        },
        {
            "title": "Kommunale avgifter",
            "slug": "kommunale-avgifter",
            "intro": "Rekninga for vatn, avløp, renovasjon og feiing kjem fire gonger i året.",
            "target_group": "Alle som eig ein bustad eller ei hytte i Fjordvik.",
            "how_to_apply": "Du får rekninga som eFaktura eller i den digitale postkassa. Vil du ha avtalegiro, "
            "ordnar du det i nettbanken.",
            "price": "For ein vanleg einebustad er avgiftene om lag 14 500 kroner i året. Alle satsane står "
            "i gebyrregulativet.",
            "deadlines": "Forfall er 20. februar, 20. mai, 20. august og 20. november.",
            "contact": _SKATT,
            "body": [
                "Har du problem med å betala, ta kontakt før forfall. Då kan me avtala ein betalingsplan, "
                "og du slepp purregebyr.",
            ],
            "owner": "kommsjef",
            "reviewed": 65,
            "related": ["eigedomsskatt", "vatn", "renovasjon"],
        },
        {
            "title": "Møte i kommunestyret",
            "slug": "kommunestyret",
            "intro": "Kommunestyret er det øvste politiske organet i kommunen. Møta er opne for alle, "
            "og du kan sjå dei direkte på nett.",
            "target_group": "Alle som vil følgja med på lokalpolitikken.",
            "how_to_apply": "Sakslista og dokumenta blir publiserte ei veke før møtet. Du kan koma til "
            "kommunestyresalen eller sjå sendinga på nett.",
            "price": "Gratis.",
            "deadlines": "Kommunestyret har om lag ti møte i året. Datoane står i møtekalenderen.",
            "contact": _POLITIKK,
            "body": [
                "Kommunestyret i Fjordvik har 27 representantar. Ordføraren leier møta.",
                "Før kvart møte er det ein open spørjetime. Der kan du stilla spørsmål til politikarane. "
                "Send spørsmålet ditt seinast tre dagar før møtet.",
            ],
            "owner": "kommsjef",
            "reviewed": 28,
            "related": ["innbyggjarforslag"],
        },
        {
            "title": "Innbyggjarforslag",
            "slug": "innbyggjarforslag",
            "intro": "Har du eit forslag til kommunestyret? Står 300 innbyggjarar bak forslaget, "
            "må kommunestyret ta stilling til det.",
            "target_group": "Alle som bur i Fjordvik.",
            "how_to_apply": "Skriv forslaget og samla underskrifter i skjemaet vårt på nett. "
            "Når du har nok underskrifter, sender me forslaget til kommunestyret.",
            "application_url": "https://skjema.fjordvik.example/innbyggjarforslag",
            "price": "Gratis.",
            "deadlines": "Kommunestyret skal ta stilling til forslaget innan seks månader.",
            "contact": _POLITIKK,
            "body": [
                "Forslaget kan ikkje gjelda same sak som kommunestyret har behandla tidlegare i valperioden.",
            ],
            "owner": "kommunikasjon",
            "reviewed": 178,
            "related": ["kommunestyret"],
        },
    ],
}
