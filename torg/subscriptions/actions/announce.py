"""Announcing to subscribers: published pages, crisis messages, and the daily/weekly digests.

Each announcement is one ``Dispatch`` of the delivery engine, keyed so that
announcing twice sends once: ``page:<page id>``, ``crisis:<CAP identifier>``,
``digest:<frequency>:<date>:<subscriber id>``. Recipients are copied into the
engine with one INSERT … SELECT per channel (e-mail, SMS, push); subscribers
of a daily or weekly digest get a ``DigestItem`` instead (also one INSERT …
SELECT). Crisis messages go at once to everyone in the affected places,
whatever their frequency; a drill goes only to the crisis team.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from torg.notifications.delivery import Recipient, add_deliveries_from_query, create_dispatch, start_dispatch
from torg.notifications.models import Channel, Dispatch, DispatchKind

from .. import queries
from ..models import (
    Announcement,
    AnnouncementKind,
    DigestItem,
    Frequency,
    Subscriber,
    SubscriberArea,
    SubscriberQuerySet,
)
from . import links, texts

logger = logging.getLogger(__name__)

PERSONALISER = "subscriptions"
SMS_ROOM = 300  # characters of our own text in an SMS (the engine adds the reply-word hint)


def _clip(text: str, room: int) -> str:
    return Truncator(" ".join((text or "").split())).chars(room)


def personalise(delivery: Recipient) -> dict[str, str]:
    """The manage and one-click unsubscribe links for one delivery (none for staff in a drill)."""
    if not delivery.token:
        return {}
    names: dict[str, str] = {"email": "epost", "sms": "sms"}
    channel = names.get(str(delivery.channel), "")
    return {
        "manage_url": links.manage_url(delivery.token),
        "unsubscribe_url": links.unsubscribe_url(delivery.token, channel),
    }


def _fan_out(dispatch: Dispatch, subscribers: SubscriberQuerySet) -> dict[str, int]:
    """One INSERT … SELECT per channel from ``subscribers``; then start the workers."""
    added = {
        Channel.EMAIL: add_deliveries_from_query(
            dispatch=dispatch, channel=Channel.EMAIL, queryset=queries.email_rows(subscribers)
        ),
        Channel.SMS: add_deliveries_from_query(
            dispatch=dispatch, channel=Channel.SMS, queryset=queries.sms_rows(subscribers)
        ),
        Channel.PUSH: add_deliveries_from_query(
            dispatch=dispatch, channel=Channel.PUSH, queryset=queries.push_rows(subscribers)
        ),
    }
    start_dispatch(dispatch=dispatch)
    return {str(channel): count for channel, count in added.items()}


# --- Pages ------------------------------------------------------------------------------------


def announced_page_types() -> tuple[type, ...]:
    from torg.web.models import ArticlePage, EventPage, NewsPage, ServicePage

    return (NewsPage, EventPage, ServicePage, ArticlePage)


def is_announced_type(page: Any) -> bool:
    """News, events, services and articles are announced; other page types never."""
    return isinstance(page, announced_page_types())


def _always_announced(page: Any) -> bool:
    """News and events go to "all news" subscribers even untagged; services and articles only when tagged."""
    from torg.web.models import EventPage, NewsPage

    return isinstance(page, (NewsPage, EventPage))


def _page_text(page: Any, url: str) -> tuple[str, str]:
    """(e-mail text, SMS text) for a page."""
    from torg.web.models import EventPage

    summary = page.description() if hasattr(page, "description") else ""
    lines = [page.title, ""]
    if summary:
        lines += [summary, ""]
    if isinstance(page, EventPage):
        when = formats.date_format(timezone.localtime(page.start), "DATETIME_FORMAT")
        lines.append(gettext("When: %(when)s") % {"when": when})
        if page.location:
            lines.append(gettext("Where: %(place)s") % {"place": page.location})
        lines.append("")
    lines.append(gettext("Read more: %(url)s") % {"url": url})
    sms = f"{texts.site_name()}: {_clip(page.title, 120)} {url}"
    return "\n".join(lines), sms


@transaction.atomic
def announce_page(*, page: Any) -> Dispatch | None:
    """Tell subscribers about a page published for the first time; idempotent per page.

    Immediate subscribers of all news, or of the page's topics, service area or places, get it
    on their channels now; daily/weekly ones get it in their next digest. Services and articles
    are announced only when tagged with a topic or place. None when the page is not announced.
    """
    page = page.specific
    if not is_announced_type(page) or not page.live:
        return None
    key = f"page:{page.pk}"
    if Announcement.objects.filter(key=key).exists():
        return Dispatch.objects.filter(key=key).first()
    topics = list(page.topics.all())
    places = list(page.places.all())
    area = getattr(page, "service_area", None)
    if not _always_announced(page) and not topics and not places:
        return None
    url = page.get_full_url() or links.absolute(page.url or "")
    with translation.override(settings.LANGUAGE_CODE):
        text, sms_text = _page_text(page, url)
        summary = page.description() if hasattr(page, "description") else ""
    now = timezone.now()
    announcement = Announcement.objects.create(
        key=key,
        kind=AnnouncementKind.PAGE,
        page=page,
        title=page.title[:255],
        summary=summary,
        url=url[:500],
        published_at=page.first_published_at or now,
    )
    announcement.topics.set(topics)
    announcement.places.set(places)
    if area is not None:
        announcement.service_areas.set([area])

    condition = queries.matching(topics=topics, service_areas=[area] if area else [], places=places)
    digests = queries.digest_subscribers_for(condition)
    queries.insert_select(
        table=DigestItem._meta.db_table,
        queryset=digests.order_by().values(
            "frequency",
            subscriber_id=F("pk"),
            announcement_id=Value(announcement.pk),
            item_created_at=Value(now),
        ),
        rename={"item_created_at": "created_at"},
    )
    dispatch = create_dispatch(
        key=key,
        kind=DispatchKind.PAGE,
        subject=page.title[:300],
        text=text,
        sms_text=_clip(sms_text, SMS_ROOM),
        push_title=page.title[:200],
        push_body=_clip(summary, 200),
        url=url,
        personaliser=PERSONALISER,
    )
    counts = _fan_out(dispatch, queries.immediate_subscribers_for(condition))
    logger.info("Page %s announced: %s.", page.pk, counts)
    return dispatch


# --- Crisis messages ----------------------------------------------------------------------------


def _crisis_texts(alert: Any, url: str, drill: bool) -> dict[str, str]:
    """What residents get: the crisis team's preview texts (torg.alerts.texts), marked when an update."""
    from torg.alerts import texts

    info = alert.info or {}
    headline = str(info.get("headline") or alert.message.headline)
    description = str(info.get("description") or "")
    instruction = str(info.get("instruction") or "")
    update = gettext("Update: ") if alert.msg_type == "Update" else ""
    subject = update + texts.email_subject(info, drill=drill)
    return {
        "subject": subject[:300],
        "text": texts.email_text(info, url=url, drill=drill),
        "sms_text": update + texts.sms_text(info, url=url, drill=drill),
        "push_title": subject[:200],
        "push_body": _clip(instruction or description, 200),
        "summary": description,
        "headline": headline,
    }


