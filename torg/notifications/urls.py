"""Mounted at ``varslingar/``: the SMS provider's delivery-report callback."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("sms/rapport/", views.sms_report, name="sms_report"),
]
