"""Reading input files into the model, with every problem located by file, line, column and field."""

from principal.loader.deal_file import (
    LoadedDeal,
    load_deal,
    load_deal_with_warnings,
    parse_deal,
    parse_deal_with_warnings,
)
from principal.loader.dump import dump_deal

__all__ = ["LoadedDeal", "dump_deal", "load_deal", "load_deal_with_warnings", "parse_deal", "parse_deal_with_warnings"]
