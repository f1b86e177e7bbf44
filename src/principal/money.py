"""Money: an exact amount in one currency, and the currencies Principal knows (ISO 4217 codes and minor units).

Modelled on beancount's `Amount`: a number never travels without its currency. Arithmetic between two amounts
checks that their currencies agree; multiplying or dividing by a plain number keeps the currency. Amounts stay
exact (Decimal) through every computation; `rounded()` rounds half-up to the currency's minor unit (cents for USD
and EUR, whole yen for JPY, thousandths for KWD) and is applied once, to each figure shown.

This module is neutral: it imports nothing else from Principal, so the model, the engines and every presentation
layer can use it. How an amount reads (symbol, separators, locale) is decided only in `principal.present`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

# ISO 4217 active currency codes and the decimals of their minor unit (most have 2).
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_FOUR = "CLF UYW"
_TWO = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF "
    "CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF "
    "IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN "
    "MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS "
    "SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG"
)


def _digits(codes: str, digits: int) -> dict[str, int]:
    return {code: digits for code in codes.split(" ")}


MINOR_UNITS: dict[str, int] = {**_digits(_TWO, 2), **_digits(_ZERO, 0), **_digits(_THREE, 3), **_digits(_FOUR, 4)}
"""Every ISO 4217 code Principal accepts, with the number of decimals its amounts are shown and rounded to."""


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were added, subtracted or compared (a programming error)."""


def is_currency(code: str) -> bool:
    return code in MINOR_UNITS


def minor_units(currency: str) -> int:
    """Decimals of `currency` (2 for USD, 0 for JPY); a code Principal does not know is taken as 2."""
    return MINOR_UNITS.get(currency, 2)


def quantum(currency: str) -> Decimal:
    """The smallest shown unit of `currency`: Decimal('0.01') for USD, Decimal('1') for JPY."""
    return Decimal(1).scaleb(-minor_units(currency))


def quantize_to(number: Decimal, step: Decimal, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """`number` rounded to a multiple of `step` (a power of ten), exactly, however many digits it has.

    Decimal's default context holds 28 digits, and `quantize` refuses a result longer than that (1e26 to the cent
    has 29): the context here is as wide as the result needs.
    """
    if not number.is_finite():
        raise ValueError(f"cannot round {number} to {step}")
    digits = max(number.adjusted(), 0) - step.as_tuple().exponent + 2  # type: ignore[operator]
    return number.quantize(step, rounding=rounding, context=Context(prec=max(28, digits)))


def quantize_half_up(number: Decimal, step: Decimal) -> Decimal:
    """`number` rounded half-up to a multiple of `step`, at any magnitude (the rounding rule for shown money)."""
    return quantize_to(number, step)


def round_money(number: Decimal, currency: str) -> Decimal:
    """Round an exact figure half-up to the currency's minor unit: the one rounding rule for shown money."""
    return quantize_half_up(number, quantum(currency))


@dataclass(frozen=True, slots=True)
class Amount:
    """An exact amount of money in one currency (ISO 4217 code)."""

    number: Decimal
    currency: str

    @classmethod
    def zero(cls, currency: str) -> Amount:
        return cls(Decimal(0), currency)

    def rounded(self) -> Amount:
        """Half-up to the currency's minor unit (the figure a person sees)."""
        return Amount(round_money(self.number, self.currency), self.currency)

    def _same(self, other: Amount) -> None:
        if not isinstance(other, Amount):
            raise TypeError(f"an Amount cannot be combined with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency} amounts cannot be combined")

    def __add__(self, other: Amount) -> Amount:
        self._same(other)
        return Amount(self.number + other.number, self.currency)

    def __sub__(self, other: Amount) -> Amount:
        self._same(other)
        return Amount(self.number - other.number, self.currency)

    def __neg__(self) -> Amount:
        return Amount(-self.number, self.currency)

    def __abs__(self) -> Amount:
        return Amount(abs(self.number), self.currency)

    def __mul__(self, factor: Decimal | int) -> Amount:
        if isinstance(factor, Amount) or not isinstance(factor, Decimal | int):
            raise TypeError("an Amount is multiplied by a plain number only")
        return Amount(self.number * factor, self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: Decimal | int) -> Amount:
        if isinstance(divisor, Amount) or not isinstance(divisor, Decimal | int):
            raise TypeError("an Amount is divided by a plain number only; use ratio() for two amounts")
        return Amount(self.number / divisor, self.currency)

    def ratio(self, other: Amount) -> Decimal:
        """self / other as a plain number (both in the same currency)."""
        self._same(other)
        return self.number / other.number

    def __lt__(self, other: Amount) -> bool:
        self._same(other)
        return self.number < other.number

    def __le__(self, other: Amount) -> bool:
        self._same(other)
        return self.number <= other.number

    def __gt__(self, other: Amount) -> bool:
        self._same(other)
        return self.number > other.number

    def __ge__(self, other: Amount) -> bool:
        self._same(other)
        return self.number >= other.number

    def __bool__(self) -> bool:
        return bool(self.number)

    def __str__(self) -> str:
        """Plain `1234.50 USD` (for logs and errors; people see `principal.present`'s formatting)."""
        return f"{round_money(self.number, self.currency)} {self.currency}"
