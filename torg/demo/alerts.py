"""The demo's crisis preparedness: four prepared templates, the crisis team, and one earlier crisis.

The earlier crisis (a power cut, now over) is published and cancelled
through the alerts actions without being sent to anyone, so /varsel/ and the
CAP feed are not empty. No crisis is current: a current one would put its
banner on every demo page. Running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from torg.alerts.actions import add_to_crisis_team, cancel_alert, create_draft, crisis_team_group, publish_alert
from torg.alerts.models import Category, CrisisMessage, CrisisTemplate, Severity, Urgency

CONTACT = "Fjordvik kommune, telefon 55 00 00 00 (kvar dag 08–22 under kriser)"

TEMPLATES: tuple[dict[str, Any], ...] = (
    {
        "name": "Flaum",
        "event": "Flaum",
        "category": Category.MET,
        "severity": Severity.SEVERE,
        "urgency": Urgency.IMMEDIATE,
        "headline": "Flaum i [elv]: hald deg unna elvebreidda",
        "description": "[Elva] går over breiddene ved [stad]. Vegen langs elva er stengd.",
        "instruction": "Hald deg unna elva og flaumvatnet. Flytt bil og verdisaker høgare opp. "
        "Ikkje køyr gjennom vatn på vegen.",
    },
    {
        "name": "Straumbrot",
        "event": "Straumbrot",
        "category": Category.INFRA,
        "severity": Severity.MODERATE,
        "urgency": Urgency.IMMEDIATE,
        "headline": "Straumbrot i [område]",
        "description": "Det er straumbrot i [område] sidan kl. [tid]. Nettselskapet reknar med at straumen er "
        "tilbake kl. [tid].",
        "instruction": "Sjekk at naboar som treng hjelp, har det bra. Ring 113 om nokon treng lege. "
        "Spar på batteriet i mobiltelefonen.",
    },
    {
        "name": "Kokevarsel for drikkevatn",
        "event": "Kokevarsel",
        "category": Category.HEALTH,
        "severity": Severity.SEVERE,
        "urgency": Urgency.IMMEDIATE,
        "headline": "Kok drikkevatnet i [vassverk]",
        "description": "Det er funne bakteriar i drikkevatnet frå [vassverk]. Vatnet kan gjera deg sjuk om du "
        "drikk det utan å koka det.",
        "instruction": "Kok vatnet i minst eitt minutt før du drikk det, lagar mat eller pussar tennene. "
        "Vatnet kan brukast til dusj og klesvask.",
    },
    {
        "name": "Stengd veg",
        "event": "Stengd veg",
        "category": Category.TRANSPORT,
        "severity": Severity.MODERATE,
        "urgency": Urgency.EXPECTED,
        "headline": "[Vegen] er stengd ved [stad]",
        "description": "[Vegen] er stengd ved [stad] på grunn av [ras/ulykke]. Vi veit ikkje kor lenge.",
        "instruction": "Bruk omkøyring via [veg]. Følg med her for oppdateringar.",
    },
)


def _earlier_crisis(actor: Any) -> int:
    """A power cut in a village, with an update, now over (published, never sent)."""
    headline = "Straumbrot i Nordbygda etter stormen"
    if CrisisMessage.objects.filter(headline=headline).exists():
        return 0
    from torg.places.models import Place, PlaceKind

    village = Place.objects.filter(kind=PlaceKind.BYGD).first()
    message = create_draft(
        actor=actor,
        places=[village] if village else [],
        event="Straumbrot",
        category=Category.INFRA,
        severity=Severity.MODERATE,
        urgency=Urgency.IMMEDIATE,
        headline=headline,
        description="Stormen natt til søndag har rive ned straumlinjer. Om lag 400 husstandar er utan straum.",
        instruction="Sjekk at naboar som treng hjelp, har det bra. Ring 113 om nokon treng lege.",
        contact=CONTACT,
    )
    publish_alert(message=message, actor=actor, announce=False)
    cancel_alert(message=message, actor=actor, announce=False)
    return 1


def make_crisis_demo(users: dict[str, Any]) -> int:
    """Templates, the "Kriseteam" group (with the communication officer appointed) and one earlier crisis.

    ``users``: the demo users by username (``torg.demo.users.create_demo_users``). Returns
    how many templates and crisis messages were made.
    """
    made = 0
    for spec in TEMPLATES:
        _template, created = CrisisTemplate.objects.get_or_create(
            name=spec["name"], defaults={**{k: v for k, v in spec.items() if k != "name"}, "contact": CONTACT}
        )
        made += int(created)
    crisis_team_group()
    mayor = users.get("ordforar") or users.get("admin")
    officer = users.get("kommunikasjon")
    if mayor is not None and officer is not None:
        add_to_crisis_team(user=officer, actor=mayor)
    if mayor is not None:
        made += _earlier_crisis(mayor)
    return made
