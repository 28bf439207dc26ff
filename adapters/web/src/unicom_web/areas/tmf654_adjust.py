"""TMF654 ``adjustBalance``: operators credit or debit an account with a reason (F-AUTH-6).

``POST adjustBalance`` (the spec's ``AdjustBalance_Create``), for an operator's Bearer token
with scope ``balance.adjust``, goes through ``hall.billing.adjust_balance``: the account is
credited or debited through the domain, so a debit never takes the balance below what the
account allows (403 ``account.insufficient_funds``: a prepaid account never goes below
zero), and the adjustment is audited with its reason in the same transaction. The hall reads:

* ``adjustType``: ``credit`` or ``debit`` (422 ``balance.adjust_kind`` otherwise);
* ``amount``: a ``Quantity`` of CNY, ``amount`` exact yuan with at most two decimals (422
  ``payment.amount`` otherwise: never a float, never rounded);
* ``reason``: **required**, 1-200 printable characters (422 ``balance.adjust_reason``);
* whose balance, one of: ``bucket.id`` (the money bucket, ``{account}:balance``),
  ``partyAccount.id`` (the account), ``logicalResource.id`` (or ``.value``: a number, its
  account); 422 ``balance.adjust_request`` for none, an allowance bucket, or a bucket and an
  account that differ; 404 ``billing.unknown_account`` or ``access.unknown_number``;
* ``requestor``: who asked (``id``, ``@referredType``), echoed; ``description`` is the hall's.

**Idempotency.** The key is the ``Idempotency-Key`` header, else the body's ``id`` (1-64
printable ASCII): the same key again answers the same ``AdjustBalance`` (same ``id``, **201**,
the spec's one success code) and moves no money; the same key for another request is 409
``balance.adjustment_key_reused``. Without either each POST is a new adjustment.

``GET adjustBalance[/{id}]`` lists the adjustments of the session's account (an operator's
with ``tmf.read``: every account's), newest first; the answer's ``status`` is ``confirmed``,
``confirmationDate`` when the money moved and ``description`` the balance after it.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated, Any

import attrs
from litestar import Request, Response, post
from litestar.params import HeaderParameter, JSONBody

from unicom_core.domain.access import BALANCE_ADJUST
from unicom_core.domain.billing import BALANCE_ADJUST_KIND, BALANCE_ADJUST_REQUEST
from unicom_core.domain.shared import MobileNumber
from unicom_core.errors import UnicomError
from unicom_core.usecases.billing import (
    AdjustKind,
    AdjustmentRequest,
    BalanceAdjustment,
    unknown_adjustment,
)
from unicom_web.amounts import YuanAmount
from unicom_web.areas.oauth import is_operator, operator_accounts
from unicom_web.areas.tmf654_bodies import (
    BASE_PATH,
    BucketRef,
    account,
    money_bucket_id,
    msisdn,
    yuan,
)
from unicom_web.deps import Hall, Token
from unicom_web.tmf import (
    TMF_WRITE_ERRORS,
    Quantity,
    Ref,
    TmfContext,
    TmfResource,
    tmf_shape,
    unstructure,
)

__all__ = [
    "ADJUST_BALANCE",
    "AdjustBalance",
    "AdjustBalanceCreate",
    "adjust_body",
    "create_adjust_balance",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"
_BUCKET_SUFFIX = ":balance"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class AdjustBalance:
    """A TMF654 ``AdjustBalance`` as this hall fills it."""

    id: str
    href: str
    adjust_type: str | None = None
    reason: str | None = None
    description: str | None = None
    status: str | None = None
    usage_type: str | None = None
    requested_date: datetime | None = None
    confirmation_date: datetime | None = None
    amount: Quantity | None = None
    bucket: BucketRef | None = None
    party_account: Ref | None = None
    logical_resource: Ref | None = None
    requestor: Ref | None = None
    type_: str = "AdjustBalance"


@attrs.frozen(slots=True, kw_only=True)
class AdjustQuantity:
    """The ``Quantity`` of an adjustment: an exact amount of yuan in CNY."""

    amount: YuanAmount | None = None
    units: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class AdjustBalanceCreate:
    """The schema of a TMF654 ``AdjustBalance_Create`` this hall reads (``amount`` required)."""

    amount: AdjustQuantity
    id: str | None = None
    adjustType: str | None = None  # noqa: N815 - TM Forum field names
    reason: str | None = None
    description: str | None = None
    usageType: str | None = None  # noqa: N815
    bucket: dict[str, Any] | None = None
    partyAccount: dict[str, Any] | None = None  # noqa: N815
    logicalResource: dict[str, Any] | None = None  # noqa: N815
    requestor: dict[str, Any] | None = None
    channel: dict[str, Any] | None = None


def adjust_body(adjustment: BalanceAdjustment, base: str) -> AdjustBalance:
    """The TMF654 ``AdjustBalance`` of an adjustment; ``base`` is the API's URL root."""
    bucket_id = money_bucket_id(adjustment.account_id)
    requestor = None
    if adjustment.requestor is not None:
        kind = adjustment.requestor_type or "Individual"
        requestor = Ref(id=adjustment.requestor, referred_type=kind)
    return AdjustBalance(
        id=adjustment.id,
        href=f"{base}/adjustBalance/{adjustment.id}",
        adjust_type=adjustment.kind.value,
        reason=adjustment.reason,
        description=f"balance after: {adjustment.balance.format_yuan()}",
        status="confirmed",
        usage_type=adjustment.amount.currency,
        requested_date=adjustment.at,
        confirmation_date=adjustment.at,
        amount=yuan(adjustment.amount),
        bucket=BucketRef(id=bucket_id, href=f"{base}/bucket/{bucket_id}", usage_type="CNY"),
        party_account=account(adjustment.account_id),
        logical_resource=None if adjustment.number is None else msisdn(adjustment.number),
        requestor=requestor,
    )


