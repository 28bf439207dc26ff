"""The service password (服务密码): six digits, and when one is weak (F-AUTH-2, F-AUTH-7).

A service password is exactly six ASCII digits. A new one (a change or a reset) must not be
weak; :func:`weak_password_rules` says which rules a candidate breaks:

===============  ===============================================================
rule             what it refuses
===============  ===============================================================
``same_digit``   one digit six times: ``000000``, ``888888``
``ascending``    each digit one more than the last, 9 wrapping to 0: ``123456``, ``789012``
``descending``   each digit one less than the last, 0 wrapping to 9: ``654321``, ``109876``
``own_number``   six consecutive digits of the subscriber's own number: ``185678`` for
                 ``18612345678``'s ``345678``
``birthday``     the holder's birthday from the resident ID: ``YYMMDD``, ``MMDDYY``,
                 ``DDMMYY`` and the six-digit windows of ``YYYYMMDD`` (``YYYYMM``, ...)
===============  ===============================================================

The password itself never appears in a ``repr``, a ``str`` or an error message.

A six-digit secret has a million values: a stolen hash falls to any slow hash in hours. So
the hall hashes ``HMAC-SHA256(pepper, password)`` instead (:class:`Pepper`): the pepper is a
server secret kept out of the database, and without it the stored hashes cannot be tried
offline at all. Each pepper has a short ``pepper_id`` written into the hash, so an old pepper
can still verify the hashes it made while they move to the new one (F-AUTH-7).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import itertools
import re
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access.codes import ACCESS_PEPPER, PASSWORD_FORMAT, PASSWORD_WEAK

if TYPE_CHECKING:
    from datetime import date

    from attrs import Attribute

__all__ = [
    "MIN_PEPPER_BYTES",
    "PASSWORD_LENGTH",
    "Pepper",
    "ServicePassword",
    "WeakRule",
    "birthday_forms",
    "check_new_password",
    "weak_password_rules",
]

PASSWORD_LENGTH = 6
"""A service password has exactly six digits (F-AUTH-2)."""

MIN_PEPPER_BYTES = 16
"""A pepper has at least 128 bits (F-AUTH-7)."""

_SIX_DIGITS = re.compile(r"[0-9]{6}")
_PEPPER_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
_DIGITS = 10


class WeakRule(enum.Enum):
    """A rule a weak service password breaks (F-AUTH-7)."""

    SAME_DIGIT = "same_digit"
    ASCENDING = "ascending"
    DESCENDING = "descending"
    OWN_NUMBER = "own_number"
    BIRTHDAY = "birthday"


def _check_digits(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _SIX_DIGITS.fullmatch(value):
        raise PASSWORD_FORMAT.error(field="password")


@attrs.frozen(slots=True, repr=False)
class ServicePassword:
    """Six digits typed by the holder; ``repr`` and ``str`` never show them (F-AUTH-2)."""

    digits: str = attrs.field(validator=_check_digits)

    def __repr__(self) -> str:
        return "ServicePassword('******')"

    def __str__(self) -> str:
        return "******"


def _check_pepper_id(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _PEPPER_ID.fullmatch(value):
        raise ACCESS_PEPPER.error(field="pepper_id")


def _check_pepper_secret(_instance: object, _attribute: Attribute[bytes], value: object) -> None:
    if not isinstance(value, bytes) or len(value) < MIN_PEPPER_BYTES:
        raise ACCESS_PEPPER.error(
            f"a pepper is at least {MIN_PEPPER_BYTES} random bytes", field="password_pepper"
        )


@attrs.frozen(slots=True)
class Pepper:
    """A server-side secret mixed into every password before hashing (F-AUTH-7).

    ``pepper_id`` names it inside the stored hashes (for rotation); ``secret`` (at least
    16 bytes, from the settings, never from the database) never shows in a ``repr``.
    """

    pepper_id: str = attrs.field(validator=_check_pepper_id)
    secret: bytes = attrs.field(validator=_check_pepper_secret, repr=False)

    def mac(self, password: str) -> str:
        """``HMAC-SHA256(secret, password)`` in hex: what the slow hash is given."""
        return hmac.new(self.secret, password.encode(), hashlib.sha256).hexdigest()


def _steps(digits: str) -> set[int]:
    return {(int(b) - int(a)) % _DIGITS for a, b in itertools.pairwise(digits)}


def birthday_forms(birth: date) -> frozenset[str]:
    """The six-digit forms of a birthday a password may not be (F-AUTH-7)."""
    full = f"{birth:%Y%m%d}"
    windows = {full[start : start + PASSWORD_LENGTH] for start in range(3)}
    return frozenset({*windows, f"{birth:%m%d%y}", f"{birth:%d%m%y}"})


def weak_password_rules(
    password: ServicePassword,
    *,
    own_number: str | None = None,
    birth_date: date | None = None,
) -> tuple[WeakRule, ...]:
    """The rules ``password`` breaks, in :class:`WeakRule` order; empty when strong (F-AUTH-7).

    Args:
        password: the candidate.
        own_number: the subscriber's number (its digits are used; other characters skipped).
        birth_date: the holder's birth date, from the customer's resident ID.
    """
    digits = password.digits
    steps = _steps(digits)
    broken: list[WeakRule] = []
    if steps == {0}:
        broken.append(WeakRule.SAME_DIGIT)
    if steps == {1}:
        broken.append(WeakRule.ASCENDING)
    if steps == {_DIGITS - 1}:
        broken.append(WeakRule.DESCENDING)
    if own_number is not None and digits in "".join(c for c in own_number if c.isdigit()):
        broken.append(WeakRule.OWN_NUMBER)
    if birth_date is not None and digits in birthday_forms(birth_date):
        broken.append(WeakRule.BIRTHDAY)
    return tuple(broken)


def check_new_password(
    password: ServicePassword,
    *,
    own_number: str | None = None,
    birth_date: date | None = None,
) -> None:
    """Refuse a weak new password with ``password.weak`` and the rules broken (F-AUTH-7).

    Raises:
        InvalidInput: ``password.weak``; data ``rules`` lists the :class:`WeakRule` values.
    """
    broken = weak_password_rules(password, own_number=own_number, birth_date=birth_date)
    if broken:
        names = [rule.value for rule in broken]
        raise PASSWORD_WEAK.error(
            "the new service password is too easy to guess: " + ", ".join(names),
            field="new_password",
            rules=names,
        )
