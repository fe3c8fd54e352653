"""The public address of a granted file, included from ``torg/innsyn/urls.py`` (under /innsyn/)."""

from django.urls import path

from .downloads import granted_file

urlpatterns = [
    path("utlevering/<str:token>/", granted_file, name="granted_file"),
]
