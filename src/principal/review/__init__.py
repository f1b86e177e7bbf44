"""Contract review: read a vendor's contract text and find the clauses behind each risk."""
