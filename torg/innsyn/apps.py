from django.apps import AppConfig


class InnsynConfig(AppConfig):
    name = "torg.innsyn"
    label = "innsyn"
    verbose_name = "Torg: Innsyn (postjournal)"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from torg.core import audit

        from . import search_index

        # A migration that rebuilds a journal table on SQLite drops its search triggers: restore them.
        post_migrate.connect(search_index.after_migrate, sender=self)

        from .handling.actions import AUDIT_ACTIONS as HANDLING_ACTIONS
        from .models import AUDIT_ACTIONS

        audit.ACTIONS.update(AUDIT_ACTIONS)
        audit.ACTIONS.update(HANDLING_ACTIONS)
