"""Which areas hold a point: one at a time, and many at once (the same answer)."""

from __future__ import annotations

import random

import pytest
from django.utils.translation import override

from torg.places import queries
from torg.places.models import PlaceKind

from .factories import make_place, polygon, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    return [
        make_place("Sentrum", polygon(60.40, 5.40, 0.04, holes=[square(60.41, 5.41, 0.01)])),
        make_place("Skulekrinsen", polygon(60.38, 5.38, 0.05), kind=PlaceKind.SKULEKRINS),
        make_place(
            "Holmane",
            {"type": "MultiPolygon", "coordinates": [[square(60.30, 5.20, 0.02)], [square(60.45, 5.45, 0.02)]]},
        ),
        make_place("Vassverket", polygon(60.39, 5.39, 0.03), kind=PlaceKind.VASSVERK),
    ]


def test_places_containing_finds_every_area_holding_the_point(areas):
    sentrum, krins, holmane, vassverk = areas
    assert set(queries.places_containing(60.405, 5.405)) == {sentrum, krins, vassverk}
    assert set(queries.places_containing(60.415, 5.415)) == {krins, vassverk}  # in Sentrum's hole
    assert queries.places_containing(60.31, 5.21) == [holmane]
    assert queries.places_containing(60.46, 5.46) == [holmane]
    assert queries.places_containing(60.0, 5.0) == []


def test_places_containing_many_equals_the_one_by_one_answer(areas):
    rnd = random.Random(7)
    points = [(rnd.uniform(60.29, 60.48), rnd.uniform(5.19, 5.48)) for _ in range(3000)]
    many = queries.places_containing_many(points)
    assert set(many) == set(range(len(points)))
    for index, (lat, lon) in enumerate(points):
        assert sorted(many[index]) == sorted(p.pk for p in queries.places_containing(lat, lon))
    assert sum(1 for ids in many.values() if len(ids) >= 2) > 50  # points inside, and in several areas


def test_places_containing_many_can_be_limited_to_some_areas(areas):
    sentrum = areas[0]
    found = queries.places_containing_many([(60.405, 5.405), (60.31, 5.21)], place_ids=[sentrum.pk])
    assert found == {0: [sentrum.pk], 1: []}
    assert queries.places_containing_many([]) == {}


def test_place_choices_group_areas_by_kind_in_a_fixed_order(areas):
    with override("en"):
        choices = queries.place_choices()
    assert [(label, [p.name for p in places]) for label, places in choices] == [
        ("Village", ["Holmane", "Sentrum"]),
        ("School district", ["Skulekrinsen"]),
        ("Water supply zone", ["Vassverket"]),
    ]
