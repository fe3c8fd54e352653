"""Reads about places: which areas hold a point (one or 100,000), and the choices for forms."""

from __future__ import annotations

from collections.abc import Sequence

from .geometry import contains, points_in_areas
from .models import Place, PlaceKind


def places_containing(lat: float, lon: float) -> list[Place]:
    """The areas that hold the point (``lat``, ``lon``): bounding boxes in SQL, then the polygons."""
    candidates = Place.objects.filter(min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon)
    return [place for place in candidates if contains(place.geometry, lat, lon)]


def places_containing_many(
    points: Sequence[tuple[float, float]], place_ids: Sequence[int] | None = None
) -> dict[int, list[int]]:
    """For every index into ``points`` (``(lat, lon)`` pairs): the ids of the areas holding it.

    Every index is a key (an empty list: in no area). One vectorised polygon test per
    area (``shapely.contains_xy``) on the points inside its bounding box, so 100,000
    points take a fraction of a second. ``place_ids`` limits the test to those areas.
    """
    places = Place.objects.order_by("kind", "sort_order", "name")
    if place_ids is not None:
        places = places.filter(pk__in=list(place_ids))
    rows = places.values_list("pk", "geometry", "min_lat", "min_lon", "max_lat", "max_lon")
    return points_in_areas(((pk, geometry, (a, b, c, d)) for pk, geometry, a, b, c, d in rows), points)


def place_choices() -> list[tuple[str, list[Place]]]:
    """Areas grouped under their kind's label (villages, school districts, water zones, other), empty kinds left out."""
    by_kind: dict[str, list[Place]] = {kind.value: [] for kind in PlaceKind}
    for place in Place.objects.only("pk", "name", "slug", "kind", "sort_order", "description"):
        by_kind.setdefault(place.kind, []).append(place)
    return [(str(PlaceKind(kind).label), places) for kind, places in by_kind.items() if places]


def place_by_slug(slug: str) -> Place | None:
    return Place.objects.filter(slug=slug).first()
