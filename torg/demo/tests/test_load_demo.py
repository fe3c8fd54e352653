"""The demo municipality loads completely, once, with the roles and rights the strategy gives."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, PageLogEntry, Revision, Site

from torg.core.models import MunicipalitySettings, RoleGroup, ServiceArea, validate_organisation_number
from torg.core.roles import POLICIES, Role
from torg.demo.users import DEMO_PASSWORD, DEMO_USERS, current_codes, demo_logins
from torg.web.models import (
    AccessibilityStatementPage,
    ArticlePage,
    ContactPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ServiceAreaPage,
    ServiceIndexPage,
    ServicePage,
)


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "areas": ServiceArea.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": RoleGroup.objects.count(),
        "devices": TOTPDevice.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.mark.django_db
def test_demo_municipality(demo):
    """One load (it takes seconds), several checks."""
    assert "Loaded the demo municipality" in demo
    assert "Postjournal: 236 journal entries in 94 case files" in demo
    _check_content()
    _check_every_role_has_a_demo_user_holding_its_group()
    _check_web_contact_works_in_own_area_only()
    _check_demo_totp_prints_codes()
    _check_loading_twice_changes_nothing()


def _check_content():
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    assert Page.objects.filter(depth=2).count() == 1  # Wagtail's welcome page is gone

    for slug, model in {
        "tenester": ServiceIndexPage,
        "nyheiter": NewsIndexPage,
        "arrangement": EventIndexPage,
        "tilgjengelegheit": AccessibilityStatementPage,
        "kontakt": ContactPage,
    }.items():
        assert model.objects.child_of(home).live().filter(slug=slug).exists(), slug

    services = ServicePage.objects.live()
    assert services.count() >= 34
    assert ServiceArea.objects.count() >= 7
    assert ServiceAreaPage.objects.live().count() == ServiceArea.objects.count()
    assert NewsPage.objects.live().count() >= 10
    assert NewsPage.objects.filter(service_area__isnull=False).exists()
    assert EventPage.objects.live().count() >= 6
    assert EventPage.objects.filter(end__isnull=False).exists()
    assert ArticlePage.objects.live().count() >= 3
    assert home.featured_services.count() == 6
    assert all(not p.has_unpublished_changes for p in Page.objects.filter(depth__gte=2))

    # Every service page has an owner; some are stale and some never reviewed.
    assert not services.filter(responsible__isnull=True).exists()
    assert services.filter(last_reviewed__isnull=True).count() >= 2
    assert sum(p.review_due() for p in services.filter(last_reviewed__isnull=False)) >= 4
    assert ServicePage.related_services.through.objects.exists()

    municipality = MunicipalitySettings.for_site(site)
    assert municipality.is_demo
    assert municipality.coat_of_arms is not None
    validate_organisation_number(municipality.organisation_number)


def _check_every_role_has_a_demo_user_holding_its_group():
    User = get_user_model()
    assert {u.role for u in DEMO_USERS if u.role} == set(Role)
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        if spec.role is None:
            assert user.is_superuser
            continue
        area = ServiceArea.objects.get(slug=spec.area_slug) if POLICIES[spec.role].scoped else None
        group = RoleGroup.objects.get(role=spec.role, service_area=area).group
        assert user.groups.filter(pk=group.pk).exists(), spec.username
    codes = current_codes()
    assert set(codes) == {u.username for u in DEMO_USERS}
    assert all(len(code) == 6 and code.isdigit() for code in codes.values())
    assert [name for name, _ in demo_logins()] == [u.username for u in DEMO_USERS]


def _check_loading_twice_changes_nothing():
    before = _snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert _snapshot() == before


def _check_web_contact_works_in_own_area_only():
    user = get_user_model().objects.get(username="webkontakt.helse")
    home = HomePage.objects.get()
    own = ServiceAreaPage.objects.get(slug="helse-og-omsorg")
    other = ServiceAreaPage.objects.get(slug="oppvekst")

    assert not home.permissions_for_user(user).can_publish()
    assert not home.permissions_for_user(user).can_edit()
    own_perms = own.permissions_for_user(user)
    assert own_perms.can_edit()
    assert own_perms.can_add_subpage()
    assert not own_perms.can_publish()  # drafts go to the area's leaders for approval
    service = ServicePage.objects.child_of(own).first()
    assert service.permissions_for_user(user).can_edit()
    assert not other.permissions_for_user(user).can_edit()

    editor = get_user_model().objects.get(username="kommsjef")
    assert home.permissions_for_user(editor).can_publish()
    assert other.permissions_for_user(editor).can_publish()


def _check_demo_totp_prints_codes():
    out = StringIO()
    call_command("demo_totp", stdout=out)
    assert "webkontakt.helse" in out.getvalue()
