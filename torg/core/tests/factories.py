"""Factories for users and their second-factor devices; every build is a valid state."""

from __future__ import annotations

import factory
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Riktig-passord-2025"  # test users only


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"brukar{n}")
    first_name = "Kari"
    last_name = factory.Sequence(lambda n: f"Nordmann {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kommune.example")

    @factory.post_generation
    def password(user: User, create: bool, extracted: str | None, **kwargs: object) -> None:
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    """A confirmed authenticator app."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Autentiseringsapp"
    confirmed = True
