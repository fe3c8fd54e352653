"""Named areas (stader) drawn by the municipality, and address points for the local geocoder.

- ``Place``: a village (bygd), school district (skulekrins), water supply zone
  (vassverk) or other area, as a GeoJSON polygon in WGS84. The bounding box
  is kept in indexed columns so that "which areas hold this point" first
  narrows down in SQL, then tests the polygons.
- ``AddressPoint``: an address with its position (imported from CSV), read by
  ``torg.places.geocoder.LocalGeocoder``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .geometry import validate_geometry


class PlaceKind(models.TextChoices):
    BYGD = "bygd", _("Village")
    SKULEKRINS = "skulekrins", _("School district")
    VASSVERK = "vassverk", _("Water supply zone")
    ANNA = "anna", _("Other area")


class Place(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.ANNA)
    description = models.TextField(_("description"), blank=True)
    geometry = models.JSONField(
        _("area (GeoJSON)"),
        validators=[validate_geometry],
        help_text=_("A GeoJSON Polygon or MultiPolygon in WGS84 degrees, [longitude, latitude]."),
    )
    min_lat = models.FloatField(editable=False, default=0.0)
    min_lon = models.FloatField(editable=False, default=0.0)
    max_lat = models.FloatField(editable=False, default=0.0)
    max_lon = models.FloatField(editable=False, default=0.0)
    sort_order = models.IntegerField(_("sort order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [
            models.Index(fields=["min_lat", "max_lat"], name="places_place_lat_box"),
            models.Index(fields=["min_lon", "max_lon"], name="places_place_lon_box"),
        ]

    def __str__(self) -> str:
        return self.name


class AddressPoint(models.Model):
    text = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    post_town = models.CharField(_("post town"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    # The address folded for matching what people type: lower case, no accents, æ→ae, ø→o, å→a.
    search_text = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["text"]
        verbose_name = _("address point")
        verbose_name_plural = _("address points")
        constraints = [models.UniqueConstraint(fields=["text", "postcode"], name="places_address_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The address as shown to residents: "Storgata 5, 5300 Fjordvik"."""
        tail = " ".join(part for part in (self.postcode, self.post_town) if part)
        return f"{self.text}, {tail}" if tail else self.text
