from django.apps import AppConfig


class Open311Config(AppConfig):
    """Open311 GeoReport v2: apps report problems and follow them; each report is an inquiry."""

    name = "torg.open311"
    label = "open311"
    verbose_name = "Torg: Open311"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torg.core.audit import ACTIONS

        from .actions import AUDIT_ACTIONS

        # The audit log accepts only known actions; this app's are listed with it.
        ACTIONS.update(AUDIT_ACTIONS)
