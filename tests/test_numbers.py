from decimal import Decimal

import pytest

from tui.domain.facts.numbers import agrees, stated_number


@pytest.mark.parametrize(
    ("stated", "number"),
    [
        ("2,561,465 units", Decimal(2561465)),
        ("11.1% increase", Decimal("11.1")),
        ("£15 billion", Decimal(15_000_000_000)),
        ("$18.7 billion", Decimal(18_700_000_000)),
        ("nearly 1.2 million", Decimal(1_200_000)),
        ("RMB 10 billion", Decimal(10_000_000_000)),
        ("£0.8012", Decimal("0.8012")),
        ("80+", Decimal(80)),
        ("192-line", Decimal(192)),
        ("2.5 billion euros", Decimal(2_500_000_000)),
        ("-9.7%", Decimal("-9.7")),
        ("−3 percent", Decimal(-3)),
        ("+11.1%", Decimal("11.1")),
        ("one in every three", None),
        ("less than half a million", None),
    ],
)
def test_stated_number(stated: str, number: Decimal | None) -> None:
    assert stated_number(stated) == number


def test_agrees_catches_slips_but_not_wordy_figures() -> None:
    assert agrees(2561465, "2,561,465 units")
    assert not agrees(2561456, "2,561,465 units")
    assert not agrees(1.2, "nearly 1.2 million")
    assert agrees(2.4, "2.4%")
    assert not agrees(2.5, "2.4%")
    assert agrees(500_000, "less than half a million")


def test_signs() -> None:
    assert agrees(-9.7, "-9.7%")
    assert agrees(-9.7, "fell 9.7%")  # the direction is in words
    assert not agrees(9.7, "-9.7%")
    assert not agrees(-9.7, "+9.7%")
    assert not agrees(-9.6, "fell 9.7%")