# ---------------------------------------------------------------------- the request


def _invalid(field: str, message: str) -> UnicomError:
    return BALANCE_ADJUST_REQUEST.error(message, field=field)


def _text(ref: dict[str, Any] | None, name: str, field: str) -> str | None:
    value = (ref or {}).get(name)
    if value is not None and not isinstance(value, str):
        raise _invalid(field, f"{field} is a text")
    return value


def _account_of(data: AdjustBalanceCreate) -> str | None:
    """The account ``bucket`` or ``partyAccount`` names (they must agree), or None."""
    bucket_id = _text(data.bucket, "id", "bucket.id")
    named = _text(data.partyAccount, "id", "partyAccount.id")
    from_bucket = None
    if bucket_id is not None:
        if not bucket_id.endswith(_BUCKET_SUFFIX):
            raise _invalid("bucket.id", "only the money bucket ({account}:balance) is adjusted")
        from_bucket = bucket_id.removesuffix(_BUCKET_SUFFIX)
    if from_bucket is not None and named is not None and from_bucket != named:
        raise _invalid("partyAccount.id", "the bucket is another account's")
    return from_bucket or named


def _number_of(data: AdjustBalanceCreate) -> MobileNumber | None:
    ref = data.logicalResource
    text = _text(ref, "id", "logicalResource.id") or _text(ref, "value", "logicalResource.value")
    return None if text is None else MobileNumber.parse(text)


def _kind(data: AdjustBalanceCreate) -> AdjustKind:
    asked = (data.adjustType or "").lower()
    if asked not in {kind.value for kind in AdjustKind}:
        raise BALANCE_ADJUST_KIND.error(field="adjustType")
    return AdjustKind(asked)


def adjustment_request(data: AdjustBalanceCreate, key: str) -> AdjustmentRequest:
    """The core's request of an ``AdjustBalance_Create`` under the idempotency ``key``."""
    amount = data.amount
    if amount.amount is None:
        raise _invalid("amount.amount", "amount.amount is the yuan to adjust")
    if amount.units not in {None, "CNY"}:
        raise _invalid("amount.units", "a balance is adjusted in CNY")
    return AdjustmentRequest(
        key=key,
        kind=_kind(data),
        amount=amount.amount.money,
        reason=data.reason,  # type: ignore[arg-type]  # the core refuses a missing reason
        account_id=_account_of(data),
        number=_number_of(data),
        requestor=_text(data.requestor, "id", "requestor.id"),
        requestor_type=_text(data.requestor, "@referredType", "requestor.@referredType"),
    )


@post(
    "/adjustBalance",
    summary="Creates an AdjustBalance",
    tags=["TMF654"],
    operation_id="createAdjustBalance",
    sync_to_thread=True,
    status_code=201,
    responses=TMF_WRITE_ERRORS,
)
def create_adjust_balance(
    request: Request[Any, Any, Any],
    data: JSONBody[AdjustBalanceCreate],
    hall: Hall,
    token: Token,
    idempotency_key: Annotated[
        str | None, HeaderParameter(name=IDEMPOTENCY_HEADER, min_length=1, max_length=64)
    ] = None,
) -> Response[AdjustBalance]:
    """Credit or debit an account with a reason (operators: ``balance.adjust``), once per key.

    The same ``Idempotency-Key`` (or body ``id``) again answers the first adjustment.
    """
    hall.access.authorize(token, BALANCE_ADJUST)  # 401/403 before the body is read
    key = idempotency_key or data.id or secrets.token_hex(16)
    adjustment, _ = hall.billing.adjust_balance(token, adjustment_request(data, key))
    body = adjust_body(adjustment, TmfContext(request, BASE_PATH).base)
    return Response(unstructure(body), status_code=201, headers={"Location": body.href})


# ---------------------------------------------------------------------- the list


def _adjustments(context: TmfContext) -> list[BalanceAdjustment]:
    hall, token = context.hall, context.token
    if not is_operator(token):
        return list(hall.billing.balance_adjustments(token))
    found = [
        adjustment
        for s in operator_accounts(hall, token)  # the carrier's, for scope tmf.read
        for adjustment in hall.billing.balance_adjustments(token, s.number.identifier)
    ]
    return sorted(found, key=lambda a: (a.at, a.id), reverse=True)


ADJUST_BALANCE: TmfResource[BalanceAdjustment, AdjustBalance] = TmfResource(
    path="adjustBalance",
    body=AdjustBalance,
    load=_adjustments,
    to_body=lambda adjustment, context: adjust_body(adjustment, context.base),
    missing=unknown_adjustment,
    list_doc="The adjustments of the session's account (an operator's: every account's).",
    get_doc="One adjustment of the session's account (an operator's: any account's).",
)
