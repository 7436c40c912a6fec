"""Benchmarks for the statutory engine (`make bench`); never part of the test suite."""
