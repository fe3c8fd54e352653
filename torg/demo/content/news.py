"""News items and events of the demo municipality (plain Nynorsk).

News: "days_ago" places the date in the past. Events: "days_ahead" and
"start" ("HH:MM", local time) place them in the future; "hours" is the length
(None: no end time).
"""

from __future__ import annotations

from typing import Any

NEWS: list[dict[str, Any]] = [
    {
        "title": "Ny nettstad: lettare å finna tenestene",
        "slug": "ny-nettstad",
        "days_ago": 3,
        "area": None,
        "intro": "Fjordvik kommune har fått ny nettstad. No finn du alle tenestene samla, og kvar side viser "
        "kven som har ansvaret og når ho sist vart sjekka.",
        "body": [
            "Me har skrive om tekstane slik at dei er korte og lette å forstå. Kvar teneste har ei side som "
            "fortel kven ho er for, korleis du søkjer, kva det kostar og kor lang tid det tek.",
            "Nettstaden er laga for å fungera godt på mobil og med skjermlesar. Finn du noko som ikkje verkar, "
            "vil me gjerne høyra frå deg.",
        ],
    },
    {
        "title": "Kokevarsel i Nordbygda er oppheva",
        "slug": "kokevarsel-nordbygda-oppheva",
        "days_ago": 9,
        "area": "vatn-veg-og-renovasjon",
        "intro": "Prøvene av drikkevatnet i Nordbygda er gode igjen. Du treng ikkje lenger koka vatnet.",
        "body": [
            "Kokevarselet kom etter eit brot på hovudleidninga. Leidninga er reparert, og tre prøver på rad viser "
            "at vatnet er trygt å drikka.",
            "Takk til alle som hadde tolmod med oss desse dagane. Har du spørsmål, ring vakttelefonen.",
        ],
    },
    {
        "title": "Søk barnehageplass innan 1. mars",
        "slug": "sok-barnehageplass",
        "days_ago": 16,
        "area": "oppvekst",
        "intro": "Hovudopptaket for barnehagane er ope. Søk innan 1. mars, så er du med i hovudopptaket.",
        "body": [
            "Alle barn som fyller eitt år innan utgangen av november, har rett til plass. "
            "Du søkjer i søknadsportalen og kan velja fem barnehagar.",
        ],
    },
    {
        "title": "Me svarar innan fem arbeidsdagar",
        "slug": "svarfrist-fem-dagar",
        "days_ago": 24,
        "area": None,
        "intro": "Alle som spør kommunen, skal få svar. No har me ein fast frist: fem arbeidsdagar.",
        "body": [
            "Fristen gjeld spørsmål, tilbakemeldingar og klager som kjem på e-post, skjema, telefon eller "
            "på Servicetorget. Tek saka lengre tid, får du eit førebels svar.",
            "«Alle får svar på spørsmål til kommunen snarast råd» står det i kommunikasjonsstrategien. "
            "No kan du sjå at me held det.",
        ],
    },
    {
        "title": "Helsestasjonen flyttar til helsehuset",
        "slug": "helsestasjonen-flyttar",
        "days_ago": 33,
        "area": "oppvekst",
        "intro": "Frå 1. i neste månad held helsestasjonen til i Fjordvik helsehus. Telefonnummeret er det same.",
        "body": [
            "I helsehuset får helsestasjonen større og meir tilgjengelege lokale, med heis og parkering "
            "rett ved inngangen.",
        ],
    },
    {
        "title": "Klart språk: 40 tilsette har fått opplæring",
        "slug": "klart-sprak-opplaering",
        "days_ago": 41,
        "area": None,
        "intro": "Brev og vedtak frå kommunen skal vera lette å forstå. I vinter har 40 saksbehandlarar vore "
        "på kurs i klart språk.",
        "body": [
            "Kurset handla om korte setningar, aktive verb og å skriva det viktigaste først. "
            "Deltakarane skreiv om sine eigne brevmalar.",
            "Målet er at alle saksbehandlarar skal ha vore på kurs innan utgangen av året.",
        ],
    },
    {
        "title": "Ny tryggleiksalarm til alle brukarane",
        "slug": "ny-tryggleiksalarm",
        "days_ago": 52,
        "area": "helse-og-omsorg",
        "intro": "Alle som har tryggleiksalarm, får ein ny og digital alarm i løpet av våren. "
        "Du treng ikkje gjera noko.",
        "body": [
            "Heimetenesta kjem heim til deg og byter alarmen. Du får ein telefon med tid for besøket ei veke før.",
        ],
    },
    {
        "title": "Kva synest du om heimetenestene?",
        "slug": "brukarundersoking-heimetenester",
        "days_ago": 64,
        "area": "helse-og-omsorg",
        "intro": "Me spør alle som får heimetenester, kva dei synest om hjelpa. Svara brukar me til å gjera "
        "tenestene betre.",
        "body": [
            "Undersøkinga tek fem minutt. Du kan svara på nett eller på papir. Pårørande kan hjelpa til.",
            "Resultata publiserer me her på nettstaden i haust.",
        ],
    },
    {
        "title": "Ny tømmekalender for avfall",
        "slug": "ny-tommekalender",
        "days_ago": 78,
        "area": "vatn-veg-og-renovasjon",
        "intro": "Frå no av blir matavfall henta kvar veke om sommaren. Sjå den nye tømmekalenderen for adressa di.",
        "body": ["Tømmekalenderen finn du på nettstaden og i appen. Du kan også få varsel på SMS dagen før."],
    },
    {
        "title": "Biblioteket er meirope frå i dag",
        "slug": "meirope-bibliotek",
        "days_ago": 95,
        "area": "kultur-og-fritid",
        "intro": "No kan du låna bøker kvar dag frå klokka 07.00 til 22.00, også når det ikkje er tilsette "
        "på biblioteket.",
        "body": ["Du treng lånekort og PIN-kode. Kom innom i opningstida, så hjelper me deg i gang."],
    },
    {
        "title": "Kommunestyret vedtok budsjettet",
        "slug": "budsjett-vedteke",
        "days_ago": 110,
        "area": "okonomi-og-politikk",
        "intro": "Kommunestyret har vedteke budsjettet for neste år. Det blir meir pengar til skule og heimetenester.",
        "body": [
            "Budsjettet har ei ramme på 1,1 milliardar kroner. Eigedomsskatten er uendra.",
            "Du finn heile vedtaket og opptaket av møtet under politiske møte.",
        ],
    },
    {
        "title": "Opne kontordagar for byggjesaker",
        "slug": "ope-kontor-byggjesak",
        "days_ago": 130,
        "area": "plan-bygg-og-eigedom",
        "intro": "Lurer du på om du må søkja? Kvar tysdag har byggjesakskontoret ope for rettleiing.",
        "body": ["Du treng ikkje avtale. Ta med kart og teikningar, så kan me gje deg betre svar."],
    },
]

