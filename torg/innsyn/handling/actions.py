"""Every write of the case handler's side: deciding a part, and the periodic escalation.

``decide_part`` checks the handler may decide the entry, records the decision and its
audit entry, stores the redacted copy, and queues the letter to the requester (sent
after commit). ``escalate_overdue_parts`` (a periodic task) tells the area's leaders
once when a part passes its deadline, and, once five working days have gone by since
the requester verified the request, flags the part as a presumed refusal
(offentleglova § 32) and tells the requester and the leaders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core import audit
from torg.core.queries import user_row
from torg.inquiries.deadlines import add_working_days

from ..requests import DECISIONS, MAX_REASONING, WITHHOLDING, InnsynskravDel, InnsynskravStatus
from . import copies, letters
from .access import may_handle
from .heimlar import heimel

AUDIT_ACTIONS: dict[str, Any] = {
    "torg.innsyn.request_decided": gettext_lazy("Access request decided"),
    "torg.innsyn.request_escalated": gettext_lazy("Access request past its deadline: leaders told"),
    "torg.innsyn.request_presumed_refused": gettext_lazy("Access request presumed refused after five working days"),
    "torg.innsyn.granted_file_downloaded": gettext_lazy("Granted document downloaded by the requester"),
}
audit.ACTIONS.update(AUDIT_ACTIONS)

# offentleglova § 32: no answer within five working days counts as a refusal that may be appealed.
PRESUMED_REFUSAL_WORKING_DAYS = 5


def check_decision(
    part: InnsynskravDel,
    *,
    decision: str,
    basis: str,
    meirinnsyn_considered: bool,
    reasoning: str,
    has_copy: bool,
) -> None:
    """Raise ValidationError with a message per field for a decision that must not be made."""
    errors: dict[str, str] = {}
    if decision not in DECISIONS:
        errors["decision"] = _("Choose whether to grant, grant in part or refuse.")
    elif decision in WITHHOLDING:
        if heimel(basis) is None:
            errors["basis"] = _("Choose the legal basis for keeping something back.")
        if not meirinnsyn_considered:
            errors["meirinnsyn_considered"] = _(
                "Consider meirinnsyn (offentleglova § 11) before you refuse, and tick the box."
            )
    elif basis:
        errors["basis"] = _("A full grant cites no legal basis. Leave the field empty.")
    if len(reasoning) > MAX_REASONING:
        errors["reasoning"] = _("Write at most %(count)d characters.") % {"count": MAX_REASONING}
    if decision == InnsynskravStatus.DELVIS and not has_copy:
        errors["redacted_file"] = _("Upload the copy with the exempted parts blacked out.")
    if decision == InnsynskravStatus.INNVILGA and not has_copy and not copies.stored_documents(part):
        errors["redacted_file"] = _(
            "The archive sent no file for this entry. Upload the document so that we can send it."
        )
    if errors:
        raise ValidationError(errors)


def lock_part(part: InnsynskravDel) -> InnsynskravDel:
    """The part again, locked for update until the transaction ends, with what the letters need."""
    return (
        InnsynskravDel.objects.select_for_update(of=("self",))
        .select_related("krav", "journalpost__saksmappe", "journalpost__service_area")
        .get(pk=part.pk)
    )


def record_decision(
    *,
    actor: Any,
    locked: InnsynskravDel,
    decision: str,
    basis: str,
    meirinnsyn_considered: bool,
    reasoning: str,
    redacted_file: Any,
    now: dt.datetime,
) -> None:
    """Check and store a decision on ``locked`` (a part locked for update), with its copy and audit entry.

    The caller has checked who decides and that the part may be decided now (a new part,
    or one whose appeal is being handled), and sends the letter.
    """
    reasoning = (reasoning or "").strip()
    checked = None
    if redacted_file is not None and decision != InnsynskravStatus.AVSLATT:  # a refusal sends no file
        try:
            name, data = copies.read_upload(redacted_file)
            checked = copies.check_copy(name, data, redacted=decision == InnsynskravStatus.DELVIS)
        except ValidationError as error:
            raise ValidationError({"redacted_file": error.messages}) from error
    check_decision(
        locked,
        decision=decision,
        basis=basis,
        meirinnsyn_considered=meirinnsyn_considered,
        reasoning=reasoning,
        has_copy=checked is not None,
    )
    earlier = locked.redacted_file.name or ""  # a copy sent with an earlier decision (changed on appeal)
    if checked is not None:
        locked.redacted_file.save(copies.copy_name(locked, checked.suffix), ContentFile(checked.data), save=False)
    elif earlier and decision == InnsynskravStatus.INNVILGA:
        locked.redacted_file = ""  # the full grant sends the documents, not the blacked-out copy
    if earlier and earlier != (locked.redacted_file.name or ""):
        storage = locked.redacted_file.storage
        transaction.on_commit(lambda: storage.delete(earlier))
    locked.status = decision
    locked.basis = basis if decision in WITHHOLDING else ""
    locked.meirinnsyn_considered = bool(meirinnsyn_considered) if decision in WITHHOLDING else False
    locked.reasoning = reasoning
    locked.decided_by = user_row(actor)
    locked.decided_at = now
    locked.save()
    audit.record(
        actor=actor,
        action="torg.innsyn.request_decided",
        target=locked,
        data={
            "decision": decision,
            "basis": locked.basis,
            "meirinnsyn_considered": locked.meirinnsyn_considered,
            "copy": bool(locked.redacted_file),
        },
    )


@transaction.atomic
def decide_part(
    *,
    actor: Any,
    part: InnsynskravDel,
    decision: str,
    basis: str,
    meirinnsyn_considered: bool,
    reasoning: str,
    redacted_file: Any = None,
    now: dt.datetime | None = None,
) -> InnsynskravDel:
    """Decide one part and queue the letter to the requester.

    ``decision`` is an ``InnsynskravStatus`` other than NY. Refusing or granting in part
    needs a ``basis`` (a key of :data:`.heimlar.HEIMLAR`) and ``meirinnsyn_considered``;
    a partial grant needs ``redacted_file`` (an uploaded file), and so does a grant of an
    entry whose documents the archive did not send. Raises PermissionDenied for a handler
    outside the entry's service area, ValidationError (messages per field) otherwise.
    """
    (decided,) = decide_parts(
        actor=actor,
        parts=[part],
        decision=decision,
        basis=basis,
        meirinnsyn_considered=meirinnsyn_considered,
        reasoning=reasoning,
        redacted_file=redacted_file,
        now=now,
    )
    part.refresh_from_db()
    return decided


@transaction.atomic
def decide_parts(
    *,
    actor: Any,
    parts: list[InnsynskravDel],
    decision: str,
    basis: str,
    meirinnsyn_considered: bool,
    reasoning: str,
    redacted_file: Any = None,
    now: dt.datetime | None = None,
) -> list[InnsynskravDel]:
    """Decide parts of one request alike, and answer them in one letter (see ``decide_part``).

    The uploaded copy belongs to the first part. A partial grant needs its own blacked-out
    copy, so it is made for one part at a time.
    """
    if not parts:
        return []
    if any(actor is None or not may_handle(actor, part) for part in parts):
        raise PermissionDenied("Only handlers of the entry's service area may decide this part.")
    if len({part.krav_id for part in parts}) > 1:
        raise ValueError("Parts decided together belong to one request.")
    if len(parts) > 1 and decision == InnsynskravStatus.DELVIS:
        raise ValidationError(
            {"also": _("A partial grant needs its own blacked-out copy for each entry: decide them one at a time.")}
        )
    now = now or timezone.now()
    decided = []
    for index, part in enumerate(parts):
        locked = lock_part(part)
        if locked.krav.verified_at is None:
            raise ValidationError(_("The requester has not confirmed this request yet."))
        if locked.status != InnsynskravStatus.NY:
            raise ValidationError(_("This part was decided already. Reload the page to see the decision."))
        try:
            record_decision(
                actor=actor,
                locked=locked,
                decision=decision,
                basis=basis,
                meirinnsyn_considered=meirinnsyn_considered,
                reasoning=reasoning,
                redacted_file=redacted_file if index == 0 else None,
                now=now,
            )
        except ValidationError as error:
            if index == 0:
                raise
            number = f"{locked.journalpost.journalaar}/{locked.journalpost.journalsekvensnummer}"
            raise ValidationError(
                {"also": _("%(number)s cannot be decided this way: decide it on its own.") % {"number": number}}
            ) from error
        decided.append(locked)
    letters.send_decision_letters(decided, now=now)
    return decided


def _locked(pks: QuerySet[InnsynskravDel], krav_id: int) -> list[InnsynskravDel]:
    return list(
        pks.filter(krav_id=krav_id)
        .select_for_update(of=("self",))
        .select_related("krav", "journalpost__saksmappe", "journalpost__service_area")
        .order_by("pk")
    )


def presumed_refusal_day(verified_at: dt.datetime) -> dt.date:
    """The last of the five working days after verification; a part still open after it is presumed refused."""
    return add_working_days(timezone.localdate(verified_at), PRESUMED_REFUSAL_WORKING_DAYS)


def escalate_overdue_parts(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Flag undecided parts of verified requests, each once; return (escalated, presumed refused).

    Past the deadline: the area's leaders are told. Past five working days from
    verification: presumed refused; the requester and the leaders are told.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_parts = InnsynskravDel.objects.for_handlers().undecided()
    escalated = presumed = 0

    overdue = open_parts.filter(escalated_at__isnull=True, deadline__lt=today)
    for krav_id in sorted(set(overdue.values_list("krav_id", flat=True))):
        with transaction.atomic():
            parts = _locked(overdue, krav_id)
            if not parts:
                continue
            for part in parts:
                part.escalated_at = now
                part.save(update_fields=["escalated_at"])
                audit.record(actor=None, action="torg.innsyn.request_escalated", target=part)
            letters.tell_leaders(parts[0].krav, parts, presumed=False)
            escalated += len(parts)

    # Five working days are at least five calendar days: look only at requests verified before that.
    candidates = open_parts.filter(presumed_refused_at__isnull=True, krav__verified_at__lt=now - dt.timedelta(days=5))
    due = [
        krav_id
        for krav_id, verified_at in set(candidates.values_list("krav_id", "krav__verified_at"))
        if verified_at is not None and presumed_refusal_day(verified_at) < today
    ]
    for krav_id in sorted(due):
        with transaction.atomic():
            parts = _locked(candidates, krav_id)
            if not parts:
                continue
            for part in parts:
                part.presumed_refused_at = now
                part.save(update_fields=["presumed_refused_at"])
                audit.record(actor=None, action="torg.innsyn.request_presumed_refused", target=part)
            letters.tell_requester_presumed_refusal(parts[0].krav, parts)
            letters.tell_leaders(parts[0].krav, parts, presumed=True)
            presumed += len(parts)
    return escalated, presumed
