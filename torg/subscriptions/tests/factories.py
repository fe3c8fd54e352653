"""Topics, subscribers, places and crisis alerts in valid states for the subscription tests.

``make_subscriber`` builds a confirmed subscriber straight in the database (the
confirmation flow itself is tested through the actions); area membership is
computed by the real ``recompute_areas``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import factory
from django.utils import timezone
from django.utils.text import slugify

from torg.places.models import Place, PlaceKind
from torg.subscriptions.actions import recompute_areas
from torg.subscriptions.models import Frequency, PushSubscription, Subscriber, SubscriberPoint, Topic

_numbers = itertools.count(1)


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name: Any = factory.Sequence(lambda n: f"Emne {n}")
    slug: Any = factory.LazyAttribute(lambda topic: slugify(topic.name))


def square(lat: float, lon: float, size: float = 0.02) -> dict[str, Any]:
    """A GeoJSON square ([lon, lat] order) with its south-west corner at (lat, lon)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def make_place(name: str, lat: float, lon: float, size: float = 0.02, kind: str = PlaceKind.BYGD) -> Place:
    from torg.places.geometry import bbox

    geometry = square(lat, lon, size)
    min_lat, min_lon, max_lat, max_lon = bbox(geometry)
    return Place.objects.create(
        name=name,
        slug=slugify(name),
        kind=kind,
        geometry=geometry,
        min_lat=min_lat,
        min_lon=min_lon,
        max_lat=max_lat,
        max_lon=max_lon,
    )


def make_subscriber(
    *,
    email: str | None = None,
    phone: str | None = None,
    wants_email: bool = True,
    wants_sms: bool = False,
    wants_push: bool = False,
    confirmed: bool = True,
    frequency: str = Frequency.STRAKS,
    everything: bool = False,
    topics: Iterable[Topic] = (),
    service_areas: Iterable[Any] = (),
    places: Iterable[Place] = (),
    points: Sequence[tuple[float, float]] = (),
    push_endpoints: Sequence[str] = (),
    **fields: Any,
) -> Subscriber:
    number = next(_numbers)
    now = timezone.now()
    email = (email if email is not None else f"abonnent{number}@example.org") if wants_email else ""
    phone = (phone if phone is not None else f"+479900{number:04d}") if wants_sms else ""
    subscriber = Subscriber.objects.create(
        email=email,
        phone=phone,
        wants_email=wants_email,
        wants_sms=wants_sms,
        wants_push=wants_push,
        email_confirmed_at=now if confirmed and email else None,
        phone_confirmed_at=now if confirmed and phone else None,
        frequency=frequency,
        everything=everything,
        consent_text="Eg vil ha varsel frå kommunen.",
        consent_at=now,
        **fields,
    )
    subscriber.topics.set(list(topics))
    subscriber.service_areas.set(list(service_areas))
    subscriber.places.set(list(places))
    SubscriberPoint.objects.bulk_create(
        SubscriberPoint(subscriber=subscriber, label="Heime", lat=lat, lon=lon) for lat, lon in points
    )
    for endpoint in push_endpoints:
        PushSubscription.objects.create(subscriber=subscriber, endpoint=endpoint, p256dh="BKey", auth="auth")
    recompute_areas(subscriber=subscriber)
    return subscriber


def make_alert(
    *,
    places: Iterable[Place] = (),
    drill: bool = False,
    msg_type: str = "Alert",
    headline: str = "Kokevarsel i Sentrum",
    message: Any = None,
) -> Any:
    """A published CAP alert (as torg.alerts publishes it) of a crisis message in ``places``."""
    from torg.alerts.models import CapAlert, CrisisMessage, Status

    status = Status.EXERCISE if drill else Status.ACTUAL
    if message is None:
        message = CrisisMessage.objects.create(
            event="Kokevarsel",
            headline=headline,
            description="Det er funne bakteriar i drikkevatnet.",
            instruction="Kok vatnet før du drikk det.",
            area_desc="",
            status=status,
        )
        message.places.set(list(places))
    number = next(_numbers)
    return CapAlert.objects.create(
        message=message,
        identifier=f"fjordvik.example-{message.pk}-{number}",
        sender="varsel@fjordvik.example",
        sent=timezone.now().replace(microsecond=0),
        msg_type=msg_type,
        status=status,
        info={
            "headline": headline,
            "description": message.description,
            "instruction": message.instruction,
            "areaDesc": ", ".join(p.name for p in message.places.all()) or "Heile kommunen",
        },
        xml="<alert/>",
    )
