"""The Chinese resident ID number of GB 11643-1999 (公民身份号码), checked and masked (F-REAL-3).

An 18-character number reads ``RRRRRR YYYYMMDD SSS C``: a 6-digit administrative region
(the first two digits name the province), the date of birth, a 3-digit sequence whose last
digit is odd for men and even for women, and a check character computed by ISO 7064
MOD 11-2 over the first 17 digits (``X`` stands for ten). First-generation cards carried
15 digits (a 2-digit year of the 1900s and no check character); :meth:`ResidentId.parse`
upgrades them.

The number is personal data: ``str()`` and ``repr()`` give only the masked form
(``110105********002X``) so it never reaches a log by accident; ``.value`` is the full
number for the code paths (an identity port) that really need it. Error messages never
repeat the number either.

Validation runs in a fixed order and reports the first rule broken: ``resident_id.format``,
``resident_id.region``, ``resident_id.birth_date``, ``resident_id.check_digit``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Self

import attrs

from unicom_core.domain.shared.codes import (
    RESIDENT_ID_AGE_DATE,
    RESIDENT_ID_BIRTH_DATE,
    RESIDENT_ID_CHECK_DIGIT,
    RESIDENT_ID_FORMAT,
    RESIDENT_ID_REGION,
)

if TYPE_CHECKING:
    from attrs import Attribute

__all__ = ["PROVINCE_CODES", "ResidentId", "Sex", "check_character"]

#: The province-level codes of GB/T 2260 that open a resident ID number.
PROVINCE_CODES: frozenset[str] = frozenset(
    (
        *("11", "12", "13", "14", "15"),
        *("21", "22", "23"),
        *("31", "32", "33", "34", "35", "36", "37"),
        *("41", "42", "43", "44", "45", "46"),
        *("50", "51", "52", "53", "54"),
        *("61", "62", "63", "64", "65"),
        *("71", "81", "82"),
    )
)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum mod 11)
_MODULUS = 11
_CANONICAL = re.compile(r"[0-9]{17}[0-9X]")
_FIRST_GENERATION = re.compile(r"[0-9]{15}")
_FIRST_GENERATION_LENGTH = 15
_EARLIEST_BIRTH_YEAR = 1900
_SHOWN_HEAD = 6
_SHOWN_TAIL = 4
_FIELD = "resident_id"


class Sex(enum.Enum):
    """The sex recorded in a resident ID number: an odd 17th digit is male (F-REAL-3)."""

    MALE = "male"
    FEMALE = "female"


def check_character(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character for 17 digits (F-REAL-3).

    Raises:
        InvalidInput: ``resident_id.format`` when ``first17`` is not 17 ASCII digits.
    """
    if not isinstance(first17, str) or not re.fullmatch(r"[0-9]{17}", first17):
        raise RESIDENT_ID_FORMAT.error("the check character needs exactly 17 digits", field=_FIELD)
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % _MODULUS]


def _birth_date_or_none(yyyymmdd: str) -> dt.date | None:
    try:
        return dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def _check_value(_instance: object, _attribute: Attribute[str], value: object) -> None:
    """Enforce GB 11643-1999 on the canonical 18-character form, in the documented order."""
    if not isinstance(value, str) or not _CANONICAL.fullmatch(value):
        raise RESIDENT_ID_FORMAT.error(
            "a resident ID number is 17 digits followed by a digit or an upper-case X", field=_FIELD
        )
    if value[:2] not in PROVINCE_CODES:
        raise RESIDENT_ID_REGION.error(field=_FIELD)
    birth = _birth_date_or_none(value[6:14])
    if birth is None or birth.year < _EARLIEST_BIRTH_YEAR:
        raise RESIDENT_ID_BIRTH_DATE.error(field=_FIELD)
    if check_character(value[:17]) != value[17]:
        raise RESIDENT_ID_CHECK_DIGIT.error(field=_FIELD)


