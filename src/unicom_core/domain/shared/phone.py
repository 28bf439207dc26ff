"""Login identifiers: mobile numbers, e-mail addresses, fixed lines, broadband accounts (F-AUTH-1).

A user logs in with a user name of the login type they choose (F-AUTH-1). Each kind is a
frozen value whose constructor takes the canonical form only and refuses anything else with
:class:`~unicom_core.errors.InvalidInput`; the ``parse`` class methods accept the formatting
people type (surrounding spaces, separators, a country prefix) and nothing more, so no input
is silently "fixed".

Mobile segments (号段) are data: :data:`SEGMENT_RULES` follows the MIIT numbering plan as
published, and :func:`classify` matches the longest prefix first, so a 4-digit block (``1349``)
overrides its 3-digit segment (``134``). A carrier extends the plan by passing its own rules.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import TYPE_CHECKING, Self, TypeAlias

import attrs

from unicom_core.domain.shared.codes import (
    BROADBAND_FORMAT,
    EMAIL_FORMAT,
    FIXED_LINE_FORMAT,
    LOGIN_TYPE,
    MOBILE_FORMAT,
    MOBILE_SEGMENT,
    MOBILE_SEGMENT_RULE,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from attrs import Attribute

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = [
    "SEGMENT_RULES",
    "BroadbandAccount",
    "Carrier",
    "EmailAddress",
    "FixedLineNumber",
    "LoginIdentifier",
    "LoginType",
    "MobileNumber",
    "SegmentRule",
    "classify",
    "parse_login_identifier",
]


class Carrier(enum.Enum):
    """A mainland operator that owns mobile number segments (F-AUTH-1)."""

    UNICOM = "unicom"
    MOBILE = "mobile"
    TELECOM = "telecom"
    BROADNET = "broadnet"


def _check_prefix(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"1[0-9]{2,6}", value):
        raise MOBILE_SEGMENT_RULE.error(field="prefix")


def _check_carrier(_instance: object, _attribute: Attribute[Carrier], value: object) -> None:
    if not isinstance(value, Carrier):
        raise MOBILE_SEGMENT_RULE.error("a segment rule names a Carrier", field="carrier")


def _check_virtual(_instance: object, _attribute: Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise MOBILE_SEGMENT_RULE.error("a segment rule's virtual flag is a bool", field="virtual")


@attrs.frozen(slots=True)
class SegmentRule:
    """One row of the numbering plan: numbers starting with ``prefix`` belong to ``carrier``."""

    prefix: str = attrs.field(validator=_check_prefix)
    carrier: Carrier = attrs.field(validator=_check_carrier)
    virtual: bool = attrs.field(default=False, validator=_check_virtual)


def _rules(carrier: Carrier, prefixes: str, *, virtual: bool = False) -> tuple[SegmentRule, ...]:
    return tuple(SegmentRule(prefix, carrier, virtual) for prefix in prefixes.split())


_U, _M, _T, _B = Carrier.UNICOM, Carrier.MOBILE, Carrier.TELECOM, Carrier.BROADNET

#: The mobile numbering plan (MIIT numbering plan as published), matched longest prefix first.
#: ``virtual`` marks segments let to mobile virtual network operators (虚拟运营商).
SEGMENT_RULES: tuple[SegmentRule, ...] = (
    *_rules(_U, "130 131 132 145 146 155 156 166 175 176 185 186 196"),
    *_rules(_U, "167 171 1704 1707 1708 1709", virtual=True),
    # 134 is Mobile except the 1349 block (satellite, now China Telecom's).
    *_rules(_M, "134 135 136 137 138 139 147 148 150 151 152 157 158 159 172 178"),
    *_rules(_M, "182 183 184 187 188 195 197 198"),
    *_rules(_M, "165 1703 1705 1706", virtual=True),
    # 1740 is China Telecom's satellite block; the rest of 174 is not a public segment.
    *_rules(_T, "133 1349 149 153 173 1740 177 180 181 189 190 191 193 199"),
    *_rules(_T, "162 1700 1701 1702", virtual=True),
    *_rules(_B, "192"),
)


@functools.lru_cache(maxsize=8)
def _index(rules: tuple[SegmentRule, ...]) -> tuple[tuple[int, dict[str, SegmentRule]], ...]:
    """Group rules by prefix length, longest first, for one dict look-up per length."""
    by_length: dict[int, dict[str, SegmentRule]] = {}
    for rule in rules:
        by_length.setdefault(len(rule.prefix), {})[rule.prefix] = rule
    return tuple(sorted(by_length.items(), reverse=True))


_DEFAULT_INDEX = _index(SEGMENT_RULES)


def classify(
    number_digits: str, rules: Iterable[SegmentRule] = SEGMENT_RULES
) -> SegmentRule | None:
    """Return the longest-prefix rule owning ``number_digits``, or ``None`` (F-AUTH-1).

    ``rules`` defaults to :data:`SEGMENT_RULES`; a carrier passes its own (for instance
    ``(*SEGMENT_RULES, SegmentRule("1410", Carrier.UNICOM))``). Where two rules share a prefix,
    the later one wins.
    """
    index = _DEFAULT_INDEX if rules is SEGMENT_RULES else _index(tuple(rules))
    for length, table in index:
        rule = table.get(number_digits[:length])
        if rule is not None:
            return rule
    return None


_MOBILE = re.compile(r"1[0-9]{10}")
_MOBILE_SEPARATORS = re.compile(r"[ \-]")
_COUNTRY_PREFIXES = ("+86", "0086", "86")
_MOBILE_LENGTH = 11
_SHOWN_HEAD = 3
_SHOWN_TAIL = 4


def _check_mobile(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _MOBILE.fullmatch(value):
        raise MOBILE_FORMAT.error(field="mobile")
    if classify(value) is None:
        raise MOBILE_SEGMENT.error(field="mobile", segment=value[:3])


def _require_text(text: object, code: ErrorCode[InvalidInput], field: str) -> str:
    if not isinstance(text, str):
        raise code.error(f"expected text, not {type(text).__name__}", field=field)
    return text


@attrs.frozen(slots=True)
class MobileNumber:
    """A mainland mobile number of 11 digits in a segment some carrier owns (F-AUTH-1)."""

    value: str = attrs.field(validator=_check_mobile)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a typed number: spaces and hyphens, and a ``+86``/``0086``/``86`` prefix, are ok.

        ``86`` alone is taken as the country code only when 13 digits remain, so that no
        11-digit number is ever cut.
        """
        text = _require_text(text, MOBILE_FORMAT, "mobile").strip()
        digits = _MOBILE_SEPARATORS.sub("", text)
        for prefix in _COUNTRY_PREFIXES:
            if digits.startswith(prefix) and len(digits) == len(prefix) + _MOBILE_LENGTH:
                digits = digits[len(prefix) :]
                break
        return cls(digits)

    @property
    def rule(self) -> SegmentRule:
        """The numbering-plan rule that owns this number."""
        rule = classify(self.value)
        if rule is None:  # pragma: no cover - the validator guarantees a rule
            raise AssertionError(self.value)
        return rule

    @property
    def segment(self) -> str:
        """The 3-digit segment (号段), e.g. ``186``."""
        return self.value[:3]

    @property
    def carrier(self) -> Carrier:
        """The operator owning the segment."""
        return self.rule.carrier

    @property
    def is_virtual(self) -> bool:
        """Whether the number belongs to a virtual network operator's block."""
        return self.rule.virtual

    @property
    def is_unicom(self) -> bool:
        """Whether China Unicom owns the segment (including its virtual blocks)."""
        return self.carrier is Carrier.UNICOM

    def masked(self) -> str:
        """Hide the middle four digits: ``186****5678``."""
        return f"{self.value[:_SHOWN_HEAD]}****{self.value[-_SHOWN_TAIL:]}"

    def __str__(self) -> str:
        return self.value


