from django.apps import AppConfig


class InnsynConfig(AppConfig):
    name = "torg.innsyn"
    label = "innsyn"
    verbose_name = "Torg: Innsyn (postjournal)"

    def ready(self) -> None:
        from torg.core import audit

        from .models import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
