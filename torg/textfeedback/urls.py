from django.urls import path

from . import views

app_name = "textfeedback"

urlpatterns = [
    path("<int:page_id>/", views.submit, name="submit"),
    path("brev/<int:template_id>/", views.letter, name="letter"),
]
