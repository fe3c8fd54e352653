"""Signals of the places app.

``places_changed`` is sent after the transaction that created, changed or
deleted areas has committed, with ``place_ids`` (a list of ints: the areas
whose geometry is new, changed or gone). Subscriptions listens to recompute
which subscribers live in which areas.
"""

from __future__ import annotations

from django.dispatch import Signal

places_changed = Signal()
