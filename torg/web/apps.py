from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "torg.web"
    label = "web"
    verbose_name = "Torg: nettstad"
