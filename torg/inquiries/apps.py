from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "torg.inquiries"
    label = "inquiries"
    verbose_name = "Torg: Servicetorget"

    def ready(self) -> None:
        from torg.core import audit

        from . import signals  # noqa: F401  (inbound e-mail from the Anymail webhook)
        from .models import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
