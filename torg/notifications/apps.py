from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "torg.notifications"
    label = "notifications"
    verbose_name = "Torg: varsel og utsending"
