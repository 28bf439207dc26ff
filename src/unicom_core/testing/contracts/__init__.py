"""One abstract contract suite per port; subclass it with a factory method per adapter."""
