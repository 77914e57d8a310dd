"""The seller's product sheet: products, variants, prices, stock, shipping, payment, returns, FAQ.

This is the only source of facts a drafted reply may state. Everything is a frozen dataclass;
money is :class:`decimal.Decimal` (never float) so a price is said exactly as the seller wrote it.
Texts a viewer may read in their own language (material, FAQ answers, conditions) are
:data:`LocalText` maps ``language -> text`` that hold at least the seller's language.

Loading from YAML/CSV lives in :mod:`sola_studio.catalog.loader`; this module never reads files.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

LocalText = Mapping[str, str]


def _frozen(d: Mapping | None) -> Mapping:
    return MappingProxyType(dict(d or {}))


def text_in(text: LocalText, language: str, fallback: str) -> tuple[str, str] | None:
    """``(text, language_used)`` in ``language``, else in ``fallback``, else any; None if empty."""
    for lang in (language, fallback):
        if lang in text:
            return text[lang], lang
    for lang, value in text.items():
        return value, lang
    return None


class StockLevel(enum.Enum):
    IN_STOCK = "in_stock"
    LOW = "low"
    OUT = "out"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217: BRL, EUR, USD

    def canonical(self) -> str:
        """The amount as the invented-fact check compares it: ``149.90``, ``0.00``."""
        return f"{self.amount:.2f}"

    @property
    def is_zero(self) -> bool:
        return self.amount == 0


@dataclass(frozen=True)
class Variant:
    """One buyable combination. ``price`` overrides the product's price when set."""

    sku: str
    size: str | None
    colour: str | None
    stock: int
    price: Money | None = None

    @property
    def label(self) -> str:
        return " / ".join(p for p in (self.size, self.colour) if p)


@dataclass(frozen=True)
class ShippingRule:
    """Shipping to one country (ISO alpha-2), or ``*`` for every country not listed."""

    country: str
    cost: Money
    days_min: int
    days_max: int
    free_over: Money | None = None
    carrier: str = ""


@dataclass(frozen=True)
class InstalmentPlan:
    """Up to ``max_months`` instalments; the first ``interest_free_months`` without interest,
    the rest at ``annual_rate_percent`` a year (None when the sheet does not say)."""

    max_months: int
    interest_free_months: int
    annual_rate_percent: Decimal | None = None
    min_instalment: Money | None = None


@dataclass(frozen=True)
class PaymentOptions:
    methods: tuple[str, ...]  # "card", "pix", "paypal", "boleto", ... (shown as written)
    instalments: InstalmentPlan | None = None


@dataclass(frozen=True)
class ReturnPolicy:
    days: int
    free: bool
    conditions: LocalText = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", _frozen(self.conditions))


@dataclass(frozen=True)
class Warranty:
    months: int
    covers: LocalText = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "covers", _frozen(self.covers))


@dataclass(frozen=True)
class Discount:
    """A discount the seller offers. ``percent`` None means an explanatory note only."""

    id: str
    percent: Decimal | None
    code: str | None = None
    min_quantity: int | None = None
    note: LocalText = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "note", _frozen(self.note))


@dataclass(frozen=True)
class FaqEntry:
    """A question the seller answered in advance; ``answer`` per language."""

    id: str
    question: str
    answer: LocalText
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "answer", _frozen(self.answer))


@dataclass(frozen=True)
class Product:
    """A product with everything a viewer may ask about it.

    ``aliases`` are the names viewers use (any language, lower-cased when matched);
    ``specs`` maps a spec name to its value per language.
    """

    id: str
    name: str
    price: Money
    variants: tuple[Variant, ...] = ()
    aliases: tuple[str, ...] = ()
    material: LocalText = field(default_factory=lambda: MappingProxyType({}))
    specs: Mapping[str, LocalText] = field(default_factory=lambda: MappingProxyType({}))
    shipping: tuple[ShippingRule, ...] = ()
    payment: PaymentOptions | None = None
    returns: ReturnPolicy | None = None
    warranty: Warranty | None = None
    discounts: tuple[Discount, ...] = ()
    faq: tuple[FaqEntry, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "material", _frozen(self.material))
        object.__setattr__(self, "specs", _frozen({k: _frozen(v) for k, v in self.specs.items()}))

    @property
    def sizes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.size for v in self.variants if v.size))

    @property
    def colours(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.colour for v in self.variants if v.colour))

    def variants_matching(self, size: str | None, colour: str | None) -> tuple[Variant, ...]:
        """Variants with this size and/or colour (case-insensitive); all when both are None."""
        return tuple(
            v
            for v in self.variants
            if (size is None or (v.size or "").lower() == size.lower())
            and (colour is None or (v.colour or "").lower() == colour.lower())
        )

    def variant(self, sku: str) -> Variant | None:
        return next((v for v in self.variants if v.sku == sku), None)

    def price_of(self, variant: Variant | None) -> Money:
        return variant.price if variant is not None and variant.price is not None else self.price

    def shipping_to(self, country: str | None) -> ShippingRule | None:
        """The rule for ``country``, else the ``*`` rule; None when neither exists."""
        if country:
            for rule in self.shipping:
                if rule.country == country.upper():
                    return rule
        return next((r for r in self.shipping if r.country == "*"), None) if country else None


@dataclass(frozen=True)
class ProductSheet:
    """The whole sheet. ``pinned_id`` is the product on camera now."""

    seller_language: str
    currency: str
    products: tuple[Product, ...]
    pinned_id: str
    low_stock_threshold: int = 5
    seller_name: str = ""
    audience_languages: tuple[str, ...] = ()

    @property
    def pinned(self) -> Product:
        product = self.product(self.pinned_id)
        assert product is not None  # the loader guarantees it
        return product

    def product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def stock_level(self, variant: Variant) -> StockLevel:
        if variant.stock <= 0:
            return StockLevel.OUT
        if variant.stock <= self.low_stock_threshold:
            return StockLevel.LOW
        return StockLevel.IN_STOCK

    def with_pinned(self, product_id: str) -> ProductSheet:
        """The same sheet with another product pinned (the seller switched products on camera)."""
        from dataclasses import replace

        from sola_studio.core.errors import ConfigError

        if self.product(product_id) is None:
            known = ", ".join(p.id for p in self.products)
            raise ConfigError(
                f"no product {product_id!r} in the sheet",
                fix=f"pin one of: {known}",
            )
        return replace(self, pinned_id=product_id)
