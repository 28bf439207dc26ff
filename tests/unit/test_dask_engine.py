"""The Dask engine without a cluster: its discovery, an unreachable scheduler (F-QRY-3)."""

from __future__ import annotations

import pytest
from unicom_dask import cli, connect
from unicom_sql.cli.month import engine

from unicom_core.errors import AdapterError, InvalidInput


def test_the_command_line_finds_the_dask_engine_by_its_entry_point():
    assert engine("dask") is cli.bill_run


def test_an_engine_nobody_installed_is_a_typed_error():
    with pytest.raises(InvalidInput) as refused:
        engine("spark")
    assert refused.value.code == "cli.bill_run_engine"
    assert refused.value.data == {"engine": "spark"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_scheduler_that_cannot_be_reached_is_a_typed_error():
    with pytest.raises(AdapterError) as failed:
        connect("tcp://127.0.0.1:9", timeout="1s")  # the discard port: nobody listens
    assert failed.value.code == "bill_run.cluster_unavailable"
    assert failed.value.data == {"address": "tcp://127.0.0.1:9"}
