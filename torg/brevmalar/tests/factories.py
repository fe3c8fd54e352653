"""Factories for letter templates: a clean, checker-passing draft unless told otherwise."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Permission, User

from torg.brevmalar.models import LetterKind, LetterTemplate

CLEAR_BODY = (
    "Hei, {{ namn }}.\n\nVi har fått brevet ditt. Saksnummeret er {{ saksnummer }}.\n\nVi svarar deg innan to veker."
)


class LetterTemplateFactory(factory.django.DjangoModelFactory[LetterTemplate]):
    """A draft (not live) letter with one saved revision."""

    class Meta:
        model = LetterTemplate

    title = factory.Sequence(lambda n: f"Brev {n}")
    kind = LetterKind.LETTER
    body = CLEAR_BODY
    live = False

    @classmethod
    def _create(cls, model_class: type[LetterTemplate], *args: Any, **kwargs: Any) -> LetterTemplate:
        template = super()._create(model_class, *args, **kwargs)
        template.save_revision()
        return template


def grant_letter_permissions(user: User, *actions: str) -> None:
    """Give ``user``'s role groups the template permissions the roles will carry (see the report)."""
    permissions = Permission.objects.filter(
        content_type__app_label="brevmalar", codename__in=[f"{a}_lettertemplate" for a in actions]
    )
    for group in user.groups.all():
        group.permissions.add(*permissions)
