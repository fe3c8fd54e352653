from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrevmalarConfig(AppConfig):
    name = "torg.brevmalar"
    label = "brevmalar"
    verbose_name = _("Letter templates")
