"""Reads for crisis messages: who is on the crisis team, and what the public sees.

The crisis team (the strategy's "kriseleiing"): superusers, the mayor
(ordførar), the head of communication (kommunikasjonssjef), and the staff
those two appoint (members of the Django group "Kriseteam").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.utils.text import Truncator
from wagtail.models import Site

from torg.core.queries import municipality
from torg.core.roles import Role

from .models import CRISIS_TEAM_GROUP, CapAlert, CrisisMessage, Severity, Status

# Those who lead the crisis team and appoint its other members.
CRISIS_TEAM_ROLES = frozenset({Role.ORDFORAR.value, Role.KOMMUNIKASJONSSJEF.value})
BANNER_CACHE_KEY = "torg:alerts:banners"


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_publish_alerts(user: Any) -> bool:
    """On the crisis team: may write, publish, update and cancel crisis messages (and drills)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_torg_crisis_team", None)
    if cached is None:
        team = Q(torg_role__role__in=CRISIS_TEAM_ROLES) | Q(name=CRISIS_TEAM_GROUP)
        cached = bool(user.groups.filter(team).exists())
        user._torg_crisis_team = cached
    return bool(cached)


def can_manage_crisis_team(user: Any) -> bool:
    """Superusers, the mayor and the head of communication appoint the crisis team's other members."""
    if not _active(user):
        return False
    return bool(user.is_superuser or user.groups.filter(torg_role__role__in=CRISIS_TEAM_ROLES).exists())


def crisis_team_users() -> QuerySet[Any]:
    """Active users on the crisis team (drills go to them only)."""
    team = Q(is_superuser=True) | Q(groups__torg_role__role__in=CRISIS_TEAM_ROLES) | Q(groups__name=CRISIS_TEAM_GROUP)
    User = get_user_model()
    return User.objects.filter(pk__in=User.objects.filter(team).values("pk"), is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def appointed_members() -> QuerySet[Any]:
    """Members of the "Kriseteam" group (appointed, not on the team by their role)."""
    return (
        get_user_model().objects.filter(groups__name=CRISIS_TEAM_GROUP).order_by("first_name", "last_name", "username")
    )


def appointable_users() -> QuerySet[Any]:
    """Active staff who are not on the crisis team yet: the choices for appointing."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk__in=crisis_team_users().values("pk"))
        .order_by("first_name", "last_name", "username")
    )


def site_hostname() -> str:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.hostname if site and site.hostname else "localhost"


def sender_address() -> str:
    """CAP ``sender``: the municipality's e-mail address, else varsel@<site host>."""
    email = (municipality().email or "").strip()
    if email and not any(char in email for char in " ,<&"):
        return email
    return f"varsel@{site_hostname()}"


def sender_name() -> str:
    return str(municipality().name or site_hostname())


def municipality_number() -> str:
    return str(municipality().municipality_number or "")


def published_messages() -> QuerySet[CrisisMessage]:
    """Crisis messages that have been published, each with its alerts (newest first)."""
    return CrisisMessage.objects.published().prefetch_related(
        Prefetch("alerts", queryset=CapAlert.objects.order_by("-sent", "-pk"))
    )


def public_alerts() -> QuerySet[CapAlert]:
    """Published alerts for the CAP feed; drills (status Exercise) are for the crisis team only."""
    return CapAlert.objects.select_related("message").exclude(status=Status.EXERCISE).order_by("-sent", "-pk")


def latest_alert(message: CrisisMessage) -> CapAlert | None:
    return message.alerts.order_by("-sent", "-pk").first()


# --- The banner on every public page --------------------------------------------

SEVERITY_COLOURS = {
    Severity.EXTREME: "danger",
    Severity.SEVERE: "danger",
    Severity.MODERATE: "warning",
    Severity.MINOR: "info",
    Severity.UNKNOWN: "info",
}


@dataclass(frozen=True)
class Banner:
    """What the banner shows of one current crisis message (the latest published alert's text)."""

    pk: int
    headline: str
    instruction: str
    area: str
    severity: str
    colour: str
    sent: datetime.datetime
    replace_front_page: bool

    @property
    def url(self) -> str:
        return f"/varsel/{self.pk}/"


def _banners() -> list[Banner]:
    banners = []
    messages = published_messages().filter(cancelled_at__isnull=True, status=Status.ACTUAL)
    for message in messages:
        latest = message.alerts.all()[0]
        info = latest.info
        banners.append(
            Banner(
                pk=message.pk,
                headline=info.get("headline", message.headline),
                instruction=Truncator(" ".join((info.get("instruction") or "").split())).words(30, truncate=" …"),
                area=info.get("areaDesc", ""),
                severity=info.get("severity", message.severity),
                colour=SEVERITY_COLOURS.get(info.get("severity", ""), "danger"),
                sent=latest.sent,
                replace_front_page=message.replace_front_page,
            )
        )
    return banners


def current_banners() -> list[Banner]:
    """Current real (not drill) crisis messages for the banner, newest first; cached until the next publish."""
    found = cache.get(BANNER_CACHE_KEY)
    if found is None:
        found = _banners()
        cache.set(BANNER_CACHE_KEY, found, settings.TORG_CRISIS_BANNER_CACHE_SECONDS)
    return list(found)


def forget_banners() -> None:
    cache.delete(BANNER_CACHE_KEY)


def front_page_message() -> CrisisMessage | None:
    """The current real crisis message whose page replaces the front page (the newest, if several)."""
    chosen = next((banner for banner in current_banners() if banner.replace_front_page), None)
    if chosen is None:
        return None
    return published_messages().filter(pk=chosen.pk, cancelled_at__isnull=True).first()


def crisis_recipient_counts(message: CrisisMessage) -> dict[str, int] | None:
    """How many would get the message on each channel (None when the subscriptions app cannot tell)."""
    import importlib

    from django.utils.translation import gettext

    try:
        subscriptions = importlib.import_module("torg.subscriptions.queries")
    except ImportError:
        return None
    needed = ("crisis_recipients", "email_rows", "sms_rows", "push_rows")
    if not all(hasattr(subscriptions, name) for name in needed):
        return None
    place_ids = list(message.places.values_list("pk", flat=True)) if message.pk else []
    recipients = subscriptions.crisis_recipients(place_ids or None)
    return {
        gettext("E-mail"): subscriptions.email_rows(recipients).count(),
        gettext("SMS"): subscriptions.sms_rows(recipients).count(),
        gettext("Web push"): subscriptions.push_rows(recipients).count(),
    }
