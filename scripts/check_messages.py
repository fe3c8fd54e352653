"""Fail when a message catalogue for a public language is incomplete or out of date.

Extracts the project's messages (makemessages), then checks that every msgid in
the nn catalogue is translated and not fuzzy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "torg" / "locale" / "nn" / "LC_MESSAGES" / "django.po"


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "nn",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "demo/*",
            "--ignore",
            "*/tests/*",
            "--ignore",
            "conftest.py",
            "--verbosity",
            "0",
        ],
        cwd=ROOT / "torg",
        check=True,
    )
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)], capture_output=True, text=True, check=False
    )
    report = (stats.stdout + stats.stderr).strip()
    if stats.returncode != 0 or "untranslated" in report or "fuzzy" in report:
        print(f"{PO.relative_to(ROOT)}: {report}")
        print("Translate every message (nn) and run `make messages`.")
        return 1
    print(f"nn: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
