from django.apps import AppConfig


class MinsakConfig(AppConfig):
    name = "torg.minsak"
    label = "minsak"
    verbose_name = "Torg: Mi sak"

    def ready(self) -> None:
        from torg.core import audit

        from .models import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
