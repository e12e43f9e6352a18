"""Recurring series: the dates a recurrence names, and its bounds."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given

from sharemarket import InvalidInput, Recurrence
from tests.strategies.venues import recurrences


def test_weekly_on_chosen_weekdays_and_every_n_days():
    weekly = Recurrence(
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 15),
        weekdays=[0, 3],
        starts="14:00",
        ends="16:00",
    )
    assert [date(2026, 3, d) for d in (2, 5, 9, 12)] == weekly.dates()
    every = Recurrence(
        first_day=date(2026, 3, 2), last_day=date(2026, 3, 12), every_days=5, starts=540, ends=600
    )
    assert [date(2026, 3, d) for d in (2, 7, 12)] == every.dates()


@given(recurrences())
def test_every_date_lies_in_the_range_and_follows_the_rule(recurrence):
    dates = recurrence.dates()
    assert dates == sorted(set(dates))
    assert all(recurrence.first_day <= d <= recurrence.last_day for d in dates)
    if recurrence.weekdays:
        assert all(d.weekday() in recurrence.weekdays for d in dates)
    else:
        step = timedelta(days=recurrence.every_days)
        assert all(b - a == step for a, b in itertools.pairwise(dates))
    for d in dates:
        assert d == recurrence.slot_on(d).start.date()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekdays": [0], "every_days": 7},
        {},
        {"weekdays": [7]},
        {"every_days": 0},
        {"weekdays": [0], "last_day": date(2026, 3, 1)},
        {"weekdays": [0], "starts": "16:00"},
        {"every_days": 1, "last_day": date(2026, 9, 1)},  # 184 dates, above 120
    ],
)
def test_invalid_recurrences_are_refused(kwargs):
    args = {"first_day": date(2026, 3, 2), "last_day": date(2026, 3, 31), "starts": "14:00"}
    with pytest.raises(InvalidInput):
        Recurrence(**{**args, "ends": "16:00", **kwargs})
