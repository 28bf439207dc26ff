"""The error codes of the catalog area (its domain, ports and use cases).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "BUNDLE_CHANNEL",
    "BUNDLE_COMBO_MISMATCH",
    "BUNDLE_COMPARE",
    "BUNDLE_DATA_PACK_REQUIRED",
    "BUNDLE_DUPLICATE_KIND",
    "BUNDLE_NO_SUCH_PACK",
    "BUNDLE_PACKS",
    "BUNDLE_SMS_PACK_REQUIRED",
    "BUNDLE_UNKNOWN_TIER",
    "BUNDLE_VALUE_ADDED_PACK_REQUIRED",
    "BUNDLE_VOICE_PACK_REQUIRED",
    "CATALOG_ALLOWANCE",
    "CATALOG_ALLOWANCES",
    "CATALOG_CHANGE_KIND",
    "CATALOG_CHANGE_RULES",
    "CATALOG_CHANGE_TIMING",
    "CATALOG_CHANNEL",
    "CATALOG_CHANNELS",
    "CATALOG_CHANNEL_TYPE",
    "CATALOG_CODE",
    "CATALOG_DATA",
    "CATALOG_DESCRIPTION",
    "CATALOG_DRAFT_KIND",
    "CATALOG_DRAFT_PENDING",
    "CATALOG_DUPLICATE_CODE",
    "CATALOG_ENUM",
    "CATALOG_GENERATION",
    "CATALOG_ID",
    "CATALOG_LIST",
    "CATALOG_MONEY",
    "CATALOG_NAME",
    "CATALOG_NOT_INSTALLED",
    "CATALOG_NOT_ON_SALE",
    "CATALOG_NO_DRAFT",
    "CATALOG_OVERAGE",
    "CATALOG_PACK_ALLOWANCE",
    "CATALOG_PACK_KIND",
    "CATALOG_PAYMENT_MODES",
    "CATALOG_PRICE",
    "CATALOG_PRICE_RULE",
    "CATALOG_PRODUCT_KIND",
    "CATALOG_RATE",
    "CATALOG_REQUIRED_KINDS",
    "CATALOG_REVISION",
    "CATALOG_SECTION",
    "CATALOG_STALE_REVISION",
    "CATALOG_TABLE",
    "CATALOG_TIERS",
    "CATALOG_UNKNOWN_FIELD",
    "CATALOG_UNKNOWN_PRODUCT",
    "CATALOG_UNKNOWN_PRODUCT_IN_DATA",
    "CATALOG_UNKNOWN_TIER",
    "CATALOG_UNREADABLE",
    "CATALOG_WINDOW",
]

BUNDLE_CHANNEL = ErrorCode(
    "bundle.channel",
    Refused,
    "this combination plan is not sold on this channel",
    optional=("allowed", "channel", "field"),
)
BUNDLE_COMBO_MISMATCH = ErrorCode(
    "bundle.combo_mismatch",
    InvalidInput,
    "cannot change a bundle into one of another combination plan",
    fields=("field",),
)
BUNDLE_COMPARE = ErrorCode(
    "bundle.compare", InvalidInput, "compare at least one bundle", fields=("field",)
)
BUNDLE_DATA_PACK_REQUIRED = ErrorCode(
    "bundle.data_pack_required",
    InvalidInput,
    "a bundle of this combination plan needs a data pack (F-BUN-2)",
    fields=("field", "kind"),
)
BUNDLE_DUPLICATE_KIND = ErrorCode(
    "bundle.duplicate_kind",
    InvalidInput,
    "a bundle holds one {kind} pack, not two (F-BUN-4)",
    fields=("field", "kind", "pack_code"),
)
BUNDLE_NO_SUCH_PACK = ErrorCode(
    "bundle.no_such_pack", NotFound, "the bundle has no {kind} pack", fields=("kind",)
)
BUNDLE_PACKS = ErrorCode(
    "bundle.packs", InvalidInput, "a bundle is made of packs", fields=("field",)
)
BUNDLE_SMS_PACK_REQUIRED = ErrorCode(
    "bundle.sms_pack_required",
    InvalidInput,
    "a bundle of this combination plan needs a sms pack (F-BUN-2)",
    fields=("field", "kind"),
)
BUNDLE_UNKNOWN_TIER = ErrorCode(
    "bundle.unknown_tier",
    InvalidInput,
    "{pack_code} is not a tier on offer for this plan (F-BUN-4)",
    fields=("field", "index", "pack_code"),
)
BUNDLE_VALUE_ADDED_PACK_REQUIRED = ErrorCode(
    "bundle.value_added_pack_required",
    InvalidInput,
    "a bundle of this combination plan needs a value added pack (F-BUN-2)",
    fields=("field", "kind"),
)
BUNDLE_VOICE_PACK_REQUIRED = ErrorCode(
    "bundle.voice_pack_required",
    InvalidInput,
    "a bundle of this combination plan needs a voice pack (F-BUN-2)",
    fields=("field", "kind"),
)
CATALOG_ALLOWANCE = ErrorCode(
    "catalog.allowance", InvalidInput, "{field} is an integer >= 0", fields=("field",)
)
CATALOG_ALLOWANCES = ErrorCode(
    "catalog.allowances", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_CHANGE_KIND = ErrorCode(
    "catalog.change_kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_CHANGE_RULES = ErrorCode(
    "catalog.change_rules",
    InvalidInput,
    "change rules are a tuple of ChangeRule",
    fields=("field",),
    optional=("index",),
)
CATALOG_CHANGE_TIMING = ErrorCode(
    "catalog.change_timing", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_CHANNEL = ErrorCode(
    "catalog.channel",
    Refused,
    "this product is not sold on this channel",
    optional=("allowed", "channel", "field"),
)
CATALOG_CHANNELS = ErrorCode(
    "catalog.channels", InvalidInput, "an offer is sold on at least one channel", fields=("field",)
)
CATALOG_CODE = ErrorCode(
    "catalog.code",
    InvalidInput,
    ("{field} is 1-64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit"),
    fields=("field",),
)
CATALOG_DATA = ErrorCode(
    "catalog.data",
    InvalidInput,
    "{source}: {path} is not valid catalogue data",
    fields=("field", "line", "path", "rule", "source"),
)
CATALOG_DESCRIPTION = ErrorCode(
    "catalog.description", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_DRAFT_KIND = ErrorCode(
    "catalog.draft_kind",
    InvalidInput,
    "product {product_code!r} keeps its kind in a draft",
    fields=("product_code",),
)
CATALOG_DRAFT_PENDING = ErrorCode(
    "catalog.draft_pending",
    Conflict,
    "a catalogue draft (revision {revision}) is pending: publish or discard it first",
    fields=("revision",),
)
CATALOG_DUPLICATE_CODE = ErrorCode(
    "catalog.duplicate_code",
    InvalidInput,
    "{path}: {field} is not valid catalogue data",
    fields=("field", "path"),
)
CATALOG_ENUM = ErrorCode(
    "catalog.enum",
    InvalidInput,
    "the value is not one of the names allowed here",
    optional=("field",),
)
CATALOG_GENERATION = ErrorCode(
    "catalog.generation", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_ID = ErrorCode(
    "catalog.id",
    InvalidInput,
    "a catalogue cannot be published over another catalogue",
    fields=("field",),
)
CATALOG_LIST = ErrorCode("catalog.list", InvalidInput, "write a list such as [...]")
CATALOG_MONEY = ErrorCode(
    "catalog.money", InvalidInput, 'write an amount as a string such as "8元"'
)
CATALOG_NAME = ErrorCode(
    "catalog.name",
    InvalidInput,
    "{field} is a non-blank name within the length limit",
    fields=("field",),
)
CATALOG_NOT_INSTALLED = ErrorCode(
    "catalog.not_installed", NotFound, "install a catalogue first", optional=("catalog_id",)
)
CATALOG_NO_DRAFT = ErrorCode(
    "catalog.no_draft", NotFound, "there is no catalogue draft", optional=("catalog_id",)
)
CATALOG_NOT_ON_SALE = ErrorCode(
    "catalog.not_on_sale",
    Refused,
    "{product_code} is not on sale at that time",
    fields=("product_code",),
    optional=("window",),
)
CATALOG_OVERAGE = ErrorCode(
    "catalog.overage", InvalidInput, "overage is a whole number of MB >= 0", fields=("field",)
)
CATALOG_PACK_ALLOWANCE = ErrorCode(
    "catalog.pack_allowance",
    InvalidInput,
    "a pack includes some allowance of its own kind",
    fields=("field",),
)
CATALOG_PACK_KIND = ErrorCode(
    "catalog.pack_kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_PAYMENT_MODES = ErrorCode(
    "catalog.payment_modes", InvalidInput, "{field} lists at least one", fields=("field",)
)
CATALOG_PRICE = ErrorCode(
    "catalog.price", InvalidInput, "{field} is an amount of Money >= 0", fields=("field",)
)
CATALOG_PRICE_RULE = ErrorCode(
    "catalog.price_rule", InvalidInput, "rate is a Rate", fields=("field",)
)
CATALOG_PRODUCT_KIND = ErrorCode(
    "catalog.product_kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CATALOG_RATE = ErrorCode("catalog.rate", InvalidInput, 'write a rate in percent such as "98.5%"')
CATALOG_REQUIRED_KINDS = ErrorCode(
    "catalog.required_kinds", InvalidInput, "{field} lists at least one", fields=("field",)
)
CATALOG_REVISION = ErrorCode(
    "catalog.revision", InvalidInput, "a revision is an integer >= 1", fields=("field",)
)
CATALOG_SECTION = ErrorCode(
    "catalog.section",
    InvalidInput,
    "{path} is a list of catalogue entries",
    fields=("field", "path"),
)
CATALOG_STALE_REVISION = ErrorCode(
    "catalog.stale_revision",
    Conflict,
    "revision {revision} is not newer than the published {published}",
    fields=("published", "revision"),
)
CATALOG_TABLE = ErrorCode("catalog.table", InvalidInput, "write a table such as {{...}}")
CATALOG_TIERS = ErrorCode(
    "catalog.tiers",
    InvalidInput,
    "a combination plan has at least one tier",
    fields=("field",),
    optional=("index",),
)
CATALOG_UNKNOWN_FIELD = ErrorCode(
    "catalog.unknown_field",
    InvalidInput,
    "{path}: {field} is not valid catalogue data",
    fields=("field", "path"),
)
CATALOG_UNKNOWN_PRODUCT = ErrorCode(
    "catalog.unknown_product",
    NotFound,
    "no such product in the catalogue",
    optional=("id", "product_code"),
)
CATALOG_UNKNOWN_TIER = ErrorCode(
    "catalog.unknown_tier",
    InvalidInput,
    "{path}: {field} is not valid catalogue data",
    fields=("field", "path"),
)
CATALOG_UNREADABLE = ErrorCode(
    "catalog.unreadable", AdapterError, "cannot read {source}", fields=("source",)
)
CATALOG_WINDOW = ErrorCode(
    "catalog.window", InvalidInput, "expected a TOML datetime or date", optional=("field",)
)
CATALOG_UNKNOWN_PRODUCT_IN_DATA = CATALOG_UNKNOWN_PRODUCT.variant(
    InvalidInput, "{path}: {field} is not valid catalogue data", fields=("field", "path")
)
CATALOG_CHANNEL_TYPE = CATALOG_CHANNEL.variant(
    InvalidInput, "a channel is a Channel", optional=("field",)
)
