"""Benchmarks: synthetic archives at several sizes, built and timed (not part of make test)."""
