"""Reading input files into the model, with every problem located by file, line, column and field."""

from principal.loader.deal_file import load_deal, parse_deal
from principal.loader.dump import dump_deal

__all__ = ["dump_deal", "load_deal", "parse_deal"]
