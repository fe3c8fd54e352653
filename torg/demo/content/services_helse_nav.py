"""Services of Helse og omsorg and NAV og sosiale tenester (demo content, plain Nynorsk)."""

from __future__ import annotations

from typing import Any

_TILDELING = ("Tildelingskontoret", "12 34 52 10", "tildeling@fjordvik.example")
_BUSTAD = ("Bustadkontoret", "12 34 58 10", "bustad@fjordvik.example")
_HELSE_FORM = "https://skjema.fjordvik.example/helse-og-omsorg"

SERVICES: dict[str, list[dict[str, Any]]] = {
    "helse-og-omsorg": [
        {
            "title": "Heimesjukepleie",
            "slug": "heimesjukepleie",
            "intro": "Heimesjukepleia gjev helsehjelp heime hos deg, til dømes medisinar, sårstell og oppfølging "
            "etter sjukehusopphald.",
            "target_group": "Alle som bur eller oppheld seg i Fjordvik og treng helsehjelp heime for å klara seg.",
            "how_to_apply": "Søk om helse- og omsorgstenester med skjemaet på nett eller på papir. Pårørande, "
            "fastlegen eller sjukehuset kan også melda frå til oss. Me kjem heim til deg og snakkar om kva du treng.",
            "application_url": _HELSE_FORM,
            "price": "Heimesjukepleie er gratis.",
            "deadlines": "Hastar det, får du hjelp same dag. Elles får du vedtak innan tre veker.",
            "contact": _TILDELING,
            "body": [
                "Heimesjukepleia er ute heile døgnet, alle dagar. Saman med deg lagar me ein plan for hjelpa, "
                "og me endrar planen når behova dine endrar seg.",
                "Målet er at du skal klara deg sjølv så godt som råd. Me kan også hjelpa deg med trening i kvardagen.",
            ],
            "owner": "webkontakt.helse",
            "reviewed": 15,
            "related": ["praktisk-bistand", "tryggleiksalarm"],
        },
        {
            "title": "Praktisk hjelp i heimen",
            "slug": "praktisk-bistand",
            "intro": "Får du ikkje gjort husarbeidet sjølv, kan du få hjelp til reinhald, handling og andre "
            "daglege gjeremål.",
            "target_group": "Personar som på grunn av sjukdom, alder eller nedsett funksjonsevne ikkje klarar seg "
            "sjølve i kvardagen.",
            "how_to_apply": "Søk om helse- og omsorgstenester på nett eller på papir. Me kjem på besøk og snakkar "
            "med deg før me gjer vedtak.",
            "application_url": _HELSE_FORM,
            "price": "Prisen kjem an på inntekta i hushaldet. Har hushaldet låg inntekt, betaler du ein låg fast sum "
            "som staten fastset.",
            "deadlines": "Du får vedtak innan tre veker etter at me har fått søknaden.",
            "contact": _TILDELING,
            "body": [
                "Reinhaldet er vanlegvis annakvar veke. Me vaskar dei romma du brukar mest.",
                "Treng du hjelp til handling, kan du bestilla matvarer på nett med heimlevering. "
                "Me hjelper deg å koma i gang.",
            ],
            "owner": "webkontakt.helse",
            "reviewed": 320,
            "related": ["heimesjukepleie"],
        },
        {
            "title": "Sjukeheimsplass",
            "slug": "sjukeheimsplass",
            "intro": "Når du ikkje lenger kan bu heime sjølv med hjelp, kan du få plass på Fjordvik sjukeheim, "
            "for ei kort tid eller fast.",
            "target_group": "Personar som treng helsehjelp og tilsyn heile døgnet.",
            "how_to_apply": "Søk om helse- og omsorgstenester på nett eller på papir. Legg gjerne ved ei fråsegn "
            "frå fastlegen. Me snakkar med deg og dei pårørande før me gjer vedtak.",
            "application_url": _HELSE_FORM,
            "price": "For korttidsopphald betaler du ein fast sum per døgn. For fast plass betaler du ein del av "
            "inntekta di. Du får eit eige vedtak om kva du skal betala.",
            "deadlines": "Du får vedtak innan fire veker. Står du på venteliste, får du hjelp heime medan du ventar.",
            "contact": _TILDELING,
            "body": [
                "Fjordvik sjukeheim har 64 plassar. 12 av dei er korttidsplassar for opptrening og avlasting.",
                "Pårørande er velkomne på besøk når det passar for bebuaren. Ring gjerne avdelinga før de kjem.",
            ],
            "owner": "kommunalsjef.helse",
            "reviewed": 45,
            "related": ["heimesjukepleie"],
        },
        {
            "title": "Fastlege",
            "slug": "fastlege",
            "intro": "Alle har rett til ein fastlege. Fastlegen er den første du skal kontakta når du er sjuk.",
            "target_group": "Alle som bur i Noreg.",
            "how_to_apply": "Du byter fastlege på helsenorge.no. Du kan byta inntil to gonger i året.",
            "application_url": "https://www.helsenorge.no/",
            "price": "Du betaler eigendel for legetimen. Når du har nådd eigendelstaket, får du frikort automatisk.",
            "deadlines": "Byter du fastlege, gjeld det frå den første dagen i månaden etter.",
            "contact": ("Fjordvik legesenter", "12 34 52 40", "legesenter@fjordvik.example"),
            "body": [
                "I Fjordvik er det ni fastlegar på to legesenter. Kven som har ledige plassar, ser du på helsenorge.no.",
                "Bestill time og forny resept på helsenorge.no. Treng du time same dag, ring legesenteret "
                "tidleg om morgonen.",
            ],
            "owner": "kommunalsjef.helse",
            "reviewed": 5,
            "related": ["legevakt"],
        },
        {
            "title": "Legevakt",
            "slug": "legevakt",
            "intro": "Legevakta hjelper deg når du treng lege, og det ikkje kan venta til fastlegen har ope.",
            "target_group": "Alle som er i Fjordvik, også dei som er på besøk.",
            "how_to_apply": "Ring alltid legevakta på 116 117 før du kjem. Ved livstrugande sjukdom eller skade "
            "ringjer du 113.",
            "price": "Du betaler vanleg eigendel. Det kostar meir på kveld og natt.",
            "deadlines": "Legevakta er open heile døgnet. Kor lenge du må venta, kjem an på kor mykje det hastar.",
            "contact": ("Legevakta", "116 117", ""),
            "body": [
                (
                    "callout",
                    {
                        "color": "warning",
                        "heading": "Ring 113 når det gjeld liv",
                        "text": "<p>Ved brystsmerter, pustevanskar, alvorleg skade eller medvitslaus person: "
                        "ring 113 med ein gong.</p>",
                    },
                ),
                "Fjordvik har legevakt saman med nabokommunane. Legevakta ligg i Fjordvik helsehus.",
                "Legevakta er for det som hastar. Resept og sjukmelding skal du få hos fastlegen.",
            ],
            "owner": "kommunalsjef.helse",
            "reviewed": 2,
            "related": ["fastlege"],
        },
        {
            "title": "Psykisk helse og rus",
            "slug": "psykisk-helse-og-rus",
            "intro": "Har du det vanskeleg, eller er du uroleg for bruken av alkohol eller andre rusmiddel? "
            "Du kan snakka med oss utan tilvising.",
            "target_group": "Vaksne over 18 år som bur i Fjordvik, og pårørande. Barn og unge kan ta kontakt med "
            "helsesjukepleiaren på skulen.",
            "how_to_apply": "Ring oss, eller kom på open dør kvar onsdag 12.00–15.00 på helsehuset. "
            "Du treng ikkje tilvising frå lege.",
            "price": "Tenesta er gratis.",
            "deadlines": "Me ringjer deg tilbake innan to arbeidsdagar. Du får den første samtalen innan to veker.",
            "contact": ("Psykisk helse og rus", "12 34 52 60", "psykiskhelse@fjordvik.example"),
            "body": [
                "Me tilbyr samtalar, kurs i å meistra depresjon og angst, og hjelp til å koma i arbeid "
                "eller aktivitet.",
                (
                    "callout",
                    {
                        "color": "warning",
                        "heading": "Treng du hjelp no?",
                        "text": "<p>Ring legevakta på 116 117. Er det fare for liv, ring 113. "
                        "Du kan også ringja Mental Helse sin hjelpetelefon på 116 123.</p>",
                    },
                ),
            ],
            "owner": "webkontakt.helse",
            "reviewed": 170,
        },
        {
            "title": "Tryggleiksalarm",
            "slug": "tryggleiksalarm",
            "intro": "Med tryggleiksalarm kan du kalla på hjelp heile døgnet med eit trykk på ein knapp.",
            "target_group": "Personar som bur heime og som kan trenga rask hjelp, til dømes etter eit fall.",
            "how_to_apply": "Søk med skjemaet for helse- og omsorgstenester. Me monterer alarmen heime hos deg "
            "og viser korleis han verkar.",
            "application_url": _HELSE_FORM,
            "price": "Alarmen kostar 350 kroner i månaden.",
            "deadlines": "Du får svar innan to veker. Alarmen blir montert innan ei veke etter vedtaket.",
            "contact": _TILDELING,
            "body": [
                "Når du trykkjer på alarmen, får du kontakt med ein responssentral. Dei snakkar med deg og sender "
                "heimetenesta om det trengst.",
                "Du må ha ein nøkkelboks på huset, slik at hjelparane kjem inn.",
            ],
            "owner": "webkontakt.helse",
            "reviewed": None,
            "related": ["heimesjukepleie"],
        },
    ],
    "nav-og-sosiale-tenester": [
        {
            "title": "Økonomisk sosialhjelp",
            "slug": "okonomisk-sosialhjelp",
            "intro": "Har du ikkje pengar til mat og husleige, kan du søkja om økonomisk stønad frå NAV.",
            "target_group": "Personar som ikkje kan forsørgja seg sjølve med arbeid, trygd eller andre ordningar.",
            "how_to_apply": "Søk digitalt på nav.no med BankID. Du kan også få hjelp til å søkja på NAV-kontoret. "
            "Legg ved kontoutskrift og ei oversikt over utgiftene dine.",
            "application_url": "https://www.nav.no/okonomisk-sosialhjelp",
            "deadlines": "Me behandlar søknaden så raskt som råd, vanlegvis innan to veker. "
            "Er det akutt, får du svar same dag.",
            "contact": ("NAV Fjordvik", "55 55 33 33", ""),
            "body": [
                "Sosialhjelp er ei mellombels hjelp. Saman med deg ser me på kva som skal til for at du kan "
                "klara deg sjølv.",
                "Du kan også få gratis hjelp med privatøkonomien hos ein økonomirådgjevar.",
            ],
            "owner": "kommsjef",
            "reviewed": 100,
            "related": ["kommunal-bustad"],
        },
        {
            "title": "Kommunal bustad",
            "slug": "kommunal-bustad",
            "intro": "Kommunen leiger ut bustader til personar som ikkje sjølve klarar å skaffa seg ein stad å bu.",
            "target_group": "Personar med låg inntekt, nedsett funksjonsevne eller andre grunnar til at dei ikkje "
            "får leigd bustad på vanleg måte.",
            "how_to_apply": "Søk med skjemaet på nett. Fortel kvifor du treng hjelp, og legg ved skatteoppgjeret ditt.",
            "application_url": "https://skjema.fjordvik.example/bustad",
            "price": "Husleiga følgjer marknadsleiga. Du kan søkja om bustøtte.",
            "deadlines": "Bustadutvalet har møte kvar månad. Du får svar innan seks veker.",
            "contact": _BUSTAD,
            "body": [
                "Kontrakten gjeld som regel i tre eller fem år. Målet er at du etter kvart kan leiga eller kjøpa "
                "på vanleg måte.",
                "Me har få ledige bustader. Leit også etter bustad på den private leigemarknaden medan du ventar.",
            ],
            "owner": "kommsjef",
            "reviewed": 230,
            "related": ["startlan", "bustotte"],
        },
        {
            "title": "Startlån",
            "slug": "startlan",
            "intro": "Startlån hjelper deg som ikkje får nok lån i banken til å kjøpa din eigen bustad.",
            "target_group": "Personar som har hatt låg inntekt lenge og ikkje får vanleg lån i banken.",
            "how_to_apply": "Søk på nett hos Husbanken. Du må først ha spurt banken din om lån.",
            "application_url": "https://www.husbanken.no/startlan/",
            "price": "Renta følgjer renta i Husbanken.",
            "deadlines": "Du får svar innan fire veker.",
            "contact": _BUSTAD,
            "body": [
                "Startlånet kan dekkja heile kjøpesummen eller ein del av han. Du må kunna betala renter og "
                "avdrag og ha nok pengar att til å leva.",
            ],
            "owner": "kommsjef",
            "reviewed": 50,
            "related": ["bustotte"],
        },
        {
            "title": "Bustøtte",
            "slug": "bustotte",
            "intro": "Bustøtte er ei statleg ordning for deg som har høge buutgifter og låg inntekt.",
            "target_group": "Personar over 18 år med låg inntekt og høge buutgifter. Studentar har som regel "
            "ikkje rett på bustøtte.",
            "how_to_apply": "Søk på nett hos Husbanken. Kommunen kan hjelpa deg med søknaden.",
            "application_url": "https://www.husbanken.no/bostotte/",
            "deadlines": "Søknadsfristen er den siste dagen i månaden. Støtta blir betalt ut rundt den 20. "
            "i månaden etter.",
            "contact": _BUSTAD,
            "body": ["Husbanken reknar ut støtta etter inntekta og buutgiftene til alle i hushaldet."],
            "owner": "kommsjef",
            "reviewed": 130,
        },
    ],
}
