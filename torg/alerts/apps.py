from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "torg.alerts"
    label = "alerts"
    verbose_name = "Torg: Varsel (crisis messages, CAP)"

    def ready(self) -> None:
        from torg.core import audit

        from .models import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
