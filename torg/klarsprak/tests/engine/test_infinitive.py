"""Suggestions follow the municipality's infinitive: a (vera) by default, e (vere) by setting."""

from __future__ import annotations

from torg.klarsprak.engine import Config, check


def _suggestions(config: Config) -> list[tuple[str, str | None]]:
    return [(f.excerpt, f.suggestion) for f in check("Det skal være slik. Me må gjøre det.", config).findings]


def test_bokmal_infinitives_get_a_infinitive_suggestions_by_default():
    assert _suggestions(Config()) == [("være", "vera"), ("gjøre", "gjera")]


def test_a_municipality_writing_e_infinitive_gets_e_infinitive_suggestions():
    assert _suggestions(Config(infinitive="e")) == [("være", "vere"), ("gjøre", "gjere")]
