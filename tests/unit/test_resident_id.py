"""F-REAL-3: resident ID numbers checked by GB 11643-1999 and masked wherever shown.

Every check character below is derived by hand from the weights of GB 11643-1999
(ISO 7064 MOD 11-2): position weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, and the
weighted sum mod 11 = 0 1 2 3 4 5 6 7 8 9 10 gives the check 1 0 X 9 8 7 6 5 4 3 2.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from unicom_core.domain.shared import ResidentId, Sex, check_character
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies.identity import first_generation_ids, resident_ids

# The GB 11643-1999 example 11010519491231002X (Beijing Chaoyang, 1949-12-31, sequence 002):
#   digits   1  1   0  1  0  5  1  9  4  9  1  2   3  1  0  0  2
#   weights  7  9  10  5  8  4  2  1  6  3  7  9  10  5  8  4  2
#   products 7  9   0  5  0 20  2  9 24 27  7 18  30  5  0  0  4  -> sum 167
#   167 = 15 * 11 + 2, and remainder 2 maps to X.
STANDARD_X = "11010519491231002X"

# The same person's neighbour with sequence 001: only the last product changes, 1 * 2 = 2
# instead of 2 * 2 = 4, so the sum is 165 = 15 * 11 + 0, and remainder 0 maps to 1.
NUMERIC_MALE = "110105194912310011"

# A Guangdong number born 1980-01-01, sequence 001:
#   digits   4  4   0  5  2  4  1  9  8  0  0  1   0  1  0  0  1
#   products 28 36  0 25 16 16  2  9 48  0  0  9   0  5  0  0  2  -> sum 196
#   196 = 17 * 11 + 9, and remainder 9 maps to 3.
GUANGDONG = "440524198001010013"

# Born on a leap day, 2000-02-29, sequence 001:
#   digits   1  1   0  1  0  5  2  0  0  0  0  2   2  9  0  0  1
#   products 7  9   0  5  0 20  4  0  0  0  0 18  20 45  0  0  2  -> sum 130
#   130 = 11 * 11 + 9, and remainder 9 maps to 3.
LEAP_DAY = "110105200002290013"

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_f_real_3_standard_example_has_check_x() -> None:
    resident = ResidentId(STANDARD_X)
    assert resident.value == STANDARD_X
    assert check_character(STANDARD_X[:17]) == "X"
    assert resident.region_code == "110105"
    assert resident.province_code == "11"
    assert resident.birth_date == dt.date(1949, 12, 31)
    assert resident.sequence == "002"
    assert resident.sex is Sex.FEMALE  # 17th digit 2 is even


def test_f_real_3_numeric_check_digits() -> None:
    assert ResidentId(NUMERIC_MALE).sex is Sex.MALE  # 17th digit 1 is odd
    resident = ResidentId(GUANGDONG)
    assert resident.region_code == "440524"
    assert resident.birth_date == dt.date(1980, 1, 1)
    assert resident.sex is Sex.MALE


def test_f_real_3_standard_example_of_1880_has_check_4_but_birth_before_1900_is_refused() -> None:
    # GB 11643's 440524188001010014:
    #   digits   4  4   0  5  2  4  1  8  8  0  0  1   0  1  0  0  1
    #   products 28 36  0 25 16 16  2  8 48  0  0  9   0  5  0  0  2  -> sum 195
    #   195 = 17 * 11 + 8, and remainder 8 maps to 4.
    assert check_character("44052418800101001") == "4"
    # The check is right, but this library accepts birth years from 1900 on only.
    with pytest.raises(InvalidInput) as caught:
        ResidentId.parse("440524188001010014")
    assert caught.value.code == "resident_id.birth_date"


def test_f_real_3_first_generation_number_is_upgraded() -> None:
    # 110105491231002 -> insert 19 -> 11010519491231002, whose sum 167 (see STANDARD_X)
    # leaves remainder 2, so the check is X.
    assert ResidentId.parse("110105491231002").value == STANDARD_X
    assert ResidentId.upgrade_first_generation("110105491231002").value == STANDARD_X
    assert ResidentId.parse(" 110105491231002\n").value == STANDARD_X


def test_f_real_3_parse_accepts_lower_case_x_and_surrounding_spaces() -> None:
    assert ResidentId.parse("11010519491231002x").value == STANDARD_X
    assert ResidentId.parse("  11010519491231002X\t") == ResidentId(STANDARD_X)


def test_f_real_3_constructor_takes_the_canonical_form_only() -> None:
    for text in ("11010519491231002x", " 11010519491231002X", "110105491231002"):
        with pytest.raises(InvalidInput) as caught:
            ResidentId(text)
        assert caught.value.code == "resident_id.format"
        assert caught.value.data["field"] == "resident_id"


def test_f_real_3_masked_everywhere_it_is_shown() -> None:
    resident = ResidentId(STANDARD_X)
    assert resident.masked() == "110105********002X"
    assert str(resident) == "110105********002X"
    assert f"{resident}" == "110105********002X"
    assert repr(resident) == "ResidentId('110105********002X')"
    assert STANDARD_X not in repr([resident])


def test_f_real_3_age_counts_full_years() -> None:
    resident = ResidentId(STANDARD_X)  # born 1949-12-31
    assert resident.age_on(dt.date(1949, 12, 31)) == 0
    assert resident.age_on(dt.date(1999, 12, 30)) == 49  # the day before the birthday
    assert resident.age_on(dt.date(1999, 12, 31)) == 50
    assert resident.age_on(dt.datetime(2000, 1, 1, 8, 30, tzinfo=SHANGHAI)) == 50


def test_f_real_3_leap_day_birthday_falls_on_1_march_in_other_years() -> None:
    resident = ResidentId(LEAP_DAY)  # born 2000-02-29
    assert resident.birth_date == dt.date(2000, 2, 29)
    assert resident.age_on(dt.date(2001, 2, 28)) == 0
    assert resident.age_on(dt.date(2001, 3, 1)) == 1
    assert resident.age_on(dt.date(2004, 2, 28)) == 3
    assert resident.age_on(dt.date(2004, 2, 29)) == 4


def test_f_real_3_age_before_birth_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        ResidentId(LEAP_DAY).age_on(dt.date(2000, 2, 28))
    assert caught.value.code == "resident_id.age_date"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("11010519491231002", "resident_id.format"),  # 17 characters
        ("110105194912310021X", "resident_id.format"),  # 19 characters
        ("1101051949123100XX", "resident_id.format"),  # X before the last place
        ("X1010519491231002X", "resident_id.format"),
        ("11010519491231002Y", "resident_id.format"),
        ("１１０１０５１９４９１２３１００２X", "resident_id.format"),  # full-width digits
        ("110105 19491231002X", "resident_id.format"),
        ("", "resident_id.format"),
        ("11010549123100X", "resident_id.format"),  # 15 characters, not 15 digits
        # 10 is no province. With the 1 of 11 at weight 9 gone the sum is 167 - 9 = 158
        # = 14 * 11 + 4, so 8 is the right check: only the region is wrong.
        ("100105194912310028", "resident_id.region"),
        ("990105194912310021", "resident_id.region"),
        ("830105194912310021", "resident_id.region"),
        # 1999-02-29 does not exist. Sum: 7 9 0 5 0 20 | 2 9 54 27 0 18 20 45 0 0 4 = 220
        # = 20 * 11 + 0, so 1 is the right check: only the date is wrong.
        ("110105199902290021", "resident_id.birth_date"),
        ("110105194913310021", "resident_id.birth_date"),  # month 13
        ("110105194912000021", "resident_id.birth_date"),  # day 0
        ("110105189912310021", "resident_id.birth_date"),  # 1899
        ("110105990229001", "resident_id.birth_date"),  # 15 digits: 1999-02-29
        ("990105491231002", "resident_id.region"),  # 15 digits, no province 99
        ("110105194912310020", "resident_id.check_digit"),  # the check is X
        ("440524198001010014", "resident_id.check_digit"),  # the check is 3
    ],
)
def test_f_real_3_each_rule_has_its_code(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        ResidentId.parse(text)
    assert caught.value.code == code
    assert caught.value.data["field"] == "resident_id"
    if text:
        assert text not in str(caught.value)  # the number is never echoed


@pytest.mark.parametrize("value", [None, 11010519491231002, b"11010519491231002X", [STANDARD_X]])
def test_f_real_3_non_text_is_invalid_input(value: object) -> None:
    for build in (ResidentId, ResidentId.parse, ResidentId.upgrade_first_generation):
        with pytest.raises(InvalidInput) as caught:
            build(value)  # type: ignore[arg-type]
        assert caught.value.code == "resident_id.format"


def test_f_real_3_upgrade_needs_exactly_15_digits() -> None:
    for text in (STANDARD_X, "11010549123100", " 110105491231002"):
        with pytest.raises(InvalidInput) as caught:
            ResidentId.upgrade_first_generation(text)
        assert caught.value.code == "resident_id.format"


def test_f_real_3_check_character_needs_17_digits() -> None:
    for text in ("1101051949123100", "11010519491231002X", "1101051949123100a"):
        with pytest.raises(InvalidInput) as caught:
            check_character(text)
        assert caught.value.code == "resident_id.format"


def test_f_real_3_birth_after_today_is_refused_when_today_is_given() -> None:
    assert ResidentId.parse(LEAP_DAY, today=dt.date(2000, 2, 29)).value == LEAP_DAY
    assert ResidentId.parse(LEAP_DAY).value == LEAP_DAY  # no clock, no such check
    with pytest.raises(InvalidInput) as caught:
        ResidentId.parse(LEAP_DAY, today=dt.date(2000, 2, 28))
    assert caught.value.code == "resident_id.birth_date"
    with pytest.raises(InvalidInput):
        ResidentId.parse(LEAP_DAY, today=dt.datetime(2000, 2, 28, 23, 59, tzinfo=SHANGHAI))


@given(resident_ids())
def test_f_real_3_every_valid_id_parses_back_to_itself(resident: ResidentId) -> None:
    assert ResidentId(resident.value) == resident
    assert ResidentId.parse(resident.value) == resident
    assert ResidentId.parse(f"  {resident.value.lower()} ") == resident
    assert hash(ResidentId.parse(resident.value)) == hash(resident)


@given(resident_ids(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_f_real_3_any_single_changed_character_is_refused(
    resident: ResidentId, position: int, replacement: str
) -> None:
    assume(resident.value[position] != replacement)
    changed = resident.value[:position] + replacement + resident.value[position + 1 :]
    with pytest.raises(InvalidInput):
        ResidentId.parse(changed)


@given(resident_ids())
def test_f_real_3_str_and_repr_never_show_the_full_number(resident: ResidentId) -> None:
    masked = resident.masked()
    assert len(masked) == 18
    assert masked == resident.value[:6] + "*" * 8 + resident.value[-4:]
    for shown in (str(resident), repr(resident), f"{resident}", f"{resident!r}"):
        assert resident.value not in shown
        assert masked in shown


@given(resident_ids())
def test_f_real_3_sex_follows_the_parity_of_the_17th_digit(resident: ResidentId) -> None:
    expected = Sex.MALE if resident.value[16] in "13579" else Sex.FEMALE
    assert resident.sex is expected


@given(resident_ids(max_birth=dt.date(2050, 12, 31)), st.integers(min_value=1, max_value=120))
def test_f_real_3_age_turns_on_the_birthday(resident: ResidentId, years: int) -> None:
    birth = resident.birth_date
    assume((birth.month, birth.day) != (2, 29))
    birthday = birth.replace(year=birth.year + years)
    assert resident.age_on(birthday) == years
    assert resident.age_on(birthday - dt.timedelta(days=1)) == years - 1


@given(resident_ids(max_birth=dt.date(2020, 12, 31)), st.dates(max_value=dt.date(2020, 12, 31)))
def test_f_real_3_today_check_matches_the_birth_date(resident: ResidentId, today: dt.date) -> None:
    if resident.birth_date <= today:
        assert ResidentId.parse(resident.value, today=today) == resident
    else:
        with pytest.raises(InvalidInput) as caught:
            ResidentId.parse(resident.value, today=today)
        assert caught.value.code == "resident_id.birth_date"


@given(first_generation_ids())
def test_f_real_3_upgrade_yields_a_valid_id_born_in_19yy(text15: str) -> None:
    upgraded = ResidentId.parse(text15)
    assert ResidentId(upgraded.value) == upgraded
    assert upgraded == ResidentId.upgrade_first_generation(text15)
    assert upgraded.birth_date.year == 1900 + int(text15[6:8])
    assert upgraded.value[:6] == text15[:6]
    assert upgraded.value[8:17] == text15[6:]
