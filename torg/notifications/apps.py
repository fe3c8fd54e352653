from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "torg.notifications"
    label = "notifications"
    verbose_name = "Torg: varsel og utsending"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the Anymail tracking receiver)
