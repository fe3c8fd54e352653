"""Reads for subscriptions: who gets what, set-based.

Every selection is one SQL query over indexed tables (``IN (SELECT …)`` on the
topic, service-area and area-membership tables), never a Python loop over
subscribers, so it stays fast at 100,000 subscribers. The ``*_rows`` helpers
turn a selection into the ``.values(address=…, subscriber_id=…, token=…)``
shape that ``torg.notifications.delivery.add_deliveries_from_query`` inserts
with one INSERT … SELECT per channel.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from .models import (
    Announcement,
    AnnouncementKind,
    Frequency,
    PushSubscription,
    Subscriber,
    SubscriberArea,
    SubscriberQuerySet,
    Topic,
)

NOTHING = Q(pk__in=[])


def _ids(items: Iterable[Any] | None) -> list[int]:
    return [item if isinstance(item, int) else item.pk for item in (items or [])]


def matching(
    *,
    topics: Iterable[Any] = (),
    service_areas: Iterable[Any] = (),
    places: Iterable[Any] = (),
    everything_too: bool = True,
) -> Q:
    """Subscribers of all news, or of any of these topics, service areas or places (ids or objects)."""
    condition = Q(everything=True) if everything_too else NOTHING
    topic_ids, area_ids, place_ids = _ids(topics), _ids(service_areas), _ids(places)
    if topic_ids:
        by_topic = Subscriber.topics.through.objects.filter(topic_id__in=topic_ids)
        condition |= Q(pk__in=by_topic.values("subscriber_id"))
    if area_ids:
        by_area = Subscriber.service_areas.through.objects.filter(servicearea_id__in=area_ids)
        condition |= Q(pk__in=by_area.values("subscriber_id"))
    if place_ids:
        condition |= Q(pk__in=SubscriberArea.objects.filter(place_id__in=place_ids).values("subscriber_id"))
    return condition


def recipients_for(
    *,
    topics: Iterable[Any] = (),
    service_areas: Iterable[Any] = (),
    places: Iterable[Any] = (),
    everything_too: bool = True,
) -> SubscriberQuerySet:
    """Confirmed subscribers (any frequency) who want news on any of these topics, areas or places."""
    condition = matching(topics=topics, service_areas=service_areas, places=places, everything_too=everything_too)
    return Subscriber.objects.filter(condition).confirmed()


def crisis_recipients(place_ids: Iterable[int] | None = None) -> SubscriberQuerySet:
    """Confirmed subscribers living in (or having chosen) any of the places; None or empty: everyone."""
    ids = _ids(place_ids)
    subscribers = Subscriber.objects.all()
    if ids:
        subscribers = subscribers.filter(pk__in=SubscriberArea.objects.filter(place_id__in=ids).values("subscriber_id"))
    return subscribers.confirmed()


def subscriber_by_token(token: str) -> Subscriber | None:
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


# --- Rows for the delivery engine (one INSERT … SELECT per channel) ----------------


def email_rows(subscribers: SubscriberQuerySet) -> QuerySet[Any]:
    """``address``/``subscriber_id``/``token`` for those of ``subscribers`` who get e-mail now."""
    return subscribers.email_recipients().order_by().values("token", address=F("email"), subscriber_id=F("pk"))


def sms_rows(subscribers: SubscriberQuerySet) -> QuerySet[Any]:
    """The same for SMS: chosen, confirmed, not paused."""
    return subscribers.sms_recipients().order_by().values("token", address=F("phone"), subscriber_id=F("pk"))


def push_rows(subscribers: SubscriberQuerySet) -> QuerySet[Any]:
    """One row per working browser subscription of those who chose web push (with its keys)."""
    return (
        subscribers.filter(wants_push=True, push_subscriptions__failed_at__isnull=True)
        .order_by()
        .values(
            "token",
            address=F("push_subscriptions__endpoint"),
            subscriber_id=F("pk"),
            p256dh=F("push_subscriptions__p256dh"),
            auth=F("push_subscriptions__auth"),
        )
    )


def staff_email_rows(users: QuerySet[Any]) -> QuerySet[Any]:
    """Drill deliveries: the crisis team's e-mail addresses (no subscriber, no token, no unsubscribe link)."""
    return users.exclude(email="").order_by().values(address=F("email"))


# --- Digests -------------------------------------------------------------------------


