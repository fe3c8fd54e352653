"""List pages cost the same number of queries however much they list."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from torg.core.roles import Role
from torg.web.tests.factories import NewsPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_news(site_tree, count: int) -> None:
    now = timezone.now()
    for n in range(count):
        NewsPageFactory.create(parent=site_tree.news, date=now - datetime.timedelta(hours=n))


def test_news_list_queries_do_not_grow_with_the_number_of_items(client, site_tree, django_assert_max_num_queries):
    _add_news(site_tree, 3)
    with_three = _queries_for(client, "/nyheiter/")

    _add_news(site_tree, 12)
    client.get("/nyheiter/")
    with django_assert_max_num_queries(with_three):
        response = client.get("/nyheiter/")

    assert len(response.context["news_page"].object_list) == 12


def test_service_area_page_queries_do_not_grow_with_the_number_of_services(
    client, site_tree, django_assert_max_num_queries
):
    for _n in range(3):
        ServicePageFactory.create(parent=site_tree.area_page_a)
    with_three = _queries_for(client, site_tree.area_page_a.url)

    for _n in range(12):
        ServicePageFactory.create(parent=site_tree.area_page_a)
    client.get(site_tree.area_page_a.url)
    with django_assert_max_num_queries(with_three):
        client.get(site_tree.area_page_a.url)


def test_stale_report_queries_do_not_grow_with_the_number_of_pages(
    site_tree, user_with_role, admin_client_for, django_assert_max_num_queries
):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a)
    client = admin_client_for(editor)
    url = "/admin/reports/utdaterte-tenester/"
    for _n in range(3):
        ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=None, responsible=owner)
    with_three = _queries_for(client, url)

    for _n in range(6):
        ServicePageFactory.create(parent=site_tree.area_page_b, last_reviewed=None, responsible=owner)
    client.get(url)
    with django_assert_max_num_queries(with_three):
        client.get(url)
