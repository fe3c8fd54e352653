from django.urls import path

from . import second_factor

app_name = "core"

urlpatterns = [
    path("tofaktor/", second_factor.verify, name="second_factor"),
    path("tofaktor/oppsett/", second_factor.setup, name="second_factor_setup"),
]