EVENTS: list[dict[str, Any]] = [
    {
        "title": "Folkemøte om sentrumsplanen",
        "slug": "folkemote-sentrumsplanen",
        "days_ahead": 6,
        "start": "18:00",
        "hours": 2,
        "location": "Fjordsalen, Torget 3, Fjordvik",
        "organiser": "Plan, bygg og eigedom",
        "price": "Gratis",
        "intro": "Korleis skal sentrum i Fjordvik sjå ut om tjue år? Kom og sei meininga di.",
        "body": [
            "Planleggjarane viser forslaget til ny sentrumsplan. Etterpå kan du snakka med dei ved kartbord.",
            "Møtet blir strøymt, og du kan senda spørsmål på førehand.",
        ],
    },
    {
        "title": "Kommunestyremøte",
        "slug": "kommunestyremote",
        "days_ahead": 12,
        "start": "17:00",
        "hours": 4,
        "location": "Kommunestyresalen, rådhuset, Torget 1",
        "organiser": "Fjordvik kommune",
        "price": "Gratis",
        "intro": "Møtet er ope for alle. Det startar med open spørjetime for innbyggjarane.",
        "body": ["Sakslista og dokumenta finn du i den politiske møtekalenderen ei veke før møtet."],
    },
    {
        "title": "Digital hjelp for seniorar",
        "slug": "digital-hjelp-seniorar",
        "days_ahead": 9,
        "start": "11:00",
        "hours": 2,
        "location": "Fjordvik bibliotek",
        "organiser": "Fjordvik bibliotek og Seniornett",
        "price": "Gratis",
        "intro": "Få hjelp med mobilen, BankID, Helsenorge og digital post. Ta med deg eigen mobil eller nettbrett.",
        "body": ["Du treng ikkje melda deg på. Me har kaffi."],
    },
    {
        "title": "Vårkonsert med kulturskulen",
        "slug": "varkonsert-kulturskulen",
        "days_ahead": 20,
        "start": "18:00",
        "hours": None,
        "location": "Fjordsalen, Torget 3, Fjordvik",
        "organiser": "Fjordvik kulturskule",
        "price": "100 kroner, gratis for barn",
        "registration_url": "https://billett.fjordvik.example/varkonsert",
        "intro": "Elevane i kulturskulen speler, syng og dansar. Ein kveld for heile familien.",
        "body": ["Billettar kjøper du på nett eller i døra."],
    },
    {
        "title": "Rusken-aksjonen: rydd nærmiljøet",
        "slug": "rusken-aksjonen",
        "days_ahead": 27,
        "start": "10:00",
        "hours": 3,
        "location": "Oppmøte ved Torget, Fjordvik",
        "organiser": "Fjordvik kommune og lag i bygda",
        "price": "Gratis",
        "intro": "Bli med og rydd søppel langs vegar, strender og turstiar. Me deler ut sekkar og hanskar.",
        "body": ["Etterpå grillar me pølser på Torget. Lag og skuleklassar kan melda seg på for å få eit område."],
    },
    {
        "title": "Kurs: starta eiga bedrift",
        "slug": "kurs-starta-bedrift",
        "days_ahead": 34,
        "start": "18:00",
        "hours": 3,
        "location": "Rådhuset, møterom Fjorden",
        "organiser": "Næringsrådgjevaren i Fjordvik",
        "price": "Gratis",
        "registration_url": "https://skjema.fjordvik.example/etablerarkurs",
        "intro": "Eit gratis kurs over fire kveldar om forretningsplan, budsjett, skatt og løyve.",
        "body": ["Kurset har plass til 20 deltakarar. Meld deg på innan to veker før start."],
    },
    {
        "title": "Open dag på Fjordvik sjukeheim",
        "slug": "open-dag-sjukeheimen",
        "days_ahead": 41,
        "start": "12:00",
        "hours": 3,
        "location": "Fjordvik sjukeheim, Helsevegen 2",
        "organiser": "Helse og omsorg",
        "price": "Gratis",
        "intro": "Kom og sjå sjukeheimen, møt dei tilsette og høyr om korleis det er å jobba hos oss.",
        "body": ["Me har vaffel og kaffi. Ungdom som vil ha sommarjobb, er særleg velkomne."],
    },
]