_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_EMAIL_TLD = re.compile(r"[a-z]{2,63}")
_EMAIL_MAX_LENGTH = 254
_EMAIL_LOCAL_MAX_LENGTH = 64
_EMAIL_MIN_LABELS = 2  # a host name and a top-level domain at least


def _email_problem(value: object) -> str | None:
    """Say what is wrong with a canonical e-mail address, or ``None`` when it is fine."""
    if not isinstance(value, str) or len(value) > _EMAIL_MAX_LENGTH:
        return f"an e-mail address is text of at most {_EMAIL_MAX_LENGTH} characters"
    local, at, domain = value.partition("@")
    if not at or "@" in domain:
        return "an e-mail address has exactly one @"
    if len(local) > _EMAIL_LOCAL_MAX_LENGTH or not _EMAIL_LOCAL.fullmatch(local):
        return "the part before @ is 1-64 letters, digits or !#$%&'*+/=?^_`{|}~- with single dots"
    labels = domain.split(".")
    if len(labels) < _EMAIL_MIN_LABELS or not all(map(_EMAIL_LABEL.fullmatch, labels)):
        return "the domain is lower-case labels of letters, digits and inner hyphens, with a dot"
    if not _EMAIL_TLD.fullmatch(labels[-1]):
        return "the domain ends in a top-level domain of two or more letters"
    return None


