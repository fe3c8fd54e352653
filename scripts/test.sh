#!/usr/bin/env bash
# Every check, in order: lint, format, types, then unit and browser tests.
# Runs on SQLite, or on PostgreSQL when DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
echo "== ruff"; $BIN/ruff check . && $BIN/ruff format --check .
echo "== mypy"; $BIN/mypy
echo "== translations"; $BIN/python scripts/check_messages.py
echo "== pytest (${DATABASE_URL:-SQLite})"
DJANGO_SETTINGS_MODULE=torg.settings.test $BIN/pytest -p no:cacheprovider "$@"
