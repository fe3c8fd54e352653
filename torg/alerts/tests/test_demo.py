"""The demo's crisis preparedness: templates, the crisis team, one earlier crisis and no current one."""

from __future__ import annotations

from django.core import mail

from torg.alerts import queries
from torg.alerts.models import CrisisMessage, CrisisTemplate, MsgType
from torg.core.roles import Role
from torg.core.tests.factories import UserFactory
from torg.demo.alerts import make_crisis_demo


def test_the_demo_has_templates_a_crisis_team_and_an_earlier_crisis_but_no_banner(
    user_with_role, client, django_capture_on_commit_callbacks
):
    users = {"ordforar": user_with_role(Role.ORDFORAR), "kommunikasjon": UserFactory.create()}

    with django_capture_on_commit_callbacks(execute=True):
        made = make_crisis_demo(users)

    assert made == 5
    assert set(CrisisTemplate.objects.values_list("name", flat=True)) == {
        "Flaum",
        "Straumbrot",
        "Kokevarsel for drikkevatn",
        "Stengd veg",
    }
    assert users["kommunikasjon"] in queries.appointed_members()
    earlier = CrisisMessage.objects.get()
    assert earlier.is_cancelled
    assert [alert.msg_type for alert in earlier.alerts.order_by("pk")] == [MsgType.ALERT, MsgType.CANCEL]
    assert queries.current_banners() == []
    assert mail.outbox == []  # history only: nobody is sent the old crisis
    assert earlier.headline in client.get("/varsel/").content.decode()

    assert make_crisis_demo(users) == 0  # again: nothing new
