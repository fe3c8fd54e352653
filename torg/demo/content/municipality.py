"""Who the demo municipality is. Fjordvik is made up; every number and address is fictional."""

from __future__ import annotations

from typing import Any

MUNICIPALITY: dict[str, Any] = {
    "name": "Fjordvik kommune",
    # Nine digits with a valid mod-11 check digit (validate_organisation_number).
    "organisation_number": "999988113",
    "municipality_number": "1199",
    "language_form": "nn",
    "street_address": "Torget 1",
    "postal_address": "Postboks 1, 4399 Fjordvik",
    "postal_code": "4399",
    "city": "Fjordvik",
    "phone": "12 34 50 00",
    "email": "post@fjordvik.example",
    "opening_hours": "Servicetorget er ope måndag–fredag 08.00–15.30 (15.00 om sommaren).",
    "uustatus_url": "https://www.uustatus.no/nn/erklaringar/publisert/0d3f6c1e-demo-4f2a-9b7e-fjordvik00001",
    "is_demo": True,
}

SITE_NAME = "Fjordvik kommune"
COAT_OF_ARMS_TITLE = "Kommunevåpenet til Fjordvik kommune (demo)"

HOME: dict[str, Any] = {
    "title": "Fjordvik kommune",
    "slug": "heim",
    "intro": "Her finn du tenestene til kommunen, nyheiter og kva som skjer i Fjordvik. "
    "Lurer du på noko? Ta kontakt, så svarar me deg raskt.",
    "seo_title": "Fjordvik kommune – trygg og framtidsretta",
}

INDEXES: dict[str, dict[str, str]] = {
    "tenester": {
        "title": "Tenester",
        "intro": "Alle tenestene til kommunen, samla etter tenesteområde. "
        "Du kan også sjå lista frå A til Å eller søkja.",
    },
    "nyheiter": {
        "title": "Nyheiter",
        "intro": "Nytt frå Fjordvik kommune. Du kan abonnera på nyheitene med RSS.",
    },
    "arrangement": {
        "title": "Arrangement",
        "intro": "Kva skjer i Fjordvik? Her finn du møte, kurs, konsertar og andre arrangement. "
        "Du kan leggja dei inn i kalenderen din.",
    },
}

CONTACT: dict[str, Any] = {
    "title": "Kontakt oss",
    "slug": "kontakt",
    "intro": "Du når kommunen på telefon, e-post eller ved å koma innom Servicetorget. "
    "Me svarar på spørsmål så raskt me kan, og seinast innan fem arbeidsdagar.",
    "body": [
        ("heading", "Servicetorget"),
        (
            "paragraph",
            "<p>Servicetorget er inngangsdøra til kommunen. Her får du hjelp med søknader, "
            "skjema, betaling og spørsmål om alle tenestene våre. Du finn oss i første etasje "
            "på rådhuset, Torget 1.</p>",
        ),
        ("heading", "Svarfrist"),
        (
            "paragraph",
            "<p>Alle som spør kommunen, skal få svar. Me svarar innan fem arbeidsdagar. "
            "Tek saka lengre tid, får du eit førebels svar med namnet på den som har saka, "
            "og når du kan venta svar.</p>",
        ),
        ("heading", "Post og e-post"),
        (
            "paragraph",
            "<p>Send ikkje sensitive opplysningar, til dømes om helse, på vanleg e-post. "
            "Bruk heller sikker digital post eller skjemaa våre.</p>",
        ),
        (
            "callout",
            {
                "color": "warning",
                "heading": "Haster det?",
                "text": "<p>Ring 113 ved akutt sjukdom, 112 ved fare, og legevakta på 116 117.</p>",
            },
        ),
    ],
}

ACCESSIBILITY: dict[str, Any] = {
    "title": "Tilgjengelegheitserklæring",
    "slug": "tilgjengelegheit",
    "intro": "Me vil at alle skal kunna bruka nettstaden vår. Her fortel me korleis han oppfyller "
    "krava til universell utforming, kva som ikkje er godt nok enno, og korleis du seier frå.",
    "feedback_email": "uu@fjordvik.example",
    "last_checked_days_ago": 40,
    "body": [
        ("heading", "Krava me følgjer"),
        (
            "paragraph",
            "<p>Nettstaden skal følgja forskrift om universell utforming av IKT-løysingar. "
            "Det tyder at han skal oppfylla krava i WCAG 2.1 på nivå AA. "
            "Me testar kvar side automatisk før ho vert publisert, og me testar med skjermlesar "
            "og tastatur minst ein gong i året.</p>",
        ),
        ("heading", "Dette er ikkje godt nok enno"),
        (
            "paragraph",
            "<ul><li>Nokre eldre PDF-dokument i postjournalen manglar struktur og kan vera vanskelege "
            "å lesa med skjermlesar (WCAG 1.3.1). Me lagar nye dokument som tilgjengelege PDF-ar.</li>"
            "<li>Nokre bilete frå før 2024 manglar god alternativ tekst (WCAG 1.1.1). "
            "Me går gjennom dei i løpet av året.</li>"
            "<li>Kartet i skjemaet for å melda feil kan ikkje brukast med tastatur åleine (WCAG 2.1.1). "
            "Du kan skriva adressa i staden.</li>"
            "<li>Videoar frå kommunestyremøta har automatisk teksting som kan ha feil (WCAG 1.2.2).</li></ul>",
        ),
        ("heading", "Sei frå om feil"),
        (
            "paragraph",
            "<p>Finn du noko som ikkje verkar, eller får du ikkje tak i informasjonen du treng? "
            "Send e-post til uu@fjordvik.example eller ring Servicetorget på 12 34 50 00. "
            "Me svarar innan fem arbeidsdagar.</p>",
        ),
        ("heading", "Klage"),
        (
            "paragraph",
            "<p>Er du ikkje nøgd med svaret frå oss, kan du klaga til Tilsynet for universell "
            "utforming av ikt i Digitaliseringsdirektoratet (Digdir). Tilsynet kan påleggja oss å retta feil.</p>",
        ),
        (
            "callout",
            {
                "color": "info",
                "heading": "Demo",
                "text": "<p>Fjordvik kommune er ein oppdikta kommune. Lenka til uustatus.no er laga for demoen.</p>",
            },
        ),
    ],
}
