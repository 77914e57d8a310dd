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
    # any other choice the seller names in their own word (type, scent, flavour, model...):
    # ``(("type", "calming cica"),)``
    options: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return " / ".join(p for p in (self.size, self.colour, *(v for _k, v in self.options)) if p)


@dataclass(frozen=True)
class ShippingRule:
    """Shipping to one country (ISO alpha-2), or ``*`` for every country not listed."""

    country: str
    cost: Money
    days_min: int
    days_max: int
    free_over: Money | None = None
    carrier: str = ""
    never: bool = False  # schema 2: not shipped there at all (cost and days mean nothing)


@dataclass(frozen=True)
class InstalmentPlan:
    """Up to ``max_months`` instalments; the first ``interest_free_months`` without interest,
    the rest at ``annual_rate_percent`` a year (None when the sheet does not say)."""

    max_months: int | None  # None: the sheet states no maximum (schema 2)
    interest_free_months: int
    annual_rate_percent: Decimal | None = None
    min_instalment: Money | None = None
    # who gives the instalments ("Klarna", "Mercado Pago", "mBank Raty"): said with the plan;
    # seven sheets of four blind sets, written by four helpers, named one
    provider: str | None = None


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
    years: int | None = None  # schema 2: the seller wrote years (``months`` is years * 12)

    def __post_init__(self) -> None:
        object.__setattr__(self, "covers", _frozen(self.covers))


@dataclass(frozen=True)
class Discount:
    """A discount the seller offers. ``percent`` None means an explanatory note only."""

    id: str
    percent: Decimal | None
    code: str | None = None
    min_quantity: int | None = None
    min_order: Money | None = None  # the code applies from this order value on
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
    questions: LocalText = field(default_factory=lambda: MappingProxyType({}))  # schema 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "answer", _frozen(self.answer))
        object.__setattr__(self, "questions", _frozen(self.questions))


@dataclass(frozen=True)
class SpecField:
    """Schema 2: one open-ended property of a product (``width: 210 cm``). ``label`` and
    ``value`` are per language; ``neutral`` marks a value written once for every language
    (a plain ``210 cm``), which is said as written."""

    key: str
    label: LocalText
    value: LocalText
    neutral: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", _frozen(self.label))
        object.__setattr__(self, "value", _frozen(self.value))


@dataclass(frozen=True)
class Market:
    """Schema 2: a price list for some countries (``br``: BRL for BR)."""

    id: str
    currency: str
    countries: tuple[str, ...]


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
    # schema 2 (a v1 sheet leaves them empty; see catalog.schema_v2 for the v1 equivalents)
    names: LocalText = field(default_factory=lambda: MappingProxyType({}))
    type_names: LocalText = field(default_factory=lambda: MappingProxyType({}))
    alias_names: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    prices: Mapping[str, Money] = field(default_factory=lambda: MappingProxyType({}))
    spec_fields: tuple[SpecField, ...] = ()
    no_warranty: bool = False  # the sheet says there is none (not: the sheet is silent)

    def __post_init__(self) -> None:
        object.__setattr__(self, "material", _frozen(self.material))
        object.__setattr__(self, "specs", _frozen({k: _frozen(v) for k, v in self.specs.items()}))
        object.__setattr__(self, "names", _frozen(self.names))
        object.__setattr__(self, "type_names", _frozen(self.type_names))
        object.__setattr__(self, "alias_names", _frozen(self.alias_names))
        object.__setattr__(self, "prices", _frozen(self.prices))

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

    def price_in(self, currency: str | None, variant: Variant | None = None) -> Money:
        """The price in ``currency`` when the sheet lists one, else :meth:`price_of`."""
        if variant is not None and variant.price is not None:
            return variant.price
        if currency and currency.upper() in self.prices:
            return self.prices[currency.upper()]
        return self.price

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
    markets: tuple[Market, ...] = ()  # schema 2
    schema: int = 1
    #: what the loader read past, one line each naming file, line and field (an unknown key)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def market_for(self, country: str | None) -> Market | None:
        """The market whose countries hold ``country`` (schema 2), else None."""
        if not country:
            return None
        return next((m for m in self.markets if country.upper() in m.countries), None)

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
