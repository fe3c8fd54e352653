"""The legal bases (heimlar) a handler may cite when refusing access, in whole or in part.

Offentleglova (lov 19. mai 2006 nr. 16) chapter 3 lists the exemptions. These are the
ones a municipality uses; each has the citation as it goes in the letter, a short
label for the form, and one plain sentence that says what it means (offentleglova
§ 31: a refusal names the provision it rests on).

Left out on purpose: § 22 (only ministries' documents about the state budget; the
Ministry of Justice's guide says it does not cover municipal budgets) and the
provisions for the Storting and the King in Council. § 27 is not in the list because
its content could not be confirmed when the list was written; add it here (one
``Heimel``) when it is, and make a migration for the field's choices.

The stored value is the key (``"13-1"``, ``"14"`` …): it never changes when a label does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Heimel:
    key: str
    citation: Any  # lazy: the provision as it is cited in a letter
    label: Any  # lazy: short, for the form's list
    meaning: Any  # lazy: one sentence for the requester


HEIMLAR: tuple[Heimel, ...] = (
    Heimel(
        "13-1",
        _(
            "Freedom of Information Act (offentleglova) § 13 first paragraph, cf. Public Administration Act "
            "(forvaltningslova) § 13 first paragraph no. 1"
        ),
        _("§ 13: duty of confidentiality, personal matters (forvaltningslova § 13)"),
        _("The document holds information about someone's personal matters, and we have a duty of confidentiality."),
    ),
    Heimel(
        "13-2",
        _(
            "Freedom of Information Act (offentleglova) § 13 first paragraph, cf. Public Administration Act "
            "(forvaltningslova) § 13 first paragraph no. 2"
        ),
        _("§ 13: duty of confidentiality, business secrets (forvaltningslova § 13)"),
        _("The document holds business secrets, and we have a duty of confidentiality."),
    ),
    Heimel(
        "13",
        _("Freedom of Information Act (offentleglova) § 13 first paragraph, with the law named in the reasoning"),
        _("§ 13: duty of confidentiality in another law"),
        _("Another law says we must keep this information confidential. The reasoning names that law."),
    ),
    Heimel(
        "14",
        _("Freedom of Information Act (offentleglova) § 14 first paragraph"),
        _("§ 14: internal document"),
        _("The document was written for our own internal preparation of the case."),
    ),
    Heimel(
        "15",
        _("Freedom of Information Act (offentleglova) § 15"),
        _("§ 15: document obtained for internal preparation"),
        _("We obtained the document from outside for our internal preparation of the case."),
    ),
    Heimel(
        "16",
        _("Freedom of Information Act (offentleglova) § 16"),
        _("§ 16: internal document in the municipality"),
        _("The document is one of the internal documents in a municipality that the law lets us keep back."),
    ),
    Heimel(
        "18",
        _("Freedom of Information Act (offentleglova) § 18"),
        _("§ 18: court case"),
        _("The document was made for a court case, for example letters with our lawyer."),
    ),
    Heimel(
        "20",
        _("Freedom of Information Act (offentleglova) § 20"),
        _("§ 20: foreign policy"),
        _("Access could harm Norway's foreign policy interests."),
    ),
    Heimel(
        "21",
        _("Freedom of Information Act (offentleglova) § 21"),
        _("§ 21: national security and defence"),
        _("Access could harm national security or defence."),
    ),
    Heimel(
        "23",
        _("Freedom of Information Act (offentleglova) § 23"),
        _("§ 23: negotiations, finances, pay and staff"),
        _("Access could weaken our position in negotiations, or harm how we manage money, pay or staff."),
    ),
    Heimel(
        "24",
        _("Freedom of Information Act (offentleglova) § 24"),
        _("§ 24: inspections and breaches of the law"),
        _("Access could spoil an inspection or a control, or the document is a report of a breach of the law."),
    ),
    Heimel(
        "25",
        _("Freedom of Information Act (offentleglova) § 25"),
        _("§ 25: hiring and staff matters"),
        _("The document belongs to a case about hiring or about an employee."),
    ),
    Heimel(
        "26",
        _("Freedom of Information Act (offentleglova) § 26"),
        _("§ 26: exams, photos of persons, identity numbers"),
        _("The document holds exam answers, photos of persons, national identity numbers or similar information."),
    ),
)

BY_KEY: dict[str, Heimel] = {h.key: h for h in HEIMLAR}
HEIMEL_CHOICES: list[tuple[str, Any]] = [(h.key, h.label) for h in HEIMLAR]
MAX_KEY = max(len(h.key) for h in HEIMLAR)


def heimel(key: str) -> Heimel | None:
    return BY_KEY.get(key)
