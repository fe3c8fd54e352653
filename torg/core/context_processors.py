from __future__ import annotations

from django.http import HttpRequest

from .queries import municipality as _municipality


def municipality(request: HttpRequest) -> dict[str, object]:
    """The municipality (name, contact, coat of arms) for every template."""
    return {"municipality": _municipality()}
