import datetime as dt
import io
import json

import pytest

from torg.innsyn.actions import import_journal
from torg.innsyn.queries import is_person_name_query, name_search_cutoff, published_entries

from .test_import import einnsyn_item

pytestmark = pytest.mark.django_db


def test_search_on_a_private_persons_name_is_limited_to_one_year() -> None:
    import_journal(source=io.BytesIO(json.dumps([einnsyn_item()]).encode()), actor=None)
    assert is_person_name_query("kari nordmann")
    assert is_person_name_query("søknad Nordmann, Kari")
    assert not is_person_name_query("byggjeløyve gnr 12")
    assert name_search_cutoff("Kari Nordmann", today=dt.date(2025, 6, 1)) == dt.date(2024, 6, 1)
    assert name_search_cutoff("byggjeløyve", today=dt.date(2025, 6, 1)) is None


def test_entries_wait_for_accessible_after() -> None:
    item = {**einnsyn_item(), "accessibleAfter": "2030-01-01T00:00:00Z"}
    import_journal(source=io.BytesIO(json.dumps([item]).encode()), actor=None)
    assert not published_entries(today=dt.date(2029, 12, 31)).exists()
    assert published_entries(today=dt.date(2030, 1, 1)).exists()
