"""Rehearse the meeting: a simulated vendor rep driven by the deal's own economics, and a scored debrief."""
