"""unicom-metrics: campaign metrics (F-PRO-5) as Prometheus counters.

``PrometheusMetrics`` is a :class:`~unicom_core.ports.promotions.Metrics` and a
:class:`~unicom_core.ports.promotions.MetricsExposition`; wire it as one of the hall's
exporters, and the hall tees every count to it beside the buffered store::

    from unicom_core.bootstrap import bootstrap
    from unicom_metrics import PrometheusMetrics

    hall = bootstrap(metrics=[PrometheusMetrics()])
"""

from __future__ import annotations

from unicom_metrics.prometheus import (
    AMOUNT_COUNTER,
    EVENTS_COUNTER,
    PrometheusMetrics,
)

__all__ = ["AMOUNT_COUNTER", "EVENTS_COUNTER", "PrometheusMetrics"]
