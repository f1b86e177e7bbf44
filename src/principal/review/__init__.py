"""Contract review: read a vendor's order form, MSA or SLA, find its terms and the risks they carry for the buyer."""
