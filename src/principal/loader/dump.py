"""Write a `Deal` back out as YAML that loads to an equal deal."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from principal.model.deal import Deal


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    if "." not in text:
        return representer.represent_scalar("tag:yaml.org,2002:int", text)
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def dump_deal(deal: Deal) -> str:
    """YAML text of the deal, leaving out values that equal their defaults.

    An offer that `extends` another is written in full (nulls included), so that laying it over its parent
    again on load gives back exactly this offer.
    """
    data = deal.model_dump(mode="python", exclude_defaults=True)
    data["offers"] = {
        name: offer.model_dump(mode="python", exclude_defaults=offer.extends is None)
        for name, offer in deal.offers.items()
    }
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.ignore_aliases = lambda *args: True
    yaml.default_flow_style = False
    yaml.width = 110
    out = io.StringIO()
    yaml.dump(_plain(data), out)
    return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value
