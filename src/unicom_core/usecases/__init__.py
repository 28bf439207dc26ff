"""The application layer: use cases that load through ports, call the domain and save."""
