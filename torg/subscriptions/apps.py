from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "torg.subscriptions"
    label = "subscriptions"
    verbose_name = "Torg: Abonnement (subscriptions)"
