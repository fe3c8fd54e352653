"""Valid places and GeoJSON for tests."""

from __future__ import annotations

import json
from typing import Any

from torg.places.actions import save_place, slug_for
from torg.places.models import Place, PlaceKind


def square(lat: float, lon: float, size: float) -> list[list[float]]:
    """A closed ring (GeoJSON [lon, lat]) of a square with its south-west corner at (lat, lon)."""
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


def polygon(
    lat: float = 60.40, lon: float = 5.40, size: float = 0.02, holes: list[Any] | None = None
) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [square(lat, lon, size), *(holes or [])]}


def feature(name: str, geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"name": name, **properties}, "geometry": geometry}


def collection(*features: dict[str, Any]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def make_place(
    name: str = "Sentrum", geometry: dict[str, Any] | None = None, kind: str = PlaceKind.BYGD, **fields: Any
) -> Place:
    place = Place(
        name=name, slug=fields.pop("slug", slug_for(name)), kind=kind, geometry=geometry or polygon(), **fields
    )
    return save_place(place=place, actor=None)
