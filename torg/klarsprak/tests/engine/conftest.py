"""Fixtures for the checker core: plain functions, no database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from torg.klarsprak.engine import Config

HAS_TOOLS = (
    bool(shutil.which("hunspell") and shutil.which("lt-proc"))
    and Path("/usr/share/apertium/apertium-nno-nob/nno-nob.automorf.bin").exists()
)
needs_tools = pytest.mark.skipif(not HAS_TOOLS, reason="hunspell-no and apertium-nno-nob are not installed")


@pytest.fixture
def no_tools() -> Config:
    """A configuration whose language tools do not exist."""
    return Config(hunspell="/nonexistent/hunspell", lt_proc="/nonexistent/lt-proc")
