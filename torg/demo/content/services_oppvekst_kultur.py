"""Services of Oppvekst and Kultur og fritid (demo content, plain Nynorsk).

Each service: plain-text fields are wrapped in <p> by the builder; "reviewed"
is days since the page was last reviewed (None: never); "owner" is a demo
username; "related" are slugs of other services.
"""

from __future__ import annotations

from typing import Any

SERVICES: dict[str, list[dict[str, Any]]] = {
    "oppvekst": [
        {
            "title": "Barnehageplass",
            "slug": "barnehageplass",
            "intro": "Alle barn som fyller eitt år innan utgangen av november, har rett til barnehageplass. "
            "Her søkjer du plass i både kommunale og private barnehagar.",
            "target_group": "Barn frå eitt år til skulestart som bur i Fjordvik, eller som skal flytta hit.",
            "how_to_apply": "Søk i søknadsportalen for barnehage. Du loggar inn med BankID eller MinID. "
            "Du kan setja opp fem barnehagar i den rekkjefølgja du ønskjer.",
            "application_url": "https://skjema.fjordvik.example/barnehage",
            "price": "Du betaler maksimalprisen for ein heil plass. Søsken får rabatt. Har hushaldet låg inntekt, "
            "kan du søkja om lågare pris og 20 timar gratis kjernetid i veka.",
            "deadlines": "Søknadsfristen for hovudopptaket er 1. mars. Du får svar i løpet av april. "
            "Du kan søkja resten av året også, men då får du plass berre om det er ledig.",
            "contact": ("Barnehagekontoret", "12 34 51 10", "barnehage@fjordvik.example"),
            "body": [
                "Kommunen har seks barnehagar: fire kommunale og to private. Alle har same opptak, "
                "så du søkjer berre ein gong.",
                "Treng barnet ditt særskild hjelp, skriv det i søknaden. Då kan me planleggja saman med deg "
                "før barnet byrjar.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": 12,
            "related": ["sfo", "helsestasjon"],
        },
        {
            "title": "Innskriving i skulen",
            "slug": "skulestart",
            "intro": "Barn som fyller seks år i år, byrjar i første klasse i august. "
            "Her les du korleis du skriv inn barnet ditt.",
            "target_group": "Foreldre til barn som fyller seks år i løpet av året.",
            "how_to_apply": "Du får brev frå kommunen i januar. Skriv inn barnet i skjemaet på nett. "
            "Barnet får plass på nærskulen. Vil du søkja plass på ein annan skule, skriv du det i skjemaet.",
            "application_url": "https://skjema.fjordvik.example/skulestart",
            "price": "Skulen er gratis.",
            "deadlines": "Fristen for innskriving er 1. februar. Du får svar om skuleplass før påske.",
            "contact": ("Skulekontoret", "12 34 51 20", "skule@fjordvik.example"),
            "body": [
                "I mai inviterer skulen til besøksdag. Då møter barnet den nye klassen og læraren sin.",
                "Treng barnet ditt tilrettelegging, ta kontakt med rektor tidleg. Barnehagen og skulen "
                "samarbeider om overgangen når du har sagt ja til det.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": 60,
            "related": ["sfo", "skuleskyss"],
        },
        {
            "title": "SFO – skulefritidsordning",
            "slug": "sfo",
            "intro": "SFO er eit leike- og fritidstilbod før og etter skuletid for barn i 1.–4. klasse.",
            "target_group": "Barn i 1.–4. klasse, og barn med særskilde behov i 1.–7. klasse.",
            "how_to_apply": "Søk om plass i søknadsportalen. Du vel kor mange dagar i veka barnet skal gå på SFO. "
            "Vil du endra eller seia opp plassen, gjer du det same stad.",
            "application_url": "https://skjema.fjordvik.example/sfo",
            "price": "Barn i 1.–3. klasse har 12 timar gratis SFO i veka. Full plass kostar 3 100 kroner i månaden. "
            "Mat kjem i tillegg. Har hushaldet låg inntekt, kan du søkja om lågare pris.",
            "deadlines": "Søknadsfristen for nytt skuleår er 1. april. Du må seia opp plassen ein månad før.",
            "contact": ("SFO-kontoret", "12 34 51 25", "sfo@fjordvik.example"),
            "body": [
                "SFO er ope frå 07.00 til 16.30. Om sommaren er det ope i tre veker, og i haust- og vinterferien.",
                "Me legg vekt på leik, uteaktivitet og kultur. Barna får hjelp med leksene om dei vil.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": 210,
            "related": ["skulestart"],
        },
        {
            "title": "PPT – pedagogisk-psykologisk teneste",
            "slug": "ppt",
            "intro": "PPT hjelper barnehagar og skular når eit barn treng ekstra støtte til å læra og utvikla seg.",
            "target_group": "Barn og unge frå 0 år til dei er ferdige med vidaregåande skule, og foreldra deira. "
            "PPT rettleier også lærarar og tilsette i barnehagane.",
            "how_to_apply": "Vanlegvis tilviser barnehagen eller skulen barnet til PPT saman med deg. "
            "Du kan også ta kontakt sjølv for ein prat. Me må ha samtykke frå foreldra før me startar.",
            "price": "Tenesta er gratis.",
            "deadlines": "Du får svar på tilvisinga innan tre veker. Ei sakkunnig vurdering tek vanlegvis tre månader.",
            "contact": ("PPT Fjordvik", "12 34 51 30", "ppt@fjordvik.example"),
            "body": [
                "PPT har psykologar, spesialpedagogar og logoped. Me finn ut kva barnet treng, og skriv ei "
                "sakkunnig vurdering når barnet kan ha rett til spesialundervisning.",
                "Me har teieplikt. Det du fortel oss, blir ikkje gjeve vidare utan at du har sagt ja.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": 95,
        },
        {
            "title": "Helsestasjon for barn",
            "slug": "helsestasjon",
            "intro": "Helsestasjonen følgjer opp barnet ditt frå fødselen til skulestart. "
            "Her får barnet vaksinar, og du får råd om mat, søvn og utvikling.",
            "target_group": "Gravide, barn frå 0 til 5 år og foreldra deira.",
            "how_to_apply": "Du treng ikkje søkja. Helsestasjonen kontaktar deg når barnet er født. "
            "Du kan også ringja oss når du har spørsmål.",
            "price": "Alle konsultasjonar og vaksinane i barnevaksinasjonsprogrammet er gratis.",
            "deadlines": "Helsesjukepleiaren kjem på heimebesøk innan to veker etter fødselen.",
            "contact": ("Helsestasjonen", "12 34 51 40", "helsestasjon@fjordvik.example"),
            "body": [
                "Helsestasjonen har open telefon kvar dag klokka 08.30–10.00. Du kan også senda oss melding "
                "på Helsenorge.",
                "Jordmora vår har svangerskapskontroll. Du vel sjølv om du vil gå til jordmor, fastlege eller begge.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": 30,
            "related": ["barnehageplass"],
        },
        {
            "title": "Skuleskyss",
            "slug": "skuleskyss",
            "intro": "Elevar som har lang eller farleg skuleveg, har rett til gratis skyss.",
            "target_group": "Elevar i 1. klasse som bur meir enn 2 kilometer frå skulen, og elevar i 2.–10. klasse "
            "som bur meir enn 4 kilometer frå skulen. Elevar med særleg farleg skuleveg eller nedsett "
            "funksjonsevne kan også få skyss.",
            "how_to_apply": "Skulen melder inn elevar som har rett til skyss. Meiner du at barnet ditt har farleg "
            "skuleveg, søkjer du kommunen med skjemaet på nett.",
            "application_url": "https://skjema.fjordvik.example/skuleskyss",
            "price": "Skyssen er gratis for elevar som har rett til han.",
            "deadlines": "Søk innan 15. juni for å få skyss frå skulestart. Du får svar innan fire veker.",
            "contact": ("Skulekontoret", "12 34 51 20", "skule@fjordvik.example"),
            "body": [
                "Skyssen blir køyrd av busselskapet til fylkeskommunen. Ruter og tider finn du hos busselskapet.",
                "Har barnet skadd seg og treng skyss ei kort tid, kan du søkja om mellombels skyss med legeerklæring.",
            ],
            "owner": "tenesteleiar.oppvekst",
            "reviewed": None,
            "related": ["skulestart"],
        },
    ],
    "kultur-og-fritid": [
        {
            "title": "Bibliotek og lånekort",
            "slug": "bibliotek",
            "intro": "Fjordvik bibliotek låner ut bøker, lydbøker, filmar og spel. Lånekortet er gratis.",
            "target_group": "Alle. Barn under 15 år treng underskrift frå ein forelder for å få lånekort.",
            "how_to_apply": "Kom innom biblioteket med legitimasjon, eller registrer deg på nett med BankID. "
            "Med lånekort kan du også låna e-bøker og lydbøker i appen.",
            "price": "Det er gratis å låna. Mistar du ei bok, betaler du for ho.",
            "deadlines": "Lånetida er fire veker. Du kan fornya lånet to gonger om ingen andre ventar på boka.",
            "contact": ("Fjordvik bibliotek", "12 34 53 10", "bibliotek@fjordvik.example"),
            "body": [
                "Biblioteket ligg i Fjordsalen. Det er betent måndag–torsdag 10.00–19.00, fredag 10.00–16.00 "
                "og laurdag 11.00–15.00.",
                "Biblioteket er også meirope. Med lånekort og PIN-kode kan du låna og levera kvar dag 07.00–22.00, "
                "også når det ikkje er tilsette der.",
            ],
            "owner": "tenesteleiar.kultur",
            "reviewed": 25,
            "related": ["kulturskule"],
        },
        {
            "title": "Kulturskule",
            "slug": "kulturskule",
            "intro": "Kulturskulen gjev undervisning i musikk, dans, teater og biletkunst for barn og unge.",
            "target_group": "Barn og unge frå 1. klasse til dei fyller 20 år.",
            "how_to_apply": "Søk plass i søknadsportalen til kulturskulen. Du kan søkja på fleire tilbod. "
            "Me tek inn elevar etter kor lenge dei har venta.",
            "application_url": "https://skjema.fjordvik.example/kulturskule",
            "price": "Eit vanleg tilbod kostar 3 600 kroner i året. Søsken får 25 prosent rabatt. "
            "Har familien låg inntekt, kan du søkja om friplass.",
            "deadlines": "Søknadsfristen er 1. mai for plass frå hausten. Du får svar i juni.",
            "contact": ("Fjordvik kulturskule", "12 34 53 20", "kulturskule@fjordvik.example"),
            "body": [
                "Undervisninga er i Fjordsalen og på skulane etter skuletid. Dei fleste elevane har ein time i veka.",
                "Kulturskulen held konsertar og framsyningar fleire gonger i året. Alle elevane får vera med.",
            ],
            "owner": "tenesteleiar.kultur",
            "reviewed": 70,
            "related": ["bibliotek"],
        },
        {
            "title": "Leige av idrettshall og symjehall",
            "slug": "leige-av-idrettsanlegg",
            "intro": "Lag, organisasjonar og privatpersonar kan leiga idrettshallen, symjehallen og kunstgrasbana.",
            "target_group": "Lag og organisasjonar i Fjordvik får velja tider først. Privatpersonar og bedrifter "
            "kan leiga ledige timar.",
            "how_to_apply": "Sjå ledige timar og bestill i bookingsystemet. Lag som vil ha faste treningstider, "
            "søkjer om hallfordeling ein gong i året.",
            "application_url": "https://booking.fjordvik.example/",
            "price": "Lag med barn og unge under 19 år trenar gratis. Andre betaler frå 250 kroner timen.",
            "deadlines": "Søknadsfristen for faste treningstider er 15. mai. Enkelttimar kan du bestilla fram til "
            "dagen før.",
            "contact": ("Kultur og fritid", "12 34 53 00", "kultur@fjordvik.example"),
            "body": [
                "Fjordvikhallen har plass til handball, fotball og turn. Symjehallen har eit 25-metersbasseng "
                "og eit varmtvassbasseng.",
                "Hugs å rydda etter dykk. Den som har leigd, har ansvar for at reglane blir følgde.",
            ],
            "owner": "tenesteleiar.kultur",
            "reviewed": 140,
        },
        {
            "title": "Tilskot til lag og organisasjonar",
            "slug": "kulturmidlar",
            "intro": "Kommunen deler ut pengar til lag og organisasjonar som gjer Fjordvik til ein god stad å bu.",
            "target_group": "Frivillige lag og organisasjonar med aktivitet i Fjordvik. Tilbod for barn og unge "
            "kjem først.",
            "how_to_apply": "Søk med skjemaet på nett. Legg ved rekneskapen og årsmeldinga frå i fjor.",
            "application_url": "https://skjema.fjordvik.example/kulturmidlar",
            "price": "Det kostar ingenting å søkja.",
            "deadlines": "Søknadsfristen er 15. mars. Kulturutvalet vedtek fordelinga i mai.",
            "contact": ("Kultur og fritid", "12 34 53 00", "kultur@fjordvik.example"),
            "body": [
                "I år deler me ut 1,2 millionar kroner. Du kan søkja om pengar til drifta eller til eit bestemt "
                "arrangement.",
                "Lista over kven som fekk pengar i fjor, finn du i saka frå kulturutvalet.",
            ],
            "owner": "tenesteleiar.kultur",
            "reviewed": 260,
        },
    ],
}
