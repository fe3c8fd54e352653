"""Geometry of areas: inside/outside, holes, several parts, CAP polygons, validation, previews."""

from __future__ import annotations

import math
import random
import re

import pytest
from django.core.exceptions import ValidationError
from shapely.geometry import Point, Polygon

from torg.places import geometry as g

from .factories import polygon, square

# The pattern the crisis app validates CAP polygons with (torg.alerts.models).
_POINT = r"-?\d{1,3}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?"
CAP_POLYGON = re.compile(rf"^{_POINT}(?: {_POINT}){{3,}}$")

WITH_HOLE = polygon(60.40, 5.40, 0.10, holes=[square(60.43, 5.43, 0.02)])
TWO_ISLANDS = {
    "type": "MultiPolygon",
    "coordinates": [[square(60.30, 5.20, 0.01)], [square(60.35, 5.25, 0.01)]],
}


def test_point_inside_and_outside_a_polygon():
    area = polygon(60.40, 5.40, 0.02)
    assert g.contains(area, 60.41, 5.41)
    assert not g.contains(area, 60.43, 5.41)
    assert not g.contains(area, 60.41, 5.39)


def test_latitude_and_longitude_are_not_swapped():
    tall = {"type": "Polygon", "coordinates": [[[5.0, 60.0], [5.1, 60.0], [5.1, 61.0], [5.0, 61.0], [5.0, 60.0]]]}
    assert g.contains(tall, 60.5, 5.05)
    assert not g.contains(tall, 5.05, 60.5)


def test_a_point_in_a_hole_is_outside():
    assert g.contains(WITH_HOLE, 60.41, 5.41)
    assert not g.contains(WITH_HOLE, 60.44, 5.44)


def test_every_part_of_a_multipolygon_counts():
    assert g.contains(TWO_ISLANDS, 60.305, 5.205)
    assert g.contains(TWO_ISLANDS, 60.355, 5.255)
    assert not g.contains(TWO_ISLANDS, 60.33, 5.23)


def test_contains_many_agrees_with_contains():
    rnd = random.Random(1)
    points = [(rnd.uniform(60.39, 60.51), rnd.uniform(5.39, 5.51)) for _ in range(2000)]
    assert g.contains_many(WITH_HOLE, points) == [g.contains(WITH_HOLE, lat, lon) for lat, lon in points]
    assert g.contains_many(WITH_HOLE, []) == []


def test_bbox_is_lat_lon_ordered():
    assert g.bbox(TWO_ISLANDS) == pytest.approx((60.30, 5.20, 60.36, 5.26))


def _pairs(cap: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in (p.split(",") for p in cap.split(" "))]


def test_cap_polygons_are_closed_lat_lon_pairs_one_per_outer_ring():
    caps = g.cap_polygons(TWO_ISLANDS)
    assert len(caps) == 2
    for cap in caps:
        assert CAP_POLYGON.match(cap)
        pairs = _pairs(cap)
        assert pairs[0] == pairs[-1]
        assert len(pairs) >= 4
        assert all(60 < lat < 61 and 5 < lon < 6 for lat, lon in pairs)


def test_cap_polygons_leave_holes_out():
    (cap,) = g.cap_polygons(WITH_HOLE)
    assert len(_pairs(cap)) == 5


def _circle(points: int, lat: float = 60.40, lon: float = 5.40, radius: float = 0.05, jagged: bool = False) -> dict:
    """A wobbly ring (a coastline-like outline); ``jagged``: every corner a random spike."""

    def wobble(i: int) -> float:
        return 1 + 0.1 * (math.sin(7 * i) if jagged else math.sin(14 * math.pi * i / points))

    ring = [
        [
            lon + 2 * radius * math.cos(2 * math.pi * i / points) * wobble(i),
            lat + radius * math.sin(2 * math.pi * i / points),
        ]
        for i in range(points)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@pytest.mark.parametrize(("jagged", "excess"), [(False, 1.01), (True, 1.2)])
def test_long_outlines_are_simplified_to_at_most_100_points_that_still_cover_the_area(jagged, excess):
    area = _circle(1000, jagged=jagged)
    (cap,) = g.cap_polygons(area)
    pairs = _pairs(cap)
    assert CAP_POLYGON.match(cap)
    assert 4 <= len(pairs) <= 100
    assert pairs[0] == pairs[-1]
    simplified = Polygon([(lon, lat) for lat, lon in pairs])
    original = g.to_shape(area)
    assert simplified.buffer(1e-5).covers(original)
    # Covering, but not by much more than the area itself.
    assert simplified.area < original.area * excess


def test_short_outlines_are_kept_as_they_are():
    area = _circle(60)
    (cap,) = g.cap_polygons(area)
    assert len(_pairs(cap)) == 61


def test_svg_path_draws_every_ring_inside_the_box():
    bounds = g.bounds_of_all([WITH_HOLE])
    width, height = g.svg_size(bounds, 400)
    assert max(width, height) == 400
    path = g.svg_path(WITH_HOLE, bounds, 400)
    assert path.count("M") == 2 and path.count("Z") == 2
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d", path)]
    assert all(0 <= n <= 400 for n in numbers)


@pytest.mark.parametrize(
    ("geometry", "words"),
    [
        ({"type": "Point", "coordinates": [5.4, 60.4]}, "Polygon or a MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[5.4, 60.4], [5.5, 60.4], [5.5, 60.5], [5.4, 60.5]]]}, "not closed"),
        ({"type": "Polygon", "coordinates": [[[5.4, 60.4], [5.5, 60.4], [5.4, 60.4]]]}, "at least four"),
        ({"type": "Polygon", "coordinates": [square(6_700_000, 300_000, 1000)]}, "UTM"),
        (
            {"type": "Polygon", "coordinates": [[[5.4, 60.4], [5.5, 60.5], [5.5, 60.4], [5.4, 60.5], [5.4, 60.4]]]},
            "cross",
        ),
        ({"type": "Polygon", "coordinates": [[["a", 60.4], [5.5, 60.4], [5.5, 60.5], [5.4, 60.4]]]}, "numbers"),
        ({"type": "Polygon", "coordinates": []}, "no coordinates"),
        ("POLYGON((1 2, 3 4))", "GeoJSON object"),
    ],
)
def test_invalid_geometries_are_explained(geometry, words):
    errors = g.geometry_errors(geometry)
    assert len(errors) == 1
    assert words in errors[0]
    with pytest.raises(ValidationError):
        g.validate_geometry(geometry)


def test_a_valid_area_has_no_errors():
    assert g.geometry_errors(WITH_HOLE) == []
    assert g.geometry_errors(TWO_ISLANDS) == []


def test_points_inside_a_simplified_cap_polygon_include_every_point_of_the_area():
    area = _circle(500, jagged=True)
    (cap,) = g.cap_polygons(area)
    simplified = Polygon([(lon, lat) for lat, lon in _pairs(cap)]).buffer(1e-5)
    rnd = random.Random(3)
    for _ in range(500):
        lat, lon = rnd.uniform(60.34, 60.46), rnd.uniform(5.28, 5.52)
        if g.contains(area, lat, lon):
            assert simplified.contains(Point(lon, lat))
