"""Whatever is posted to the Servicetorget form or a reply, the answer is a page, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torg.inquiries.models import Inquiry, Kind

from .factories import submit

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
OK = {200, 302, 400, 429}

odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "<b></b>", "1e999", "NaN", "-0", "∞", "x" * 6000]),
)
kinds = st.one_of(st.sampled_from([*Kind.values, "", "klage ", "KLAGE"]), st.text(max_size=20))
coordinates = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["60,39", "-91", "181", "1" * 60, "60.1234567890123", "", "−5.3"]),
    st.text(max_size=40),
)
abouts = st.one_of(
    st.sampled_from(["", "omrade-1", "omrade-999999", "teneste-0", "teneste-999999", "teneste-x", "omrade-"]),
    st.text(max_size=30),
)
flags = st.sampled_from(["", "on", "off", "true", "0", "\x00"])
# Any name a browser can send (the test client cannot build a file named "", "." or "..").
file_names = st.text(alphabet=st.characters(exclude_characters="/\\"), max_size=60).map(
    lambda name: name if name.strip() not in ("", ".", "..") else "x"
)
files = st.lists(
    st.tuples(
        file_names,
        st.one_of(
            st.binary(max_size=300),
            st.sampled_from([b"\xff\xd8\xff\xe0 not really a jpeg", b"%PDF-1.4 tiny", b"PK\x03\x04 zip?", b"MZ\x90"]),
        ),
    ),
    max_size=3,
)


@pytest.fixture
def open_limit(settings: Any) -> None:
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 0


@FUZZ
@given(
    kind=kinds,
    about=abouts,
    title=odd_text,
    text=odd_text,
    address=odd_text,
    latitude=coordinates,
    longitude=coordinates,
    name=odd_text,
    email=odd_text,
    phone=odd_text,
    anonymous=flags,
    wants_public=flags,
    enkeltvedtak=flags,
    website=st.sampled_from(["", "x"]),
    uploads=files,
)
def test_any_form_input_gives_a_page_or_a_redirect_never_an_error(
    site_tree: Any,
    open_limit: None,
    kind: str,
    about: str,
    title: str,
    text: str,
    address: str,
    latitude: str,
    longitude: str,
    name: str,
    email: str,
    phone: str,
    anonymous: str,
    wants_public: str,
    enkeltvedtak: str,
    website: str,
    uploads: list[tuple[str, bytes]],
) -> None:
    before = Inquiry.objects.count()
    data = {
        "kind": kind,
        "about": about,
        "title": title,
        "text": text,
        "address": address,
        "latitude": latitude,
        "longitude": longitude,
        "contact_name": name,
        "email": email,
        "phone": phone,
        "anonymous": anonymous,
        "wants_public": wants_public,
        "about_enkeltvedtak": enkeltvedtak,
        "website": website,
        "attachments": [SimpleUploadedFile(filename, content) for filename, content in uploads],
    }

    response = Client().post("/servicetorget/", data)

    assert response.status_code in OK, response.status_code
    assert Inquiry.objects.count() == before + (1 if response.status_code == 302 else 0)


@FUZZ
@given(
    reference=st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(["ST-AAAAAA", "st-aaaaaa", "ST-"])),
    key=st.one_of(st.none(), st.text(max_size=40)),
)
def test_any_reference_and_key_gives_a_page_or_not_found(site_tree: Any, reference: str, key: str | None) -> None:
    from urllib.parse import quote

    url = f"/servicetorget/{quote(reference, safe='')}/"
    response = Client().get(url, {"k": key} if key is not None else {})

    assert response.status_code in {200, 302, 404}, response.status_code


@FUZZ
@given(text=odd_text, uploads=files)
def test_any_reply_gives_a_page_or_a_redirect_never_an_error(
    site_tree: Any, open_limit: None, text: str, uploads: list[tuple[str, bytes]]
) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry
    client = Client()
    client.get(f"/servicetorget/{inquiry.reference}/", {"k": inquiry.access_key()})

    response = client.post(
        f"/servicetorget/{inquiry.reference}/",
        {"text": text, "attachments": [SimpleUploadedFile(name, content) for name, content in uploads]},
    )

    assert response.status_code in OK, response.status_code
