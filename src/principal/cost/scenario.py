"""What-if settings for the deterministic schedule: volumes above plan, events, the vendor's view, delays."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property


@dataclass(frozen=True)
class Scenario:
    """A variation of the buyer's plan. The default is the plan itself.

    - volume_factor scales every forecast (1.3 = 30% above plan); forecast_factors scale named ones on top.
    - events_occur: forecast events (e.g. a launch) happen in full, as if their probability were 1.
    - vendor_view: volumes are the vendor's own estimates where the deal gives them.
    - go_live_delay_months: go-live (and every milestone from go-live on) slips; usage starts later;
      recurring billing moves only when the offer ties billing to go-live.
    - licence_quantity_from: (month, factor): from that month licence quantities are multiplied by factor.
    - extra_volume: (forecast, monthly volume) added in every month of usage, e.g. billable events that a
      vendor-recommended configuration adds.
    - actual_units: (forecast, contract month, units): the units a month was billed for, as an invoice counts them
      (after per-event rounding, before allowances); they replace the forecast in that month (the invoice audit).
    - actual_seats: (licence, contract month, quantity): the quantity a month was billed for, replacing the order
      form's quantity in that month.
    """

    name: str = "plan"
    volume_factor: Decimal = Decimal(1)
    forecast_factors: tuple[tuple[str, Decimal], ...] = ()
    events_occur: bool = False
    vendor_view: bool = False
    go_live_delay_months: int = 0
    licence_quantity_from: tuple[int, Decimal] | None = None
    extra_volume: tuple[tuple[str, Decimal], ...] = field(default=())
    actual_units: tuple[tuple[str, int, Decimal], ...] = ()
    actual_seats: tuple[tuple[str, int, Decimal], ...] = ()

    def factor_for(self, forecast: str) -> Decimal:
        factor = self.volume_factor
        for name, value in self.forecast_factors:
            if name == forecast:
                factor *= value
        return factor

    def extra_for(self, forecast: str) -> Decimal:
        return sum((volume for name, volume in self.extra_volume if name == forecast), Decimal(0))

    @cached_property
    def _actual_units(self) -> dict[tuple[str, int], Decimal]:
        return {(name, month): units for name, month, units in self.actual_units}

    @cached_property
    def _actual_seats(self) -> dict[tuple[str, int], Decimal]:
        return {(name, month): quantity for name, month, quantity in self.actual_seats}

    def units_billed(self, forecast: str, month: int) -> Decimal | None:
        """The invoiced units of a forecast's meter in a month, or None (the forecast applies)."""
        return self._actual_units.get((forecast, month)) if self.actual_units else None

    def seats_billed(self, licence: str, month: int) -> Decimal | None:
        """The invoiced quantity of a licence in a month, or None (the order form's quantity applies)."""
        return self._actual_seats.get((licence, month)) if self.actual_seats else None


PLAN = Scenario()
