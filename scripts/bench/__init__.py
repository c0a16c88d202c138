"""Benchmark areas; see scripts/benchmark.py."""
