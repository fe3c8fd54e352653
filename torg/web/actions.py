"""Writes on public content outside the page editor: reviews and review reminders."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from torg.core import audit
from torg.core.audit import Actor
from torg.core.queries import holders, language_form
from torg.core.roles import Role

from .models import ServicePage
from .queries import stale_service_pages


@transaction.atomic
def mark_page_reviewed(*, page: ServicePage, actor: Actor, today: datetime.date | None = None) -> None:
    """Record that ``actor`` checked ``page`` today: the live page and its latest draft say so."""
    if actor is None or not page.permissions_for_user(actor).can_edit():
        raise PermissionDenied("Only someone who may edit the page can mark it as reviewed.")
    today = today or timezone.localdate()
    ServicePage.objects.filter(pk=page.pk).update(last_reviewed=today, review_reminded_on=None)
    revision = page.latest_revision
    if revision is not None:
        revision.content["last_reviewed"] = today.isoformat()
        revision.save(update_fields=["content"])
    page.last_reviewed = today
    audit.record(actor=actor, action="torg.page.reviewed", target=page)
    from torg.pagecache.cache import invalidate

    transaction.on_commit(invalidate)


def _recipients(page: ServicePage) -> list[AbstractBaseUser]:
    if page.responsible is not None and page.responsible.is_active:
        return [page.responsible]
    area = page.service_area
    leaders = list(holders(Role.KOMMUNALSJEF, area)) if area else []
    return leaders or list(holders(Role.KOMMUNIKASJONSSJEF))


def remind_page_owners(*, today: datetime.date | None = None) -> int:
    """E-mail each owner one list of their stale service pages; return how many pages were included.

    A page is included again only after TORG_REVIEW_REMINDER_REPEAT_DAYS.
    """
    today = today or timezone.localdate()
    repeat = datetime.timedelta(days=settings.TORG_REVIEW_REMINDER_REPEAT_DAYS)
    by_owner: dict[int, tuple[AbstractBaseUser, list[ServicePage]]] = {}
    grouped: dict[int, list[ServicePage]] = defaultdict(list)
    for page in stale_service_pages(today):
        if page.review_reminded_on and today - page.review_reminded_on < repeat:
            continue
        for user in _recipients(page):
            if getattr(user, "email", ""):
                by_owner.setdefault(user.pk, (user, grouped[user.pk]))
                grouped[user.pk].append(page)
    reminded: set[int] = set()
    for user, pages in by_owner.values():
        with translation.override(language_form()):
            body = render_to_string(
                "web/email/review_reminder.txt",
                {"user": user, "pages": pages, "base_url": settings.WAGTAILADMIN_BASE_URL,
                 "period": settings.TORG_REVIEW_PERIOD_DAYS},
            )  # fmt: skip
            subject = _("%(count)s service pages need a review") % {"count": len(pages)}
        send_mail(subject, body, None, [user.email])  # type: ignore[attr-defined]
        # Recorded per owner, so a later failure does not make this owner's mail go twice.
        for page in pages:
            audit.record(actor=None, action="torg.review.reminded", target=page, data={"to": user.pk})
        ServicePage.objects.filter(pk__in=[p.pk for p in pages]).update(review_reminded_on=today)
        reminded.update(p.pk for p in pages)
    return len(reminded)
