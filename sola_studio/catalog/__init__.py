"""The seller's product sheet (the only source of facts a reply may state) and its loaders."""

from sola_studio.catalog.loader import load_sheet, sheet_from_raw
from sola_studio.catalog.sheet import (
    Discount,
    FaqEntry,
    InstalmentPlan,
    Money,
    PaymentOptions,
    Product,
    ProductSheet,
    ReturnPolicy,
    ShippingRule,
    StockLevel,
    Variant,
    Warranty,
)

__all__ = [
    "Discount",
    "FaqEntry",
    "InstalmentPlan",
    "Money",
    "PaymentOptions",
    "Product",
    "ProductSheet",
    "ReturnPolicy",
    "ShippingRule",
    "StockLevel",
    "Variant",
    "Warranty",
    "load_sheet",
    "sheet_from_raw",
]
