"""What a TMF listener asks for: its callback URL and its ``query`` filter (TMF630).

:func:`check_callback` accepts an absolute ``https`` URL with a host and no user or
fragment; ``allow_insecure`` (development and tests only) also accepts ``http`` and
loopback or private address literals, which production refuses (a listener is reached
from inside the carrier's network: an operator must not point it at internal services).

:class:`HubQuery` reads TMF630's ``query``: terms ``name=value`` joined by ``&``, values
percent-decoded, alternatives separated by ``,``. ``eventType=PaymentStateChangeEvent``
picks event types (each must be one this hall sends on the API); any other name is the
dotted path of an attribute of the notification, such as
``event.payment.status=failed,refunded``. A notification matches when every term has one of
its values. An empty query matches everything. A name given twice, an empty value, an
unknown event type or a malformed term is ``hubs.query`` (InvalidInput) naming the term.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection, Mapping
from typing import Final
from urllib.parse import unquote_plus, urlsplit

import attrs

from unicom_core.domain.shared.hub_codes import HUBS_CALLBACK, HUBS_QUERY

__all__ = ["MAX_CALLBACK", "MAX_QUERY", "HubQuery", "check_callback"]

MAX_CALLBACK: Final = 2000
MAX_QUERY: Final = 1000
_MAX_TERMS = 10
_NAME = re.compile(r"[A-Za-z@][A-Za-z0-9@_]*(?:\.[A-Za-z@][A-Za-z0-9@_]*)*")
_EVENT_TYPE = "eventType"


def _refuse(reason: str) -> None:
    raise HUBS_CALLBACK.error(f"the callback is refused: {reason}", reason=reason)


def _internal(host: str) -> bool:
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def check_callback(url: object, *, allow_insecure: bool = False) -> str:
    """Return ``url`` if it is a callback a listener may register; ``hubs.callback`` if not."""
    if not isinstance(url, str) or not url or len(url) > MAX_CALLBACK:
        _refuse("not a text of 1..2000 characters")
    text = str(url)
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in text):  # noqa: PLR2004 - controls, space
        _refuse("it holds spaces or control characters")
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        _refuse("not a URL")
        raise  # pragma: no cover - _refuse raised
    if parts.scheme not in ({"https", "http"} if allow_insecure else {"https"}):
        _refuse("the scheme is not https")
    if not host:
        _refuse("it names no host")
    if parts.username is not None or parts.password is not None:
        _refuse("it carries a user or password")
    if parts.fragment:
        _refuse("it has a fragment")
    if not allow_insecure and _internal(host):
        _refuse("it names a loopback or private address")
    return text


def _values(term: str, raw: str) -> frozenset[str]:
    values = [unquote_plus(value) for value in raw.split(",")]
    if not all(values) or any(len(value) > MAX_QUERY for value in values):
        raise HUBS_QUERY.error(f"every value of {term!r} is non-empty", term=term)
    return frozenset(values)


@attrs.frozen(slots=True)
class HubQuery:
    """A parsed TMF630 ``query``: event types and attribute filters (module docstring)."""

    event_types: frozenset[str] = frozenset()
    filters: tuple[tuple[str, frozenset[str]], ...] = ()

    @classmethod
    def parse(cls, text: object, known_types: Collection[str]) -> HubQuery:
        """Read ``text`` (None or ``""``: everything); event types among ``known_types``."""
        if text is None or text == "":
            return cls()
        if not isinstance(text, str) or len(text) > MAX_QUERY:
            raise HUBS_QUERY.error(f"a query is a text of at most {MAX_QUERY} characters")
        terms = text.split("&")
        if len(terms) > _MAX_TERMS:
            raise HUBS_QUERY.error(f"a query has at most {_MAX_TERMS} terms")
        seen: dict[str, frozenset[str]] = {}
        for term in terms:
            name, equals, raw = term.partition("=")
            name = unquote_plus(name)
            if not equals or not _NAME.fullmatch(name) or name in seen:
                raise HUBS_QUERY.error(f"{term!r} is not a new name=value term", term=term)
            seen[name] = _values(term, raw)
        types = seen.pop(_EVENT_TYPE, frozenset())
        unknown = sorted(types - set(known_types))
        if unknown:
            raise HUBS_QUERY.error(
                f"unknown event type {unknown[0]!r}; this API sends "
                + ", ".join(sorted(known_types)),
                term=f"{_EVENT_TYPE}={unknown[0]}",
            )
        return cls(types, tuple(sorted(seen.items())))

    def matches(self, event_type: str, notification: Mapping[str, object]) -> bool:
        """Whether a notification of ``event_type`` is one this query asks for."""
        if self.event_types and event_type not in self.event_types:
            return False
        return all(_text_at(notification, path) in values for path, values in self.filters)


def _text_at(document: Mapping[str, object], path: str) -> str | None:
    """The value at dotted ``path`` as query text (``true``/``false`` for booleans), or None."""
    value: object = document
    for step in path.split("."):
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping | list) or value is None:
        return None
    return str(value)
