from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "torg.web"
    label = "web"
    verbose_name = "Torg: nettstad"

    def ready(self) -> None:
        from . import signals  # noqa: F401
