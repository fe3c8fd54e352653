"""The municipality, its service areas (tenesteområde) and who holds which role."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .roles import POLICIES, Role


def validate_organisation_number(value: str) -> None:
    """A Norwegian organisation number: nine digits with a mod-11 check digit."""
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("An organisation number has nine digits."))
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(value[:8], weights, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(value[8]):
        raise ValidationError(_("The organisation number is not valid. Check the digits."))


class LanguageForm(models.TextChoices):
    NYNORSK = "nn", "Nynorsk"
    BOKMAL = "nb", "Bokmål"


@register_setting(icon="home")
class MunicipalitySettings(BaseSiteSetting):
    """Who the municipality is: shown in the header, footer, feeds and JSON-LD."""

    name = models.CharField(_("municipality name"), max_length=100, default="Demo kommune")
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_organisation_number]
    )
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    language_form = models.CharField(
        _("language form"), max_length=2, choices=LanguageForm.choices, default=LanguageForm.NYNORSK
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    uustatus_url = models.URLField(
        _("accessibility statement at uustatus.no"),
        blank=True,
        help_text=_("The address of the municipality's statement in uustatus.no."),
    )
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Show a banner that the content is made up.")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("coat_of_arms"),
                FieldPanel("organisation_number"),
                FieldPanel("municipality_number"),
                FieldPanel("language_form"),
            ],
            heading=_("Municipality"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("uustatus_url"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class ServiceArea(models.Model):
    """A tenesteområde: the unit that owns services, pages, inquiries and cases."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name


class RoleGroupQuerySet(models.QuerySet["RoleGroup"]):
    def for_role(self, role: Role, area: ServiceArea | None = None) -> RoleGroupQuerySet:
        return self.filter(role=role, service_area=area)


class RoleGroup(models.Model):
    """The Django group that realises a role, in one service area for scoped roles.

    Holding a role is being a member of its group, so Wagtail's user and group
    screens show and change roles directly.
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="torg_role", verbose_name=_("group"))
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_groups",
        verbose_name=_("service area"),
    )

    objects = RoleGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "service_area"],
                condition=models.Q(service_area__isnull=False),
                name="unique_role_per_area",
            ),
            models.UniqueConstraint(
                fields=["role"], condition=models.Q(service_area__isnull=True), name="unique_global_role"
            ),
        ]

    def __str__(self) -> str:
        return self.group.name

    def clean(self) -> None:
        policy = POLICIES[Role(self.role)]
        if policy.scoped and self.service_area is None:
            raise ValidationError({"service_area": _("This role belongs to one service area. Choose it.")})
        if not policy.scoped and self.service_area is not None:
            raise ValidationError({"service_area": _("This role covers the whole municipality. Leave the area empty.")})


class PeriodicTaskRun(models.Model):
    """When a periodic task was last enqueued; shared by every scheduler process."""

    name = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
