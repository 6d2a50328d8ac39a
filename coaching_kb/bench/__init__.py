"""Benchmarks behind `invoke bench`."""
