"""A form posted without a valid CSRF token gets a Nynorsk page that says how to send it again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_stale_form_explains_in_nynorsk_how_to_send_again_without_losing_the_text(site_tree: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/servicetorget/", {"kind": "sporsmal", "text": "Hei"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Skjemaet kunne ikkje sendast" in html
    assert "tilbakeknappen" in html
