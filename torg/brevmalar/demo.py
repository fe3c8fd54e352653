"""Three approved demo templates in plain Nynorsk, for the demo loader.

Call ``create_demo_templates(areas)`` with the municipality's service areas;
the barnehage decision goes to the area whose slug or name mentions
"oppvekst" or "barnehage" (else the first area), the two letters are for all areas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from torg.core.models import ServiceArea

from .actions import publish_letter_template
from .models import LetterKind, LetterTemplate

BARNEHAGE_BODY = """Hei, {{ namn }}.

Du har søkt om barnehageplass til {{ barnet }}. Me har no sett på søknaden din.

# Dette har me bestemt

{{ barnet }} får plass i {{ barnehage }} frå {{ startdato }}. Plassen er {{ storleik }} prosent.

# Dette må du gjera

Svar oss innan {{ svarfrist }} om du vil ta imot plassen. Du svarar på Min side eller på telefon.

Har du spørsmål, kan du ringja {{ sakshandsamar }} på {{ telefon }}. Saksnummeret er {{ saksnummer }}."""

BARNEHAGE_HEIMEL = (
    """Me har gjort vedtaket etter barnehagelova § 16. Der står det kva barn som har rett til plass i barnehage."""
)

BARNEHAGE_KLAGE = """Du kan klaga på vedtaket. Klagen må koma til oss innan tre veker etter at du fekk dette brevet.

Skriv kva du er usamd i, og kvifor. Send klagen til kommunen. Me ser på saka på nytt. Held me fast på vedtaket, sender me klagen til klagenemnda i kommunen.

Du har rett til å sjå dokumenta i saka di. Det står i forvaltningslova § 18."""

FOREBELS_BODY = """Hei, {{ namn }}.

Me fekk brevet ditt {{ motteke }}. Saksnummeret er {{ saksnummer }}.

Me treng meir tid for å svara deg. Grunnen er at {{ grunn }}.

Me reknar med å svara deg innan {{ svardato }}.

Dette brevet sender me fordi forvaltningslova § 11 a seier at du skal få vita det når ei sak tek lang tid.

Har du spørsmål, kan du ringja {{ sakshandsamar }} på {{ telefon }}."""

STADFESTING_BODY = """Hei, {{ namn }}.

Takk for søknaden din om {{ teneste }}. Me fekk han {{ motteke }}.

Saksnummeret er {{ saksnummer }}. Skriv det når du kontaktar oss om saka.

Me tek kontakt om me treng meir frå deg. Du får svar innan {{ svardato }}.

Har du spørsmål, kan du ringja {{ sakshandsamar }} på {{ telefon }}."""


def _area_for_barnehage(areas: list[ServiceArea]) -> ServiceArea | None:
    for area in areas:
        if any(word in f"{area.slug} {area.name}".lower() for word in ("oppvekst", "barnehage")):
            return area
    return areas[0] if areas else None


@transaction.atomic
def create_demo_templates(areas: Iterable[ServiceArea]) -> list[LetterTemplate]:
    """Create (or update) and approve the three demo templates; returns them."""
    specs: list[dict[str, Any]] = [
        {
            "title": "Svar på søknad om barnehageplass",
            "kind": LetterKind.DECISION,
            "service_area": _area_for_barnehage(list(areas)),
            "body": BARNEHAGE_BODY,
            "legal_basis": BARNEHAGE_HEIMEL,
            "appeal_information": BARNEHAGE_KLAGE,
        },
        {"title": "Førebels svar", "kind": LetterKind.LETTER, "service_area": None, "body": FOREBELS_BODY},
        {
            "title": "Me har fått søknaden din",
            "kind": LetterKind.LETTER,
            "service_area": None,
            "body": STADFESTING_BODY,
        },
    ]
    result = []
    for spec in specs:
        template, _ = LetterTemplate.objects.update_or_create(
            title=spec["title"], defaults=spec, create_defaults={**spec, "live": False}
        )
        template.save_revision()
        result.append(publish_letter_template(template=template, user=None))
    return result
