"""Building blocks shared by every part of the deal model: strict records, money, percentages, names."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

MAX_MONEY = 10**15
"""Largest amount a deal may state, in its own currency (a thousand trillion: room for any currency's contracts)."""
MAX_RATE = 10**12
"""Largest price per unit (a seat a month, a minute, a session)."""
MAX_QUANTITY = 10**12
"""Largest count or monthly volume (seats, minutes, sessions)."""
MAX_MONTHS = 600
"""Latest contract month any field may name (50 years)."""


MAX_DIGITS = 30
MAX_EXPONENT = 30
"""Every number in a record has at most 30 significant digits and a magnitude from 1e-30 to 1e30 (or is zero), the
same bound the YAML reader applies to written numbers; this one also covers numbers given as quoted text."""


def number_out_of_range(value: Decimal) -> bool:
    """True for a finite Decimal beyond MAX_DIGITS significant digits or outside 1e-30..1e30 (zero is fine)."""
    if not value.is_finite() or not value:
        return False
    significant = "".join(map(str, value.as_tuple().digits)).rstrip("0")
    return len(significant) > MAX_DIGITS or not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT


def _check_numbers(value: Any) -> None:
    if isinstance(value, Decimal) and number_out_of_range(value):
        text = str(value) if len(str(value)) <= 40 else f"{str(value)[:20]}...{str(value)[-8:]}"
        raise ValueError(
            f"{text} is out of range; Principal reads numbers of at most {MAX_DIGITS} digits, "
            f"from 1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT}"
        )
    if isinstance(value, tuple):
        for item in value:
            _check_numbers(item)
    elif isinstance(value, dict):
        for item in value.values():
            _check_numbers(item)


class Record(BaseModel):
    """An immutable model record: unknown keys are errors, values are validated on construction."""

    # defer_build: a record's validator is built when first used, not at import; loading a deal builds the whole
    # Deal schema once, and `principal --help` builds none (validation itself is unchanged).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, use_enum_values=False, defer_build=True
    )

    @field_validator("*", mode="after")
    @classmethod
    def _numbers_in_range(cls, value: Any) -> Any:
        _check_numbers(value)
        return value


Money = Annotated[
    Decimal, Field(ge=0, le=MAX_MONEY, description="An amount in the deal's currency, 0 or more (at most 10^15).")
]
PositiveMoney = Annotated[
    Decimal, Field(gt=0, le=MAX_MONEY, description="An amount in the deal's currency, more than 0 (at most 10^15).")
]
Rate = Annotated[Decimal, Field(ge=0, le=MAX_RATE, description="A price per unit, 0 or more (at most 10^12).")]
Percent = Annotated[Decimal, Field(ge=0, le=100, description="A percentage from 0 to 100 (5 means 5%).")]
Uptime = Annotated[
    Decimal, Field(gt=0, le=100, description="An availability percentage, above 0 and at most 100 (99.9).")
]
Probability = Annotated[float, Field(ge=0, le=1, description="A probability from 0 to 1.")]
Quantity = Annotated[Decimal, Field(ge=0, le=MAX_QUANTITY, description="A count or volume, 0 or more (at most 10^12).")]
Month = Annotated[
    int, Field(ge=1, le=MAX_MONTHS, description="A contract month, 1 is the first month of the term (at most 600).")
]
Name = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=64),
    Field(description="A short identifier: lower-case letters, digits, '-' and '_'."),
]
