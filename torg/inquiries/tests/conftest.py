"""Fixtures of the Servicetorget tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client

from torg.core.roles import Role
from torg.inquiries.models import private_storage


@pytest.fixture
def private_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Attachments are written under the test's own directory."""
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path))


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    """A service leader of area A, who handles its inquiries."""
    return user_with_role(
        Role.TENESTELEIAR,
        site_tree.area_a,
        email="handler@fjordvik.example",
        first_name="Hilde",
        last_name="Handsamar",
    )


@pytest.fixture
def client_a(handler: Any, admin_client_for: Any) -> Client:
    """The handler of area A, signed in to the back office."""
    client: Client = admin_client_for(handler)
    return client
