from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "torg.places"
    label = "places"
    verbose_name = "Torg: Stader (named areas and geocoding)"
