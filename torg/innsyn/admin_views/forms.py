"""The decision form on the case page. It checks what it can before the action runs:
the action (``decide_part``) checks again, and reads and checks the uploaded copy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..appeals import MAX_APPEAL_TEXT
from ..handling.actions import check_decision
from ..handling.heimlar import HEIMEL_CHOICES
from ..requests import MAX_REASONING, InnsynskravDel, InnsynskravStatus

DECISION_CHOICES = [
    (InnsynskravStatus.INNVILGA.value, _("Grant access: send the documents")),
    (InnsynskravStatus.DELVIS.value, _("Grant in part: send a copy with the exempted parts blacked out")),
    (InnsynskravStatus.AVSLATT.value, _("Refuse access")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to grant, grant in part or refuse.")},
    )
    basis = forms.ChoiceField(
        label=_("Legal basis (offentleglova)"),
        required=False,
        choices=[("", _("Choose when you refuse or grant in part")), *HEIMEL_CHOICES],
        help_text=_("The letter cites the paragraph and says in plain words what it means."),
    )
    meirinnsyn_considered = forms.BooleanField(
        label=_(
            "I have considered meirinnsyn (offentleglova § 11): whether to give access even though an exemption applies."
        ),
        required=False,
        help_text=_("Needed when you refuse or grant in part. The letter tells the requester it was considered."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning (sent to the requester)"),
        required=False,
        max_length=MAX_REASONING,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say why, in plain words. Write nothing here that is itself exempted."),
    )
    redacted_file = forms.FileField(
        label=_("Copy to send"),
        required=False,
        help_text=_(
            "For a partial grant: the copy with the exempted parts blacked out (PDF is best). "
            "For a grant: the document itself, when the archive sent no file."
        ),
    )

    def __init__(
        self, *args: Any, part: InnsynskravDel, others: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.part = part
        if others:
            # Other undecided entries of the same request that this handler decides: one letter answers them all.
            self.fields["also"] = forms.TypedMultipleChoiceField(
                label=_("Decide these entries of the same request the same way"),
                choices=others,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "The requester gets one letter for all of them. Not for a partial grant: each entry "
                    "needs its own blacked-out copy."
                ),
                error_messages={"invalid_choice": _("Choose entries from the list.")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            check_decision(
                self.part,
                decision=data.get("decision", ""),
                basis=data.get("basis", ""),
                meirinnsyn_considered=bool(data.get("meirinnsyn_considered")),
                reasoning=(data.get("reasoning") or "").strip(),
                has_copy=data.get("redacted_file") is not None,
            )
        except ValidationError as error:
            self.add_error(None, error)
        if data.get("also") and data.get("decision") == InnsynskravStatus.DELVIS:
            self.add_error(
                "also", _("A partial grant needs its own blacked-out copy for each entry: decide them one at a time.")
            )
        return data


class AppealOutcome:
    CHANGE = "omgjer"
    KEEP = "oversend"


class AppealDecisionForm(forms.Form):
    """The handler's answer to an appeal: give access after all, or keep the decision and send the appeal on."""

    outcome = forms.ChoiceField(
        label=_("Your answer to the appeal"),
        choices=[
            (AppealOutcome.CHANGE, _("Change the decision: give access after all")),
            (AppealOutcome.KEEP, _("Keep the decision: send the appeal to Statsforvaltaren")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to change the decision or keep it.")},
    )
    decision = forms.ChoiceField(
        label=_("New decision"),
        required=False,
        choices=[
            (InnsynskravStatus.INNVILGA.value, _("Grant access: send the documents")),
            (InnsynskravStatus.DELVIS.value, _("Grant in part (only after a refusal): send a blacked-out copy")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Only when you change the decision."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning (sent to the requester)"),
        required=False,
        max_length=MAX_APPEAL_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "When you keep the decision: why it stands. The requester gets it, and it goes to Statsforvaltaren "
            "with the case. Write nothing here that is itself exempted."
        ),
    )
    redacted_file = forms.FileField(
        label=_("Copy to send"),
        required=False,
        help_text=_(
            "For a partial grant: the copy with less blacked out. For a grant: the document itself, when the "
            "archive sent no file."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == AppealOutcome.CHANGE and not data.get("decision"):
            self.add_error("decision", _("Choose the new decision."))
        if data.get("outcome") == AppealOutcome.KEEP and not (data.get("reasoning") or "").strip():
            self.add_error("reasoning", _("Say why the decision stands. The requester and Statsforvaltaren read it."))
        return data
