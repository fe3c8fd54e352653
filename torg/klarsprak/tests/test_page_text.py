"""page_text(): what a reader sees on a page, as plain text, for the checker."""

from __future__ import annotations

import json

import pytest

from torg.klarsprak.queries import page_text
from torg.web.tests.factories import NewsPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_service_page_text_has_title_intro_body_and_every_rich_text_field(site_tree):
    body = json.dumps(
        [
            {"type": "heading", "value": "Kven kan søkje"},
            {"type": "paragraph", "value": "<p>Alle som bur i kommunen.</p><ul><li>Barn</li><li>Vaksne</li></ul>"},
            {
                "type": "callout",
                "value": {"color": "warning", "heading": "Merk", "text": "<p>Fristen er <b>1. mars</b>.</p>"},
            },
            {
                "type": "links",
                "value": {
                    "heading": "Les meir",
                    "links": [{"title": "Forskrifta", "page": None, "url": "https://lovdata.no/"}],
                },
            },
        ]
    )
    page = ServicePageFactory.create(
        parent=site_tree.area_page_a,
        title="Kulturskule",
        intro="Plass i kulturskulen.",
        body=body,
        target_group="<p>Born frå 6 år.</p>",
        how_to_apply="<p>Søk på nett.</p>",
        price="<p>1000 kr &amp; meir.</p>",
        deadlines="",
    )

    text = page_text(page)

    assert text.split("\n\n") == [
        "Kulturskule",
        "Plass i kulturskulen.",
        "Kven kan søkje",
        "Alle som bur i kommunen.",
        "Barn",
        "Vaksne",
        "Merk",
        "Fristen er 1. mars.",
        "Les meir",
        "Forskrifta",
        "Born frå 6 år.",
        "Søk på nett.",
        "1000 kr & meir.",
    ]
    assert "warning" not in text and "lovdata" not in text


def test_a_plain_page_gives_its_title(site_tree):
    assert page_text(site_tree.services.page_ptr) == "Tenester\n\nEi kort innleiing."


def test_news_text_is_read_from_the_specific_page(site_tree):
    news = NewsPageFactory.create(parent=site_tree.news, title="Ny bru", intro="", body="[]")

    assert page_text(news.page_ptr) == "Ny bru"
