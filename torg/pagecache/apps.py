from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "torg.pagecache"
    label = "pagecache"
    verbose_name = "Torg: sidebuffer"

    def ready(self) -> None:
        from . import signals  # noqa: F401
