"""Access requests (innsynskrav) as Mi sak items: one page per request, with each part's status.

Only what the resident may see is read: each part's status, deadline and decision time
and the journal entry's public title (``offentlig_tittel``), never the sensitive ``tittel``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from torg.innsyn.appeals import KlageUtfall
from torg.innsyn.handling.appeals import appeal_url
from torg.innsyn.queries import published_entries, resident_requests
from torg.innsyn.requests import WITHHOLDING, InnsynskravStatus

from ..session import Resident
from . import DANGER, INFO, NEUTRAL, SUCCESS, WARNING, Detail, Item, Message, Part, day
from .inquiries import linked_ids

PART_TONES = {InnsynskravStatus.INNVILGA: SUCCESS, InnsynskravStatus.DELVIS: WARNING, InnsynskravStatus.AVSLATT: DANGER}


def _decided(part: Any) -> bool:
    return bool(part.status != InnsynskravStatus.NY)


def decision_letters(parts: list[Any]) -> dict[int, str]:
    """The decision letters sent for these parts (part pk → text), as the requester got them by e-mail.

    Each decided part notes the key of the letter that answered it (``letter_key``): its own
    letter, one letter for several parts decided together, or the new letter after an appeal
    (torg.innsyn.handling.letters). Parts decided before that note have the key of their own letter.
    """
    from torg.notifications.models import Channel, Notification

    wanted = {part.pk: part.letter_key or f"innsyn:del:{part.pk}:decision" for part in parts}
    found = dict(
        Notification.objects.filter(key__in=set(wanted.values()), channel=Channel.EMAIL).values_list("key", "body")
    )
    return {pk: found[key] for pk, key in wanted.items() if key in found}


def _appeal(part: Any) -> tuple[str, str]:
    """(address, status in words) of the part's appeal: where to appeal, or how far it has come."""
    klage = getattr(part, "klage", None)  # None also when there is no appeal row
    if klage is None:
        if part.status in WITHHOLDING:
            return appeal_url(part), ""
        return "", ""
    if klage.outcome == KlageUtfall.OMGJORT:
        status = _("Appeal: we changed the decision")
    elif klage.outcome == KlageUtfall.OVERSENDT:
        status = _("Appeal: sent to Statsforvaltaren, who decides it")
    else:
        status = _("Appeal received: we are looking at the case again")
    return appeal_url(part), str(status)


class InnsynskravSource:
    slug = "innsyn"

    def _requests(self, resident: Resident) -> Any:
        return resident_requests(emails=list(resident.emails), ids=linked_ids(resident, self.slug))

    def _item(self, krav: Any) -> Item:
        parts = list(krav.delar.all())
        decided = [p for p in parts if _decided(p)]
        waiting = [p for p in parts if not _decided(p)]
        if krav.verified_at is None:
            status, tone = _("Not confirmed by you"), WARNING
        elif parts and not waiting:
            status, tone = _("Answered"), SUCCESS
        elif decided:
            status, tone = _("Partly answered"), INFO
        else:
            status, tone = _("Being handled"), INFO
        first = parts[0].journalpost.offentlig_tittel if parts else ""
        first = first or _("(no public title)")
        title = first
        if len(parts) > 1:
            others = len(parts) - 1
            title = ngettext("%(title)s and %(count)d other entry", "%(title)s and %(count)d other entries", others) % {
                "title": first,
                "count": others,
            }
        return Item(
            source=self.slug,
            key=str(krav.pk),
            kind=_("Request for access"),
            title=title,
            reference="",
            status=str(status),
            tone=tone,
            is_open=bool(waiting),
            created_at=krav.created_at,
            deadline=min(p.deadline for p in waiting) if waiting and krav.verified_at else None,
            messages=1 if krav.message else 0,
        )

    def items(self, resident: Resident) -> list[Item]:
        return [self._item(krav) for krav in self._requests(resident)]

    def _part(self, part: Any, *, confirmed: bool, public: set[int], letters: dict[int, str]) -> Part:
        if not _decided(part):
            status, tone = (_("Not decided yet"), INFO) if confirmed else (_("Waiting for your confirmation"), WARNING)
        else:
            status, tone = str(part.get_status_display()), PART_TONES.get(part.status, NEUTRAL)
        appeal, appeal_status = _appeal(part) if _decided(part) else ("", "")
        return Part(
            title=part.journalpost.offentlig_tittel or _("(no public title)"),
            status=str(status),
            tone=tone,
            deadline=part.deadline if not _decided(part) and confirmed else None,
            decided_at=part.decided_at,
            letter=letters.get(part.pk, "") if _decided(part) else "",
            url=reverse("innsyn:entry", args=[part.journalpost_id]) if part.journalpost_id in public else "",
            appeal_url=appeal,
            appeal_status=appeal_status,
        )

    def page(self, resident: Resident, key: str) -> Detail | None:
        if not key.isascii() or not key.isdigit() or len(key) > 18:
            return None
        krav = self._requests(resident).filter(pk=int(key)).first()
        if krav is None:
            return None
        parts = list(krav.delar.all())
        public = set(published_entries().filter(pk__in=[p.journalpost_id for p in parts]).values_list("pk", flat=True))
        confirmed = krav.verified_at is not None
        letters = decision_letters([p for p in parts if _decided(p)])
        facts = [(_("Sent"), day(krav.created_at))]
        if confirmed:
            facts.append((_("Confirmed"), day(krav.verified_at)))
        return Detail(
            item=self._item(krav),
            parts=[self._part(p, confirmed=confirmed, public=public, letters=letters) for p in parts],
            messages=[Message(created_at=krav.created_at, sender=_("You"), body=krav.message)] if krav.message else [],
            notice=""
            if confirmed
            else _(
                "You have not confirmed this request yet. Open the link in the e-mail we sent you. "
                "We handle the request only after you have confirmed it."
            ),
            facts=facts,
        )
