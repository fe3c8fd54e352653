from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "torg.demo"
    label = "demo"
    verbose_name = "Torg: demokommune"
