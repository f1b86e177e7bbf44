"""Statements built from parts keep every figure typed: literal text, joins and concatenations."""

from __future__ import annotations

from decimal import Decimal

from principal.money import Amount
from principal.present import formatter_for
from principal.statements import Percent, say
from principal.strategy.sentences import concat, join, literal

USD = formatter_for("USD")
EUR = formatter_for("EUR", "de_DE")


def test_literal_text_keeps_its_braces() -> None:
    statement = literal("Design {phase} <b>")
    assert statement.values == ()
    assert USD.text(statement) == "Design {phase} <b>"
    assert str(USD.html(statement)) == "Design {phase} &lt;b&gt;"


def test_join_renames_fields_that_clash_and_keeps_their_values() -> None:
    parts = [
        say("{fee} at {share}", fee=Amount(Decimal(fee), "EUR"), share=Percent(Decimal(p)))
        for fee, p in ((56000, 20), (28000, 10))
    ]
    joined = join("; ", parts)
    assert joined.template == "{fee} at {share}; {fee_2} at {share_2}"
    assert joined.value("fee_2") == Amount(Decimal(28000), "EUR")
    assert EUR.text(joined) == "56.000,00\xa0€ at 20%; 28.000,00\xa0€ at 10%"


def test_concat_mixes_text_and_statements() -> None:
    price = say("{price}", price=Amount(Decimal(142), "JPY"))
    sentence = concat("Moving to ", price, say(" is worth {value} {{to us}}", value=Amount(Decimal("50571.54"), "JPY")))
    assert formatter_for("JPY").text(sentence) == "Moving to ¥142 is worth ¥50,572 {to us}"
    assert concat("a {b}", "c").template == "a {{b}}c"
    assert join(", ", []).template == ""