def digest_subscribers_for(condition: Q) -> SubscriberQuerySet:
    """Confirmed daily/weekly subscribers matching ``condition`` (they get a DigestItem, not a message)."""
    return Subscriber.objects.filter(condition, frequency__in=[Frequency.DAGLEG, Frequency.VEKELEG]).confirmed()


def immediate_subscribers_for(condition: Q) -> SubscriberQuerySet:
    return Subscriber.objects.filter(condition, frequency=Frequency.STRAKS)


def insert_select(*, table: str, queryset: QuerySet[Any], rename: dict[str, str] | None = None) -> int:
    """``INSERT INTO table (<the queryset's value names>) SELECT …`` ignoring duplicates; rows inserted.

    ``rename`` maps a value name to the column it fills (when the name would clash with a field).
    """
    sql, params = queryset.query.sql_with_params()
    selected = list(queryset.query.selected or {})
    if not selected:
        raise ValueError("insert_select needs a .values(...) queryset.")
    names = [(rename or {}).get(name, name) for name in selected]
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "sqlite":
        statement = f"INSERT OR IGNORE INTO {quoted} ({columns}) {sql}"
    else:
        statement = f"INSERT INTO {quoted} ({columns}) {sql} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return max(cursor.rowcount, 0)


# --- Feeds and counts -----------------------------------------------------------------


def public_announcements(
    *, topic: str = "", place: str = "", service_area: str = "", limit: int = 50
) -> QuerySet[Announcement]:
    """What was announced (pages and real crisis messages, not drills), newest first, by slugs.

    A crisis message for the whole municipality is in every place's feed.
    """
    announcements = Announcement.objects.exclude(kind=AnnouncementKind.DRILL)
    if topic:
        announcements = announcements.filter(
            pk__in=Announcement.topics.through.objects.filter(topic__slug=topic).values("announcement_id")
        )
    if place:
        in_place = Announcement.places.through.objects.filter(place__slug=place).values("announcement_id")
        announcements = announcements.filter(Q(pk__in=in_place) | Q(everyone=True))
    if service_area:
        announcements = announcements.filter(
            pk__in=Announcement.service_areas.through.objects.filter(servicearea__slug=service_area).values(
                "announcement_id"
            )
        )
    return announcements.order_by("-published_at", "-pk")[:limit]


def subscriber_counts() -> dict[str, Any]:
    """Numbers only (never who): for the staff overview."""
    confirmed = Subscriber.objects.confirmed()
    by_frequency = dict(confirmed.order_by().values_list("frequency").annotate(n=Count("pk")))
    topics = Topic.objects.annotate(
        n=Count("subscribers", filter=Q(subscribers__in=confirmed.values("pk")), distinct=True)
    ).order_by("sort_order", "name")
    return {
        "total": Subscriber.objects.count(),
        "confirmed": confirmed.count(),
        "unconfirmed": Subscriber.objects.exclude(pk__in=confirmed.values("pk")).count(),
        "email": Subscriber.objects.email_recipients().count(),
        "sms": Subscriber.objects.sms_recipients().count(),
        "push": PushSubscription.objects.filter(failed_at__isnull=True, subscriber__wants_push=True)
        .values("subscriber_id")
        .distinct()
        .count(),
        "email_paused": Subscriber.objects.filter(email_paused_at__isnull=False).count(),
        "sms_paused": Subscriber.objects.filter(sms_paused_at__isnull=False).count(),
        "everything": confirmed.filter(everything=True).count(),
        "by_frequency": [(label, by_frequency.get(value, 0)) for value, label in Frequency.choices],
        "topics": [(topic.name, topic.n) for topic in topics],
    }


def place_counts() -> list[tuple[str, int]]:
    from torg.places.models import Place

    confirmed = Subscriber.objects.confirmed().values("pk")
    places = Place.objects.annotate(
        n=Count("subscriber_areas", filter=Q(subscriber_areas__subscriber__in=confirmed), distinct=True)
    )
    return [(place.name, place.n) for place in places]


def service_area_counts() -> list[tuple[str, int]]:
    from torg.core.models import ServiceArea

    confirmed = Subscriber.objects.confirmed().values("pk")
    areas = ServiceArea.objects.annotate(n=Count("subscribers", filter=Q(subscribers__in=confirmed), distinct=True))
    return [(area.name, area.n) for area in areas]
