"""Money as sellers type it (issue 19.7): the sheet's loader and the window's form read
"R$ 59,90", "59,90 €", "1.234,50", "$1,299.00", "¥3000" as the number; "1,234" with no currency
written beside it is ambiguous and refused with both readings, never guessed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.values import AmountProblem, parse_amount
from sola_studio.core.errors import ConfigError


@pytest.mark.parametrize(
    ("typed", "amount", "currency"),
    [
        ("R$ 59,90", "59.90", "BRL"),
        ("59,90 €", "59.90", "EUR"),
        ("1.234,50", "1234.50", None),
        ("$1,299.00", "1299.00", None),
        ("¥3000", "3000", None),
        ("¥3,000", "3000", None),
        ("R$ 1.234", "1234", "BRL"),
        ("CHF 1'250.50", "1250.50", "CHF"),
        ("1 234,50", "1234.50", None),
        ("49.90", "49.90", None),
        ("49,9", "49.9", None),
        ("1.234.567", "1234567", None),
        ("0,500", "0.500", None),
        ("1,234 KWD", "1.234", "KWD"),
    ],
)
def test_local_money_formats_are_read_as_the_number(
    typed: str, amount: str, currency: str | None
) -> None:
    got = parse_amount(typed)
    assert got.amount == Decimal(amount)
    assert got.currency == currency


@pytest.mark.parametrize("typed", ["1,234", "1.234", "59.900"])
def test_three_digits_after_a_lone_separator_without_a_currency_ask(typed: str) -> None:
    with pytest.raises(AmountProblem) as err:
        parse_amount(typed)
    assert "ambiguous" in err.value.message
    assert len(err.value.choices) == 2 and err.value.fix


def test_a_currency_other_than_the_fields_is_refused() -> None:
    with pytest.raises(AmountProblem) as err:
        parse_amount("59,90 €", "BRL")
    assert "EUR" in err.value.message and "BRL" in err.value.message
    assert parse_amount("$1,299", "USD").amount == Decimal("1299")


@pytest.mark.parametrize("typed", ["abc", "1.2.3,4", "12,", "12.34,5"])
def test_what_is_not_a_number_is_refused(typed: str) -> None:
    with pytest.raises(AmountProblem, match="must be a number"):
        parse_amount(typed)


def _sheet(tmp_path: Path, price: str, schema2: bool) -> Path:
    path = tmp_path / "sheet.yaml"
    head = "schema: 2\n" if schema2 else ""
    path.write_text(
        f"{head}seller_language: pt\ncurrency: BRL\nproducts:\n"
        f"  - id: a\n    name: A\n    price: {price!r}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("schema2", [False, True])
def test_the_yaml_loader_accepts_the_same_formats(tmp_path: Path, schema2: bool) -> None:
    sheet = load_sheet(_sheet(tmp_path, "R$ 1.234,50", schema2))
    assert sheet.products[0].price.amount == Decimal("1234.50")


@pytest.mark.parametrize("schema2", [False, True])
def test_the_yaml_loader_refuses_ambiguous_and_foreign_amounts(
    tmp_path: Path, schema2: bool
) -> None:
    with pytest.raises(ConfigError, match="ambiguous") as err:
        load_sheet(_sheet(tmp_path, "1,234", schema2))
    assert "price" in err.value.message and err.value.fix and "1234" in err.value.fix
    with pytest.raises(ConfigError, match="EUR"):
        load_sheet(_sheet(tmp_path, "59,90 €", schema2))


def test_the_loaders_message_says_the_fix_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_sheet(_sheet(tmp_path, "1,234", True))
    assert "fix" not in err.value.message and err.value.fix
