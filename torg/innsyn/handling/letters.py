"""What the requester and the leaders are told about access requests, by e-mail.

Every message goes through ``torg.notifications.actions.notify`` with a key, in the
caller's transaction: it is sent after commit, and once. Texts are gettext with English
msgids, written in the municipality's language form.

Only public values reach the requester: the entry's public title and number, the
legal basis and the handler's reasoning. Staff mail names the entry and links to the
back office; it never holds the requester's address (that is on the case page, where
every view is logged).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from torg.core.queries import holders, language_form, municipality
from torg.core.roles import Role
from torg.notifications.actions import notify
from torg.notifications.models import Channel

from ..appeals import Innsynsklage
from ..requests import Innsynskrav, InnsynskravDel, InnsynskravStatus
from . import downloads
from .access import LEADER_ROLES
from .heimlar import heimel


def entry_number(part: InnsynskravDel) -> str:
    entry = part.journalpost
    return f"{entry.journalaar}/{entry.journalsekvensnummer}"


def _entry_line(part: InnsynskravDel) -> str:
    entry = part.journalpost
    return _("%(number)s %(title)s (case %(case)s)") % {
        "number": entry_number(part),
        "title": entry.offentlig_tittel or _("(no public title)"),
        "case": entry.saksmappe.saksnummer,
    }


def _day(day: dt.date) -> str:
    return formats.date_format(day, "j. F Y")


def _valid_email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def appeal_address(parts: Iterable[InnsynskravDel]) -> str:
    """Where the requester writes back (an appeal, new links): the area's address, else the municipality's."""
    for part in parts:
        area = part.journalpost.service_area
        if area is not None and _valid_email(area.email):
            return area.email
    return _valid_email(municipality().email or "")


def _signature() -> list[str]:
    return ["", municipality().name]


def _appeal_lines(address: str, *, refused: bool, link: str = "") -> list[str]:
    by_mail = (
        _("Send the appeal to the municipality at %(address)s.") % {"address": address}
        if address
        else _("Send the appeal to the municipality.")
    )
    if link:
        to = _("Appeal here: %(link)s") % {"link": link}
        if address:
            to += "\n" + _("Or send it by e-mail to %(address)s.") % {"address": address}
    else:
        to = by_mail
    first = (
        _("You can appeal against the refusal within three weeks from the day you got this letter.")
        if refused
        else _("You can appeal now, without waiting for our answer.")
    )
    return [
        _("How to appeal"),
        first,
        to,
        _("Say which journal entry the appeal is about. You do not have to give a reason."),
        _(
            "If we do not give you access after all, we send the appeal on to Statsforvaltaren (the state's "
            "administrator in the county), who decides it (offentleglova § 32)."
        ),
    ]


def _basis_lines(part: InnsynskravDel) -> list[str]:
    """Why something is kept back: the legal basis in words, and the handler's reasoning."""
    basis = heimel(part.basis)
    lines = [""]
    if basis is not None:
        lines += [_("Legal basis: %(citation)s.") % {"citation": basis.citation}, str(basis.meaning)]
    if part.reasoning.strip():
        lines += ["", _("Our reasoning:"), part.reasoning.strip()]
    return lines


def _rights_lines(address: str, *, appeal_link: str = "") -> list[str]:
    """What the requester may do about a refusal: meirinnsyn was considered, fuller reasons, appeal."""
    return [
        "",
        _(
            "We have considered whether to give you access even so (meirinnsyn, offentleglova § 11). "
            "We found that the reasons for keeping it back weigh more."
        ),
        "",
        _(
            "You can ask for a fuller reasoning within three weeks (offentleglova § 31 second paragraph). "
            "We then answer within ten working days."
        ),
        "",
        *_appeal_lines(address, refused=True, link=appeal_link),
    ]


def _withheld_lines(part: InnsynskravDel, address: str, *, appeal_link: str = "") -> list[str]:
    return [*_basis_lines(part), *_rights_lines(address, appeal_link=appeal_link)]


def _file_lines(part: InnsynskravDel, now: dt.datetime) -> list[str]:
    found = downloads.links(part)
    if not found:
        return []
    lines = [f"- {item.title}: {url}" for item, url in found]
    lines += [
        "",
        _("The links work until %(day)s. Save the documents before then.") % {"day": _day(downloads.expires_on(now))},
    ]
    return lines


