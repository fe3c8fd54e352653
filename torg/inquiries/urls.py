"""/servicetorget/: include with path("servicetorget/", include("torg.inquiries.urls"))."""

from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("", views.inquiry_form, name="form"),
    path("kart.geojson", views.map_geojson, name="map"),
    path("<str:reference>/", views.follow, name="follow"),
    path("<str:reference>/kvittering/", views.receipt, name="receipt"),
    path("<str:reference>/vedlegg/<int:attachment_id>/", views.attachment, name="attachment"),
    path("<str:reference>/gloym/", views.forget, name="forget"),
]
