"""``AlipayGateway``: the Alipay open-platform protocol through python-alipay-sdk (F-PAY-3).

The SDK signs every request with the merchant's RSA2 key and checks every synchronous answer
against Alipay's public key; this adapter maps the protocol onto the payment port:

================  =====================================================================
port call         Alipay
================  =====================================================================
charge PAGE/APP   ``alipay.trade.query`` first (the key may have been paid already), then
                  a signed ``alipay.trade.page.pay`` / ``alipay.trade.app.pay`` order
                  string: PENDING, with the page to open or the string for the app SDK
charge MANDATE    ``alipay.trade.pay`` with the signed agreement (``agreement_params``):
                  code 10000 SUCCEEDED, 10003 PENDING, 40004 FAILED
query             ``alipay.trade.query``: TRADE_SUCCESS / TRADE_FINISHED SUCCEEDED,
                  WAIT_BUYER_PAY PENDING, TRADE_CLOSED FAILED, ACQ.TRADE_NOT_EXIST
                  ``exists=False``
refund            ``alipay.trade.refund`` with ``out_request_no`` = the refund key
notification      the SDK's RSA2 check of the form Alipay posts, then ``app_id``
================  =====================================================================

Amounts travel as decimal strings in yuan (``"49.25"``), never as floats. A lost answer
(timeout, connection error, a reply that cannot be read or whose signature is wrong) is
``UNKNOWN``: the caller asks again with the same key. The gateway URL is configurable
(:attr:`AlipaySettings.gateway_url`): production, Alipay's sandbox, or a local stub.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.error import URLError

import attrs
from alipay import AliPay  # type: ignore[import-untyped]  # the SDK ships no types
from alipay.exceptions import (  # type: ignore[import-untyped]
    AliPayException,
    AliPayValidationError,
)
from alipay.utils import AliPayConfig  # type: ignore[import-untyped]

from unicom_core.domain.payments import (
    PAYMENT_KEY_REUSED_AT_GATEWAY,
    PAYMENT_NOTIFICATION_FORGED,
    PAYMENT_NOTIFICATION_MALFORMED,
    ActionKind,
    PaymentAction,
    PaymentMethod,
    PaymentOutcome,
)
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput
from unicom_core.ports.payments import (
    ChargeRequest,
    GatewayNotification,
    GatewayResult,
    PaymentGateway,
    RefundRequest,
)
from unicom_payments.codes import PAYMENT_GATEWAY_REFUSED, PAYMENT_MANDATE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["PRODUCTION_GATEWAY", "SANDBOX_GATEWAY", "AlipayGateway", "AlipaySettings"]

PRODUCTION_GATEWAY = "https://openapi.alipay.com/gateway.do"
SANDBOX_GATEWAY = "https://openapi-sandbox.dl.alipaydev.com/gateway.do"

_STATUS = {
    "TRADE_SUCCESS": PaymentOutcome.SUCCEEDED,
    "TRADE_FINISHED": PaymentOutcome.SUCCEEDED,
    "WAIT_BUYER_PAY": PaymentOutcome.PENDING,
    "TRADE_CLOSED": PaymentOutcome.FAILED,
}
_SUCCESS, _WAITING, _BUSINESS_FAILED = "10000", "10003", "40004"
_LOST = (URLError, TimeoutError, OSError, ValueError, AliPayValidationError)


@attrs.frozen(slots=True, kw_only=True)
class AlipaySettings:
    """The merchant's app and keys, and where the gateway is.

    ``app_private_key`` is the merchant's RSA private key (PEM); ``alipay_public_key`` is
    Alipay's public key (PEM), never the merchant's own. ``payment_timeout`` is Alipay's
    ``timeout_express`` for page and app payments (keep it within the hall's payment window).
    """

    app_id: str
    app_private_key: str = attrs.field(repr=False)
    alipay_public_key: str
    gateway_url: str = PRODUCTION_GATEWAY
    notify_url: str | None = None
    return_url: str | None = None
    timeout: float = 15.0
    payment_timeout: str = "30m"


def _yuan(amount: Money) -> str:
    return f"{amount.to_decimal():.2f}"


def _money(text: object) -> Money | None:
    try:
        return Money.of_yuan(Decimal(str(text))) if text not in {None, ""} else None
    except (InvalidOperation, InvalidInput):
        return None


class AlipayGateway(PaymentGateway):
    """The payment port on Alipay's open platform (RSA2), through python-alipay-sdk."""

    def __init__(self, settings: AlipaySettings) -> None:
        self._settings = settings
        self._client = AliPay(
            appid=settings.app_id,
            app_notify_url=settings.notify_url,
            app_private_key_string=settings.app_private_key,
            alipay_public_key_string=settings.alipay_public_key,
            sign_type="RSA2",
            config=AliPayConfig(timeout=settings.timeout),
        )
        self._client._gateway = settings.gateway_url  # noqa: SLF001 - the SDK's only setting

    @property
    def name(self) -> str:
        """``"alipay"``."""
        return "alipay"

    # ------------------------------------------------------------------ charge

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """A page or app order string (after a query), or an agreement debit."""
        if request.method is PaymentMethod.MANDATE:
            return self._debit(request)
        known = self.query(request.idempotency_key)
        if known.outcome is PaymentOutcome.UNKNOWN:
            return known
        if known.exists and known.outcome is not PaymentOutcome.PENDING:
            if known.amount is not None and known.amount != request.amount:
                raise PAYMENT_KEY_REUSED_AT_GATEWAY.error()
            return known
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=PaymentOutcome.PENDING,
            action=self._order(request),
        )

    def _order(self, request: ChargeRequest) -> PaymentAction:
        fields: dict[str, Any] = {
            "subject": request.subject or "unicom",
            "out_trade_no": request.idempotency_key,
            "total_amount": _yuan(request.amount),
            "notify_url": self._settings.notify_url,
            "timeout_express": self._settings.payment_timeout,
        }
        if request.method is PaymentMethod.APP:
            order = self._client.api_alipay_trade_app_pay(**fields)
            return PaymentAction(ActionKind.APP_ORDER, order)
        return_url = request.return_url or self._settings.return_url
        order = self._client.api_alipay_trade_page_pay(return_url=return_url, **fields)
        return PaymentAction(ActionKind.REDIRECT, f"{self._settings.gateway_url}?{order}")

    def _debit(self, request: ChargeRequest) -> GatewayResult:
        if not request.mandate:
            raise PAYMENT_MANDATE.error()
        biz = {
            "out_trade_no": request.idempotency_key,
            "total_amount": _yuan(request.amount),
            "subject": request.subject or "unicom",
            "product_code": "GENERAL_WITHHOLDING",
            "agreement_params": {"agreement_no": request.mandate},
        }
        answer = self._call(lambda: self._client.server_api("alipay.trade.pay", biz))
        if answer is None:
            return _lost(request.idempotency_key)
        code = str(answer.get("code", ""))
        outcome = {_SUCCESS: PaymentOutcome.SUCCEEDED, _WAITING: PaymentOutcome.PENDING}.get(
            code, PaymentOutcome.FAILED if code == _BUSINESS_FAILED else PaymentOutcome.UNKNOWN
        )
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=outcome,
            reference=answer.get("trade_no"),
            amount=_money(answer.get("total_amount")) or request.amount,
            reason=str(answer.get("sub_code", "")),
        )

    # ------------------------------------------------------------------ query, refund

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """``alipay.trade.query`` by ``out_trade_no``."""
        answer = self._call(
            lambda: self._client.api_alipay_trade_query(out_trade_no=idempotency_key)
        )
        if answer is None:
            return _lost(idempotency_key)
        if str(answer.get("code")) != _SUCCESS:
            missing = answer.get("sub_code") == "ACQ.TRADE_NOT_EXIST"
            return GatewayResult(
                idempotency_key=idempotency_key,
                outcome=PaymentOutcome.PENDING if missing else PaymentOutcome.UNKNOWN,
                exists=not missing,
                reason=str(answer.get("sub_code", "")),
            )
        return GatewayResult(
            idempotency_key=idempotency_key,
            outcome=_STATUS.get(str(answer.get("trade_status")), PaymentOutcome.UNKNOWN),
            reference=answer.get("trade_no"),
            amount=_money(answer.get("total_amount")),
        )

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """``alipay.trade.refund``, idempotent by ``out_request_no``."""
        extra = {"refund_reason": request.reason} if request.reason else {}
        answer = self._call(
            lambda: self._client.api_alipay_trade_refund(
                _yuan(request.amount),
                out_trade_no=request.payment_key,
                out_request_no=request.idempotency_key,
                **extra,
            )
        )
        if answer is None:
            return _lost(request.idempotency_key)
        code = str(answer.get("code", ""))
        outcome = (
            PaymentOutcome.SUCCEEDED
            if code == _SUCCESS
            else PaymentOutcome.FAILED
            if code == _BUSINESS_FAILED
            else PaymentOutcome.UNKNOWN
        )
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=outcome,
            reference=answer.get("trade_no"),
            amount=_money(answer.get("refund_fee")),
            reason=str(answer.get("sub_code", "")),
        )

    def _call(self, call: Callable[[], Any]) -> dict[str, Any] | None:
        """The verified answer of a synchronous call, or None when it was lost.

        Raises:
            AdapterError: ``payment.gateway_refused`` when Alipay refuses the call itself
                (a wrong app id or key: no retry will help).
        """
        try:
            answer = call()
        except AliPayException as error:
            raise PAYMENT_GATEWAY_REFUSED.error(f"Alipay refused the call: {error}") from error
        except _LOST:
            return None
        return answer if isinstance(answer, dict) else None

    # ------------------------------------------------------------------ notifications

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """The SDK's RSA2 check of the posted form, then its ``app_id`` and fields."""
        data = {str(k): str(v) for k, v in payload.items()}
        signature = data.pop("sign", "")
        try:
            genuine = bool(signature) and self._client.verify(data, signature)
        except (AliPayException, ValueError, TypeError):
            genuine = False
        if not genuine or data.get("app_id") != self._settings.app_id:
            raise PAYMENT_NOTIFICATION_FORGED.error()
        try:
            return GatewayNotification(
                notification_id=data["notify_id"],
                payment_key=data["out_trade_no"],
                outcome=_STATUS.get(data.get("trade_status", ""), PaymentOutcome.UNKNOWN),
                amount=_money(data["total_amount"]),
                reference=data.get("trade_no") or None,
            )
        except KeyError as error:
            raise PAYMENT_NOTIFICATION_MALFORMED.error(f"the notification lacks {error}") from error


def _lost(key: str) -> GatewayResult:
    return GatewayResult(idempotency_key=key, outcome=PaymentOutcome.UNKNOWN, reason="timeout")