def _check_email(_instance: object, _attribute: Attribute[str], value: object) -> None:
    problem = _email_problem(value)
    if problem is not None:
        raise EMAIL_FORMAT.error(problem, field="email")


@attrs.frozen(slots=True)
class EmailAddress:
    """An e-mail address in a pragmatic RFC 5322 subset, domain lower-cased (F-AUTH-1)."""

    value: str = attrs.field(validator=_check_email)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a typed address: strip surrounding spaces and lower-case an ASCII domain."""
        local, at, domain = _require_text(text, EMAIL_FORMAT, "email").strip().rpartition("@")
        # Only ASCII is lower-cased: str.lower() maps e.g. the Kelvin sign to "k".
        return cls(f"{local}{at}{domain.lower() if domain.isascii() else domain}")

    @property
    def local_part(self) -> str:
        """The part before ``@``, case kept as the mailbox owner wrote it."""
        return self.value.rpartition("@")[0]

    @property
    def domain(self) -> str:
        """The lower-case domain after ``@``."""
        return self.value.rpartition("@")[2]

    def masked(self) -> str:
        """Show the first character of the mailbox and the domain: ``z***@example.com``."""
        return f"{self.local_part[0]}***@{self.domain}"

    def __str__(self) -> str:
        return self.value


_FIXED_LINE = re.compile(r"[2-9][0-9]{6,7}")
_FIXED_LINE_SEPARATORS = re.compile(r"[ \-]")


def _check_fixed_line(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if isinstance(value, str) and _FIXED_LINE.fullmatch(value):
        return
    message = "a fixed-line number is 7 or 8 digits, the first one 2-9"
    if isinstance(value, str) and value.startswith("0"):
        message += "; leave out the area code (区号) and its leading 0"
    raise FIXED_LINE_FORMAT.error(message, field="fixed_line")


@attrs.frozen(slots=True)
class FixedLineNumber:
    """A fixed-line number of 7 or 8 digits without its area code (F-AUTH-1)."""

    value: str = attrs.field(validator=_check_fixed_line)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a typed number: surrounding and inner spaces and hyphens are formatting."""
        text = _require_text(text, FIXED_LINE_FORMAT, "fixed_line")
        return cls(_FIXED_LINE_SEPARATORS.sub("", text.strip()))

    def __str__(self) -> str:
        return self.value


_BROADBAND = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{3,31}")


def _check_broadband(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _BROADBAND.fullmatch(value):
        raise BROADBAND_FORMAT.error(field="broadband")


@attrs.frozen(slots=True)
class BroadbandAccount:
    """A broadband account name, case preserved (F-AUTH-1)."""

    value: str = attrs.field(validator=_check_broadband)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a typed account name: only surrounding spaces are formatting."""
        return cls(_require_text(text, BROADBAND_FORMAT, "broadband").strip())

    def __str__(self) -> str:
        return self.value


class LoginType(enum.Enum):
    """The kind of user name a subscriber chose on the login form (F-AUTH-1)."""

    MOBILE = "mobile"
    EMAIL = "email"
    FIXED_LINE = "fixed_line"
    BROADBAND = "broadband"


LoginIdentifier: TypeAlias = MobileNumber | EmailAddress | FixedLineNumber | BroadbandAccount

_PARSERS: dict[LoginType, Callable[[str], LoginIdentifier]] = {
    LoginType.MOBILE: MobileNumber.parse,
    LoginType.EMAIL: EmailAddress.parse,
    LoginType.FIXED_LINE: FixedLineNumber.parse,
    LoginType.BROADBAND: BroadbandAccount.parse,
}


def parse_login_identifier(login_type: LoginType, text: str) -> LoginIdentifier:
    """Parse ``text`` as the user name of the chosen ``login_type`` (F-AUTH-1).

    Raises:
        InvalidInput: ``login.type`` for an unknown login type, else the code of the kind.
    """
    parser = _PARSERS.get(login_type) if isinstance(login_type, LoginType) else None
    if parser is None:
        raise LOGIN_TYPE.error(field="login_type")
    return parser(text)
