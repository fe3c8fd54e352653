"""The demo municipality's people: one login per role of the strategy.

DEMO ONLY. Every demo user shares one password and one TOTP secret, both
printed by ``make run`` and ``make totp``. Never load the demo on a site that
faces the internet with real data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from torg.core.roles import Role

# One password for every demo login (at least 12 characters, as the
# production password rules demand).
DEMO_PASSWORD = "torg-demo-2026"  # noqa: S105 - published demo password, never a real one

# The TOTP secret every demo user's authenticator device holds, as 40 hex
# digits (20 bytes). Demo only: it is published here, so anyone can compute
# the codes. Add it to an authenticator app as DEMO_TOTP_KEY_BASE32 or run
# `make totp` for the current codes.
DEMO_TOTP_KEY = "746f72672d64656d6f2d746f74702d6b65792121"
DEMO_DEVICE_NAME = "Demo-nøkkel (berre for demo)"

DEMO_EMAIL_DOMAIN = "fjordvik.example"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role | None  # None: the superuser
    area_slug: str | None = None  # the service area of a scoped role
    title: str = ""  # job title shown in the login list
    service_desk: bool = False  # works at Servicetorget: handles every area's inquiries

    @property
    def email(self) -> str:
        local = f"{self.first_name}.{self.last_name}".lower()
        for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), (" ", ".")):
            local = local.replace(a, b)
        return f"{local}@{DEMO_EMAIL_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_superuser(self) -> bool:
        return self.role is None


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Torg", "Administrator", None, title="Superbrukar: alt, også tekniske innstillingar"),
    DemoUser("ordforar", "Solveig", "Fjeldstad", Role.ORDFORAR, title="Ordførar"),
    DemoUser("radmann", "Arne", "Tjøtta", Role.RADMANN, title="Rådmann"),
    DemoUser("kommsjef", "Ingrid", "Haugland", Role.KOMMUNIKASJONSSJEF, title="Kommunikasjonssjef (redaktør)"),
    DemoUser("kommunikasjon", "Magnus", "Eide", Role.KOMMUNIKASJONSMEDARBEIDAR, title="Kommunikasjonsrådgjevar"),
    DemoUser(
        "kommunalsjef.helse",
        "Randi",
        "Sola",
        Role.KOMMUNALSJEF,
        "helse-og-omsorg",
        title="Kommunalsjef – Helse og omsorg",
    ),
    DemoUser(
        "webkontakt.helse",
        "Lene",
        "Mæland",
        Role.WEBKONTAKT,
        "helse-og-omsorg",
        title="Webkontakt – Helse og omsorg",
    ),
    DemoUser(
        "tenesteleiar.oppvekst",
        "Oddvar",
        "Undheim",
        Role.TENESTELEIAR,
        "oppvekst",
        title="Tenesteleiar – Oppvekst",
    ),
    DemoUser(
        "tenesteleiar.kultur",
        "Marit",
        "Bø",
        Role.TENESTELEIAR,
        "kultur-og-fritid",
        title="Tenesteleiar – Kultur og fritid",
    ),
    DemoUser(
        "kommunalsjef.plan",
        "Tor Einar",
        "Lode",
        Role.KOMMUNALSJEF,
        "plan-bygg-og-eigedom",
        title="Kommunalsjef – Plan, bygg og eigedom",
    ),
    DemoUser(
        "webkontakt.teknisk",
        "Sindre",
        "Braut",
        Role.WEBKONTAKT,
        "vatn-veg-og-renovasjon",
        title="Webkontakt – Vatn, veg og renovasjon",
    ),
    DemoUser(
        "servicetorget",
        "Eva",
        "Nesse",
        Role.TILSETT,
        title="Servicetorget: svarar innbyggjarane, alle tenesteområde",
        service_desk=True,
    ),
    DemoUser("tilsett", "Hege", "Ree", Role.TILSETT, title="Tilsett (ingen tilgang til redigering)"),
)

DEMO_USERNAMES = tuple(u.username for u in DEMO_USERS)


def demo_user(username: str) -> DemoUser:
    for user in DEMO_USERS:
        if user.username == username:
            return user
    raise KeyError(username)


def demo_logins() -> list[tuple[str, str]]:
    """(username, label) for every demo login, for the start-up banner."""
    return [(u.username, f"{u.title} ({u.full_name})") for u in DEMO_USERS]


def create_demo_users() -> dict[str, AbstractBaseUser]:
    """Create the demo users and their confirmed TOTP devices; leave existing users' passwords alone.

    Roles are given by the caller (``torg.demo.build``), once the role groups exist.
    """
    User = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)  # hash once: hashing is slow on purpose
    users: dict[str, AbstractBaseUser] = {}
    for spec in DEMO_USERS:
        user, _ = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
                "is_staff": spec.is_superuser,
                "is_superuser": spec.is_superuser,
                "password": password_hash,
            },
        )
        if not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True)
        users[spec.username] = user
    return users


def code_for(device: TOTPDevice, at: float | None = None) -> str:
    """The code ``device`` accepts at time ``at`` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def current_codes() -> dict[str, str]:
    """{username: the 6-digit code their demo device accepts now} for every demo user with a device."""
    devices = (
        TOTPDevice.objects.filter(user__username__in=DEMO_USERNAMES, confirmed=True)
        .select_related("user")
        .order_by("pk")
    )
    found: dict[str, str] = {}
    for device in devices:
        found.setdefault(device.user.username, code_for(device))
    return {name: found[name] for name in DEMO_USERNAMES if name in found}


def seconds_left(step: int = 30) -> int:
    """Seconds until the current codes change."""
    return step - int(time.time()) % step


def demo_totp_key_base32() -> str:
    """The demo TOTP secret as base32, the form authenticator apps take."""
    from base64 import b32encode
    from binascii import unhexlify

    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode()
