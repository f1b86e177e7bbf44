"""Alignment: where the vendor wins when the buyer loses, in dollars, and whether the contract makes effort pay."""
