"""Hypothesis strategies for resident ID numbers and login identifiers (F-REAL-3, F-AUTH-1).

Re-exported by :mod:`unicom_core.testing.strategies`. The resident ID check character is
computed here by a small implementation of its own (ISO 7064 MOD 11-2), so that tests built
on these strategies check the domain against an independent reading of GB 11643-1999.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from unicom_core.domain.shared import (
    SEGMENT_RULES,
    BroadbandAccount,
    Carrier,
    EmailAddress,
    FixedLineNumber,
    LoginType,
    MobileNumber,
    ResidentId,
    SegmentRule,
    classify,
)

__all__ = [
    "broadband_accounts",
    "email_addresses",
    "first_generation_ids",
    "fixed_line_numbers",
    "login_identifiers",
    "mobile_numbers",
    "resident_ids",
]

# The province codes of GB/T 2260, written out again rather than imported from the domain.
_PROVINCES = (
    *("11", "12", "13", "14", "15", "21", "22", "23"),
    *("31", "32", "33", "34", "35", "36", "37"),
    *("41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54"),
    *("61", "62", "63", "64", "65", "71", "81", "82"),
)
_EMAIL_LOCAL_ALPHABET = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
_LDH = string.ascii_lowercase + string.digits + "-"
_BROADBAND_FIRST = string.ascii_letters + string.digits
_BROADBAND_REST = _BROADBAND_FIRST + "._-@"


def _mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2: digit i weighs 2**(17 - i) mod 11; the check is (12 - sum) mod 11."""
    total = sum(int(digit) * pow(2, 17 - position, 11) for position, digit in enumerate(first17))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)  # noqa: PLR2004 - ten is written X


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=count, max_size=count)


def _regions() -> st.SearchStrategy[str]:
    return st.builds(
        lambda province, rest: province + rest, st.sampled_from(_PROVINCES), _digits(4)
    )


def resident_ids(
    min_birth: dt.date = dt.date(1900, 1, 1), max_birth: dt.date = dt.date(2099, 12, 31)
) -> st.SearchStrategy[ResidentId]:
    """Generate valid 18-character resident ID numbers born from min_birth to max_birth (F-REAL-3).

    Pass the test's "today" as ``max_birth`` for holders already born. GB 11643 numbers are
    refused before 1900, so an earlier ``min_birth`` counts as 1900-01-01.
    """

    def build(region: str, birth: dt.date, sequence: str) -> ResidentId:
        first17 = f"{region}{birth:%Y%m%d}{sequence}"
        return ResidentId(first17 + _mod11_2(first17))

    births = st.dates(min_value=max(min_birth, dt.date(1900, 1, 1)), max_value=max_birth)
    return st.builds(build, _regions(), births, _digits(3))


def first_generation_ids() -> st.SearchStrategy[str]:
    """Generate valid 15-digit first-generation ID numbers (region, YYMMDD of 19YY, sequence)."""
    births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31))
    return st.builds(
        lambda region, birth, sequence: f"{region}{birth:%y%m%d}{sequence}",
        _regions(),
        births,
        _digits(3),
    )


def mobile_numbers(carrier: Carrier | None = None) -> st.SearchStrategy[MobileNumber]:
    """Generate mobile numbers in the published segments, of one ``carrier`` if given (F-AUTH-1)."""
    rules = [rule for rule in SEGMENT_RULES if carrier is None or rule.carrier is carrier]

    def numbers_of(rule: SegmentRule) -> st.SearchStrategy[str]:
        # Keep only numbers the rule really owns: 134 must not yield a 1349 (Telecom) number.
        return (
            _digits(11 - len(rule.prefix))
            .map(lambda rest: rule.prefix + rest)
            .filter(lambda number: classify(number) == rule)
        )

    return st.sampled_from(rules).flatmap(numbers_of).map(MobileNumber)


def _email_local_parts() -> st.SearchStrategy[str]:
    atoms = st.text(alphabet=_EMAIL_LOCAL_ALPHABET, min_size=1, max_size=12)
    return st.lists(atoms, min_size=1, max_size=4).map(".".join)


def _domain_labels() -> st.SearchStrategy[str]:
    inner = st.text(alphabet=_LDH, max_size=10)
    edge = st.sampled_from(string.ascii_lowercase + string.digits)
    return st.one_of(
        edge, st.builds(lambda first, middle, last: first + middle + last, edge, inner, edge)
    )


def email_addresses() -> st.SearchStrategy[EmailAddress]:
    """Generate valid e-mail addresses in their canonical form, domain lower case (F-AUTH-1)."""
    tlds = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=6)
    domains = st.builds(
        lambda labels, tld: ".".join([*labels, tld]),
        st.lists(_domain_labels(), min_size=1, max_size=3),
        tlds,
    )
    return st.builds(
        lambda local, domain: EmailAddress(f"{local}@{domain}"), _email_local_parts(), domains
    )


def fixed_line_numbers() -> st.SearchStrategy[FixedLineNumber]:
    """Generate fixed-line numbers of 7 or 8 digits without area code (F-AUTH-1)."""
    return st.builds(
        lambda first, rest: FixedLineNumber(first + rest),
        st.sampled_from("23456789"),
        st.one_of(_digits(6), _digits(7)),
    )


def broadband_accounts() -> st.SearchStrategy[BroadbandAccount]:
    """Generate broadband account names of 4-32 characters (F-AUTH-1)."""
    return st.builds(
        lambda first, rest: BroadbandAccount(first + rest),
        st.sampled_from(_BROADBAND_FIRST),
        st.text(alphabet=_BROADBAND_REST, min_size=3, max_size=31),
    )


def _typed_mobile_numbers() -> st.SearchStrategy[str]:
    """A mobile number the way people type it: bare, with +86, or grouped by hyphens/spaces."""
    return mobile_numbers().flatmap(
        lambda number: st.sampled_from(
            (
                number.value,
                f"+86 {number.value}",
                f"{number.value[:3]}-{number.value[3:7]}-{number.value[7:]}",
                f" 0086 {number.value[:3]} {number.value[3:7]} {number.value[7:]} ",
            )
        )
    )


def login_identifiers() -> st.SearchStrategy[tuple[LoginType, str]]:
    """Generate (login type, typed user name) pairs that log-in parsing must accept (F-AUTH-1)."""
    return st.one_of(
        st.tuples(st.just(LoginType.MOBILE), _typed_mobile_numbers()),
        st.tuples(st.just(LoginType.EMAIL), email_addresses().map(str)),
        st.tuples(st.just(LoginType.FIXED_LINE), fixed_line_numbers().map(str)),
        st.tuples(st.just(LoginType.BROADBAND), broadband_accounts().map(str)),
    )
