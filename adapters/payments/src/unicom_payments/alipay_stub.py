"""A local stub of Alipay's gateway for tests: its own RSA key pair, our signatures checked.

:class:`AlipayStub` serves ``GET /gateway.do`` on ``127.0.0.1`` (a free port) the way the
open platform does for python-alipay-sdk: it checks the RSA2 signature of every request with
the merchant's public key (a bad one is answered ``isv.invalid-signature``), keeps trades by
``out_trade_no`` and answers ``alipay.trade.page.pay`` / ``app.pay`` (the buyer's page),
``alipay.trade.query``, ``alipay.trade.pay`` (agreement debits) and ``alipay.trade.refund``
(idempotent by ``out_request_no``), signing each answer with **its own** private key, made
with ``cryptography`` when the stub starts. :meth:`AlipayStub.buyer_pays` plays the buyer,
:meth:`AlipayStub.notification` makes the signed form Alipay would post, and
:attr:`AlipayStub.delay` makes every answer late (a client timeout).
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import parse_qsl, urlsplit

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["AlipayStub", "KeyPair", "generate_key_pair"]

_KEY_BITS = 2048


@attrs.frozen
class KeyPair:
    """An RSA key pair as PEM text: what the merchant or the gateway holds."""

    private_pem: str = attrs.field(repr=False)
    public_pem: str


def generate_key_pair() -> KeyPair:
    """A fresh 2048-bit RSA key pair (PKCS#8 private, SubjectPublicKeyInfo public)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private.decode(), public.decode())


def _canonical(fields: dict[str, str], *skip: str) -> str:
    return "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k not in {"sign", *skip})


@attrs.define
class _Trade:
    key: str
    amount: str
    subject: str
    trade_no: str
    status: str = "WAIT_BUYER_PAY"
    refunds: dict[str, str] = attrs.field(factory=dict)


class AlipayStub:
    """The stub gateway; use as a context manager (it serves on a thread while open)."""

    def __init__(self, app_id: str, merchant_public_key: str) -> None:
        self.app_id = app_id
        self.keys = generate_key_pair()
        signer = serialization.load_pem_private_key(self.keys.private_pem.encode(), None)
        merchant = serialization.load_pem_public_key(merchant_public_key.encode())
        if not isinstance(signer, rsa.RSAPrivateKey) or not isinstance(merchant, rsa.RSAPublicKey):
            msg = "the stub signs and checks RSA keys only"
            raise TypeError(msg)
        self._signer, self._merchant = signer, merchant
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self.trades: dict[str, _Trade] = {}
        self.refused: list[str] = []
        """Methods of requests whose signature the stub refused."""
        self.delay = 0.0
        """Seconds every answer waits (set above the client's timeout to lose answers)."""
        self.decline_debits = False
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The gateway URL to configure (``http://127.0.0.1:<port>/gateway.do``)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/gateway.do"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # ------------------------------------------------------------------ the buyer, notifications

    def buyer_pays(self, out_trade_no: str) -> None:
        """The buyer finishes paying an open trade."""
        with self._lock:
            self.trades[out_trade_no].status = "TRADE_SUCCESS"

    def close(self, out_trade_no: str) -> None:
        """The trade times out unpaid."""
        with self._lock:
            self.trades[out_trade_no].status = "TRADE_CLOSED"

    def notification(self, out_trade_no: str, **overrides: str) -> dict[str, str]:
        """The form Alipay posts about a trade, signed by the stub (``overrides`` applied first)."""
        with self._lock:
            trade = self.trades[out_trade_no]
            form = {
                "notify_id": f"n{next(self._numbers):010d}",
                "notify_type": "trade_status_sync",
                "notify_time": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                "app_id": self.app_id,
                "out_trade_no": trade.key,
                "trade_no": trade.trade_no,
                "trade_status": trade.status,
                "total_amount": trade.amount,
                "charset": "utf-8",
                "version": "1.0",
            }
        form.update(overrides)
        form["sign_type"] = "RSA2"
        form["sign"] = self._sign(_canonical(form, "sign_type"))
        return form

    # ------------------------------------------------------------------ the protocol

    def _sign(self, text: str) -> str:
        signature = self._signer.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode()

    def _genuine(self, fields: dict[str, str]) -> bool:
        try:
            signature = base64.b64decode(fields.get("sign", ""))
            self._merchant.verify(
                signature, _canonical(fields).encode(), padding.PKCS1v15(), hashes.SHA256()
            )
        except (InvalidSignature, ValueError):
            return False
        return True

    def answer(self, fields: dict[str, str]) -> str:
        """The raw JSON answer to one request (what the handler writes)."""
        time.sleep(self.delay)
        method = fields.get("method", "")
        response_type = method.replace(".", "_") + "_response"
        if not self._genuine(fields) or fields.get("app_id") != self.app_id:
            self.refused.append(method)
            body = {
                "code": "40002",
                "msg": "Invalid Arguments",
                "sub_code": "isv.invalid-signature",
            }
            return json.dumps({"error_response": body})
        biz = json.loads(fields.get("biz_content", "{}"))
        with self._lock:
            content = self._act(method, biz)
        text = json.dumps(content, separators=(",", ":"), ensure_ascii=False)
        return f'{{"{response_type}":{text},"sign":"{self._sign(text)}"}}'

    def _act(self, method: str, biz: dict[str, Any]) -> dict[str, Any]:
        if method in {"alipay.trade.page.pay", "alipay.trade.app.pay"}:
            self._open(biz)
            return {"code": "10000", "msg": "Success"}
        if method == "alipay.trade.pay":
            trade = self._open(biz)
            trade.status = "TRADE_CLOSED" if self.decline_debits else "TRADE_SUCCESS"
            if self.decline_debits:
                return _failed("ACQ.PAYMENT_AUTH_CODE_INVALID")
            return {"code": "10000", "msg": "Success", **self._facts(trade)}
        found = self.trades.get(str(biz.get("out_trade_no")))
        if found is None:
            return _failed("ACQ.TRADE_NOT_EXIST")
        return self._about(method, found, biz)

    def _about(self, method: str, trade: _Trade, biz: dict[str, Any]) -> dict[str, Any]:
        if method == "alipay.trade.query":
            return {"code": "10000", "msg": "Success", **self._facts(trade)}
        if method == "alipay.trade.refund":
            return self._refund(trade, str(biz["out_request_no"]), str(biz["refund_amount"]))
        return _failed("ACQ.METHOD_NOT_SUPPORTED")

    def _open(self, biz: dict[str, Any]) -> _Trade:
        key = str(biz["out_trade_no"])
        if key not in self.trades:
            number = f"2016051721{next(self._numbers):012d}"
            self.trades[key] = _Trade(key, str(biz["total_amount"]), str(biz["subject"]), number)
        return self.trades[key]

    @staticmethod
    def _facts(trade: _Trade) -> dict[str, Any]:
        return {
            "out_trade_no": trade.key,
            "trade_no": trade.trade_no,
            "trade_status": trade.status,
            "total_amount": trade.amount,
        }

    @staticmethod
    def _refund(trade: _Trade, request_no: str, amount: str) -> dict[str, Any]:
        if trade.status not in {"TRADE_SUCCESS", "TRADE_FINISHED"} and not trade.refunds:
            return _failed("ACQ.TRADE_STATUS_ERROR")
        if request_no not in trade.refunds:
            if amount != trade.amount:
                return _failed("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")
            trade.refunds[request_no] = amount
            trade.status = "TRADE_CLOSED"
        return {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": trade.key,
            "trade_no": trade.trade_no,
            "refund_fee": trade.refunds[request_no],
            "fund_change": "Y",
        }


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up waiting (a timeout test) is no error of the stub."""
        del request, client_address


def _failed(sub_code: str) -> dict[str, Any]:
    return {"code": "40004", "msg": "Business Failed", "sub_code": sub_code, "sub_msg": sub_code}


def _handler(stub: AlipayStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fields = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
            body = stub.answer(fields).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            """Stay quiet in test output."""

    return Handler
