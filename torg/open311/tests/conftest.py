"""Fixtures of the Open311 tests: a few services, an app with a key, and the reference JSON schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from torg.open311.actions import create_api_client
from torg.web.models import ServicePage
from torg.web.tests.factories import ServicePageFactory, SiteTree

SCHEMA_DIR = Path("/work/shared/reference/open311/schemas")


@dataclass
class Services:
    home_help: ServicePage  # in area A
    school_bus: ServicePage  # in area B
    draft: ServicePage  # in area A, not published


@pytest.fixture
def services(site_tree: SiteTree) -> Services:
    return Services(
        home_help=ServicePageFactory.create(
            parent=site_tree.area_page_a, title="Heimehjelp", intro="Hjelp i heimen når du treng det."
        ),
        school_bus=ServicePageFactory.create(parent=site_tree.area_page_b, title="Skuleskyss"),
        draft=ServicePageFactory.create(parent=site_tree.area_page_a, title="Utkast til teneste", live=False),
    )


@pytest.fixture
def api_key(db: None) -> str:
    _client, raw = create_api_client(name="Fiks gata", contact_email="app@example.org")
    return raw


def _check_datetimes(data: Any) -> None:
    """The reference schemas name format date-time; check it here too (with an offset, as GeoReport v2 requires)."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        for key, value in item.items():
            if key.endswith("_datetime") and value is not None:
                assert datetime.fromisoformat(value).tzinfo is not None, (key, value)


@pytest.fixture
def valid() -> Callable[[str, Any], None]:
    """``valid("requests.json", data)`` asserts ``data`` validates against that reference schema."""
    if not SCHEMA_DIR.is_dir():
        pytest.skip(f"The Open311 reference schemas are not at {SCHEMA_DIR}.")
    schemas = {path.name: json.loads(path.read_text()) for path in SCHEMA_DIR.glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT7)) for name, schema in schemas.items()
    )

    def check(name: str, data: Any) -> None:
        validator = Draft7Validator(schemas[name], registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)
        errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)]
        assert not errors, errors
        _check_datetimes(data)

    return check