def decision_letter(part: InnsynskravDel, now: dt.datetime, *, appeal: bool = False) -> tuple[str, str]:
    """(subject, body) of the letter that answers one part, in the active language.

    ``appeal``: the decision was changed after the requester appealed; the letter says so.
    """
    from .appeals import appeal_url, appealable

    address = appeal_address([part])
    lines = [_("You asked for access to this entry in our public journal:"), _entry_line(part), ""]
    if appeal:
        lines = [
            _("We have looked at your appeal again and changed our decision about this entry:"),
            _entry_line(part),
            "",
        ]
    link = appeal_url(part) if not appeal and appealable(part) else ""
    if part.status == InnsynskravStatus.INNVILGA:
        subject = _("You get access: %(number)s")
        lines += [_("You get access. Download the documents here:"), *_file_lines(part, now)]
        if part.reasoning.strip():
            lines += ["", part.reasoning.strip()]
    elif part.status == InnsynskravStatus.DELVIS:
        subject = _("You get partial access: %(number)s")
        lines += [
            _("You get access to part of it. We have blacked out what we keep back. Download the copy here:"),
            *_file_lines(part, now),
            *_withheld_lines(part, address, appeal_link=link),
        ]
    else:
        subject = _("You do not get access: %(number)s")
        lines += [_("You do not get access to this entry."), *_withheld_lines(part, address, appeal_link=link)]
    subject = subject % {"number": entry_number(part)}
    return subject, "\n".join([*lines, *_signature()])


def decision_letter_key(part: InnsynskravDel, *, appeal: bool = False) -> str:
    """The notification key of a part's decision letter; Mi sak reads the letters back by it."""
    return f"innsyn:del:{part.pk}:decision" + (":appeal" if appeal else "")


def send_decision_letter(part: InnsynskravDel, *, now: dt.datetime, appeal: bool = False) -> None:
    with translation.override(language_form()):
        subject, body = decision_letter(part, now, appeal=appeal)
    key = decision_letter_key(part, appeal=appeal)
    InnsynskravDel.objects.filter(pk=part.pk).update(letter_key=key)
    part.letter_key = key
    notify(
        key=key,
        channel=Channel.EMAIL,
        to=part.krav.email,
        subject=subject,
        body=body,
        reply_to=appeal_address([part]),
    )


def combined_decision_letter(parts: list[InnsynskravDel], now: dt.datetime) -> tuple[str, str]:
    """(subject, body) of one letter that answers several parts of a request, decided together."""
    from .appeals import appeal_url, appealable

    address = appeal_address(parts)
    lines = [_("You asked for access to these entries in our public journal. Here is our answer to each of them.")]
    withheld = False
    for part in parts:
        lines += ["", f"— {_entry_line(part)}"]
        if part.status == InnsynskravStatus.INNVILGA:
            lines += [_("You get access. Download the documents here:"), *_file_lines(part, now)]
        elif part.status == InnsynskravStatus.DELVIS:
            lines += [
                _("You get access to part of it. We have blacked out what we keep back. Download the copy here:"),
                *_file_lines(part, now),
                *_basis_lines(part),
            ]
        else:
            lines += [_("You do not get access to this entry."), *_basis_lines(part)]
        if part.status != InnsynskravStatus.INNVILGA:
            withheld = True
            if appealable(part):
                lines += [_("Appeal here: %(link)s") % {"link": appeal_url(part)}]
        elif part.reasoning.strip():
            lines += [part.reasoning.strip()]
    if withheld:
        lines += _rights_lines(address)
    subject = ngettext(
        "Answer to your request for access: %(number)s and %(count)d more entry",
        "Answer to your request for access: %(number)s and %(count)d more entries",
        len(parts) - 1,
    ) % {"number": entry_number(parts[0]), "count": len(parts) - 1}
    return subject, "\n".join([*lines, *_signature()])


def send_decision_letters(parts: list[InnsynskravDel], *, now: dt.datetime) -> None:
    """The requester's letter for parts decided together: the usual letter for one, one letter for several.

    Each part notes the key of the letter that answered it, so that Mi sak shows that letter.
    """
    if len(parts) == 1:
        send_decision_letter(parts[0], now=now)
        return
    with translation.override(language_form()):
        subject, body = combined_decision_letter(parts, now)
    key = f"innsyn:krav:{parts[0].krav_id}:decision:{parts[0].pk}"
    notify(
        key=key,
        channel=Channel.EMAIL,
        to=parts[0].krav.email,
        subject=subject,
        body=body,
        reply_to=appeal_address(parts),
    )
    InnsynskravDel.objects.filter(pk__in=[p.pk for p in parts]).update(letter_key=key)
    for part in parts:
        part.letter_key = key


