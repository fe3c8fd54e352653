"""The back office's "Stader": list, edit with a preview, import a GeoJSON file; only for those allowed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from torg.core.roles import Role
from torg.core.tests.factories import UserFactory
from torg.places.models import Place, PlaceKind

from .factories import collection, feature, make_place, polygon

pytestmark = pytest.mark.django_db


def html_of(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def superuser_client(admin_client_for: Any) -> Client:
    client: Client = admin_client_for(UserFactory.create(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def chief_client(site_tree: Any, user_with_role: Any, admin_client_for: Any) -> Client:
    client: Client = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))
    return client


def upload(text: str, name: str = "omrade.geojson") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="application/geo+json")


def test_the_list_shows_places_and_a_link_to_import(superuser_client):
    make_place("Nordvik")
    page = html_of(superuser_client.get(reverse("places:index")))
    assert "Nordvik" in page
    assert reverse("places:import") in page
    add_page = html_of(superuser_client.get(reverse("places:add")))
    assert "No area to show yet" in add_page


def test_the_edit_page_previews_the_area(superuser_client):
    place = make_place("Nordvik", polygon(60.45, 5.35, 0.02))
    page = html_of(superuser_client.get(reverse("places:edit", args=[place.pk])))
    assert "<svg" in page and 'fill-rule="evenodd"' in page
    assert escape("The area of Nordvik, north up") in page


def test_saving_an_edited_area_updates_its_bounding_box(chief_client):
    place = make_place("Nordvik", polygon(60.45, 5.35, 0.02))
    data = {
        "name": "Nordvik",
        "slug": "nordvik",
        "kind": PlaceKind.BYGD,
        "description": "Ny grense",
        "sort_order": "1",
        "geometry": json.dumps(polygon(60.46, 5.36, 0.03)),
    }
    response = chief_client.post(reverse("places:edit", args=[place.pk]), data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.min_lat, place.max_lon) == pytest.approx((60.46, 5.39))
    assert place.description == "Ny grense"


def test_an_invalid_area_is_not_saved_and_the_reason_is_shown(chief_client):
    place = make_place("Nordvik", polygon(60.45, 5.35, 0.02))
    open_ring = {"type": "Polygon", "coordinates": [[[5.35, 60.45], [5.37, 60.45], [5.37, 60.47], [5.35, 60.47]]]}
    data = {"name": "Nordvik", "slug": "nordvik", "kind": "bygd", "description": "", "sort_order": "0"}
    response = chief_client.post(reverse("places:edit", args=[place.pk]), {**data, "geometry": json.dumps(open_ring)})
    assert response.status_code == 200
    assert "not closed" in html_of(response)
    place.refresh_from_db()
    assert place.min_lat == pytest.approx(60.45) and place.max_lat == pytest.approx(60.47)


def test_importing_a_file_shows_what_was_created(superuser_client):
    source = collection(feature("Nordvik", polygon(60.45, 5.35, 0.02)), feature("Dalen", polygon(60.41, 5.50, 0.02)))
    response = superuser_client.post(reverse("places:import"), {"file": upload(source), "kind": "bygd"})
    assert response.status_code == 200
    page = html_of(response)
    assert "2 areas created" in page and "Nordvik, Dalen" in page
    assert set(Place.objects.values_list("kind", flat=True)) == {PlaceKind.BYGD}


def test_a_bad_file_is_not_imported_and_the_errors_name_the_feature(superuser_client):
    source = collection(feature("Nordvik", polygon()), feature("Punkt", {"type": "Point", "coordinates": [5.4, 60.4]}))
    response = superuser_client.post(reverse("places:import"), {"file": upload(source), "kind": ""})
    assert response.status_code == 200
    assert "Feature 2 (Punkt)" in html_of(response)
    assert not Place.objects.exists()
    response = superuser_client.post(reverse("places:import"), {"file": upload("{ikkje json"), "kind": ""})
    assert "not valid JSON" in html_of(response)
    response = superuser_client.post(reverse("places:import"), {"kind": ""})
    assert response.status_code == 200  # no file: the form says so, no error page


def test_staff_without_the_role_cannot_change_places(site_tree, user_with_role, admin_client_for):
    client = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_a))
    make_place("Nordvik")
    assert client.get(reverse("places:import")).status_code in (302, 403)
    response = client.post(reverse("places:import"), {"file": upload(collection(feature("X", polygon()))), "kind": ""})
    assert response.status_code in (302, 403)
    assert client.get(reverse("places:index")).status_code in (302, 403)
    assert Place.objects.count() == 1


def test_adding_and_deleting_an_area_tells_subscriptions(chief_client, django_capture_on_commit_callbacks):
    from torg.places.signals import places_changed

    seen: list[list[int]] = []

    def receiver(sender: Any, place_ids: list[int], **kwargs: Any) -> None:
        seen.append(place_ids)

    places_changed.connect(receiver)
    try:
        data = {
            "name": "Holmane",
            "slug": "holmane",
            "kind": PlaceKind.BYGD,
            "description": "",
            "sort_order": "5",
            "geometry": json.dumps(polygon(60.38, 5.25, 0.01)),
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert chief_client.post(reverse("places:add"), data).status_code == 302
        place = Place.objects.get(slug="holmane")
        assert place.min_lon == pytest.approx(5.25)
        with django_capture_on_commit_callbacks(execute=True):
            assert chief_client.post(reverse("places:delete", args=[place.pk])).status_code == 302
        assert not Place.objects.exists()
        assert seen == [[place.pk], [place.pk]]
    finally:
        places_changed.disconnect(receiver)
