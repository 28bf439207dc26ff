"""Hypothesis strategies for money and rates (F-PAY, F-SHOP-4)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from unicom_core.domain.shared import CNY, Money, Rate

__all__ = ["money", "rates"]

_TEN_BILLION_YUAN = 10**12  # fen: far above any balance a carrier holds for one account


def money(
    min_fen: int = -_TEN_BILLION_YUAN, max_fen: int = _TEN_BILLION_YUAN, currency: str = CNY
) -> st.SearchStrategy[Money]:
    """Amounts of money between ``min_fen`` and ``max_fen`` inclusive."""
    return st.builds(Money, st.integers(min_value=min_fen, max_value=max_fen), st.just(currency))


def rates(max_percent: int = 200) -> st.SearchStrategy[Rate]:
    """Rates from 0 % to ``max_percent`` % in steps of 0.01 ‰ (a thousandth of a per mille)."""
    steps = st.integers(min_value=0, max_value=max_percent * 1000)
    return steps.map(lambda n: Rate(Decimal(n).scaleb(-5)))
