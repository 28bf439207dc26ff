"""The payment-port contract suite: what every payment gateway adapter must do (F-PAY-3).

Bind it to an adapter by subclassing it in a test module, with a ``Test`` prefix, the
factory method and two hooks that play the outside world::

    from unicom_core.testing.contracts.payments import PaymentGatewayContract

    class TestMyGateway(PaymentGatewayContract):
        def make_gateway(self) -> PaymentGateway:
            return MyGateway(...)              # a gateway with no trades yet

        def pay(self, gateway, result) -> None:
            ...                                # the buyer finishes a PENDING charge

        def genuine_notification(self, gateway, key) -> Mapping[str, str]:
            ...                                # what the provider posts about trade ``key``

The suite checks the port's rules (:mod:`unicom_core.ports.payments.gateway`): idempotent charge and
refund by key, outcomes as values, ``exists=False`` for an unknown key, notifications that
count only with a valid signature.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

import abc
import itertools
from typing import TYPE_CHECKING

import pytest

from unicom_core.domain.payments import PaymentMethod, PaymentOutcome
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput, Refused, UnicomError
from unicom_core.ports.payments import ChargeRequest, GatewayResult, RefundRequest

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.ports.payments import PaymentGateway

__all__ = ["PaymentGatewayContract"]

_KEYS = itertools.count(1)


def _key(prefix: str = "pa") -> str:
    return f"{prefix}_contract_{next(_KEYS):08d}"


class PaymentGatewayContract(abc.ABC):
    """The payment port's contract; subclass it with ``make_gateway()`` and the two hooks."""

    @abc.abstractmethod
    def make_gateway(self) -> PaymentGateway:
        """A gateway with no trades under the suite's keys."""

    def pay(self, gateway: PaymentGateway, result: GatewayResult) -> None:  # noqa: B027 - a hook
        """Make the buyer finish a charge that answered PENDING (default: nothing to do)."""

    @abc.abstractmethod
    def genuine_notification(self, gateway: PaymentGateway, key: str) -> Mapping[str, str]:
        """A notification the provider itself sends about the paid trade ``key``."""

    # ------------------------------------------------------------------ helpers

    def paid(self, gateway: PaymentGateway, amount: Money = Money(4925)) -> ChargeRequest:  # noqa: B008 - a value
        """A charge made and paid; its request."""
        request = ChargeRequest(idempotency_key=_key(), amount=amount, subject="50元话费充值")
        result = gateway.charge(request)
        if result.outcome is PaymentOutcome.PENDING:
            self.pay(gateway, result)
        assert gateway.query(request.idempotency_key).outcome is PaymentOutcome.SUCCEEDED
        return request

    # ------------------------------------------------------------------ the tests

    def test_a_charge_answers_an_outcome_value_for_its_key(self) -> None:
        """A charge answers one of the four outcomes, for the key it was asked under."""
        gateway = self.make_gateway()
        request = ChargeRequest(idempotency_key=_key(), amount=Money(3000), subject="充值")
        result = gateway.charge(request)
        assert result.idempotency_key == request.idempotency_key
        assert result.outcome in set(PaymentOutcome)
        assert isinstance(gateway.name, str)
        assert gateway.name

    def test_a_key_never_charged_does_not_exist(self) -> None:
        """A query under a key never charged says the trade does not exist."""
        result = self.make_gateway().query(_key("never"))
        assert not result.exists
        assert result.outcome is not PaymentOutcome.SUCCEEDED

    def test_a_paid_charge_asked_again_answers_succeeded_and_moves_nothing(self) -> None:
        """The same key again answers SUCCEEDED; the money moved once."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        again = gateway.charge(request)
        assert again.outcome is PaymentOutcome.SUCCEEDED
        query = gateway.query(request.idempotency_key)
        assert query.outcome is PaymentOutcome.SUCCEEDED
        assert query.amount in {None, request.amount}

    def test_a_paid_key_reused_for_another_amount_is_refused(self) -> None:
        """A paid key reused for another amount is ``payment.key_reused``."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        other = ChargeRequest(
            idempotency_key=request.idempotency_key, amount=Money(1), subject="other"
        )
        with pytest.raises(InvalidInput) as raised:
            gateway.charge(other)
        assert raised.value.code == "payment.key_reused"

    def test_a_refund_is_idempotent_by_its_key(self) -> None:
        """The same refund key twice refunds once and answers SUCCEEDED twice."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        refund = RefundRequest(
            idempotency_key=_key("rf"), payment_key=request.idempotency_key, amount=request.amount
        )
        first, second = gateway.refund(refund), gateway.refund(refund)
        assert first.outcome is PaymentOutcome.SUCCEEDED
        assert second.outcome is PaymentOutcome.SUCCEEDED

    def test_an_unpaid_charge_is_not_refunded(self) -> None:
        """A refund of a charge never paid is FAILED."""
        gateway = self.make_gateway()
        refund = RefundRequest(
            idempotency_key=_key("rf"), payment_key=_key("never"), amount=Money(100)
        )
        assert gateway.refund(refund).outcome is PaymentOutcome.FAILED

    def test_a_genuine_notification_is_read(self) -> None:
        """A genuine notification reads back the trade, its outcome and amount."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        notice = gateway.verify_notification(
            self.genuine_notification(gateway, request.idempotency_key)
        )
        assert notice.payment_key == request.idempotency_key
        assert notice.outcome is PaymentOutcome.SUCCEEDED
        assert notice.amount == request.amount
        assert notice.notification_id

    def test_a_tampered_notification_is_refused(self) -> None:
        """Any changed field breaks the signature: ``payment.notification_forged``."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        genuine = dict(self.genuine_notification(gateway, request.idempotency_key))
        for field in sorted(set(genuine) - {"sign_type"}):
            payload = dict(genuine)
            value = payload[field]
            payload[field] = "AAAA" + value[4:] if field == "sign" else value + "0"
            with pytest.raises(Refused) as raised:
                gateway.verify_notification(payload)
            assert raised.value.code == "payment.notification_forged", field

    def test_an_unsigned_notification_is_refused(self) -> None:
        """A notification without a signature never counts."""
        gateway = self.make_gateway()
        request = self.paid(gateway)
        payload = dict(self.genuine_notification(gateway, request.idempotency_key))
        payload.pop("sign", None)
        with pytest.raises(UnicomError) as raised:
            gateway.verify_notification(payload)
        assert raised.value.code == "payment.notification_forged"

    def test_an_app_charge_answers_for_its_key_too(self) -> None:
        """An app charge is idempotent by key like a page charge."""
        gateway = self.make_gateway()
        request = ChargeRequest(
            idempotency_key=_key(), amount=Money(100), subject="充值", method=PaymentMethod.APP
        )
        result = gateway.charge(request)
        assert result.outcome in {PaymentOutcome.PENDING, PaymentOutcome.SUCCEEDED}
        again = gateway.charge(request)
        assert again.idempotency_key == request.idempotency_key
