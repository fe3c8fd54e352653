from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "torg.subscriptions"
    label = "subscriptions"
    verbose_name = "Torg: Abonnement (subscriptions)"

    def ready(self) -> None:
        from torg.notifications.delivery import register_personaliser

        from . import signals
        from .actions.announce import PERSONALISER, personalise

        signals.connect()
        register_personaliser(PERSONALISER, personalise)
