"""Working days and deadlines: weekends, Easter, 17 May and the other public holidays."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from torg.inquiries.deadlines import add_working_days, is_working_day, public_holidays, working_days_between

D = datetime.date


def test_public_holidays_of_2027_are_the_norwegian_ones() -> None:
    # Easter Sunday 2027 is 28 March.
    assert public_holidays(2027) == {
        D(2027, 1, 1),
        D(2027, 3, 25),  # skjærtorsdag
        D(2027, 3, 26),  # langfredag
        D(2027, 3, 28),  # 1. påskedag
        D(2027, 3, 29),  # 2. påskedag
        D(2027, 5, 1),
        D(2027, 5, 17),
        D(2027, 5, 6),  # Kristi himmelfartsdag
        D(2027, 5, 16),  # 1. pinsedag
        D(2027, 5, 17),  # 2. pinsedag falls on 17 May in 2027
        D(2027, 12, 25),
        D(2027, 12, 26),
    }


def test_a_question_received_on_friday_with_one_working_day_is_due_on_monday() -> None:
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)


def test_received_on_saturday_counts_from_monday() -> None:
    assert add_working_days(D(2026, 11, 28), 1) == D(2026, 11, 30)
    assert add_working_days(D(2026, 11, 28), 5) == D(2026, 12, 4)


def test_easter_week_moves_the_deadline_past_all_four_holidays() -> None:
    # Easter 2026: Thursday 2 April to Monday 6 April are holidays.
    assert add_working_days(D(2026, 3, 31), 1) == D(2026, 4, 1)
    assert add_working_days(D(2026, 3, 31), 2) == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 1), 5) == D(2026, 4, 13)


def test_17_may_is_not_a_working_day() -> None:
    # 17 May 2028 is a Wednesday.
    assert not is_working_day(D(2028, 5, 17))
    assert add_working_days(D(2028, 5, 16), 1) == D(2028, 5, 18)


def test_christmas_and_new_year_are_skipped() -> None:
    # 24 and 31 December are working days; 25, 26 December and 1 January are not.
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1
    assert working_days_between(D(2026, 11, 30), D(2026, 11, 30)) == 0
    assert working_days_between(D(2026, 12, 1), D(2026, 11, 30)) == 0


@given(start=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), days=st.integers(0, 60))
def test_adding_n_working_days_lands_on_a_working_day_n_working_days_later(start: datetime.date, days: int) -> None:
    due = add_working_days(start, days)
    assert working_days_between(start, due) == days
    if days:
        assert is_working_day(due)


@pytest.mark.parametrize("year", range(2024, 2031))
def test_every_year_has_the_fixed_holidays(year: int) -> None:
    holidays = public_holidays(year)
    assert {D(year, 1, 1), D(year, 5, 1), D(year, 5, 17), D(year, 12, 25), D(year, 12, 26)} <= holidays
