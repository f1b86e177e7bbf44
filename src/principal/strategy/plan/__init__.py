"""The negotiation brief: issue space of a deal, values of its terms, and the brief for the supplier meeting."""
