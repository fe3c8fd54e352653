"""Production settings pass Django's deployment checklist with no warnings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="torg.settings.production",
        SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        DATABASE_URL=f"sqlite:///{tmp_path / 'torg.sqlite3'}",
        ALLOWED_HOSTS="www.kommune.example",
        TORG_BASE_URL="https://www.kommune.example",
        TORG_VAR_DIR=str(tmp_path),
    )
    env.update(extra)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_long_secret_key(tmp_path):
    result = _manage(_production_env(tmp_path, SECRET_KEY="kort"), "check")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
