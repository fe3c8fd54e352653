"""The editors' report "Utdaterte tenestesider" (/admin/reports/utdaterte-tenester/)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import PageLogEntry

from torg.core.roles import Role
from torg.web.models import ServicePage
from torg.web.queries import stale_service_pages
from torg.web.tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/utdaterte-tenester/"


def in_nynorsk(message: str) -> str:
    """The back office speaks the municipality's language form unless the user chose another."""
    with translation.override("nn"):
        return translation.gettext(message)


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _rows(response) -> list[ServicePage]:
    return list(response.context["object_list"])


def test_report_lives_where_the_reminder_email_links(site_tree):
    assert reverse("torg_stale_service_pages:index") == REPORT_URL


def test_editor_sees_stale_pages_with_area_owner_and_days_overdue(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a, first_name="Ola", last_name="Eigar")
    stale = ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Parkeringsløyve", last_reviewed=_days_ago(200), responsible=owner
    )
    never = ServicePageFactory.create(parent=site_tree.area_page_b, title="Barnehageplass", last_reviewed=None)
    fresh = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimehjelp", last_reviewed=_days_ago(3))

    response = admin_client_for(editor).get(REPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Parkeringsløyve" in html
    assert "Barnehageplass" in html
    assert "Heimehjelp" not in html
    assert reverse("wagtailadmin_pages:edit", args=[stale.pk]) in html
    rows = {page.pk: page for page in _rows(response)}
    assert set(rows) == {stale.pk, never.pk}
    assert rows[stale.pk].service_area_name == "Helse og omsorg"
    assert rows[stale.pk].owner_name == "Ola Eigar"
    assert rows[stale.pk].days_overdue == 200 - 180
    assert rows[never.pk].service_area_name == "Oppvekst"
    assert fresh.pk not in rows


def test_web_contact_sees_only_the_stale_pages_of_own_area(site_tree, user_with_role, admin_client_for):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    own = ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=None)
    ServicePageFactory.create(parent=site_tree.area_page_b, last_reviewed=None)

    response = admin_client_for(web_contact).get(REPORT_URL)

    assert [page.pk for page in _rows(response)] == [own.pk]


def test_report_is_in_the_reports_menu_for_editors_only(site_tree, user_with_role, admin_client_for):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    mayor = user_with_role(Role.ORDFORAR)

    editor_home = admin_client_for(web_contact).get(reverse("wagtailadmin_home"))
    mayor_home = admin_client_for(mayor).get(reverse("wagtailadmin_home"))
    mayor_report = admin_client_for(mayor).get(REPORT_URL)

    assert REPORT_URL in editor_home.content.decode()
    assert REPORT_URL not in mayor_home.content.decode()
    assert mayor_report.status_code in (302, 403)


def test_mark_as_reviewed_button_takes_the_page_off_the_report(site_tree, user_with_role, admin_client_for):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    page = ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=_days_ago(365))
    client = admin_client_for(leader)
    button_url = reverse("torg_stale_service_pages:mark_reviewed", args=[page.pk])
    assert button_url in client.get(REPORT_URL).content.decode()

    response = client.post(button_url, follow=True)

    assert response.redirect_chain == [(REPORT_URL, 302)]
    message = in_nynorsk("“%(title)s” is marked as reviewed.") % {"title": page.title}
    assert escape(message) in response.content.decode()
    assert page.pk not in [row.pk for row in _rows(response)]
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()
    assert not stale_service_pages().filter(pk=page.pk).exists()
    assert PageLogEntry.objects.filter(action="torg.page.reviewed", page=page, user=leader).exists()


def test_mark_as_reviewed_is_refused_for_a_page_the_user_cannot_edit(site_tree, user_with_role, admin_client_for):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    other = ServicePageFactory.create(parent=site_tree.area_page_b, last_reviewed=_days_ago(365))

    response = admin_client_for(web_contact).post(reverse("torg_stale_service_pages:mark_reviewed", args=[other.pk]))

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.last_reviewed == _days_ago(365)


def test_mark_as_reviewed_only_accepts_post(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    page = ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=None)

    response = admin_client_for(editor).get(reverse("torg_stale_service_pages:mark_reviewed", args=[page.pk]))

    assert response.status_code == 405
    page.refresh_from_db()
    assert page.last_reviewed is None


def test_report_exports_csv_and_xlsx(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Bustadtilskot", last_reviewed=_days_ago(190))
    client = admin_client_for(editor)

    csv_response = client.get(REPORT_URL, {"export": "csv"})
    xlsx_response = client.get(REPORT_URL, {"export": "xlsx"})

    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig"))))
    headings = ["Title", "Service area", "Page owner", "Last reviewed", "Days overdue"]
    assert rows[0][:5] == [in_nynorsk(heading) for heading in headings]
    assert rows[1][0] == "Bustadtilskot"
    assert rows[1][1] == "Helse og omsorg"
    assert rows[1][4] == "10"
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_report_filters_by_service_area(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=None)
    in_b = ServicePageFactory.create(parent=site_tree.area_page_b, last_reviewed=None)

    response = admin_client_for(editor).get(REPORT_URL, {"service_area": site_tree.area_b.pk})

    assert [page.pk for page in _rows(response)] == [in_b.pk]
