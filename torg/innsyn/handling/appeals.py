"""Every write of an appeal (klage): the requester appeals, the municipality changes or keeps its decision.

The requester appeals through a signed link in the decision letter (and on Mi sak):
``/innsyn/klage/<token>/``. The token names the part; it is signed with Django's
``TimestampSigner`` and works for ``LINK_DAYS`` days, so an appeal that comes late is
still received (and marked late: the handler decides whether to take it up).

The handler then either changes the decision (``change_decision``: a grant or partial
grant, with a new letter and new download links) or keeps it (``keep_decision``: the
appeal goes on to Statsforvaltaren, and the requester is told). Both are audited;
letters go after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core import audit
from torg.core.queries import user_row

from ..appeals import MAX_APPEAL_TEXT, Innsynsklage, KlageUtfall
from ..requests import WITHHOLDING, InnsynskravDel, InnsynskravStatus, deadline_for
from . import letters
from .access import may_handle
from .actions import lock_part, record_decision

SALT = "torg.innsyn.handling.appeal"
PATH = "/innsyn/klage/"
LINK_DAYS = 90  # three weeks, and room for an appeal that comes late
MAX_TOKEN = 300

audit.ACTIONS.update(
    {
        "torg.innsyn.appeal_received": gettext_lazy("Appeal against an access decision received"),
        "torg.innsyn.appeal_decision_changed": gettext_lazy("Appeal: the access decision was changed"),
        "torg.innsyn.appeal_sent_on": gettext_lazy("Appeal: the decision was kept and the appeal sent on"),
    }
)


def appealable(part: InnsynskravDel) -> bool:
    """Whether the requester may appeal this part now: refused or partly granted, and not appealed yet."""
    return part.status in WITHHOLDING and not Innsynsklage.objects.filter(part_id=part.pk).exists()


def make_token(part: InnsynskravDel) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"p": part.pk}, compress=False)


def appeal_url(part: InnsynskravDel) -> str:
    return f"{str(settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{PATH}{make_token(part)}/"


class LinkError(Exception):
    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def resolve(token: str) -> InnsynskravDel:
    """The part a token names, or LinkError."""
    if not token or len(token) > MAX_TOKEN:
        raise LinkError(expired=False)
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=dt.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired as error:
        raise LinkError(expired=True) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkError(expired=False) from error
    if not isinstance(value, dict) or not isinstance(value.get("p"), int):
        raise LinkError(expired=False)
    part = (
        InnsynskravDel.objects.select_related("krav", "journalpost__saksmappe", "journalpost__service_area")
        .filter(pk=value["p"])
        .first()
    )
    if part is None:
        raise LinkError(expired=False)
    return part


@transaction.atomic
def submit_appeal(*, part: InnsynskravDel, text: str, now: dt.datetime | None = None) -> Innsynsklage:
    """Receive the requester's appeal of ``part``; tell the requester and the area's leaders.

    Raises ValueError (a message for the requester) when the part cannot be appealed.
    """
    now = now or timezone.now()
    locked = lock_part(part)
    if locked.status not in WITHHOLDING:
        raise ValueError(_("You got access to this entry, so there is nothing to appeal."))
    if Innsynsklage.objects.filter(part=locked).exists():
        raise ValueError(_("We have your appeal of this entry already."))
    klage = Innsynsklage.objects.create(
        part=locked,
        text=(text or "").strip()[:MAX_APPEAL_TEXT],
        received_at=now,
        deadline=deadline_for(timezone.localdate(now)),
    )
    audit.record(actor=None, action="torg.innsyn.appeal_received", target=locked, data={"late": klage.late})
    letters.tell_requester_appeal_received(klage)
    letters.tell_leaders_of_appeal(klage)
    return klage


def _open_klage(actor: Any, part: InnsynskravDel) -> tuple[InnsynskravDel, Innsynsklage]:
    if actor is None or not may_handle(actor, part):
        raise PermissionDenied("Only handlers of the entry's service area may handle this appeal.")
    locked = lock_part(part)
    klage = Innsynsklage.objects.select_for_update(of=("self",)).filter(part=locked).first()
    if klage is None:
        raise ValidationError(_("There is no appeal of this part."))
    if not klage.is_open:
        raise ValidationError(_("This appeal was handled already. Reload the page to see the outcome."))
    return locked, klage


def _close(klage: Innsynsklage, actor: Any, outcome: str, reasoning: str, now: dt.datetime) -> None:
    klage.outcome = outcome
    klage.reasoning = reasoning
    klage.handled_at = now
    klage.handled_by = user_row(actor)
    klage.save()


@transaction.atomic
def change_decision(
    *,
    actor: Any,
    part: InnsynskravDel,
    decision: str,
    reasoning: str,
    redacted_file: Any = None,
    now: dt.datetime | None = None,
) -> Innsynsklage:
    """The appeal is upheld: give access (``INNVILGA``) or more access (``DELVIS`` after a refusal).

    The part gets the new decision, as ``decide_part`` records one; the requester gets a
    new letter with the documents. Raises PermissionDenied or ValidationError (per field).
    """
    now = now or timezone.now()
    locked, klage = _open_klage(actor, part)
    allowed = [InnsynskravStatus.INNVILGA]
    if locked.status == InnsynskravStatus.AVSLATT:
        allowed.append(InnsynskravStatus.DELVIS)
    if decision not in allowed:
        raise ValidationError(
            {"decision": _("A changed decision gives access: grant it, or after a refusal grant it in part.")}
        )
    record_decision(
        actor=actor,
        locked=locked,
        decision=decision,
        basis=locked.basis if decision == InnsynskravStatus.DELVIS else "",
        meirinnsyn_considered=locked.meirinnsyn_considered,
        reasoning=reasoning,
        redacted_file=redacted_file,
        now=now,
    )
    _close(klage, actor, KlageUtfall.OMGJORT, (reasoning or "").strip(), now)
    audit.record(actor=actor, action="torg.innsyn.appeal_decision_changed", target=locked, data={"decision": decision})
    letters.send_decision_letter(locked, now=now, appeal=True)
    part.refresh_from_db()
    return klage


@transaction.atomic
def keep_decision(*, actor: Any, part: InnsynskravDel, reasoning: str, now: dt.datetime | None = None) -> Innsynsklage:
    """The decision stands: the appeal goes to Statsforvaltaren, and the requester is told why."""
    now = now or timezone.now()
    locked, klage = _open_klage(actor, part)
    reasoning = (reasoning or "").strip()
    if not reasoning:
        raise ValidationError(
            {"reasoning": _("Say why the decision stands. The requester and Statsforvaltaren read it.")}
        )
    if len(reasoning) > MAX_APPEAL_TEXT:
        raise ValidationError({"reasoning": _("Write at most %(count)d characters.") % {"count": MAX_APPEAL_TEXT}})
    _close(klage, actor, KlageUtfall.OVERSENDT, reasoning, now)
    audit.record(actor=actor, action="torg.innsyn.appeal_sent_on", target=locked)
    letters.tell_requester_appeal_sent_on(klage)
    return klage