@transaction.atomic
def announce_crisis(*, alert: Any) -> Dispatch:
    """Send a published crisis alert (Alert, Update or Cancel) at once on every channel; idempotent.

    Everyone confirmed whose areas hold any of the message's places gets it, whatever their
    frequency; no places means the whole municipality, so every confirmed subscriber. A drill
    (status Exercise) goes only to the crisis team's e-mail addresses.
    """
    message = alert.message
    drill = alert.status == "Exercise"
    key = f"crisis:{alert.identifier}"
    existing = Dispatch.objects.filter(key=key).first()
    if existing is not None and Announcement.objects.filter(key=key).exists():
        return existing
    place_ids = list(message.places.values_list("pk", flat=True)) if hasattr(message, "places") else []
    url = links.base_url() + f"/varsel/{message.pk}/"
    with translation.override(settings.LANGUAGE_CODE):
        words = _crisis_texts(alert, url, drill)
    announcement, _created = Announcement.objects.get_or_create(
        key=key,
        defaults={
            "kind": AnnouncementKind.DRILL if drill else AnnouncementKind.CRISIS,
            "alert_identifier": alert.identifier[:200],
            "title": words["subject"][:255],
            "summary": words["summary"],
            "url": url,
            "everyone": not place_ids,
            "published_at": alert.sent or timezone.now(),
        },
    )
    announcement.places.set(place_ids)
    dispatch = create_dispatch(
        key=key,
        kind=DispatchKind.DRILL if drill else DispatchKind.CRISIS,
        subject=words["subject"],
        text=words["text"],
        sms_text=words["sms_text"],
        push_title=words["push_title"],
        push_body=words["push_body"],
        url=url,
        personaliser=PERSONALISER,
    )
    if drill:
        from torg.alerts.queries import crisis_team_users

        count = add_deliveries_from_query(
            dispatch=dispatch, channel=Channel.EMAIL, queryset=queries.staff_email_rows(crisis_team_users())
        )
        start_dispatch(dispatch=dispatch)
        logger.info("Drill %s sent to %s on the crisis team.", alert.identifier, count)
        return dispatch
    subscribers = Subscriber.objects.all()
    if place_ids:
        subscribers = subscribers.filter(
            pk__in=SubscriberArea.objects.filter(place_id__in=place_ids).values("subscriber_id")
        )
    counts = _fan_out(dispatch, subscribers)
    logger.info("Crisis alert %s announced: %s.", alert.identifier, counts)
    return dispatch


