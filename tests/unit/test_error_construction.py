"""``ErrorCode.error`` builds the same error on its fast path as the class does (F-AUTH-5)."""

from __future__ import annotations

import pickle

import pytest

from unicom_core.domain.access import ACCESS_CAPABILITY_MISSING
from unicom_core.errors import Refused


def test_the_error_is_the_one_the_class_builds():
    made = ACCESS_CAPABILITY_MISSING.error(
        "may not use query.bill", capability="query.bill", credential="random_password"
    )
    built = Refused(
        "access.capability_missing",
        "may not use query.bill",
        capability="query.bill",
        credential="random_password",
    )
    assert type(made) is Refused
    assert (made.code, made.message, dict(made.data), made.args) == (
        built.code,
        built.message,
        dict(built.data),
        built.args,
    )
    assert (str(made), repr(made)) == (str(built), repr(built))
    again = pickle.loads(pickle.dumps(made))  # noqa: S301 - our own error, round-tripped
    assert (type(again), again.code, dict(again.data)) == (Refused, made.code, dict(made.data))


def test_the_data_is_read_only():
    made = ACCESS_CAPABILITY_MISSING.error(capability="query.bill", credential="sms")
    with pytest.raises(TypeError):
        made.data["capability"] = "x"  # type: ignore[index]


class _Tagged(Refused):
    def __init__(self, code: str, message: str, **data: object) -> None:
        super().__init__(code, message, **data)
        self.tagged = True


def test_a_class_with_an_init_of_its_own_is_constructed(monkeypatch):
    monkeypatch.setattr(ACCESS_CAPABILITY_MISSING, "kind", _Tagged)
    made = ACCESS_CAPABILITY_MISSING.error("no", capability="query.bill", credential="sms")
    assert isinstance(made, _Tagged)
    assert made.tagged
    assert (made.message, dict(made.data)) == (
        "no",
        {"capability": "query.bill", "credential": "sms"},
    )


@pytest.mark.parametrize(
    "data", [{}, {"capability": "x"}, {"capability": "x", "credential": "y", "z": 1}]
)
def test_missing_or_unknown_data_is_still_a_type_error(data):
    with pytest.raises(TypeError):
        ACCESS_CAPABILITY_MISSING.error(**data)


def test_a_maker_makes_a_new_error_each_call_equal_to_the_one_error_builds():
    data = {"capability": "query.bill", "credential": "sms"}
    make = ACCESS_CAPABILITY_MISSING.maker("no", **data)
    data["capability"] = "changed afterwards"  # the maker copied what it was given
    first, second = make(), make()
    assert first is not second
    built = ACCESS_CAPABILITY_MISSING.error("no", capability="query.bill", credential="sms")
    for made in (first, second):
        assert type(made) is Refused
        assert (made.code, made.message, dict(made.data), made.args, repr(made)) == (
            built.code,
            built.message,
            dict(built.data),
            built.args,
            repr(built),
        )
    with pytest.raises(TypeError):
        first.data["capability"] = "x"  # type: ignore[index]
    for made in (first, second):  # each raise carries a traceback of its own
        with pytest.raises(Refused) as raised:
            raise made
        assert raised.value.__traceback__ is not None
    assert first.__traceback__ is not second.__traceback__


def test_a_maker_checks_its_data_once_and_constructs_a_class_of_its_own(monkeypatch):
    with pytest.raises(TypeError):
        ACCESS_CAPABILITY_MISSING.maker(capability="x")
    monkeypatch.setattr(ACCESS_CAPABILITY_MISSING, "kind", _Tagged)
    made = ACCESS_CAPABILITY_MISSING.maker("no", capability="query.bill", credential="sms")()
    assert isinstance(made, _Tagged)
    assert made.tagged
