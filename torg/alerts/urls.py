from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("cap/feed.xml", views.cap_feed, name="cap_feed"),
    path("cap/<str:identifier>.xml", views.cap_document, name="cap_document"),
]
