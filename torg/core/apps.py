from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "torg.core"
    label = "core"
    verbose_name = "Torg: kommune og roller"

    def ready(self) -> None:
        from . import signals  # noqa: F401
