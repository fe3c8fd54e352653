"""Every write to letter templates: approving (publishing) one after the clear-language check."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import LetterTemplate
from .queries import check_template, latest_version, may_approve


class LetterTemplateRefused(Exception):
    """The text did not pass the clear-language check; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def refusal_problems(template: LetterTemplate) -> list[str]:
    """Why ``template``'s latest text may not be approved (empty: it may)."""
    return check_template(latest_version(template)).problems()


@transaction.atomic
def publish_letter_template(*, template: LetterTemplate, user: User | None) -> LetterTemplate:
    """Approve ``template``'s latest text: check it, then publish its latest revision.

    ``user`` None is the system (the demo loader) and skips the permission check.
    Wagtail logs the publishing in the object's history.
    """
    if user is not None and not may_approve(user, template):
        raise PermissionDenied(_("Only the service area's leaders or the head of communication approve templates."))
    problems = refusal_problems(template)
    if problems:
        raise LetterTemplateRefused(problems)
    revision = template.latest_revision or template.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    template.refresh_from_db()
    return template
