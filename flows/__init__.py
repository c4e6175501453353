"""Prefect flows: wiring only; the work lives in transforms/ and newsetl/."""