def presumed_refusal_letter(krav: Innsynskrav, parts: list[InnsynskravDel]) -> tuple[str, str]:
    address = appeal_address(parts)
    lines = [
        _("We have not answered your request for access to these entries within five working days:"),
        *(f"- {_entry_line(p)}" for p in parts),
        "",
        _("We are sorry for the delay. The law (offentleglova § 32) says that you may now treat this as a refusal."),
        _("You still get our answer by e-mail as soon as we have decided."),
        "",
        *_appeal_lines(address, refused=False),
        *_signature(),
    ]
    return _("We have not answered your request for access in time"), "\n".join(lines)


def tell_requester_presumed_refusal(krav: Innsynskrav, parts: list[InnsynskravDel]) -> None:
    with translation.override(language_form()):
        subject, body = presumed_refusal_letter(krav, parts)
    notify(
        key=f"innsyn:krav:{krav.pk}:presumed:{parts[0].pk}",
        channel=Channel.EMAIL,
        to=krav.email,
        subject=subject,
        body=body,
        reply_to=appeal_address(parts),
    )


def leaders_for(part: InnsynskravDel) -> list[Any]:
    """The area's kommunalsjef and tenesteleiarar; the head of communication when there are none."""
    area = part.journalpost.service_area
    found: list[Any] = []
    if area is not None:
        for role in LEADER_ROLES:
            found += list(holders(role, area))
    if not found:
        found = list(holders(Role.KOMMUNIKASJONSSJEF))
    return found


def admin_url(part: InnsynskravDel) -> str:
    return f"{str(settings.WAGTAILADMIN_BASE_URL).rstrip('/')}/admin/innsyn/{part.pk}/"


def _leader_letter(parts: list[InnsynskravDel], *, presumed: bool) -> tuple[str, str]:
    if presumed:
        subject = _("Access request not answered in five working days")
        first = _(
            "These parts of a request for access have gone five working days without an answer. The requester "
            "may now appeal as if refused (offentleglova § 32), and we have told them so. Decide them now."
        )
    else:
        subject = _("Access request past its deadline")
        first = _(
            "These parts of a request for access were not decided by their deadline. As leader of the service "
            "area, see that they are decided today: the law says without undue delay."
        )
    lines = [first, ""]
    for part in parts:
        lines += [
            f"- {_entry_line(part)}",
            "  " + _("Deadline: %(day)s") % {"day": _day(part.deadline)},
            "  " + admin_url(part),
        ]
    return f"{subject}: {entry_number(parts[0])}", "\n".join(lines)


def tell_leaders(krav: Innsynskrav, parts: list[InnsynskravDel], *, presumed: bool) -> int:
    """One e-mail per leader, listing the parts of ``krav`` in their areas. Returns how many were queued."""
    by_leader: dict[int, tuple[Any, list[InnsynskravDel]]] = {}
    for part in parts:
        for user in leaders_for(part):
            by_leader.setdefault(user.pk, (user, []))[1].append(part)
    what = "presumed" if presumed else "overdue"
    sent = 0
    for user, own in by_leader.values():
        address = _valid_email(getattr(user, "email", "") or "")
        if not address:
            continue
        with translation.override(language_form()):
            subject, body = _leader_letter(own, presumed=presumed)
        notify(
            key=f"innsyn:krav:{krav.pk}:{what}:{own[0].pk}:{user.pk}",
            channel=Channel.EMAIL,
            to=address,
            subject=subject,
            body=body,
        )
        sent += 1
    return sent


def _tell_requester(klage: Innsynsklage, what: str, subject: str, lines: list[str]) -> None:
    part = klage.part
    notify(
        key=f"innsyn:del:{part.pk}:appeal:{what}",
        channel=Channel.EMAIL,
        to=part.krav.email,
        subject=subject % {"number": entry_number(part)},
        body="\n".join([*lines, *_signature()]),
        reply_to=appeal_address([part]),
    )


