"""The payment-port contract bound to the sandbox and to Alipay on a local stub (F-PAY-3).

The Alipay binding starts :class:`~unicom_payments.alipay_stub.AlipayStub` on 127.0.0.1: it
holds its own RSA key pair made at start, checks the adapter's RSA2 signatures with the
merchant's public key, and signs its answers and notifications.
"""

from __future__ import annotations

from urllib.request import urlopen

import pytest
from unicom_payments import AlipayGateway, AlipaySettings, SandboxPaymentGateway
from unicom_payments.alipay_stub import AlipayStub, generate_key_pair

from unicom_core.domain.payments import ActionKind
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.testing.contracts import PaymentGatewayContract

APP_ID = "2016051700000001"


class TestSandboxGateway(PaymentGatewayContract):
    def make_gateway(self):
        return SandboxPaymentGateway()

    def genuine_notification(self, gateway, key):
        notices = [n for n in gateway.take_notifications() if n["out_trade_no"] == key]
        return notices[-1]


class TestMemoryGateway(PaymentGatewayContract):
    def make_gateway(self):
        return MemoryPaymentGateway()

    def genuine_notification(self, gateway, key):
        return gateway.notification(key)


class TestAlipayGateway(PaymentGatewayContract):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _stub(cls):
        cls.merchant = generate_key_pair()
        with AlipayStub(APP_ID, cls.merchant.public_pem) as stub:
            cls.stub = stub
            yield

    def make_gateway(self):
        settings = AlipaySettings(
            app_id=APP_ID,
            app_private_key=self.merchant.private_pem,
            alipay_public_key=self.stub.keys.public_pem,
            gateway_url=self.stub.url,
            timeout=5,
        )
        return AlipayGateway(settings)

    def pay(self, gateway, result):  # noqa: ARG002 - the hook's signature
        assert result.action is not None
        assert result.action.kind is ActionKind.REDIRECT
        with urlopen(result.action.payload, timeout=5) as page:  # noqa: S310 - the stub's URL
            page.read()
        self.stub.buyer_pays(result.idempotency_key)

    def genuine_notification(self, gateway, key):  # noqa: ARG002 - the hook's signature
        return self.stub.notification(key)
