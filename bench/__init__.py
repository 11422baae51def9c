"""Benchmark scripts (see docs/benchmarks.md); a package so gunicorn can import bench settings."""
