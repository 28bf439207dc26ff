"""Test support shipped to embedders (the ``[testing]`` extra).

* :mod:`unicom_core.testing.strategies`: hypothesis strategies for every public value.
* :mod:`unicom_core.testing.contracts`: one abstract contract suite per port; subclass it
  with a factory method to check your own adapter.
"""