def _as_date(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def _require_text(text: object) -> str:
    if not isinstance(text, str):
        raise RESIDENT_ID_FORMAT.error(
            f"a resident ID number is text, not {type(text).__name__}", field=_FIELD
        )
    return text


@attrs.frozen(slots=True, repr=False)
class ResidentId:
    """A valid GB 11643-1999 resident ID number in canonical 18-character form (F-REAL-3).

    The constructor takes the canonical form only (upper-case ``X``, no spaces); use
    :meth:`parse` for what a person types.
    """

    value: str = attrs.field(validator=_check_value)

    @classmethod
    def parse(cls, text: str, *, today: dt.date | None = None) -> Self:
        """Read a typed ID: surrounding spaces, a lower-case ``x`` and 15 digits are accepted.

        Args:
            text: the number as typed, 18 characters or a 15-digit first-generation number.
            today: the current date from the clock port; when given, a birth date after it is
                refused (the domain has no clock of its own).

        Raises:
            InvalidInput: with one of the ``resident_id.*`` codes of the module docstring.
        """
        stripped = _require_text(text).strip()
        if len(stripped) == _FIRST_GENERATION_LENGTH:
            resident = cls.upgrade_first_generation(stripped)
        else:
            if stripped[-1:] == "x":
                stripped = stripped[:-1] + "X"
            resident = cls(stripped)
        if today is not None and resident.birth_date > _as_date(today):
            raise RESIDENT_ID_BIRTH_DATE.error(
                "the birth date in the resident ID number lies in the future", field=_FIELD
            )
        return resident

    @classmethod
    def upgrade_first_generation(cls, text15: str) -> Self:
        """Upgrade a 15-digit first-generation number: insert ``19`` and add the check character.

        Raises:
            InvalidInput: ``resident_id.format`` unless ``text15`` is 15 ASCII digits, or the
                code of whichever rule the upgraded number breaks.
        """
        if not _FIRST_GENERATION.fullmatch(_require_text(text15)):
            raise RESIDENT_ID_FORMAT.error(
                "a first-generation resident ID number is exactly 15 digits", field=_FIELD
            )
        first17 = f"{text15[:6]}19{text15[6:]}"
        return cls(first17 + check_character(first17))

    @property
    def region_code(self) -> str:
        """The 6-digit administrative region code (GB/T 2260) where the number was issued."""
        return self.value[:6]

    @property
    def province_code(self) -> str:
        """The 2-digit province code, the first two digits of the region."""
        return self.value[:2]

    @property
    def birth_date(self) -> dt.date:
        """The date of birth written in digits 7 to 14."""
        return dt.date(int(self.value[6:10]), int(self.value[10:12]), int(self.value[12:14]))

    @property
    def sequence(self) -> str:
        """The 3-digit sequence number (digits 15 to 17) telling apart people born the same day."""
        return self.value[14:17]

    @property
    def sex(self) -> Sex:
        """The holder's sex: an odd 17th digit is male, an even one female."""
        return Sex.MALE if int(self.value[16]) % 2 else Sex.FEMALE

    def age_on(self, day: dt.date) -> int:
        """Return the holder's age in full years on ``day`` (F-REAL-3).

        The birthday counts as reached once the (month, day) of ``day`` is not before the birth
        (month, day). So a person born on 29 February turns a year older on 1 March in years
        without a 29 February, and on 29 February in leap years.

        Raises:
            InvalidInput: ``resident_id.age_date`` when ``day`` is before the birth date.
        """
        day = _as_date(day)
        birth = self.birth_date
        if day < birth:
            raise RESIDENT_ID_AGE_DATE.error(field="day")
        before_birthday = (day.month, day.day) < (birth.month, birth.day)
        return day.year - birth.year - int(before_birthday)

    def masked(self) -> str:
        """Show only the first 6 and last 4 characters, the rest as ``*`` (F-REAL-3)."""
        hidden = len(self.value) - _SHOWN_HEAD - _SHOWN_TAIL
        return f"{self.value[:_SHOWN_HEAD]}{'*' * hidden}{self.value[-_SHOWN_TAIL:]}"

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked()!r})"
