"""Area membership: which named areas each subscriber belongs to (chosen places, and places holding their points)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..models import Subscriber, SubscriberArea, SubscriberPoint


@transaction.atomic
def recompute_areas(*, subscriber: Subscriber | None = None, place_ids: Iterable[int] | None = None) -> int:
    """Recompute ``SubscriberArea`` rows: chosen places plus the places containing the subscriber's points.

    For one ``subscriber``; or for everyone, limited to ``place_ids`` when given (after
    ``places_changed``): one vectorised point-in-polygon pass over all points
    (``places_containing_many``) and set-based inserts. Returns the number of rows now held
    for the recomputed scope.
    """
    from torg.places.queries import places_containing_many

    if subscriber is not None:
        points = list(subscriber.points.values_list("lat", "lon"))
        wanted = set(subscriber.places.values_list("pk", flat=True))
        for ids in places_containing_many(points).values():
            wanted.update(ids)
        SubscriberArea.objects.filter(subscriber=subscriber).exclude(place_id__in=wanted).delete()
        SubscriberArea.objects.bulk_create(
            [SubscriberArea(subscriber=subscriber, place_id=pk) for pk in sorted(wanted)], ignore_conflicts=True
        )
        return len(wanted)

    from ..queries import insert_select

    limit = None if place_ids is None else sorted(set(place_ids))
    stale = SubscriberArea.objects.all()
    chosen = Subscriber.places.through.objects.all()
    if limit is not None:
        stale = stale.filter(place_id__in=limit)
        chosen = chosen.filter(place_id__in=limit)
    stale.delete()
    insert_select(
        table=SubscriberArea._meta.db_table,
        queryset=chosen.order_by().values("subscriber_id", "place_id"),
    )
    rows = list(SubscriberPoint.objects.order_by().values_list("subscriber_id", "lat", "lon"))
    inside = places_containing_many([(lat, lon) for _, lat, lon in rows], place_ids=limit)
    pairs = {(rows[index][0], pk) for index, ids in inside.items() for pk in ids}
    SubscriberArea.objects.bulk_create(
        [SubscriberArea(subscriber_id=sid, place_id=pid) for sid, pid in pairs], batch_size=5000, ignore_conflicts=True
    )
    scope = SubscriberArea.objects.all() if limit is None else SubscriberArea.objects.filter(place_id__in=limit)
    return scope.count()
