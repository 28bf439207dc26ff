"""WLAN (the carrier's hotspots, F-BIZ-6): on and off, and its password changed or reset.

The WLAN password is a secret. It follows
:data:`~unicom_core.domain.handling.WLAN_PASSWORD_RULE` (8-16 letters and digits, at least one
of each), is stored only as what the hall's
:class:`~unicom_core.ports.access.PasswordHasher` makes of it (salted; argon2id in
production) and is never shown again:

* ``change``: the subscriber gives the new password (a ``secret`` field: the engine leaves it
  out of the request digest); it is hashed and stored, and an SMS tells the number that its
  WLAN password changed (without the password);
* ``reset``: the hall draws a new password with :mod:`secrets`, stores its hash and sends the
  password by SMS through the :class:`~unicom_core.ports.access.MessageSender` to the number.

The business record, its acceptance form, the events and the errors never hold the password
(the change keeps only the action). The SMS is sent last in the handling's transaction: a
failed send (``messaging.failed``) stores nothing. Should the transaction be run again after
a conflict, the subscriber gets a second SMS, and the password of the last one is the valid
one. Only SIM numbers have WLAN (``handling.service_kind``).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.handling import (
    HANDLING_PARAMETER,
    HANDLING_SERVICE_KIND,
    Change,
    Effect,
    check_wlan_password,
)
from unicom_core.domain.shared import MobileNumber
from unicom_core.usecases.handling.handlers import Field, Handler, optional_param
from unicom_core.usecases.handling.service_states import change_state, choice, state_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.ports.access import MessageSender, PasswordHasher
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["RESET_LENGTH", "WlanHandling", "new_wlan_password"]

RESET_LENGTH = 10
"""The length of a password drawn by a reset."""
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I
_ACTIONS = (("on", "开通WLAN"), ("off", "关闭WLAN"), ("change", "修改密码"), ("reset", "重置密码"))
_SUMMARY = {
    "on": "开通WLAN",
    "off": "关闭WLAN",
    "change": "修改WLAN密码",
    "reset": "重置WLAN密码（新密码以短信发送）",
}


def new_wlan_password() -> str:
    """A random WLAN password of :data:`RESET_LENGTH` that follows the rule (F-BIZ-6)."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(RESET_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return check_wlan_password(password)


def _rows(wlan_on: bool, password_set: bool) -> tuple[tuple[str, str], ...]:  # noqa: FBT001
    return (
        ("WLAN", "已开通" if wlan_on else "未开通"),
        ("WLAN密码", "已设置" if password_set else "未设置"),
    )


class WlanHandling(Handler):
    """WLAN on/off, and the change or reset of its password (F-BIZ-6; module docstring)."""

    kind: ClassVar[str] = "wlan"
    title: ClassVar[str] = "WLAN业务"
    capability: ClassVar[Capability] = Capability("handle.wlan")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("action", "操作", choices=_ACTIONS),
        Field(
            "password",
            "新密码",
            required=False,
            hint="仅修改密码时填写：8-16位字母和数字，至少各一个",
            secret=True,
        ),
    )

    def __init__(self, *, hasher: PasswordHasher, messages: MessageSender) -> None:
        self._hasher, self._messages = hasher, messages

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """WLAN on or off now; never anything about the password (F-BIZ-6)."""
        return {"action": "on" if state_of(ctx).wlan_on else "off"}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Check the number and the action (and a new password against the rule)."""
        identifier = ctx.subscriber.number.identifier
        if not isinstance(identifier, MobileNumber):
            raise HANDLING_SERVICE_KIND.error(kind=ctx.subscriber.number.kind.value, service="wlan")
        action = choice(params, "action", _ACTIONS)
        state = state_of(ctx)
        before = _rows(state.wlan_on, state.wlan_password_digest is not None)
        if action in {"on", "off"}:
            state.switch_wlan(on=action == "on", at=ctx.now)
        else:
            password = optional_param(params, "password") if action == "change" else None
            if action == "change":
                check_wlan_password(password or "")
        password_set_after = state.wlan_password_digest is not None or action in {"change", "reset"}
        terms = ("WLAN使用费按号码所用套餐计费。",) if action == "on" else ()
        if action in {"change", "reset"}:
            terms = ("密码只以加密摘要保存，不会再次显示；忘记时请重置。",)
        return Change(
            summary=_SUMMARY[action],
            effect=Effect.NOW,
            before=before,
            after=_rows(state.wlan_on, password_set_after),
            terms=terms,
            params=(("action", action),),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Switch, or hash and store the password (then send the SMS: module docstring)."""
        action = record.change.param("action")
        if action in {"on", "off"}:
            change_state(ctx, lambda s: s.switch_wlan(on=action == "on", at=ctx.now))
            return
        if action == "reset":
            password = new_wlan_password()
        else:
            chosen = optional_param(ctx.request, "password")
            if chosen is None:  # the engine gives apply_now the request decide checked
                raise HANDLING_PARAMETER.error(field="password")
            password = chosen
        digest = self._hasher.hash(password)
        reset = action == "reset"
        change_state(ctx, lambda s: s.set_wlan_password(digest, reset=reset, at=ctx.now))
        to = MobileNumber(ctx.subscriber.number.value)
        if reset:
            self._messages.send_sms(to, f"【中国联通】您的WLAN密码已重置为{password}，请妥善保管。")
        else:
            self._messages.send_sms(
                to, "【中国联通】您的WLAN密码已修改。如非本人操作，请及时重置。"
            )
