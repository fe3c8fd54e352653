"""Articles of the demo municipality: its communication strategy, the roles, and the community.

The strategy texts paraphrase and quote Time kommune's Kommunikasjonsstrategi
2017–2020 (vedteken i Time kommunestyre 5.12.2017), which the demo
municipality Fjordvik has taken as its own.
"""

from __future__ import annotations

from typing import Any

SOURCE = (
    "Teksten byggjer på «Kommunikasjonsstrategi 2017–2020» for Time kommune, vedteken i Time kommunestyre "
    "5. desember 2017. Fjordvik er ein oppdikta demokommune som har teke strategien i bruk."
)

STRATEGY: dict[str, Any] = {
    "title": "Kommunikasjonsstrategien vår",
    "slug": "kommunikasjonsstrategi",
    "days_ago": 60,
    "intro": "Kommunikasjonen vår skal vera open, tydeleg og i dialog. Her kan du lesa kva me har lova, "
    "og korleis me arbeider for å nå måla.",
    "body": [
        ("heading", "Visjon og verdiar"),
        "Visjonen til kommunen er «Trygg og framtidsretta». Verdiane våre er <b>ansvar</b>, "
        "<b>engasjement og optimisme</b> og <b>gjensidig respekt</b>.",
        "Kommunikasjonen skal byggja opp under visjonen og måla til kommunen. Han skal også gjera prosessane, "
        "avgjerdene og praksisen vår opne og involverande. Målet er at kommunen skal vera ein attraktiv stad "
        "å bu, arbeida, besøkja og driva næring.",
        "Kommunelova seier at kommunen skal drive aktiv informasjon om verksemda si. Derfor har alle leiarar, "
        "politikarar og tilsette ansvar for å kommunisera ope og aktivt, både med innbyggjarane og internt.",
        ("heading", "Open, tydeleg og i dialog"),
        "<ul><li><b>Open:</b> Alle blir møtte med aktiv og open kommunikasjon. «Alle får svar på spørsmål "
        "til kommunen snarast råd.» Alle medarbeidarar kan gje oppdatert og rett informasjon om tenestene.</li>"
        "<li><b>Tydeleg:</b> Me brukar eit enkelt og klart språk som er tilpassa den som skal lesa. "
        "Kommunen har ein felles profil og er ein tydeleg avsendar.</li>"
        "<li><b>I dialog:</b> Me lyttar aktivt og inviterer dei det gjeld, med i utviklinga av tenestene og "
        "lokalsamfunnet. Nettsidene og møtestadene våre er tilgjengelege for alle.</li></ul>",
        ("heading", "Fire kommunikasjonsmål"),
        ("heading3", "1. Eit smart og trygt lokalsamfunn"),
        "Det skal vera lett å koma i kontakt med kommunen og å få innsyn. Kommunen skal svara raskt på spørsmål "
        "og tilbakemeldingar, og rutinen og fristen for svar skal vera kjend. Innsyn i dokument, saksgang og "
        "avgjerder har høg prioritet, og me praktiserer meiroffentlegheit der det er mogleg. "
        "«All informasjon frå kommunen skal vera på nynorsk, dialektnær og lett forståeleg.»",
        ("heading3", "2. Ein innovativ og trygg tenesteytar"),
        "Nettsidene skal vera universelt utforma, og informasjonen om tenestene skal vera oppdatert og lett "
        "tilgjengeleg for alle. Det skal vera lett å søkja tenester digitalt og å følgja si eiga sak. "
        "Innspel og klager, og kva me gjorde med dei, skal vera synlege. Me spør brukarane jamleg kva dei meiner.",
        ("heading3", "3. Ein trygg, framtidsretta og attraktiv arbeidsgjevar"),
        "Det skal vera lett for leiarar og tilsette å finna og dela informasjon, og lett å søkja ledig stilling. "
        "Alle tilsette skal vita korleis dei trygt kan melda frå om bekymringar og avvik. "
        "Leveregelen vår er «me skal gjera kvarandre gode».",
        ("heading3", "4. Ein kommune som forstår kor innbyggjarane vil kommunisera"),
        "Me skal bruka dei kanalane innbyggjarane brukar, og ha god tovegs kommunikasjon. Informasjonen skal vera "
        "tilpassa den enkelte, rett og oppdatert. I ei krise er god kommunikasjon avgjerande, og me samarbeider "
        "med media om krisekommunikasjon.",
        ("heading", "Slik følgjer me det opp"),
        "Strategien har ein handlingsplan med tiltak, kven som har ansvaret og når tiltaket skal vera gjennomført. "
        "På denne nettstaden ser du svarfristane våre, kva me har gjort med tilbakemeldingane, og når kvar "
        "tenesteside sist vart sjekka.",
        ("callout", {"color": "info", "heading": "Kjelde", "text": f"<p>{SOURCE}</p>"}),
    ],
}

