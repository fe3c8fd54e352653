"""The audit log: what staff and the system did, shown in the back office's log report."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from torg.core import audit
from torg.core.actions import assign_role, create_service_area, revoke_role
from torg.core.roles import Role
from torg.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _entries_for(obj, action: str):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), action=action
    )


def test_assigning_a_role_is_logged_with_who_gave_it(site_tree):
    editor = UserFactory.create()
    user = UserFactory.create()

    assign_role(user=user, role=Role.WEBKONTAKT, area=site_tree.area_a, actor=editor)

    entry = _entries_for(user, "torg.role.assigned").get()
    assert entry.user == editor
    assert entry.data == {"role": "webkontakt", "area": site_tree.area_a.pk}


def test_revoking_a_role_is_logged(site_tree):
    user = UserFactory.create()
    assign_role(user=user, role=Role.KOMMUNIKASJONSSJEF)

    revoke_role(user=user, role=Role.KOMMUNIKASJONSSJEF)

    assert _entries_for(user, "torg.role.revoked").count() == 1


def test_system_actions_are_logged_without_a_user(db):
    area = create_service_area(name="Kultur", slug="kultur")

    entry = _entries_for(area, "torg.area.created").get()
    assert entry.user is None


def test_unknown_action_is_rejected_and_nothing_is_logged(db):
    user = UserFactory.create()

    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(actor=None, action="torg.something.made_up", target=user)

    assert not ModelLogEntry.objects.filter(action="torg.something.made_up").exists()


def test_viewing_personal_data_is_logged_with_the_purpose(db):
    staff = UserFactory.create()
    resident = UserFactory.create()

    audit.record_personal_data_view(actor=staff, target=resident, purpose="Svar på førespurnad")

    entry = _entries_for(resident, "torg.personal_data.viewed").get()
    assert entry.user == staff
    assert entry.data == {"purpose": "Svar på førespurnad"}


def test_every_audit_action_has_a_label_in_the_log_report(db):
    from wagtail.log_actions import registry

    for action in audit.ACTIONS:
        assert registry.get_action_label(action) == str(audit.ACTIONS[action])


def test_actions_on_the_signed_in_user_are_logged_even_through_lazy_request_user(db):
    from django.utils.functional import SimpleLazyObject

    user = UserFactory.create()
    # What request.user is under django-otp: a lazy object wrapping Django's lazy user.
    request_user: Any = SimpleLazyObject(lambda: SimpleLazyObject(lambda: user))

    audit.record(actor=request_user, action="torg.second_factor.verified", target=request_user)

    entry = _entries_for(user, "torg.second_factor.verified").get()
    assert entry.user == user
