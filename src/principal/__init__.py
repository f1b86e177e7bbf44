"""Principal: a negotiation co-pilot for buyers of contact-center software and other usage-priced services."""

__version__ = "0.1.0"
