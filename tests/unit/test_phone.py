"""F-AUTH-1: login user names: mobile numbers, e-mail addresses, fixed lines, broadband."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import (
    SEGMENT_RULES,
    BroadbandAccount,
    Carrier,
    EmailAddress,
    FixedLineNumber,
    LoginType,
    MobileNumber,
    SegmentRule,
    classify,
    parse_login_identifier,
)
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies.identity import (
    broadband_accounts,
    email_addresses,
    fixed_line_numbers,
    login_identifiers,
    mobile_numbers,
)

# The numbering plan as the brief states it (MIIT numbering plan as published), written out
# here independently of the module's table.
UNICOM = "130 131 132 145 146 155 156 166 167 171 175 176 185 186 196 1704 1707 1708 1709"
MOBILE = (
    "134 135 136 137 138 139 147 148 150 151 152 157 158 159 172 178 182 183 184 187 188 "
    "195 197 198 1703 1705 1706 165"
)
TELECOM = "133 1349 149 153 173 1740 177 180 181 189 190 191 193 199 1700 1701 1702 162"
BROADNET = "192"
VIRTUAL = "1700 1701 1702 1703 1704 1705 1706 1707 1708 1709 162 165 167 171"
EXPECTED_CARRIER = {
    prefix: carrier
    for prefixes, carrier in (
        (UNICOM, Carrier.UNICOM),
        (MOBILE, Carrier.MOBILE),
        (TELECOM, Carrier.TELECOM),
        (BROADNET, Carrier.BROADNET),
    )
    for prefix in prefixes.split()
}


def _numbers_in(prefix: str) -> list[str]:
    return [prefix + filler * (11 - len(prefix)) for filler in "059"]


@pytest.mark.parametrize("prefix", UNICOM.split())
def test_f_auth_1_unicom_segments_are_unicom(prefix: str) -> None:
    for number in _numbers_in(prefix):
        mobile = MobileNumber(number)
        assert mobile.carrier is Carrier.UNICOM
        assert mobile.is_unicom


@pytest.mark.parametrize("prefix", sorted(EXPECTED_CARRIER))
def test_f_auth_1_every_segment_classifies_to_its_carrier(prefix: str) -> None:
    for number in _numbers_in(prefix):
        if prefix == "134" and number.startswith("1349"):
            continue  # 1349 is Telecom's block, checked below
        rule = classify(number)
        assert rule is not None
        assert rule.carrier is EXPECTED_CARRIER[prefix]
        assert rule.virtual == (prefix in VIRTUAL.split())
        assert MobileNumber(number).is_virtual == rule.virtual


def test_f_auth_1_the_table_holds_exactly_the_published_segments() -> None:
    table = {rule.prefix: rule.carrier for rule in SEGMENT_RULES}
    assert table == EXPECTED_CARRIER
    assert {rule.prefix for rule in SEGMENT_RULES if rule.virtual} == set(VIRTUAL.split())


def test_f_auth_1_134_is_mobile_but_1349_is_telecom() -> None:
    for block in "012345678":
        assert MobileNumber(f"134{block}1234567").carrier is Carrier.MOBILE
    assert MobileNumber("13491234567").carrier is Carrier.TELECOM
    assert MobileNumber("17401234567").carrier is Carrier.TELECOM


def test_f_auth_1_a_carrier_extends_the_plan_with_its_own_rules() -> None:
    assert classify("14101234567") is None
    extended = (*SEGMENT_RULES, SegmentRule("1410", Carrier.UNICOM))
    assert classify("14101234567", extended) == SegmentRule("1410", Carrier.UNICOM)
    assert classify("18612345678", extended) == SegmentRule("186", Carrier.UNICOM)
    own = [SegmentRule("186", Carrier.UNICOM), SegmentRule("1861", Carrier.MOBILE, virtual=True)]
    assert classify("18612345678", own) == SegmentRule("1861", Carrier.MOBILE, virtual=True)
    assert classify("18622345678", own) == SegmentRule("186", Carrier.UNICOM)
    assert classify("13012345678", own) is None


@pytest.mark.parametrize(
    ("prefix", "carrier", "virtual"),
    [
        ("14", Carrier.UNICOM, False),
        ("2861", Carrier.UNICOM, False),
        (186, Carrier.UNICOM, False),
        ("186", "unicom", False),
        ("186", Carrier.UNICOM, "yes"),
    ],
)
def test_f_auth_1_bad_segment_rules_are_invalid_input(
    prefix: object, carrier: object, virtual: object
) -> None:
    with pytest.raises(InvalidInput) as caught:
        SegmentRule(prefix, carrier, virtual)  # type: ignore[arg-type]
    assert caught.value.code == "mobile.segment_rule"


@pytest.mark.parametrize(
    "text",
    [
        "+86 186-1234-5678",
        "+8618612345678",
        "8618612345678",
        "008618612345678",
        "0086 186 1234 5678",
        "186-1234-5678",
        " 186 1234 5678 ",
        "\t18612345678\n",
        "+86-186-1234-5678",
    ],
)
def test_f_auth_1_typed_mobile_numbers_parse(text: str) -> None:
    mobile = MobileNumber.parse(text)
    assert mobile == MobileNumber("18612345678")
    assert str(mobile) == "18612345678"
    assert mobile.segment == "186"
    assert mobile.masked() == "186****5678"


def test_f_auth_1_86_is_a_country_code_only_before_eleven_digits() -> None:
    assert MobileNumber.parse("8613812345678").value == "13812345678"
    with pytest.raises(InvalidInput) as caught:
        MobileNumber.parse("86186123456")  # 11 digits starting 86: not a mobile number
    assert caught.value.code == "mobile.format"


@pytest.mark.parametrize(
    "text",
    [
        "186123456789",  # 12 digits
        "1861234567",  # 10 digits
        "abcdefghijk",
        "1861234567a",
        "28612345678",  # does not start with 1
        "１８６１２３４５６７８",  # full-width digits
        "+1 186 1234 5678",
        "(+86) 18612345678",
        "186.1234.5678",
        "",
    ],
)
def test_f_auth_1_malformed_mobile_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        MobileNumber.parse(text)
    assert caught.value.code == "mobile.format"
    assert caught.value.data["field"] == "mobile"


@pytest.mark.parametrize("text", ["10012345678", "12012345678", "11012345678", "17412345678"])
def test_f_auth_1_segments_no_carrier_owns_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        MobileNumber.parse(text)
    assert caught.value.code == "mobile.segment"
    assert caught.value.data["segment"] == text[:3]


@pytest.mark.parametrize(
    "value", [" 18612345678", "186-1234-5678", "+8618612345678", "18612345678\n", 18612345678, None]
)
def test_f_auth_1_the_mobile_constructor_takes_the_canonical_form_only(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        MobileNumber(value)  # type: ignore[arg-type]
    assert caught.value.code == "mobile.format"


def test_f_auth_1_mobile_parse_refuses_non_text() -> None:
    with pytest.raises(InvalidInput) as caught:
        MobileNumber.parse(18612345678)  # type: ignore[arg-type]
    assert caught.value.code == "mobile.format"


@given(mobile_numbers())
def test_f_auth_1_mobile_numbers_round_trip(mobile: MobileNumber) -> None:
    assert MobileNumber.parse(str(mobile)) == mobile
    assert MobileNumber.parse(f"+86 {mobile.value[:3]}-{mobile.value[3:]}") == mobile
    assert mobile.segment == mobile.value[:3]
    assert mobile.is_unicom == (mobile.carrier is Carrier.UNICOM)
    masked = mobile.masked()
    assert masked == mobile.value[:3] + "****" + mobile.value[7:]


@given(st.sampled_from(Carrier), st.data())
def test_f_auth_1_mobile_numbers_of_a_carrier_belong_to_it(
    carrier: Carrier, data: st.DataObject
) -> None:
    mobile = data.draw(mobile_numbers(carrier))
    assert mobile.carrier is carrier


@pytest.mark.parametrize(
    "text",
    [
        "zhang.san@example.com",
        "a@b.cn",
        "user+tag@mail.example.com.cn",
        "o'brien@example.org",
        "x!#$%&'*+/=?^_`{|}~-@ex-ample.com",
        "Zhang.San@10010.com",
        "a" * 64 + "@example.com",
        "a@" + "b" * 63 + ".com",
    ],
)
def test_f_auth_1_valid_email_addresses(text: str) -> None:
    email = EmailAddress(text)
    assert str(email) == text
    assert EmailAddress.parse(text) == email


def test_f_auth_1_email_parse_lower_cases_the_domain_and_keeps_the_local_part() -> None:
    email = EmailAddress.parse("  Zhang.San@Example.COM ")
    assert email.value == "Zhang.San@example.com"
    assert email.local_part == "Zhang.San"
    assert email.domain == "example.com"
    assert email.masked() == "Z***@example.com"


@pytest.mark.parametrize(
    "text",
    [
        "plainaddress",
        "a@@b.com",
        "a@b@c.com",
        ".a@b.com",
        "a.@b.com",
        "a..b@b.com",
        "@b.com",
        "a@b",
        "a@b.c",  # one-letter top-level domain
        "a@b.c1",
        "a@-b.com",
        "a@b-.com",
        "a@b..com",
        "a@.b.com",
        "a b@c.com",
        "a@B.com",  # the constructor takes the lower-case domain only
        "ü@example.com",
        "a@exämple.com",
        "a@example.com\n",
        "a" * 65 + "@example.com",
        "a@" + "b" * 64 + ".com",
        "a@" + "b." * 125 + "com",  # 255 characters
        "",
    ],
)
def test_f_auth_1_invalid_email_addresses(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        EmailAddress(text)
    assert caught.value.code == "email.format"
    assert caught.value.data["field"] == "email"


@pytest.mark.parametrize("text", ["a@\u212aexample.com", "a@b.C\u0130", 42])
def test_f_auth_1_email_parse_lower_cases_nothing_into_ascii(text: object) -> None:
    # The Kelvin sign would become "k" under str.lower(); it must be refused instead.
    with pytest.raises(InvalidInput) as caught:
        EmailAddress.parse(text)  # type: ignore[arg-type]
    assert caught.value.code == "email.format"


@given(email_addresses())
def test_f_auth_1_email_addresses_round_trip(email: EmailAddress) -> None:
    assert EmailAddress.parse(str(email)) == email
    upper_domain = f" {email.local_part}@{email.domain.upper()} "
    assert EmailAddress.parse(upper_domain) == email
    assert email.masked() == f"{email.value[0]}***@{email.domain}"
    assert len(email.value) <= 254


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6666888", "6666888"),
        ("66668888", "66668888"),
        ("6666-8888", "66668888"),
        (" 6666 8888 ", "66668888"),
        ("2345678", "2345678"),
    ],
)
def test_f_auth_1_fixed_line_numbers_without_area_code(text: str, value: str) -> None:
    fixed = FixedLineNumber.parse(text)
    assert fixed.value == value
    assert str(fixed) == value


@pytest.mark.parametrize(
    "text",
    ["1234567", "666688", "666688889", "abcdefg", "6666888a", "６６６６８８８８", "", "6666.8888"],
)
def test_f_auth_1_malformed_fixed_lines_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        FixedLineNumber.parse(text)
    assert caught.value.code == "fixed_line.format"
    assert "area code" not in caught.value.message


@pytest.mark.parametrize("text", ["010-66668888", "02066668888", "0755 8888 6666"])
def test_f_auth_1_fixed_line_with_area_code_hints_to_leave_it_out(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        FixedLineNumber.parse(text)
    assert caught.value.code == "fixed_line.format"
    assert "area code" in caught.value.message


@pytest.mark.parametrize("value", ["6666-8888", " 66668888", 66668888])
def test_f_auth_1_the_fixed_line_constructor_takes_the_canonical_form_only(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        FixedLineNumber(value)  # type: ignore[arg-type]
    assert caught.value.code == "fixed_line.format"


@given(fixed_line_numbers())
def test_f_auth_1_fixed_lines_round_trip(fixed: FixedLineNumber) -> None:
    assert FixedLineNumber.parse(str(fixed)) == fixed
    assert len(fixed.value) in {7, 8}
    assert fixed.value[0] in "23456789"


@pytest.mark.parametrize(
    "text", ["abcd", "a" * 32, "user.name_01-x@gd", "ADSL2016", "07550001234", "9abc"]
)
def test_f_auth_1_broadband_accounts_keep_their_case(text: str) -> None:
    account = BroadbandAccount.parse(f" {text} ")
    assert account == BroadbandAccount(text)
    assert str(account) == text


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "a" * 33,
        "_abc",
        ".abcd",
        "@abcd",
        "-abcd",
        "ab cd",
        "ab#cd",
        "张三abcd",
        "",
        " abcd",
        1234,
    ],
)
def test_f_auth_1_malformed_broadband_accounts_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        BroadbandAccount(value)  # type: ignore[arg-type]
    assert caught.value.code == "broadband.format"
    assert caught.value.data["field"] == "broadband"


@given(broadband_accounts())
def test_f_auth_1_broadband_accounts_round_trip(account: BroadbandAccount) -> None:
    assert BroadbandAccount.parse(str(account)) == account
    assert 4 <= len(account.value) <= 32


@pytest.mark.parametrize(
    ("login_type", "text", "expected"),
    [
        (LoginType.MOBILE, "+86 186-1234-5678", MobileNumber("18612345678")),
        (LoginType.EMAIL, "Zhang@Example.com", EmailAddress("Zhang@example.com")),
        (LoginType.FIXED_LINE, "6666-8888", FixedLineNumber("66668888")),
        (LoginType.BROADBAND, "gd_adsl01", BroadbandAccount("gd_adsl01")),
    ],
)
def test_f_auth_1_the_chosen_login_type_decides_the_parser(
    login_type: LoginType, text: str, expected: object
) -> None:
    assert parse_login_identifier(login_type, text) == expected


@pytest.mark.parametrize(
    ("login_type", "text", "code"),
    [
        (LoginType.FIXED_LINE, "18612345678", "fixed_line.format"),
        (LoginType.MOBILE, "zhang@example.com", "mobile.format"),
        (LoginType.EMAIL, "18612345678", "email.format"),
        (LoginType.BROADBAND, "zhang san", "broadband.format"),
    ],
)
def test_f_auth_1_text_of_another_login_type_is_refused(
    login_type: LoginType, text: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_login_identifier(login_type, text)
    assert caught.value.code == code


@pytest.mark.parametrize("login_type", ["mobile", None, 1])
def test_f_auth_1_an_unknown_login_type_is_refused(login_type: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_login_identifier(login_type, "18612345678")  # type: ignore[arg-type]
    assert caught.value.code == "login.type"


KINDS = {
    LoginType.MOBILE: MobileNumber,
    LoginType.EMAIL: EmailAddress,
    LoginType.FIXED_LINE: FixedLineNumber,
    LoginType.BROADBAND: BroadbandAccount,
}


@given(login_identifiers())
def test_f_auth_1_generated_login_names_parse_to_their_kind(pair: tuple[LoginType, str]) -> None:
    login_type, text = pair
    identifier = parse_login_identifier(login_type, text)
    assert isinstance(identifier, KINDS[login_type])
    assert parse_login_identifier(login_type, str(identifier)) == identifier
