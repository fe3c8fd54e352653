from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "torg.places"
    label = "places"
    verbose_name = "Torg: Stader (named areas and geocoding)"

    def ready(self) -> None:
        from torg.core import audit

        from .actions import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
