"""Negotiation strategy: staffing maths (Erlang C), contract KPIs, negotiation maths, clause drafts and the brief."""