# --- Digests -------------------------------------------------------------------------------------


def digest_hour() -> int:
    return int(getattr(settings, "TORG_DIGEST_HOUR", 7))


def due_moment(frequency: str, now: datetime.datetime | None = None) -> datetime.datetime:
    """The latest time a digest of ``frequency`` fell due: today (or yesterday) at ``TORG_DIGEST_HOUR``
    for daily, Monday at that hour for weekly (local time)."""
    local = timezone.localtime(now or timezone.now())
    moment = local.replace(hour=digest_hour(), minute=0, second=0, microsecond=0)
    if frequency == Frequency.VEKELEG:
        moment -= datetime.timedelta(days=local.weekday())
        if moment > local:
            moment -= datetime.timedelta(days=7)
    elif frequency == Frequency.DAGLEG:
        if moment > local:
            moment -= datetime.timedelta(days=1)
    else:
        raise ValueError(f"No digest for frequency {frequency!r}.")
    return moment


def _digest_texts(items: list[DigestItem]) -> dict[str, str]:
    count = len(items)
    site = texts.site_name()
    subject = ngettext("%(count)s new item from %(site)s", "%(count)s new items from %(site)s", count) % {
        "count": count,
        "site": site,
    }
    lines = [subject, ""]
    for item in items:
        lines.append(item.announcement.title)
        if item.announcement.summary:
            lines.append(_clip(item.announcement.summary, 300))
        if item.announcement.url:
            lines.append(item.announcement.url)
        lines.append("")
    titles = "; ".join(item.announcement.title for item in items)
    return {
        "subject": subject[:300],
        "text": "\n".join(lines).rstrip() + "\n",
        "sms_text": _clip(f"{subject}: {titles}", SMS_ROOM - 40) + " " + links.base_url() + "/",
        "push_title": subject[:200],
        "push_body": _clip(titles, 200),
    }


def send_digests(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Send each subscriber's pending items of ``frequency`` gathered before the latest due moment.

    Safe to run often (every 15 minutes): items after the due moment wait for the next one, and
    the dispatch key (frequency, date, subscriber) makes a second run send nothing twice.
    Returns the number of digests started.
    """
    cutoff = due_moment(frequency, now)
    day = cutoff.date().isoformat()
    pending = DigestItem.objects.filter(frequency=frequency, sent_at__isnull=True, created_at__lt=cutoff)
    subscriber_ids = list(pending.order_by("subscriber_id").values_list("subscriber_id", flat=True).distinct())
    sent = 0
    for subscriber_id in subscriber_ids:
        with transaction.atomic():
            items = list(
                pending.filter(subscriber_id=subscriber_id)
                .select_related("announcement")
                .order_by("announcement__published_at", "pk")
            )
            if not items:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                words = _digest_texts(items)
            dispatch = create_dispatch(
                key=f"digest:{frequency}:{day}:{subscriber_id}",
                kind=DispatchKind.DIGEST,
                personaliser=PERSONALISER,
                url=links.base_url() + "/",
                subject=words["subject"],
                text=words["text"],
                sms_text=words["sms_text"],
                push_title=words["push_title"],
                push_body=words["push_body"],
            )
            _fan_out(dispatch, Subscriber.objects.filter(pk=subscriber_id))
            DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=timezone.now())
            sent += 1
    if sent:
        logger.info("%s %s digests started.", sent, frequency)
    return sent
