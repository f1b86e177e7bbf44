"""Shared by the fuzz tests and benchmarks/bench_fuzz.py: how input files are mutated and how errors must look."""
