"""Demo subscription data for Fjordvik: ten topics and about twenty confirmed subscribers.

Addresses are example.org/example.com and phone numbers +47 99 00 xx xx, so
nothing reaches a real person. Some subscribers chose places (the demo's
areas, when ``torg.demo.places`` has made them), some gave an address point
inside the map bounds, some follow service areas or everything. They are
written as confirmed (no confirmation messages are sent); area membership is
computed by the real ``recompute_areas``. Safe to run again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.places.models import Place
from torg.subscriptions.actions import recompute_areas
from torg.subscriptions.models import Frequency, Subscriber, SubscriberPoint, Topic

TOPICS = [
    ("Vatn og avløp", "vatn-og-avlop", "Drikkevatn, kokevarsel, stengt vatn og avløp."),
    ("Vegar og trafikk", "vegar-og-trafikk", "Vegarbeid, stengde vegar, brøyting og kollektivtrafikk."),
    ("Skule og barnehage", "skule-og-barnehage", "Opptak, skuleruter, stengde skular og barnehagar."),
    ("Helse", "helse", "Legevakt, vaksinar og helsetenester."),
    ("Kultur", "kultur", "Arrangement, bibliotek, kulturskule og lag og organisasjonar."),
    ("Beredskap", "beredskap", "Krisemeldingar, straumbrot, flaum og uvêr."),
    ("Avfall", "avfall", "Tømming av søppel, gjenvinning og miljøstasjonen."),
    ("Politikk", "politikk", "Kommunestyret, høyringar og møte."),
    ("Natur og friluftsliv", "natur-og-friluftsliv", "Turstiar, badeplassar, jakt og fiske."),
    ("Næring", "naering", "Næringsliv, løyve, skjenking og tilskot."),
]

DEMO_CONSENT = (
    "Eg vil få varsel frå Fjordvik kommune om det eg har valt, på dei kanalane eg har valt. "
    "Eg kan melda meg av når som helst."
)

# (name, domain, sms, frequency, everything, topic slugs, service-area count, place count, point)
SUBSCRIBERS: list[tuple[str, str, bool, str, bool, tuple[str, ...], int, int, tuple[float, float] | None]] = [
    ("kari.nordmann", "example.org", True, Frequency.STRAKS, False, ("vatn-og-avlop", "beredskap"), 0, 1, None),
    ("ola.nordmann", "example.org", False, Frequency.STRAKS, True, (), 0, 0, (60.395, 5.32)),
    ("ingrid.haugen", "example.com", True, Frequency.DAGLEG, False, ("skule-og-barnehage",), 1, 0, (60.41, 5.36)),
    ("per.lie", "example.com", False, Frequency.VEKELEG, False, ("politikk", "naering"), 0, 0, None),
    ("sigrid.moe", "example.org", True, Frequency.STRAKS, False, ("vegar-og-trafikk",), 0, 2, None),
    ("lars.berg", "example.org", False, Frequency.DAGLEG, True, (), 0, 0, None),
    ("marit.dahl", "example.com", True, Frequency.STRAKS, False, ("helse",), 1, 0, (60.44, 5.45)),
    ("knut.strand", "example.com", False, Frequency.STRAKS, False, ("kultur", "natur-og-friluftsliv"), 0, 1, None),
    ("astrid.lund", "example.org", True, Frequency.VEKELEG, False, ("avfall",), 0, 0, (60.36, 5.28)),
    ("nils.vik", "example.org", False, Frequency.STRAKS, False, ("beredskap",), 0, 0, (60.47, 5.52)),
    ("anne.foss", "example.com", True, Frequency.STRAKS, False, ("vatn-og-avlop",), 0, 1, (60.40, 5.40)),
    ("jon.aas", "example.com", False, Frequency.DAGLEG, False, ("kultur",), 2, 0, None),
    ("liv.holm", "example.org", True, Frequency.STRAKS, True, (), 0, 0, None),
    ("eirik.sand", "example.org", False, Frequency.VEKELEG, False, ("naering",), 1, 0, None),
    ("solveig.bakke", "example.com", True, Frequency.STRAKS, False, ("skule-og-barnehage", "kultur"), 0, 1, None),
    ("tor.myklebust", "example.com", False, Frequency.STRAKS, False, ("vegar-og-trafikk",), 0, 0, (60.33, 5.22)),
    ("hilde.nes", "example.org", True, Frequency.DAGLEG, False, ("helse", "beredskap"), 0, 2, None),
    ("arne.brekke", "example.org", False, Frequency.STRAKS, False, ("natur-og-friluftsliv",), 0, 0, (60.42, 5.50)),
    ("gunn.tveit", "example.com", True, Frequency.STRAKS, False, ("avfall", "vatn-og-avlop"), 0, 0, (60.38, 5.34)),
    ("bjorn.rud", "example.com", False, Frequency.VEKELEG, True, (), 0, 0, None),
]


@transaction.atomic
def make_topics_and_subscribers() -> int:
    """Create the demo topics and subscribers (existing ones by address are left as they are); return
    how many subscribers were created."""
    topics = {}
    for order, (name, slug, description) in enumerate(TOPICS):
        topic, _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        topics[slug] = topic
    areas = list(ServiceArea.objects.order_by("sort_order", "name"))
    places = list(Place.objects.all())
    now = timezone.now()
    created = 0
    for number, (local, domain, sms, frequency, everything, slugs, n_areas, n_places, point) in enumerate(
        SUBSCRIBERS, start=1
    ):
        email = f"{local}@{domain}"
        if Subscriber.objects.filter(email=email).exists():
            continue
        phone = f"+479900{number:04d}" if sms else ""
        subscriber = Subscriber.objects.create(
            email=email,
            phone=phone,
            wants_email=True,
            wants_sms=sms,
            email_confirmed_at=now,
            phone_confirmed_at=now if sms else None,
            frequency=frequency,
            everything=everything,
            consent_text=DEMO_CONSENT,
            consent_at=now,
        )
        subscriber.topics.set([topics[slug] for slug in slugs])
        if areas and n_areas:
            subscriber.service_areas.set([areas[(number + i) % len(areas)] for i in range(n_areas)])
        if places and n_places:
            subscriber.places.set({places[(number + i) % len(places)] for i in range(n_places)})
        if point is not None:
            SubscriberPoint.objects.create(subscriber=subscriber, label="Demoadresse", lat=point[0], lon=point[1])
        recompute_areas(subscriber=subscriber)
        created += 1
    return created
