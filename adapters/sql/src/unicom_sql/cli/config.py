"""The settings of the ``unicom`` command: the environment, or a ``--config`` TOML file.

The file (``unicom.toml``; every key optional)::

    [database]
    url = "postgresql+psycopg://hall@db/hall"   # else UNICOM_DATABASE_URL

    [hall]
    factory = "carrier.hall:build"   # module:factory(url) -> BusinessHall, the real gateways
    production = true                # the library's defaults only: false allows memory doubles

    [relay]
    publisher = "carrier.events:publisher"   # module:factory() -> EventPublisher

    [hubs]
    sender = "unicom_web.webhooks:UrllibWebhookSender"   # module:factory() -> WebhookSender

The database URL is ``--database-url``, else ``UNICOM_DATABASE_URL``, else the file's. A
command that needs the hall builds it by ``hall.factory`` when one is named; otherwise
:func:`~unicom_core.bootstrap.bootstrap` on the SQL storage with ``production`` true
(``UNICOM_PRODUCTION=0`` or ``production = false`` for a sandbox), so the library's memory
doubles (SMS, gateway, identity service) and default secrets are refused
(``bootstrap.unsafe_for_production``) unless the operator says this is no production hall.
"""

from __future__ import annotations

import importlib
import os
import tomllib
from typing import TYPE_CHECKING, Any

import attrs

from unicom_core import bootstrap
from unicom_core.hall import BusinessHall
from unicom_sql.codes import CLI_CONFIG, CLI_HALL_FACTORY
from unicom_sql.storage import create_storage

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DATABASE_VARIABLE", "PRODUCTION_VARIABLE", "Settings", "load_settings"]

DATABASE_VARIABLE = "UNICOM_DATABASE_URL"
"""The environment variable naming the database."""
PRODUCTION_VARIABLE = "UNICOM_PRODUCTION"
"""``0`` / ``false``: the default hall may use the library's memory doubles (a sandbox)."""
_FALSE = frozenset({"0", "false", "no", "off"})
_TRUE = frozenset({"1", "true", "yes", "on"})


@attrs.frozen(slots=True, kw_only=True)
class Settings:
    """What the commands read: the database URL, the hall factory, the relay's publisher."""

    database_url: str | None = attrs.field(default=None, repr=False)  # may hold a password
    hall_factory: str | None = None
    production: bool = True
    relay_publisher: str | None = None
    hubs_sender: str | None = None

    def url(self) -> str:
        """The database URL (``cli.config`` when none is set)."""
        if not self.database_url:
            raise CLI_CONFIG.error(
                reason=f"no database URL: set {DATABASE_VARIABLE}, --database-url or "
                "[database] url in the config file"
            )
        return self.database_url

    def hall(self) -> BusinessHall:
        """The business hall on the database (module docstring)."""
        url = self.url()
        if self.hall_factory is not None:
            return _from_factory(self.hall_factory, url)
        storage = create_storage(url)
        try:
            return bootstrap(storage=storage, production=self.production)
        except BaseException:
            storage.close()
            raise


def _from_factory(spec: str, url: str) -> BusinessHall:
    module_name, _, name = spec.partition(":")
    try:
        hall = getattr(importlib.import_module(module_name), name)(url)
    except (ImportError, AttributeError, TypeError, ValueError) as error:
        message = f"cannot make a hall from {spec!r}: {error}"
        raise CLI_HALL_FACTORY.error(message, factory=spec) from None
    if not isinstance(hall, BusinessHall):
        raise CLI_HALL_FACTORY.error(f"{spec!r} returned no BusinessHall", factory=spec)
    return hall


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except OSError as error:
        raise CLI_CONFIG.error(reason=f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise CLI_CONFIG.error(reason=f"{path} is no TOML: {error}") from None


def _section(data: dict[str, Any], name: str, keys: set[str]) -> dict[str, Any]:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise CLI_CONFIG.error(reason=f"[{name}] is a table")
    unknown = sorted(set(section) - keys)
    if unknown:
        raise CLI_CONFIG.error(reason=f"unknown key {name}.{unknown[0]}")
    for key, value in section.items():
        if key != "production" and not isinstance(value, str):
            raise CLI_CONFIG.error(reason=f"{name}.{key} is a string")
    return section


def _production(file_value: object) -> bool:
    variable = os.environ.get(PRODUCTION_VARIABLE)
    if variable is not None:
        if variable.strip().lower() in _FALSE:
            return False
        if variable.strip().lower() in _TRUE:
            return True
        raise CLI_CONFIG.error(reason=f"{PRODUCTION_VARIABLE} is 1 or 0")
    if file_value is None:
        return True
    if not isinstance(file_value, bool):
        raise CLI_CONFIG.error(reason="hall.production is true or false")
    return file_value


def load_settings(config: Path | None, database_url: str | None) -> Settings:
    """The settings from the options, the environment and the config file, in that order."""
    data = _read_file(config) if config is not None else {}
    unknown = sorted(set(data) - {"database", "hall", "relay", "hubs"})
    if unknown:
        raise CLI_CONFIG.error(reason=f"unknown section [{unknown[0]}]")
    database = _section(data, "database", {"url"})
    hall = _section(data, "hall", {"factory", "production"})
    relay = _section(data, "relay", {"publisher"})
    hubs = _section(data, "hubs", {"sender"})
    url = database_url or os.environ.get(DATABASE_VARIABLE) or database.get("url")
    return Settings(
        database_url=url,
        hall_factory=hall.get("factory"),
        production=_production(hall.get("production")),
        relay_publisher=relay.get("publisher"),
        hubs_sender=hubs.get("sender"),
    )
