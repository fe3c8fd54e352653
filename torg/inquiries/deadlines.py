"""Working days and answer deadlines (svarfrist) for Servicetorget.

A working day is Monday to Friday that is not a Norwegian public holiday
(lov om 1. og 17. mai som høgtidsdagar, lov om helgedagar og helgedagsfred):
1 January, Maundy Thursday, Good Friday, Easter Monday, 1 May, 17 May,
Ascension Day, Whit Monday, 25 and 26 December (the Sundays among them are
not working days anyway). Pure functions, no Django models: easy to test with
any date.
"""

from __future__ import annotations

import datetime
import functools

from dateutil.easter import easter

ONE_DAY = datetime.timedelta(days=1)


@functools.cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    """Norwegian public holidays (offentlege høgtidsdagar og helgedagar) in ``year``."""
    e = easter(year)
    return frozenset(
        {
            datetime.date(year, 1, 1),
            e - datetime.timedelta(days=3),  # skjærtorsdag
            e - datetime.timedelta(days=2),  # langfredag
            e,  # 1. påskedag
            e + datetime.timedelta(days=1),  # 2. påskedag
            datetime.date(year, 5, 1),
            datetime.date(year, 5, 17),
            e + datetime.timedelta(days=39),  # Kristi himmelfartsdag
            e + datetime.timedelta(days=49),  # 1. pinsedag
            e + datetime.timedelta(days=50),  # 2. pinsedag
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The working day ``days`` working days after ``start`` (``start`` itself is not counted).

    Received on a Friday with a routine of 1 working day: due on Monday.
    """
    day = start
    remaining = days
    while remaining > 0:
        day += ONE_DAY
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day):
            count += 1
    return count


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of ``day`` in the current time zone: a deadline is met the whole day."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
