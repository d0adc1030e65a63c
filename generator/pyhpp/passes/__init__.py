"""Passes: pure functions IR -> IR, run in order by pipeline.py."""
