"""Geocoding: the local address table (what people type, with or without æøå) and Kartverket's API shape."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from torg.places import actions
from torg.places.geocoder import Address, KartverketGeocoder, fold, geocode

pytestmark = pytest.mark.django_db

ADDRESSES = """text;postcode;poststad;lat;lon
Sørbygdvegen 12;5384;Sørbygda;60.3351;5.4210
Sørbygdvegen 14;5384;Sørbygda;60.3355;5.4220
Øvre Åsveg 3;5384;Sørbygda;60.3401;5.4301
Kyrkjevegen 2;5380;Fjordvik;60.4001;5.4011
Gamle Kyrkjeveg 7;5380;Fjordvik;60.4021;5.4031
"""


@pytest.fixture
def addresses() -> None:
    actions.import_addresses(source=ADDRESSES)


def test_fold_makes_norwegian_letters_typeable():
    assert fold("Øvre Åsveg 3") == fold("ovre aasveg 3") == "ovre asveg 3"
    assert fold("  Sørbygdvegen, 12 ") == "sorbygdvegen 12"
    assert fold("Bæra") == "baera"


def test_local_geocoder_finds_addresses_by_the_start_whatever_the_case_and_letters(addresses):
    found = geocode("sorbygdvegen 1")
    assert found == [
        Address(text="Sørbygdvegen 12, 5384 Sørbygda", lat=60.3351, lon=5.4210),
        Address(text="Sørbygdvegen 14, 5384 Sørbygda", lat=60.3355, lon=5.4220),
    ]
    assert [a.text for a in geocode("ØVRE ÅSVEG")] == ["Øvre Åsveg 3, 5384 Sørbygda"]
    assert [a.text for a in geocode("ovre aasveg")] == ["Øvre Åsveg 3, 5384 Sørbygda"]


def test_local_geocoder_puts_addresses_starting_with_the_query_before_those_containing_it(addresses):
    texts = [a.text for a in geocode("kyrkjeveg")]
    assert texts == ["Kyrkjevegen 2, 5380 Fjordvik", "Gamle Kyrkjeveg 7, 5380 Fjordvik"]


def test_local_geocoder_matches_every_word_and_respects_the_limit(addresses):
    assert [a.text for a in geocode("vegen sørbygda 14")] == ["Sørbygdvegen 14, 5384 Sørbygda"]
    assert len(geocode("5384", limit=2)) == 2
    assert geocode("x") == []
    assert geocode("finst ikkje") == []


# --- Kartverket ------------------------------------------------------------------------------

# The shape of https://ws.geonorge.no/adresser/v1/sok?sok=...&utkoordsys=4258 (trimmed).
RECORDED = {
    "metadata": {"side": 0, "treffPerSide": 5, "totaltAntallTreff": 2, "sokeStreng": "sok=storgata"},
    "adresser": [
        {
            "adressenavn": "Storgata",
            "adressetekst": "Storgata 5",
            "nummer": 5,
            "bokstav": "",
            "kommunenummer": "4601",
            "kommunenavn": "BERGEN",
            "postnummer": "5015",
            "poststed": "BERGEN",
            "representasjonspunkt": {"epsg": "EPSG:4258", "lat": 60.39, "lon": 5.33},
        },
        {
            "adressetekst": "Storgata 7A",
            "postnummer": "5015",
            "poststed": "BERGEN",
            "representasjonspunkt": {"epsg": "EPSG:4258", "lat": 60.3901, "lon": 5.3302},
        },
        {"adressetekst": "Utan punkt 1"},
    ],
}


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict[str, list[str]]] = []
    status = 200
    body: bytes = json.dumps(RECORDED).encode()

    def do_GET(self) -> None:
        type(self).requests.append(parse_qs(urlsplit(self.path).query))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[type[_Handler]]:
    handler = type("Handler", (_Handler,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/adresser/v1/sok"  # type: ignore[attr-defined]
    yield handler
    server.shutdown()
    server.server_close()


def test_kartverket_geocoder_asks_for_the_municipality_and_reads_addresses(api, settings):
    settings.TORG_GEOCODER = "torg.places.geocoder.KartverketGeocoder"
    settings.TORG_GEOCODER_URL = api.url
    settings.TORG_GEOCODER_MUNICIPALITY = "4601"
    found = geocode("storgata", limit=5)
    assert found == [
        Address(text="Storgata 5, 5015 BERGEN", lat=60.39, lon=5.33),
        Address(text="Storgata 7A, 5015 BERGEN", lat=60.3901, lon=5.3302),
    ]
    (query,) = api.requests
    assert query == {
        "sok": ["storgata"],
        "kommunenummer": ["4601"],
        "treffPerSide": ["5"],
        "utkoordsys": ["4258"],
        "side": ["0"],
    }


def test_kartverket_errors_give_no_addresses_and_a_log_line(api, caplog):
    api.status = 503
    geocoder = KartverketGeocoder(url=api.url, municipality="4601", timeout=2)
    assert geocoder.geocode("storgata", limit=5) == []
    assert "failed" in caplog.text
    api.status, api.body = 200, b"<html>not json</html>"
    assert geocoder.geocode("storgata", limit=5) == []


def test_kartverket_timeouts_and_closed_ports_give_no_addresses(caplog):
    geocoder = KartverketGeocoder(url="http://127.0.0.1:9/sok", municipality="", timeout=0.5)
    assert geocoder.geocode("storgata", limit=5) == []
    assert "failed" in caplog.text
