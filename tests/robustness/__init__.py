"""Robustness tests: hostile inputs, crashes and concurrent runs."""