ROLES: dict[str, Any] = {
    "title": "Roller i kommunikasjonsarbeidet",
    "slug": "roller-i-kommunikasjonsarbeidet",
    "days_ago": 58,
    "intro": "Alle tilsette og politikarar har ansvar for å informera om tenestene og lokaldemokratiet. "
    "Nokre har eit særskilt ansvar. Her ser du kven som gjer kva.",
    "body": [
        ("heading", "Ordføraren"),
        "<ul><li>Har det overordna ansvaret for omdømet til kommunen.</li>"
        "<li>Svarar publikum og media på spørsmål om politiske vedtak.</li>"
        "<li>Er hovudansvarleg for kommunikasjonen i beredskaps- og krisesituasjonar.</li></ul>",
        ("heading", "Rådmannen"),
        "<ul><li>Har det overordna ansvaret for tenesteinformasjonen.</li>"
        "<li>Svarar på spørsmål om framlegg til politiske saker.</li></ul>",
        ("heading", "Kommunikasjonssjefen"),
        "<ul><li>Har ansvar for at kommunikasjonen til kommunen er heilskapleg og strategisk.</li>"
        "<li>Har ansvar for involvering og medverknad i planar og prosjekt.</li>"
        "<li>Har redaktøransvaret for nettsidene og for publisering i andre kanalar.</li>"
        "<li>Har ansvar for kommunikasjonen i beredskap og krise, og kan uttala seg på vegner av kommunen.</li></ul>",
        ("heading", "Kommunalsjefar og stabssjefar"),
        "<ul><li>Svarar på spørsmål om tenestene i sitt eige område.</li>"
        "<li>Leverer oppdatert, presis og kvalitetssikra tenesteinformasjon til publikum og presse.</li></ul>",
        ("heading", "Tenesteleiarar"),
        "<ul><li>Gjev oppdatert, presis og rett informasjon om si eiga teneste når publikum og presse spør.</li>"
        "<li>Har ansvar for at informasjonen om tenesta er oppdatert på nettsidene og i andre kanalar.</li></ul>",
        ("heading", "Kommunikasjonsmedarbeidarar"),
        "<ul><li>Følgjer med på media og tek hand om mediekontakt for heile kommunen.</li>"
        "<li>Tek initiativ til, rettleier og hjelper til med god tenesteinformasjon og planlagde "
        "kommunikasjonstiltak.</li>"
        "<li>Har ansvar for at kanalane til kommunen er tenlege.</li></ul>",
        ("heading", "Informasjons- og webkontaktar"),
        "Webkontaktane publiserer på nettet for tenesteområda på oppdrag frå kommunalsjefen og tenesteleiarane. "
        "Saman med kommunikasjonseininga er dei nettredaksjonen til kommunen.",
        ("heading", "Slik verkar det på nettstaden"),
        "Kvar tenesteside har ein ansvarleg og ein dato for når ho sist vart sjekka. Webkontakten skriv og sender "
        "til godkjenning. Kommunalsjefen, tenesteleiaren eller kommunikasjonssjefen godkjenner før sida blir "
        "publisert. Er ei side ikkje sjekka på seks månader, får den ansvarlege ei påminning.",
        ("callout", {"color": "info", "heading": "Kjelde", "text": f"<p>{SOURCE}</p>"}),
    ],
}

COMMUNITY: dict[str, Any] = {
    "title": "Om Fjordvik",
    "slug": "om-kommunen",
    "days_ago": 120,
    "intro": "Fjordvik er ein kystkommune med om lag 11 000 innbyggjarar, fjord, fjell og eit levande sentrum. "
    "Her er det kort veg til både naturen og naboen.",
    "body": [
        (
            "callout",
            {
                "color": "info",
                "heading": "Demo",
                "text": "<p>Fjordvik kommune er oppdikta. "
                "Alle namn, tal og adresser på denne nettstaden er laga for å visa korleis Torg verkar.</p>",
            },
        ),
        ("heading", "Bu og leva"),
        "Dei fleste bur i sentrum og i bygdene Nordbygda, Moen og Vik. Det er barnehage og barneskule "
        "i alle bygdene, og ungdomsskulen ligg i sentrum.",
        "Frå Torget går det buss til byen kvar halvtime. Snøggbåten til byen tek 40 minutt.",
        ("heading", "Natur og friluftsliv"),
        "Turstiane rundt Fjordvikvatnet er merkte og lette å gå, også med barnevogn. Kvar sommar arrangerer "
        "turlaget Stikkut-turar med postar i heile kommunen.",
        ("heading", "Arbeid og næring"),
        "Dei største arbeidsplassane er kommunen, havbruk, verkstadindustri og reiseliv. På Moen næringspark "
        "er det ledige tomter for nye bedrifter.",
        ("heading", "Lag og organisasjonar"),
        "Meir enn 120 lag og organisasjonar gjer Fjordvik til ein god stad å bu. Frivilligsentralen hjelper deg "
        "å finna noko å vera med på.",
    ],
}

ARTICLES = [STRATEGY, ROLES, COMMUNITY]
