"""The site's URLs plus the delivery engine's, mounted where torg/urls.py will mount them."""

from django.urls import include, path

from torg.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("varslingar/", include("torg.notifications.urls")), *site_urlpatterns]