def tell_requester_appeal_received(klage: Innsynsklage) -> None:
    """The receipt: we have the appeal, we look at the case again, and by when."""
    with translation.override(language_form()):
        lines = [
            _("We have received your appeal about this entry:"),
            _entry_line(klage.part),
            "",
            _(
                "We look at the case again by %(day)s. If we do not give you access then, we send the appeal on to "
                "Statsforvaltaren, who decides it, and tell you."
            )
            % {"day": _day(klage.deadline)},
        ]
        if klage.late:
            lines += [
                "",
                _(
                    "The appeal came more than three weeks after our decision. We will consider whether we can "
                    "take it up even so (forvaltningslova § 31)."
                ),
            ]
        _tell_requester(klage, "received", _("We have received your appeal: %(number)s"), lines)


def tell_requester_appeal_sent_on(klage: Innsynsklage) -> None:
    """The decision stands: why, and that Statsforvaltaren now decides the appeal."""
    with translation.override(language_form()):
        lines = [
            _("We have looked at your appeal about this entry again:"),
            _entry_line(klage.part),
            "",
            _("We keep our decision. Our reasoning:"),
            klage.reasoning.strip(),
            "",
            _(
                "We have sent your appeal and the case to Statsforvaltaren (the state's administrator in the "
                "county), who decides it (offentleglova § 32). You get the answer from Statsforvaltaren."
            ),
        ]
        _tell_requester(klage, "sent-on", _("Your appeal is sent to Statsforvaltaren: %(number)s"), lines)


def tell_leaders_of_appeal(klage: Innsynsklage) -> int:
    """The handler who decided and the area's leaders hear of the appeal (never the requester's address)."""
    part = klage.part
    people = {user.pk: user for user in leaders_for(part)}
    if part.decided_by is not None and part.decided_by.is_active:
        people.setdefault(part.decided_by.pk, part.decided_by)
    sent = 0
    for user in people.values():
        address = _valid_email(getattr(user, "email", "") or "")
        if not address:
            continue
        with translation.override(language_form()):
            lines = [
                _(
                    "The requester has appealed the decision on this entry. Look at the case again: give access "
                    "after all, or keep the decision and send the appeal on to Statsforvaltaren."
                ),
                "",
                f"- {_entry_line(part)}",
                "  " + _("Handle by: %(day)s") % {"day": _day(klage.deadline)},
                "  " + admin_url(part),
            ]
            if klage.late:
                lines += ["", _("The appeal came later than three weeks after the decision.")]
            subject = _("Appeal of an access decision: %(number)s") % {"number": entry_number(part)}
        notify(
            key=f"innsyn:del:{part.pk}:appeal:staff:{user.pk}",
            channel=Channel.EMAIL,
            to=address,
            subject=subject,
            body="\n".join(lines),
        )
        sent += 1
    return sent


def tell_areas_of_new_request(krav: Innsynskrav) -> int:
    """Each service area's shared inbox (the municipality's for entries with none) hears of a confirmed request.

    One e-mail per inbox, listing that inbox's entries with their deadline and back-office link;
    never the requester's address. Returns how many were queued.
    """
    parts = list(
        krav.delar.filter(status=InnsynskravStatus.NY)
        .select_related("journalpost__saksmappe", "journalpost__service_area")
        .order_by("pk")
    )
    by_inbox: dict[str, list[InnsynskravDel]] = {}
    fallback = _valid_email(municipality().email or "")
    for part in parts:
        area = part.journalpost.service_area
        inbox = (_valid_email(area.email) if area is not None else "") or fallback
        if inbox:
            by_inbox.setdefault(inbox, []).append(part)
    for inbox, own in by_inbox.items():
        with translation.override(language_form()):
            lines = [_("A confirmed request for access has come in. Decide it by the deadline:"), ""]
            for part in own:
                lines += [
                    f"- {_entry_line(part)}",
                    "  " + _("Deadline: %(day)s") % {"day": _day(part.deadline)},
                    "  " + admin_url(part),
                ]
            subject = _("New access request: %(number)s") % {"number": entry_number(own[0])}
        notify(
            key=f"innsyn:krav:{krav.pk}:new:{own[0].pk}",
            channel=Channel.EMAIL,
            to=inbox,
            subject=subject,
            body="\n".join(lines),
        )
    return len(by_inbox)
