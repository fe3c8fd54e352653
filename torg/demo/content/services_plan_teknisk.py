"""Services of Plan, bygg og eigedom and Vatn, veg og renovasjon (demo content, plain Nynorsk)."""

from __future__ import annotations

from typing import Any

_BYGGJESAK = ("Byggjesak", "12 34 54 10", "byggjesak@fjordvik.example")
_VEG = ("Veg og park", "12 34 55 40", "veg@fjordvik.example")
_FEIL = "https://skjema.fjordvik.example/meld-feil"

SERVICES: dict[str, list[dict[str, Any]]] = {
    "plan-bygg-og-eigedom": [
        {
            "title": "Byggjesøknad",
            "slug": "byggjesoknad",
            "intro": "Skal du byggja, byggja om eller riva, må du ofte søkja kommunen. Her ser du korleis.",
            "target_group": "Alle som eig ein eigedom og vil byggja eller endra noko på han.",
            "how_to_apply": "Sjekk først om du må søkja. Små tiltak kan du søkja om sjølv, større tiltak krev "
            "ansvarleg søkjar. Send nabovarsel før du søkjer, og søk digitalt.",
            "application_url": "https://skjema.fjordvik.example/byggjesoknad",
            "price": "Gebyret følgjer gebyrregulativet. Ein einebustad kostar 24 000 kroner. "
            "Ein garasje kostar 6 000 kroner.",
            "deadlines": "Me behandlar søknaden innan tre veker når han ikkje treng dispensasjon. Elles er fristen "
            "tolv veker. Naboane har to veker på seg til å svara på nabovarselet.",
            "contact": _BYGGJESAK,
            "body": [
                "Me har ope kontor kvar tysdag klokka 10.00–14.00 på rådhuset. Ta med teikningar og kart, "
                "så kan me seia om du må søkja.",
                "Byggjer du utan løyve, kan du måtta riva det du har bygd og betala gebyr.",
            ],
            "owner": "kommunalsjef.plan",
            "reviewed": 20,
            "related": ["byggja-utan-a-sokja", "kart-og-oppmaling", "reguleringsplanar"],
        },
        {
            "title": "Byggja utan å søkja",
            "slug": "byggja-utan-a-sokja",
            "intro": "Nokre små bygg kan du setja opp utan å søkja, til dømes ein liten bod eller ein terrasse. "
            "Du har likevel ansvar for at reglane blir følgde.",
            "target_group": "Eigarar av eigedom som vil setja opp små bygg eller gjera små endringar.",
            "how_to_apply": "Les rettleiaren frå Direktoratet for byggkvalitet. Sjekk reguleringsplanen for eigedomen "
            "din i kartet vårt. Send oss gjerne teikning og plassering etterpå, så kjem bygget med i kartet.",
            "price": "Det kostar ingenting.",
            "contact": _BYGGJESAK,
            "body": [
                "Frittliggjande bygg på inntil 15 kvadratmeter kan du som regel setja opp utan løyve. Bygget må stå "
                "minst ein meter frå nabogrensa, og du kan ikkje bu i det.",
                "Er du i tvil, spør oss før du byrjar.",
            ],
            "owner": "kommunalsjef.plan",
            "reviewed": 410,
            "related": ["byggjesoknad"],
        },
        {
            "title": "Reguleringsplanar",
            "slug": "reguleringsplanar",
            "intro": "Ein reguleringsplan seier kva areal kan brukast til, og kor høgt og tett det kan byggjast. "
            "Her ser du planane og kan seia meininga di.",
            "target_group": "Alle som vil vita kva som er lov på ein eigedom, og alle som vil påverka planane "
            "i kommunen.",
            "how_to_apply": "Sjå planane som gjeld, i kartinnsynet. Planar på høyring finn du under høyringar. "
            "Vil du laga ein privat reguleringsplan, ber du om eit oppstartsmøte.",
            "application_url": "https://kart.fjordvik.example/planinnsyn",
            "price": "Det er gratis å sjå planane og å koma med innspel. Private planforslag har gebyr etter "
            "gebyrregulativet.",
            "deadlines": "Høyringsfristen er minst seks veker. Eit komplett planforslag skal vera ferdig behandla "
            "innan tolv veker.",
            "contact": ("Plankontoret", "12 34 54 20", "plan@fjordvik.example"),
            "body": [
                "Alle større planar får ein kommunikasjons- og medverknadsplan. Der står det kven me skal snakka "
                "med, og korleis du kan vera med.",
                "Me held ope møte i nærmiljøet når ein plan blir lagd ut på høyring.",
            ],
            "owner": "kommunalsjef.plan",
            "reviewed": 75,
            "related": ["byggjesoknad"],
        },
        {
            "title": "Kart og oppmåling",
            "slug": "kart-og-oppmaling",
            "intro": "Kommunen måler opp eigedomar, set ut grensemerke og lagar kart. "
            "Du kan bestilla kart over eigedomen din.",
            "target_group": "Eigarar av eigedom, og alle som skal dela, kjøpa eller selja tomt.",
            "how_to_apply": "Bestill oppmåling eller kart på nett. Skal du dela eigedomen, søkjer du først om "
            "deling etter plan- og bygningslova.",
            "application_url": "https://skjema.fjordvik.example/oppmaling",
            "price": "Oppmåling av ein tomt på inntil 2 000 kvadratmeter kostar 21 500 kroner. "
            "Eit situasjonskart kostar 350 kroner.",
            "deadlines": "Lova gjev oss 16 veker til oppmålinga. Om vinteren kan det ta lengre tid, fordi me ikkje "
            "kan måla når det ligg snø.",
            "contact": ("Oppmåling", "12 34 54 30", "oppmaling@fjordvik.example"),
            "body": [
                "Alle eigarane får innkalling til oppmålinga. Det er lurt å vera med, så du kan visa kvar du "
                "meiner grensa går.",
            ],
            "owner": "kommunalsjef.plan",
            "reviewed": 160,
        },
    ],
    "vatn-veg-og-renovasjon": [
        {
            "title": "Drikkevatn",
            "slug": "vatn",
            "intro": "Kommunen leverer reint drikkevatn til om lag 9 000 innbyggjarar. Her finn du kokevarsel, "
            "vassmålar og korleis du koplar deg til.",
            "target_group": "Alle som har eller vil ha kommunalt vatn.",
            "how_to_apply": "Skal du kopla deg til, sender røyrleggjaren søknaden til oss. Les av vassmålaren "
            "i desember og send inn talet på nett.",
            "application_url": "https://skjema.fjordvik.example/vassmalar",
            "price": "Tilknytinga kostar 15 000 kroner. Det årlege gebyret står på rekninga for kommunale avgifter.",
            "deadlines": "Fristen for å lesa av vassmålaren er 31. desember.",
            "contact": ("Vakttelefon vatn og avløp", "12 34 55 99", "teknisk@fjordvik.example"),
            "body": [
                "Me sender SMS til alle i området når vatnet blir stengt, eller når du må koka vatnet. "
                "Sjekk at telefonnummeret ditt er registrert.",
                "Ser du vatn som renn i gata, eller har du ikkje vatn? Ring vakttelefonen. Han er open heile døgnet.",
            ],
            "owner": "webkontakt.teknisk",
            "reviewed": 10,
            "related": ["avlop", "kommunale-avgifter"],
        },
        {
            "title": "Avløp og slamtømming",
            "slug": "avlop",
            "intro": "Kommunen tek hand om avløpsvatnet frå hus og bedrifter. Har du slamavskiljar, tømmer me han.",
            "target_group": "Alle som er kopla til kommunalt avløp, og alle med privat slamavskiljar.",
            "how_to_apply": "Slamavskiljarar blir tømde kvart anna år utan at du treng gjera noko. "
            "Treng du ekstra tømming, bestiller du på nett.",
            "application_url": "https://skjema.fjordvik.example/slamtomming",
            "price": "Ekstra tømming kostar 2 400 kroner. Vanleg tømming står på rekninga for kommunale avgifter.",
            "deadlines": "Du får beskjed ei veke før me kjem. Lokket må vera fritt for snø og jord.",
            "contact": ("Vatn og avløp", "12 34 55 20", "teknisk@fjordvik.example"),
            "body": [
                "Kast aldri våtservietter, bind, matfeitt eller medisinar i do eller vasken. Det tettar røyra "
                "og skadar reinseanlegget.",
            ],
            "owner": "webkontakt.teknisk",
            "reviewed": 88,
            "related": ["vatn"],
        },
        {
            "title": "Avfall og renovasjon",
            "slug": "renovasjon",
            "intro": "Me hentar restavfall, matavfall, papir og plast heime hos deg. "
            "Sjå tømmekalenderen for adressa di.",
            "target_group": "Alle hushald i Fjordvik. Hytter har eigne ordningar.",
            "how_to_apply": "Sjå tømmekalenderen på nett eller i appen. Vil du byta storleik på dunken, "
            "eller er han øydelagd, melder du frå på nett.",
            "application_url": "https://skjema.fjordvik.example/renovasjon",
            "price": "Gebyret står på rekninga for kommunale avgifter. Ein mindre dunk for restavfall gjev "
            "lågare gebyr.",
            "deadlines": "Set dunken ut før klokka 07.00 på tømmedagen. Gløymde me deg? Meld frå innan to dagar.",
            "contact": ("Renovasjon", "12 34 55 30", "renovasjon@fjordvik.example"),
            "body": [
                "Glas, metall, klede og farleg avfall leverer du på miljøstasjonane. Gjenvinningsstasjonen på Moen "
                "tek imot alt anna, også store ting.",
                "Om vinteren må det vera brøytt og strødd fram til dunken.",
            ],
            "owner": "webkontakt.teknisk",
            "reviewed": 35,
            "related": ["broyting"],
        },
        {
            "title": "Brøyting og strøing",
            "slug": "broyting",
            "intro": "Kommunen brøyter og strøar dei kommunale vegane. Her ser du kva vegar me har ansvar for, "
            "og korleis du melder frå.",
            "target_group": "Alle som bur langs eller brukar kommunale vegar.",
            "how_to_apply": "Meld frå om vegar som ikkje er brøytte eller er glatte, i skjemaet for å melda feil. "
            "Fylkesvegar og riksvegar melder du til fylkeskommunen eller Statens vegvesen.",
            "application_url": _FEIL,
            "deadlines": "Me byrjar å brøyta når det har kome 8–10 centimeter snø. Bussvegar blir brøytte først. "
            "Alle kommunale vegar skal vera brøytte innan åtte timar etter at det har slutta å snø.",
            "contact": _VEG,
            "body": [
                "Set ikkje bilen på vegen når det snør. Då kjem ikkje brøytebilen fram.",
                "Du må sjølv brøyta innkøyringa di. Snø frå eigen gard må ikkje leggjast ut i vegen.",
            ],
            "owner": "webkontakt.teknisk",
            "reviewed": 120,
            "related": ["gatelys"],
        },
        {
            "title": "Gatelys",
            "slug": "gatelys",
            "intro": "Er eit gatelys øydelagt? Meld frå til oss, så reparerer me det.",
            "target_group": "Alle.",
            "how_to_apply": "Meld feil i skjemaet på nett. Merk av lyktestolpen på kartet, eller skriv nummeret "
            "som står på stolpen.",
            "application_url": _FEIL,
            "price": "Det kostar ingenting å melda frå.",
            "deadlines": "Me reparerer gatelys innan fire veker. Er fleire lys i same gate mørke, prøver me å "
            "reparera innan ei veke. Om sommaren er gatelysa slått av.",
            "contact": _VEG,
            "body": [
                "Kommunen har ansvar for gatelysa langs kommunale vegar. Lys langs fylkesvegar er ansvaret til "
                "fylkeskommunen, men du kan melda frå til oss, så sender me det vidare.",
            ],
            "owner": "webkontakt.teknisk",
            "reviewed": 55,
            "related": ["broyting"],
        },
    ],
}
