from django.urls import path

from . import feeds, views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("kode/", views.code, name="code"),
    path("stadfest/<str:token>/", views.confirm, name="confirm"),
    path("endre/<str:token>/", views.manage, name="manage"),
    path("avmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("sms/inn/", views.sms_inbound, name="sms_inbound"),
    path("push/", views.push, name="push"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("feed.atom", feeds.AnnouncementFeed(), name="feed"),
]
