"""Hypothesis strategies for the billing calendar (F-CAL-1, F-CAL-5).

Re-exported by :mod:`unicom_core.testing.strategies`; tests and embedders share them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from unicom_core.domain.shared import MAX_YEAR, MIN_YEAR, SHANGHAI, BillingCycle

__all__ = ["after", "aware_instants", "billing_cycles", "shanghai_instants"]

# Real-world UTC offsets run from -12:00 to +14:00; we draw any whole minute in that span.
_MIN_OFFSET_MINUTES = -12 * 60
_MAX_OFFSET_MINUTES = 14 * 60


def _check_years(min_year: int, max_year: int) -> None:
    if not MIN_YEAR <= min_year <= max_year <= MAX_YEAR:
        msg = (
            f"need {MIN_YEAR} <= min_year <= max_year <= {MAX_YEAR}, "
            f"got min_year={min_year!r}, max_year={max_year!r}"
        )
        raise InvalidArgument(msg)


def billing_cycles(min_year: int = 1970, max_year: int = 2100) -> st.SearchStrategy[BillingCycle]:
    """Generate billing cycles of the years ``min_year`` to ``max_year``, both included."""
    _check_years(min_year, max_year)
    return st.builds(
        BillingCycle,
        year=st.integers(min_value=min_year, max_value=max_year),
        month=st.integers(min_value=1, max_value=12),
    )


def _time_zones() -> st.SearchStrategy[tzinfo]:
    fixed = st.integers(min_value=_MIN_OFFSET_MINUTES, max_value=_MAX_OFFSET_MINUTES).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )
    return st.one_of(st.sampled_from([SHANGHAI, UTC, timezone(timedelta(hours=8))]), fixed)


def aware_instants(min_year: int = 1970, max_year: int = 2100) -> st.SearchStrategy[datetime]:
    """Generate aware instants in Asia/Shanghai, UTC and fixed offsets from -12:00 to +14:00.

    Wall times are drawn from 2 January of ``min_year`` to 30 December of ``max_year``, so
    the instant falls within those years in every zone, Beijing time included.
    """
    _check_years(min_year, max_year)
    return st.datetimes(
        min_value=datetime(min_year, 1, 2),  # noqa: DTZ001 - hypothesis bounds are naive wall times
        max_value=datetime(max_year, 12, 30, 23, 59, 59, 999_999),  # noqa: DTZ001 - idem
        timezones=_time_zones(),
        allow_imaginary=False,
    )


def after(instant: datetime, elapsed: timedelta) -> datetime:
    """The Beijing-time instant ``elapsed`` after ``instant``, counted in elapsed time.

    ``instant + elapsed`` adds to the wall clock, and China kept summer time from 1986 to
    1991: a wall time in a skipped hour (2:00 on 14 April 1991) is no real instant and
    reads back from storage as 3:00. Strategies derive later instants with this instead.
    """
    return (instant.astimezone(UTC) + elapsed).astimezone(SHANGHAI)


def shanghai_instants(min_year: int = 1970, max_year: int = 2100) -> st.SearchStrategy[datetime]:
    """Generate real (never skipped-over) instants of Beijing time in the given years."""
    _check_years(min_year, max_year)
    return st.datetimes(
        min_value=datetime(min_year, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive wall times
        max_value=datetime(max_year, 12, 31, 23, 59, 59, 999_999),  # noqa: DTZ001 - idem
        timezones=st.just(SHANGHAI),
        allow_imaginary=False,
    )
