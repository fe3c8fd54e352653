from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlarsprakConfig(AppConfig):
    """Klarspråk (clear language): the checker's settings, API, command and back-office pages.

    The language core is ``torg.klarsprak.engine`` (no Django); this app wraps it.
    """

    name = "torg.klarsprak"
    label = "klarsprak"
    verbose_name = _("Clear language")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torg.core.audit import ACTIONS

        from .actions import AUDIT_ACTIONS

        # The audit log accepts only known actions; this app's are listed with it.
        ACTIONS.update(AUDIT_ACTIONS)
