"""/mi-side/: include with path("mi-side/", include("torg.minsak.urls"))."""

from django.urls import path

from . import views

app_name = "minsak"

urlpatterns = [
    path("", views.index, name="index"),
    path("epost/", views.email_login, name="email_login"),
    path("epost/sendt/", views.link_sent, name="link_sent"),
    path("inn/<str:token>/", views.link, name="link"),
    path("idporten/", views.idporten_start, name="idporten_start"),
    path("idporten/tilbake/", views.idporten_callback, name="idporten_callback"),
    path("logg-ut/", views.logout, name="logout"),
    path("sak/<str:source>/<str:key>/", views.item, name="item"),
]
