"""Building blocks shared by every part of the deal model: strict records, money, percentages, names."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Record(BaseModel):
    """An immutable model record: unknown keys are errors, values are validated on construction."""

    # defer_build: a record's validator is built when first used, not at import; loading a deal builds the whole
    # Deal schema once, and `principal --help` builds none (validation itself is unchanged).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, use_enum_values=False, defer_build=True
    )


Money = Annotated[Decimal, Field(ge=0, description="An amount in the deal's currency, 0 or more.")]
PositiveMoney = Annotated[Decimal, Field(gt=0, description="An amount in the deal's currency, more than 0.")]
Rate = Annotated[Decimal, Field(ge=0, description="A price per unit, 0 or more.")]
Percent = Annotated[Decimal, Field(ge=0, le=100, description="A percentage from 0 to 100 (5 means 5%).")]
Uptime = Annotated[
    Decimal, Field(gt=0, le=100, description="An availability percentage, above 0 and at most 100 (99.9).")
]
Probability = Annotated[float, Field(ge=0, le=1, description="A probability from 0 to 1.")]
Quantity = Annotated[Decimal, Field(ge=0, description="A count or volume, 0 or more.")]
Month = Annotated[int, Field(ge=1, le=600, description="A contract month, 1 is the first month of the term.")]
Name = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=64),
    Field(description="A short identifier: lower-case letters, digits, '-' and '_'."),
]
