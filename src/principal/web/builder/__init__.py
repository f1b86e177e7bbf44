"""The deal builder: forms drawn from the deal model's JSON Schema, grouped as an order form groups its terms."""
