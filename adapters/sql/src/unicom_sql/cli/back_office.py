"""The back office's commands: ``enrol``, ``catalog publish [FILE]|discard``, ``cards issue``."""

from __future__ import annotations

import csv
import datetime as dt  # noqa: TC003 - Typer reads the annotations at run time
import os
from pathlib import Path  # noqa: TC003 - idem
from typing import TYPE_CHECKING, Annotated

import typer

from unicom_core.catalog_data import TomlCatalogSource
from unicom_core.domain.payments import BatchKind
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import PaymentMode
from unicom_sql.cli.app import actor, app, cards_app, catalog_app, guarded, hall_of, show
from unicom_sql.codes import CLI_OUTPUT

if TYPE_CHECKING:
    from unicom_core.usecases.payments import RevealedCard

__all__ = ["cards_issue", "catalog_discard", "catalog_publish", "enrol"]


def _yuan(text: str | None) -> Money | None:
    return None if text is None else Money.of_yuan(text)


@app.command()
@guarded
def enrol(  # noqa: PLR0913 - an enrolment is exactly these facts
    ctx: typer.Context,
    *,
    request_id: Annotated[str, typer.Option(help="8-64 letters/digits/-/_; retry with the same")],
    name: Annotated[str, typer.Option(help="the holder's name, as on the resident ID")],
    resident_id: Annotated[str, typer.Option(help="the holder's 18-character resident ID")],
    number: Annotated[str, typer.Option(help="the mobile number to open")],
    plan: Annotated[str, typer.Option(help="the plan's code in the catalogue")],
    pack: Annotated[
        list[str] | None, typer.Option(help="a pack to hold (repeat the option for more)")
    ] = None,
    payment_mode: Annotated[
        PaymentMode, typer.Option(case_sensitive=False, help="prepaid or postpaid")
    ] = PaymentMode.PREPAID,
    credit_limit: Annotated[
        str | None, typer.Option(help="a postpaid account's credit limit in yuan")
    ] = None,
    prestore: Annotated[str | None, typer.Option(help="credit put on the account, yuan")] = None,
    joined_on: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="the day joined (moved-in numbers)"),
    ] = None,
) -> None:
    """Enrol a new number: holder checked, account opened, password sent (F-REAL-1)."""
    with hall_of(ctx) as hall:
        enrolled = hall.subscribers.enrol(
            request_id=request_id,
            name=name,
            resident_id=resident_id,
            number=number,
            plan_code=plan,
            packs=tuple(pack or ()),
            payment_mode=payment_mode,
            credit_limit=_yuan(credit_limit),
            prestore=_yuan(prestore),
            joined_on=None if joined_on is None else joined_on.date(),
            actor=actor(),
        )
    subscriber, account = enrolled.subscriber, enrolled.account
    show(
        [
            ("number", subscriber.number.value),
            ("subscriber", subscriber.id),
            ("customer", enrolled.customer.id),
            ("account", account.id),
            ("plan", subscriber.plan_code),
            ("packs", ", ".join(enrolled.packs) or "-"),
            ("payment mode", subscriber.payment_mode.value),
            ("balance", account.balance),
            ("credit limit", account.credit_limit),
            ("replayed", "yes" if enrolled.replayed else "no"),
            ("password sent", "yes" if enrolled.password_sent else "no"),
        ],
        "enrolled",
    )


@catalog_app.command("publish")
@guarded
def catalog_publish(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="a TOML file of a newer revision; none: the operators' draft"),
    ] = None,
) -> None:
    """Publish a newer revision of the catalogue: a TOML file, or the pending draft (F-SHOP-4).

    Without FILE, the draft operators prepared (TMF620 ``POST productOffering``, ``PATCH``)
    becomes the effective catalogue, audited as ``cli:<user>``; a file is refused while a
    draft is pending (``catalog.draft_pending``).
    """
    catalog = None if file is None else TomlCatalogSource(file).load()
    with hall_of(ctx) as hall:
        if catalog is None:
            stored = hall.catalog_drafts.publish(actor=actor())
        else:
            stored = hall.catalog.publish(catalog)
    show([("catalogue", stored.id), ("revision", stored.revision)], "published")


@catalog_app.command("discard")
@guarded
def catalog_discard(ctx: typer.Context) -> None:
    """Discard the operators' pending catalogue draft (F-SHOP-4), audited as ``cli:<user>``."""
    with hall_of(ctx) as hall:
        hall.catalog_drafts.discard(actor=actor())
    show([("draft", "discarded")], "discarded")


def _secrets_file(path: Path) -> int:
    """A new file for the printed cards' secrets, only its owner reads (0600)."""
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise CLI_OUTPUT.error(f"cannot create {path}: {error.strerror}", path=str(path)) from None


def _write_secrets(descriptor: int, cards: tuple[RevealedCard, ...]) -> None:
    with os.fdopen(descriptor, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(("serial", "face_value", "expires_at", "secret"))
        for card in cards:
            writer.writerow(
                (card.serial, str(card.face_value), card.expires_at.isoformat(), card.secret)
            )


@cards_app.command("issue")
@guarded
def cards_issue(
    ctx: typer.Context,
    *,
    product: Annotated[str, typer.Argument(help="the recharge-card product's code")],
    count: Annotated[int, typer.Option(min=1, max=10_000, help="cards in the batch")],
    kind: Annotated[
        BatchKind, typer.Option(case_sensitive=False, help="printed cards or online stock")
    ] = BatchKind.PRINTED,
    output: Annotated[
        Path | None,
        typer.Option(help="a new CSV file for a printed batch's secrets (mode 0600)"),
    ] = None,
) -> None:
    """Issue a batch of recharge cards (F-PAY-1); a printed batch's secrets go to --output."""
    if kind is BatchKind.PRINTED and output is None:
        raise typer.BadParameter("a printed batch needs --output FILE for its secrets")
    descriptor = _secrets_file(output) if output is not None else None
    try:
        with hall_of(ctx) as hall:
            asked = {"product": product, "count": str(count), "kind": kind.value}
            hall.access.record_action(actor(), "cards.issue", asked)
            issued = hall.recharge_cards.issue_batch(product, count, kind=kind)
    except BaseException:
        if descriptor is not None and output is not None:
            os.close(descriptor)
            output.unlink()
        raise
    if descriptor is not None:
        _write_secrets(descriptor, issued.cards)
    batch = issued.batch
    show(
        [
            ("batch", batch.id),
            ("product", product),
            ("cards", count),
            ("kind", kind.value),
            ("secrets", str(output) if issued.cards else "-"),
        ],
        "recharge cards issued",
    )
