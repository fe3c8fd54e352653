"""The demo municipality's service areas (tenesteområde), in the order they are shown.

Each area becomes a core ServiceArea and a ServiceAreaPage under /tenester/;
its services are in the services_* modules, keyed by the area's slug.
"""

from __future__ import annotations

AREAS: list[dict[str, str]] = [
    {
        "name": "Oppvekst",
        "slug": "oppvekst",
        "email": "oppvekst@fjordvik.example",
        "phone": "12 34 51 00",
        "intro": "Barnehage, skule, SFO og helsestasjon. Me følgjer barn og unge frå dei er små til dei går ut av ungdomsskulen.",
        "body": "I Fjordvik er det seks barnehagar, fire barneskular og ein ungdomsskule. "
        "Me samarbeider tett med foreldra, og me vil at alle barn skal kjenna seg trygge og sett.",
    },
    {
        "name": "Helse og omsorg",
        "slug": "helse-og-omsorg",
        "email": "helse@fjordvik.example",
        "phone": "12 34 52 00",
        "intro": "Lege, legevakt, heimetenester, sjukeheim og hjelp med psykisk helse. "
        "Me hjelper deg å meistra kvardagen, heime så lenge som råd.",
        "body": "Tildelingskontoret tek imot søknader om helse- og omsorgstenester. "
        "Du kan søkja sjølv, eller få hjelp av pårørande, fastlegen eller Servicetorget.",
    },
    {
        "name": "Kultur og fritid",
        "slug": "kultur-og-fritid",
        "email": "kultur@fjordvik.example",
        "phone": "12 34 53 00",
        "intro": "Bibliotek, kulturskule, idrettsanlegg og tilskot til lag og organisasjonar.",
        "body": "Kulturhuset Fjordsalen er møteplassen i sentrum. Her finn du biblioteket, kinoen og kulturskulen.",
    },
    {
        "name": "Plan, bygg og eigedom",
        "slug": "plan-bygg-og-eigedom",
        "email": "plan@fjordvik.example",
        "phone": "12 34 54 00",
        "intro": "Byggjesøknader, reguleringsplanar, kart og oppmåling.",
        "body": "Skal du byggja, dela ein tomt eller lurer du på kva som er lov på eigedomen din? "
        "Me har ope kontor for rettleiing kvar tysdag.",
    },
    {
        "name": "Vatn, veg og renovasjon",
        "slug": "vatn-veg-og-renovasjon",
        "email": "teknisk@fjordvik.example",
        "phone": "12 34 55 00",
        "intro": "Drikkevatn, avløp, henting av avfall, brøyting og gatelys.",
        "body": "Teknisk drift har vakt heile døgnet for feil på vatn og avløp. Ring vakttelefonen 12 34 55 99.",
    },
    {
        "name": "Næring",
        "slug": "naering",
        "email": "naering@fjordvik.example",
        "phone": "12 34 56 00",
        "intro": "Rettleiing for deg som vil starta eller utvikla ei bedrift, løyve og næringsareal.",
        "body": "Fjordvik skal vera ein god stad å driva næring. Næringsrådgjevaren vår hjelper deg gratis.",
    },
    {
        "name": "Økonomi og politikk",
        "slug": "okonomi-og-politikk",
        "email": "okonomi@fjordvik.example",
        "phone": "12 34 57 00",
        "intro": "Eigedomsskatt, kommunale avgifter, politiske møte og innsyn.",
        "body": "Her finn du det du treng om rekningar frå kommunen, og korleis du kan følgja med på "
        "og påverka det som skjer i politikken.",
    },
    {
        "name": "NAV og sosiale tenester",
        "slug": "nav-og-sosiale-tenester",
        "email": "nav@fjordvik.example",
        "phone": "12 34 58 00",
        "intro": "Økonomisk hjelp, bustad og rettleiing når livet er vanskeleg.",
        "body": "NAV Fjordvik er eit samarbeid mellom kommunen og staten. "
        "Dei kommunale tenestene er økonomisk sosialhjelp, kommunal bustad, startlån og rettleiing.",
    },
]
