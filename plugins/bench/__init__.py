"""Benchmarks behind `invoke bench` (not a Pelican plugin)."""
